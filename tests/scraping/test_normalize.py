"""Normalization helpers: HTML to text (including hostile HTML), URLs, salaries, types, times, fingerprints."""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from skillgap.jobs.models import Salary
from skillgap.jobs.normalize import (
    MAX_HTML_CHARS,
    canonical_url,
    content_fingerprint,
    employment_from,
    html_to_text,
    make_salary,
    parse_amount,
    parse_interval,
    parse_time,
    plain_text,
    workplace_from,
)

# --- html_to_text --------------------------------------------------------------------------------------------


def test_paragraphs_headings_and_lists_become_lines() -> None:
    markup = """
      <h2>About   the role</h2>
      <p>We build <b>robots</b>&nbsp;&amp; software.<br>Join us!</p>
      <ul>
        <li>Python</li>
        <li><p>Kubernetes</p></li>
        <li>
          <span> </span><strong>Go</strong> or Rust
        </li>
      </ul>
      <table><tr><td>Salary</td><td>$100k</td></tr></table>
    """
    assert html_to_text(markup).splitlines() == [
        "About the role",
        "We build robots & software.",
        "Join us!",
        "- Python",
        "- Kubernetes",
        "- Go or Rust",
        "Salary $100k",
    ]


def test_double_escaped_greenhouse_content() -> None:
    escaped = "&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;&lt;ul&gt;&lt;li&gt;You&amp;#39;ll cook&lt;/li&gt;&lt;/ul&gt;"
    assert html_to_text(escaped) == "Fish & chips\n- You'll cook"


def test_plain_text_and_entities_without_tags() -> None:
    assert html_to_text("Line one\n\n  Line   two &amp; more ") == "Line one\nLine two & more"
    assert html_to_text("5 &lt; 7 and 9 &gt; 3") == "5 < 7 and 9 > 3"
    assert html_to_text("") == ""
    assert html_to_text(None) == ""
    assert html_to_text("   ") == ""
    assert html_to_text("<p></p><div>  </div>") == ""


def test_scripts_styles_and_comments_are_dropped() -> None:
    markup = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>var secret = '<p>nope</p>';</script><!-- hidden --><p>Visible</p>"
        "<noscript>enable js</noscript><template><p>tmpl</p></template></body></html>"
    )
    assert html_to_text(markup) == "Visible"


def test_plain_text_helper() -> None:
    assert plain_text("  Data &amp; <b>AI</b>\n Engineer ") == "Data & AI Engineer"
    assert plain_text(None) == ""
    assert plain_text(42) == ""


def test_deeply_nested_html_is_fast_and_safe() -> None:
    markup = "<div>" * 100_000 + "deep" + "</div>" * 100_000
    started = time.monotonic()
    text = html_to_text(markup)
    assert time.monotonic() - started < 10
    assert isinstance(text, str)


def test_nested_lists_and_unclosed_tags() -> None:
    markup = "<ul>" + "<li><ul>" * 20_000 + "<li>x" + "<p><b><i>" * 20_000
    started = time.monotonic()
    assert isinstance(html_to_text(markup), str)
    assert time.monotonic() - started < 10


def test_huge_input_is_capped() -> None:
    markup = "<p>" + "word " * 1_000_000 + "</p><p>END-MARKER</p>"  # 5 MB
    assert len(markup) > 2 * MAX_HTML_CHARS
    started = time.monotonic()
    text = html_to_text(markup)
    assert time.monotonic() - started < 10
    assert "END-MARKER" not in text
    assert text.startswith("word word")


def test_script_laden_hostile_html() -> None:
    markup = "<script>" + "alert('x');" * 10 + "</script>" + "<p>ok</p>" + "<script>while(1){}</script>" * 50_000
    markup += "<p>\x00\x01 bad &#0; &#xD800; bytes \udcff</p><<<>>><p"
    started = time.monotonic()
    text = html_to_text(markup)
    assert time.monotonic() - started < 10
    assert "alert" not in text and "while" not in text
    assert text.startswith("ok")


# --- canonical_url -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://Boards.Greenhouse.IO/acme/jobs/123?gh_src=abc&utm_source=li&utm_medium=x#apply",
            "https://boards.greenhouse.io/acme/jobs/123",
        ),
        ("https://jobs.lever.co/acme/abc?lever-source=LinkedIn&lever-origin=applied", "https://jobs.lever.co/acme/abc"),
        ("https://example.com/job?z=1&ref=feed&a=2&gclid=x", "https://example.com/job?a=2&z=1"),
        ("https://example.com:443/", "https://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/search?q=python+developer", "https://example.com/search?q=python+developer"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_of_junk() -> None:
    assert canonical_url("") == ""
    assert canonical_url(None) == ""
    assert canonical_url("not a url") == "not a url"
    assert canonical_url("http://[::1") == "http://[::1"


# --- salary --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("per-year-salary", "year"),
        ("per-month-salary", "month"),
        ("per-hour-wage", "hour"),
        ("per-week-salary", "week"),
        ("per-day-wage", "day"),
        ("1 YEAR", "year"),
        ("1 HOUR", "hour"),
        ("YEAR", "year"),
        ("Annual base salary", "year"),
        ("MONTH", "month"),
        ("NONE", None),
        (None, None),
    ],
)
def test_parse_interval(value: object, expected: str | None) -> None:
    assert parse_interval(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (120000, 120000.0),
        (95.5, 95.5),
        ("120,000", 120000.0),
        ("120k", 120000.0),
        ("$95.5K", 95500.0),
        ("1.234,56", 1234.56),
        ("1.2.3,4,5", None),
        ("42,50", 42.5),
        ("1,234.56", 1234.56),
        ("about tree fiddy", None),
        (True, None),
        (-5, None),
        (float("nan"), None),
        (None, None),
    ],
)
def test_parse_amount(value: object, expected: float | None) -> None:
    assert parse_amount(value) == expected


def test_make_salary() -> None:
    assert make_salary(100000, 150000, "usd", "per-year-salary") == Salary(100000.0, 150000.0, "USD", "year")
    assert make_salary(150000, 100000, "EUR", "YEAR") == Salary(100000.0, 150000.0, "EUR", "year")
    assert make_salary(None, "60", "dollars", None) == Salary(None, 60.0, None, "year")
    assert make_salary(None, None, "USD", "YEAR") is None


# --- workplace and employment ----------------------------------------------------------------------------------


def test_workplace_from() -> None:
    assert workplace_from("remote") == "remote"
    assert workplace_from("TELECOMMUTE") == "remote"
    assert workplace_from("Hybrid") == "hybrid"
    assert workplace_from("on-site") == "onsite"
    assert workplace_from("OnSite") == "onsite"
    assert workplace_from("unspecified") == "unspecified"
    assert workplace_from(None, remote=True) == "remote"
    assert workplace_from(None, remote=True, hybrid=True) == "hybrid"
    assert workplace_from(None, remote=False) == "onsite"
    assert workplace_from(None, location_text="Remote - US") == "remote"
    assert workplace_from(None, location_text="Berlin (Hybrid)") == "hybrid"
    assert workplace_from(None, location_text="Berlin") == "unspecified"
    assert workplace_from(42) == "unspecified"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("FullTime", "full_time"),
        ("FULL_TIME", "full_time"),
        ("Full-time", "full_time"),
        ("permanent", "full_time"),
        ("Part Time", "part_time"),
        ("PartTime", "part_time"),
        ("CONTRACTOR", "contract"),
        ("Freelance", "contract"),
        ("Intern", "internship"),
        ("INTERN", "internship"),
        ("Temporary", "temporary"),
        ("TEMPORARY", "temporary"),
        (["OTHER", "PART_TIME"], "part_time"),
        ("Volunteer", "unspecified"),
        (None, "unspecified"),
        ([], "unspecified"),
    ],
)
def test_employment_from(value: object, expected: str) -> None:
    assert employment_from(value) == expected


# --- times ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01T10:00:00Z", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("2024-03-01T10:00:00.123Z", datetime(2024, 3, 1, 10, 0, 0, 123000, tzinfo=UTC)),
        ("2024-03-05T14:22:10-05:00", datetime(2024, 3, 5, 19, 22, 10, tzinfo=UTC)),
        ("2024-03-05T14:22:10.000+0000", datetime(2024, 3, 5, 14, 22, 10, tzinfo=UTC)),
        ("2024-03-02", datetime(2024, 3, 2, tzinfo=UTC)),
        ("2024-03-02 08:30:00", datetime(2024, 3, 2, 8, 30, tzinfo=UTC)),
        ("Fri, 01 Mar 2024 10:00:00 GMT", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        (1709128800000, datetime(2024, 2, 28, 14, tzinfo=UTC)),
        (1709128800, datetime(2024, 2, 28, 14, tzinfo=UTC)),
        ("1709128800000", datetime(2024, 2, 28, 14, tzinfo=UTC)),
        (date(2024, 1, 2), datetime(2024, 1, 2, tzinfo=UTC)),
        (datetime(2024, 1, 2, 3, tzinfo=timezone(timedelta(hours=2))), datetime(2024, 1, 2, 1, tzinfo=UTC)),
        ("yesterday", None),
        ("", None),
        (None, None),
        (True, None),
        (10**30, None),
        (float("inf"), None),
    ],
)
def test_parse_time(value: object, expected: datetime | None) -> None:
    parsed = parse_time(value)
    assert parsed == expected
    if parsed is not None:
        assert parsed.tzinfo is UTC


# --- fingerprints --------------------------------------------------------------------------------------------


def test_fingerprint_ignores_markup_case_punctuation_and_whitespace() -> None:
    title = "Senior Backend Engineer"
    one = content_fingerprint(title, "Acme", "<p>Build APIs &amp; tools.</p><ul><li>Python</li></ul>")
    two = content_fingerprint("senior backend engineer ", "ACME", "Build APIs & tools.\n- Python")
    three = content_fingerprint(f" {title}", "Acme", "&lt;p&gt;Build APIs &amp;amp; tools&lt;/p&gt; Python")
    assert one == two == three
    # Stored in jobs.fingerprint and matched against the next scrape's: it must stay the sha256 of exactly these
    # words across releases, or every posting stored before an upgrade stops being recognised on another board.
    assert one == hashlib.sha256(b"senior backend engineer\nacme\nbuild apis tools python").hexdigest()


def test_fingerprint_differs_for_different_postings() -> None:
    base = content_fingerprint("Backend Engineer", "Acme", "Build APIs.")
    assert content_fingerprint("Frontend Engineer", "Acme", "Build APIs.") != base
    assert content_fingerprint("Backend Engineer", "Globex", "Build APIs.") != base
    assert content_fingerprint("Backend Engineer", "Acme", "Build UIs.") != base


def test_fingerprint_uses_leading_words_only() -> None:
    body = " ".join(f"w{i}" for i in range(400))
    assert content_fingerprint("T", "C", body) == content_fingerprint("T", "C", body + " trailing boilerplate")

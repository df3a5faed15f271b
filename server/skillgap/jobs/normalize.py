"""Normalizing what job sources give: HTML to text, URLs, salaries, workplace, employment, times, fingerprints.

It lives in `jobs`, below `scraping`: the job catalog identifies a posting by its canonical URL and content
fingerprint, and the scrapers build on the catalog; in `scraping`, it made the two packages import each other.

Everything here is pure and defensive: odd input gives an empty or "unspecified" answer, never an exception.
``html_to_text`` is safe on hostile pages: the input is capped, lxml parses without ``huge_tree`` and with
``recover``, and the tree is walked iteratively (no recursion), so deep nesting costs neither stack nor time.
"""

from __future__ import annotations

import hashlib
import html
import math
import re
import unicodedata
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree

from skillgap.jobs.models import Salary

MAX_HTML_CHARS: Final = 2_000_000
"""Longer HTML is cut before parsing: no real posting is that long, and hostile pages must stay cheap."""

_BLOCK_TAGS: Final = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "table", "tr", "thead", "tbody",
        "tfoot", "form", "fieldset", "figure", "figcaption", "address", "hr", "br", "title", "body", "html",
        "details", "summary",
    }
)  # fmt: skip
_DROPPED_TAGS: Final = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg", "math")
_ESCAPED_TAG = re.compile(r"&lt;\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s|&gt;|/)")
_RAW_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s|>|/)")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINE = "\x00NL\x00"


def _unescape_if_escaped(text: str) -> str:
    """Greenhouse gives HTML with its markup entity-escaped (``&lt;p&gt;``): undo that one level."""
    if _ESCAPED_TAG.search(text) and not _RAW_TAG.search(text):
        return html.unescape(text)
    return text


def html_to_text(markup: str | None) -> str:
    """Clean text from HTML: paragraphs, headings and list items ("- item") become lines, the rest is dropped.

    Handles entity-escaped HTML (Greenhouse), plain text (returned with whitespace collapsed), scripts and
    styles (dropped), and hostile input (capped at ``MAX_HTML_CHARS``, parsed with recovery).
    """
    if not markup or not markup.strip():
        return ""
    text = _unescape_if_escaped(markup[:MAX_HTML_CHARS])
    if not _RAW_TAG.search(text):
        return _clean_lines(html.unescape(text).split("\n"))
    parser = etree.HTMLParser(recover=True, huge_tree=False, remove_comments=True, remove_pis=True, encoding="utf-8")
    try:
        root = etree.fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (etree.LxmlError, ValueError):
        root = None
    if root is None:
        return _clean_lines(re.sub(r"<[^>]*>", " ", text).split("\n"))
    etree.strip_elements(root, *_DROPPED_TAGS, with_tail=False)
    pieces: list[str] = []
    bullet_open = False  # a "- " marker was written and no text followed it yet
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if event == "start":
            if tag == "li":
                pieces.append(_NEWLINE + "- ")
                bullet_open = True
            elif tag in _BLOCK_TAGS and not bullet_open:
                pieces.append(_NEWLINE)
            elif tag in ("td", "th"):
                pieces.append(" ")
            text = element.text
        else:
            if tag == "li" or tag in _BLOCK_TAGS:
                pieces.append(_NEWLINE)
                bullet_open = False
            text = element.tail
        if text:
            pieces.append(text)
            if bullet_open and not text.isspace():
                bullet_open = False
    joined = "".join(pieces).replace("\n", " ")
    return _clean_lines(joined.split(_NEWLINE))


# Where a word may be broken across lines ("Stellen&shy;angebote"): invisible unless it is, and no part of the word.
_SOFT_HYPHEN: Final = "\xad"


def _clean_lines(lines: list[str]) -> str:
    out: list[str] = []
    for line in lines:
        cleaned = _SPACES.sub(" ", line.replace("\xa0", " ").replace(_SOFT_HYPHEN, "")).strip()
        if not cleaned or cleaned == "-":
            continue
        out.append(cleaned)
    return "\n".join(out)


def plain_text(value: object) -> str:
    """A short text field (a title, a company): entities decoded, tags and extra whitespace removed."""
    if not isinstance(value, str):
        return ""
    text = value
    if "<" in text or "&" in text:
        text = html_to_text(text).replace("\n", " ")
    return _SPACES.sub(" ", text.replace(_SOFT_HYPHEN, "")).strip()


# --- URLs ---------------------------------------------------------------------------------------------------

_TRACKING_PARAMS: Final = frozenset(
    {"gh_src", "gh_jid_src", "lever-source", "lever-origin", "ref", "gclid", "fbclid", "mc_cid", "mc_eid"}
)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in _TRACKING_PARAMS or lowered.startswith("lever-source")


def canonical_url(url: str | None) -> str:
    """The URL with scheme and host lowercased, no fragment, no tracking parameters, other parameters sorted."""
    if not url or not isinstance(url, str):
        return ""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    if not parts.scheme or not parts.hostname:
        return url
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    if port is not None and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def host_of(url: str) -> str:
    """The host of a URL without ``www.``; empty when there is none."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


# --- Salary -------------------------------------------------------------------------------------------------

SALARY_INTERVALS: Final = ("hour", "day", "week", "month", "year")


_INTERVAL_WORDS: Final = (
    ("hour", "hour"),
    ("hr", "hour"),
    ("day", "day"),
    ("daily", "day"),
    ("week", "week"),
    ("month", "month"),
    ("year", "year"),
    ("annual", "year"),
    ("annum", "year"),
    ("yr", "year"),
)


def parse_interval(value: object) -> str | None:
    """ "per-year-salary", "1 YEAR", "YEAR", "yearly", "Annual", "per-hour-wage", "HOUR" ... to an interval."""
    if not isinstance(value, str):
        return None
    lowered = value.casefold()
    for word, interval in _INTERVAL_WORDS:
        if word in lowered:
            return interval
    return None


_AMOUNT = re.compile(r"^([0-9][0-9.,]*)\s*([km])?$")


def parse_amount(value: object) -> float | None:
    """120000, 120000.5, "120,000", "120k", "$95.5K" to a number; anything else to None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        cleaned = re.sub(r"[^0-9.,km]", "", value.strip().casefold())
        match = _AMOUNT.match(cleaned)
        if not match:
            return None
        digits = match.group(1)
        if "," in digits and "." in digits:  # the last separator is the decimal one
            thousands = "," if digits.rfind(".") > digits.rfind(",") else "."
            digits = digits.replace(thousands, "").replace(",", ".")
        elif "," in digits:
            head, _, tail = digits.rpartition(",")
            digits = digits.replace(",", "") if len(tail) == 3 else f"{head.replace(',', '')}.{tail}"
        try:
            number = float(digits)
        except ValueError:
            return None
        number *= {"k": 1_000.0, "m": 1_000_000.0}.get(match.group(2) or "", 1.0)
    else:
        return None
    if not math.isfinite(number) or number < 0:
        return None
    return number


def parse_currency(value: object) -> str | None:
    """A three-letter ISO 4217 code, uppercased; None for anything else."""
    if isinstance(value, str) and re.fullmatch(r"\s*[A-Za-z]{3}\s*", value):
        return value.strip().upper()
    return None


def make_salary(min_value: object, max_value: object, currency: object, interval: object) -> Salary | None:
    """A Salary from loosely typed parts, or None when there is no amount. Interval defaults to "year"."""
    low = parse_amount(min_value)
    high = parse_amount(max_value)
    if low is None and high is None:
        return None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Salary(low, high, parse_currency(currency), parse_interval(interval) or "year")


# --- Workplace and employment -------------------------------------------------------------------------------

WORKPLACE_TYPES: Final = ("onsite", "hybrid", "remote", "unspecified")
EMPLOYMENT_TYPES: Final = ("full_time", "part_time", "contract", "internship", "temporary", "unspecified")


def _squash(value: str) -> str:
    return re.sub(r"[^a-z]", "", value.casefold())


def workplace_from(
    value: object = None, *, remote: object = None, hybrid: object = None, location_text: object = None
) -> str:
    """ "onsite", "hybrid", "remote" or "unspecified" from a source's type field, flags, or location text."""
    if isinstance(value, str):
        squashed = _squash(value)
        if squashed in ("remote", "telecommute", "fullyremote", "remoteonly", "wfh"):
            return "remote"
        if squashed == "hybrid":
            return "hybrid"
        if squashed in ("onsite", "inoffice", "office", "inperson"):
            return "onsite"
    if hybrid is True:
        return "hybrid"
    if remote is True:
        return "remote"
    if isinstance(location_text, str):
        lowered = location_text.casefold()
        if "hybrid" in lowered:
            return "hybrid"
        if "remote" in lowered or "anywhere" in lowered:
            return "remote"
    if remote is False:
        return "onsite"
    return "unspecified"


_EMPLOYMENT_WORDS: Final = (
    ("fulltime", "full_time"),
    ("permanent", "full_time"),
    ("parttime", "part_time"),
    ("internship", "internship"),
    ("intern", "internship"),
    ("apprentice", "internship"),
    ("trainee", "internship"),
    ("contract", "contract"),
    ("freelance", "contract"),
    ("consultant", "contract"),
    ("perdiem", "contract"),
    ("temporary", "temporary"),
    ("seasonal", "temporary"),
    ("temp", "temporary"),
)


def employment_from(value: object) -> str:
    """ "full_time", "part_time", "contract", "internship", "temporary" or "unspecified".

    Accepts "FullTime", "FULL_TIME", "Full-time", "permanent", "Contractor", "Intern", ... or a list of them
    (the first one recognized wins).
    """
    if isinstance(value, list | tuple):
        for item in value:
            found = employment_from(item)
            if found != "unspecified":
                return found
        return "unspecified"
    if not isinstance(value, str):
        return "unspecified"
    squashed = _squash(value)
    for word, kind in _EMPLOYMENT_WORDS:
        if word in squashed:
            return kind
    return "unspecified"


# --- Times --------------------------------------------------------------------------------------------------


def _from_epoch(number: float) -> datetime | None:
    if not math.isfinite(number) or number <= 0:
        return None
    if number > 100_000_000_000:  # milliseconds (Lever's createdAt)
        number /= 1000
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_time(value: object) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 string, a date, epoch seconds or millis, or an RFC 2822 string."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float):
        return _from_epoch(float(value))
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if re.fullmatch(r"\d{9,14}(\.\d+)?", text):
            return _from_epoch(float(text))
        try:
            parsed = datetime.fromisoformat(text.replace("z", "Z"))
        except ValueError:
            fixed = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text.replace(" ", "T", 1))
            try:
                parsed = datetime.fromisoformat(fixed)
            except ValueError:
                try:
                    parsed = parsedate_to_datetime(text)
                except (TypeError, ValueError, IndexError):
                    return None
    else:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


# --- Fingerprint --------------------------------------------------------------------------------------------

FINGERPRINT_WORDS: Final = 300
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", html.unescape(text)).casefold()
    return _WORD.findall(folded.replace("_", " "))


def content_fingerprint(title: str, company: str, description: str) -> str:
    """A hex sha256 of the posting's words that is equal for the same posting on two boards.

    Title, company and the first ``FINGERPRINT_WORDS`` words of the description, casefolded, without
    punctuation, markup or whitespace differences.
    """
    looks_html = _RAW_TAG.search(description) or _ESCAPED_TAG.search(description)
    description_words = _words(html_to_text(description) if looks_html else description)
    parts = [" ".join(_words(title)), " ".join(_words(company)), " ".join(description_words[:FINGERPRINT_WORDS])]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()

"""The header line of an "Ask HN: Who is hiring?" comment, read into company, titles, locations, workplace, remote
region, salary and URL.

The thread asks posters to start with ``Company | Role | Location | REMOTE/ONSITE | salary | URL``; real headers
break that in many ways (tests/scraping/data/hn_headers.yaml holds 40 real ones): fields in any order, " - ", " I "
or "||" instead of "|", several roles in one field ("Backend Engineer, Product Engineer") or in "-- Role" lines
under the header, "SF or Remote", "Remote (US only)", "$170-225K", "€60-100k", "150-250k+", a URL as an HTML
link, a parenthetical domain or a bare domain. So fields are classified by what they look like, not by position;
only the company is taken by position (the first field). The words it looks for (role nouns, remote, onsite and
hybrid words, currencies, words that are not places...) are data: `skillgap/scraping/data/hn_words.yaml`, built into
the `hn_words.json` read here by `python -m skillgap.scraping.build`; the grammar around them is here.

What the reading keeps as a rule, for a posting with several options: remote work offered at all makes the
posting remote ("SF, Remote (North America)" is a remote job with an office in SF); hybrid needs the word or
days in the office; onsite needs ONSITE, on-site, in-person or "no remote".
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from babel import Locale

from skillgap.jobs.models import Salary
from skillgap.jobs.normalize import employment_from
from skillgap.scraping.hn_words_schema import HnWordsFile

__all__ = ["MAX_HEADER_CHARS", "HnHeader", "first_link", "parse_header", "salary_from_text"]

MAX_HEADER_CHARS: Final = 400
"""The longest header read: a comment whose first line is a paragraph of prose is cut there."""
MAX_TITLES: Final = 8
"""At most this many roles are read from one comment (each becomes a job)."""

_PARAGRAPH: Final = re.compile(r"<p>", re.IGNORECASE)
_ANCHOR: Final = re.compile(r"""<a\s[^>]*?href=["']([^"']*)["'][^>]*>.*?</a>""", re.IGNORECASE | re.DOTALL)
_TAG: Final = re.compile(r"<[^>]+>")
_URL: Final = re.compile(r"https?://[^\s|()<>\"']+", re.IGNORECASE)
_DOMAIN: Final = re.compile(r"(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?", re.IGNORECASE)

_STATE_CODE: Final = re.compile(r"^[A-Z]{2}$")
_PAREN: Final = re.compile(r"\(([^()]*)\)")

DATA_PACKAGE: Final = "skillgap.scraping"
DATA_FILE: Final = "data/hn_words.json"


def _words(words: Sequence[str]) -> str:
    """Literal words as alternatives, in their order (where two start alike, the first listed wins)."""
    return "|".join(re.escape(word) for word in words)


def _whole(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_words(words)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Patterns:
    """The parser's patterns: the grammar of a header here, its words from `data/hn_words.json` (built from
    `data/hn_words.yaml`, whose header says what each list is for)."""

    role: re.Pattern[str]
    remote: re.Pattern[str]
    no_remote: re.Pattern[str]
    hybrid: re.Pattern[str]
    onsite: re.Pattern[str]
    employment: re.Pattern[str]
    visa: re.Pattern[str]
    # What a workplace-or-employment-only field may also contain besides its keywords.
    filler: re.Pattern[str]
    money: re.Pattern[str]
    currency: dict[str, str]
    hourly: re.Pattern[str]
    place_noise: re.Pattern[str]
    place_word: re.Pattern[str]
    not_place: re.Pattern[str]
    batch: re.Pattern[str]
    regions: frozenset[str]

    @classmethod
    def of(cls, words: HnWordsFile) -> _Patterns:
        days = words.office_days
        symbols = "".join(re.escape(symbol) for currency in words.currencies for symbol in currency.symbols)
        codes = "|".join(currency.code.lower() for currency in words.currencies)
        openings = words.openings
        currency = {symbol: c.code for c in words.currencies for symbol in c.symbols}
        currency.update({c.code.lower(): c.code for c in words.currencies})
        return cls(
            role=_whole(words.role_nouns),
            remote=_whole(words.remote),
            no_remote=_whole(words.not_remote),
            hybrid=re.compile(
                rf"\b(?:{_words(words.hybrid)})\b|\b(?:{_words(days.days)})\b[^|]*\b(?:{_words(days.places)})\b"
                rf"|\b\d+(?:-\d+)?x?\s*/\s*(?:{_words(words.per_week)})\b",
                re.IGNORECASE,
            ),
            onsite=_whole(words.onsite),
            employment=_whole(words.employment),
            visa=_whole(words.visa),
            filler=re.compile(rf"\b(?:{_words(words.workplace_filler)})\b|[-/(),+.:;!]", re.IGNORECASE),
            money=re.compile(
                rf"(?P<cur1>[{symbols}]|{codes})?\s*(?P<a>\d{{1,3}}(?:[.,]\d{{3}})+|\d+(?:\.\d+)?)\s*(?P<ka>[kK])?\+?"
                rf"(?:\s*(?:-|–|—|to)\s*(?P<cur2>[{symbols}])?\s*(?P<b>\d{{1,3}}(?:[.,]\d{{3}})+|\d+(?:\.\d+)?)\s*"
                rf"(?P<kb>[kK])?\+?)?(?:\s*(?P<cur3>{codes})\b)?",
                re.IGNORECASE,
            ),
            currency=currency,
            hourly=re.compile(
                rf"/\s*(?:{_words(words.hourly.after_slash)})\b|\b(?:{_words(words.hourly.words)})\b", re.IGNORECASE
            ),
            # Words around a place that are not part of it ("Atlanta Based", "NYC (HQ)"), and an emptied "()".
            place_noise=re.compile(rf"\b(?:{_words(words.place_noise)})\b|\(\s*\)", re.IGNORECASE),
            place_word=re.compile(rf"^(?:[A-Z0-9][\w.'’-]*|{_words(words.place_particles)})$"),
            # Not places, though capitalised: departments and the like ("Slab | Engineering | Remote").
            not_place=re.compile(
                rf"^(?:{_words(words.not_places)}|(?:{_words(openings.quantities)})\s+(?:{_words(openings.nouns)}))$",
                re.IGNORECASE,
            ),
            batch=re.compile(rf"\(\s*(?:{_words(words.accelerator_batches)})\b[^)]*\)", re.IGNORECASE),
            regions=frozenset(words.regions),
        )


@cache
def _patterns() -> _Patterns:
    """The packaged words, read and compiled once per process."""
    raw = resources.files(DATA_PACKAGE).joinpath(*DATA_FILE.split("/")).read_bytes()
    return _Patterns.of(HnWordsFile.model_validate_json(raw))


@dataclass(frozen=True)
class HnHeader:
    """What a comment's header says. `workplace` is "remote", "hybrid", "onsite" or "unspecified"."""

    company: str
    titles: tuple[str, ...]
    locations: tuple[str, ...]
    workplace: str
    remote_region: str
    salary: Salary | None
    url: str
    employment: str
    header: str


@cache
def _countries() -> frozenset[str]:
    """Country names in English (babel's CLDR data, shipped with the package) and the usual short forms."""
    return frozenset(name.casefold() for name in Locale("en").territories.values()) | _patterns().regions


def _is_country(text: str) -> bool:
    return text.strip().casefold() in _countries()


def _first_paragraph(comment_html: str) -> list[str]:
    """The lines of the comment's first paragraph as text; links become their full href (HN cuts the text of
    long links short)."""
    first = _PARAGRAPH.split(comment_html, maxsplit=1)[0]
    first = _ANCHOR.sub(lambda m: f" {html.unescape(m.group(1))} ", first)
    text = html.unescape(_TAG.sub(" ", first))
    return [re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.split("\n") if line.strip()]


def _split_top(text: str, separators: str) -> list[str]:
    """`text` split at `separators` (a regex) outside parentheses."""
    parts: list[str] = []
    depth = 0
    start = 0
    pattern = re.compile(separators, re.IGNORECASE)
    index = 0
    while index < len(text):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = pattern.match(text, index)
            if match and match.end() > index:
                parts.append(text[start:index])
                start = index = match.end()
                continue
        index += 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _fields(header: str) -> list[str]:
    if "|" in header:
        return _split_top(header, r"\s*\|+\s*")
    if len(re.findall(r"\sI\s", header)) >= 2:
        return _split_top(header, r"\s+I\s+")
    for separator in (r"\s+[-–—]+\s+", r"\s+[•·]\s+", r"\s*;\s*"):
        fields = _split_top(header, separator)
        if len(fields) >= 2:
            return fields
    return [header.strip()]


def _bare_url(text: str) -> str:
    """The URL a whole field is: an http(s) URL, or a bare domain given https://; "" otherwise."""
    value = text.strip().strip("()[]<>").rstrip(".,;")
    if _URL.fullmatch(value):
        return value
    if _DOMAIN.fullmatch(value) and not value[:1].isupper() or re.fullmatch(r"www\.\S+", value or " "):
        return f"https://{value}"
    return ""


def salary_from_text(text: str) -> Salary | None:
    """The first pay range a short text states ("$170-225K", "€60-100k", "150-250k+", "$45/hr"); None when it
    states none (a figure needs a currency or a "k" to count as pay)."""
    patterns = _patterns()
    for match in patterns.money.finditer(text):
        cur = (match["cur1"] or match["cur2"] or match["cur3"] or "").casefold()
        k_a, k_b = bool(match["ka"]), bool(match["kb"])
        if not (cur or k_a or k_b):
            continue
        low = _number(match["a"])
        high = _number(match["b"]) if match["b"] else None
        if k_a or (k_b and low < 1000):
            low *= 1000
        if high is not None and (k_b or (k_a and high < 1000)):
            high *= 1000
        hourly = bool(patterns.hourly.search(text[match.end() : match.end() + 12]))
        if not hourly and low < 1000:
            continue  # "3h", "2 mid" and the like: not pay
        plus = text[match.start() : match.end()].rstrip().endswith("+")
        if high is None and not plus:
            high = low
        currency = patterns.currency.get(cur)
        return Salary(low, high, currency, "hour" if hourly else "year")
    return None


def _number(text: str) -> float:
    digits = re.sub(r"[.,](?=\d{3}\b)", "", text)
    return float(digits.replace(",", "."))


def _remote_region(part: str) -> str:
    """The region remote work is limited to, as a part says it: "Remote (US only)" -> "US only",
    "Remote - UK/EU" -> "UK/EU", "US remote" -> "US"."""
    match = _patterns().remote.search(part)
    if match is None:
        return ""
    after = part[match.end() :]
    paren = _PAREN.search(after)
    if paren and paren.group(1).strip() and not _only_workplace(paren.group(1)):
        return paren.group(1).strip()
    words = after.strip(" -–—:,").split()
    if words and words[0][:1].isupper() and not _only_workplace(" ".join(words)):
        return " ".join(words[:4]).strip(" ,;")
    before = part[: match.start()].strip(" -–—:,(")
    before = re.sub(r"^(?:and|or|&)\s+", "", before, flags=re.IGNORECASE)
    if before and before[:1].isupper() and len(before.split()) <= 3 and not _only_workplace(before):
        return before
    return ""


def _only_workplace(text: str) -> bool:
    """True when `text` says nothing but workplace, employment or visa words."""
    p = _patterns()
    rest = p.filler.sub(" ", p.visa.sub(" ", p.employment.sub(" ", p.hybrid.sub(" ", p.onsite.sub(" ", text)))))
    return not rest.strip()


def _places(field: str) -> list[str]:
    """Office places in a location field: "San Francisco, CA / Dallas, TX / Remote" -> two places."""
    p = _patterns()
    out: list[str] = []
    for chunk in _split_top(field, r"\s*/\s*|\s+or\s+|\s*&\s*|\s+\+\s+|\s*\+\s*|\s*;\s*|\s+and\s+"):
        parts = _split_top(chunk, r"\s*,\s*")
        for part in parts:
            part = _PAREN.sub(" ", part)
            part = re.sub(r"^(?:and|or)\s+", "", part.strip(), flags=re.IGNORECASE)
            if p.remote.search(part) or p.no_remote.search(part):
                continue
            part = p.place_noise.sub(" ", p.hybrid.sub(" ", p.onsite.sub(" ", part)))
            part = re.sub(r"\s+", " ", part).strip(" -–—:,.")
            if not part or p.not_place.match(part) or not all(p.place_word.match(w) for w in part.split()):
                continue
            if len(part.split()) > 4:
                continue
            if out and (_STATE_CODE.match(part) or _is_country(part)) and "," not in out[-1]:
                out[-1] = f"{out[-1]}, {part}"
            else:
                out.append(part)
    return out


def _titles(field: str) -> list[str]:
    p = _patterns()
    parts = _split_top(field, r"\s*,\s*|\s*&\s*|\s+and\s+")
    if len(parts) > 1 and all(p.role.search(part) for part in parts):
        candidates = parts
    else:
        candidates = [field]
    titles = []
    for title in candidates:
        # A parenthetical about where the role is worked is not part of its name.
        title = _PAREN.sub(lambda m: "" if p.remote.search(m.group(1)) or _only_workplace(m.group(1)) else m.group(0),
                           title)  # fmt: skip
        title = re.sub(r"\s+", " ", title).strip(" -–—:,")
        if title:
            titles.append(title)
    return titles


def _company(field: str) -> tuple[str, str]:
    """The company name and the URL it carries ("Langfuse (https://langfuse.com)", "Snout https://...")."""
    url = ""
    found = _URL.search(field)
    if found:
        url = found.group(0)
        field = field.replace(found.group(0), " ")
    for paren in _PAREN.finditer(field):
        inner = paren.group(1).strip()
        if not url and _bare_url(inner):
            url = _bare_url(inner)
    field = _patterns().batch.sub(" ", field)
    field = _PAREN.sub(lambda m: "" if _bare_url(m.group(1)) or not m.group(1).strip() else m.group(0), field)
    field = re.split(r"\s+[-–—:]\s+", field, maxsplit=1)[0]
    return re.sub(r"\s+", " ", field).strip(" -–—:,|"), url


def first_link(comment_html: str) -> str:
    """The first link of a comment's body that leads off Hacker News (a careers page, an ATS posting); ""."""
    for match in _ANCHOR.finditer(comment_html or ""):
        url = html.unescape(match.group(1)).strip()
        if _URL.fullmatch(url) and "news.ycombinator.com" not in url.lower():
            return url
    return ""


def parse_header(comment_html: str) -> HnHeader | None:
    """The header of a comment (HN's HTML), or None when it has no company to name (not a posting)."""
    lines = _first_paragraph(comment_html or "")
    if not lines:
        return None
    header = lines[0][:MAX_HEADER_CHARS]
    fields = _fields(header)
    if len(fields) < 2:
        return None
    company, url = _company(fields[0])
    if not company or _only_workplace(company):
        return None

    p = _patterns()
    titles: list[str] = []
    places: list[str] = []
    regions: list[str] = []
    salary: Salary | None = None
    employment = "unspecified"
    remote = hybrid = onsite = False
    countries: list[str] = []
    for field in fields[1:]:
        if not url and _bare_url(field):
            url = _bare_url(field)
            continue
        if _bare_url(field):
            continue
        if not url:
            found = _URL.search(field)
            if found:
                url = found.group(0)
        field = _URL.sub(" ", field).strip()
        if not field:
            continue
        if p.no_remote.search(field):
            onsite = True
        elif p.remote.search(field):
            remote = True
            parts = _split_top(field, r"\s*,\s*|\s+or\s+|\s*\+\s*|\s+/\s+")
            regions.extend(region for region in map(_remote_region, parts) if region)
        if p.hybrid.search(field):
            hybrid = True
        if p.onsite.search(field):
            onsite = True
        if employment == "unspecified" and p.employment.search(field):
            employment = employment_from(p.employment.search(field).group(0))  # type: ignore[union-attr]
        pay = salary_from_text(field)
        if pay is not None:
            salary = salary or pay
            continue
        if p.role.search(field):
            titles.extend(_titles(field))
            continue
        if _only_workplace(field) or p.visa.search(field):
            continue
        found_places = _places(field)
        if len(found_places) == 1 and _is_country(found_places[0]) and not p.remote.search(field):
            countries.append(found_places[0])
            continue
        places.extend(found_places)
    for line in lines[1:]:
        if re.match(r"^[-*•–—]+\s*", line) and p.role.search(line):
            titles.extend(_titles(re.sub(r"^[-*•–—]+\s*", "", line)))
    if remote and not regions and countries and not places:
        regions.append(countries[0])
    else:
        places.extend(countries)
    workplace = "remote" if remote else "hybrid" if hybrid else "onsite" if onsite else "unspecified"
    return HnHeader(
        company=company,
        titles=tuple(dict.fromkeys(titles))[:MAX_TITLES],
        locations=tuple(dict.fromkeys(places)),
        workplace=workplace,
        remote_region=regions[0] if regions else "",
        salary=salary,
        url=url,
        employment=employment,
        header=header,
    )

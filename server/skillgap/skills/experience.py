"""Years of experience: what a job description asks for, and what a resume's dated entries show.

Job descriptions
    `find_years` finds "5+ years", "3-5 years" (→ 3, the minimum), "at least two years", "5 yrs",
    "minimum of 3 years", "two (2) years", "5 years or more". A bare "N years" counts only when it is
    about experience ("5 years of", "5 years in", "5 years' experience", "Python (5 years)"), so
    "founded 10 years ago" or "for over 20 years, we have" is not a requirement.
    `attach_years` ties a statement to the skills it is about: the skills that follow it after only
    filler words ("5+ years of professional experience with Python and Django" → python, django) or
    the skill just before it ("Python (5+ years)", "Go: 3 years"). A statement tied to no skill is
    general ("5+ years of backend experience").
    The job's minimum years is decided by the extractor (see `skillgap.skills.extraction`).

Resumes
    `resume_lines` cuts a resume into lines with their section; a long line is cut into cells at wide
    gaps (columns, tables, flattened exports) and, still long, around each date range.
    `parse_experience` finds dated entries ("Jan 2019 – Present", "2017 - 2020", "03/2018 – 06/2021",
    "2019–now", "2018-03 to 2021-06", "Jan '21 – Mar '23", "2017.10 - 2019.3", "2018-" then a gap,
    "Since 2013" alone on a line), searched over the whole text so that a range PDF extraction split
    over lines ("Aug 2007" / "to" / "Current") is one range. Jobs are the dates of the experience
    sections (without an experience heading: outside education, volunteering, projects, courses and
    skills, skipping lines that look like education); a date in the middle of a sentence is none.
    Each entry's title, company and location come from the lines around its date
    (`skillgap.skills.resume_entries`); its block runs from its header to the next entry's header.
    Months: a month-precise end counts its month ("Jan 2019 – Dec 2019" is 12 months), "Present" runs
    to the end of the current month of `today`; a bare year starts in January and ends in January of
    the end year ("2017 – 2020" is 3 years, as people read it; "2019 – 2019" counts half a year).
    Total years = the union of all entries' intervals (overlapping jobs count once). Years per skill
    = the union of the intervals of the entries whose text names the skill directly (taxonomy
    implications are not applied: a Django entry does not add Python years; that is for matching).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

from skillgap.skills.resume_entries import DateSpan, read_header
from skillgap.skills.sections import HEADING_TRIM, HeadingClassifier


class Located(Protocol):
    """A skill mention: the taxonomy's `Mention` has these (absolute offsets, end exclusive)."""

    @property
    def skill_id(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


# ---------------------------------------------------------------------------------------------
# Years statements in job descriptions

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
}
_NUM = r"(?:\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + ")"
_YEARS = re.compile(
    r"(?:(?<![\w])(?P<prefix>at\s+least|a\s+minimum\s+of|minimum\s+of|minimum|min\.|no\s+less\s+than|over|"
    r"more\s+than|upwards\s+of)\s+)?"
    rf"(?<![\w.+-])(?P<n1>{_NUM})(?:\s*\(\d{{1,2}}\))?\s*(?P<plus>\+)?"
    rf"(?:\s*(?:-|–|—|to)\s*(?P<n2>{_NUM})\s*\+?)?"
    r"\s*(?P<unit>years?|yrs?)(?![\w])\.?(?P<plus2>\s*\+)?(?P<more>\s+or\s+more)?",
    re.IGNORECASE,
)
_UNIT = re.compile(r"(?<![\w])(?:years?|yrs?)(?![\w])", re.IGNORECASE)
_WINDOW = 48  # characters before the unit that a statement can start at ("a minimum of two (2) years")
_STRONG_PREFIXES = frozenset({"at least", "a minimum of", "minimum of", "minimum", "min.", "no less than"})
_EXPERIENCE_AFTER = re.compile(
    r"\s*(?:['’]s?\s*)?(?:of|in|with|experience|exp|professional|working|work|hands-on|industry|commercial|"
    r"building|developing|as|using|programming|coding|relevant|practical|production|software|designing|"
    r"writing|leading|managing|developer|engineering)\b",
    re.IGNORECASE,
)
_NAMED_AFTER = re.compile(r"[ \t]+[A-Z]")  # "5 years Python"
_NOT_EXPERIENCE_AFTER = re.compile(r"\s*(?:ago|old|of age|later|earlier|from now|in business)\b", re.IGNORECASE)
_ANNOTATION_BEFORE = re.compile(r"[(:–—-]\s*$")


@dataclass(frozen=True, slots=True)
class YearsStatement:
    """ "5+ years" and the like; absolute offsets, `years` the minimum asked for."""

    years: float
    start: int
    end: int
    text: str


def _number(token: str) -> float:
    word = _NUMBER_WORDS.get(token.lower())
    return float(word) if word is not None else float(token)


def find_years(text: str, start: int = 0, end: int | None = None, *, offset: int = 0) -> list[YearsStatement]:
    """Years-of-experience statements in ``text[start:end]``, offsets shifted by `offset`."""
    end = len(text) if end is None else end
    found = []
    covered = start
    # The full pattern only runs around a "year"/"yrs" word: most text has none, and it is slow.
    for unit in _UNIT.finditer(text, start, end):
        if unit.start() < covered:
            continue
        match = next(
            (
                candidate
                for candidate in _YEARS.finditer(text, max(start, unit.start() - _WINDOW), min(end, unit.end() + 12))
                if candidate.start() <= unit.start() and candidate.end() >= unit.end()
            ),
            None,
        )
        if match is None:
            continue
        covered = match.end()
        after = match.end()
        if _NOT_EXPERIENCE_AFTER.match(text, after, end):
            continue
        prefix = (match.group("prefix") or "").lower()
        prefix = " ".join(prefix.split())
        explicit = bool(match.group("plus") or match.group("plus2") or match.group("more") or match.group("n2")) or (
            prefix in _STRONG_PREFIXES
        )
        explicit = explicit or match.group("unit").lower().startswith("yr")
        if not explicit and not _EXPERIENCE_AFTER.match(text, after, end) and not _NAMED_AFTER.match(text, after, end):
            before = text[max(start, match.start() - 3) : match.start()]
            if not _ANNOTATION_BEFORE.search(before):
                continue
        years = _number(match.group("n1"))
        if not 0 <= years <= 40:
            continue
        found.append(YearsStatement(years, match.start() + offset, match.end() + offset, match.group()))
    return found


_FILLER = frozenset(
    "of in with using on at working work worked professional commercial industry industrial hands-on hands "
    "on production practical relevant proven solid strong experience experienced exp programming coding "
    "developing development developer building writing software engineering engineer a an the as backend "
    "back-end frontend front-end full-stack fullstack modern deep expert expertise knowledge background web "
    "server-side enterprise large-scale + ' ’ 's ’s ( : , - – — and more or".split()
)
_TOKENS = re.compile(r"[\w'’+-]+|[^\s\w]")
_LIST_GAP = re.compile(r"\s*(?:[,/&+]\s*)?(?:(?:and|or|and/or|as well as|&)\s+)?", re.IGNORECASE)
_BACKWARD_GAP = re.compile(r"\s*(?:[(:–—,-]\s*)?(?:(?:with|for|at least|min\.?|minimum)\s+)?", re.IGNORECASE)
_MAX_FILLER_TOKENS = 8


def attach_years(text: str, statement: YearsStatement, mentions: Sequence[Located], *, offset: int = 0) -> list[str]:
    """The skill ids a years statement is about, among the mentions of the same sentence.

    `text` is the sentence (or the whole document) and `offset` the absolute position of its first
    character; statement and mentions carry absolute offsets. Empty: a general statement."""
    backward = _attach_backward(text, statement, mentions, offset)
    if backward is not None and _ANNOTATION_BEFORE.search(text[backward.end - offset : statement.start - offset]):
        return [backward.skill_id]  # "Python (5+ years)", "Go: 3 years"
    forward = sorted((m for m in mentions if m.start >= statement.end), key=lambda m: m.start)
    attached: list[str] = []
    if forward:
        first = forward[0]
        gap = text[statement.end - offset : first.start - offset]
        tokens = _TOKENS.findall(gap.lower())
        if (
            ";" not in gap
            and "\n" not in gap
            and len(tokens) <= _MAX_FILLER_TOKENS
            and all(token in _FILLER for token in tokens)
        ):
            attached.append(first.skill_id)
            previous = first
            for mention in forward[1:]:
                between = text[previous.end - offset : mention.start - offset]
                if not _LIST_GAP.fullmatch(between):
                    break
                attached.append(mention.skill_id)
                previous = mention
    if attached:
        return attached
    return [backward.skill_id] if backward is not None else []


def _attach_backward(text: str, statement: YearsStatement, mentions: Sequence[Located], offset: int) -> Located | None:
    """The mention right before the statement ("Python, 5 years"), if nothing but punctuation is between."""
    before = [m for m in mentions if m.end <= statement.start]
    if not before:
        return None
    last = max(before, key=lambda m: m.end)
    gap = text[last.end - offset : statement.start - offset]
    return last if "\n" not in gap and _BACKWARD_GAP.fullmatch(gap) else None


# ---------------------------------------------------------------------------------------------
# Resumes


class ResumeSectionKind(StrEnum):
    SUMMARY = "summary"
    EXPERIENCE = "experience"
    SKILLS = "skills"
    EDUCATION = "education"
    PROJECTS = "projects"
    CERTIFICATIONS = "certifications"
    OTHER = "other"


_RESUME_HEADINGS: dict[str, ResumeSectionKind] = {}
for _kind, _names in (
    (
        ResumeSectionKind.EXPERIENCE,
        "experience | work experience | professional experience | employment | employment history | work history | "
        "career | career history | relevant experience | professional background | positions | "
        "industry experience | experience summary | professional history | career summary | jobs | "
        "technical experience | engineering experience | work",
    ),
    (
        ResumeSectionKind.EDUCATION,
        "education | academic background | education and training | academics | academic history | studies | "
        "education and certifications | formation | formations | diplômes | ausbildung",
    ),
    (
        ResumeSectionKind.SKILLS,
        "skills | technical skills | core competencies | technologies | tech stack | competencies | expertise | "
        "tools | languages | skills and tools | key skills | tools and technologies | programming languages | "
        "skills and technologies | technical expertise | areas of expertise | technical proficiencies | stack",
    ),
    (
        ResumeSectionKind.PROJECTS,
        "projects | personal projects | side projects | open source | selected projects | key projects | "
        "open source contributions | portfolio",
    ),
    (
        ResumeSectionKind.CERTIFICATIONS,
        "certifications | certificates | licenses | courses | training | licenses and certifications | "
        "certifications and courses",
    ),
    (
        ResumeSectionKind.SUMMARY,
        "summary | profile | about | about me | objective | professional summary | career objective | "
        "personal statement | overview | highlights | professional profile",
    ),
    (
        ResumeSectionKind.OTHER,
        "publications | awards | honors | achievements | volunteering | volunteer experience | interests | "
        "hobbies | references | contact | personal | additional information | activities",
    ),
):
    for _name in _names.split("|"):
        _RESUME_HEADINGS[_name.strip()] = _kind

_RESUME_HEADING_KEYWORDS = (
    (ResumeSectionKind.OTHER, re.compile(r"\bvolunteer")),
    (
        ResumeSectionKind.EXPERIENCE,
        re.compile(r"\b(?:experience|employment|work history|career|positions?|teaching)\b"),
    ),
    (ResumeSectionKind.EDUCATION, re.compile(r"\beducation\b")),
    (ResumeSectionKind.SKILLS, re.compile(r"\bskills?\b")),
    (ResumeSectionKind.PROJECTS, re.compile(r"\bprojects?\b")),
    (ResumeSectionKind.CERTIFICATIONS, re.compile(r"\bcertifica")),
)


def _resume_heading_text(line: str) -> str:
    return " ".join(line.strip(HEADING_TRIM).lower().replace("&", " and ").split())


_RESUME_HEADING = HeadingClassifier(_RESUME_HEADINGS, _RESUME_HEADING_KEYWORDS, _resume_heading_text, max_words=5)


_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")


def classify_resume_heading(line: str) -> ResumeSectionKind | None:
    """The resume section a line announces ("EXPERIENCE", "Work History:", "## Skills"), or None."""
    tagged = line.strip()
    stripped = _TAG.sub("", tagged).strip()  # "## <i class="fa fa-briefcase"></i> Experience"
    if not stripped or len(stripped.strip(HEADING_TRIM)) > 40 or any(ch.isdigit() for ch in stripped):
        return None
    # Keywords only name the section of a line set apart as a heading: "Python projects" alone is a sentence.
    set_apart = (
        stripped.isupper()
        or stripped.rstrip().endswith(":")
        or stripped.startswith(("#", "**", "__"))
        or (tagged != stripped and tagged.startswith("<h"))
    )
    return _RESUME_HEADING.classify(stripped, keywords=set_apart)


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a resume; a long line is cut into cells (see `resume_lines`)."""

    start: int
    end: int
    text: str
    section: ResumeSectionKind | None  # None before the first heading
    heading: bool


_LINES = re.compile(r"[^\n]*")
_LONG_LINE = 150  # longer lines are cut at wide gaps: columns, or a whole resume flattened onto one line
_BLOB = 250  # a cell still this long holds several lines run together
_CELL_GAP = re.compile(r"[ \t]{3,}|\t+")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z])")
_PLACE_AFTER = re.compile(r"[^.\n]{0,80}?\b(?:City|[A-Z][\w.]+)\s*,\s*(?:State|[A-Z]{2})\b")
_RUN_WORD = re.compile(r"\S+")
_RUN_JOINERS = frozenset({"&", "/", "-", "of", "and", "de", "for", "in", "the", "–"})
_MAX_RUN_WORDS = 8


def resume_lines(text: str) -> list[Line]:
    """The non-empty lines of a resume with the section each is in (headings marked).

    A line longer than `_LONG_LINE` is cut into cells at runs of 3+ spaces or tabs (columns, tables, and
    the flattened resumes of some exports); a cell still longer than `_BLOB` is cut around each date range
    and at sentence ends, so that the title before a date and the company after it stand apart."""
    lines: list[Line] = []
    section: ResumeSectionKind | None = None
    for match in _LINES.finditer(text):
        if match.start() == match.end():
            continue
        for cell_start, cell_end in _cells(text, match.start(), match.end()):
            raw = text[cell_start:cell_end]
            stripped = raw.strip()
            if not stripped:
                continue
            start = cell_start + len(raw) - len(raw.lstrip())
            kind = classify_resume_heading(stripped)
            if kind is not None:
                section = kind
            lines.append(Line(start, start + len(stripped), stripped, section, kind is not None))
    return lines


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= _LONG_LINE:
        return [(start, end)]
    cells = []
    position = start
    for gap in _CELL_GAP.finditer(text, start, end):
        if gap.start() > position:
            cells.append((position, gap.start()))
        position = gap.end()
    if position < end:
        cells.append((position, end))
    pieces: list[tuple[int, int]] = []
    for cell in cells:
        pieces.extend(_blob_pieces(text, *cell) if cell[1] - cell[0] > _BLOB else [cell])
    return pieces


def _blob_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-together stretch cut before the title run of each date, around the date, after the place that
    follows it ("Company Name – City , State"), and at sentence ends."""
    cuts = {start, end}
    for date_range in _DATE_RANGE.finditer(text, start, end):
        cuts.update((date_range.start(), date_range.end(), _title_run_start(text, start, date_range.start())))
        place = _PLACE_AFTER.match(text, date_range.end(), end)
        if place is not None:
            cuts.add(place.end())
    cuts.update(boundary.end() for boundary in _SENTENCE_END.finditer(text, start, end))
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if b > a]


def _title_run_start(text: str, floor: int, date_start: int) -> int:
    """Where the capitalised words right before a date begin ("... Space Planning Work History INDEPENDENT
    DESIGNER , 04/2020"): the upper-case run when the last word is upper case, else the capitalised run."""
    words = [(m.start(), m.group()) for m in _RUN_WORD.finditer(text, max(floor, date_start - 120), date_start)]
    while words and not any(ch.isalpha() for ch in words[-1][1]):
        words.pop()  # the " , " or " | " between the title and the date
    if not words:
        return date_start
    upper = words[-1][1].isupper() and len(words[-1][1]) > 1
    run_start = date_start
    for taken, (position, word) in enumerate(reversed(words)):
        bare = word.strip(",;:()|")
        if not bare or taken >= _MAX_RUN_WORDS or (taken and word.endswith((".", ":"))):
            break
        if not (bare.isupper() if upper else (bare[0].isupper() or bare.lower() in _RUN_JOINERS)):
            break
        run_start = position
    return run_start


_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary|urary)?|feb(?:ruary|uary|urary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"


def _date(name: str) -> str:
    return (
        rf"(?:(?P<{name}_mon>{_MONTH})\s*['’,]?\s*(?P<{name}_y1>{_YEAR})"
        rf"|(?P<{name}_mon2>{_MONTH})\s*['’]\s*(?P<{name}_yy>\d\d)(?!\d)"
        rf"|(?P<{name}_mm>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<{name}_y2>{_YEAR})"
        rf"|(?P<{name}_y3>{_YEAR})\s*[/.-]\s*(?P<{name}_mm2>0?[1-9]|1[0-2])(?![\d.])"
        rf"|(?P<{name}_y4>{_YEAR}))"
    )


_PRESENT = r"(?P<present>present|current(?:ly)?|now|today|ongoing|to\s+date|date)"
# Whitespace between the parts may hold line breaks: PDF text extraction puts "Aug 2007", "to" and
# "Current" on lines of their own.
# "2018-" with nothing after the dash but a gap or the line's end: still going ("2018-    Salsify").
_OPEN = r"(?P<open>(?<=[-–])(?=[ \t]{2,}|[ \t]*$))"
_DATE_RANGE = re.compile(
    rf"(?<![\w/.-]){_date('a')}\s*(?:--?|–|—|−|－|~|to|until|till|through|thru)\s*(?:{_date('b')}|{_PRESENT}|{_OPEN})"
    r"(?![\w/])"
    # "Since 2013" alone on its line (a heading over the jobs since then)
    rf"|^[#*_>\s]*(?:since|from)\s+(?P<since>{_date('s')})[\s*_]*$",
    re.IGNORECASE | re.MULTILINE,
)
_EDUCATION = re.compile(
    r"\b(?:university|universit[äe]t|college|school|institute|academy|bachelor'?s?|master'?s?|b\.?\s?sc|m\.?\s?sc|"
    r"ph\.?\s?d|mba|degree|diploma|b\.?\s?eng|m\.?\s?eng|b\.a\.|m\.a\.|b\.s\.|m\.s\.|coursework|graduated)\b",
    re.IGNORECASE,
)
# Sections whose dates are no jobs: a degree's years, a volunteer role, a project, a course.
_NOT_WORK = frozenset(
    {
        ResumeSectionKind.EDUCATION,
        ResumeSectionKind.OTHER,
        ResumeSectionKind.PROJECTS,
        ResumeSectionKind.CERTIFICATIONS,
        ResumeSectionKind.SKILLS,
    }
)
MAX_ENTRIES = 60  # the newest; the total counts them all
_MAX_ENTRY_LINES = 40
_MAX_ENTRY_LINE_CHARS = 500
_PROSE_AROUND = 8  # words of prose on both sides of a date: a sentence that mentions years, not an entry


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _two_digit_year(yy: str, today: date) -> int:
    """ "Jan '21" → 2021, "Mar '98" → 1998: a year not after this one."""
    year = 2000 + int(yy)
    return year if year <= today.year else year - 100


def _parse_point(match: re.Match[str], name: str, today: date) -> tuple[int, int] | None:
    """(year, month) of one side of a date range; month 0 when only the year is written."""
    mon = match.group(f"{name}_mon")
    if mon:
        return int(match.group(f"{name}_y1")), _MONTHS[mon[:3].lower()]
    mon = match.group(f"{name}_mon2")
    if mon:
        return _two_digit_year(match.group(f"{name}_yy"), today), _MONTHS[mon[:3].lower()]
    if match.group(f"{name}_mm"):
        return int(match.group(f"{name}_y2")), int(match.group(f"{name}_mm"))
    if match.group(f"{name}_y3"):
        return int(match.group(f"{name}_y3")), int(match.group(f"{name}_mm2"))
    if match.group(f"{name}_y4"):
        return int(match.group(f"{name}_y4")), 0
    return None


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date range found in text: months [start_month, end_month) as year*12 + month - 1."""

    start_month: int
    end_month: int
    start: int  # text offsets of the range as written
    end: int
    present: bool
    first: tuple[int, int] = (0, 0)  # (year, month) as written, month 0 for a bare year
    last: tuple[int, int] | None = None  # None when the range runs to the present


def find_date_ranges(text: str, *, today: date, start: int = 0, end: int | None = None) -> list[DateRange]:
    """The date ranges in ``text[start:end]``, clipped to `today`; empty or future ranges dropped."""
    now_end = _month_index(today.year, today.month) + 1
    ranges = []
    for match in _DATE_RANGE.finditer(text, start, len(text) if end is None else end):
        since = match.group("since") is not None
        first = _parse_point(match, "s" if since else "a", today)
        if first is None:
            continue
        start_precise = first[1] > 0
        start_month = _month_index(first[0], first[1] or 1)
        present = since or match.group("present") is not None or match.group("open") is not None
        last = None if present else _parse_point(match, "b", today)
        if present:
            end_month = now_end
        else:
            if last is None:
                continue
            end_precise = last[1] > 0
            end_month = _month_index(last[0], last[1] or 1)
            if end_precise:
                end_month += 1  # the end month counts
            elif not start_precise and end_month == start_month:
                end_month += 6  # "2019 – 2019": some time within the year
            elif not start_precise:
                pass  # "2017 – 2020": January to January, 3 years
            else:
                end_month = max(end_month, start_month + 1)
        end_month = min(end_month, now_end)
        if end_month <= start_month:
            continue
        ranges.append(DateRange(start_month, end_month, match.start(), match.end(), present, first, last))
    return ranges


@dataclass(frozen=True, slots=True)
class ExperienceEntry:
    """One dated entry of a resume: a job (or position)."""

    title: str  # "" when none could be told apart
    start_month: int
    end_month: int  # exclusive
    start: int  # the entry's block of text: from its header's first line to the next entry
    end: int
    dates: str  # the date range as written
    present: bool
    company: str = ""
    location: str = ""
    first: tuple[int, int] = (0, 0)  # (year, month) as written, month 0 for a bare year
    last: tuple[int, int] | None = None  # None when current
    lines: tuple[str, ...] = ()  # the lines below the header, bullet markers dropped

    @property
    def years(self) -> float:
        return round((self.end_month - self.start_month) / 12, 1)


def union_months(intervals: Iterable[tuple[int, int]]) -> int:
    """Months covered by half-open month intervals, overlaps counted once."""
    total = 0
    current_start = current_end = None
    for start, end in sorted(intervals):
        if current_end is None or current_start is None or start > current_end:
            if current_end is not None and current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None and current_start is not None:
        total += current_end - current_start
    return total


def _months_to_years(months: int) -> float:
    return round(months / 12, 1)


@dataclass(frozen=True, slots=True)
class ResumeExperience:
    entries: tuple[ExperienceEntry, ...]  # newest first (latest end, then latest start, then resume order)
    total_years: float | None  # None without dated entries

    @property
    def recent_titles(self) -> tuple[str, ...]:
        return recent_titles(self.entries)

    def entry_of(self, start: int, end: int) -> ExperienceEntry | None:
        """The entry whose block holds text[start:end]."""
        return next((entry for entry in self.entries if entry.start <= start and end <= entry.end), None)

    def skill_years(self, mentions: Iterable[Located]) -> dict[str, float]:
        """Years per skill id: the union of the intervals of the entries whose block mentions it."""
        if not self.entries:
            return {}
        ordered = sorted(self.entries, key=lambda e: e.start)
        starts = [entry.start for entry in ordered]
        intervals: dict[str, set[tuple[int, int]]] = {}
        for mention in mentions:
            index = bisect.bisect_right(starts, mention.start) - 1
            if index < 0:
                continue
            entry = ordered[index]
            if mention.end > entry.end:
                continue
            intervals.setdefault(mention.skill_id, set()).add((entry.start_month, entry.end_month))
        return {skill_id: _months_to_years(union_months(spans)) for skill_id, spans in intervals.items()}


def recent_titles(entries: Sequence[ExperienceEntry], limit: int = 3) -> tuple[str, ...]:
    """The titles of the newest entries, newest first, each once (case-insensitively)."""
    titles: list[str] = []
    seen: set[str] = set()
    for entry in entries:
        key = entry.title.casefold()
        if entry.title and key not in seen:
            seen.add(key)
            titles.append(entry.title)
            if len(titles) == limit:
                break
    return tuple(titles)


def _work_lines(lines: Sequence[Line]) -> list[bool | None]:
    """Which lines may hold a job's date: True in the experience sections (or, without one, outside
    education, volunteering, projects, courses and skills); None where a date is a job only under a
    header with a title (a skills heading the jobs run on under, a page that puts jobs under "Education");
    False elsewhere."""
    has_experience = any(line.heading and line.section is ResumeSectionKind.EXPERIENCE for line in lines)
    work: list[bool | None] = []
    seen_experience = False
    for line in lines:
        seen_experience = seen_experience or line.section is ResumeSectionKind.EXPERIENCE
        if line.heading:
            work.append(False)
        elif line.section is ResumeSectionKind.EXPERIENCE or (not has_experience and line.section not in _NOT_WORK):
            work.append(True)
        elif (seen_experience and line.section is ResumeSectionKind.SKILLS) or (
            not has_experience and line.section is ResumeSectionKind.EDUCATION and not _EDUCATION.search(line.text)
        ):
            work.append(None)
        else:
            work.append(False)
    return work


def _prose_around(text: str, line: Line, date_range: DateRange) -> bool:
    """A date in the middle of a sentence ("led the 2019 - 2020 migration of ...")."""
    before = text[line.start : date_range.start].split()
    after = text[date_range.end : line.end].split()
    return len(before) >= _PROSE_AROUND and len(after) >= _PROSE_AROUND


def _body_line(text: str) -> str:
    bullet = _BODY_BULLET.match(text)
    return (text[bullet.end() :] if bullet else text).strip()[:_MAX_ENTRY_LINE_CHARS]


_BODY_BULLET = re.compile(r"^\s*(?:[•▪●◦‣⁃∙·➢➤►■□❖✓✔→>*+o]\s*|[-–—]\s+|\d{1,2}[.)]\s+)")


def parse_experience(text: str, *, today: date, lines: Sequence[Line] | None = None) -> ResumeExperience:
    """The dated work entries of a resume, with titles and total years (see the module doc).

    `lines`: `resume_lines(text)` when the caller has it already."""
    lines = resume_lines(text) if lines is None else lines
    if not lines:
        return ResumeExperience((), None)
    has_experience_heading = any(line.heading and line.section is ResumeSectionKind.EXPERIENCE for line in lines)
    work = _work_lines(lines)
    starts = [line.start for line in lines]
    # One search of the whole text: a range may run over lines ("Aug 2007" / "to" / "Current").
    anchors: list[tuple[DateSpan, DateRange]] = []
    maybe: set[int] = set()  # anchors that are jobs only with a title
    for date_range in find_date_ranges(text, today=today):
        first = bisect.bisect_right(starts, date_range.start) - 1
        last = bisect.bisect_right(starts, date_range.end - 1) - 1
        if first < 0 or work[first] is False or (anchors and anchors[-1][0].last_line >= first):
            continue
        if any(lines[index].heading for index in range(first, last + 1)):
            continue
        line = lines[first]
        if _prose_around(text, line, date_range):
            continue
        if not has_experience_heading:
            above_text = lines[first - 1].text if first and not lines[first - 1].heading else ""
            if _EDUCATION.search(line.text) or _EDUCATION.search(above_text):
                continue
        anchors.append((DateSpan(date_range.start, date_range.end, first, last), date_range))
        if work[first] is None:
            maybe.add(len(anchors) - 1)
    if not anchors:
        return ResumeExperience((), None)

    date_lines = {index for span, _ in anchors for index in range(span.first_line, span.last_line + 1)}
    headers = []
    floor = -1
    for position, (span, _) in enumerate(anchors):
        ceiling = anchors[position + 1][0].first_line if position + 1 < len(anchors) else len(lines)
        header = read_header(text, lines, span, floor=floor, ceiling=ceiling, date_lines=date_lines)
        headers.append(header)
        floor = header.body_line - 1

    entries = []
    for position, ((span, date_range), header) in enumerate(zip(anchors, headers, strict=True)):
        if position in maybe and not header.title:
            continue
        # The block runs to the next entry's header, or to the next section heading.
        last = headers[position + 1].first_line - 1 if position + 1 < len(anchors) else len(lines) - 1
        last = max(last, span.last_line)
        for following in range(span.last_line + 1, last + 1):
            if lines[following].heading:
                last = following - 1
                break
        body = [
            _body_line(lines[index].text)
            for index in range(header.body_line, last + 1)
            if index not in date_lines and lines[index].text.strip()
        ]
        entries.append(
            ExperienceEntry(
                title=header.title,
                start_month=date_range.start_month,
                end_month=date_range.end_month,
                start=lines[header.first_line].start,
                end=lines[max(last, header.body_line - 1)].end,
                dates=text[date_range.start : date_range.end],
                present=date_range.present,
                company=header.company,
                location=header.location,
                first=date_range.first,
                last=date_range.last,
                lines=tuple(line for line in body if line)[:_MAX_ENTRY_LINES],
            )
        )
    # A PDF's text may hold a block twice: the same dates under the same title are one job.
    unique: dict[tuple[int, int, str], ExperienceEntry] = {}
    for entry in entries:
        unique.setdefault((entry.start_month, entry.end_month, entry.title.casefold()), entry)
    entries = list(unique.values())
    order = {id(entry): position for position, entry in enumerate(entries)}
    entries.sort(key=lambda e: (-e.end_month, -e.start_month, order[id(e)]))
    total = union_months((entry.start_month, entry.end_month) for entry in entries)
    return ResumeExperience(tuple(entries[:MAX_ENTRIES]), _months_to_years(total))

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
    `parse_experience` finds dated entries ("Jan 2019 – Present", "2017 - 2020", "03/2018 – 06/2021",
    "2019–now", "2018-03 to 2021-06") in the experience section (the whole text when there is no
    experience heading, skipping lines that look like education), each with its block of text (from
    its title line to the next entry) and its title.
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
        "education and certifications",
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
    (ResumeSectionKind.EXPERIENCE, re.compile(r"\b(?:experience|employment|work history|career)\b")),
    (ResumeSectionKind.EDUCATION, re.compile(r"\beducation\b")),
    (ResumeSectionKind.SKILLS, re.compile(r"\bskills?\b")),
    (ResumeSectionKind.PROJECTS, re.compile(r"\bprojects?\b")),
    (ResumeSectionKind.CERTIFICATIONS, re.compile(r"\bcertifica")),
)


def _resume_heading_text(line: str) -> str:
    return " ".join(line.strip(HEADING_TRIM).lower().replace("&", " and ").split())


_RESUME_HEADING = HeadingClassifier(_RESUME_HEADINGS, _RESUME_HEADING_KEYWORDS, _resume_heading_text, max_words=5)


def classify_resume_heading(line: str) -> ResumeSectionKind | None:
    """The resume section a line announces ("EXPERIENCE", "Work History:", "## Skills"), or None."""
    stripped = line.strip()
    if not stripped or len(stripped) > 40 or any(ch.isdigit() for ch in stripped):
        return None
    # Keywords only name the section of a line set apart as a heading: "Python projects" alone is a sentence.
    set_apart = stripped.isupper() or stripped.rstrip().endswith(":") or stripped.startswith("#")
    return _RESUME_HEADING.classify(stripped, keywords=set_apart)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str
    section: ResumeSectionKind | None  # None before the first heading
    heading: bool


_LINES = re.compile(r"[^\n]*")


def resume_lines(text: str) -> list[Line]:
    """The non-empty lines of a resume with the section each is in (headings marked)."""
    lines: list[Line] = []
    section: ResumeSectionKind | None = None
    for match in _LINES.finditer(text):
        if match.start() == match.end():
            continue
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        kind = classify_resume_heading(stripped)
        if kind is not None:
            section = kind
        lines.append(Line(start, end, stripped, section, kind is not None))
    return lines


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
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"


def _date(name: str) -> str:
    return (
        rf"(?:(?P<{name}_mon>{_MONTH})\s*['’,]?\s*(?P<{name}_y1>{_YEAR})"
        rf"|(?P<{name}_mm>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<{name}_y2>{_YEAR})"
        rf"|(?P<{name}_y3>{_YEAR})\s*[/-]\s*(?P<{name}_mm2>0[1-9]|1[0-2])(?!\d)"
        rf"|(?P<{name}_y4>{_YEAR}))"
    )


_PRESENT = r"(?P<present>present|current(?:ly)?|now|today|ongoing|to\s+date|date)"
_DATE_RANGE = re.compile(
    rf"(?<![\w/.-]){_date('a')}\s*(?:-|–|—|−|to|until|till|through|thru)\s*(?:{_date('b')}|{_PRESENT})(?![\w/])",
    re.IGNORECASE,
)
_EDUCATION = re.compile(
    r"\b(?:university|universit[äe]t|college|school|institute|academy|bachelor'?s?|master'?s?|b\.?\s?sc|m\.?\s?sc|"
    r"ph\.?\s?d|mba|degree|diploma|b\.?\s?eng|m\.?\s?eng|b\.a\.|m\.a\.|b\.s\.|m\.s\.|coursework|graduated)\b",
    re.IGNORECASE,
)
_TITLE_WORDS = re.compile(
    r"\b(?:engineer|developer|programmer|architect|scientist|analyst|manager|lead|head|director|intern|"
    r"internship|consultant|designer|administrator|admin|specialist|sre|devops|cto|ceo|vp|officer|researcher|"
    r"tester|qa|founder|co-founder|owner|student|trainee|apprentice|technician|principal|staff|associate|"
    r"expert|coordinator|strategist|scrum master|freelancer|contractor|dba|president|fellow)\b",
    re.IGNORECASE,
)
_TITLE_SPLIT = re.compile(r"\s+(?:[|@·•–—-]|at)\s+|\s*[|,·•]\s*|\t+|\s{3,}", re.IGNORECASE)
_TITLE_TRIM = " \t|,·•–—-:;()[]"
_MAX_TITLE = 80


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _parse_point(match: re.Match[str], name: str) -> tuple[int, bool] | None:
    """(month index, month precise) of one side of a date range."""
    mon = match.group(f"{name}_mon")
    if mon:
        return _month_index(int(match.group(f"{name}_y1")), _MONTHS[mon[:3].lower()]), True
    if match.group(f"{name}_mm"):
        return _month_index(int(match.group(f"{name}_y2")), int(match.group(f"{name}_mm"))), True
    if match.group(f"{name}_y3"):
        return _month_index(int(match.group(f"{name}_y3")), int(match.group(f"{name}_mm2"))), True
    if match.group(f"{name}_y4"):
        return _month_index(int(match.group(f"{name}_y4")), 1), False
    return None


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date range found in text: months [start_month, end_month) as year*12 + month - 1."""

    start_month: int
    end_month: int
    start: int  # text offsets of the range as written
    end: int
    present: bool


def find_date_ranges(text: str, *, today: date, start: int = 0, end: int | None = None) -> list[DateRange]:
    """The date ranges in ``text[start:end]``, clipped to `today`; empty or future ranges dropped."""
    now_end = _month_index(today.year, today.month) + 1
    ranges = []
    for match in _DATE_RANGE.finditer(text, start, len(text) if end is None else end):
        first = _parse_point(match, "a")
        if first is None:
            continue
        start_month, start_precise = first
        present = match.group("present") is not None
        if present:
            end_month = now_end
        else:
            second = _parse_point(match, "b")
            if second is None:
                continue
            end_month, end_precise = second
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
        ranges.append(DateRange(start_month, end_month, match.start(), match.end(), present))
    return ranges


@dataclass(frozen=True, slots=True)
class ExperienceEntry:
    """One dated entry of a resume: a job (or position)."""

    title: str  # "" when none could be told apart
    start_month: int
    end_month: int  # exclusive
    start: int  # the entry's block of text: from its title line to the next entry
    end: int
    dates: str  # the date range as written
    present: bool

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
    entries: tuple[ExperienceEntry, ...]  # newest first (latest end, then latest start)
    total_years: float | None  # None without dated entries

    @property
    def recent_titles(self) -> tuple[str, ...]:
        return recent_titles(self.entries)

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


def _title_segments(text: str) -> list[str]:
    return [segment.strip(_TITLE_TRIM) for segment in _TITLE_SPLIT.split(text) if segment.strip(_TITLE_TRIM)]


def _pick_title(candidates: Sequence[str]) -> str:
    """The first segment that reads like a job title, among the candidate lines in order."""
    for candidate in candidates:
        for segment in _title_segments(candidate):
            if _TITLE_WORDS.search(segment) and len(segment) <= _MAX_TITLE:
                return segment
    return ""


def parse_experience(text: str, *, today: date, lines: Sequence[Line] | None = None) -> ResumeExperience:
    """The dated work entries of a resume, with titles and total years (see the module doc).

    `lines`: `resume_lines(text)` when the caller has it already."""
    lines = resume_lines(text) if lines is None else lines
    has_experience_heading = any(line.heading and line.section is ResumeSectionKind.EXPERIENCE for line in lines)
    # (line index, range) of the lines that hold a work date range
    anchors: list[tuple[int, DateRange]] = []
    for index, line in enumerate(lines):
        if line.heading:
            continue
        if has_experience_heading and line.section is not ResumeSectionKind.EXPERIENCE:
            continue
        ranges = find_date_ranges(text, today=today, start=line.start, end=line.end)
        if not ranges:
            continue
        if not has_experience_heading:
            above_text = lines[index - 1].text if index and not lines[index - 1].heading else ""
            if _EDUCATION.search(line.text) or _EDUCATION.search(above_text):
                continue
        anchors.append((index, ranges[0]))
    if not anchors:
        return ResumeExperience((), None)

    anchor_lines = {index for index, _ in anchors}
    header_starts: list[int] = []
    for index, date_range in anchors:
        header = index
        line = lines[index]
        # A date line that carries its own title ("Engineer, Acme (2019 - 2025)") starts the entry;
        # the line above it is the previous entry's last line, not this entry's title.
        own_title = re.search(r"[^\W\d_]{2,}", text[line.start : date_range.start] + text[date_range.end : line.end])
        if index > 0 and own_title is None:
            above = lines[index - 1]
            if (
                not above.heading
                and index - 1 not in anchor_lines
                and not above.text.startswith(("-", "*", "•", "▪", "●", "◦", "‣", "+"))
                and len(above.text) <= _MAX_TITLE + 40
                and text.count("\n", above.end, lines[index].start) == 1
            ):
                header = index - 1
        header_starts.append(header)

    entries = []
    for position, (index, date_range) in enumerate(anchors):
        header = header_starts[position]
        last = header_starts[position + 1] - 1 if position + 1 < len(anchors) else len(lines) - 1
        for following in range(index + 1, last + 1):  # the block stops at the next section heading
            if lines[following].heading:
                last = following - 1
                break
        line = lines[index]
        own = text[line.start : date_range.start] + " " + text[date_range.end : line.end]
        candidates = [own]
        if header != index:
            candidates.append(lines[header].text)
        if index + 1 < len(lines) and not lines[index + 1].heading and index + 1 not in anchor_lines:
            candidates.append(lines[index + 1].text)
        title = _pick_title(candidates)
        if not title:
            fallback = _title_segments(own) or (_title_segments(lines[header].text) if header != index else [])
            title = fallback[0][:_MAX_TITLE] if fallback else ""
        entries.append(
            ExperienceEntry(
                title=title,
                start_month=date_range.start_month,
                end_month=date_range.end_month,
                start=lines[header].start,
                end=lines[last].end,
                dates=text[date_range.start : date_range.end],
                present=date_range.present,
            )
        )
    entries.sort(key=lambda e: (e.end_month, e.start_month), reverse=True)
    total = union_months((entry.start_month, entry.end_month) for entry in entries)
    return ResumeExperience(tuple(entries), _months_to_years(total))

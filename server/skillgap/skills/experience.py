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
    gaps (columns, tables, flattened exports) and, still long, around each date range. A resume kept as source
    (LaTeX, org-mode, reStructuredText, AsciiDoc) is read through its structure (`skillgap.skills.resume_markup`).
    `parse_experience` finds dated entries ("Jan 2019 – Present", "2017 - 2020", "03/2018 – 06/2021",
    "2019–now", "2018-03 to 2021-06", "Jan '21 – Mar '23", "2017.10 - 2019.3", "2018-" then a gap,
    "Since 2013" alone on a line), searched over the whole text so that a range PDF extraction split
    over lines ("Aug 2007" / "to" / "Current") is one range. Jobs are the dates of the experience
    sections (without an experience heading: outside education, volunteering, projects, courses and
    skills, skipping lines that look like education); a date in the middle of a sentence is none.
    Each entry's title, company and location come from the lines around its date
    (`skillgap.skills.resume_entries`); its block runs from its header to the next entry's header. The newest
    job's title is then chosen among the pieces around its date by weights learned from labelled resumes
    (`skillgap.skills.title_model`; `USE_TITLE_MODEL`), the header rules still saying where it ends.
    Months: a month-precise end counts its month ("Jan 2019 – Dec 2019" is 12 months), "Present" runs
    to the end of the current month of `today`; a bare year starts in January and ends in January of
    the end year ("2017 – 2020" is 3 years, as people read it; "2019 – 2019" counts half a year).
    Internships, courses and studies written among the jobs ("Intern", "Student", "Graduate Student") are listed but
    not counted; an employer's range over the dated roles held there ("ACCENTURE: June 2014 - Current") is no job
    of its own, and a block a PDF's text holds twice is one job.
    Total years = the union of all entries' intervals (overlapping jobs count once). Years per skill
    = the union of the intervals of the entries whose text names the skill directly (taxonomy
    implications are not applied: a Django entry does not add Python years; that is for matching).
"""

from __future__ import annotations

import bisect
import contextvars
import functools
import html
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Protocol

from skillgap.datafiles import alternation, cased_alternation
from skillgap.places.schema import fold
from skillgap.skills import resume_markup, title_model
from skillgap.skills.date_words_schema import built as date_words
from skillgap.skills.resume_entries import (
    NAME_JOINERS,
    DateSpan,
    EntryHeader,
    clean_markup,
    company_score,
    date_field_line,
    field_key,
    field_kind,
    is_location,
    is_prose,
    is_title,
    keyed_field_line,
    read_header,
    role_in_sentence,
    segments,
    title_case,
    title_field,
    without_code_around,
    without_web_address,
)
from skillgap.skills.resume_headings_schema import built as resume_headings
from skillgap.skills.resume_markup_schema import built as markup_words
from skillgap.skills.sections import HEADING_TRIM, HeadingClassifier
from skillgap.skills.title_reader import better_title, names_studies, read_title
from skillgap.skills.title_words_schema import built as built_words
from skillgap.text_keys import squash


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


# The usual headings of each kind (curated in `data/resume_headings.yaml`), in their order there.
_RESUME_HEADINGS: dict[str, ResumeSectionKind] = {
    _name: ResumeSectionKind(_kind) for _kind, _names in resume_headings().headings for _name in _names
}
_VOLUNTEER = re.compile(resume_headings().volunteer)
_RESUME_HEADING_KEYWORDS = (
    (ResumeSectionKind.OTHER, _VOLUNTEER),
    *((ResumeSectionKind(_keyword.kind), re.compile(_keyword.pattern)) for _keyword in resume_headings().keywords),
)
_CERTIFICATIONS_KEYWORD = next(
    pattern for kind, pattern in _RESUME_HEADING_KEYWORDS if kind is ResumeSectionKind.CERTIFICATIONS
)
# Chinese headings only by name: "项目描述:" (project description) inside a job is no projects heading.
# Emoji and icons before a heading's words ("## 💼 Work Experience", "### 🎓 Diplômes").
_HEADING_ICONS = re.compile(r"^[^\w(]+")
# GitHub's emoji short codes, icons written as words: "### :books: Studium und Ausbildung".
_EMOJI_CODE = re.compile(r"(?<![^\W_]):[a-z][a-z0-9_+-]{0,29}:(?=\s)")


# Headings are compared casefolded, as the data writes them (Greek "Δεξιότητες" -> "δεξιότητεσ"); Python casefolds
# Turkish "İ" to "i" and a combining dot ("İş Deneyimi" -> "i̇ş deneyimi"): the dot is dropped.
_DOTTED_I = "i\u0307"


def _resume_heading_text(line: str) -> str:
    text = _HEADING_ICONS.sub("", line.strip(HEADING_TRIM)).replace("’", "'")
    return " ".join(text.casefold().replace(_DOTTED_I, "i").replace("&", " and ").split())


_RESUME_HEADING = HeadingClassifier(_RESUME_HEADINGS, _RESUME_HEADING_KEYWORDS, _resume_heading_text, max_words=5)


_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")


# `"work": [`, `jobs: [`, `var opleidingen = [{`: a data file's list (a JS declaration's keyword is no part of the key).
# `window.RESUME_JOBS = window.RESUME_JOBS || [`: a global's list, kept if already set. `'employment' => [`: a PHP
# array's key.
_OBJECT_KEY = re.compile(
    r"""(?:(?:export\s+)?(?:var|let|const)\s+|(?:window|globalThis|self|this|module\.exports|exports)\.)?"""
    r"""["']?([A-Za-z][\w ]{1,30})["']?"""
    r"""(?:\s*:\s*[A-Za-z_][\w.]*(?:<[^<>\n]{0,40}>)?(?:\[\])*(?=\s*=))?"""  # TypeScript: `jobs: Job[] = [`
    r"""\s*(?:=>|[:=])\s*(?:[\w.]{1,60}\s*\|\|\s*)?[\[{](?:\s*[\[{])?"""
)
# A key's words: "workExperience", "esperienze_professionali" are "work experience", "esperienze professionali".
_KEY_WORD_BREAK = re.compile(r"_+|(?<=[a-z])(?=[A-Z])")


def _key_section(key: str) -> ResumeSectionKind | None:
    """The section a data key names: by its words, else by its last ones, as a name's head comes last
    ("RESUME_JOBS", "defaultExperience": jobs, experience), else by its first ones before a word of no section
    ("educationInfo", "jobInfo": education, jobs; a head is tried as written and in the plural)."""
    words = _KEY_WORD_BREAK.sub(" ", key).lower().split()
    tails = [" ".join(words[start:]) for start in range(len(words))]
    heads = [" ".join(words[:end]) + plural for end in range(len(words) - 1, 0, -1) for plural in ("", "s")]
    return next(
        (
            kind
            for part in tails + heads
            if (kind := _RESUME_HEADING.classify(part, keywords=False) or _UNACCENTED_HEADINGS.get(fold(part)))
        ),
        None,
    )


# A data key is mostly written without its language's accents ("educacion", "experiencia_profesional"): the usual
# headings as a key may spell them.
_UNACCENTED_HEADINGS = {fold(name): kind for name, kind in reversed(_RESUME_HEADINGS.items())}


# `overview:` with its value on the next line: a field of a data object (`summary: >`, `summary: |-`: a YAML block
# of text below it).
_BARE_KEY = re.compile(r"""["']?[A-Za-z_]\w*["']?\s*:(?:[ \t]*[>|][+-]?)?""")


_ELEMENT_TAIL = re.compile(r"[^<>]+</(?!h[1-6]\b)[a-zA-Z][\w-]*\s*>")  # words, then the close of a non-heading element


_QUOTED_FIELD = re.compile(r"""[ \t]*["']?[A-Za-z_][\w-]*["']?[ \t]*[:=][ \t]*["'`]""")


# A line that is one link, alone or as a list item: a page's navigation ("<li><a href="#skills">Skills</a></li>").
_NAV_LINK = re.compile(r"(?:<li\b[^<>\n]*>\s*)?<a\b[^<>\n]*>[^<>\n]*</a>\s*(?:</li>)?", re.IGNORECASE)
# An HTML list item: a line of a job's duties ("<li>Client Engagement:</li>"), no heading by its keywords alone.
_LIST_ITEM = re.compile(r"<li\b", re.IGNORECASE)


def classify_resume_heading(line: str) -> ResumeSectionKind | None:
    """The resume section a line announces ("EXPERIENCE", "Work History:", "## Skills"), or None."""
    tagged = line.strip()
    key = _OBJECT_KEY.fullmatch(tagged)
    if key is not None:  # `jobs: [`, `"education": [`: the key of a data object's list
        return _RESUME_HEADING.classify(key.group(1), keywords=False) or _key_section(key.group(1))
    if _BARE_KEY.fullmatch(tagged) and _KEY_WORD_BREAK.search(bare := tagged.strip("\"': \t>|+-")):
        return _key_section(bare)  # a YAML key of words run together, its list below (`workExperience:`)
    if _QUOTED_FIELD.match(tagged):
        return None  # `details: \`Main achievements:`: a data object's field whose string happens to name a section
    if _ELEMENT_TAIL.match(tagged):
        return None  # "Developed projects, including:</p>": the last words of a paragraph begun on a line above
    if _NAV_LINK.fullmatch(tagged):
        return None  # `<a class="nav-link" href="#arbeidserfaring">Arbeidserfaring</a>`: a menu's link, no section
    # "## <i class="fa fa-briefcase"></i> Experience", "<h1>Exp&eacute;riences professionnelles</h1>"; a section's
    # number before its name ("04 Education", "2. Work Experience", "IV. Skills")
    stripped = _SECTION_NUMBER.sub("", _EMOJI_CODE.sub("", _heading_words(tagged)), count=1)
    if tagged.startswith("<h") and stripped and len(stripped.split()) <= 12 and _VOLUNTEER.search(stripped.lower()):
        # An HTML heading that names volunteering, however long: "Field Experience Through CAVE (Community Action
        # Volunteers in Education)".
        return ResumeSectionKind.OTHER
    # a remark in brackets or after a dash after a section's own name ("Work Experience (most recent first)", "الخبرات
    # المهنية (الأحدث أولاً)", "Work Experience - professional"); "Field Experience Through CAVE (Community Action
    # Volunteers)" is no section's name
    named = _HEADING_REMARK.sub("", stripped)
    if named != stripped and _RESUME_HEADING.classify(named, keywords=False) is not None:
        stripped = named
    if not stripped or len(stripped.strip(HEADING_TRIM)) > 40 or any(ch.isdigit() for ch in stripped):
        return None
    # Keywords only name the section of a line set apart as a heading: "Python projects" alone is a sentence.
    set_apart = not _LIST_ITEM.match(tagged) and (
        stripped.isupper()
        or stripped.rstrip().endswith(":")
        or stripped.startswith(("#", "**", "__"))
        or (tagged != stripped and tagged.startswith("<h"))
    )
    kind = _RESUME_HEADING.classify(stripped, keywords=False) or _named_twice(stripped)
    if kind is None and set_apart:
        # "#### Experience Architect" is a job title under the experience heading, not a heading.
        guess = _RESUME_HEADING.classify(stripped, keywords=True)
        kind = None if guess is None or is_title(clean_markup(stripped)) else guess
    return kind


_HEADING_REMARK = re.compile(
    r"(?<=[^\W\d_])(?:\s*[(（][^()（）\d\n]{1,40}[)）]|\s+[-–—]\s+[^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s*:?\s*$"
)
_SECTION_NUMBER = re.compile(r"^\s*(?:\d{1,2}[.):]?|[IVX]{1,4}[.)])\s+(?=[^\W\d_])")


# What joins two section names in one heading (`resume_headings.yaml`): "Educación y formación", "Skills & Languages".
_HEADING_JOINER = re.compile(
    r"\s*(?:,"
    + "".join(f"|{re.escape(joiner)}" for joiner in resume_headings().joiners if not joiner[0].isalpha())
    + rf"|(?<![^\W_]){alternation(tuple(j for j in resume_headings().joiners if j[0].isalpha()))}(?![^\W_]))\s*",
    re.IGNORECASE,
)


def _named_twice(text: str) -> ResumeSectionKind | None:
    """The kind of a heading that joins two section names of that kind ("Educación y formación"), each a heading of
    its own."""
    parts = [part for part in _HEADING_JOINER.split(text.strip(HEADING_TRIM)) if part]
    if len(parts) != 2:
        return None
    kinds = {_RESUME_HEADING.classify(part, keywords=False) for part in parts}
    return kinds.pop() if len(kinds) == 1 else None


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
    and at sentence ends, so that the title before a date and the company after it stand apart. A resume kept as
    source (LaTeX, org-mode, reStructuredText, AsciiDoc) is read through its structure (`resume_markup`): its markup
    blanked, a macro's arguments lines of their own, named by what they hold. Offsets stay the resume's own."""
    markup = resume_markup.read(text)
    text = markup.plain
    cell_starts = [cell.start for cell in markup.cells]
    lines: list[Line] = []
    section: ResumeSectionKind | None = None
    key_indent: int | None = None  # the indentation of the data key that opened the section (`"work": [`)
    key_object = False  # that key opened an object of sections (`"personal": {`), not a list of items
    experience_level: int | None = None  # the markdown level of the experience heading the lines are under
    experience_colon = False  # that heading ends with a colon ("Work Experience:")
    for match in _LINES.finditer(text):
        if match.start() == match.end():
            continue
        for cell_start, cell_end, written in _source_cells(text, match.start(), match.end(), markup, cell_starts):
            raw = text[cell_start:cell_end] if written is None else written
            stripped = raw.strip()
            if not stripped:
                continue
            start = cell_start + len(raw) - len(raw.lstrip()) if written is None else cell_start
            kind = None if markup.in_string(start) else classify_resume_heading(stripped)
            if kind is None and not markup.in_string(start) and _SETEXT_RULE.match(text, match.end() + 1):
                # "Selected Faculty Appointments" over "======": markdown's other way of writing a top heading
                kind = classify_resume_heading("# " + stripped)
            key = _OBJECT_KEY.fullmatch(stripped)
            if kind is None and key is not None and resume_markup.not_work_key(key.group(1)):
                kind = ResumeSectionKind.OTHER  # `"volunteer": [`: a data file's list of no jobs
            elif (
                kind is None
                and key is not None
                and key_indent is not None
                and start - match.start() <= key_indent
                and lines
                and lines[-1].text.rstrip(",;") in ("]", "}")
            ):
                # `],` / `timeline: [` beside the `skillLevels: [` that opened the skills: a key we do not know, at the
                # level of the section's own key once its value is closed, ends that section (as an unknown markdown
                # heading does; a file without indentation tells its levels only by the closing bracket)
                section, key_indent = None, None
            if (
                kind is ResumeSectionKind.PROJECTS
                and section is ResumeSectionKind.EXPERIENCE
                and (
                    (not experience_colon and stripped.endswith((":", "：")))
                    or (experience_level is not None and _heading_level(stripped) is None)
                )
            ) or (
                kind in _JOB_LABEL_KINDS
                and section is ResumeSectionKind.EXPERIENCE
                and experience_level is not None
                and _heading_level(stripped) is None
                and stripped.rstrip("*_ ").endswith((":", "："))
            ):
                # "Projekte:" below a job of "BERUFSERFAHRUNG", a bare "Projects" below a job of "# EXPERIENCES",
                # "**Networking Professionnel & Leadership :**" below a job of "## Expérience": a label of that job's
                # lines, written as the resume writes none of its headings; the jobs after it are still jobs
                kind = None
            elif kind is not None and (key is not None or _BARE_KEY.fullmatch(stripped)):
                # `"highlights": [` inside a job of `"work": [` is a field of that job, not a section of its own:
                # deeper than the key that opened the section, or next to the job's date fields. So is a YAML job's
                # `highlights:` under `experience:`, its list on the lines below.
                indent = start - match.start()
                if (
                    (key_indent is not None and indent > key_indent and not key_object)
                    or _beside_date_field(text, lines, indent)
                    or _in_data_item(text, lines, indent)
                ):
                    kind = None
                else:
                    key_indent, key_object = indent, stripped.endswith("{")
            elif (
                kind is not None
                and key_indent is not None
                and start - match.start() > key_indent
                and (_BARE_KEY.fullmatch(stripped))
            ):
                kind = None  # `    overview:` in a job of `jobs: [`: that job's field, its value on the next line
            elif kind is not None and section is ResumeSectionKind.EXPERIENCE and _ITALIC_LABEL.fullmatch(stripped):
                kind = None  # "_Highlights_", "*Responsibilities*" under a job: a label of its lines
            elif (
                kind is ResumeSectionKind.EDUCATION
                and section is ResumeSectionKind.EXPERIENCE
                and _deeper(stripped, experience_level)
                and _RESUME_HEADING.classify(_heading_words(stripped), keywords=False) is None
            ):
                # "### Amplify Education" under "## Experience": an employer whose name holds the keyword, no section
                # (a projects or volunteering subheading there still is one)
                kind = None
            elif kind is not None:
                key_indent = None
            if kind is not None:
                section = kind
                experience_level = _heading_level(stripped) if kind is ResumeSectionKind.EXPERIENCE else None
                experience_colon = stripped.endswith((":", "："))
            end = start + len(stripped) if written is None else cell_end
            lines.append(Line(start, end, stripped, section, kind is not None))
    return _close_unknown_sections(text, _repeated_job_parts(_plain_headings(text, lines)))


# Sections whose name may label a job's own lines ("**Networking & Leadership :**", "**Highlights:**") under a
# markdown experience heading.
_JOB_LABEL_KINDS = frozenset({ResumeSectionKind.OTHER, ResumeSectionKind.SUMMARY})


def _plain_line(line: Line) -> bool:
    """A line of words only: no markup, no list mark, not upper case, no colon at its end."""
    words = line.text
    return (
        words[:1].isalpha() and not words.isupper() and not words.endswith((":", "：")) and _TAG.search(words) is None
    )


def _plain_headings(text: str, lines: list[Line]) -> list[Line]:
    """The lines, with the experience heading a resume writes as a plain line read by its keywords too.

    Keywords name the section only of a line set apart as a heading (upper case, a colon, markup): "Python projects"
    alone on a line is a sentence. But a resume whose usual headings are plain lines ("Vzdělání") and that has no
    experience heading by name writes that one so too ("Pracovní zkušenosti a praxe"): there, a short plain line after
    a blank line whose keyword names the work experience is its heading. Only that one: a resume's other plain lines
    ("Community Outreach" among its skills) stay where they are."""
    if not any(line.heading and _plain_line(line) for line in lines) or any(
        line.heading and line.section is ResumeSectionKind.EXPERIENCE for line in lines
    ):
        return lines
    read: list[Line] = []
    section: ResumeSectionKind | None = None
    promoted = False  # under the plain experience heading found here, up to the next heading
    for index, line in enumerate(lines):
        kind: ResumeSectionKind | None = None
        if line.heading:
            kind, promoted = line.section, False
        elif (
            _plain_line(line)
            and (index == 0 or text.count("\n", lines[index - 1].end, line.start) >= 2)
            and not is_title(line.text)
            and not company_score(line.text)
            and _RESUME_HEADING.classify(line.text) is ResumeSectionKind.EXPERIENCE
        ):
            kind, promoted = ResumeSectionKind.EXPERIENCE, True
        # elsewhere a line keeps the section it was read in (a data key beside a section's own key may have ended it)
        section = kind if kind is not None else section if promoted else line.section
        read.append(replace(line, section=section, heading=kind is not None))
    return read


# Sections whose name may head a part of each job ("ACHIEVEMENTS" under every job of a PDF's "EXPERIENCE").
_JOB_PART_KINDS = frozenset({ResumeSectionKind.OTHER, ResumeSectionKind.SUMMARY, ResumeSectionKind.PROJECTS})


def _repeated_job_parts(lines: list[Line]) -> list[Line]:
    """The lines, with a heading the resume writes more than once read as a part of the job above it when it follows
    the work experience: "EXPERIENCE" / "SEPTEMBER 2022 – MAY 2023" / ... / "ACHIEVEMENTS" / ... / "JANUARY 2022 –
    AUGUST 2022" / ... / "ACHIEVEMENTS": a section is named once, a part of each job once per job, so the jobs after
    the first "ACHIEVEMENTS" are still jobs. Sections of degrees, skills or certificates are never such parts."""
    counts = Counter(_heading_words(line.text).casefold() for line in lines if line.heading)
    if not counts or max(counts.values()) < 2:
        return lines
    read: list[Line] = []
    in_experience = False  # under the experience heading, or a part of one of its jobs
    in_part = False  # under such a part's heading, up to the next heading
    for line in lines:
        if line.heading:
            in_part = (
                in_experience and line.section in _JOB_PART_KINDS and counts[_heading_words(line.text).casefold()] > 1
            )
            if not in_part:
                in_experience = line.section is ResumeSectionKind.EXPERIENCE
        read.append(replace(line, section=ResumeSectionKind.EXPERIENCE, heading=False) if in_part else line)
    return read


def _source_cells(
    text: str, start: int, end: int, markup: resume_markup.Markup, cell_starts: Sequence[int]
) -> list[tuple[int, int, str | None]]:
    """The cells of a line: those a structured format gave (`resume_markup`: a LaTeX macro's arguments, with the words
    to read there) and the rest of the line between them; without any, the line's own cells (`_cells`)."""
    first = bisect.bisect_left(cell_starts, start)
    given = markup.cells[first : bisect.bisect_left(cell_starts, end, first)]
    if not given:
        return [(a, b, None) for a, b in _cells(text, start, end)]
    found: list[tuple[int, int, str | None]] = []
    position = start
    for cell in given:
        if cell.start > position and text[position : cell.start].strip():
            found.append((position, cell.start, None))
        found.append((cell.start, min(cell.end, end), cell.text))
        position = max(position, cell.end)
    if position < end and text[position:end].strip():
        found.append((position, end, None))
    return found


_MARKDOWN_HEADING = re.compile(r"#{1,6}(?=\s)")
_SETEXT_RULE = re.compile(r"[ \t]{0,3}={3,}[ \t]*$", re.MULTILINE)


def _heading_level(text: str) -> int | None:
    match = _MARKDOWN_HEADING.match(text)
    return len(match.group()) if match is not None else None


def _deeper(text: str, level: int | None) -> bool:
    """A markdown heading below the level `level` ("### Acme" under "## Experience")."""
    own = _heading_level(text)
    return level is not None and own is not None and own > level


def _heading_words(text: str) -> str:
    """A heading line's words, without tags and markup."""
    return html.unescape(_TAG.sub("", text)).strip()


_ITALIC_LABEL = re.compile(r"([_*])(?!\1)[^_*\n]{2,40}\1:?")
_SIBLINGS = 12  # lines looked back for a date field of the same object


def _lines_above(text: str, lines: Sequence[Line]) -> Iterator[tuple[int, int]]:
    """(offset where its text line begins, its indentation) of the last `_SIBLINGS` lines, nearest first."""
    for line in reversed(lines[-_SIBLINGS:]):
        begin = text.rfind("\n", 0, line.start) + 1
        yield begin, line.start - begin


def _beside_date_field(text: str, lines: Sequence[Line], indent: int) -> bool:
    """A date field (`startDate: ...`, `date: ...`) at this indentation above, in the same object: the line is a field
    of a job."""
    for begin, own in _lines_above(text, lines):
        if own < indent:
            return False
        if own == indent and (_DATE_FIELD.match(text, begin) or date_field_line().match(text, begin)):
            return True
    return False


# A YAML list item that opens with a field: "- role: Desenvolvedor Web Full-Stack", "- company:".
_DATA_ITEM = re.compile(r"""[ \t]*-[ \t]+["']?[A-Za-z_]\w*["']?[ \t]*:""")


def _in_data_item(text: str, lines: Sequence[Line], indent: int) -> bool:
    """The nearest line above at a smaller indentation opens a YAML list item with a field: the line is a field of that
    item (`skills:` of a job in a Jekyll `_data/experience.yml`, which has no key over its jobs)."""
    for begin, own in _lines_above(text, lines):
        if own < indent:
            return _DATA_ITEM.match(text, begin) is not None
    return False


def _markdown_block(lines: Sequence[Line], index: int, level: int) -> int:
    """The end (exclusive) of the lines under the markdown heading at `index`: up to the next heading of its level or
    above, or a section heading."""
    end = index + 1
    while end < len(lines) and not lines[end].heading:
        other = _heading_level(lines[end].text)
        if other is not None and other <= level:
            break
        end += 1
    return end


def _employers_beside_experience(text: str, lines: list[Line]) -> None:
    """Employer headings at the level of an experience heading ("## Saltpay" / "### Senior Developer (May 2022 -
    Present)" beside "## Other Employment"), before any section, with a dated heading under them: their lines are
    jobs too."""
    levels = {
        _heading_level(line.text) for line in lines if line.heading and line.section is ResumeSectionKind.EXPERIENCE
    } - {None}
    index = 0
    while index < len(lines):
        level = _heading_level(lines[index].text)
        if lines[index].section is not None or lines[index].heading or level not in levels or level is None:
            index += 1
            continue
        end = _markdown_block(lines, index, level)
        dated_heading = any(
            (_heading_level(lines[inside].text) or 0) > level
            and _DATE_RANGE.search(text, lines[inside].start, lines[inside].end)
            for inside in range(index + 1, end)
        )
        if dated_heading:
            for inside in range(index, end):
                lines[inside] = replace(lines[inside], section=ResumeSectionKind.EXPERIENCE)
        index = end


def _parts_of_jobs(text: str, lines: list[Line]) -> None:
    """A section heading nested under a dated job heading ("### Senior Developer (July 2019 - June 2021)" /
    "#### Skills") is a part of that job: it is no heading, and its lines, up to the next heading, stay in the job's
    section."""
    job_level: int | None = None  # the markdown level of the dated heading the lines are under
    for index, line in enumerate(lines):
        level = _heading_level(line.text)
        if (
            line.heading
            and index
            and level is not None
            and job_level is not None
            and level > job_level
            and line.section is not ResumeSectionKind.EXPERIENCE
        ):
            section = lines[index - 1].section
            lines[index] = replace(line, section=section, heading=False)
            inside = index + 1
            while inside < len(lines) and not lines[inside].heading:
                lines[inside] = replace(lines[inside], section=section)
                inside += 1
        elif level is not None and not line.heading:
            if _DATE_RANGE.search(text, line.start, line.end) is not None:
                job_level = level
            elif job_level is not None and level <= job_level:
                job_level = None
        elif line.heading:
            job_level = None


def _close_unknown_sections(text: str, lines: list[Line]) -> list[Line]:
    """A markdown heading we do not know ("## 📚 Frameworks", "### Good moments in life") at the level of the
    section's own heading, or above it, ends that section: its lines are another section (OTHER), not the
    jobs or degrees above. One that has dates under it stays in the section (a company heading "## Acme").
    Before that, employer headings beside an experience heading join it, and headings under a dated job heading
    ("#### Skills" of a job) are parts of that job (`_employers_beside_experience`, `_parts_of_jobs`)."""
    _employers_beside_experience(text, lines)
    _parts_of_jobs(text, lines)
    section_level: int | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        level = _heading_level(line.text)
        if line.heading:
            section_level = level
        elif level is not None and section_level is not None and level <= section_level:
            end = _markdown_block(lines, index, level)
            dated = _DATE_RANGE.search(text, line.start, lines[end - 1].end) or _DATE_FIELD.search(
                text, line.start, lines[end - 1].end
            )
            if dated is None or line.section is ResumeSectionKind.OTHER:
                # undated: another section (OTHER); dated under a section of no jobs ("## Personal data" /
                # "## Professional merits"): a section we do not know, whose dates may be jobs
                kind = ResumeSectionKind.OTHER if dated is None else None
                lines[index] = replace(line, section=kind, heading=True)
                for inside in range(index + 1, end):
                    lines[inside] = replace(lines[inside], section=kind)
                section_level = level
            index = end
            continue
        index += 1
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
    if _QUOTED_FIELD.match(text, start) is None:  # a data file's text field holds no heading ("... Forest Service FIA")
        for heading in _BLOB_HEADING.finditer(text, start, end):
            if _run_on_heading(text, start, end, heading):
                cuts.update(heading.span())
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:], strict=False) if b > a]


# Section headings run into the text of a flattened resume ("... Asset Management Professional Experience Director
# of Information Technology 11/2012 to Current", "... Accounting Assistant Affiliations Member of ...").
_BLOB_HEADING = re.compile(
    r"(?<![\w&'’-])(?=(?-i:[A-Z]))(?:"  # capitalised: the look-ahead fails fast on most of the text
    + "|".join(
        r"\s+".join(map(re.escape, name.split()))
        for name in sorted(_RESUME_HEADINGS, key=len, reverse=True)
        if name.isascii() and "'" not in name
    )
    + r")(?![\w&'’-])",
    re.IGNORECASE,
)


def _run_on_heading(text: str, start: int, end: int, heading: re.Match[str]) -> bool:
    """A heading name written as one (capitalised, not inside a sentence) in a run-together stretch. A single
    word ("Experience", "Education") is one only at a sentence start, before a date, or when no role follows
    it ("Customer Experience Manager" is a title)."""
    words = heading.group().split()
    if not all(word[0].isupper() or word.lower() in NAME_JOINERS for word in words):
        return False
    before = text[max(start, heading.start() - 40) : heading.start()].rstrip()
    after = text[heading.end() : min(end, heading.end() + 80)].lstrip()
    if after[:1].islower() or after[:1] in {",", "&"}:
        return False
    if len(words) == 1 and text[heading.end() : heading.end() + 1] in {".", "!", "?"}:
        return False  # "... for Café and Patient Service.also": a sentence's last word
    sentence_start = not before or before[-1] in ".!?:;|•"
    previous = before.split()[-1] if before.split() else ""
    if not sentence_start and previous[:1].islower():
        return False
    if len(words) > 1 or after[:1].isdigit():
        return True
    following = after.split()[:4]
    if following and following[0].lower() in _SENTENCE_WORDS:
        return False  # "Skills I teach include ...": the word starts a sentence
    return not is_title(" ".join(following))


_SENTENCE_WORDS = frozenset("i we you he she they it my our your the a an this that these is are was were".split())


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


# The months' names in the languages resumes are written in (curated in `data/date_words.yaml`): name -> number.
_MONTHS: dict[str, int] = {name: number for number, names in enumerate(date_words().months, start=1) for name in names}
_MONTH = cased_alternation(tuple(_MONTHS)) + r"\.?"


def _month_number(word: str) -> int:
    return _MONTHS[word.casefold().rstrip(".")]


_YEAR = r"(?:19[5-9]\d|20\d\d)"


_DOT_SPACE = r"(?:(?<=\.)[ \t])?"
_DAY = r"(?:[0-3]?\d(?:st|nd|rd|th)?\s+)"  # "16th Jan 2017", "03 Jan 2017": the day is dropped
_DAY_AFTER = r"(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)"  # "June 5, 2017", "July 31st 2017": so is this one


# "– December 2016" after "January"; "à juil. 2019" after "mai."
_OPEN_YEAR_END = rf"\s*(?:-{{1,3}}|–|—|{alternation(date_words().range_words)})\s*{_MONTH}\s*['’,-]?\s*{_YEAR}"
# HTML pages write the slash and the dash as character references: "1&#47;2018 &#45; Present", "2016&mdash;2021".
_SLASH_ENTITY = r"&#0*47;|&#x0*2f;|&sol;"
_DASH_ENTITY = r"&#0*45;|&#x0*2d;|&#0*821[12];|&#x0*201[34];|&[nm]dash;|&hyphen;|&minus;"
# A season or a quarter before a year ("Spring 2014", "Summers 2023 – 2025", "Q1 2019 – Q2 2021") says no month: the
# year is read alone.
_SEASON = r"(?:(?:(?:spring|summer|fall|autumn|winter)s?|q[1-4])\s+)"


# "Oct 14 - Present", "Jan 13 - Mar 14": a month and a two-digit year with no apostrophe, read only as a side of a
# range whose other side is written the same way or is the present (alone, "May 15" is a day of May).
_SHORT_SIDE = rf"{_MONTH}\s+\d\d(?![\d:])(?!\s*,?\s*(?:19|20)\d\d)"
_SHORT_YEAR_AHEAD = rf"(?=\s*(?:-|–|—|to)\s*(?:{_SHORT_SIDE}|present|current|now)(?![^\W_]))"


def _date(name: str, *, open_year: bool = False, short_year: str = "") -> str:
    """One date; `open_year`: also a month whose year is written only on the range's other side
    ("January – December 2016"); `short_year`: also "Oct 14" (a two-digit year), when followed by what the pattern
    `short_year` requires."""
    short = (
        rf"|(?P<{name}_mon5>{_MONTH})\s+(?P<{name}_yy2>\d\d)(?![\d:])(?!\s*,?\s*(?:19|20)\d\d){short_year}"
        if short_year
        else ""
    )
    return (
        # Full dates: "10/01/2018" (month and day in either order, see `_day_month`), "2017-05-01" (ISO).
        # A dot may have a space after it ("11. 6. 2017", as Czech and Slovak write dates).
        rf"(?:(?P<{name}_d1>[0-3]?\d)(?P<{name}_dsep>[/.-]){_DOT_SPACE}(?P<{name}_d2>[0-3]?\d)(?P={name}_dsep){_DOT_SPACE}"
        rf"(?P<{name}_y5>{_YEAR})(?!\d)"
        # ... or with dots, as Hungarian and Korean write it ("2010.01.12", "2008.05.02.", "2019. 03. 15."), or with
        # slashes, as Chinese and Japanese resumes do ("2021/06/07")
        rf"|(?P<{name}_y6>{_YEAR})(?P<{name}_isep>[-/]|\.[ \t]?)(?P<{name}_mm3>0?[1-9]|1[0-2])(?P={name}_isep)"
        rf"(?:0?[1-9]|[12]\d|3[01])(?!\d)\.?"
        # "2019年3月", "2021年10月1日": a Chinese or Japanese year and month (the day dropped), or a Korean one
        # ("2019년 3월", "2019년 3월 15일")
        rf"|(?P<{name}_y7>{_YEAR})\s*[年년]\s*(?P<{name}_mm5>0?[1-9]|1[0-2])\s*[月월](?:\s*[0-3]?\d\s*[日일])?"
        # "Jan 2019", "16th Jan 2017", "June 5, 2017", "Jan-2019", "Abril/2019", "março de 2019", "marzo del 2019"
        rf"|{_DAY}?(?P<{name}_mon>{_MONTH})\s*{_DAY_AFTER}?(?:['’,/-]|de(?:l)?\s)?\s*(?P<{name}_y1>{_YEAR})"
        # "2024 augusztus", "2016. március": the year first, as Hungarian writes it; the month ends its field
        rf"|(?P<{name}_y8>{_YEAR})\.?[ \t]+(?P<{name}_mon6>{_MONTH})(?=[ \t]*(?:[-–—,;|)\]\"'<]|$))"
        rf"|(?P<{name}_mon2>{_MONTH})\s*['’‘`´]\s*(?P<{name}_yy>\d\d)(?!\d)"
        rf"|(?P<{name}_mm>0?[1-9]|1[0-2])\s*(?:[/.-]|{_SLASH_ENTITY})\s*(?P<{name}_y2>{_YEAR})"
        rf"|(?P<{name}_y3>{_YEAR})\s*[/.-]\s*(?P<{name}_mm2>0?[1-9]|1[0-2])(?!\d)(?:\.(?![ \t]?\d))?"
        rf"|(?P<{name}_y4>{_YEAR})"
        + short
        # (in lower case only abbreviated or joined by a hyphen, "mai. à juil. 2019", "oct-nov 2019": cheap to rule
        # out at each word of running text; not the English words "may" and "march": "you may - June 2016 was")
        + (
            rf"|(?:(?=(?-i:[A-Z]))|(?=[^\W\d_]{{3,9}}[.-])(?!(?-i:may|march)\b))"
            rf"(?P<{name}_mon3>{_MONTH})(?={_OPEN_YEAR_END})"
            if open_year
            else ""
        )
        + ")"
    )


_SINCE = alternation(date_words().since)
# The opening tags of an HTML line before its first words ("<h3>Seit 2018 – Rektorin</h3>", "<li><b>Since 2019</b>").
_LEAD_TAGS = r"(?:<(?:h[1-6]|p|li|div|span|strong|b|em|i|td|dt|dd)\b[^<>\n]{0,80}>[ \t]*){0,4}"


def _full_date(name: str) -> str:
    """ "20/07/2015", "01.10.2018": a day, a month and a year (see `_day_month`)."""
    return (
        rf"(?P<{name}_d1>[0-3]?\d)(?P<{name}_sep>[/.-]){_DOT_SPACE}(?P<{name}_d2>[0-3]?\d)(?P={name}_sep){_DOT_SPACE}"
        rf"(?P<{name}_y>{_YEAR})(?!\d)"
    )


def _full_point(match: re.Match[str], name: str) -> tuple[int, int]:
    day_month = (int(match.group(f"{name}_d1")), int(match.group(f"{name}_d2")), match.group(f"{name}_sep"))
    return int(match.group(f"{name}_y")), _day_month(*day_month)


_PRESENT_WORD = rf"{alternation(date_words().present)}(?![^\W_])"
_PRESENT = rf"(?P<present>{alternation(date_words().present)})"
# Whitespace between the parts may hold line breaks: PDF text extraction puts "Aug 2007", "to" and
# "Current" on lines of their own.
# Markdown writes an en dash as "--" and an em dash as "---" ("July 2015 --- Present"); Japanese resumes a wave dash
# ("2019年8月〜2022年5月", "2018年4月〜").
# "2018-" with nothing after the dash but a gap (a tab is one: a Word table's cells), the line's end, the colon
# before the title, the end of a data file's string (`"2024 augusztus - ",`) or a closing bracket: still going
# ("2018-    Salsify", "2018-<tab>Salsify", "May 2023 - : Statistical Consultant", "Diáknagykövet (2023 - )"), or an
# ellipsis ending the line ("**Pepperbay - Développeur web** : 2019 - ...").
# "2019–21": the end's year written with its last two digits after a dash (an HTML entity's too: "2020&ndash;22";
# a space after the dash: "Academic Year 2013 - 14"),
# the range ending its line or cell (read only after a bare four-digit year, and only when later than it: see
# `_short_end_year`), an element's text ("<td>2019-21</td>"), or a data file's string (`yearSpan: "2016-19"`).
_SHORT_END_YEAR = (
    r"(?(a_y4)(?:(?<=[-–—])|(?<=[-–—] )|(?<=&ndash;)|(?<=&mdash;))"
    r"(?P<b_yy4>\d\d)(?![\d/.:’%-])(?!'(?![ \t]*(?:[,;}\]]|$)))"
    r"(?=[ \t]*(?:$|[|,;)\]<]|[ \t]{2}|\t|[\"'`]))|(?!))"
)
# A dash between a header's pieces, with no date or present word after it ("- Anatec", not "- 2021" nor "- June").
_DASH_NO_DATE = rf"[ \t]+[-–—][ \t]+(?![ \t]*(?:\d|{_MONTH}(?![^\W_])|{_PRESENT_WORD}))"
_OPEN = (
    r"""(?P<open>(?<=[-–〜～→])(?(broken)(?=[ \t]*$)|"""
    r"""(?=[ \t]{2,}|\t|[ \t]*(?:\.{3}|…)?[ \t]*$|[ \t]*:[ \t]|[ \t]*[)）、]|[ \t]*["'](?=[ \t]*[,}\]]|[ \t]*$))))"""
)


def _field_keys(keys: tuple[str, ...]) -> str:
    """A curated list of field keys as a pattern: an underscore also matches a hyphen or nothing ("startDate")."""
    return "|".join(re.escape(key).replace("_", "[_-]?") for key in sorted(keys, key=len, reverse=True))


_ONE_DATE_KEYS = _field_keys(date_words().one_date_keys)
_DATE_RANGE = re.compile(
    # A line's indentation is taken with the range: a date alone on its line ("  Oct 2016" / "  to" / "  Current"
    # of an indented PDF text) would otherwise start the match first, with the indentation, and cut the range.
    r"(?:^[ \t]+)?"
    # (a dot leader's last dot is no part of a date before it: "[SAIC](...)......1998 – 2002")
    rf"(?<![^\W_])(?:(?<![/.-])|(?<=\.\.\.))(?:{_SEASON}(?=\d))?"
    rf"{_date('a', open_year=True, short_year=_SHORT_YEAR_AHEAD)}"
    # (the close of an inline element around the start: `<abbr class="dtstart">September 2011</abbr> - <abbr>present`;
    # `broken`: the start's line ends before the separator: a dash opening the next line is an open range's only
    # when nothing follows it there, else it is that line's bullet: "26 Juin 1982" / "- Nationalité Chilienne")
    r"(?:</(?:abbr|time|date|span|strong|b|em|i)>)?(?:(?P<broken>[^\S\n]*\n\s*)|[^\S\n]*)"
    # (or an HTML table's "from" cell and its "to" cell: "<td>August 2018</td>" / "<td>2020</td>", or the two dates of
    # one cell a line apart: "<td>11/2019<br>11/2020</td>")
    rf"(?:-{{1,3}}|–|—|−|－|~|〜|～|-{{0,2}}>|&gt;|→|⟶|&rarr;|{_DASH_ENTITY}|</t[dh]>\s*<t[dh]\b[^<>\n]{{0,80}}>|<br\s*/?>|\|(?=[^\S\n]*\S[^|\n]*\|)|{alternation(date_words().range_words)}|,(?=\s*{_PRESENT_WORD}))\s*"
    # a dash, then a range word before the present ("03/2019 – bis jetzt", "2018 - a la actualidad"), or an inline
    # element's opening tag around the end (the W3.CSS CV template's "Mar 2020 - <span class="w3-tag">Current</span>")
    rf"(?:(?<=[-–—~])\s*{alternation(date_words().range_words)}\s+(?={_PRESENT_WORD}))?"
    r"(?:(?<=[-–—~ ])<(?:span|strong|b|em|i|abbr|time|date)\b[^<>\n]{0,80}>\s*)?"
    rf"(?:{_SEASON}(?=\d))?(?:{_date('b', short_year='(?<=.)')}|{_SHORT_END_YEAR}|{_PRESENT}|{_OPEN})(?![^\W_]|/)"
    # Two full dates apart in a table's "From" and "To" columns ("20/07/2015    31/05/2016"): one range.
    rf"|(?<![\w/.-])(?P<cols>{_full_date('ca')})[ \t]+{_full_date('cb')}(?![\w/])"
    # "Since 2013" alone on its line (a heading over the jobs since then, or a list item: "  - Since Nov 2018")
    rf"|^[#*_>•\- \t]*{_LEAD_TAGS}{_SINCE}\s+(?P<since>{_date('s')})[ \t*_]*(?:</[a-z1-6]+>[ \t]*)*$"
    # or set apart as a field of its own: "{seit Feb. 2016}", "| since 2019 |", "Engineer, since March 2020", or as
    # a table's first column ("seit 2019      Freischaffende Künstlerin", "Since 2019: Freelance Artist") or a
    # heading's first piece ("### Depuis Juin 2017 - Anatec @ Paris", "Seit 2018 – Rektorin": no date after the dash,
    # "## SINCE 2012/07, RAKUTEN – DBA": a capital after the comma, not a sentence's "Since 2019, I ...")
    # (or between the tags of an HTML cell: "<div>Depuis 2011 <span>Ambulances St Ambroise</span>")
    rf"|(?<=[{{|,;(–—>])[ \t]*{_SINCE}\s+(?P<since_field>{_date('f')})(?=[ \t*_]*(?:[}})|,;<]|$))"
    rf"|^[#*_>•\- \t]*{_LEAD_TAGS}{_SINCE}\s+(?P<since_column>{_date('g')})"
    rf"(?=[ \t]*[:|]|[ \t]{{2,}}|\t|{_DASH_NO_DATE}|,[ \t]*(?!I\b)(?-i:[A-Z])"
    # or a month written in digits, as a CV's table writes it, and the title after one space, as a PDF's text gives
    # the table's row ("seit 03/2019 Senior Softwareentwickler, Acme GmbH"; not prose: "Since March 2019 we ...")
    rf"|(?(g_mm)[ \t](?!I\b)(?-i:[A-ZÀ-ÖØ-Þ])|(?!)))"
    # or ending a header line: "**Freelance** since september 2020", "**Developer** at [Optimiz.me](…) since june 2020."
    rf"|(?<=\S[ \t]){_SINCE}[ \t]+(?P<since_end>{_date('e')})(?=[ \t*_]*\.?[ \t]*$)"
    # A date leading its line before a colon ("### 2024: Teaching Assistant, Algoma University", "<h4>2019: Office
    # Assistant at ..."): a job of that date
    rf"|^[#>* \t]*{_LEAD_TAGS}(?=[^:\n]{{4,24}}:)(?P<lead>{_SEASON}?{_date('l')})(?=[ \t]*:[ \t]+[^\W\d_])"
    # One date alone on its line ("> June 2016", "📅 September 2022", "- 2014"): a job of that month or year
    rf"|^[^\w\n]*{_SEASON}?(?P<single>{_date('o')})[^\w\n]*$"
    # or alone between an element's tags ("<td class="col-md-2">2014</td>", "<h4 class="pop">Juin 2015</h4>"), unless
    # the next line is a cell with a date: a table's "from" cell, whose "to" cell follows (read as one range above)
    rf"|^[ \t]*(?:<[a-z][a-z0-9]{{0,9}}\b[^<>\n]{{0,80}}>[ \t]*){{1,3}}{_SEASON}?(?P<tagged>{_date('t2')})"
    r"[ \t]*(?:</[a-z][a-z0-9]{0,9}>[ \t]*){1,3}$(?!\n[ \t]*<t[dh]\b[^<>\n]{0,80}>[^<\n]{0,20}\d)"
    # or alone in a data field of a date (`year: "2022",`, `date: "Août 2016"`: curated keys, `one_date_keys`), on a
    # line of its own or in a data object written on one line (`{position: "Servitør på Sabi Sushi", year: "2024"}`)
    rf"""|(?:^[ \t]*(?:-[ \t]+)?|(?<=[{{,])[ \t]*)["']?(?:{_ONE_DATE_KEYS})["']?[ \t]*[:=][ \t]*["'`]?{_SEASON}?"""
    rf"""(?P<keyed>{_date("k")})(?:["'`]?[ \t]*[,;]?[ \t]*$|["'`](?=[ \t]*[,}}]))"""
    # or after a line's dot leaders, ending it ("##### [Leidos](http://www.leidos.com) ..........2015")
    rf"|(?<=\.\.\.)[ \t]*(?P<leader>{_date('dl')})[ \t]*$"
    # or alone in a cell ("**Head of Products** | 2025 | [Company Link]")
    rf"|(?<=\|)[ \t*_]*(?P<cell>{_date('c')})(?![\w/-])(?=[ \t*_]*\|)",
    re.IGNORECASE | re.MULTILINE,
)
_EDUCATION = re.compile(
    r"\b(?:university|universit[äe]t|college|school|institute|academy|bachelor'?s?|(?<!scrum\s)master'?s?|"
    r"b\.?\s?sc|m\.?\s?sc|ph\.?\s?d|mba|degree|diploma|b\.?\s?eng|m\.?\s?eng|b\.a\.|m\.a\.|b\.s\.|m\.s\.|coursework|graduated)\b"
    rf"|(?<![^\W_]){alternation(resume_headings().schools)}(?![^\W_])",
    re.IGNORECASE,
)
# Words of a degree or of studying, as opposed to a school's name: "Academic Tutor, University of Melbourne" is a job
# at a school, "B.S. Computer Science, University of X" and "Student, College of Y" are studies. A scrum master is a
# job ("Senior software developer and scrum master, 2017-01-01 - 2019-06-30").
_STUDIES = re.compile(
    r"\b(?:bachelor'?s?|(?<!scrum\s)master'?s?|b\.?\s?sc|m\.?\s?sc|ph\.?\s?d|mba|degree|diploma|b\.?\s?eng|m\.?\s?eng|"
    r"b\.a\.|m\.a\.|b\.s\.|m\.s\.|coursework|graduated|student|major|minor|gpa)\b",
    re.IGNORECASE,
)


def _job_at_school(before_date: str) -> bool:
    """The words before a date name a job title and no studies: a job at a university, not a degree."""
    pieces = (piece.strip(" \"'") for segment in segments(clean_markup(before_date)) for piece in segment.split(","))
    return not _STUDIES.search(before_date) and any(is_title(piece) for piece in pieces)


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
    if match.group(f"{name}_y5"):
        return int(match.group(f"{name}_y5")), _day_month(
            int(match.group(f"{name}_d1")), int(match.group(f"{name}_d2")), match.group(f"{name}_dsep")
        )
    if match.group(f"{name}_y6"):
        return int(match.group(f"{name}_y6")), int(match.group(f"{name}_mm3"))
    if match.group(f"{name}_y7"):
        return int(match.group(f"{name}_y7")), int(match.group(f"{name}_mm5"))
    if name == "b" and match.groupdict().get("b_yy4"):
        return _short_end_year(match)
    mon = match.group(f"{name}_mon")
    if mon:
        return int(match.group(f"{name}_y1")), _month_number(mon)
    if match.group(f"{name}_y8"):
        return int(match.group(f"{name}_y8")), _month_number(match.group(f"{name}_mon6"))
    mon = match.group(f"{name}_mon2")
    if mon:
        return _two_digit_year(match.group(f"{name}_yy"), today), _month_number(mon)
    mon = match.groupdict().get(f"{name}_mon5")
    if mon:
        return _two_digit_year(match.group(f"{name}_yy2"), today), _month_number(mon)
    if match.group(f"{name}_mm"):
        return int(match.group(f"{name}_y2")), int(match.group(f"{name}_mm"))
    if match.group(f"{name}_y3"):
        return int(match.group(f"{name}_y3")), int(match.group(f"{name}_mm2"))
    if match.group(f"{name}_y4"):
        return int(match.group(f"{name}_y4")), 0
    if name == "a" and match.group("a_mon3"):
        return 0, _month_number(match.group("a_mon3"))  # the year is the end's (see `find_date_ranges`)
    return None


_MONTH_BEFORE = re.compile(rf"(?<![^\W_]){_MONTH}[\s,'’-]*$", re.IGNORECASE)


def _short_end_year(match: re.Match[str]) -> tuple[int, int] | None:
    """The end of "2019–21": the start's century, when the start is a bare year and the end falls after it."""
    start = match.group("a_y4")
    if not start or _MONTH_BEFORE.search(match.string, max(0, match.start("a_y4") - 16), match.start("a_y4")):
        return None  # "Jan 2019–21": the year of a month, then a day or a number, not a range of years
    year = int(start) // 100 * 100 + int(match.group("b_yy4"))
    return (year, 0) if year > int(start) else None


_MAX_SWAPPED = 3  # months an end may fall before its start in one year and still be read as the two swapped


def _swapped_months(first: tuple[int, int], last: tuple[int, int]) -> bool:
    """ "Sept 2019 -- Août 2019": an end a few months before the start in the same year is the two months written in
    the wrong order (the reading that changes no number); further apart ("Oct 08 - Jan 08") it is some other slip,
    and the range is dropped as before."""
    return first[0] == last[0] and 0 < last[1] < first[1] and first[1] - last[1] <= _MAX_SWAPPED


# The order the resume being read writes its full dates in, where one of them shows it ("25/03/2020": day first):
# "04/11/2024" in the same resume is the 4th of November. Set by `find_date_ranges` for the text it reads.
_DATE_ORDER: contextvars.ContextVar[str] = contextvars.ContextVar("date_order", default="")
_FULL_DATES = re.compile(r"(?<![\d/.-])([0-3]?\d)([/.-])([0-3]?\d)\2(?:19|20)\d\d(?!\d)")


def date_order(text: str) -> str:
    """ "day" when a full date of `text` can only be read day first ("25/03/2020") and none month first
    ("03/25/2020"), "month" the other way round, "" when no date tells (or they disagree)."""
    day = month = False
    for match in _FULL_DATES.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        day = day or (first > 12 >= second)
        month = month or (second > 12 >= first)
    return "day" if day and not month else "month" if month and not day else ""


def _day_month(first: int, second: int, separator: str) -> int:
    """The month of a full date ("10/01/2018"): the number that can only be a month; else the order another full
    date of the resume shows (`date_order`); else the second with
    dots ("01.10.2018" is written day first); else the one that is not 1 (people write the 1st of the month
    when they know only the month: "10/01/2018" is October); else the first (month/day/year). 0: no month."""
    if first > 12:
        return second if second <= 12 else 0
    if second > 12:
        return first
    order = _DATE_ORDER.get()
    if order:
        return second if order == "day" else first
    if separator == ".":
        return second
    return second if first == 1 and second != 1 else first


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
    single: bool = False  # one date alone on its line: that month (a bare year: half of it)
    # how it was written when that says less than a range: "lead" ("2024: Title"), "since" ("…, since 2020")
    form: str = ""


def range_months(first: tuple[int, int], last: tuple[int, int] | None, now_end: int) -> tuple[int, int] | None:
    """[start_month, end_month) of a range from `first` to `last` (None: the present) as (year, month) pairs, month 0
    for a bare year; `now_end` the month after this one. None when empty. One rule for dates read from a resume
    and dates a user sets."""
    start_month = _month_index(first[0], first[1] or 1)
    if last is None:
        end_month = now_end
    else:
        end_month = _month_index(last[0], last[1] or 1)
        if last[1] > 0:
            end_month += 1  # the end month counts
        elif first[1] == 0 and end_month == start_month:
            end_month += 6  # "2019 – 2019": some time within the year
        elif first[1] > 0:
            end_month = max(end_month, start_month + 1)
        # else "2017 – 2020": January to January, 3 years
    end_month = min(end_month, now_end)
    return (start_month, end_month) if end_month > start_month else None


class _Spans:
    """Stretches of a text (start, end), asked whether a stretch overlaps any of them in O(log n): a resume within
    the limits can hold thousands of dates, and asking each line or date about each of them was quadratic (a
    200,000-character text of short dated lines took 15 s)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))  # the furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self._starts, end)  # the spans that start before `end`
        return before > 0 and self._reach[before - 1] > start


def find_date_ranges(text: str, *, today: date, start: int = 0, end: int | None = None) -> list[DateRange]:
    """The date ranges in ``text[start:end]``, clipped to `today`; empty or future ranges dropped. A range
    may be written as two fields of a data object ("startDate: 10/01/2018" / "endDate: present"). Full dates whose
    day and month could be either way round are read in the order the text's other full dates show."""
    token = _DATE_ORDER.set(date_order(text[start:end]))
    try:
        return _find_date_ranges(text, today=today, start=start, end=end)
    finally:
        _DATE_ORDER.reset(token)


def _find_date_ranges(text: str, *, today: date, start: int = 0, end: int | None = None) -> list[DateRange]:
    now_end = _month_index(today.year, today.month) + 1
    stop = len(text) if end is None else end
    ranges = _field_ranges(text, start, stop, today) + _cell_ranges(text, start, stop, today)
    taken = _Spans((r.start, r.end) for r in ranges)
    for match in _DATE_RANGE.finditer(text, start, stop):
        if taken.overlaps(match.start(), match.end()):
            continue
        since = next(
            (name for name in ("since", "since_field", "since_column", "since_end") if match.group(name) is not None),
            "",
        )
        alone = next(
            (name for name in ("single", "tagged", "keyed", "leader", "cell", "lead") if match.group(name) is not None),
            "",
        )
        single = bool(alone)
        columns = match.group("cols") is not None
        point = {
            "since": "s",
            "since_field": "f",
            "since_column": "g",
            "since_end": "e",
            "single": "o",
            "keyed": "k",
            "leader": "dl",
            "tagged": "t2",
            "cell": "c",
            "lead": "l",
        }.get(since or alone, "a")
        first = _full_point(match, "ca") if columns else _parse_point(match, point, today)
        if first is None:
            continue
        present = bool(since) or match.group("present") is not None or match.group("open") is not None
        if single or present:
            last = first if single else None
        else:
            last = _full_point(match, "cb") if columns else _parse_point(match, "b", today)
        if first[0] == 0:  # "January – December 2016": the start's year is the end's
            if last is None:
                continue
            first = (last[0] - (first[1] > last[1] > 0), first[1])
        if last is None and not present:
            continue
        if last is not None and _swapped_months(first, last):
            first, last = last, first
        months = range_months(first, last, now_end)
        if months is None:
            continue
        if single:  # the date itself, without the markup around it
            date_start, date_end = match.span(alone)
            form = "lead" if alone == "lead" else ""
            ranges.append(DateRange(*months, date_start, date_end, False, first, last, single=True, form=form))
            continue
        begin = match.start() + len(match.group()) - len(match.group().lstrip())  # "| seit 2019 |" from "seit"
        # "…, since 2020" (or "… since 2020.") may end a sentence of duties; "{seit 2016}" and "| seit 2019 |" are
        # fields of their own.
        set_apart = text[:begin].rstrip()[-1:] in ("{", "|", ">")
        form = "since" if since in ("since_field", "since_end") and not set_apart else ""
        ranges.append(DateRange(*months, begin, match.end(), present, first, last, form=form))
    ranges.extend(_line_end_dates(text, start, stop, today, _Spans((r.start, r.end) for r in ranges)))
    ranges.extend(_current_since(text, start, stop, today, _Spans((r.start, r.end) for r in ranges)))
    ranges.extend(_short_numeric_ranges(text, start, stop, today, _Spans((r.start, r.end) for r in ranges)))
    ranges.sort(key=lambda r: r.start)
    return ranges


# "05-16 - Now", "01/19 – 03/21": months and two-digit years in numbers, read only as a range whose sides are
# written alike (or whose end is the present): alone, "05-16" is no date. Not with dots: "3.10 - 3.12" are versions.
# A dash right after "08/14" is the range's ("08/14-Current"); after "05-16" it would make a full date ("05-16-2019").
_SHORT_NUMERIC_RANGE = re.compile(
    r"(?<![\w/.:-])(?P<m1>0?[1-9]|1[0-2])(?P<sep>[/-])(?P<y1>\d\d)(?![\w/.:%])(?!(?<=-\d\d)-)"
    r"[ \t]*(?:-{1,2}|–|—|to)[ \t]*"
    rf"(?:(?P<m2>0?[1-9]|1[0-2])(?P=sep)(?P<y2>\d\d)(?![\w/.:%-])|(?P<now>{_PRESENT_WORD}))",
    re.IGNORECASE,
)
# ... with dots only as a line of its own, each month in two digits ("07.19-12.19" over "Mediengestalter, Fantec
# GmbH"): a version range is written in a sentence, or as "3.10".
_DOTTED_SHORT_RANGE = re.compile(
    r"^[ \t]*(?P<m1>0[1-9]|1[0-2])(?P<sep>\.)(?P<y1>\d\d)[ \t]*(?:-{1,2}|–|—)[ \t]*"
    rf"(?:(?P<m2>0[1-9]|1[0-2])\.(?P<y2>\d\d)|(?P<now>{_PRESENT_WORD}))[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _short_numeric_ranges(text: str, start: int, stop: int, today: date, taken: _Spans) -> list[DateRange]:
    now_end = _month_index(today.year, today.month) + 1
    found = []
    matches = itertools.chain(
        _SHORT_NUMERIC_RANGE.finditer(text, start, stop), _DOTTED_SHORT_RANGE.finditer(text, start, stop)
    )
    for match in matches:
        if taken.overlaps(*match.span()):
            continue
        first = (_two_digit_year(match.group("y1"), today), int(match.group("m1")))
        last = None if match.group("now") else (_two_digit_year(match.group("y2"), today), int(match.group("m2")))
        months = range_months(first, last, now_end)
        if months is not None and (last is None or last >= first):
            found.append(DateRange(*months, *match.span(), last is None, first, last))
    return found


# "I'm doing a job as a Lecturer in Political Science … from Nov 2018.": a sentence in the present tense naming the
# job held now ("as" a role), its start after "from" and no end written, reads like "since" - the job runs to now.
_CURRENT_SINCE = re.compile(
    rf"\b(?:i\s*['’]?\s*m|i\s+am|currently|presently)\b[^.\n]{{0,80}}?\bas\b[^.\n]{{0,120}}?\b(?:from|since)\s+"
    rf"(?P<now_from>{_date('n')})(?=[ \t]*(?:[.;)]|$))",
    re.IGNORECASE | re.MULTILINE,
)


def _current_since(text: str, start: int, stop: int, today: date, taken: _Spans) -> list[DateRange]:
    now_end = _month_index(today.year, today.month) + 1
    found = []
    for match in _CURRENT_SINCE.finditer(text, start, stop):
        begin, end = match.span("now_from")
        if taken.overlaps(begin, end):
            continue
        first = _parse_point(match, "n", today)
        months = range_months(first, None, now_end) if first is not None else None
        if first is not None and months is not None:
            found.append(DateRange(*months, begin, end, True, first, None, form="since"))
    return found


# A date that ends a short header line ("__Field Support Technician, TEKsystems__ 2023", "Shasta Elementary
# School, Chico, CA – Fall 2013"): a job of that month or year, kept only when the header names a title (see
# `parse_experience`). Looked for only at the end of lines that end in a digit, so most text costs nothing.
_LINE_END_DATE = re.compile(
    rf"(?<=[^\W\d][*_)]|[^\W\d],|[^\W\d] |[*_)|–—-] )[ \t]*(?:[–—-][ \t]*)?[*_]*(?P<tseason>(?i:{_SEASON}))?"
    rf"(?P<trail>{_date('t')})$",
    re.IGNORECASE,
)
# "Current" alone where a header's dates go ("__Graduate Research Assistant | State |__ _Current_"): the job held
# now, its start not written (no months; it is the most recent job).
_LINE_END_NOW = re.compile(r"(?<=[|*_(–—-] )[*_(]*(?P<now>present|current)$", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")
_LINE_END_MARKUP = re.compile(r"(?:[ \t*_)]+|</\w+>)$")
_MAX_LINE_END_WINDOW = 60


def _line_end_dates(text: str, start: int, stop: int, today: date, taken: _Spans) -> list[DateRange]:
    now_end = _month_index(today.year, today.month) + 1
    found = []
    for line in _LINE.finditer(text, start, stop):
        end = line.end()
        while (markup := _LINE_END_MARKUP.search(text, max(line.start(), end - 12), end)) is not None:
            end = markup.start()
        if end <= line.start() or taken.overlaps(line.start(), end):
            continue
        window = max(line.start(), end - _MAX_LINE_END_WINDOW)
        if text[end - 1].isdigit():
            match = _LINE_END_DATE.search(text, window, end)
            if match is None or not _trailing_header(text, match.start("trail")):
                continue
            first = _parse_point(match, "t", today)
            months = range_months(first, first, now_end) if first is not None else None
            if first is None or months is None:
                continue
            begin = match.start("tseason") if match.group("tseason") else match.start("trail")
            found.append(DateRange(*months, begin, match.end("trail"), False, first, first, single=True))
        elif text[end - 1] in "tT":
            now = _LINE_END_NOW.search(text, window, end)
            if now is not None and _trailing_header(text, now.start("now")):
                found.append(DateRange(now_end, now_end, *now.span("now"), True, (today.year, today.month)))
    return found


_MAX_TRAILING_HEADER = 100


def _trailing_header(text: str, date_start: int) -> bool:
    """A date that ends its line belongs to a header when the line is short and no sentence: "Title, Company 2023"
    yes, "Presented at the Fall 2019 CETL" or "... the grand opening in 2014." no."""
    line_start = text.rfind("\n", 0, date_start) + 1
    before = _TAG.sub(" ", text[line_start:date_start])
    if len(before.strip()) > _MAX_TRAILING_HEADER or re.search(r"\d", before):
        return False
    words = re.findall(r"[^\W\d_][\w'’.&-]*", before)
    if not 0 < len(words) <= 12 or words[0][0].islower():
        return False
    # Pieces set apart ("Title, Company", "Title | Org |", "School – Fall") or mostly capitalised words; a
    # sentence ("Current placement will be completed in May 2014") is neither.
    capitalised = sum(1 for word in words if word[0].isupper() or len(word) <= 3)
    return bool(re.search(r"[,|:–—]|\s-\s|[*_]{2}", before)) or capitalised >= 0.75 * len(words)


# The start and end of a job as fields of a data object (JSON Resume, a Hugo widget, a JS object):
# `startDate: "10/01/2018",` then `endDate: "present",` (`beginjaar: '2019'` / `eindjaar: '2021'`: the keys are
# curated, `date_words.yaml` `start_keys` and `end_keys`); an empty or missing end is the present (so those
# formats write a current job). The key may follow its table's name (TOML's `tenure.start="2019"`), the field may be a
# markdown table's row (`| Alkaen | 19.01.2015 |`) and the value a JavaScript date (`new Date("2021-08-01")`,
# `new Date(2019, 3)`: see `_field_value`).
_DATE_FIELD = re.compile(
    rf"""^[ \t]*(?:-[ \t]+|\|[ \t]*)?["']?(?:[A-Za-z_][\w-]*\.)?(?:(?P<start>{_field_keys(date_words().start_keys)})|"""
    rf"""(?P<end>{_field_keys(date_words().end_keys)}))["']?[ \t]*[:=|][ \t]*(?P<constructor>new[ \t]+Date\([ \t]*)?"""
    r"""["'`]?(?P<value>[^"'`\n|]{0,40}?)["'`]?(?(constructor)[ \t]*\))[ \t]*[,;|]?[ \t]*(?://[^\n]*|\#[^\n"'`]*)?$""",
    re.IGNORECASE | re.MULTILINE,
)
# `new Date(2019, 3)`: a year and a month counted from 0 (April), as JavaScript counts them.
_DATE_ARGUMENTS = re.compile(r"(?P<year>\d{4})[ \t]*,[ \t]*(?P<month>\d{1,2})(?:[ \t]*,[ \t]*\d{1,2})?")
_MONTHS_IN_YEAR = 12
_DATE_VALUE = re.compile(rf"^(?:{_date('v')}|{_PRESENT})$", re.IGNORECASE)
# Both fields inside a one-line object: `{ employer: "WEX", title: "…", startDate: "02/2019", endDate: "01/2022" }`,
# or a shortcode's or an element's attributes (`{{% job title="…" from="أكتوبر 2024" to="الآن" %}}`).
_INLINE_DATE_FIELDS = re.compile(
    rf"""(?<![\w$])["']?(?:{_field_keys(date_words().start_keys)})["']?[ \t]*[:=][ \t]*"""
    rf"""["'`](?P<first>[^"'`\n]{{1,40}})["'`](?:[ \t]*,[ \t]*|[ \t]+)"""
    rf"""["']?(?:{_field_keys(date_words().end_keys)})["']?[ \t]*[:=][ \t]*"""
    r"""(?:["'`](?P<last>[^"'`\n]{0,40})["'`]|(?P<none>null|none|nil|undefined|false))""",
    re.IGNORECASE,
)
# Both keys on one line of prose or markup, the values unquoted: "Início: **12/06/2017** Término: **11/10/2018**",
# "<p>Início: 04/2022 | Atualmente</p>" (the end after a bar, its key left out). The values are read only when each
# is a whole date or a present word (`_start_value`, `_end_value`).
_KEYED_LINE_RANGE = re.compile(
    rf"""(?<![^\W_])(?:{_field_keys(date_words().start_keys)})[ \t]*:[ \t]*[*_]*"""
    r"""(?P<first>[^*_|<>"'`\n]{4,30}?)[*_]*"""
    rf"""[ \t]*(?:\|[ \t]*|[ \t]+(?:{_field_keys(date_words().end_keys)})[ \t]*:[ \t]*)[*_]*"""
    r"""(?P<last>[^*_|<>"'`\n]{1,30}?)[*_]*[ \t]*(?=$|<|\|)""",
    re.IGNORECASE | re.MULTILINE,
)
# A word before a colon: where `_KEYED_LINE_RANGE` is tried, when the word is a start key (one plain scan instead of
# trying every key at every character).
_WORD_COLON = re.compile(r"(?<![^\W_])[^\W\d][\w-]*(?=[ \t]*:)")
_START_KEYS = frozenset(map(field_key, date_words().start_keys))


def _keyed_line_ranges(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    for word in _WORD_COLON.finditer(text, start, stop):
        if field_key(word.group()) in _START_KEYS:
            found = _KEYED_LINE_RANGE.match(text, word.start(), stop)
            if found is not None:
                yield found


_FIELD_GAP = 3  # lines between a start field and its end field
# `date_end: false` (Wowchemy themes expect "" for the current job; a boolean false says the same).
_NO_VALUE = re.compile(r"null|none|nil|undefined|~|false", re.IGNORECASE)


def _field_ranges(text: str, start: int, stop: int, today: date) -> list[DateRange]:
    now_end = _month_index(today.year, today.month) + 1
    fields = [m for m in _DATE_FIELD.finditer(text, start, stop) if m.group("value") or m.group("end")]
    values = {field.start(): _field_value(field) for field in fields}
    fields = _month_and_year_joined(text, fields, values)
    ranges = []
    for position, field in enumerate(fields):
        if field.group("start") is None:
            continue
        first = _start_value(values[field.start()], today)
        if first is None:
            continue
        following = fields[position + 1] if position + 1 < len(fields) else None
        last: tuple[int, int] | None = None
        end = field.end()
        if (
            following is None
            or following.group("end") is None
            or text.count("\n", field.end(), following.start()) > _FIELD_GAP
        ):
            following = _end_above(text, fields[position - 1] if position else None, field)
        elif following is not None:
            end = following.end()
        if following is not None and following.group("end") is not None:
            readable, last = _end_value(values[following.start()], today)
            if not readable:
                continue
        if last is not None and (last[0] < first[0] or (last[0] == first[0] and 0 < last[1] < first[1])):
            # `date_start = "2019-08-01"` / `date_end = "2015-07-01"`: fields named for what they hold, written the
            # wrong way round (a data file's career copied from the newest job down).
            first, last = last, first
        months = range_months(first, last, now_end)
        if months is not None:
            begin = field.start() + len(field.group()) - len(field.group().lstrip())  # the line's first word
            ranges.append(DateRange(*months, begin, end, last is None, first, last))
    return ranges + _inline_field_ranges(text, start, stop, today)


_BARE_MONTH = re.compile(rf"(?:{_MONTH})\.?|0?[1-9]|1[0-2]", re.IGNORECASE)
_BARE_YEAR = re.compile(r"(?:19|20)\d\d")


def _month_and_year_joined(text: str, fields: list[re.Match[str]], values: dict[int, str]) -> list[re.Match[str]]:
    """The fields, a start's (or an end's) month and year written as two fields (`start_month: "December"`,
    `start_year: 2024`) read as one date, the year's field holding both (`values` is updated)."""
    joined: set[int] = set()
    for first, second in itertools.pairwise(fields):
        if (first.group("start") is None) != (second.group("start") is None) or first.start() in joined:
            continue
        if text.count("\n", first.end(), second.start()) > 1:
            continue
        one, two = values[first.start()].strip(), values[second.start()].strip()
        for month, year, kept, dropped in ((one, two, second, first), (two, one, first, second)):
            if _BARE_MONTH.fullmatch(month) and _BARE_YEAR.fullmatch(year):
                values[kept.start()] = f"{year}-{int(month):02d}" if month.isdigit() else f"{month} {year}"
                joined.add(dropped.start())
                break
    return [field for field in fields if field.start() not in joined]


def _field_value(field: re.Match[str]) -> str:
    """A date field's value as written, a JavaScript `new Date(2019, 3)` as the month it means ("2019-04")."""
    value = field.group("value")
    arguments = _DATE_ARGUMENTS.fullmatch(value.strip()) if field.group("constructor") else None
    if arguments is None:
        return value
    month = int(arguments.group("month")) + 1
    return f"{arguments.group('year')}-{month:02d}" if month <= _MONTHS_IN_YEAR else ""


def _start_value(written: str, today: date) -> tuple[int, int] | None:
    """The date a start field holds (`startDate: "10/01/2018"`), None when it holds none."""
    value = _DATE_VALUE.match(written.strip())
    point = None if value is None or value.group("present") else _parse_point(value, "v", today)
    return None if point is None or point[0] == 0 else point


def _end_value(written: str, today: date) -> tuple[bool, tuple[int, int] | None]:
    """(whether it is read, the date) of an end field; None is the present: "present", and also an empty field,
    `endDate: null` (JS, JSON, YAML's `~`) or `false`, as those formats write a current job."""
    written = written.strip()
    if not written or _NO_VALUE.fullmatch(written):
        return True, None
    value = _DATE_VALUE.match(written)
    if value is None:
        return False, None
    return True, None if value.group("present") else _parse_point(value, "v", today)


def _inline_field_ranges(text: str, start: int, stop: int, today: date) -> list[DateRange]:
    now_end = _month_index(today.year, today.month) + 1
    ranges = []
    matches = [*_INLINE_DATE_FIELDS.finditer(text, start, stop), *_keyed_line_ranges(text, start, stop)]
    for match in matches:
        first = _start_value(match.group("first"), today)
        readable, last = _end_value(match.group("last") or "", today)
        if first is None or not readable:
            continue
        months = range_months(first, last, now_end)
        if months is not None:
            ranges.append(DateRange(*months, match.start(), match.end(), last is None, first, last))
    return ranges


_OBJECT_LINES = 40  # lines of one data object an end field may be written above its start field in


def _end_above(text: str, previous: re.Match[str] | None, start_field: re.Match[str]) -> re.Match[str] | None:
    """The end field written above the start field in the same object (JSON Resume's keys in alphabetical order:
    `"endDate": "2018-09-30",` / `"highlights": [...]` / `"startDate": "2017-03-31"`): at the same indentation, with
    no object opened or closed between them."""
    if previous is None or previous.group("end") is None:
        return None
    between = text[previous.end() : start_field.start()]
    if "{" in between or "}" in between or between.count("\n") > _OBJECT_LINES:
        return None
    return previous if _field_indent(previous) == _field_indent(start_field) else None


def _field_indent(field: re.Match[str]) -> int:
    return len(field.group()) - len(field.group().lstrip(" \t"))


# A row of a data table with the months and years in cells of their own (an R `tribble`, a CSV file):
# `"Academic Tutor", "Psychology", "February", 2023, "Present", NA, ...`, `"March", 2012, "November", 2021`.
_CELL_RANGE = re.compile(
    rf"""(?P<q1>["'])(?P<m1>{_MONTH})(?P=q1)[ \t]*,[ \t]*(?P<y1>{_YEAR})[ \t]*,[ \t]*"""
    rf"""(?:(?P<q2>["'])(?P<m2>{_MONTH})(?P=q2)[ \t]*,[ \t]*(?P<y2>{_YEAR})"""
    rf"""|["'](?P<now>present|current|now|today|ongoing)["'](?:[ \t]*,[ \t]*(?:NA|null|None|nan|""|''))?)"""
    r"""(?=[ \t]*[,)\]\n])""",
    re.IGNORECASE,
)


def _cell_ranges(text: str, start: int, stop: int, today: date) -> list[DateRange]:
    now_end = _month_index(today.year, today.month) + 1
    ranges = []
    for match in _CELL_RANGE.finditer(text, start, stop):
        first = (int(match.group("y1")), _month_number(match.group("m1")))
        last = None if match.group("now") else (int(match.group("y2")), _month_number(match.group("m2")))
        months = range_months(first, last, now_end)
        if months is not None:
            ranges.append(DateRange(*months, match.start(), match.end(), last is None, first, last))
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
    counted: bool = True  # False: an internship or a course listed among the jobs (see `parse_experience`)

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

    undated_titles: tuple[str, ...] = ()  # a job stated without dates ("have a job: air traffic controller")

    @property
    def recent_titles(self) -> tuple[str, ...]:
        return recent_titles(self.counted_entries()) or self.undated_titles

    def counted_entries(self) -> tuple[ExperienceEntry, ...]:
        """The jobs that make the total and the recent titles: all but internships and courses, unless
        there are only those."""
        counted = tuple(entry for entry in self.entries if entry.counted)
        return counted or self.entries

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


# "Projects at Dariel", "Projects for Acme", "Projekte bei Acme": the projects of one employer's job
# (`title_words.yaml` `project_prepositions`).
_PROJECTS_AT = re.compile(rf"\b(?:{alternation(built_words().project_prepositions)}|@)\s+\S")


def _has_experience_lines(lines: Sequence[Line]) -> bool:
    """An experience heading with lines under it: a heading straight above another one is a page's tab ("EXPÉRIENCES"
    / "PROJETS" above the blocks of both), and the resume is read as one without an experience heading."""
    return any(
        line.heading and line.section is ResumeSectionKind.EXPERIENCE and not following.heading
        for line, following in itertools.pairwise(lines)
    )


def _work_lines(lines: Sequence[Line]) -> list[bool | None]:
    """Which lines may hold a job's date: True in the experience sections (or, without one, outside
    education, volunteering, projects, courses and skills); None where a date is a job only under a
    header with a title (a skills heading the jobs run on under, a page that puts jobs under "Education"
    or, having no experience heading, under "Projects"); False elsewhere."""
    has_experience = _has_experience_lines(lines)
    work: list[bool | None] = []
    seen_experience = False
    certificates = False  # under "Skills and Certifications": a dated line is a certificate's validity
    # "## Experience" / ... / "### Projects at Dariel" / "\cventry{2015--2017}{Senior Software Engineer}{Entelect}":
    # the projects of the job above, in a subsection of the experience, and the jobs go on after them.
    experience_level: int | None = None
    nested_projects = False
    for line in lines:
        seen_experience = seen_experience or line.section is ResumeSectionKind.EXPERIENCE
        if line.heading:
            certificates = _CERTIFICATIONS_KEYWORD.search(_resume_heading_text(line.text)) is not None
            level = _heading_level(line.text)
            nested_projects = (
                line.section is ResumeSectionKind.PROJECTS
                and _PROJECTS_AT.search(_resume_heading_text(line.text)) is not None
                and level is not None
                and experience_level is not None
                and level > experience_level
            )
            if line.section is ResumeSectionKind.EXPERIENCE:
                experience_level = level
            elif not nested_projects:
                experience_level = None
            work.append(False)
        elif line.section is ResumeSectionKind.EXPERIENCE or (not has_experience and line.section not in _NOT_WORK):
            work.append(True)
        elif nested_projects:
            work.append(None)  # a job there is one only with a title
        elif (
            (seen_experience and line.section is ResumeSectionKind.SKILLS and not certificates)
            or (not has_experience and line.section is ResumeSectionKind.EDUCATION and not _EDUCATION.search(line.text))
            or (not has_experience and line.section is ResumeSectionKind.PROJECTS)
        ):
            work.append(None)
        else:
            work.append(False)
    return work


# A list item's marker and the space after it ("**Title**" starts with no marker).
_BULLET_MARK = re.compile(r"^\s*(?:[•▪●◦‣⁃∙·➢➤►■□❖✓✔→*+–—-]|\d{1,2}[.)])\s+")


def _event_in_duties(
    text: str, line: Line, date_range: DateRange, anchors: Sequence[tuple[DateSpan, DateRange]], lines: Sequence[Line]
) -> bool:
    """A bullet of a job's duties that dates an event rather than a job: "- Led the billing team, since 2019",
    "- 2019: Promoted to Senior Engineer" under "**Senior Engineer, Acme** | 2016 – 2022" (a lead date within the
    dates of the job above, whose own header is no bullet)."""
    if not date_range.form or _BULLET_MARK.match(line.text) is None:
        return False
    if date_range.form == "since":
        # "- BlueKiwi – Paris – depuis 03/2013", "* **CAPGEMINI *Software-Engineer* (seit 2023)**": the since-date is
        # a field of the item set apart by a dash or a bracket, as its siblings' ranges are ("- Linagora – Paris – de
        # 10/2009 à 06/2011"): a job's header, not a duty's event
        return _DASH_BEFORE.search(text[line.start : date_range.start]) is None
    if not anchors:
        return False
    span, above = anchors[-1]
    return (
        not above.single
        and above.start_month <= date_range.start_month
        and date_range.end_month <= above.end_month
        and _BULLET_MARK.match(lines[span.first_line].text) is None
    )


# A dash between a header's pieces right before its date ("– depuis 03/2013"), or a bracket on a bold line, a header
# ("* **CAPGEMINI *Software-Engineer* (seit 2023)**"; "- Led the billing team (since 2019)" is a duty).
_DASH_BEFORE = re.compile(r"\s[–—-]\s*$|^(?=.*\*\*).*\(\s*$")


# A data field's key and the quote opening its value, right before a date: `year: "2022-2023"`.
_FIELD_OPENING = re.compile(r"""[\w"'\]]\s*[:=]\s*["'`]$""")


def _prose_around(text: str, line: Line, date_range: DateRange) -> bool:
    """A date in the middle of a sentence ("led the 2019 - 2020 migration of ..."), not the whole value of a data
    field on a line that holds a whole job (`{position: "...", year: "2022-2023", expList: [...]}`)."""
    before = text[line.start : date_range.start]
    after = text[date_range.end : line.end]
    if _FIELD_OPENING.search(before) is not None and after[:1] in ('"', "'", "`"):
        return False
    # Only the words of the date's own visual line: an HTML line's header "<li><strong>Zig</strong> – Analista (Mai/2024
    # – atual)" before its "<br>• Análise de dados, ..." duty is no sentence.
    before, after = _LINE_BREAK.split(before)[-1], _LINE_BREAK.split(after)[0]
    if (
        _BULLET_MARK.match(text[line.start : line.end]) is not None
        and _SENTENCE_PREPOSITION.search(before) is not None
        and len(_TAG.sub(" ", before).split()) >= _PROSE_AROUND
    ):
        return True  # "- Leading leaders ..., in total 70 employees between 2021-10-01 to 2023-12-31.": a duty's dates
    return all(len(_TAG.sub(" ", side).split()) >= _PROSE_AROUND for side in (before, after))


# The word of a sentence that puts a date in it: "... between 2021-10-01 to 2023-12-31", "... during 2019 - 2020"
# (`date_words.yaml` `duty_date_words`).
_SENTENCE_PREPOSITION = re.compile(rf"(?<![^\W_]){alternation(date_words().duty_date_words)}\s*$", re.IGNORECASE)


# Where a page starts a new visual line inside one line of its source: a break, a paragraph, list item or cell tag, a
# bullet.
_LINE_BREAK = re.compile(r"<br\s*/?>|</?(?:p|li|div|td|th|h[1-6]|ul|ol)\b[^<>\n]{0,200}>|[•▪●◦]", re.IGNORECASE)


def _body_line(text: str) -> str:
    bullet = _BODY_BULLET.match(text)
    return (text[bullet.end() :] if bullet else text).strip()[:_MAX_ENTRY_LINE_CHARS]


_BODY_BULLET = re.compile(r"^\s*(?:[•▪●◦‣⁃∙·➢➤►■□❖✓✔→>*+o]\s*|[-–—]\s+|\d{1,2}[.)]\s+)")


def parse_experience(
    text: str, *, today: date, lines: Sequence[Line] | None = None, learned_title: bool | None = None
) -> ResumeExperience:
    """The dated work entries of a resume, with titles and total years (see the module doc).

    `lines`: `resume_lines(text)` when the caller has it already; `learned_title`: the newest job's title chosen by
    `title_model` (default `USE_TITLE_MODEL`)."""
    lines = resume_lines(text) if lines is None else lines
    text = resume_markup.read(text).plain  # a structured format's markup blanked: same offsets (see resume_lines)
    if not lines:
        return ResumeExperience((), None)
    has_experience_heading = _has_experience_lines(lines)
    work = _work_lines(lines)
    starts = [line.start for line in lines]
    ranges = find_date_ranges(text, today=today)

    def find_anchors(
        work: Sequence[bool | None], has_experience_heading: bool
    ) -> tuple[list[tuple[DateSpan, DateRange]], set[int], dict[int, list[DateRange]]]:
        # One search of the whole text: a range may run over lines ("Aug 2007" / "to" / "Current").
        anchors: list[tuple[DateSpan, DateRange]] = []
        maybe: set[int] = set()  # anchors that are jobs only with a title
        siblings: dict[int, list[DateRange]] = {}  # more ranges of one job: "May 2021 – Jun 2021, Sept 2021 – Oct 2021"
        for date_range in ranges:
            first = bisect.bisect_right(starts, date_range.start) - 1
            last = bisect.bisect_right(starts, date_range.end - 1) - 1
            if anchors and anchors[-1][0].last_line >= first:
                span = anchors[-1][0]
                if not date_range.single and _RANGE_LIST.fullmatch(text, span.end, date_range.start):
                    siblings.setdefault(len(anchors) - 1, []).append(date_range)
                    anchors[-1] = (
                        replace(span, end=date_range.end, last_line=max(last, span.last_line)),
                        anchors[-1][1],
                    )
                continue
            if first < 0 or work[first] is False:
                continue
            if date_range.last is not None and date_range.last > (today.year, today.month):
                # "VCA Vol, Jan 2017 - Jan 2027": an end to come is a certificate's validity or a course's planned end,
                # not a job's (the labelled resumes hold none).
                continue
            if any(lines[index].heading for index in range(first, last + 1)):
                continue
            line = lines[first]
            if _prose_around(text, line, date_range):
                continue
            if not has_experience_heading:
                above_text = lines[first - 1].text if first and not lines[first - 1].heading else ""
                above_text = "" if field_kind(above_text) == "company" else above_text  # `company: "University of X"`
                if (_EDUCATION.search(line.text) or _EDUCATION.search(above_text)) and not _job_at_school(
                    text[line.start : date_range.start]
                ):
                    continue
            if _event_in_duties(text, line, date_range, anchors, lines):
                continue
            anchors.append((DateSpan(date_range.start, date_range.end, first, last), date_range))
            if work[first] is None or date_range.single or date_range.form:
                maybe.add(len(anchors) - 1)
        return anchors, maybe, siblings

    anchors, maybe, siblings = find_anchors(work, has_experience_heading)
    if not anchors and has_experience_heading and lines[0].section is None:
        # A page's code may hold the jobs' data above the template that shows them (`const jobs = [...]` before
        # `<h1>Experience</h1>`): with no job under the heading, the lines before the first heading are read as
        # a resume without headings.
        before = [line.section is None and not line.heading for line in lines]
        anchors, maybe, siblings = find_anchors([True if b else w for b, w in zip(before, work, strict=True)], False)
    anchors, maybe, siblings = _without_engagements(text, lines, anchors, maybe, siblings)
    if not anchors:
        # No date understood: the title is read without dates (a layout whose dates this reader does not know
        # still writes its newest title near the top of the work history).
        return ResumeExperience((), None, undated_titles=_undated_titles(lines) or _titles_without_dates(lines))

    date_lines = {index for span, _ in anchors for index in range(span.first_line, span.last_line + 1)}
    headers: list[EntryHeader] = []
    floor = -1
    for position, (span, _) in enumerate(anchors):
        ceiling = anchors[position + 1][0].first_line if position + 1 < len(anchors) else len(lines)
        header = read_header(text, lines, span, floor=floor, ceiling=ceiling, date_lines=date_lines)
        if headers and not header.company and header.first_line == headers[-1].body_line and headers[-1].company:
            # Two roles under one company line: "Globex Corp" / "Senior Engineer 2019 - 2021" / "Engineer 2016 - 2019".
            header = replace(header, company=headers[-1].company, location=header.location or headers[-1].location)
        headers.append(header)
        floor = header.body_line - 1

    headers = _titles_from_siblings(text, lines, [span for span, _ in anchors], headers, date_lines)
    entries: list[ExperienceEntry] = []
    for position, ((span, date_range), header) in enumerate(zip(anchors, headers, strict=True)):
        header_text = text[lines[header.first_line].start : lines[header.body_line - 1].end]
        if position in maybe and (not header.title or keyed_field_line(built_words().study_keys).search(header_text)):
            continue  # under "education": `"school": "Instituto ...", "title": "Ingeniería de software"` is studies
        if (not header.title or _CAREER_BREAK.search(header.title)) and _CAREER_BREAK.search(header_text):
            continue  # "Career Sabbatical (Family Care) | Nov 2023 – Present": time off, listed among the jobs
        if (
            any(_VOLUNTEER_MARK.search(part) for part in (header_text, header.title))
            or _VOLUNTEER_TITLE.match(header.title or header.company)
            or _VOLUNTEER_TITLE.fullmatch(header.company)
        ):
            # "Marine station, 30th Jul 2018 – 7th Sep 2018 (volunteer)", "Benevole | Association caritative": no job,
            # as a volunteer section; nor is a voluntary service read as the employer of a job without a title
            # ("**08.2020 – 07.2021** · *Bundesfreiwilligendienst*"), nor a job whose employer piece is the word alone
            # ("Consultante Cheffe de projet Communication - Bénévolat")
            continue
        if _PUPIL_SCHOOL.search(f"{header.title} {header.company}") and not is_title(header.title):
            continue  # "Realschulabschluss | Hoffmann-von-Fallersleben-Realschule": a school's years, no job
        # The block runs to the next entry's header, or to the next section heading.
        last = headers[position + 1].first_line - 1 if position + 1 < len(anchors) else len(lines) - 1
        last = max(last, span.last_line)
        for following in range(span.last_line + 1, last + 1):
            if lines[following].heading:
                last = following - 1
                break
        # Roles under one employer heading, undated, each with its title line ("<h3>Library <small>2010 - 2012</small>
        # </h3>" / "<p><strong>Desk Clerk</strong></p>" ... "<p><strong>Book Processor</strong></p>"): each a job of
        # the heading's dates.
        roles = [(header.body_line, header.title), *_roles_below(lines, header, last, date_lines)]
        header_text = text[lines[header.first_line].start : lines[header.body_line - 1].end]
        for number, (role_line, title) in enumerate(roles):
            role_last = roles[number + 1][0] - 1 if number + 1 < len(roles) else last
            body = [
                _body_line(lines[index].text)
                for index in range(role_line + (number > 0), role_last + 1)
                if index not in date_lines and lines[index].text.strip()
            ]
            entries.extend(
                ExperienceEntry(
                    title=title,
                    start_month=dated.start_month,
                    end_month=dated.end_month,
                    start=lines[header.first_line if number == 0 else role_line].start,
                    end=lines[max(role_last, header.body_line - 1)].end,
                    dates=text[dated.start : dated.end],
                    present=dated.present,
                    company=header.company,
                    location=header.location,
                    first=dated.first,
                    last=dated.last,
                    lines=tuple(line for line in body if line)[:_MAX_ENTRY_LINES],
                    counted=not _flagged(title, header_text if number == 0 else "", header.company),
                )
                for dated in (date_range, *siblings.get(position, ()))
            )
    entries = _without_seats(_without_grouping_headers(_once_each(_without_template_samples(entries))))
    order = {id(entry): position for position, entry in enumerate(entries)}
    entries.sort(key=lambda e: (-e.end_month, -e.start_month, order[id(e)]))
    entries = _reread_newest_title(lines, entries)
    if USE_TITLE_MODEL if learned_title is None else learned_title:
        entries = _learned_newest_title(text, lines, entries, ranges)
    entries = _without_seats(_slot_title(text, lines, entries))  # the newest job's title may be read anew above
    entries = [
        replace(
            entry,
            title=without_web_address(without_code_around(entry.title)),
            company=without_web_address(entry.company),
        )
        for entry in entries
    ]
    if not entries:  # none left once cleaned (a template's examples, grouping headers): no years, as documented
        return ResumeExperience((), None)
    counted = [entry for entry in entries if entry.counted] or entries
    total = union_months((entry.start_month, entry.end_month) for entry in counted)
    return ResumeExperience(tuple(entries[:MAX_ENTRIES]), _months_to_years(total))


_SIBLING_TITLE_WORDS = 8


def _own_title_line(lines: Sequence[Line], header: EntryHeader, date_lines: set[int]) -> int | None:
    """The line of a header that holds its title and nothing else ("<h5>Bezorger</h5>"), if there is one."""
    return next(
        (
            index
            for index in range(header.first_line, header.body_line)
            if index not in date_lines and clean_markup(lines[index].text).strip(" *_:|") == header.title
        ),
        None,
    )


_TAG_SPLIT = re.compile(r"(<[^<>\n]*>)")


def _markup_shape(text: str) -> str:
    """A line's markup without its words, tags kept whole: "<h5>Bezorger</h5>" → "<h5>x</h5>", unlike "<p>x</p>"."""
    return "".join(part if part.startswith("<") else _line_shape(part) for part in _TAG_SPLIT.split(text))


@dataclass(frozen=True, slots=True)
class _TitleLayout:
    """Where a job's title stands: its section, its line's distance above or below the dates, and its markup."""

    section: ResumeSectionKind | None
    distance: int
    below: bool
    shape: str


def _titles_from_siblings(
    text: str, lines: Sequence[Line], spans: Sequence[DateSpan], headers: list[EntryHeader], date_lines: set[int]
) -> list[EntryHeader]:
    """The headers, each title read where the job's siblings show titles are written.

    The jobs of one list are written alike. When a job's title was read on a line of its own, at some distance
    from its dates ("15/08/2018 - heden" / "<h5>Bezorger</h5>" / "Picnic, Den Haag"), a job of the same section whose
    title no rule read ("Vakkenvuller", a word of no curated list) holds it on the line at that distance, written with
    the same markup. Markup and place, not words, decide: this reads titles in any language. And when most of a
    list's jobs hold their titles so, a job whose title was read elsewhere (the line of the job above it) but holds a
    title there too is read there ("\\entry {05-16 - Now} {DevOps Technical Leader} {Squad, Toulouse}")."""
    layouts: dict[int, _TitleLayout] = {}  # job -> where its title is
    titled: Counter[ResumeSectionKind | None] = Counter()
    for position, (span, header) in enumerate(zip(spans, headers, strict=True)):
        if not header.title:
            continue
        titled[lines[span.first_line].section] += 1
        index = _own_title_line(lines, header, date_lines)
        if index is None or span.first_line <= index <= span.last_line:
            continue
        below = index > span.last_line
        distance = index - span.last_line if below else span.first_line - index
        layouts[position] = _TitleLayout(
            lines[span.first_line].section, distance, below, _markup_shape(lines[index].text)
        )
    if not layouts:
        return headers
    usual: dict[ResumeSectionKind | None, _TitleLayout] = {}
    for layout, count in Counter(layouts.values()).most_common():
        if count >= 2 and 2 * count > titled[layout.section]:
            usual.setdefault(layout.section, layout)
    # The titled jobs of each section, in order: an untitled job follows the nearest (one search each, not a scan).
    jobs: dict[ResumeSectionKind | None, list[int]] = {}
    for job, layout in layouts.items():
        jobs.setdefault(layout.section, []).append(job)
    read = list(headers)
    for position, (span, header) in enumerate(zip(spans, headers, strict=True)):
        section = lines[span.first_line].section
        if header.title:
            found = usual.get(section)
            if found is None or layouts.get(position) == found:
                continue
            layout = found
        elif section in jobs:
            titled_jobs = jobs[section]
            after = bisect.bisect_left(titled_jobs, position)
            near = titled_jobs[max(after - 1, 0) : after + 1]
            layout = layouts[min(near, key=lambda job: (abs(job - position), job))]
        else:
            continue
        index = span.last_line + layout.distance if layout.below else span.first_line - layout.distance
        floor = spans[position - 1].last_line if position else -1
        ceiling = spans[position + 1].first_line if position + 1 < len(spans) else len(lines)
        if not floor < index < ceiling or index in date_lines or lines[index].heading:
            continue
        if layout.shape in {"x", ""} or _markup_shape(lines[index].text) != layout.shape:
            continue  # a bare line says nothing of how it is written: a short line of duties would pass
        words = clean_markup(lines[index].text).strip(" *_:|")
        if not words or len(words.split()) > _SIBLING_TITLE_WORDS or is_prose(words) or is_location(words):
            continue
        if header.title and (not is_title(words) or words == header.title):
            continue  # a title read elsewhere gives way only to a title
        read[position] = replace(
            header,
            title=words,
            company="" if header.company == words else header.company,
            first_line=min(header.first_line, index),
            body_line=max(header.body_line, index + 1),
        )
    return read


@functools.cache
def _template_samples() -> frozenset[tuple[str, str]]:
    return frozenset((squash(sample.title), squash(sample.company)) for sample in markup_words().template_samples)


def _without_template_samples(entries: Sequence[ExperienceEntry]) -> list[ExperienceEntry]:
    """The entries without a template's example job left in ("Professor" at "University X", Hugo Academic's):
    `resume_markup.yaml`'s `template_samples`."""
    samples = _template_samples()
    return [entry for entry in entries if (squash(entry.title), squash(entry.company)) not in samples]


def _once_each(entries: Sequence[ExperienceEntry]) -> list[ExperienceEntry]:
    """The entries, each job once. A PDF's text may hold a block twice: the same dates, written alike, under the same
    title at the same company are one job, and so are they when one of the two copies names no company (the copy's
    header was read with another line around it). Two "Consultant" jobs of the same months at two employers are two,
    and so are "Fall 2015: Research Assistant" and "Summer 2015: Research Assistant"."""
    kept: list[ExperienceEntry] = []
    companies: dict[tuple[int, int, str, str], list[str]] = {}
    for entry in entries:
        written = " ".join(entry.dates.casefold().split())
        same = companies.setdefault((entry.start_month, entry.end_month, written, entry.title.casefold()), [])
        company = entry.company.casefold()
        if company in same or (same and (not company or "" in same)):
            continue
        same.append(company)
        kept.append(entry)
    return kept


_NOTE_WORDS = 4  # a line this short under a range header is a note ("35-40 hrs."), not a duty


def _without_grouping_headers(entries: Sequence[ExperienceEntry]) -> list[ExperienceEntry]:
    """The entries without the employers' range headers: an entry with no title and no duties of its own, whose dates
    hold those of the titled entry written right after it ("ACCENTURE: June 2014 - Current" over "Project Manager
    September 2017 - Current"), groups the roles held there; it is no job of its own, and years no role covers are not
    counted. A job with duties whose title was not read stays ("Baquet- Front desk" with its bullets, over a job held
    at the same time)."""
    kept: list[ExperienceEntry] = []
    for position, entry in enumerate(entries):
        following = entries[position + 1] if position + 1 < len(entries) else None
        if (
            not entry.title
            and all(len(line.split()) <= _NOTE_WORDS for line in entry.lines)
            and following is not None
            and following.title
            and entry.start_month <= following.start_month
            and following.end_month <= entry.end_month
            and (following.start_month, following.end_month) != (entry.start_month, entry.end_month)
        ):
            continue
        kept.append(entry)
    return kept


_HEADING_LINE = re.compile(r"\s*(?:#|<h[1-6]\b)", re.IGNORECASE)


def _line_shape(text: str) -> str:
    """A line's markup without its words: "<p><strong>Book Processor</strong></p>" → "<x><x>x</x></x>"."""
    return re.sub(r"\s+", "", re.sub(r"[^\W_]+(?:[ '’&./-]+[^\W_]+)*", "x", text))


def _roles_below(lines: Sequence[Line], header: EntryHeader, last: int, date_lines: set[int]) -> list[tuple[int, str]]:
    """(line, title) of each further role in a job's block: a line written like the header's own title line (same
    markup, its words a title) when that title stands on a line of its own."""
    if not header.title:
        return []
    title_line = _own_title_line(lines, header, date_lines)
    if title_line is None:
        return []
    shape = _line_shape(lines[title_line].text)
    if shape in {"x", ""}:
        return []  # a bare line: any short line of the duties would pass
    # A line written like the header's other lines (the employer's heading) or a markdown or HTML heading begins
    # another employer's block whose dates were not read: its roles are not this job's.
    employer_shapes = {_line_shape(lines[index].text) for index in range(header.first_line, header.body_line)} - {shape}
    found = []
    for index in range(header.body_line, last + 1):
        written = _line_shape(lines[index].text)
        if written in employer_shapes or _HEADING_LINE.match(lines[index].text):
            break
        if index in date_lines or lines[index].heading or written != shape:
            continue
        words = clean_markup(lines[index].text).strip(" *_:|")
        if words and words.casefold() != header.title.casefold() and is_title(words) and len(words.split()) <= 6:
            found.append((index, words))
    return found


_CAREER_BREAK = re.compile(
    r"\b(?:career\s+(?:break|sabbatical|gap|pause)|sabbatical|gap\s+year|(?:parental|maternity|paternity|family|"
    r"medical|caregiving)\s+leave|family\s+care|caregiving\s+break|personal\s+leave)\b",
    re.IGNORECASE,
)
# A school for pupils or its leaving certificate (curated: `resume_headings.yaml` `pupil_schools`, stems inside German
# compounds `pupil_school_stems`).
_PUPIL_SCHOOL = re.compile(
    rf"(?<![^\W_]){alternation(resume_headings().pupil_schools)}(?![^\W_])"
    rf"|{alternation(resume_headings().pupil_school_stems)}",
    re.IGNORECASE,
)
# The coding schools whose course projects a resume lists among its jobs (curated: `resume_headings.yaml`
# `bootcamp.schools`).
_CODING_SCHOOL = re.compile(rf"(?<![^\W_]){alternation(resume_headings().bootcamp.schools)}(?![^\W_])", re.IGNORECASE)
# A title that says the role was done as a volunteer (curated: `title_words.yaml` `volunteer_words`).
_VOLUNTEER_TITLE = re.compile(rf"\W*{alternation(built_words().volunteer_words)}(?![^\W_])", re.IGNORECASE)
_VOLUNTEER_MARK = re.compile(r"\(\s*(?:unpaid\s+)?volunteer(?:ing|ed)?\s*\)", re.IGNORECASE)


def _without_seats(entries: list[ExperienceEntry]) -> list[ExperienceEntry]:
    """The entries without the seats on a committee, a board or a club listed among the jobs ("Ethics Committee
    Member | 2023 - present"): organisation roles, no jobs."""
    return [entry for entry in entries if not _seat_title().search(entry.title) and not _member_of_body(entry)]


def _seat_alternations() -> tuple[str, str]:
    """The bodies and the member words of a seat (`title_words.yaml`), as the seat patterns match them."""
    words = built_words()
    return alternation(words.seat_bodies), alternation(words.seat_members)


@functools.cache
def _seat_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    bodies, members = _seat_alternations()
    return (
        re.compile(rf"\W*{members}\W*", re.IGNORECASE),
        re.compile(rf"(?<![^\W_]){bodies}(?![^\W_])", re.IGNORECASE),
    )


def _member_of_body(entry: ExperienceEntry) -> bool:
    """A job titled by a member word alone at a club, a board or a committee ("Thành viên" at "Câu lạc bộ Lập trình
    PTIT"): a seat, as `_seat_title`."""
    member, body = _seat_words()
    return member.fullmatch(entry.title) is not None and body.search(entry.company) is not None


@functools.cache
def _seat_title() -> re.Pattern[str]:
    """A title that names a seat on a committee, a board or a club (curated: `title_words.yaml` `seat_bodies`,
    `seat_members`, `seat_roles`, `seat_links`, `seat_compounds`): "Ethics Committee Member", "Member of the
    Executive Board"."""
    words = built_words()
    bodies, members = _seat_alternations()
    return re.compile(
        rf"(?<![^\W_])(?:{bodies}[ \t-]+(?:{members}|{alternation(words.seat_roles)})"
        rf"|{members}[ \t]+{alternation(words.seat_links)}[ \t]+(?:[^\W\d_][\w'’-]*[ \t]+){{0,2}}?{bodies}"
        rf"|{alternation(words.seat_compounds)})(?![^\W_])",
        re.IGNORECASE,
    )


_RANGE_LIST = re.compile(r"\s*(?:[,;&/]|and|et|y|und)\s*", re.IGNORECASE)
# A client engagement written inside a consultancy job ("**Assignment: Ericsson AB — CI Engineer (Sep 2025 –
# Present)**"): a project of that job, not a job of its own.
_ENGAGEMENT = re.compile(r"^[^\w\n]*(?:assignments?|clients?|engagements?|projects?|projets?|missions?)\s*[:：]", re.I)


def _without_engagements(
    text: str,
    lines: Sequence[Line],
    anchors: list[tuple[DateSpan, DateRange]],
    maybe: set[int],
    siblings: dict[int, list[DateRange]],
) -> tuple[list[tuple[DateSpan, DateRange]], set[int], dict[int, list[DateRange]]]:
    """The anchors without the engagements dated within the job listed above them, and without the first of
    two same dates on consecutive lines."""
    kept: list[tuple[DateSpan, DateRange]] = []
    kept_maybe: set[int] = set()
    kept_siblings: dict[int, list[DateRange]] = {}
    job: DateRange | None = None  # the last anchor that is no engagement
    for position, (span, date_range) in enumerate(anchors):
        following = anchors[position + 1] if position + 1 < len(anchors) else None
        if (
            following is not None
            and following[0].first_line == span.last_line + 1
            and (following[1].start_month, following[1].end_month) == (date_range.start_month, date_range.end_month)
            and not all(_BULLET_MARK.match(lines[index].text) for index in (span.first_line, span.last_line + 1))
        ):
            # "Paris – 2023 – 2024" / "**Senior Product Manager** | 2023 - 2024": one job dated twice (two list items
            # are two jobs of the same years: "* Assistant Professor at Ursinus College, 2020-Present" / "* Instructor
            # at Syracuse University, 2020-Present")
            continue
        above = lines[span.first_line - 1].text if span.first_line else ""
        engagement = _ENGAGEMENT.match(lines[span.first_line].text) or (
            above and _ENGAGEMENT.match(above) and not lines[span.first_line - 1].heading
        )
        if (
            engagement
            and job is not None
            and job.start_month <= date_range.start_month
            and date_range.end_month <= job.end_month
        ):
            continue
        if not engagement:
            job = date_range
        if position in maybe:
            kept_maybe.add(len(kept))
        if position in siblings:
            kept_siblings[len(kept)] = siblings[position]
        kept.append((span, date_range))
    return kept, kept_maybe, kept_siblings


# A job stated without dates: "have a job: air traffic controller", "Current position: Nurse",
# "currently working as a welder".
_STATED_JOB = re.compile(
    r"\b(?:(?:have|has|hold|holds)\s+a\s+job|current\s+(?:job|position|role|occupation)|occupation|"
    r"currently\s+(?:work(?:ing)?|employed)\s+as|present\s+(?:job|position))\s*(?:[:–—-]\s*|\s)(?:as\s+)?(?:an?\s+)?"
    r"(?P<title>[^.,;()\n]{2,60})",
    re.IGNORECASE,
)


# "Consultant - Deloitte USI" alone on a line: a role and its employer, the current job of a resume that dates none.
# The title may name its place after a comma: "Group Fitness Instructor, India - Columbia University".
_ROLE_AT = re.compile(
    r"^(?P<title>[^\W\d][^|:;,]{1,60}?(?:,\s*[^\W\d][^|:;,]{1,30}?)?)\s+(?:[-–—|@]|at)\s+"
    r"(?P<company>[^\W\d][^|:;,]{1,60})$"
)


def _role_title(title: str) -> bool:
    """A slot's title reads like one: "Consultant", or "Group Fitness Instructor, India" (a title and its place)."""
    role, _, place = title.partition(",")
    return is_title(role) and len(role.split()) <= 6 and (not place or is_location(place.strip()))


def _undated_titles(lines: Sequence[Line]) -> tuple[str, ...]:
    """The title of a job stated without dates: "Current position: Nurse", "At present working in Bajaj Housing
    Finance Ltd AS An Assistant Sales Manager", else a "<Title> - <Company>" line outside education and skills."""
    for line in lines:
        match = _STATED_JOB.search(line.text)
        if match is None:
            stated = role_in_sentence(clean_markup(line.text)) if _NOW.search(line.text) else None
            if stated is not None:
                return (stated[0],)
            continue
        title = clean_markup(match.group("title")).strip(" *_")
        title = re.split(r"\s+(?:at|for|with|in|since)\s+", title, maxsplit=1)[0]
        if is_title(title) and len(title.split()) <= 6:
            return (title,)
    for line in lines:
        # "B.S. - Florida International University" is a degree; "Instructor - Columbia University" a job at a school.
        if line.heading or _STUDIES.search(line.text):
            continue
        match = _ROLE_AT.match(clean_markup(line.text))
        if (
            match is not None
            and _role_title(match.group("title"))
            and not is_title(match.group("company"))
            and not is_location(match.group("company"))
            and (company_score(match.group("company")) or title_case(match.group("company")))
        ):
            return (match.group("title"),)
    return ()


_NOW = re.compile(r"\b(?:at\s+present|presently|currently)\b", re.IGNORECASE)


def _titles_without_dates(lines: Sequence[Line]) -> tuple[str, ...]:
    title = read_title(lines)
    return (title,) if title else ()


# The newest job's title chosen by learned weights (`title_model`) instead of the header rules.
USE_TITLE_MODEL = True


def _dates_of(
    text: str, entry: ExperienceEntry, ranges: Sequence[DateRange], starts: Sequence[int]
) -> DateRange | None:
    """The range an entry's dates were read from (`starts`: the ranges' starts, in order)."""
    for position in range(bisect.bisect_left(starts, entry.start), len(ranges)):
        found = ranges[position]
        if found.start >= entry.end:
            break
        if text[found.start : found.end] == entry.dates:
            return found
    return None


@dataclass(frozen=True, slots=True)
class _Newest:
    """The newest counted entry and what `title_model` reads its title with."""

    entry: ExperienceEntry
    dated: DateRange  # the range its dates were read from
    others: list[DateRange]  # the other ranges of the text
    stop: int | None  # where the next entry's block begins below those dates
    peers: list[title_model.Peer]  # the other entries, newest first: where this resume writes a job's title


def _newest_dates(text: str, entries: Sequence[ExperienceEntry], ranges: Sequence[DateRange]) -> _Newest | None:
    newest = next((entry for entry in entries if entry.counted), entries[0] if entries else None)
    if newest is None:
        return None
    starts = [r.start for r in ranges]
    dated = _dates_of(text, newest, ranges, starts)
    if dated is None:
        return None
    below = [entry.start for entry in entries if entry.start >= dated.end]
    dated_peers = (
        title_model.Peer(found.start, found.end, entry.title, entry.company)
        for entry in entries
        if entry is not newest and (found := _dates_of(text, entry, ranges, starts)) is not None
    )
    peers = list(itertools.islice(dated_peers, title_model.MAX_PEERS))
    return _Newest(newest, dated, [r for r in ranges if r is not dated], min(below, default=None), peers)


def newest_title_candidates(text: str, *, today: date) -> tuple[list[title_model.Candidate], str]:
    """The pieces `title_model` chooses the newest job's title from (what its build fits on) and the title the header
    reader gave that job; without a dated job, no piece and the title the rules alone read (what is kept then)."""
    lines = resume_lines(text)
    experience = parse_experience(text, today=today, lines=lines, learned_title=False)
    text = resume_markup.read(text).plain
    rules = experience.recent_titles[0] if experience.recent_titles else ""
    found = _newest_dates(text, list(experience.entries), find_date_ranges(text, today=today))
    if found is None:
        return [], rules
    dated, title = found.dated, found.entry.title
    return (
        title_model.candidates(
            text, lines, dated.start, dated.end, found.others, title, stop=found.stop, peers=found.peers
        ),
        title,
    )


def _learned_newest_title(
    text: str, lines: Sequence[Line], entries: list[ExperienceEntry], ranges: Sequence[DateRange]
) -> list[ExperienceEntry]:
    found = _newest_dates(text, entries, ranges)
    if found is None:
        return entries
    newest, dated = found.entry, found.dated
    title = title_model.newest_title(
        text, lines, dated.start, dated.end, found.others, newest.title, stop=found.stop, peers=found.peers
    )
    if title == newest.title:
        return entries
    return [replace(entry, title=title) if entry is newest else entry for entry in entries]


# A company field of a dataset row ("company - Sculpt Fitness Centre", `company: Acme`).
_COMPANY_FIELD = re.compile(r"^company(?:\s+name)?\s*[-:–]\s*(?P<company>\S.*?)\s*$", re.IGNORECASE)
_SLOT_ABOVE = 2  # lines above an entry's block its company field may be on


def _slot_title(text: str, lines: Sequence[Line], entries: list[ExperienceEntry]) -> list[ExperienceEntry]:
    """The entries, the newest counted one titled by a "<Title> - <Company>" line elsewhere in the resume that names
    its company (a dataset row's current-position slot, "Gym management & Consultant - Sculpt Fitness Centre", above
    "company - Sculpt Fitness Centre" / "description - 2015 - Present ..."): the resume's own word for that job."""
    newest = next((entry for entry in entries if entry.counted), None)
    if newest is None:
        return entries
    first = bisect.bisect_left([line.start for line in lines], newest.start)
    block = [line for line in lines[max(0, first - _SLOT_ABOVE) :] if line.start < newest.end][: _HEADER_LINES + 2]
    companies = {newest.company.casefold()} - {""}
    for line in block:
        field = _COMPANY_FIELD.match(clean_markup(line.text))
        if field is not None:
            companies.add(field.group("company").casefold())
    if not companies:
        return entries
    in_blocks = _Spans((entry.start, entry.end) for entry in entries)
    for line in lines:
        if line.heading or in_blocks.overlaps(line.start, line.start + 1):
            continue  # a line of a job's block is that job's header or duties, not the slot
        slot = _ROLE_AT.match(clean_markup(line.text).strip())
        if (
            slot is not None
            and slot.group("company").strip().casefold() in companies
            and _role_title(slot.group("title"))
        ):
            title = slot.group("title").strip()
            return [replace(entry, title=title) if entry is newest else entry for entry in entries]
    return entries


_HEADER_LINES = 6  # the lines of an entry's block its title may be on
_FIELDS_ABOVE = 3  # the fields of a data object above its date field


def _reread_newest_title(lines: Sequence[Line], entries: list[ExperienceEntry]) -> list[ExperienceEntry]:
    """The entries, the newest counted one's title re-read from its header lines when what the header gave does
    not read like a title (`title_reader.better_title`): `WorkOneTitle = 'Acme / Engineer'`, `role("Engineer"`."""
    newest = next((entry for entry in entries if entry.counted), None)
    if newest is None:
        return entries
    first = next((index for index, line in enumerate(lines) if line.start >= newest.start), len(lines))
    # An entry with no title may have it in a field above its date line (`title: 'Owner',` / `time: '2017 to 2020'`).
    above = 0 if newest.title else _FIELDS_ABOVE
    header = [line for line in lines[max(0, first - above) :] if line.start < newest.end][: _HEADER_LINES + above]
    if _whole_field_title(newest.title, header):
        return entries
    title = better_title(newest.title, header)
    if title == newest.title:
        return entries
    # The title read now may name an internship ("Engineering Intern") that the code around it hid.
    counted = not _flagged(title, "")
    return [replace(entry, title=title, counted=counted) if entry is newest else entry for entry in entries]


def _whole_field_title(title: str, header: Sequence[Line]) -> bool:
    """The title is a data file's title field as written, and no side of its slash or bar names an employer
    (`jobTitle: "IT Project Manager / SCRUM Master"`): the author's title, both sides roles, kept whole ("Acme Sp. z
    o.o. / Engineer" in a title field is still read for its title side)."""
    if not title or not any(title_field(line.text) == title for line in header):
        return False
    return not any(company_score(side) for side in re.split(r"\s+[/|]\s+", title))


# An internship is listed among the jobs but is not a year of work experience; nor is a course or a retraining
# programme ("Reconversion professionnelle / Wild Code School") written where the jobs are.
# Internships of every language the resumes are written in (curated: `title_words.yaml` `internship_words`).
_INTERNSHIP = re.compile(rf"(?<![^\W_]){alternation(built_words().internship_words)}(?![^\W_])", re.I)
# A title that begins with one of these words names the course itself ("Weiterbildung zur Web Entwicklerin",
# "Umschulung zum Fachinformatiker", "Formation de développeur web").
_COURSE_TITLE_WORDS = r"reconversion|formation|weiterbildung|umschulung|fortbildung"
_COURSE = re.compile(
    rf"\b(?:{_COURSE_TITLE_WORDS}|bootcamp|boot\s+camp|course|training\s+program(?:me)?|code\s+school|coding\s+school)\b",
    re.I,
)
# ... or says so in brackets after it ("Machine Learning Engineer (Weiterbildung)": the course that trains one). A
# title that names a course and no role ("Bootcamp Desarrollo Web Front End") is `_COURSE` in `_flagged`; one that
# names a role there ("Bootcamp Instructor") is a job.
_COURSE_TITLE = re.compile(rf"^(?:{_COURSE_TITLE_WORDS})\b|\((?:{_COURSE_TITLE_WORDS}|bootcamp|course)\)\s*$", re.I)


_EARLIER_ROLE = re.compile(r";|\b(?:previously|formerly|promoted|then)\b", re.I)  # "Designer; previously Intern"


# A degree written where a job's title goes ("Master of Science, Data Analytics" in a list whose items are jobs and
# degrees alike; "Master of Science in Business Analytics Candidate", "Bachelor Informatique - Campus Academy" among
# the jobs, "B.Sc. Angewandte Informatik (voraussichtlich)" at HTW Berlin): studies, not a job.
_DEGREE_TITLE = re.compile(
    r"^(?:(?:bachelor|master|doctor|associate)(?:['’]?s)?(?:\s+degree)?\s+(?:of|in)\s|bachelor\b|"
    r"(?:b|m)\.?\s?(?:sc|s|se|a|eng|tech|com)\.?\s+(?:in|of)\s|ph\.?\s?d\.?\s+(?:in|of)\s|mba\b|"
    # a degree's abbreviation no job title starts with, whatever follows ("B.Sc. Angewandte Informatik", "MEng
    # Software Engineering", "B.A. Economics"): only "BA", "MS" and the like without dots are also other words
    r"(?:b|m)\.?\s?(?:sc|eng|tech)\b\.?|(?:b|m)\.\s?(?:a|s|com)\.|"
    # a degree's name in Portuguese and Spanish ("Graduação em Farmácia", "Grado en Ingeniería Informática")
    r"(?:graduação|graduacao|licenciatura|mestrado|doutorado|grado|maestría|maestria|doctorado)\s+(?:em|en|de|in)\s)",
    re.I,
)


# "Junior Web Developer (Internship), unTribe": the job's kind in brackets after its title, which a title reader may
# cut off as an employment type.
_INTERNSHIP_TYPE = re.compile(
    r"\(\s*(?:internship|intern|co-?op|apprenticeship|externship|practicum|stage|praktikum)\s*\)", re.IGNORECASE
)


# A bootcamp listed among the jobs under its programme's name ("Software Engineering Immersive Fellow", "Data Science
# Immersive"): a course, as `_COURSE`. A whole title only: "Immersive Experience Designer" is a job.
_BOOTCAMP_TITLE = re.compile(
    rf"[\w&/ -]*\b{alternation(resume_headings().bootcamp.programmes)}"
    rf"(?:\s+{alternation(resume_headings().bootcamp.roles)})?",
    re.IGNORECASE,
)


def _flagged(title: str, header: str, company: str = "") -> bool:
    """The entry is no year of work: an internship, a course, a bootcamp or a degree, by its title; without one, by
    its header, or by the piece read as its employer when that names a degree ("Bachelor in Informatik, ZHAW" in a
    list of jobs and studies). At a coding school, a title that names no role is the course's project ("Solving a
    Classification Problem | Flatiron School")."""
    if (_CODING_SCHOOL.search(company) or _COURSE.search(title)) and not is_title(title):
        return True  # ... or the title names a course and no role ("Thinkful Coding Bootcamp")
    if title:
        return (
            _INTERNSHIP.search(_EARLIER_ROLE.split(title, maxsplit=1)[0]) is not None
            or _BOOTCAMP_TITLE.fullmatch(title.strip()) is not None
            or _DEGREE_TITLE.match(title) is not None
            or _COURSE_TITLE.search(title) is not None
            or names_studies(title)
            or _INTERNSHIP_TYPE.search(header) is not None
        )
    return (
        _COURSE.search(header) is not None
        or _INTERNSHIP_TYPE.search(header) is not None
        or _DEGREE_TITLE.match(company) is not None
    )

"""The most recent job title of a resume read without its dates: which short line near the top of the work
history is a job title.

The dated-entry reader (`experience.parse_experience`) finds a title next to each date range it understands. On a
layout whose dates it does not understand there is no entry and so no title, although the title is plainly written.
This reader does not need the dates. It scores the pieces of the first lines of the experience section (the whole
text when there is no such heading) as job titles and returns the best one:

- the O*NET title vocabulary (`OccupationIndex`): a piece that is an O*NET title as written, or once level words
  are dropped ("Senior Accountant II"), scores most; a piece whose role noun heads many O*NET titles ("... Nurse",
  "... Technician", "Owner") scores next; the role nouns of `resume_entries.is_title` add to it;
- the field that holds it: `position: "Nurse"`, `WorkOneTitle = '...'`, `#role("Engineer", "2019 - 2021")` say a
  title is there; `company:`, `description:`, `dates:` keys say it is not (the key words are data:
  `data/title_words.yaml`);
- its shape: a sentence, a heading, a place, a date or an organisation name ("Acme Hospital") is no title;
- its position: the first title of the section is the most recent job on almost every resume, so each line further
  down costs a little.

`read_title` is used where the dated reader gives no title to a resume (`parse_experience`). `title_score` also
tells whether a dated entry's title reads like one; `better_title` re-reads a newest entry whose header gave a piece
that does not (a variable assignment, a function call, an employer's name in a `title` field).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from skillgap.occupations.index import OccupationIndex
from skillgap.occupations.titles import core, head
from skillgap.occupations.titles import words as title_words
from skillgap.skills.resume_entries import clean_markup, company_score, is_location, is_title
from skillgap.skills.title_words_schema import built as built_words
from skillgap.text_keys import squash

__all__ = [
    "MIN_SCORE",
    "STRIP",
    "better_title",
    "is_role_noun",
    "looks_like_code",
    "names_studies",
    "never_a_title",
    "pieces",
    "read_title",
    "title_score",
]

# A piece scoring below this is no title (an O*NET title scores 4+, a known role noun 2.5+, a plain name 0).
MIN_SCORE: Final = 3.0
# The lines of the section looked at, and what each further line costs.
_MAX_LINES: Final = 80
_LINE_COST: Final = 0.04
_MAX_WORDS: Final = 8
_SENTENCE_WORDS: Final = 4
_MAX_CHARS: Final = 80
# A role noun heads at least this much O*NET title weight (one source is 2) to count as one: "nurse" heads 701,
# "school" 156 (through "... School Teacher" abbreviations), "university" none.
_ROLE_NOUN_WEIGHT: Final = 200
# How much each signal weighs (see the module doc).
_EXACT: Final = 4.0
_ROLE_NOUN: Final = 2.5
_IS_TITLE: Final = 1.0
_TITLE_KEY: Final = 1.0
_COMPANY_KEY: Final = -3.0
_ORGANISATION: Final = -2.5

# `key: value`, `"key": "value"`, `Key = 'value'`: a field of a data object, a form or a script.
_FIELD = re.compile(r"""^\s*["']?(?P<key>[A-Za-z][\w -]{0,30}?)["']?\s*[:=]\s*(?P<value>.*)$""")
# `#role("Title", "2019 - 2021")`, `entry("Company", "Title", ...)`: a call whose arguments are strings.
_CALL = re.compile(r"""#?(?P<key>[A-Za-z_]\w{0,30})\s*\(\s*(?=["'])""")
_PAIR = re.compile(
    r"""["']?(?P<key>[A-Za-z][\w-]{0,30})["']?\s*[:=]\s*(?:"(?P<double>[^"\n]*)"|'(?P<single>(?:[^'\n\\]|\\.)*)')"""
)
_QUOTED = re.compile(r""""([^"\n]{1,120})"|'((?:[^'\n\\]|\\.){1,120})'""")
_PIECE_SEPARATORS = re.compile(r"\s+[|·•–—~-]\s+|\s*[|·•]\s*|\s+/\s+|\s+at\s+|\s*:\s+")
_DIGITS = re.compile(r"\d")
_STRIP: Final = " \t*_#>-–—|,;:'\"`"
# Sections that hold no jobs (`experience.ResumeSectionKind` values).
_NO_JOBS: Final = frozenset({"education", "skills", "projects", "certifications"})
_LETTERS = re.compile(r"[^\W\d_]")
# Code around a value: braces, tags, an assignment, a call's open bracket (`role("Engineer"`), a stray quote.
_CODE = re.compile(r"""[{}<>=;"]|\(\s*$|\w\(|^\W""")


class _Line(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def section(self) -> str | None: ...
    @property
    def heading(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class _Words:
    title_keys: tuple[str, ...]
    company_keys: tuple[str, ...]
    other_keys: tuple[str, ...]
    role_nouns: frozenset[str]
    not_titles: frozenset[str]
    study_titles: frozenset[str]


@functools.cache
def _words() -> _Words:
    data = built_words()
    return _Words(
        data.title_keys,
        data.company_keys,
        data.other_keys,
        frozenset(data.role_nouns),
        frozenset(data.not_titles),
        frozenset(data.study_titles),
    )


@functools.cache
def _role_noun_weights(index: OccupationIndex) -> dict[str, int]:
    """Each role noun of the index's titles with the title weight it heads."""
    weights: dict[str, int] = {}
    for spaced, weight in index.title_words():
        noun = spaced.rsplit(" ", 1)[-1]
        weights[noun] = weights.get(noun, 0) + weight
    return weights


@functools.lru_cache(maxsize=4096)
def _is_role_noun(index: OccupationIndex, noun: str) -> bool:
    """The word heads many O*NET titles ("technician"), or is one on its own ("baker", "barista", "welder")."""
    return _role_noun_weights(index).get(noun, 0) >= _ROLE_NOUN_WEIGHT or index.match(noun, fuzzy=False) is not None


def _key_kind(key: str) -> str:
    """ "title", "company", "other" or "" for a field key: the list holding the longest word the key contains
    ("jobDescription" is a description, "jobTitle" a title, "companyName" a company)."""
    folded = re.sub(r"[\s_-]", "", key).casefold()
    words = _words()
    best, kind = 0, ""
    for name, listed in (("other", words.other_keys), ("company", words.company_keys), ("title", words.title_keys)):
        for word in listed:
            if word in folded and len(word) > best:
                best, kind = len(word), name
    return kind


def _pieces(text: str) -> list[tuple[str, str]]:
    """(piece, key kind) of one line: the string values of its field or call when it has one, else the line and
    its parts between separators."""
    line = clean_markup(text).strip()
    if not line:
        return []
    pairs = list(_PAIR.finditer(line))
    if len(pairs) > 1:  # an object on one line: `{ title: 'Acme', job: 'Baker', dates: '2016 - Present' }`
        found: list[tuple[str, str]] = []
        for pair in pairs:
            kind = _key_kind(pair.group("key"))
            if kind != "other":
                value = pair.group("double") if pair.group("double") is not None else pair.group("single")
                found.extend((part, kind) for part in _split(value))
        return found
    call = _CALL.search(line)
    field = _FIELD.match(line) if call is None or call.start() > 0 else None
    if call is not None and field is None:
        kind = _key_kind(call.group("key"))
        values = [m.group(1) or m.group(2) for m in _QUOTED.finditer(line, call.end() - 1)]
        # A call's first string is its subject: `role("Title", "dates")`, `employer("Acme", "Remote")`.
        return [(values[0], kind)] if values and kind != "other" else []
    if field is not None:
        kind = _key_kind(field.group("key"))
        if kind == "other":
            return []
        value = field.group("value").strip().rstrip(",;").strip()
        quoted = _QUOTED.fullmatch(value)
        if quoted is not None:
            value = quoted.group(1) or quoted.group(2)
        elif value[:1] in "[{(" or not value:
            return []
        return [(part, kind) for part in _split(value)]
    return [(part, "") for part in _split(line)] + [(run, "") for run in _emphasis_runs(text)]


# Bold runs set the pieces of a line apart where no separator does: "**Arup** (Toronto, ON) **Structural Engineer**".
_EMPHASIS_RUN = re.compile(r"(\*\*|__)(?P<run>[^*_\n]{2,80}?)\1")


def _emphasis_runs(text: str) -> list[str]:
    """The bold runs of a line that holds more than one (one bold run is the line's own markup)."""
    runs = [match.group("run").strip(_STRIP) for match in _EMPHASIS_RUN.finditer(text)]
    return [run for run in runs if run] if len(runs) > 1 else []


def _split(text: str) -> list[str]:
    """The text and its parts between separators ("Line Cook | Chop Steakhouse" → the whole, "Line Cook", ...)."""
    text = text.replace("\\'", "'").strip(_STRIP)
    parts = [part.strip(" \t*_,;:()[]") for part in _PIECE_SEPARATORS.split(text)]
    return list(dict.fromkeys([text, *(part for part in parts if part)]))


def title_score(piece: str, index: OccupationIndex, kind: str = "") -> float:
    """How much `piece` reads like a job title (MIN_SCORE and more: a title); `kind` is the key kind of the
    field it was written in ("title", "company", "")."""
    piece = piece.strip()
    if not piece or len(piece) > _MAX_CHARS or not _LETTERS.search(piece) or _DIGITS.search(piece):
        return 0.0
    words = piece.split()
    if len(words) > _MAX_WORDS or _CODE.search(piece) or is_location(piece):
        return 0.0
    if piece.endswith(".") and len(words) > _SENTENCE_WORDS:
        return 0.0  # a sentence; a short title may be written in lower case ("truck driver"), so no more than that
    vocabulary = _words()
    if {re.sub(r"\W", "", word.casefold()) for word in words} <= vocabulary.not_titles:
        return 0.0
    score = 0.0
    match = index.match(piece, fuzzy=False)
    if match is None:
        # "Senior Welder": the title without its level words ("Welder") is one.
        tokens = title_words(piece)
        stripped = core(tokens)
        if stripped != tokens:
            match = index.match(" ".join(stripped), fuzzy=False)
    if match is not None:
        score += _EXACT * match.confidence
    noun = head(piece)
    role_noun = bool(noun) and (noun in vocabulary.role_nouns or _is_role_noun(index, noun))
    if role_noun:
        score += _ROLE_NOUN
    if is_title(piece):
        score += _IS_TITLE
    if company_score(piece) and match is None and not role_noun:
        # "Night Owl Pharmacy", "Michigan State University"; not "Co-Founder and CTO" ("co" is a company word)
        score += _ORGANISATION
    if kind == "title":
        score += _TITLE_KEY
    elif kind == "company":
        score += _COMPANY_KEY
    return score


def _best(
    lines: Sequence[_Line], index: OccupationIndex, *, kinds: tuple[str, ...] | None = None
) -> tuple[str, float] | None:
    """The best-scoring piece of `lines` at MIN_SCORE or more (only fields of `kinds`, when given)."""
    best: tuple[str, float] | None = None
    for position, line in enumerate(lines):
        for piece, kind in _pieces(line.text):
            if kinds is not None and kind not in kinds:
                continue
            score = title_score(piece, index, kind) - _LINE_COST * position
            if score >= MIN_SCORE and (best is None or score > best[1]):
                best = (piece.strip(), score)
    return best


def _experience_lines(lines: Sequence[_Line]) -> list[_Line]:
    """The lines of the first experience section, headings left out ([] without one)."""
    start = next((position for position, line in enumerate(lines) if line.section == "experience"), None)
    if start is None:
        return []
    section: list[_Line] = []
    for line in lines[start:]:
        if line.section != "experience":
            break
        if not line.heading:
            section.append(line)
    return section[:_MAX_LINES]


def read_title(lines: Sequence[_Line], index: OccupationIndex | None = None) -> str:
    """The most recent job title written near the top of the work history, or "" when no line reads like one.

    Without an experience section (or with none of its lines a title) only a title field is read, anywhere outside
    the sections that hold no jobs: a page's code may hold the jobs' data before the heading that shows them
    (`const jobs = [...]` above `<h1>Experience</h1>`), while a bare line at the top of a resume is its headline,
    which is never a job's title."""
    index = OccupationIndex.packaged() if index is None else index
    best = _best(_experience_lines(lines), index) or _best(_outside_sections(lines), index, kinds=("title",))
    return best[0] if best is not None else ""


def _outside_sections(lines: Sequence[_Line]) -> list[_Line]:
    return [line for line in lines if not line.heading and line.section not in _NO_JOBS][:_MAX_LINES]


def _reads_as_title(title: str, index: OccupationIndex) -> bool:
    """The title, or the part before its first comma ("Senior Consultant, Advisory Services") or spaced dash ("Lead
    Engineer - Fluid Systems"), reads like one: a team named after the title keeps it a title."""
    parts = (title, title.split(",", 1)[0], title.split(" - ", 1)[0])
    return max(title_score(part, index) for part in parts) >= MIN_SCORE


def better_title(title: str, header: Sequence[_Line], index: OccupationIndex | None = None) -> str:
    """The title an entry's `header` lines hold when the title read from them (`title`) does not read like one,
    else `title`: `role("Senior Engineer"` → "Senior Engineer"; "Acme Sp. z o.o. / Engineer" → "Engineer" (one side
    of a slash or bar is no title, the other is); an empty title → the value of a title field (`title: 'Owner'`)."""
    index = OccupationIndex.packaged() if index is None else index
    if title:
        sides = [side.strip(_STRIP) for side in re.split(r"\s+[/|]\s+", title)]
        if len(sides) > 1:
            titled = [side for side in sides if _reads_as_title(side, index)]
            if len(titled) == 1:
                return titled[0]
        if _reads_as_title(title, index):
            return title
        best = _best(header, index)
    else:
        best = _best(header, index, kinds=("title",))
    return best[0] if best is not None else title


# For `title_model`, which describes pieces by the same signals.
STRIP: Final = _STRIP


def pieces(text: str) -> list[tuple[str, str]]:
    """(piece, key kind) of one line (see `_pieces`)."""
    return _pieces(text)


def is_role_noun(noun: str, index: OccupationIndex) -> bool:
    """The word is listed as a role noun or heads many O*NET titles."""
    return noun in _words().role_nouns or _is_role_noun(index, noun)


def looks_like_code(piece: str) -> bool:
    """Braces, tags, an assignment, a call's open bracket or a stray quote around the words."""
    return _CODE.search(piece) is not None


def never_a_title(piece: str) -> bool:
    """The piece's words are all ones that are never a title alone ("Present", "Remote")."""
    return {re.sub(r"\W", "", word.casefold()) for word in piece.split()} <= _words().not_titles


def names_studies(title: str) -> bool:
    """The whole title names studying, not a job ("Student", "Graduate Student", "PhD Candidate"; the words are data:
    `study_titles`), or its part before a colon or a semicolon does ("A-Levels: Maths, Physics", "Ph.D. Student;
    Supervisor: Prof. X"); "Student Assistant" and "Working Student" are jobs."""
    return any(squash(part) in _study_titles() for part in (title, re.split(r"[:;]", title, maxsplit=1)[0]))


@functools.cache
def _study_titles() -> frozenset[str]:
    """`study_titles` as `names_studies` compares them: a Thai title's vowel signs are no word characters."""
    return frozenset(map(squash, _words().study_titles))

"""The words of a resume's section headings, as data: the schema of `data/resume_headings.yaml` (the source people
edit) and of `data/resume_headings.json` (what `python -m skillgap.skills.resume_headings_build` writes and
`experience` loads).

Both hold the same lists; the built file adds a content hash (`version`). A heading name is looked up whole in the
normalized heading (lower case, single spaces); a keyword is a regular expression searched in it; a bootcamp word is
matched case-insensitively as a whole word. `check_headings` is what the build uses to refuse a name listed twice
(in one kind or two), a bootcamp word listed twice, and a pattern that does not compile or matches an empty string.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml, lower_case, pattern_problems

__all__ = [
    "BUILT",
    "FORMAT",
    "KINDS",
    "SOURCE",
    "Bootcamp",
    "Headings",
    "Keyword",
    "ResumeHeadingsFile",
    "ResumeHeadingsSource",
    "built",
    "check_headings",
    "load",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "resume_headings.yaml"
BUILT: Final = DATA_DIR / "resume_headings.json"
FORMAT: Final = 1
DATA_PACKAGE: Final = "skillgap.skills"
BUILT_NAME: Final = "data/resume_headings.json"
# The values of `experience.ResumeSectionKind`, in the order the headings are listed (and looked up).
KINDS: Final = ("experience", "education", "skills", "projects", "certifications", "summary", "other")

Kind = Literal["experience", "education", "skills", "projects", "certifications", "summary", "other"]

# A heading as normalized: words (letters, digits, apostrophes) with single spaces between them.
Name = Annotated[
    StrictStr, Field(min_length=1, max_length=40, pattern=r"^[\w']+(?: [\w']+)*$"), AfterValidator(lower_case)
]
Names = Annotated[tuple[Name, ...], Field(min_length=1)]
Pattern = Annotated[StrictStr, Field(min_length=1)]
Word = Annotated[StrictStr, Field(min_length=2, max_length=24, pattern=r"^[a-z]+$"), AfterValidator(lower_case)]
Words = Annotated[tuple[Word, ...], Field(min_length=1)]


class _Strict(BaseModel):
    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Headings(_Strict):
    """The usual headings of each kind of section, one list a kind (in `KINDS` order)."""

    experience: Names
    education: Names
    skills: Names
    projects: Names
    certifications: Names
    summary: Names
    other: Names


class Keyword(_Strict):
    """A kind of section named by a keyword of a heading not in the lists."""

    kind: Kind
    pattern: Pattern


class Bootcamp(_Strict):
    """A bootcamp programme's title: a programme word, then at most one role word; and the schools that run them."""

    programmes: Words
    roles: Words
    schools: Names


class ResumeHeadingsSource(_Strict):
    """`data/resume_headings.yaml`: see the header of that file."""

    format: Literal[1]
    headings: Headings
    volunteer: Pattern
    keywords: Annotated[tuple[Keyword, ...], Field(min_length=1)]
    bootcamp: Bootcamp
    # Schools in the languages besides English ("Hochschule", "lycée"): a dated line naming one is studies.
    schools: Names
    # Schools for pupils and their leaving certificates ("Gymnasium", "lycée", "high school"): an entry naming one
    # and no role is a school's years, not a job, under any heading; the stems are matched inside compound words
    # ("König-Wilhelm-Gymnasium", "Realschulabschluss").
    pupil_schools: Names
    pupil_school_stems: Names
    # Words that join two section names in one heading ("Educación y formación", "Skills & Languages").
    joiners: Annotated[tuple[Annotated[StrictStr, Field(min_length=1, max_length=5)], ...], Field(min_length=1)]


class ResumeHeadingsFile(ResumeHeadingsSource):
    """`data/resume_headings.json`, as built."""

    version: Annotated[StrictStr, Field(min_length=1)]


@functools.cache
def built() -> ResumeHeadingsFile:
    """The built heading words that ship with the package (`data/resume_headings.json`), read once."""
    raw = resources.files(DATA_PACKAGE).joinpath(*BUILT_NAME.split("/")).read_bytes()
    return ResumeHeadingsFile.model_validate_json(raw)


def load(path: Path = SOURCE) -> Source[ResumeHeadingsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, ResumeHeadingsSource)


def _patterns(words: ResumeHeadingsSource) -> Iterator[tuple[tuple[str | int, ...], str]]:
    yield ("volunteer",), words.volunteer
    for index, keyword in enumerate(words.keywords):
        yield ("keywords", index, "pattern"), keyword.pattern


def check_headings(words: ResumeHeadingsSource) -> list[tuple[tuple[str | int, ...], str]]:
    """Every heading name listed twice (in one kind or two), every bootcamp word listed twice, every pattern that
    does not compile or matches an empty string, with its location and why."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    first: dict[str, str] = {}
    for kind in KINDS:
        for index, name in enumerate(getattr(words.headings, kind)):
            if name in first:
                problems.append((("headings", kind, index), f"{name!r} is listed twice (also in {first[name]})"))
            first.setdefault(name, kind)
    seen: dict[str, str] = {}
    for group in ("programmes", "roles"):
        for index, word in enumerate(getattr(words.bootcamp, group)):
            if word in seen:
                problems.append((("bootcamp", group, index), f"{word!r} is listed twice (also in {seen[word]})"))
            seen.setdefault(word, group)
    return problems + pattern_problems(_patterns(words))

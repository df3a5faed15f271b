"""The words of the title reader, as data: the schema of `data/title_words.yaml` (the source people edit) and of
`data/title_words.json` (what `python -m skillgap.skills.title_words_build` writes and `title_reader` loads).

Both hold the same lists; the built file adds a content hash (`version`). A word is compared after lower-casing and
dropping spaces, dashes and underscores, so it is written in lower case letters and digits only; `check_words` is what
the build uses to refuse a word listed twice (an edit that meant another list).
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml, lower_case

__all__ = [
    "BUILT",
    "FORMAT",
    "LISTS",
    "SOURCE",
    "TitleWordsFile",
    "TitleWordsSource",
    "built",
    "check_words",
    "load",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "title_words.yaml"
BUILT: Final = DATA_DIR / "title_words.json"
FORMAT: Final = 1
DATA_PACKAGE: Final = "skillgap.skills"
BUILT_NAME: Final = "data/title_words.json"
LISTS: Final = (
    "title_keys",
    "company_keys",
    "other_keys",
    "role_nouns",
    "not_titles",
    "date_keys",
    "employment_types",
    "leading_employment_types",
    "bracket_employment_types",
    "study_titles",
    "pay_plans",
    "company_descriptors",
    "region_codes",
    "department_words",
    "study_keys",
    "organisation_words",
    "role_prepositions",
    "level_words",
    "employer_prepositions",
    "project_prepositions",
    "role_words",
    "compound_role_heads",
    "leading_role_words",
    "internship_words",
    "volunteer_words",
    "seat_bodies",
    "seat_members",
    "seat_roles",
    "seat_links",
    "seat_compounds",
)


Word = Annotated[StrictStr, Field(min_length=2, max_length=24, pattern=r"^[a-z0-9]+$"), AfterValidator(lower_case)]
Words = Annotated[tuple[Word, ...], Field(min_length=1)]
# A field's key as `resume_entries` compares it: folded, without spaces, of any alphabet ("vitri" for "Vị trí",
# "должность", "职位").
Key = Annotated[StrictStr, Field(min_length=2, max_length=24, pattern=r"^[^\W_]+$"), AfterValidator(lower_case)]
Keys = Annotated[tuple[Key, ...], Field(min_length=1)]
# A title squashed to its letters and digits, of any alphabet ("universität", "การศึกษา", "大学生"), as
# `title_reader.names_studies` compares it.
SquashedTitle = Annotated[
    StrictStr, Field(min_length=2, max_length=32, pattern=r"^[^\W_]+$"), AfterValidator(lower_case)
]
# A role word as written: letters of any alphabet, a hyphen or a space inside ("co-founder", "scrum master", "chargé").
RoleWord = Annotated[
    StrictStr,
    Field(min_length=2, max_length=32, pattern=r"^[^\W\d_]+(?:[ -][^\W\d_]+)*$"),
    AfterValidator(lower_case),
]

# An organisation word as written: letters of any alphabet, a dot, a hyphen or a space inside ("l.l.c", "air force").
OrganisationWord = Annotated[
    StrictStr,
    Field(min_length=2, max_length=32, pattern=r"^[^\W\d_]+(?:[ .-][^\W\d_]+)*$"),
    AfterValidator(lower_case),
]


class TitleWordsSource(BaseModel):
    """`data/title_words.yaml`: see the header of that file."""

    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    title_keys: Keys
    company_keys: Keys
    other_keys: Words
    role_nouns: Words
    not_titles: Keys
    date_keys: Words
    # of any alphabet: "полнаязанятость", "全职", "正社員"
    employment_types: Keys
    leading_employment_types: Keys
    bracket_employment_types: Keys
    study_titles: Annotated[tuple[SquashedTitle, ...], Field(min_length=1)]
    pay_plans: Words
    company_descriptors: Words
    region_codes: Words
    department_words: Words
    study_keys: Words
    organisation_words: Annotated[tuple[OrganisationWord, ...], Field(min_length=1)]
    role_prepositions: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    level_words: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    employer_prepositions: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    project_prepositions: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    role_words: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    compound_role_heads: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    leading_role_words: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    internship_words: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    volunteer_words: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    seat_bodies: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    seat_members: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    seat_roles: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    seat_links: Annotated[tuple[RoleWord, ...], Field(min_length=1)]
    seat_compounds: Annotated[tuple[RoleWord, ...], Field(min_length=1)]


class TitleWordsFile(TitleWordsSource):
    """`data/title_words.json`, as built."""

    version: Annotated[StrictStr, Field(min_length=1)]


@functools.cache
def built() -> TitleWordsFile:
    """The built word lists that ship with the package (`data/title_words.json`), read once."""
    raw = resources.files(DATA_PACKAGE).joinpath(*BUILT_NAME.split("/")).read_bytes()
    return TitleWordsFile.model_validate_json(raw)


def load(path: Path = SOURCE) -> Source[TitleWordsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, TitleWordsSource)


def check_words(words: TitleWordsSource) -> list[tuple[tuple[str | int, ...], str]]:
    """Every word listed twice among the key lists (or twice in one list), with its location and why: a key in two
    lists would be read both ways."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for group in (
        ("title_keys", "company_keys", "other_keys"),
        ("role_nouns",),
        ("not_titles",),
        ("date_keys",),
        ("employment_types",),
        ("leading_employment_types",),
        ("employment_types", "bracket_employment_types"),
        ("study_titles",),
        ("pay_plans",),
        ("company_descriptors",),
        ("region_codes",),
        ("department_words",),
        ("study_keys",),
        ("organisation_words",),
        ("role_prepositions",),
        ("level_words",),
        ("employer_prepositions",),
        ("project_prepositions",),
        ("role_words",),
        ("compound_role_heads",),
        ("leading_role_words",),
        ("internship_words",),
        ("volunteer_words",),
        ("seat_bodies",),
        ("seat_members", "seat_roles"),
        ("seat_links",),
        ("seat_compounds",),
    ):
        first: dict[str, str] = {}
        for name in group:
            for index, word in enumerate(getattr(words, name)):
                if word in first:
                    problems.append(((name, index), f"{word!r} is listed twice (also in {first[word]})"))
                first.setdefault(word, name)
    return problems

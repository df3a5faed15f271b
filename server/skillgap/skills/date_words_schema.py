"""The words of a resume's dates that are not dates, as data: the schema of `data/date_words.yaml` (the source
people edit) and of `data/date_words.json` (what `python -m skillgap.skills.date_words_build` writes and
`experience` loads).

Both hold the same lists; the built file adds a content hash (`version`). A phrase is matched case-insensitively as
whole words, so it is written in lower case with single spaces; `check_words` is what the build uses to refuse a
phrase listed twice in one list, or listed both as a present word and a range word (a range "2019 to now" would read
either way).
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
    "DateWordsFile",
    "DateWordsSource",
    "built",
    "check_words",
    "load",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "date_words.yaml"
BUILT: Final = DATA_DIR / "date_words.json"
FORMAT: Final = 1
DATA_PACKAGE: Final = "skillgap.skills"
BUILT_NAME: Final = "data/date_words.json"
LISTS: Final = (
    "present",
    "range_words",
    "since",
    "openers",
    "start_keys",
    "end_keys",
    "one_date_keys",
    "duration_units",
    "duty_date_words",
)


# Words (letters, digits, apostrophes) with single spaces between them: each space matches any run of white space.
# A word may be an abbreviation, each of its parts closed by a full stop ("d.d.", "н.в.").
Phrase = Annotated[
    StrictStr,
    # words, or the infinity sign ("Temmuz 2022 - ∞": still going)
    Field(min_length=1, max_length=40, pattern=r"^(?:∞|(?:[\w']+|(?:[^\W\d_]+\.)+)(?: (?:[\w']+|(?:[^\W\d_]+\.)+))*)$"),
    AfterValidator(lower_case),
]
Phrases = Annotated[tuple[Phrase, ...], Field(min_length=1)]
# A month's name or abbreviation: letters only, lower case ("sept", "märz"); an abbreviation of several words keeps
# the full stops between them (Thai "มี.ค", March: the one after it is optional, as for every name).
MonthName = Annotated[
    StrictStr,
    Field(min_length=2, max_length=20, pattern=r"^[^\W\d_]+(?:\.[^\W\d_]+)*$"),
    AfterValidator(lower_case),
]
MonthNames = Annotated[tuple[MonthName, ...], Field(min_length=1)]


class DateWordsSource(BaseModel):
    """`data/date_words.yaml`: see the header of that file."""

    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    months: Annotated[tuple[MonthNames, ...], Field(min_length=12, max_length=12)]
    solar_hijri_months: Annotated[tuple[MonthNames, ...], Field(min_length=12, max_length=12)]
    present: Phrases
    range_words: Phrases
    since: Phrases
    openers: Phrases
    start_keys: Phrases
    end_keys: Phrases
    one_date_keys: Phrases
    duration_units: Phrases
    duty_date_words: Phrases


class DateWordsFile(DateWordsSource):
    """`data/date_words.json`, as built."""

    version: Annotated[StrictStr, Field(min_length=1)]


@functools.cache
def built() -> DateWordsFile:
    """The built word lists that ship with the package (`data/date_words.json`), read once."""
    raw = resources.files(DATA_PACKAGE).joinpath(*BUILT_NAME.split("/")).read_bytes()
    return DateWordsFile.model_validate_json(raw)


def load(path: Path = SOURCE) -> Source[DateWordsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, DateWordsSource)


def check_words(words: DateWordsSource) -> list[tuple[tuple[str | int, ...], str]]:
    """Every phrase listed twice in one list, or in both `present` and `range_words` (or in two of `start_keys`,
    `end_keys` and `one_date_keys`), and every month name listed twice (in either calendar), with its location and
    why."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    month_of: dict[str, int] = {}
    for month, names in enumerate(words.months):
        for index, name in enumerate(names):
            if name in month_of:
                problems.append(
                    ((("months", month, index)), f"{name!r} is listed twice (also in month {month_of[name] + 1})")
                )
            month_of.setdefault(name, month)
    for month, names in enumerate(words.solar_hijri_months):
        for index, name in enumerate(names):
            if name in month_of:
                problems.append(
                    (("solar_hijri_months", month, index), f"{name!r} is also a month of the Gregorian calendar")
                )
            month_of.setdefault(name, month)
    for group in (
        ("present", "range_words"),
        ("since", "openers"),
        ("start_keys", "end_keys", "one_date_keys"),
        ("duration_units",),
        ("duty_date_words",),
    ):
        first: dict[str, str] = {}
        for name in group:
            for index, phrase in enumerate(getattr(words, name)):
                if phrase in first:
                    problems.append(((name, index), f"{phrase!r} is listed twice (also in {first[phrase]})"))
                first.setdefault(phrase, name)
    return problems

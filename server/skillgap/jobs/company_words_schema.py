"""The words role keys drop from company names, as data: the schema of `data/company_words.yaml` (the source people
edit) and of `data/company_words.json` (what `python -m skillgap.jobs.build` writes and `role_keys` loads).

Both hold the same lists; the built file adds a content hash (`version`). A word is one whole word of a name, so it
is written in lower case without spaces or marks; `check_words` is what the build uses to refuse a word listed twice
(an edit that meant another list).
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml, lower_case

__all__ = ["BUILT", "FORMAT", "SOURCE", "CompanyWordsFile", "CompanyWordsSource", "built", "check_words", "load"]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "company_words.yaml"
BUILT: Final = DATA_DIR / "company_words.json"
FORMAT: Final = 1


# One word as role keys split names (letters and digits only: "Inc." is the word "inc").
Word = Annotated[StrictStr, Field(min_length=1, max_length=20, pattern=r"^\w+$"), AfterValidator(lower_case)]
Words = Annotated[tuple[Word, ...], Field(min_length=1)]


class CompanyWordsSource(BaseModel):
    """`data/company_words.yaml`: see the header of that file."""

    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    leading: Words
    legal_forms: Words
    site_words: Words


class CompanyWordsFile(CompanyWordsSource):
    """`data/company_words.json`, as built."""

    version: Annotated[StrictStr, Field(min_length=1)]


@functools.cache
def built() -> CompanyWordsFile:
    """The built words that ship with the package (`data/company_words.json`), read once."""
    raw = resources.files("skillgap.jobs").joinpath("data", "company_words.json").read_bytes()
    return CompanyWordsFile.model_validate_json(raw)


def load(path: Path = SOURCE) -> Source[CompanyWordsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, CompanyWordsSource)


def check_words(words: CompanyWordsSource) -> list[tuple[tuple[str | int, ...], str]]:
    """Every word listed twice (in one list, or in both trailing lists), with its location and why."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    first: dict[str, str] = {}
    for name in ("leading", "legal_forms", "site_words"):
        for index, word in enumerate(getattr(words, name)):
            if word in first:
                problems.append(((name, index), f"{word!r} is listed twice (also in {first[word]})"))
            first.setdefault(word, name)
    return problems

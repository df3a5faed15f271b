"""The words by which a job page says its posting is closed, as data: the schema of `data/closed_words.yaml` (the
source people edit) and of `data/closed_words.json` (what `python -m skillgap.scraping.closed_build` writes and
`sources/page_closed.py` loads).

Both hold the same lists; the built file adds a content hash (`version`). A phrase is matched case-insensitively as
whole words, so it is written in lower case with single spaces; `check_words` is what the build uses to refuse a
phrase listed twice in one list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml, lower_case

__all__ = ["BUILT", "FORMAT", "LISTS", "SOURCE", "ClosedWordsFile", "ClosedWordsSource", "check_words", "load"]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "closed_words.yaml"
BUILT: Final = DATA_DIR / "closed_words.json"
FORMAT: Final = 1
LISTS: Final = ("notices", "subjects", "nouns", "verbs", "states")


# Words (letters, digits, apostrophes) with single spaces between them: each space matches any run of white space.
Phrase = Annotated[
    StrictStr, Field(min_length=1, max_length=60, pattern=r"^[\w']+(?: [\w']+)*$"), AfterValidator(lower_case)
]
Phrases = Annotated[tuple[Phrase, ...], Field(min_length=1)]


class ClosedWordsSource(BaseModel):
    """`data/closed_words.yaml`: see the header of that file."""

    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    notices: Phrases
    subjects: Phrases
    nouns: Phrases
    verbs: Phrases
    states: Phrases


class ClosedWordsFile(ClosedWordsSource):
    """`data/closed_words.json`, as built."""

    version: Annotated[StrictStr, Field(min_length=1)]


def load(path: Path = SOURCE) -> Source[ClosedWordsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, ClosedWordsSource)


def check_words(words: ClosedWordsSource) -> list[tuple[tuple[str | int, ...], str]]:
    """Every phrase listed twice in one list, with its location and why."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for name in LISTS:
        first: dict[str, int] = {}
        for index, phrase in enumerate(getattr(words, name)):
            if phrase in first:
                problems.append(((name, index), f"{phrase!r} is listed twice (also #{first[phrase] + 1})"))
            first.setdefault(phrase, index)
    return problems

"""The words of "Who is hiring?" headers, as data: the schema of `data/hn_words.yaml` (the source people edit) and of
`data/hn_words.json` (what `python -m skillgap.scraping.build` writes and the product loads).

Both hold the same lists; the built file adds a content hash (`version`). A word is matched literally, as whole
words and case-insensitively (see the source's header), so it is written in lower case; `check_words` is what the
build uses to refuse a word listed twice in one list (an edit that meant another list).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml, lower_case

__all__ = ["BUILT", "FORMAT", "SOURCE", "HnWordsFile", "HnWordsSource", "built", "check_words", "load"]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "hn_words.yaml"
BUILT: Final = DATA_DIR / "hn_words.json"
FORMAT: Final = 1


# One or more words, single spaces between them; any marks ("u.s.", "h-1b", "&") are matched literally.
Word = Annotated[StrictStr, Field(min_length=1, max_length=40, pattern=r"^\S+(?: \S+)*$"), AfterValidator(lower_case)]
Words = Annotated[tuple[Word, ...], Field(min_length=1)]
# A currency symbol is one character that is no letter, digit or space ("$", "€").
Symbol = Annotated[StrictStr, Field(pattern=r"^[^\w\s]$")]


class _Strict(BaseModel):
    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)


class OfficeDays(_Strict):
    """Hybrid work as days in the office: one of `days`, then one of `places` later in the field."""

    days: Words
    places: Words


class Hourly(_Strict):
    """Pay per hour: one of `after_slash` after a "/", or one of `words`."""

    after_slash: Words
    words: Words


class Openings(_Strict):
    """ "Multiple positions": one of `quantities`, then one of `nouns`."""

    quantities: Words
    nouns: Words


class PlaceOpeners(_Strict):
    """ "In Lisbon, we ...": one of `starts`, a place, a comma, then one of `subjects`."""

    starts: Words
    subjects: Words


class Currency(_Strict):
    code: Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")]
    symbols: tuple[Symbol, ...] = ()


class HnWordsSource(_Strict):
    """`data/hn_words.yaml`: see the header of that file."""

    format: Literal[1]
    role_nouns: Words
    remote: Words
    not_remote: Words
    hybrid: Words
    office_days: OfficeDays
    per_week: Words
    onsite: Words
    employment: Words
    visa: Words
    workplace_filler: Words
    currencies: Annotated[tuple[Currency, ...], Field(min_length=1)]
    hourly: Hourly
    place_noise: Words
    place_particles: Words
    not_places: Words
    openings: Openings
    accelerator_batches: Words
    regions: Words
    role_places: Words
    place_openers: PlaceOpeners
    remote_roles: Words
    remote_other_languages: Words
    remote_places: Words
    hiring_verbs: Words
    rights_reserved: Words
    place_common_words: Words
    work_words: Words
    place_prepositions: Words
    employer_words: Words
    location_labels: Words
    title_wrappers: Words
    title_lead_words: Words
    title_tail_words: Words
    title_hours_units: Words
    title_hours_links: Words
    title_hours_periods: Words
    title_posted_labels: Words
    title_post_words: Words
    title_articles: Words
    logo_file_words: Words
    logo_alt_words: Words
    job_board_names: Words
    site_name_leads: Words
    site_name_joiners: Words
    site_name_tails: Words


class HnWordsFile(HnWordsSource):
    """`data/hn_words.json`, as built."""

    version: Annotated[StrictStr, Field(min_length=1)]


@functools.cache
def built() -> HnWordsFile:
    """The built words that ship with the package (`data/hn_words.json`), read once."""
    raw = resources.files("skillgap.scraping").joinpath("data", "hn_words.json").read_bytes()
    return HnWordsFile.model_validate_json(raw)


def load(path: Path = SOURCE) -> Source[HnWordsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, HnWordsSource)


def word_lists(words: HnWordsSource) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every list of words with its location ("office_days", "places")."""
    for name, value in words:
        if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
            yield (name,), value
        elif isinstance(value, BaseModel):
            for part, items in value:
                yield (name, part), items


def check_words(words: HnWordsSource) -> list[tuple[tuple[str | int, ...], str]]:
    """The words listed twice in one list, and the currency codes or symbols given twice, each with its location
    and why."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for loc, items in word_lists(words):
        first: dict[str, int] = {}
        for index, word in enumerate(items):
            if word in first:
                problems.append(((*loc, index), f"{word!r} is listed twice (also #{first[word] + 1})"))
            first.setdefault(word, index)
    seen: dict[str, int] = {}
    for index, currency in enumerate(words.currencies):
        for mark in (currency.code, *currency.symbols):
            if mark in seen:
                problems.append((("currencies", index), f"{mark!r} is given twice (also currencies #{seen[mark] + 1})"))
            seen.setdefault(mark, index)
    if not any(currency.symbols for currency in words.currencies):
        problems.append((("currencies",), 'no currency has a symbol: write at least one ("$" for USD)'))
    return problems

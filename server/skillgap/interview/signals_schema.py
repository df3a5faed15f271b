"""What the offline grader listens for, as data: the schema of `data/answer_signals.yaml` (the source people edit)
and of `data/answer_signals.json` (what `python -m skillgap.interview.signals_build` writes and the product loads).

Both hold the same lists; the built file adds a content hash (`version`). A pattern is a Python regular expression
matched case-insensitively as a whole (see the source's header); `check_patterns` is what the build and the loader
use to refuse one that does not compile or matches an empty string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml, pattern_problems
from skillgap.skills.models import SkillKind

__all__ = ["BUILT", "FORMAT", "SOURCE", "SignalsFile", "SignalsSource", "check_patterns", "load"]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "answer_signals.yaml"
BUILT: Final = DATA_DIR / "answer_signals.json"
FORMAT: Final = 1

Pattern = Annotated[StrictStr, Field(min_length=1)]
Word = Annotated[StrictStr, Field(min_length=1, pattern=r"^[a-z][a-z'-]*$")]


class _Strict(BaseModel):
    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Patterns(_Strict):
    patterns: tuple[Pattern, ...] = Field(min_length=1)


class Words(_Strict):
    words: tuple[Word, ...] = Field(min_length=1)


class GraderSignals(_Strict):
    """Sentences addressed to the grader: a claim about the answer's own grade, or the grader named with a
    request."""

    claims: tuple[Pattern, ...] = Field(min_length=1)
    addressees: tuple[Pattern, ...] = Field(min_length=1)
    requests: tuple[Pattern, ...] = Field(min_length=1)
    openings: tuple[Pattern, ...] = Field(min_length=1)


class Quantities(_Strict):
    """Parts of the statements that measure an outcome."""

    number_words: tuple[Word, ...] = Field(min_length=1)
    units: tuple[Pattern, ...] = Field(min_length=1)
    changes: tuple[Pattern, ...] = Field(min_length=1)
    bounds: tuple[Pattern, ...] = Field(min_length=1)
    measures: tuple[Pattern, ...] = Field(min_length=1)
    said: tuple[Pattern, ...] = Field(min_length=1)


class Star(_Strict):
    situation: tuple[Pattern, ...] = Field(min_length=1)
    task: tuple[Pattern, ...] = Field(min_length=1)
    result: tuple[Pattern, ...] = Field(min_length=1)
    reflection: tuple[Pattern, ...] = Field(min_length=1)
    past_verbs: tuple[Word, ...] = Field(min_length=1)


class PointKinds(_Strict):
    """Words of a rubric point's text that say what kind of point it is."""

    outcome: tuple[Pattern, ...] = Field(min_length=1)
    trade_off: tuple[Pattern, ...] = Field(min_length=1)
    situation: tuple[Pattern, ...] = Field(min_length=1)
    task: tuple[Pattern, ...] = Field(min_length=1)
    action: tuple[Pattern, ...] = Field(min_length=1)
    reflection: tuple[Pattern, ...] = Field(min_length=1)


class SignalsSource(_Strict):
    """`data/answer_signals.yaml`: see the header of that file."""

    format: Literal[1]
    function_words: Words
    hedges: Patterns
    fluff: Patterns
    grader: GraderSignals
    quantities: Quantities
    steps: Patterns
    explanations: Patterns
    trade_offs: Patterns
    star: Star
    point_kinds: PointKinds
    not_tools: tuple[SkillKind, ...] = ()


class SignalsFile(SignalsSource):
    """`data/answer_signals.json`, as built."""

    version: Annotated[StrictStr, Field(min_length=1)]


def load(path: Path = SOURCE) -> Source[SignalsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, SignalsSource)


def pattern_fields(signals: SignalsSource) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every pattern of the file with its location ("grader", "claims", 3)."""
    for section, section_value in signals:
        if isinstance(section_value, Patterns):
            for index, pattern in enumerate(section_value.patterns):
                yield (section, "patterns", index), pattern
        elif isinstance(section_value, BaseModel) and not isinstance(section_value, Words):
            for name, value in section_value:
                if name in ("number_words", "past_verbs") or not isinstance(value, tuple):
                    continue
                for index, pattern in enumerate(value):
                    yield (section, name, index), pattern


def check_patterns(signals: SignalsSource) -> list[tuple[tuple[str | int, ...], str]]:
    """The patterns that do not compile or that match an empty string, each with its location and why."""
    return pattern_problems(pattern_fields(signals), re.IGNORECASE)

"""The question bank as data: the schema of `data/questions.yaml` (the source people edit) and of
`data/questions.json` (what `python -m skillgap.interview.build` writes and the product loads).

Both hold the same questions; the source may also have a `shared` section of follow-ups and rubric points that
several questions use as YAML aliases, and the built file has a format number and a content hash instead. A
question that fits the schema is then checked by `BankQuestion` itself (3-5 rubric points, placeholders, trimmed
lower-case keywords), at build time and again when the product loads the json.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import Source, load_yaml
from skillgap.interview.bank import BankQuestion, Difficulty, QuestionKind, RubricPoint
from skillgap.skills.models import SkillCategory

__all__ = [
    "BUILT",
    "FORMAT",
    "SOURCE",
    "QuestionEntry",
    "QuestionsFile",
    "QuestionsSource",
    "RubricPointEntry",
    "load",
    "to_question",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE: Final = DATA_DIR / "questions.yaml"
BUILT: Final = DATA_DIR / "questions.json"
FORMAT: Final = 1

Text = Annotated[StrictStr, Field(min_length=1)]


class _Strict(BaseModel):
    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)


class RubricPointEntry(_Strict):
    """What a good answer says, and the lower-case words or phrases that signal it."""

    point: Text
    keywords: tuple[Text, ...] = Field(min_length=1)


class QuestionEntry(_Strict):
    key: Text
    kind: QuestionKind
    difficulty: Difficulty
    skills: tuple[Text, ...] = ()
    categories: tuple[SkillCategory, ...] = ()
    text: Text
    points: tuple[RubricPointEntry, ...]
    follow_up: Text
    model_answer: Text


class QuestionsSource(_Strict):
    """`data/questions.yaml`: see the header of that file."""

    # Follow-ups and points several questions share, referred to as YAML aliases (*name); read by YAML only.
    shared: dict[StrictStr, StrictStr | RubricPointEntry] = {}
    questions: tuple[QuestionEntry, ...] = Field(min_length=1)


class QuestionsFile(_Strict):
    """`data/questions.json`, as built."""

    format: Literal[1]
    version: Text
    questions: tuple[QuestionEntry, ...]


def load(path: Path = SOURCE) -> Source[QuestionsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, QuestionsSource)


def to_question(entry: QuestionEntry) -> BankQuestion:
    """The bank's question; raises ValueError when it breaks a rule of `BankQuestion`."""
    return BankQuestion(
        key=entry.key,
        kind=entry.kind,
        difficulty=entry.difficulty,
        text=entry.text,
        points=tuple(RubricPoint(point=p.point, keywords=p.keywords) for p in entry.points),
        follow_up=entry.follow_up,
        model_answer=entry.model_answer,
        skills=entry.skills,
        categories=entry.categories,
    )

"""The question bank as data: the schema of `data/questions/*.yaml` (the sources people edit) and of
`data/questions.json` (what `python -m skillgap.interview.build` writes and the product loads).

The sources are every `*.yaml` file of `data/questions/`, read in name order (`core.yaml` first, then the skill
files). Each has an optional `shared` section, values its questions use as YAML aliases (*name, within that
file only), and a `questions` list; the built file holds all their questions in that order, with a format number
and a content hash. A question that fits the schema is then checked by `BankQuestion` itself (3-5 rubric points,
a follow-up per point, placeholders, `skills` / `kinds` / `families` rules, trimmed lower-case keywords), at
build time and again when the product loads the json.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import DataFileError, Source, display_path, load_yaml
from skillgap.interview.bank import BankQuestion, Difficulty, QuestionKind, RoleFamily, RubricPoint
from skillgap.skills.models import SkillKind, SkillSubkind

__all__ = [
    "BUILT",
    "FORMAT",
    "SOURCE_DIR",
    "QuestionEntry",
    "QuestionsFile",
    "QuestionsSource",
    "RubricPointEntry",
    "load",
    "load_all",
    "source_files",
    "to_question",
]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
SOURCE_DIR: Final = DATA_DIR / "questions"
BUILT: Final = DATA_DIR / "questions.json"
# 2: a follow-up per rubric point (no question-wide one, no {missed}); `kinds` and `families` (no `categories`).
# 3: `subkinds`, narrowing a template's kinds.
FORMAT: Final = 3

Text = Annotated[StrictStr, Field(min_length=1)]


class _Strict(BaseModel):
    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)


class RubricPointEntry(_Strict):
    """An observable behaviour of a good answer, the lower-case words that signal it, and the natural question
    to ask when an answer leaves it out."""

    point: Text
    keywords: tuple[Text, ...] = Field(min_length=1)
    follow_up: Text


class QuestionEntry(_Strict):
    key: Text
    kind: QuestionKind
    difficulty: Difficulty
    skills: tuple[Text, ...] = ()
    kinds: tuple[SkillKind, ...] = ()
    subkinds: tuple[SkillSubkind, ...] = ()
    families: tuple[RoleFamily, ...] = ()
    text: Text
    points: tuple[RubricPointEntry, ...]
    model_answer: Text


class QuestionsSource(_Strict):
    """One `data/questions/*.yaml` file: see the header of `core.yaml`."""

    # Values several questions of the file share, referred to as YAML aliases (*name); read by YAML only.
    shared: dict[StrictStr, Any] = {}
    questions: tuple[QuestionEntry, ...] = Field(min_length=1)


class QuestionsFile(_Strict):
    """`data/questions.json`, as built."""

    format: Literal[3]
    version: Text
    # Copied from `data/sentence_rules.yaml`: the first words that make a skill name a task (`QuestionBank.is_task`).
    task_verbs: tuple[Text, ...] = ()
    questions: tuple[QuestionEntry, ...]


def source_files(directory: Path = SOURCE_DIR) -> list[Path]:
    """The source files, in the order their questions enter the bank (by name)."""
    return sorted(directory.glob("*.yaml"), key=lambda path: path.name)


def load(path: Path) -> Source[QuestionsSource]:
    """The source at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, QuestionsSource)


def load_all(directory: Path = SOURCE_DIR) -> list[Source[QuestionsSource]]:
    """Every source file of `directory`, validated; raises one DataFileError listing the problems of all files."""
    files = source_files(directory)
    if not files:
        raise DataFileError([f"{display_path(directory)}: no question files (*.yaml)"])
    sources: list[Source[QuestionsSource]] = []
    problems: list[str] = []
    for path in files:
        try:
            sources.append(load(path))
        except DataFileError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataFileError(problems)
    return sources


def to_question(entry: QuestionEntry) -> BankQuestion:
    """The bank's question; raises ValueError when it breaks a rule of `BankQuestion`."""
    return BankQuestion(
        key=entry.key,
        kind=entry.kind,
        difficulty=entry.difficulty,
        text=entry.text,
        points=tuple(RubricPoint(point=p.point, keywords=p.keywords, follow_up=p.follow_up) for p in entry.points),
        model_answer=entry.model_answer,
        skills=entry.skills,
        kinds=entry.kinds,
        subkinds=entry.subkinds,
        families=entry.families,
    )

"""The question bank of the offline interview engine: questions with rubrics, and how they are picked.

Every question carries 3-5 rubric points; a point is what a good answer says plus the lower-case words or
phrases that signal it (the offline grader counts a point as covered when the answer names one of them, or
when the answer is close to the point in meaning). Each question also has a probing follow-up for a weak
answer and a short model answer ("what to say next time").

Kinds:
- technical: skill-specific (`skills` lists taxonomy ids) or generic templates for a skill category
  (`categories`), the latter phrased with {skill};
- system_design, behavioral (STAR) and experience_probe: not tied to a skill (`of_kind`).

Placeholders: the text may use {skill}, and experience probes {years_shown} and {years_asked}; the follow-up
may use {skill} and {missed} (the first rubric point the answer missed); the model answer may use {skill}. A
question with any other brace is rejected when it is built, so `render` never leaves one behind.

The questions are data: written in `data/questions.yaml`, built by `python -m skillgap.interview.build` into
`data/questions.json` (schema: `questions_schema.py`), which `QuestionBank.load()` reads and validates once per
process.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Final, Literal, get_args

from skillgap.skills.models import SkillCategory

__all__ = [
    "BankQuestion",
    "Difficulty",
    "QuestionBank",
    "QuestionKind",
    "RubricPoint",
    "format_years",
]

QuestionKind = Literal["technical", "system_design", "behavioral", "experience_probe"]
Difficulty = Literal["easy", "medium", "hard"]

KINDS: Final[tuple[QuestionKind, ...]] = get_args(QuestionKind)
DIFFICULTIES: Final[tuple[Difficulty, ...]] = get_args(Difficulty)

# The placeholders each field may use.
TEXT_PLACEHOLDERS: Final = frozenset({"skill", "years_shown", "years_asked"})
FOLLOW_UP_PLACEHOLDERS: Final = frozenset({"skill", "missed"})
MODEL_ANSWER_PLACEHOLDERS: Final = frozenset({"skill"})

DATA_PACKAGE: Final = "skillgap.interview"
DATA_FILE: Final = "data/questions.json"

# What {skill} reads when no skill is given, and the years when they are unknown.
DEFAULT_SKILL: Final = "this skill"
UNKNOWN_YEARS_SHOWN: Final = "fewer"
UNKNOWN_YEARS_ASKED: Final = "several"

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_ONE_YEARS = re.compile(r"(?<![\d.+])\b1 years\b")


def _placeholders(text: str, allowed: frozenset[str], what: str, key: str) -> None:
    names = set(_PLACEHOLDER.findall(text))
    unknown = names - allowed
    if unknown:
        raise ValueError(f"question {key!r}: {what} uses unknown placeholder(s) {sorted(unknown)}")
    rest = _PLACEHOLDER.sub("", text)
    if "{" in rest or "}" in rest:
        raise ValueError(f"question {key!r}: {what} has a stray brace")


@dataclass(frozen=True)
class RubricPoint:
    """What a good answer says, and the lower-case words or phrases that signal it."""

    point: str
    keywords: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.point.strip():
            raise ValueError("a rubric point needs its text")
        if not self.keywords:
            raise ValueError(f"rubric point {self.point!r} has no keywords")
        for keyword in self.keywords:
            if not keyword or keyword != keyword.strip() or keyword != keyword.lower():
                raise ValueError(f"rubric point {self.point!r}: keyword {keyword!r} is not trimmed lower case")


@dataclass(frozen=True)
class BankQuestion:
    key: str
    kind: QuestionKind
    difficulty: Difficulty
    text: str
    points: tuple[RubricPoint, ...]
    follow_up: str
    model_answer: str
    skills: tuple[str, ...] = ()
    categories: tuple[SkillCategory, ...] = ()

    def __post_init__(self) -> None:
        key = self.key
        if not key or key != key.strip():
            raise ValueError(f"bad question key {key!r}")
        if self.kind not in KINDS:
            raise ValueError(f"question {key!r}: unknown kind {self.kind!r}")
        if self.difficulty not in DIFFICULTIES:
            raise ValueError(f"question {key!r}: unknown difficulty {self.difficulty!r}")
        if not 3 <= len(self.points) <= 5:
            raise ValueError(f"question {key!r}: {len(self.points)} rubric points, expected 3-5")
        if not self.text.strip() or not self.follow_up.strip() or not self.model_answer.strip():
            raise ValueError(f"question {key!r}: text, follow-up and model answer are all required")
        if self.skills and self.categories:
            raise ValueError(f"question {key!r}: skill-specific questions take no categories")
        _placeholders(self.text, TEXT_PLACEHOLDERS, "text", key)
        _placeholders(self.follow_up, FOLLOW_UP_PLACEHOLDERS, "follow-up", key)
        _placeholders(self.model_answer, MODEL_ANSWER_PLACEHOLDERS, "model answer", key)

    @property
    def generic(self) -> bool:
        """Not tied to a skill: a category template, or a system design / behavioural / probe question."""
        return not self.skills


def format_years(years: float | None, *, asked: bool = False) -> str:
    """Years as a question says them: 3.0 -> "3", 2.5 -> "2.5"; asked years read as a minimum ("5+")."""
    if years is None:
        return UNKNOWN_YEARS_ASKED if asked else UNKNOWN_YEARS_SHOWN
    value = f"{round(max(years, 0.0), 1):g}"
    return f"{value}+" if asked else value


def _fill(text: str, values: dict[str, str]) -> str:
    filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    return _ONE_YEARS.sub("1 year", filled)


class QuestionBank:
    """An immutable set of questions, indexed by key; `load()` gives the packaged bank."""

    def __init__(self, questions: Iterable[BankQuestion]) -> None:
        self._questions: tuple[BankQuestion, ...] = tuple(questions)
        self._by_key: dict[str, BankQuestion] = {}
        self._order: dict[str, int] = {}
        for index, question in enumerate(self._questions):
            if question.key in self._by_key:
                raise ValueError(f"duplicate question key {question.key!r}")
            self._by_key[question.key] = question
            self._order[question.key] = index

    @classmethod
    def load(cls) -> QuestionBank:
        """The packaged bank (`data/questions.json`), read once per process."""
        return _packaged()

    def __len__(self) -> int:
        return len(self._questions)

    def __iter__(self) -> Iterator[BankQuestion]:
        return iter(self._questions)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> BankQuestion | None:
        return self._by_key.get(key)

    def for_skill(
        self,
        skill_id: str,
        category: SkillCategory,
        *,
        kind: QuestionKind = "technical",
        difficulty: Difficulty | None = None,
        exclude: frozenset[str] = frozenset(),
    ) -> list[BankQuestion]:
        """Skill-specific questions first (those whose `skills` contain skill_id), then generic ones whose
        `categories` contain `category`; with `difficulty`, questions of that difficulty first then the
        nearest ones (the easier one first at equal distance); never the keys in `exclude`; otherwise in
        bank order."""
        picked: list[tuple[int, BankQuestion]] = []
        for question in self._questions:
            if question.kind != kind or question.key in exclude:
                continue
            if skill_id and skill_id in question.skills:
                picked.append((0, question))
            elif not question.skills and category in question.categories:
                picked.append((1, question))
        picked.sort(key=lambda item: (item[0], *self._rank(item[1], difficulty)))
        return [question for _, question in picked]

    def of_kind(
        self,
        kind: QuestionKind,
        *,
        difficulty: Difficulty | None = None,
        exclude: frozenset[str] = frozenset(),
    ) -> list[BankQuestion]:
        """Questions of a kind that are not skill-specific (system design, behavioural, experience probes;
        for "technical": the category templates), ordered as in `for_skill`."""
        picked = [q for q in self._questions if q.kind == kind and not q.skills and q.key not in exclude]
        picked.sort(key=lambda question: self._rank(question, difficulty))
        return picked

    def render(
        self,
        question: BankQuestion,
        *,
        skill: str = "",
        years_shown: float | None = None,
        years_asked: float | None = None,
    ) -> str:
        """The question text with its placeholders filled (years as e.g. "3" / "5+"), never a leftover brace."""
        return _fill(
            question.text,
            {
                "skill": skill.strip() or DEFAULT_SKILL,
                "years_shown": format_years(years_shown),
                "years_asked": format_years(years_asked, asked=True),
            },
        )

    def render_follow_up(self, question: BankQuestion, *, skill: str = "", missed: str = "") -> str:
        """The follow-up with {skill} and {missed} filled (a missing point reads "the part you skipped")."""
        point = missed.strip().rstrip(".")
        return _fill(
            question.follow_up,
            {"skill": skill.strip() or DEFAULT_SKILL, "missed": point or "the part you skipped"},
        )

    def render_model_answer(self, question: BankQuestion, *, skill: str = "") -> str:
        return _fill(question.model_answer, {"skill": skill.strip() or DEFAULT_SKILL})

    def _rank(self, question: BankQuestion, difficulty: Difficulty | None) -> tuple[int, int, int]:
        order = self._order[question.key]
        if difficulty is None:
            return (0, 0, order)
        level = DIFFICULTIES.index(question.difficulty)
        return (abs(level - DIFFICULTIES.index(difficulty)), level, order)


_lock = threading.Lock()
_instance: QuestionBank | None = None


def _packaged() -> QuestionBank:
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                # Imported here: the schema module builds on the classes above.
                from skillgap.interview.questions_schema import QuestionsFile, to_question

                raw = resources.files(DATA_PACKAGE).joinpath(*DATA_FILE.split("/")).read_bytes()
                built = QuestionsFile.model_validate_json(raw)
                _instance = QuestionBank(to_question(entry) for entry in built.questions)
    return _instance

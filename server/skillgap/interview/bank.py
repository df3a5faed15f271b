"""The question bank of the offline interview engine: questions with rubrics, and how they are picked.

Every question carries 3-5 rubric points. A point is an observable behaviour of a good answer ("Explains lag as
the distance between the newest and the committed offset"), the lower-case words or phrases that signal it (the
offline grader counts a point as covered when the answer names one of them, or when the answer is close to the
point in meaning) and its own follow-up: the question an interviewer asks when the answer left that point out,
written for it by hand ("How would you tell whether the consumers are falling behind?"), never assembled from
the point's text. Each question also has a short model answer ("what to say next time").

What a question is about:
- `skills` (taxonomy ids): a question about those skills only, asked first for them;
- `kinds` (`SkillKind` values): a template phrased with {skill} that reads right for every skill of those
  kinds ("a service written in {skill}" is a `language` template; SQL is a `query_language` and never gets
  it). A skill whose kind is unknown gets no template at all: a question that may not fit is worse than none.
  `subkinds` (`SkillSubkind` values) narrow the kinds they refine: "a service written in {skill}" fits
  `programming` languages only (not HTML or CSS), "your {skill} bill" `cloud` platforms only (not Linux); a
  kind without a subkind listed fits whole (see `kind_fits`).
  A skill named as a task ("Manage data", "Work in teams": see `QuestionBank.is_task`) only gets templates that
  quote every {skill} as the job's words ('This job lists "{skill}".'), and is quoted in the sentences written
  for any skill (experience probes);
- `families` (role families): a question for the jobs of those families (a data platform design for data
  roles), asked before the family-less ones;
- none of these: a question for any job (system design, behavioural STAR, experience probes).

Placeholders: the text may use {skill}, and experience probes {years_shown} and {years_asked}; follow-ups and
the model answer may use {skill}. A question with any other brace is rejected when it is built, so rendering
never leaves one behind; names are inserted as the taxonomy writes them ("Kafka", "PostgreSQL").

The questions are data: written in `data/questions/*.yaml`, built by `python -m skillgap.interview.build` into
`data/questions.json` (schema: `questions_schema.py`), which `QuestionBank.load()` reads and validates once per
process.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Final, Literal, get_args

from skillgap.interview.models import Point
from skillgap.skills.models import KIND_OF_SUBKIND, Skill, SkillKind, SkillSubkind

__all__ = [
    "BankQuestion",
    "Difficulty",
    "QuestionBank",
    "QuestionKind",
    "RoleFamily",
    "RubricPoint",
    "format_years",
    "kind_fits",
    "subkind_problems",
]

QuestionKind = Literal["technical", "system_design", "behavioral", "experience_probe"]
Difficulty = Literal["easy", "medium", "hard"]
# The role families a question may be written for (the jobs of issue 10's occupations, as a candidate names them).
RoleFamily = Literal["data", "infrastructure", "frontend", "backend", "mobile", "security", "management"]

KINDS: Final[tuple[QuestionKind, ...]] = get_args(QuestionKind)
DIFFICULTIES: Final[tuple[Difficulty, ...]] = get_args(Difficulty)
FAMILIES: Final[tuple[RoleFamily, ...]] = get_args(RoleFamily)

# The placeholders each field may use.
TEXT_PLACEHOLDERS: Final = frozenset({"skill", "years_shown", "years_asked"})
FOLLOW_UP_PLACEHOLDERS: Final = frozenset({"skill"})
MODEL_ANSWER_PLACEHOLDERS: Final = frozenset({"skill"})

# Question kinds that may be written for a role family: an experience probe is about the candidate's own resume.
FAMILY_KINDS: Final[frozenset[QuestionKind]] = frozenset({"technical", "system_design", "behavioral"})

DATA_PACKAGE: Final = "skillgap.interview"
DATA_FILE: Final = "data/questions.json"

# What {skill} reads when no skill is given, and the years when they are unknown.
DEFAULT_SKILL: Final = "this skill"
UNKNOWN_YEARS_SHOWN: Final = "fewer"
UNKNOWN_YEARS_ASKED: Final = "several"

SKILL: Final = "{skill}"
QUOTED_SKILL: Final = '"{skill}"'

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_UNQUOTED_SKILL = re.compile(r'(?<!")\{skill\}(?!")')
_ONE_YEARS = re.compile(r"(?<![\d.+])\b1 years\b")


def kind_fits(
    kind: SkillKind, subkind: SkillSubkind, kinds: Collection[SkillKind], subkinds: Collection[SkillSubkind] = ()
) -> bool:
    """Whether a skill of `kind` and `subkind` is one of `kinds`, narrowed by `subkinds`: a kind some of whose
    subkinds are listed fits only those (an unspecified subkind none of them), any other listed kind whole."""
    if kind not in kinds:
        return False
    narrowing = [s for s in subkinds if KIND_OF_SUBKIND.get(s) is kind]
    return not narrowing or subkind in narrowing


def subkind_problems(kinds: Collection[SkillKind], subkinds: Collection[SkillSubkind]) -> list[str]:
    """What is wrong with a declaration of `subkinds` for `kinds`: each refines one of the kinds, once."""
    problems = []
    for subkind in subkinds:
        refined = KIND_OF_SUBKIND.get(subkind)
        if refined is None:
            problems.append(f"subkind {subkind.value!r} refines no kind")
        elif refined not in kinds:
            problems.append(f"subkind {subkind.value!r} refines {refined.value!r}, which is not among the kinds")
    if len(set(subkinds)) != len(tuple(subkinds)):
        problems.append("a subkind is listed twice")
    return problems


def _placeholders(text: str, allowed: frozenset[str], what: str, key: str) -> set[str]:
    names = set(_PLACEHOLDER.findall(text))
    unknown = names - allowed
    if unknown:
        raise ValueError(f"question {key!r}: {what} uses unknown placeholder(s) {sorted(unknown)}")
    rest = _PLACEHOLDER.sub("", text)
    if "{" in rest or "}" in rest:
        raise ValueError(f"question {key!r}: {what} has a stray brace")
    return names


@dataclass(frozen=True)
class RubricPoint:
    """An observable behaviour of a good answer, the lower-case words that signal it, and the follow-up to ask
    when an answer leaves it out."""

    point: str
    keywords: tuple[str, ...]
    follow_up: str

    def __post_init__(self) -> None:
        if not self.point.strip():
            raise ValueError("a rubric point needs its text")
        if not self.follow_up.strip():
            raise ValueError(f"rubric point {self.point!r} has no follow-up")
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
    model_answer: str
    skills: tuple[str, ...] = ()
    kinds: tuple[SkillKind, ...] = ()
    families: tuple[RoleFamily, ...] = ()
    subkinds: tuple[SkillSubkind, ...] = ()

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
        if not self.text.strip() or not self.model_answer.strip():
            raise ValueError(f"question {key!r}: text and model answer are both required")
        self._check_subject()
        uses_skill = "skill" in _placeholders(self.text, TEXT_PLACEHOLDERS, "text", key)
        uses_skill |= "skill" in _placeholders(self.model_answer, MODEL_ANSWER_PLACEHOLDERS, "model answer", key)
        follow_ups: set[str] = set()
        for number, point in enumerate(self.points, 1):
            uses_skill |= "skill" in _placeholders(point.follow_up, FOLLOW_UP_PLACEHOLDERS, f"point {number}", key)
            if point.follow_up in follow_ups:
                raise ValueError(f"question {key!r}: point {number} repeats the follow-up of another point")
            follow_ups.add(point.follow_up)
        # Without a skill to name, {skill} would read "this skill": only skill questions and probes may use it.
        if uses_skill and not (self.skills or self.kinds or self.kind == "experience_probe"):
            raise ValueError(f"question {key!r}: uses {{skill}} but names no skills or kinds")
        if self.kinds and "{skill}" not in self.text:
            raise ValueError(f"question {key!r}: a template for kinds {list(self.kinds)} must name {{skill}}")

    def _check_subject(self) -> None:
        key = self.key
        if self.skills and self.kinds:
            raise ValueError(f"question {key!r}: `skills` and `kinds` exclude each other")
        if SkillKind.UNSPECIFIED in self.kinds:
            raise ValueError(f"question {key!r}: 'unspecified' is not a kind a template can fit")
        problems = subkind_problems(self.kinds, self.subkinds)
        if problems:
            raise ValueError(f"question {key!r}: {'; '.join(problems)}")
        unknown = [family for family in self.families if family not in FAMILIES]
        if unknown:
            raise ValueError(f"question {key!r}: unknown role families {unknown}")
        if self.families and (self.skills or self.kinds or self.kind not in FAMILY_KINDS):
            raise ValueError(
                f"question {key!r}: `families` go on technical, system design or behavioural questions without "
                "`skills` or `kinds`"
            )
        if self.kind == "experience_probe" and (self.skills or self.kinds):
            raise ValueError(f"question {key!r}: an experience probe is for any skill: no `skills` or `kinds`")

    @property
    def quotes_skill(self) -> bool:
        """Every {skill} of the question stands in quotes, as the job's own words ('This job lists "{skill}".'):
        the only way a task-like name ("Work in teams") reads right."""
        fields = (self.text, self.model_answer, *(point.follow_up for point in self.points))
        return all(field.count(SKILL) == field.count(QUOTED_SKILL) for field in fields)

    @property
    def generic(self) -> bool:
        """Not tied to one skill: a template for kinds of skill, or a question for any job or a role family."""
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


def _skill_value(skill: str) -> str:
    return skill.strip() or DEFAULT_SKILL


def _task_verb(name: str) -> str:
    """The first word of a name that may read as a task (its next word not capitalised as a title, nor a number:
    "Work in teams", "Maintain ICT system"), lower-cased; "" for a name of a thing ("React Native", "Inform 7")."""
    words = name.split()
    if len(words) < 2 or re.match(r"[A-Z][a-z]|\d+$", words[1]):
        return ""
    return words[0].lower()


class QuestionBank:
    """An immutable set of questions, indexed by key; `load()` gives the packaged bank."""

    def __init__(self, questions: Iterable[BankQuestion], *, task_verbs: Iterable[str] = ()) -> None:
        self._questions: tuple[BankQuestion, ...] = tuple(questions)
        # First words that make a skill name a task ("Maintain ICT system"): see `is_task`.
        self._task_verbs = frozenset(task_verbs)
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
        skill: Skill,
        *,
        kind: QuestionKind = "technical",
        difficulty: Difficulty | None = None,
        exclude: frozenset[str] = frozenset(),
    ) -> list[BankQuestion]:
        """Questions about `skill`: its own ones first (those whose `skills` contain its id), then the templates
        whose `kinds` contain the skill's kind (none when its kind is unspecified); with `difficulty`, questions
        of that difficulty first then the nearest ones (the easier one first at equal distance); never the keys
        in `exclude`; otherwise in bank order."""
        picked: list[tuple[int, BankQuestion]] = []
        for question in self._questions:
            if question.kind != kind or question.key in exclude:
                continue
            if skill.skill_id and skill.skill_id in question.skills:
                picked.append((0, question))
            elif self.fits(question, skill):
                picked.append((1, question))
        picked.sort(key=lambda item: (item[0], *self._rank(item[1], difficulty)))
        return [question for _, question in picked]

    def fits(self, question: BankQuestion, skill: Skill) -> bool:
        """Whether `question` may be asked about `skill`: one of its own, or a template for the skill's kind and
        subkind (`kind_fits`; never for an unspecified kind); a task-like name only gets templates that quote it."""
        if skill.skill_id and skill.skill_id in question.skills:
            return True
        if skill.kind is SkillKind.UNSPECIFIED or not kind_fits(
            skill.kind, skill.subkind, question.kinds, question.subkinds
        ):
            return False
        return question.quotes_skill or not self.is_task(skill.name)

    def is_task(self, name: str) -> bool:
        """A skill name that says a task ("Work in teams", "Maintain ICT system": two words or more, the first one
        of the task verbs of `data/sentence_rules.yaml`, the next not capitalised as a title) rather than names a
        thing ("React Native", "Design Patterns")."""
        return _task_verb(name) in self._task_verbs

    def of_kind(
        self,
        kind: QuestionKind,
        *,
        families: Collection[str] = (),
        difficulty: Difficulty | None = None,
        exclude: frozenset[str] = frozenset(),
    ) -> list[BankQuestion]:
        """Questions of a kind that need no skill (system design, behavioural, experience probes, technical
        questions for a role family): those written for one of `families` first, then those for any job; a
        question written for other families only is left out. Ordered by difficulty as in `for_skill`."""
        wanted = frozenset(families)
        picked: list[tuple[int, BankQuestion]] = []
        for question in self._questions:
            if question.kind != kind or question.skills or question.kinds or question.key in exclude:
                continue
            if not question.families:
                picked.append((1, question))
            elif wanted.intersection(question.families):
                picked.append((0, question))
        picked.sort(key=lambda item: (item[0], *self._rank(item[1], difficulty)))
        return [question for _, question in picked]

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
            self._quoted_for(question.text, skill),
            {
                "skill": _skill_value(skill),
                "years_shown": format_years(years_shown),
                "years_asked": format_years(years_asked, asked=True),
            },
        )

    def render_follow_up(self, point: RubricPoint, *, skill: str = "") -> str:
        """A rubric point's follow-up with {skill} filled, the name as given (casing kept)."""
        return _fill(self._quoted_for(point.follow_up, skill), {"skill": _skill_value(skill)})

    def render_model_answer(self, question: BankQuestion, *, skill: str = "") -> str:
        return _fill(self._quoted_for(question.model_answer, skill), {"skill": _skill_value(skill)})

    def rendered_points(self, question: BankQuestion, *, skill: str = "") -> tuple[Point, ...]:
        """The question's rubric as an asked question carries it: each point with its follow-up rendered."""
        return tuple(
            Point(point=p.point, keywords=p.keywords, follow_up=self.render_follow_up(p, skill=skill))
            for p in question.points
        )

    def _quoted_for(self, template: str, skill: str) -> str:
        # A task-like name in a sentence written for any skill (an experience probe) is quoted as the job's words:
        # 'Your resume shows 2 years of "Work in teams"' rather than a task read as a noun.
        return _UNQUOTED_SKILL.sub(QUOTED_SKILL, template) if self.is_task(skill) else template

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
                _instance = QuestionBank((to_question(entry) for entry in built.questions), task_verbs=built.task_verbs)
    return _instance

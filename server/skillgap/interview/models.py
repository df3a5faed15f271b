"""An interview session as the domain sees it: the plan, the question waiting for an answer, the answered
turns and the feedback. Pydantic models: a session is stored whole (jsonb) after every turn and read back
on any server instance."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from skillgap.learning.catalog import LearningResource
from skillgap.skills.models import Skill

QuestionKind = Literal["technical", "system_design", "behavioral", "experience_probe"]
Difficulty = Literal["easy", "medium", "hard"]
TargetKind = Literal["gap", "job_topic", "experience_mismatch"]
SessionState = Literal["active", "finished", "cancelled", "expired"]
# How ready the answers show the candidate to be on a topic (`readiness.py` says by what rule).
Readiness = Literal["ready", "almost", "not_yet"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Point(_Model):
    """One thing a good answer says, the words that signal it, and the follow-up to ask when an answer leaves it
    out (rendered for the question's skill; "" in sessions stored before points had their own)."""

    point: str
    keywords: tuple[str, ...] = ()
    follow_up: str = ""


class Target(_Model):
    kind: TargetKind
    skill: Skill | None = None
    reason: str = ""


class Question(_Model):
    question_id: str
    index: int = 0  # 0-based position in the interview, follow-ups included; set when asked
    text: str
    kind: QuestionKind
    difficulty: Difficulty
    target: Target
    points: tuple[Point, ...]
    # The question-wide probe of sessions stored before each point had its own follow-up (a "{missed}" template);
    # kept so that they still load and finish. New questions leave it empty.
    follow_up_text: str = ""
    model_answer: str = ""
    bank_key: str = ""
    follow_up: bool = False
    parent_question_id: str = ""
    # Who wrote `text` once asked: "offline", "llm:<model>" or "offline (llm fallback: <why>)"; "" in the plan
    # and in sessions stored before this was recorded.
    engine: str = ""


class Evaluation(_Model):
    question_id: str
    score: float = Field(ge=0, le=10)
    points_covered: tuple[str, ...] = ()
    points_missed: tuple[str, ...] = ()
    rationale: str = ""
    # Why a follow-up is due: the answer said little, was off the question, or missed key points.
    vague: bool = False
    off_topic: bool = False
    engine: str = "offline"


class Turn(_Model):
    question: Question
    answer: str
    evaluation: Evaluation


class ImprovementArea(_Model):
    area: str
    skill: Skill | None = None
    advice: str = ""
    resources: tuple[LearningResource, ...] = ()


class TopicReadiness(_Model):
    """The verdict on one topic of the interview (a skill, or a kind of question), with the evidence."""

    topic: str
    skill: Skill | None = None
    readiness: Readiness
    score: float = Field(ge=0, le=10)
    question_ids: tuple[str, ...] = ()
    # Each rubric point an answer made, with the answer's sentence that made it: 'Keys each payment ...: "I key ..."'.
    evidence: tuple[str, ...] = ()
    points_covered: tuple[str, ...] = ()
    points_missed: tuple[str, ...] = ()


class PracticeItem(_Model):
    """One of the things to practise first: a topic, why, what exactly, and where to learn it."""

    topic: str
    skill: Skill | None = None
    reason: str = ""
    practise: tuple[str, ...] = ()  # the rubric points the answers missed
    resources: tuple[LearningResource, ...] = ()


class Feedback(_Model):
    overall_score: float
    turns: tuple[Turn, ...]
    strengths: tuple[str, ...]
    areas_to_improve: tuple[ImprovementArea, ...]
    weakest_question_id: str = ""
    what_to_say_next_time: str = ""
    final: bool = False
    topics: tuple[TopicReadiness, ...] = ()  # readiness per topic, in the order first asked
    practice_first: tuple[PracticeItem, ...] = ()  # two or three, the weakest first
    verdict: str = ""  # the verdict in a few sentences
    verdict_engine: str = "offline"  # who worded it: "offline" or "llm:<model>"


class Session(_Model):
    interview_id: str
    user_id: str
    job_id: str
    resume_id: str
    state: SessionState = "active"
    engine: str = "offline"
    question_count: int
    plan: tuple[Question, ...] = ()  # the planned questions, in order
    next_planned: int = 0  # position in `plan` of the next planned question to ask
    current: Question | None = None  # the question waiting for an answer
    turns: tuple[Turn, ...] = ()
    # Adapts the difficulty: +1 after a strong answer, -1 after a weak one, within -1..1.
    difficulty_shift: int = 0
    # The job as the user knows it, for the transcript ("" in sessions stored before it was recorded).
    job_title: str = ""
    company: str = ""
    # The verdict as the LLM engine worded it when the interview finished, and who; "" for the offline wording.
    verdict: str = ""
    verdict_engine: str = ""
    create_time: datetime
    update_time: datetime
    expire_time: datetime
    version: int = 0

    @property
    def answered_count(self) -> int:
        return len(self.turns)

    @property
    def asked_count(self) -> int:
        return len(self.turns) + (1 if self.current is not None else 0)

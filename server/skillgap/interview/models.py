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
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Point(_Model):
    """One thing a good answer says, and the words that signal it."""

    point: str
    keywords: tuple[str, ...] = ()


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
    follow_up_text: str = ""  # the probe to ask when the answer is weak ({missed} filled in then)
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


class Feedback(_Model):
    overall_score: float
    turns: tuple[Turn, ...]
    strengths: tuple[str, ...]
    areas_to_improve: tuple[ImprovementArea, ...]
    weakest_question_id: str = ""
    what_to_say_next_time: str = ""
    final: bool = False


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

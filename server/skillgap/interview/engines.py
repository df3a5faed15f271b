"""What writes the questions and grades the answers: the offline engine (the question bank as written,
rubric grading) here; the LLM engine in `skillgap.interview.llm`. The graph calls them through this
interface, so a turn runs the same whichever engine is in use."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import NamedTuple, Protocol

from skillgap.interview.grading import OfflineGrader
from skillgap.interview.models import Evaluation, Question, Session

# Receives the question being written (its id, kind and target are known before its text) and the next
# piece of its text.
DeltaSink = Callable[[Question, str], Awaitable[None]]

OFFLINE = "offline"


class Written(NamedTuple):
    """A question's final text, and who wrote it (the user sees it in `Question.engine`)."""

    text: str
    engine: str


class InterviewEngine(Protocol):
    @property
    def name(self) -> str: ...

    async def grade(self, question: Question, answer: str) -> Evaluation: ...

    async def write_question(self, question: Question, session: Session, on_delta: DeltaSink | None) -> Written:
        """The question's final text; its pieces go to `on_delta` as they are written."""
        ...

    async def write_follow_up(
        self, question: Question, parent: Question, evaluation: Evaluation, on_delta: DeltaSink | None
    ) -> Written: ...


# The probe when the answer missed no point that has a follow-up of its own (it said little, or the session was
# stored before points had their own follow-ups).
CONCRETE_PROBE = "Can you make that concrete? Walk me through one real case: what you did and what came of it."


def follow_up_text(parent: Question, evaluation: Evaluation) -> str:
    """The probe for a weak answer: back to the question when the answer was off it; else the follow-up written
    for the first rubric point the answer missed, as written (names keep their casing)."""
    if evaluation.off_topic:
        return f"Let's get back to the question: {parent.text} Please answer it directly, with an example."
    follow_ups = {point.point: point.follow_up for point in parent.points if point.follow_up}
    for missed in evaluation.points_missed:
        if missed in follow_ups:
            return follow_ups[missed]
    return CONCRETE_PROBE


async def emit_in_pieces(question: Question, on_delta: DeltaSink | None) -> str:
    """Send a question's written text as word-sized pieces, as a model would stream it."""
    if on_delta is not None:
        for piece in re.findall(r"\S+\s*", question.text):
            await on_delta(question, piece)
    return question.text


class OfflineEngine:
    """The bank's questions as written; grading by rubric coverage (keywords and embeddings)."""

    def __init__(self, grader: OfflineGrader) -> None:
        self._grader = grader

    @property
    def name(self) -> str:
        return "offline"

    @property
    def grader(self) -> OfflineGrader:
        """Its grader: the LLM engine reads and scores answers with it, adding its model's judgement."""
        return self._grader

    async def grade(self, question: Question, answer: str) -> Evaluation:
        return await asyncio.to_thread(self._grader.grade, question, answer)

    async def write_question(self, question: Question, session: Session, on_delta: DeltaSink | None) -> Written:
        return Written(await emit_in_pieces(question, on_delta), OFFLINE)

    async def write_follow_up(
        self, question: Question, parent: Question, evaluation: Evaluation, on_delta: DeltaSink | None
    ) -> Written:
        return Written(await emit_in_pieces(question, on_delta), OFFLINE)

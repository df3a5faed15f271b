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


def follow_up_text(parent: Question, evaluation: Evaluation) -> str:
    """The bank's probe with the first missed point filled in, or a generic probe."""
    missed = evaluation.points_missed[0] if evaluation.points_missed else "a concrete example"
    template = parent.follow_up_text or "Can you go deeper? In particular: {missed}."
    if evaluation.off_topic:
        return f"Let's get back to the question: {parent.text} Please answer it directly, with an example."
    return template.replace("{missed}", missed[:1].lower() + missed[1:])


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

    async def grade(self, question: Question, answer: str) -> Evaluation:
        return await asyncio.to_thread(self._grader.grade, question, answer)

    async def write_question(self, question: Question, session: Session, on_delta: DeltaSink | None) -> Written:
        return Written(await emit_in_pieces(question, on_delta), OFFLINE)

    async def write_follow_up(
        self, question: Question, parent: Question, evaluation: Evaluation, on_delta: DeltaSink | None
    ) -> Written:
        return Written(await emit_in_pieces(question, on_delta), OFFLINE)

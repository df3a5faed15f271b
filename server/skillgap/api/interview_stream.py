"""The machinery of the Converse stream: what its actions share, the requests until the server stops, and a
turn run while its events stream out. The servicer (`servicers/interview.py`) has one handler per client
action on top of these."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from skillgap.api.convert_interview import (
    evaluation_message,
    feedback_message,
    question_message,
    question_started_message,
)
from skillgap.api.errors import MAX_MESSAGE_CHARS, bounded, status_code_for
from skillgap.errors import SkillGapError, Unavailable
from skillgap.interview.engines import DeltaSink
from skillgap.interview.models import Evaluation, Feedback, Question
from skillgap.v1 import interview_pb2

T = TypeVar("T")
Response = interview_pb2.ConverseResponse


@dataclass
class ConverseStream:
    """What the action handlers of one stream share: the caller, the interview the stream runs (empty until a
    start or a resume), and whether the last action ended the stream."""

    user_id: str
    interview_id: str = ""
    ended: bool = False

    def finished(self, feedback: Feedback) -> Response:
        """The stream's last event: the interview's feedback."""
        self.ended = True
        return Response(interview_id=self.interview_id, finished=feedback_message(feedback))

    def error(self, exc: SkillGapError) -> Response:
        """An error the stream survives (a too-long answer, the wrong question id): the user can fix it."""
        return Response(
            interview_id=self.interview_id,
            error=interview_pb2.ConverseError(
                code=status_code_for(exc).name,
                message=bounded(exc.message, MAX_MESSAGE_CHARS),
                reason=exc.reason,
            ),
        )

    def shutting_down(self) -> Unavailable:
        """How the stream ends when the server stops between two requests: every answered turn is saved."""
        where = f"interview {self.interview_id}" if self.interview_id else "your interview"
        return Unavailable(
            f"this server is shutting down; every answered turn is saved: reconnect and resume {where}",
            reason="SERVER_SHUTTING_DOWN",
            metadata={"interview_id": self.interview_id} if self.interview_id else {},
        )


class UntilStopping:
    """The requests of a stream, until the client ends it or the server starts stopping (checked between
    requests, never in the middle of a turn); `interrupted` tells the second case."""

    def __init__(self, stopping: asyncio.Event) -> None:
        self._stopping = stopping
        self.interrupted = False

    async def requests(self, requests: AsyncIterator[T]) -> AsyncIterator[T]:
        iterator = aiter(requests)
        while not self._stopping.is_set():
            receiving = asyncio.ensure_future(anext(iterator))
            waiting = asyncio.ensure_future(self._stopping.wait())
            try:
                await asyncio.wait({receiving, waiting}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                waiting.cancel()
                if not receiving.done():
                    receiving.cancel()
            if receiving.cancelled() or not receiving.done():
                break
            try:
                request = receiving.result()
            except StopAsyncIteration:
                return
            yield request
        self.interrupted = True


def question_events(interview_id: str, question: Question, *, streamed: bool) -> list[Response]:
    """The rest of a question's events: started and its whole text unless its text streamed, then complete."""
    events = []
    if not streamed:
        events.append(Response(interview_id=interview_id, question_started=question_started_message(question)))
        events.append(
            Response(
                interview_id=interview_id,
                question_delta=interview_pb2.QuestionDelta(question_id=question.question_id, text_delta=question.text),
            )
        )
    events.append(Response(interview_id=interview_id, question_complete=question_message(question)))
    return events


class Turn(Generic[T]):
    """Runs one turn (its work gives a T) while streaming what it produces as it happens: the evaluation as
    soon as the answer is graded, then `question_started` before the first piece of the next question and
    `question_delta` for each piece as the engine writes it."""

    def __init__(self, interview_id: str) -> None:
        self.interview_id = interview_id
        self._outcome: tuple[T] | None = None  # a tuple: the work's result may itself be None
        self._started: set[str] = set()
        self._events: asyncio.Queue[Response | None] = asyncio.Queue()

    @property
    def result(self) -> T:
        """What the work gave; only once `run` has streamed everything."""
        if self._outcome is None:
            raise RuntimeError("the turn has not finished")
        return self._outcome[0]

    async def sink(self, question: Question, piece: str) -> None:
        if question.question_id not in self._started:
            self._started.add(question.question_id)
            await self._events.put(
                Response(interview_id=self.interview_id, question_started=question_started_message(question))
            )
        await self._events.put(
            Response(
                interview_id=self.interview_id,
                question_delta=interview_pb2.QuestionDelta(question_id=question.question_id, text_delta=piece),
            )
        )

    async def evaluated(self, evaluation: Evaluation) -> None:
        await self._events.put(
            Response(interview_id=self.interview_id, answer_evaluated=evaluation_message(evaluation))
        )

    async def run(self, work: Callable[[DeltaSink], Awaitable[T]]) -> AsyncIterator[Response]:
        task = asyncio.ensure_future(work(self.sink))
        task.add_done_callback(lambda _: self._events.put_nowait(None))
        try:
            while (event := await self._events.get()) is not None:
                yield event
        finally:
            if not task.done():
                task.cancel()
        self._outcome = (await task,)

    def finish_question(self, question: Question) -> list[Response]:
        """The rest of a question's events after this turn (see `question_events`)."""
        return question_events(self.interview_id, question, streamed=question.question_id in self._started)

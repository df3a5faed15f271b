from __future__ import annotations

import asyncio
import functools
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from grpc import aio

from skillgap.api.call_context import current_principal
from skillgap.api.convert_interview import (
    evaluation_message,
    feedback_message,
    question_message,
    question_started_message,
    session_message,
)
from skillgap.api.errors import MAX_MESSAGE_CHARS, bounded, status_code_for
from skillgap.errors import FailedPrecondition, InvalidArgument, SkillGapError, Unavailable
from skillgap.interview.engines import DeltaSink
from skillgap.interview.models import Evaluation, Question, Session
from skillgap.interview.service import InterviewService, TurnResult
from skillgap.v1 import interview_pb2, interview_pb2_grpc

T = TypeVar("T")
Response = interview_pb2.ConverseResponse


class InterviewServicer(interview_pb2_grpc.InterviewServiceServicer):
    """Unary calls for REST clients and one bidirectional stream for live interviews; both drive the same
    sessions, saved after every turn, so a client may switch between them or move to another instance."""

    def __init__(self, interviews: InterviewService) -> None:
        self._interviews = interviews
        self._stopping = asyncio.Event()

    def begin_shutdown(self) -> None:
        """The server is stopping: each live stream finishes the turn it is in (saved, as always), then ends
        with UNAVAILABLE and how to resume, instead of holding the shutdown until its grace runs out while
        the user thinks about the next answer."""
        self._stopping.set()

    async def StartInterview(
        self, request: interview_pb2.StartInterviewRequest, context: aio.ServicerContext
    ) -> interview_pb2.StartInterviewResponse:
        principal = current_principal()
        session, question = await self._interviews.start(
            principal.user_id,
            request.job_id,
            request.resume_id,
            question_count=request.options.question_count,
            engine=request.options.engine,
        )
        return interview_pb2.StartInterviewResponse(
            interview=session_message(session), question=question_message(question)
        )

    async def SubmitAnswer(
        self, request: interview_pb2.SubmitAnswerRequest, context: aio.ServicerContext
    ) -> interview_pb2.SubmitAnswerResponse:
        principal = current_principal()
        result = await self._interviews.answer(
            principal.user_id, request.interview_id, request.question_id, request.answer
        )
        reply = interview_pb2.SubmitAnswerResponse(
            interview=session_message(result.session), evaluation=evaluation_message(result.evaluation)
        )
        if result.next_question is not None:
            reply.next_question.CopyFrom(question_message(result.next_question))
        if result.feedback is not None:
            reply.feedback.CopyFrom(feedback_message(result.feedback))
        return reply

    async def GetFeedback(
        self, request: interview_pb2.GetFeedbackRequest, context: aio.ServicerContext
    ) -> interview_pb2.GetFeedbackResponse:
        principal = current_principal()
        session, feedback = await self._interviews.feedback(principal.user_id, request.interview_id)
        return interview_pb2.GetFeedbackResponse(
            interview=session_message(session), feedback=feedback_message(feedback)
        )

    async def Converse(
        self, request_iterator: AsyncIterator[interview_pb2.ConverseRequest], context: aio.ServicerContext
    ) -> AsyncIterator[Response]:
        user_id = current_principal().user_id
        interview_id = ""
        until_stopping = _UntilStopping(self._stopping)
        async for request in until_stopping.requests(request_iterator):
            action = request.WhichOneof("action")
            try:
                if action == "start":
                    start = request.start
                    if interview_id:
                        raise FailedPrecondition(
                            f"this stream already runs interview {interview_id}; open a new stream for another",
                            reason="STREAM_HAS_INTERVIEW",
                        )
                    new_id = str(uuid.uuid4())
                    turn = _Turn(new_id)
                    async for event in turn.run(functools.partial(self._start, user_id, start, new_id)):
                        yield event
                    session, question = turn.result
                    interview_id = session.interview_id
                    yield Response(interview_id=interview_id, session=session_message(session))
                    for event in turn.finish_question(question):
                        yield event
                elif action == "answer":
                    if not interview_id:
                        raise FailedPrecondition(
                            "no interview on this stream yet: send start, or resume with an interview id",
                            reason="NO_INTERVIEW",
                        )
                    answer = request.answer
                    turn = _Turn(interview_id)
                    async for event in turn.run(functools.partial(self._answer, user_id, interview_id, answer, turn)):
                        yield event
                    result = turn.result
                    if result.next_question is not None:
                        for event in turn.finish_question(result.next_question):
                            yield event
                    if result.feedback is not None:
                        yield Response(interview_id=interview_id, finished=feedback_message(result.feedback))
                        return
                elif action == "resume":
                    session = await self._interviews.get(user_id, request.resume.interview_id)
                    interview_id = session.interview_id
                    yield Response(interview_id=interview_id, session=session_message(session))
                    if session.state == "active" and session.current is not None:
                        for event in _Turn(interview_id).finish_question(session.current):
                            yield event
                    else:
                        yield Response(interview_id=interview_id, finished=feedback_message(self._feedback(session)))
                        return
                elif action == "cancel":
                    if not interview_id:
                        return
                    session, feedback = await self._interviews.cancel(user_id, interview_id)
                    yield Response(interview_id=interview_id, finished=feedback_message(feedback))
                    return
                else:
                    raise InvalidArgument(
                        "a ConverseRequest needs one of start, answer, resume or cancel", reason="EMPTY_REQUEST"
                    )
            except SkillGapError as exc:
                # The stream survives what the user can fix (a too-long answer, the wrong question id).
                yield Response(
                    interview_id=interview_id,
                    error=interview_pb2.ConverseError(
                        code=status_code_for(exc).name,
                        message=bounded(exc.message, MAX_MESSAGE_CHARS),
                        reason=exc.reason,
                    ),
                )
        if until_stopping.interrupted:
            where = f"interview {interview_id}" if interview_id else "your interview"
            raise Unavailable(
                f"this server is shutting down; every answered turn is saved: reconnect and resume {where}",
                reason="SERVER_SHUTTING_DOWN",
                metadata={"interview_id": interview_id} if interview_id else {},
            )

    async def _start(
        self, user_id: str, start: interview_pb2.ConverseStart, interview_id: str, sink: DeltaSink
    ) -> tuple[Session, Question]:
        return await self._interviews.start(
            user_id,
            start.job_id,
            start.resume_id,
            question_count=start.options.question_count,
            engine=start.options.engine,
            on_delta=sink,
            interview_id=interview_id,
        )

    async def _answer(
        self, user_id: str, interview_id: str, answer: interview_pb2.ConverseAnswer, turn: _Turn, sink: DeltaSink
    ) -> TurnResult:
        return await self._interviews.answer(
            user_id, interview_id, answer.question_id, answer.text, on_delta=sink, on_evaluated=turn.evaluated
        )

    def _feedback(self, session: Session) -> Any:
        return self._interviews.feedback_of(session)


class _UntilStopping:
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


class _Turn:
    """Runs one turn while streaming what it produces as it happens: the evaluation as soon as the answer is
    graded, then `question_started` before the first piece of the next question and `question_delta` for
    each piece as the engine writes it."""

    def __init__(self, interview_id: str) -> None:
        self.result: Any = None
        self._started: set[str] = set()
        self._interview_id = interview_id
        self._events: asyncio.Queue[Response | None] = asyncio.Queue()

    async def sink(self, question: Question, piece: str) -> None:
        if question.question_id not in self._started:
            self._started.add(question.question_id)
            await self._events.put(
                Response(interview_id=self._interview_id, question_started=question_started_message(question))
            )
        await self._events.put(
            Response(
                interview_id=self._interview_id,
                question_delta=interview_pb2.QuestionDelta(question_id=question.question_id, text_delta=piece),
            )
        )

    async def evaluated(self, evaluation: Evaluation) -> None:
        await self._events.put(
            Response(interview_id=self._interview_id, answer_evaluated=evaluation_message(evaluation))
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
        self.result = await task

    def finish_question(self, question: Question) -> list[Response]:
        """The rest of a question's events: started and its whole text if nothing streamed, then complete."""
        events = []
        if question.question_id not in self._started:
            events.append(
                Response(interview_id=self._interview_id, question_started=question_started_message(question))
            )
            events.append(
                Response(
                    interview_id=self._interview_id,
                    question_delta=interview_pb2.QuestionDelta(
                        question_id=question.question_id, text_delta=question.text
                    ),
                )
            )
        events.append(Response(interview_id=self._interview_id, question_complete=question_message(question)))
        return events

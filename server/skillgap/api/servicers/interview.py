from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable

from grpc import aio

from skillgap.api.call_context import current_principal
from skillgap.api.convert_interview import (
    evaluation_message,
    feedback_message,
    question_message,
    session_message,
)
from skillgap.api.interview_stream import ConverseStream, Response, Turn, UntilStopping, question_events
from skillgap.errors import FailedPrecondition, InvalidArgument, SkillGapError
from skillgap.interview.engines import DeltaSink
from skillgap.interview.models import Question, Session
from skillgap.interview.service import InterviewService, TurnResult
from skillgap.v1 import interview_pb2, interview_pb2_grpc


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

    async def GetInterviewTranscript(
        self, request: interview_pb2.GetInterviewTranscriptRequest, context: aio.ServicerContext
    ) -> interview_pb2.GetInterviewTranscriptResponse:
        principal = current_principal()
        transcript = await self._interviews.transcript(principal.user_id, request.interview_id)
        return interview_pb2.GetInterviewTranscriptResponse(
            interview=session_message(transcript.session), markdown=transcript.markdown, filename=transcript.filename
        )

    async def GetInterview(
        self, request: interview_pb2.GetInterviewRequest, context: aio.ServicerContext
    ) -> interview_pb2.GetInterviewResponse:
        principal = current_principal()
        session = await self._interviews.get(principal.user_id, request.interview_id)
        reply = interview_pb2.GetInterviewResponse(interview=session_message(session))
        if session.state == "active" and session.current is not None:
            reply.current_question.CopyFrom(question_message(session.current))
        return reply

    async def Converse(
        self, request_iterator: AsyncIterator[interview_pb2.ConverseRequest], context: aio.ServicerContext
    ) -> AsyncIterator[Response]:
        stream = ConverseStream(current_principal().user_id)
        until_stopping = UntilStopping(self._stopping)
        async for request in until_stopping.requests(request_iterator):
            try:
                async for event in self._act(stream, request):
                    yield event
            except SkillGapError as exc:
                yield stream.error(exc)
            if stream.ended:
                return
        if until_stopping.interrupted:
            raise stream.shutting_down()

    def _act(self, stream: ConverseStream, request: interview_pb2.ConverseRequest) -> AsyncIterator[Response]:
        """The events of one client action."""
        match request.WhichOneof("action"):
            case "start":
                return self._on_start(stream, request.start)
            case "answer":
                return self._on_answer(stream, request.answer)
            case "resume":
                return self._on_resume(stream, request.resume)
            case "cancel":
                return self._on_cancel(stream)
        raise InvalidArgument("a ConverseRequest needs one of start, answer, resume or cancel", reason="EMPTY_REQUEST")

    async def _on_start(self, stream: ConverseStream, start: interview_pb2.ConverseStart) -> AsyncIterator[Response]:
        if stream.interview_id:
            raise FailedPrecondition(
                f"this stream already runs interview {stream.interview_id}; open a new stream for another",
                reason="STREAM_HAS_INTERVIEW",
            )
        turn: Turn[tuple[Session, Question]] = Turn(str(uuid.uuid4()))

        def work(sink: DeltaSink) -> Awaitable[tuple[Session, Question]]:
            return self._interviews.start(
                stream.user_id,
                start.job_id,
                start.resume_id,
                question_count=start.options.question_count,
                engine=start.options.engine,
                on_delta=sink,
                interview_id=turn.interview_id,
            )

        async for event in turn.run(work):
            yield event
        session, question = turn.result
        stream.interview_id = session.interview_id
        yield Response(interview_id=stream.interview_id, session=session_message(session))
        for event in turn.finish_question(question):
            yield event

    async def _on_answer(self, stream: ConverseStream, answer: interview_pb2.ConverseAnswer) -> AsyncIterator[Response]:
        if not stream.interview_id:
            raise FailedPrecondition(
                "no interview on this stream yet: send start, or resume with an interview id", reason="NO_INTERVIEW"
            )
        turn: Turn[TurnResult] = Turn(stream.interview_id)

        def work(sink: DeltaSink) -> Awaitable[TurnResult]:
            return self._interviews.answer(
                stream.user_id,
                turn.interview_id,
                answer.question_id,
                answer.text,
                on_delta=sink,
                on_evaluated=turn.evaluated,
            )

        async for event in turn.run(work):
            yield event
        result = turn.result
        if result.next_question is not None:
            for event in turn.finish_question(result.next_question):
                yield event
        if result.feedback is not None:
            yield stream.finished(result.feedback)

    async def _on_resume(self, stream: ConverseStream, resume: interview_pb2.ConverseResume) -> AsyncIterator[Response]:
        session = await self._interviews.get(stream.user_id, resume.interview_id)
        stream.interview_id = session.interview_id
        yield Response(interview_id=stream.interview_id, session=session_message(session))
        if session.state == "active" and session.current is not None:
            for event in question_events(stream.interview_id, session.current, streamed=False):
                yield event
        else:
            yield stream.finished(self._interviews.feedback_of(session))

    async def _on_cancel(self, stream: ConverseStream) -> AsyncIterator[Response]:
        if not stream.interview_id:
            stream.ended = True
            return
        _, feedback = await self._interviews.cancel(stream.user_id, stream.interview_id)
        yield stream.finished(feedback)

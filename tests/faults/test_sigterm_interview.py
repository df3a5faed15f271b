"""`skillgap serve` stopped with SIGTERM (a deploy, a scale-down) while a user is in a live interview.

Real server processes on the run's database: the user answers two turns over the Converse stream, the
server gets SIGTERM. What the user notices: the stream ends at once with UNAVAILABLE and a message saying to
resume (not a hang until the grace period runs out, not INTERNAL); the process exits cleanly. A new server
process on the same database resumes the interview where it was, with both answers kept.
"""

from __future__ import annotations

import asyncio
import signal
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc

from skillgap.api.server import GrpcServer
from skillgap.app import App
from skillgap.interview.service import InterviewService
from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.v1 import interview_pb2, interview_pb2_grpc
from tests.ports import free_port
from tests.support.cli import STARTUP_TIMEOUT, child_env, running_cli
from tests.support.interview import Stream, answer_for
from tests.support.samples import BACKEND, upload
from tests.support.services import job_catalog

GRACE = 10.0  # SKILLGAP_SHUTDOWN_GRACE_SECONDS: an idle stream must not hold the shutdown this long


async def _serving(port: int) -> None:
    async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        health = await health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(), timeout=STARTUP_TIMEOUT, wait_for_ready=True
        )
        assert health.status == health_pb2.HealthCheckResponse.SERVING


@pytest.mark.slow
async def test_sigterm_mid_interview_ends_the_stream_cleanly_and_a_new_server_resumes_it(
    resources: Resources,
    database_url: str,
    token_for: Callable[..., str],
    user_id: str,
    tmp_path: Path,
    grpc_status_details: Callable[[aio.AioRpcError], Any],
) -> None:
    auth = (("authorization", f"Bearer {token_for(user_id)}"),)
    posting = JobPosting(
        source_kind="greenhouse",
        source_identifier="faults-sigterm",
        external_id=uuid.uuid4().hex,
        title="Senior Backend Engineer",
        description=BACKEND,
        company=f"Sigtermco {uuid.uuid4().hex[:6]}",
    )
    job_id = (await job_catalog(resources).add(posting)).job_id
    port = free_port()
    env = child_env(
        database_url=database_url,
        data_dir=tmp_path / "data",
        grpc_port=port,
        shutdown_grace_seconds=GRACE,
        metrics_port=0,  # no fixed port to collide with
    )

    answered: list[tuple[str, str]] = []  # (question id, answer) in order
    async with running_cli("serve", env=env) as first:
        await first.while_running(_serving(port), STARTUP_TIMEOUT)
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            resume_id = await upload(channel, auth)
            stream = Stream(channel, auth)
            stream.send(
                start=interview_pb2.ConverseStart(
                    job_id=job_id, resume_id=resume_id, options=interview_pb2.InterviewOptions(question_count=6)
                )
            )
            events, question = await asyncio.wait_for(stream.until("question_complete"), 30)
            interview_id = next(e.session for e in events if e.WhichOneof("event") == "session").interview_id
            for _ in range(2):
                text = answer_for(question)
                stream.send(answer=interview_pb2.ConverseAnswer(question_id=question.question_id, text=text))
                await asyncio.wait_for(stream.until("answer_evaluated"), 30)
                answered.append((question.question_id, text))
                _, question = await asyncio.wait_for(stream.until("question_complete"), 30)
            waiting_for = question.question_id  # the question the user is thinking about

            # SIGTERM while the stream is open, between turns.
            stopping = asyncio.ensure_future(first.stop(signal.SIGTERM, timeout=GRACE + 10))
            sent = time.monotonic()
            with pytest.raises(aio.AioRpcError) as ended:
                async with asyncio.timeout(GRACE + 5):
                    async for event in stream.call:
                        pytest.fail(f"unexpected event after SIGTERM: {event}")
            stream_ended_after = time.monotonic() - sent
            code, exit_seconds = await stopping

    error = ended.value
    assert error.code() == grpc.StatusCode.UNAVAILABLE, (error.code(), error.details())
    assert interview_id in (error.details() or "") and "resume" in (error.details() or "").lower(), error.details()
    info = error_details_pb2.ErrorInfo()
    assert any(detail.Unpack(info) for detail in grpc_status_details(error).details), "no ErrorInfo"
    assert info.reason == "SERVER_SHUTTING_DOWN" and info.metadata["interview_id"] == interview_id
    assert stream_ended_after < 3.0, f"the stream ended {stream_ended_after:.1f} s after SIGTERM"
    assert code == 0, first.output[-3000:]
    assert exit_seconds < GRACE, f"the server took {exit_seconds:.1f} s to exit"
    assert "Traceback" not in first.output, first.output[-3000:]

    # A new server process on the same database: the interview resumes where it was.
    async with running_cli("serve", env=env) as second:
        await second.while_running(_serving(port), STARTUP_TIMEOUT)
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stream = Stream(channel, auth)
            stream.send(resume=interview_pb2.ConverseResume(interview_id=interview_id))
            events, current = await asyncio.wait_for(stream.until("question_complete"), 30)
            session = next(e.session for e in events if e.WhichOneof("event") == "session")
            assert session.answered_count == len(answered) and session.state == interview_pb2.INTERVIEW_STATE_ACTIVE
            assert current.question_id == waiting_for
            # ... and goes on.
            stream.send(answer=interview_pb2.ConverseAnswer(question_id=current.question_id, text=answer_for(current)))
            _, evaluation = await asyncio.wait_for(stream.until("answer_evaluated"), 30)
            assert evaluation.question_id == current.question_id
            await asyncio.wait_for(stream.until("question_complete"), 30)  # the turn is saved
            stream.close()
            feedback = await interview_pb2_grpc.InterviewServiceStub(channel).GetFeedback(
                interview_pb2.GetFeedbackRequest(interview_id=interview_id), metadata=auth, timeout=10
            )
        code, _ = await second.stop(signal.SIGTERM, timeout=GRACE + 10)
    kept = [(q.question.question_id, q.answer) for q in feedback.feedback.questions]
    assert kept[: len(answered)] == answered and len(kept) == len(answered) + 1
    assert code == 0, second.output[-3000:]


async def test_a_turn_in_progress_when_the_server_stops_is_finished_and_saved_before_the_stream_ends(
    resources: Resources,
    channel: aio.Channel,
    token_for: Callable[..., str],
    user_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same stop, in process, while an answer is being graded: the user gets the evaluation and the next
    question (the turn is saved), then the stream ends with UNAVAILABLE."""
    auth = (("authorization", f"Bearer {token_for(user_id)}"),)
    posting = JobPosting(
        source_kind="greenhouse",
        source_identifier="faults-sigterm",
        external_id=uuid.uuid4().hex,
        title="Senior Backend Engineer",
        description=BACKEND,
        company=f"Sigtermco {uuid.uuid4().hex[:6]}",
    )
    job_id = (await job_catalog(resources).add(posting)).job_id
    arrived, release = asyncio.Event(), asyncio.Event()
    answer = InterviewService.answer

    async def held_answer(self: InterviewService, *args: Any, **kwargs: Any) -> Any:
        arrived.set()
        await release.wait()  # a slow grader (a model taking its time)
        return await answer(self, *args, **kwargs)

    monkeypatch.setattr(InterviewService, "answer", held_answer)
    app = await App.over(resources)  # services of its own, as another server process has
    server = GrpcServer(app)
    port = await server.start(host="127.0.0.1", port=0)
    stopping: asyncio.Task[None] | None = None
    try:
        async with aio.insecure_channel(f"127.0.0.1:{port}") as own:
            resume_id = await upload(own, auth)
            stream = Stream(own, auth)
            stream.send(start=interview_pb2.ConverseStart(job_id=job_id, resume_id=resume_id))
            events, question = await asyncio.wait_for(stream.until("question_complete"), 30)
            interview_id = next(e.session for e in events if e.WhichOneof("event") == "session").interview_id
            stream.send(
                answer=interview_pb2.ConverseAnswer(question_id=question.question_id, text=answer_for(question))
            )
            await asyncio.wait_for(arrived.wait(), 10)

            started = time.monotonic()
            stopping = asyncio.create_task(server.stop(grace=GRACE))
            await asyncio.sleep(0.2)
            release.set()
            _, evaluation = await asyncio.wait_for(stream.until("answer_evaluated"), 10)
            _, following = await asyncio.wait_for(stream.until("question_complete"), 10)
            with pytest.raises(aio.AioRpcError) as ended:
                async with asyncio.timeout(5):
                    async for event in stream.call:
                        pytest.fail(f"unexpected event: {event}")
            await asyncio.wait_for(stopping, GRACE)
            stop_seconds = time.monotonic() - started
    finally:
        release.set()
        if stopping is None:
            await server.stop(grace=0)
        elif not stopping.done():
            await stopping
        await app.aclose()
    assert evaluation.question_id == question.question_id
    assert ended.value.code() == grpc.StatusCode.UNAVAILABLE, ended.value
    assert stop_seconds < 5.0, f"the stop took {stop_seconds:.1f} s"
    # The turn is saved: any server (here the session's own) shows it, and asks the next question.
    feedback = await interview_pb2_grpc.InterviewServiceStub(channel).GetFeedback(
        interview_pb2.GetFeedbackRequest(interview_id=interview_id), metadata=auth, timeout=10
    )
    assert feedback.interview.answered_count == 1
    assert [q.question.question_id for q in feedback.feedback.questions] == [question.question_id]
    resumed = await interview_pb2_grpc.InterviewServiceStub(channel).SubmitAnswer(
        interview_pb2.SubmitAnswerRequest(
            interview_id=interview_id, question_id=following.question_id, answer=answer_for(following)
        ),
        metadata=auth,
        timeout=30,
    )
    assert resumed.interview.answered_count == 2

"""Mock interviews as users run them: a live interview over the bidirectional stream, the same over REST
through Envoy, a dropped stream resumed, transports mixed, and the refusals."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import grpc
import httpx
import pytest
from grpc import aio
from tests.support.interview import (
    GOOD_ANSWERS,
    STRONG_SCORE,
    WEAK_ANSWER,
    WEAK_SCORE,
    Stream,
    answer_for,
    strong_answer,
)
from tests.support.samples import upload

from skillgap.app import App
from skillgap.resources import Resources
from skillgap.v1 import interview_pb2, interview_pb2_grpc

Metadata = tuple[tuple[str, str], ...]


async def test_a_live_interview_over_the_stream(
    channel: aio.Channel, auth: Metadata, job_id: str, resources: Resources
) -> None:
    resume_id = await upload(channel, auth)
    stream = Stream(channel, auth)
    stream.send(
        start=interview_pb2.ConverseStart(
            job_id=job_id, resume_id=resume_id, options=interview_pb2.InterviewOptions(question_count=3)
        )
    )
    events, question = await stream.until("question_complete")
    kinds = [e.WhichOneof("event") for e in events]
    assert kinds[0] == "question_started" and kinds.count("question_delta") > 1 and "session" in kinds
    text = "".join(e.question_delta.text_delta for e in events if e.WhichOneof("event") == "question_delta")
    assert text == question.text and question.question_id == "q1"
    assert question.engine == "offline"  # the bank wrote it
    session = next(e.session for e in events if e.WhichOneof("event") == "session")
    interview_id = session.interview_id
    assert session.state == interview_pb2.INTERVIEW_STATE_ACTIVE and session.engine == "offline"
    # The first question goes after a gap: Kubernetes is required and only in a side project, Terraform absent.
    assert question.target.kind in (
        interview_pb2.QUESTION_TARGET_KIND_GAP,
        interview_pb2.QUESTION_TARGET_KIND_JOB_TOPIC,
    )

    # A vague answer earns one probing follow-up, then the interview moves on.
    stream.send(answer=interview_pb2.ConverseAnswer(question_id=question.question_id, text=WEAK_ANSWER))
    _, evaluation = await stream.until("answer_evaluated")
    assert evaluation.score <= WEAK_SCORE and evaluation.points_missed
    _, probe = await stream.until("question_complete")
    assert probe.follow_up and probe.parent_question_id == "q1" and probe.question_id == "q1f"
    stored = await resources.pool.fetchval(
        "SELECT session->'turns' FROM interviews WHERE interview_id = $1", uuid.UUID(interview_id)
    )
    assert len(stored) == 1  # saved after the turn

    asked = {question.question_id: question.text}  # a follow-up is answered as its question should have been
    current = probe
    answered = 1
    while True:
        text = strong_answer(asked[current.parent_question_id] if current.follow_up else current.text)
        stream.send(answer=interview_pb2.ConverseAnswer(question_id=current.question_id, text=text))
        answered += 1
        events, evaluation = await stream.until("answer_evaluated")
        assert len(events) == 1  # the evaluation comes first, before the next question is written
        assert evaluation.score >= STRONG_SCORE, (current.text, evaluation)
        kinds_after: list[str] = []
        async for response in stream.call:
            kind = response.WhichOneof("event")
            kinds_after.append(kind)
            if kind == "question_complete":
                current = response.question_complete
                asked[current.question_id] = current.text
                break
            if kind == "finished":
                feedback = response.finished
                break
        else:
            raise AssertionError("stream ended early")
        if kinds_after[-1] == "finished":
            break
    assert feedback.final and len(feedback.questions) == answered
    scores = {q.question.question_id: q.evaluation.score for q in feedback.questions}
    # The overall grade is the mean of the grades the candidate saw: one vague answer among strong ones.
    assert feedback.overall_score == pytest.approx(sum(scores.values()) / len(scores), abs=0.051)
    assert feedback.weakest_question_id == "q1" and scores["q1"] == min(scores.values())
    assert feedback.what_to_say_next_time
    assert feedback.areas_to_improve and feedback.areas_to_improve[0].advice
    stream.close()


async def test_an_interview_over_rest(
    gateway_url: str, channel: aio.Channel, auth: Metadata, user_id: str, token_for: Callable[..., str], job_id: str
) -> None:
    resume_id = await upload(channel, auth)
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers) as http:
        started = await http.post(
            "/api/interview/start", json={"job_id": job_id, "resume_id": resume_id, "options": {"question_count": 2}}
        )
        assert started.status_code == 200, started.text
        interview_id = started.json()["interview"]["interview_id"]
        question = started.json()["question"]
        assert question["engine"] == "offline"
        for _ in range(10):
            reply = await http.post(
                f"/api/interview/{interview_id}/answer",
                json={"question_id": question["question_id"], "answer": strong_answer(question["text"])},
            )
            assert reply.status_code == 200, reply.text
            body = reply.json()
            assert body["evaluation"]["score"] >= STRONG_SCORE, (question["text"], body["evaluation"])
            if body["interview"]["state"] == "INTERVIEW_STATE_FINISHED":
                break
            question = body["next_question"]
        feedback = await http.get(f"/api/interview/{interview_id}/feedback")
        assert feedback.status_code == 200 and feedback.json()["feedback"]["final"] is True
        too_long = await http.post(
            f"/api/interview/{interview_id}/answer", json={"question_id": "q1", "answer": "x" * 8001}
        )
        assert too_long.status_code == 400 and "8000" in too_long.json()["message"]


async def test_a_dropped_stream_resumes_with_nothing_lost_and_transports_mix(
    channel: aio.Channel, auth: Metadata, job_id: str
) -> None:
    resume_id = await upload(channel, auth)
    first = Stream(channel, auth)
    first.send(
        start=interview_pb2.ConverseStart(
            job_id=job_id, resume_id=resume_id, options=interview_pb2.InterviewOptions(question_count=3)
        )
    )
    events, question = await first.until("question_complete")
    interview_id = events[-1].interview_id
    first.send(answer=interview_pb2.ConverseAnswer(question_id=question.question_id, text=answer_for(question)))
    await first.until("answer_evaluated")
    _, second_question = await first.until("question_complete")
    first.call.cancel()  # the connection drops

    stub = interview_pb2_grpc.InterviewServiceStub(channel)
    progress = await stub.GetFeedback(interview_pb2.GetFeedbackRequest(interview_id=interview_id), metadata=auth)
    assert not progress.feedback.final and len(progress.feedback.questions) == 1

    again = Stream(channel, auth)
    again.send(resume=interview_pb2.ConverseResume(interview_id=interview_id))
    events, repeated = await again.until("question_complete")
    session = next(e.session for e in events if e.WhichOneof("event") == "session")
    assert session.answered_count == 1 and repeated.question_id == second_question.question_id
    assert repeated.text == second_question.text
    # The same session answered over the unary API, then read back on the stream's side.
    reply = await stub.SubmitAnswer(
        interview_pb2.SubmitAnswerRequest(
            interview_id=interview_id, question_id=repeated.question_id, answer=answer_for(repeated)
        ),
        metadata=auth,
    )
    assert reply.interview.answered_count == 2
    # The stream's idea of the current question is stale now: a clear error event, and the stream lives on.
    again.send(answer=interview_pb2.ConverseAnswer(question_id=repeated.question_id, text="late"))
    _, error = await again.until("error")
    assert error.code == "FAILED_PRECONDITION" and error.reason == "NOT_CURRENT_QUESTION"
    again.send(cancel=interview_pb2.ConverseCancel(reason="done for today"))
    _, feedback = await again.until("finished")
    assert len(feedback.questions) == 2 and not feedback.final
    cancelled = await stub.GetFeedback(interview_pb2.GetFeedbackRequest(interview_id=interview_id), metadata=auth)
    assert cancelled.interview.state == interview_pb2.INTERVIEW_STATE_CANCELLED


async def test_errors_on_the_stream_do_not_end_it(channel: aio.Channel, auth: Metadata, job_id: str) -> None:
    resume_id = await upload(channel, auth)
    stream = Stream(channel, auth)
    stream.send(answer=interview_pb2.ConverseAnswer(question_id="q1", text="hello"))
    _, error = await stream.until("error")
    assert error.code == "FAILED_PRECONDITION" and error.reason == "NO_INTERVIEW"
    stream.send(start=interview_pb2.ConverseStart(job_id=job_id, resume_id=resume_id))
    _, question = await stream.until("question_complete")
    stream.send(answer=interview_pb2.ConverseAnswer(question_id=question.question_id, text="x" * 8001))
    _, error = await stream.until("error")
    assert error.code == "INVALID_ARGUMENT" and "8000" in error.message
    # A NUL character cannot be stored with the session: refused in words, the stream goes on.
    stream.send(answer=interview_pb2.ConverseAnswer(question_id=question.question_id, text="I would\x00 shard it"))
    _, error = await stream.until("error")
    assert error.code == "INVALID_ARGUMENT" and error.reason == "NUL_CHARACTER" and "answer" in error.message
    stream.send(answer=interview_pb2.ConverseAnswer(question_id=question.question_id, text=answer_for(question)))
    _, evaluation = await stream.until("answer_evaluated")
    assert evaluation.question_id == question.question_id
    stream.close()


async def test_other_users_and_bad_requests_are_refused(
    channel: aio.Channel, auth: Metadata, job_id: str, token_for: Callable[..., str]
) -> None:
    resume_id = await upload(channel, auth)
    stub = interview_pb2_grpc.InterviewServiceStub(channel)
    started = await stub.StartInterview(
        interview_pb2.StartInterviewRequest(job_id=job_id, resume_id=resume_id), metadata=auth
    )
    interview_id = started.interview.interview_id
    stranger = (("authorization", f"Bearer {token_for('stranger-' + uuid.uuid4().hex[:6])}"),)
    calls = [
        stub.GetFeedback(interview_pb2.GetFeedbackRequest(interview_id=interview_id), metadata=stranger),
        stub.SubmitAnswer(
            interview_pb2.SubmitAnswerRequest(interview_id=interview_id, question_id="q1", answer="a"),
            metadata=stranger,
        ),
        stub.StartInterview(interview_pb2.StartInterviewRequest(job_id=job_id, resume_id=resume_id), metadata=stranger),
    ]
    for call in calls:
        with pytest.raises(aio.AioRpcError) as err:
            await call
        assert err.value.code() == grpc.StatusCode.NOT_FOUND
    bad = [
        (
            interview_pb2.StartInterviewRequest(
                job_id=job_id, resume_id=resume_id, options=interview_pb2.InterviewOptions(question_count=21)
            ),
            "question_count",
        ),
        (
            interview_pb2.StartInterviewRequest(
                job_id=job_id, resume_id=resume_id, options=interview_pb2.InterviewOptions(engine="gpt")
            ),
            "engine",
        ),
    ]
    for request, words in bad:
        with pytest.raises(aio.AioRpcError) as err:
            await stub.StartInterview(request, metadata=auth)
        assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT and words in (err.value.details() or "")
    with pytest.raises(aio.AioRpcError) as err:
        await stub.SubmitAnswer(
            interview_pb2.SubmitAnswerRequest(interview_id=interview_id, question_id="q9", answer="hello"),
            metadata=auth,
        )
    assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION


async def test_an_abandoned_interview_expires(
    channel: aio.Channel, auth: Metadata, job_id: str, resources: Resources
) -> None:
    resume_id = await upload(channel, auth)
    stub = interview_pb2_grpc.InterviewServiceStub(channel)
    started = await stub.StartInterview(
        interview_pb2.StartInterviewRequest(job_id=job_id, resume_id=resume_id), metadata=auth
    )
    interview_id = started.interview.interview_id
    await resources.pool.execute(
        "UPDATE interviews SET expire_time = now() - interval '1 minute' WHERE interview_id = $1",
        uuid.UUID(interview_id),
    )
    reply = await stub.GetFeedback(interview_pb2.GetFeedbackRequest(interview_id=interview_id), metadata=auth)
    assert reply.interview.state == interview_pb2.INTERVIEW_STATE_EXPIRED
    with pytest.raises(aio.AioRpcError) as err:
        await stub.SubmitAnswer(
            interview_pb2.SubmitAnswerRequest(
                interview_id=interview_id, question_id=started.question.question_id, answer="an answer"
            ),
            metadata=auth,
        )
    assert err.value.code() == grpc.StatusCode.FAILED_PRECONDITION and "expired" in (err.value.details() or "")


async def test_the_worker_cron_expires_abandoned_interviews(
    channel: aio.Channel, auth: Metadata, job_id: str, resources: Resources, app: App
) -> None:
    from skillgap_workers.jobs import expire_interviews

    resume_id = await upload(channel, auth)
    started = await interview_pb2_grpc.InterviewServiceStub(channel).StartInterview(
        interview_pb2.StartInterviewRequest(job_id=job_id, resume_id=resume_id), metadata=auth
    )
    key = uuid.UUID(started.interview.interview_id)
    await resources.pool.execute(
        "UPDATE interviews SET expire_time = now() - interval '1 second' WHERE interview_id = $1", key
    )
    assert await expire_interviews({"app": app}) >= 1
    assert await resources.pool.fetchval("SELECT state FROM interviews WHERE interview_id = $1", key) == "expired"
    reply = await interview_pb2_grpc.InterviewServiceStub(channel).GetFeedback(
        interview_pb2.GetFeedbackRequest(interview_id=str(key)), metadata=auth
    )
    assert reply.interview.state == interview_pb2.INTERVIEW_STATE_EXPIRED


async def test_each_answer_logs_its_server_side_turn_time(
    channel: aio.Channel, auth: Metadata, job_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    resume_id = await upload(channel, auth)
    stub = interview_pb2_grpc.InterviewServiceStub(channel)
    started = await stub.StartInterview(
        interview_pb2.StartInterviewRequest(job_id=job_id, resume_id=resume_id), metadata=auth
    )
    with caplog.at_level("INFO", logger="skillgap.interview.service"):
        await stub.SubmitAnswer(
            interview_pb2.SubmitAnswerRequest(
                interview_id=started.interview.interview_id,
                question_id=started.question.question_id,
                answer=GOOD_ANSWERS["technical"],
            ),
            metadata=auth,
        )
    (record,) = [r for r in caplog.records if r.name == "skillgap.interview.service"]
    assert started.interview.interview_id in record.getMessage() and "evaluated after" in record.getMessage()
    assert 0 < record.evaluated_ms <= record.turn_ms  # type: ignore[attr-defined]
    # The engine's share of it: the rest of `evaluated_ms` is what the turn costs beyond grading.
    assert 0 < record.grade_ms <= record.evaluated_ms  # type: ignore[attr-defined]
    assert f"(grading {record.grade_ms:.1f} ms)" in record.getMessage()  # type: ignore[attr-defined]

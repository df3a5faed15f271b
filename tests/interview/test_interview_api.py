"""Mock interviews as users run them: a live interview over the bidirectional stream, the same over REST
through Envoy, a dropped stream resumed, transports mixed, and the refusals."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
import httpx
import pytest
from grpc import aio
from tests.api.test_job_matching import BACKEND, upload

from skillgap.jobs.models import JobPosting
from skillgap.jobs.service import JobCatalog
from skillgap.resources import Resources
from skillgap.v1 import interview_pb2, interview_pb2_grpc

Metadata = tuple[tuple[str, str], ...]

GOOD_ANSWERS = {
    "technical": (
        "In production I would start from the requirements and measure first: I profile the slow path, add an "
        "index or a cache where the query plan shows a scan, keep writes consistent with transactions, and "
        "monitor latency, errors and throughput with metrics and alerts. I test it with unit and integration "
        "tests, roll it out gradually, and document the trade-offs for the team."
    ),
}


def answer_for(question: Any) -> str:
    """A substantial, on-topic answer that names the question's own words (the grader rewards coverage)."""
    words = " ".join(w for w in question.text.replace("?", " ").split() if len(w) > 4)[:400]
    return f"{GOOD_ANSWERS['technical']} Concretely, for this question: {words}."


# What an experienced engineer answers to the questions interviews for `job_id` ask (the plan is deterministic:
# the bank's questions for the posting's gaps and topics), keyed by words of the bank's wording. A strong answer
# must score high and a vague one low: a grade the candidate can trust either way.
STRONG_ANSWERS = {
    "When would you not follow": (
        "I would not follow it where it is overkill: a throwaway prototype, a one-off script, or a context where "
        "its limits cost more than it gives. Every practice has a cost, so I name the trade-offs: the time and "
        "complexity it adds, the downside of skipping it, and what we would do instead. To convince the team "
        "either way I bring evidence rather than opinion: data from our incidents and metrics, or a small "
        "experiment we measure, and then we agree together and revisit the decision."
    ),
    "how does the GIL affect threads": (
        "The GIL, CPython's global interpreter lock, lets only one thread run Python bytecode at a time, so "
        "threads do not speed up CPU-bound Python code. Threads still help for I/O-bound work, because the GIL is "
        "released while a thread waits on a socket or the disk. For CPU-bound work I use multiprocessing, "
        "separate processes each with its own interpreter, or native code such as NumPy that releases the GIL. "
        "For many concurrent I/O tasks, asyncio runs them cooperatively on one thread with an event loop, much "
        "cheaper than a thread each."
    ),
    "got slow after a release": (
        "First I confirm it with numbers: p95 latency and throughput from our metrics, before and after the "
        "release, and a benchmark that reproduces it. Then I diff the release to see what changed, and bisect "
        "the commits if the diff is large. I profile the slow path with a profiler or traces, a flame graph shows "
        "the hot spot, and I check memory, allocations and garbage collection, since a leak or extra allocations "
        "often explain a slowdown. I fix the cause, or roll back first if users suffer, and measure again."
    ),
    "add a non-nullable column": (
        "I split it into steps that never lock the table for long. First a migration adds the column as "
        "nullable (null=True), or with a database default (db_default), which is a quick metadata change. Then a "
        "separate data migration backfills the existing rows in batches, so no transaction holds locks for long. "
        "Once every row has a value, a later migration adds the NOT NULL constraint. Throughout, I deploy code "
        "that works with both the old and the new schema, so the app keeps serving and there is no downtime."
    ),
}
WEAK_ANSWER = "Not sure, maybe."
# The offline grader credits every point these answers make (10/10 today). 7.5 still passes one point of a
# four- or five-point rubric judged differently, none of a three-point one. A vague answer is capped at 4
# (grading.VAGUE_CAP), whatever it names.
STRONG_SCORE = 7.5
WEAK_SCORE = 4.0


def strong_answer(question_text: str) -> str:
    """The strong answer to a question asked in the bank's wording."""
    for words, answer in STRONG_ANSWERS.items():
        if words in question_text:
            return answer
    pytest.fail(f"no strong answer written for {question_text!r}: the plan for this job changed; add one")


@pytest.fixture
async def job_id(resources: Resources) -> str:
    posting = JobPosting(
        source_kind="greenhouse",
        source_identifier="interviewco",
        external_id=uuid.uuid4().hex,
        title="Senior Backend Engineer",
        description=BACKEND,
        company=f"Interviewco {uuid.uuid4().hex[:6]}",
    )
    return (await JobCatalog.from_resources(resources).add(posting)).job_id


class Stream:
    """A Converse call with a queue of client messages, read event by event."""

    def __init__(self, channel: aio.Channel, auth: Metadata) -> None:
        self._queue: asyncio.Queue[interview_pb2.ConverseRequest | None] = asyncio.Queue()
        self.call = interview_pb2_grpc.InterviewServiceStub(channel).Converse(self._requests(), metadata=auth)

    async def _requests(self) -> AsyncIterator[interview_pb2.ConverseRequest]:
        while (request := await self._queue.get()) is not None:
            yield request

    def send(self, **action: Any) -> None:
        self._queue.put_nowait(interview_pb2.ConverseRequest(**action))

    def close(self) -> None:
        self._queue.put_nowait(None)

    async def until(self, event: str) -> tuple[list[Any], Any]:
        """Events up to and including the first of kind `event` (fails on an error event)."""
        seen = []
        async for response in self.call:
            kind = response.WhichOneof("event")
            seen.append(response)
            if kind == event:
                return seen, getattr(response, kind)
            if kind == "error" and event != "error":
                raise AssertionError(f"error event: {response.error}")
        raise AssertionError(f"stream ended before {event}; saw {[r.WhichOneof('event') for r in seen]}")


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
    channel: aio.Channel, auth: Metadata, job_id: str, resources: Resources
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
    assert await expire_interviews({"resources": resources}) >= 1
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

"""PostgreSQL restarted under a running system: a server answering calls and a worker in the middle of a
scrape run, both on a PostgreSQL of this test's own that it stops and starts again.

What a user notices: while the database is down, calls fail at once with UNAVAILABLE and a message that says
the database cannot be reached (not INTERNAL, not a hang); once it is back, the same server answers again
(no restart), everything saved before the outage is there, and the scrape run finishes with every posting
stored once.
"""

from __future__ import annotations

import asyncio
import signal
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import grpc
import pytest
from grpc import aio

from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.storage.resumes import ResumeRepository
from skillgap.v1 import interview_pb2, interview_pb2_grpc, resume_pb2, resume_pb2_grpc, scrape_pb2, scrape_pb2_grpc
from tests.faults.support import (
    PrivatePostgres,
    assert_unavailable,
    delete_queue,
    refused,
    resources_on,
    serving,
    until,
    worker_env,
)
from tests.support.boards import HangingBoard
from tests.support.cli import running_cli
from tests.support.interview import GOOD_ANSWERS, Stream
from tests.support.samples import BACKEND, upload
from tests.support.services import job_catalog

# How long a call may take to fail while the database is down: a refused connection is immediate.
FAIL_FAST_SECONDS = 5.0
LEASE_SECONDS = 10.0


async def _stored_postings(dsn: str, company: str) -> list[str]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT external_id FROM jobs WHERE source_kind = 'smartrecruiters' AND source_identifier = $1", company
        )
    finally:
        await conn.close()
    return [r["external_id"] for r in rows]


async def _sleeping(dsn: str) -> bool:
    conn = await asyncpg.connect(dsn)
    try:
        count = await conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND pid <> pg_backend_pid()"
        )
    finally:
        await conn.close()
    return bool(count)


@pytest.fixture
def slow_reads(monkeypatch: pytest.MonkeyPatch) -> asyncio.Event:
    """While set, reading a resume first runs a long query, as on a busy database."""
    slow = asyncio.Event()
    get = ResumeRepository.get

    async def slow_get(self: ResumeRepository, *args: Any, **kwargs: Any) -> Any:
        if slow.is_set():
            await self._pool.execute("SELECT pg_sleep(60)")
        return await get(self, *args, **kwargs)

    monkeypatch.setattr(ResumeRepository, "get", slow_get)
    return slow


@pytest.mark.slow
async def test_a_postgres_restart_fails_calls_clearly_and_loses_nothing(
    private_postgres: PrivatePostgres,
    resources: Resources,
    redis_url: str,
    token_for: Callable[..., str],
    user_id: str,
    tmp_path: Path,
    board: HangingBoard,
    slow_reads: asyncio.Event,
) -> None:
    dsn = private_postgres.dsn
    auth = (("authorization", f"Bearer {token_for(user_id)}"),)
    admin = (("authorization", f"Bearer {token_for('faults-admin', admin=True)}"),)
    async with (
        resources_on(resources, database_url=dsn, redis_url=redis_url) as private,
        serving(private) as channel,
    ):
        assert private.scrape_queue is not None
        queue_name = private.scrape_queue.queue_name
        resumes = resume_pb2_grpc.ResumeServiceStub(channel)
        interviews = interview_pb2_grpc.InterviewServiceStub(channel)
        scrapes = scrape_pb2_grpc.ScrapeServiceStub(channel)

        # Before the outage: a resume, an interview with one answered turn, and a scrape run in flight.
        resume_id = await upload(channel, auth)
        posting = JobPosting(
            source_kind="greenhouse",
            source_identifier="faults",
            external_id=uuid.uuid4().hex,
            title="Senior Backend Engineer",
            description=BACKEND,
            company=f"Faultsco {uuid.uuid4().hex[:6]}",
        )
        job_id = (await job_catalog(private).add(posting)).job_id
        started = await interviews.StartInterview(
            interview_pb2.StartInterviewRequest(
                job_id=job_id, resume_id=resume_id, options=interview_pb2.InterviewOptions(question_count=3)
            ),
            metadata=auth,
            timeout=30,
        )
        interview_id = started.interview.interview_id
        first = await interviews.SubmitAnswer(
            interview_pb2.SubmitAnswerRequest(
                interview_id=interview_id, question_id=started.question.question_id, answer=GOOD_ANSWERS["technical"]
            ),
            metadata=auth,
            timeout=30,
        )
        assert first.interview.answered_count == 1
        run = (
            await scrapes.TriggerScrape(
                scrape_pb2.TriggerScrapeRequest(sources=[board.source()]), metadata=admin, timeout=30
            )
        ).run

        env = worker_env(dsn, redis_url, queue_name, tmp_path / "worker", scrape_lease_seconds=LEASE_SECONDS)
        try:
            async with running_cli("worker", env=env) as worker:

                async def mid_source() -> bool:
                    return board.blocked.is_set() and len(await _stored_postings(dsn, board.company)) == board.hang_at

                await worker.while_running(until("the worker is in the middle of the source", mid_source, 90), 100)

                # A live interview stream, open across the outage.
                stream = Stream(channel, auth)
                stream.send(resume=interview_pb2.ConverseResume(interview_id=interview_id))
                _, current = await asyncio.wait_for(stream.until("question_complete"), 30)
                assert current.question_id == first.next_question.question_id

                # A call in flight inside the database when it goes down: its query takes a while (a busy
                # database), so it is certainly running there when the server stops.
                slow_reads.set()
                in_flight = asyncio.ensure_future(
                    resumes.GetResume(resume_pb2.GetResumeRequest(resume_id=resume_id), metadata=auth, timeout=30)
                )
                await until("the call's query runs in the database", lambda: _sleeping(dsn), 10)
                slow_reads.clear()

                stopped_at = time.monotonic()
                await private_postgres.stop()

                # Down: the call in flight and new calls fail at once, saying why.
                error, _ = await refused(in_flight, "the call in flight")
                assert_unavailable(error, "database")
                assert time.monotonic() - stopped_at < FAIL_FAST_SECONDS + 5
                calls: dict[str, Callable[[], Awaitable[Any]]] = {
                    "GetResume": lambda: resumes.GetResume(
                        resume_pb2.GetResumeRequest(resume_id=resume_id), metadata=auth, timeout=30
                    ),
                    "ListResumes": lambda: resumes.ListResumes(
                        resume_pb2.ListResumesRequest(), metadata=auth, timeout=30
                    ),
                    "GetFeedback": lambda: interviews.GetFeedback(
                        interview_pb2.GetFeedbackRequest(interview_id=interview_id), metadata=auth, timeout=30
                    ),
                    "SubmitAnswer": lambda: interviews.SubmitAnswer(
                        interview_pb2.SubmitAnswerRequest(
                            interview_id=interview_id,
                            question_id=first.next_question.question_id,
                            answer=GOOD_ANSWERS["technical"],
                        ),
                        metadata=auth,
                        timeout=30,
                    ),
                    "TriggerScrape": lambda: scrapes.TriggerScrape(
                        scrape_pb2.TriggerScrapeRequest(sources=[board.source()]), metadata=admin, timeout=30
                    ),
                    "GetScrapeStatus": lambda: scrapes.GetScrapeStatus(
                        scrape_pb2.GetScrapeStatusRequest(run_id=run.run_id), metadata=admin, timeout=30
                    ),
                }
                for name, call in calls.items():
                    error, seconds = await refused(call(), name)
                    assert_unavailable(error, "database")
                    assert seconds < FAIL_FAST_SECONDS, (name, seconds)

                # The live stream stays open and says why the answer could not be taken.
                stream.send(
                    answer=interview_pb2.ConverseAnswer(question_id=current.question_id, text=GOOD_ANSWERS["technical"])
                )
                _, stream_error = await asyncio.wait_for(stream.until("error"), FAIL_FAST_SECONDS)
                assert stream_error.code == "UNAVAILABLE" and "database" in stream_error.message, stream_error

                # The worker gets the rest of the postings while the database is down.
                board.release.set()
                await asyncio.sleep(1.0)
                await private_postgres.start()

                # Back: the same server answers, with everything saved before the outage.
                async def answers() -> bool:
                    try:
                        await resumes.ListResumes(resume_pb2.ListResumesRequest(), metadata=auth, timeout=5)
                    except aio.AioRpcError as error:
                        assert error.code() == grpc.StatusCode.UNAVAILABLE, error
                        return False
                    return True

                recovered_after = await until("the server answers again", answers, 10)
                assert recovered_after < 3.0
                got = await resumes.GetResume(
                    resume_pb2.GetResumeRequest(resume_id=resume_id), metadata=auth, timeout=10
                )
                assert got.resume.resume_id == resume_id
                feedback = await interviews.GetFeedback(
                    interview_pb2.GetFeedbackRequest(interview_id=interview_id), metadata=auth, timeout=10
                )
                assert feedback.interview.answered_count == 1
                assert [q.answer for q in feedback.feedback.questions] == [GOOD_ANSWERS["technical"]]
                # ... and takes new work: the same stream takes the answer again, and the interview goes on.
                stream.send(
                    answer=interview_pb2.ConverseAnswer(question_id=current.question_id, text=GOOD_ANSWERS["technical"])
                )
                _, evaluation = await asyncio.wait_for(stream.until("answer_evaluated"), 30)
                assert evaluation.question_id == current.question_id
                await asyncio.wait_for(stream.until("question_complete"), 30)
                stream.close()
                feedback = await interviews.GetFeedback(
                    interview_pb2.GetFeedbackRequest(interview_id=interview_id), metadata=auth, timeout=10
                )
                assert feedback.interview.answered_count == 2

                # The worker (the same process) finishes the run, with every posting stored once.
                async def finished() -> bool:
                    status = await scrapes.GetScrapeStatus(
                        scrape_pb2.GetScrapeStatusRequest(run_id=run.run_id), metadata=admin, timeout=10
                    )
                    return status.runs[0].state not in (scrape_pb2.SCRAPE_STATE_QUEUED, scrape_pb2.SCRAPE_STATE_RUNNING)

                await worker.while_running(until("the scrape run is finished", finished, 60, every=0.5), 70)
                done = (
                    await scrapes.GetScrapeStatus(
                        scrape_pb2.GetScrapeStatusRequest(run_id=run.run_id), metadata=admin, timeout=10
                    )
                ).runs[0]
                await worker.stop(signal.SIGTERM)
            assert done.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED, done
            assert done.totals.fetched == len(board.postings) and done.totals.failed == 0, done.totals
            stored = await _stored_postings(dsn, board.company)
            assert sorted(stored) == sorted(board.postings)
        finally:
            await delete_queue(redis_url, queue_name)

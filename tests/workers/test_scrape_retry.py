"""A scrape run whose database cannot be reached waits outside its worker slot: the job ends with arq's Retry and
runs again later, so the worker takes other jobs meanwhile; the run goes on under its lease once the database
answers. Real arq worker (registered from WorkerSettings), PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from arq import Retry
from grpc import aio

from skillgap.errors import Unavailable
from skillgap.resources import Resources
from skillgap.scraping.service import JOB_NAME
from skillgap.storage.db import DATABASE_UNAVAILABLE, UNREACHABLE
from skillgap.storage.scrape_runs import ScrapeRunRepository
from skillgap.v1 import scrape_pb2, scrape_pb2_grpc
from skillgap_workers import scrape
from skillgap_workers.settings import WorkerSettings
from tests.support.boards import LocalBoards, greenhouse_board, token
from tests.support.scraping import admin, greenhouse, run_worker


def _unreachable() -> Unavailable:
    return Unavailable(UNREACHABLE, reason=DATABASE_UNAVAILABLE)


def test_the_scrape_job_is_registered_with_tries_for_the_whole_wait() -> None:
    (registered,) = [f for f in WorkerSettings.functions if getattr(f, "name", None) == JOB_NAME]
    assert registered.coroutine is scrape.scrape_run
    assert registered.max_tries == scrape.SCRAPE_MAX_TRIES
    pauses = [scrape.retry_delay(job_try) for job_try in range(1, registered.max_tries)]
    assert sum(pauses) >= scrape.DATABASE_WAIT_SECONDS
    assert pauses[0] == scrape.DATABASE_RETRY_FIRST_DELAY and max(pauses) == scrape.DATABASE_RETRY_MAX_DELAY


async def test_each_try_but_the_last_asks_arq_to_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    owners: list[str] = []

    async def down(app: object, run_id: str, owner: str) -> str:
        owners.append(owner)
        raise _unreachable()

    monkeypatch.setattr(scrape, "_scrape_run", down)
    for job_try, seconds in ((1, 0.5), (2, 1.0), (5, 5.0)):
        with pytest.raises(Retry) as retried:
            await scrape.scrape_run({"app": None, "job_id": "scrape-run:x", "job_try": job_try}, run_id="x")
        assert retried.value.defer_score == int(seconds * 1000)
    # The last try fails with the database's own error, for arq's record of the job.
    with pytest.raises(Unavailable):
        await scrape.scrape_run(
            {"app": None, "job_id": "scrape-run:x", "job_try": scrape.SCRAPE_MAX_TRIES}, run_id="x"
        )
    # Every try holds the lease as the same owner: the job.
    assert set(owners) == {"arq job scrape-run:x"}


async def test_a_run_waits_for_the_database_without_holding_a_worker_slot(
    channel: aio.Channel,
    token_for: Callable[..., str],
    resources: Resources,
    redis_url: str,
    queue_name: str,
    boards: LocalBoards,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waiting, other = token(), token()
    boards.greenhouse[waiting] = greenhouse_board(waiting)
    boards.greenhouse[other] = greenhouse_board(other)
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)

    async def trigger(board: str) -> str:
        request = scrape_pb2.TriggerScrapeRequest(sources=[greenhouse(board, boards.api("greenhouse"))])
        reply = await stub.TriggerScrape(request, metadata=admin(token_for))
        return reply.run.run_id

    first = await trigger(waiting)
    await asyncio.sleep(0.01)  # queued a moment later: the worker takes the first run first
    second = await trigger(other)

    # The database "goes away" twice for the first run, once it holds its lease and is about to scrape.
    outages = {"left": 2}
    start_source = ScrapeRunRepository.start_source

    async def unreachable_at_first(self: ScrapeRunRepository, run_id: str, position: int) -> Any:
        if run_id == first and outages["left"]:
            outages["left"] -= 1
            raise _unreachable()
        return await start_source(self, run_id, position)

    monkeypatch.setattr(ScrapeRunRepository, "start_source", unreachable_at_first)

    await asyncio.wait_for(run_worker(resources, redis_url, queue_name, max_jobs=1), 60)

    async def status(run_id: str) -> scrape_pb2.ScrapeRun:
        reply = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=run_id), metadata=admin(token_for))
        (run,) = reply.runs
        return run

    waited, ran = await status(first), await status(second)
    assert outages["left"] == 0
    assert waited.state == ran.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED, (waited, ran)
    # While the first run waited for the database, the worker's one slot ran the second.
    assert ran.finish_time.ToDatetime() < waited.finish_time.ToDatetime()
    # Three tries, each taking the run's lease again as the same owner (another would find it taken and stop).
    attempts = await resources.pool.fetchval("SELECT attempts FROM scrape_runs WHERE run_id = $1", uuid.UUID(first))
    assert attempts == 3
    assert waited.sources[0].counts.created > 0 and waited.sources[0].counts.failed == 0

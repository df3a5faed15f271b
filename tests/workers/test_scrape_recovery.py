"""A worker killed mid-run: the run still completes on another worker, with nothing stored twice and
nothing lost. Real `skillgap worker` processes, a real SIGKILL, real PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import signal
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis

from skillgap.resources import Resources
from skillgap.scraping.queue import ScrapeQueue
from skillgap.scraping.runs import SourceSpec
from skillgap.scraping.service import ScrapeService
from skillgap.storage.scrape_runs import ScrapeRunRepository
from skillgap.vectors.store import open_vector_store
from tests.support.boards import HangingBoard, greenhouse_board, hanging_board, token
from tests.support.cli import child_env, running_cli
from tests.support.scraping import jobs_of

LEASE_SECONDS = 2.0
POSTINGS = 5
BLOCKED_POSTING = 3  # the worker is killed while it waits for this posting's detail


@pytest.fixture
def board() -> Iterator[HangingBoard]:
    """SmartRecruiters, whose fourth posting detail hangs until released; the test adds a (fast) Greenhouse board
    on the same server."""
    with hanging_board(postings=POSTINGS, hang_at=BLOCKED_POSTING) as served:
        yield served


@pytest.fixture
async def queue(redis_url: str) -> AsyncIterator[ScrapeQueue]:
    """A queue of this test's own, so its workers never take other tests' jobs."""
    name = f"skillgap-test:{uuid.uuid4().hex}"
    opened = ScrapeQueue(redis_url, queue_name=name)
    yield opened
    await opened.close()
    client = Redis.from_url(redis_url)
    try:
        await client.delete(name)
    finally:
        await client.aclose()


async def _until(what: str, check: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting until {what}")
        await asyncio.sleep(0.2)


@pytest.mark.slow
async def test_a_run_whose_worker_is_killed_completes_on_the_next_worker(
    resources: Resources, database_url: str, redis_url: str, queue: ScrapeQueue, board: HangingBoard, tmp_path: Path
) -> None:
    runs = ScrapeRunRepository(resources.pool)
    service = ScrapeService(runs, queue, configured=[], allowed_hosts="127.0.0.1")
    greenhouse_token = token()
    board.boards.greenhouse[greenhouse_token] = greenhouse_board(greenhouse_token)
    sources = [
        SourceSpec("greenhouse", greenhouse_token, board.boards.api("greenhouse")),
        SourceSpec("smartrecruiters", board.company, board.base_url),
    ]
    run = await service.trigger("admin", sources)
    env = child_env(
        database_url=database_url,
        redis_url=redis_url,
        queue_name=queue.queue_name,
        data_dir=tmp_path,
        scrape_allowed_hosts="127.0.0.1",
        scrape_lease_seconds=LEASE_SECONDS,
    )

    async def stored(kind: str, identifier: str) -> dict[str, tuple[str, str]]:
        return await jobs_of(resources, kind, identifier)

    async with running_cli("worker", env=env) as first:
        async def cut_mid_source() -> bool:
            # Stored in full: indexed too, so with their content hash (a job stored but not yet indexed has none,
            # and the next pass rightly stores it again: a kill in between would make this test flaky).
            done = await resources.pool.fetchval(
                "SELECT count(*) FROM jobs WHERE source_kind = 'smartrecruiters' AND source_identifier = $1 "
                "AND content_hash <> ''",
                board.company,
            )
            return board.blocked.is_set() and done == BLOCKED_POSTING

        await first.while_running(_until("the worker is in the middle of the second source", cut_mid_source), 90)
        await first.stop(signal.SIGKILL)

    interrupted = await runs.get(run.run_id)
    assert interrupted is not None and interrupted.state == "running"
    assert [s.state for s in interrupted.sources] == ["succeeded", "running"]

    board.release.set()
    await asyncio.sleep(LEASE_SECONDS + 0.5)  # the dead worker's lease runs out
    async with running_cli("worker", env=env) as second:

        async def finished() -> bool:
            current = await runs.get(run.run_id)
            return current is not None and current.state not in ("queued", "running")

        await second.while_running(_until("the run is finished", finished), 90)
        await second.stop(signal.SIGTERM)

    done = await runs.get(run.run_id)
    assert done is not None and done.state == "succeeded", done
    greenhouse, smartrecruiters = done.sources
    assert greenhouse.state == smartrecruiters.state == "succeeded"
    # The second worker redid only the source that was cut short; the postings stored before the kill
    # were recognised, not stored again.
    assert smartrecruiters.counts.fetched == POSTINGS
    assert smartrecruiters.counts.created == POSTINGS - BLOCKED_POSTING
    assert smartrecruiters.counts.unchanged == BLOCKED_POSTING
    query = "SELECT attempts FROM scrape_runs WHERE run_id = $1"
    assert await resources.pool.fetchval(query, uuid.UUID(run.run_id)) == 2

    jobs = {**await stored("greenhouse", greenhouse_token), **await stored("smartrecruiters", board.company)}
    assert set(await stored("smartrecruiters", board.company)) == set(board.postings)
    assert all(state == "open" for _, state in jobs.values())
    # Every stored job is in the workers' vector index, once.
    index = open_vector_store(path=tmp_path / "vectors")
    try:
        for job_id, _ in jobs.values():
            assert await index.get_job_payload(job_id) is not None, job_id
        assert await index.count("jobs") == len(jobs)
    finally:
        await index.close()


async def test_a_lease_keeps_other_workers_off_until_it_expires(resources: Resources) -> None:
    runs = ScrapeRunRepository(resources.pool)
    run = await runs.create(trigger="manual", requested_by="admin", sources=[SourceSpec("greenhouse", token())])
    assert await runs.acquire_lease(run.run_id, "worker-a", seconds=0.5)
    assert not await runs.acquire_lease(run.run_id, "worker-b", seconds=0.5)
    assert await runs.renew_lease(run.run_id, "worker-a", seconds=0.5)
    await asyncio.sleep(0.7)
    assert await runs.acquire_lease(run.run_id, "worker-b", seconds=30)
    # worker-a missed its renewal: it has lost the run and must stop.
    assert not await runs.renew_lease(run.run_id, "worker-a", seconds=30)
    await runs.finish_run(run.run_id)
    assert not await runs.acquire_lease(run.run_id, "worker-c", seconds=30)


async def test_recovery_requeues_only_runs_nobody_works_on(resources: Resources, queue: ScrapeQueue) -> None:
    runs = ScrapeRunRepository(resources.pool)
    service = ScrapeService(runs, queue, configured=[], allowed_hosts="")
    waiting = await service.trigger("admin", [SourceSpec("greenhouse", token())])
    lost = await runs.create(trigger="manual", requested_by="admin", sources=[SourceSpec("greenhouse", token())])
    await runs.set_queue_job(lost.run_id, f"scrape-run:{lost.run_id}")  # queued, but Redis lost the job
    dead = await runs.create(trigger="manual", requested_by="admin", sources=[SourceSpec("greenhouse", token())])
    assert await runs.acquire_lease(dead.run_id, "dead-worker", seconds=0.1)
    alive = await runs.create(trigger="manual", requested_by="admin", sources=[SourceSpec("greenhouse", token())])
    assert await runs.acquire_lease(alive.run_id, "live-worker", seconds=60)
    await asyncio.sleep(0.2)

    recovered = await service.recover_stalled(lease_seconds=0.1)

    mine = {waiting.run_id, lost.run_id, dead.run_id, alive.run_id}
    assert sorted(r for r in recovered if r in mine) == sorted([lost.run_id, dead.run_id])
    for run_id in (lost.run_id, dead.run_id):
        job_id = await resources.pool.fetchval(
            "SELECT queue_job_id FROM scrape_runs WHERE run_id = $1", uuid.UUID(run_id)
        )
        assert job_id != f"scrape-run:{run_id}" and await queue.job_exists(job_id)

"""GetJob serves recently read jobs from memory, and never a job older than a committed change.

The server keeps jobs it has read (storage/job_cache.py); PostgreSQL announces every change to a job (migration
0007), whichever process makes it. These tests change jobs the way other processes do, on other connections, and
check readers see the change at once; and that the cache steps aside whenever it cannot hear announcements.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace

import asyncpg
import pytest
from grpc import aio

from skillgap.errors import NotFound
from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.storage.job_cache import EVERY_JOB, JobCache
from skillgap.v1 import job_pb2, job_pb2_grpc
from tests.support.services import job_catalog

DESCRIPTION = "We need a backend engineer.\n\nRequirements\n- Python and PostgreSQL\n- Kubernetes\n"


def posting(external_id: str, **changes: object) -> JobPosting:
    base = JobPosting("greenhouse", "cache-co", external_id, "Backend Engineer", DESCRIPTION, company="Cache Co")
    return replace(base, **changes)


async def eventually(check: Callable[[], Awaitable[bool]], *, within: float = 3.0) -> float:
    """Seconds until `check()` held; fails after `within`."""
    began = time.perf_counter()
    while not await check():
        if time.perf_counter() - began > within:
            pytest.fail(f"not within {within} s")
        await asyncio.sleep(0.02)
    return time.perf_counter() - began


@pytest.fixture
async def start_cache(resources: Resources) -> AsyncIterator[Callable[[], Awaitable[JobCache]]]:
    """Starts a server's cache, listening. Tests store their jobs first, then start it: storing a job is
    announced once per write (`add` writes the row, then its content hash), and those notices reach the cache
    a moment after `add` returns. A read they overlap is rightly not kept (it may have seen the row before the
    write), so a cache already listening might or might not keep the first read: it did in most runs, not all.
    A cache started after the writes hears nothing of them, and keeps its first read every time."""
    started: list[JobCache] = []

    async def start() -> JobCache:
        cache = JobCache(resources.pool, capacity=100)
        started.append(cache)
        await cache.start()
        assert cache.listening
        return cache

    yield start
    for cache in started:
        await cache.close()


async def store_job(resources: Resources) -> str:
    """A job stored as a scrape worker stores it (no cache of its own)."""
    return (await job_catalog(resources).add(posting(uuid.uuid4().hex))).job_id


@pytest.fixture
async def other_connection(database_url: str) -> AsyncIterator[asyncpg.Connection]:
    """Another process's connection: a scrape worker's, say."""
    connection = await asyncpg.connect(database_url)
    yield connection
    await connection.close()


async def test_a_rescraped_job_reads_new_at_once_over_grpc(
    resources: Resources, channel: aio.Channel, auth: tuple[tuple[str, str], ...]
) -> None:
    external_id = uuid.uuid4().hex
    worker = job_catalog(resources)  # stores as a scrape worker does, with no cache of its own
    job_id = (await worker.add(posting(external_id))).job_id
    stub = job_pb2_grpc.JobServiceStub(channel)

    async def title() -> str:
        return (await stub.GetJob(job_pb2.GetJobRequest(job_id=job_id), metadata=auth)).job.title

    assert await title() == "Backend Engineer"
    assert await title() == "Backend Engineer"  # now from the server's memory
    await worker.add(posting(external_id, title="Staff Backend Engineer"))

    async def renamed() -> bool:
        return await title() == "Staff Backend Engineer"

    waited = await eventually(renamed, within=1.0)
    print(f"rescraped title visible after {waited * 1000:.0f} ms")


async def test_reads_come_from_memory_until_another_connection_changes_the_job(
    resources: Resources, start_cache: Callable[[], Awaitable[JobCache]], other_connection: asyncpg.Connection
) -> None:
    job_id = await store_job(resources)
    cache = await start_cache()
    catalog = job_catalog(resources, cache=cache)
    first = await catalog.get(job_id)
    assert await catalog.get(job_id) is first  # the same object: no database read
    assert cache.lookup(uuid.UUID(job_id)) is first

    await other_connection.execute("UPDATE jobs SET state = 'closed', close_time = now() WHERE job_id = $1",
                                   uuid.UUID(job_id))  # fmt: skip

    async def closed() -> bool:
        return (await catalog.get(job_id)).state == "closed"

    await eventually(closed, within=1.0)

    await other_connection.execute("DELETE FROM jobs WHERE job_id = $1", uuid.UUID(job_id))

    async def gone() -> bool:
        try:
            await catalog.get(job_id)
        except NotFound:
            return True
        return False

    await eventually(gone, within=1.0)


async def test_a_read_racing_a_change_is_not_kept(
    resources: Resources, start_cache: Callable[[], Awaitable[JobCache]], other_connection: asyncpg.Connection
) -> None:
    job = await job_catalog(resources).add(posting(uuid.uuid4().hex))
    cache = await start_cache()  # after the job's own writes: the notice awaited below is the rename's
    read_began = cache.generation()  # a read starts, and gets the row as it was...
    notices = cache.notices
    await other_connection.execute("UPDATE jobs SET title = 'Renamed' WHERE job_id = $1", uuid.UUID(job.job_id))

    async def announced() -> bool:
        return cache.notices > notices

    await eventually(announced, within=1.0)
    cache.remember(job, read_began)  # ...and ends after the change was announced: the old row must not stay
    assert cache.lookup(uuid.UUID(job.job_id)) is None
    cache.remember(job, cache.generation())
    assert cache.lookup(uuid.UUID(job.job_id)) is job


async def test_a_truncate_forgets_every_job(
    resources: Resources, start_cache: Callable[[], Awaitable[JobCache]]
) -> None:
    jobs = [await job_catalog(resources).add(posting(uuid.uuid4().hex)) for _ in range(3)]
    cache = await start_cache()
    for job in jobs:
        cache.remember(job, cache.generation())
    # What PostgreSQL sends for a TRUNCATE of jobs (not run here: the table is shared by the whole test session).
    cache._on_notice(None, 0, "skillgap_job_changes", EVERY_JOB)
    assert all(cache.lookup(uuid.UUID(job.job_id)) is None for job in jobs)


async def test_a_lost_listening_connection_turns_the_cache_off_until_it_listens_again(
    resources: Resources, start_cache: Callable[[], Awaitable[JobCache]], other_connection: asyncpg.Connection
) -> None:
    job_id = await store_job(resources)
    cache = await start_cache()
    catalog = job_catalog(resources, cache=cache)
    await catalog.get(job_id)
    assert cache.lookup(uuid.UUID(job_id)) is not None

    # The database drops the listener's connection (a restart, an admin, a proxy): announcements made while
    # nobody listens are lost, so nothing read before may be served after.
    assert cache.listener_pid is not None
    assert await other_connection.fetchval("SELECT pg_terminate_backend($1)", cache.listener_pid)

    async def deaf() -> bool:
        return not cache.listening

    await eventually(deaf, within=2.0)
    await other_connection.execute("UPDATE jobs SET title = 'Changed while nobody listened' WHERE job_id = $1",
                                   uuid.UUID(job_id))  # fmt: skip
    assert (await catalog.get(job_id)).posting.title == "Changed while nobody listened"

    async def listening_again() -> bool:
        return cache.listening

    await eventually(listening_again, within=5.0)
    assert (await catalog.get(job_id)).posting.title == "Changed while nobody listened"
    assert cache.lookup(uuid.UUID(job_id)) is not None

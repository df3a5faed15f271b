"""Jobs recently read, kept exactly as fresh as the database.

GetJob is the API's hottest read, and a job changes only when a scrape, a re-extraction or a clean-up writes
it. Migration 0007 makes PostgreSQL announce every committed insert, update and delete of a job on the channel
`skillgap_job_changes`, whoever makes it (a worker, another server, `skillgap reextract`). This cache listens on
one connection of the pool and forgets a job the moment its notice arrives.

Nothing is served stale by a race: a read remembers the job only if no notice arrived while it ran (a notice
always comes after its commit, so a read that saw the old row either finishes before the notice, which then
evicts it, or sees the notice's generation change and keeps nothing). While the cache is not listening (start,
the database restarting, the listening connection lost) it holds nothing and every read goes to the database.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from typing import Any

import asyncpg

from skillgap.jobs.models import StoredJob
from skillgap.lru import Lru

log = logging.getLogger(__name__)

CHANNEL = "skillgap_job_changes"
EVERY_JOB = "*"  # a TRUNCATE's notice
# A connection the server cut announces itself at once; one silently dropped (a network partition) does not,
# so the listener also checks its connection this often and starts again when the check fails.
CHECK_SECONDS = 5.0
RETRY_SECONDS = 1.0


class JobCache:
    """Up to `capacity` jobs by id. `generation()` before a database read, `remember(...)` after it."""

    def __init__(self, pool: asyncpg.Pool, *, capacity: int = 2_000) -> None:
        self._pool = pool
        self._jobs: Lru[uuid.UUID, StoredJob] = Lru(capacity)
        self._generation = 0
        self._listening = False
        self._task: asyncio.Task[None] | None = None
        self.notices = 0  # how many change notices arrived (tests, logs)
        self.listener_pid: int | None = None  # the database backend of the listening connection

    @property
    def listening(self) -> bool:
        return self._listening

    def lookup(self, job_id: uuid.UUID) -> StoredJob | None:
        return self._jobs.get(job_id) if self._listening else None

    def generation(self) -> int:
        return self._generation

    def remember(self, job: StoredJob, generation: int) -> None:
        """Keep `job`, read from the database since `generation()` returned `generation`, unless a change was
        announced meanwhile (the row read may be the old one) or nothing is listening."""
        if self._listening and generation == self._generation:
            self._jobs.put(uuid.UUID(job.job_id), job)

    async def start(self, *, wait_seconds: float = 5.0) -> None:
        """Start listening in the background; wait up to `wait_seconds` for it (the cache simply stays empty
        until then: reads go to the database)."""
        if self._task is None:
            self._task = asyncio.create_task(self._keep_listening(), name="job-cache-listener")
        deadline = asyncio.get_running_loop().time() + wait_seconds
        while not self._listening and asyncio.get_running_loop().time() < deadline and not self._task.done():
            await asyncio.sleep(0.01)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._forget_everything()

    def _forget_everything(self) -> None:
        self._generation += 1
        self._jobs.clear()

    def _on_notice(self, connection: Any, pid: int, channel: str, payload: str) -> None:
        self.notices += 1
        self._generation += 1
        if payload == EVERY_JOB:
            self._jobs.clear()
            return
        with contextlib.suppress(ValueError):
            self._jobs.pop(uuid.UUID(payload))

    async def _keep_listening(self) -> None:
        announced_outage = False
        while True:
            connection = None
            lost = asyncio.Event()
            try:
                connection = await self._pool.acquire()
                connection.add_termination_listener(lambda _, lost=lost: lost.set())
                await connection.add_listener(CHANNEL, self._on_notice)
                self._forget_everything()  # whatever changed while nobody listened
                self.listener_pid = connection.get_server_pid()
                self._listening = True
                if announced_outage:
                    log.info("job cache listening again for job changes")
                    announced_outage = False
                while True:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(lost.wait(), CHECK_SECONDS)
                    if lost.is_set():
                        raise ConnectionError("the listening connection closed")
                    await connection.fetchval("SELECT 1", timeout=CHECK_SECONDS)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                if not announced_outage:
                    log.warning("job cache not listening (%s: %s); jobs are read from the database until it is",
                                type(exc).__name__, exc)  # fmt: skip
                    announced_outage = True
            finally:
                self._listening = False
                self.listener_pid = None
                self._forget_everything()
                if connection is not None:
                    with contextlib.suppress(Exception):
                        await connection.remove_listener(CHANNEL, self._on_notice)
                    with contextlib.suppress(Exception):
                        await self._pool.release(connection, timeout=1.0)
            await asyncio.sleep(RETRY_SECONDS)

"""The arq worker that `skillgap up` runs inside its own process (the in-process vector index allows one
process per path), kept running and stopped within a bound.

arq's worker rides out a Redis outage of about two minutes (`skillgap_workers.settings.redis_settings`),
then fails; here it is started again after a pause, so the queue is worked on again once Redis is back.
Stopping never waits on Redis: arq's own close() retries a Redis that does not answer for those two
minutes, which is what made Ctrl-C of `skillgap up` hang once Redis had died. Jobs cut short are run again
later (arq puts them back when Redis answers; scrape runs are also taken over under their lease).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Callable
from types import TracebackType

from arq.worker import Worker

log = logging.getLogger(__name__)

#: After the worker failed, it starts again after this long, doubling up to RESTART_MAX_DELAY...
RESTART_MIN_DELAY = 1.0
RESTART_MAX_DELAY = 30.0
#: ...unless it had run this long, when it starts again after RESTART_MIN_DELAY.
STABLE_AFTER = 60.0


class WorkerRunner:
    """Runs the workers `make()` builds, one at a time, until stopped; an async context manager."""

    def __init__(self, make: Callable[[], Worker], *, stop_timeout: float = 5.0) -> None:
        self._make = make
        self.stop_timeout = stop_timeout
        self._worker: Worker | None = None
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> WorkerRunner:
        self._task = asyncio.create_task(self._run(), name="arq worker")
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def stop(self) -> None:
        """Stop polling, cut the running jobs short and close the worker's connections, within stop_timeout."""
        task, self._task = self._task, None
        if task is not None:
            # Stop polling first: closing the pool under a running poll raises inside arq.
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        if self._worker is not None:
            await _close(self._worker, self.stop_timeout)
            self._worker = None

    async def _run(self) -> None:
        delay = RESTART_MIN_DELAY
        while True:
            worker = self._worker = self._make()
            started = time.monotonic()
            try:
                await worker.async_run()
                reason = "its main loop ended"
            except Exception as exc:
                reason = f"{type(exc).__name__}: {exc}"
            ran = time.monotonic() - started
            delay = RESTART_MIN_DELAY if ran >= STABLE_AFTER else min(delay * 2, RESTART_MAX_DELAY)
            log.error("the arq worker stopped after %.0f s (%s); starting it again in %.0f s", ran, reason, delay)
            await _close(worker, self.stop_timeout)
            self._worker = None
            await asyncio.sleep(delay)


async def _close(worker: Worker, timeout: float) -> None:
    """What arq's Worker.close() does, less the goodbye to Redis, and bounded: cancel the jobs, give them
    `timeout` to put themselves back in the queue, close the connections."""
    running = [task for task in worker.tasks.values() if not task.done()]
    # Cancels the jobs and the main loop and logs the counts; SIGUSR1 is what arq's close() names too.
    worker.handle_sig(signal.SIGUSR1)
    if running:
        _, late = await asyncio.wait(running, timeout=timeout)
        if late:
            log.warning(
                "%d worker jobs did not finish cancelling within %.0f s (Redis not answering?); "
                "they run again later",
                len(late),
                timeout,
            )
    try:
        pool = worker.pool
    except TypeError:  # no pool: the worker never reached Redis
        return
    try:
        async with asyncio.timeout(timeout):
            await pool.aclose(close_connection_pool=True)
    except (TimeoutError, OSError) as exc:
        log.warning("could not close the worker's Redis connections cleanly: %r", exc)

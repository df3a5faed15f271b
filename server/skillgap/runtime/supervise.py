"""Keep the children of `skillgap up` running: when one dies, say so and start it again.

A `Supervisor` watches one child (the embedded PostgreSQL or Redis, or Envoy). It learns of the child's
death the moment it happens (the child's `wait_exit()`: a pidfd, or asyncio's own child watcher), logs one
line saying what died, how, and what happens now, and restarts it on the same data dir and address, so the
clients that hold its DSN or URL simply reconnect. A restart that fails is tried again with back-off
(0.5 s doubling to 30 s), and so is a child that dies again soon after a restart, so a child that cannot
stay up costs a log line now and then, not a busy loop. Meanwhile the calls that need it fail with
UNAVAILABLE and a message saying so.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import TracebackType
from typing import Protocol

from skillgap.runtime import describe_exit

log = logging.getLogger(__name__)

#: The first restart after a death comes at once; a failed one is tried again after this, doubling...
MIN_DELAY = 0.5
#: ...up to this.
MAX_DELAY = 30.0
#: A child that ran this long before it died is restarted at once again, not after the last delay.
STABLE_AFTER = 30.0
#: A Ctrl-C reaches the children that share our process group (Envoy) as it reaches us; this long after a
#: death, the shutdown the signal started has begun, and the death is not taken for a crash.
SETTLE_SECONDS = 0.1


class Watched(Protocol):
    """What a Supervisor needs to know of a child."""

    @property
    def what(self) -> str:
        """How log lines name it: "the embedded PostgreSQL"."""

    @property
    def pid(self) -> int | None: ...

    @property
    def log_path(self) -> Path | None:
        """Its own log, where the reason for a crash usually is."""

    async def wait_exit(self) -> int | None:
        """Wait until it exits; its exit status (negative: the signal), or None when it is not running."""


class Supervisor:
    """Restarts `child` with `restart()` whenever it dies, until closed or `stopping` is set.

    An async context manager: entering starts the watch, leaving ends it (a restart in progress is
    abandoned; stopping the child itself is its owner's business, after this).
    """

    def __init__(
        self,
        child: Watched,
        restart: Callable[[], Awaitable[object]],
        *,
        stopping: asyncio.Event,
        min_delay: float = MIN_DELAY,
        max_delay: float = MAX_DELAY,
        stable_after: float = STABLE_AFTER,
    ) -> None:
        self.child = child
        self._restart = restart
        self._stopping = stopping
        self._min_delay = min_delay
        self._max_delay = max_delay
        self._stable_after = stable_after
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Supervisor:
        self._task = asyncio.create_task(self._watch(), name=f"supervise {self.child.what}")
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _watch(self) -> None:
        what = self.child.what
        delay = 0.0
        up_since: float | None = None  # since the last restart; a first death is restarted at once
        while True:
            pid = self.child.pid
            status = await self.child.wait_exit()
            if status is None:
                return  # stopped by its owner
            died = time.monotonic()
            await asyncio.sleep(SETTLE_SECONDS)
            if self._stopping.is_set():
                return
            # A child that dies again soon after a restart waits longer each time; one that had been up a
            # while is restarted at once.
            delay = self._longer(delay) if up_since is not None and died - up_since < self._stable_after else 0.0
            log.error(
                "%s (pid %s) %s; restarting it %s; until it is back, calls that need it fail (its log: %s)",
                what,
                pid,
                describe_exit(status),
                f"in {delay:.1f} s" if delay else "now",
                self.child.log_path,
            )
            attempt = 0
            while True:
                if delay:
                    await asyncio.sleep(delay)
                if self._stopping.is_set():
                    return
                attempt += 1
                try:
                    await self._restart()
                except Exception as exc:
                    delay = self._longer(delay)
                    # The first failure in full (it may quote the child's log); then one line each time.
                    reason = str(exc) if attempt == 1 else str(exc).splitlines()[0]
                    log.error("could not restart %s (attempt %d, next in %.1f s): %s", what, attempt, delay, reason)
                    continue
                break
            up_since = time.monotonic()
            log.warning(
                "%s is back (pid %s), %.1f s after it died%s",
                what,
                self.child.pid,
                up_since - died,
                f", at attempt {attempt}" if attempt > 1 else "",
            )

    def _longer(self, delay: float) -> float:
        return min(max(delay * 2, self._min_delay), self._max_delay)

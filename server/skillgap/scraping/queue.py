"""The arq queue scrape runs are sent to: a pool opened on first use, failing fast when Redis is down."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from arq.connections import ArqRedis, RedisSettings, create_pool
from arq.constants import job_key_prefix, result_key_prefix
from redis.exceptions import RedisError

from skillgap.errors import Unavailable

log = logging.getLogger(__name__)

UNREACHABLE = "the scrape queue (Redis) cannot be reached; try again later"


class ScrapeQueue:
    def __init__(self, redis_url: str, *, queue_name: str | None = None, connect_timeout: int = 3) -> None:
        settings = RedisSettings.from_dsn(redis_url)
        settings.conn_timeout = connect_timeout
        settings.conn_retries = 0
        self._settings = settings
        self.queue_name = queue_name
        self._pool: ArqRedis | None = None
        self._lock = asyncio.Lock()

    async def _connect(self) -> ArqRedis:
        async with self._lock:
            if self._pool is None:
                self._pool = await create_pool(self._settings)
            return self._pool

    async def enqueue(self, function: str, *, job_id: str, **kwargs: Any) -> None:
        """Queue `function`; Unavailable when Redis cannot be reached."""
        try:
            pool = await self._connect()
            await asyncio.wait_for(
                pool.enqueue_job(function, _job_id=job_id, _queue_name=self.queue_name, **kwargs),
                timeout=self._settings.conn_timeout + 2,
            )
        except (RedisError, OSError, TimeoutError) as exc:
            log.warning("cannot enqueue %s: %s", function, exc)
            raise Unavailable(UNREACHABLE, reason="QUEUE_UNAVAILABLE") from exc

    async def job_exists(self, job_id: str) -> bool:
        """Whether arq still holds the job (queued, running or kept as a result); Unavailable when Redis
        cannot be reached."""
        try:
            pool = await self._connect()
            count = await asyncio.wait_for(
                pool.exists(job_key_prefix + job_id, result_key_prefix + job_id), timeout=self._settings.conn_timeout
            )
        except (RedisError, OSError, TimeoutError) as exc:
            raise Unavailable(UNREACHABLE, reason="QUEUE_UNAVAILABLE") from exc
        return bool(count)

    def client(self, *, timeout: float) -> Any:
        """A plain redis client (redis.asyncio.Redis) of the queue's Redis, with `timeout` for connecting and each
        command, for others that keep their state there (rate limits, readiness); None for a sentinel set-up."""
        from redis.asyncio import Redis

        settings = self._settings
        if settings.sentinel or not isinstance(settings.host, str):  # a sentinel set-up lists (host, port) pairs
            return None
        return Redis(
            host=settings.host,
            port=settings.port,
            unix_socket_path=settings.unix_socket_path,
            db=settings.database,
            username=settings.username,
            password=settings.password,
            ssl=settings.ssl,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
        )

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()
            self._pool = None

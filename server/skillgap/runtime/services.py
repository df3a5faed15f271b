"""Which PostgreSQL and Redis to use: the configured ones, or embedded ones started on the spot.

A configured server that does not answer is an error, never a reason to fall back to an embedded one:
silently writing to a fresh local database while the real one is down would lose data from view.

The probes are also what test fixtures use to pick "the machine's server on 127.0.0.1 when it answers,
else an embedded one".
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import redis.asyncio as redis_asyncio
from redis.exceptions import RedisError

from skillgap.errors import Unavailable
from skillgap.runtime.postgres import EmbeddedPostgres
from skillgap.runtime.redis import EmbeddedRedis
from skillgap.storage.db import redact_dsn

log = logging.getLogger(__name__)

PROBE_TIMEOUT = 2.0


async def probe_postgres(dsn: str, timeout: float = PROBE_TIMEOUT) -> bool:
    """True when a PostgreSQL answers at `dsn` and accepts the connection within `timeout` seconds."""
    return await _postgres_failure(dsn, timeout) is None


async def probe_redis(url: str, timeout: float = PROBE_TIMEOUT) -> bool:
    """True when a Redis answers PING at `url` within `timeout` seconds."""
    return await _redis_failure(url, timeout) is None


async def ensure_postgres(
    preferred_dsn: str | None, data_dir: Path, *, timeout: float = PROBE_TIMEOUT
) -> tuple[str, EmbeddedPostgres | None]:
    """The DSN to use, and the embedded server to stop later (None when the DSN is the caller's).

    With `preferred_dsn` set, it must answer within `timeout`, else Unavailable. Without it, an embedded
    PostgreSQL starts on `data_dir/postgres` (initialised on first use) with the database `skillgap`.
    """
    if preferred_dsn is not None:
        failure = await _postgres_failure(preferred_dsn, timeout)
        if failure is not None:
            raise Unavailable(
                f"PostgreSQL at {redact_dsn(preferred_dsn)} did not answer within {timeout:g} s: "
                f"{_describe(failure, preferred_dsn)}. Start that server or fix SKILLGAP_DATABASE_URL; "
                "unset it to use the embedded PostgreSQL instead.",
                metadata={"service": "postgres"},
            )
        return preferred_dsn, None
    server = EmbeddedPostgres()
    dsn = await server.astart(data_dir / "postgres")
    return dsn, server


async def ensure_redis(
    preferred_url: str | None, data_dir: Path, *, timeout: float = PROBE_TIMEOUT
) -> tuple[str, EmbeddedRedis | None]:
    """The Redis URL to use, and the embedded server to stop later (None when the URL is the caller's).

    With `preferred_url` set, it must answer within `timeout`, else Unavailable. Without it, an embedded
    Redis starts on `data_dir/redis` (port 6479 if free, else any free port on 127.0.0.1).
    """
    if preferred_url is not None:
        failure = await _redis_failure(preferred_url, timeout)
        if failure is not None:
            raise Unavailable(
                f"Redis at {redact_dsn(preferred_url)} did not answer within {timeout:g} s: "
                f"{_describe(failure, preferred_url)}. Start that server or fix SKILLGAP_REDIS_URL; "
                "unset it to use the embedded Redis instead.",
                metadata={"service": "redis"},
            )
        return preferred_url, None
    server = EmbeddedRedis()
    url = await server.astart(data_dir / "redis")
    return url, server


async def stop_embedded(*servers: EmbeddedPostgres | EmbeddedRedis | None) -> None:
    """Stop embedded servers in the order given (skipping None), without blocking the loop."""
    for server in servers:
        if server is not None:
            await server.astop()


async def _postgres_failure(dsn: str, timeout: float) -> BaseException | None:
    try:
        async with asyncio.timeout(timeout):
            conn = await asyncpg.connect(dsn, timeout=timeout)
            try:
                await conn.fetchval("SELECT 1")
            finally:
                await conn.close()
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as exc:
        log.debug("PostgreSQL probe of %s failed: %r", redact_dsn(dsn), exc)
        return exc
    return None


async def _redis_failure(url: str, timeout: float) -> BaseException | None:
    try:
        client = redis_asyncio.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    except ValueError as exc:
        return exc
    try:
        async with asyncio.timeout(timeout):
            await client.ping()
    except (OSError, TimeoutError, RedisError) as exc:
        log.debug("Redis probe of %s failed: %r", redact_dsn(url), exc)
        return exc
    finally:
        await client.aclose()
    return None


def _describe(exc: BaseException, url: str) -> str:
    """The failure in one line, with the URL's password (should a library echo it) masked."""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    password = urlsplit(url).password
    return text.replace(password, "***") if password else text

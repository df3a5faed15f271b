"""The asyncpg connection pool."""

from __future__ import annotations

import json
import logging

import asyncpg

from skillgap.errors import Unavailable

log = logging.getLogger(__name__)


async def _init_connection(conn: asyncpg.Connection) -> None:
    # jsonb columns come back as Python objects, not strings.
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def create_pool(dsn: str, *, min_size: int = 1, max_size: int = 10, timeout: float = 10.0) -> asyncpg.Pool:
    """Open a pool, failing with Unavailable (and the DSN without its password) when the server is down."""
    try:
        pool = await asyncpg.create_pool(
            dsn, min_size=min_size, max_size=max_size, init=_init_connection, timeout=timeout
        )
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        raise Unavailable(f"cannot connect to PostgreSQL at {redact_dsn(dsn)}: {exc}") from exc
    assert pool is not None
    return pool


def redact_dsn(dsn: str) -> str:
    """The DSN with its password replaced, for logs and error messages."""
    scheme, sep, rest = dsn.partition("://")
    if not sep or "@" not in rest:
        return dsn
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else f"{scheme}://{user}@{host}"

"""The asyncpg connection pool.

The pool turns "the database cannot be reached" (down, restarting, the connection cut) into `Unavailable`
(reason DATABASE_UNAVAILABLE) wherever it happens: taking a connection, or a query on one. Callers then
tell it apart from a query the database refused, the API answers UNAVAILABLE instead of INTERNAL, and
workers know to wait and try again. asyncpg itself reconnects once the server is back: a connection the
server closed is replaced on the next acquire.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Generator
from types import TracebackType
from typing import Any

import asyncpg
from asyncpg.pool import PoolAcquireContext

from skillgap.errors import Unavailable

log = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"
UNREACHABLE = "the database cannot be reached right now; try again in a moment"

# What a database that is down, restarting or cut off looks like to asyncpg. Not every error of a
# connection: a query cancelled by a statement timeout or a constraint violation is the query's fault.
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    OSError,  # refused, reset, no route, no socket file
    TimeoutError,  # connecting timed out, or no free connection in time
    asyncpg.PostgresConnectionError,  # 08xxx, including a connection closed mid-query
    asyncpg.AdminShutdownError,  # 57P01: the server is shutting down
    asyncpg.CrashShutdownError,  # 57P02
    asyncpg.CannotConnectNowError,  # 57P03: starting up or shutting down
    asyncpg.TooManyConnectionsError,  # 53300
)


def is_unavailable(exc: BaseException) -> bool:
    """Whether `exc` means the database could not be reached (the `Unavailable` this module raises for it,
    or the driver's own error)."""
    if isinstance(exc, Unavailable):
        return exc.reason == DATABASE_UNAVAILABLE
    return isinstance(exc, _CONNECTION_ERRORS)


def database_unavailable(exc: BaseException) -> Unavailable:
    log.warning("database unavailable: %s: %s", type(exc).__name__, exc)
    return Unavailable(UNREACHABLE, reason=DATABASE_UNAVAILABLE)


def _is_closed(connection: Any) -> bool:
    """Whether a pooled connection is closed; one the pool already took back (it does so when the server cut
    it) counts as closed."""
    if connection is None:
        return True
    try:
        return bool(connection.is_closed())
    except asyncpg.InterfaceError:
        return True


class _AcquireContext(PoolAcquireContext):  # type: ignore[misc]
    """`pool.acquire()`: a connection error while taking the connection or while using it in the block
    becomes `Unavailable`. Every `pool.fetch...`/`execute` goes through here too."""

    __slots__ = ()

    async def __aenter__(self) -> Any:
        try:
            return await super().__aenter__()
        except _CONNECTION_ERRORS as exc:
            raise database_unavailable(exc) from exc

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_val: BaseException | None = None,
        exc_tb: TracebackType | None = None,
    ) -> None:
        # Asked before the release, which detaches the proxy from its connection.
        closed = isinstance(exc_val, asyncpg.InternalClientError) and _is_closed(self.connection)
        try:
            await super().__aexit__(exc_type, exc_val, exc_tb)
        except (*_CONNECTION_ERRORS, asyncpg.InternalClientError) as exc:
            # Releasing a connection the server cut: its reset query fails, or trips over the half-closed
            # connection's state ("cannot switch to state 15; another operation is in progress").
            raise database_unavailable(exc) from exc
        if exc_val is None or isinstance(exc_val, Unavailable):
            return
        # Right after the server died, asyncpg can trip over its own half-closed connection ("cannot switch to
        # state 12; another operation is in progress"): a client error on a connection that is now closed is
        # the outage, not a bug, and the user gets 503, not 500.
        if closed or is_unavailable(exc_val):
            raise database_unavailable(exc_val) from exc_val

    def __await__(self) -> Generator[Any, None, Any]:  # `connection = await pool.acquire()`
        try:
            return (yield from super().__await__())
        except _CONNECTION_ERRORS as exc:
            raise database_unavailable(exc) from exc


class Pool(asyncpg.Pool):  # type: ignore[misc]
    """asyncpg's pool, whose connection errors are `Unavailable` (see the module docstring)."""

    __slots__ = ()

    def acquire(self, *, timeout: float | None = None) -> _AcquireContext:
        return _AcquireContext(self, timeout)


async def _init_connection(conn: asyncpg.Connection) -> None:
    # jsonb columns come back as Python objects, not strings.
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def create_pool(dsn: str, *, min_size: int = 1, max_size: int = 10, timeout: float = 10.0) -> asyncpg.Pool:
    """Open a pool, failing with Unavailable (and the DSN without its password) when the server is down."""
    try:
        # What asyncpg.create_pool does (asyncpg is pinned), with our pool class.
        pool = await Pool(
            dsn,
            min_size=min_size,
            max_size=max_size,
            max_queries=50_000,
            max_inactive_connection_lifetime=300.0,
            init=_init_connection,
            loop=None,
            connection_class=asyncpg.Connection,
            record_class=asyncpg.Record,
            timeout=timeout,
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

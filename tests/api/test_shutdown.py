"""Graceful shutdown, in process: a second GrpcServer on the session resources is stopped while uploads
are in flight.

To know for certain that a call is in flight when `stop()` begins, without guessing how long an upload
takes, the tests hold uploads in PDF parsing until the stop has begun, or make one later step (the
database's answer to the insert, the vector upsert) slow, as a busy database or index would be. All
else is the real server: real PDFs, PostgreSQL and the vector index.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
import pytest
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc

import skillgap.resumes.service as resume_service_module
from skillgap.api.server import GrpcServer
from skillgap.app import App
from skillgap.resources import Resources
from skillgap.storage.resumes import ResumeRepository
from skillgap.v1 import resume_pb2, resume_pb2_grpc
from tests.fixtures.documents import make_resume_pdf, make_resume_text

Metadata = tuple[tuple[str, str], ...]
SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
REFUSED = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED)


class Hold:
    """Holds calls at one step of the server's work until released, and reports each arrival."""

    def __init__(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._released = threading.Event()
        self._arrivals: asyncio.Queue[str] = asyncio.Queue()
        # Work the server goes on with in the background after the test has its answer.
        self.background: list[asyncio.Event] = []

    def release(self) -> None:
        self._released.set()

    async def arrived(self, count: int, timeout: float = 30.0) -> None:
        async with asyncio.timeout(timeout):
            for _ in range(count):
                await self._arrivals.get()

    def hold_thread(self, what: str) -> None:
        """For steps the server runs in a worker thread (parsing)."""
        self._loop.call_soon_threadsafe(self._arrivals.put_nowait, what)
        if not self._released.wait(60):
            raise TimeoutError("the test never released the held call")

    async def slow(self, what: str, seconds: float) -> None:
        """For steps the server awaits on the event loop: report the arrival, then take `seconds` more,
        like a busy database or a far away index (a held step would also hold a server that, rightly,
        waits for it)."""
        finished = asyncio.Event()
        self.background.append(finished)
        self._arrivals.put_nowait(what)
        try:
            await asyncio.sleep(seconds)
        finally:
            finished.set()


@pytest.fixture
async def hold() -> AsyncIterator[Hold]:
    held = Hold()
    try:
        yield held
    finally:
        # Never leave a worker thread blocked, nor server work running into the next test.
        held.release()
        async with asyncio.timeout(30):
            for finished in held.background:
                await finished.wait()


@pytest.fixture
def hold_parsing(hold: Hold, monkeypatch: pytest.MonkeyPatch, resources: Resources) -> Hold:
    _hold_in_parsing(hold, monkeypatch, resources)
    return hold


@pytest.fixture
async def second_server(resources: Resources) -> AsyncIterator[tuple[GrpcServer, aio.Channel]]:
    """Its own server, with services of its own (the session one keeps serving the other tests), and a channel
    to it."""
    app = await App.over(resources)
    server = GrpcServer(app)
    port = await server.start(host="127.0.0.1", port=0)
    try:
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield server, channel
    finally:
        await server.stop(grace=0)
        await app.aclose()


def pdf_request(pdf: bytes, filename: str) -> resume_pb2.UploadResumeRequest:
    return resume_pb2.UploadResumeRequest(filename=filename, content_type="application/pdf", content=pdf)


async def assert_nothing_half_stored(channel: aio.Channel, auth: Metadata, resources: Resources, user_id: str):
    """Every resume the user can list is matchable: it has its vector. Returns the listed resumes."""
    listed = await resume_pb2_grpc.ResumeServiceStub(channel).ListResumes(
        resume_pb2.ListResumesRequest(page_size=100), metadata=auth, timeout=10
    )
    for resume in listed.resumes:
        vector = await resources.vectors.get_resume_vector(resume.resume_id, user_id)
        assert vector is not None, f"resume {resume.resume_id} ({resume.filename}) is listed but has no vector"
    return list(listed.resumes)


def start_upload(
    stub: resume_pb2_grpc.ResumeServiceStub, auth: Metadata, pdf: bytes, filename: str
) -> asyncio.Task[resume_pb2.UploadResumeResponse]:
    call = stub.UploadResume(pdf_request(pdf, filename), metadata=auth, timeout=60)

    async def wait() -> resume_pb2.UploadResumeResponse:
        try:
            return await call
        finally:
            call.cancel()  # a no-op once the call has ended

    return asyncio.create_task(wait())


async def _finish(tasks: list[asyncio.Task[Any]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


async def test_stop_lets_in_flight_uploads_finish(
    second_server: tuple[GrpcServer, aio.Channel],
    hold_parsing: Hold,
    channel: aio.Channel,
    auth: Metadata,
    resources: Resources,
    user_id: str,
) -> None:
    server, server_channel = second_server
    stub = resume_pb2_grpc.ResumeServiceStub(server_channel)
    pdfs = {f"cv-{i}.pdf": make_resume_pdf(name=f"Shutdown Tester {i}", pages=12, seed=300 + i) for i in range(3)}
    late_text = make_resume_text(name="Too Late", seed=305)
    uploads = [start_upload(stub, auth, pdf, name) for name, pdf in pdfs.items()]
    stopping: asyncio.Task[None] | None = None
    try:
        await hold_parsing.arrived(len(uploads))
        started = time.monotonic()
        stopping = asyncio.create_task(server.stop(grace=10))
        # New calls are refused as soon as the stop has begun (each try is a real call; no sleeping).
        # A call that reaches the server as it stops is CANCELLED by grpc; later ones find it gone.
        async with asyncio.timeout(10):
            while True:
                try:
                    await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=auth, timeout=5)
                except aio.AioRpcError as refused:
                    assert refused.code() in REFUSED, refused
                    break
        with pytest.raises(aio.AioRpcError) as refused_upload:
            await stub.UploadResume(resume_pb2.UploadResumeRequest(text=late_text), metadata=auth, timeout=10)
        assert refused_upload.value.code() in REFUSED
        # ... while the in-flight uploads still run, and the stop waits for them.
        assert not any(upload.done() for upload in uploads)
        assert not stopping.done()

        hold_parsing.release()
        async with asyncio.timeout(30):
            replies = await asyncio.gather(*uploads)
            await stopping
        stop_seconds = time.monotonic() - started
    finally:
        await _finish([*uploads, *([stopping] if stopping else [])])

    assert sorted(reply.resume.filename for reply in replies) == sorted(pdfs)
    assert all(reply.resume.page_count == 12 and not reply.already_existed for reply in replies)
    # stop() returned once the calls were done, not at the end of the grace period.
    assert stop_seconds < 10
    # The resumes are stored whole (the session server, on the same database and index, lists them with
    # their vectors), and the refused upload is not stored at all.
    listed = await assert_nothing_half_stored(channel, auth, resources, user_id)
    assert sorted(r.resume_id for r in listed) == sorted(reply.resume.resume_id for reply in replies)


async def test_health_watch_reports_not_serving_when_stop_begins(
    second_server: tuple[GrpcServer, aio.Channel], hold_parsing: Hold, auth: Metadata
) -> None:
    server, server_channel = second_server
    watch = health_pb2_grpc.HealthStub(server_channel).Watch(health_pb2.HealthCheckRequest(service=""))
    stub = resume_pb2_grpc.ResumeServiceStub(server_channel)
    upload = start_upload(stub, auth, make_resume_pdf(seed=310), "watched.pdf")
    stopping: asyncio.Task[None] | None = None
    try:
        async with asyncio.timeout(10):
            assert (await watch.read()).status == SERVING
        await hold_parsing.arrived(1)
        stopping = asyncio.create_task(server.stop(grace=10))
        # Load balancers watching health see the server leave while it still finishes its calls.
        async with asyncio.timeout(10):
            assert (await watch.read()).status == NOT_SERVING
        watch.cancel()
        hold_parsing.release()
        async with asyncio.timeout(30):
            await upload
            await stopping
    finally:
        watch.cancel()
        await _finish([upload, *([stopping] if stopping else [])])


def _hold_in_parsing(hold: Hold, monkeypatch: pytest.MonkeyPatch, resources: Resources) -> None:
    parse = resume_service_module.parse_resume

    def held_parse(*args: Any, **kwargs: Any) -> Any:
        hold.hold_thread("parse")
        return parse(*args, **kwargs)

    monkeypatch.setattr(resume_service_module, "parse_resume", held_parse)


def _slow_vector_upsert(hold: Hold, monkeypatch: pytest.MonkeyPatch, resources: Resources) -> None:
    upsert = resources.vectors.upsert_resume

    async def slow_upsert(*args: Any, **kwargs: Any) -> None:
        await hold.slow("upsert", 1.0)
        await upsert(*args, **kwargs)

    monkeypatch.setattr(resources.vectors, "upsert_resume", slow_upsert)
    # The service then deletes the row it stored; give that clean-up a database that answers in 2 s
    # (busy, far away), so that the test does not depend on how fast the clean-up happens to be.
    delete = ResumeRepository.delete

    async def slow_delete(self: ResumeRepository, *args: Any, **kwargs: Any) -> bool:
        await hold.slow("delete", 2.0)
        return await delete(self, *args, **kwargs)

    monkeypatch.setattr(ResumeRepository, "delete", slow_delete)


def _slow_after_insert(hold: Hold, monkeypatch: pytest.MonkeyPatch, resources: Resources) -> None:
    insert = ResumeRepository.insert

    async def slow_insert(self: ResumeRepository, **kwargs: Any) -> Any:
        result = await insert(self, **kwargs)
        # The row is committed; the answer is slow to come back (a busy database, a slow network).
        await hold.slow("insert", 1.0)
        return result

    monkeypatch.setattr(ResumeRepository, "insert", slow_insert)


HOLD_AT: dict[str, Callable[[Hold, pytest.MonkeyPatch, Resources], None]] = {
    "parsing": _hold_in_parsing,
    "vector-upsert": _slow_vector_upsert,
    "after-insert": _slow_after_insert,
}


@pytest.mark.parametrize(
    "step",
    [
        "parsing",
        "vector-upsert",
        "after-insert",
    ],
)
async def test_tiny_grace_cancels_in_flight_upload_and_keeps_nothing_half_stored(
    step: str,
    second_server: tuple[GrpcServer, aio.Channel],
    hold: Hold,
    monkeypatch: pytest.MonkeyPatch,
    channel: aio.Channel,
    auth: Metadata,
    resources: Resources,
    user_id: str,
) -> None:
    server, server_channel = second_server
    HOLD_AT[step](hold, monkeypatch, resources)
    stub = resume_pb2_grpc.ResumeServiceStub(server_channel)
    pdf = make_resume_pdf(name="Cancelled Upload", pages=3, seed=400)
    upload = start_upload(stub, auth, pdf, "cancelled.pdf")
    try:
        await hold.arrived(1)
        started = time.monotonic()
        async with asyncio.timeout(10):
            await server.stop(grace=0.01)
        stop_seconds = time.monotonic() - started
        with pytest.raises(aio.AioRpcError) as cancelled:
            async with asyncio.timeout(10):
                await upload
    finally:
        hold.release()
        await _finish([upload])
    # The client is told at once, and stop() does not hang on the work it cut short.
    assert cancelled.value.code() in (grpc.StatusCode.CANCELLED, grpc.StatusCode.UNAVAILABLE)
    assert stop_seconds < 5
    # What stop() left behind once it returned (the CLI closes the pool right then): no resume that the
    # user sees but matching cannot find.
    await assert_nothing_half_stored(channel, auth, resources, user_id)

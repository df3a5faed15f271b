"""Server-wide behaviour: health, reflection, request ids."""

from __future__ import annotations

import asyncio
import time

import pytest
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from skillgap.v1 import interview_pb2_grpc, job_pb2, job_pb2_grpc
from tests.support.rpc_log import RPC_LOGGER, rpc_log_line

SERVICES = {
    "skillgap.v1.ResumeService",
    "skillgap.v1.JobService",
    "skillgap.v1.InterviewService",
    "skillgap.v1.ScrapeService",
}


async def test_health_is_serving_without_a_token(channel: aio.Channel) -> None:
    stub = health_pb2_grpc.HealthStub(channel)
    for service in ("", *SERVICES):
        reply = await stub.Check(health_pb2.HealthCheckRequest(service=service))
        assert reply.status == health_pb2.HealthCheckResponse.SERVING


async def test_reflection_lists_the_four_services(channel: aio.Channel) -> None:
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)

    async def requests():
        yield reflection_pb2.ServerReflectionRequest(list_services="")

    names = set()
    async for reply in stub.ServerReflectionInfo(requests()):
        names |= {s.name for s in reply.list_services_response.service}
    assert SERVICES <= names


async def test_request_id_is_echoed(channel: aio.Channel, auth) -> None:
    call = job_pb2_grpc.JobServiceStub(channel).SearchJobs(
        job_pb2.SearchJobsRequest(), metadata=(*auth, ("x-request-id", "trace-123"))
    )
    with pytest.raises(aio.AioRpcError):  # an error answer carries it too
        await call
    assert ("x-request-id", "trace-123") in tuple(await call.initial_metadata())


async def test_one_log_line_per_call_with_method_user_status_duration(
    channel: aio.Channel, auth, user_id: str, caplog: pytest.LogCaptureFixture
) -> None:
    from skillgap.v1 import resume_pb2, resume_pb2_grpc

    stub = resume_pb2_grpc.ResumeServiceStub(channel)
    caplog.set_level("INFO", logger=RPC_LOGGER)
    began = time.perf_counter()
    await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=(*auth, ("x-request-id", "log-1")))
    waited_ms = (time.perf_counter() - began) * 1000
    with pytest.raises(aio.AioRpcError):
        await stub.GetResume(
            resume_pb2.GetResumeRequest(resume_id="00000000-0000-0000-0000-000000000000"),
            metadata=(*auth, ("x-request-id", "log-2")),
        )
    ok = await rpc_log_line(caplog, lambda r: getattr(r, "request_id", None) == "log-1")
    missing = await rpc_log_line(caplog, lambda r: getattr(r, "request_id", None) == "log-2")
    assert (ok.rpc_method, ok.user, ok.status) == ("/skillgap.v1.ResumeService/ListResumes", user_id, "OK")
    assert (missing.user, missing.status) == (user_id, "NOT_FOUND")
    # Measured (a real call takes time) and within what the client waited for the answer.
    assert 0 < ok.duration_ms <= waited_ms
    assert f"user={user_id} status=NOT_FOUND" in missing.getMessage()


async def test_the_logged_duration_is_how_long_the_call_lasted(
    channel: aio.Channel, auth, caplog: pytest.LogCaptureFixture
) -> None:
    """Operators find slow calls by `duration_ms`: a stream the client holds open for 0.4 s logs about 400 ms
    (not 0.4 as if in seconds, not the moment its handler first paused)."""
    held_ms = 400
    caplog.set_level("INFO", logger=RPC_LOGGER)
    began = time.perf_counter()
    call = interview_pb2_grpc.InterviewServiceStub(channel).Converse(metadata=(*auth, ("x-request-id", "held")))
    await asyncio.sleep(held_ms / 1000)
    await call.done_writing()
    assert [reply async for reply in call] == []  # nothing asked, nothing answered: the stream just ends
    waited_ms = (time.perf_counter() - began) * 1000
    line = await rpc_log_line(caplog, lambda r: getattr(r, "request_id", None) == "held")
    assert line.status == "OK"
    # The server's clock starts a little after the client's (the call has to reach it) and stops before the
    # client sees the end: half the hold is a floor no scheduling delay on a busy machine gets near.
    assert held_ms / 2 <= line.duration_ms <= waited_ms


def test_json_log_lines_carry_the_call_fields() -> None:
    import json
    import logging

    from skillgap.logs import JsonFormatter

    record = logging.LogRecord("skillgap.rpc", logging.INFO, __file__, 1, "rpc %s", ("/x",), None)
    record.rpc_method, record.user, record.status, record.duration_ms, record.request_id = "/x", "u", "OK", 1.5, "r"
    entry = json.loads(JsonFormatter().format(record))
    assert entry["message"] == "rpc /x"
    assert {k: entry[k] for k in ("rpc_method", "user", "status", "duration_ms", "request_id")} == {
        "rpc_method": "/x",
        "user": "u",
        "status": "OK",
        "duration_ms": 1.5,
        "request_id": "r",
    }


async def test_a_second_server_cannot_listen_on_a_port_in_use(app, grpc_port: int) -> None:
    """grpc binds with SO_REUSEPORT by default: a second server on the same port used to listen too, and calls
    alternated between the two (and their databases)."""
    from skillgap.api.server import GrpcServer

    second = GrpcServer(app)
    with pytest.raises((OSError, RuntimeError)):
        await second.start("127.0.0.1", grpc_port)
    await second.stop(0)

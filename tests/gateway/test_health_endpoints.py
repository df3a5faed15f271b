"""GET /healthz and GET /readyz through the real gateway, and the gRPC health service following readiness.

Readiness is tested against a Redis of the test's own that it stops and starts (as tests/faults does), under a
server and gateway of their own; everything else runs on the session's real server, PostgreSQL and Redis.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc
from redis.asyncio import Redis

from skillgap.api.server import GrpcServer
from skillgap.app import App
from skillgap.gateway.config import compose_max_request_bytes
from skillgap.gateway.process import EnvoyGateway
from skillgap.resources import Resources
from tests.faults.support import PrivateRedis, resources_on, until
from tests.ports import free_port

pytestmark = pytest.mark.rest

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING


async def test_healthz_answers_without_a_token(gateway_url: str) -> None:
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=10) as http:
        reply = await http.get("/healthz")
    assert reply.status_code == 200, reply.text
    assert reply.json() == {"status": "alive"}
    assert reply.headers.get("x-request-id")


async def test_readyz_lists_each_component_when_all_are_up(gateway_url: str) -> None:
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=10) as http:
        reply = await http.get("/readyz")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["status"] == "ready"
    assert set(body["components"]) == {"postgres", "redis", "vector_index"}
    for name, component in body["components"].items():
        assert component["status"] == "ok", (name, component)
        assert component["message"].startswith("answered in "), component
        assert 0 <= component["latency_ms"] < 1000


async def test_probes_take_no_parameters(gateway_url: str) -> None:
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=10) as http:
        reply = await http.get("/readyz", params={"verbose": "1"})
    assert reply.status_code == 400
    assert reply.json()["details"][0]["reason"] == "UNKNOWN_QUERY_PARAMETER"


@pytest.fixture
async def private_redis(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[PrivateRedis]:
    server = PrivateRedis(tmp_path_factory.mktemp("readiness-redis"))
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@asynccontextmanager
async def server_and_gateway(resources: Resources, work_dir: Path) -> AsyncIterator[tuple[str, aio.Channel]]:
    """A gRPC server of its own on `resources`, the real gateway in front of it, and a channel to the server."""
    app = await App.over(resources)
    server = GrpcServer(app)
    port = await server.start(host="127.0.0.1", port=0)
    try:
        gateway = EnvoyGateway(
            work_dir=work_dir,
            grpc_host="127.0.0.1",
            grpc_port=port,
            listen_port=free_port(),
            max_request_bytes=compose_max_request_bytes(resources.settings.max_upload_bytes),
        )
        async with gateway, aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield gateway.url, channel
    finally:
        await server.stop(grace=1.0)
        await app.aclose()


async def test_readyz_is_503_naming_redis_while_it_is_down_and_200_once_it_is_back(
    private_redis: PrivateRedis, resources: Resources, tmp_path: Path
) -> None:
    async with (
        resources_on(resources, redis_url=private_redis.url) as private,
        server_and_gateway(private, tmp_path) as (url, channel),
        httpx.AsyncClient(base_url=url, trust_env=False, timeout=10) as http,
    ):
        health = health_pb2_grpc.HealthStub(channel)
        assert (await http.get("/readyz")).status_code == 200
        assert (await health.Check(health_pb2.HealthCheckRequest(), timeout=10)).status == SERVING

        await private_redis.stop()

        async def unready() -> bool:
            return (await http.get("/readyz")).status_code == 503

        assert await until("/readyz says 503", unready, timeout=10) < 5
        reply = await http.get("/readyz")
        body = reply.json()
        assert body["code"] == 14
        # Refused once Redis is gone; "cannot be reached" when the check caught it closing the connection.
        assert body["message"] in ("not ready: Redis refused the connection", "not ready: Redis cannot be reached")
        [info] = body["details"]
        assert info["reason"] == "NOT_READY" and info["domain"] == "skillgap.dev"
        assert info["metadata"] == {"postgres": "ok", "redis": "down", "vector_index": "ok"}
        assert "127.0.0.1" not in reply.text  # anyone may call it: no addresses
        # gRPC health says the same, overall and for the API's services.
        for service in ("", "skillgap.v1.JobService"):
            reply_status = await health.Check(health_pb2.HealthCheckRequest(service=service), timeout=10)
            assert reply_status.status == NOT_SERVING, service
        # Liveness is about the process, which is fine.
        assert (await http.get("/healthz")).status_code == 200

        await private_redis.start()

        async def ready() -> bool:
            return (await http.get("/readyz")).status_code == 200

        await until("/readyz says 200 again", ready, timeout=10)
        assert (await health.Check(health_pb2.HealthCheckRequest(), timeout=10)).status == SERVING


async def test_grpc_health_follows_readiness_without_rest(
    private_redis: PrivateRedis, resources: Resources, tmp_path: Path
) -> None:
    """What load balancers and docker compose ask (grpc.health.v1, overall): NOT_SERVING while Redis is down."""
    async with resources_on(resources, redis_url=private_redis.url) as private:
        app = await App.over(private)
        server = GrpcServer(app)
        port = await server.start(host="127.0.0.1", port=0)
        try:
            async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                health = health_pb2_grpc.HealthStub(channel)
                # The first call waits for the channel to connect (once, on CI, it was refused at once).
                first = await health.Check(health_pb2.HealthCheckRequest(), timeout=10, wait_for_ready=True)
                assert first.status == SERVING
                await private_redis.stop()

                async def not_serving() -> bool:
                    reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=10)
                    return bool(reply.status == NOT_SERVING)

                assert await until("gRPC health says NOT_SERVING", not_serving, timeout=10) < 5
                await private_redis.start()

                async def serving() -> bool:
                    reply = await health.Check(health_pb2.HealthCheckRequest(), timeout=10)
                    return bool(reply.status == SERVING)

                await until("gRPC health says SERVING again", serving, timeout=10)
        finally:
            await server.stop(grace=1.0)
            await app.aclose()


async def test_readyz_checks_at_most_about_once_a_second_however_often_it_is_called(
    private_redis: PrivateRedis, resources: Resources, tmp_path: Path
) -> None:
    async def pings() -> int:
        client = Redis.from_url(private_redis.url)
        try:
            stats = await client.info("commandstats")
        finally:
            await client.aclose()
        return int(stats.get("cmdstat_ping", {}).get("calls", 0))

    async with (
        resources_on(resources, redis_url=private_redis.url) as private,
        server_and_gateway(private, tmp_path) as (url, _),
        httpx.AsyncClient(base_url=url, trust_env=False, timeout=10) as http,
    ):
        before = await pings()
        started = time.monotonic()
        replies = await asyncio.gather(*(http.get("/readyz") for _ in range(60)))
        elapsed = time.monotonic() - started
        assert all(r.status_code == 200 for r in replies)
        checks = await pings() - before
    # One check per started second at most (plus the background refresh, every 5 s).
    assert checks <= elapsed + 2, (checks, elapsed)

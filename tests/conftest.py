"""Shared fixtures: a real PostgreSQL database per test run, Redis, the gRPC server on an ephemeral
port with a real channel, and the real Envoy gateway in front of it.

The machine's PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) are used when they answer;
otherwise the embedded ones from PyPI are started, so the suite runs on any machine.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import asyncpg
import grpc
import pytest
from grpc import aio

from skillgap.api.server import GrpcServer
from skillgap.app import App
from skillgap.auth.tokens import issue_token
from skillgap.config import Settings
from skillgap.resources import Resources
from skillgap.runtime.services import probe_postgres, probe_redis

MACHINE_POSTGRES = os.environ.get("SKILLGAP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
MACHINE_REDIS = os.environ.get("SKILLGAP_TEST_REDIS", "redis://127.0.0.1:6379/0")

# What test modules share lives in tests/support, never in another test module. Its helpers' asserts explain
# their failures as a test's do (registered before anything imports them), and its fixtures are every test's.
pytest.register_assert_rewrite("tests.support")
pytest_plugins = [
    "tests.support.interview",
    "tests.support.llm",
    "tests.support.scraping",
    "tests.support.worker_scrapes",
]


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("skillgap-data")


@pytest.fixture(scope="session")
async def postgres_admin_dsn(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """A PostgreSQL server we may create databases on: the machine's, or an embedded one."""
    if await probe_postgres(MACHINE_POSTGRES, timeout=2.0):
        yield MACHINE_POSTGRES
        return
    from skillgap.runtime.postgres import EmbeddedPostgres

    server = EmbeddedPostgres()
    await asyncio.to_thread(server.start, tmp_path_factory.mktemp("embedded-postgres"))
    try:
        yield server.dsn_for("postgres")
    finally:
        await asyncio.to_thread(server.stop)


@pytest.fixture(scope="session")
async def create_database(postgres_admin_dsn: str) -> AsyncIterator[Callable[[], object]]:
    """Factory: a fresh, empty database; every one it made is dropped at the end of the run."""
    created: list[str] = []

    async def make() -> str:
        name = f"skillgap_test_{uuid.uuid4().hex[:12]}"
        conn = await asyncpg.connect(postgres_admin_dsn)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        created.append(name)
        return _with_database(postgres_admin_dsn, name)

    yield make
    conn = await asyncpg.connect(postgres_admin_dsn)
    try:
        for name in created:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def _with_database(dsn: str, name: str) -> str:
    base, sep, query = dsn.partition("?")
    head, _, _ = base.rpartition("/")
    return f"{head}/{name}{sep}{query}"


@pytest.fixture(scope="session")
async def database_url(create_database: Callable[[], object]) -> str:
    """This run's own database."""
    url = await create_database()  # type: ignore[misc]
    assert isinstance(url, str)
    return url


@pytest.fixture(scope="session")
async def redis_url(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    if await probe_redis(MACHINE_REDIS, timeout=2.0):
        yield MACHINE_REDIS
        return
    from skillgap.runtime.redis import EmbeddedRedis

    server = EmbeddedRedis(port=None)
    url = await asyncio.to_thread(server.start, tmp_path_factory.mktemp("embedded-redis"))
    try:
        yield url
    finally:
        await asyncio.to_thread(server.stop)


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    return Settings(
        env="dev",
        data_dir=data_dir,
        grpc_host="127.0.0.1",
        grpc_port=0,
        log_level="INFO",
        # The scrape tests serve job boards from a local HTTP server, the alert tests webhooks.
        scrape_allowed_hosts="127.0.0.1",
        webhook_allowed_hosts="127.0.0.1",
    )


@pytest.fixture(scope="session")
async def app(settings: Settings, database_url: str, redis_url: str) -> AsyncIterator[App]:
    """The session's App (skillgap.app): every service and client, once, as `skillgap serve` opens them."""
    async with await App.open(settings, database_url=database_url, vector_path=None, redis_url=redis_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def resources(app: App) -> Resources:
    return app.resources


@pytest.fixture(scope="session")
async def grpc_port(app: App) -> AsyncIterator[int]:
    server = GrpcServer(app)
    port = await server.start(host="127.0.0.1", port=0)
    try:
        yield port
    finally:
        await server.stop(grace=1.0)


@pytest.fixture(scope="session")
async def channel(grpc_port: int, settings: Settings) -> AsyncIterator[aio.Channel]:
    options = [
        ("grpc.max_send_message_length", settings.max_grpc_message_bytes),
        ("grpc.max_receive_message_length", settings.max_grpc_message_bytes),
    ]
    async with aio.insecure_channel(f"127.0.0.1:{grpc_port}", options=options) as opened:
        yield opened


@pytest.fixture(scope="session")
def token_for(settings: Settings) -> Callable[..., str]:
    """Factory: a signed token for a user id (optionally an admin)."""
    secret = settings.effective_jwt_secret
    assert secret is not None

    def make(user_id: str, *, admin: bool = False) -> str:
        return issue_token(secret, user_id, roles=["admin"] if admin else [])

    return make


@pytest.fixture
def user_id() -> str:
    """A fresh user per test, so tests never see each other's resumes."""
    return f"user-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def auth(token_for: Callable[..., str], user_id: str) -> tuple[tuple[str, str], ...]:
    """gRPC call metadata for this test's user."""
    return (("authorization", f"Bearer {token_for(user_id)}"),)


@pytest.fixture(scope="session")
def grpc_status_details() -> Iterator[Callable[[grpc.aio.AioRpcError], object]]:
    """Decode the google.rpc.Status a failed call carries."""
    from google.rpc import status_pb2

    def decode(error: grpc.aio.AioRpcError) -> status_pb2.Status:
        for key, value in error.trailing_metadata() or ():
            if key == "grpc-status-details-bin":
                return status_pb2.Status.FromString(value)
        raise AssertionError("no grpc-status-details-bin in trailers")

    yield decode


@pytest.fixture(scope="session")
async def gateway_url(
    grpc_port: int, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    """The real Envoy gateway in front of the test server."""
    from skillgap.gateway.config import compose_max_request_bytes
    from skillgap.gateway.process import EnvoyGateway
    from tests.ports import free_port

    gateway = EnvoyGateway(
        work_dir=tmp_path_factory.mktemp("envoy"),
        grpc_host="127.0.0.1",
        grpc_port=grpc_port,
        listen_port=free_port(),
        max_request_bytes=compose_max_request_bytes(settings.max_upload_bytes),
    )
    async with gateway:
        yield gateway.url


@pytest.fixture(scope="session")
def local_llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real OpenAI-compatible model server (llama.cpp with SmolLM2-135M, both from PyPI), shared by the
    LLM end-to-end tests. Skips locally when it is not installed; in CI (`CI` set) that fails instead."""
    from tests.skills import local_llm

    if not local_llm.server_installed():
        message = (
            'llama_cpp.server is not installed; run: CMAKE_ARGS="' + local_llm.SERVER_CMAKE_ARGS + '" '
            ".venv/bin/pip install '" + local_llm.SERVER_PACKAGE + "'"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    model = local_llm.ensure_model()
    log_path = Path(tmp_path_factory.mktemp("llama-server")) / "server.log"
    with local_llm.run_server(model, log_path) as server:
        yield server

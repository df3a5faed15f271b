"""The `skillgap` command as users run it: real subprocesses, real servers, real signals.

`skillgap up` starts everything on its embedded default (PostgreSQL, Redis, vectors, gRPC, Envoy) in a
data dir of its own and on free ports, so these tests run next to any other SkillGap on the machine.
"""

from __future__ import annotations

import asyncio
import base64
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import jwt
import pytest
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc

from skillgap.auth.tokens import issue_token
from skillgap.config import DEV_JWT_SECRET
from skillgap.runtime.services import ensure_postgres, stop_embedded
from skillgap.v1 import resume_pb2, resume_pb2_grpc
from tests.fixtures.documents import make_resume_pdf, make_resume_text
from tests.ports import free_port
from tests.support.cli import (
    STARTUP_TIMEOUT,
    child_env,
    kill_leftovers,
    run_cli,
    running_cli,
    skillgap_up,
    stop_up,
)


async def list_ids_over_grpc(address: str, auth: tuple[tuple[str, str], ...]) -> list[str]:
    async with aio.insecure_channel(address) as channel:
        listed = await resume_pb2_grpc.ResumeServiceStub(channel).ListResumes(
            resume_pb2.ListResumesRequest(page_size=100), metadata=auth, timeout=30
        )
    return sorted(resume.resume_id for resume in listed.resumes)


@pytest.mark.rest
@pytest.mark.slow
async def test_up_serves_rest_and_grpc_stops_on_ctrl_c_and_keeps_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    try:
        async with skillgap_up(data_dir) as (cli, up):
            claims = jwt.decode(up.token, DEV_JWT_SECRET, algorithms=["HS256"])
            assert claims["sub"] == "dev-user" and "admin" in claims["roles"]

            # A PDF over REST (JSON, base64 content), through the Envoy gateway `up` started.
            pdf = make_resume_pdf(name="Rita Restful", pages=2, seed=500)
            body = {
                "filename": "rita.pdf",
                "content_type": "application/pdf",
                "content": base64.b64encode(pdf).decode(),
            }
            headers = {"authorization": f"Bearer {up.token}"}
            async with httpx.AsyncClient(base_url=up.rest, headers=headers, timeout=60, trust_env=False) as http:
                reply = await cli.while_running(http.post("/api/resume/upload", json=body), 60)
                assert reply.status_code == 200, reply.text
                rest_resume = reply.json()["resume"]
                assert rest_resume["page_count"] == 2 and "Rita Restful" in rest_resume["text"]

                # A text resume over gRPC.
                async with aio.insecure_channel(up.grpc) as channel:
                    health = await health_pb2_grpc.HealthStub(channel).Check(
                        health_pb2.HealthCheckRequest(), timeout=10
                    )
                    assert health.status == health_pb2.HealthCheckResponse.SERVING
                    uploaded = await cli.while_running(
                        resume_pb2_grpc.ResumeServiceStub(channel).UploadResume(
                            resume_pb2.UploadResumeRequest(text=make_resume_text(name="Greg Grpc", seed=501)),
                            metadata=up.auth,
                            timeout=60,
                        ),
                        60,
                    )
                    assert "Greg Grpc" in uploaded.resume.text

                expected = sorted([rest_resume["resume_id"], uploaded.resume.resume_id])
                listed = (await http.get("/api/resume")).json()["resumes"]
                assert sorted(r["resume_id"] for r in listed) == expected
            assert await list_ids_over_grpc(up.grpc, up.auth) == expected
            await stop_up(cli, data_dir)

        # As after an upgrade whose taxonomy or reading changed: the stored profiles came from an older one.
        dsn, postgres = await ensure_postgres(None, data_dir)
        try:
            conn = await asyncpg.connect(dsn)
            try:
                await conn.execute("UPDATE resumes SET profile_version = 'an older release'")
            finally:
                await conn.close()
        finally:
            await stop_embedded(postgres)

        # Same data dir, new ports: the resumes are still there, and read anew on start-up without a command.
        async with skillgap_up(data_dir) as (cli, up):
            assert await cli.while_running(list_ids_over_grpc(up.grpc, up.auth), 30) == expected
            await cli.while_running(cli.wait_for_output(r"read 2 stored resumes and 0 jobs anew", 60), 60)
            async with aio.insecure_channel(up.grpc) as channel:
                got = await resume_pb2_grpc.ResumeServiceStub(channel).GetResume(
                    resume_pb2.GetResumeRequest(resume_id=rest_resume["resume_id"]), metadata=up.auth, timeout=30
                )
            assert got.resume.text == rest_resume["text"]
            await stop_up(cli, data_dir)
    finally:
        kill_leftovers(data_dir)


@pytest.mark.parametrize("admin", [True, False], ids=["admin", "user"])
def test_token_prints_a_dev_jwt(tmp_path: Path, admin: bool) -> None:
    args = ["token", "--user", "alice", *(["--admin"] if admin else [])]
    result, _ = run_cli(*args, env=child_env(data_dir=tmp_path))
    assert result.returncode == 0, result.stderr
    claims = jwt.decode(result.stdout.strip(), DEV_JWT_SECRET, algorithms=["HS256"])
    assert claims["sub"] == "alice"
    assert ("admin" in claims["roles"]) is admin
    assert claims["exp"] > time.time() + 24 * 3600


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"env": "prod"}, "SKILLGAP_JWT_SECRET"),
        ({"grpc_port": "notanumber"}, "SKILLGAP_GRPC_PORT"),
        ({}, "needs SKILLGAP_DATABASE_URL"),
    ],
    ids=["prod-without-secret", "port-not-a-number", "no-database-url"],
)
def test_serve_refuses_bad_configuration_at_once(tmp_path: Path, settings: dict[str, Any], says: str) -> None:
    result, seconds = run_cli("serve", env=child_env(data_dir=tmp_path, **settings))
    assert result.returncode != 0
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert seconds < 15


@pytest.mark.slow
def test_serve_with_an_unreachable_database_fails_fast_naming_it(tmp_path: Path) -> None:
    env = child_env(data_dir=tmp_path, database_url="postgresql://postgres@127.0.0.1:1/skillgap")
    result, seconds = run_cli("serve", env=env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "PostgreSQL" in last_line and "127.0.0.1:1" in last_line, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert seconds < 15


@pytest.mark.slow
async def test_serve_answers_and_stops_on_sigterm(
    tmp_path: Path, create_database: Callable[[], Awaitable[str]]
) -> None:
    database_url = await create_database()
    port = free_port()
    grace = 5.0
    env = child_env(database_url=database_url, data_dir=tmp_path / "data", grpc_port=port, shutdown_grace_seconds=grace)
    async with running_cli("serve", env=env) as cli:
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            # wait_for_ready: the call waits for the server to listen, no polling.
            health = await cli.while_running(
                health_pb2_grpc.HealthStub(channel).Check(
                    health_pb2.HealthCheckRequest(), timeout=STARTUP_TIMEOUT, wait_for_ready=True
                ),
                STARTUP_TIMEOUT,
            )
            assert health.status == health_pb2.HealthCheckResponse.SERVING
            token = issue_token(DEV_JWT_SECRET, "serve-user")
            listed = await resume_pb2_grpc.ResumeServiceStub(channel).ListResumes(
                resume_pb2.ListResumesRequest(), metadata=(("authorization", f"Bearer {token}"),), timeout=30
            )
            assert list(listed.resumes) == []
        code, seconds = await cli.stop(signal.SIGTERM, timeout=grace + 10)
    assert code == 0, cli.output
    assert seconds < grace + 5, cli.output
    assert "shutting down" in cli.output, cli.output
    assert "Traceback" not in cli.output, cli.output


@pytest.mark.slow
async def test_reextract_processes_every_stored_resume(
    tmp_path: Path, create_database: Callable[[], Awaitable[str]]
) -> None:
    """`skillgap reextract` on the configured servers: one command redoes every resume and job."""
    database_url = await create_database()
    env = child_env(database_url=database_url, data_dir=tmp_path / "data")
    first, _ = await asyncio.to_thread(run_cli, "reextract", env=env)
    assert first.returncode == 0, first.stderr
    assert "0 resumes and 0 jobs" in first.stdout
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute("INSERT INTO users (user_id) VALUES ('cli-user')")
        await conn.execute(
            """INSERT INTO resumes (resume_id, user_id, filename, content_type, content, size_bytes, text,
                                    content_sha256)
               VALUES (gen_random_uuid(), 'cli-user', 'r.txt', 'text/plain', '\\x00', 1,
                       'Python and Kubernetes engineer', 'abc')"""
        )
    finally:
        await conn.close()
    second, _ = await asyncio.to_thread(run_cli, "reextract", env=env)
    assert second.returncode == 0, second.stderr
    assert "1 resumes and 0 jobs" in second.stdout
    third, _ = await asyncio.to_thread(run_cli, "reextract", env=env)
    assert "0 resumes and 0 jobs" in third.stdout  # already read by this release: nothing to do
    conn = await asyncpg.connect(database_url)
    try:
        profile = await conn.fetchval("SELECT profile::text FROM resumes WHERE user_id = 'cli-user'")
    finally:
        await conn.close()
    assert '"kubernetes"' in profile

"""The `skillgap` command as users run it: real subprocesses, real servers, real signals.

`skillgap up` starts everything on its embedded default (PostgreSQL, Redis, vectors, gRPC, Envoy) in a
data dir of its own and on free ports, so these tests run next to any other SkillGap on the machine.
"""

from __future__ import annotations

import asyncio
import base64
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import httpx
import jwt
import pytest
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc

from skillgap.auth.tokens import issue_token
from skillgap.config import DEV_JWT_SECRET
from skillgap.runtime import process_cmdline, process_cwd
from skillgap.v1 import resume_pb2, resume_pb2_grpc
from tests.fixtures.documents import make_resume_pdf, make_resume_text
from tests.ports import free_port

T = TypeVar("T")

STARTUP_TIMEOUT = 90.0
STOP_TIMEOUT = 20.0
_CONSOLE_SCRIPT = Path(sys.executable).with_name("skillgap")


def skillgap_command(*args: str) -> list[str]:
    """The installed console script next to this interpreter, as users run it."""
    if _CONSOLE_SCRIPT.is_file():
        return [str(_CONSOLE_SCRIPT), *args]
    return [sys.executable, "-m", "skillgap.cli", *args]


def child_env(**settings: object) -> dict[str, str]:
    """This environment without any SKILLGAP_* variable, plus the given settings (data_dir=... gives
    SKILLGAP_DATA_DIR)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("SKILLGAP_")}
    env["PYTHONUNBUFFERED"] = "1"
    env.update({f"SKILLGAP_{name.upper()}": str(value) for name, value in settings.items()})
    return env


def run_cli(*args: str, env: dict[str, str], timeout: float = 60.0) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run(
        skillgap_command(*args), env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )
    return result, time.monotonic() - started


class RunningCli:
    """A `skillgap` process whose output (stdout and stderr merged) is read as it comes."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self._lines: list[str] = []
        self._grew = asyncio.Event()
        self._eof = False
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        try:
            async for raw in self.process.stdout:
                self._lines.append(raw.decode(errors="replace"))
                self._grew.set()
        finally:
            self._eof = True
            self._grew.set()

    @property
    def output(self) -> str:
        return "".join(self._lines)

    async def wait_for_output(self, pattern: str, timeout: float = STARTUP_TIMEOUT) -> re.Match[str]:
        """The first match of `pattern` in the output; fails with the output when the process exits or
        `timeout` passes first."""
        regex = re.compile(pattern, re.MULTILINE)
        try:
            async with asyncio.timeout(timeout):
                while not (match := regex.search(self.output)):
                    if self._eof:
                        await self.process.wait()
                        pytest.fail(
                            f"`skillgap` exited with code {self.process.returncode} before printing "
                            f"{pattern!r}; its output:\n{self.output}"
                        )
                    self._grew.clear()
                    await self._grew.wait()
                return match
        except TimeoutError:
            pytest.fail(f"`skillgap` printed no {pattern!r} within {timeout:.0f} s; its output:\n{self.output}")

    async def while_running(self, awaitable: Awaitable[T], timeout: float) -> T:
        """Await `awaitable`, failing at once (with the output) should the process exit meanwhile."""
        work = asyncio.ensure_future(awaitable)
        exited = asyncio.ensure_future(self.process.wait())
        try:
            done, _ = await asyncio.wait({work, exited}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            exited.cancel()
            if not work.done():
                work.cancel()
            await asyncio.gather(work, exited, return_exceptions=True)
        if work not in done:
            if exited in done:
                pytest.fail(f"`skillgap` exited with code {self.process.returncode}; its output:\n{self.output}")
            pytest.fail(f"no answer within {timeout:.0f} s; the output of `skillgap`:\n{self.output}")
        return work.result()

    async def stop(
        self, sig: signal.Signals, timeout: float = STOP_TIMEOUT, *, whole_group: bool = False
    ) -> tuple[int, float]:
        """Send `sig` (to the process group with `whole_group`, as a terminal's Ctrl-C does); returns the
        exit code and how long the process took to exit."""
        started = time.monotonic()
        if whole_group:
            os.killpg(self.process.pid, sig)
        else:
            self.process.send_signal(sig)
        try:
            async with asyncio.timeout(timeout):
                code = await self.process.wait()
                await self._reader
        except TimeoutError:
            pytest.fail(f"`skillgap` still running {timeout:.0f} s after {sig.name}; its output:\n{self.output}")
        return code, time.monotonic() - started

    async def close(self) -> None:
        """Whatever happened in the test: stop the process (politely first) and reap it."""
        for sig, wait in ((signal.SIGINT, STOP_TIMEOUT), (signal.SIGKILL, 10.0)):
            if self.process.returncode is not None:
                break
            self.process.send_signal(sig)
            try:
                async with asyncio.timeout(wait):
                    await self.process.wait()
            except TimeoutError:
                pass
        async with asyncio.timeout(10):
            await self._reader


@asynccontextmanager
async def running_cli(*args: str, env: dict[str, str]) -> AsyncIterator[RunningCli]:
    process = await asyncio.create_subprocess_exec(
        *skillgap_command(*args),
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        # Its own process group, like a command started from a shell: a Ctrl-C reaches it and its
        # children that share the group (Envoy), and never this test run.
        process_group=0,
    )
    cli = RunningCli(process)
    try:
        yield cli
    finally:
        await cli.close()


def processes_using(data_dir: Path) -> list[str]:
    """Live processes whose command line names `data_dir` or that run inside it (redis-server rewrites
    its command line, so it shows only by its working directory)."""
    prefix = str(data_dir) + os.sep
    named = re.compile(re.escape(str(data_dir)) + r"(?:/|\s|$)")
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        pid = int(entry.name)
        command = process_cmdline(pid)
        if command is None:
            continue
        cwd = process_cwd(pid)
        in_dir = cwd is not None and (cwd == data_dir or str(cwd).startswith(prefix))
        if named.search(command) or in_dir:
            found.append(f"pid {pid} (cwd {cwd}): {command}")
    return found


def kill_leftovers(data_dir: Path) -> None:
    """Last resort after a failed test: no server of ours outlives it."""
    for line in processes_using(data_dir):
        pid = int(line.split()[1])
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class UpAddresses:
    def __init__(self, cli: RunningCli, match: re.Match[str], env: dict[str, str]) -> None:
        self.env = env  # the settings it runs with: SKILLGAP_METRICS_PORT...
        banner = cli.output[match.start() :]
        self.grpc = _field(r"^\s+gRPC\s+(\S+)$", banner, cli)
        self.rest = _field(r"^\s+REST\s+(http://\S+?)/api/", banner, cli)
        self.token = _field(r"^\s+(eyJ[\w-]+\.[\w-]+\.[\w-]+)$", banner, cli)

    @property
    def auth(self) -> tuple[tuple[str, str], ...]:
        return (("authorization", f"Bearer {self.token}"),)


def _field(pattern: str, text: str, cli: RunningCli) -> str:
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        pytest.fail(f"no {pattern!r} in what `skillgap up` printed:\n{cli.output}")
    return match.group(1)


def up_env(data_dir: Path, **settings: object) -> dict[str, str]:
    """The environment of a `skillgap up` on `data_dir` with every port it listens on free (a taken one
    stops it at start-up), plus `settings`."""
    ports = {name: free_port() for name in ("grpc_port", "http_port", "envoy_admin_port", "metrics_port")}
    return child_env(data_dir=data_dir, **{**ports, **settings})


@asynccontextmanager
async def skillgap_up(data_dir: Path, **settings: object) -> AsyncIterator[tuple[RunningCli, UpAddresses]]:
    env = up_env(data_dir, **settings)
    grpc_port, http_port = env["SKILLGAP_GRPC_PORT"], env["SKILLGAP_HTTP_PORT"]
    async with running_cli("up", env=env) as cli:
        await cli.wait_for_output(r"^SkillGap is up in ")
        banner = await cli.wait_for_output(r"(?s)^SkillGap is up in .*?^Ctrl-C stops everything\.$", 10)
        addresses = UpAddresses(cli, banner, env)
        assert addresses.grpc == f"127.0.0.1:{grpc_port}"
        assert addresses.rest == f"http://127.0.0.1:{http_port}"
        yield cli, addresses


async def stop_up(cli: RunningCli, data_dir: Path) -> None:
    """Ctrl-C in the terminal: everything stops, cleanly and completely."""
    code, seconds = await cli.stop(signal.SIGINT, whole_group=True)
    assert code == 0, cli.output
    assert seconds < STOP_TIMEOUT
    assert "Traceback" not in cli.output, cli.output
    assert "error while stopping" not in cli.output, cli.output
    assert processes_using(data_dir) == [], cli.output


async def list_ids_over_grpc(address: str, auth: tuple[tuple[str, str], ...]) -> list[str]:
    async with aio.insecure_channel(address) as channel:
        listed = await resume_pb2_grpc.ResumeServiceStub(channel).ListResumes(
            resume_pb2.ListResumesRequest(page_size=100), metadata=auth, timeout=30
        )
    return sorted(resume.resume_id for resume in listed.resumes)


@pytest.mark.rest
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

        # Same data dir, new ports: the resumes are still there.
        async with skillgap_up(data_dir) as (cli, up):
            assert await cli.while_running(list_ids_over_grpc(up.grpc, up.auth), 30) == expected
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


def test_serve_with_an_unreachable_database_fails_fast_naming_it(tmp_path: Path) -> None:
    env = child_env(data_dir=tmp_path, database_url="postgresql://postgres@127.0.0.1:1/skillgap")
    result, seconds = run_cli("serve", env=env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "PostgreSQL" in last_line and "127.0.0.1:1" in last_line, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert seconds < 15


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


async def test_reextract_processes_every_stored_resume(
    tmp_path: Path, create_database: Callable[[], Awaitable[str]]
) -> None:
    """`skillgap reextract` on the configured servers: one command redoes every resume and job."""
    import asyncpg

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
    conn = await asyncpg.connect(database_url)
    try:
        profile = await conn.fetchval("SELECT profile::text FROM resumes WHERE user_id = 'cli-user'")
    finally:
        await conn.close()
    assert '"kubernetes"' in profile

"""A second `skillgap up` on a port a running one holds stops at once, naming the port and the setting that
moves it, and starts nothing; the running one keeps its ports (and its database) to itself.

Before, Envoy and the gRPC server bound with SO_REUSEPORT, so a second `up` on the same REST or gRPC port
printed "up" and the kernel split the calls between two servers with two databases.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from skillgap.gateway.config import compose_max_request_bytes
from skillgap.gateway.process import EnvoyGateway, EnvoyStartError
from tests.fixtures.documents import make_resume_text
from tests.ports import free_port
from tests.support.cli import kill_leftovers, processes_using, run_cli, skillgap_up, stop_up, up_env

# A refused start reads its settings and checks four ports: no server, no model, no database.
FAIL_FAST_SECONDS = 20.0

TAKEN = [
    ("SKILLGAP_GRPC_PORT", "the gRPC server"),
    ("SKILLGAP_HTTP_PORT", "the REST gateway"),
    ("SKILLGAP_ENVOY_ADMIN_PORT", "Envoy's admin interface"),
    ("SKILLGAP_METRICS_PORT", "the metrics endpoint"),
]


@pytest.fixture
def base_dir() -> Iterator[Path]:
    """Under /tmp itself rather than pytest's folders: as root, PostgreSQL runs as a system user that must
    reach its data dir, and a pytest run starting meanwhile makes its own base folder private again."""
    base = Path(tempfile.mkdtemp(prefix="skillgap-up-ports-"))
    try:
        yield base
    finally:
        kill_leftovers(base)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.rest
@pytest.mark.timeout(300)
@pytest.mark.slow
async def test_a_second_up_on_a_taken_port_stops_at_once_naming_the_port_and_its_setting(base_dir: Path) -> None:
    first_dir = base_dir / "first"
    async with skillgap_up(first_dir) as (cli, up):
        headers = {"authorization": f"Bearer {up.token}"}
        async with httpx.AsyncClient(base_url=up.rest, headers=headers, timeout=60, trust_env=False) as http:
            reply = await cli.while_running(
                http.post("/api/resume/upload", json={"text": make_resume_text(name="Una Unique", seed=800)}), 60
            )
            assert reply.status_code == 200, reply.text
            mine = reply.json()["resume"]["resume_id"]

            for setting, what in TAKEN:
                second_dir = base_dir / f"second-{setting.lower()}"
                env = up_env(second_dir)
                env[setting] = up.env[setting]
                result, seconds = await asyncio.to_thread(run_cli, "up", env=env, timeout=90)
                message = result.stderr.strip()
                assert result.returncode != 0, f"{setting} taken, yet `skillgap up` ran:\n{result.stdout}\n{message}"
                assert seconds < FAIL_FAST_SECONDS, message
                assert "Traceback" not in message, message
                last = message.splitlines()[-1]
                assert last.startswith("skillgap: cannot start:"), message
                assert what in last and f":{up.env[setting]}" in last and f"{setting}=" in last, message
                assert "already in use" in last, message
                # Nothing of it started, and nothing of it is left.
                assert "SkillGap is up" not in result.stdout
                assert not (second_dir / "postgres").exists(), message
                assert processes_using(second_dir) == []

            # Every call still reaches the one running SkillGap and its one database.
            for _ in range(10):
                listed = await http.get("/api/resume")
                assert listed.status_code == 200, listed.text
                assert [r["resume_id"] for r in listed.json()["resumes"]] == [mine]
        await stop_up(cli, first_dir)


@pytest.mark.slow
def test_two_settings_on_one_port_are_refused_naming_both(base_dir: Path) -> None:
    env = up_env(base_dir / "data")
    env["SKILLGAP_METRICS_PORT"] = env["SKILLGAP_GRPC_PORT"]
    result, seconds = run_cli("up", env=env)
    assert result.returncode != 0
    assert seconds < FAIL_FAST_SECONDS
    last = result.stderr.strip().splitlines()[-1]
    assert "SKILLGAP_GRPC_PORT and SKILLGAP_METRICS_PORT are both" in last, result.stderr
    assert not (base_dir / "data" / "postgres").exists()


@pytest.mark.rest
async def test_envoy_does_not_share_a_port_another_socket_listens_on(tmp_path: Path) -> None:
    """Even when the other listener allows sharing (SO_REUSEPORT, as Envoy and gRPC servers set it), Envoy
    refuses the port instead of splitting its calls with that listener."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        gateway = EnvoyGateway(
            work_dir=tmp_path,
            grpc_host="127.0.0.1",
            grpc_port=free_port(),
            listen_port=port,
            max_request_bytes=compose_max_request_bytes(),
        )
        try:
            with pytest.raises(EnvoyStartError, match="Address already in use"):
                await gateway.start()
        finally:
            await gateway.stop()
        assert not gateway.running

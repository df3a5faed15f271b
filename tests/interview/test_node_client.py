"""The SDK promise: a Node.js client on @grpc/grpc-js runs a whole streamed interview against the server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

from grpc import aio
from tests.support.node import node_ready
from tests.support.samples import upload

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tests" / "interview" / "node_client.mjs"


async def test_a_nodejs_client_runs_a_streamed_interview(
    channel: aio.Channel,
    grpc_port: int,
    auth: tuple[tuple[str, str], ...],
    user_id: str,
    token_for: Callable[..., str],
    job_id: str,
) -> None:
    node = node_ready()
    resume_id = await upload(channel, auth)
    process = await asyncio.create_subprocess_exec(
        str(node),
        str(SCRIPT),
        f"127.0.0.1:{grpc_port}",
        token_for(user_id),
        job_id,
        resume_id,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=ROOT,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, stderr.decode() + stdout.decode()
    summary = json.loads(stdout.decode().strip().splitlines()[-1])
    assert summary["errors"] == [] and summary["deltas"] >= len(summary["questions"]) >= 3
    assert summary["questions"][0]["kind"].startswith("QUESTION_KIND_") and summary["questions"][0]["text"]
    assert len(summary["evaluations"]) == len(summary["questions"])
    assert summary["feedback"]["final"] is True and summary["feedback"]["answered"] == len(summary["questions"])

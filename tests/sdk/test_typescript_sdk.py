"""The TypeScript SDK (sdk/typescript, ts-proto + @grpc/grpc-js): it compiles with strict type checks, and
its README's streamed interview, run with node against the live server, finishes with feedback the
server agrees with."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from grpc import aio

from tests.sdk.live_interview import ROOT, check_against_server, readme_example, run_example
from tests.support.node import node_ready
from tests.support.samples import upload

SDK = ROOT / "sdk" / "typescript"
EXAMPLE = SDK / "examples" / "interview.ts"
TSC = ROOT / "node_modules" / ".bin" / "tsc"


def test_the_readme_example_is_the_example_script() -> None:
    assert readme_example(SDK / "README.md", "ts") == EXAMPLE.read_text()


@pytest.mark.timeout(300)  # tsc over the generated code takes half a minute on a busy 2-core machine
@pytest.mark.slow
async def test_the_typescript_example_runs_a_streamed_interview(
    channel: aio.Channel,
    grpc_port: int,
    auth: tuple[tuple[str, str], ...],
    user_id: str,
    token_for: Callable[..., str],
    job_id: str,
    tmp_path: Path,
) -> None:
    node = node_ready()
    assert TSC.exists(), "npm ci installs typescript (root package.json)"
    # Compile into a temporary directory (a node_modules link beside it resolves the packages), so the
    # test leaves no build output in the tree.
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    await run_example([str(node), str(TSC), "-p", str(SDK), "--outDir", str(tmp_path / "dist")], timeout=240)
    script = tmp_path / "dist" / "examples" / "interview.js"

    resume_id = await upload(channel, auth)
    argv = [str(node), str(script), f"127.0.0.1:{grpc_port}", token_for(user_id), job_id, resume_id]
    output = await run_example(argv)
    transcript = await check_against_server(output, channel, auth, job_id)
    assert transcript.feedback[0][0] == "q1"

"""The Python SDK (sdk/python, betterproto2 + grpcio): its README's streamed interview, run as a script
against the live server, finishes with feedback the server agrees with; and the package installs."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from grpc import aio

from tests.sdk.live_interview import ROOT, check_against_server, readme_example, run_example
from tests.support.samples import upload

SDK = ROOT / "sdk" / "python"
EXAMPLE = SDK / "examples" / "interview.py"


def test_the_readme_example_is_the_example_script() -> None:
    assert readme_example(SDK / "README.md", "python") == EXAMPLE.read_text()


async def test_the_python_example_runs_a_streamed_interview(
    channel: aio.Channel,
    grpc_port: int,
    auth: tuple[tuple[str, str], ...],
    user_id: str,
    token_for: Callable[..., str],
    job_id: str,
) -> None:
    resume_id = await upload(channel, auth)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SDK / "src"), os.environ.get("PYTHONPATH", "")])}
    argv = [sys.executable, str(EXAMPLE), f"127.0.0.1:{grpc_port}", token_for(user_id), job_id, resume_id]
    output = await run_example(argv, env=env)
    transcript = await check_against_server(output, channel, auth, job_id)
    assert transcript.feedback[0][0] == "q1"


def test_the_sdk_builds_a_wheel_with_its_generated_code(tmp_path: Path) -> None:
    source = shutil.copytree(SDK, tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path / "dist"), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("skillgap_sdk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "skillgap_sdk/__init__.py",
        "skillgap_sdk/v1.py",
        "skillgap_sdk/py.typed",
        "skillgap_sdk/generated/message_pool.py",
        "skillgap_sdk/generated/skillgap/v1/__init__.py",
    } <= names
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "Requires-Dist: betterproto2[grpcio]==0.10.0" in metadata


def test_installing_the_sdk_writes_nothing_into_its_source_tree(tmp_path: Path) -> None:
    """`pip install ./sdk/python`, as the README says, installs the package and leaves the checkout as it was: no
    build/ or *.egg-info for `git status` to show (a copy of the tree, so a regression never dirties the real
    one). Without build isolation, as the wheel test above: the backend comes from the dev install, offline."""
    source = shutil.copytree(SDK, tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    before = sorted(path.relative_to(source) for path in source.rglob("*"))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(tmp_path / "site"), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert sorted(path.relative_to(source) for path in source.rglob("*")) == before
    installed = tmp_path / "site" / "skillgap_sdk"
    assert (installed / "py.typed").is_file()
    assert (installed / "generated" / "skillgap" / "v1" / "__init__.py").is_file()


async def test_the_sdk_channel_sends_the_token_on_unary_calls(
    channel: aio.Channel, grpc_port: int, auth: tuple[tuple[str, str], ...], user_id: str,
    token_for: Callable[..., str],
) -> None:  # fmt: skip
    """connect() authenticates every call (without a token the server refuses); the generated messages
    decode the server's replies, timestamps and nested messages included."""
    sys.path.insert(0, str(SDK / "src"))
    try:
        import grpc
        from skillgap_sdk import connect
        from skillgap_sdk.v1 import GetResumeRequest, ResumeServiceStub
    finally:
        sys.path.remove(str(SDK / "src"))
    resume_id = await upload(channel, auth)
    target = f"127.0.0.1:{grpc_port}"

    def get(token: str | None) -> object:
        with connect(target, token) as sdk_channel:
            return ResumeServiceStub(sdk_channel).get_resume(GetResumeRequest(resume_id=resume_id))

    reply: Any = await asyncio.to_thread(get, token_for(user_id))
    assert reply.resume.resume_id == resume_id and reply.resume.filename == "cv.txt"
    assert reply.resume.create_time.year >= 2024 and reply.resume.profile.skills
    with pytest.raises(grpc.RpcError) as refused:
        await asyncio.to_thread(get, None)
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED

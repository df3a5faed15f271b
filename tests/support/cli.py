"""The `skillgap` command run as users run it, for the tests that start its processes: `skillgap up`, `serve`,
`worker` or a one-shot command, as a real subprocess in a process group of its own, its output read as it comes;
and the checks that it stopped cleanly and left no process behind."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from skillgap.runtime import process_cmdline, process_cwd
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

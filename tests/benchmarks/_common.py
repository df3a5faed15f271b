"""Shared by the benchmark scripts: run `skillgap up` as a user does and watch it from outside, the
machine description, and percentiles.

`skillgap up` runs as a child process in its own session (so a signal meant for it never reaches the
benchmark). Its readiness is measured from outside: the time from spawning the process until the Envoy
gateway answers an HTTP request (any answer Envoy itself did not make up: 502/503/504 do not count) and
the gRPC health check of the whole server says SERVING.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import platform
import re
import resource
import signal
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import grpc
import httpx
from grpc import aio
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.ports import free_ports

POLL_INTERVAL = 0.02
_PRINTED_READY = re.compile(r"SkillGap is up in ([0-9.]+) s")
_LOG_TIME = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) ")


# ---------------------------------------------------------------- machine and statistics


def machine_description() -> str:
    cpu = platform.processor() or "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    cores = len(os.sched_getaffinity(0))
    return f"nproc={cores}, CPU: {cpu}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# ---------------------------------------------------------------- CPU used by others


_TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class CpuSnapshot:
    wall: float
    machine_busy_s: float  # all CPUs, all processes
    ours_s: float  # this process, its reaped children, and the live process tree under `tree_root`


def cpu_snapshot(tree_root: int | None = None) -> CpuSnapshot:
    """CPU seconds used so far by the machine and by us. A child's CPU moves into our children's rusage
    when it is reaped; until then it is read from /proc for `tree_root` and its descendants."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(value) for value in fields[:8])
    machine = (user + nice + system + irq + softirq + steal) / _TICK
    own = resource.getrusage(resource.RUSAGE_SELF)
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours = own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime
    if tree_root is not None:
        for pid in (tree_root, *descendants(tree_root)):
            with contextlib.suppress(OSError, IndexError, ValueError):
                rest = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
                # utime, stime, cutime, cstime: fields 14-17 of the line.
                ours += sum(int(value) for value in rest[11:15]) / _TICK
    return CpuSnapshot(time.perf_counter(), machine, ours)


def others_share(before: CpuSnapshot, after: CpuSnapshot) -> float:
    """Share of the machine's CPU capacity (all cores) that other processes used between two snapshots."""
    wall = after.wall - before.wall
    if wall <= 0:
        return 0.0
    foreign = (after.machine_busy_s - before.machine_busy_s) - (after.ours_s - before.ours_s)
    return max(0.0, foreign) / (wall * (os.cpu_count() or 1))


# ---------------------------------------------------------------- processes


@dataclass(frozen=True)
class ProcessInfo:
    pid: int
    ppid: int
    start_ticks: int
    name: str


def _process_info(pid: int) -> ProcessInfo | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, ValueError):
        return None
    head, _, rest = stat.rpartition(")")
    fields = rest.split()
    # After the name: state, ppid, ... starttime is field 22 of the line, index 19 here.
    return ProcessInfo(pid=pid, ppid=int(fields[1]), start_ticks=int(fields[19]), name=head.partition("(")[2])


def _all_processes() -> list[ProcessInfo]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            info = _process_info(int(entry))
            if info is not None:
                found.append(info)
    return found


def descendants(root: int) -> dict[int, ProcessInfo]:
    """Every living descendant of `root` (children, grandchildren, ...)."""
    children: dict[int, list[ProcessInfo]] = {}
    for info in _all_processes():
        children.setdefault(info.ppid, []).append(info)
    found: dict[int, ProcessInfo] = {}
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), []):
            if child.pid not in found:
                found[child.pid] = child
                stack.append(child.pid)
    return found


def still_alive(info: ProcessInfo) -> bool:
    """The same process (same pid and start time, not a zombie) still exists."""
    current = _process_info(info.pid)
    if current is None or current.start_ticks != info.start_ticks:
        return False
    with contextlib.suppress(OSError):
        return Path(f"/proc/{info.pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z"
    return False


def processes_using(data_dir: Path) -> list[ProcessInfo]:
    """Processes whose command line names `data_dir` or whose working directory is inside it: a second
    net for servers that were never seen as descendants."""
    marker = str(data_dir)
    # The folder itself or a path inside it, not a sibling whose name starts alike: stopping the servers of
    # `data-100000` must not kill those of `data-1000000` running beside it.
    names = re.compile(rf"(?<![\w./-]){re.escape(marker.rstrip('/'))}(?![^/\s,;:=\"'])")
    found = []
    for info in _all_processes():
        if info.pid == os.getpid():
            continue
        try:
            cmdline = Path(f"/proc/{info.pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
            cwd = os.readlink(f"/proc/{info.pid}/cwd")
        except OSError:
            continue
        if any(names.search(arg) for arg in cmdline) or names_path(cwd, marker):
            found.append(info)
    return found


def names_path(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or inside it."""
    folder = folder.rstrip("/")
    return path == folder or path.startswith(folder + "/")


# ---------------------------------------------------------------- skillgap up


def skillgap_command() -> list[str]:
    """The `skillgap` console script of this interpreter's environment (what a user types)."""
    script = Path(sys.executable).parent / "skillgap"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "skillgap.cli"]


@dataclass
class Milestones:
    """Seconds since spawn at which `skillgap up` logged the end of each start-up phase."""

    postgres_ready: float | None = None
    postgres_seconds: float | None = None
    redis_ready: float | None = None
    model_loaded: float | None = None
    grpc_listening: float | None = None

    @property
    def imports_done(self) -> float | None:
        """Process start, imports and settings: until PostgreSQL started being started."""
        if self.postgres_ready is None or self.postgres_seconds is None:
            return None
        return self.postgres_ready - self.postgres_seconds


@dataclass
class RunningUp:
    process: asyncio.subprocess.Process
    data_dir: Path
    grpc_port: int
    http_port: int
    admin_port: int
    spawned_at: float  # perf_counter
    spawned_wall: float  # time.time, to read the log's timestamps
    stderr_path: Path
    ready_s: float = 0.0
    http_ready_s: float = 0.0
    grpc_ready_s: float = 0.0
    printed_ready_s: float | None = None  # the number `skillgap up` printed
    printed_seen_s: float | None = None  # when we read that line
    seen: dict[int, ProcessInfo] = field(default_factory=dict)
    _stdout_task: asyncio.Task[None] | None = None

    @property
    def grpc_target(self) -> str:
        return f"127.0.0.1:{self.grpc_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def remember_children(self) -> None:
        self.seen.update(descendants(self.process.pid))

    def milestones(self) -> Milestones:
        found = Milestones()
        try:
            lines = self.stderr_path.read_text(errors="replace").splitlines()
        except OSError:
            return found
        for line in lines:
            match = _LOG_TIME.match(line)
            if not match:
                continue
            at = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp() - self.spawned_wall
            if "embedded PostgreSQL" in line and " started on " in line and found.postgres_ready is None:
                found.postgres_ready = at
                took = re.search(r" in ([0-9.]+) s$", line)
                found.postgres_seconds = float(took.group(1)) if took else None
            elif "embedded Redis on" in line and " started in " in line and found.redis_ready is None:
                found.redis_ready = at
            elif "embedding model" in line and " loaded from " in line and found.model_loaded is None:
                found.model_loaded = at
            elif "gRPC server listening" in line and found.grpc_listening is None:
                found.grpc_listening = at
        return found

    def stderr_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.stderr_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


async def _http_ready(client: httpx.AsyncClient, url: str) -> bool:
    try:
        reply = await client.get(url + "/api/resume")
    except httpx.HTTPError:
        return False
    # 502-504 are Envoy's own answers for an upstream it cannot reach: not ready.
    return reply.status_code not in (502, 503, 504)


async def _grpc_serving(target: str) -> bool:
    # A fresh channel per attempt: a channel that failed to connect backs off for up to seconds, which
    # would be measured as start-up time.
    async with aio.insecure_channel(target) as channel:
        try:
            reply = await health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=""), timeout=1.0
            )
        except grpc.aio.AioRpcError:
            return False
    return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)


async def start_up(
    data_dir: Path, *, timeout: float = 180.0, log_name: str = "skillgap-up", settings: dict[str, str] | None = None
) -> RunningUp:
    """Spawn `skillgap up` on `data_dir` with free ports and wait until it is ready, measured from outside.

    The child gets the caller's environment minus every SKILLGAP_* variable (so it runs on its embedded
    defaults), plus the data dir and ports, and `settings` (name -> value: scrape_allowed_hosts=...).
    Its stderr (the log) goes to `data_dir/../<log_name>.log`.
    """
    grpc_port, http_port, admin_port, metrics_port = free_ports(4)
    env = {key: value for key, value in os.environ.items() if not key.startswith("SKILLGAP_")}
    env.update(
        SKILLGAP_DATA_DIR=str(data_dir),
        SKILLGAP_GRPC_PORT=str(grpc_port),
        SKILLGAP_HTTP_PORT=str(http_port),
        SKILLGAP_ENVOY_ADMIN_PORT=str(admin_port),
        # `skillgap up` refuses to start on a taken port, and two benchmarks may run side by side.
        SKILLGAP_METRICS_PORT=str(metrics_port),
        PYTHONUNBUFFERED="1",
    )
    # Benchmarks load the server as many users at once would, far beyond one user's fair share.
    env["SKILLGAP_RATE_LIMIT_ENABLED"] = "false"
    env.update({f"SKILLGAP_{name.upper()}": value for name, value in (settings or {}).items()})
    stderr_path = data_dir.parent / f"{log_name}.log"
    with stderr_path.open("wb") as stderr:
        spawned_wall = time.time()
        spawned_at = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            *skillgap_command(),
            "up",
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=stderr,
            env=env,
            start_new_session=True,
        )
    running = RunningUp(
        process=process,
        data_dir=data_dir,
        grpc_port=grpc_port,
        http_port=http_port,
        admin_port=admin_port,
        spawned_at=spawned_at,
        spawned_wall=spawned_wall,
        stderr_path=stderr_path,
    )
    running._stdout_task = asyncio.create_task(_read_stdout(running))
    try:
        await _wait_ready(running, timeout)
    except BaseException:
        await kill_everything(running)
        raise
    running.remember_children()
    return running


async def _read_stdout(running: RunningUp) -> None:
    assert running.process.stdout is not None
    async for raw in running.process.stdout:
        match = _PRINTED_READY.search(raw.decode(errors="replace"))
        if match and running.printed_ready_s is None:
            running.printed_ready_s = float(match.group(1))
            running.printed_seen_s = time.perf_counter() - running.spawned_at


async def _wait_ready(running: RunningUp, timeout: float) -> None:
    http_at: float | None = None
    grpc_at: float | None = None
    deadline = running.spawned_at + timeout
    async with httpx.AsyncClient(timeout=2.0) as client:
        while http_at is None or grpc_at is None:
            if running.process.returncode is not None:
                raise RuntimeError(
                    f"`skillgap up` exited with code {running.process.returncode} before it was ready:\n"
                    + running.stderr_tail()
                )
            if time.perf_counter() > deadline:
                raise TimeoutError(f"`skillgap up` not ready after {timeout:g} s:\n" + running.stderr_tail())
            if http_at is None and await _http_ready(client, running.http_url):
                http_at = time.perf_counter()
            if grpc_at is None and await _grpc_serving(running.grpc_target):
                grpc_at = time.perf_counter()
            if http_at is None or grpc_at is None:
                # Cheap to ask often: while nothing listens, both probes fail on a refused connection.
                await asyncio.sleep(POLL_INTERVAL)
                # Learn about children while they exist: the ones started early may be gone at the end.
                running.remember_children()
    running.http_ready_s = http_at - running.spawned_at
    running.grpc_ready_s = grpc_at - running.spawned_at
    running.ready_s = max(running.http_ready_s, running.grpc_ready_s)
    # Envoy can answer a little before `skillgap up` has seen it ready and printed its banner; a SIGINT
    # before the banner would test an aborted start, not a shutdown, so wait for the banner too.
    while running.printed_seen_s is None:
        if running.process.returncode is not None:
            raise RuntimeError("`skillgap up` exited right after becoming ready:\n" + running.stderr_tail())
        if time.perf_counter() > deadline:
            raise TimeoutError(f"`skillgap up` answered but printed no banner within {timeout:g} s")
        await asyncio.sleep(POLL_INTERVAL)


@dataclass
class StopResult:
    shutdown_s: float  # from the signal until `skillgap up` exited
    exit_code: int | None
    timed_out: bool
    children_seen: list[str]
    left_behind: list[str]  # descendants (or processes using the data dir) alive after it exited
    left_behind_after_grace: list[str]  # the same, a grace period later


async def stop_up(
    running: RunningUp, *, to_group: bool = False, timeout: float = 30.0, grace: float = 2.0
) -> StopResult:
    """SIGINT `skillgap up` (only the process, or its whole process group as a terminal's Ctrl-C does),
    time its exit, then look for anything it started that is still alive. Everything left is killed."""
    running.remember_children()
    process = running.process
    signalled = time.perf_counter()
    with contextlib.suppress(ProcessLookupError):
        if to_group:
            os.killpg(process.pid, signal.SIGINT)
        else:
            os.kill(process.pid, signal.SIGINT)
    timed_out = False
    try:
        await asyncio.wait_for(process.wait(), timeout)
    except TimeoutError:
        timed_out = True
    shutdown_s = time.perf_counter() - signalled
    left = _left_behind(running)
    left_after = left
    if left and not timed_out:
        await asyncio.sleep(grace)
        left_after = _left_behind(running)
    result = StopResult(
        shutdown_s=shutdown_s,
        exit_code=process.returncode,
        timed_out=timed_out,
        children_seen=sorted({info.name for info in running.seen.values()}),
        left_behind=[f"{info.name}[{info.pid}]" for info in left],
        left_behind_after_grace=[f"{info.name}[{info.pid}]" for info in left_after],
    )
    await kill_everything(running)
    return result


def _left_behind(running: RunningUp) -> list[ProcessInfo]:
    alive = {info.pid: info for info in running.seen.values() if still_alive(info)}
    if running.process.returncode is None:
        alive.pop(running.process.pid, None)
    for info in processes_using(running.data_dir):
        alive.setdefault(info.pid, info)
    return sorted(alive.values(), key=lambda info: info.pid)


async def kill_everything(running: RunningUp) -> None:
    """SIGKILL `skillgap up` and every process it was seen to start (by pid, checking start time) or that
    uses its data dir; then reap and stop reading its output."""
    if running.process.returncode is None:
        running.remember_children()
        with contextlib.suppress(ProcessLookupError):
            running.process.kill()
    targets = [info for info in running.seen.values() if still_alive(info)]
    targets += processes_using(running.data_dir)
    for info in targets:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(info.pid, signal.SIGKILL)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(running.process.wait(), 10)
    if running._stdout_task is not None:
        with contextlib.suppress(TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(running._stdout_task, 5)


async def wait_until_quiet(max_wait: float, *, threshold: float = 0.10, window: float = 5.0) -> None:
    """Wait (at most `max_wait` s) for a `window` during which other processes use under `threshold` of
    the machine's CPU, so that a benchmark does not start in the middle of somebody else's work."""
    if max_wait <= 0:
        return
    deadline = time.perf_counter() + max_wait
    while True:
        before = cpu_snapshot()
        await asyncio.sleep(window)
        share = others_share(before, cpu_snapshot())
        if share < threshold:
            print(f"machine quiet: other processes used {100 * share:.0f}% of the CPU over {window:g} s", flush=True)
            return
        if time.perf_counter() > deadline:
            print(f"machine still busy ({100 * share:.0f}% of the CPU used by others); starting anyway", flush=True)
            return
        print(f"waiting for a quiet machine: others use {100 * share:.0f}% of the CPU ...", flush=True)


def id_number(item_id: str) -> int:
    """The number of a labelled item's id ("r476" -> 476, "g141" -> 141; -1 without one): batches are cut by it,
    as the held-out rule reads it, so "r1000" comes after "r999"."""
    digits = "".join(ch for ch in item_id if ch.isdigit())
    return int(digits) if digits else -1

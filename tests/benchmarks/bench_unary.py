"""Unary GetJob throughput against one `skillgap up`, next to a bare grpc.aio echo server, same run.

    .venv/bin/python -m tests.benchmarks.bench_unary [--seconds 10] [--rounds 2] [--concurrency 16]
        [--channels 1] [--warm-up 1] [--wait-quiet 0]

The question: how much of what grpc.aio can do on this machine does a real unary RPC keep, once it passes the
interceptors (metrics, request log, error mapping, JWT authentication), reads PostgreSQL and converts the job
to protobuf? Target: GetJob calls/s >= 0.5 x the echo's calls/s.

1. serves one generated posting (bench_extraction's generator, 400-700 words) as a Greenhouse board on
   127.0.0.1, starts `skillgap up` on a fresh data dir, scrapes the board over gRPC and finds the job's id;
2. reads the job once: the GetJob request and reply sizes;
3. starts the echo server in a child process (its own interpreter, like `skillgap up`): a grpc.aio server
   without interceptors whose one unary method answers every call with a fixed reply of exactly the GetJob
   reply's size (no work beyond gRPC itself);
4. the same client code drives both: `--concurrency` calls in flight over `--channels` channels, the same
   request bytes (the serialised GetJobRequest) and metadata (the bearer token), raw bytes in and out (no
   protobuf work in the client, so the client costs the same against both), for `--seconds` per window after
   `--warm-up` seconds not counted; windows alternate echo / GetJob `--rounds` times, so both see the same
   machine;
5. prints a markdown table: calls/s, latency p50/p95/p99, the server's CPU per call (its process tree from
   /proc: for `skillgap up` that includes PostgreSQL), errors and the CPU other processes took, and the ratio
   GetJob / echo calls/s. Exits 1 when the ratio is under 0.5 or a call failed.

The client shares the machine (2 cores here) with the servers: with one Python client process, the echo's
figure is partly the client's own ceiling, so the server CPU per call is printed next to it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from grpc import aio

from skillgap.auth.tokens import issue_token
from skillgap.config import DEV_JWT_SECRET
from skillgap.v1 import job_pb2, job_pb2_grpc, scrape_pb2, scrape_pb2_grpc
from tests.benchmarks._common import (
    RunningUp,
    cpu_snapshot,
    descendants,
    load_average,
    machine_description,
    others_share,
    percentile,
    start_up,
    stop_up,
    wait_until_quiet,
)
from tests.benchmarks.bench_extraction import make_postings
from tests.benchmarks.bench_ingestion import BOARD, board_payload, board_server
from tests.local_http import base_url_of
from tests.local_http import running as serving
from tests.ports import free_ports

TARGET_RATIO = 0.5
GET_JOB = "/skillgap.v1.JobService/GetJob"
ECHO = "/bench.Echo/Echo"
_TICK = os.sysconf("SC_CLK_TCK")

Metadata = tuple[tuple[str, str], ...]


# ---------------------------------------------------------------- `skillgap up` with one job in it


@dataclass
class UpWithJob:
    running: RunningUp
    job_id: str
    metadata: Metadata  # a user's bearer token
    setup_s: float


@contextlib.asynccontextmanager
async def up_with_a_job(prefix: str, *, postings: int = 1, seed: int = 5) -> AsyncIterator[UpWithJob]:
    """`skillgap up` on a fresh temporary data dir with `postings` generated jobs scraped into it (over gRPC,
    from a local Greenhouse board), and the id of the first. Stopped and removed on exit."""
    began = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        payload = board_payload(make_postings(postings, seed))
        with serving(board_server(payload)) as board:
            running = await start_up((root / "data").resolve(), settings={"scrape_allowed_hosts": "127.0.0.1"})
            try:
                admin = (("authorization", f"Bearer {issue_token(DEV_JWT_SECRET, 'bench-admin', roles=['admin'])}"),)
                user = (("authorization", f"Bearer {issue_token(DEV_JWT_SECRET, 'bench-user')}"),)
                async with aio.insecure_channel(running.grpc_target) as channel:
                    await _scrape(scrape_pb2_grpc.ScrapeServiceStub(channel), admin, base_url_of(board), postings)
                    reply = await job_pb2_grpc.JobServiceStub(channel).SearchJobs(
                        job_pb2.SearchJobsRequest(query=payload["jobs"][0]["title"], page_size=postings),
                        metadata=user,
                    )
                job_ids = [match.job.job_id for match in reply.matches]
                if not job_ids:
                    raise RuntimeError("the scraped job cannot be found")
                yield UpWithJob(running, job_ids[0], user, time.perf_counter() - began)
            finally:
                stopped = await stop_up(running)
                if stopped.exit_code != 0 or stopped.left_behind:
                    print(f"`skillgap up` stopped with exit {stopped.exit_code}, left behind: {stopped.left_behind}",
                          file=sys.stderr)  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)


async def _scrape(stub: scrape_pb2_grpc.ScrapeServiceStub, admin: Metadata, base_url: str, expected: int) -> None:
    source = scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier=BOARD, base_url=base_url)
    reply = await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=[source]), metadata=admin)
    deadline = time.perf_counter() + 300
    while True:
        status = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=reply.run.run_id), metadata=admin)
        run = status.runs[0]
        if run.state not in (scrape_pb2.SCRAPE_STATE_QUEUED, scrape_pb2.SCRAPE_STATE_RUNNING):
            break
        if time.perf_counter() > deadline:
            raise TimeoutError("the scrape did not finish within 300 s")
        await asyncio.sleep(0.05)
    if run.state != scrape_pb2.SCRAPE_STATE_SUCCEEDED or run.totals.created + run.totals.unchanged != expected:
        raise RuntimeError(f"scrape ended {scrape_pb2.ScrapeState.Name(run.state)}: {run.totals}")


# ---------------------------------------------------------------- the echo server (child process)


async def serve_echo(port: int, reply_bytes: int) -> None:
    """A grpc.aio server, no interceptors, one unary method answering a fixed reply of `reply_bytes` bytes."""
    reply = bytes(reply_bytes)

    async def echo(request: bytes, context: aio.ServicerContext) -> bytes:
        return reply

    server = aio.server()
    handler = grpc.method_handlers_generic_handler("bench.Echo", {"Echo": grpc.unary_unary_rpc_method_handler(echo)})
    server.add_generic_rpc_handlers((handler,))
    server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    print("echo server ready", flush=True)
    await server.wait_for_termination()


@contextlib.asynccontextmanager
async def echo_server(reply_bytes: int) -> AsyncIterator[tuple[str, int]]:
    """The echo server in a child process: yields (target, pid)."""
    (port,) = free_ports(1)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.benchmarks.bench_unary", "--serve-echo", str(port), "--reply-bytes",
        str(reply_bytes), stdout=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        if b"ready" not in line:
            raise RuntimeError(f"the echo server did not start: {line!r}")
        yield f"127.0.0.1:{port}", process.pid
    finally:
        if process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()


# ---------------------------------------------------------------- load


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by `pid` and its live descendants."""
    total = 0
    for one in (pid, *descendants(pid)):
        with contextlib.suppress(OSError, IndexError, ValueError):
            rest = Path(f"/proc/{one}/stat").read_text().rpartition(")")[2].split()
            total += int(rest[11]) + int(rest[12])
    return total / _TICK


@dataclass
class Window:
    calls: int = 0
    errors: int = 0
    wall_s: float = 0.0
    server_cpu_s: float = 0.0
    others: float = 0.0
    latencies_s: list[float] = field(default_factory=list)


@dataclass
class Result:
    label: str
    reply_bytes: int
    windows: list[Window] = field(default_factory=list)

    @property
    def calls(self) -> int:
        return sum(w.calls for w in self.windows)

    @property
    def errors(self) -> int:
        return sum(w.errors for w in self.windows)

    @property
    def rate(self) -> float:
        wall = sum(w.wall_s for w in self.windows)
        return (self.calls - self.errors) / wall if wall else 0.0

    @property
    def cpu_ms_per_call(self) -> float:
        done = self.calls - self.errors
        return 1000 * sum(w.server_cpu_s for w in self.windows) / done if done else float("nan")

    @property
    def others(self) -> float:
        return max((w.others for w in self.windows), default=0.0)

    def p(self, q: float) -> float:
        return 1000 * percentile([x for w in self.windows for x in w.latencies_s], q)


Call = Callable[[], Awaitable[bytes]]


async def drive(calls: Sequence[Call], concurrency: int, seconds: float, server_pid: int) -> Window:
    """`concurrency` loops, each calling (round robin over `calls`, one per channel) until `seconds` pass."""
    window = Window()
    deadline = time.perf_counter() + seconds

    async def loop(n: int) -> None:
        call = calls[n % len(calls)]
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            try:
                await call()
            except grpc.aio.AioRpcError as exc:
                window.errors += 1
                if window.errors <= 3:
                    print(f"  {exc.code().name}: {exc.details()}", file=sys.stderr)
            window.latencies_s.append(time.perf_counter() - t0)
            window.calls += 1

    cpu_before = tree_cpu_seconds(server_pid)
    snap = cpu_snapshot(server_pid)
    started = time.perf_counter()
    await asyncio.gather(*(loop(n) for n in range(concurrency)))
    window.wall_s = time.perf_counter() - started
    window.others = others_share(snap, cpu_snapshot(server_pid))
    window.server_cpu_s = tree_cpu_seconds(server_pid) - cpu_before
    return window


def raw_calls(channels: Sequence[aio.Channel], method: str, request: bytes, metadata: Metadata) -> list[Call]:
    calls: list[Call] = []
    for channel in channels:
        # No serializers: bytes in, bytes out, the same client work against both servers.
        callable_ = channel.unary_unary(method)

        async def call(callable_: aio.UnaryUnaryMultiCallable = callable_) -> bytes:
            reply: bytes = await callable_(request, metadata=metadata, timeout=30)
            return reply

        calls.append(call)
    return calls


def open_channels(target: str, count: int) -> list[aio.Channel]:
    # A local subchannel pool per channel: separate TCP connections, as separate clients would have.
    return [aio.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)]) for _ in range(count)]


# ---------------------------------------------------------------- run and report


async def run(args: argparse.Namespace) -> int:
    print(f"machine: {machine_description()}")
    await wait_until_quiet(args.wait_quiet)
    load_before = load_average()
    print(f"load average before: {load_before}", flush=True)
    began = time.perf_counter()
    async with up_with_a_job("skillgap-bench-unary-") as up:
        print(f"`skillgap up` with one scraped job ready in {up.setup_s:.1f} s", flush=True)
        request = job_pb2.GetJobRequest(job_id=up.job_id).SerializeToString()
        async with aio.insecure_channel(up.running.grpc_target) as channel:
            reply = await job_pb2_grpc.JobServiceStub(channel).GetJob(
                job_pb2.GetJobRequest(job_id=up.job_id), metadata=up.metadata
            )
        reply_bytes = reply.ByteSize()
        words = len(reply.job.description.split())
        get_job = Result("GetJob, `skillgap up`", reply_bytes)
        echo = Result("echo, bare grpc.aio", reply_bytes)
        async with echo_server(reply_bytes) as (echo_target, echo_pid):
            job_channels = open_channels(up.running.grpc_target, args.channels)
            echo_channels = open_channels(echo_target, args.channels)
            try:
                targets = [
                    (echo, raw_calls(echo_channels, ECHO, request, up.metadata), echo_pid),
                    (get_job, raw_calls(job_channels, GET_JOB, request, up.metadata), up.running.process.pid),
                ]
                for _, calls, _pid in targets:
                    got = await calls[0]()
                    if len(got) != reply_bytes:
                        raise RuntimeError(f"reply of {len(got)} bytes, expected {reply_bytes}")
                for round_ in range(args.rounds):
                    for result, calls, pid in targets:
                        await drive(calls, args.concurrency, args.warm_up, pid)
                        window = await drive(calls, args.concurrency, args.seconds, pid)
                        result.windows.append(window)
                        rate = (window.calls - window.errors) / window.wall_s
                        print(f"  round {round_ + 1}: {result.label}: {rate:.0f} calls/s", flush=True)
            finally:
                for opened in (*job_channels, *echo_channels):
                    await opened.close()

    ratio = get_job.rate / echo.rate if echo.rate else 0.0
    print()
    print(f"- machine: {machine_description()}")
    print(f"- load average (1/5/15 min) before: {load_before}; after: {load_average()}")
    print(
        f"- same client for both: {args.concurrency} calls in flight over {args.channels} channel(s), the serialised "
        f"GetJobRequest ({len(request)} bytes) and a bearer token as metadata, raw bytes in and out; replies "
        f"{reply_bytes} bytes (a job of {words} words); {args.rounds} x {args.seconds:g} s per server, "
        f"alternating, after {args.warm_up:g} s of warm-up each; whole run {time.perf_counter() - began:.0f} s"
    )
    print()
    print("| server | calls | calls/s | p50 ms | p95 ms | p99 ms | server CPU ms per call | errors | others' CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for result in (echo, get_job):
        print(
            f"| {result.label} | {result.calls} | {result.rate:.0f} | {result.p(50):.2f} | {result.p(95):.2f} "
            f"| {result.p(99):.2f} | {result.cpu_ms_per_call:.3f} | {result.errors} | {100 * result.others:.0f}% |"
        )
    print()
    verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
    print(f"GetJob / echo calls/s: {ratio:.2f} (target >= {TARGET_RATIO}: {verdict})")
    failed = ratio < TARGET_RATIO or get_job.errors or echo.errors
    return 1 if failed else 0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per window (default 10)")
    parser.add_argument("--rounds", type=int, default=2, help="echo / GetJob windows, alternating (default 2)")
    parser.add_argument("--concurrency", type=int, default=16, help="calls in flight (default 16)")
    parser.add_argument("--channels", type=int, default=1, help="gRPC channels (connections) per server (default 1)")
    parser.add_argument("--warm-up", type=float, default=1.0, help="uncounted seconds before each window")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS")
    parser.add_argument("--serve-echo", type=int, metavar="PORT", help=argparse.SUPPRESS)  # the child's job
    parser.add_argument("--reply-bytes", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.rounds < 1 or args.concurrency < 1 or args.channels < 1 or args.warm_up < 0:
        parser.error("--seconds must be positive; --rounds, --concurrency and --channels at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve_echo is not None:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(serve_echo(args.serve_echo, args.reply_bytes))
        return 0
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())

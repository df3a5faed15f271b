"""What the worst uploads within the limits cost one `skillgap up`: time per upload and server memory.

    .venv/bin/python -m tests.benchmarks.bench_hostile_uploads [--repeat 10] [--concurrent 5] [--timeout 300]
        [--worst CASE]

One run of this script:

1. starts `skillgap up` on a fresh temporary data dir, as a user runs it (rate limits off);
2. uploads, one at a time over gRPC as text, each case below (all within the documented 200,000-character
   limit) and prints its wall time and the server's resident memory after it;
3. uploads the worst case (WORST, or --worst: one of the cases' names) REPEAT times in a row (distinct texts,
   so none is a duplicate) and prints the server's memory before and after; then CONCURRENT of them at once,
   the same;
4. meanwhile another user's ListResumes is timed every 100 ms: its worst latency says whether the uploads
   held up the server.

The server's memory is the RSS of the `skillgap up` process (the gRPC server and the in-process worker; the
parser sandbox and the embedded databases are other processes).

To measure older code in the same run, point PYTHONPATH at its checkout (`git worktree add /tmp/base REV`;
`PYTHONPATH=/tmp/base/server:/tmp/base/workers`): the spawned `skillgap up` imports that code.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from grpc import aio

from skillgap.auth.tokens import issue_token
from skillgap.config import DEV_JWT_SECRET
from skillgap.v1 import resume_pb2, resume_pb2_grpc
from tests.benchmarks._common import load_average, machine_description, start_up, stop_up

LIMIT = 200_000
_ENGLISH = (
    "I led a team of five engineers building data pipelines in Python and Go for a payments company. "
    "We moved batch jobs to Kafka streams and cut the nightly run from six hours to forty minutes. "
)


def _fill(unit: str, chars: int = LIMIT - 100) -> str:
    return (unit * (chars // len(unit) + 1))[:chars]


# name -> text; each made unique per upload by a numbered first line.
CASES: dict[str, Callable[[], str]] = {
    "20,000 '<'": lambda: "<" * 20_000,
    "100,000 '<'": lambda: "<" * 100_000,
    "199,900 chars of English, a paragraph every 600 chars": lambda: _fill(_ENGLISH * 3 + "\n"),
    "199,900 chars of English on one line": lambda: _fill(_ENGLISH),
    "199,900 chars, 'Python' on every line": lambda: _fill("Python\n"),
    # ~9,000 dated jobs: every line a date range under a title (each date was once compared with every other)
    "199,900 chars of short dated jobs": lambda: (
        "Experience\n" + "".join(f"Dev {i}\n{1960 + i % 60} - {1961 + i % 60}\n" for i in range(9_000))[: LIMIT - 200]
    ),
    # uploads keep runs of spaces (a PDF's columns): one run was once scanned from each of its positions (265 s)
    "199,900 spaces between a job's title and its dates": lambda: (
        "Experience\nData Engineer" + " " * (LIMIT - 200) + "Jan 2019 - Present\n"
    ),
}
WORST = "199,900 chars of English on one line"


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


class Prober:
    """Another user's cheap call, timed every 100 ms while the uploads run."""

    def __init__(self, stub: resume_pb2_grpc.ResumeServiceStub, metadata: tuple[tuple[str, str], ...]) -> None:
        self._stub, self._metadata = stub, metadata
        self.worst_s = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            started = time.perf_counter()
            await self._stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=self._metadata, timeout=120)
            self.worst_s = max(self.worst_s, time.perf_counter() - started)
            await asyncio.sleep(0.1)

    def start(self) -> None:
        self.worst_s = 0.0
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> float:
        assert self._task is not None
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass
        return self.worst_s


async def upload(stub: resume_pb2_grpc.ResumeServiceStub, metadata, text: str, timeout: float) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        await stub.UploadResume(resume_pb2.UploadResumeRequest(text=text), metadata=metadata, timeout=timeout)
        outcome = "ok"
    except aio.AioRpcError as error:
        outcome = f"{error.code().name}: {(error.details() or '')[:80]}"
    return time.perf_counter() - started, outcome


async def run(args: argparse.Namespace) -> int:
    # `skillgap up` signs and verifies with the development secret.
    uploader = (("authorization", f"Bearer {issue_token(DEV_JWT_SECRET, 'bench-uploader')}"),)
    other = (("authorization", f"Bearer {issue_token(DEV_JWT_SECRET, 'bench-other')}"),)
    print(f"# Hostile uploads, {time.strftime('%Y-%m-%d %H:%M')}\n\n{machine_description()}; {load_average()}\n")
    root = Path(tempfile.mkdtemp(prefix="bench-hostile-"))
    serial = iter(range(1_000_000))
    try:
        running = await start_up((root / "data").resolve())
        pid = running.process.pid
        try:
            async with aio.insecure_channel(running.grpc_target) as channel:
                stub = resume_pb2_grpc.ResumeServiceStub(channel)
                prober = Prober(stub, other)
                await upload(stub, uploader, "Warm-up resume\nPython, Go, Kubernetes\n", args.timeout)
                print("| upload (text, over gRPC) | seconds | outcome | server RSS after | other user's worst call |")
                print("|---|---:|---|---:|---:|")
                for name, make in CASES.items():
                    prober.start()
                    seconds, outcome = await upload(stub, uploader, f"Resume {next(serial)}\n{make()}", args.timeout)
                    worst = await prober.stop()
                    print(f"| {name} | {seconds:.2f} | {outcome} | {rss_mib(pid):.0f} MiB | {worst * 1000:.0f} ms |")

                worst_case = CASES[args.worst]
                print(f"\n| worst case ({args.worst}) | uploads | seconds each (max) | server RSS before → after |")
                print("|---|---:|---:|---:|")
                before = rss_mib(pid)
                times = []
                for _ in range(args.repeat):
                    seconds, _ = await upload(stub, uploader, f"Resume {next(serial)}\n{worst_case()}", args.timeout)
                    times.append(seconds)
                print(f"| in a row | {args.repeat} | {max(times):.2f} | {before:.0f} → {rss_mib(pid):.0f} MiB |")
                before = rss_mib(pid)
                started = time.perf_counter()
                results = await asyncio.gather(
                    *(
                        upload(stub, uploader, f"Resume {next(serial)}\n{worst_case()}", args.timeout)
                        for _ in range(args.concurrent)
                    )
                )
                wall = time.perf_counter() - started
                outcomes = sorted({outcome for _, outcome in results})
                print(
                    f"| at once | {args.concurrent} | {max(s for s, _ in results):.2f} (all in {wall:.2f}) "
                    f"| {before:.0f} → {rss_mib(pid):.0f} MiB |"
                )
                await asyncio.sleep(2)
                print(f"\nserver RSS 2 s later: {rss_mib(pid):.0f} MiB; outcomes: {', '.join(outcomes)}")
        finally:
            await stop_up(running)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10, help="worst-case uploads in a row")
    parser.add_argument("--concurrent", type=int, default=5, help="worst-case uploads at once")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds one upload may take")
    parser.add_argument("--worst", choices=list(CASES), default=WORST, help="the case repeated and run at once")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(run(parse_args())))

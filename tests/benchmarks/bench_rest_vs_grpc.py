"""The same unary RPC over gRPC directly and over REST through Envoy: what the gateway and JSON cost.

    .venv/bin/python -m tests.benchmarks.bench_rest_vs_grpc [--calls 500] [--warm-up 20] [--block 50]
        [--concurrency 8] [--concurrent-calls 1000] [--wait-quiet 0]

1. serves one generated posting as a Greenhouse board on 127.0.0.1, starts `skillgap up` on a fresh data dir
   (gRPC server, Envoy with the grpc_json_transcoder, embedded PostgreSQL and Redis), scrapes the board over
   gRPC and finds the job's id (`bench_unary.up_with_a_job`);
2. GetJob of that job, CALLS times each, one call at a time: over gRPC (grpc.aio stub, protobuf decoded) and
   over REST (`GET /api/jobs/{id}` through Envoy with httpx on a kept-alive connection, JSON decoded), in
   alternating blocks of BLOCK calls so both see the same machine; WARM_UP calls each first, not counted;
3. then CONCURRENT_CALLS calls each with CONCURRENCY in flight (gRPC: one channel; REST: a pool of
   CONCURRENCY connections): calls/s;
4. prints a markdown table (p50/p95/p99 latency, calls/s, reply size) and the ratios REST / gRPC of p50 and p95
   latency and of calls/s, with the CPU share other processes took meanwhile.

The client runs on the same machine; on 2 cores its CPU is part of the figures, for both transports.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import httpx
from grpc import aio

from skillgap.v1 import job_pb2, job_pb2_grpc
from tests.benchmarks._common import (
    cpu_snapshot,
    load_average,
    machine_description,
    others_share,
    percentile,
    wait_until_quiet,
)
from tests.benchmarks.bench_unary import up_with_a_job


@dataclass
class Measured:
    label: str
    in_flight: int
    latencies_s: list[float] = field(default_factory=list)
    wall_s: float = 0.0
    errors: int = 0
    others: list[float] = field(default_factory=list)
    reply_bytes: int = 0

    @property
    def calls(self) -> int:
        return len(self.latencies_s)

    @property
    def rate(self) -> float:
        return (self.calls - self.errors) / self.wall_s if self.wall_s else 0.0

    def p(self, q: float) -> float:
        return 1000 * percentile(self.latencies_s, q)


async def timed(measured: Measured, call: Callable[[], Awaitable[bool]], count: int, in_flight: int, pid: int) -> None:
    remaining = iter(range(count))

    async def worker() -> None:
        for _ in remaining:
            t0 = time.perf_counter()
            try:
                ok = await call()
            except Exception as exc:
                ok = False
                print(f"  {measured.label}: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)
            measured.latencies_s.append(time.perf_counter() - t0)
            measured.errors += 0 if ok else 1

    before = cpu_snapshot(pid)
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(in_flight)))
    measured.wall_s += time.perf_counter() - started
    measured.others.append(others_share(before, cpu_snapshot(pid)))


async def run(args: argparse.Namespace) -> int:
    print(f"machine: {machine_description()}")
    await wait_until_quiet(args.wait_quiet)
    load_before = load_average()
    print(f"load average before: {load_before}", flush=True)
    began = time.perf_counter()
    async with up_with_a_job("skillgap-bench-rest-grpc-") as up:
        print(f"`skillgap up` with one scraped job ready in {up.setup_s:.1f} s", flush=True)
        pid = up.running.process.pid
        token = dict(up.metadata)["authorization"]
        request = job_pb2.GetJobRequest(job_id=up.job_id)
        sizes: dict[str, int] = {}
        limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
        async with (
            aio.insecure_channel(up.running.grpc_target) as channel,
            httpx.AsyncClient(
                base_url=up.running.http_url,
                headers={"authorization": token},
                timeout=30,
                limits=limits,
                trust_env=False,
            ) as http,
        ):
            stub = job_pb2_grpc.JobServiceStub(channel)

            async def over_grpc() -> bool:
                reply = await stub.GetJob(request, metadata=up.metadata, timeout=30)
                sizes["grpc"] = reply.ByteSize()
                return bool(reply.job.job_id == up.job_id)

            async def over_rest() -> bool:
                reply = await http.get(f"/api/jobs/{up.job_id}")
                sizes["rest"] = len(reply.content)
                return reply.status_code == 200 and reply.json()["job"]["job_id"] == up.job_id

            for _ in range(args.warm_up):
                await over_grpc()
                await over_rest()
            grpc_seq = Measured("GetJob over gRPC, one at a time", 1)
            rest_seq = Measured("GetJob over REST (Envoy, JSON), one at a time", 1)
            print(f"{args.calls} sequential calls each, alternating blocks of {args.block} ...", flush=True)
            done = 0
            while done < args.calls:
                block = min(args.block, args.calls - done)
                await timed(grpc_seq, over_grpc, block, 1, pid)
                await timed(rest_seq, over_rest, block, 1, pid)
                done += block
            grpc_par = Measured(f"GetJob over gRPC, {args.concurrency} in flight", args.concurrency)
            rest_par = Measured(f"GetJob over REST, {args.concurrency} in flight", args.concurrency)
            if args.concurrent_calls:
                print(f"{args.concurrent_calls} calls each, {args.concurrency} in flight ...", flush=True)
                await timed(grpc_par, over_grpc, args.concurrent_calls, args.concurrency, pid)
                await timed(rest_par, over_rest, args.concurrent_calls, args.concurrency, pid)

    print()
    print(f"- machine: {machine_description()}")
    print(f"- load average (1/5/15 min) before: {load_before}; after: {load_average()}")
    print(
        f"- one `skillgap up` (fresh data dir, one scraped job of {sizes.get('grpc', 0)} bytes protobuf / "
        f"{sizes.get('rest', 0)} bytes JSON); gRPC: grpc.aio stub; REST: httpx through Envoy's "
        f"grpc_json_transcoder; {args.warm_up} warm-up calls each; whole run {time.perf_counter() - began:.0f} s"
    )
    print()
    print("| measurement | calls | p50 ms | p95 ms | p99 ms | calls/s | reply bytes | errors | others' CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = [grpc_seq, rest_seq] + ([grpc_par, rest_par] if args.concurrent_calls else [])
    for row, size in zip(rows, ["grpc", "rest", "grpc", "rest"], strict=False):
        print(
            f"| {row.label} | {row.calls} | {row.p(50):.2f} | {row.p(95):.2f} | {row.p(99):.2f} | {row.rate:.0f} "
            f"| {sizes.get(size, 0)} | {row.errors} | {100 * max(row.others, default=0):.0f}% |"
        )
    print()
    print("| REST / gRPC | value |")
    print("|---|---:|")
    print(f"| p50 latency, one at a time | {rest_seq.p(50) / grpc_seq.p(50):.2f} |")
    print(f"| p95 latency, one at a time | {rest_seq.p(95) / grpc_seq.p(95):.2f} |")
    print(f"| p50 added by Envoy + JSON, ms | {rest_seq.p(50) - grpc_seq.p(50):.2f} |")
    if args.concurrent_calls:
        print(f"| calls/s, {args.concurrency} in flight | {rest_par.rate / grpc_par.rate:.2f} |")
    return 1 if any(row.errors for row in rows) else 0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=500, help="sequential calls per transport (default 500)")
    parser.add_argument("--warm-up", type=int, default=20, help="uncounted calls per transport first (default 20)")
    parser.add_argument("--block", type=int, default=50, help="calls per alternating block (default 50)")
    parser.add_argument("--concurrency", type=int, default=8, help="in flight for the throughput part (default 8)")
    parser.add_argument(
        "--concurrent-calls", type=int, default=1000, help="calls per transport with CONCURRENCY in flight; 0 skips"
    )
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    if args.calls < 1 or args.block < 1 or args.concurrency < 1 or args.warm_up < 0 or args.concurrent_calls < 0:
        parser.error("--calls, --block and --concurrency must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    return asyncio.run(run(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())

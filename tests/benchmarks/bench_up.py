"""How long `skillgap up` takes to become ready, on a fresh and on a warm data dir, and to stop.

    .venv/bin/python -m tests.benchmarks.bench_up [--runs 3] [--ctrl-c] [--max-shutdown 5]

Each run makes a new temporary SKILLGAP_DATA_DIR and starts `skillgap up` twice on it: FRESH (initdb,
migrations, model directory assembled) then WARM (same dir, second start). Ready = from spawning the
process until the Envoy gateway answers HTTP and the gRPC health check says SERVING, measured from
outside (the number `skillgap up` prints starts after its imports, so it is shown alongside). Each
instance is then stopped with SIGINT; the shutdown time is until the process exited, after which no
process it started (PostgreSQL, redis-server, Envoy) may be alive.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks._common import (
    Milestones,
    StopResult,
    cpu_snapshot,
    load_average,
    machine_description,
    others_share,
    start_up,
    stop_up,
    wait_until_quiet,
)


@dataclass
class Sample:
    kind: str
    run: int
    ready_s: float
    http_ready_s: float
    grpc_ready_s: float
    printed_ready_s: float | None
    printed_seen_s: float | None
    milestones: Milestones
    stop: StopResult
    others: float  # share of the machine's CPU other processes used from spawn to exit


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _median(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


async def _one(kind: str, run: int, data_dir: Path, args: argparse.Namespace) -> Sample:
    before = cpu_snapshot()
    running = await start_up(data_dir, log_name=f"{kind}-{run}")
    try:
        milestones = running.milestones()
    finally:
        stop = await stop_up(running, to_group=args.ctrl_c, timeout=args.stop_timeout)
    sample = Sample(
        kind=kind,
        run=run,
        ready_s=running.ready_s,
        http_ready_s=running.http_ready_s,
        grpc_ready_s=running.grpc_ready_s,
        printed_ready_s=running.printed_ready_s,
        printed_seen_s=running.printed_seen_s,
        milestones=milestones,
        stop=stop,
        others=others_share(before, cpu_snapshot()),
    )
    left = ", ".join(stop.left_behind) or "none"
    print(
        f"  run {run} {kind:5}: ready {sample.ready_s:6.2f} s (HTTP {sample.http_ready_s:.2f}, gRPC SERVING "
        f"{sample.grpc_ready_s:.2f}; printed 'up in {_fmt(sample.printed_ready_s, 1)} s' seen at "
        f"{_fmt(sample.printed_seen_s)} s) | shutdown {stop.shutdown_s:.2f} s, exit {stop.exit_code}, "
        f"left behind: {left} | other processes' CPU {100 * sample.others:.0f}%",
        flush=True,
    )
    return sample


async def main(args: argparse.Namespace) -> int:
    print(f"machine: {machine_description()}")
    await wait_until_quiet(args.wait_quiet)
    print(f"load average before: {load_average()}")
    print(f"stop signal: SIGINT to {'the process group (Ctrl-C)' if args.ctrl_c else 'the skillgap process'}")
    samples: list[Sample] = []
    for run in range(1, args.runs + 1):
        root = Path(tempfile.mkdtemp(prefix="skillgap-bench-up-", dir=args.tmp_dir))
        try:
            data_dir = (root / "data").resolve()
            samples.append(await _one("fresh", run, data_dir, args))
            samples.append(await _one("warm", run, data_dir, args))
        finally:
            shutil.rmtree(root, ignore_errors=True)
    print(f"load average after:  {load_average()}")
    others = [s.others for s in samples]
    print(
        "CPU used by other processes while an instance ran (share of all cores): "
        f"max {100 * max(others):.0f}%, median {100 * statistics.median(others):.0f}%\n"
    )
    _report(samples, args)
    bad = [s for s in samples if s.stop.timed_out or s.stop.left_behind_after_grace or s.stop.exit_code != 0]
    return 1 if bad else 0


def _report(samples: list[Sample], args: argparse.Namespace) -> None:
    print("### Ready (seconds from spawn; measured from outside)\n")
    print(
        "| data dir | runs | ready median | min | max | HTTP answers (median) | gRPC SERVING (median) "
        "| printed 'up in' (median) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for kind in ("fresh", "warm"):
        group = [s for s in samples if s.kind == kind]
        ready = [s.ready_s for s in group]
        print(
            f"| {kind} | {len(group)} | {statistics.median(ready):.2f} | {min(ready):.2f} | {max(ready):.2f} "
            f"| {_fmt(_median([s.http_ready_s for s in group]))} | {_fmt(_median([s.grpc_ready_s for s in group]))} "
            f"| {_fmt(_median([s.printed_ready_s for s in group]), 1)} |"
        )

    print("\n### Where start-up time goes (median seconds since spawn at which each phase ended, from its log)\n")
    print(
        "| data dir | imports+settings | PostgreSQL up | Redis up | migrations+model loaded | gRPC listening "
        "| ready from outside (worker+Envoy) | banner printed |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for kind in ("fresh", "warm"):
        group = [s for s in samples if s.kind == kind]
        cells = [
            _median([s.milestones.imports_done for s in group]),
            _median([s.milestones.postgres_ready for s in group]),
            _median([s.milestones.redis_ready for s in group]),
            _median([s.milestones.model_loaded for s in group]),
            _median([s.milestones.grpc_listening for s in group]),
            _median([s.ready_s for s in group]),
            _median([s.printed_seen_s for s in group]),
        ]
        print(f"| {kind} | " + " | ".join(_fmt(cell) for cell in cells) + " |")

    print(f"\n### Shutdown (SIGINT until the process exited; limit {args.max_shutdown:g} s)\n")
    print(
        "| data dir | runs | median s | min | max | exit codes | within limit | processes seen "
        "| left behind at exit | left behind after 2 s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for kind in ("fresh", "warm"):
        group = [s for s in samples if s.kind == kind]
        times = [s.stop.shutdown_s for s in group]
        codes = sorted({str(s.stop.exit_code) for s in group})
        within = sum(1 for t, s in zip(times, group, strict=True) if t <= args.max_shutdown and not s.stop.timed_out)
        seen = sorted({name for s in group for name in s.stop.children_seen})
        left = sorted({name for s in group for name in s.stop.left_behind})
        left_after = sorted({name for s in group for name in s.stop.left_behind_after_grace})
        print(
            f"| {kind} | {len(group)} | {statistics.median(times):.2f} | {min(times):.2f} | {max(times):.2f} "
            f"| {', '.join(codes)} | {within}/{len(group)} | {', '.join(seen) or '-'} "
            f"| {', '.join(left) or 'none'} | {', '.join(left_after) or 'none'} |"
        )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="fresh+warm pairs to run (default 3)")
    parser.add_argument(
        "--ctrl-c",
        action="store_true",
        help="send SIGINT to the whole process group, as a terminal's Ctrl-C does (default: the process only)",
    )
    parser.add_argument("--max-shutdown", type=float, default=5.0, help="shutdown limit to check, s (default 5)")
    parser.add_argument(
        "--stop-timeout", type=float, default=30.0, help="SIGKILL after this long without exiting (default 30)"
    )
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="first wait up to this long for other processes to use under 10%% of the CPU (default 0: no wait)",
    )
    parser.add_argument("--tmp-dir", default=None, help="where to create the temporary data dirs (default: $TMPDIR)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))

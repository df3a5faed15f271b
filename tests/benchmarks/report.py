"""Every benchmark of the project in one command, written up as one markdown report.

    .venv/bin/python -m tests.benchmarks.report [--quick] [--out benchmarks-report.md] [--only NAMES]
        [--skip NAMES] [--timeout SECONDS] [--wait-quiet SECONDS]

Runs each `tests/benchmarks/bench_*.py` script as a subprocess of this interpreter, one after another (never two
at once: they would measure each other), exactly as a user runs it alone, and reads what it prints: the
coupling is the scripts' command lines and their markdown output, nothing else. The report has the machine
(`_common.machine_description`), the load, the CPU share other processes took over the whole run, a summary
of the headline figures, and per benchmark its command, duration, exit code, tables and notes, with the whole
output folded away. An exit code of 1 from a script usually means a target was missed (the report says which);
a crash or timeout is reported too, and the run goes on with the next script. The report is rewritten after
each script, so an interrupted run leaves what was measured so far.

`--quick` runs every script with small sizes (a few minutes in all on 2 cores), to check that everything
works; its figures are not the project's figures. Without it, every script runs with its own defaults, plus
100k jobs for bench_search: about 30-40 minutes on a quiet 2-core machine.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks._common import cpu_snapshot, load_average, machine_description, others_share

ROOT = Path(__file__).resolve().parents[2]

Table = list[dict[str, str]]
Headline = list[tuple[str, str]]


# ---------------------------------------------------------------- reading what the scripts print


def tables(text: str) -> list[Table]:
    """Every markdown table in `text`, as rows of header -> cell."""
    found: list[Table] = []
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
            continue
        if len(block) >= 2 and set(block[1].replace("|", "").strip()) <= set("-: "):
            header = _cells(block[0])
            found.append([dict(zip(header, _cells(row), strict=False)) for row in block[2:]])
        block = []
    return found


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def table_with(text: str, *header_parts: str) -> Table:
    """The first table one of whose headers contains each of `header_parts`."""
    for table in tables(text):
        headers = list(table[0]) if table else []
        if all(any(part in header for header in headers) for part in header_parts):
            return table
    raise LookupError(f"no table with {header_parts}")


def cell(row: dict[str, str], header_part: str) -> str:
    for header, value in row.items():
        if header_part in header:
            return value.replace("**", "")
    raise LookupError(header_part)


def line_value(text: str, pattern: str) -> str:
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        raise LookupError(pattern)
    return match.group(1)


def notes(text: str) -> list[str]:
    """What goes in the report besides the tables: headings, bullets and sentences from the first table on
    (progress lines before the results, and indented lines, stay in the folded full output), and the setup
    bullets before it, without the machine and load lines the report gives once."""
    lines = text.splitlines()
    first = next((n for n, line in enumerate(lines) if line.startswith("|")), len(lines))
    kept: list[str] = []
    for n, line in enumerate(lines):
        if line.startswith(("- machine", "- load average", "machine:", "load average")):
            continue
        setup = n < first and line.startswith("- ")
        heading = n < first and line.startswith("### ") and n + 3 > first
        if setup or heading or (n >= first and line and not line.startswith(" ")):
            if line.startswith("|") and kept and kept[-1] and not kept[-1].startswith("|"):
                kept.append("")  # a table needs a blank line before it, or it joins the list above
            kept.append(line)
        elif n >= first and not line and kept and kept[-1]:
            kept.append("")
    return kept


# ---------------------------------------------------------------- the benchmarks


def _up(out: str) -> Headline:
    table = table_with(out, "ready median")
    ready = {row["data dir"]: cell(row, "ready median") for row in table}
    return [("`skillgap up` ready, fresh / warm data dir (median)", f"{ready['fresh']} s / {ready['warm']} s")]


def _extraction(out: str) -> Headline:
    table = table_with(out, "measure", "value")
    rows = {row["measure"]: row["value"] for row in table}
    return [("skill extraction, postings/s on one core", rows["postings/s, one core (median round)"])]


def _vectors(out: str) -> Headline:
    table = table_with(out, "engine", "search p50 / p95 ms, no filter")
    return [
        (f"vector search p50 / p95 at {row['jobs']} jobs ({row['engine']}): no filter; typical filter",
         f"{cell(row, 'no filter')} ms; {cell(row, 'typical filter')} ms")
        for row in table
    ]  # fmt: skip


def _ingestion(out: str) -> Headline:
    ratio = line_value(out, r"^ingestion / embedding alone: ([0-9.]+)")
    speedup = line_value(out, r"^re-scrape speed-up over the first scrape: ([0-9.]+)x")
    table = table_with(out, "jobs/s")
    first = next(row for row in table if row["measurement"].startswith("first scrape"))
    return [
        ("ingestion / embedding alone (target >= 0.8)", f"{ratio} ({first['jobs/s']} jobs/s)"),
        ("re-scrape of an unchanged board, speed-up (target >= 20x)", f"{speedup}x"),
    ]


def _search(out: str) -> Headline:
    table = table_with(out, "SearchJobs p50 / p95 / max", "raw vector query")
    found = []
    for row in table:
        jobs = row[next(iter(row))].split(" ")[0]
        found.append((f"SearchJobs by resume p50 / p95 / max at {jobs} jobs", f"{cell(row, 'SearchJobs p50')} ms"))
        found.append((f"raw vector query p50 / p95 at {jobs} jobs", f"{cell(row, 'raw vector query')} ms"))
    return found


def _interviews(out: str) -> Headline:
    table = table_with(out, "turn p50")
    first_header = next(iter(table[0]))
    rows = sorted(table, key=lambda row: int(re.sub(r"\D", "", row[first_header]) or 0))
    picked = [rows[0], rows[-1]] if len(rows) > 1 else rows
    return [
        (f"interview turn p50 / p95 / max at {row[first_header]} concurrent stream(s)",
         f"{cell(row, 'turn p50')} ms ({cell(row, 'turns/s')} turns/s, errors {cell(row, 'errors')})")
        for row in picked
    ]  # fmt: skip


def _uploads(out: str) -> Headline:
    table = table_with(out, "calls/s", "measurement")
    rows = {row["measurement"]: row for row in table}
    found = [
        (f"{name}, uploads/s (p50 / p95 ms)",
         f"{rows[name]['calls/s']} ({rows[name]['p50 ms']} / {rows[name]['p95 ms']})")
        for name in ("UploadResume, gRPC", "UploadResume, REST")
    ]  # fmt: skip
    ratios = {row["ratio"]: row["value"] for row in table_with(out, "ratio", "value")}
    found.append(("gRPC uploads/s ÷ parse+embed/s alone", ratios["gRPC uploads/s ÷ parse+embed/s (same PDFs)"]))
    return found


def _rest_vs_grpc(out: str) -> Headline:
    table = table_with(out, "measurement", "p50 ms", "reply bytes")
    found = [(f"{row['measurement']}: p50 / p95", f"{row['p50 ms']} / {row['p95 ms']} ms") for row in table[:2]]
    ratios = {row["REST / gRPC"]: row["value"] for row in table_with(out, "REST / gRPC")}
    found.append(("REST / gRPC p50 / p95 (one at a time)",
                  f"{ratios['p50 latency, one at a time']} / {ratios['p95 latency, one at a time']}"))  # fmt: skip
    return found


def _unary(out: str) -> Headline:
    table = table_with(out, "server", "calls/s")
    found = [(f"{row['server']}: calls/s (p50 ms)", f"{row['calls/s']} ({row['p50 ms']})") for row in table]
    found.append(("GetJob / echo calls/s (target >= 0.5)", line_value(out, r"^GetJob / echo calls/s: (.+)$")))
    return found


@dataclass(frozen=True)
class Bench:
    name: str
    title: str
    full: tuple[str, ...]
    quick: tuple[str, ...]
    headline: Callable[[str], Headline]


BENCHMARKS = (
    Bench("bench_up", "start-up and shutdown of `skillgap up`", (), ("--runs", "1"), _up),
    Bench("bench_extraction", "skill extraction throughput", (), ("--postings", "60", "--rounds", "1"), _extraction),
    Bench("bench_vectors", "the embedded vector index", (),
          ("--sizes", "5000", "--queries", "50", "--baseline-size", "0"), _vectors),
    Bench("bench_ingestion", "scraping end to end next to the embedding alone", (), ("--postings", "16"), _ingestion),
    Bench("bench_search", "SearchJobs at 10k / 50k / 100k jobs", ("--sizes", "10000,50000,100000"),
          ("--sizes", "2000", "--searches", "40", "--warm-up", "5", "--base-postings", "20", "--resumes", "2"),
          _search),
    Bench("bench_interviews", "mock interviews over the Converse stream", (),
          ("--streams", "1", "10", "--low-interviews", "2", "--users", "4", "--engine-turns", "30",
           "--think-streams", "0"), _interviews),
    Bench("bench_uploads", "resume uploads and reads, gRPC and REST", (),
          ("--count", "8", "--get-calls", "100", "--get-warmup", "5"), _uploads),
    Bench("bench_rest_vs_grpc", "the same unary RPC over gRPC and over REST through Envoy", (),
          ("--calls", "100", "--concurrent-calls", "200"), _rest_vs_grpc),
    Bench("bench_unary", "unary GetJob throughput next to a bare grpc.aio echo server", (),
          ("--seconds", "3", "--rounds", "1"), _unary),
)  # fmt: skip


# ---------------------------------------------------------------- running


@dataclass
class Outcome:
    bench: Bench
    command: list[str]
    seconds: float = 0.0
    exit_code: int | None = None
    timed_out: bool = False
    stdout: str = ""
    stderr_tail: str = ""
    crashed: bool = False  # a traceback in its stderr: exit 1 then is not a missed target
    headline: Headline = field(default_factory=list)
    headline_error: str = ""


def run_one(bench: Bench, args: argparse.Namespace, log_dir: Path) -> Outcome:
    extra = list(bench.quick if args.quick else bench.full)
    if args.wait_quiet:
        extra += ["--wait-quiet", f"{args.wait_quiet:g}"]
    command = [sys.executable, "-m", f"tests.benchmarks.{bench.name}", *extra]
    outcome = Outcome(bench, command)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    stderr_path = log_dir / f"{bench.name}.stderr.log"
    lines: list[str] = []
    started = time.perf_counter()
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, text=True
        )

        def stop() -> None:
            # SIGINT, as Ctrl-C: the script's finally blocks stop its `skillgap up` and remove its temporary
            # files (SIGTERM would end it on the spot and leave its servers running).
            outcome.timed_out = True
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=90)
            except subprocess.TimeoutExpired:
                process.kill()

        watchdog = threading.Timer(args.timeout, stop)
        watchdog.daemon = True
        watchdog.start()
        try:
            assert process.stdout is not None
            for line in process.stdout:  # the scripts print their progress as they go: show it
                lines.append(line)
                print(f"  [{bench.name}] {line.rstrip()}", flush=True)
            process.wait()
        finally:
            watchdog.cancel()
            if process.poll() is None:
                process.kill()
                process.wait()
    outcome.seconds = time.perf_counter() - started
    outcome.exit_code = process.returncode
    outcome.stdout = "".join(lines)
    (log_dir / f"{bench.name}.stdout.log").write_text(outcome.stdout)
    with contextlib.suppress(OSError):
        stderr_text = stderr_path.read_text(errors="replace")
        outcome.stderr_tail = "\n".join(stderr_text.splitlines()[-15:])
        outcome.crashed = outcome.exit_code != 0 and "Traceback (most recent call last)" in stderr_text
    try:
        outcome.headline = bench.headline(outcome.stdout)
    except (LookupError, ValueError, StopIteration) as exc:
        outcome.headline_error = f"figures not found in the output ({type(exc).__name__}: {exc})"
    return outcome


# ---------------------------------------------------------------- the report


@dataclass
class Run:
    args: argparse.Namespace
    started: datetime
    load_before: str
    outcomes: list[Outcome] = field(default_factory=list)
    total_s: float = 0.0
    others: float | None = None
    load_after: str = ""
    pending: list[str] = field(default_factory=list)


def status(outcome: Outcome) -> str:
    if outcome.timed_out:
        return f"timed out after {outcome.seconds:.0f} s"
    if outcome.exit_code == 0:
        return "ok"
    if outcome.exit_code == 1 and not outcome.crashed:
        return "exit 1 (a target missed or a call failed: see its section)"
    return f"exit {outcome.exit_code} (crashed: see its section)"


def render(run: Run) -> str:
    args = run.args
    mode = "quick (small sizes: checks that everything runs; not the project's figures)" if args.quick else "full"
    out = ["# SkillGap benchmark report", ""]
    out.append(f"- command: `python -m tests.benchmarks.report {' '.join(shlex.quote(a) for a in args.argv)}`")
    out.append(f"- mode: {mode}")
    out.append(f"- machine: {machine_description()}")
    out.append(f"- started {run.started:%Y-%m-%d %H:%M} UTC; load average (1/5/15 min) before: {run.load_before}")
    if run.others is not None:
        out.append(
            f"- whole run {run.total_s / 60:.1f} min; load average after: {run.load_after}; CPU share other "
            f"processes took over the whole run: {100 * run.others:.0f}% of the machine (each section has its own)"
        )
    if run.pending:
        out.append(f"- not run yet: {', '.join(run.pending)}")
    out += ["", "## Summary", "", "| benchmark | measure | value |", "|---|---|---|"]
    for outcome in run.outcomes:
        name = outcome.bench.name
        rows = outcome.headline or [("(no figures)", outcome.headline_error or status(outcome))]
        for measure, value in rows:
            out.append(f"| {name} | {measure} | {value} |")
    out += ["", "| benchmark | seconds | status |", "|---|---:|---|"]
    for outcome in run.outcomes:
        out.append(f"| {outcome.bench.name} | {outcome.seconds:.0f} | {status(outcome)} |")
    for outcome in run.outcomes:
        bench = outcome.bench
        command = " ".join(shlex.quote(part) for part in ["python", *outcome.command[1:]])
        out += ["", f"## {bench.name}: {bench.title}", ""]
        out.append(f"`{command}`: {outcome.seconds:.0f} s, {status(outcome)}")
        if outcome.headline_error:
            out.append(f"\n{outcome.headline_error}")
        kept = notes(outcome.stdout)
        if kept:
            out += ["", *kept]
        if outcome.exit_code != 0 or outcome.timed_out:
            out += ["", "Its log (stderr) ends with:", "", "```text", outcome.stderr_tail, "```"]
        out += ["", "<details><summary>whole output</summary>", "", "```text", outcome.stdout.rstrip(), "```", "",
                "</details>"]  # fmt: skip
    return "\n".join(out).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes: a few minutes in all")
    parser.add_argument("--out", type=Path, default=Path("benchmarks-report.md"), help="the markdown report")
    names = ", ".join(bench.name for bench in BENCHMARKS)
    parser.add_argument("--only", default="", help=f"comma-separated names to run (of: {names})")
    parser.add_argument("--skip", default="", help="comma-separated names to leave out")
    parser.add_argument("--timeout", type=float, default=0.0, help="per benchmark, s (default 900 quick, 7200 full)")
    parser.add_argument(
        "--wait-quiet", type=float, default=0.0, metavar="SECONDS", help="passed to every script (quiet CPU first)"
    )
    args = parser.parse_args(raw)
    args.argv = raw
    args.timeout = args.timeout or (900.0 if args.quick else 7200.0)
    known = {bench.name for bench in BENCHMARKS}
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    if unknown := (only | skip) - known:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {names}")
    chosen = [b for b in BENCHMARKS if (not only or b.name in only) and b.name not in skip]

    out_path = args.out.resolve()
    log_dir = out_path.with_name(out_path.name + ".logs")
    log_dir.mkdir(parents=True, exist_ok=True)
    run = Run(args, datetime.now(UTC), load_average(), pending=[b.name for b in chosen])
    before = cpu_snapshot()
    began = time.perf_counter()
    print(f"machine: {machine_description()}; {len(chosen)} benchmarks; report: {out_path}", flush=True)
    for n, bench in enumerate(chosen, start=1):
        print(f"[{n}/{len(chosen)}] {bench.name} ...", flush=True)
        outcome = run_one(bench, args, log_dir)
        run.outcomes.append(outcome)
        run.pending.remove(bench.name)
        print(f"[{n}/{len(chosen)}] {bench.name}: {outcome.seconds:.0f} s, {status(outcome)}", flush=True)
        out_path.write_text(render(run))
    run.total_s = time.perf_counter() - began
    run.others = others_share(before, cpu_snapshot())
    run.load_after = load_average()
    out_path.write_text(render(run))
    print(f"wrote {out_path} ({run.total_s / 60:.1f} min); logs in {log_dir}", flush=True)
    failed = [o for o in run.outcomes if o.timed_out or o.crashed or o.exit_code not in (0, 1) or o.headline_error]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Job vectors in the embedded index: write time, search latency and memory at 10k, 50k and 100k jobs.

    .venv/bin/python -m tests.benchmarks.bench_vectors [--sizes 10000,50000,100000] [--queries 300]
        [--batch 100] [--baseline-size 10000] [--seed 7] [--wait-quiet 0]

For each size N, on a new temporary folder, through `open_vector_store(path=...)` (qdrant-edge, what
`skillgap up` opens):

- writes N jobs with `upsert_jobs` in batches of BATCH (as ingestion does), timing the whole and each
  batch. Vectors are random-ish 384-d unit vectors (around 64 topic centres, as embeddings of postings
  cluster by role); payloads look like `jobs.service.search_payload`: 85% open, remote/hybrid/onsite,
  seniority, 3-8 required skills drawn from 150 with a skewed popularity (python is common), 2,000
  companies, locations, a post time in the last 120 days (5% without one), a source kind;
- then QUERIES searches of `search_jobs` at limit 100 without a filter (only the default "open") and
  QUERIES with a typical filter: open + workplace_type remote + one required skill (python) + posted in
  the last 30 days; query vectors are drawn like job vectors. Latency is what a caller awaits (the hop
  to the engine's thread included), after 10 warm-up searches of each kind;
- closes the store and opens it again in a fresh child process, which reports the time to open it
  (`ensure_collections`), its RSS memory after the same searches, and their latency there.

Then the baseline: qdrant-client's local mode (the embedded index of earlier releases) at BASELINE_SIZE
jobs only (its writes commit each point to SQLite), with fewer queries. Prints the machine (nproc, CPU),
the load average and the share of the CPU other processes used during each measurement.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from skillgap.vectors.filters import JobSearchFilter
from skillgap.vectors.qdrant_server import QdrantServerStore
from skillgap.vectors.store import VectorStore, open_vector_store
from tests.benchmarks._common import (
    cpu_snapshot,
    load_average,
    machine_description,
    others_share,
    percentile,
    wait_until_quiet,
)

DIMENSIONS = 384
LIMIT = 100
WARM_UP = 10
TARGET_P95_MS = 50.0
NOW = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
SKILLS = ["python", "sql", "javascript", "typescript", "java", "go", "kubernetes", "docker", "aws", "react"] + [
    f"skill-{i:03d}" for i in range(140)
]
CITIES = [
    "Berlin, Germany",
    "Munich, Germany",
    "Paris, France",
    "London, United Kingdom",
    "Amsterdam, Netherlands",
    "New York, NY, United States",
    "San Francisco, CA, United States",
    "Toronto, Canada",
    "Lisbon, Portugal",
    "Remote - EU",
    "Remote - US",
    "Warsaw, Poland",
]


def typical_filter() -> JobSearchFilter:
    return JobSearchFilter(
        workplace_types=("remote",), required_skill_ids=("python",), posted_after=NOW - timedelta(days=30)
    )


# ---------------------------------------------------------------- data


class Corpus:
    """Deterministic jobs and queries for a seed: vectors near one of 64 topic centres."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.random = random.Random(seed)
        centres = self.rng.standard_normal((64, DIMENSIONS)).astype(np.float32)
        self.centres = centres / np.linalg.norm(centres, axis=1, keepdims=True)
        # Skewed skill popularity: rank r is drawn with weight 1/(r+1).
        self.skill_weights = [1.0 / (rank + 1) for rank in range(len(SKILLS))]

    def vectors(self, count: int) -> list[list[float]]:
        topics = self.rng.integers(0, len(self.centres), size=count)
        noise = self.rng.standard_normal((count, DIMENSIONS)).astype(np.float32) * 0.06
        raw = self.centres[topics] + noise
        unit = raw / np.linalg.norm(raw, axis=1, keepdims=True)
        return [row.tolist() for row in unit]

    def payload(self) -> dict[str, object]:
        pick = self.random
        required = sorted(set(pick.choices(SKILLS, weights=self.skill_weights, k=pick.randint(3, 8))))
        extra = pick.choices(SKILLS, weights=self.skill_weights, k=pick.randint(0, 5))
        posted = None if pick.random() < 0.05 else NOW - timedelta(days=pick.uniform(0, 120))
        return {
            "required_skill_ids": required,
            "skill_ids": sorted({*required, *extra}),
            "seniority": pick.choice(["junior", "mid", "mid", "senior", "senior", "lead", "unspecified"]),
            "min_years": pick.choice([None, 1, 2, 3, 5, 7]),
            "company": f"Company {pick.randrange(2000)}",
            "locations": pick.sample(CITIES, k=pick.choice([0, 1, 1, 1, 2, 3])),
            "workplace_type": pick.choice(["remote", "hybrid", "hybrid", "onsite", "onsite"]),
            "employment_type": pick.choice(["full_time", "full_time", "full_time", "contract", "part_time"]),
            "state": "open" if pick.random() < 0.85 else "closed",
            "post_time": posted.isoformat() if posted else None,
            "source_kind": pick.choice(["greenhouse", "lever", "ashby", "workable", "smartrecruiters", "manual"]),
        }


# ---------------------------------------------------------------- measurements


@dataclass
class Searches:
    plain_ms: list[float]
    filtered_ms: list[float]
    filtered_hits: list[int]


@dataclass
class Row:
    engine: str
    jobs: int
    write_s: float
    batch_p95_ms: float
    searches: Searches
    disk_mb: float
    rss: str  # MB, anonymous + file-backed
    others: float


async def write(store: VectorStore, corpus: Corpus, count: int, batch: int) -> tuple[float, list[float]]:
    batches_ms = []
    started = time.perf_counter()
    for start in range(0, count, batch):
        size = min(batch, count - start)
        items = [(str(uuid.uuid4()), vector, corpus.payload()) for vector in corpus.vectors(size)]
        began = time.perf_counter()
        await store.upsert_jobs(items)
        batches_ms.append((time.perf_counter() - began) * 1000)
    return time.perf_counter() - started, batches_ms


async def search(store: VectorStore, queries: list[list[float]]) -> Searches:
    plain, filtered, hits = [], [], []
    for i, query in enumerate(queries):
        began = time.perf_counter()
        await store.search_jobs(query, filter=JobSearchFilter(), limit=LIMIT)
        if i >= WARM_UP:
            plain.append((time.perf_counter() - began) * 1000)
    for i, query in enumerate(queries):
        began = time.perf_counter()
        result = await store.search_jobs(query, filter=typical_filter(), limit=LIMIT)
        if i >= WARM_UP:
            filtered.append((time.perf_counter() - began) * 1000)
            hits.append(len(result.hits))
    return Searches(plain, filtered, hits)


def rss_split() -> str:
    """Anonymous (heap) + file-backed (mapped files: the engine's segments and log, reclaimable) RSS."""
    return f"{_status_mb('RssAnon'):.0f} + {_status_mb('RssFile'):.0f}"


def _status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def disk_mb(path: Path) -> float:
    """Allocated, not apparent, size: the engine preallocates sparse files (its log in 32 MB pieces)."""
    return sum(f.stat().st_blocks * 512 for f in path.rglob("*") if f.is_file()) / 1e6


async def measure(engine: str, count: int, args: argparse.Namespace, folder: Path, queries: int) -> Row:
    corpus = Corpus(args.seed)
    store: VectorStore = open_vector_store(path=folder) if engine == "edge" else QdrantServerStore(path=folder)
    await store.ensure_collections(DIMENSIONS)
    before = cpu_snapshot()
    try:
        write_s, batches_ms = await write(store, corpus, count, args.batch)
        searches = await search(store, corpus.vectors(queries + WARM_UP))
        rss = rss_split()
    finally:
        await store.close()
    return Row(
        engine=engine,
        jobs=count,
        write_s=write_s,
        batch_p95_ms=percentile(batches_ms, 95),
        searches=searches,
        disk_mb=disk_mb(folder),
        rss=rss,
        others=others_share(before, cpu_snapshot()),
    )


async def reopen(folder: Path, queries: int, seed: int) -> dict[str, object]:
    """In a fresh process: open the store, search; what a restarted `skillgap up` sees."""
    before_rss = rss_split()
    began = time.perf_counter()
    store = open_vector_store(path=folder)
    await store.ensure_collections(DIMENSIONS)
    open_s = time.perf_counter() - began
    opened_rss = rss_split()
    try:
        jobs = await store.count("jobs")
        searches = await search(store, Corpus(seed + 1).vectors(queries + WARM_UP))
    finally:
        rss = rss_split()
        await store.close()
    return {
        "jobs": jobs,
        "open_s": open_s,
        "rss_before": before_rss,
        "rss_opened": opened_rss,
        "rss_searched": rss,
        "plain_p50": percentile(searches.plain_ms, 50),
        "plain_p95": percentile(searches.plain_ms, 95),
        "filtered_p50": percentile(searches.filtered_ms, 50),
        "filtered_p95": percentile(searches.filtered_ms, 95),
    }


def reopen_in_child(folder: Path, queries: int, seed: int) -> dict[str, object]:
    reply = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.bench_vectors", "--reopen", str(folder), "--queries", str(queries)]
        + ["--seed", str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )
    loaded: dict[str, object] = json.loads(reply.stdout.strip().splitlines()[-1])
    return loaded


# ---------------------------------------------------------------- report


def _p(values: list[float]) -> str:
    return f"{percentile(values, 50):.2f} / {percentile(values, 95):.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,50000,100000", help="comma-separated job counts (edge)")
    parser.add_argument("--queries", type=int, default=300, help="searches of each kind, after the warm-up")
    parser.add_argument("--batch", type=int, default=100, help="jobs per upsert_jobs call")
    parser.add_argument("--baseline-size", type=int, default=10000, help="qdrant-client local mode; 0 skips it")
    parser.add_argument("--baseline-queries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS")
    parser.add_argument("--reopen", type=Path, help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args(argv)

    if args.reopen is not None:
        print(json.dumps(asyncio.run(reopen(args.reopen, args.queries, args.seed))))
        return 0

    sizes = [int(size) for size in args.sizes.split(",") if size]
    asyncio.run(wait_until_quiet(args.wait_quiet))
    print("# Job vectors: qdrant-edge in process (the embedded default) and qdrant-client local mode\n")
    print(f"- machine: {machine_description()}")
    print(f"- load average before: {load_average()}")
    print(f"- {DIMENSIONS}-d unit vectors, batches of {args.batch}, search limit {LIMIT}, seed {args.seed}")
    print("- typical filter: open + workplace_type remote + requires python + posted in the last 30 days")
    print()

    rows: list[Row] = []
    reopened: dict[int, dict[str, object]] = {}
    scratch = Path(tempfile.mkdtemp(prefix="bench-vectors-"))
    try:
        for size in sizes:
            folder = scratch / f"edge-{size}"
            rows.append(asyncio.run(measure("edge", size, args, folder, args.queries)))
            _print_row_progress(rows[-1])
            reopened[size] = reopen_in_child(folder, args.queries, args.seed)
            shutil.rmtree(folder)
        if args.baseline_size:
            folder = scratch / "local-mode"
            rows.append(
                asyncio.run(measure("qdrant-client local", args.baseline_size, args, folder, args.baseline_queries))
            )
            _print_row_progress(rows[-1])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print()
    print(
        "| engine | jobs | write s | jobs/s | batch p95 ms | search p50 / p95 ms, no filter "
        "| search p50 / p95 ms, typical filter | typical hits (mean) | disk MB | RSS MB, anon + file | others' CPU |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        s = row.searches
        print(
            f"| {row.engine} | {row.jobs:,} | {row.write_s:.1f} | {row.jobs / row.write_s:,.0f} "
            f"| {row.batch_p95_ms:.1f} "
            f"| {_p(s.plain_ms)} | {_p(s.filtered_ms)} | {sum(s.filtered_hits) / len(s.filtered_hits):.0f} "
            f"| {row.disk_mb:.0f} | {row.rss} | {100 * row.others:.0f}% |"
        )
    print()
    print("Reopened in a fresh process (qdrant-edge):\n")
    print(
        "| jobs | open s | RSS MB before open, anon + file | opened | after searches "
        "| p50 / p95 ms, no filter | p50 / p95 ms, typical |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, r in reopened.items():
        print(
            f"| {r['jobs']:,} | {r['open_s']:.2f} | {r['rss_before']} | {r['rss_opened']} | {r['rss_searched']} "
            f"| {r['plain_p50']:.2f} / {r['plain_p95']:.2f} | {r['filtered_p50']:.2f} / {r['filtered_p95']:.2f} |"
        )
        if r["jobs"] != size:
            print(f"| ^ the reopened store holds {r['jobs']} jobs, not {size} |")
    print()
    print(f"- load average after: {load_average()}")
    within = [row for row in rows if row.engine == "edge" and row.jobs <= 50000]
    if within:
        p95 = max(max(percentile(r.searches.plain_ms, 95), percentile(r.searches.filtered_ms, 95)) for r in within)
        verdict = "meets" if p95 <= TARGET_P95_MS else "MISSES"
        print(
            f"- target search p95 <= {TARGET_P95_MS:.0f} ms up to 50k jobs (edge): {verdict} (worst p95 {p95:.1f} ms)"
        )
    return 0


def _print_row_progress(row: Row) -> None:
    s = row.searches
    print(
        f"{row.engine}, {row.jobs:,} jobs: written in {row.write_s:.1f} s; search p50/p95 ms "
        f"{_p(s.plain_ms)} (no filter), {_p(s.filtered_ms)} (typical filter)",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())

"""End-to-end ingestion throughput next to the embedding alone, and a re-scrape of unchanged postings.

    .venv/bin/python -m tests.benchmarks.bench_ingestion [--postings 300] [--seed 11] [--wait-quiet 0]

One run of this script:

1. draws POSTINGS distinct synthetic postings (400-700 words, the generator of bench_extraction) and serves
   them as one Greenhouse board (the API's shape: HTML-entity-escaped `content`) from a local HTTP server;
2. starts `skillgap up` on a fresh temporary data dir (embedded PostgreSQL, Redis, vectors; the arq worker
   in its process), allowed to fetch from 127.0.0.1;
3. embedding alone, while the server idles: the texts the pipeline embeds (title + description, as the
   Greenhouse source normalises them) through `Embedder.embed_document_batch` in batches of the pipeline's
   size, in this process (same packaged model, same thread count) -- the physical bottleneck;
4. first scrape: TriggerScrape over gRPC (admin token), then GetScrapeStatus until the run is finished:
   jobs/s from the trigger to "every posting stored in PostgreSQL and the vector index" (raw payload to
   searchable), and the same from the run's own start and finish times (without the queue pick-up);
5. re-scrape of the same, unchanged board: jobs/s and the speed-up over the first scrape;
6. stops `skillgap up` and prints a markdown table with the ratio ingestion / embedding alone (target
   >= 0.8) and the re-scrape speed-up (target >= 20x), and the CPU share other processes took meanwhile.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from grpc import aio

from skillgap.auth.tokens import issue_token
from skillgap.config import DEV_JWT_SECRET, Settings
from skillgap.embedding.embedder import Embedder
from skillgap.scraping.ingest import BATCH_SIZE
from skillgap.scraping.sources import GreenhouseSource
from skillgap.v1 import job_pb2, scrape_pb2, scrape_pb2_grpc
from tests.benchmarks._common import (
    cpu_snapshot,
    load_average,
    machine_description,
    others_share,
    start_up,
    stop_up,
    wait_until_quiet,
)
from tests.benchmarks.bench_extraction import Posting, make_postings
from tests.local_http import QuietHandler, base_url_of, local_server
from tests.local_http import running as serving

BOARD = "benchco"


def board_payload(postings: Sequence[Posting]) -> dict[str, Any]:
    jobs = []
    for n, posting in enumerate(postings):
        body = "".join(f"<p>{html.escape(block)}</p>" for block in posting.description.split("\n") if block.strip())
        jobs.append(
            {
                "id": 5_000_000 + n,
                "title": posting.title,
                "company_name": "Bench Co",
                "absolute_url": f"https://boards.greenhouse.io/{BOARD}/jobs/{5_000_000 + n}",
                "location": {"name": "Remote - EU"},
                "updated_at": "2026-11-01T10:00:00Z",
                # Greenhouse escapes the HTML once more in `content`.
                "content": html.escape(body),
            }
        )
    return {"jobs": jobs, "meta": {"total": len(jobs)}}


def board_server(payload: dict[str, Any]) -> ThreadingHTTPServer:
    class Handler(QuietHandler):
        def do_GET(self) -> None:
            self.send_json(payload)

    return local_server(Handler)


@dataclass
class Measured:
    label: str
    jobs: int
    wall_s: float
    others: float
    run_s: float | None = None  # from the run's own start and finish times

    @property
    def rate(self) -> float:
        return self.jobs / self.wall_s


def embedding_texts(payload: dict[str, Any]) -> list[str]:
    """Exactly what the pipeline embeds: the Greenhouse source's normalised title and description."""
    source = GreenhouseSource(BOARD)
    texts = []
    for job in payload["jobs"]:
        scraped = source.parse_job(job)
        assert scraped is not None
        posting = scraped.to_job_posting()
        texts.append(f"{posting.title}\n{posting.description}")
    return texts


def measure_embedding(texts: Sequence[str], data_dir: Path) -> Measured:
    settings = Settings()
    embedder = Embedder(model_name=settings.embedding_model, cache_dir=data_dir / "bench-models")
    embedder.embed_document_batch(list(texts[:4]))  # warm-up: onnxruntime allocates on the first call
    before = cpu_snapshot()
    started = time.perf_counter()
    for start in range(0, len(texts), BATCH_SIZE):
        embedder.embed_document_batch(list(texts[start : start + BATCH_SIZE]))
    wall = time.perf_counter() - started
    label = f"embedding alone (batches of {BATCH_SIZE}, this process)"
    return Measured(label, len(texts), wall, others_share(before, cpu_snapshot()))


async def scrape(stub: Any, token: str, base_url: str, label: str, expected: int, server_pid: int) -> Measured:
    metadata = (("authorization", f"Bearer {token}"),)
    source = scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier=BOARD, base_url=base_url)
    before = cpu_snapshot(server_pid)
    started = time.perf_counter()
    reply = await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=[source]), metadata=metadata)
    run_id = reply.run.run_id
    while True:
        status = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=run_id), metadata=metadata)
        run = status.runs[0]
        if run.state not in (scrape_pb2.SCRAPE_STATE_QUEUED, scrape_pb2.SCRAPE_STATE_RUNNING):
            break
        await asyncio.sleep(0.05)
    wall = time.perf_counter() - started
    others = others_share(before, cpu_snapshot(server_pid))
    if run.state != scrape_pb2.SCRAPE_STATE_SUCCEEDED:
        raise RuntimeError(f"{label}: run ended {scrape_pb2.ScrapeState.Name(run.state)}: {run}")
    counts = run.totals
    done = counts.created + counts.updated + counts.unchanged
    if counts.fetched != expected or done != expected:
        raise RuntimeError(f"{label}: expected {expected} postings, the run says {counts}")
    run_s = run.finish_time.ToNanoseconds() / 1e9 - run.start_time.ToNanoseconds() / 1e9
    return Measured(label, expected, wall, others, run_s)


async def run(args: argparse.Namespace) -> int:
    print(f"machine: {machine_description()}; load average before: {load_average()}")
    postings = make_postings(args.postings, args.seed)
    payload = board_payload(postings)
    texts = embedding_texts(payload)
    words = sorted(p.words for p in postings)
    print(f"{len(postings)} postings, {words[0]}-{words[-1]} words (median {words[len(words) // 2]})")
    root = Path(tempfile.mkdtemp(prefix="skillgap-bench-ingest-"))
    try:
        with serving(board_server(payload)) as board:
            running = await start_up(root / "data", settings={"scrape_allowed_hosts": "127.0.0.1"})
            try:
                if args.wait_quiet:
                    await wait_until_quiet(args.wait_quiet)
                embedding = measure_embedding(texts, root)
                token = issue_token(DEV_JWT_SECRET, "bench-admin", roles=["admin"])
                async with aio.insecure_channel(running.grpc_target) as channel:
                    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
                    first = await scrape(stub, token, base_url_of(board), "first scrape (new postings)", len(postings),
                                         running.process.pid)  # fmt: skip
                    again = await scrape(stub, token, base_url_of(board), "re-scrape (unchanged)", len(postings),
                                         running.process.pid)  # fmt: skip
            finally:
                stopped = await stop_up(running)
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print()
    print("| measurement | jobs | seconds | jobs/s | from the run's own times | CPU used by others |")
    print("|---|---:|---:|---:|---:|---:|")
    for m in (embedding, first, again):
        own = f"{m.jobs / m.run_s:.1f}/s ({m.run_s:.2f} s)" if m.run_s else "-"
        print(f"| {m.label} | {m.jobs} | {m.wall_s:.2f} | {m.rate:.1f} | {own} | {m.others:.0%} |")
    ratio = first.rate / embedding.rate
    speedup = first.wall_s / again.wall_s
    print()
    print(f"ingestion / embedding alone: {ratio:.2f} (target >= 0.8)")
    print(f"re-scrape speed-up over the first scrape: {speedup:.1f}x (target >= 20x)")
    left = stopped.left_behind or "nothing"
    print(f"shutdown: exit {stopped.exit_code}, {stopped.shutdown_s:.2f} s, left behind: {left}")
    print(f"load average after: {load_average()}")
    return 0 if ratio >= 0.8 and speedup >= 20 else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postings", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--wait-quiet", type=float, default=0.0, help="first wait up to this long for a quiet CPU")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())

"""End-to-end ingestion throughput next to the embedding alone, per source kind, and the re-scrape of unchanged
postings and job pages.

    .venv/bin/python -m tests.benchmarks.bench_ingestion [--postings 300] [--per-source 40] [--pages 50]
                                                         [--sources KIND,...] [--seed 11] [--wait-quiet 0]

One run of this script:

1. draws POSTINGS distinct synthetic postings (400-700 words, the generator of bench_extraction) and serves
   them as one Greenhouse board (the API's shape: HTML-entity-escaped `content`) from a local HTTP server;
2. starts `skillgap up` on a fresh temporary data dir (embedded PostgreSQL, Redis, vectors; the arq worker
   in its process), allowed to fetch from 127.0.0.0/8;
3. embedding alone, while the server idles: the texts the pipeline embeds (title + description, as the
   Greenhouse source normalises them) through `Embedder.embed_document_batch` in batches of the pipeline's
   size, in this process (same packaged model, same thread count) -- the physical bottleneck;
4. first scrape: TriggerScrape over gRPC (admin token), then GetScrapeStatus until the run is finished:
   jobs/s from the trigger to "every posting stored in PostgreSQL and the vector index" (raw payload to
   searchable), and the same from the run's own start and finish times (without the queue pick-up);
5. re-scrape of the same, unchanged board: jobs/s and the speed-up over the first scrape;
6. per source kind (`ingestion_sources.BOARDS`, each API's shape; `--sources` picks some, default all):
   PER_SOURCE postings of their own, a first scrape and an unchanged re-scrape of each (the paced sources pay the
   politeness interval per request: SmartRecruiters a detail request per posting, Hacker News one per comment);
7. job pages: PAGES careers pages (JSON-LD, about 280 KB each, as large as real ones), each on a host of its own
   (127.0.0.N): one set answering conditional requests (ETag, Last-Modified), one sending no validators (every
   re-scrape reads them in full, as before conditional requests); a first scrape and an unchanged re-scrape of
   each set, and the speed-ups (target >= 10x for the set with validators);
8. stops `skillgap up` and prints the tables: the ratio ingestion / embedding alone (target >= 0.8), the
   re-scrape speed-up (target >= 20x), per-source rates, the job pages' speed-ups, and the CPU share other
   processes took meanwhile.
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
from tests.benchmarks.ingestion_sources import BOARDS, page_hosts, route_server
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
    unchanged: int = 0
    cpu_s: float = 0.0  # CPU seconds of `skillgap up` (server, worker, PostgreSQL, Redis) and this script
    bytes_read: int = 0  # page bytes the job pages sent (job pages only)

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
    source = scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier=BOARD, base_url=base_url)
    return await scrape_sources(stub, token, [source], label, expected, server_pid)


async def scrape_sources(
    stub: Any, token: str, sources: Sequence[Any], label: str, expected: int, server_pid: int
) -> Measured:
    """Trigger one run of `sources` and wait for it; every source must have given its postings, none failed."""
    metadata = (("authorization", f"Bearer {token}"),)
    before = cpu_snapshot(server_pid)
    started = time.perf_counter()
    reply = await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=list(sources)), metadata=metadata)
    run_id = reply.run.run_id
    while True:
        status = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=run_id), metadata=metadata)
        run = status.runs[0]
        if run.state not in (scrape_pb2.SCRAPE_STATE_QUEUED, scrape_pb2.SCRAPE_STATE_RUNNING):
            break
        await asyncio.sleep(0.05)
    wall = time.perf_counter() - started
    after = cpu_snapshot(server_pid)
    others = others_share(before, after)
    if run.state != scrape_pb2.SCRAPE_STATE_SUCCEEDED:
        raise RuntimeError(f"{label}: run ended {scrape_pb2.ScrapeState.Name(run.state)}: {run}")
    counts = run.totals
    done = counts.created + counts.updated + counts.unchanged
    if counts.fetched != expected or done != expected:
        raise RuntimeError(f"{label}: expected {expected} postings, the run says {counts}")
    run_s = run.finish_time.ToNanoseconds() / 1e9 - run.start_time.ToNanoseconds() / 1e9
    return Measured(
        label, expected, wall, others, run_s, unchanged=counts.unchanged, cpu_s=after.ours_s - before.ours_s
    )


@dataclass
class Pair:
    """A first scrape and the re-scrape of the same, unchanged postings."""

    label: str
    first: Measured
    again: Measured

    @property
    def speedup(self) -> float:
        return self.first.wall_s / self.again.wall_s


async def per_source(stub: Any, token: str, args: argparse.Namespace, server_pid: int) -> list[Pair]:
    """Each source kind with PER_SOURCE postings of its own: a first scrape and an unchanged re-scrape."""
    pairs = []
    with route_server() as server:
        for number, kind in enumerate(BOARDS):  # numbered over all kinds: a kind draws the same postings alone
            if kind not in args.sources:
                continue
            postings = make_postings(args.per_source, args.seed + 100 + number)
            board = server.board(kind, postings)
            first = await scrape_sources(stub, token, [board.source], f"{kind}: first", len(postings), server_pid)
            again = await scrape_sources(stub, token, [board.source], f"{kind}: again", len(postings), server_pid)
            pairs.append(Pair(kind, first, again))
            print(f"  {kind}: {first.rate:.1f} jobs/s first, re-scrape {first.wall_s / again.wall_s:.1f}x faster")
    return pairs


async def job_pages(stub: Any, token: str, args: argparse.Namespace, server_pid: int) -> list[Pair]:
    """PAGES job pages each on its own host, with and without validators: first scrape, unchanged re-scrape."""
    pairs = []
    for label, first_host, validators in (
        ("job pages answering conditional requests (304)", 10, True),
        ("job pages without validators (read in full)", 10 + args.pages, False),
    ):
        postings = make_postings(args.pages, args.seed + (7 if validators else 8))
        with page_hosts(postings, first_host, validators=validators, padding_words=args.page_padding) as hosts:
            sources = [scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_JOB_PAGE, identifier=h.url) for h in hosts]
            first = await scrape_sources(stub, token, sources, f"{label}: first", len(sources), server_pid)
            first.bytes_read = sum(h.bytes_sent for h in hosts)
            again = await scrape_sources(stub, token, sources, f"{label}: again", len(sources), server_pid)
            again.bytes_read = sum(h.bytes_sent for h in hosts) - first.bytes_read
            if again.unchanged != len(sources):
                raise RuntimeError(f"{label}: the re-scrape found {again.unchanged} of {len(sources)} unchanged")
            not_modified = sum(h.not_modified for h in hosts)
            if validators and not_modified != len(hosts):
                raise RuntimeError(f"{label}: {not_modified} of {len(hosts)} pages answered 304")
            pairs.append(Pair(label, first, again))
            pair = pairs[-1]
            print(f"  {label}: first {first.wall_s:.1f} s, again {again.wall_s:.2f} s ({pair.speedup:.1f}x)")
    return pairs


async def run(args: argparse.Namespace) -> int:
    print(f"machine: {machine_description()}; load average before: {load_average()}")
    postings = make_postings(args.postings, args.seed)
    payload = board_payload(postings)
    texts = embedding_texts(payload)
    words = sorted(p.words for p in postings)
    print(f"{len(postings)} postings, {words[0]}-{words[-1]} words (median {words[len(words) // 2]})")
    root = Path(tempfile.mkdtemp(prefix="skillgap-bench-ingest-"))
    sources: list[Pair] = []
    pages: list[Pair] = []
    try:
        with serving(board_server(payload)) as board:
            # Every job page has a host of its own on the loopback network (127.0.0.N), as careers sites do.
            running = await start_up(root / "data", settings={"scrape_allowed_hosts": "127.0.0.0/8"})
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
                    if args.per_source:
                        print(f"per source ({args.per_source} postings each):")
                        sources = await per_source(stub, token, args, running.process.pid)
                    if args.pages:
                        print(f"job pages ({args.pages} per set, each on its own host):")
                        pages = await job_pages(stub, token, args, running.process.pid)
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
    greenhouse = [Pair("greenhouse", first, again)] if "greenhouse" in args.sources else []
    if args.per_source and (greenhouse or sources):
        print()
        print("| source | postings | first scrape s | jobs/s | unchanged re-scrape s | speed-up | CPU used by others |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for pair in [*greenhouse, *sources]:
            f, a = pair.first, pair.again
            print(f"| {pair.label} | {f.jobs} | {f.wall_s:.2f} | {f.rate:.1f} | {a.wall_s:.2f} | {pair.speedup:.1f}x | "
                  f"{f.others:.0%} / {a.others:.0%} |")  # fmt: skip
    page_speedup = 0.0
    if pages:
        print()
        print("| job pages | pages | first scrape s | unchanged re-scrape s | per page | speed-up | re-scrape: CPU s, "
              "page bytes read |")  # fmt: skip
        print("|---|---:|---:|---:|---:|---:|---:|")
        for pair in pages:
            f, a = pair.first, pair.again
            print(f"| {pair.label} | {f.jobs} | {f.wall_s:.2f} | {a.wall_s:.2f} | {1000 * a.wall_s / a.jobs:.0f} ms | "
                  f"{pair.speedup:.1f}x | {a.cpu_s:.2f} s, {a.bytes_read / 1e6:.1f} MB |")  # fmt: skip
        page_speedup = pages[0].speedup
        print()
        print(f"unchanged job pages re-scraped {page_speedup:.1f}x faster than the first scrape (target >= 10x)")
    left = stopped.left_behind or "nothing"
    print(f"shutdown: exit {stopped.exit_code}, {stopped.shutdown_s:.2f} s, left behind: {left}")
    print(f"load average after: {load_average()}")
    met = ratio >= 0.8 and speedup >= 20 and (not pages or page_speedup >= 10)
    return 0 if met else 1


KINDS = ("greenhouse", *BOARDS)


def source_kinds(value: str) -> tuple[str, ...]:
    """`--sources`: comma-separated kinds of `KINDS`."""
    kinds = tuple(kind.strip() for kind in value.split(",") if kind.strip())
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown or not kinds:
        named = f"unknown source kind(s) {', '.join(unknown)}" if unknown else "no source kind given"
        raise argparse.ArgumentTypeError(f"{named}; known: {', '.join(KINDS)}")
    return kinds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postings", type=int, default=300)
    parser.add_argument("--per-source", type=int, default=40, help="postings per source kind (0: skip)")
    parser.add_argument(
        "--sources",
        type=source_kinds,
        default=KINDS,
        help="comma-separated source kinds for the per-source table (default: all). The Greenhouse board of "
        "POSTINGS is scraped whatever this says (the embedding ratio and re-scrape targets); 'greenhouse' only "
        f"puts its row in the table. Known: {', '.join(KINDS)}",
    )
    parser.add_argument("--pages", type=int, default=50, help="job pages per set, each on its own host (0: skip)")
    parser.add_argument("--page-padding", type=int, default=20000, help="words of page chrome around each posting")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--wait-quiet", type=float, default=0.0, help="first wait up to this long for a quiet CPU")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())

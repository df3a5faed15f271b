"""Resume uploads and reads against one `skillgap up`, over gRPC and over REST through Envoy.

    .venv/bin/python -m tests.benchmarks.bench_uploads [--count 200] [--concurrency 4] [--get-calls 500]

One run of this script:

1. draws 2 x COUNT distinct resume PDFs (1-3 pages, distinct names and seeds, so no upload is a
   duplicate) before any timing;
2. starts `skillgap up` on a fresh temporary data dir (embedded PostgreSQL, Redis, vectors, Envoy), as a
   user runs it, and waits until it is ready;
3. per transport, first times the physical work alone on that set while the server idles:
   parse_resume + Embedder.embed_document in a single-threaded loop in this process (same model, same
   onnxruntime thread count as the server); then uploads the same set: the first over gRPC (grpc.aio,
   CONCURRENCY calls in flight), the second over REST (httpx, JSON with base64 `content`, same
   concurrency): uploads/s and latency p50/p95, and uploads/s divided by (parse+embed)/s;
4. reads one resume GET_CALLS times sequentially over gRPC, then over REST: latency p50/p95, and the
   REST/gRPC ratio of p50 (the cost of Envoy and the JSON transcoding);
5. stops `skillgap up` with SIGINT and prints everything as markdown tables, with the share of the CPU
   that other processes used during each measurement.

The client runs on the same machine as the server and takes some of its CPU; on a 2-core machine that
is part of the figure.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gc
import hashlib
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import httpx
from grpc import aio

from skillgap.auth.tokens import issue_token
from skillgap.config import DEV_JWT_SECRET, Settings
from skillgap.embedding.embedder import Embedder
from skillgap.resumes.parsing import parse_resume
from skillgap.v1 import resume_pb2, resume_pb2_grpc
from tests.benchmarks._common import (
    cpu_snapshot,
    load_average,
    machine_description,
    others_share,
    percentile,
    start_up,
    stop_up,
    wait_until_quiet,
)
from tests.fixtures.documents import make_resume_pdf

T = TypeVar("T")

USER = "bench-user"
_FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim", "Hedy", "Leslie"]
_LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Lee",
         "Lamarr", "Lamport", "Ritchie", "Hamilton", "Kay", "Wirth", "Backus"]  # fmt: skip


@dataclass(frozen=True)
class Document:
    name: str
    pages: int
    seed: int
    pdf: bytes

    @property
    def filename(self) -> str:
        return f"{self.name.lower().replace(' ', '-')}-{self.seed}.pdf"


@dataclass
class Timing:
    label: str
    calls: int
    in_flight: int
    wall_s: float
    latencies_s: list[float] = field(default_factory=list)
    errors: int = 0
    others: float = 0.0  # share of the machine's CPU other processes used meanwhile

    @property
    def rate(self) -> float:
        return (self.calls - self.errors) / self.wall_s

    def p(self, q: float) -> float:
        return percentile(self.latencies_s, q)


def make_documents(count: int, first_seed: int) -> list[Document]:
    documents = []
    for i in range(count):
        seed = first_seed + i
        name = f"{_FIRST[seed % len(_FIRST)]} {_LAST[(seed // len(_FIRST)) % len(_LAST)]}"
        pages = 1 + i % 3
        documents.append(Document(name=name, pages=pages, seed=seed, pdf=make_resume_pdf(name, pages, seed)))
    return documents


# ---------------------------------------------------------------- the physical work alone


@dataclass
class Baseline:
    timing: Timing
    parse_s: list[float]
    embed_s: list[float]
    text_chars: list[int]


def measure_parse_embed(
    label: str, documents: Sequence[Document], embedder: Embedder, max_bytes: int, server_pid: int
) -> Baseline:
    parse_s, embed_s, total_s, chars = [], [], [], []
    before = cpu_snapshot(server_pid)
    started = time.perf_counter()
    for document in documents:
        t0 = time.perf_counter()
        parsed = parse_resume(
            document.pdf, filename=document.filename, content_type="application/pdf", max_bytes=max_bytes
        )
        t1 = time.perf_counter()
        embedder.embed_document(parsed.text)
        t2 = time.perf_counter()
        parse_s.append(t1 - t0)
        embed_s.append(t2 - t1)
        total_s.append(t2 - t0)
        chars.append(len(parsed.text))
    wall = time.perf_counter() - started
    timing = Timing(label, len(documents), 1, wall, total_s, others=others_share(before, cpu_snapshot(server_pid)))
    return Baseline(timing, parse_s, embed_s, chars)


# ---------------------------------------------------------------- calls


async def run_concurrently(
    label: str, items: Sequence[T], in_flight: int, call: Callable[[T], Awaitable[bool]], server_pid: int
) -> Timing:
    """`call` on every item with `in_flight` workers; `call` returns False for a failed call."""
    timing = Timing(label, len(items), in_flight, 0.0)
    pending = iter(items)

    async def worker() -> None:
        for item in pending:
            t0 = time.perf_counter()
            try:
                ok = await call(item)
            except Exception as exc:
                ok = False
                print(f"  {label}: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)
            timing.latencies_s.append(time.perf_counter() - t0)
            timing.errors += 0 if ok else 1

    before = cpu_snapshot(server_pid)
    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(in_flight)))
    timing.wall_s = time.perf_counter() - started
    timing.others = others_share(before, cpu_snapshot(server_pid))
    return timing


async def run_benchmark(args: argparse.Namespace) -> int:
    print(f"machine: {machine_description()}")
    await wait_until_quiet(args.wait_quiet)
    load_before = load_average()
    print(f"load average before: {load_before}", flush=True)
    settings = Settings()

    # 1. The documents, before any timing.
    t0 = time.perf_counter()
    grpc_docs = make_documents(args.count, first_seed=10_000)
    rest_docs = make_documents(args.count, first_seed=20_000)
    warmup_docs = make_documents(2, first_seed=90_000)
    generated_s = time.perf_counter() - t0
    hashes = {hashlib.sha256(d.pdf).hexdigest() for d in (*grpc_docs, *rest_docs, *warmup_docs)}
    assert len(hashes) == 2 * args.count + 2, "documents are not all distinct"
    every = [*grpc_docs, *rest_docs]
    pages = {n: sum(1 for d in every if d.pages == n) for n in (1, 2, 3)}
    mean_kb = sum(len(d.pdf) for d in every) / len(every) / 1024
    print(f"drew {len(every)} + 2 warm-up PDFs in {generated_s:.1f} s", flush=True)

    root = Path(tempfile.mkdtemp(prefix="skillgap-bench-uploads-", dir=args.tmp_dir))
    try:
        # 2. The system as a user runs it.
        print("starting `skillgap up` ...", flush=True)
        running = await start_up((root / "data").resolve())
        print(f"`skillgap up` ready in {running.ready_s:.2f} s", flush=True)
        pid = running.process.pid
        try:
            # 3. The physical work alone, in this process, one document at a time (the server idles). Each
            # set is timed right before its uploads, so that both see the same machine.
            embedder = Embedder(cache_dir=root / "models")
            max_bytes = settings.max_upload_bytes
            measure_parse_embed("warm-up", warmup_docs, embedder, max_bytes, pid)
            token = issue_token(DEV_JWT_SECRET, USER)
            metadata = (("authorization", f"Bearer {token}"),)
            options = [
                ("grpc.max_send_message_length", settings.max_grpc_message_bytes),
                ("grpc.max_receive_message_length", settings.max_grpc_message_bytes),
            ]
            limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)
            async with (
                aio.insecure_channel(running.grpc_target, options=options) as channel,
                httpx.AsyncClient(
                    base_url=running.http_url,
                    headers={"authorization": f"Bearer {token}"},
                    timeout=300,
                    limits=limits,
                ) as http,
            ):
                stub = resume_pb2_grpc.ResumeServiceStub(channel)
                uploaded: dict[int, str] = {}  # seed -> resume id

                async def upload_grpc(document: Document) -> bool:
                    reply = await stub.UploadResume(
                        resume_pb2.UploadResumeRequest(
                            filename=document.filename, content_type="application/pdf", content=document.pdf
                        ),
                        metadata=metadata,
                        timeout=300,
                    )
                    uploaded[document.seed] = reply.resume.resume_id
                    return not reply.already_existed

                rest_bodies = {
                    d.seed: {
                        "filename": d.filename,
                        "content_type": "application/pdf",
                        "content": base64.b64encode(d.pdf).decode(),
                    }
                    for d in (*rest_docs, *warmup_docs)
                }

                async def upload_rest(document: Document) -> bool:
                    reply = await http.post("/api/resume/upload", json=rest_bodies[document.seed])
                    if reply.status_code != 200:
                        print(f"  REST upload: HTTP {reply.status_code}: {reply.text[:200]}", file=sys.stderr)
                        return False
                    return not reply.json().get("already_existed", False)

                # 4. Uploads; one warm-up call each first (not counted).
                await upload_grpc(warmup_docs[0])
                await upload_rest(warmup_docs[1])
                print("timing parse+embed alone on the gRPC set ...", flush=True)
                base_grpc = measure_parse_embed("parse+embed, gRPC set", grpc_docs, embedder, max_bytes, pid)
                print(f"uploading {args.count} PDFs over gRPC ...", flush=True)
                up_grpc = await run_concurrently("UploadResume, gRPC", grpc_docs, args.concurrency, upload_grpc, pid)
                print("timing parse+embed alone on the REST set ...", flush=True)
                base_rest = measure_parse_embed("parse+embed, REST set", rest_docs, embedder, max_bytes, pid)
                print(f"uploading {args.count} PDFs over REST ...", flush=True)
                up_rest = await run_concurrently("UploadResume, REST", rest_docs, args.concurrency, upload_rest, pid)
                del embedder
                gc.collect()

                # 5. Reads of one resume (the first 2-page one), sequential.
                read_doc = next(d for d in grpc_docs if d.pages == min(2, args.count))
                resume_id = uploaded[read_doc.seed]
                get_request = resume_pb2.GetResumeRequest(resume_id=resume_id)
                sizes: dict[str, int] = {}

                async def get_grpc(_: int) -> bool:
                    reply = await stub.GetResume(get_request, metadata=metadata, timeout=30)
                    sizes["grpc"] = reply.ByteSize()
                    return bool(reply.resume.resume_id == resume_id)

                async def get_rest(_: int) -> bool:
                    reply = await http.get(f"/api/resume/{resume_id}")
                    sizes["rest"] = len(reply.content)
                    return reply.status_code == 200

                for _ in range(args.get_warmup):
                    await get_grpc(0)
                    await get_rest(0)
                print(f"reading one resume {args.get_calls} times over gRPC, then over REST ...", flush=True)
                calls = list(range(args.get_calls))
                get_grpc_timing = await run_concurrently("GetResume, gRPC", calls, 1, get_grpc, pid)
                get_rest_timing = await run_concurrently("GetResume, REST", calls, 1, get_rest, pid)
        finally:
            stopped = await stop_up(running)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    load_after = load_average()

    # 6. Report.
    print()
    print(f"- machine: {machine_description()}")
    print(f"- load average (1/5/15 min) before: {load_before}; after: {load_after}")
    print(
        f"- `skillgap up` (embedded PostgreSQL + Redis, in-process vectors, Envoy) on a fresh data dir: ready in "
        f"{running.ready_s:.2f} s; stopped by SIGINT in {stopped.shutdown_s:.2f} s (exit {stopped.exit_code}), "
        f"left behind: {', '.join(stopped.left_behind) or 'none'}"
    )
    chars = base_grpc.text_chars + base_rest.text_chars
    print(
        f"- corpus: 2 x {args.count} distinct resume PDFs (pages 1/2/3: {pages[1]}/{pages[2]}/{pages[3]}), "
        f"mean {mean_kb:.1f} KiB, mean text {sum(chars) / len(chars):.0f} chars; drawn before timing "
        f"in {generated_s:.1f} s"
    )
    print(
        f"- GetResume reads one {read_doc.pages}-page resume: reply {sizes.get('grpc', 0)} bytes protobuf, "
        f"{sizes.get('rest', 0)} bytes JSON; "
        f"{args.get_warmup} warm-up calls each, not counted"
    )
    print()
    print("(others' CPU: share of all cores used by processes other than this script and `skillgap up`)\n")
    print("| measurement | calls | in flight | wall s | calls/s | p50 ms | p95 ms | errors | others' CPU |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows = [base_grpc.timing, up_grpc, base_rest.timing, up_rest, get_grpc_timing, get_rest_timing]
    for row in rows:
        print(
            f"| {row.label} | {row.calls} | {row.in_flight} | {row.wall_s:.2f} | {row.rate:.2f} "
            f"| {1000 * row.p(50):.1f} | {1000 * row.p(95):.1f} | {row.errors} | {100 * row.others:.0f}% |"
        )
    print()
    split = []
    for base in (base_grpc, base_rest):
        parse_total, embed_total = sum(base.parse_s), sum(base.embed_s)
        split.append(
            f"{base.timing.label}: parse p50 {1000 * percentile(base.parse_s, 50):.1f} ms, embed p50 "
            f"{1000 * percentile(base.embed_s, 50):.1f} ms (embedding is "
            f"{100 * embed_total / (parse_total + embed_total):.0f}% of the work)"
        )
    print("| ratio | value |")
    print("|---|---|")
    print(f"| gRPC uploads/s ÷ parse+embed/s (same PDFs) | {up_grpc.rate / base_grpc.timing.rate:.2f} |")
    print(f"| REST uploads/s ÷ parse+embed/s (same PDFs) | {up_rest.rate / base_rest.timing.rate:.2f} |")
    print(f"| REST uploads/s ÷ gRPC uploads/s | {up_rest.rate / up_grpc.rate:.2f} |")
    print(f"| GetResume p50 REST ÷ gRPC | {get_rest_timing.p(50) / get_grpc_timing.p(50):.2f} |")
    print(f"| GetResume p95 REST ÷ gRPC | {get_rest_timing.p(95) / get_grpc_timing.p(95):.2f} |")
    print()
    for line in split:
        print(f"- {line}")
    failed = sum(row.errors for row in rows) > 0 or bool(stopped.left_behind) or stopped.exit_code != 0
    return 1 if failed else 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200, help="PDFs uploaded per transport (default 200)")
    parser.add_argument("--concurrency", type=int, default=4, help="uploads in flight (default 4)")
    parser.add_argument("--get-calls", type=int, default=500, help="sequential GetResume calls each (default 500)")
    parser.add_argument("--get-warmup", type=int, default=20, help="uncounted GetResume calls first (default 20)")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="first wait up to this long for other processes to use under 10%% of the CPU (default 0: no wait)",
    )
    parser.add_argument("--tmp-dir", default=None, help="where to create the temporary data dir (default: $TMPDIR)")
    args = parser.parse_args(argv)
    if args.count < 1 or args.concurrency < 1 or args.get_calls < 1 or args.get_warmup < 0:
        parser.error("--count, --concurrency and --get-calls must be at least 1; --get-warmup at least 0")
    return args


if __name__ == "__main__":
    sys.exit(asyncio.run(run_benchmark(parse_args())))

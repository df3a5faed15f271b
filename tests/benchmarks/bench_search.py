"""SearchJobs latency at 10k / 50k (/ 100k) indexed jobs on the embedded default, next to the raw vector query.

    .venv/bin/python -m tests.benchmarks.bench_search [--sizes 10000,50000] [--searches 200] [--warm-up 20]
        [--base-postings 300] [--resumes 5] [--seed 7] [--breakdown] [--cache DIR] [--wait-quiet 0]

Embedding runs at about 5 postings/s on 2 cores, so 100k jobs cannot each be embedded. Instead:

1. BASE_POSTINGS distinct synthetic postings (`bench_extraction.make_postings`: 400-700 words, role
   families, headings, requirements) get their skills from `TaxonomyExtractor` (the packaged taxonomy)
   and their vector from the packaged `Embedder` (`embed_document_batch` of title + description, as
   ingestion embeds them): real skill lists and real embeddings;
2. each of the N jobs of a size is derived from one base posting: its skills, description and title
   (plus a variant: " (m/f/d)", " - Remote", " II"...), with its own id, company (from a pool of 400),
   source kind, locations, workplace type (remote 30%, hybrid 35%, onsite 30%, unspecified 5%),
   employment type, post time spread over the last 90 days (3% without one) and state (90% open); its
   vector is the base vector plus Gaussian noise (sigma 0.025 per dimension), renormalised: a derived
   job has a cosine of about 0.9 to its base and 0.8 to its siblings, so the similarities a search sees
   spread as they do for real postings, not in exact ties.

For each size, on a new temporary data dir:

- the embedded PostgreSQL (`ensure_postgres(None, data_dir)`, the one `skillgap up` starts on that dir)
  gets the migrations and the job rows by COPY, with every column `JobRepository.upsert` writes (skills
  jsonb as `JobSkills.model_dump(mode="json")`, skills_version, details, canonical URL, fingerprint,
  content hash, last seen time), then VACUUM ANALYZE (a settled table; autovacuum would otherwise run
  during the measurements); the vector index gets the same jobs through `open_vector_store(path=...)` +
  `upsert_jobs` with `jobs.service.search_payload` payloads, both written at once, in chunks of 2,000;
- raw vector query, in this process, on the reopened index before the server starts:
  `search_jobs(resume vector, filter=JobSearchFilter(), limit=RECALL)` (what `JobMatcher` recalls), and
  the same with the typical filter; query vectors are the vectors of RESUMES resumes
  (`tests.fixtures.documents.make_resume_text`, parsed and embedded as an upload does), in turn;
- `skillgap up` on that data dir (`start_up`); RESUMES resumes uploaded over gRPC (text/plain); then,
  sequentially over gRPC (grpc.aio, one call in flight), after WARM_UP calls each: SearchJobs by
  resume_id (page_size 20), the same with the typical filter (workplace remote + one required skill +
  posted_within_days 30; the skill is the one most base postings require among those every resume
  names), and a query-only search (the server embeds the query on each call);
- RSS of the `skillgap up` process right after start-up and after the searches, anonymous + file-backed
  (the vector index lives in it and maps its segments; PostgreSQL, Redis and Envoy are separate
  processes), its peak (VmHWM), and the PSS total of its PostgreSQL processes (shared memory counted
  once), then `stop_up`.

`--breakdown` then runs `JobMatcher.search` in this process on the same data dir (`App.open` as the
server does), with its collaborators wrapped to time each stage (resume row and vector, recall, recall +
rerank, rows, match_job) and `gc.callbacks` recording the garbage collector's pauses; a third pass repeats
the first after `gc.freeze()`. It also times the rerank's pieces (facts_from_payload, score, sort) on the
same recall. `--cache DIR` keeps the embeddings of the base postings and resumes between runs.
Prints markdown tables with the machine, the load and the CPU share other processes used meanwhile.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import numpy as np
from grpc import aio

from skillgap.auth.tokens import issue_token
from skillgap.config import DEV_JWT_SECRET, Settings
from skillgap.embedding.embedder import BATCH_SIZE, Embedder
from skillgap.jobs.models import JobPosting, Salary, StoredJob
from skillgap.jobs.normalize import canonical_url, content_fingerprint
from skillgap.jobs.service import content_hash, search_payload
from skillgap.matching.service import RECALL
from skillgap.resumes.parsing import parse_resume
from skillgap.runtime.services import ensure_postgres, stop_embedded
from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.models import JobSkills
from skillgap.skills.taxonomy import Taxonomy
from skillgap.storage.db import create_pool
from skillgap.storage.jobs import details_of
from skillgap.storage.migrations import apply_migrations
from skillgap.v1 import job_pb2, job_pb2_grpc, resume_pb2, resume_pb2_grpc
from skillgap.vectors.filters import JobSearchFilter
from skillgap.vectors.store import open_vector_store
from tests.benchmarks._common import (
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
from tests.benchmarks.bench_extraction import COMPANIES, DOMAINS, make_postings
from tests.fixtures.documents import make_resume_text

DIMENSIONS = 384
PAGE_SIZE = 20
TARGET_P95_MS = 50.0
POSTED_WITHIN_DAYS = 30
SPREAD_DAYS = 90
NOISE_SIGMA = 0.025
CHUNK = 2000  # jobs per COPY and per upsert_jobs call while building
USER = "bench-user"
QUERY = "senior backend engineer Python Kubernetes PostgreSQL"
_NAMES = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Barbara Liskov", "Donald Knuth", "Radia Perlman",
          "Ken Thompson", "Frances Allen", "Leslie Lamport", "Hedy Lamarr"]  # fmt: skip
_TITLE_VARIANTS = ["", "", "", " (m/f/d)", " - Remote", " | Hybrid", " II", " (Contract)", " - Europe", " (f/m/x)"]
_LOCATIONS = [
    "Berlin, Germany", "Munich, Germany", "Hamburg, Germany", "Amsterdam, Netherlands", "London, United Kingdom",
    "Paris, France", "Lisbon, Portugal", "Barcelona, Spain", "Warsaw, Poland", "Copenhagen, Denmark",
    "Stockholm, Sweden", "Zurich, Switzerland", "Dublin, Ireland", "New York, NY, United States",
    "San Francisco, CA, United States", "Austin, TX, United States", "Toronto, ON, Canada", "Remote - EU",
    "Remote - US", "Remote - Worldwide",
]  # fmt: skip
_SOURCES = ["greenhouse", "lever", "ashby", "workable", "smartrecruiters", "job_page", "manual"]
_JOB_COLUMNS = (
    "job_id", "source_kind", "source_identifier", "external_id", "title", "company", "url", "description",
    "details", "post_time", "scrape_time", "state", "close_time", "skills", "skills_version", "create_time",
    "update_time", "canonical_url", "fingerprint", "content_hash", "last_seen_time",
)  # fmt: skip


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Base:
    title: str
    description: str
    skills: JobSkills
    skills_json: str  # serialised once: every job derived from this base stores the same jsonb
    vector: np.ndarray


@dataclass
class Bases:
    items: list[Base]
    skills_version: str
    words_median: int
    extract_s: float
    embed_s: float


def embed(embedder: Embedder, texts: list[str], cache: Path | None) -> list[list[float]]:
    """`embed_document_batch` in the embedder's batches; with `cache`, kept in a file named after the texts
    and the model, for repeated runs (the embedding dominates a run's set-up)."""
    path = None
    if cache is not None:
        key = hashlib.sha256("\0".join([embedder.model_name, *texts]).encode()).hexdigest()[:16]
        path = cache / f"bench-search-{key}.npy"
        if path.is_file():
            return [row.tolist() for row in np.load(path)]
    vectors: list[list[float]] = []
    for start in range(0, len(texts), BATCH_SIZE):
        vectors += embedder.embed_document_batch(texts[start : start + BATCH_SIZE])
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, np.asarray(vectors, dtype=np.float32))
    return vectors


def make_bases(count: int, seed: int, embedder: Embedder, cache: Path | None) -> Bases:
    """Real skills and real embeddings for `count` synthetic postings (the slow part: ~5 postings/s)."""
    postings = make_postings(count, seed)
    taxonomy = Taxonomy.load()
    extractor = TaxonomyExtractor(taxonomy)
    began = time.perf_counter()
    skills = [extractor.extract_job_sync(title=p.title, description=p.description) for p in postings]
    extract_s = time.perf_counter() - began
    texts = [f"{p.title}\n{p.description}" for p in postings]  # what ingestion embeds (`_embedding_text`)
    began = time.perf_counter()
    vectors = embed(embedder, texts, cache)
    embed_s = time.perf_counter() - began
    items = [
        Base(p.title, p.description, s, json.dumps(s.model_dump(mode="json")), np.asarray(v, dtype=np.float32))
        for p, s, v in zip(postings, skills, vectors, strict=True)
    ]
    words = sorted(p.words for p in postings)
    return Bases(items, f"{taxonomy.version}/{extractor.name}", words[len(words) // 2], extract_s, embed_s)


@dataclass(frozen=True)
class Resume:
    name: str
    text: str
    vector: list[float]


def make_resumes(count: int, embedder: Embedder, cache: Path | None) -> list[Resume]:
    """Plain-text resumes, parsed and embedded exactly as `ResumeService.upload` does."""
    max_bytes = Settings().max_upload_bytes
    names = [_NAMES[n % len(_NAMES)] for n in range(count)]
    texts = [make_resume_text(name, seed=100 + n) for n, name in enumerate(names)]
    parsed = [
        parse_resume(text.encode(), filename="resume.txt", content_type="text/plain", max_bytes=max_bytes).text
        for text in texts
    ]
    # `embed_document` is `embed_document_batch` of one text (chunks averaged the same way).
    vectors = embed(embedder, parsed, cache)
    return [Resume(name, text, vector) for name, text, vector in zip(names, texts, vectors, strict=True)]


@dataclass
class Chunk:
    rows: list[tuple[Any, ...]]
    points: list[tuple[str, list[float], dict[str, object]]]


def derived_jobs(bases: Bases, count: int, seed: int, now: datetime) -> Iterator[Chunk]:
    """`count` jobs derived from the bases (module docstring), CHUNK at a time: the rows for COPY into
    `jobs` and the points for `upsert_jobs`. Deterministic for the seed, except for times relative to `now`."""
    pick = random.Random(seed)
    rng = np.random.default_rng(seed)
    companies = [f"{pick.choice(COMPANIES)} {pick.choice(DOMAINS).split()[0].title()} {n}" for n in range(400)]
    for start in range(0, count, CHUNK):
        size = min(CHUNK, count - start)
        chosen = rng.integers(0, len(bases.items), size=size)
        raw = np.stack([bases.items[b].vector for b in chosen])
        raw = raw + rng.standard_normal(raw.shape).astype(np.float32) * NOISE_SIGMA
        unit = raw / np.linalg.norm(raw, axis=1, keepdims=True)
        chunk = Chunk([], [])
        for offset, (b, vector) in enumerate(zip(chosen, unit, strict=True)):
            base = bases.items[int(b)]
            n = start + offset
            job_id = str(uuid.UUID(int=pick.getrandbits(128), version=4))
            company = pick.choice(companies)
            source = pick.choice(_SOURCES)
            board = company.lower().replace(" ", "-")
            posted = None if pick.random() < 0.03 else now - timedelta(days=pick.uniform(0, SPREAD_DAYS))
            salary = (
                Salary(float(pick.randrange(50, 90) * 1000), float(pick.randrange(90, 160) * 1000), "EUR", "year")
                if pick.random() < 0.3
                else None
            )
            posting = JobPosting(
                source_kind=source,
                source_identifier=board,
                external_id=str(1_000_000 + n),
                title=base.title + pick.choice(_TITLE_VARIANTS),
                description=base.description,
                company=company,
                url=f"https://jobs.example.com/{board}/{1_000_000 + n}",
                post_time=posted,
                locations=tuple(pick.sample(_LOCATIONS, k=pick.choice([0, 1, 1, 1, 2, 3]))),
                workplace_type=pick.choices(["remote", "hybrid", "onsite", "unspecified"], [30, 35, 30, 5])[0],
                employment_type=pick.choices(["full_time", "contract", "part_time"], [85, 10, 5])[0],
                salary=salary,
            )
            closed = pick.random() < 0.10
            seen = now - timedelta(days=pick.uniform(0, 3))
            job = StoredJob(
                job_id=job_id,
                posting=posting,
                state="closed" if closed else "open",
                scrape_time=seen,
                close_time=seen if closed else None,
                skills=base.skills,
            )
            chunk.rows.append(
                (
                    uuid.UUID(job_id), source, board, posting.external_id, posting.title, company, posting.url,
                    posting.description, json.dumps(details_of(posting)), posted, seen, job.state, job.close_time,
                    base.skills_json, bases.skills_version, seen, seen, canonical_url(posting.url),
                    content_fingerprint(posting.title, company, posting.description), content_hash(posting), seen,
                )
            )  # fmt: skip
            chunk.points.append((job_id, vector.tolist(), search_payload(job, base.skills)))
        yield chunk


def typical_skill(bases: Bases, resumes: Sequence[Resume]) -> str:
    """The skill a user would filter on: the most common required skill among the bases, preferring the
    ones every resume names (the user filters on a skill they have)."""
    counts: dict[str, int] = {}
    for base in bases.items:
        for skill in base.skills.required_skills:
            if skill.skill.skill_id:
                counts[skill.skill.skill_id] = counts.get(skill.skill.skill_id, 0) + 1
    taxonomy = Taxonomy.load()
    held = [
        skill_id
        for skill_id in counts
        if all(any(m.skill_id == skill_id for m in taxonomy.find_mentions(r.text)) for r in resumes)
    ]
    return max(held or counts, key=lambda skill_id: counts[skill_id])


# ---------------------------------------------------------------- building a data dir


@dataclass
class Built:
    jobs: int
    open_jobs: int
    build_s: float
    postgres_mb: float
    vectors_mb: float


async def build(data_dir: Path, bases: Bases, count: int, seed: int) -> Built:
    began = time.perf_counter()
    dsn, postgres = await ensure_postgres(None, data_dir)
    try:
        pool = await create_pool(dsn, min_size=1, max_size=2)
        try:
            await apply_migrations(pool)
        finally:
            await pool.close()
        # A plain connection: asyncpg's own jsonb codec takes the JSON text as is, so each base's skills
        # are serialised once, not once per job.
        conn = await asyncpg.connect(dsn)
        store = open_vector_store(path=data_dir / "vectors")
        try:
            await store.ensure_collections(DIMENSIONS)
            # Fewer WAL flushes: the data dir is thrown away if this process dies anyway.
            await conn.execute("SET synchronous_commit = off")
            open_jobs = 0
            chunks = derived_jobs(bases, count, seed, datetime.now(UTC))
            writing: asyncio.Future[Any] | None = None
            # PostgreSQL works in its own process and the index on its own thread, both at once, while the
            # next chunk is drawn on a third thread (off the loop, so that the COPY keeps streaming).
            while (chunk := await asyncio.to_thread(next, chunks, None)) is not None:
                if writing is not None:
                    await writing
                writing = asyncio.gather(
                    conn.copy_records_to_table("jobs", records=chunk.rows, columns=_JOB_COLUMNS),
                    store.upsert_jobs(chunk.points),
                )
                open_jobs += sum(1 for row in chunk.rows if row[11] == "open")
            if writing is not None:
                await writing
            await conn.execute("VACUUM (ANALYZE) jobs")
            postgres_bytes = await conn.fetchval("SELECT pg_database_size(current_database())")
            stored = await store.count("jobs")
            if stored != count:
                raise RuntimeError(f"the index holds {stored} jobs, not {count}")
        finally:
            await store.close()
            await conn.close()
    finally:
        await stop_embedded(postgres)
    return Built(count, open_jobs, time.perf_counter() - began, postgres_bytes / 1e6, disk_mb(data_dir / "vectors"))


def disk_mb(path: Path) -> float:
    """Allocated, not apparent, size: the index preallocates sparse files."""
    return sum(f.stat().st_blocks * 512 for f in path.rglob("*") if f.is_file()) / 1e6


# ---------------------------------------------------------------- raw vector query


@dataclass
class Timed:
    ms: list[float] = field(default_factory=list)
    results: list[int] = field(default_factory=list)
    others: float = 0.0

    @property
    def p50(self) -> float:
        return percentile(self.ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.ms, 95)

    def text(self, with_max: bool = False) -> str:
        tail = f" / {max(self.ms):.1f}" if with_max else ""
        return f"{self.p50:.1f} / {self.p95:.1f}{tail}"


def typical_filter(skill_id: str) -> JobSearchFilter:
    """What `JobMatcher.vector_filter` makes of workplace remote + the skill + posted within 30 days."""
    return JobSearchFilter(
        workplace_types=("remote",),
        required_skill_ids=(skill_id,),
        posted_after=datetime.now(UTC) - timedelta(days=POSTED_WITHIN_DAYS),
    )


async def raw_queries(
    data_dir: Path, resumes: Sequence[Resume], skill_id: str, searches: int, warm_up: int
) -> tuple[float, Timed, Timed]:
    """Open the index as the server does, then time `search_jobs` at the recall, without and with the filter."""
    began = time.perf_counter()
    store = open_vector_store(path=data_dir / "vectors")
    await store.ensure_collections(DIMENSIONS)
    open_s = time.perf_counter() - began
    timed = []
    try:
        for search_filter in (JobSearchFilter(), typical_filter(skill_id)):
            result = Timed()
            before = cpu_snapshot()
            for i in range(warm_up + searches):
                started = time.perf_counter()
                found = await store.search_jobs(resumes[i % len(resumes)].vector, filter=search_filter, limit=RECALL)
                if i >= warm_up:
                    result.ms.append((time.perf_counter() - started) * 1000)
                    result.results.append(len(found.hits))
            result.others = others_share(before, cpu_snapshot())
            timed.append(result)
    finally:
        await store.close()
    return open_s, timed[0], timed[1]


# ---------------------------------------------------------------- through the server


@dataclass
class Served:
    ready_s: float
    plain: Timed
    filtered: Timed
    query: Timed
    started_rss: str  # the server process right after start-up, before any upload or search
    server_rss: str  # after the searches
    server_peak_mb: float
    postgres_pss_mb: float
    postgres_rss_mb: float
    others_rss_mb: dict[str, float]
    caveats: list[str]


async def through_server(
    data_dir: Path, resumes: Sequence[Resume], skill_id: str, searches: int, warm_up: int
) -> Served:
    running = await start_up(data_dir, timeout=300.0)
    try:
        pid = running.process.pid
        started_rss = _rss_split(pid)
        metadata = (("authorization", f"Bearer {issue_token(DEV_JWT_SECRET, USER)}"),)
        async with aio.insecure_channel(running.grpc_target) as channel:
            resume_stub = resume_pb2_grpc.ResumeServiceStub(channel)
            jobs = job_pb2_grpc.JobServiceStub(channel)
            resume_ids = []
            for resume in resumes:
                reply = await resume_stub.UploadResume(
                    resume_pb2.UploadResumeRequest(
                        filename=f"{resume.name}.txt", content_type="text/plain", content=resume.text.encode()
                    ),
                    metadata=metadata,
                    timeout=60,
                )
                resume_ids.append(reply.resume.resume_id)
            remote = job_pb2.WORKPLACE_TYPE_REMOTE
            typical = job_pb2.JobFilter(
                workplace_types=[remote], required_skills=[skill_id], posted_within_days=POSTED_WITHIN_DAYS
            )
            caveats: set[str] = set()

            async def timed(requests: Sequence[job_pb2.SearchJobsRequest]) -> Timed:
                result = Timed()
                before = cpu_snapshot(pid)
                for i in range(warm_up + searches):
                    started = time.perf_counter()
                    reply = await jobs.SearchJobs(requests[i % len(requests)], metadata=metadata, timeout=30)
                    if i >= warm_up:
                        result.ms.append((time.perf_counter() - started) * 1000)
                        result.results.append(len(reply.matches))
                    caveats.update(reply.caveats)
                result.others = others_share(before, cpu_snapshot(pid))
                return result

            plain = await timed([job_pb2.SearchJobsRequest(resume_id=r, page_size=PAGE_SIZE) for r in resume_ids])
            filtered = await timed(
                [job_pb2.SearchJobsRequest(resume_id=r, page_size=PAGE_SIZE, filter=typical) for r in resume_ids]
            )
            query = await timed([job_pb2.SearchJobsRequest(query=QUERY, page_size=PAGE_SIZE)])
        children = descendants(pid)
        postgres = [p for p, info in children.items() if info.name.startswith("postgres")]
        others: dict[str, float] = {}
        for child, info in children.items():
            if not info.name.startswith("postgres"):
                others[info.name] = others.get(info.name, 0.0) + _status_kb(child, "VmRSS") / 1024
        return Served(
            ready_s=running.ready_s,
            plain=plain,
            filtered=filtered,
            query=query,
            started_rss=started_rss,
            server_rss=_rss_split(pid),
            server_peak_mb=_status_kb(pid, "VmHWM") / 1024,
            postgres_pss_mb=sum(_pss_kb(p) for p in postgres) / 1024,
            postgres_rss_mb=sum(_status_kb(p, "VmRSS") for p in postgres) / 1024,
            others_rss_mb=others,
            caveats=sorted(caveats),
        )
    finally:
        stopped = await stop_up(running)
        if stopped.exit_code != 0 or stopped.left_behind_after_grace:
            print(f"  (shutdown: exit {stopped.exit_code}, left behind: {stopped.left_behind_after_grace})")


def _rss_split(pid: int) -> str:
    """Anonymous (heap: Python objects, the index's in-memory structures) + file-backed (mapped files: the
    index's segments, the model, libraries; the kernel can drop and re-read these) resident MB."""
    return f"{_status_kb(pid, 'RssAnon') / 1024:.0f} + {_status_kb(pid, 'RssFile') / 1024:.0f}"


def _status_kb(pid: int, key: str) -> float:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{key}:"):
                return float(line.split()[1])
    return 0.0


def _pss_kb(pid: int) -> float:
    """Proportional set size: pages shared by several processes (PostgreSQL's shared buffers) count once
    in the sum over them, where summing RSS counts them once per process."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return float(line.split()[1])
    return 0.0


# ---------------------------------------------------------------- in-process breakdown


@dataclass
class Pass:
    label: str
    stages: dict[str, list[float]]
    total: list[float]
    gen2_ms: list[float]  # each full (generation 2) garbage collection that ran during the timed searches
    others: float


@dataclass
class Breakdown:
    passes: list[Pass]
    rerank_parts: dict[str, list[float]]
    gc_objects: int


async def breakdown(data_dir: Path, resumes: Sequence[Resume], skill_id: str, searches: int, warm_up: int) -> Breakdown:
    """Where `JobMatcher.search` spends its time, in this process on the same data dir (`App.open`
    as the server does): the matcher's collaborators are wrapped so that each await is timed, and the
    garbage collector's pauses are recorded through `gc.callbacks` (the product code is not touched).
    The last pass repeats the first after `gc.freeze()`, which moves every object alive then (taxonomy,
    catalog, settings...) out of the collector's reach."""
    from skillgap.app import App
    from skillgap.matching import service as matching
    from skillgap.matching.facts import candidate_from_profile, facts_from_payload
    from skillgap.matching.scoring import CoverageIndex, score
    from skillgap.matching.service import JobFilter, SearchRequest

    dsn, postgres = await ensure_postgres(None, data_dir)
    settings = Settings(data_dir=data_dir)
    app = await App.open(settings, database_url=dsn, vector_path=data_dir / "vectors")
    current: dict[str, float] = {}
    gen2: list[float] = []
    gc_began = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            gc_began[0] = time.perf_counter()
            return
        ms = (time.perf_counter() - gc_began[0]) * 1000
        current["GC pauses (any generation)"] = current.get("GC pauses (any generation)", 0.0) + ms
        if info["generation"] == 2:
            gen2.append(ms)

    def timing(name: str, call: Any) -> Any:
        async def wrapped(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return await call(*args, **kwargs)
            finally:
                current[name] = current.get(name, 0.0) + (time.perf_counter() - began) * 1000

        return wrapped

    def timing_sync(name: str, call: Any) -> Any:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                current[name] = current.get(name, 0.0) + (time.perf_counter() - began) * 1000

        return wrapped

    original_match = matching.match_job
    try:
        matcher = app.services.matcher
        resume_ids = []
        for resume in resumes:
            uploaded = await matcher._resumes.upload(
                USER, filename=f"{resume.name}.txt", content_type="text/plain", content=resume.text.encode()
            )
            resume_ids.append(uploaded.resume.resume_id)
        search_jobs = matcher._vectors.search_jobs
        matcher._resumes.get = timing("resume row", matcher._resumes.get)  # type: ignore[method-assign]
        matcher._vectors.get_resume_vector = timing(  # type: ignore[method-assign]
            "resume vector", matcher._vectors.get_resume_vector
        )
        matcher._vectors.search_jobs = timing(  # type: ignore[method-assign]
            "recall: search_jobs, limit 300", search_jobs
        )
        matcher._rank = timing("recall + rerank", matcher._rank)  # type: ignore[method-assign]
        matcher._jobs.get_many = timing("rows: get_many of 20", matcher._jobs.get_many)  # type: ignore[method-assign]
        matching.match_job = timing_sync("match_job x 20", original_match)  # type: ignore[assignment]
        gc.collect()
        gc_objects = len(gc.get_objects())  # what a full collection walks, before any freeze
        gc.callbacks.append(on_gc)
        typical = JobFilter(workplace_types=("remote",), required_skills=(skill_id,),
                            posted_within_days=POSTED_WITHIN_DAYS)  # fmt: skip
        passes = []
        for label, wanted, freeze in (
            ("resume_id", JobFilter(), False),
            ("resume_id + typical filter", typical, False),
            ("resume_id, after gc.freeze()", JobFilter(), True),
        ):
            if freeze:
                gc.collect()
                gc.freeze()
            stages: dict[str, list[float]] = {}
            total = []
            del gen2[:]
            before = cpu_snapshot()
            for i in range(warm_up + searches):
                if i == warm_up:
                    del gen2[:]
                current.clear()
                request = SearchRequest(resume_id=resume_ids[i % len(resume_ids)], filter=wanted, page_size=PAGE_SIZE)
                began = time.perf_counter()
                await matcher.search(USER, request)
                if i >= warm_up:
                    total.append((time.perf_counter() - began) * 1000)
                    for name, ms in current.items():
                        stages.setdefault(name, []).append(ms)
            passes.append(Pass(label, stages, total, list(gen2), others_share(before, cpu_snapshot())))
        gc.callbacks.remove(on_gc)
        gc.unfreeze()

        # The rerank of `JobMatcher._rank`, piece by piece, on what the same recall returns (fetched anew:
        # keeping the timed searches' hits would have grown the heap the collector walks).
        recalls = []
        for resume_id in resume_ids:
            stored = await matcher._resumes.get(USER, resume_id)
            vector = await matcher._vectors.get_resume_vector(resume_id, USER)
            recalls.append((candidate_from_profile(stored.profile, stored.text), vector))
        parts: dict[str, list[float]] = {}

        def lap(name: str, began: float) -> float:
            now = time.perf_counter()
            parts.setdefault(name, []).append((now - began) * 1000)
            return now

        for i in range(searches):
            candidate, vector = recalls[i % len(recalls)]
            found = await search_jobs(vector, filter=JobSearchFilter(), limit=RECALL)
            began = time.perf_counter()
            index = CoverageIndex(candidate, matcher._taxonomy)
            began = lap("CoverageIndex(candidate)", began)
            facts = [facts_from_payload(hit.job_id, hit.payload) for hit in found.hits]
            began = lap(f"facts_from_payload x {len(found.hits)}", began)
            scores = [score(f, index, hit.similarity).score for f, hit in zip(facts, found.hits, strict=True)]
            began = lap(f"score(...).score x {len(found.hits)}", began)
            sorted(range(len(scores)), key=lambda n: (-scores[n], -found.hits[n].similarity, found.hits[n].job_id))
            lap("sort", began)
    finally:
        if on_gc in gc.callbacks:
            gc.callbacks.remove(on_gc)
        gc.unfreeze()
        matching.match_job = original_match  # type: ignore[assignment]
        await app.aclose()
        await stop_embedded(postgres)
    return Breakdown(passes, parts, gc_objects)


# ---------------------------------------------------------------- report


@dataclass
class SizeResult:
    built: Built
    open_s: float
    raw_plain: Timed
    raw_filtered: Timed
    served: Served
    breakdown: Breakdown | None = None


async def measure_size(
    root: Path, size: int, bases: Bases, resumes: Sequence[Resume], skill_id: str, args: argparse.Namespace
) -> SizeResult:
    data_dir = root / f"data-{size}"
    data_dir.mkdir(parents=True)
    try:
        built = await build(data_dir, bases, size, args.seed)
        print(f"  built in {built.build_s:.1f} s: PostgreSQL {built.postgres_mb:.0f} MB, "
              f"index {built.vectors_mb:.0f} MB", flush=True)  # fmt: skip
        gc.collect()
        open_s, raw_plain, raw_filtered = await raw_queries(data_dir, resumes, skill_id, args.searches, args.warm_up)
        print(f"  raw search_jobs p50/p95 ms: {raw_plain.text()} (no filter), {raw_filtered.text()} (typical)",
              flush=True)  # fmt: skip
        served = await through_server(data_dir, resumes, skill_id, args.searches, args.warm_up)
        print(f"  SearchJobs p50/p95/max ms: {served.plain.text(True)} (resume), {served.filtered.text(True)} "
              f"(resume + filter), {served.query.text(True)} (query)", flush=True)  # fmt: skip
        result = SizeResult(built, open_s, raw_plain, raw_filtered, served)
        if args.breakdown:
            result.breakdown = await breakdown(data_dir, resumes, skill_id, args.searches, args.warm_up)
        return result
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def print_report(results: list[SizeResult], args: argparse.Namespace) -> None:
    print()
    print(
        f"| jobs (open) | raw vector query p50 / p95 ms, recall {RECALL} | SearchJobs p50 / p95 / max ms "
        "| ratio SearchJobs p50 / raw p50 | raw query, typical filter p50 / p95 | SearchJobs, typical filter "
        "p50 / p95 / max | query-only SearchJobs p50 / p95 / max | others' CPU |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        s = r.served
        others = max(s.plain.others, s.filtered.others, s.query.others, r.raw_plain.others, r.raw_filtered.others)
        print(
            f"| {r.built.jobs:,} ({r.built.open_jobs:,}) | {r.raw_plain.text()} | {s.plain.text(True)} "
            f"| {s.plain.p50 / r.raw_plain.p50:.1f}x | {r.raw_filtered.text()} | {s.filtered.text(True)} "
            f"| {s.query.text(True)} | up to {100 * others:.0f}% |"
        )
    print()
    print("| jobs | build s | PostgreSQL / index MB on disk | index open s (this process) | `skillgap up` ready s "
          "| server RSS MB (anon + file): started / after searches / peak | PostgreSQL MB: PSS (RSS sum) "
          "| Redis, Envoy RSS MB | matches per page (min) | raw filtered hits (mean) |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        s = r.served
        rest = ", ".join(f"{name} {mb:.0f}" for name, mb in sorted(s.others_rss_mb.items())) or "-"
        mean_hits = sum(r.raw_filtered.results) / max(1, len(r.raw_filtered.results))
        least = min(s.plain.results + s.filtered.results + s.query.results)
        print(
            f"| {r.built.jobs:,} | {r.built.build_s:.0f} | {r.built.postgres_mb:.0f} / {r.built.vectors_mb:.0f} "
            f"| {r.open_s:.2f} | {s.ready_s:.1f} | {s.started_rss} / {s.server_rss} / {s.server_peak_mb:.0f} "
            f"| {s.postgres_pss_mb:.0f} ({s.postgres_rss_mb:.0f}) | {rest} | {least} | {mean_hits:.0f} |"
        )
    for r in results:
        if r.breakdown is None:
            continue
        b = r.breakdown
        print(f"\nIn-process `JobMatcher.search` at {r.built.jobs:,} jobs, ms, p50 / p95 over {args.searches} "
              "searches (a stage's time includes any garbage collection that ran inside it):\n")  # fmt: skip
        print("| stage | " + " | ".join(p.label for p in b.passes) + " |")
        print("|---|" + "---:|" * len(b.passes))
        print("| **whole search** | " + " | ".join(_pp(p.total) for p in b.passes) + " |")
        names = list(dict.fromkeys(name for p in b.passes for name in p.stages))
        for name in names:
            # A stage that did not run in a search (no GC pause) counts as 0 ms there.
            cells = [_pp(_padded(p.stages.get(name, []), len(p.total))) for p in b.passes]
            print(f"| {name} | " + " | ".join(cells) + " |")
        print("| full collections (generation 2): count, ms each p50 / max | "
              + " | ".join(f"{len(p.gen2_ms)}, {_pp_max(p.gen2_ms)}" for p in b.passes) + " |")  # fmt: skip
        print("| CPU used by other processes | " + " | ".join(f"{100 * p.others:.0f}%" for p in b.passes) + " |")
        print(f"\nObjects the collector tracks in this process before the searches: {b.gc_objects:,}. The "
              "rerank, piece by piece, on the same recall:\n")  # fmt: skip
        print("| piece | p50 / p95 ms |")
        print("|---|---:|")
        for name, values in b.rerank_parts.items():
            print(f"| {name} | {_pp(values)} |")
    caveats = sorted({c for r in results for c in r.served.caveats})
    if caveats:
        print("\nCaveats the searches returned:")
        for caveat in caveats:
            print(f"- {caveat}")
    print()
    print(f"- load average after: {load_average()}")
    within = [r for r in results if r.built.jobs <= 50_000]
    if within:
        worst = max(max(r.served.plain.p95, r.served.filtered.p95) for r in within)
        verdict = "meets" if worst <= TARGET_P95_MS else "MISSES"
        print(f"- target SearchJobs p95 <= {TARGET_P95_MS:.0f} ms up to 50k jobs (by resume, with and without the "
              f"typical filter): {verdict} (worst p95 {worst:.1f} ms)")  # fmt: skip


def _pp(values: list[float]) -> str:
    return f"{percentile(values, 50):.1f} / {percentile(values, 95):.1f}" if values else "-"


def _padded(values: list[float], count: int) -> list[float]:
    return values + [0.0] * (count - len(values))


def _pp_max(values: list[float]) -> str:
    return f"{percentile(values, 50):.0f} / {max(values):.0f}" if values else "-"


async def run(args: argparse.Namespace) -> int:
    sizes = [int(size) for size in args.sizes.split(",") if size]
    await wait_until_quiet(args.wait_quiet)
    began = time.perf_counter()
    print("# SearchJobs on the embedded default, next to the raw vector query\n")
    print(f"- machine: {machine_description()}")
    print(f"- load average before: {load_average()}")
    root = Path(tempfile.mkdtemp(prefix="skillgap-bench-search-")).resolve()
    # Run as root, the embedded PostgreSQL runs as its own user, which must be able to reach its data dir
    # through this folder (mkdtemp makes it 0700); `skillgap up` would otherwise widen it and say so.
    root.chmod(0o711)
    try:
        # The packaged model with the server's thread count, as ingestion and uploads embed.
        embedder = Embedder(model_name=Settings().embedding_model, cache_dir=root / "models")
        bases = make_bases(args.base_postings, args.seed, embedder, args.cache)
        resumes = make_resumes(args.resumes, embedder, args.cache)
        del embedder  # its memory is not the server's; free it before the measurements
        skill_id = typical_skill(bases, resumes)
        cached = " (or read from --cache)" if args.cache else ""
        print(f"- {len(bases.items)} base postings (median {bases.words_median} words): skills extracted in "
              f"{bases.extract_s:.1f} s, embedded in {bases.embed_s:.1f} s{cached}; {len(resumes)} resumes; "
              f"taxonomy {bases.skills_version}")  # fmt: skip
        print(f"- jobs derived from them, vectors = base + N(0, {NOISE_SIGMA}^2) per dimension, renormalised; "
              f"post times over {SPREAD_DAYS} days, 90% open")  # fmt: skip
        print(f"- {args.searches} timed calls of each kind after {args.warm_up} warm-up calls, one at a time, over "
              f"{len(resumes)} resumes in turn; page size {PAGE_SIZE}; query-only: {QUERY!r}")  # fmt: skip
        print(f"- typical filter: open + workplace remote + requires {skill_id} + posted within "
              f"{POSTED_WITHIN_DAYS} days")  # fmt: skip
        print()
        results = []
        for size in sizes:
            print(f"{size:,} jobs:", flush=True)
            results.append(await measure_size(root, size, bases, resumes, skill_id, args))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print_report(results, args)
    print(f"- whole run: {time.perf_counter() - began:.0f} s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,50000", help="comma-separated job counts (100000 for the 100k)")
    parser.add_argument("--searches", type=int, default=200, help="timed calls of each kind")
    parser.add_argument("--warm-up", type=int, default=20, help="calls of each kind made first and not counted")
    parser.add_argument("--base-postings", type=int, default=300, help="postings actually extracted and embedded")
    parser.add_argument("--resumes", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--breakdown", action="store_true", help="also time JobMatcher.search's stages in process")
    parser.add_argument("--cache", type=Path, help="keep the embeddings of the base postings and resumes here")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())

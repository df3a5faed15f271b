"""Concurrent mock interviews over the Converse stream, with the offline engine, against one `skillgap up`.

    .venv/bin/python -m tests.benchmarks.bench_interviews [--streams 1 200] [--low-interviews 10] [--users 20]
        [--think-streams 200] [--think-s 3 12] [--embed-batches 1 2 4 8 16]

One run of this script:

1. serves a few synthetic postings (the generator of bench_extraction) as one Greenhouse board from a
   local HTTP server, starts `skillgap up` on a fresh temporary data dir (allowed to fetch from 127.0.0.1),
   scrapes the board over gRPC (admin token) and uploads one distinct text resume per simulated user;
2. burst mode, per concurrency level in --streams: opens that many Converse streams at once (a few
   grpc.aio channels, each its own HTTP/2 connection), each sends `start` (question_count 6) and answers
   every question as soon as its `question_complete` arrives, with a 40-120 word answer (about one in four
   hedges, so it is graded vague and earns a follow-up), until `finished`. With more than one stream,
   every stream waits after its first question until all are open (then the RSS of `skillgap up` is read:
   memory with every session open mid-interview), so the turns really run N at a time: the harshest load.
   Level 1 runs --low-interviews interviews one after another: the low-concurrency reference;
3. think-time mode (--think-streams, default the largest --streams level; 0 skips it): as many streams,
   opened and held the same way, but each simulated user thinks and types for a uniformly random
   --think-s LOW HIGH seconds before every answer (default 3-12 s for a quick run; 5-20 s is closer to
   real candidates), which is how real interviews load the server;
4. per turn, client-side: answer sent -> first event back (the next question's `question_started`: the
   answer is graded) and -> `answer_evaluated` (graded, next question written, session saved); and
   server-side, from the log of `skillgap up` (one line per answer from `InterviewService.answer`):
   answer received -> evaluation ready to send ("evaluated"), the engine's grading inside it (a wait for a
   worker thread included) and answer received -> turn saved;
5. the engine alone: after the runs, reads the stored sessions from the embedded PostgreSQL (its Unix
   socket) and grades a random sample of their (question, answer) turns again with `OfflineGrader` in this
   process, single-threaded, same packaged model and thread count as the server (one uncounted pass first
   fills the grader's cache of rubric-point vectors, as a running server's is), counting the answers it had
   to embed (the others were decided by their keywords); also the stored size of a session row
   (`pg_column_size(session)`). With --embed-batches, also the cost per answer of embedding the sampled
   answers in batches of each size, in stored order (as a micro-batcher would see them);
6. stops `skillgap up` and prints a markdown table.

"Overhead" is, per turn, the server-side evaluated time minus the grading inside it: what a turn costs
beyond the engine, inside the server (reading the session, the turn graph, the event loop's other work).
The client-side figures also include the client's own CPU on the same machine and the gRPC hop.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import asyncpg
import grpc
from grpc import aio

from skillgap.auth.tokens import issue_token
from skillgap.config import DEV_JWT_SECRET
from skillgap.embedding.embedder import Embedder
from skillgap.interview.grading import OfflineGrader
from skillgap.interview.models import Session
from skillgap.v1 import (
    interview_pb2,
    interview_pb2_grpc,
    job_pb2,
    job_pb2_grpc,
    resume_pb2,
    resume_pb2_grpc,
    scrape_pb2,
    scrape_pb2_grpc,
)
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
from tests.benchmarks.bench_extraction import Posting, make_postings
from tests.local_http import QuietHandler, base_url_of, local_server
from tests.local_http import running as serving

BOARD = "interviewbench"
COMPANY = "Interview Bench Co"
QUESTIONS = 6
STREAM_TIMEOUT_S = 900.0
# The line `InterviewService.answer` logs per answer (text log format, the default of `skillgap up`).
_TURN_LOG = re.compile(
    r"interview \S+ answer to \S+: evaluated after ([0-9.]+) ms(?: \(grading ([0-9.]+) ms\))?, "
    r"turn saved after ([0-9.]+) ms"
)
_SOCKET_DIR = re.compile(r"embedded PostgreSQL .* \(socket dir (.+), pid \d+\)")

_FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim", "Hedy", "Leslie"]
_LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Lee"]
_SKILLS = ["Python", "Django", "FastAPI", "PostgreSQL", "Redis", "Docker", "Kubernetes", "AWS", "Go", "Java",
           "TypeScript", "React", "Kafka", "Terraform", "GCP", "Spark", "Airflow", "pandas", "Linux",
           "gRPC"]  # fmt: skip

# Sentences an engineer says in an interview; answers are drawn from these, so they vary and stay on the
# kinds of topics the bank's rubrics name.
_SENTENCES = [
    "In production I would start from the requirements and measure before changing anything.",
    "I would profile the slow path first and look at the query plan for sequential scans.",
    "Where the plan shows a scan on a large table I add an index, and I check the write cost it adds.",
    "For read-heavy data a cache in Redis with a short TTL and explicit invalidation on writes works well.",
    "I keep writes consistent with transactions and make the handlers idempotent so retries are safe.",
    "We monitor latency, error rate and throughput with metrics and alerts on the p95, not the average.",
    "I test it with unit tests for the logic and integration tests against a real database in CI.",
    "Rolling it out gradually behind a feature flag lets us compare the error rate before and after.",
    "In Kubernetes I set resource requests and limits, readiness probes and a horizontal autoscaler.",
    "For infrastructure I use Terraform modules with remote state and a plan reviewed in the pull request.",
    "When a service is overloaded I add backpressure and timeouts so one slow dependency cannot cascade.",
    "At my last job we cut the p95 latency in half by batching the database calls and caching lookups.",
    "I document the trade-offs for the team in a short design note and agree on them before building.",
    "For data pipelines I make each step restartable and validate the schema at the boundaries.",
    "I would use a queue such as Kafka to decouple the producers from the consumers and absorb bursts.",
    "Security-wise I keep secrets out of the code, rotate them, and give each service the least privilege.",
    "Code review is where we share context; I ask for small pull requests with tests and a clear description.",
    "If the incident is ongoing, I mitigate first, communicate status, and write a blameless postmortem later.",
    "For APIs I version the contract, validate input at the edge and return errors that say what to fix.",
    "I pair with junior engineers on real tickets and let them drive, which works better than lectures.",
]
_HEDGES = [
    "I'm not sure, I have never done that in production myself.",
    "Honestly I don't know the details here, but I would guess something like this.",
    "Not sure, maybe; I only read about it and did not use it at work.",
]


@dataclass
class TurnTiming:
    graded_s: float  # answer sent -> first event back (the next question started: the answer is graded)
    evaluated_s: float  # answer sent -> answer_evaluated
    vague: bool


@dataclass
class Phase:
    streams: int  # in flight at once
    think_s: tuple[float, float] | None = None  # think-time mode: (low, high) seconds before each answer
    interviews: int = 0
    finished: int = 0
    turns: list[TurnTiming] = field(default_factory=list)
    start_s: list[float] = field(default_factory=list)  # start sent -> first question_complete
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0  # first start sent -> last interview finished
    turns_wall_s: float = 0.0  # all streams open (the barrier released) -> last interview finished
    rss_before_kib: int = 0
    rss_all_open_kib: int = 0  # all streams open, each mid-interview (first question asked)
    rss_peak_kib: int = 0
    rss_after_kib: int = 0
    others: float = 0.0
    follow_ups: int = 0
    server_evaluated_ms: list[float] = field(default_factory=list)  # from the server's log, per answer
    server_grading_ms: list[float] = field(default_factory=list)  # the engine's part of evaluated_ms
    server_saved_ms: list[float] = field(default_factory=list)
    server_cpu: dict[str, float] = field(default_factory=dict)  # `skillgap up` and all it runs, by process

    client_cpu_s: float = 0.0  # this process: the simulated users

    @property
    def mode(self) -> str:
        if self.think_s is not None:
            return f"think {self.think_s[0]:g}-{self.think_s[1]:g} s"
        return "burst" if self.streams > 1 else "one at a time"

    def p(self, values: Sequence[float], q: float) -> float:
        return 1000 * percentile(list(values), q)


def log_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def server_turns(path: Path, start: int, end: int) -> list[tuple[float, float | None, float]]:
    """(evaluated ms, grading ms if logged, saved ms) of every answer `skillgap up` logged between two
    offsets of its log."""
    with path.open("rb") as file:
        file.seek(start)
        text = file.read(max(0, end - start)).decode(errors="replace")
    return [
        (float(m.group(1)), float(m.group(2)) if m.group(2) else None, float(m.group(3)))
        for m in _TURN_LOG.finditer(text)
    ]


_TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu_s(root: int) -> dict[int, tuple[str, float]]:
    """CPU seconds used so far by a process and each living descendant (with the children they reaped),
    by pid: (process name, seconds)."""
    found = {}
    for pid in (root, *descendants(root)):
        with contextlib.suppress(OSError, IndexError, ValueError):
            head, _, rest = Path(f"/proc/{pid}/stat").read_text().rpartition(")")
            found[pid] = (head.partition("(")[2], sum(int(value) for value in rest.split()[11:15]) / _TICK)
    return found


def cpu_by_name(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds used between two `tree_cpu_s` readings, by process name, most first."""
    used: dict[str, float] = {}
    for pid, (name, seconds) in after.items():
        used[name] = used.get(name, 0.0) + seconds - before.get(pid, (name, 0.0))[1]
    return dict(sorted(used.items(), key=lambda item: -item[1]))


def own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def vm_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# ---------------------------------------------------------------- the board, the users, the answers


def board_server(postings: Sequence[Posting]) -> ThreadingHTTPServer:
    jobs = []
    for n, posting in enumerate(postings):
        body = "".join(f"<p>{html.escape(block)}</p>" for block in posting.description.split("\n") if block.strip())
        jobs.append(
            {
                "id": 7_000_000 + n,
                "title": posting.title,
                "company_name": COMPANY,
                "absolute_url": f"https://boards.greenhouse.io/{BOARD}/jobs/{7_000_000 + n}",
                "location": {"name": "Remote - EU"},
                "updated_at": "2026-11-01T10:00:00Z",
                "content": html.escape(body),  # Greenhouse escapes the HTML once more in `content`
            }
        )
    payload = {"jobs": jobs, "meta": {"total": len(jobs)}}

    class Handler(QuietHandler):
        def do_GET(self) -> None:
            self.send_json(payload)

    return local_server(Handler)


def make_resume(n: int) -> str:
    rng = random.Random(1000 + n)
    name = f"{_FIRST[n % len(_FIRST)]} {_LAST[(n // len(_FIRST)) % len(_LAST)]}"
    skills = rng.sample(_SKILLS, 7)
    years = rng.randint(3, 12)
    return (
        f"{name}\nSoftware Engineer\n\nSummary\nEngineer with {years} years of building services and data "
        f"pipelines (resume {n}).\n\nSkills\n{', '.join(skills)}\n\nExperience\nSenior Engineer, Acme "
        f"Payments, Jan 2021 - Present\n- Built APIs in {skills[0]} and {skills[1]} on {skills[2]}\n- Cut p95 "
        f"latency by half with caching\n\nEngineer, Globex, Mar {2020 - years} - Dec 2020\n- Wrote {skills[3]} "
        f"services and {skills[4]} jobs for billing\n\nProjects\n- A home lab with {skills[5]} and {skills[6]}\n"
    )


def make_answer(rng: random.Random, question_text: str) -> tuple[str, bool]:
    """A 40-120 word answer; about one in four hedges (graded vague: a follow-up comes)."""
    vague = rng.random() < 0.25
    target = rng.randint(40, 120)
    parts: list[str] = [rng.choice(_HEDGES)] if vague else []
    if not vague and rng.random() < 0.6:
        # Name some of the question's own words, as a candidate who listened does.
        words = [w.strip(".,:;()") for w in question_text.replace("?", " ").split() if len(w) > 5]
        if words:
            parts.append("Concretely, about " + ", ".join(rng.sample(words, min(4, len(words)))) + ".")
    pool = rng.sample(_SENTENCES, len(_SENTENCES))
    while sum(len(p.split()) for p in parts) < target and pool:
        parts.append(pool.pop())
    text = " ".join(parts)
    words = text.split()
    if len(words) > 120:
        text = " ".join(words[:120]).rstrip(",;") + "."
    return text, vague


# ---------------------------------------------------------------- one stream


class Stream:
    """A Converse call fed from a queue, read event by event."""

    def __init__(self, stub: interview_pb2_grpc.InterviewServiceStub, metadata: tuple[tuple[str, str], ...]) -> None:
        self._queue: asyncio.Queue[interview_pb2.ConverseRequest | None] = asyncio.Queue()
        self.call = stub.Converse(self._requests(), metadata=metadata, timeout=STREAM_TIMEOUT_S)
        self.events = self.call.__aiter__()

    async def _requests(self) -> AsyncIterator[interview_pb2.ConverseRequest]:
        while (request := await self._queue.get()) is not None:
            yield request

    def send(self, **action: Any) -> None:
        self._queue.put_nowait(interview_pb2.ConverseRequest(**action))

    def close(self) -> None:
        self._queue.put_nowait(None)

    async def next(self) -> interview_pb2.ConverseResponse:
        return await self.events.__anext__()


@dataclass
class Gate:
    """Holds every stream after its first question until all are open (then memory is read)."""

    expected: int
    opened: int = 0
    all_open: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def arrive(self) -> None:
        self.opened += 1
        if self.opened == self.expected:
            self.all_open.set()
        await self.release.wait()


async def interview(
    stub: interview_pb2_grpc.InterviewServiceStub,
    user: tuple[tuple[tuple[str, str], ...], str],
    job_id: str,
    seed: int,
    phase: Phase,
    gate: Gate | None,
) -> None:
    metadata, resume_id = user
    rng = random.Random(seed)
    think = random.Random(seed + 1)  # its own generator: the answers stay the same in both modes
    stream = Stream(stub, metadata)
    try:
        stream.send(
            start=interview_pb2.ConverseStart(
                job_id=job_id, resume_id=resume_id, options=interview_pb2.InterviewOptions(question_count=QUESTIONS)
            )
        )
        sent = time.perf_counter()
        first_question = True
        answered_vague = False
        graded_at: float | None = None
        while True:
            event = await stream.next()
            kind = event.WhichOneof("event")
            now = time.perf_counter()
            if kind == "error":
                phase.errors.append(f"error event {event.error.code} {event.error.reason}: {event.error.message}")
                return
            if graded_at is None and not first_question:
                graded_at = now
            if kind == "answer_evaluated":
                phase.turns.append(TurnTiming(graded_at - sent, now - sent, answered_vague))
            elif kind == "question_complete":
                question = event.question_complete
                phase.follow_ups += int(question.follow_up)
                if first_question:
                    phase.start_s.append(now - sent)
                    first_question = False
                    if gate is not None:
                        await gate.arrive()
                text, answered_vague = make_answer(rng, question.text)
                if phase.think_s is not None:
                    await asyncio.sleep(think.uniform(*phase.think_s))  # reading, thinking, typing
                graded_at = None
                sent = time.perf_counter()
                stream.send(answer=interview_pb2.ConverseAnswer(question_id=question.question_id, text=text))
            elif kind == "finished":
                phase.finished += 1
                return
    except StopAsyncIteration:
        phase.errors.append("stream ended before `finished`")
    except grpc.aio.AioRpcError as exc:
        phase.errors.append(f"RPC {exc.code().name}: {exc.details()}")
    finally:
        stream.close()
        if gate is not None and first_question:
            await gate.arrive()  # a stream that failed early must not hold the others forever
        stream.call.cancel()


async def run_phase(
    stubs: Sequence[interview_pb2_grpc.InterviewServiceStub],
    users: Sequence[tuple[tuple[tuple[str, str], ...], str]],
    job_ids: Sequence[str],
    streams: int,
    interviews: int,
    pid: int,
    server_log: Path,
    think_s: tuple[float, float] | None = None,
) -> Phase:
    phase = Phase(streams=streams, interviews=interviews, think_s=think_s)
    log_start = log_size(server_log)
    phase.rss_before_kib = vm_rss_kib(pid)
    gate = Gate(streams) if streams > 1 else None
    pending = iter(range(interviews))

    async def worker() -> None:
        for n in pending:
            stub = stubs[n % len(stubs)]
            await interview(stub, users[n % len(users)], job_ids[n % len(job_ids)], 50_000 * streams + n, phase, gate)

    async def sample_rss() -> None:
        while True:
            phase.rss_peak_kib = max(phase.rss_peak_kib, vm_rss_kib(pid))
            await asyncio.sleep(0.1)

    sampler = asyncio.create_task(sample_rss())
    before = cpu_snapshot(pid)
    server_cpu, client_cpu = tree_cpu_s(pid), own_cpu_s()
    started = time.perf_counter()
    workers = asyncio.gather(*(worker() for _ in range(streams)))
    released = started
    if gate is not None:
        # Every stream holds after its first question: all N sessions are open, mid-interview, now.
        waiter = asyncio.create_task(gate.all_open.wait())
        await asyncio.wait({waiter, workers}, return_when=asyncio.FIRST_COMPLETED)
        await asyncio.sleep(0.5)  # let the last replies settle before reading memory
        phase.rss_all_open_kib = vm_rss_kib(pid)
        released = time.perf_counter()
        gate.release.set()
    await workers
    ended = time.perf_counter()
    sampler.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await sampler
    phase.wall_s = ended - started
    phase.turns_wall_s = ended - released
    phase.others = others_share(before, cpu_snapshot(pid))
    phase.server_cpu, phase.client_cpu_s = cpu_by_name(server_cpu, tree_cpu_s(pid)), own_cpu_s() - client_cpu
    phase.rss_after_kib = vm_rss_kib(pid)
    await asyncio.sleep(0.3)  # the last turns' log lines
    turns = server_turns(server_log, log_start, log_size(server_log))
    phase.server_evaluated_ms = [evaluated for evaluated, _, _ in turns]
    phase.server_grading_ms = [grading for _, grading, _ in turns if grading is not None]
    phase.server_saved_ms = [saved for _, _, saved in turns]
    return phase


# ---------------------------------------------------------------- the engine alone, stored sizes


@dataclass
class Engine:
    grade_s: list[float]
    turns: int
    row_bytes_avg: float
    row_bytes_max: int
    sessions: int
    others: float
    embedded: int = 0  # answers of the counted pass the grader had to embed (the rest: keywords decided)
    # batch size -> (wall ms per answer, CPU ms per answer of this process, others' CPU share)
    batches: dict[int, tuple[float, float, float]] = field(default_factory=dict)


class CountingEmbedder(Embedder):
    """The packaged embedder, counting the texts it embeds one by one (the grader's answers, once the
    rubric points are cached)."""

    calls = 0

    def embed_document(self, text: str) -> list[float]:
        self.calls += 1
        return super().embed_document(text)


def postgres_socket_dir(log_path: Path, data_dir: Path) -> Path:
    """Where the embedded PostgreSQL put its Unix socket: PGDATA, or a fallback under the temp dir when
    that path is too long for a socket address; `skillgap up` logs which."""
    found = _SOCKET_DIR.search(log_path.read_text(errors="replace"))
    return Path(found.group(1)) if found else data_dir / "pgdata"


async def measure_engine(socket_dir: Path, model_dir: Path, sample: int, batch_sizes: Sequence[int] = ()) -> Engine:
    dsn = f"postgresql://postgres@/skillgap?host={socket_dir}&port=5432"
    conn = await asyncpg.connect(dsn)
    try:
        sizes = await conn.fetchrow(
            "SELECT count(*) AS n, avg(pg_column_size(session)) AS avg, max(pg_column_size(session)) AS max "
            "FROM interviews WHERE state = 'finished'"
        )
        rows = await conn.fetch("SELECT session::text FROM interviews WHERE state = 'finished'")
    finally:
        await conn.close()
    turns = []
    for row in rows:
        session = Session.model_validate_json(row[0])
        turns.extend((turn.question, turn.answer) for turn in session.turns)
    # A fixed random sample: grading all of 2,000+ turns twice would take minutes and say nothing more.
    turns = random.Random(5).sample(turns, min(sample, len(turns)))
    embedder = CountingEmbedder(cache_dir=model_dir)
    grader = OfflineGrader(embedder)
    for question, answer in turns:  # uncounted: fills the rubric-point cache, as in a running server
        grader.grade(question, answer)
    grade_s = []
    before = cpu_snapshot()
    embedder.calls = 0
    for question, answer in turns:
        t0 = time.perf_counter()
        grader.grade(question, answer)
        grade_s.append(time.perf_counter() - t0)
    others = others_share(before, cpu_snapshot())
    engine = Engine(
        grade_s, len(turns), float(sizes["avg"] or 0), int(sizes["max"] or 0), int(sizes["n"]), others, embedder.calls
    )
    answers = [answer for _, answer in turns]
    for size in batch_sizes:  # would micro-batching answers cut the model's cost per answer?
        snapshot, wall, cpu = cpu_snapshot(), time.perf_counter(), time.process_time()
        for start in range(0, len(answers), size):
            embedder.embed_document_batch(answers[start : start + size])
        engine.batches[size] = (
            1000 * (time.perf_counter() - wall) / len(answers),
            1000 * (time.process_time() - cpu) / len(answers),
            others_share(snapshot, cpu_snapshot()),
        )
    return engine


# ---------------------------------------------------------------- setup over the public API


async def scrape_board(channel: aio.Channel, base_url: str) -> None:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    metadata = (("authorization", f"Bearer {issue_token(DEV_JWT_SECRET, 'bench-admin', roles=['admin'])}"),)
    source = scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier=BOARD, base_url=base_url)
    reply = await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=[source]), metadata=metadata)
    while True:
        status = await stub.GetScrapeStatus(
            scrape_pb2.GetScrapeStatusRequest(run_id=reply.run.run_id), metadata=metadata
        )
        run = status.runs[0]
        if run.state not in (scrape_pb2.SCRAPE_STATE_QUEUED, scrape_pb2.SCRAPE_STATE_RUNNING):
            break
        await asyncio.sleep(0.1)
    if run.state != scrape_pb2.SCRAPE_STATE_SUCCEEDED:
        raise RuntimeError(f"scrape ended {scrape_pb2.ScrapeState.Name(run.state)}: {run}")


async def make_users(channel: aio.Channel, count: int) -> list[tuple[tuple[tuple[str, str], ...], str]]:
    stub = resume_pb2_grpc.ResumeServiceStub(channel)
    users = []
    for n in range(count):
        metadata = (("authorization", f"Bearer {issue_token(DEV_JWT_SECRET, f'bench-user-{n}')}"),)
        reply = await stub.UploadResume(
            resume_pb2.UploadResumeRequest(
                filename=f"cv-{n}.txt", content_type="text/plain", content=make_resume(n).encode()
            ),
            metadata=metadata,
            timeout=120,
        )
        users.append((metadata, str(reply.resume.resume_id)))
    return users


async def find_jobs(channel: aio.Channel, user: tuple[tuple[tuple[str, str], ...], str], expected: int) -> list[str]:
    metadata, resume_id = user
    stub = job_pb2_grpc.JobServiceStub(channel)
    request = job_pb2.SearchJobsRequest(resume_id=resume_id, filter=job_pb2.JobFilter(companies=[COMPANY]))
    reply = await stub.SearchJobs(request, metadata=metadata)
    ids = [match.job.job_id for match in reply.matches]
    if len(ids) != expected:
        raise RuntimeError(f"expected {expected} jobs after the scrape, SearchJobs found {len(ids)}")
    return ids


# ---------------------------------------------------------------- run and report


async def run(args: argparse.Namespace) -> int:
    print(f"machine: {machine_description()}")
    await wait_until_quiet(args.wait_quiet)
    load_before = load_average()
    print(f"load average before: {load_before}", flush=True)
    postings = make_postings(args.postings, seed=23)
    began = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="skillgap-bench-interviews-", dir=args.tmp_dir))
    data_dir = (root / "data").resolve()
    phases: list[Phase] = []
    try:
        with serving(board_server(postings)) as board:
            print("starting `skillgap up` ...", flush=True)
            running = await start_up(data_dir, settings={"scrape_allowed_hosts": "127.0.0.1"})
            pid = running.process.pid
            print(f"`skillgap up` ready in {running.ready_s:.2f} s (pid {pid})", flush=True)
            try:
                # Separate connections: channels with equal arguments would share one subchannel (one TCP
                # connection); a local pool per channel gives each its own, as separate clients would.
                options = [("grpc.use_local_subchannel_pool", 1)]
                channels = [aio.insecure_channel(running.grpc_target, options=options) for _ in range(args.channels)]
                try:
                    await scrape_board(channels[0], base_url_of(board))
                    users = await make_users(channels[0], args.users)
                    job_ids = await find_jobs(channels[0], users[0], len(postings))
                    print(f"{len(job_ids)} jobs scraped, {len(users)} users with a resume", flush=True)
                    stubs = [interview_pb2_grpc.InterviewServiceStub(channel) for channel in channels]
                    # Warm-up (not counted): the first interview loads lazily built pieces of the server.
                    await run_phase(stubs, users, job_ids, 1, 1, pid, running.stderr_path)
                    levels: list[tuple[int, tuple[float, float] | None]] = [(n, None) for n in args.streams]
                    if args.think_streams:
                        levels.append((args.think_streams, (args.think_s[0], args.think_s[1])))
                    for streams, think_s in levels:
                        count = args.low_interviews if streams == 1 and think_s is None else streams
                        mode = f", thinking {think_s[0]:g}-{think_s[1]:g} s before each answer" if think_s else ""
                        print(f"{count} interviews, {streams} stream(s) at once{mode} ...", flush=True)
                        phase = await run_phase(
                            stubs, users, job_ids, streams, count, pid, running.stderr_path, think_s
                        )
                        phases.append(phase)
                        for error in phase.errors[:5]:
                            print(f"  {error}", file=sys.stderr)
                        print(
                            f"  {phase.finished}/{count} finished, {len(phase.turns)} turns, "
                            f"{len(phase.errors)} errors, {phase.wall_s:.1f} s; "
                            f"{len(phase.server_evaluated_ms)} turns in the server's log",
                            flush=True,
                        )
                finally:
                    for channel in channels:
                        await channel.close()
                print("grading the stored turns again, engine alone ...", flush=True)
                socket_dir = postgres_socket_dir(running.stderr_path, data_dir)
                engine = await measure_engine(socket_dir, root / "models", args.engine_turns, args.embed_batches)
            finally:
                stopped = await stop_up(running)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    total_s = time.perf_counter() - began
    report(args, phases, engine, running.ready_s, stopped.exit_code, stopped.left_behind, load_before, total_s)
    failed = any(phase.errors or phase.finished != phase.interviews for phase in phases)
    return 1 if failed or stopped.exit_code != 0 or stopped.left_behind else 0


def report(
    args: argparse.Namespace,
    phases: Sequence[Phase],
    engine: Engine,
    ready_s: float,
    exit_code: int | None,
    left_behind: Sequence[str],
    load_before: str,
    total_s: float,
) -> None:
    engine_p50 = 1000 * percentile(engine.grade_s, 50)
    engine_p95 = 1000 * percentile(engine.grade_s, 95)
    print()
    print(f"- machine: {machine_description()}")
    print(f"- load average (1/5/15 min) before: {load_before}; after: {load_average()}")
    print(
        f"- `skillgap up` on a fresh data dir, ready in {ready_s:.1f} s; stopped with exit {exit_code}, left "
        f"behind: {', '.join(left_behind) or 'nothing'}; whole run {total_s:.0f} s"
    )
    print(
        f"- {args.postings} scraped jobs, {args.users} users with one text resume each; question_count "
        f"{QUESTIONS}, answers 40-120 words, about 1 in 4 hedged (vague: a follow-up); {args.channels} channels"
    )
    print(
        f"- engine alone (OfflineGrader.grade, this process, single-threaded, warm cache) on the "
        f"{engine.turns} stored turns (a random sample): p50 {engine_p50:.1f} ms, p95 {engine_p95:.1f} ms, max "
        f"{1000 * max(engine.grade_s, default=0):.1f} ms; {engine.embedded} of the {engine.turns} answers needed "
        f"the model (the others' keywords covered every rubric point); others' CPU meanwhile "
        f"{100 * engine.others:.0f}%"
    )
    print(
        f"- stored session row (`pg_column_size(session)`, {engine.sessions} finished sessions): mean "
        f"{engine.row_bytes_avg / 1024:.1f} KiB, max {engine.row_bytes_max / 1024:.1f} KiB"
    )
    print()
    print(
        "| streams at once | mode | interviews done | turns | follow-ups | errors | wall s | turns/s "
        "| server evaluated p50 / p95 / max ms | server grading p50 / p95 ms | overhead p50 / p95 ms "
        "| server saved p50 / p95 ms | engine alone p50 / p95 ms | client turn p50 / p95 / max ms "
        "| client graded p50 / p95 ms | CPU ms per turn, server / client | RSS +MiB all open (per session KiB) "
        "| RSS peak / after MiB | others' CPU |"
    )
    print("|---:|---|" + "---:|" * 17)
    for phase in phases:
        turns = [t.evaluated_s for t in phase.turns]
        graded = [t.graded_s for t in phase.turns]
        evaluated = [ms / 1000 for ms in phase.server_evaluated_ms]
        grading = [ms / 1000 for ms in phase.server_grading_ms]
        saved = [ms / 1000 for ms in phase.server_saved_ms]
        if grading and len(grading) == len(evaluated):
            # Per turn: answer received -> evaluated, minus the grading inside it.
            beyond = [e - g for e, g in zip(evaluated, grading, strict=True)]
            overhead = f"{phase.p(beyond, 50):.1f} / {phase.p(beyond, 95):.1f}"
        else:  # a server that does not log its grading time: estimated against the engine alone
            overhead = f"~{phase.p(evaluated, 50) - engine_p50:.1f} / -"
        if phase.streams > 1:
            grown = phase.rss_all_open_kib - phase.rss_before_kib
            memory = f"{grown / 1024:+.1f} ({grown / phase.streams:.0f})"
        else:
            memory = "-"
        wall = phase.turns_wall_s if phase.streams > 1 else phase.wall_s
        count = max(1, len(turns))
        print(
            f"| {phase.streams} | {phase.mode} | {phase.finished}/{phase.interviews} | {len(turns)} "
            f"| {phase.follow_ups} | {len(phase.errors)} | {phase.wall_s:.1f} | {len(turns) / wall:.1f} "
            f"| {phase.p(evaluated, 50):.1f} / {phase.p(evaluated, 95):.1f} / {1000 * max(evaluated, default=0):.0f} "
            f"| {phase.p(grading, 50):.1f} / {phase.p(grading, 95):.1f} | {overhead} "
            f"| {phase.p(saved, 50):.1f} / {phase.p(saved, 95):.1f} | {engine_p50:.1f} / {engine_p95:.1f} "
            f"| {phase.p(turns, 50):.0f} / {phase.p(turns, 95):.0f} / {1000 * max(turns, default=0):.0f} "
            f"| {phase.p(graded, 50):.0f} / {phase.p(graded, 95):.0f} "
            f"| {1000 * sum(phase.server_cpu.values()) / count:.0f} / {1000 * phase.client_cpu_s / count:.0f} "
            f"| {memory} "
            f"| {phase.rss_peak_kib / 1024:.0f} / {phase.rss_after_kib / 1024:.0f} | {100 * phase.others:.0f}% |"
        )
    print()
    for phase in phases:
        total = sum(phase.server_cpu.values())
        if total > 0:
            shares = ", ".join(f"{name} {100 * seconds / total:.0f}%" for name, seconds in phase.server_cpu.items()
                               if seconds / total >= 0.01)  # fmt: skip
            print(f"- {phase.streams} streams, {phase.mode}: server CPU {total:.1f} s, by process: {shares}")
    for earlier, phase in enumerate(phases):
        if phase.streams > 1 and any(before.streams >= phase.streams for before in phases[:earlier]):
            print(
                f"- {phase.streams} streams, {phase.mode}: its RSS growth is low because the server reuses the "
                f"memory an earlier phase of as many streams left behind; read memory per session from the first"
            )
        if len(phase.server_evaluated_ms) != len(phase.turns):
            print(
                f"- {phase.streams} streams, {phase.mode}: {len(phase.server_evaluated_ms)} turns in the server's "
                f"log for {len(phase.turns)} seen by the client"
            )
    if engine.batches:
        print()
        print("| embedding batch size | wall ms per answer | CPU ms per answer (this process) | others' CPU |")
        print("|---:|---:|---:|---:|")
        for size, (wall_ms, cpu_ms, others) in engine.batches.items():
            print(f"| {size} | {wall_ms:.1f} | {cpu_ms:.1f} | {100 * others:.0f}% |")
        print()
    # The bound: on these cores the server grades at most about 1/engine-time answers per second (the
    # engine's onnxruntime already uses every core), so N answers sent at once wait their turn in a queue.
    capacity = 1000 / engine_p50 if engine_p50 else float("nan")
    print(f"- engine capacity on this machine: about {capacity:.0f} graded answers/s (1 / engine p50)")
    for phase in phases:
        if phase.streams > 1 and phase.think_s is None:
            print(
                f"- {phase.streams} answers in flight: a queue of graded answers alone means a p50 of about "
                f"{phase.streams * 0.5 * engine_p50:.0f} ms and a p95 of about "
                f"{phase.streams * 0.95 * engine_p50:.0f} ms "
                f"per turn if every stream answered at the same instant; target p95 <= 100 ms holds up to "
                f"about {100 / engine_p50 / 0.95:.0f} answers in flight"
            )
        elif phase.think_s is not None:
            wall = phase.turns_wall_s or phase.wall_s
            offered = len(phase.turns) / wall if wall else 0.0
            evaluated_p95 = percentile(phase.server_evaluated_ms, 95)
            print(
                f"- {phase.streams} streams thinking {phase.think_s[0]:g}-{phase.think_s[1]:g} s: about "
                f"{offered:.1f} answers/s offered, {offered / capacity if capacity else 0:.0%} of the engine's "
                f"capacity; server-side evaluated p95 {evaluated_p95:.0f} ms (target 100 ms)"
            )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--streams",
        type=int,
        nargs="*",
        default=[1, 200],
        help="burst mode: streams at once, one phase each, answering at once (default 1 200)",
    )
    parser.add_argument(
        "--think-streams",
        type=int,
        default=None,
        help="think-time mode: streams at once (default: the largest --streams level; 0: skip the mode)",
    )
    parser.add_argument(
        "--think-s",
        type=float,
        nargs=2,
        default=[3.0, 12.0],
        metavar=("LOW", "HIGH"),
        help="think-time mode: seconds each user takes before an answer, uniformly random (default 3 12, a quick "
        "run; 5 20 is closer to real candidates)",
    )
    parser.add_argument("--low-interviews", type=int, default=10, help="interviews run one by one at 1 stream")
    parser.add_argument("--users", type=int, default=20, help="simulated users, one resume each (default 20)")
    parser.add_argument(
        "--engine-turns", type=int, default=300, help="stored turns graded again, engine alone (default 300)"
    )
    parser.add_argument(
        "--embed-batches",
        type=int,
        nargs="*",
        default=[],
        metavar="SIZE",
        help="also embed the sampled answers in batches of these sizes (would micro-batching help?)",
    )
    parser.add_argument("--postings", type=int, default=3, help="jobs on the local board (default 3)")
    parser.add_argument("--channels", type=int, default=4, help="gRPC channels (connections) to spread over")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS", help="wait for a quiet CPU first")
    parser.add_argument("--tmp-dir", default=None, help="where to create the temporary data dir (default: $TMPDIR)")
    args = parser.parse_args(argv)
    if args.think_streams is None:
        args.think_streams = max(args.streams, default=0)
    if (
        min(args.streams, default=1) < 1
        or args.think_streams < 0
        or args.low_interviews < 1
        or args.users < 1
        or args.channels < 1
    ):
        parser.error("--streams, --low-interviews, --users and --channels must be at least 1, --think-streams 0+")
    if not 0 <= args.think_s[0] <= args.think_s[1]:
        parser.error("--think-s LOW HIGH: 0 <= LOW <= HIGH")
    if min(args.embed_batches, default=1) < 1:
        parser.error("--embed-batches sizes must be at least 1")
    if not args.streams and not args.think_streams:
        parser.error("nothing to run: give --streams or --think-streams")
    return args


if __name__ == "__main__":
    sys.exit(asyncio.run(run(parse_args())))

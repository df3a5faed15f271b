"""The wiring (`skillgap.app`, the composition root): a server process builds each service once, the matcher
reads jobs through the job cache GetJob reads through, and stopping closes everything the process opened.

Each test opens a server of its own the way `skillgap serve` does (App.open, then GrpcServer over the App), with
an LLM server configured so that the process has a model to close too (it is never called: extraction is the
taxonomy engine's). The constructors, loaders and closers of what the process owns are wrapped to count them.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import pytest
from grpc import aio

import skillgap.app as app_module
from skillgap.api.server import GrpcServer
from skillgap.app import App
from skillgap.config import Settings
from skillgap.interview.bank import QuestionBank
from skillgap.jobs.models import JobPosting
from skillgap.jobs.service import JobCatalog
from skillgap.learning.catalog import ResourceCatalog
from skillgap.llm import ChatModel
from skillgap.matching.service import JobMatcher
from skillgap.resumes.sandbox import ParserSandbox
from skillgap.resumes.service import ResumeService
from skillgap.scraping.queue import ScrapeQueue
from skillgap.skills.taxonomy import Taxonomy
from skillgap.storage.job_cache import JobCache
from skillgap.storage.jobs import JobRepository
from skillgap.v1 import job_pb2, job_pb2_grpc
from skillgap.vectors.edge import EdgeStore
from tests.support.samples import BACKEND, upload

Metadata = tuple[tuple[str, str], ...]


@dataclass
class Census:
    """What the process built, loaded, read and closed."""

    built: dict[type, list[Any]] = field(default_factory=dict)
    loads: Counter[str] = field(default_factory=Counter)
    job_reads: list[str] = field(default_factory=list)  # job ids read from PostgreSQL, one entry per row
    closed: list[str] = field(default_factory=list)  # in the order they were closed

    def count(self, cls: type, monkeypatch: pytest.MonkeyPatch) -> None:
        init = cls.__init__
        built = self.built.setdefault(cls, [])

        def counted(instance: Any, *args: Any, **kwargs: Any) -> None:
            built.append(instance)
            init(instance, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", counted)


@pytest.fixture
def census(monkeypatch: pytest.MonkeyPatch) -> Census:
    found = Census()
    for cls in (ResumeService, ParserSandbox, JobCatalog, JobCache, JobMatcher):
        found.count(cls, monkeypatch)
    for cls in (Taxonomy, ResourceCatalog, QuestionBank):
        load = cls.load

        def loaded(_: type, load: Callable[[], Any] = load, name: str = cls.__name__) -> Any:
            found.loads[name] += 1
            return load()

        monkeypatch.setattr(cls, "load", classmethod(loaded))

    get, get_many = JobRepository.get, JobRepository.get_many

    async def read(repository: JobRepository, job_id: uuid.UUID) -> Any:
        job = await get(repository, job_id)
        found.job_reads.extend([job.job_id] if job else [])
        return job

    async def read_many(repository: JobRepository, job_ids: Any) -> Any:
        jobs = await get_many(repository, job_ids)
        found.job_reads.extend(job.job_id for job in jobs)
        return jobs

    monkeypatch.setattr(JobRepository, "get", read)
    monkeypatch.setattr(JobRepository, "get_many", read_many)

    def record(owner: Any, method: str, name: str) -> None:
        close = getattr(owner, method)

        async def closing(*args: Any) -> Any:
            found.closed.append(name)
            return await close(*args)

        monkeypatch.setattr(owner, method, closing)

    record(JobCache, "close", "job cache")
    record(ResumeService, "close", "resume service")
    record(ScrapeQueue, "close", "scrape queue")
    record(app_module, "close_extractor", "extractor")
    record(ChatModel, "aclose", "LLM model")
    record(EdgeStore, "close", "vector store")
    record(asyncpg.Pool, "close", "pool")
    sandbox_close = ParserSandbox.close

    def closing_sandbox(sandbox: ParserSandbox) -> None:
        found.closed.append("parser workers")
        sandbox_close(sandbox)

    monkeypatch.setattr(ParserSandbox, "close", closing_sandbox)
    return found


@dataclass
class Served:
    app: App
    server: GrpcServer
    channel: aio.Channel
    auth: Metadata
    stopped: bool = False

    async def stop(self) -> None:
        """As `skillgap serve` stops: the server, then the App."""
        self.stopped = True
        await self.server.stop(grace=1.0)
        await self.app.aclose()


@pytest.fixture
async def served(
    census: Census, settings: Settings, database_url: str, redis_url: str, token_for: Callable[..., str]
) -> AsyncIterator[Served]:
    configured = settings.model_copy(
        update={"llm_base_url": "http://127.0.0.1:9/v1", "llm_model": "never-called", "extractor": "taxonomy"}
    )
    app = await App.open(configured, database_url=database_url, vector_path=None, redis_url=redis_url)
    server = GrpcServer(app)
    port = await server.start(host="127.0.0.1", port=0)
    auth = (("authorization", f"Bearer {token_for(f'wiring-{uuid.uuid4().hex[:8]}')}"),)
    async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        done = Served(app, server, channel, auth)
        try:
            yield done
        finally:
            if not done.stopped:
                await done.stop()


async def store_job(app: App, company: str) -> str:
    """A job in this server's index, whose writes' change notices have all reached its job cache (a read that
    overlaps one is rightly not kept, see tests/jobs/test_job_cache.py)."""
    cache = app.services.job_cache
    assert cache.listening
    before = cache.notices
    posting = JobPosting("greenhouse", company, uuid.uuid4().hex, "Senior Backend Engineer", BACKEND, company=company)
    job_id = (await app.services.jobs.add(posting)).job_id
    deadline = time.monotonic() + 5
    heard = before
    while cache.notices == before or heard != cache.notices:  # until the notices came and stopped coming
        assert time.monotonic() < deadline, "the job's change notices never stopped arriving"
        heard = cache.notices
        await asyncio.sleep(0.3)
    return job_id


async def test_a_server_process_builds_each_service_once_and_its_matcher_reads_jobs_through_the_cache(
    served: Served, census: Census
) -> None:
    built = {cls.__name__: len(instances) for cls, instances in census.built.items()}
    # One of each: one parser pool (one set of worker processes and threads), one job catalog and its cache.
    assert built == {"ResumeService": 1, "ParserSandbox": 1, "JobCatalog": 1, "JobCache": 1, "JobMatcher": 1}
    # The curated data is loaded once, by the root, and handed to every service that reads it.
    assert census.loads == {"Taxonomy": 1, "ResourceCatalog": 1, "QuestionBank": 1}

    company = f"Wiringco {uuid.uuid4().hex[:8]}"
    job_id = await store_job(served.app, company)
    resume_id = await upload(served.channel, served.auth)
    stub = job_pb2_grpc.JobServiceStub(served.channel)
    census.job_reads.clear()
    for _ in range(2):
        got = await stub.GetJob(job_pb2.GetJobRequest(job_id=job_id), metadata=served.auth)
        assert got.job.job_id == job_id
        found = await stub.SearchJobs(
            job_pb2.SearchJobsRequest(resume_id=resume_id, filter=job_pb2.JobFilter(companies=[company])),
            metadata=served.auth,
        )
        assert [m.job.job_id for m in found.matches] == [job_id]
    # The first GetJob reads the job from PostgreSQL; the searches and the second GetJob find it in the cache.
    assert census.job_reads == [job_id]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_stopping_closes_everything_the_process_opened_in_the_reverse_order(
    served: Served, census: Census
) -> None:
    parse_threads = {t for t in threading.enumerate() if t.name.startswith("resume-parse")}
    await upload(served.channel, served.auth)  # starts a parser worker process, and a parse thread
    (sandbox,) = census.built[ParserSandbox]
    workers = sandbox.worker_pids()
    assert workers and all(_alive(pid) for pid in workers)
    ours = {t for t in threading.enumerate() if t.name.startswith("resume-parse")} - parse_threads
    assert ours

    await served.stop()
    assert census.closed == [
        # the services, then the resources, each in the reverse order of its opening
        "job cache",
        "resume service",
        "parser workers",
        "scrape queue",
        "extractor",
        "LLM model",
        "vector store",
        "pool",
    ]
    # Every parser pool built was closed (with one built per process, that is the one), its worker processes
    # and threads are gone, and so is the pool's every connection.
    assert census.closed.count("parser workers") == len(census.built[ParserSandbox])
    assert not [pid for pid in workers if _alive(pid)]
    for thread in ours:
        thread.join(timeout=5)
        assert not thread.is_alive(), thread.name
    assert served.app.resources.pool.is_closing()
    assert not served.app.services.job_cache.listening

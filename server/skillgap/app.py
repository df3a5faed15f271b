"""The composition root: the one place a SkillGap process builds what it runs on.

`skillgap up`, `serve`, `worker` and `reextract` each open one `App` at start-up; the gRPC server and the arq
jobs are handed its services. No other module builds a service, opens a client or loads the curated data, so a
process has one of each: one resume parser pool, one job catalog reading through one job cache (GetJob's and
the matcher's), one taxonomy, learning catalog and question bank, one embedding model, one LLM client.

An App owns what it opened on one AsyncExitStack: opened in this order, closed in the reverse one.

    Resources  PostgreSQL pool (migrated) -> embedding model -> vector store -> taxonomy, learning catalog,
               question bank -> LLM ChatModel (None offline) -> skill extractor -> scrape queue (with Redis)
    Services   every service by its constructor (`build_services`), over the resources; of what they hold, the
               resume service's parser workers and threads, then the job cache, which starts listening here
               (when the process serves reads)

The gRPC server is not part of it: its callers start it after the App is open and stop it before the App
closes, so that no call runs on a closed service.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from skillgap.alerts.matching import AlertMatcher
from skillgap.alerts.secret_box import secret_box
from skillgap.alerts.service import AlertService
from skillgap.alerts.webhooks import WebhookSender
from skillgap.config import Settings
from skillgap.embedding.embedder import Embedder
from skillgap.interview.bank import QuestionBank
from skillgap.interview.engines import InterviewEngine, OfflineEngine
from skillgap.interview.grading import OfflineGrader
from skillgap.interview.service import InterviewService
from skillgap.jobs.service import JobCatalog
from skillgap.learning.catalog import ResourceCatalog
from skillgap.llm import build_chat_model
from skillgap.matching.ask import JobQuestions
from skillgap.matching.service import JobMatcher
from skillgap.occupations.index import OccupationIndex
from skillgap.places.schema import gazetteer
from skillgap.resources import Resources
from skillgap.resumes.sandbox import ParserSandbox
from skillgap.resumes.service import ResumeService
from skillgap.scraping.discovery.service import DiscoveryService
from skillgap.scraping.ingest import Ingestor
from skillgap.scraping.queue import ScrapeQueue
from skillgap.scraping.saved_search_service import SavedSearchService
from skillgap.scraping.service import ScrapeService
from skillgap.skills.engines import build_extractor, close_extractor
from skillgap.skills.taxonomy import Taxonomy
from skillgap.storage.alerts import AlertRepository
from skillgap.storage.db import create_pool
from skillgap.storage.interviews import InterviewRepository
from skillgap.storage.job_cache import JobCache
from skillgap.storage.job_text_search import JobTextSearch
from skillgap.storage.jobs import JobRepository
from skillgap.storage.migrations import apply_migrations
from skillgap.storage.resumes import ResumeRepository
from skillgap.storage.saved_searches import SavedSearchRepository
from skillgap.storage.scrape_runs import ScrapeRunRepository
from skillgap.vectors.store import open_vector_store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    """Every use case of a process, one instance each."""

    resumes: ResumeService
    # Reads through `job_cache`: GetJob, GetJobSkills and the matcher's reads (search, gaps, questions, interviews).
    jobs: JobCatalog
    job_cache: JobCache
    # One matcher serves search, questions about jobs and interview planning.
    matcher: JobMatcher
    questions: JobQuestions
    interviews: InterviewService
    scrapes: ScrapeService
    ingestor: Ingestor
    # A user's saved searches; their runs are scrape runs, run by the same workers.
    saved_searches: SavedSearchService
    # Finding a company's job board from its careers page (admin).
    discovery: DiscoveryService
    # Job alerts: a user's subscriptions and alerts (the API); matching a finished scrape run's jobs and sending
    # the webhooks (the workers).
    alerts: AlertService
    alert_matcher: AlertMatcher
    webhooks: WebhookSender


def build_services(resources: Resources) -> Services:
    """Every service over `resources`, by its constructor. Starts nothing and opens nothing: `App` starts the job
    cache and closes what these hold."""
    settings = resources.settings
    job_cache = JobCache(resources.pool, capacity=settings.job_cache_size)
    jobs = JobCatalog(
        JobRepository(resources.pool),
        resources.embedder,
        resources.vectors,
        resources.extractor,
        reading_version=resources.reading_version,
        cache=job_cache,
    )
    resumes = ResumeService(
        ResumeRepository(resources.pool),
        resources.embedder,
        resources.vectors,
        resources.extractor,
        resources.taxonomy,
        occupations=resources.occupations,
        reading_version=resources.reading_version,
        max_upload_bytes=settings.max_upload_bytes,
        parser=ParserSandbox.from_settings(settings),
    )
    matcher = JobMatcher(
        jobs,
        resumes,
        resources.vectors,
        resources.embedder,
        resources.taxonomy,
        resources.catalog,
        text_search=JobTextSearch(resources.pool),
        occupations=resources.occupations,
    )
    offline = OfflineEngine(OfflineGrader(resources.embedder, taxonomy=resources.taxonomy))
    llm: InterviewEngine | None = None
    verdict_writer = None
    if resources.llm is not None:
        from skillgap.interview.llm import LlmEngine
        from skillgap.interview.verdict_llm import VerdictWriter

        llm = LlmEngine(model=resources.llm, fallback=offline)
        verdict_writer = VerdictWriter(resources.llm)
    key = settings.webhook_secret_key
    secrets = secret_box(key.get_secret_value() if key else None, settings.data_dir)
    return Services(
        resumes=resumes,
        jobs=jobs,
        job_cache=job_cache,
        matcher=matcher,
        questions=JobQuestions(matcher, resources.taxonomy, model=resources.llm),
        interviews=InterviewService(
            InterviewRepository(resources.pool),
            matcher,
            resources.bank,
            offline,
            llm=llm,
            ttl=timedelta(minutes=settings.interview_ttl_minutes),
            catalog=resources.catalog,
            taxonomy=resources.taxonomy,
            resumes=resumes,
            verdict_writer=verdict_writer,
        ),
        scrapes=ScrapeService(
            ScrapeRunRepository(resources.pool),
            resources.scrape_queue,
            configured=settings.configured_scrape_sources,
            allowed_hosts=settings.scrape_allowed_hosts,
        ),
        ingestor=Ingestor(jobs),
        saved_searches=SavedSearchService(
            SavedSearchRepository(resources.pool),
            ScrapeRunRepository(resources.pool),
            resources.scrape_queue,
            configured=settings.configured_scrape_sources,
        ),
        discovery=DiscoveryService(
            allowed_hosts=settings.scrape_allowed_hosts, configured=settings.configured_scrape_sources
        ),
        alerts=AlertService(
            AlertRepository(resources.pool),
            resumes,
            matcher,
            secrets=secrets,
            webhook_allowed_hosts=settings.webhook_allowed_hosts,
        ),
        alert_matcher=AlertMatcher(
            AlertRepository(resources.pool),
            jobs,
            resumes,
            matcher,
            resources.vectors,
            resources.embedder,
            resources.taxonomy,
            occupations=resources.occupations,
        ),
        webhooks=WebhookSender(
            AlertRepository(resources.pool), secrets=secrets, allowed_hosts=settings.webhook_allowed_hosts
        ),
    )


class App:
    """A process's Resources and Services, and the stack that closes them (`aclose`, or `async with`)."""

    def __init__(self, resources: Resources, services: Services, stack: AsyncExitStack) -> None:
        self.resources = resources
        self.services = services
        self._stack = stack

    @property
    def settings(self) -> Settings:
        return self.resources.settings

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        database_url: str,
        vector_path: Path | None,
        redis_url: str | None = None,
        migrate: bool = True,
        listen_for_job_changes: bool = True,
    ) -> App:
        """Open the resources and build the services on them; a failure closes what was opened before it.

        `vector_path`: where the in-process index keeps its data when no SKILLGAP_QDRANT_URL is set; None keeps it
        in a temporary folder removed on close (tests). `listen_for_job_changes`: whether the job cache listens
        (it costs a connection of the pool; a process that serves no reads, a worker, leaves it off and reads
        every job from the database, which is all it did before)."""
        stack = AsyncExitStack()
        try:
            resources = await _open_resources(
                stack,
                settings,
                database_url=database_url,
                vector_path=vector_path,
                redis_url=redis_url,
                migrate=migrate,
            )
            services = await _start_services(stack, resources, listen=listen_for_job_changes)
        except BaseException:
            await stack.aclose()
            raise
        return cls(resources, services, stack)

    @classmethod
    async def over(cls, resources: Resources, *, listen_for_job_changes: bool = True) -> App:
        """Services of their own on resources the caller opened and closes (tests: a second server on the session's
        model and index, or on another database). Closing this App closes those services only."""
        stack = AsyncExitStack()
        try:
            services = await _start_services(stack, resources, listen=listen_for_job_changes)
        except BaseException:
            await stack.aclose()
            raise
        return cls(resources, services, stack)

    async def aclose(self) -> None:
        await self._stack.aclose()

    async def __aenter__(self) -> App:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


async def _open_resources(
    stack: AsyncExitStack,
    settings: Settings,
    *,
    database_url: str,
    vector_path: Path | None,
    redis_url: str | None,
    migrate: bool,
) -> Resources:
    """Connect to PostgreSQL (and migrate it) and the vector index, load the model and the curated data; each
    closer goes on `stack` right after its object opened."""
    pool = await create_pool(database_url, min_size=settings.db_pool_min_size, max_size=settings.db_pool_max_size)
    stack.push_async_callback(pool.close)
    if migrate:
        applied = await apply_migrations(pool)
        if applied:
            log.info("database migrated to version %d", applied[-1])
    embedder = await asyncio.to_thread(
        Embedder,
        model_name=settings.embedding_model,
        model_path=settings.embedding_model_path,
        cache_dir=settings.data_dir / "models",
        max_tokens=settings.embedding_max_tokens,
    )
    api_key = settings.qdrant_api_key.get_secret_value() if settings.qdrant_api_key else None
    vectors = open_vector_store(
        url=settings.qdrant_url, api_key=api_key, path=None if settings.qdrant_url else vector_path
    )
    stack.push_async_callback(vectors.close)
    await vectors.ensure_collections(embedder.dimensions)
    # Parsed once, off the event loop, and only read from then on: every service shares these three.
    taxonomy = await asyncio.to_thread(Taxonomy.load)
    occupations = await asyncio.to_thread(OccupationIndex.packaged)
    catalog = await asyncio.to_thread(ResourceCatalog.load)
    bank = await asyncio.to_thread(QuestionBank.load)
    # The place names the resume and page readers look up (about 0.6 s to build): built now, not on the first upload.
    await asyncio.to_thread(gazetteer)
    llm = build_chat_model(settings)
    if llm is not None:
        stack.push_async_callback(llm.aclose)
    extractor = build_extractor(settings, taxonomy, model=llm, occupations=occupations)
    stack.push_async_callback(close_extractor, extractor)
    queue = ScrapeQueue(redis_url, queue_name=settings.queue_name) if redis_url else None
    if queue is not None:
        stack.push_async_callback(queue.close)
    return Resources(
        settings=settings,
        pool=pool,
        vectors=vectors,
        embedder=embedder,
        extractor=extractor,
        taxonomy=taxonomy,
        occupations=occupations,
        catalog=catalog,
        bank=bank,
        scrape_queue=queue,
        llm=llm,
    )


async def _start_services(stack: AsyncExitStack, resources: Resources, *, listen: bool) -> Services:
    services = build_services(resources)
    stack.push_async_callback(services.resumes.close)  # its parser worker processes and threads
    await services.alerts.seal_plain_secrets()  # secrets stored before they were encrypted (migration 0014)
    stack.push_async_callback(services.job_cache.close)
    if listen:
        await services.job_cache.start()
    return services

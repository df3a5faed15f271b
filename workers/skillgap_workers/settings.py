"""The arq worker: the one place jobs are registered. Run it with `skillgap worker`."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, ClassVar

from arq import cron, func
from arq.connections import RedisSettings
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from skillgap.alerts.webhooks import MAX_ATTEMPTS as WEBHOOK_MAX_ATTEMPTS
from skillgap.app import App
from skillgap.config import Settings
from skillgap.scraping.service import JOB_NAME as SCRAPE_JOB_NAME
from skillgap_workers.alerts import (
    DELIVER_JOB_NAME,
    MATCH_JOB_NAME,
    MATCH_MAX_TRIES,
    deliver_webhook,
    match_alerts,
    match_unmatched_runs,
)
from skillgap_workers.jobs import expire_interviews, reindex_resumes
from skillgap_workers.saved_searches import queue_due_saved_searches
from skillgap_workers.schedule import queue_due_scrapes
from skillgap_workers.scrape import SCRAPE_MAX_TRIES, recover_stalled_scrapes, scrape_run

log = logging.getLogger(__name__)

# A worker rides out a Redis restart or failover: a command that cannot reach Redis is tried again, with
# backoff up to REDIS_RETRY_MAX_DELAY apart, for about REDIS_OUTAGE_SECONDS before the worker gives up and
# exits (arq stops on the first error otherwise, taking the jobs it runs down with it).
REDIS_OUTAGE_SECONDS = 120.0
REDIS_RETRY_MAX_DELAY = 2.0


async def startup(ctx: dict[str, Any]) -> None:
    """Open the App (skillgap.app: every service and client, once) unless the caller handed one over (`skillgap
    up` shares the server's), then take over the scrape runs that a dead worker left behind."""
    if "app" not in ctx:
        settings: Settings = ctx.get("settings") or Settings()
        if not settings.database_url:
            raise RuntimeError("the worker needs SKILLGAP_DATABASE_URL")
        # A worker serves no reads: its job cache does not listen (nor take a connection of the pool for it).
        ctx["app"] = await App.open(
            settings,
            database_url=settings.database_url,
            vector_path=settings.data_dir / "vectors",
            redis_url=settings.redis_url,
            listen_for_job_changes=False,
        )
        ctx["owns_app"] = True
    try:
        await recover_stalled_scrapes(ctx)
    except Exception:  # a start-up must not fail on it: the cron tries again every minute
        log.exception("could not check for stalled scrape runs")


async def shutdown(ctx: dict[str, Any]) -> None:
    app: App | None = ctx.get("app")
    if app is not None and ctx.get("owns_app"):
        await app.aclose()


def redis_settings(url: str) -> RedisSettings:
    settings = RedisSettings.from_dsn(url)
    # OSError too: redis-py retries connecting only on the errors listed here, and a refused connection is one.
    settings.retry_on_error = [RedisConnectionError, RedisTimeoutError, OSError]
    settings.retry = Retry(
        ExponentialBackoff(cap=REDIS_RETRY_MAX_DELAY, base=0.1),
        retries=int(REDIS_OUTAGE_SECONDS / REDIS_RETRY_MAX_DELAY) + 5,
    )
    return settings


class WorkerSettings:
    # A scrape run waits for an unreachable database by arq's Retry, one try after another: it has tries enough.
    functions: ClassVar[Sequence[Any]] = [
        reindex_resumes,
        func(scrape_run, name=SCRAPE_JOB_NAME, max_tries=SCRAPE_MAX_TRIES),
        func(match_alerts, name=MATCH_JOB_NAME, max_tries=MATCH_MAX_TRIES),
        func(deliver_webhook, name=DELIVER_JOB_NAME, max_tries=WEBHOOK_MAX_ATTEMPTS),
    ]
    # Every minute; unique=True keeps two workers from queuing the same minute twice.
    cron_jobs: ClassVar[Sequence[Any] | None] = [
        cron(queue_due_scrapes, second=0, unique=True, run_at_startup=False),
        cron(recover_stalled_scrapes, second=30, unique=True, run_at_startup=False),
        cron(queue_due_saved_searches, second=45, unique=True, run_at_startup=False),
        cron(expire_interviews, minute=set(range(0, 60, 10)), second=15, unique=True, run_at_startup=False),
        cron(match_unmatched_runs, second=50, unique=True, run_at_startup=False),
    ]
    on_startup: ClassVar[Any] = startup
    on_shutdown: ClassVar[Any] = shutdown
    # Re-indexing a large table takes a while; a stuck job is still bounded.
    job_timeout = 3600
    max_tries = 5

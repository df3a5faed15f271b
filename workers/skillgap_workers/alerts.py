"""Alert jobs: match a finished scrape run's new and changed jobs against the subscriptions, and deliver webhooks.

A scrape run queues its matching as it finishes (`queue_alert_matching`); it never waits for it, and a matching
that fails or is lost never touches the run. The cron `match_unmatched_runs` queues the finished runs of the last
day whose matching never happened (Redis lost the job, the worker died). Each delivery is its own job, retried
with arq's Retry `webhooks.RETRY_DELAYS` apart until delivered or out of attempts.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from arq import Retry

from skillgap.alerts import webhooks
from skillgap.app import App
from skillgap.storage.alerts import AlertRepository
from skillgap.storage.db import is_unavailable

log = logging.getLogger(__name__)

MATCH_JOB_NAME = "match_alerts"
DELIVER_JOB_NAME = "deliver_webhook"
# How far back the catch-up looks for finished runs never matched, and how many it queues a minute.
CATCH_UP_WINDOW = timedelta(days=1)
CATCH_UP_RUNS = 50
# A matching that finds the database down tries again this long apart, this many times in all.
MATCH_RETRY_SECONDS = 5.0
MATCH_MAX_TRIES = 60


async def queue_alert_matching(app: App, run_id: str) -> None:
    """Queue the matching of a finished run's jobs. Never raises: the run is done whatever happens here (the
    catch-up cron finds a run whose matching could not be queued)."""
    queue = app.resources.scrape_queue
    if queue is None:
        return
    try:
        await queue.enqueue(MATCH_JOB_NAME, job_id=f"alerts:{run_id}", run_id=run_id)
    except Exception as exc:
        log.warning("scrape run %s: could not queue its alert matching (the catch-up will): %s", run_id, exc)


async def match_alerts(ctx: dict[str, Any], *, run_id: str) -> int:
    """Make the run's alerts and queue their webhook deliveries; how many alerts were made."""
    app: App = ctx["app"]
    try:
        matched = await app.services.alert_matcher.match_run(run_id)
    except Exception as exc:
        if is_unavailable(exc) and ctx.get("job_try", 1) < MATCH_MAX_TRIES:
            raise Retry(defer=MATCH_RETRY_SECONDS) from exc
        raise
    queue = app.resources.scrape_queue
    for delivery_id in matched.deliveries:
        if queue is not None:
            await queue.enqueue(DELIVER_JOB_NAME, job_id=f"webhook:{delivery_id}", delivery_id=delivery_id)
    return matched.alerts_created


async def deliver_webhook(ctx: dict[str, Any], *, delivery_id: str) -> str:
    """One attempt of a webhook delivery; Retry for the next while attempts remain. Returns how it ended."""
    app: App = ctx["app"]
    attempt = await app.services.webhooks.attempt(delivery_id)
    if attempt.outcome == "retry":
        raise Retry(defer=webhooks.retry_delay(ctx.get("job_try", 1)))
    return attempt.outcome


async def match_unmatched_runs(ctx: dict[str, Any]) -> int:
    """Queue the matching of the finished runs of the last day that were never matched; how many."""
    app: App = ctx["app"]
    since = datetime.now(UTC) - CATCH_UP_WINDOW
    run_ids = await AlertRepository(app.resources.pool).runs_to_match(finished_after=since, limit=CATCH_UP_RUNS)
    for run_id in run_ids:
        await queue_alert_matching(app, run_id)
    return len(run_ids)

"""The scrape job: run every source of a queued scrape run, recording progress per source.

A worker works on a run only under a lease in PostgreSQL that it renews while it works. A worker killed
mid-run stops renewing; ``recover_stalled_scrapes`` (at worker start-up and every minute) queues such runs
again, and the next worker skips the sources already finished and redoes the one that was cut short:
ingestion is idempotent (postings are keyed by source and external id), so nothing is stored twice.

A database that cannot be reached (restarting, failing over) fails no source: the job ends with arq's
``Retry``, which gives its worker slot back and runs it again after a pause, doubling up to
`DATABASE_RETRY_MAX_DELAY`, and the run goes on from where it was once the database answers. The job has
`SCRAPE_MAX_TRIES` tries (its registration in settings.py), about `DATABASE_WAIT_SECONDS` of waiting in all;
after that the run is left unfinished, and the recovery queues it again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from typing import Any

from arq import Retry

from skillgap.app import App
from skillgap.metrics import record_scrape_run, record_scrape_source
from skillgap.scraping.fetch import Fetcher, FetchError, FetchPolicy
from skillgap.scraping.ingest import IngestProgress, SourceFetchFailed
from skillgap.scraping.runs import FINISHED, ScrapeCounts, SourceProgress
from skillgap.scraping.search_runs import RunSearch
from skillgap.scraping.sources import make_source
from skillgap.storage.db import is_unavailable
from skillgap.storage.scrape_runs import ScrapeRunRepository
from skillgap_workers.alerts import queue_alert_matching

log = logging.getLogger(__name__)

# How long, in all, a run waits for a database that cannot be reached, and the pauses between its tries.
DATABASE_WAIT_SECONDS = 300.0
DATABASE_RETRY_FIRST_DELAY = 0.5
DATABASE_RETRY_MAX_DELAY = 5.0
# How often a running source's counts and activity are saved for GetScrapeStatus (only when they changed).
PROGRESS_SAVE_SECONDS = 1.0


def retry_delay(job_try: int) -> float:
    """The pause after try `job_try` of a scrape job found the database unreachable (the first try is 1)."""
    # The exponent is capped only to keep the float finite; the delay reaches its cap long before.
    return min(DATABASE_RETRY_FIRST_DELAY * 2.0 ** min(job_try - 1, 16), DATABASE_RETRY_MAX_DELAY)


def _tries_to_wait(seconds: float) -> int:
    """How many tries, with retry_delay() between them, make `seconds` of waiting."""
    tries, waited = 1, 0.0
    while waited < seconds:
        waited += retry_delay(tries)
        tries += 1
    return tries


# arq's max_tries of the scrape job (settings.py registers it with it): DATABASE_WAIT_SECONDS of waiting.
SCRAPE_MAX_TRIES = _tries_to_wait(DATABASE_WAIT_SECONDS)


def worker_identity() -> str:
    """Who holds a lease outside arq, readable in the database: host, process and a nonce for this attempt."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def lease_owner(ctx: dict[str, Any]) -> str:
    """Who holds a run's lease: the arq job, the same on each of its tries and whichever worker runs them, so
    that a try after the database came back takes over the lease the last try still holds."""
    job_id = ctx.get("job_id")
    return f"arq job {job_id}" if job_id else worker_identity()


@asynccontextmanager
async def _lease_kept(runs: ScrapeRunRepository, run_id: str, owner: str, seconds: float) -> AsyncIterator[None]:
    """Renew the lease three times per lease period; a lost lease (another worker took the run over after
    we failed to renew in time) cancels the work, since two workers on one run would only race."""
    work = asyncio.current_task()
    assert work is not None

    async def renew() -> None:
        while True:
            await asyncio.sleep(seconds / 3)
            try:
                kept = await runs.renew_lease(run_id, owner, seconds=seconds)
            except Exception as exc:  # the database may be back before the lease runs out
                log.warning("scrape run %s: could not renew the lease: %s", run_id, exc)
                continue
            if not kept:
                log.warning("scrape run %s: lease lost to another worker; stopping here", run_id)
                work.cancel()
                return

    heartbeat = asyncio.create_task(renew())
    try:
        yield
    finally:
        heartbeat.cancel()
        with suppress(asyncio.CancelledError):
            await heartbeat


@asynccontextmanager
async def _progress_saved(
    runs: ScrapeRunRepository, run_id: str, position: int, progress: IngestProgress
) -> AsyncIterator[None]:
    """Save the source's counts and activity while the body runs: at once, then at most every
    PROGRESS_SAVE_SECONDS when they changed. A save that fails is only logged (the final counts are written
    by finish_source); the saver stops before the body's result is recorded."""
    stop = asyncio.Event()

    async def save() -> None:
        last: tuple[ScrapeCounts, str] | None = None
        while True:
            now = (dataclasses.replace(progress.counts), progress.activity)  # a copy: ingestion goes on
            if now != last:
                try:
                    await runs.save_progress(run_id, position, counts=now[0], activity=now[1])
                    last = now
                except Exception as exc:
                    log.warning("scrape run %s: could not save the progress of source %d: %s", run_id, position, exc)
            try:
                await asyncio.wait_for(stop.wait(), PROGRESS_SAVE_SECONDS)
                return
            except TimeoutError:
                continue

    saver = asyncio.create_task(save())
    try:
        yield
    except BaseException:
        saver.cancel()
        raise
    finally:
        stop.set()
        with suppress(asyncio.CancelledError):
            await saver


async def scrape_run(ctx: dict[str, Any], *, run_id: str) -> str:
    """Scrape the run's sources one by one; one failing source never fails the others. Idempotent: a retry
    skips sources already finished. Returns the run's final state.

    While the database cannot be reached, the job is tried again later (arq's Retry) rather than waiting in its
    worker slot; the next try goes on under the same lease owner. The last try raises the database's error."""
    app: App = ctx["app"]
    job_try: int = ctx.get("job_try", 1)
    try:
        return await _scrape_run(app, run_id, lease_owner(ctx))
    except Exception as exc:
        if not is_unavailable(exc) or job_try >= SCRAPE_MAX_TRIES:
            raise
        delay = retry_delay(job_try)
        log.warning(
            "scrape run %s: the database cannot be reached; trying again in %.1f s (try %d of %d)",
            run_id,
            delay,
            job_try,
            SCRAPE_MAX_TRIES,
        )
        raise Retry(defer=delay) from exc


async def _scrape_run(app: App, run_id: str, owner: str) -> str:
    runs = ScrapeRunRepository(app.resources.pool)
    run = await runs.get(run_id)
    if run is None:
        log.warning("scrape run %s no longer exists", run_id)
        return "missing"
    if run.state in FINISHED:
        return run.state
    lease = app.settings.scrape_lease_seconds
    if not await runs.acquire_lease(run_id, owner, seconds=lease):
        log.info("scrape run %s is finished or being worked on by another worker", run_id)
        return "busy"
    async with _lease_kept(runs, run_id, owner, lease):
        # Read again under the lease: an earlier attempt may have finished some sources meanwhile.
        run = await runs.get(run_id)
        assert run is not None
        search = await app.services.saved_searches.search_of_run(run_id, run.sources)  # None: whole sources
        final = await _scrape_sources(app, runs, run_id, run.sources, search)
    log.info("scrape run %s finished: %s", run_id, final)
    await queue_alert_matching(app, run_id)  # its own job: alerts never hold up nor fail the run
    return final


async def _scrape_sources(
    app: App, runs: ScrapeRunRepository, run_id: str, sources: list[SourceProgress], search: RunSearch | None
) -> str:
    ingestor = app.services.ingestor
    async with Fetcher(FetchPolicy.from_setting(app.settings.scrape_allowed_hosts)) as fetcher:
        for progress in sources:
            if progress.state in FINISHED:
                continue
            spec = progress.source
            await runs.start_source(run_id, progress.position)
            counts = ScrapeCounts()
            error = ""
            try:
                source = make_source(spec.kind, spec.identifier, spec.base_url or None)
                live = IngestProgress()
                async with _progress_saved(runs, run_id, progress.position, live):
                    if search is None:
                        ingested = await ingestor.ingest_source(source, fetcher, run_id=run_id, progress=live)
                    else:  # a saved search's run: the source's matches only, within the run's quota
                        ingested = await search.ingest(ingestor, source, fetcher, run_id=run_id, progress=live)
                counts = ingested
                state = "partially_failed" if ingested.failed else "succeeded"
                if ingested.failed:
                    error = f"{ingested.failed} postings could not be stored"
                error = "; ".join(part for part in (error, source.notice) if part)
            except SourceFetchFailed as exc:
                counts, state, error = exc.counts, "failed", exc.message
            except FetchError as exc:
                state, error = "failed", f"{spec.kind} source {spec.identifier!r}: {exc.message}"
            except Exception as exc:
                if is_unavailable(exc):
                    raise  # not the source's fault: the run goes on once the database is back
                log.exception("scrape run %s: source %s %s failed", run_id, spec.kind, spec.identifier)
                state, error = "failed", f"{spec.kind} source {spec.identifier!r} failed: {exc}"
            await runs.finish_source(run_id, progress.position, state=state, counts=counts, error_message=error)
            record_scrape_source(counts)
    final = await runs.finish_run(run_id)
    record_scrape_run(final)
    return final


async def recover_stalled_scrapes(ctx: dict[str, Any]) -> list[str]:
    """Queue again the runs whose worker died (expired lease) or whose queued job Redis lost."""
    app: App = ctx["app"]
    return await app.services.scrapes.recover_stalled(lease_seconds=app.settings.scrape_lease_seconds)

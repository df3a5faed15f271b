"""The scrape job: run every source of a queued scrape run, recording progress per source."""

from __future__ import annotations

import logging
from typing import Any

from skillgap.resources import Resources
from skillgap.scraping.fetch import Fetcher, FetchError, FetchPolicy
from skillgap.scraping.ingest import IngestCounts, Ingestor, SourceFetchFailed
from skillgap.scraping.runs import FINISHED, ScrapeCounts
from skillgap.scraping.sources import make_source
from skillgap.storage.scrape_runs import ScrapeRunRepository

log = logging.getLogger(__name__)


def _counts(counts: IngestCounts) -> ScrapeCounts:
    return ScrapeCounts(**counts.as_dict())


async def scrape_run(ctx: dict[str, Any], *, run_id: str) -> str:
    """Scrape the run's sources one by one; one failing source never fails the others. Idempotent: a retry
    skips sources already finished. Returns the run's final state."""
    resources: Resources = ctx["resources"]
    runs = ScrapeRunRepository(resources.pool)
    run = await runs.get(run_id)
    if run is None:
        log.warning("scrape run %s no longer exists", run_id)
        return "missing"
    await runs.mark_running(run_id)
    ingestor = Ingestor.from_resources(resources)
    async with Fetcher(FetchPolicy.from_setting(resources.settings.scrape_allowed_hosts)) as fetcher:
        for progress in run.sources:
            if progress.state in FINISHED:
                continue
            spec = progress.source
            await runs.start_source(run_id, progress.position)
            counts = ScrapeCounts()
            error = ""
            try:
                source = make_source(spec.kind, spec.identifier, spec.base_url or None)
                ingested = await ingestor.ingest_source(source, fetcher)
                counts = _counts(ingested)
                state = "partially_failed" if ingested.failed else "succeeded"
                if ingested.failed:
                    error = f"{ingested.failed} postings could not be stored"
            except SourceFetchFailed as exc:
                counts, state, error = _counts(exc.counts), "failed", exc.message
            except FetchError as exc:
                state, error = "failed", f"{spec.kind} source {spec.identifier!r}: {exc.message}"
            except Exception as exc:
                log.exception("scrape run %s: source %s %s failed", run_id, spec.kind, spec.identifier)
                state, error = "failed", f"{spec.kind} source {spec.identifier!r} failed: {exc}"
            await runs.finish_source(run_id, progress.position, state=state, counts=counts, error_message=error)
    final = await runs.finish_run(run_id)
    log.info("scrape run %s finished: %s", run_id, final)
    return final

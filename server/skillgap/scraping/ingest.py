"""Ingestion of one source: fetch its postings, recognise the ones already stored, extract skills and
embed only what is new or changed, and close the jobs the source no longer lists.

Dedupe, in order: the posting's own (source kind, identifier, external id); else an open job of another
source with the same canonical URL and title; else an open job of another source with the same content
fingerprint (title, company, first words of the description). The source that stored a posting first owns
its row; other boards' copies only mark it seen (see ``JobCatalog.ingest``).

Counts: ``fetched`` postings the source gave; ``created`` new rows; ``updated`` rows whose content hash
changed (extracted and embedded again); ``unchanged`` postings matched with an equal hash or another
board's copy of a stored job (marked seen, reopened if closed; no extraction, no embedding); ``failed``
postings that could not be stored (logged; the rest go on); ``closed`` open jobs of the source it no longer
lists. Postings that failed are not closed: the board still lists them.

A fetch that fails part-way raises ``SourceFetchFailed`` and closes nothing: a partial listing says nothing
about which postings are gone.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import datetime

from skillgap.errors import SkillGapError
from skillgap.jobs.models import ScrapeCounts
from skillgap.jobs.service import JobCatalog
from skillgap.scraping.sources.base import PageFetcher, ScrapedPosting, Source
from skillgap.storage.db import is_unavailable

log = logging.getLogger(__name__)


@dataclass
class IngestProgress:
    """What an ingestion has done so far and is doing now, updated in place as it goes: a caller may read it
    at any time (the worker saves it to the run's status about once a second)."""

    counts: ScrapeCounts = field(default_factory=ScrapeCounts)
    source: Source | None = None
    listing_done: bool = False
    storing: str = ""
    """What the storing side does now ("extracting and embedding 32 postings"); empty while it waits."""

    @property
    def listing(self) -> str:
        """What the listing side does now ("listing postings (page 3)"); empty once the listing ended."""
        if self.source is None or self.listing_done:
            return ""
        return self.source.activity or "listing postings"

    @property
    def activity(self) -> str:
        return "; ".join(part for part in (self.storing, self.listing) if part)


class SourceFetchFailed(SkillGapError):
    """A source could not be listed completely; nothing was closed. ``counts`` holds what was done."""

    default_reason = "SOURCE_FETCH_FAILED"

    def __init__(self, message: str, *, counts: ScrapeCounts, reason: str | None = None) -> None:
        super().__init__(message, reason=reason)
        self.counts = counts


# Postings are stored in batches: one embedding call per batch keeps both cores busy. A batch is flushed
# when full, or when the source has not given a posting for a while (a slow board's postings are stored as
# they come, and progress shows).
BATCH_SIZE = 32
BATCH_WAIT_SECONDS = 0.5


class _ListingEnded:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


class Ingestor:
    def __init__(
        self, catalog: JobCatalog, *, batch_size: int = BATCH_SIZE, batch_wait_seconds: float = BATCH_WAIT_SECONDS
    ) -> None:
        self._catalog = catalog
        self._batch_size = batch_size
        self._batch_wait = batch_wait_seconds

    async def ingest_source(
        self,
        source: Source,
        fetcher: PageFetcher,
        *,
        seen_before: datetime | None = None,
        run_id: str | None = None,
        progress: IngestProgress | None = None,
    ) -> ScrapeCounts:
        """Ingest every posting the source lists now, then close its open jobs not seen since `seen_before`
        (default: the start of this pass). Raises SourceFetchFailed when the listing fails part-way. The jobs
        created or updated are recorded as the scrape run `run_id`'s, when given.

        The listing is read by its own task while batches are stored, so fetching the next page overlaps
        embedding the last one. `progress` (when given) is kept up to date as it goes: `fetched` counts the
        postings as the listing gives them, before they are stored."""
        progress = progress if progress is not None else IngestProgress()
        progress.source = source
        counts = progress.counts
        started = seen_before or await self._catalog.clock()
        failed_ids: list[str] = []
        listed: asyncio.Queue[ScrapedPosting | _ListingEnded] = asyncio.Queue(maxsize=2 * self._batch_size)

        async def read_listing() -> None:
            try:
                async for scraped in source.fetch(fetcher):
                    counts.fetched += 1
                    await listed.put(scraped)
            except Exception as exc:
                progress.listing_done = True
                await listed.put(_ListingEnded(exc))
            else:
                progress.listing_done = True
                await listed.put(_ListingEnded())

        async def store(batch: list[ScrapedPosting]) -> None:
            if batch:
                progress.storing = f"extracting and embedding {len(batch)} postings"
            try:
                await self._store_batch(source, batch, counts, failed_ids, run_id)
            finally:
                progress.storing = ""

        reader = asyncio.create_task(read_listing())
        batch: list[ScrapedPosting] = []
        try:
            while True:
                try:
                    wait = self._batch_wait if batch else None
                    item = await asyncio.wait_for(listed.get(), wait)
                except TimeoutError:
                    await store(batch)
                    batch = []
                    continue
                if isinstance(item, _ListingEnded):
                    await store(batch)
                    if item.error is not None:
                        raise self._listing_failed(source, counts, item.error) from item.error
                    break
                batch.append(item)
                if len(batch) >= self._batch_size:
                    await store(batch)
                    batch = []
        finally:
            reader.cancel()
            with suppress(asyncio.CancelledError):
                await reader
        progress.storing = "closing the jobs the source no longer lists"
        closed = await self._catalog.close_unseen(
            source.kind, source.identifier, seen_before=started, keep_external_ids=failed_ids
        )
        progress.storing = ""
        counts.closed = len(closed)
        log.info("%s %s: %s", source.kind, source.identifier, asdict(counts))
        return counts

    async def _store_batch(
        self,
        source: Source,
        batch: list[ScrapedPosting],
        counts: ScrapeCounts,
        failed_ids: list[str],
        run_id: str | None = None,
    ) -> None:
        if not batch:
            return
        results = await self._catalog.ingest_many([scraped.to_job_posting() for scraped in batch], run_id=run_id)
        for scraped, result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                if is_unavailable(result):
                    raise result  # not the posting's fault: the caller retries the source once the database is back
                counts.failed += 1
                failed_ids.append(scraped.external_id)
                log.error(
                    "%s %s: could not store posting %s: %s",
                    source.kind,
                    source.identifier,
                    scraped.external_id,
                    result,
                    exc_info=result,
                )
                continue
            outcome, _ = result
            setattr(counts, outcome, getattr(counts, outcome) + 1)

    @staticmethod
    def _listing_failed(source: Source, counts: ScrapeCounts, exc: BaseException) -> SourceFetchFailed:
        log.warning(
            "%s %s: listing failed after %d postings: %s", source.kind, source.identifier, counts.fetched, exc
        )
        return SourceFetchFailed(
            f"{source.kind} source {source.identifier!r} could not be listed ({exc}); "
            f"no job was closed, {counts.fetched} postings were processed",
            counts=counts,
        )

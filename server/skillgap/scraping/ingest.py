"""Ingestion of one source: fetch its postings, recognise the ones already stored, extract skills and
embed only what is new or changed, and close the jobs the source no longer lists.

Dedupe, in order: the posting's own (source kind, identifier, external id); else the job it was recognised as
before (its listing); else an open job of another source with a URL in common (canonical, or the company's own
apply URL a board links to) and the same title; else the same content fingerprint (title, company, first words
of the description); else the same role (company, title, place: `jobs.role_keys`). The source that stored a
posting first owns its row; other boards' copies are listings of it and only mark it seen (see
``JobCatalog.ingest_many``).

Counts: ``fetched`` postings the source gave; ``created`` new rows; ``updated`` rows whose content hash
changed (extracted and embedded again); ``unchanged`` postings matched with an equal hash or another
board's copy of a stored job (marked seen, reopened if closed; no extraction, no embedding); ``failed``
postings that could not be stored (logged; the rest go on); ``closed`` the source's postings it no longer
lists (their jobs close when no other board lists them either). Postings that failed are not closed: the
board still lists them.

Unchanged postings the source did not even read again (`scraping.freshness`: the board's change signal equals the
stored one, or the page answered 304 to a conditional request) count as ``fetched`` and ``unchanged`` and are
marked seen in one statement per batch. The source's memory (validators, change signals) is read before the
listing, and its validators are replaced after a complete listing, only when every posting was stored.

A fetch that fails part-way raises ``SourceFetchFailed`` and closes nothing: a partial listing says nothing
about which postings are gone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import datetime

from skillgap.errors import SkillGapError
from skillgap.jobs.models import ScrapeCounts
from skillgap.jobs.service import JobCatalog
from skillgap.scraping.fetch import Validators
from skillgap.scraping.freshness import SourceMemory
from skillgap.scraping.search_query import SearchQuery
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


async def aclose(listing: AsyncIterator[ScrapedPosting]) -> None:
    """Close a listing left part-way (an async generator's `finally` runs now, not when it is collected)."""
    close = getattr(listing, "aclose", None)
    if close is not None:
        await close()


class _ListingEnded:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


@dataclass(frozen=True)
class _SkippedUnchanged:
    """Postings the source skipped as unchanged (external id, change signal), to mark seen in order."""

    versions: list[tuple[str, str]]


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
        search: SearchQuery | None = None,
        max_postings: int | None = None,
    ) -> ScrapeCounts:
        """Ingest every posting the source lists now, then close its open jobs not seen since `seen_before`
        (default: the start of this pass). Raises SourceFetchFailed when the listing fails part-way. The jobs
        created or updated are recorded as the scrape run `run_id`'s, when given.

        With `search` (a saved search's run), only the postings the source gives for it are ingested, at most
        `max_postings` (at least 1) of them, and nothing is closed: a search sees only part of the board.

        The listing is read by its own task while batches are stored, so fetching the next page overlaps
        embedding the last one. `progress` (when given) is kept up to date as it goes: `fetched` counts the
        postings as the listing gives them, before they are stored."""
        progress = progress if progress is not None else IngestProgress()
        progress.source = source
        counts = progress.counts
        started = seen_before or await self._catalog.clock()
        failed_ids: list[str] = []
        source.memory = await self._memory_of(source)
        listed: asyncio.Queue[ScrapedPosting | _SkippedUnchanged | _ListingEnded] = asyncio.Queue(
            maxsize=2 * self._batch_size
        )

        async def put_skipped() -> None:
            skipped = source.memory.take_unchanged()
            if skipped:
                counts.fetched += len(skipped)
                await listed.put(_SkippedUnchanged(skipped))

        async def read_listing() -> None:
            listing = source.fetch(fetcher) if search is None else source.search(fetcher, search)
            try:
                async for scraped in listing:
                    await put_skipped()
                    counts.fetched += 1
                    await listed.put(scraped)
                    if max_postings is not None and counts.fetched >= max_postings:
                        await aclose(listing)  # the rest is not read: its pages are not fetched
                        break
                await put_skipped()
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
                if isinstance(item, _SkippedUnchanged):
                    counts.unchanged += await self._catalog.mark_listings_seen(
                        source.kind, source.identifier, item.versions
                    )
                    continue
                batch.append(item)
                if len(batch) >= self._batch_size:
                    await store(batch)
                    batch = []
        finally:
            reader.cancel()
            with suppress(asyncio.CancelledError):
                await reader
        if source.memory.everything_unchanged:
            # A 304: what the source lists is what it listed last time, without a byte of it read again.
            unchanged = await self._catalog.mark_listings_seen(source.kind, source.identifier, None)
            counts.fetched += unchanged
            counts.unchanged += unchanged
        if search is None:
            if not source.memory.everything_unchanged:  # else every listing was just seen: nothing to close
                progress.storing = "closing the jobs the source no longer lists"
                counts.closed, _ = await self._catalog.close_unseen(
                    source.kind, source.identifier, seen_before=started, keep_external_ids=failed_ids
                )
            # Replaced only after a complete listing, and emptied when a posting failed: a page whose posting could
            # not be stored is read in full next time.
            remembered = {} if failed_ids else source.memory.fetched_validators
            if remembered != source.memory.validators:
                await self._catalog.remember_validators(
                    source.kind, source.identifier, {url: (v.etag, v.last_modified) for url, v in remembered.items()}
                )
            progress.storing = ""
        log.info("%s %s: %s", source.kind, source.identifier, asdict(counts))
        return counts

    async def _memory_of(self, source: Source) -> SourceMemory:
        """What the source's last complete scrape left to compare with."""
        validators, versions = await self._catalog.source_memory(source.kind, source.identifier)
        return SourceMemory(
            validators={url: Validators(etag, modified) for url, (etag, modified) in validators.items()},
            versions=versions,
        )

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

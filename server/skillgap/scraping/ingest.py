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

import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from skillgap.errors import SkillGapError
from skillgap.jobs.service import JobCatalog
from skillgap.scraping.sources.base import PageFetcher, Source

if TYPE_CHECKING:
    from skillgap.resources import Resources

log = logging.getLogger(__name__)


@dataclass
class IngestCounts:
    fetched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    failed: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


class SourceFetchFailed(SkillGapError):
    """A source could not be listed completely; nothing was closed. ``counts`` holds what was done."""

    default_reason = "SOURCE_FETCH_FAILED"

    def __init__(self, message: str, *, counts: IngestCounts, reason: str | None = None) -> None:
        super().__init__(message, reason=reason)
        self.counts = counts


class Ingestor:
    def __init__(self, catalog: JobCatalog) -> None:
        self._catalog = catalog

    @classmethod
    def from_resources(cls, resources: Resources) -> Ingestor:
        return cls(JobCatalog.from_resources(resources))

    async def ingest_source(
        self, source: Source, fetcher: PageFetcher, *, seen_before: datetime | None = None
    ) -> IngestCounts:
        """Ingest every posting the source lists now, then close its open jobs not seen since `seen_before`
        (default: the start of this pass). Raises SourceFetchFailed when the listing fails part-way."""
        started = seen_before or await self._catalog.clock()
        counts = IngestCounts()
        failed_ids: list[str] = []
        try:
            async for scraped in source.fetch(fetcher):
                counts.fetched += 1
                try:
                    outcome, _ = await self._catalog.ingest(scraped.to_job_posting())
                except Exception:
                    counts.failed += 1
                    failed_ids.append(scraped.external_id)
                    log.exception(
                        "%s %s: could not store posting %s", source.kind, source.identifier, scraped.external_id
                    )
                    continue
                setattr(counts, outcome, getattr(counts, outcome) + 1)
        except Exception as exc:
            log.warning(
                "%s %s: listing failed after %d postings: %s", source.kind, source.identifier, counts.fetched, exc
            )
            raise SourceFetchFailed(
                f"{source.kind} source {source.identifier!r} could not be listed ({exc}); "
                f"no job was closed, {counts.fetched} postings were processed",
                counts=counts,
            ) from exc
        closed = await self._catalog.close_unseen(
            source.kind, source.identifier, seen_before=started, keep_external_ids=failed_ids
        )
        counts.closed = len(closed)
        log.info("%s %s: %s", source.kind, source.identifier, counts.as_dict())
        return counts

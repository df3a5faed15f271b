"""A scrape run that runs a saved search, as the worker does it: each source is asked for the search's matches
(`Source.search`: the board's own query where it has one, else its listing filtered), at most the run's quota of
postings in all, and nothing is closed (a search sees only part of a board). Also which sources a search may ask."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from skillgap.scraping.ingest import Ingestor, IngestProgress
from skillgap.scraping.runs import FINISHED, ScrapeCounts, SourceProgress, SourceSpec
from skillgap.scraping.search_query import SearchQuery
from skillgap.scraping.sources import SOURCES, PageFetcher, Source, searchable_kinds

__all__ = ["RunSearch", "searched_sources"]


def searched_sources(configured: Sequence[SourceSpec]) -> tuple[SourceSpec, ...]:
    """The sources a saved search may ask, in the order a run asks them: each public job board SkillGap fetches
    that can be asked board-wide (its "all" / "latest", `searchable_kinds`), then the sources an admin configured
    (SKILLGAP_SCRAPE_SOURCES), which are fetched and filtered. A configured source with a board's kind and
    identifier replaces the board at its place (its `base_url`, an API mirror, is kept); its schedule is its own.
    A kind whose site forbids automated access (LinkedIn, Indeed) is never asked."""
    found: dict[tuple[str, str], SourceSpec] = {
        (kind, SOURCES[kind].board_wide_identifier.casefold()): SourceSpec(kind, SOURCES[kind].board_wide_identifier)
        for kind in searchable_kinds()
    }
    for spec in configured:
        source_class = SOURCES.get(spec.kind)
        if source_class is not None and source_class.fetched:
            found[(spec.kind, spec.identifier.casefold())] = SourceSpec(spec.kind, spec.identifier, spec.base_url)
    return tuple(found.values())


@dataclass
class RunSearch:
    """What the worker runs for a saved search's run: the query (None once the search was deleted: no source is
    asked any more) and how many matching postings the run may still store."""

    query: SearchQuery | None
    max_postings: int
    postings_left: int

    @classmethod
    def resumed(cls, query: SearchQuery | None, max_postings: int, sources: Sequence[SourceProgress]) -> RunSearch:
        """The run as an earlier attempt left it: the postings its finished sources read are spent."""
        spent = sum(progress.counts.fetched for progress in sources if progress.state in FINISHED)
        return cls(query, max_postings, max(0, max_postings - spent))

    async def ingest(
        self,
        ingestor: Ingestor,
        source: Source,
        fetcher: PageFetcher,
        *,
        run_id: str,
        progress: IngestProgress,
    ) -> ScrapeCounts:
        """Ingest the source's matches, up to what is left of the quota; the source's notice says when it was not
        asked or stopped at the quota."""
        if self.query is None:
            source.notice = "not asked: the saved search was deleted"
            return ScrapeCounts()
        if self.postings_left <= 0:
            source.notice = f"not asked: the run already read its quota of {self.max_postings} matching postings"
            return ScrapeCounts()
        counts = await ingestor.ingest_source(
            source, fetcher, run_id=run_id, progress=progress, search=self.query, max_postings=self.postings_left
        )
        self.postings_left -= counts.fetched
        if self.postings_left <= 0:
            source.notice = f"stopped at the run's quota of {self.max_postings} matching postings"
        return counts

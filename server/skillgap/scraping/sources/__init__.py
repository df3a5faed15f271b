"""Job sources by kind: public job-board APIs and single job pages."""

from __future__ import annotations

from skillgap.errors import quoted
from skillgap.scraping.sources.ashby import AshbySource
from skillgap.scraping.sources.base import FetchedText, PageFetcher, Salary, ScrapedPosting, Source, SourceError
from skillgap.scraping.sources.greenhouse import GreenhouseSource
from skillgap.scraping.sources.job_page import JobPageSource
from skillgap.scraping.sources.lever import LeverSource
from skillgap.scraping.sources.smartrecruiters import SmartRecruitersSource
from skillgap.scraping.sources.workable import WorkableSource

__all__ = [
    "SOURCES",
    "AshbySource",
    "FetchedText",
    "GreenhouseSource",
    "JobPageSource",
    "LeverSource",
    "PageFetcher",
    "Salary",
    "ScrapedPosting",
    "SmartRecruitersSource",
    "Source",
    "SourceError",
    "WorkableSource",
    "make_source",
]

SOURCES: dict[str, type[Source]] = {
    source.kind: source
    for source in (
        GreenhouseSource,
        LeverSource,
        AshbySource,
        WorkableSource,
        SmartRecruitersSource,
        JobPageSource,
    )
}


def make_source(kind: str, identifier: str, base_url: str | None = None) -> Source:
    """The source of ``kind`` for a board token / site / company id (or, for "job_page", a URL).

    SourceError (a ValueError naming the field at fault) for an unknown kind, a bad identifier or a bad base URL.
    """
    key = kind.strip().lower() if isinstance(kind, str) else ""
    source_class = SOURCES.get(key)
    if source_class is None:
        raise SourceError(
            "kind", f"unknown job source kind {quoted(kind, 40)}; known kinds: {', '.join(sorted(SOURCES))}"
        )
    if key == "job_page" and base_url:
        raise SourceError("base_url", "job_page source takes a page URL as its identifier and no base URL")
    return source_class(identifier, base_url)

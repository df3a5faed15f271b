"""Job sources by kind: company boards' APIs (Greenhouse, Lever, Ashby, Workable, SmartRecruiters), job boards'
APIs and feeds (Hacker News "Who is hiring?", RemoteOK, Remotive, Arbeitnow, Himalayas, We Work Remotely), single
job pages, and the kinds that exist only to say why they are not fetched (LinkedIn, Indeed)."""

from __future__ import annotations

from skillgap.errors import quoted
from skillgap.scraping.sources.arbeitnow import ArbeitnowSource
from skillgap.scraping.sources.ashby import AshbySource
from skillgap.scraping.sources.base import (
    FetchedText,
    PageFetcher,
    Salary,
    ScrapedPosting,
    Source,
    SourceError,
    SourceNotFetched,
)
from skillgap.scraping.sources.greenhouse import GreenhouseSource
from skillgap.scraping.sources.hackernews import HackerNewsSource
from skillgap.scraping.sources.himalayas import HimalayasSource
from skillgap.scraping.sources.indeed import IndeedSource
from skillgap.scraping.sources.job_page import JobPageSource
from skillgap.scraping.sources.lever import LeverSource
from skillgap.scraping.sources.linkedin import LinkedInSource
from skillgap.scraping.sources.remoteok import RemoteOkSource
from skillgap.scraping.sources.remotive import RemotiveSource
from skillgap.scraping.sources.smartrecruiters import SmartRecruitersSource
from skillgap.scraping.sources.weworkremotely import WeWorkRemotelySource
from skillgap.scraping.sources.workable import WorkableSource

__all__ = [
    "SOURCES",
    "ArbeitnowSource",
    "AshbySource",
    "FetchedText",
    "GreenhouseSource",
    "HackerNewsSource",
    "HimalayasSource",
    "IndeedSource",
    "JobPageSource",
    "LeverSource",
    "LinkedInSource",
    "PageFetcher",
    "RemoteOkSource",
    "RemotiveSource",
    "Salary",
    "ScrapedPosting",
    "SmartRecruitersSource",
    "Source",
    "SourceError",
    "SourceNotFetched",
    "WeWorkRemotelySource",
    "WorkableSource",
    "make_source",
    "searchable_kinds",
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
        HackerNewsSource,
        RemoteOkSource,
        RemotiveSource,
        ArbeitnowSource,
        HimalayasSource,
        WeWorkRemotelySource,
        LinkedInSource,
        IndeedSource,
    )
}


def searchable_kinds() -> tuple[str, ...]:
    """The kinds a saved search asks by default: the job boards SkillGap fetches whose identifier can be left at
    "all" / "latest" (a board-wide search), in registry order. Company boards and job pages are searched only
    when a search names them (they need a board token or a URL)."""
    return tuple(kind for kind, source in SOURCES.items() if source.fetched and source.board_wide_identifier)


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

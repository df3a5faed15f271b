"""Saved searches and discovered sources between the domain and search.proto's messages."""

from __future__ import annotations

from skillgap.api.convert import scrape_run_message, scrape_source_message, source_kind_of, timestamp
from skillgap.scraping.discovery.service import Discovery
from skillgap.scraping.runs import SourceSpec
from skillgap.scraping.saved_search_service import QuotaLeft, SearchWithRun
from skillgap.scraping.saved_searches import SearchDefinition, check_source_count
from skillgap.v1 import search_pb2


def search_definition(message: search_pb2.SearchDefinition, field: str = "search") -> SearchDefinition:
    """The definition as sent; its limits are the domain's to check (`check_definition`). The sources are counted
    before they are converted, and an unknown source kind is INVALID_ARGUMENT naming it."""
    check_source_count(len(message.sources), f"{field}.sources")
    return SearchDefinition(
        display_name=message.display_name,
        keywords=tuple(message.keywords),
        locations=tuple(message.locations),
        remote_only=message.remote_only,
        sources=tuple(
            SourceSpec(
                kind=source_kind_of(f"{field}.sources[{index}].kind", source.kind),
                identifier=source.identifier,
                base_url=source.base_url,
                interval_minutes=source.interval_minutes,
            )
            for index, source in enumerate(message.sources)
        ),
        interval_minutes=message.interval_minutes,
    )


def search_definition_message(definition: SearchDefinition) -> search_pb2.SearchDefinition:
    return search_pb2.SearchDefinition(
        display_name=definition.label,
        keywords=list(definition.keywords),
        locations=list(definition.locations),
        remote_only=definition.remote_only,
        sources=[scrape_source_message(s) for s in definition.sources],
        interval_minutes=definition.interval_minutes,
    )


def saved_search_message(found: SearchWithRun) -> search_pb2.SavedSearch:
    search = found.search
    message = search_pb2.SavedSearch(
        saved_search_id=search.search_id,
        search=search_definition_message(search.definition),
        create_time=timestamp(search.create_time),
        update_time=timestamp(search.update_time),
    )
    if found.last_run is not None:
        message.last_run.CopyFrom(scrape_run_message(found.last_run))
    next_run = search.next_run_time
    if next_run is not None:
        message.next_run_time.CopyFrom(timestamp(next_run))
    return message


def quota_message(left: QuotaLeft) -> search_pb2.SearchQuota:
    return search_pb2.SearchQuota(
        max_saved_searches=left.quota.max_saved_searches,
        runs_per_hour=left.quota.runs_per_hour,
        runs_left=left.runs_left,
        postings_per_run=left.quota.postings_per_run,
    )


def discovery_message(found: Discovery) -> search_pb2.DiscoverCompanySourceResponse:
    return search_pb2.DiscoverCompanySourceResponse(
        sources=[
            search_pb2.DiscoveredSource(
                source=scrape_source_message(entry.source),
                evidence=[search_pb2.SourceEvidence(page_url=url, snippet=snippet) for url, snippet in entry.evidence],
                already_configured=entry.already_configured,
            )
            for entry in found.sources
        ],
        pages_read=found.pages_read,
        notes=found.notes,
    )

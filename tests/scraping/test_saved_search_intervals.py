"""A saved search's run is a request to each site it asks, and counts against the site's polite interval like a scrape
of the source (Remotive: "max. 4 times a day", one request every 360 minutes): a search whose Remotive source was
asked lately runs its other sources and leaves Remotive unasked, its status saying why and when it may be asked
again; a search with nothing else to ask is refused saying when; and a search that asked Remotive holds back an
admin's scrape of it. Over real gRPC, with a real arq worker for the stand-in board; the Remotive runs here are
never worked on (they would ask remotive.com) and are deleted."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import pytest
from grpc import StatusCode, aio

from skillgap.app import App
from skillgap.resources import Resources
from skillgap.scraping.runs import SourceSpec
from skillgap.storage.scrape_runs import ScrapeRunRepository
from skillgap.v1 import job_pb2, scrape_pb2, scrape_pb2_grpc, search_pb2, search_pb2_grpc
from tests.scraping.test_saved_searches import definition, details, get_search, run_search, source
from tests.support.boards import LocalBoards, greenhouse_board, token
from tests.support.scraping import admin, run_worker

Metadata = tuple[tuple[str, str], ...]

REMOTIVE_MINUTES = 360


@pytest.fixture
def stub(channel: aio.Channel) -> search_pb2_grpc.SavedSearchServiceStub:
    return search_pb2_grpc.SavedSearchServiceStub(channel)


@pytest.fixture
async def sources(app: App, boards: LocalBoards, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[str, str]]:
    """A Remotive category of Remotive's own API (no base_url: the site whose terms ask for few requests) and a
    Greenhouse board on the stand-in server, as the server's shared sources; (category, board). The runs that ask
    the category are deleted afterwards: no worker may ever take them."""
    category, board = f"cat-{uuid.uuid4().hex[:12]}", token()
    boards.greenhouse[board] = greenhouse_board(board)
    monkeypatch.setattr(
        app.services.saved_searches,
        "configured",
        (SourceSpec("remotive", category), SourceSpec("greenhouse", board, boards.api("greenhouse"))),
    )
    yield category, board
    await app.resources.pool.execute(
        "DELETE FROM scrape_runs WHERE run_id IN (SELECT run_id FROM scrape_run_sources WHERE identifier = ANY($1))",
        [category, board],
    )


async def remotive_runs_deleted(resources: Resources, category: str) -> None:
    """Delete the queued runs that would ask remotive.com (no worker of this test may take them)."""
    await resources.pool.execute(
        """DELETE FROM scrape_runs WHERE state = 'queued' AND run_id IN
               (SELECT run_id FROM scrape_run_sources WHERE identifier = $1 AND state = 'queued')""",
        category,
    )


async def scrape_remotive(channel: aio.Channel, token_for: Callable[..., str], category: str) -> scrape_pb2.ScrapeRun:
    reply = await scrape_pb2_grpc.ScrapeServiceStub(channel).TriggerScrape(
        scrape_pb2.TriggerScrapeRequest(
            sources=[scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_REMOTIVE, identifier=category)]
        ),
        metadata=admin(token_for),
    )
    return reply.run


async def save(stub: search_pb2_grpc.SavedSearchServiceStub, auth: Metadata, *chosen: scrape_pb2.ScrapeSource) -> str:
    made = await stub.CreateSavedSearch(
        search_pb2.CreateSavedSearchRequest(search=definition(keywords=["Engineer"], sources=list(chosen))),
        metadata=auth,
    )
    return made.saved_search.saved_search_id


async def test_a_search_leaves_a_site_asked_lately_unasked_saying_when_and_runs_the_rest(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    channel: aio.Channel,
    token_for: Callable[..., str],
    auth: Metadata,
    resources: Resources,
    redis_url: str,
    queue_name: str,
    sources: tuple[str, str],
) -> None:
    category, board = sources
    scraped = await scrape_remotive(channel, token_for, category)
    may_ask = scraped.create_time.ToDatetime(tzinfo=UTC) + timedelta(minutes=REMOTIVE_MINUTES)
    search_id = await save(
        stub, auth, source(job_pb2.SOURCE_KIND_REMOTIVE, category), source(job_pb2.SOURCE_KIND_GREENHOUSE, board)
    )

    queued = await run_search(stub, auth, search_id)

    remotive, greenhouse = queued.sources
    assert remotive.source.identifier == category and remotive.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED
    assert remotive.error_message.startswith(f"not asked: remotive '{category}' was last asked at "), remotive
    assert f"every {REMOTIVE_MINUTES} minutes" in remotive.error_message
    assert may_ask.isoformat(timespec="seconds") in remotive.error_message
    assert greenhouse.state == scrape_pb2.SCRAPE_STATE_QUEUED
    await remotive_runs_deleted(resources, category)  # the admin's scrape: never worked on here
    await run_worker(resources, redis_url, queue_name)

    run = (await get_search(stub, auth, search_id)).last_run
    assert run.run_id == queued.run_id and run.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED
    remotive, greenhouse = run.sources
    assert remotive.counts.fetched == 0 and remotive.error_message.startswith("not asked: ")
    assert greenhouse.counts.fetched == 1 and greenhouse.counts.created == 1  # the board's engineer
    # The unasked source was no request: with the admin's scrape gone, nothing asked Remotive, and it may be asked.
    assert await ScrapeRunRepository(resources.pool).last_asked(SourceSpec("remotive", category)) is None


async def test_a_search_with_only_sites_asked_lately_is_refused_saying_when(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    channel: aio.Channel,
    token_for: Callable[..., str],
    auth: Metadata,
    resources: Resources,
    queue_name: str,
    sources: tuple[str, str],
) -> None:
    category, _ = sources
    scraped = await scrape_remotive(channel, token_for, category)
    may_ask = scraped.create_time.ToDatetime(tzinfo=UTC) + timedelta(minutes=REMOTIVE_MINUTES)
    search_id = await save(stub, auth, source(job_pb2.SOURCE_KIND_REMOTIVE, category))

    with pytest.raises(aio.AioRpcError) as refused:
        await run_search(stub, auth, search_id)

    assert refused.value.code() == StatusCode.RESOURCE_EXHAUSTED
    message = refused.value.details() or ""
    assert "none of the search's sources may be asked now" in message, message
    assert f"remotive '{category}'" in message and may_ask.isoformat(timespec="seconds") in message, message
    reason, metadata, _ = details(refused.value)
    assert reason == "SOURCE_SCRAPED_RECENTLY" and metadata["min_interval_minutes"] == str(REMOTIVE_MINUTES)
    assert abs(datetime.fromisoformat(metadata["next_run_time"]) - may_ask) < timedelta(seconds=1)
    assert REMOTIVE_MINUTES * 60 - 60 < int(metadata["retry_after_seconds"]) <= REMOTIVE_MINUTES * 60
    # Nothing was queued, and the refused run took nothing of the user's hourly quota.
    assert not (await get_search(stub, auth, search_id)).HasField("last_run")
    listed = await stub.ListSavedSearches(search_pb2.ListSavedSearchesRequest(), metadata=auth)
    assert listed.quota.runs_left == listed.quota.runs_per_hour


async def test_a_search_that_asked_a_site_holds_back_a_scrape_of_it(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    channel: aio.Channel,
    token_for: Callable[..., str],
    auth: Metadata,
    resources: Resources,
    queue_name: str,
    sources: tuple[str, str],
) -> None:
    category, _ = sources
    search_id = await save(stub, auth, source(job_pb2.SOURCE_KIND_REMOTIVE, category))
    queued = await run_search(stub, auth, search_id)
    assert [s.state for s in queued.sources] == [scrape_pb2.SCRAPE_STATE_QUEUED]  # asked: it counts

    with pytest.raises(aio.AioRpcError) as refused:
        await scrape_remotive(channel, token_for, category)
    assert refused.value.code() == StatusCode.RESOURCE_EXHAUSTED
    assert "saved search" in (refused.value.details() or "")
    assert details(refused.value)[0] == "SOURCE_SCRAPED_RECENTLY"

    # And another user's search of it too: every source of it waits.
    other = (("authorization", f"Bearer {token_for(f'other-{uuid.uuid4().hex[:8]}')}"),)
    with pytest.raises(aio.AioRpcError) as also:
        await run_search(stub, other, await save(stub, other, source(job_pb2.SOURCE_KIND_REMOTIVE, category)))
    assert details(also.value)[0] == "SOURCE_SCRAPED_RECENTLY"
    await remotive_runs_deleted(resources, category)

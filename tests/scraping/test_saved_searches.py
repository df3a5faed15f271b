"""Saved searches as a user sees them, over real gRPC (and REST through Envoy): save a search, run it, and find the
matching jobs of the stand-in boards in the shared catalog, stored by a real arq worker; only one's own searches;
the limits of a definition and the per-user quota.

The boards are the local stand-ins of tests/support/boards.py, configured as the server's shared sources (as
SKILLGAP_SCRAPE_SOURCES would, with their API base URLs) for each test.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import httpx
import pytest
from google.protobuf import field_mask_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc import StatusCode, aio

from skillgap.app import App
from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.scraping.runs import SourceSpec
from skillgap.scraping.saved_searches import Quota
from skillgap.v1 import job_pb2, job_pb2_grpc, scrape_pb2, search_pb2, search_pb2_grpc
from tests.support.boards import LocalBoards, greenhouse_board, lever_postings, token
from tests.support.samples import BACKEND
from tests.support.scraping import jobs_of, run_worker
from tests.support.services import job_catalog

Metadata = tuple[tuple[str, str], ...]

GREENHOUSE = job_pb2.SOURCE_KIND_GREENHOUSE
LEVER = job_pb2.SOURCE_KIND_LEVER


@pytest.fixture
def stub(channel: aio.Channel) -> search_pb2_grpc.SavedSearchServiceStub:
    return search_pb2_grpc.SavedSearchServiceStub(channel)


@pytest.fixture
async def shared_boards(
    app: App, boards: LocalBoards, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[str, str]]:
    """A Greenhouse board and a Lever site on the stand-in server, configured as the server's shared sources; the
    (board, site) tokens. Runs this test left unfinished are removed: no later worker takes them."""
    board, site = token(), token()
    boards.greenhouse[board] = greenhouse_board(board)
    boards.lever[site] = lever_postings(site)
    monkeypatch.setattr(
        app.services.saved_searches,
        "configured",
        (
            SourceSpec("greenhouse", board, boards.api("greenhouse"), 60),
            SourceSpec("lever", site, boards.api("lever")),
        ),
    )
    yield board, site
    await app.resources.pool.execute(
        """DELETE FROM scrape_runs WHERE state IN ('queued', 'running')
           AND run_id IN (SELECT r.run_id FROM saved_search_runs r
                          JOIN scrape_run_sources s USING (run_id) WHERE s.identifier = ANY($1::text[]))""",
        [board, site],
    )


def definition(**fields: object) -> search_pb2.SearchDefinition:
    return search_pb2.SearchDefinition(**fields)  # type: ignore[arg-type]


def source(kind: int, identifier: str = "") -> scrape_pb2.ScrapeSource:
    return scrape_pb2.ScrapeSource(kind=kind, identifier=identifier)  # type: ignore[arg-type]


def details(error: aio.AioRpcError) -> tuple[str, dict[str, str], list[str]]:
    """The ErrorInfo reason and metadata, and the fields the BadRequest names."""
    reason, metadata, fields = "", {}, []
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            for detail in status_pb2.Status.FromString(value).details:
                info, bad = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
                if detail.Unpack(info):
                    reason, metadata = info.reason, dict(info.metadata)
                elif detail.Unpack(bad):
                    fields = [v.field for v in bad.field_violations]
    return reason, metadata, fields


async def run_search(
    stub: search_pb2_grpc.SavedSearchServiceStub, auth: Metadata, search_id: str
) -> scrape_pb2.ScrapeRun:
    reply = await stub.RunSavedSearch(search_pb2.RunSavedSearchRequest(saved_search_id=search_id), metadata=auth)
    return reply.run


async def get_search(
    stub: search_pb2_grpc.SavedSearchServiceStub, auth: Metadata, search_id: str
) -> search_pb2.SavedSearch:
    reply = await stub.GetSavedSearch(search_pb2.GetSavedSearchRequest(saved_search_id=search_id), metadata=auth)
    return reply.saved_search


async def run_jobs(channel: aio.Channel, auth: Metadata, run_id: str) -> list[tuple[str, str]]:
    """The jobs a run stored, as (title, company), sorted."""
    reply = await job_pb2_grpc.JobServiceStub(channel).ListJobs(job_pb2.ListJobsRequest(run_id=run_id), metadata=auth)
    return sorted((job.title, job.company) for job in reply.jobs)


# --- save, run, find the jobs -------------------------------------------------------------------------------


async def test_a_saved_search_stores_the_matching_postings_of_the_boards_and_closes_nothing(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    channel: aio.Channel,
    auth: Metadata,
    resources: Resources,
    redis_url: str,
    queue_name: str,
    shared_boards: tuple[str, str],
) -> None:
    board, site = shared_boards
    # A job of the board that the search does not match: a scrape of the whole board would close it (the board no
    # longer lists it); a search, which saw only part of the board, must not.
    kept = await job_catalog(resources).add(
        JobPosting(
            source_kind="greenhouse",
            source_identifier=board,
            external_id="listed-before",
            title="Office Manager",
            description=BACKEND,
            company=f"Kept {board}",
        )
    )
    created = await stub.CreateSavedSearch(
        search_pb2.CreateSavedSearchRequest(
            search=definition(
                keywords=["Engineer"],
                locations=["San Francisco"],
                sources=[source(GREENHOUSE), source(LEVER, site.upper())],  # a kind; a site, case aside
            )
        ),
        metadata=auth,
    )
    saved = created.saved_search
    assert saved.search.display_name == "Engineer in San Francisco"
    assert not saved.HasField("last_run") and not saved.HasField("next_run_time")

    queued = (
        await stub.RunSavedSearch(
            search_pb2.RunSavedSearchRequest(saved_search_id=saved.saved_search_id), metadata=auth
        )
    ).run
    assert [(s.source.identifier, s.source.base_url != "") for s in queued.sources] == [(board, True), (site, True)]
    assert queued.state == scrape_pb2.SCRAPE_STATE_QUEUED and queued.trigger == scrape_pb2.SCRAPE_TRIGGER_MANUAL
    await run_worker(resources, redis_url, queue_name)

    run = (
        await stub.GetSavedSearch(
            search_pb2.GetSavedSearchRequest(saved_search_id=saved.saved_search_id), metadata=auth
        )
    ).saved_search.last_run
    assert run.run_id == queued.run_id and run.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED
    # One posting of each board is an engineer in San Francisco: the Greenhouse board's Senior Backend Engineer
    # (not its remote Data Analyst), Lever's Senior Backend Engineer (not its support contractor or Berlin intern).
    assert [(s.counts.fetched, s.counts.created, s.counts.closed) for s in run.sources] == [(1, 1, 0), (1, 1, 0)]
    jobs = await run_jobs(channel, auth, run.run_id)
    assert [title for title, _ in jobs] == ["Senior Backend Engineer"] * 2 and jobs[0][1] != jobs[1][1]
    stored = await jobs_of(resources, "greenhouse", board)
    assert stored["4012345"][1] == "open" and "4012399" not in stored
    assert stored["listed-before"] == (kept.job_id, "open")
    lever = await jobs_of(resources, "lever", site)
    assert len(lever) == 1 and next(iter(lever.values()))[1] == "open"


async def test_the_run_stops_at_the_quota_of_postings_and_asks_no_more_sources(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    app: App,
    auth: Metadata,
    resources: Resources,
    redis_url: str,
    queue_name: str,
    shared_boards: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    board, site = shared_boards
    monkeypatch.setattr(app.services.saved_searches, "quota", Quota(postings_per_run=1))
    saved = (
        await stub.CreateSavedSearch(
            search_pb2.CreateSavedSearchRequest(
                search=definition(keywords=["engineer"], sources=[source(GREENHOUSE), source(LEVER)])
            ),
            metadata=auth,
        )
    ).saved_search
    run = (
        await stub.RunSavedSearch(
            search_pb2.RunSavedSearchRequest(saved_search_id=saved.saved_search_id), metadata=auth
        )
    ).run
    await run_worker(resources, redis_url, queue_name)
    status = (
        await stub.GetSavedSearch(
            search_pb2.GetSavedSearchRequest(saved_search_id=saved.saved_search_id), metadata=auth
        )
    ).saved_search.last_run
    assert status.run_id == run.run_id
    ours = [s for s in status.sources if s.source.identifier in (board, site)]
    assert [s.counts.fetched for s in ours] == [1, 0]
    assert "stopped at the run's quota of 1 matching postings" in ours[0].error_message
    assert "not asked: the run already read its quota of 1 matching postings" in ours[1].error_message
    assert await jobs_of(resources, "lever", site) == {}


async def test_a_search_whose_sources_the_server_does_not_search_is_refused(
    stub: search_pb2_grpc.SavedSearchServiceStub, auth: Metadata, shared_boards: tuple[str, str]
) -> None:
    with pytest.raises(aio.AioRpcError) as refused:
        await stub.CreateSavedSearch(
            search_pb2.CreateSavedSearchRequest(
                search=definition(keywords=["python"], sources=[source(GREENHOUSE, "not-configured-here")])
            ),
            metadata=auth,
        )
    assert refused.value.code() == StatusCode.INVALID_ARGUMENT
    assert details(refused.value)[0] == "SOURCE_NOT_SEARCHED"
    assert details(refused.value)[2] == ["search.sources[0]"]
    assert "ListScrapeSources" in (refused.value.details() or "")


# --- one's own searches --------------------------------------------------------------------------------------


async def test_list_update_and_delete_act_on_the_callers_own_searches(
    stub: search_pb2_grpc.SavedSearchServiceStub, token_for: Callable[..., str], shared_boards: tuple[str, str]
) -> None:
    alice = (("authorization", f"Bearer {token_for(f'alice-{uuid.uuid4().hex[:8]}')}"),)
    bob = (("authorization", f"Bearer {token_for(f'bob-{uuid.uuid4().hex[:8]}')}"),)
    ids = []
    for keyword in ("python", "golang", "rust"):
        made = await stub.CreateSavedSearch(
            search_pb2.CreateSavedSearchRequest(search=definition(keywords=[keyword])), metadata=alice
        )
        ids.append(made.saved_search.saved_search_id)
    first = await stub.ListSavedSearches(search_pb2.ListSavedSearchesRequest(page_size=2), metadata=alice)
    rest = await stub.ListSavedSearches(
        search_pb2.ListSavedSearchesRequest(page_size=2, page_token=first.next_page_token), metadata=alice
    )
    assert [s.saved_search_id for s in (*first.saved_searches, *rest.saved_searches)] == ids[::-1]
    assert rest.next_page_token == ""
    assert (first.quota.runs_per_hour, first.quota.runs_left, first.quota.postings_per_run) == (10, 10, 500)
    assert (await stub.ListSavedSearches(search_pb2.ListSavedSearchesRequest(), metadata=bob)).saved_searches == []

    changed = await stub.UpdateSavedSearch(
        search_pb2.UpdateSavedSearchRequest(
            saved_search_id=ids[0],
            search=definition(keywords=["ignored"], locations=["Berlin"], interval_minutes=120),
            update_mask=field_mask_pb2.FieldMask(paths=["locations", "interval_minutes"]),
        ),
        metadata=alice,
    )
    search = changed.saved_search.search
    assert (list(search.keywords), list(search.locations), search.interval_minutes) == (["python"], ["Berlin"], 120)
    # Scheduled and never run: the first scheduled run is due at once.
    assert changed.saved_search.next_run_time.ToDatetime(UTC) <= datetime.now(UTC)

    for call in (
        stub.GetSavedSearch(search_pb2.GetSavedSearchRequest(saved_search_id=ids[0]), metadata=bob),
        stub.DeleteSavedSearch(search_pb2.DeleteSavedSearchRequest(saved_search_id=ids[0]), metadata=bob),
        stub.RunSavedSearch(search_pb2.RunSavedSearchRequest(saved_search_id=ids[0]), metadata=bob),
    ):
        with pytest.raises(aio.AioRpcError) as refused:
            await call
        assert refused.value.code() == StatusCode.NOT_FOUND
        assert "python" not in (refused.value.details() or "") and "Berlin" not in (refused.value.details() or "")
    kept = await stub.GetSavedSearch(search_pb2.GetSavedSearchRequest(saved_search_id=ids[0]), metadata=alice)
    assert list(kept.saved_search.search.locations) == ["Berlin"]

    await stub.DeleteSavedSearch(search_pb2.DeleteSavedSearchRequest(saved_search_id=ids[0]), metadata=alice)
    with pytest.raises(aio.AioRpcError) as gone:
        await stub.GetSavedSearch(search_pb2.GetSavedSearchRequest(saved_search_id=ids[0]), metadata=alice)
    assert gone.value.code() == StatusCode.NOT_FOUND


# --- limits and quota ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "field", "reason"),
    [
        (definition(keywords=[f"k{i}" for i in range(11)]), "search.keywords", "TOO_MANY_KEYWORDS"),
        (definition(keywords=["x" * 101]), "search.keywords[0]", "KEYWORD_TOO_LONG"),
        (definition(keywords=["a"], locations=[f"l{i}" for i in range(11)]), "search.locations", "TOO_MANY_LOCATIONS"),
        (definition(locations=["y" * 101]), "search.locations[0]", "LOCATION_TOO_LONG"),
        (definition(keywords=["a"], display_name="n" * 201), "search.display_name", "DISPLAY_NAME_TOO_LONG"),
        (definition(keywords=["a"], sources=[source(LEVER)] * 21), "search.sources", "TOO_MANY_SOURCES"),
        (definition(keywords=["a"], sources=[source(0)]), "search.sources[0].kind", "INVALID_SOURCE"),
        (definition(keywords=["a"], sources=[source(999)]), "search.sources[0].kind", "INVALID_SOURCE"),
        (definition(keywords=["a"], interval_minutes=30), "search.interval_minutes", "INVALID_INTERVAL"),
        (definition(keywords=["a"], interval_minutes=-5), "search.interval_minutes", "INVALID_INTERVAL"),
        (definition(keywords=["  ", ""]), "search.keywords", "EMPTY_SEARCH"),
    ],
)
async def test_a_definition_over_a_limit_is_refused_naming_the_field(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    auth: Metadata,
    search: search_pb2.SearchDefinition,
    field: str,
    reason: str,
) -> None:
    with pytest.raises(aio.AioRpcError) as refused:
        await stub.CreateSavedSearch(search_pb2.CreateSavedSearchRequest(search=search), metadata=auth)
    assert refused.value.code() == StatusCode.INVALID_ARGUMENT
    got_reason, _, fields = details(refused.value)
    assert (got_reason, fields) == (reason, [field])
    assert len(refused.value.details() or "") < 400  # names the limit, never echoes a huge value


async def test_an_unknown_update_path_is_refused(stub: search_pb2_grpc.SavedSearchServiceStub, auth: Metadata) -> None:
    made = await stub.CreateSavedSearch(
        search_pb2.CreateSavedSearchRequest(search=definition(keywords=["python"])), metadata=auth
    )
    with pytest.raises(aio.AioRpcError) as refused:
        await stub.UpdateSavedSearch(
            search_pb2.UpdateSavedSearchRequest(
                saved_search_id=made.saved_search.saved_search_id,
                update_mask=field_mask_pb2.FieldMask(paths=["owner"]),
            ),
            metadata=auth,
        )
    assert refused.value.code() == StatusCode.INVALID_ARGUMENT and details(refused.value)[0] == "UNKNOWN_FIELD_PATH"


async def test_runs_over_the_hourly_quota_are_refused_with_when_to_retry(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    app: App,
    auth: Metadata,
    queue_name: str,
    shared_boards: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app.services.saved_searches, "quota", Quota(runs_per_hour=2, max_saved_searches=2))
    ids = []
    for keyword in ("python", "golang"):
        made = await stub.CreateSavedSearch(
            search_pb2.CreateSavedSearchRequest(search=definition(keywords=[keyword])), metadata=auth
        )
        ids.append(made.saved_search.saved_search_id)
    with pytest.raises(aio.AioRpcError) as too_many:
        await stub.CreateSavedSearch(
            search_pb2.CreateSavedSearchRequest(search=definition(keywords=["rust"])), metadata=auth
        )
    assert too_many.value.code() == StatusCode.RESOURCE_EXHAUSTED
    assert details(too_many.value)[:2] == ("TOO_MANY_SAVED_SEARCHES", {"limit": "2"})

    await stub.RunSavedSearch(search_pb2.RunSavedSearchRequest(saved_search_id=ids[0]), metadata=auth)
    await stub.RunSavedSearch(search_pb2.RunSavedSearchRequest(saved_search_id=ids[1]), metadata=auth)
    # Deleting a search does not give its runs back.
    await stub.DeleteSavedSearch(search_pb2.DeleteSavedSearchRequest(saved_search_id=ids[0]), metadata=auth)
    with pytest.raises(aio.AioRpcError) as exhausted:
        await stub.RunSavedSearch(search_pb2.RunSavedSearchRequest(saved_search_id=ids[1]), metadata=auth)
    assert exhausted.value.code() == StatusCode.RESOURCE_EXHAUSTED
    reason, metadata, _ = details(exhausted.value)
    assert reason == "SAVED_SEARCH_RUNS_EXHAUSTED" and metadata["runs_per_hour"] == "2"
    assert 3500 <= int(metadata["retry_after_seconds"]) <= 3600
    listed = await stub.ListSavedSearches(search_pb2.ListSavedSearchesRequest(), metadata=auth)
    assert (listed.quota.runs_per_hour, listed.quota.runs_left) == (2, 0)


async def test_a_run_of_a_deleted_search_asks_no_source(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    auth: Metadata,
    resources: Resources,
    redis_url: str,
    queue_name: str,
    shared_boards: tuple[str, str],
    boards: LocalBoards,
) -> None:
    board, _ = shared_boards
    made = await stub.CreateSavedSearch(
        search_pb2.CreateSavedSearchRequest(search=definition(keywords=["engineer"], sources=[source(GREENHOUSE)])),
        metadata=auth,
    )
    search_id = made.saved_search.saved_search_id
    run = (await stub.RunSavedSearch(search_pb2.RunSavedSearchRequest(saved_search_id=search_id), metadata=auth)).run
    await stub.DeleteSavedSearch(search_pb2.DeleteSavedSearchRequest(saved_search_id=search_id), metadata=auth)
    boards.take_requests(board)
    await run_worker(resources, redis_url, queue_name)
    assert boards.take_requests(board) == []
    row = await resources.pool.fetchrow(
        "SELECT state, error_message FROM scrape_run_sources WHERE run_id = $1", uuid.UUID(run.run_id)
    )
    assert row["state"] == "succeeded" and "the saved search was deleted" in row["error_message"]
    # The search's terms are gone with it.
    assert (
        await resources.pool.fetchval("SELECT count(*) FROM saved_searches WHERE search_id = $1", uuid.UUID(search_id))
        == 0
    )


async def test_scheduled_searches_are_queued_when_due_and_count_in_the_quota(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    app: App,
    auth: Metadata,
    queue_name: str,
    shared_boards: tuple[str, str],
) -> None:
    made = await stub.CreateSavedSearch(
        search_pb2.CreateSavedSearchRequest(search=definition(keywords=["engineer"], interval_minutes=60)),
        metadata=auth,
    )
    search_id = made.saved_search.saved_search_id
    queued = await app.services.saved_searches.trigger_due()
    cleanup = "DELETE FROM scrape_runs WHERE run_id = ANY($1::uuid[]) AND state = 'queued'"
    mine = await app.resources.pool.fetch(
        "SELECT run_id FROM saved_search_runs WHERE search_id = $1", uuid.UUID(search_id)
    )
    assert [str(r["run_id"]) for r in mine] == [run for run in queued if run in {str(r["run_id"]) for r in mine}]
    assert len(mine) == 1
    # Not due again within its interval.
    again = await app.services.saved_searches.trigger_due()
    assert not {str(r["run_id"]) for r in mine} & set(again)
    assert (
        len(
            await app.resources.pool.fetch("SELECT 1 FROM saved_search_runs WHERE search_id = $1", uuid.UUID(search_id))
        )
        == 1
    )
    got = await stub.GetSavedSearch(search_pb2.GetSavedSearchRequest(saved_search_id=search_id), metadata=auth)
    assert got.saved_search.last_run.trigger == scrape_pb2.SCRAPE_TRIGGER_SCHEDULED
    assert got.saved_search.next_run_time.ToDatetime(UTC) > datetime.now(UTC)
    # Other searches due now (other tests') were queued too; no worker of a later test may take them.
    await app.resources.pool.execute(cleanup, [uuid.UUID(r) for r in queued + again])


# --- REST through Envoy --------------------------------------------------------------------------------------


@pytest.mark.rest
async def test_save_run_and_read_a_search_over_rest(
    gateway_url: str,
    token_for: Callable[..., str],
    user_id: str,
    resources: Resources,
    redis_url: str,
    queue_name: str,
    shared_boards: tuple[str, str],
) -> None:
    board, _ = shared_boards
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=30.0, headers=headers) as http:
        made = await http.post(
            "/api/saved-searches",
            json={
                "keywords": ["engineer"],
                "locations": ["San Francisco"],
                "sources": [{"kind": "SOURCE_KIND_GREENHOUSE"}],
            },
        )
        assert made.status_code == 200, made.text
        search_id = made.json()["saved_search"]["saved_search_id"]
        run = await http.post(f"/api/saved-searches/{search_id}/run", json={})
        assert run.status_code == 200, run.text
        await run_worker(resources, redis_url, queue_name)
        got = await http.get(f"/api/saved-searches/{search_id}")
        assert got.status_code == 200, got.text
        last_run = got.json()["saved_search"]["last_run"]
        assert last_run["state"] == "SCRAPE_STATE_SUCCEEDED"
        assert [(s["source"]["identifier"], s["counts"]["fetched"]) for s in last_run["sources"]] == [(board, 1)]
        patched = await http.patch(
            f"/api/saved-searches/{search_id}", params={"update_mask": "remote_only"}, json={"remote_only": True}
        )
        assert patched.status_code == 200 and patched.json()["saved_search"]["search"]["remote_only"] is True
        bad = await http.post("/api/saved-searches", json={"keywords": ["x" * 101]})
        assert bad.status_code == 400 and bad.json()["details"][0]["reason"] == "KEYWORD_TOO_LONG"
        missing = await http.get(f"/api/saved-searches/{uuid.uuid4()}")
        assert missing.status_code == 404
        deleted = await http.delete(f"/api/saved-searches/{search_id}")
        assert deleted.status_code == 200 and deleted.json() == {"saved_search_id": search_id}


async def test_concurrent_runs_never_exceed_the_hourly_quota(
    stub: search_pb2_grpc.SavedSearchServiceStub,
    app: App,
    auth: Metadata,
    queue_name: str,
    shared_boards: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(app.services.saved_searches, "quota", Quota(runs_per_hour=2))
    made = await stub.CreateSavedSearch(
        search_pb2.CreateSavedSearchRequest(search=definition(keywords=["python"], sources=[source(GREENHOUSE)])),
        metadata=auth,
    )
    search_id = made.saved_search.saved_search_id
    outcomes = await asyncio.gather(*(run_search(stub, auth, search_id) for _ in range(6)), return_exceptions=True)
    refused = [o for o in outcomes if isinstance(o, aio.AioRpcError)]
    assert len(outcomes) - len(refused) == 2
    assert {o.code() for o in refused} == {StatusCode.RESOURCE_EXHAUSTED}
    # The refused calls left no run behind.
    runs = await app.resources.pool.fetchval(
        """SELECT count(*) FROM scrape_runs r JOIN scrape_run_sources s USING (run_id)
           WHERE s.identifier = $1 AND r.requested_by = (SELECT user_id FROM saved_searches WHERE search_id = $2)""",
        shared_boards[0],
        uuid.UUID(search_id),
    )
    assert runs == 2

"""ScrapeService end to end: trigger over gRPC, a real arq worker in burst mode, status from Postgres."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import grpc
import httpx
import pytest
from grpc import aio

from skillgap.errors import Unavailable
from skillgap.resources import Resources
from skillgap.scraping.queue import ScrapeQueue
from skillgap.scraping.runs import SourceSpec
from skillgap.scraping.service import ScrapeService
from skillgap.storage.scrape_runs import ScrapeRunRepository
from skillgap.v1 import job_pb2, scrape_pb2, scrape_pb2_grpc
from tests.ports import free_port
from tests.support.boards import LocalBoards, greenhouse_board, token
from tests.support.scraping import admin, greenhouse, jobs_of, run_worker


async def test_triggered_run_is_queued_then_scraped_by_the_worker(
    channel: aio.Channel,
    token_for: Callable[..., str],
    resources: Resources,
    redis_url: str,
    queue_name: str,
    boards: LocalBoards,
) -> None:
    board = token()
    boards.greenhouse[board] = greenhouse_board(board)
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    reply = await stub.TriggerScrape(
        scrape_pb2.TriggerScrapeRequest(sources=[greenhouse(board, boards.api("greenhouse"))]),
        metadata=admin(token_for),
    )
    run = reply.run
    assert run.run_id and run.state == scrape_pb2.SCRAPE_STATE_QUEUED
    assert run.trigger == scrape_pb2.SCRAPE_TRIGGER_MANUAL and run.requested_by == "scrape-admin"
    assert [s.state for s in run.sources] == [scrape_pb2.SCRAPE_STATE_QUEUED]

    await run_worker(resources, redis_url, queue_name)

    status = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=run.run_id), metadata=admin(token_for))
    (done,) = status.runs
    assert done.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED, done
    assert done.sources[0].counts.created > 0
    assert done.totals.created == done.sources[0].counts.created
    assert done.HasField("start_time") and done.HasField("finish_time")
    assert len(await jobs_of(resources, "greenhouse", board)) == done.totals.created


async def test_one_failing_source_makes_the_run_partially_failed(
    channel: aio.Channel,
    token_for: Callable[..., str],
    resources: Resources,
    redis_url: str,
    queue_name: str,
    boards: LocalBoards,
) -> None:
    board = token()
    boards.greenhouse[board] = greenhouse_board(board)
    boards.failures["/boards/broken/"] = 500  # a board that is down
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    reply = await stub.TriggerScrape(
        scrape_pb2.TriggerScrapeRequest(
            sources=[greenhouse("broken", boards.api("greenhouse")), greenhouse(board, boards.api("greenhouse"))]
        ),
        metadata=admin(token_for),
    )
    await run_worker(resources, redis_url, queue_name)
    status = await stub.GetScrapeStatus(
        scrape_pb2.GetScrapeStatusRequest(run_id=reply.run.run_id), metadata=admin(token_for)
    )
    (done,) = status.runs
    assert done.state == scrape_pb2.SCRAPE_STATE_PARTIALLY_FAILED
    broken, good = done.sources
    assert broken.state == scrape_pb2.SCRAPE_STATE_FAILED
    assert "broken" in broken.error_message and "500" in broken.error_message
    assert good.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED and good.counts.created > 0
    assert len(await jobs_of(resources, "greenhouse", board)) == good.counts.created


async def test_recent_runs_are_listed_newest_first_with_paging(
    channel: aio.Channel, token_for: Callable[..., str], queue_name: str, boards: LocalBoards, auth: Any
) -> None:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    ids = []
    for _ in range(3):
        reply = await stub.TriggerScrape(
            scrape_pb2.TriggerScrapeRequest(sources=[greenhouse(token(), boards.api("greenhouse"))]),
            metadata=admin(token_for),
        )
        ids.append(reply.run.run_id)
    first = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(page_size=2), metadata=auth)
    assert [r.run_id for r in first.runs] == ids[::-1][:2] and first.next_page_token
    second = await stub.GetScrapeStatus(
        scrape_pb2.GetScrapeStatusRequest(page_size=2, page_token=first.next_page_token), metadata=auth
    )
    assert second.runs[0].run_id == ids[0]


async def test_trigger_needs_admin(channel: aio.Channel, auth: Any, boards: LocalBoards) -> None:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.TriggerScrape(
            scrape_pb2.TriggerScrapeRequest(sources=[greenhouse("acme", boards.api("greenhouse"))]), metadata=auth
        )
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_unknown_run_is_not_found(channel: aio.Channel, auth: Any) -> None:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    for run_id in (str(uuid.uuid4()), "not-a-uuid"):
        with pytest.raises(aio.AioRpcError) as err:
            await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=run_id), metadata=auth)
        assert err.value.code() == grpc.StatusCode.NOT_FOUND


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (scrape_pb2.ScrapeSource(identifier="acme"), "unknown job source kind"),
        (
            scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_JOB_PAGE, identifier="http://169.254.169.254/"),
            "169.254.169.254",
        ),
    ],
)
async def test_invalid_sources_are_invalid_argument(
    channel: aio.Channel, token_for: Callable[..., str], source: scrape_pb2.ScrapeSource, words: str
) -> None:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=[source]), metadata=admin(token_for))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert words in (err.value.details() or "")


async def test_no_sources_and_none_configured_is_invalid_argument(
    channel: aio.Channel, token_for: Callable[..., str]
) -> None:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(), metadata=admin(token_for))
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "SKILLGAP_SCRAPE_SOURCES" in (err.value.details() or "")


async def test_list_sources_is_empty_when_none_configured(channel: aio.Channel, auth: Any) -> None:
    reply = await scrape_pb2_grpc.ScrapeServiceStub(channel).ListScrapeSources(
        scrape_pb2.ListScrapeSourcesRequest(), metadata=auth
    )
    assert list(reply.sources) == []


async def test_configured_sources_are_used_and_listed(resources: Resources) -> None:
    spec = SourceSpec("greenhouse", "acme", "", 60)
    service = ScrapeService(ScrapeRunRepository(resources.pool), None, configured=[spec], allowed_hosts="")
    assert service.sources() == (spec,)
    with pytest.raises(Unavailable, match="no scrape queue"):
        await service.trigger("someone", [])


async def test_redis_down_is_unavailable_quickly_and_leaves_no_run(resources: Resources) -> None:
    queue = ScrapeQueue(f"redis://127.0.0.1:{free_port()}/0")
    service = ScrapeService(ScrapeRunRepository(resources.pool), queue, configured=[], allowed_hosts="")
    requested_by = f"admin-{uuid.uuid4().hex[:8]}"
    started = time.monotonic()
    try:
        with pytest.raises(Unavailable, match="cannot be reached"):
            await service.trigger(requested_by, [SourceSpec("greenhouse", "acme")])
    finally:
        await queue.close()
    assert time.monotonic() - started < 5
    assert await resources.pool.fetchval("SELECT count(*) FROM scrape_runs WHERE requested_by = $1", requested_by) == 0


async def test_redis_down_is_unavailable_over_grpc(
    channel: aio.Channel, token_for: Callable[..., str], resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert resources.scrape_queue is not None
    dead = ScrapeQueue(f"redis://127.0.0.1:{free_port()}/0")
    monkeypatch.setattr(resources.scrape_queue, "_settings", dead._settings)
    monkeypatch.setattr(resources.scrape_queue, "_pool", None)
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.TriggerScrape(
            scrape_pb2.TriggerScrapeRequest(sources=[greenhouse("acme", "")]), metadata=admin(token_for)
        )
    assert err.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "Redis" in (err.value.details() or "")


async def test_scrape_over_rest(
    gateway_url: str, token_for: Callable[..., str], queue_name: str, boards: LocalBoards
) -> None:
    headers = {"authorization": f"Bearer {token_for('rest-scrape-admin', admin=True)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers) as client:
        body = {
            "sources": [{"kind": "SOURCE_KIND_GREENHOUSE", "identifier": token(), "base_url": boards.api("greenhouse")}]
        }
        reply = await client.post("/api/scrape/trigger", json=body)
        assert reply.status_code == 200, reply.text
        run_id = reply.json()["run"]["run_id"]
        status = await client.get("/api/scrape/status", params={"run_id": run_id})
        assert status.status_code == 200, status.text
        assert status.json()["runs"][0]["run_id"] == run_id


@pytest.mark.parametrize(
    ("value", "words"),
    [("[not json", "not valid JSON"), ('[{"kind": "nope", "identifier": "x"}]', "unknown job source")],
)
def test_bad_scrape_sources_setting_names_the_variable(value: str, words: str) -> None:
    from pydantic import ValidationError

    from skillgap.config import Settings

    with pytest.raises(ValidationError, match=f"SKILLGAP_SCRAPE_SOURCES.*{words}"):
        Settings(scrape_sources=value)


def test_scrape_sources_setting_is_parsed() -> None:
    from skillgap.config import Settings

    settings = Settings(scrape_sources='[{"kind": "Greenhouse", "identifier": "acme", "interval_minutes": 30}]')
    assert settings.configured_scrape_sources == (SourceSpec("greenhouse", "acme", "", 30),)


async def test_scheduled_runs_queue_sources_when_their_interval_has_passed(
    resources: Resources, queue_name: str, redis_url: str, boards: LocalBoards
) -> None:
    """The workers' cron queues due configured sources once per interval, and the run completes."""
    from datetime import UTC, datetime, timedelta

    hourly = SourceSpec("greenhouse", token(), boards.api("greenhouse"), 60)
    boards.greenhouse[hourly.identifier] = greenhouse_board(hourly.identifier)
    manual_only = SourceSpec("greenhouse", f"manual{uuid.uuid4().hex[:8]}", boards.api("greenhouse"), 0)
    assert resources.scrape_queue is not None
    service = ScrapeService(
        ScrapeRunRepository(resources.pool),
        resources.scrape_queue,
        configured=[hourly, manual_only],
        allowed_hosts="127.0.0.1",
    )
    now = datetime.now(UTC)
    run = await service.trigger_due(now)
    assert run is not None and run.trigger == "scheduled"
    assert [(s.source.kind, s.source.identifier) for s in run.sources] == [("greenhouse", hourly.identifier)]
    # Due again only once the hour has passed since it was queued.
    assert await service.trigger_due(now + timedelta(minutes=30)) is None
    later = await service.trigger_due(now + timedelta(minutes=61))
    assert later is not None and later.run_id != run.run_id

    await run_worker(resources, redis_url, queue_name)
    finished = await ScrapeRunRepository(resources.pool).get(run.run_id)
    assert finished is not None and finished.state == "succeeded", finished
    assert len(await jobs_of(resources, "greenhouse", hourly.identifier)) > 0

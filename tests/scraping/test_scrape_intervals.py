"""A source whose site asks for few requests (Remotive: "max. 4 times a day", so `min_interval_minutes` 360) is
scraped no more often than that: a shorter schedule is INVALID_ARGUMENT naming the field and the limit, and a manual
TriggerScrape within the interval is RESOURCE_EXHAUSTED saying when the source may run again. Over real gRPC (and
REST), against the session's PostgreSQL and a queue of the test's own; the runs are never worked on."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import httpx
import pytest
from google.rpc import error_details_pb2
from grpc import aio

from skillgap.resources import Resources
from skillgap.scraping.runs import SourceSpec, min_interval_minutes
from skillgap.storage.scrape_runs import ScrapeRunRepository
from skillgap.v1 import job_pb2, scrape_pb2, scrape_pb2_grpc
from tests.support.scraping import admin

REMOTIVE_MINUTES = 360


def remotive(category: str, interval_minutes: int = 0, base_url: str = "") -> scrape_pb2.ScrapeSource:
    # No base_url: Remotive's own API, the one its terms are about. Nothing here fetches it: the test's runs stay
    # queued on a queue of its own and are deleted afterwards.
    return scrape_pb2.ScrapeSource(
        kind=job_pb2.SOURCE_KIND_REMOTIVE, identifier=category, base_url=base_url, interval_minutes=interval_minutes
    )


def new_category() -> str:
    return f"cat-{uuid.uuid4().hex[:12]}"


@pytest.fixture
async def created_runs(resources: Resources) -> AsyncIterator[list[str]]:
    """The run ids a test queues, deleted afterwards (no worker ever runs them)."""
    run_ids: list[str] = []
    yield run_ids
    for run_id in run_ids:
        await ScrapeRunRepository(resources.pool).delete(run_id)


async def trigger(channel: aio.Channel, token_for: Callable[..., str], *sources: Any) -> scrape_pb2.ScrapeRun:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    reply = await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=sources), metadata=admin(token_for))
    return reply.run


async def refusal(channel: aio.Channel, token_for: Callable[..., str], *sources: Any) -> aio.AioRpcError:
    with pytest.raises(aio.AioRpcError) as caught:
        await trigger(channel, token_for, *sources)
    return caught.value


def error_info(error: aio.AioRpcError, decode: Callable[[aio.AioRpcError], Any]) -> error_details_pb2.ErrorInfo:
    for detail in decode(error).details:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info):
            return info
    raise AssertionError("no ErrorInfo")


def field_violations(error: aio.AioRpcError, decode: Callable[[aio.AioRpcError], Any]) -> list[str]:
    fields = []
    for detail in decode(error).details:
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            fields += [v.field for v in bad.field_violations]
    return fields


# --- Schedules ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [1, 60, REMOTIVE_MINUTES - 1])
async def test_a_schedule_shorter_than_the_sites_limit_is_refused_naming_the_field_and_the_limit(
    channel: aio.Channel,
    token_for: Callable[..., str],
    grpc_status_details: Callable[[aio.AioRpcError], Any],
    queue_name: str,
    minutes: int,
) -> None:
    error = await refusal(channel, token_for, remotive(new_category(), interval_minutes=minutes))
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = error.details() or ""
    assert "sources[0].interval_minutes" in details and f"at least {REMOTIVE_MINUTES}" in details, details
    assert f"got {minutes}" in details, details
    assert field_violations(error, grpc_status_details) == ["sources[0].interval_minutes"]


async def test_a_schedule_at_the_sites_limit_is_accepted(
    channel: aio.Channel, token_for: Callable[..., str], queue_name: str, created_runs: list[str]
) -> None:
    run = await trigger(channel, token_for, remotive(new_category(), interval_minutes=REMOTIVE_MINUTES))
    created_runs.append(run.run_id)
    assert run.state == scrape_pb2.SCRAPE_STATE_QUEUED


def test_a_setting_that_schedules_remotive_too_often_fails_start_up_naming_it() -> None:
    from pydantic import ValidationError

    from skillgap.config import Settings

    with pytest.raises(ValidationError) as caught:
        Settings(scrape_sources='[{"kind": "remotive", "identifier": "all", "interval_minutes": 60}]')
    message = str(caught.value)
    assert "SKILLGAP_SCRAPE_SOURCES" in message and "source 0" in message, message
    assert "interval_minutes" in message and f"at least {REMOTIVE_MINUTES}" in message, message
    every_six_hours = '[{"kind": "remotive", "identifier": "all", "interval_minutes": 360}]'
    assert Settings(scrape_sources=every_six_hours).configured_scrape_sources[0].interval_minutes == 360


def test_the_limit_is_the_sites_own_a_mirror_or_stand_in_is_not_bound_by_it() -> None:
    assert min_interval_minutes(SourceSpec("remotive", "all")) == REMOTIVE_MINUTES
    assert min_interval_minutes(SourceSpec("remotive", "all", "https://remotive.com/")) == REMOTIVE_MINUTES
    assert min_interval_minutes(SourceSpec("remotive", "all", "https://www.remotive.com")) == REMOTIVE_MINUTES
    assert min_interval_minutes(SourceSpec("remotive", "all", "http://127.0.0.1:8080/remotive")) == 0
    assert min_interval_minutes(SourceSpec("remotive", "all", "https://notremotive.com")) == 0
    assert min_interval_minutes(SourceSpec("greenhouse", "acme")) == 0


# --- Manual scrapes ----------------------------------------------------------------------------------------------


async def test_a_manual_scrape_within_the_interval_is_refused_saying_when_it_may_run(
    channel: aio.Channel,
    token_for: Callable[..., str],
    grpc_status_details: Callable[[aio.AioRpcError], Any],
    queue_name: str,
    created_runs: list[str],
) -> None:
    category = new_category()
    first = await trigger(channel, token_for, remotive(category))
    created_runs.append(first.run_id)
    may_run = first.create_time.ToDatetime(tzinfo=UTC) + timedelta(minutes=REMOTIVE_MINUTES)

    error = await refusal(channel, token_for, remotive(category))
    assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    details = error.details() or ""
    assert f"sources[0]: remotive '{category}'" in details, details
    assert f"every {REMOTIVE_MINUTES} minutes" in details and may_run.isoformat(timespec="seconds") in details, details
    info = error_info(error, grpc_status_details)
    assert info.reason == "SOURCE_SCRAPED_RECENTLY"
    assert info.metadata["min_interval_minutes"] == str(REMOTIVE_MINUTES)
    assert abs(datetime.fromisoformat(info.metadata["next_run_time"]) - may_run) < timedelta(seconds=1)
    assert REMOTIVE_MINUTES * 60 - 60 < int(info.metadata["retry_after_seconds"]) <= REMOTIVE_MINUTES * 60

    # The refused trigger queued nothing.
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    recent = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(page_size=100), metadata=admin(token_for))
    assert [r.run_id for r in recent.runs if any(s.source.identifier == category for s in r.sources)] == [first.run_id]


async def test_over_rest_a_manual_scrape_within_the_interval_is_429_saying_when(
    gateway_url: str, token_for: Callable[..., str], queue_name: str, created_runs: list[str]
) -> None:
    headers = {"authorization": f"Bearer {token_for('rest-interval-admin', admin=True)}"}
    body = {"sources": [{"kind": "SOURCE_KIND_REMOTIVE", "identifier": new_category()}]}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, trust_env=False) as client:
        first = await client.post("/api/scrape/trigger", json=body)
        assert first.status_code == 200, first.text
        created_runs.append(first.json()["run"]["run_id"])
        again = await client.post("/api/scrape/trigger", json=body)
    assert again.status_code == 429, again.text
    (info,) = [d for d in again.json()["details"] if d.get("reason")]
    assert info["reason"] == "SOURCE_SCRAPED_RECENTLY" and info["metadata"]["next_run_time"]
    assert f"every {REMOTIVE_MINUTES} minutes" in again.json()["message"]

"""TriggerScrape under misuse: too many sources, huge fields, bad intervals, hosts that cannot resolve, and a
trigger that must not hold up other users' calls while its sources are checked."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

import grpc
import httpx
import pytest
from grpc import aio

from skillgap.v1 import job_pb2, resume_pb2, resume_pb2_grpc, scrape_pb2, scrape_pb2_grpc
from tests.support.boards import LocalBoards, token
from tests.support.scraping import admin

MAX_SOURCES = 50
MAX_URL_CHARS = 2048
MAX_INTERVAL_MINUTES = 525_600


def greenhouse(identifier: str, base_url: str = "", interval_minutes: int = 0) -> scrape_pb2.ScrapeSource:
    return scrape_pb2.ScrapeSource(
        kind=job_pb2.SOURCE_KIND_GREENHOUSE,
        identifier=identifier,
        base_url=base_url,
        interval_minutes=interval_minutes,
    )


def job_page(url: str) -> scrape_pb2.ScrapeSource:
    return scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_JOB_PAGE, identifier=url)


async def refused(
    channel: aio.Channel, token_for: Callable[..., str], sources: list[scrape_pb2.ScrapeSource]
) -> aio.AioRpcError:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=sources), metadata=admin(token_for))
    return err.value


def violations(error: aio.AioRpcError, decode: Callable[[aio.AioRpcError], Any]) -> dict[str, str]:
    from google.rpc import error_details_pb2

    found = {}
    for detail in decode(error).details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            request = error_details_pb2.BadRequest()
            detail.Unpack(request)
            found.update({v.field: v.description for v in request.field_violations})
    return found


# --- How many sources -----------------------------------------------------------------------------------------


async def test_more_sources_than_the_limit_are_refused_naming_the_limit(
    channel: aio.Channel,
    token_for: Callable[..., str],
    grpc_status_details: Callable[[aio.AioRpcError], Any],
    boards: LocalBoards,
) -> None:
    sources = [greenhouse(token(), boards.api("greenhouse")) for _ in range(MAX_SOURCES + 1)]
    error = await refused(channel, token_for, sources)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = error.details() or ""
    assert "sources" in details and f"at most {MAX_SOURCES}" in details and f"{MAX_SOURCES + 1}" in details
    assert "sources" in violations(error, grpc_status_details)


async def test_thousands_of_sources_are_refused_at_once(channel: aio.Channel, token_for: Callable[..., str]) -> None:
    started = time.monotonic()
    error = await refused(channel, token_for, [job_page(f"http://10.0.0.{i % 250}/job/{i}") for i in range(5000)])
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert f"at most {MAX_SOURCES}" in (error.details() or "")
    assert time.monotonic() - started < 2


async def test_over_rest_too_many_sources_is_400_naming_the_limit(
    gateway_url: str, token_for: Callable[..., str]
) -> None:
    headers = {"authorization": f"Bearer {token_for('rest-limit-admin', admin=True)}"}
    body = {"sources": [{"kind": "SOURCE_KIND_GREENHOUSE", "identifier": token()} for _ in range(MAX_SOURCES + 1)]}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers) as client:
        reply = await client.post("/api/scrape/trigger", json=body)
    assert reply.status_code == 400, reply.text
    assert f"at most {MAX_SOURCES}" in reply.json()["message"]


async def test_the_most_sources_allowed_do_not_stall_other_users(
    channel: aio.Channel,
    grpc_port: int,
    token_for: Callable[..., str],
    auth: Any,
    queue_name: str,
    boards: LocalBoards,
) -> None:
    """Checking each source's URL used to build an HTTP client (with its TLS context) on the event loop:
    ~25 ms a source, the whole server stalled. Another user's calls (from another thread, as from another
    machine) must stay quick meanwhile."""
    scrape = scrape_pb2_grpc.ScrapeServiceStub(channel)
    half = MAX_SOURCES // 2
    sources = [greenhouse(token(), boards.api("greenhouse")) for _ in range(half)] + [
        job_page(boards.page_url(f"/jobs/{token()}")) for _ in range(MAX_SOURCES - half)
    ]
    latencies: list[float] = []
    triggered = threading.Event()
    warm = threading.Event()

    def other_user() -> None:
        with grpc.insecure_channel(f"127.0.0.1:{grpc_port}") as other:
            resumes = resume_pb2_grpc.ResumeServiceStub(other)
            resumes.ListResumes(resume_pb2.ListResumesRequest(), metadata=auth)
            warm.set()
            while not triggered.is_set():
                started = time.perf_counter()
                resumes.ListResumes(resume_pb2.ListResumesRequest(), metadata=auth, timeout=30)
                latencies.append(time.perf_counter() - started)
                time.sleep(0.01)

    calls = asyncio.create_task(asyncio.to_thread(other_user))
    while not warm.is_set():
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)
    try:
        started = time.perf_counter()
        reply = await scrape.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=sources), metadata=admin(token_for))
        took = time.perf_counter() - started
        await asyncio.sleep(0.1)
    finally:
        triggered.set()
        await calls
    assert len(reply.run.sources) == MAX_SOURCES
    print(
        f"trigger of {MAX_SOURCES} sources: {took * 1000:.0f} ms; other user's calls: {len(latencies)}, "
        f"slowest {max(latencies) * 1000:.0f} ms"
    )
    assert max(latencies) < 0.2, sorted(latencies)[-5:]


# --- Field sizes ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "field"),
    [
        (greenhouse("a" * 1_000_000), "sources[0].identifier"),
        (job_page("http://example.com/" + "j" * 1_000_000), "sources[0].identifier"),
        (greenhouse("acme", "http://example.com/" + "b" * 1_000_000), "sources[0].base_url"),
    ],
)
async def test_a_huge_field_is_refused_naming_it_and_the_limit_without_echoing_it(
    channel: aio.Channel,
    token_for: Callable[..., str],
    grpc_status_details: Callable[[aio.AioRpcError], Any],
    source: scrape_pb2.ScrapeSource,
    field: str,
) -> None:
    error = await refused(channel, token_for, [source])
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = error.details() or ""
    assert field in details and f"{MAX_URL_CHARS} characters" in details, details
    assert len(details) < 400, len(details)
    trailers = sum(len(key) + len(value) for key, value in error.trailing_metadata() or ())
    assert trailers < 1500, trailers
    assert field in violations(error, grpc_status_details)


async def test_a_long_board_token_is_refused_echoing_at_most_100_characters(
    channel: aio.Channel, token_for: Callable[..., str]
) -> None:
    error = await refused(channel, token_for, [greenhouse("x" * 2000)])
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = error.details() or ""
    assert "at most 128 characters" in details and "x" * 101 not in details, details


# --- Intervals --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [-5, MAX_INTERVAL_MINUTES + 1, 2**31 - 1])
async def test_a_negative_or_absurd_interval_is_refused_naming_field_and_limits(
    channel: aio.Channel,
    token_for: Callable[..., str],
    grpc_status_details: Callable[[aio.AioRpcError], Any],
    minutes: int,
) -> None:
    error = await refused(channel, token_for, [greenhouse("acme", interval_minutes=minutes)])
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = error.details() or ""
    assert "sources[0].interval_minutes" in details and str(MAX_INTERVAL_MINUTES) in details, details
    assert "sources[0].interval_minutes" in violations(error, grpc_status_details)


@pytest.mark.parametrize("minutes", ["-5", str(MAX_INTERVAL_MINUTES + 1), "true"])
def test_a_bad_interval_in_the_setting_fails_start_up_naming_it(minutes: str) -> None:
    from pydantic import ValidationError

    from skillgap.config import Settings

    value = f'[{{"kind": "greenhouse", "identifier": "acme", "interval_minutes": {minutes}}}]'
    with pytest.raises(ValidationError) as caught:
        Settings(scrape_sources=value)
    message = str(caught.value)
    assert "SKILLGAP_SCRAPE_SOURCES" in message and "source 0" in message, message
    assert "interval_minutes" in message and str(MAX_INTERVAL_MINUTES) in message, message


def test_a_year_interval_in_the_setting_is_accepted() -> None:
    from skillgap.config import Settings

    value = f'[{{"kind": "greenhouse", "identifier": "acme", "interval_minutes": {MAX_INTERVAL_MINUTES}}}]'
    assert Settings(scrape_sources=value).configured_scrape_sources[0].interval_minutes == MAX_INTERVAL_MINUTES


# --- Hosts that do not resolve ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://LOCALHOST.:8000/", "does not resolve"),
        ("http://no-such-host.invalid/jobs/1", "does not resolve"),
        ("http://127.0.0.1%09:8000/", "characters a host name cannot have"),
        ("http://exa mple.com/job", "characters a host name cannot have"),
    ],
)
async def test_a_job_page_whose_host_cannot_resolve_is_invalid_argument(
    channel: aio.Channel,
    token_for: Callable[..., str],
    grpc_status_details: Callable[[aio.AioRpcError], Any],
    url: str,
    words: str,
) -> None:
    error = await refused(channel, token_for, [job_page(url)])
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error
    assert words in (error.details() or ""), error.details()
    assert "sources[0].identifier" in violations(error, grpc_status_details)


async def test_over_rest_an_unresolvable_job_page_is_400(gateway_url: str, token_for: Callable[..., str]) -> None:
    headers = {"authorization": f"Bearer {token_for('rest-limit-admin', admin=True)}"}
    body = {"sources": [{"kind": "SOURCE_KIND_JOB_PAGE", "identifier": "http://LOCALHOST.:8000/"}]}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers) as client:
        reply = await client.post("/api/scrape/trigger", json=body)
    assert reply.status_code == 400, reply.text
    assert "does not resolve" in reply.json()["message"]


async def test_a_loopback_url_refusal_names_the_setting_that_allows_it(
    channel: aio.Channel, token_for: Callable[..., str]
) -> None:
    error = await refused(channel, token_for, [job_page("http://10.1.2.3:8080/jobs/1")])
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "SKILLGAP_SCRAPE_ALLOWED_HOSTS" in (error.details() or ""), error.details()

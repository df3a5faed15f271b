"""Per-user rate limits on the expensive RPCs, as clients meet them: over a real channel (RESOURCE_EXHAUSTED
with ErrorInfo, RetryInfo and `retry-after`), through Envoy (HTTP 429 with Retry-After), shared by server
instances through Redis, and still enforced, without failing calls, when Redis is down.

The limiter counts a call before the RPC runs, so most tests use requests the RPC refuses at once (an empty
search, an empty upload): cheap, and each one takes a token like any other call.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import math
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc import aio

from skillgap.api.ratelimit import (
    CALL_GROUPS,
    CONVERSE,
    GROUPS,
    Limit,
    LocalBuckets,
    RateLimiter,
    limits_from_settings,
)
from skillgap.api.server import GrpcServer
from skillgap.app import App
from skillgap.config import Settings
from skillgap.resources import Resources
from skillgap.scraping.queue import ScrapeQueue
from skillgap.v1 import interview_pb2, interview_pb2_grpc, job_pb2, job_pb2_grpc, resume_pb2, resume_pb2_grpc
from tests.ports import free_port

Metadata = tuple[tuple[str, str], ...]
PROTO_DIR = Path(__file__).resolve().parents[2] / "proto" / "skillgap" / "v1"


def _user(token_for: Callable[..., str], name: str = "rl") -> Metadata:
    return (("authorization", f"Bearer {token_for(f'{name}-{uuid.uuid4().hex[:10]}')}"),)


def _low_limits(per_minute: float = 1.0, burst: int = 1, **more: Any) -> dict[str, Any]:
    limits: dict[str, Any] = {}
    for name in GROUPS:
        limits[f"rate_limit_{name}_per_minute"] = per_minute
        limits[f"rate_limit_{name}_burst"] = burst
    return {**limits, **more}


@asynccontextmanager
async def serving(resources: Resources, settings: Settings, **overrides: Any) -> AsyncIterator[aio.Channel]:
    """A server of its own over the session's resources, with other settings (and/or resources)."""
    replaced = {key: overrides.pop(key) for key in ("scrape_queue",) if key in overrides}
    app = await App.over(dataclasses.replace(resources, settings=settings.model_copy(update=overrides), **replaced))
    server = GrpcServer(app)
    port = await server.start(host="127.0.0.1", port=0)
    try:
        async with aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield channel
    finally:
        await server.stop(grace=0)
        await app.aclose()


# --- what a refusal carries ------------------------------------------------------------------------


@dataclasses.dataclass
class Refusal:
    message: str
    info: error_details_pb2.ErrorInfo
    retry_delay: float
    retry_after: str


def refusal_of(error: aio.AioRpcError) -> Refusal:
    assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED, (error.code(), error.details())
    trailers = dict(error.trailing_metadata() or ())
    status = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
    info, retry = error_details_pb2.ErrorInfo(), error_details_pb2.RetryInfo()
    assert status.details[0].Unpack(info)
    assert any(detail.Unpack(retry) for detail in status.details)
    return Refusal(error.details() or "", info, retry.retry_delay.ToNanoseconds() / 1e9, trailers["retry-after"])


async def empty_search(channel: aio.Channel, auth: Metadata) -> grpc.StatusCode:
    """A SearchJobs the RPC refuses at once (nothing to match): INVALID_ARGUMENT, or the limiter's refusal."""
    try:
        await job_pb2_grpc.JobServiceStub(channel).SearchJobs(job_pb2.SearchJobsRequest(), metadata=auth, timeout=10)
    except aio.AioRpcError as error:
        if error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED:
            raise
        return error.code()
    return grpc.StatusCode.OK


async def test_the_limit_refuses_the_call_after_the_burst_with_a_retry_hint(
    channel: aio.Channel, settings: Settings, token_for: Callable[..., str]
) -> None:
    """The session server, default limits: a user's (burst + 1)th search within a moment is refused, with the
    limit named in the message, ErrorInfo, RetryInfo and retry-after agreeing."""
    alice = _user(token_for, "alice")
    burst, per_minute = settings.rate_limit_search_burst, settings.rate_limit_search_per_minute
    for _ in range(burst):
        assert await empty_search(channel, alice) == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(aio.AioRpcError) as err:
        await empty_search(channel, alice)
    refusal = refusal_of(err.value)

    assert refusal.message.startswith("too many job searches: the limit is ")
    assert f"{per_minute:g} per minute, in bursts of up to {burst}; try again in " in refusal.message
    assert refusal.info.reason == "RATE_LIMITED" and refusal.info.domain == "skillgap.dev"
    assert refusal.info.metadata["group"] == "search"
    assert refusal.info.metadata["burst"] == str(burst)
    assert refusal.info.metadata["limit_per_minute"] == f"{per_minute:g}"
    # One token comes back every 60/per_minute seconds; the hints say when, in whole seconds upward.
    assert 0 < refusal.retry_delay <= 60 / per_minute
    assert refusal.retry_after == refusal.info.metadata["retry_after_seconds"] == str(math.ceil(refusal.retry_delay))
    assert refusal.message.endswith(f"try again in {refusal.retry_after} s")


async def test_limits_are_per_user_and_per_group(
    channel: aio.Channel, settings: Settings, token_for: Callable[..., str]
) -> None:
    alice, bob = _user(token_for, "alice"), _user(token_for, "bob")
    for _ in range(settings.rate_limit_search_burst):
        await empty_search(channel, alice)
    with pytest.raises(aio.AioRpcError):
        await empty_search(channel, alice)
    # Bob is not affected, nor are Alice's other groups, nor her cheap calls.
    assert await empty_search(channel, bob) == grpc.StatusCode.INVALID_ARGUMENT
    uploaded = await resume_pb2_grpc.ResumeServiceStub(channel).UploadResume(
        resume_pb2.UploadResumeRequest(text="Alice Doe\nPython developer, Kubernetes, PostgreSQL"), metadata=alice
    )
    assert uploaded.resume.resume_id
    listed = await resume_pb2_grpc.ResumeServiceStub(channel).ListResumes(
        resume_pb2.ListResumesRequest(), metadata=alice
    )
    assert len(listed.resumes) == 1


def _every_rpc() -> set[str]:
    paths = set()
    for proto in PROTO_DIR.glob("*.proto"):
        module = importlib.import_module(f"skillgap.v1.{proto.stem}_pb2")
        for service in module.DESCRIPTOR.services_by_name.values():
            paths |= {f"/{service.full_name}/{method.name}" for method in service.methods}
    return paths


def test_the_limited_rpcs_exist() -> None:
    assert set(CALL_GROUPS) | {CONVERSE} <= _every_rpc()
    assert set(CALL_GROUPS.values()) | {"interview_start", "interview_answer"} == set(GROUPS)


async def _converse(channel: aio.Channel, auth: Metadata, *requests: interview_pb2.ConverseRequest) -> list[Any]:
    """Send `requests` on one stream, then read until the stream ends; returns the events seen."""

    async def outgoing() -> AsyncIterator[interview_pb2.ConverseRequest]:
        for request in requests:
            yield request
            await asyncio.sleep(0.2)  # let the server answer each in turn

    events = []
    async for response in interview_pb2_grpc.InterviewServiceStub(channel).Converse(
        outgoing(), metadata=auth, timeout=20
    ):
        events.append(response)
    return events


# Each limited RPC, called with a request it refuses at once (bad ids, empty content).
LIMITED_CALLS: dict[str, Callable[[aio.Channel, Metadata], Any]] = {
    "/skillgap.v1.ResumeService/UploadResume": lambda ch, md: resume_pb2_grpc.ResumeServiceStub(ch).UploadResume(
        resume_pb2.UploadResumeRequest(), metadata=md
    ),
    "/skillgap.v1.JobService/SearchJobs": lambda ch, md: job_pb2_grpc.JobServiceStub(ch).SearchJobs(
        job_pb2.SearchJobsRequest(), metadata=md
    ),
    "/skillgap.v1.JobService/GetGapSummary": lambda ch, md: job_pb2_grpc.JobServiceStub(ch).GetGapSummary(
        job_pb2.GetGapSummaryRequest(resume_id=str(uuid.uuid4())), metadata=md
    ),
    "/skillgap.v1.JobService/ListJobs": lambda ch, md: job_pb2_grpc.JobServiceStub(ch).ListJobs(
        job_pb2.ListJobsRequest(run_id=str(uuid.uuid4())), metadata=md
    ),
    "/skillgap.v1.JobService/AskAboutJob": lambda ch, md: _drain(
        job_pb2_grpc.JobServiceStub(ch).AskAboutJob(
            job_pb2.AskAboutJobRequest(job_id=str(uuid.uuid4()), resume_id=str(uuid.uuid4()), question="Why?"),
            metadata=md,
        )
    ),
    "/skillgap.v1.InterviewService/StartInterview": lambda ch, md: interview_pb2_grpc.InterviewServiceStub(
        ch
    ).StartInterview(
        interview_pb2.StartInterviewRequest(job_id=str(uuid.uuid4()), resume_id=str(uuid.uuid4())), metadata=md
    ),
    "/skillgap.v1.InterviewService/SubmitAnswer": lambda ch, md: interview_pb2_grpc.InterviewServiceStub(
        ch
    ).SubmitAnswer(
        interview_pb2.SubmitAnswerRequest(interview_id=str(uuid.uuid4()), question_id="q1", answer="x"), metadata=md
    ),
}


async def _drain(call: Any) -> None:
    async for _ in call:
        pass


async def _code(call: Any) -> grpc.StatusCode:
    try:
        await call
    except aio.AioRpcError as error:
        return error.code()
    return grpc.StatusCode.OK


async def test_every_limited_rpc_and_converse_message_is_limited(
    resources: Resources, settings: Settings, token_for: Callable[..., str]
) -> None:
    assert set(LIMITED_CALLS) == set(CALL_GROUPS)
    async with serving(resources, settings, **_low_limits(per_minute=1, burst=1)) as channel:
        for path, call in LIMITED_CALLS.items():
            auth = _user(token_for)
            first = await _code(call(channel, auth))
            assert first not in (grpc.StatusCode.OK, grpc.StatusCode.RESOURCE_EXHAUSTED), (path, first)
            with pytest.raises(aio.AioRpcError) as err:
                await call(channel, auth)
            assert refusal_of(err.value).info.metadata["group"] == CALL_GROUPS[path], path

        # Converse: each `start` takes an interview_start token, each `answer` an interview_answer token,
        # as the message arrives; `resume` is free. The second start ends the stream, as a status.
        auth = _user(token_for)
        start = interview_pb2.ConverseRequest(
            start=interview_pb2.ConverseStart(job_id=str(uuid.uuid4()), resume_id=str(uuid.uuid4()))
        )
        resume = interview_pb2.ConverseRequest(resume=interview_pb2.ConverseResume(interview_id=str(uuid.uuid4())))
        with pytest.raises(aio.AioRpcError) as err:
            await _converse(channel, auth, start, resume, resume, start)
        assert refusal_of(err.value).info.metadata["group"] == "interview_start"

        auth = _user(token_for)
        answer = interview_pb2.ConverseRequest(answer=interview_pb2.ConverseAnswer(question_id="q1", text="x"))
        with pytest.raises(aio.AioRpcError) as err:
            await _converse(channel, auth, answer, answer)
        assert refusal_of(err.value).info.metadata["group"] == "interview_answer"
        # The first answer got the stream's own error event (no interview yet): the limit let it through.
        events = await _converse(channel, _user(token_for), answer)
        assert [e.error.reason for e in events] == ["NO_INTERVIEW"]


async def test_a_token_comes_back_after_the_retry_delay(
    resources: Resources, settings: Settings, token_for: Callable[..., str]
) -> None:
    async with serving(resources, settings, **_low_limits(per_minute=120, burst=2)) as channel:
        auth = _user(token_for)
        for _ in range(2):
            await empty_search(channel, auth)
        with pytest.raises(aio.AioRpcError) as err:
            await empty_search(channel, auth)
        refusal = refusal_of(err.value)
        assert 0 < refusal.retry_delay <= 0.5  # 2 per second
        assert refusal.retry_after == "1"  # whole seconds, never 0
        await asyncio.sleep(refusal.retry_delay + 0.05)
        assert await empty_search(channel, auth) == grpc.StatusCode.INVALID_ARGUMENT
        with pytest.raises(aio.AioRpcError):
            await empty_search(channel, auth)


async def test_limits_can_be_turned_off_entirely_or_per_group(
    resources: Resources, settings: Settings, token_for: Callable[..., str]
) -> None:
    async with serving(resources, settings, **_low_limits(per_minute=1, burst=1, rate_limit_enabled=False)) as ch:
        auth = _user(token_for)
        for _ in range(5):
            assert await empty_search(ch, auth) == grpc.StatusCode.INVALID_ARGUMENT
    off = _low_limits(per_minute=1, burst=1, rate_limit_search_per_minute=0)
    async with serving(resources, settings, **off) as ch:
        auth = _user(token_for)
        for _ in range(5):
            assert await empty_search(ch, auth) == grpc.StatusCode.INVALID_ARGUMENT
        await _code(LIMITED_CALLS["/skillgap.v1.ResumeService/UploadResume"](ch, auth))
        with pytest.raises(aio.AioRpcError) as err:
            await LIMITED_CALLS["/skillgap.v1.ResumeService/UploadResume"](ch, auth)
        assert refusal_of(err.value).info.metadata["group"] == "upload"


async def test_server_instances_share_buckets_through_redis(
    resources: Resources, settings: Settings, token_for: Callable[..., str]
) -> None:
    """Two servers on the same Redis (as behind a balancer): the user's burst is spent across both."""
    assert resources.scrape_queue is not None  # the session's Redis
    limits = _low_limits(per_minute=1, burst=2)
    async with serving(resources, settings, **limits) as first, serving(resources, settings, **limits) as second:
        auth = _user(token_for)
        await empty_search(first, auth)
        await empty_search(second, auth)
        for channel in (first, second):
            with pytest.raises(aio.AioRpcError) as err:
                await empty_search(channel, auth)
            assert refusal_of(err.value).info.reason == "RATE_LIMITED"


async def test_with_redis_down_calls_still_succeed_and_limits_hold_per_process(
    resources: Resources, settings: Settings, token_for: Callable[..., str]
) -> None:
    dead = ScrapeQueue(f"redis://127.0.0.1:{free_port()}/0")
    limits = _low_limits(per_minute=1, burst=3)
    try:
        async with serving(resources, settings, scrape_queue=dead, **limits) as channel:
            auth = _user(token_for)
            for _ in range(3):
                started = time.monotonic()
                assert await empty_search(channel, auth) == grpc.StatusCode.INVALID_ARGUMENT
                assert time.monotonic() - started < 1.0
            with pytest.raises(aio.AioRpcError) as err:
                await empty_search(channel, auth)
            assert refusal_of(err.value).info.reason == "RATE_LIMITED"
            # Cheap, unlimited calls never touch Redis.
            await resume_pb2_grpc.ResumeServiceStub(channel).ListResumes(resume_pb2.ListResumesRequest(), metadata=auth)
    finally:
        await dead.close()


@pytest.mark.rest
async def test_rest_clients_get_429_with_retry_after(
    gateway_url: str, settings: Settings, token_for: Callable[..., str]
) -> None:
    """Through Envoy: the same refusal is HTTP 429, with the google.rpc.Status as the JSON body (RetryInfo
    included) and the delay in a Retry-After header."""
    headers = {"authorization": f"Bearer {token_for(f'rest-{uuid.uuid4().hex[:10]}')}"}
    async with httpx.AsyncClient(base_url=gateway_url, timeout=10) as client:
        for _ in range(settings.rate_limit_search_burst):
            reply = await client.post("/api/jobs/search", json={}, headers=headers)
            assert reply.status_code == 400, reply.text
        reply = await client.post("/api/jobs/search", json={}, headers=headers)
    assert reply.status_code == 429, reply.text
    body = reply.json()
    assert body["code"] == 8 and body["message"].startswith("too many job searches")
    types = {detail["@type"] for detail in body["details"]}
    assert types == {"type.googleapis.com/google.rpc.ErrorInfo", "type.googleapis.com/google.rpc.RetryInfo"}
    retry_info = next(d for d in body["details"] if d["@type"].endswith("RetryInfo"))
    assert retry_info["retry_delay"].endswith("s")
    assert int(reply.headers["retry-after"]) >= 1


# --- the buckets themselves ------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_refills_at_the_rate_up_to_the_burst() -> None:
    clock = FakeClock()
    buckets = LocalBuckets(clock)
    limit = Limit(per_minute=6, burst=3)  # one token every 10 s
    assert [buckets.take("k", limit).allowed for _ in range(4)] == [True, True, True, False]
    assert buckets.take("k", limit).retry_after == pytest.approx(10.0)
    clock.now += 4
    refused = buckets.take("k", limit)
    assert not refused.allowed and refused.retry_after == pytest.approx(6.0)
    clock.now += 6
    assert buckets.take("k", limit).allowed
    clock.now += 3600  # a long pause refills to the burst, no further
    assert [buckets.take("k", limit).allowed for _ in range(4)] == [True, True, True, False]
    assert buckets.take("other", limit).allowed


def test_local_buckets_stay_bounded() -> None:
    buckets = LocalBuckets(FakeClock(), max_buckets=100)
    for user in range(1000):
        buckets.take(f"user-{user}", Limit(per_minute=1, burst=1))
    assert len(buckets._buckets) == 100


async def test_a_limiter_without_redis_or_with_redis_down_decides_alone() -> None:
    from redis.asyncio import Redis

    redis = Redis(host="127.0.0.1", port=free_port(), socket_connect_timeout=0.25, socket_timeout=0.25)
    limiter = RateLimiter({"search": Limit(per_minute=1, burst=1)}, redis=redis)
    try:
        started = time.monotonic()
        await limiter.check("u", "search")
        with pytest.raises(Exception) as err:
            await limiter.check("u", "search")
        assert type(err.value).__name__ == "RateLimited"
        await limiter.check("u", "upload")  # no limit configured for it
        assert time.monotonic() - started < 1.0
    finally:
        await limiter.close()


def test_settings_names_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLGAP_RATE_LIMIT_UPLOAD_PER_MINUTE", "3")
    monkeypatch.setenv("SKILLGAP_RATE_LIMIT_UPLOAD_BURST", "2")
    monkeypatch.setenv("SKILLGAP_RATE_LIMIT_ASK_PER_MINUTE", "0")
    monkeypatch.setenv("SKILLGAP_RATE_LIMIT_BACKEND", "memory")
    configured = Settings()
    limits = limits_from_settings(configured)
    assert limits["upload"] == Limit(per_minute=3, burst=2)
    assert "ask" not in limits  # 0 turns a group off
    assert configured.rate_limit_backend == "memory"
    assert limits["search"] == Limit(per_minute=60, burst=30)
    monkeypatch.setenv("SKILLGAP_RATE_LIMIT_ENABLED", "false")
    assert Settings().rate_limit_enabled is False

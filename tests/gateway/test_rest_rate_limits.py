"""The per-user rate limits as REST clients meet them, on every rate-limited REST route, through the real Envoy
gateway in front of the real server: once a user's bucket is empty the answer is HTTP 429 with a `Retry-After`
header (RFC 9110 delay-seconds: a positive integer), the google.rpc.Status as the JSON body (ErrorInfo and
RetryInfo), and the same user's gRPC calls, straight or through the gateway, still end in RESOURCE_EXHAUSTED
with RetryInfo and `retry-after`.

The limiter counts a call before the RPC runs, so the bucket is emptied with requests the RPC refuses at once
(an empty upload, an unknown id): cheap, and each takes a token like any other call."""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import grpc
import httpx
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc import aio

from skillgap.config import Settings
from skillgap.v1 import interview_pb2, interview_pb2_grpc, job_pb2, job_pb2_grpc, resume_pb2, resume_pb2_grpc

pytestmark = pytest.mark.rest

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo"
MISSING = "00000000-0000-4000-8000-000000000000"


@dataclass(frozen=True)
class Route:
    group: str  # the limiter's group (its burst is the settings' rate_limit_{group}_burst)
    method: str
    path: str
    body: dict[str, Any] | None
    grpc_call: Callable[[aio.Channel, tuple[tuple[str, str], ...]], Any]


async def _drain(call: Any) -> None:
    if hasattr(call, "__aiter__"):  # a server stream
        async for _ in call:
            pass
    else:
        await call


ROUTES = [
    Route(
        "upload",
        "POST",
        "/api/resume/upload",
        {},
        lambda ch, md: resume_pb2_grpc.ResumeServiceStub(ch).UploadResume(
            resume_pb2.UploadResumeRequest(), metadata=md
        ),
    ),
    Route(
        "search",
        "POST",
        "/api/jobs/search",
        {},
        lambda ch, md: job_pb2_grpc.JobServiceStub(ch).SearchJobs(job_pb2.SearchJobsRequest(), metadata=md),
    ),
    Route(
        "search",
        "GET",
        f"/api/resume/{MISSING}/gaps",
        None,
        lambda ch, md: job_pb2_grpc.JobServiceStub(ch).GetGapSummary(
            job_pb2.GetGapSummaryRequest(resume_id=MISSING), metadata=md
        ),
    ),
    Route(
        "browse",
        "GET",
        f"/api/jobs?run_id={MISSING}",
        None,
        lambda ch, md: job_pb2_grpc.JobServiceStub(ch).ListJobs(job_pb2.ListJobsRequest(run_id=MISSING), metadata=md),
    ),
    Route(  # a server stream: the refusal comes before its first message, so it is still a 429
        "ask",
        "POST",
        f"/api/jobs/{MISSING}/ask",
        {"resume_id": MISSING, "question": "Why?"},
        lambda ch, md: job_pb2_grpc.JobServiceStub(ch).AskAboutJob(
            job_pb2.AskAboutJobRequest(job_id=MISSING, resume_id=MISSING, question="Why?"), metadata=md
        ),
    ),
    Route(
        "interview_start",
        "POST",
        "/api/interview/start",
        {"job_id": MISSING, "resume_id": MISSING},
        lambda ch, md: interview_pb2_grpc.InterviewServiceStub(ch).StartInterview(
            interview_pb2.StartInterviewRequest(job_id=MISSING, resume_id=MISSING), metadata=md
        ),
    ),
    Route(
        "interview_answer",
        "POST",
        f"/api/interview/{MISSING}/answer",
        {"question_id": "q1", "answer": "x"},
        lambda ch, md: interview_pb2_grpc.InterviewServiceStub(ch).SubmitAnswer(
            interview_pb2.SubmitAnswerRequest(interview_id=MISSING, question_id="q1", answer="x"), metadata=md
        ),
    ),
]


def _grpc_refusal(error: aio.AioRpcError) -> tuple[error_details_pb2.RetryInfo, str]:
    assert error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED, (error.code(), error.details())
    trailers = dict(error.trailing_metadata() or ())
    status = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
    retry = error_details_pb2.RetryInfo()
    assert any(detail.Unpack(retry) for detail in status.details)
    return retry, str(trailers["retry-after"])


@pytest.mark.parametrize("route", ROUTES, ids=[f"{r.method} {r.path}" for r in ROUTES])
async def test_an_empty_bucket_is_429_with_retry_after_and_grpc_keeps_its_status(
    route: Route, gateway_url: str, channel: aio.Channel, settings: Settings, token_for: Callable[..., str]
) -> None:
    token = token_for(f"rest-limit-{uuid.uuid4().hex[:10]}")
    headers = {"authorization": f"Bearer {token}"}
    burst = int(getattr(settings, f"rate_limit_{route.group}_burst"))
    assert burst > 0, f"the {route.group} group is not limited in the test settings"
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=30.0, headers=headers) as http:
        started = time.monotonic()
        for _ in range(burst):
            spent = await http.request(route.method, route.path, json=route.body)
            assert spent.status_code in (400, 404), spent.text  # refused by the RPC, after the limiter's token
        # Tokens flow back at the group's rate while the burst is spent (a busy machine makes each call slower):
        # those are spent too, so the bucket is empty however long the burst took.
        per_second = float(getattr(settings, f"rate_limit_{route.group}_per_minute")) / 60
        for _ in range(math.ceil((time.monotonic() - started) * per_second * 2) + 5):
            refused = await http.request(route.method, route.path, json=route.body)
            if refused.status_code not in (400, 404):
                break

    assert refused.status_code == 429, refused.text
    assert refused.headers["content-type"] == "application/json"
    assert refused.headers.get("x-request-id")
    retry_after = refused.headers.get_list("retry-after")
    assert len(retry_after) == 1 and retry_after[0].isdigit() and int(retry_after[0]) >= 1, refused.headers
    body = refused.json()
    assert body["code"] == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
    assert [detail["@type"] for detail in body["details"]] == [ERROR_INFO, RETRY_INFO]
    info, retry_info = body["details"]
    assert info["reason"] == "RATE_LIMITED" and info["metadata"]["group"] == route.group
    assert info["metadata"]["retry_after_seconds"] == retry_after[0]
    assert math.ceil(float(retry_info["retry_delay"].removesuffix("s"))) == int(retry_after[0])

    # The same user over gRPC, straight and through the gateway: the same refusal, in gRPC's terms.
    metadata = (("authorization", f"Bearer {token}"),)
    gateway = urlsplit(gateway_url)
    async with aio.insecure_channel(f"{gateway.hostname}:{gateway.port}") as through_envoy:
        for grpc_channel in (channel, through_envoy):
            with pytest.raises(aio.AioRpcError) as error:
                await _drain(route.grpc_call(grpc_channel, metadata))
            retry, trailer = _grpc_refusal(error.value)
            assert retry.retry_delay.ToNanoseconds() > 0
            assert trailer.isdigit() and int(trailer) >= 1

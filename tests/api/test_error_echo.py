"""Errors quote a caller's value in a few words, never whole: a 1 MB field came back in the status trailers,
which broke them (502 "upstream reset" through Envoy, RESOURCE_EXHAUSTED about metadata over gRPC)."""

from __future__ import annotations

from collections.abc import Callable

import grpc
import httpx
import pytest
from grpc import aio

from skillgap.v1 import interview_pb2, interview_pb2_grpc, job_pb2, job_pb2_grpc
from tests.support.samples import upload

Metadata = tuple[tuple[str, str], ...]
HUGE = "x" * 1_000_000


async def test_a_huge_question_id_is_refused_in_a_few_words(channel: aio.Channel, auth: Metadata, job_id: str) -> None:
    resume_id = await upload(channel, auth)
    stub = interview_pb2_grpc.InterviewServiceStub(channel)
    started = await stub.StartInterview(
        interview_pb2.StartInterviewRequest(job_id=job_id, resume_id=resume_id), metadata=auth
    )
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.SubmitAnswer(
            interview_pb2.SubmitAnswerRequest(
                interview_id=started.interview.interview_id, question_id=HUGE, answer="I would measure first."
            ),
            metadata=auth,
        )
    error = caught.value
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.details()
    assert "question_id" in error.details() and "64" in error.details()
    assert len(error.details()) < 500


async def test_a_huge_skill_name_in_a_search_filter_is_quoted_short(channel: aio.Channel, auth: Metadata) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as caught:
        await stub.SearchJobs(
            job_pb2.SearchJobsRequest(query="python", filter=job_pb2.JobFilter(required_skills=[HUGE])),
            metadata=auth,
        )
    error = caught.value
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.details()[:200]
    assert "required_skills" in error.details() and "at most 200 characters, got 1,000,000" in error.details()
    assert len(error.details()) < 1_000
    assert sum(len(value) for _, value in error.trailing_metadata() or ()) < 4_000


@pytest.mark.rest
async def test_over_rest_a_huge_value_is_a_400_not_a_502(
    gateway_url: str, token_for: Callable[..., str], user_id: str
) -> None:
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=60) as http:
        reply = await http.post("/api/jobs/search", json={"query": "python", "filter": {"required_skills": [HUGE]}})
    assert reply.status_code == 400, reply.text[:300]
    assert reply.json()["code"] == 3 and len(reply.text) < 2_000

"""Search, gap analysis and the gap summary as users call them: over gRPC and through Envoy, on real jobs in
PostgreSQL and the vector index. Every test's jobs share a company of its own, so a company filter keeps other
tests' jobs out."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
import httpx
import pytest
from grpc import aio

from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.v1 import common_pb2, job_pb2, job_pb2_grpc
from tests.support.samples import BACKEND, DATA, FRONTEND, upload
from tests.support.services import job_catalog

Metadata = tuple[tuple[str, str], ...]


@dataclass
class Board:
    company: str
    backend: str
    frontend: str
    data: str
    closed: str


@pytest.fixture
async def board(resources: Resources) -> Board:
    company = f"Matchco {uuid.uuid4().hex[:8]}"
    catalog = job_catalog(resources)
    now = datetime.now(UTC)

    async def add(title: str, text: str, workplace: str, location: str, days_ago: int) -> str:
        posting = JobPosting(
            source_kind="greenhouse",
            source_identifier=company,
            external_id=uuid.uuid4().hex,
            title=title,
            description=text,
            company=company,
            url=f"https://boards.example/{uuid.uuid4().hex}",
            locations=(location,),
            workplace_type=workplace,
            post_time=now - timedelta(days=days_ago),
        )
        return (await catalog.add(posting)).job_id

    backend = await add("Senior Backend Engineer", BACKEND, "remote", "Berlin, Germany", 2)
    frontend = await add("Frontend Engineer", FRONTEND, "onsite", "Paris, France", 3)
    data = await add("Machine Learning Engineer", DATA, "hybrid", "Berlin, Germany", 40)
    closed = await add("Senior Backend Engineer, Payments", BACKEND + "\nPayments team.", "remote", "Berlin", 1)
    await resources.pool.execute("UPDATE jobs SET state = 'closed' WHERE job_id = $1", uuid.UUID(closed))
    await resources.vectors.update_job_payload(closed, {"state": "closed"})
    return Board(company, backend, frontend, data, closed)


def search(company: str, **kwargs: object) -> job_pb2.SearchJobsRequest:
    filter_fields = kwargs.pop("filter", {})
    assert isinstance(filter_fields, dict)
    return job_pb2.SearchJobsRequest(filter=job_pb2.JobFilter(companies=[company], **filter_fields), **kwargs)


async def test_search_ranks_the_fitting_job_first_with_an_honest_breakdown(
    channel: aio.Channel, auth: Metadata, board: Board
) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    resume_id = await upload(channel, auth)
    reply = await stub.SearchJobs(search(board.company, resume_id=resume_id), metadata=auth)
    ids = [m.job.job_id for m in reply.matches]
    assert ids[0] == board.backend and set(ids) == {board.backend, board.frontend, board.data}
    scores = [m.score for m in reply.matches]
    assert scores == sorted(scores, reverse=True)

    best = reply.matches[0]
    parts = (best.breakdown.semantic_similarity, best.breakdown.required_coverage,
             best.breakdown.nice_to_have_coverage, best.breakdown.seniority_fit,
             best.breakdown.role_fit)  # fmt: skip
    assert abs(sum(p.weight for p in parts) - 1) < 0.01
    assert abs(sum(p.points for p in parts) - best.score) < 0.2
    # A Senior Backend Engineer's resume against a backend engineering job: the same role, and it says so.
    assert best.breakdown.role_fit.weight > 0 and best.breakdown.role_fit.value >= 0.8
    assert best.breakdown.role_fit.explanation
    matched = {m.skill.skill_id: m for m in best.matched_skills}
    assert {"python", "django", "postgresql"} <= set(matched)
    assert any("Django" in e.text for e in matched["django"].resume_evidence)
    assert "kubernetes" in matched  # shown in a project: listed as matched, flagged by the gap analysis
    assert "terraform" in {s.skill_id for s in best.missing_nice_to_have_skills}
    assert best.job.description == ""  # search results leave the full text out
    # and the lines of it that each skill quotes; the job's skills themselves are all there, as GetJob gives them
    # with their evidence.
    whole = await stub.GetJob(job_pb2.GetJobRequest(job_id=board.backend), metadata=auth)
    listed = best.job.skills.required_skills
    assert [s.skill.skill_id for s in listed] == [s.skill.skill_id for s in whole.job.skills.required_skills]
    assert listed and all(not s.evidence for s in listed)
    assert all(s.evidence for s in whole.job.skills.required_skills)
    assert best.caveats == []


async def test_filters_narrow_the_results(channel: aio.Channel, auth: Metadata, board: Board) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    resume_id = await upload(channel, auth)

    async def found(**filters: object) -> set[str]:
        reply = await stub.SearchJobs(search(board.company, resume_id=resume_id, filter=filters), metadata=auth)
        return {m.job.job_id for m in reply.matches}

    assert await found(workplace_types=[job_pb2.WORKPLACE_TYPE_REMOTE]) == {board.backend}
    assert await found(required_skills=["react"]) == {board.frontend}
    assert await found(required_skills=["k8s", "Python"]) == {board.backend}  # aliases and names work
    assert await found(location="berlin") == {board.backend, board.data}
    assert await found(posted_within_days=7) == {board.backend, board.frontend}
    assert await found(include_closed=True) == {board.backend, board.frontend, board.data, board.closed}


@pytest.mark.parametrize(
    ("request_fields", "words"),
    [
        ({"filter": {"required_skills": ["basket weaving"]}}, "not a skill SkillGap knows"),
        ({"filter": {"posted_within_days": -1}}, "posted_within_days"),
        ({"filter": {"workplace_types": [job_pb2.WORKPLACE_TYPE_UNSPECIFIED]}}, "workplace_types"),
        ({"filter": {"location": "x" * 201}}, "at most 200 characters"),
        ({"page_size": -1}, "page_size"),
        ({"query": "q" * 2001}, "the limit is 2000"),
        ({"page_token": "bm90LWEtdG9rZW4"}, "page_token"),
    ],
)
async def test_bad_requests_are_invalid_argument(
    channel: aio.Channel, auth: Metadata, request_fields: dict[str, object], words: str
) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    fields = dict(request_fields)
    filters = fields.pop("filter", {})
    assert isinstance(filters, dict)
    request = job_pb2.SearchJobsRequest(filter=job_pb2.JobFilter(**filters), **fields)  # type: ignore[arg-type]
    if not request.query:
        request.query = "backend engineer"
    with pytest.raises(aio.AioRpcError) as err:
        await stub.SearchJobs(request, metadata=auth)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert words in (err.value.details() or "")


async def test_nothing_to_match_is_invalid_argument(channel: aio.Channel, auth: Metadata) -> None:
    with pytest.raises(aio.AioRpcError) as err:
        await job_pb2_grpc.JobServiceStub(channel).SearchJobs(job_pb2.SearchJobsRequest(), metadata=auth)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "resume_id" in (err.value.details() or "")


async def test_paging_is_stable_and_bound_to_its_request(channel: aio.Channel, auth: Metadata, board: Board) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    resume_id = await upload(channel, auth)
    whole = await stub.SearchJobs(search(board.company, resume_id=resume_id), metadata=auth)
    pages: list[str] = []
    token = ""
    while True:
        reply = await stub.SearchJobs(search(board.company, resume_id=resume_id, page_size=1, page_token=token),
                                      metadata=auth)  # fmt: skip
        pages += [m.job.job_id for m in reply.matches]
        token = reply.next_page_token
        if not token:
            break
    assert pages == [m.job.job_id for m in whole.matches]
    first = await stub.SearchJobs(search(board.company, resume_id=resume_id, page_size=1), metadata=auth)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.SearchJobs(search(board.company, query="frontend", page_token=first.next_page_token), metadata=auth)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_another_users_resume_is_not_found(
    channel: aio.Channel, auth: Metadata, token_for: Callable[..., str], board: Board
) -> None:
    resume_id = await upload(channel, auth)
    stranger = (("authorization", f"Bearer {token_for('someone-else')}"),)
    stub = job_pb2_grpc.JobServiceStub(channel)
    calls = [
        stub.SearchJobs(search(board.company, resume_id=resume_id), metadata=stranger),
        stub.GetJob(job_pb2.GetJobRequest(job_id=board.backend, resume_id=resume_id), metadata=stranger),
        stub.GetGapSummary(job_pb2.GetGapSummaryRequest(resume_id=resume_id), metadata=stranger),
    ]
    for call in calls:
        with pytest.raises(aio.AioRpcError) as err:
            await call
        assert err.value.code() == grpc.StatusCode.NOT_FOUND


async def test_a_query_alone_and_a_resume_without_skills_say_what_the_score_rests_on(
    channel: aio.Channel, auth: Metadata, board: Board
) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    by_query = await stub.SearchJobs(search(board.company, query="React TypeScript frontend engineer"), metadata=auth)
    assert by_query.matches[0].job.job_id == board.frontend
    assert any("query" in caveat for caveat in by_query.caveats)
    vague = await upload(channel, auth, "Sam Smith\nI am a motivated person who loves a challenge.\n")
    reply = await stub.SearchJobs(search(board.company, resume_id=vague), metadata=auth)
    assert reply.matches and all("No skills could be read" in " ".join(m.caveats) for m in reply.matches)
    assert all(m.breakdown.required_coverage.value == 0 for m in reply.matches)


async def test_gap_analysis_for_a_job(channel: aio.Channel, auth: Metadata, board: Board) -> None:
    resume_id = await upload(channel, auth)
    reply = await job_pb2_grpc.JobServiceStub(channel).GetJob(
        job_pb2.GetJobRequest(job_id=board.backend, resume_id=resume_id), metadata=auth
    )
    analysis = reply.gap_analysis
    assert reply.job.job_id == board.backend and analysis.job_id == board.backend and analysis.resume_id == resume_id
    items = {item.skill.skill_id: item for item in analysis.items}
    assert items["kubernetes"].status == job_pb2.GAP_STATUS_UNLISTED
    assert "skills section" in items["kubernetes"].actions[0].description
    assert items["terraform"].status == job_pb2.GAP_STATUS_MISSING and items["terraform"].resources
    assert items["python"].status == job_pb2.GAP_STATUS_COVERED
    gaps = [item for item in analysis.items if item.priority > 0]
    assert [item.priority for item in gaps] == list(range(1, len(gaps) + 1))
    assert analysis.match.score > 0 and analysis.summary.startswith("Match score")
    # One truth: the counts a client reads are the ones the summary quotes and the items show.
    required = analysis.required
    scored_required = [i for i in analysis.items if i.level == common_pb2.REQUIREMENT_LEVEL_REQUIRED]
    assert required.total == len(scored_required) > 0
    assert f"shows {required.covered + required.unlisted} of {required.total} required" in analysis.summary
    assert not any(i.skill.kind == common_pb2.SKILL_KIND_SOFT_SKILL for i in analysis.items)


async def test_gap_summary_orders_what_to_learn(channel: aio.Channel, auth: Metadata, board: Board) -> None:
    resume_id = await upload(channel, auth)
    reply = await job_pb2_grpc.JobServiceStub(channel).GetGapSummary(
        job_pb2.GetGapSummaryRequest(resume_id=resume_id, filter=job_pb2.JobFilter(companies=[board.company])),
        metadata=auth,
    )
    assert reply.matches_considered == 3
    ranks = [s.rank for s in reply.skills]
    assert ranks == list(range(1, len(ranks) + 1))
    weights = [s.required_by_jobs + s.nice_to_have_for_jobs / 3 for s in reply.skills]
    assert weights[0] == max(weights)
    names = {s.skill.skill_id for s in reply.skills}
    assert {"react", "terraform"} <= names and "python" not in names
    # The jobs each skill unlocks, named as a person knows them.
    first = reply.skills[0]
    assert first.jobs and all(j.title and j.company == board.company for j in first.jobs)
    assert {j.job_id for j in first.jobs} == set(first.job_ids)


@pytest.mark.rest
async def test_matching_over_rest(
    gateway_url: str, channel: aio.Channel, auth: Metadata, token_for: Callable[..., str], user_id: str, board: Board
) -> None:
    resume_id = await upload(channel, auth)
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers) as client:
        found = await client.post("/api/jobs/search", json={"resume_id": resume_id,
                                                             "filter": {"companies": [board.company]}})  # fmt: skip
        assert found.status_code == 200, found.text
        assert found.json()["matches"][0]["job"]["job_id"] == board.backend
        gap = await client.get(f"/api/jobs/{board.backend}", params={"resume_id": resume_id})
        assert gap.status_code == 200, gap.text
        assert gap.json()["gap_analysis"]["items"]
        summary = await client.get(f"/api/resume/{resume_id}/gaps", params={"filter.companies": board.company})
        assert summary.status_code == 200, summary.text
        assert summary.json()["matches_considered"] == 3
        bad = await client.post("/api/jobs/search", json={"query": "x", "filter": {"required_skills": ["nope nope"]}})
        assert bad.status_code == 400 and "not a skill" in bad.json()["message"]

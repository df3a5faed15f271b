"""A posting's extracted skills as users read them: GetJob and GetJobSkills over gRPC and REST."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import grpc
import httpx
import pytest
from grpc import aio

from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.v1 import common_pb2, job_pb2, job_pb2_grpc
from tests.support.services import job_catalog

POSTING = """About the role
We are hiring a Senior Backend Engineer to build our payments platform.

Requirements
- 5+ years of professional software development experience
- Strong Python and PostgreSQL skills
- Experience running services on Kubernetes

Nice to have
- Experience with Go is a plus
- Familiarity with Terraform

Benefits
- Free lunch and a Slack channel for dogs
"""


@pytest.fixture
async def job_id(resources: Resources) -> str:
    posting = JobPosting(
        source_kind="greenhouse",
        source_identifier="acme",
        external_id=uuid.uuid4().hex,
        title="Senior Backend Engineer",
        description=POSTING,
        company="Acme",
        url="https://boards.example/acme/1",
        locations=("Berlin, Germany",),
        workplace_type="remote",
    )
    return (await job_catalog(resources).add(posting)).job_id


async def test_job_skills_breakdown_over_grpc(channel: aio.Channel, auth, job_id: str, resources: Resources) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    reply = await stub.GetJobSkills(job_pb2.GetJobSkillsRequest(job_id=job_id), metadata=auth)
    skills = reply.skills
    required = {s.skill.skill_id for s in skills.required_skills}
    nice = {s.skill.skill_id for s in skills.nice_to_have_skills}
    assert {"python", "postgresql", "kubernetes"} <= required
    assert {"go", "terraform"} <= nice
    assert not required & nice
    assert "slack" not in required
    assert skills.seniority.level == common_pb2.SENIORITY_SENIOR
    assert skills.min_years_experience == 5
    assert skills.extractor == "taxonomy"
    for extracted in skills.required_skills:
        for evidence in extracted.evidence:
            # Title evidence points into the title; everything else into the description.
            source = "Senior Backend Engineer" if evidence.section == "title" else POSTING
            assert source[evidence.start_offset : evidence.end_offset] == evidence.text
    categories = {group.category for group in skills.tech_stack}
    assert {common_pb2.SKILL_CATEGORY_LANGUAGE, common_pb2.SKILL_CATEGORY_DATABASE} <= categories

    job = (await stub.GetJob(job_pb2.GetJobRequest(job_id=job_id), metadata=auth)).job
    assert job.title == "Senior Backend Engineer" and job.description == POSTING
    assert job.source.kind == job_pb2.SOURCE_KIND_GREENHOUSE
    assert {s.skill.skill_id for s in job.skills.required_skills} == required
    # The same facts are in the vector payload, so search can filter on them.
    payload = await resources.vectors.get_job_payload(job_id)
    assert payload is not None and set(payload["required_skill_ids"]) == required
    assert payload["seniority"] == "senior"
    assert payload["workplace_type"] == "remote" and payload["locations"] == ["Berlin, Germany"]
    assert job.workplace_type == job_pb2.WORKPLACE_TYPE_REMOTE
    assert [loc.display_name for loc in job.locations] == ["Berlin, Germany"]


async def test_job_skills_over_rest(gateway_url: str, token_for: Callable[..., str], job_id: str) -> None:
    headers = {"authorization": f"Bearer {token_for('reader')}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers) as http:
        reply = await http.get(f"/api/jobs/{job_id}/skills")
        assert reply.status_code == 200, reply.text
        body = reply.json()["skills"]
        assert "python" in {s["skill"]["skill_id"] for s in body["required_skills"]}
        assert body["seniority"]["level"] == "SENIORITY_SENIOR"
        assert (await http.get(f"/api/jobs/{uuid.uuid4()}")).status_code == 404
        assert (await http.get("/api/jobs/not-a-uuid/skills")).status_code == 400
        gap = await http.get(f"/api/jobs/{job_id}", params={"resume_id": str(uuid.uuid4())})
        # Another user's (here: nobody's) resume is not found, whatever the job.
        assert gap.status_code == 404 and "resume" in gap.json()["message"]


async def test_unknown_job_is_not_found(channel: aio.Channel, auth) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.GetJobSkills(job_pb2.GetJobSkillsRequest(job_id=str(uuid.uuid4())), metadata=auth)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND


async def test_reextraction_redoes_jobs_from_another_taxonomy(resources: Resources, job_id: str) -> None:
    from skillgap.skills.models import JobSkills
    from skillgap.storage.jobs import JobRepository

    catalog = job_catalog(resources)
    # As if an older taxonomy had found nothing in this posting.
    await JobRepository(resources.pool).set_skills(job_id, JobSkills(), "old-taxonomy/taxonomy")
    assert await catalog.reextract_all() >= 1
    assert "kubernetes" in {s.skill.skill_id for s in (await catalog.skills(job_id)).required_skills}
    assert await catalog.reextract_all() == 0


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"title": "  "}, "EMPTY_JOB"),
        ({"description": ""}, "EMPTY_JOB"),
        ({"description": "x" * 100_001}, "JOB_TOO_LONG"),
        ({"workplace_type": "moon"}, "INVALID_WORKPLACE_TYPE"),
    ],
)
async def test_bad_postings_are_refused(resources: Resources, changes: dict[str, str], reason: str) -> None:
    from dataclasses import replace

    from skillgap.errors import InvalidArgument

    posting = JobPosting("greenhouse", "acme", "bad-1", "Engineer", POSTING)
    with pytest.raises(InvalidArgument) as err:
        await job_catalog(resources).add(replace(posting, **changes))
    assert err.value.reason == reason

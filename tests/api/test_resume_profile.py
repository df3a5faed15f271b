"""A profile the user can correct (UpdateResumeProfile): over a real gRPC channel and through Envoy, with the
correction used by gap analysis and kept through re-extraction."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import grpc
import httpx
import pytest
from google.protobuf import field_mask_pb2
from grpc import aio

from skillgap.app import App
from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.v1 import common_pb2, job_pb2, job_pb2_grpc, resume_pb2, resume_pb2_grpc
from tests.support.samples import BACKEND, RESUME
from tests.support.services import job_catalog

Metadata = tuple[tuple[str, str], ...]


@pytest.fixture
def stub(channel: aio.Channel) -> resume_pb2_grpc.ResumeServiceStub:
    return resume_pb2_grpc.ResumeServiceStub(channel)


async def _upload(stub: resume_pb2_grpc.ResumeServiceStub, auth: Metadata, text: str = RESUME) -> resume_pb2.Resume:
    # A unique line so every test gets its own resume (uploads of the same bytes are deduplicated per user).
    request = resume_pb2.UploadResumeRequest(text=f"{text}\nRef {uuid.uuid4().hex}\n")
    return (await stub.UploadResume(request, metadata=auth)).resume


def _update(resume_id: str, profile: resume_pb2.ResumeProfile, *paths: str) -> resume_pb2.UpdateResumeProfileRequest:
    return resume_pb2.UpdateResumeProfileRequest(
        resume_id=resume_id, profile=profile, update_mask=field_mask_pb2.FieldMask(paths=list(paths))
    )


def _skill(skill_id: str = "", name: str = "", years: float | None = None) -> common_pb2.ExtractedSkill:
    extracted = common_pb2.ExtractedSkill(skill=common_pb2.Skill(skill_id=skill_id, name=name))
    if years is not None:
        extracted.years = years
    return extracted


async def _gap_status(channel: aio.Channel, auth: Metadata, job_id: str, resume_id: str, skill_id: str) -> int:
    reply = await job_pb2_grpc.JobServiceStub(channel).GetJob(
        job_pb2.GetJobRequest(job_id=job_id, resume_id=resume_id), metadata=auth
    )
    return next(item.status for item in reply.gap_analysis.items if item.skill.skill_id == skill_id)


async def test_corrected_skills_are_what_gap_analysis_uses(
    stub: resume_pb2_grpc.ResumeServiceStub, auth: Metadata, channel: aio.Channel, resources: Resources
) -> None:
    job = await job_catalog(resources).add(
        JobPosting(
            source_kind="greenhouse",
            source_identifier="profileco",
            external_id=uuid.uuid4().hex,
            title="Senior Backend Engineer",
            description=BACKEND,
            company="Profileco",
        )
    )
    resume = await _upload(stub, auth)
    read = {s.skill.skill_id for s in resume.profile.skills}
    assert "python" in read and "redis" in read
    # What SkillGap read: dated entries, their titles and the occupation of the newest.
    assert [e.title for e in resume.profile.experience] == ["Senior Backend Engineer", "Backend Engineer"]
    assert resume.profile.experience[0].current and resume.profile.experience[0].company == "Acme Payments"
    assert resume.profile.years_source == resume_pb2.YEARS_SOURCE_ENTRIES
    assert (resume.profile.occupation.code, resume.profile.occupation.family) == ("15-1252.00", "software")
    skills = await job_pb2_grpc.JobServiceStub(channel).GetJobSkills(
        job_pb2.GetJobSkillsRequest(job_id=job.job_id), metadata=auth
    )
    assert skills.skills.occupation.code == "15-1252.00"
    assert skills.skills.seniority.level == common_pb2.SENIORITY_SENIOR
    before = await _gap_status(channel, auth, job.job_id, resume.resume_id, "terraform")
    assert before == job_pb2.GAP_STATUS_MISSING

    # The user adds Terraform (they use it, the resume forgot it), drops Redis and adds a skill SkillGap does
    # not know, kept as written.
    kept = [_skill(s.skill.skill_id) for s in resume.profile.skills if s.skill.skill_id != "redis"]
    profile = resume_pb2.ResumeProfile(
        skills=[*kept, _skill("terraform", years=3), _skill(name="Grape (Ruby API framework)")]
    )
    updated = (await stub.UpdateResumeProfile(_update(resume.resume_id, profile, "skills"), metadata=auth)).resume

    skills = {s.skill.skill_id or s.skill.name: s for s in updated.profile.skills}
    assert "redis" not in skills
    assert skills["terraform"].skill.name == "Terraform" and skills["terraform"].years == 3
    assert skills["Grape (Ruby API framework)"].skill.normalized is False
    # The lines that showed a kept skill are still there; the stack follows the skills.
    assert skills["python"].evidence
    stack = {s.skill_id for group in updated.profile.tech_stack for s in group.skills}
    assert "terraform" in stack and "redis" not in stack
    assert list(updated.profile.user_fields) == ["skills"]

    got = (await stub.GetResume(resume_pb2.GetResumeRequest(resume_id=resume.resume_id), metadata=auth)).resume
    assert got.profile == updated.profile
    after = await _gap_status(channel, auth, job.job_id, resume.resume_id, "terraform")
    assert after == job_pb2.GAP_STATUS_COVERED


async def test_corrected_experience_gives_titles_years_and_seniority(
    stub: resume_pb2_grpc.ResumeServiceStub, auth: Metadata
) -> None:
    resume = await _upload(stub, auth)
    entries = [
        resume_pb2.ExperienceEntry(
            title="Engineering Manager",
            company="Acme Payments",
            start=resume_pb2.YearMonth(year=2015, month=1),
            current=True,
        ),
        resume_pb2.ExperienceEntry(
            title="Backend Engineer",
            company="Globex",
            start=resume_pb2.YearMonth(year=2005, month=1),
            end=resume_pb2.YearMonth(year=2014, month=12),
        ),
    ]
    request = _update(resume.resume_id, resume_pb2.ResumeProfile(experience=entries), "experience")
    profile = (await stub.UpdateResumeProfile(request, metadata=auth)).resume.profile

    assert [e.title for e in profile.experience] == ["Engineering Manager", "Backend Engineer"]
    assert list(profile.recent_titles) == ["Engineering Manager", "Backend Engineer"]
    # 2005-01 to today, without a gap: more than 21 years (this test runs after 2026).
    assert profile.total_years_experience >= 21.0
    assert profile.years_source == resume_pb2.YEARS_SOURCE_ENTRIES
    assert profile.experience[1].years == 10.0
    assert profile.seniority.level == common_pb2.SENIORITY_LEAD
    # The corrected title's occupation: a manager of engineers, not an engineer.
    assert profile.occupation.code == "11-3021.00"

    # Total years the user states win over the entries, and say so.
    request = _update(resume.resume_id, resume_pb2.ResumeProfile(total_years_experience=18), "total_years_experience")
    profile = (await stub.UpdateResumeProfile(request, metadata=auth)).resume.profile
    assert profile.total_years_experience == 18
    assert profile.years_source == resume_pb2.YEARS_SOURCE_USER
    assert list(profile.user_fields) == ["total_years_experience", "experience"]


async def test_an_empty_mask_sets_what_the_profile_carries(
    stub: resume_pb2_grpc.ResumeServiceStub, auth: Metadata
) -> None:
    resume = await _upload(stub, auth)
    request = resume_pb2.UpdateResumeProfileRequest(
        resume_id=resume.resume_id,
        profile=resume_pb2.ResumeProfile(
            recent_titles=["Staff Engineer"], seniority=common_pb2.SeniorityEstimate(level=common_pb2.SENIORITY_STAFF)
        ),
    )
    profile = (await stub.UpdateResumeProfile(request, metadata=auth)).resume.profile
    assert list(profile.recent_titles) == ["Staff Engineer"]
    assert profile.seniority.level == common_pb2.SENIORITY_STAFF and profile.seniority.reason == "set by the user"
    assert list(profile.user_fields) == ["recent_titles", "seniority"]
    # The skills were not in the request: untouched.
    assert len(profile.skills) == len(resume.profile.skills)


async def test_fields_outside_the_mask_are_ignored(stub: resume_pb2_grpc.ResumeServiceStub, auth: Metadata) -> None:
    resume = await _upload(stub, auth)
    # AIP-134: only the masked field is read; a bad value elsewhere in the message is neither set nor refused.
    profile = resume_pb2.ResumeProfile(
        recent_titles=["Data Engineer"],
        experience=[resume_pb2.ExperienceEntry(title="x", start=resume_pb2.YearMonth(year=20))],
    )
    updated = (
        await stub.UpdateResumeProfile(_update(resume.resume_id, profile, "recent_titles"), metadata=auth)
    ).resume
    assert list(updated.profile.recent_titles) == ["Data Engineer"]
    assert [e.title for e in updated.profile.experience] == [e.title for e in resume.profile.experience]


async def test_reextraction_keeps_what_the_user_set(
    stub: resume_pb2_grpc.ResumeServiceStub, auth: Metadata, app: App, resources: Resources
) -> None:
    resume = await _upload(stub, auth)
    await stub.UpdateResumeProfile(
        _update(resume.resume_id, resume_pb2.ResumeProfile(recent_titles=["Principal Engineer"]), "recent_titles"),
        metadata=auth,
    )
    # As after a taxonomy change: this resume's profile came from another reading.
    await resources.pool.execute(
        "UPDATE resumes SET profile_version = 'old', profile = profile - 'skills' WHERE resume_id = $1",
        uuid.UUID(resume.resume_id),
    )

    assert await app.services.resumes.reextract_all() >= 1
    assert await app.services.resumes.reextract_all() == 0  # idempotent: nothing left to read

    profile = (
        await stub.GetResume(resume_pb2.GetResumeRequest(resume_id=resume.resume_id), metadata=auth)
    ).resume.profile
    assert list(profile.recent_titles) == ["Principal Engineer"]
    assert list(profile.user_fields) == ["recent_titles"]
    assert "python" in {s.skill.skill_id for s in profile.skills}  # read anew from the text


@pytest.mark.parametrize(
    ("profile", "paths", "says"),
    [
        (resume_pb2.ResumeProfile(), ["salary"], "'salary' cannot be set"),
        (resume_pb2.ResumeProfile(), [], "nothing to update"),
        (resume_pb2.ResumeProfile(skills=[_skill("no-such-skill")]), ["skills"], "'no-such-skill' is not a skill"),
        (resume_pb2.ResumeProfile(skills=[_skill("python")] * 301), ["skills"], "limit of 300 entries"),
        (resume_pb2.ResumeProfile(recent_titles=["x" * 201]), ["recent_titles"], "limit of 200 characters"),
        (resume_pb2.ResumeProfile(total_years_experience=-1), ["total_years_experience"], "between 0 and 70"),
        (
            resume_pb2.ResumeProfile(
                experience=[
                    resume_pb2.ExperienceEntry(
                        title="Engineer", start=resume_pb2.YearMonth(year=2020), end=resume_pb2.YearMonth(year=2019)
                    )
                ]
            ),
            ["experience"],
            "ends before it starts",
        ),
        (
            resume_pb2.ResumeProfile(
                experience=[resume_pb2.ExperienceEntry(title="Engineer", start=resume_pb2.YearMonth(year=20))]
            ),
            ["experience"],
            "year from 1900",
        ),
        (
            resume_pb2.ResumeProfile(recent_titles=["Backend\x00Engineer"]),
            ["recent_titles"],
            "profile.recent_titles[0] contains a NUL character",
        ),
        (
            resume_pb2.ResumeProfile(
                experience=[resume_pb2.ExperienceEntry(title="Engineer", lines=["Built\x00things"])]
            ),
            ["experience"],
            "profile.experience[0].lines[0] contains a NUL character",
        ),
    ],
    ids=[
        "unknown-path",
        "empty",
        "unknown-skill",
        "too-many-skills",
        "long-title",
        "negative-years",
        "backwards",
        "year",
        "nul-title",
        "nul-line",
    ],
)
async def test_bad_corrections_are_invalid_argument_and_change_nothing(
    stub: resume_pb2_grpc.ResumeServiceStub,
    auth: Metadata,
    profile: resume_pb2.ResumeProfile,
    paths: list[str],
    says: str,
) -> None:
    resume = await _upload(stub, auth)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.UpdateResumeProfile(_update(resume.resume_id, profile, *paths), metadata=auth)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert says in (err.value.details() or "")
    got = (await stub.GetResume(resume_pb2.GetResumeRequest(resume_id=resume.resume_id), metadata=auth)).resume
    assert got.profile == resume.profile


@pytest.fixture
async def http(gateway_url: str, token_for: Callable[..., str], user_id: str) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=60) as client:
        yield client


@pytest.mark.rest
async def test_patch_profile_over_rest(http: httpx.AsyncClient) -> None:
    uploaded = await http.post("/api/resume/upload", json={"text": f"{RESUME}\nRef {uuid.uuid4().hex}\n"})
    resume_id = uploaded.json()["resume"]["resume_id"]

    reply = await http.patch(
        f"/api/resume/{resume_id}/profile",
        params={"update_mask": "recent_titles,skills"},
        json={"recent_titles": ["Platform Engineer"], "skills": [{"skill": {"skill_id": "kubernetes"}, "years": 2}]},
    )
    assert reply.status_code == 200, reply.text
    profile = reply.json()["resume"]["profile"]
    assert profile["recent_titles"] == ["Platform Engineer"]
    assert [s["skill"]["skill_id"] for s in profile["skills"]] == ["kubernetes"]
    assert profile["user_fields"] == ["recent_titles", "skills"]

    bad = await http.patch(f"/api/resume/{resume_id}/profile", params={"update_mask": "salary"}, json={})
    assert bad.status_code == 400 and "'salary' cannot be set" in bad.json()["message"]
    other = await http.patch(
        f"/api/resume/{uuid.uuid4()}/profile", params={"update_mask": "recent_titles"}, json={"recent_titles": ["A"]}
    )
    assert other.status_code == 404

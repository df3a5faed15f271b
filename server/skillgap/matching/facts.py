"""The two sides of a match, built from what is stored: candidates from a resume profile or a query, jobs
from the vector payload or the stored job."""

from __future__ import annotations

from collections.abc import Mapping

from skillgap.jobs.models import StoredJob
from skillgap.matching.models import Candidate, JobFacts
from skillgap.skills.models import Evidence, ResumeProfile, Seniority
from skillgap.skills.taxonomy import Taxonomy


def candidate_from_profile(profile: ResumeProfile | None, text: str = "") -> Candidate:
    if profile is None:
        return Candidate(skills={}, skill_years={}, text=text)
    skills: dict[str, tuple[Evidence, ...]] = {}
    years: dict[str, float] = {}
    for extracted in profile.skills:
        skill_id = extracted.skill.skill_id
        if not skill_id:
            continue
        skills[skill_id] = skills.get(skill_id, ()) + extracted.evidence
        if extracted.years is not None:
            years[skill_id] = max(years.get(skill_id, 0.0), extracted.years)
    return Candidate(
        skills=skills,
        skill_years=years,
        seniority=profile.seniority.level,
        total_years=profile.total_years_experience,
        text=text,
    )


def candidate_from_query(query: str, taxonomy: Taxonomy) -> Candidate:
    """The skills a query names stand for the candidate's ("backend Go Kubernetes")."""
    skills: dict[str, tuple[Evidence, ...]] = {}
    for mention in taxonomy.find_mentions(query):
        evidence = Evidence(text=query[mention.start : mention.end], start=mention.start, end=mention.end)
        skills.setdefault(mention.skill_id, (evidence,))
    return Candidate(skills=skills, skill_years={}, from_query=True, text=query)


def facts_from_payload(job_id: str, payload: Mapping[str, object]) -> JobFacts:
    required = _strings(payload.get("required_skill_ids"))
    everything = _strings(payload.get("skill_ids"))
    min_years = payload.get("min_years")
    required_set = set(required)
    return JobFacts(
        job_id=job_id,
        required=required,
        nice_to_have=tuple(s for s in everything if s not in required_set),
        seniority=_seniority(payload.get("seniority")),
        min_years=float(min_years) if isinstance(min_years, int | float) else None,
    )


def facts_from_job(job: StoredJob) -> JobFacts:
    """The same facts as the payload `search_payload` writes for this job."""
    skills = job.skills
    if skills is None:
        return JobFacts(job_id=job.job_id, required=(), nice_to_have=())
    required_set = {s.skill.skill_id for s in skills.required_skills if s.skill.skill_id}
    required = sorted(required_set)
    everything = sorted(
        {s.skill.skill_id for s in (*skills.required_skills, *skills.nice_to_have_skills) if s.skill.skill_id}
    )
    return JobFacts(
        job_id=job.job_id,
        required=tuple(required),
        nice_to_have=tuple(s for s in everything if s not in required_set),
        seniority=skills.seniority.level,
        min_years=skills.min_years_experience,
    )


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str) and v)


def _seniority(value: object) -> Seniority:
    try:
        return Seniority(str(value))
    except ValueError:
        return Seniority.UNSPECIFIED

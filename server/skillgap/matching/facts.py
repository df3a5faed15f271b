"""The two sides of a match, built from what is stored: candidates from a resume profile or a query, jobs
from the vector payload or the stored job."""

from __future__ import annotations

from collections.abc import Mapping

from skillgap.jobs.models import StoredJob
from skillgap.matching.models import Candidate, JobFacts, PastRole
from skillgap.skills.models import Evidence, JobSkills, OccupationMatch, ResumeProfile, Seniority
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
        roles=past_roles(profile),
    )


def past_roles(profile: ResumeProfile) -> tuple[PastRole, ...]:
    """The resume's jobs, newest first, as role fit reads them; from the recent titles when no dated job was
    read (the first with the profile's occupation)."""
    if profile.experience:
        return tuple(
            _role(item.title, item.occupation, item.years) for item in profile.experience if item.title.strip()
        ) or tuple(_role("", item.occupation, item.years) for item in profile.experience if item.occupation)
    return tuple(
        _role(title, profile.occupation if position == 0 else None, None)
        for position, title in enumerate(profile.recent_titles)
        if title.strip()
    )


def _role(title: str, occupation: OccupationMatch | None, years: float | None) -> PastRole:
    if occupation is None:
        return PastRole(title=title, years=years)
    return PastRole(title=title, occupation_code=occupation.code, family=occupation.family,
                    confidence=occupation.confidence, years=years)  # fmt: skip


def candidate_from_query(query: str, taxonomy: Taxonomy) -> Candidate:
    """The skills a query names stand for the candidate's ("backend Go Kubernetes")."""
    skills: dict[str, tuple[Evidence, ...]] = {}
    for mention in taxonomy.find_mentions(query):
        evidence = Evidence(text=query[mention.start : mention.end], start=mention.start, end=mention.end)
        skills.setdefault(mention.skill_id, (evidence,))
    return Candidate(skills=skills, skill_years={}, from_query=True, text=query)


def facts_from_payload(job_id: str, payload: Mapping[str, object]) -> JobFacts:
    """The facts of a payload `jobs.service.search_payload` wrote; a payload written before the role fields
    (READING_REVISION 2026-12-05 and earlier) reads as a job whose role is unknown, so role fit is not assessed
    for it until `skillgap reextract` refreshes it."""
    required = _strings(payload.get("required_skill_ids"))
    everything = _strings(payload.get("skill_ids"))
    min_years = payload.get("min_years")
    confidence = payload.get("occupation_confidence")
    required_set = set(required)
    return JobFacts(
        job_id=job_id,
        required=required,
        nice_to_have=tuple(s for s in everything if s not in required_set),
        seniority=_seniority(payload.get("seniority")),
        min_years=float(min_years) if isinstance(min_years, int | float) else None,
        title=_string(payload.get("title")),
        occupation_code=_string(payload.get("occupation_code")),
        occupation_family=_string(payload.get("occupation_family")),
        occupation_confidence=float(confidence) if isinstance(confidence, int | float) else 0.0,
        title_skills=_strings(payload.get("title_skill_ids")),
    )


def facts_from_job(job: StoredJob) -> JobFacts:
    """The same facts as the payload `search_payload` writes for this job."""
    skills = job.skills
    if skills is None:
        return JobFacts(job_id=job.job_id, required=(), nice_to_have=(), title=job.posting.title)
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
        title=job.posting.title,
        occupation_code=skills.occupation.code if skills.occupation else "",
        occupation_family=skills.occupation.family if skills.occupation else "",
        occupation_confidence=skills.occupation.confidence if skills.occupation else 0.0,
        title_skills=title_skill_ids(skills),
    )


def title_skill_ids(skills: JobSkills) -> tuple[str, ...]:
    """The job's skills its title names (their evidence is the title)."""
    return tuple(
        sorted(
            {
                s.skill.skill_id
                for s in (*skills.required_skills, *skills.nice_to_have_skills)
                if s.skill.skill_id and any(e.section == "title" for e in s.evidence)
            }
        )
    )


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    # The usual payload, every element a non-empty string, taken as it is (ranking reads hundreds per search).
    if all(type(v) is str and v for v in value):
        return tuple(value)
    return tuple(str(v) for v in value if isinstance(v, str) and v)


def _seniority(value: object) -> Seniority:
    try:
        return Seniority(str(value))
    except ValueError:
        return Seniority.UNSPECIFIED

"""A job measured against a candidate skill by skill: the detail behind a score."""

from __future__ import annotations

import re

from skillgap.jobs.models import StoredJob
from skillgap.matching.facts import facts_from_job
from skillgap.matching.models import CoverageStatus, JobFacts, JobMatch, SkillAssessment
from skillgap.matching.scoring import CoverageIndex, score
from skillgap.skills.models import ExtractedSkill, RequirementLevel, Skill
from skillgap.skills.taxonomy import Taxonomy

NO_RESUME_SKILLS = (
    "No skills could be read from this resume, so the score rests on text similarity and seniority only: "
    "add a skills section that lists your languages, frameworks and tools."
)
NO_JOB_SKILLS = "The posting names no skills SkillGap recognises; the score rests on text similarity and seniority."


def assess_skills(job: StoredJob, index: CoverageIndex, taxonomy: Taxonomy) -> tuple[SkillAssessment, ...]:
    """One assessment per skill the job asks for, required ones first, in the job's order."""
    if job.skills is None:
        return ()
    assessments = []
    for level, extracted_skills in (
        (RequirementLevel.REQUIRED, job.skills.required_skills),
        (RequirementLevel.NICE_TO_HAVE, job.skills.nice_to_have_skills),
    ):
        for extracted in extracted_skills:
            assessments.append(_assess(extracted, level, index, taxonomy))
    return tuple(assessments)


def _assess(
    extracted: ExtractedSkill, level: RequirementLevel, index: CoverageIndex, taxonomy: Taxonomy
) -> SkillAssessment:
    candidate = index.candidate
    skill_id = extracted.skill.skill_id
    if not skill_id:
        # Kept as written (outside the taxonomy): look for the name itself in the candidate's text.
        found = bool(candidate.text) and re.search(
            rf"(?<!\w){re.escape(extracted.skill.name)}(?!\w)", candidate.text, re.IGNORECASE
        )
        return SkillAssessment(
            skill=extracted.skill,
            level=level,
            status=CoverageStatus.COVERED if found else CoverageStatus.MISSING,
            job_evidence=extracted.evidence,
            years_asked=extracted.years,
        )
    status, related_id = index.status(skill_id)
    shown_id = related_id if related_id is not None else skill_id
    return SkillAssessment(
        skill=extracted.skill,
        level=level,
        status=status,
        resume_evidence=candidate.skills.get(shown_id, ()) if status is not CoverageStatus.MISSING else (),
        job_evidence=extracted.evidence,
        related=_skill(related_id, taxonomy) if related_id is not None else None,
        years_asked=extracted.years,
        years_shown=candidate.skill_years.get(skill_id),
    )


def _skill(skill_id: str, taxonomy: Taxonomy) -> Skill:
    entry = taxonomy.get(skill_id)
    return entry.to_skill() if entry is not None else Skill(skill_id=skill_id, name=skill_id)


def match_job(
    job: StoredJob, index: CoverageIndex, taxonomy: Taxonomy, cosine: float, *, facts: JobFacts | None = None
) -> JobMatch:
    """The job's score (from `facts`, by default the job's own) with its skill-by-skill detail."""
    breakdown = score(facts or facts_from_job(job), index, cosine)
    assessments = assess_skills(job, index, taxonomy)
    caveats = []
    if not index.candidate.has_skills and not index.candidate.from_query:
        caveats.append(NO_RESUME_SKILLS)
    if not assessments:
        caveats.append(NO_JOB_SKILLS)
    outside = sum(1 for a in assessments if not a.skill.skill_id)
    if outside:
        caveats.append(
            f"{outside} skill{'s' if outside > 1 else ''} outside SkillGap's taxonomy "
            f"{'are' if outside > 1 else 'is'} listed but not scored."
        )
    if job.state != "open":
        caveats.append("This job is closed: its board no longer lists it.")
    return JobMatch(job=job, breakdown=breakdown, assessments=assessments, caveats=tuple(caveats))

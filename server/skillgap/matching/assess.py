"""A job measured against a candidate skill by skill: the detail behind a score, and the one tally of it.

`tally` is the single computation of the job-vs-resume facts (counts per level and status, which skills are
scored, the gaps in priority order, "close first"): the gap analysis, its summary sentence, the gap summary
across jobs and the answers to questions all read it, so no two of them can count differently. `is_scored` is
the one rule for which skills count: everything in the taxonomy but soft skills and spoken languages (the
taxonomy files spoken languages under the soft-skill category, which is what the score has always left out).

Order of the gaps (first = most important): required before nice-to-have; then the kind of gap: missing,
partial (only what it builds on), too few years, unlisted (the quickest fix, but the smallest gap); then how
central the skill is to the job (named in the title, how many of its sentences ask for it, years asked);
then the market (O*NET Hot Technology / In Demand); then the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from skillgap.jobs.models import StoredJob
from skillgap.matching.facts import facts_from_job
from skillgap.matching.models import (
    CoverageStatus,
    JobFacts,
    JobMatch,
    LevelCounts,
    SkillAssessment,
    SkillTally,
)
from skillgap.matching.scoring import CoverageIndex, score
from skillgap.skills.models import ExtractedSkill, RequirementLevel, Skill, SkillCategory, SkillKind
from skillgap.skills.taxonomy import SkillEntry, Taxonomy

# Kinds the score does not count: listed apart in the gap analysis.
UNSCORED_KINDS = frozenset({SkillKind.SOFT_SKILL, SkillKind.HUMAN_LANGUAGE})
# Missing, partial, too few years (a covered skill that is a gap), unlisted.
_GAP_ORDER = {
    CoverageStatus.MISSING: 0,
    CoverageStatus.PARTIAL: 1,
    CoverageStatus.COVERED: 2,
    CoverageStatus.UNLISTED: 3,
}

NO_RESUME_SKILLS = (
    "No skills could be read from this resume, so the score rests on text similarity and seniority only: "
    "add a skills section that lists your languages, frameworks and tools."
)
NO_JOB_SKILLS = "The posting names no skills SkillGap recognises; the score rests on text similarity and seniority."


def is_soft(skill: Skill, taxonomy: Taxonomy) -> bool:
    """A soft skill or a spoken language: listed apart, never scored (the taxonomy's entry decides, so a job
    stored before skills had kinds is read like a new one)."""
    entry = taxonomy.get(skill.skill_id) if skill.skill_id else None
    kind, category = (entry.kind, entry.category) if entry is not None else (skill.kind, skill.category)
    return kind in UNSCORED_KINDS or category is SkillCategory.SOFT_SKILL


def is_scored(skill: Skill, taxonomy: Taxonomy) -> bool:
    """Whether a job skill counts towards the score's coverage: a taxonomy skill that is not soft."""
    return bool(skill.skill_id) and not is_soft(skill, taxonomy)


def scored_ids(skill_ids: Iterable[str], taxonomy: Taxonomy) -> tuple[str, ...]:
    """The skill ids of `skill_ids` that count towards coverage (for `scoring.CoverageIndex.scored`)."""
    return tuple(s for s in skill_ids if is_scored(Skill(skill_id=s, name=s), taxonomy))


def level_counts(statuses: Iterable[CoverageStatus]) -> LevelCounts:
    """The counts of one level from the statuses of its scored skills (the score's "shows N of M")."""
    counted = list(statuses)
    return LevelCounts(
        covered=counted.count(CoverageStatus.COVERED),
        unlisted=counted.count(CoverageStatus.UNLISTED),
        partial=counted.count(CoverageStatus.PARTIAL),
        missing=counted.count(CoverageStatus.MISSING),
    )


def years_short(assessment: SkillAssessment) -> bool:
    """A skill the candidate has, with fewer years than the job asks (or none stated)."""
    if assessment.years_asked is None or assessment.status is CoverageStatus.MISSING:
        return False
    return assessment.years_shown is None or assessment.years_shown < assessment.years_asked


def is_gap(assessment: SkillAssessment) -> bool:
    return assessment.status is not CoverageStatus.COVERED or years_short(assessment)


def tally(assessments: Iterable[SkillAssessment], taxonomy: Taxonomy) -> SkillTally:
    """The facts of one job against one resume (see the module docstring)."""
    scored: list[SkillAssessment] = []
    soft: list[SkillAssessment] = []
    unscored: list[SkillAssessment] = []
    for a in assessments:
        if not a.skill.skill_id:
            unscored.append(a)
        elif is_soft(a.skill, taxonomy):
            soft.append(a)
        else:
            scored.append(a)
    counts = {
        level: level_counts(a.status for a in scored if a.level is level)
        for level in (RequirementLevel.REQUIRED, RequirementLevel.NICE_TO_HAVE)
    }
    return SkillTally(
        required=counts[RequirementLevel.REQUIRED],
        nice_to_have=counts[RequirementLevel.NICE_TO_HAVE],
        gaps=tuple(sorted((a for a in scored if is_gap(a)), key=lambda a: gap_order(a, taxonomy))),
        covered=tuple(a for a in scored if not is_gap(a)),
        soft_skills=tuple(sorted(soft, key=lambda a: (not is_gap(a), gap_order(a, taxonomy)))),
        unscored=tuple(sorted(unscored, key=lambda a: gap_order(a, taxonomy))),
    )


def in_demand(skill: Skill, taxonomy: Taxonomy) -> bool:
    entry = taxonomy.get(skill.skill_id) if skill.skill_id else None
    return entry is not None and (entry.hot or entry.in_demand)


def gap_order(assessment: SkillAssessment, taxonomy: Taxonomy) -> tuple[object, ...]:
    in_title = any(e.section == "title" for e in assessment.job_evidence)
    return (
        assessment.level is not RequirementLevel.REQUIRED,
        _GAP_ORDER[assessment.status],
        not in_title,
        -len(assessment.job_evidence),
        assessment.years_asked is None,
        not in_demand(assessment.skill, taxonomy),
        assessment.skill.name.lower(),
    )


def assess_skills(job: StoredJob, index: CoverageIndex, taxonomy: Taxonomy) -> tuple[SkillAssessment, ...]:
    """One assessment per skill the job asks for, required ones first, in the job's order. A skill named at
    both levels counts once, as required, as the score counts it (`facts_from_job`)."""
    if job.skills is None:
        return ()
    assessments = []
    seen: set[str] = set()
    for level, extracted_skills in (
        (RequirementLevel.REQUIRED, job.skills.required_skills),
        (RequirementLevel.NICE_TO_HAVE, job.skills.nice_to_have_skills),
    ):
        for extracted in extracted_skills:
            key = extracted.skill.skill_id or extracted.skill.name.lower()
            if key in seen:
                continue
            seen.add(key)
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
    entry = taxonomy.get(skill_id)
    return SkillAssessment(
        skill=_as_taxonomy_has_it(extracted.skill, entry),
        level=level,
        status=status,
        resume_evidence=candidate.skills.get(shown_id, ()) if status is not CoverageStatus.MISSING else (),
        job_evidence=extracted.evidence,
        related=_skill(related_id, taxonomy) if related_id is not None else None,
        years_asked=extracted.years,
        years_shown=candidate.skill_years.get(skill_id),
    )


def _as_taxonomy_has_it(skill: Skill, entry: SkillEntry | None) -> Skill:
    """The skill with its kind, group and category as the taxonomy has them now: a job stored before skills had
    kinds reads like a new one. A job read since has them already (no copy: a page assesses hundreds of skills)."""
    if entry is None or (skill.kind, skill.group, skill.category) == (entry.kind, entry.group, entry.category):
        return skill
    return skill.model_copy(update={"kind": entry.kind, "group": entry.group, "category": entry.category})


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
    # The score's own caveats (a posting with no assessable skills) say how it was estimated.
    caveats += breakdown.caveats
    if not assessments and not breakdown.caveats:
        caveats.append(NO_JOB_SKILLS)
    outside = sum(1 for a in assessments if not a.skill.skill_id)
    if outside:
        caveats.append(
            f"{outside} skill{'s' if outside > 1 else ''} outside SkillGap's taxonomy "
            f"{'are' if outside > 1 else 'is'} listed but not scored."
        )
    if job.state != "open":
        caveats.append("This job is closed: its board no longer lists it.")
    return JobMatch(
        job=job,
        breakdown=breakdown,
        assessments=assessments,
        caveats=tuple(caveats),
        tally=tally(assessments, taxonomy),
    )

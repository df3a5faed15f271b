"""Gap analysis of one job and the gap summary across a candidate's top matches.

Order of a job's gaps (priority 1 first): required before nice-to-have; then the kind of gap: missing,
partial (only what it builds on), too few years, unlisted (the quickest fix, but the smallest gap); then how
central the skill is to the job (named in the title, how many of its sentences ask for it, years asked);
then the market (O*NET Hot Technology / In Demand); then the name. Covered skills follow with priority 0.

Order of the summary's skills: how many of the matches require the skill, plus a third for each that
would like it, plus a fifth of a job for a skill the market wants; ties by name. A skill that another listed
skill builds on (Python under Django) is moved just before it: learn the foundation first.
"""

from __future__ import annotations

from collections.abc import Sequence

from skillgap.learning.catalog import LearningResource, ResourceCatalog
from skillgap.matching.actions import actions_for, gap_sentence, years_short
from skillgap.matching.models import (
    CoverageStatus,
    GapAnalysis,
    GapItem,
    GapSummary,
    JobMatch,
    SkillAssessment,
    SkillToLearn,
)
from skillgap.skills.models import RequirementLevel, Skill
from skillgap.skills.taxonomy import Taxonomy

RESOURCES_PER_SKILL = 3
_KIND_ORDER = {"missing": 0, "partial": 1, "years": 2, "unlisted": 3}


def is_gap(assessment: SkillAssessment) -> bool:
    return assessment.status is not CoverageStatus.COVERED or years_short(assessment)


def _gap_kind(assessment: SkillAssessment) -> str:
    if assessment.status is CoverageStatus.COVERED:
        return "years"
    return assessment.status.value


def _market(skill: Skill, taxonomy: Taxonomy) -> int:
    entry = taxonomy.get(skill.skill_id) if skill.skill_id else None
    return int(entry is not None and (entry.hot or entry.in_demand))


def _gap_order(assessment: SkillAssessment, taxonomy: Taxonomy) -> tuple[object, ...]:
    in_title = any(e.section == "title" for e in assessment.job_evidence)
    return (
        assessment.level is not RequirementLevel.REQUIRED,
        _KIND_ORDER[_gap_kind(assessment)],
        not in_title,
        -len(assessment.job_evidence),
        assessment.years_asked is None,
        -_market(assessment.skill, taxonomy),
        assessment.skill.name.lower(),
    )


def analyse(
    resume_id: str, match: JobMatch, taxonomy: Taxonomy, catalog: ResourceCatalog
) -> GapAnalysis:
    gaps = sorted((a for a in match.assessments if is_gap(a)), key=lambda a: _gap_order(a, taxonomy))
    covered = [a for a in match.assessments if not is_gap(a)]
    items = [
        GapItem(
            assessment=a,
            priority=rank,
            summary=gap_sentence(a),
            actions=actions_for(a),
            resources=tuple(_resources(a.skill, taxonomy, catalog)),
        )
        for rank, a in enumerate(gaps, start=1)
    ]
    items += [GapItem(assessment=a, priority=0, summary=gap_sentence(a), actions=(), resources=()) for a in covered]
    return GapAnalysis(resume_id=resume_id, match=match, items=tuple(items), summary=_summary(match, gaps))


def _resources(skill: Skill, taxonomy: Taxonomy, catalog: ResourceCatalog) -> list[LearningResource]:
    if not skill.skill_id:
        return []
    return list(catalog.for_skill(skill.skill_id, taxonomy=taxonomy, limit=RESOURCES_PER_SKILL))


def _summary(match: JobMatch, gaps: Sequence[SkillAssessment]) -> str:
    required = [a for a in match.assessments if a.level is RequirementLevel.REQUIRED]
    nice = [a for a in match.assessments if a.level is RequirementLevel.NICE_TO_HAVE]
    shown_required = sum(1 for a in required if a.status in (CoverageStatus.COVERED, CoverageStatus.UNLISTED))
    shown_nice = sum(1 for a in nice if a.status in (CoverageStatus.COVERED, CoverageStatus.UNLISTED))
    sentences = [f"Match score {match.score:.0f}/100."]
    if required or nice:
        sentences.append(
            f"Your resume shows {shown_required} of {len(required)} required skills"
            f" and {shown_nice} of {len(nice)} nice-to-have skills."
        )
    first = [a for a in gaps if a.status is not CoverageStatus.UNLISTED][:3]
    if first:
        names = ", ".join(f"{a.skill.name} ({'required' if a.level is RequirementLevel.REQUIRED else 'nice to have'})"
                          for a in first)  # fmt: skip
        sentences.append(f"Close first: {names}.")
    unlisted = [a.skill.name for a in gaps if a.status is CoverageStatus.UNLISTED]
    if unlisted:
        sentences.append(f"Quick win: list {', '.join(unlisted)} in your skills section.")
    if not gaps and (required or nice):
        sentences.append("No skill gaps: your resume shows everything this job asks for.")
    fit = match.breakdown.seniority_fit
    if fit.weight > 0 and fit.value < 0.75:
        sentences.append(f"Seniority: {fit.explanation}.")
    sentences.extend(match.caveats)
    return " ".join(sentences)


def summarize(
    matches: Sequence[JobMatch], taxonomy: Taxonomy, catalog: ResourceCatalog, *, caveats: Sequence[str] = ()
) -> GapSummary:
    required_by: dict[str, list[str]] = {}
    nice_for: dict[str, list[str]] = {}
    skills: dict[str, Skill] = {}
    for match in matches:
        for a in match.missing(RequirementLevel.REQUIRED) + match.missing(RequirementLevel.NICE_TO_HAVE):
            key = a.skill.skill_id or a.skill.name.lower()
            skills.setdefault(key, a.skill)
            bucket = required_by if a.level is RequirementLevel.REQUIRED else nice_for
            if match.job.job_id not in bucket.setdefault(key, []):
                bucket[key].append(match.job.job_id)

    def weight(key: str) -> float:
        return len(required_by.get(key, ())) + len(nice_for.get(key, ())) / 3 + _market(skills[key], taxonomy) / 5

    ordered = sorted(skills, key=lambda key: (-weight(key), skills[key].name.lower()))
    ordered, foundations = _foundations_first(ordered, taxonomy)
    total = len(matches)
    result = []
    for rank, key in enumerate(ordered, start=1):
        required, nice = required_by.get(key, []), nice_for.get(key, [])
        reason = f"required by {len(required)} of your top {total} matches"
        if nice:
            reason += f", nice to have for {len(nice)}"
        if _market(skills[key], taxonomy):
            reason += "; in demand on the job market"
        if key in foundations:
            reason += f"; learn it before {foundations[key]}, which builds on it"
        result.append(
            SkillToLearn(
                skill=skills[key],
                rank=rank,
                required_by=tuple(required),
                nice_to_have_for=tuple(nice),
                reason=reason,
                resources=tuple(_resources(skills[key], taxonomy, catalog)),
            )
        )
    return GapSummary(skills=tuple(result), matches_considered=total, caveats=tuple(caveats))


def _foundations_first(ordered: list[str], taxonomy: Taxonomy) -> tuple[list[str], dict[str, str]]:
    """Move each listed skill that another listed skill builds on to just before the first such skill."""
    result = list(ordered)
    foundations: dict[str, str] = {}
    for key in ordered:
        builds_on = taxonomy.implied(key)
        for base in sorted(builds_on):
            if base in result and result.index(base) > result.index(key):
                result.remove(base)
                result.insert(result.index(key), base)
                entry = taxonomy.get(key)
                foundations[base] = entry.name if entry else key
    return result, foundations

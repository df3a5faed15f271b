"""Gap analysis of one job and the gap summary across a candidate's top matches.

Both read the one tally of a job against a resume (`assess.tally`): the counts in the summary sentence are the
tally's, so they are the score's; "close first" is the tally's (missing or partial, never a covered skill);
soft skills and spoken languages are listed apart and never lead. The order of a job's gaps is documented in
`skillgap.matching.assess`; covered skills follow with priority 0.

Order of the summary's skills: how many of the matches require the skill, plus a third for each that
would like it, plus a fifth of a job for a skill the market wants; ties by name. A skill that another listed
skill builds on (Python under Django) is moved just before it: learn the foundation first. Soft skills follow
in their own list, in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence

from skillgap.learning.catalog import LearningResource, ResourceCatalog
from skillgap.matching.actions import actions_for, gap_sentence
from skillgap.matching.assess import in_demand, is_gap
from skillgap.matching.models import (
    CoverageStatus,
    GapAnalysis,
    GapItem,
    GapSummary,
    JobMatch,
    JobRef,
    LevelCounts,
    SkillAssessment,
    SkillTally,
    SkillToLearn,
)
from skillgap.skills.models import RequirementLevel, Skill
from skillgap.skills.taxonomy import Taxonomy

RESOURCES_PER_SKILL = 3
CLOSE_FIRST = 3
JOBS_NAMED = 3
_TO_LEARN = (CoverageStatus.MISSING, CoverageStatus.PARTIAL)


def analyse(resume_id: str, match: JobMatch, taxonomy: Taxonomy, catalog: ResourceCatalog) -> GapAnalysis:
    tally = match.tally
    # Skills outside the taxonomy are not scored, but a missing one is still a gap: after the scored gaps.
    gaps = [*tally.gaps, *(a for a in tally.unscored if is_gap(a))]
    covered = [*tally.covered, *(a for a in tally.unscored if not is_gap(a))]
    items = [_item(a, rank, taxonomy, catalog) for rank, a in enumerate(gaps, start=1)]
    items += [GapItem(assessment=a, priority=0, summary=gap_sentence(a), actions=(), resources=()) for a in covered]
    soft = tuple(_item(a, 0, taxonomy, catalog) if is_gap(a) else
                 GapItem(assessment=a, priority=0, summary=gap_sentence(a), actions=(), resources=())
                 for a in tally.soft_skills)  # fmt: skip
    return GapAnalysis(
        resume_id=resume_id, match=match, items=tuple(items), summary=summary_sentence(match), soft_skills=soft
    )


def _item(a: SkillAssessment, priority: int, taxonomy: Taxonomy, catalog: ResourceCatalog) -> GapItem:
    return GapItem(
        assessment=a,
        priority=priority,
        summary=gap_sentence(a),
        actions=actions_for(a),
        resources=tuple(_resources(a.skill, taxonomy, catalog)),
    )


def _resources(skill: Skill, taxonomy: Taxonomy, catalog: ResourceCatalog) -> list[LearningResource]:
    if not skill.skill_id:
        return []
    return list(catalog.for_skill(skill.skill_id, taxonomy=taxonomy, limit=RESOURCES_PER_SKILL))


def _level(a: SkillAssessment) -> str:
    return "required" if a.level is RequirementLevel.REQUIRED else "nice to have"


def coverage_sentence(tally: SkillTally) -> str:
    """ "Your resume shows 3 of 4 required skills and 1 of 2 nice-to-have skills." (scored skills only)"""

    def part(counts: LevelCounts, label: str) -> str:
        words = f"{counts.shown} of {counts.total} {label} skill{'' if counts.total == 1 else 's'}"
        if counts.partial:
            builds = "it builds" if counts.partial == 1 else "they build"
            words += f" ({counts.partial} more only through what {builds} on)"
        return words

    levels = ((tally.required, "required"), (tally.nice_to_have, "nice-to-have"))
    parts = [part(counts, label) for counts, label in levels if counts.total]
    return f"Your resume shows {' and '.join(parts)}." if parts else ""


def summary_sentence(match: JobMatch) -> str:
    """The delta in a few sentences, every count and name from the match's tally."""
    tally = match.tally
    sentences = [f"Match score {match.score:.0f}/100."]
    coverage = coverage_sentence(tally)
    if coverage:
        sentences.append(coverage)
    first = tally.close_first[:CLOSE_FIRST]
    if first:
        sentences.append(f"Close first: {', '.join(f'{a.skill.name} ({_level(a)})' for a in first)}.")
    if tally.quick_wins:
        sentences.append(f"Quick win: list {', '.join(a.skill.name for a in tally.quick_wins)} in your skills section.")
    if tally.years_short:
        names = ", ".join(f"{a.skill.name} ({a.years_asked:g}+ asked)" for a in tally.years_short)
        sentences.append(f"Date your experience with {names} so the years show.")
    if not tally.gaps and (tally.required.total or tally.nice_to_have.total):
        sentences.append("No skill gaps: your resume shows every scored skill this job asks for.")
    soft_gaps = [a for a in tally.soft_skills if is_gap(a)]
    if soft_gaps:
        names = ", ".join(a.skill.name for a in soft_gaps)
        sentences.append(f"Soft skills and languages it asks for (not scored): {names}; show them with examples.")
    fit = match.breakdown.seniority_fit
    if fit.weight > 0 and fit.value < 0.75:
        sentences.append(f"Seniority: {fit.explanation}.")
    sentences.extend(match.caveats)
    return " ".join(sentences)


def summarize(
    matches: Sequence[JobMatch], taxonomy: Taxonomy, catalog: ResourceCatalog, *, caveats: Sequence[str] = ()
) -> GapSummary:
    hard = _to_learn(matches, taxonomy, catalog, soft=False)
    soft = _to_learn(matches, taxonomy, catalog, soft=True)
    return GapSummary(skills=hard, matches_considered=len(matches), caveats=tuple(caveats), soft_skills=soft)


def _to_learn(
    matches: Sequence[JobMatch], taxonomy: Taxonomy, catalog: ResourceCatalog, *, soft: bool
) -> tuple[SkillToLearn, ...]:
    required_by: dict[str, list[JobRef]] = {}
    nice_for: dict[str, list[JobRef]] = {}
    skills: dict[str, Skill] = {}
    for match in matches:
        job = JobRef(job_id=match.job.job_id, title=match.job.posting.title, company=match.job.posting.company)
        tally = match.tally
        if soft:
            learn = [a for a in tally.soft_skills if is_gap(a)]
        else:  # the scored skills to close first, then those outside the taxonomy, missing or partial
            learn = [*tally.close_first, *(a for a in tally.unscored if a.status in _TO_LEARN)]
        for a in learn:
            key = a.skill.skill_id or a.skill.name.lower()
            skills.setdefault(key, a.skill)
            bucket = required_by if a.level is RequirementLevel.REQUIRED else nice_for
            if job not in bucket.setdefault(key, []):
                bucket[key].append(job)

    def weight(key: str) -> float:
        market = in_demand(skills[key], taxonomy)
        return len(required_by.get(key, ())) + len(nice_for.get(key, ())) / 3 + market / 5

    ordered = sorted(skills, key=lambda key: (-weight(key), skills[key].name.lower()))
    ordered, foundations = _foundations_first(ordered, taxonomy)
    total = len(matches)
    result = []
    for rank, key in enumerate(ordered, start=1):
        required, nice = required_by.get(key, []), nice_for.get(key, [])
        parts = []
        if required:
            parts.append(f"required by {len(required)} of your top {total} matches ({_named(required)})")
        if nice:
            parts.append(f"nice to have for {len(nice)} ({_named(nice)})")
        reason = ", ".join(parts)
        if in_demand(skills[key], taxonomy):
            reason += "; in demand on the job market"
        if key in foundations:
            reason += f"; learn it before {foundations[key]}, which builds on it"
        result.append(
            SkillToLearn(
                skill=skills[key],
                rank=rank,
                required_by=tuple(j.job_id for j in required),
                nice_to_have_for=tuple(j.job_id for j in nice),
                reason=reason,
                resources=tuple(_resources(skills[key], taxonomy, catalog)),
                jobs=tuple(dict.fromkeys((*required, *nice))),
            )
        )
    return tuple(result)


def _named(jobs: Sequence[JobRef]) -> str:
    """ "Platform Engineer at Acme, SRE at Globex and 2 more" """
    names = [str(job) for job in jobs[:JOBS_NAMED]]
    if len(jobs) > JOBS_NAMED:
        return f"{', '.join(names)} and {len(jobs) - JOBS_NAMED} more"
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]


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

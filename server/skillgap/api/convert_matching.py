"""Matching results to protobuf messages, and the search filter from its message."""

from __future__ import annotations

from typing import Any

from skillgap.api.convert import (
    _LEVELS,
    _SOURCE_KINDS,
    _WORKPLACE_TYPES,
    evidence_messages,
    job_message,
    skill_message,
)
from skillgap.errors import FieldViolation, InvalidArgument
from skillgap.learning.catalog import LearningResource
from skillgap.matching.models import (
    CoverageStatus,
    GapAnalysis,
    GapItem,
    GapSummary,
    JobMatch,
    LevelCounts,
    ScoreComponent,
    SkillAssessment,
    SkillToLearn,
)
from skillgap.matching.service import JobFilter
from skillgap.skills import models
from skillgap.v1 import common_pb2, job_pb2

_GAP_STATUSES = {
    CoverageStatus.COVERED: job_pb2.GAP_STATUS_COVERED,
    CoverageStatus.PARTIAL: job_pb2.GAP_STATUS_PARTIAL,
    CoverageStatus.UNLISTED: job_pb2.GAP_STATUS_UNLISTED,
    CoverageStatus.MISSING: job_pb2.GAP_STATUS_MISSING,
}
_RESOURCE_KINDS: dict[str, Any] = {
    name.removeprefix("RESOURCE_KIND_").lower(): common_pb2.ResourceKind.Value(name)
    for name in common_pb2.ResourceKind.keys()
}
_SENIORITY_NAMES = {
    common_pb2.Seniority.Value(f"SENIORITY_{s.name}"): s.value
    for s in models.Seniority
    if s is not models.Seniority.UNSPECIFIED
}
_WORKPLACE_NAMES = {number: name for name, number in _WORKPLACE_TYPES.items()}
_SOURCE_NAMES = {number: name for name, number in _SOURCE_KINDS.items() if name != "unspecified"}


def resource_message(resource: LearningResource) -> common_pb2.LearningResource:
    return common_pb2.LearningResource(
        title=resource.title,
        url=resource.url,
        kind=_RESOURCE_KINDS.get(resource.kind, common_pb2.RESOURCE_KIND_UNSPECIFIED),
        provider=resource.provider,
        free=resource.free,
    )


def _component(part: ScoreComponent) -> job_pb2.ScoreComponent:
    return job_pb2.ScoreComponent(
        value=part.value, weight=part.weight, points=round(part.points, 2), explanation=part.explanation
    )


def _skill_match(assessment: SkillAssessment) -> job_pb2.SkillMatch:
    return job_pb2.SkillMatch(
        skill=skill_message(assessment.skill),
        level=_LEVELS[assessment.level],
        resume_evidence=evidence_messages(assessment.resume_evidence),
        via=assessment.via,
    )


def job_match_message(match: JobMatch) -> job_pb2.JobMatch:
    breakdown = match.breakdown
    return job_pb2.JobMatch(
        job=job_message(match.job, with_description=False),
        score=match.score,
        breakdown=job_pb2.ScoreBreakdown(
            semantic_similarity=_component(breakdown.semantic_similarity),
            required_coverage=_component(breakdown.required_coverage),
            nice_to_have_coverage=_component(breakdown.nice_to_have_coverage),
            seniority_fit=_component(breakdown.seniority_fit),
            role_fit=_component(breakdown.role_fit),
        ),
        matched_skills=[_skill_match(a) for a in match.matched],
        missing_required_skills=[skill_message(a.skill) for a in match.missing(models.RequirementLevel.REQUIRED)],
        missing_nice_to_have_skills=[
            skill_message(a.skill) for a in match.missing(models.RequirementLevel.NICE_TO_HAVE)
        ],
        caveats=list(match.caveats),
    )


def _gap_item(item: GapItem) -> job_pb2.GapItem:
    a = item.assessment
    return job_pb2.GapItem(
        skill=skill_message(a.skill),
        level=_LEVELS[a.level],
        priority=item.priority,
        status=_GAP_STATUSES[a.status],
        resume_evidence=evidence_messages(a.resume_evidence),
        job_evidence=evidence_messages(a.job_evidence),
        summary=item.summary,
        actions=[job_pb2.GapAction(description=text) for text in item.actions],
        resources=[resource_message(r) for r in item.resources],
    )


def _counts(counts: LevelCounts) -> job_pb2.SkillCounts:
    return job_pb2.SkillCounts(
        covered=counts.covered,
        unlisted=counts.unlisted,
        partial=counts.partial,
        missing=counts.missing,
        total=counts.total,
    )


def gap_analysis_message(analysis: GapAnalysis) -> job_pb2.GapAnalysis:
    tally = analysis.tally
    return job_pb2.GapAnalysis(
        resume_id=analysis.resume_id,
        job_id=analysis.match.job.job_id,
        items=[_gap_item(item) for item in analysis.items],
        summary=analysis.summary,
        match=job_match_message(analysis.match),
        soft_skills=[_gap_item(item) for item in analysis.soft_skills],
        required=_counts(tally.required),
        nice_to_have=_counts(tally.nice_to_have),
    )


def _skill_to_learn(s: SkillToLearn) -> job_pb2.SkillToLearn:
    return job_pb2.SkillToLearn(
        skill=skill_message(s.skill),
        rank=s.rank,
        required_by_jobs=len(s.required_by),
        nice_to_have_for_jobs=len(s.nice_to_have_for),
        job_ids=list(dict.fromkeys((*s.required_by, *s.nice_to_have_for))),
        reason=s.reason,
        resources=[resource_message(r) for r in s.resources],
        jobs=[job_pb2.JobRef(job_id=j.job_id, title=j.title, company=j.company) for j in s.jobs],
    )


def gap_summary_message(summary: GapSummary) -> job_pb2.GetGapSummaryResponse:
    return job_pb2.GetGapSummaryResponse(
        skills=[_skill_to_learn(s) for s in summary.skills],
        matches_considered=summary.matches_considered,
        caveats=list(summary.caveats),
        soft_skills=[_skill_to_learn(s) for s in summary.soft_skills],
    )


def job_filter(message: job_pb2.JobFilter) -> JobFilter:
    """The domain filter; INVALID_ARGUMENT for unspecified or unknown enum values."""
    return JobFilter(
        location=message.location,
        workplace_types=_names("workplace_types", message.workplace_types, _WORKPLACE_NAMES),
        seniorities=_names("seniorities", message.seniorities, _SENIORITY_NAMES),
        required_skills=tuple(message.required_skills),
        companies=tuple(message.companies),
        source_kinds=_names("source_kinds", message.source_kinds, _SOURCE_NAMES),
        posted_within_days=message.posted_within_days,
        include_closed=message.include_closed,
    )


def _names(field: str, numbers: Any, names: dict[Any, str]) -> tuple[str, ...]:
    found = []
    for number in numbers:
        name = names.get(number)
        if name is None:
            raise InvalidArgument(
                f"filter.{field}: {number} is unspecified or unknown; leave the list empty to not filter",
                reason="INVALID_FILTER",
                violations=[FieldViolation(f"filter.{field}", "unspecified or unknown value")],
            )
        found.append(name)
    return tuple(found)

"""What matching produces, independent of transport: scores with their breakdown, skill assessments,
gap analyses and gap summaries."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from skillgap.jobs.models import StoredJob
from skillgap.learning.catalog import LearningResource
from skillgap.skills.models import Evidence, RequirementLevel, Seniority, Skill


class CoverageStatus(StrEnum):
    """What the candidate has for one skill a job asks for."""

    COVERED = "covered"  # shown directly, or through a skill that implies it (Django shows Python)
    PARTIAL = "partial"  # only a skill it builds on (Python for a Django job)
    UNLISTED = "unlisted"  # in the resume, but not where recruiters look (skills, experience)
    MISSING = "missing"


# Credit a status earns towards coverage. An unlisted skill is still the candidate's: full credit, and the
# gap analysis tells them to list it. A partial one is half way.
CREDIT: dict[CoverageStatus, float] = {
    CoverageStatus.COVERED: 1.0,
    CoverageStatus.UNLISTED: 1.0,
    CoverageStatus.PARTIAL: 0.5,
    CoverageStatus.MISSING: 0.0,
}


@dataclass(frozen=True)
class Candidate:
    """Who is matched: a resume's profile, or the skills a free-text query names."""

    skills: dict[str, tuple[Evidence, ...]]  # skill id -> the lines that show it
    skill_years: dict[str, float]
    seniority: Seniority = Seniority.UNSPECIFIED
    total_years: float | None = None
    from_query: bool = False
    # The resume's (or query's) whole text: skills outside the taxonomy are looked for in it by name.
    text: str = ""

    @property
    def has_skills(self) -> bool:
        return bool(self.skills)


@dataclass(frozen=True)
class JobFacts:
    """What ranking needs of a job; all of it is in the vector index's payload, so a page of candidates is
    ranked without reading PostgreSQL."""

    job_id: str
    required: tuple[str, ...]
    nice_to_have: tuple[str, ...]
    seniority: Seniority = Seniority.UNSPECIFIED
    min_years: float | None = None


@dataclass(frozen=True)
class ScoreComponent:
    value: float  # 0..1
    weight: float  # 0..1; the weights of a breakdown add up to 1
    explanation: str

    @property
    def points(self) -> float:
        return self.value * self.weight * 100.0


@dataclass(frozen=True)
class ScoreBreakdown:
    semantic_similarity: ScoreComponent
    required_coverage: ScoreComponent
    nice_to_have_coverage: ScoreComponent
    seniority_fit: ScoreComponent

    @property
    def score(self) -> float:
        return round(
            self.semantic_similarity.points
            + self.required_coverage.points
            + self.nice_to_have_coverage.points
            + self.seniority_fit.points,
            1,
        )


@dataclass(frozen=True)
class SkillAssessment:
    """One skill of a job measured against the candidate."""

    skill: Skill
    level: RequirementLevel
    status: CoverageStatus
    resume_evidence: tuple[Evidence, ...] = ()
    job_evidence: tuple[Evidence, ...] = ()
    # The candidate's skill that covers it ("Django implies Python") or that it builds on (partial).
    related: Skill | None = None
    years_asked: float | None = None
    years_shown: float | None = None

    @property
    def via(self) -> str:
        if self.related is None:
            return ""
        if self.status is CoverageStatus.PARTIAL:
            return f"{self.skill.name} builds on {self.related.name}, which the resume shows"
        return f"{self.related.name} implies {self.skill.name}"


@dataclass(frozen=True)
class JobMatch:
    job: StoredJob
    breakdown: ScoreBreakdown
    assessments: tuple[SkillAssessment, ...]
    caveats: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        return self.breakdown.score

    @property
    def matched(self) -> tuple[SkillAssessment, ...]:
        return tuple(a for a in self.assessments if a.status in (CoverageStatus.COVERED, CoverageStatus.UNLISTED))

    def missing(self, level: RequirementLevel) -> tuple[SkillAssessment, ...]:
        """Skills of that level the resume does not show itself (partial ones included: a related skill is
        not the skill)."""
        return tuple(
            a
            for a in self.assessments
            if a.level is level and a.status in (CoverageStatus.MISSING, CoverageStatus.PARTIAL)
        )


@dataclass(frozen=True)
class GapItem:
    assessment: SkillAssessment
    priority: int  # 1 is the most important gap to close
    summary: str
    actions: tuple[str, ...]
    resources: tuple[LearningResource, ...]


@dataclass(frozen=True)
class GapAnalysis:
    resume_id: str
    match: JobMatch
    items: tuple[GapItem, ...]
    summary: str


@dataclass(frozen=True)
class SkillToLearn:
    skill: Skill
    rank: int
    required_by: tuple[str, ...]  # job ids
    nice_to_have_for: tuple[str, ...]
    reason: str
    resources: tuple[LearningResource, ...] = ()


@dataclass(frozen=True)
class GapSummary:
    skills: tuple[SkillToLearn, ...]
    matches_considered: int
    caveats: tuple[str, ...] = field(default_factory=tuple)

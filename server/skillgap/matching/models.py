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
class PastRole:
    """One job of a resume as role fit reads it (`skillgap.matching.role_fit`): its title, the occupation it maps
    to (empty when none did) and how many years it lasted."""

    title: str
    occupation_code: str = ""
    family: str = ""
    confidence: float = 0.0  # of the title's occupation match, 0-1
    years: float | None = None


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
    # The resume's jobs, newest first (a query has none): what role fit compares with the job's role.
    roles: tuple[PastRole, ...] = ()

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
    # The role (role fit): the title as posted and the occupation it maps to ("" when none did).
    title: str = ""
    occupation_code: str = ""
    occupation_family: str = ""
    occupation_confidence: float = 0.0
    # Skills the title names ("Senior Android Developer": android): they define the job, so they weigh most.
    title_skills: tuple[str, ...] = ()


NOT_ASSESSED_ROLE = "not assessed: the role is not known on both sides"


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
    # The job's role against the candidate's recent roles (occupation, related occupations, family, title).
    role_fit: ScoreComponent = ScoreComponent(0.0, 0.0, NOT_ASSESSED_ROLE)
    # What the user should know about how far to trust the score ("the posting names no skills ...").
    caveats: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        return round(
            self.semantic_similarity.points
            + self.required_coverage.points
            + self.nice_to_have_coverage.points
            + self.seniority_fit.points
            + self.role_fit.points,
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
class LevelCounts:
    """The scored skills of one requirement level, by status (soft skills and spoken languages are not scored)."""

    covered: int = 0  # shown directly, or through a skill that implies it
    unlisted: int = 0
    partial: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.covered + self.unlisted + self.partial + self.missing

    @property
    def shown(self) -> int:
        """What "your resume shows N of M" counts: covered and unlisted (the candidate has the skill)."""
        return self.covered + self.unlisted


@dataclass(frozen=True)
class SkillTally:
    """The one computation of a job against a resume that the gap analysis, its summary, the gap summary and
    the answers all read (`skillgap.matching.assess.tally`): counts, what is scored, what to close first."""

    required: LevelCounts = LevelCounts()
    nice_to_have: LevelCounts = LevelCounts()
    # Scored skills with a gap, most important first (the gap analysis's priority order).
    gaps: tuple[SkillAssessment, ...] = ()
    # Scored skills without a gap.
    covered: tuple[SkillAssessment, ...] = ()
    # Soft skills and spoken languages: listed apart, never scored, never "close first".
    soft_skills: tuple[SkillAssessment, ...] = ()
    # Skills outside the taxonomy: listed with the gaps, not scored (a caveat says so).
    unscored: tuple[SkillAssessment, ...] = ()

    @property
    def close_first(self) -> tuple[SkillAssessment, ...]:
        """The gaps to learn: missing or only what they build on, most important first; never a covered skill."""
        return tuple(a for a in self.gaps if a.status in (CoverageStatus.MISSING, CoverageStatus.PARTIAL))

    @property
    def quick_wins(self) -> tuple[SkillAssessment, ...]:
        """Skills the candidate has but shows only outside skills and experience: list them."""
        return tuple(a for a in self.gaps if a.status is CoverageStatus.UNLISTED)

    @property
    def years_short(self) -> tuple[SkillAssessment, ...]:
        """Covered skills with fewer years shown than the job asks (or none dated)."""
        return tuple(a for a in self.gaps if a.status is CoverageStatus.COVERED)


@dataclass(frozen=True)
class JobMatch:
    job: StoredJob
    breakdown: ScoreBreakdown
    assessments: tuple[SkillAssessment, ...]
    caveats: tuple[str, ...] = ()
    tally: SkillTally = SkillTally()

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
    # The scored skills and those outside the taxonomy: gaps by priority (1 first), then covered (priority 0).
    items: tuple[GapItem, ...]
    summary: str
    # Soft skills and spoken languages, apart: not scored, not ranked against the others (priority 0).
    soft_skills: tuple[GapItem, ...] = ()

    @property
    def tally(self) -> SkillTally:
        return self.match.tally

    @property
    def all_items(self) -> tuple[GapItem, ...]:
        """Every skill the job asks for: `items`, then `soft_skills`."""
        return self.items + self.soft_skills


@dataclass(frozen=True)
class JobRef:
    """A job as a person recognises it: its title at its company."""

    job_id: str
    title: str
    company: str = ""

    def __str__(self) -> str:
        return f"{self.title} at {self.company}" if self.company else self.title


@dataclass(frozen=True)
class SkillToLearn:
    skill: Skill
    rank: int
    required_by: tuple[str, ...]  # job ids
    nice_to_have_for: tuple[str, ...]
    reason: str
    resources: tuple[LearningResource, ...] = ()
    # The jobs that ask for it (required first), with their titles and companies.
    jobs: tuple[JobRef, ...] = ()


@dataclass(frozen=True)
class GapSummary:
    # Scored skills to learn, in the order to learn them.
    skills: tuple[SkillToLearn, ...]
    matches_considered: int
    caveats: tuple[str, ...] = field(default_factory=tuple)
    # Soft skills and spoken languages the matches ask for: apart, after the skills to learn.
    soft_skills: tuple[SkillToLearn, ...] = ()

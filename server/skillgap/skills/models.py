"""What skill extraction produces, for jobs and resumes, independent of engine and transport.

Pydantic models: they are validated when an engine (possibly an LLM) produces them and serialize
to the jsonb columns and vector payloads as they are.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class SkillCategory(StrEnum):
    UNSPECIFIED = "unspecified"
    LANGUAGE = "language"
    FRAMEWORK = "framework"
    DATABASE = "database"
    CLOUD = "cloud"
    DEVOPS = "devops"
    DATA_ML = "data_ml"
    TOOL = "tool"
    PRACTICE = "practice"
    SOFT_SKILL = "soft_skill"


class RequirementLevel(StrEnum):
    UNSPECIFIED = "unspecified"
    REQUIRED = "required"
    NICE_TO_HAVE = "nice_to_have"


class Seniority(StrEnum):
    UNSPECIFIED = "unspecified"
    INTERN = "intern"
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    STAFF = "staff"
    PRINCIPAL = "principal"
    LEAD = "lead"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Skill(_Model):
    """A skill; `skill_id` is the taxonomy id, empty when the skill is kept as written."""

    skill_id: str = ""
    name: str
    category: SkillCategory = SkillCategory.UNSPECIFIED
    normalized: bool = True


class Evidence(_Model):
    """A passage of the source text; offsets in code points, end exclusive."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    section: str = ""


class ExtractedSkill(_Model):
    skill: Skill
    level: RequirementLevel = RequirementLevel.UNSPECIFIED
    evidence: tuple[Evidence, ...] = ()
    # Job: years asked for. Resume: years shown by dated experience. None when the text does not say.
    years: float | None = None


class SeniorityEstimate(_Model):
    level: Seniority = Seniority.UNSPECIFIED
    confidence: float = Field(0.0, ge=0.0, le=1.0)
    reason: str = ""


class TechStackGroup(_Model):
    category: SkillCategory
    skills: tuple[Skill, ...]


class JobSkills(_Model):
    required_skills: tuple[ExtractedSkill, ...] = ()
    nice_to_have_skills: tuple[ExtractedSkill, ...] = ()
    seniority: SeniorityEstimate = SeniorityEstimate()
    tech_stack: tuple[TechStackGroup, ...] = ()
    min_years_experience: float | None = None
    # "taxonomy", or "llm:<model>"; with a fallback, the reason follows after a space.
    extractor: str = "taxonomy"


class ResumeProfile(_Model):
    skills: tuple[ExtractedSkill, ...] = ()
    total_years_experience: float | None = None
    recent_titles: tuple[str, ...] = ()
    seniority: SeniorityEstimate = SeniorityEstimate()
    tech_stack: tuple[TechStackGroup, ...] = ()
    extractor: str = "taxonomy"

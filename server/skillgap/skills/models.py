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


class SkillKind(StrEnum):
    """What sort of thing a skill is: ranking, gap actions and interview questions depend on it (a query
    language is not "a service written in" anything; a soft skill is not "built with")."""

    UNSPECIFIED = "unspecified"
    LANGUAGE = "language"  # a programming language: Python, Go, Java
    QUERY_LANGUAGE = "query_language"  # SQL, GraphQL, Cypher
    RUNTIME = "runtime"  # Node.js, the JVM, .NET
    FRAMEWORK = "framework"  # a framework or library: React, Django, Spring, pandas
    DATABASE = "database"  # a data store: PostgreSQL, Redis
    PLATFORM = "platform"  # a platform or hosted service: AWS, Kubernetes, Salesforce, SAP
    TOOL = "tool"  # a tool or application: Git, Jira, Excel, QuickBooks
    PRACTICE = "practice"  # a practice or method: TDD, Agile, CI/CD, reconciliations
    DOMAIN = "domain"  # domain knowledge: finance, logistics, machine learning, networking
    SOFT_SKILL = "soft_skill"  # communication, mentoring
    CERTIFICATION = "certification"  # a certificate or licence: AWS Certified, CPA, CDL
    HUMAN_LANGUAGE = "human_language"  # a spoken language: English, German


class SkillSubkind(StrEnum):
    """A finer kind, where one kind holds things that different sentences fit: a programming language has
    services "written in" it, a markup language does not; an operating system has machines to patch, a cloud a
    bill. Only the interview's templates and their sentence rules read it; the API sends the kind alone."""

    UNSPECIFIED = "unspecified"
    PROGRAMMING = "programming"  # a language programs are written in: Python, Go, Bash
    MARKUP = "markup"  # a language documents are marked up in: HTML, XML
    STYLESHEET = "stylesheet"  # a language that styles documents: CSS, Sass
    OPERATING_SYSTEM = "operating_system"  # Linux, Ubuntu, Windows Server, macOS
    MOBILE = "mobile"  # a mobile platform apps are built for: Android, iOS
    CLOUD = "cloud"  # a hosted cloud or one of its services, paid for by use: AWS, Azure, Amazon S3


# The kind each subkind refines.
KIND_OF_SUBKIND: dict[SkillSubkind, SkillKind] = {
    SkillSubkind.PROGRAMMING: SkillKind.LANGUAGE,
    SkillSubkind.MARKUP: SkillKind.LANGUAGE,
    SkillSubkind.STYLESHEET: SkillKind.LANGUAGE,
    SkillSubkind.OPERATING_SYSTEM: SkillKind.PLATFORM,
    SkillSubkind.MOBILE: SkillKind.PLATFORM,
    SkillSubkind.CLOUD: SkillKind.PLATFORM,
}


class RequirementLevel(StrEnum):
    UNSPECIFIED = "unspecified"
    REQUIRED = "required"
    NICE_TO_HAVE = "nice_to_have"


class Seniority(StrEnum):
    """A career level. `ORDER` ranks them; staff/principal (individual contributors) and lead/manager sit
    side by side on it."""

    UNSPECIFIED = "unspecified"
    INTERN = "intern"
    ENTRY = "entry"
    JUNIOR = "junior"  # junior or associate
    MID = "mid"
    SENIOR = "senior"
    STAFF = "staff"
    PRINCIPAL = "principal"
    LEAD = "lead"  # team lead, supervisor or manager
    DIRECTOR = "director"  # director, head of
    EXECUTIVE = "executive"  # VP, C-level, president, partner


# One scale for every comparison of levels (matching, interviews, seniority estimates).
SENIORITY_ORDER: dict[Seniority, int] = {
    Seniority.INTERN: 0,
    Seniority.ENTRY: 1,
    Seniority.JUNIOR: 2,
    Seniority.MID: 3,
    Seniority.SENIOR: 4,
    Seniority.STAFF: 5,
    Seniority.LEAD: 5,
    Seniority.PRINCIPAL: 6,
    Seniority.DIRECTOR: 6,
    Seniority.EXECUTIVE: 7,
}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Skill(_Model):
    """A skill; `skill_id` is the taxonomy id, empty when the skill is kept as written."""

    skill_id: str = ""
    name: str
    category: SkillCategory = SkillCategory.UNSPECIFIED
    normalized: bool = True
    kind: SkillKind = SkillKind.UNSPECIFIED
    subkind: SkillSubkind = SkillSubkind.UNSPECIFIED
    # The taxonomy's group ("accounting", "cloud platforms"): matching gives partial credit inside a group.
    group: str = ""


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


class OccupationMatch(_Model):
    """The occupation a job title or resume title maps to (O*NET, with ESCO where it adds one)."""

    code: str  # O*NET-SOC code, "15-1244.00"
    title: str  # the occupation's name, "Network and Computer Systems Administrators"
    confidence: float = Field(0.0, ge=0.0, le=1.0)
    matched: str = ""  # the title or alternate title it matched, as the index holds it
    job_zone: int | None = Field(None, ge=1, le=5)  # O*NET preparation level, 1 (little) to 5 (extensive)
    family: str = ""  # role family: "software", "data", "infrastructure", "finance", ...


class SeniorityEstimate(_Model):
    level: Seniority = Seniority.UNSPECIFIED
    confidence: float = Field(0.0, ge=0.0, le=1.0)
    reason: str = ""


class TechStackGroup(_Model):
    category: SkillCategory
    skills: tuple[Skill, ...]


class MonthDate(_Model):
    """A month of a year as a resume writes it; month 0 when only the year is written."""

    year: int = Field(ge=1900, le=2200)
    month: int = Field(0, ge=0, le=12)


class ExperienceItem(_Model):
    """One dated job of a resume."""

    title: str = ""
    company: str = ""
    location: str = ""
    start: MonthDate | None = None
    end: MonthDate | None = None  # None with `current`, or when the resume gives no end
    current: bool = False
    lines: tuple[str, ...] = ()  # the lines under the entry, as written
    skill_ids: tuple[str, ...] = ()  # the taxonomy skills its lines name
    years: float | None = None
    occupation: OccupationMatch | None = None


class EducationItem(_Model):
    degree: str = ""  # as written: "Bachelor of Science", "MBA"
    level: str = ""  # "doctorate", "master", "bachelor", "associate", "diploma", "secondary", "" unknown
    field: str = ""
    institution: str = ""
    year: int | None = None


class CertificationItem(_Model):
    name: str
    issuer: str = ""
    year: int | None = None
    skill_id: str = ""  # the taxonomy skill it certifies, when there is one


class YearsSource(StrEnum):
    """Where a resume's total years come from."""

    UNKNOWN = "unknown"
    ENTRIES = "entries"  # the union of the dated experience entries
    SUMMARY = "summary"  # a claim such as "over 10 years of experience": a fallback
    USER = "user"  # the user set it


class JobSkills(_Model):
    required_skills: tuple[ExtractedSkill, ...] = ()
    nice_to_have_skills: tuple[ExtractedSkill, ...] = ()
    seniority: SeniorityEstimate = SeniorityEstimate()
    tech_stack: tuple[TechStackGroup, ...] = ()
    min_years_experience: float | None = None
    # "taxonomy", or "llm:<model>"; with a fallback, the reason follows after a space.
    extractor: str = "taxonomy"
    occupation: OccupationMatch | None = None


class ResumeProfile(_Model):
    skills: tuple[ExtractedSkill, ...] = ()
    total_years_experience: float | None = None
    recent_titles: tuple[str, ...] = ()
    seniority: SeniorityEstimate = SeniorityEstimate()
    tech_stack: tuple[TechStackGroup, ...] = ()
    extractor: str = "taxonomy"
    experience: tuple[ExperienceItem, ...] = ()  # newest first
    education: tuple[EducationItem, ...] = ()
    certifications: tuple[CertificationItem, ...] = ()
    years_source: YearsSource = YearsSource.UNKNOWN
    occupation: OccupationMatch | None = None  # of the most recent title
    # Profile fields the user corrected (UpdateResumeProfile paths): re-extraction keeps them.
    user_fields: tuple[str, ...] = ()

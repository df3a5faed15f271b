"""Domain objects to protobuf messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from google.protobuf import timestamp_pb2
from pydantic import ValidationError

from skillgap.errors import FieldViolation, InvalidArgument
from skillgap.jobs.models import JobSummary, StoredJob
from skillgap.resumes.models import StoredResume
from skillgap.scraping.runs import ScrapeCounts, ScrapeRun, SourceSpec
from skillgap.skills import models
from skillgap.v1 import common_pb2, job_pb2, resume_pb2, scrape_pb2


def timestamp(value: datetime) -> timestamp_pb2.Timestamp:
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value)
    return ts


def resume_message(resume: StoredResume) -> resume_pb2.Resume:
    return resume_pb2.Resume(
        resume_id=resume.resume_id,
        filename=resume.filename,
        content_type=resume.content_type,
        size_bytes=resume.size_bytes,
        page_count=resume.page_count,
        text=resume.text,
        text_length=resume.text_length,
        content_sha256=resume.content_sha256,
        create_time=timestamp(resume.create_time),
        update_time=timestamp(resume.update_time),
        profile=resume_profile_message(resume.profile) if resume.profile is not None else None,
    )


_CATEGORIES = {c: getattr(common_pb2, f"SKILL_CATEGORY_{c.name}") for c in models.SkillCategory}
_LEVELS = {lv: getattr(common_pb2, f"REQUIREMENT_LEVEL_{lv.name}") for lv in models.RequirementLevel}
_SENIORITIES = {s: getattr(common_pb2, f"SENIORITY_{s.name}") for s in models.Seniority}
_KINDS = {k: getattr(common_pb2, f"SKILL_KIND_{k.name}") for k in models.SkillKind}
_YEARS_SOURCES = {
    models.YearsSource.UNKNOWN: resume_pb2.YEARS_SOURCE_UNSPECIFIED,
    models.YearsSource.ENTRIES: resume_pb2.YEARS_SOURCE_ENTRIES,
    models.YearsSource.SUMMARY: resume_pb2.YEARS_SOURCE_SUMMARY,
    models.YearsSource.USER: resume_pb2.YEARS_SOURCE_USER,
}


def skill_message(skill: models.Skill) -> common_pb2.Skill:
    return common_pb2.Skill(
        skill_id=skill.skill_id,
        name=skill.name,
        category=_CATEGORIES[skill.category],
        normalized=skill.normalized,
        kind=_KINDS[skill.kind],
        group=skill.group,
    )


def occupation_message(occupation: models.OccupationMatch) -> common_pb2.Occupation:
    return common_pb2.Occupation(
        code=occupation.code,
        title=occupation.title,
        confidence=occupation.confidence,
        matched_title=occupation.matched,
        job_zone=occupation.job_zone or 0,
        family=occupation.family,
    )


def _year_month(value: models.MonthDate) -> resume_pb2.YearMonth:
    return resume_pb2.YearMonth(year=value.year, month=value.month)


def experience_message(item: models.ExperienceItem) -> resume_pb2.ExperienceEntry:
    message = resume_pb2.ExperienceEntry(
        title=item.title,
        company=item.company,
        location=item.location,
        current=item.current,
        lines=list(item.lines),
        skill_ids=list(item.skill_ids),
    )
    if item.start is not None:
        message.start.CopyFrom(_year_month(item.start))
    if item.end is not None:
        message.end.CopyFrom(_year_month(item.end))
    if item.years is not None:
        message.years = item.years
    if item.occupation is not None:
        message.occupation.CopyFrom(occupation_message(item.occupation))
    return message


def education_message(item: models.EducationItem) -> resume_pb2.EducationEntry:
    return resume_pb2.EducationEntry(
        degree=item.degree, level=item.level, field=item.field, institution=item.institution, year=item.year or 0
    )


def certification_message(item: models.CertificationItem) -> resume_pb2.Certification:
    return resume_pb2.Certification(name=item.name, issuer=item.issuer, year=item.year or 0, skill_id=item.skill_id)


def evidence_messages(evidence: tuple[models.Evidence, ...]) -> list[common_pb2.Evidence]:
    return [
        common_pb2.Evidence(text=e.text, start_offset=e.start, end_offset=e.end, section=e.section) for e in evidence
    ]


def extracted_skill_message(
    extracted: models.ExtractedSkill, *, with_evidence: bool = True
) -> common_pb2.ExtractedSkill:
    message = common_pb2.ExtractedSkill(
        skill=skill_message(extracted.skill),
        level=_LEVELS[extracted.level],
        evidence=evidence_messages(extracted.evidence) if with_evidence else [],
    )
    if extracted.years is not None:
        message.years = extracted.years
    return message


def seniority_message(estimate: models.SeniorityEstimate) -> common_pb2.SeniorityEstimate:
    return common_pb2.SeniorityEstimate(
        level=_SENIORITIES[estimate.level], confidence=estimate.confidence, reason=estimate.reason
    )


def tech_stack_messages(groups: tuple[models.TechStackGroup, ...]) -> list[common_pb2.TechStackGroup]:
    return [
        common_pb2.TechStackGroup(category=_CATEGORIES[g.category], skills=[skill_message(s) for s in g.skills])
        for g in groups
    ]


def resume_profile_message(profile: models.ResumeProfile) -> resume_pb2.ResumeProfile:
    message = resume_pb2.ResumeProfile(
        skills=[extracted_skill_message(s) for s in profile.skills],
        recent_titles=list(profile.recent_titles),
        seniority=seniority_message(profile.seniority),
        tech_stack=tech_stack_messages(profile.tech_stack),
        extractor=profile.extractor,
        experience=[experience_message(e) for e in profile.experience],
        education=[education_message(e) for e in profile.education],
        certifications=[certification_message(c) for c in profile.certifications],
        years_source=_YEARS_SOURCES[profile.years_source],
        user_fields=list(profile.user_fields),
    )
    if profile.total_years_experience is not None:
        message.total_years_experience = profile.total_years_experience
    if profile.occupation is not None:
        message.occupation.CopyFrom(occupation_message(profile.occupation))
    return message


_SENIORITY_LEVELS = {value: level for level, value in _SENIORITIES.items()}


def _month_date(message: resume_pb2.YearMonth, field: str) -> models.MonthDate:
    try:
        return models.MonthDate(year=message.year, month=message.month)
    except ValidationError as exc:
        raise InvalidArgument(
            f"{field} must have a year from 1900 to 2200 and a month from 0 to 12",
            reason="INVALID_DATE",
            violations=[FieldViolation(field, "invalid year or month")],
        ) from exc


def _experience_items(message: resume_pb2.ResumeProfile) -> tuple[models.ExperienceItem, ...]:
    items = []
    for index, entry in enumerate(message.experience):
        field = f"profile.experience[{index}]"
        items.append(
            models.ExperienceItem(
                title=entry.title.strip(),
                company=entry.company.strip(),
                location=entry.location.strip(),
                start=_month_date(entry.start, f"{field}.start") if entry.HasField("start") else None,
                end=_month_date(entry.end, f"{field}.end") if entry.HasField("end") and not entry.current else None,
                current=entry.current,
                lines=tuple(entry.lines),
                skill_ids=tuple(entry.skill_ids),
            )
        )
    return tuple(items)


def profile_from_message(message: resume_pb2.ResumeProfile, paths: Sequence[str]) -> models.ResumeProfile:
    """The fields named by `paths`, read from a request's profile (limits are the domain's to check). Fields
    outside the mask are ignored, as AIP-134 has it: a value there is neither read nor refused."""
    wanted = set(paths)
    values: dict[str, Any] = {}
    if "skills" in wanted:
        values["skills"] = tuple(
            models.ExtractedSkill(
                skill=models.Skill(skill_id=s.skill.skill_id, name=s.skill.name or s.skill.skill_id, normalized=False),
                years=s.years if s.HasField("years") else None,
            )
            for s in message.skills
        )
    if "total_years_experience" in wanted and message.HasField("total_years_experience"):
        values["total_years_experience"] = message.total_years_experience
    if "recent_titles" in wanted:
        values["recent_titles"] = tuple(message.recent_titles)
    if "seniority" in wanted:
        values["seniority"] = models.SeniorityEstimate(
            level=_SENIORITY_LEVELS.get(message.seniority.level, models.Seniority.UNSPECIFIED)
        )
    if "experience" in wanted:
        values["experience"] = _experience_items(message)
    if "education" in wanted:
        values["education"] = tuple(
            models.EducationItem(
                degree=e.degree.strip(),
                level=e.level.strip(),
                field=e.field.strip(),
                institution=e.institution.strip(),
                year=e.year or None,
            )
            for e in message.education
        )
    if "certifications" in wanted:
        values["certifications"] = tuple(
            models.CertificationItem(name=c.name.strip(), issuer=c.issuer.strip(), year=c.year or None)
            for c in message.certifications
        )
    return models.ResumeProfile(**values)


def profile_paths_present(message: resume_pb2.ResumeProfile) -> list[str]:
    """For an empty update mask: the editable fields the request's profile carries."""
    present = [
        name
        for name in ("recent_titles", "experience", "education", "certifications", "skills")
        if len(getattr(message, name))
    ]
    if message.HasField("total_years_experience"):
        present.append("total_years_experience")
    if message.HasField("seniority"):
        present.append("seniority")
    return present


def job_skills_message(skills: models.JobSkills, *, with_evidence: bool = True) -> job_pb2.JobSkills:
    message = job_pb2.JobSkills(
        required_skills=[extracted_skill_message(s, with_evidence=with_evidence) for s in skills.required_skills],
        nice_to_have_skills=[
            extracted_skill_message(s, with_evidence=with_evidence) for s in skills.nice_to_have_skills
        ],
        seniority=seniority_message(skills.seniority),
        tech_stack=tech_stack_messages(skills.tech_stack),
        extractor=skills.extractor,
    )
    if skills.min_years_experience is not None:
        message.min_years_experience = skills.min_years_experience
    if skills.occupation is not None:
        message.occupation.CopyFrom(occupation_message(skills.occupation))
    return message


# Values are SourceKind numbers; the generated stubs type them loosely.
_SOURCE_KINDS: dict[str, Any] = {
    name.removeprefix("SOURCE_KIND_").lower(): job_pb2.SourceKind.Value(name) for name in job_pb2.SourceKind.keys()
}
_WORKPLACE_TYPES = {
    "onsite": job_pb2.WORKPLACE_TYPE_ONSITE,
    "hybrid": job_pb2.WORKPLACE_TYPE_HYBRID,
    "remote": job_pb2.WORKPLACE_TYPE_REMOTE,
}
_EMPLOYMENT_TYPES: dict[str, Any] = {
    name.removeprefix("EMPLOYMENT_TYPE_").lower(): job_pb2.EmploymentType.Value(name)
    for name in job_pb2.EmploymentType.keys()
}
_SALARY_INTERVALS: dict[str, Any] = {
    name.removeprefix("SALARY_INTERVAL_").lower(): job_pb2.SalaryInterval.Value(name)
    for name in job_pb2.SalaryInterval.keys()
}
_JOB_STATES = {"open": job_pb2.JOB_STATE_OPEN, "closed": job_pb2.JOB_STATE_CLOSED}


def job_message(job: StoredJob, *, with_description: bool = True) -> job_pb2.Job:
    """The job as the API gives it. Without the description (a list of jobs, a page of matches) the skills come
    without their evidence too: the evidence quotes the description's lines, which GetJob and GetJobSkills give."""
    posting = job.posting
    message = job_pb2.Job(
        job_id=job.job_id,
        title=posting.title,
        company=posting.company,
        url=posting.url,
        description=posting.description if with_description else "",
        source=job_pb2.JobSource(
            kind=_SOURCE_KINDS.get(posting.source_kind, job_pb2.SOURCE_KIND_UNSPECIFIED),
            identifier=posting.source_identifier,
            external_id=posting.external_id,
        ),
        state=_JOB_STATES.get(job.state, job_pb2.JOB_STATE_UNSPECIFIED),
        scrape_time=timestamp(job.scrape_time),
        locations=[job_pb2.Location(display_name=name) for name in posting.locations],
        workplace_type=_WORKPLACE_TYPES.get(posting.workplace_type, job_pb2.WORKPLACE_TYPE_UNSPECIFIED),
        tags=list(posting.tags),
        remote_region=posting.remote_region,
    )
    message.employment_type = _EMPLOYMENT_TYPES.get(posting.employment_type, job_pb2.EMPLOYMENT_TYPE_UNSPECIFIED)
    if posting.salary is not None:
        salary = posting.salary
        message.salary.interval = _SALARY_INTERVALS.get(salary.interval, job_pb2.SALARY_INTERVAL_UNSPECIFIED)
        message.salary.currency = salary.currency or ""
        if salary.min_amount is not None:
            message.salary.min_amount = salary.min_amount
        if salary.max_amount is not None:
            message.salary.max_amount = salary.max_amount
    if posting.post_time is not None:
        message.post_time.CopyFrom(timestamp(posting.post_time))
    if job.close_time is not None:
        message.close_time.CopyFrom(timestamp(job.close_time))
    if job.skills is not None:
        message.skills.CopyFrom(job_skills_message(job.skills, with_evidence=with_description))
    for listing in job.also_listed_on:
        message.also_listed_on.add(
            source=job_pb2.JobSource(
                kind=_SOURCE_KINDS.get(listing.source_kind, job_pb2.SOURCE_KIND_UNSPECIFIED),
                identifier=listing.source_identifier,
                external_id=listing.external_id,
            ),
            url=listing.url,
            state=_JOB_STATES.get(listing.state, job_pb2.JOB_STATE_UNSPECIFIED),
        )
    return message


_SENIORITY_VALUES = {level.value: number for level, number in _SENIORITIES.items()}


def job_summary_message(job: JobSummary) -> job_pb2.JobSummary:
    message = job_pb2.JobSummary(
        job_id=job.job_id,
        title=job.title,
        company=job.company,
        locations=[job_pb2.Location(display_name=name) for name in job.locations],
        workplace_type=_WORKPLACE_TYPES.get(job.workplace_type, job_pb2.WORKPLACE_TYPE_UNSPECIFIED),
        seniority=_SENIORITY_VALUES.get(job.seniority, common_pb2.SENIORITY_UNSPECIFIED),
        source=job_pb2.JobSource(
            kind=_SOURCE_KINDS.get(job.source_kind, job_pb2.SOURCE_KIND_UNSPECIFIED),
            identifier=job.source_identifier,
            external_id=job.external_id,
        ),
        url=job.url,
        state=_JOB_STATES.get(job.state, job_pb2.JOB_STATE_UNSPECIFIED),
    )
    if job.post_time is not None:
        message.post_time.CopyFrom(timestamp(job.post_time))
    if job.close_time is not None:
        message.close_time.CopyFrom(timestamp(job.close_time))
    return message


def source_kind_of(field: str, kind: int) -> str:
    """The domain name of a SourceKind number; "" for unspecified; INVALID_ARGUMENT naming `field` for a
    number this server does not know."""
    if kind == job_pb2.SOURCE_KIND_UNSPECIFIED:
        return ""
    name = source_kind_name(kind)
    if not name:
        raise InvalidArgument(
            f"{field}: {kind} is not a known source kind",
            reason="INVALID_SOURCE",
            violations=[FieldViolation(field, "unknown value")],
        )
    return name


# --- Scraping ---------------------------------------------------------------------------------------

_SCRAPE_STATES: dict[str, Any] = {
    name.removeprefix("SCRAPE_STATE_").lower(): scrape_pb2.ScrapeState.Value(name)
    for name in scrape_pb2.ScrapeState.keys()
}
_SCRAPE_TRIGGERS: dict[str, Any] = {
    "manual": scrape_pb2.SCRAPE_TRIGGER_MANUAL,
    "scheduled": scrape_pb2.SCRAPE_TRIGGER_SCHEDULED,
}


def source_kind_name(kind: int) -> str:
    """The domain name of a SourceKind number ("" for unspecified or unknown)."""
    for name, value in _SOURCE_KINDS.items():
        if value == kind and value != job_pb2.SOURCE_KIND_UNSPECIFIED:
            return name
    return ""


def source_spec(message: scrape_pb2.ScrapeSource) -> SourceSpec:
    return SourceSpec(
        kind=source_kind_name(message.kind),
        identifier=message.identifier,
        base_url=message.base_url,
        interval_minutes=message.interval_minutes,
    )


def scrape_source_message(spec: SourceSpec) -> scrape_pb2.ScrapeSource:
    availability, notice = _availability(spec.kind)
    return scrape_pb2.ScrapeSource(
        kind=_SOURCE_KINDS.get(spec.kind, job_pb2.SOURCE_KIND_UNSPECIFIED),
        identifier=spec.identifier,
        base_url=spec.base_url,
        interval_minutes=spec.interval_minutes,
        availability=availability,
        notice=notice,
    )


def _availability(kind: str) -> tuple[Any, str]:
    """Whether SkillGap fetches a kind of source, and what its site's robots.txt and terms say."""
    from skillgap.scraping.sources import SOURCES

    source = SOURCES.get(kind)
    if source is None:
        return scrape_pb2.SOURCE_AVAILABILITY_UNSPECIFIED, ""
    fetched = scrape_pb2.SOURCE_AVAILABILITY_FETCHED if source.fetched else scrape_pb2.SOURCE_AVAILABILITY_NOT_FETCHED
    return fetched, source.terms_notice


def source_kind_messages() -> list[scrape_pb2.SourceKindInfo]:
    """Every kind of source this server knows, in the registry's order, for ListScrapeSources."""
    from skillgap.scraping.sources import SOURCES

    messages = []
    for kind, source in SOURCES.items():
        availability, notice = _availability(kind)
        messages.append(
            scrape_pb2.SourceKindInfo(
                kind=_SOURCE_KINDS.get(kind, job_pb2.SOURCE_KIND_UNSPECIFIED),
                reads=source.reads,
                identifier_label=source.identifier_label,
                searchable=source.searchable,
                availability=availability,
                notice=notice,
            )
        )
    return messages


def scrape_counts_message(counts: ScrapeCounts) -> scrape_pb2.ScrapeCounts:
    return scrape_pb2.ScrapeCounts(
        fetched=counts.fetched,
        created=counts.created,
        updated=counts.updated,
        unchanged=counts.unchanged,
        closed=counts.closed,
        failed=counts.failed,
    )


def scrape_run_message(run: ScrapeRun) -> scrape_pb2.ScrapeRun:
    message = scrape_pb2.ScrapeRun(
        run_id=run.run_id,
        state=_SCRAPE_STATES.get(run.state, scrape_pb2.SCRAPE_STATE_UNSPECIFIED),
        trigger=_SCRAPE_TRIGGERS.get(run.trigger, scrape_pb2.SCRAPE_TRIGGER_UNSPECIFIED),
        requested_by=run.requested_by,
        totals=scrape_counts_message(run.totals),
        create_time=timestamp(run.create_time),
    )
    if run.start_time is not None:
        message.start_time.CopyFrom(timestamp(run.start_time))
    if run.finish_time is not None:
        message.finish_time.CopyFrom(timestamp(run.finish_time))
    for progress in run.sources:
        item = scrape_pb2.SourceProgress(
            source=scrape_source_message(progress.source),
            state=_SCRAPE_STATES.get(progress.state, scrape_pb2.SCRAPE_STATE_UNSPECIFIED),
            counts=scrape_counts_message(progress.counts),
            error_message=progress.error_message,
            activity=progress.activity,
            job_counts=scrape_pb2.SourceJobCounts(open=progress.jobs.open, closed=progress.jobs.closed),
        )
        if progress.start_time is not None:
            item.start_time.CopyFrom(timestamp(progress.start_time))
        if progress.finish_time is not None:
            item.finish_time.CopyFrom(timestamp(progress.finish_time))
        message.sources.append(item)
    return message

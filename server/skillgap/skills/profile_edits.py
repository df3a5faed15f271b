"""A profile the user can correct: applying their corrections, and keeping them through re-extraction.

The user sets whole fields (AIP-134 field mask paths): `recent_titles`, `total_years_experience`,
`experience`, `education`, `certifications`, `skills`, `seniority`. What they set is recorded in
`ResumeProfile.user_fields` and wins over anything read from the text afterwards. Fields derived from
the ones they set follow, unless the user set them too: corrected experience entries give the total
years (their union) and the recent titles; corrected titles or years give the seniority estimate; the
tech stack always follows the skills.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from skillgap.errors import FieldViolation, InvalidArgument, quoted
from skillgap.skills.experience import range_months, union_months
from skillgap.skills.models import (
    ExperienceItem,
    ExtractedSkill,
    MonthDate,
    ResumeProfile,
    Seniority,
    SeniorityEstimate,
    Skill,
    YearsSource,
)
from skillgap.skills.occupations import OccupationFinder, experience_occupations, title_occupation
from skillgap.skills.seniority import resume_seniority
from skillgap.skills.stack import tech_stack
from skillgap.skills.taxonomy import Taxonomy
from skillgap.validation import refuse_nul

EDITABLE_FIELDS: tuple[str, ...] = (
    "recent_titles",
    "total_years_experience",
    "experience",
    "education",
    "certifications",
    "skills",
    "seniority",
)
MAX_SKILLS = 300
MAX_EXPERIENCE = 50
MAX_EDUCATION = 20
MAX_CERTIFICATIONS = 50
MAX_TITLES = 10
MAX_TEXT = 200
MAX_SKILL_NAME = 100
MAX_LINES = 100
MAX_LINE = 1_000
MAX_YEARS = 70.0
RECENT_TITLES = 3


def _too_long(field: str, limit: int, what: str = "characters") -> InvalidArgument:
    return InvalidArgument(
        f"{field} is over the limit of {limit:,} {what}",
        reason="PROFILE_FIELD_TOO_LONG",
        violations=[FieldViolation(field, f"at most {limit:,} {what}")],
        metadata={"field": field, "limit": str(limit)},
    )


def _check_text(field: str, value: str, limit: int = MAX_TEXT) -> None:
    if len(value) > limit:
        raise _too_long(field, limit)
    refuse_nul(value, field=field)


def _check_count(field: str, values: Sequence[object], limit: int) -> None:
    if len(values) > limit:
        raise _too_long(field, limit, "entries")


def check_paths(paths: Iterable[str]) -> tuple[str, ...]:
    """The mask's paths, each once, in the order of `EDITABLE_FIELDS`; an unknown path is INVALID_ARGUMENT."""
    wanted = set()
    for path in paths:
        if path not in EDITABLE_FIELDS:
            raise InvalidArgument(
                f"update_mask path {quoted(path)} cannot be set; the paths are {', '.join(EDITABLE_FIELDS)}",
                reason="UNKNOWN_FIELD_PATH",
                violations=[FieldViolation("update_mask", f"unknown path {quoted(path)}")],
            )
        wanted.add(path)
    return tuple(path for path in EDITABLE_FIELDS if path in wanted)


def _month_index(value: MonthDate) -> int:
    return value.year * 12 + max(value.month, 1) - 1


def entry_months(item: ExperienceItem, today: date) -> tuple[int, int] | None:
    """The entry's months [start, end) by the rules of dated entries read from text (an entry with a start and
    neither an end nor `current` is that one month, or half of a bare year); None undated."""
    if item.start is None:
        return None
    first = (item.start.year, item.start.month)
    last = None if item.current else (item.end.year, item.end.month) if item.end is not None else first
    return range_months(first, last, today.year * 12 + today.month)


def _checked_experience(items: Sequence[ExperienceItem], today: date) -> tuple[ExperienceItem, ...]:
    _check_count("profile.experience", items, MAX_EXPERIENCE)
    checked = []
    for index, item in enumerate(items):
        field = f"profile.experience[{index}]"
        for name in ("title", "company", "location"):
            _check_text(f"{field}.{name}", getattr(item, name))
        _check_count(f"{field}.lines", item.lines, MAX_LINES)
        for line_index, line in enumerate(item.lines):
            _check_text(f"{field}.lines[{line_index}]", line, MAX_LINE)
        _check_count(f"{field}.skill_ids", item.skill_ids, MAX_SKILLS)
        for skill_index, skill_id in enumerate(item.skill_ids):
            _check_text(f"{field}.skill_ids[{skill_index}]", skill_id, MAX_SKILL_NAME)
        if item.start is not None and item.end is not None and _month_index(item.end) < _month_index(item.start):
            raise InvalidArgument(
                f"{field} ends before it starts",
                reason="INVALID_DATE_RANGE",
                violations=[FieldViolation(f"{field}.end", "before start")],
            )
        months = entry_months(item, today)
        years = round((months[1] - months[0]) / 12, 1) if months else item.years
        checked.append(item.model_copy(update={"years": years}))
    return tuple(checked)


def _resolved_skills(
    skills: Sequence[ExtractedSkill], current: Sequence[ExtractedSkill], taxonomy: Taxonomy
) -> tuple[ExtractedSkill, ...]:
    """The user's skills: taxonomy ids resolved to the taxonomy's skill, names kept as written (or resolved
    when the taxonomy knows them); the lines that showed a skill are kept for a skill that stays."""
    _check_count("profile.skills", skills, MAX_SKILLS)
    shown = {s.skill.skill_id or s.skill.name.casefold(): s for s in current}
    resolved: dict[str, ExtractedSkill] = {}
    for index, extracted in enumerate(skills):
        field = f"profile.skills[{index}]"
        skill_id, name = extracted.skill.skill_id.strip(), extracted.skill.name.strip()
        if skill_id:
            entry = taxonomy.get(skill_id)
            if entry is None:
                raise InvalidArgument(
                    f"{field}.skill.skill_id {quoted(skill_id)} is not a skill SkillGap knows; send its name instead",
                    reason="UNKNOWN_SKILL",
                    violations=[FieldViolation(f"{field}.skill.skill_id", "unknown skill id")],
                )
            skill = entry.to_skill()
        elif name:
            _check_text(f"{field}.skill.name", name, MAX_SKILL_NAME)
            entry = taxonomy.lookup(name)
            skill = entry.to_skill() if entry is not None else Skill(name=name, normalized=False)
        else:
            raise InvalidArgument(
                f"{field} needs a skill.skill_id or a skill.name",
                reason="EMPTY_SKILL",
                violations=[FieldViolation(f"{field}.skill", "empty")],
            )
        if extracted.years is not None and not 0 <= extracted.years <= MAX_YEARS:
            raise InvalidArgument(
                f"{field}.years must be between 0 and {MAX_YEARS:g}",
                reason="INVALID_YEARS",
                violations=[FieldViolation(f"{field}.years", f"between 0 and {MAX_YEARS:g}")],
            )
        key = skill.skill_id or skill.name.casefold()
        before = shown.get(key)
        years = extracted.years if extracted.years is not None else (before.years if before else None)
        resolved[key] = ExtractedSkill(skill=skill, evidence=before.evidence if before else (), years=years)
    return tuple(resolved.values())


def _validated(
    update: ResumeProfile, paths: Sequence[str], current: ResumeProfile, taxonomy: Taxonomy, today: date
) -> dict[str, object]:
    """The values to set, checked against the limits (named in the error)."""
    values: dict[str, object] = {}
    for path in paths:
        if path == "recent_titles":
            _check_count("profile.recent_titles", update.recent_titles, MAX_TITLES)
            for index, title in enumerate(update.recent_titles):
                _check_text(f"profile.recent_titles[{index}]", title)
            values[path] = tuple(t.strip() for t in update.recent_titles if t.strip())
        elif path == "total_years_experience":
            years = update.total_years_experience
            if years is not None and not 0 <= years <= MAX_YEARS:
                raise InvalidArgument(
                    f"profile.total_years_experience must be between 0 and {MAX_YEARS:g}",
                    reason="INVALID_YEARS",
                    violations=[FieldViolation("profile.total_years_experience", f"between 0 and {MAX_YEARS:g}")],
                )
            values[path] = None if years is None else round(years, 1)
        elif path == "experience":
            values[path] = _checked_experience(update.experience, today)
        elif path == "education":
            _check_count("profile.education", update.education, MAX_EDUCATION)
            for index, item in enumerate(update.education):
                for name in ("degree", "level", "field", "institution"):
                    _check_text(f"profile.education[{index}].{name}", getattr(item, name))
            values[path] = update.education
        elif path == "certifications":
            _check_count("profile.certifications", update.certifications, MAX_CERTIFICATIONS)
            for index, cert in enumerate(update.certifications):
                for name in ("name", "issuer"):
                    _check_text(f"profile.certifications[{index}].{name}", getattr(cert, name))
            values[path] = update.certifications
        elif path == "skills":
            values[path] = _resolved_skills(update.skills, current.skills, taxonomy)
        elif path == "seniority":
            level = update.seniority.level
            values[path] = (
                SeniorityEstimate()
                if level is Seniority.UNSPECIFIED
                else SeniorityEstimate(level=level, confidence=1.0, reason="set by the user")
            )
    return values


def _derived(
    profile: ResumeProfile, changed: Iterable[str], today: date, occupations: OccupationFinder | None
) -> ResumeProfile:
    """Fields that follow from the ones just set, unless the user set them too."""
    changed = set(changed)
    user = set(profile.user_fields)
    update: dict[str, object] = {}
    if "experience" in changed:
        months = [m for item in profile.experience if (m := entry_months(item, today)) is not None]
        if "total_years_experience" not in user:
            update["total_years_experience"] = round(union_months(months) / 12, 1) if months else None
            update["years_source"] = YearsSource.ENTRIES if months else YearsSource.UNKNOWN
        if "recent_titles" not in user:
            titles: list[str] = []
            for item in _newest_first(profile.experience, today):
                if item.title and item.title.casefold() not in {t.casefold() for t in titles}:
                    titles.append(item.title)
            update["recent_titles"] = tuple(titles[:RECENT_TITLES])
    if "total_years_experience" in user and "total_years_experience" in changed:
        update["years_source"] = YearsSource.USER
    profile = profile.model_copy(update=update)
    if "seniority" not in user and changed & {"experience", "recent_titles", "total_years_experience"}:
        profile = profile.model_copy(
            update={"seniority": resume_seniority(profile.recent_titles, profile.total_years_experience)}
        )
    if "skills" in changed:
        profile = profile.model_copy(update={"tech_stack": tech_stack(profile.skills)})
    if occupations is not None and changed & {"experience", "recent_titles"}:
        items, by_title = experience_occupations(occupations, profile.experience)
        occupation = title_occupation(occupations, profile.recent_titles, by_title)
        profile = profile.model_copy(update={"experience": items, "occupation": occupation})
    return profile


def _newest_first(items: Sequence[ExperienceItem], today: date) -> list[ExperienceItem]:
    """Latest end first, then latest start (as entries read from text are ordered); undated entries last."""

    def key(item: ExperienceItem) -> tuple[int, int]:
        months = entry_months(item, today)
        return (months[1], months[0]) if months else (-1, -1)

    return sorted(items, key=key, reverse=True)


def apply_update(
    current: ResumeProfile,
    update: ResumeProfile,
    paths: Iterable[str],
    taxonomy: Taxonomy,
    *,
    today: date,
    occupations: OccupationFinder | None = None,
) -> ResumeProfile:
    """`current` with the fields named by `paths` set from `update` (validated), recorded as the user's."""
    fields = check_paths(paths)
    if not fields:
        raise InvalidArgument(
            "nothing to update: name the fields in update_mask (or send them in profile)",
            reason="EMPTY_UPDATE",
            violations=[FieldViolation("update_mask", "empty")],
        )
    values = _validated(update, fields, current, taxonomy, today)
    user_fields = tuple(f for f in EDITABLE_FIELDS if f in set(current.user_fields) | set(fields))
    profile = current.model_copy(update={**values, "user_fields": user_fields})
    return _derived(profile, fields, today, occupations)


def keep_user_fields(
    fresh: ResumeProfile,
    previous: ResumeProfile | None,
    *,
    today: date,
    occupations: OccupationFinder | None = None,
) -> ResumeProfile:
    """A profile read anew from the text, with every field the user had set kept as they set it."""
    if previous is None or not previous.user_fields:
        return fresh
    kept = {field: getattr(previous, field) for field in previous.user_fields if field in EDITABLE_FIELDS}
    if "total_years_experience" in kept:
        kept["years_source"] = YearsSource.USER
    profile = fresh.model_copy(update={**kept, "user_fields": previous.user_fields})
    return _derived(profile, kept, today, occupations)

"""A profile's or a job's tech stack: its normalized skills grouped by category."""

from __future__ import annotations

from collections.abc import Iterable

from skillgap.skills.models import ExtractedSkill, Skill, SkillCategory, TechStackGroup


def tech_stack(skills: Iterable[ExtractedSkill]) -> tuple[TechStackGroup, ...]:
    """Normalized skills grouped by category, in the enum's order; each skill once."""
    groups: dict[SkillCategory, list[Skill]] = {}
    for extracted in skills:
        skill = extracted.skill
        if (
            skill.normalized
            and skill.category is not SkillCategory.UNSPECIFIED
            and skill not in groups.get(skill.category, [])
        ):
            groups.setdefault(skill.category, []).append(skill)
    return tuple(TechStackGroup(category=c, skills=tuple(groups[c])) for c in SkillCategory if c in groups)

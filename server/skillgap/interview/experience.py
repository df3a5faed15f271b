"""How long the resume shows a skill, from its dated jobs: what an experience probe may say ("Your resume shows 3
years of Kubernetes, as Backend Engineer at Acme"), and whether it may say "fewer years" at all.

The years are the union of the months of the dated entries that name the skill (or the skill the resume covers it
with: Django for a Python job), so overlapping jobs count once; the extracted skill's own years
(`ExtractedSkill.years`, read from the same entries when the resume was read) count when they are more, since a
corrected profile may carry entries without skills. None when no dated entry names the skill: the resume does not
say how long, which is not the same as "fewer".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from skillgap.skills.experience import union_months
from skillgap.skills.models import ExperienceItem, ResumeProfile
from skillgap.skills.profile_edits import entry_months

__all__ = ["DatedYears", "dated_years"]

# Where a probe says it saw the skill: the newest entries, this many at most.
MAX_WHERE = 2


@dataclass(frozen=True)
class DatedYears:
    years: float | None  # None: no dated entry names the skill
    where: tuple[str, ...] = ()  # the entries that show it, newest first: "Backend Engineer at Acme"


def _label(item: ExperienceItem) -> str:
    if item.title and item.company:
        return f"{item.title} at {item.company}"
    return item.title or item.company


def dated_years(profile: ResumeProfile | None, skill_ids: Iterable[str], *, today: date | None = None) -> DatedYears:
    """The years the resume's dated entries show for any of `skill_ids` (the skill, and the one covering it)."""
    if profile is None:
        return DatedYears(None)
    wanted = {skill_id for skill_id in skill_ids if skill_id}
    day = today if today is not None else date.today()
    months: list[tuple[int, int]] = []
    where: list[str] = []
    for item in profile.experience:  # newest first
        if wanted.isdisjoint(item.skill_ids):
            continue
        span = entry_months(item, day)
        if span is None:
            continue
        months.append(span)
        label = _label(item)
        if label and label not in where:
            where.append(label)
    from_entries = round(union_months(months) / 12, 1) if months else None
    extracted = [s.years for s in profile.skills if s.skill.skill_id in wanted and s.years is not None]
    best = max([y for y in (from_entries, *extracted) if y is not None], default=None)
    return DatedYears(best, tuple(where[:MAX_WHERE]))

"""What to do about a gap, as sentences a user can act on, and the gap in one sentence.

The action templates are data (`data/actions.yaml`, built into `data/actions.json` by
`python -m skillgap.matching.build`): chosen by the kind of gap and the skill's kind, group or id, and whether its
name is an activity ("Use CAD software"). See the header of the YAML file for how an entry is chosen.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

from skillgap.matching.actions_schema import GAP_KINDS, GapKind
from skillgap.matching.assess import years_short
from skillgap.matching.models import CoverageStatus, SkillAssessment
from skillgap.skills.models import RequirementLevel, Skill, SkillKind

__all__ = ["FORMAT", "ActionTemplates", "actions_for", "gap_sentence", "years_short"]

FORMAT: Final = 1
DATA_PACKAGE: Final = "skillgap.matching"
DATA_FILE: Final = "data/actions.json"

# Kinds whose names may be activities: the taxonomy's ESCO skills are written as what a person does.
_ACTIVITY_KINDS = frozenset({SkillKind.PRACTICE, SkillKind.SOFT_SKILL, SkillKind.TOOL})


@dataclass(frozen=True)
class _Entry:
    key: str
    kinds: frozenset[str]
    groups: frozenset[str]
    skills: frozenset[str]
    activity: bool | None
    sentences: Mapping[str, tuple[str, ...]]

    def selects(self, skill: Skill, activity: bool) -> bool:
        return (
            (not self.kinds or skill.kind.value in self.kinds)
            and (not self.groups or skill.group in self.groups)
            and (not self.skills or skill.skill_id in self.skills)
            and (self.activity is None or self.activity is activity)
        )


class ActionTemplates:
    """The built templates: which sentences a gap of a skill gets, filled in."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"actions.json format {data.get('format')!r}, expected {FORMAT}")
        self.version: str = str(data.get("version", ""))
        self._verbs = frozenset(str(v) for v in data["activity_verbs"])
        self.entries = tuple(
            _Entry(
                key=str(raw["key"]),
                kinds=frozenset(raw.get("kinds", ())),
                groups=frozenset(raw.get("groups", ())),
                skills=frozenset(raw.get("skills", ())),
                activity=raw.get("activity"),
                sentences={gap: tuple(raw.get(gap, ())) for gap in GAP_KINDS},
            )
            for raw in data["templates"]
        )
        fallback = self.entries[-1] if self.entries else None
        if fallback is None or not all(fallback.sentences[gap] for gap in GAP_KINDS):
            raise ValueError("actions.json: the last entry must be a general fallback writing every gap kind")

    @classmethod
    def load(cls) -> ActionTemplates:
        """The packaged templates, parsed once per process."""
        return _packaged()

    @classmethod
    def from_json(cls, text: str | bytes) -> ActionTemplates:
        return cls(json.loads(text))

    def is_activity(self, skill: Skill) -> bool:
        """A name that says what a person does ("Use CAD software", "Think critically"; not "Test Automation")."""
        words = skill.name.split()
        if skill.kind not in _ACTIVITY_KINDS or not words or words[0] not in self._verbs:
            return False
        return len(words) == 1 or not (words[1][:1].isupper() and words[1][1:].islower())

    def entry_for(self, gap: GapKind, skill: Skill) -> str:
        """The key of the entry whose sentences `gap` of `skill` gets."""
        return self._select(gap, skill, self.is_activity(skill))[0]

    def _select(self, gap: GapKind, skill: Skill, activity: bool) -> tuple[str, tuple[str, ...]]:
        for entry in self.entries:
            if entry.sentences[gap] and entry.selects(skill, activity):
                return entry.key, entry.sentences[gap]
        raise AssertionError("the general fallback writes every gap kind")  # checked in __init__

    def render(
        self,
        gap: GapKind,
        skill: Skill,
        *,
        base: str = "",
        sections: str = "",
        years: float = 0.0,
        shown: float | None = None,
    ) -> tuple[str, ...]:
        """The sentences of `gap` for `skill`, filled in (for "partial", followed by the first "missing" one)."""
        activity = self.is_activity(skill)
        values = {
            "skill": skill.name,
            "activity": skill.name[:1].lower() + skill.name[1:] if activity else skill.name,
            "base": base,
            "sections": sections,
            "years": f"{years:g}",
            "shown": "" if shown is None else f"{shown:g} year{'' if shown == 1 else 's'}",
        }
        _, sentences = self._select(gap, skill, activity)
        if gap == "partial":
            sentences = sentences + self._select("missing", skill, activity)[1][:1]
        return tuple(sentence.format(**values) for sentence in sentences)


@functools.cache
def _packaged() -> ActionTemplates:
    raw = resources.files(DATA_PACKAGE).joinpath(*DATA_FILE.split("/")).read_bytes()
    return ActionTemplates.from_json(raw)


def actions_for(assessment: SkillAssessment, templates: ActionTemplates | None = None) -> tuple[str, ...]:
    """What to do about one gap: the sentences of its kind for the skill, then the years, when short."""
    templates = templates or ActionTemplates.load()
    skill = assessment.skill
    required = assessment.level is RequirementLevel.REQUIRED
    actions: list[str] = []
    if assessment.status is CoverageStatus.MISSING:
        actions += templates.render("missing", skill)
        if required:
            actions += templates.render("required", skill)
    elif assessment.status is CoverageStatus.PARTIAL:
        base = assessment.related.name if assessment.related is not None else "a related skill"
        actions += templates.render("partial", skill, base=base)
        if required:
            actions += templates.render("required", skill)
    elif assessment.status is CoverageStatus.UNLISTED:
        actions += templates.render("unlisted", skill, sections=_sections(assessment))
    if years_short(assessment):
        asked = assessment.years_asked or 0.0
        if assessment.years_shown is None:
            actions += templates.render("years_undated", skill, years=asked)
        else:
            actions += templates.render("years_short", skill, years=asked, shown=assessment.years_shown)
    return tuple(actions)


def _sections(assessment: SkillAssessment) -> str:
    sections: Sequence[str] = sorted({e.section or "other sections" for e in assessment.resume_evidence})
    return " and ".join(sections) or "passing"


def gap_sentence(assessment: SkillAssessment, templates: ActionTemplates | None = None) -> str:
    """The gap in one sentence."""
    templates = templates or ActionTemplates.load()
    skill = assessment.skill
    name = skill.name
    activity = templates.is_activity(skill)
    required = assessment.level is RequirementLevel.REQUIRED
    if activity:
        asked = f"The job {'asks you' if required else 'would like you'} to {name[:1].lower() + name[1:]}"
    else:
        asked = f"The job {'requires' if required else 'would like'} {name}"
    if assessment.status is CoverageStatus.MISSING:
        return f"{asked}; your resume does not show it."
    if assessment.status is CoverageStatus.PARTIAL:
        related = assessment.related.name if assessment.related else "a related skill"
        return f"{asked}; your resume shows {related}, which it builds on, but not {name} itself."
    if assessment.status is CoverageStatus.UNLISTED:
        return f"You have {name}, but your resume shows it only outside your skills and experience."
    if years_short(assessment):
        shown = "no dated years" if assessment.years_shown is None else f"{assessment.years_shown:g} years"
        return f"You have {name}; the job asks for {assessment.years_asked:g}+ years and your resume shows {shown}."
    if assessment.related is not None:
        return f"Covered: {assessment.via}."
    return f"Covered: your resume shows {name}."

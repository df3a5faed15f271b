"""The gap action templates: the schema of `data/actions.yaml` and its loader.

The templates (what to do about a gap, by the kind of gap and the kind of skill) live in `data/actions.yaml`.
`python -m skillgap.matching.build` validates them against the models here, checks placeholders, kinds and groups
(`build.check`) and writes the committed `data/actions.json`, which is all the product reads (`actions.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from skillgap.datafiles import Source, load_yaml
from skillgap.skills.models import SkillKind

__all__ = ["GAP_KINDS", "PLACEHOLDERS", "SOURCE", "ActionsSource", "GapKind", "TemplateEntry", "load"]

SOURCE: Final = Path(__file__).resolve().parent / "data" / "actions.yaml"

GapKind = Literal["missing", "required", "partial", "unlisted", "years_short", "years_undated"]
GAP_KINDS: Final[tuple[GapKind, ...]] = ("missing", "required", "partial", "unlisted", "years_short", "years_undated")

# The placeholders each gap kind may use. {skill}: the name as the taxonomy spells it; {activity}: the name of an
# activity ("Use CAD software") with its first letter lowercased, for "when you use CAD software"; {base}: the
# candidate's skill it builds on; {sections}: where the resume shows it ("projects and summary"); {years}: the
# years asked ("5"); {shown}: the years shown ("2 years").
PLACEHOLDERS: Final[dict[GapKind, frozenset[str]]] = {
    "missing": frozenset({"skill", "activity"}),
    "required": frozenset({"skill", "activity"}),
    "partial": frozenset({"skill", "activity", "base"}),
    "unlisted": frozenset({"skill", "activity", "sections"}),
    "years_short": frozenset({"skill", "activity", "years", "shown"}),
    "years_undated": frozenset({"skill", "activity", "years"}),
}

Text = Annotated[StrictStr, Field(min_length=1)]
Sentences = tuple[Text, ...]


class TemplateEntry(BaseModel):
    """Templates for the skills the entry selects (all of `kinds`, `groups`, `skills`, `activity` that are given
    must hold; none given: every skill). For each gap kind, the first entry in the file that selects the skill
    and writes that gap kind gives its sentences."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Text
    kinds: tuple[SkillKind, ...] = ()
    groups: tuple[Text, ...] = ()
    skills: tuple[Text, ...] = ()  # taxonomy ids, where a group is too coarse (data warehouses in "databases")
    activity: StrictBool | None = None  # True: only names that are activities ("Use CAD software")
    missing: Sentences = ()
    required: Sentences = ()  # added to `missing` and `partial` when the job requires the skill
    partial: Sentences = ()  # followed by the first sentence of `missing`
    unlisted: Sentences = ()
    years_short: Sentences = ()
    years_undated: Sentences = ()

    @property
    def is_fallback(self) -> bool:
        return not (self.kinds or self.groups or self.skills) and self.activity is None


class ActionsSource(BaseModel):
    """`data/actions.yaml`: see the header of that file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Sentences several entries use, referred to below as YAML aliases (*name); read by YAML, not by the build.
    shared: dict[StrictStr, Text] = {}
    # First words that make a name an activity ("Use CAD software", "Think critically").
    activity_verbs: tuple[Text, ...]
    templates: tuple[TemplateEntry, ...]


def load(path: Path = SOURCE) -> Source[ActionsSource]:
    """The templates at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, ActionsSource)

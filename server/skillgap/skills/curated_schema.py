"""The curated layer of the skill taxonomy: the schema of `data/curated.yaml` and its loader.

The data itself (the skills tech postings use most, their aliases and relations, and the ambiguity rules) lives
in `data/curated.yaml`; its header says what each section means. `python -m skillgap.skills.build` validates it
against the models here and merges it with GitHub linguist and O*NET into the committed `data/taxonomy.json`.
The product never imports this module at run time (it reads the json).

The module-level names (`CURATED`, `RULES`, `HUMAN_LANGUAGE_RULE`, `ROLE_RULE`, `CUES`, `COMMON_WORDS`,
`LINGUIST_EXCLUDE`, `LINGUIST_ALIAS_DENY`, `ONET_EXCLUDE`, `ONET_TO_SKILL`, `ONET_VENDORS`, `ESCO_EXCLUDE`) are
the committed source's values, read when first used, so that importing this module never fails on a malformed file
(the build reports it with its line instead).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, model_validator

from skillgap.datafiles import Source, load_yaml
from skillgap.skills.models import SkillCategory, SkillKind, SkillSubkind

__all__ = [
    "SOURCE",
    "ContextRule",
    "CuratedLayer",
    "CuratedSkill",
    "Cue",
    "CueKind",
    "Mode",
    "RoleRule",
    "SurfaceRule",
    "committed",
    "load",
]

SOURCE: Final = Path(__file__).resolve().parent / "data" / "curated.yaml"

# i: case-insensitive; c: exact casing only; x: exact casing and a context cue; l: lookup only.
Mode = Literal["i", "c", "x", "l"]
CueKind = Literal["", "language", "framework", "tool"]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return pattern


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ValueError(f"listed twice: {', '.join(repeated)}")
    return values


def _lower(values: tuple[str, ...]) -> tuple[str, ...]:
    # These lists are compared with a lowercased form: an entry with a capital would never match.
    cased = [v for v in values if v != v.lower()]
    if cased:
        raise ValueError(f"must be lower case: {', '.join(cased)}")
    return values


Pattern = Annotated[StrictStr, AfterValidator(_compiles)]
Text = Annotated[StrictStr, Field(min_length=1)]
Names = Annotated[tuple[Text, ...], AfterValidator(_unique)]
LowerNames = Annotated[tuple[Text, ...], AfterValidator(_unique), AfterValidator(_lower)]


class _Strict(BaseModel):
    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)


class CuratedSkill(_Strict):
    """A canonical skill: id (a slug, never renamed), display name, category, aliases, implied ids, O*NET names.

    `kind` and `group` default from the category (the build's `KIND_OF_CATEGORY`, `GROUP_OF_CATEGORY`); set them
    where the category says too little ("Machine Learning" is domain knowledge, "SQL" a query language).
    `subkind` refines the kind where sentences differ (`SkillSubkind`: HTML is a markup language, Linux an
    operating system); a language without one is a programming language, another skill has none.
    """

    skill_id: Text = Field(alias="id")
    name: Text
    category: SkillCategory
    kind: SkillKind | None = None
    subkind: SkillSubkind | None = None
    group: Text | None = None
    aliases: Names = ()
    implies: Names = ()
    onet: Names = ()


class SurfaceRule(_Strict):
    """How one exact surface form is matched in free text.

    `before_not` is searched (case-insensitively) in the text just before the mention, anchored at its end;
    `after_not` is matched at the start of the text just after it. Either one matching rejects the mention.
    `cue` names the context cues a mode "x" form needs (see `CUES`).
    """

    mode: Mode
    cue: CueKind = ""
    before_not: Pattern = ""
    after_not: Pattern = ""

    @model_validator(mode="after")
    def _cue_goes_with_mode_x(self) -> SurfaceRule:
        # Only mode "x" reads a cue: a cue elsewhere, or an "x" without one, is a mistake in the data.
        if (self.mode == "x") != bool(self.cue):
            raise ValueError('mode "x" needs a cue, and only mode "x" takes one')
        return self


class ContextRule(_Strict):
    """Negative patterns without a mode, for a family of forms (`SurfaceRule` says how they are read)."""

    before_not: Pattern = ""
    after_not: Pattern = ""


class RoleRule(ContextRule):
    """Negative patterns for every surface form of a skill of one of `kinds`: a practice or a field named as a
    job ("Senior Backend Engineer", "Role: DevOps") or a team ("our QA team", "security experts"), not a skill."""

    kinds: tuple[SkillKind, ...] = ()


class Cue(_Strict):
    """The context a mode "x" form needs: a cue just before it, or just after it (both case-insensitive)."""

    before: Pattern
    after: Pattern


class CuratedLayer(_Strict):
    """`data/curated.yaml`: see the header of that file."""

    # Values the rest of the file refers to as YAML aliases (*name); read by YAML itself, not by the build.
    shared: dict[StrictStr, StrictStr] = {}
    skills: tuple[CuratedSkill, ...] = Field(min_length=1)
    cues: dict[Literal["language", "framework", "tool"], Cue]
    rules: dict[Text, SurfaceRule]
    # The negative patterns of every human-language name without a rule of its own (nationality adjectives).
    human_language_rule: ContextRule = ContextRule()
    # The negative patterns of every form of a practice or domain skill (job titles and team names).
    role_rule: RoleRule = RoleRule()
    common_words: LowerNames
    linguist_exclude: Names = ()
    linguist_alias_deny: LowerNames = ()
    onet_exclude: Names = ()
    onet_to_skill: dict[Text, Text] = {}
    onet_vendors: Names = ()
    # ESCO preferred labels to leave out: found by reviewing the build's output (phrases that read as other words).
    esco_exclude: Names = ()

    @model_validator(mode="after")
    def _cues_for_every_rule(self) -> CuratedLayer:
        defined = {"", *self.cues}
        missing = sorted(f"{form} ({rule.cue})" for form, rule in self.rules.items() if rule.cue not in defined)
        if missing:
            raise ValueError(f"rules name cues that `cues` does not define: {', '.join(missing)}")
        return self


def load(path: Path = SOURCE) -> Source[CuratedLayer]:
    """The curated layer at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, CuratedLayer)


# The committed source's values under the names the build uses; see the module docstring.
CURATED: tuple[CuratedSkill, ...]
RULES: Mapping[str, SurfaceRule]
HUMAN_LANGUAGE_RULE: ContextRule
ROLE_RULE: RoleRule
CUES: Mapping[str, tuple[str, str]]
COMMON_WORDS: frozenset[str]
LINGUIST_EXCLUDE: frozenset[str]
LINGUIST_ALIAS_DENY: frozenset[str]
ONET_EXCLUDE: frozenset[str]
ONET_TO_SKILL: Mapping[str, str]
ONET_VENDORS: tuple[str, ...]
ESCO_EXCLUDE: frozenset[str]


@functools.cache
def committed() -> Source[CuratedLayer]:
    """The committed `data/curated.yaml`, read once per process."""
    return load()


@functools.cache
def _committed_values() -> dict[str, Any]:
    layer = committed().data
    return {
        "CURATED": layer.skills,
        "RULES": layer.rules,
        "HUMAN_LANGUAGE_RULE": layer.human_language_rule,
        "ROLE_RULE": layer.role_rule,
        "CUES": {kind: (cue.before, cue.after) for kind, cue in layer.cues.items()},
        "COMMON_WORDS": frozenset(layer.common_words),
        "LINGUIST_EXCLUDE": frozenset(layer.linguist_exclude),
        "LINGUIST_ALIAS_DENY": frozenset(layer.linguist_alias_deny),
        "ONET_EXCLUDE": frozenset(layer.onet_exclude),
        "ONET_TO_SKILL": layer.onet_to_skill,
        "ONET_VENDORS": layer.onet_vendors,
        "ESCO_EXCLUDE": frozenset(layer.esco_exclude),
    }


_COMMITTED_NAMES: Final = frozenset(
    {
        "CURATED",
        "RULES",
        "HUMAN_LANGUAGE_RULE",
        "ROLE_RULE",
        "CUES",
        "COMMON_WORDS",
        "LINGUIST_EXCLUDE",
        "LINGUIST_ALIAS_DENY",
        "ONET_EXCLUDE",
        "ONET_TO_SKILL",
        "ONET_VENDORS",
        "ESCO_EXCLUDE",
    }
)


def __getattr__(name: str) -> Any:
    # Only these names read the file: the import system probes modules for others (`__path__`, ...).
    if name in _COMMITTED_NAMES:
        return _committed_values()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

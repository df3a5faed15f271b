"""The curated role families: the schema of `data/families.yaml` and its loader.

`data/families.yaml` (its header says how to edit it) maps SOC groups and O*NET codes to the role families a
tech job seeker recognises, and pins the few common tech titles O*NET files ambiguously or under an occupation
whose family misleads ("DevOps Engineer", "Product Manager"). `python -m skillgap.occupations.build` validates
it against the models here; the product never imports this module at run time (it reads the built json).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Annotated, Final

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, model_validator

from skillgap.datafiles import Source, load_yaml

__all__ = ["SOURCE", "FamilyDefinition", "RoleFamilies", "TitleRule", "load"]

SOURCE: Final = Path(__file__).resolve().parent / "data" / "families.yaml"

# "15" (a major group), "15-1" / "15-12" / "15-124" (minor and broad groups), "15-1244" (detailed), "15-1244.00".
_PREFIX = re.compile(r"^\d\d(-\d{1,4})?$|^\d\d-\d{4}\.\d\d$")
_CODE = re.compile(r"^\d\d-\d{4}\.\d\d$")
_SLUG = re.compile(r"^[a-z][a-z_]*$")


def _prefix(value: str) -> str:
    if not _PREFIX.match(value):
        raise ValueError(f"not a SOC group or O*NET code: {value!r} (write 15, 15-12, 15-1244 or 15-1244.00)")
    return value


def _code(value: str) -> str:
    if not _CODE.match(value):
        raise ValueError(f"not an O*NET-SOC code: {value!r} (write 15-1244.00)")
    return value


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"a family is a lower-case slug (software, it_support): {value!r}")
    return value


Text = Annotated[StrictStr, Field(min_length=1)]
Prefix = Annotated[StrictStr, AfterValidator(_prefix)]
Code = Annotated[StrictStr, AfterValidator(_code)]
Slug = Annotated[StrictStr, AfterValidator(_slug)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FamilyDefinition(_Strict):
    """A role family: its name for people and the SOC groups or codes in it (the longest prefix wins)."""

    label: Text
    codes: tuple[Prefix, ...] = ()
    # Families whose people often move to or from this one (a systems administrator to IT support, not to
    # business analysis): role fit gives a neighbouring family partial credit. Listed on both sides.
    neighbours: tuple[Slug, ...] = ()


class TitleRule(_Strict):
    """A title pinned to an occupation, and to a family when its occupation's family would mislead."""

    title: Text
    code: Code
    family: Slug | None = None
    why: Text


class RoleFamilies(_Strict):
    """`data/families.yaml`: see the header of that file."""

    families: dict[Slug, FamilyDefinition] = Field(min_length=1)
    titles: tuple[TitleRule, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> RoleFamilies:
        owners: dict[str, str] = {}
        twice: list[str] = []
        for slug, family in self.families.items():
            for prefix in family.codes:
                if prefix in owners:
                    twice.append(f"{prefix} ({owners[prefix]}, {slug})")
                owners[prefix] = slug
        if twice:
            raise ValueError(f"a group or code is in two families: {', '.join(twice)}")
        unknown = sorted({r.family for r in self.titles if r.family is not None and r.family not in self.families})
        if unknown:
            raise ValueError(f"titles name families that `families` does not define: {', '.join(unknown)}")
        strangers = sorted(
            {
                f"{slug} -> {other}"
                for slug, f in self.families.items()
                for other in f.neighbours
                if other not in self.families
            }
        )
        if strangers:
            raise ValueError(f"neighbours name families that `families` does not define: {', '.join(strangers)}")
        one_way = sorted(
            f"{slug} -> {other}"
            for slug, f in self.families.items()
            for other in f.neighbours
            if other in self.families and slug not in self.families[other].neighbours
        )
        if one_way:
            raise ValueError(f"neighbours are listed on both sides; missing the way back for: {', '.join(one_way)}")
        counts = Counter(r.title.lower() for r in self.titles)
        repeated = sorted(title for title, n in counts.items() if n > 1)
        if repeated:
            raise ValueError(f"titles listed twice: {', '.join(repeated)}")
        return self

    def family_of(self, code: str) -> str | None:
        """The family of the longest prefix of `code` that the file lists."""
        best = ""
        found: str | None = None
        for slug, family in self.families.items():
            for prefix in family.codes:
                if code.startswith(prefix) and len(prefix) > len(best):
                    best, found = prefix, slug
        return found


def load(path: Path = SOURCE) -> Source[RoleFamilies]:
    """The role families at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, RoleFamilies)

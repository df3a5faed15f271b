"""The curated learning resources: the schema of `data/resources.yaml` and its loader.

The data (hand-picked docs, tutorials, courses, books and practice sites per taxonomy skill id, and how they were
chosen) lives in `data/resources.yaml`. `python -m skillgap.learning.build` validates it against the models here,
checks ids and URLs (`build.check`) and writes the committed `data/resources.json`, which is all the product
reads (`catalog.py`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from skillgap.datafiles import Source, load_yaml
from skillgap.learning.catalog import ResourceKind

__all__ = [
    "SOURCE",
    "CuratedResource",
    "ResourceEntry",
    "ResourcesSource",
    "committed",
    "committed_resources",
    "load",
    "to_resources",
]

SOURCE: Final = Path(__file__).resolve().parent / "data" / "resources.yaml"

Text = Annotated[StrictStr, Field(min_length=1)]


@dataclass(frozen=True)
class CuratedResource:
    """One resource as `build.check` validates it (also for data that did not come through the schema)."""

    title: str
    url: str
    kind: ResourceKind
    provider: str
    free: bool = True


class ResourceEntry(BaseModel):
    """One resource in the YAML: kind, title, url, provider, and `free: false` when it is paid."""

    # A misspelt field is an error, not a silently ignored one.
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ResourceKind
    title: Text
    url: Text
    provider: Text
    free: StrictBool = True


class ResourcesSource(BaseModel):
    """`data/resources.yaml`: see the header of that file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Resources several skills list, referred to below as YAML aliases (*name); read by YAML, not by the build.
    shared: dict[StrictStr, ResourceEntry] = {}
    skills: dict[Text, tuple[ResourceEntry, ...]]


def load(path: Path = SOURCE) -> Source[ResourcesSource]:
    """The resources at `path`, validated; raises DataFileError naming the file and line of each problem."""
    return load_yaml(path, ResourcesSource)


def to_resources(source: ResourcesSource) -> Mapping[str, tuple[CuratedResource, ...]]:
    """Per skill id, its resources in the curated order."""
    return {
        skill_id: tuple(CuratedResource(e.title, e.url, e.kind, e.provider, e.free) for e in entries)
        for skill_id, entries in source.skills.items()
    }


@functools.cache
def committed() -> Source[ResourcesSource]:
    """The committed `data/resources.yaml`, read once per process."""
    return load()


@functools.cache
def committed_resources() -> Mapping[str, tuple[CuratedResource, ...]]:
    """The committed resources per skill id."""
    return to_resources(committed().data)

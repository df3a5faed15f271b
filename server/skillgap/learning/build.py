"""Validate the curated learning resources and write `skillgap/learning/data/resources.json`.

    python -m skillgap.learning.build [--out PATH] [--check]

The source is `data/resources.yaml`, validated against `resources_schema.py` (its structure, with the file and
line of each problem) and then by `check` (also used by the tests): every skill id exists in the taxonomy and has
at least one `docs` resource; every URL is absolute https with a host, no userinfo and no whitespace, and appears
once per skill; kind is one of the proto's kinds; title and provider are non-empty; free is a bool. Plain http is
accepted but reported as a warning, so a link that only exists over http is a visible, deliberate exception.

The output is deterministic: skills sorted by id, resources in display order (kind, then curated order), no
timestamps; `version` is a hash of the content. `--check` writes nothing and exits 1 when the committed file is
stale.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from skillgap.datafiles import (
    BuildFailed,
    Source,
    build_arguments,
    content_version,
    render_json,
    run_build,
)
from skillgap.learning import resources_schema
from skillgap.learning.catalog import FORMAT, KINDS, LearningResource, ResourceCatalog, ordered
from skillgap.learning.resources_schema import CuratedResource, ResourcesSource
from skillgap.skills.taxonomy import Taxonomy

log = logging.getLogger("skillgap.learning.build")

PROG: Final = "python -m skillgap.learning.build"

DEFAULT_OUT: Final = Path(__file__).resolve().parent / "data" / "resources.json"
ATTRIBUTION: Final = (
    "Links point to their publishers' sites; titles and providers name the publishers' own works. "
    "The selection is curated by SkillGap; no third-party content is copied here."
)

_WHITESPACE = re.compile(r"[\s\x00-\x1f\x7f]")


@dataclass
class CheckResult:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class BuildError(BuildFailed):
    pass


# Where a skill (index None) or one of its resources is written, as "file:line"; see `check`.
Locate = Callable[[str, int | None], str]

# The committed resources, read from the YAML source on first use (see `__getattr__`): importing this module never
# fails on a malformed file, `main` reports it with its line. A test may replace it.
RESOURCES: Mapping[str, Sequence[CuratedResource]]


def __getattr__(name: str) -> Any:
    if name == "RESOURCES":
        return resources_schema.committed_resources()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_url(url: str) -> tuple[str | None, str | None]:
    """(error, warning) for one URL; both None when it is a clean absolute https URL."""
    if not isinstance(url, str) or not url:
        return "URL is empty", None
    if _WHITESPACE.search(url):
        return f"URL {url!r} contains whitespace or control characters", None
    try:
        parts = urlsplit(url)
        if parts.port is not None and not 0 < parts.port < 65536:  # urlsplit itself raises on most bad ports
            raise ValueError(f"port {parts.port} out of range")
    except ValueError as exc:
        return f"URL {url!r} does not parse: {exc}", None
    if parts.scheme not in ("https", "http"):
        return f"URL {url!r} is not https", None
    if "@" in parts.netloc:
        return f"URL {url!r} carries userinfo", None
    if not parts.hostname or "." not in parts.hostname:
        return f"URL {url!r} has no public host name", None
    if parts.scheme == "http":
        return None, f"URL {url!r} is plain http"
    return None, None


def check(
    resources: Mapping[str, Sequence[CuratedResource]], taxonomy: Taxonomy, *, locate: Locate | None = None
) -> CheckResult:
    """Every problem in `resources`, as readable lines; empty errors means it may be built. With `locate`, each
    line starts with the file and line of the skill or resource it is about."""
    result = CheckResult()
    for skill_id, items in resources.items():
        where = f"{locate(skill_id, None)}: {skill_id}:" if locate else f"{skill_id}:"
        if skill_id not in taxonomy:
            result.errors.append(f"{where} not a skill id in the taxonomy")
        if not items:
            result.errors.append(f"{where} no resources")
            continue
        seen: set[str] = set()
        for index, item in enumerate(items):
            at = f"{locate(skill_id, index)}: {skill_id}: #{index + 1}" if locate else f"{where} #{index + 1}"
            if item.kind not in KINDS:
                result.errors.append(f"{at} kind {item.kind!r} is not one of {', '.join(KINDS)}")
            if not isinstance(item.title, str) or not item.title.strip():
                result.errors.append(f"{at} empty title")
            if not isinstance(item.provider, str) or not item.provider.strip():
                result.errors.append(f"{at} empty provider")
            if not isinstance(item.free, bool):
                result.errors.append(f"{at} free must be a bool, got {item.free!r}")
            error, warning = check_url(item.url)
            if error:
                result.errors.append(f"{at} {error}")
            if warning:
                result.warnings.append(f"{at} {warning}")
            if isinstance(item.url, str):
                if item.url in seen:
                    result.errors.append(f"{at} duplicate URL {item.url!r}")
                seen.add(item.url)
        if not any(item.kind == "docs" for item in items):
            result.errors.append(f"{where} no docs resource")
    return result


def document(resources: Mapping[str, Sequence[CuratedResource]]) -> dict[str, Any]:
    skills: dict[str, list[dict[str, Any]]] = {}
    for skill_id in sorted(resources):
        items = ordered(LearningResource(r.title, r.url, r.kind, r.provider, r.free) for r in resources[skill_id])
        skills[skill_id] = [
            {"title": r.title, "url": r.url, "kind": r.kind, "provider": r.provider, "free": r.free} for r in items
        ]
    body: dict[str, Any] = {"format": FORMAT, "attribution": ATTRIBUTION, "kinds": list(KINDS), "skills": skills}
    return {"format": FORMAT, "version": content_version(body), **{k: v for k, v in body.items() if k != "format"}}


def render(doc: Mapping[str, Any]) -> str:
    """One skill per line: reviewable diffs, still compact."""
    return render_json(doc, "skills")


def build(
    resources: Mapping[str, Sequence[CuratedResource]] | None = None, taxonomy: Taxonomy | None = None
) -> tuple[str, CheckResult]:
    """The json text for `resources` (default: the curated data); raises BuildError listing every problem, or
    DataFileError when the source does not fit its schema."""
    locate: Locate | None = None
    if resources is None:
        resources = globals().get("RESOURCES")  # set only when a test replaced the committed resources
        if resources is None:
            resources = resources_schema.committed_resources()
            # Read from the file: each problem can say where it is written.
            locate = locator(resources_schema.committed())
    result = check(resources, taxonomy if taxonomy is not None else Taxonomy.load(), locate=locate)
    if result.errors:
        raise BuildError("\n".join(result.errors))
    text = render(document(resources))
    ResourceCatalog.from_json(text)  # the run-time loader accepts what we write
    return text, result


def locator(source: Source[ResourcesSource]) -> Locate:
    """Where each skill and resource of `source` is written, for `check`."""

    def locate(skill_id: str, index: int | None) -> str:
        return source.at("skills", skill_id) if index is None else source.at("skills", skill_id, index)

    return locate


def summary(text: str) -> str:
    data = json.loads(text)
    skills: dict[str, list[dict[str, Any]]] = data["skills"]
    multi = sum(1 for items in skills.values() if len({r["kind"] for r in items}) >= 2)
    total = sum(len(items) for items in skills.values())
    return f"{len(skills)} skills, {multi} with 2+ kinds, {total} resources; version {data['version']}"


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, __doc__.split("\n")[0], DEFAULT_OUT)
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        text, result = build()
        for warning in result.warnings:
            log.warning("warning: %s", warning)
        return text, summary(text)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

"""Validate the gap action templates and write `skillgap/matching/data/actions.json`.

    python -m skillgap.matching.build [--out PATH] [--check]

The source is `data/actions.yaml`, validated against `actions_schema.py` (its structure, with the file and line
of each problem) and then by `check`: every placeholder is one its gap kind may use ({activity} only in entries
for activities), every sentence ends with a period, every group and skill id exists in the taxonomy, entry keys
are unique, and the last entry is a general fallback that writes every gap kind, so every skill gets sentences.

The output is deterministic (entries in file order, no timestamps); `version` is a hash of the content.
`--check` writes nothing and exits 1 when the committed file is stale.
"""

from __future__ import annotations

import json
import logging
import string
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import (
    BuildFailed,
    Source,
    build_main,
    content_version,
    render_json,
)
from skillgap.matching import actions_schema
from skillgap.matching.actions import FORMAT, ActionTemplates
from skillgap.matching.actions_schema import GAP_KINDS, PLACEHOLDERS, ActionsSource
from skillgap.skills.taxonomy import Taxonomy

log = logging.getLogger("skillgap.matching.build")

PROG: Final = "python -m skillgap.matching.build"
DEFAULT_OUT: Final = Path(__file__).resolve().parent / "data" / "actions.json"


class BuildError(BuildFailed):
    pass


def check(source: Source[ActionsSource], taxonomy: Taxonomy) -> list[str]:
    """Every problem of the templates past their schema, each as "file:line: entry: what"."""
    problems: list[str] = []
    groups = {entry.group for entry in taxonomy}
    entries = source.data.templates
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        where = f"{source.at('templates', index)}: templates #{index + 1} ({entry.key})"
        if entry.key in seen:
            problems.append(f"{where}: key {entry.key!r} is used twice")
        seen.add(entry.key)
        for group in entry.groups:
            if group not in groups:
                problems.append(f"{where}: no taxonomy skill has the group {group!r}")
        for skill_id in entry.skills:
            if skill_id not in taxonomy:
                problems.append(f"{where}: {skill_id!r} is not a skill id in the taxonomy")
        for gap in GAP_KINDS:
            for number, sentence in enumerate(getattr(entry, gap), start=1):
                at = f"{source.at('templates', index, gap, number - 1)}: templates #{index + 1} ({entry.key})"
                at += f" > {gap} #{number}"
                allowed = PLACEHOLDERS[gap] if entry.activity else PLACEHOLDERS[gap] - {"activity"}
                try:
                    used = {name for _, name, _, _ in string.Formatter().parse(sentence) if name is not None}
                except ValueError as exc:
                    problems.append(f"{at}: does not parse as a template: {exc}")
                    continue
                for name in sorted(used - allowed):
                    problems.append(f"{at}: {{{name}}} is not a placeholder of {gap} here (use {sorted(allowed)})")
                if not sentence.endswith("."):
                    problems.append(f"{at}: a sentence ends with a period")
    if not entries or not entries[-1].is_fallback:
        problems.append(f"{source.at('templates')}: the last entry must be a general fallback (no selectors)")
    else:
        fallback = entries[-1]
        for gap in GAP_KINDS:
            if not getattr(fallback, gap):
                problems.append(f"{source.at('templates', len(entries) - 1)}: the general fallback must write {gap}")
    return problems


def document(data: ActionsSource) -> dict[str, Any]:
    body: dict[str, Any] = {
        "format": FORMAT,
        "activity_verbs": sorted(set(data.activity_verbs)),
        "templates": [entry.model_dump(mode="json", exclude_defaults=True) for entry in data.templates],
    }
    return {"version": content_version(body), **body}


def build(path: Path = actions_schema.SOURCE, taxonomy: Taxonomy | None = None) -> str:
    """The json text for the templates at `path`; raises BuildError listing every problem, or DataFileError when
    the source does not fit its schema."""
    source = actions_schema.load(path)
    problems = check(source, taxonomy if taxonomy is not None else Taxonomy.load())
    if problems:
        raise BuildError("\n".join(problems))
    text = render_json(document(source.data), "templates")
    ActionTemplates.from_json(text)  # the run-time loader accepts what we write
    return text


def summary(text: str) -> str:
    data = json.loads(text)
    sentences = sum(len(v) for entry in data["templates"] for k, v in entry.items() if k in GAP_KINDS)
    return f"{len(data['templates'])} entries, {sentences} sentences; version {data['version']}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(argv, prog=PROG, doc=__doc__, default_out=DEFAULT_OUT, build=build, summary=summary, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

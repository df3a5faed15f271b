"""Validate the job-built question templates and write `skillgap/interview/data/job_questions.json`.

    python -m skillgap.interview.context_build [--out PATH] [--check]

The source is `data/job_questions.yaml`, validated against `job_questions_schema.py` (its structure, with the file
and line of each problem) and then by `check`: ids are unique, every taxonomy id exists and a skill plays one role
only, texts use only their own placeholders, cue words and keywords are lower case, follow-ups are questions, and
every design and scenario question the templates can make (each domain, and none, with each role) reads as
sentences once filled.

The output is deterministic (entries in file order, no timestamps); `version` is a hash of the content.
`--check` writes nothing and exits 1 when the committed file is stale.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import BuildFailed, Source, build_main, content_version, render_json
from skillgap.interview import job_questions_schema
from skillgap.interview.job_context import JobTemplates
from skillgap.interview.job_questions import design_text, scenario_text
from skillgap.interview.job_questions_schema import FORMAT, PLACEHOLDERS, JobQuestionsSource, PointEntry
from skillgap.occupations.index import OccupationIndex
from skillgap.skills.taxonomy import Taxonomy

log = logging.getLogger("skillgap.interview.context_build")

PROG: Final = "python -m skillgap.interview.context_build"
DEFAULT_OUT: Final = job_questions_schema.BUILT

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class BuildError(BuildFailed):
    pass


def _placeholders(text: str, allowed: frozenset[str]) -> list[str]:
    problems = [f"{{{name}}} is not a placeholder here (use {sorted(allowed)})" for name in
                sorted(set(_PLACEHOLDER.findall(text)) - allowed)]  # fmt: skip
    if "{" in _PLACEHOLDER.sub("", text) or "}" in _PLACEHOLDER.sub("", text):
        problems.append("a stray brace")
    return problems


def _point_problems(point: PointEntry, allowed: frozenset[str]) -> list[str]:
    problems = _placeholders(point.point, allowed) + _placeholders(point.follow_up, allowed)
    problems += [f"keyword {k!r} is not lower case" for k in point.keywords if k != k.lower()]
    if not point.follow_up.rstrip().endswith("?"):
        problems.append("a follow-up is a question: it ends with '?'")
    if point.point.rstrip().endswith("."):
        problems.append("a point is a phrase: no final period")
    return problems


def check(
    source: Source[JobQuestionsSource], taxonomy: Taxonomy, occupation_families: Collection[str] = ()
) -> list[str]:
    """Every problem past the schema, each as "file:line: entry: what"; `occupation_families`: the slugs the
    occupation index knows (the packaged index's when empty)."""
    data = source.data
    occupation_families = occupation_families or OccupationIndex.packaged().families.keys()
    problems: list[str] = []

    def add(where: tuple[str | int, ...], label: str, found: Iterable[str]) -> None:
        problems.extend(f"{source.at(*where)}: {label}: {what}" for what in found)

    plain = PLACEHOLDERS["plain"]
    for field in ("system", "invariant", "backlog", "name"):
        add(("general", field), f"general > {field}", _placeholders(getattr(data.general, field), plain))
    for field in ("design_point", "scenario_point"):
        add(("general", field), f"general > {field}", _point_problems(getattr(data.general, field), plain))
    add(("ignore_sentences_with",), "ignore_sentences_with",
        [f"{w!r} is not lower case" for w in data.ignore_sentences_with if w != w.lower()])  # fmt: skip
    add(("scale_nouns",), "scale_nouns", [f"{w!r} is not lower case" for w in data.scale_nouns if w != w.lower()])

    seen: set[str] = set()
    for index, domain in enumerate(data.domains):
        label = f"domains #{index + 1} ({domain.id})"
        found = [f"id {domain.id!r} is used twice"] if domain.id in seen else []
        seen.add(domain.id)
        found += [f"{w!r} is not lower case" for w in domain.words if w != w.lower()]
        found += [f"{s!r} is not a skill id in the taxonomy" for s in domain.skills if s not in taxonomy]
        for field in ("system", "invariant", "backlog", "name"):
            found += _placeholders(getattr(domain, field), plain)
        for field in ("design_point", "scenario_point"):
            found += [f"{field}: {p}" for p in _point_problems(getattr(domain, field), plain)]
        add(("domains", index), label, found)

    seen = set()
    for index, family in enumerate(data.families):
        label = f"families #{index + 1} ({family.id})"
        found = [f"id {family.id!r} is used twice"] if family.id in seen else []
        seen.add(family.id)
        found += [f"{w!r} is not lower case" for w in family.title_words if w != w.lower()]
        found += [f"{s!r} is not a skill id in the taxonomy" for s in family.skills if s not in taxonomy]
        found += [f"{f!r} is not a family of the occupation index ({', '.join(sorted(occupation_families))})"
                  for f in family.occupation_families if f not in occupation_families]  # fmt: skip
        add(("families", index), label, found)

    role_of: dict[str, str] = {}
    seen = set()
    allowed = PLACEHOLDERS["role"]
    for index, role in enumerate(data.roles):
        label = f"roles #{index + 1} ({role.id})"
        found = [f"id {role.id!r} is used twice"] if role.id in seen else []
        seen.add(role.id)
        for skill_id in role.skills:
            if skill_id not in taxonomy:
                found.append(f"{skill_id!r} is not a skill id in the taxonomy")
            elif skill_id in role_of:
                found.append(f"{skill_id!r} already plays the role {role_of[skill_id]!r}")
            role_of.setdefault(skill_id, role.id)
        found += _placeholders(role.use, allowed) + _placeholders(role.incident, allowed)
        found += [f"design_point: {p}" for p in _point_problems(role.design_point, allowed)]
        for number, point in enumerate(role.scenario_points, start=1):
            found += [f"scenario_points #{number}: {p}" for p in _point_problems(point, allowed)]
        add(("roles", index), label, found)

    templates = data.templates
    for field in ("intro", "scale", "stack", "ask"):
        text = getattr(templates.design, field)
        add(("templates", "design", field), f"templates > design > {field}",
            _placeholders(text, PLACEHOLDERS[f"design.{field}"]))  # fmt: skip
    add(("templates", "scenario"), "templates > scenario", _placeholders(templates.scenario, PLACEHOLDERS["scenario"]))
    for field in ("design_points", "scenario_points"):
        for number, point in enumerate(getattr(templates, field), start=1):
            add(("templates", field, number - 1), f"templates > {field} #{number}", _point_problems(point, plain))
    for name in ("years_short", "years_undated"):
        probe = getattr(data.probes, name)
        found = _placeholders(probe.text, PLACEHOLDERS["probe"])
        found += _placeholders(probe.model_answer, PLACEHOLDERS["probe.point"])
        for number, point in enumerate(probe.points, start=1):
            found += [f"points #{number}: {p}" for p in _point_problems(point, PLACEHOLDERS["probe.point"])]
        add(("probes", name), f"probes > {name}", found)
    if problems:
        return problems
    problems += [f"{source.at('templates')}: {p}" for p in rendered_problems(data, taxonomy)]
    return problems


def rendered_problems(data: JobQuestionsSource, taxonomy: Taxonomy) -> list[str]:
    """Every design and scenario question the templates can make, each checked as sentences: each domain (and
    none) with each role's first skill alone, and with the first skill of every role together."""
    built = JobTemplates(job_questions_schema.JobQuestionsFile(format=FORMAT, version="check", **data.model_dump()))
    problems: list[str] = []
    skills = []
    for role in data.roles:
        entry = taxonomy.get(role.skills[0])
        if entry is not None:
            skills.append(entry.to_skill())
    stacks = [built.stack_of([skill]) for skill in skills] + [built.stack_of(skills), ()]
    for domain in (None, *data.domains):
        for stack in stacks:
            for scale in ("", "millions of users"):
                texts = [design_text(built, stack, domain, scale)]
                if stack:
                    texts.append(scenario_text(built, stack[0], domain))
                for text in texts:
                    problems += [f"{what}: {text!r}" for what in sentence_problems(text)]
    return sorted(set(problems))


def sentence_problems(text: str) -> list[str]:
    """What makes a filled template not read as sentences."""
    problems = []
    if not text[:1].isupper():
        problems.append("does not start with a capital")
    if not text.rstrip().endswith(("?", ".")):
        problems.append("does not end a sentence")
    if re.search(r"[{}]", text):
        problems.append("an unfilled placeholder")
    if "  " in text or " ," in text or " ." in text or ".." in text or " :" in text:
        problems.append("stray spaces or stops")
    words = re.findall(r"[A-Za-z']+", text.lower())
    for first, second in zip(words, words[1:], strict=False):
        if first == second and first not in {"that"}:
            problems.append(f"doubled word {first!r}")
    return problems


def document(data: JobQuestionsSource) -> dict[str, Any]:
    body: dict[str, Any] = {"format": FORMAT, **data.model_dump(mode="json")}
    return {"version": content_version(body), **body}


def build(path: Path = job_questions_schema.SOURCE, taxonomy: Taxonomy | None = None) -> str:
    """The json text for the templates at `path`; raises BuildError listing every problem, or DataFileError when
    the source does not fit its schema."""
    source = job_questions_schema.load(path)
    problems = check(source, taxonomy if taxonomy is not None else Taxonomy.load())
    if problems:
        raise BuildError("\n".join(problems))
    text = render_json(document(source.data), "domains")
    JobTemplates.from_json(text)  # the run-time loader accepts what we write
    return text


def summary(text: str) -> str:
    data = json.loads(text)
    return f"{len(data['domains'])} domains, {len(data['roles'])} stack roles; version {data['version']}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(argv, prog=PROG, doc=__doc__, default_out=DEFAULT_OUT, build=build, summary=summary, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

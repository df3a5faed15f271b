"""Validate the ATS signatures and write `skillgap/scraping/discovery/data/ats_signatures.json`.

    python -m skillgap.scraping.discovery.build [--out PATH] [--check]

The source is `data/ats_signatures.yaml`, validated against `signatures_schema.py` (its structure, with the file
and line of each problem) and then by `check`: every board's kind is a source kind, keys are unique, every inline
pattern compiles, captures `identifier` and has only bounded quantifiers (a hostile page must cost a fixed
amount), every hint's note uses only its pattern's groups, and every example, run through the detector the product
uses, finds the identifier (and API base URL) it says and nothing of another ATS.

The output is deterministic (entries in file order, no timestamps); `version` is a hash of the content.
`--check` writes nothing and exits 1 when the committed file is stale.
"""

from __future__ import annotations

import json
import logging
import re
import string
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import BuildFailed, Source, build_main, content_version, render_json
from skillgap.scraping.discovery import signatures_schema
from skillgap.scraping.discovery.signatures import FORMAT, AtsSignatures
from skillgap.scraping.discovery.signatures_schema import SignaturesSource
from skillgap.scraping.sources import SOURCES

log = logging.getLogger("skillgap.scraping.discovery.build")

PROG: Final = "python -m skillgap.scraping.discovery.build"
DEFAULT_OUT: Final = Path(__file__).resolve().parent / "data" / "ats_signatures.json"

# An unbounded quantifier: *, + or {n,} (a bounded one is {n,m}); escaped characters are not quantifiers.
_UNBOUNDED: Final = re.compile(r"(?<!\\)(?:\*|\+|\{\d+,\})")


class BuildError(BuildFailed):
    pass


def _pattern_problems(where: str, pattern: str, *, group: str) -> list[str]:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        return [f"{where}: does not compile: {exc}"]
    problems = []
    if group not in compiled.groupindex:
        problems.append(f"{where}: captures no (?P<{group}>...)")
    # Character classes may hold '*' and '+' as plain characters: look outside them.
    outside = re.sub(r"\[(?:\\.|[^\]\\])*\]", "", pattern)
    if _UNBOUNDED.search(outside):
        problems.append(f"{where}: has an unbounded quantifier (*, + or {{n,}}); bound it ({{0,200}})")
    return problems


def check(source: Source[SignaturesSource]) -> list[str]:
    """Every problem of the signatures past their schema, each as "file:line: entry: what"."""
    problems: list[str] = []
    boards = source.data.boards
    keys: set[str] = set()
    for index, board in enumerate(boards):
        entry = f"boards #{index + 1} ({board.key})"
        where = f"{source.at('boards', index)}: {entry}"
        if board.key in keys:
            problems.append(f"{where}: key {board.key!r} is used twice")
        keys.add(board.key)
        if board.kind not in SOURCES:
            problems.append(f"{where}: kind {board.kind!r} is not a source kind ({', '.join(sorted(SOURCES))})")
        for number, pattern in enumerate(board.scripts):
            at = f"{source.at('boards', index, 'scripts', number)}: {entry} > scripts #{number + 1}"
            problems += _pattern_problems(at, pattern, group="identifier")
        for number, hint in enumerate(board.hints):
            at = f"{source.at('boards', index, 'hints', number)}: {entry} > hints #{number + 1}"
            found = _pattern_problems(at, hint.pattern, group="")
            problems += [p for p in found if "captures no" not in p]
            if not found:
                groups = set(re.compile(hint.pattern).groupindex)
                used = {name for _, name, _, _ in string.Formatter().parse(hint.note) if name}
                for name in sorted(used - groups):
                    problems.append(f"{at}: the note uses {{{name}}}, which the pattern does not capture")
    return problems


def check_examples(source: Source[SignaturesSource], signatures: AtsSignatures) -> list[str]:
    """Every example that the detector reads otherwise than it says."""
    problems = []
    for index, board in enumerate(source.data.boards):
        for number, example in enumerate(board.examples):
            at = f"{source.at('boards', index, 'examples', number)}: boards #{index + 1} ({board.key})"
            at += f" > examples #{number + 1}"
            found = {(f.kind, f.identifier, f.base_url) for f in signatures.find(example.html)}
            wanted = (board.kind, example.finds, example.base_url)
            if wanted not in found:
                problems.append(f"{at}: finds {sorted(found) or 'nothing'}, not {wanted}")
            elif len(found) > 1:
                problems.append(f"{at}: also finds {sorted(found - {wanted})}")
    return problems


def document(data: SignaturesSource) -> dict[str, Any]:
    body: dict[str, Any] = {
        "format": FORMAT,
        "careers_link_words": list(data.careers_link_words),
        "job_link_words": sorted(set(data.job_link_words)),
        "boards": [
            board.model_dump(mode="json", exclude={"documented_by", "examples"}, exclude_defaults=True)
            for board in data.boards
        ],
    }
    return {"version": content_version(body), **body}


def build(path: Path = signatures_schema.SOURCE) -> str:
    """The json text for the signatures at `path`; raises BuildError listing every problem, or DataFileError when
    the source does not fit its schema."""
    source = signatures_schema.load(path)
    problems = check(source)
    if problems:
        raise BuildError("\n".join(problems))
    text = render_json(document(source.data), "boards")
    problems = check_examples(source, AtsSignatures.from_json(text))  # the run-time loader reads what we write
    if problems:
        raise BuildError("\n".join(problems))
    return text


def summary(text: str) -> str:
    data = json.loads(text)
    rules = sum(len(link["paths"]) * len(link["hosts"]) for board in data["boards"] for link in board["links"])
    return f"{len(data['boards'])} ATSes, {rules} link shapes; version {data['version']}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(argv, prog=PROG, doc=__doc__, default_out=DEFAULT_OUT, build=build, summary=summary, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

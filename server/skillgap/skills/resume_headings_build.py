"""Validate the words of resume section headings and write `skillgap/skills/data/resume_headings.json`.

    python -m skillgap.skills.resume_headings_build [--out PATH] [--check]

The source is `data/resume_headings.yaml`, validated against `resume_headings_schema.py` (its structure, with the
file and line of each problem), then by `check_headings` (no heading name twice, no bootcamp word twice, every
pattern compiles and matches some text). `version` is a hash of the content. `--check` writes nothing and exits 1
when the committed file is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from skillgap.datafiles import build_main, build_word_lists
from skillgap.skills import resume_headings_schema
from skillgap.skills.resume_headings_schema import FORMAT, KINDS, ResumeHeadingsFile

log = logging.getLogger("skillgap.skills.resume_headings_build")

PROG: Final = "python -m skillgap.skills.resume_headings_build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = resume_headings_schema.load(source_path if source_path is not None else resume_headings_schema.SOURCE)
    return build_word_lists(source, resume_headings_schema.check_headings(source.data), FORMAT, ResumeHeadingsFile)


def summary(text: str) -> str:
    data = ResumeHeadingsFile.model_validate_json(text)
    names = sum(len(getattr(data.headings, kind)) for kind in KINDS)
    return f"{names} heading names, {len(data.keywords) + 1} keywords; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(
        argv, prog=PROG, doc=__doc__, default_out=resume_headings_schema.BUILT, build=build, summary=summary, log=log
    )


if __name__ == "__main__":
    raise SystemExit(main())

"""Validate what the resume reader knows of structured formats and write `skillgap/skills/data/resume_markup.json`.

    python -m skillgap.skills.resume_markup_build [--out PATH] [--check]

The source is `data/resume_markup.yaml`, validated against `resume_markup_schema.py` (its structure, with the file and
line of each problem), then by `check_markup`. `version` is a hash of the content. `--check` writes nothing and exits 1
when the committed file is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from skillgap.datafiles import build_main, build_word_lists
from skillgap.skills import resume_markup_schema
from skillgap.skills.resume_markup_schema import FORMAT, ResumeMarkupFile

log = logging.getLogger("skillgap.skills.resume_markup_build")

PROG: Final = "python -m skillgap.skills.resume_markup_build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = resume_markup_schema.load(source_path if source_path is not None else resume_markup_schema.SOURCE)
    return build_word_lists(source, resume_markup_schema.check_markup(source.data), FORMAT, ResumeMarkupFile)


def summary(text: str) -> str:
    data = ResumeMarkupFile.model_validate_json(text)
    return (
        f"{len(data.entry_macros)} entry macros, {len(data.heading_commands)} heading commands, "
        f"{len(data.drop_commands)} dropped commands; version {data.version}"
    )


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(
        argv, prog=PROG, doc=__doc__, default_out=resume_markup_schema.BUILT, build=build, summary=summary, log=log
    )


if __name__ == "__main__":
    raise SystemExit(main())

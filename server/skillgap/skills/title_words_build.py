"""Validate the title reader's words and write `skillgap/skills/data/title_words.json`.

    python -m skillgap.skills.title_words_build [--out PATH] [--check]

The source is `data/title_words.yaml`, validated against `title_words_schema.py` (its structure, with the file and
line of each problem), then by `check_words` (no key in two lists). `version` is a hash of the content. `--check`
writes nothing and exits 1 when the committed file is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from skillgap.datafiles import DataFileError, build_arguments, run_build
from skillgap.jobs.build import word_lists_json
from skillgap.skills import title_words_schema
from skillgap.skills.title_words_schema import FORMAT, LISTS, TitleWordsFile

log = logging.getLogger("skillgap.skills.title_words_build")

PROG: Final = "python -m skillgap.skills.title_words_build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = title_words_schema.load(source_path if source_path is not None else title_words_schema.SOURCE)
    problems = [f"{source.at(*loc)}: {why}" for loc, why in title_words_schema.check_words(source.data)]
    if problems:
        raise DataFileError(problems)
    text = word_lists_json(source.data.model_dump(mode="json"), FORMAT)
    TitleWordsFile.model_validate_json(text)  # the run-time loader accepts what we write
    return text


def summary(text: str) -> str:
    data = TitleWordsFile.model_validate_json(text)
    count = sum(len(getattr(data, name)) for name in LISTS)
    return f"{count} words; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, (__doc__ or "").split("\n")[0], title_words_schema.BUILT)
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        text = build()
        return text, summary(text)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

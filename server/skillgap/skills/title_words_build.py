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

from skillgap.datafiles import build_main, build_word_lists
from skillgap.skills import title_words_schema
from skillgap.skills.title_words_schema import FORMAT, LISTS, TitleWordsFile

log = logging.getLogger("skillgap.skills.title_words_build")

PROG: Final = "python -m skillgap.skills.title_words_build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = title_words_schema.load(source_path if source_path is not None else title_words_schema.SOURCE)
    return build_word_lists(source, title_words_schema.check_words(source.data), FORMAT, TitleWordsFile)


def summary(text: str) -> str:
    data = TitleWordsFile.model_validate_json(text)
    count = sum(len(getattr(data, name)) for name in LISTS)
    return f"{count} words; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(
        argv, prog=PROG, doc=__doc__, default_out=title_words_schema.BUILT, build=build, summary=summary, log=log
    )


if __name__ == "__main__":
    raise SystemExit(main())

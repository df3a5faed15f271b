"""Validate the words of resume dates and write `skillgap/skills/data/date_words.json`.

    python -m skillgap.skills.date_words_build [--out PATH] [--check]

The source is `data/date_words.yaml`, validated against `date_words_schema.py` (its structure, with the file and
line of each problem), then by `check_words` (no phrase twice, none both a present word and a range word).
`version` is a hash of the content. `--check` writes nothing and exits 1 when the committed file is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from skillgap.datafiles import build_main, build_word_lists
from skillgap.skills import date_words_schema
from skillgap.skills.date_words_schema import FORMAT, LISTS, DateWordsFile

log = logging.getLogger("skillgap.skills.date_words_build")

PROG: Final = "python -m skillgap.skills.date_words_build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = date_words_schema.load(source_path if source_path is not None else date_words_schema.SOURCE)
    return build_word_lists(source, date_words_schema.check_words(source.data), FORMAT, DateWordsFile)


def summary(text: str) -> str:
    data = DateWordsFile.model_validate_json(text)
    count = sum(len(getattr(data, name)) for name in LISTS)
    return f"{count} phrases; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(
        argv, prog=PROG, doc=__doc__, default_out=date_words_schema.BUILT, build=build, summary=summary, log=log
    )


if __name__ == "__main__":
    raise SystemExit(main())

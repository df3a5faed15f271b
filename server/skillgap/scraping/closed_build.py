"""Validate the words by which a job page says its posting is closed and write
`skillgap/scraping/data/closed_words.json`.

    python -m skillgap.scraping.closed_build [--out PATH] [--check]

The source is `data/closed_words.yaml`, validated against `closed_words_schema.py` (its structure, with the file and
line of each problem), then by `check_words` (no phrase twice in one list). `version` is a hash of the content.
`--check` writes nothing and exits 1 when the committed file is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from skillgap.datafiles import build_main, build_word_lists
from skillgap.scraping import closed_words_schema
from skillgap.scraping.closed_words_schema import FORMAT, LISTS, ClosedWordsFile

log = logging.getLogger("skillgap.scraping.closed_build")

PROG: Final = "python -m skillgap.scraping.closed_build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = closed_words_schema.load(source_path if source_path is not None else closed_words_schema.SOURCE)
    return build_word_lists(source, closed_words_schema.check_words(source.data), FORMAT, ClosedWordsFile)


def summary(text: str) -> str:
    data = ClosedWordsFile.model_validate_json(text)
    return f"{sum(len(getattr(data, name)) for name in LISTS)} phrases; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(
        argv, prog=PROG, doc=__doc__, default_out=closed_words_schema.BUILT, build=build, summary=summary, log=log
    )


if __name__ == "__main__":
    raise SystemExit(main())

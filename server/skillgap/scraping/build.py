"""Validate the words of "Who is hiring?" headers and write `skillgap/scraping/data/hn_words.json`.

    python -m skillgap.scraping.build [--out PATH] [--check]

The source is `data/hn_words.yaml`, validated against `hn_words_schema.py` (its structure, with the file and line of
each problem), then by `check_words` (no word twice in one list, no currency code or symbol twice). The output
keeps the source's order (it matters where two entries start alike); `version` is a hash of the content. `--check`
writes nothing and exits 1 when the committed file is stale. (The ATS signatures of company discovery have their
own build, `python -m skillgap.scraping.discovery.build`, and so have the words of closed job pages,
`python -m skillgap.scraping.closed_build`.)
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from skillgap.datafiles import build_main, build_word_lists
from skillgap.scraping import hn_words_schema
from skillgap.scraping.hn_words_schema import FORMAT, HnWordsFile

log = logging.getLogger("skillgap.scraping.build")

PROG: Final = "python -m skillgap.scraping.build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = hn_words_schema.load(source_path if source_path is not None else hn_words_schema.SOURCE)
    return build_word_lists(source, hn_words_schema.check_words(source.data), FORMAT, HnWordsFile)


def summary(text: str) -> str:
    data = HnWordsFile.model_validate_json(text)
    lists = list(hn_words_schema.word_lists(data))
    return f"{len(lists)} word lists, {sum(len(words) for _, words in lists)} words; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(
        argv, prog=PROG, doc=__doc__, default_out=hn_words_schema.BUILT, build=build, summary=summary, log=log
    )


if __name__ == "__main__":
    raise SystemExit(main())

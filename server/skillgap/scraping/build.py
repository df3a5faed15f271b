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

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import DataFileError, build_arguments, content_version, run_build
from skillgap.scraping import hn_words_schema
from skillgap.scraping.hn_words_schema import FORMAT, HnWordsFile

log = logging.getLogger("skillgap.scraping.build")

PROG: Final = "python -m skillgap.scraping.build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = hn_words_schema.load(source_path if source_path is not None else hn_words_schema.SOURCE)
    problems = [f"{source.at(*loc)}: {why}" for loc, why in hn_words_schema.check_words(source.data)]
    if problems:
        raise DataFileError(problems)
    text = word_lists_json(source.data.model_dump(mode="json"), FORMAT)
    HnWordsFile.model_validate_json(text)  # the run-time loader accepts what we write
    return text


def word_lists_json(body: dict[str, Any], format_: int) -> str:
    """The built file of a source made of word lists (this one, `closed_build`'s): one list per line, a reviewable
    diff still compact; with the format and `version`, a hash of the content."""
    document = {**body, "format": format_, "version": content_version(body)}
    lines = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in document.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def summary(text: str) -> str:
    data = HnWordsFile.model_validate_json(text)
    lists = list(hn_words_schema.word_lists(data))
    return f"{len(lists)} word lists, {sum(len(words) for _, words in lists)} words; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, (__doc__ or "").split("\n")[0], hn_words_schema.BUILT)
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        text = build()
        return text, summary(text)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

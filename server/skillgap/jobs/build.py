"""Validate the words role keys drop from company names and write `skillgap/jobs/data/company_words.json`.

    python -m skillgap.jobs.build [--out PATH] [--check]

The source is `data/company_words.yaml`, validated against `company_words_schema.py` (its structure, with the file
and line of each problem), then by `check_words` (no word twice). `version` is a hash of the content. `--check`
writes nothing and exits 1 when the committed file is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from skillgap.datafiles import build_main, build_word_lists
from skillgap.jobs import company_words_schema
from skillgap.jobs.company_words_schema import FORMAT, CompanyWordsFile

log = logging.getLogger("skillgap.jobs.build")

PROG: Final = "python -m skillgap.jobs.build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = company_words_schema.load(source_path if source_path is not None else company_words_schema.SOURCE)
    return build_word_lists(source, company_words_schema.check_words(source.data), FORMAT, CompanyWordsFile)


def summary(text: str) -> str:
    data = CompanyWordsFile.model_validate_json(text)
    count = len(data.leading) + len(data.legal_forms) + len(data.site_words)
    return f"{count} words; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(
        argv, prog=PROG, doc=__doc__, default_out=company_words_schema.BUILT, build=build, summary=summary, log=log
    )


if __name__ == "__main__":
    raise SystemExit(main())

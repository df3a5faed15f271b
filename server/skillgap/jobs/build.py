"""Validate the words role keys drop from company names and write `skillgap/jobs/data/company_words.json`.

    python -m skillgap.jobs.build [--out PATH] [--check]

The source is `data/company_words.yaml`, validated against `company_words_schema.py` (its structure, with the file
and line of each problem), then by `check_words` (no word twice). `version` is a hash of the content. `--check`
writes nothing and exits 1 when the committed file is stale.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import DataFileError, build_arguments, content_version, run_build
from skillgap.jobs import company_words_schema
from skillgap.jobs.company_words_schema import FORMAT, CompanyWordsFile

log = logging.getLogger("skillgap.jobs.build")

PROG: Final = "python -m skillgap.jobs.build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = company_words_schema.load(source_path if source_path is not None else company_words_schema.SOURCE)
    problems = [f"{source.at(*loc)}: {why}" for loc, why in company_words_schema.check_words(source.data)]
    if problems:
        raise DataFileError(problems)
    text = word_lists_json(source.data.model_dump(mode="json"), FORMAT)
    CompanyWordsFile.model_validate_json(text)  # the run-time loader accepts what we write
    return text


def word_lists_json(body: dict[str, Any], format_: int) -> str:
    """The built file of a source made of word lists: one list per line (a reviewable diff, still compact), with
    the format and a hash of the content."""
    document = {**body, "format": format_, "version": content_version(body)}
    lines = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in document.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def summary(text: str) -> str:
    data = CompanyWordsFile.model_validate_json(text)
    count = len(data.leading) + len(data.legal_forms) + len(data.site_words)
    return f"{count} words; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, (__doc__ or "").split("\n")[0], company_words_schema.BUILT)
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        text = build()
        return text, summary(text)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

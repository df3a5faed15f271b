"""Validate the grader's answer signals and write `skillgap/interview/data/answer_signals.json`.

    python -m skillgap.interview.signals_build [--out PATH] [--check]

The source is `data/answer_signals.yaml`, validated against `signals_schema.py` (its structure, with the file and
line of each problem), then each pattern: it compiles and does not match an empty string. The output keeps the
source's order; `version` is a hash of the content. `--check` writes nothing and exits 1 when the committed file
is stale.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import DataFileError, build_arguments, content_version, run_build
from skillgap.interview import signals_schema
from skillgap.interview.signals_schema import FORMAT, SignalsFile

log = logging.getLogger("skillgap.interview.signals_build")

PROG: Final = "python -m skillgap.interview.signals_build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = signals_schema.load(source_path if source_path is not None else signals_schema.SOURCE)
    problems = [f"{source.at(*loc)}: {why}" for loc, why in signals_schema.check_patterns(source.data)]
    if problems:
        raise DataFileError(problems)
    body: dict[str, Any] = source.data.model_dump(mode="json")
    document = {**body, "format": FORMAT, "version": content_version(body)}
    # One section per line: a reviewable diff, still compact.
    lines = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in document.items()]
    text = "{\n" + ",\n".join(lines) + "\n}\n"
    SignalsFile.model_validate_json(text)  # the run-time loader accepts what we write
    return text


def summary(text: str) -> str:
    data = SignalsFile.model_validate_json(text)
    patterns = sum(1 for _ in signals_schema.pattern_fields(data))
    return f"{patterns} patterns, {len(data.function_words.words)} function words; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, (__doc__ or "").split("\n")[0], signals_schema.BUILT)
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        text = build()
        return text, summary(text)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

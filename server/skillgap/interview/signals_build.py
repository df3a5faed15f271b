"""Validate the grader's answer signals and write `skillgap/interview/data/answer_signals.json`.

    python -m skillgap.interview.signals_build [--out PATH] [--check]

The source is `data/answer_signals.yaml`, validated against `signals_schema.py` (its structure, with the file and
line of each problem), then each pattern: it compiles and does not match an empty string. The output keeps the
source's order; `version` is a hash of the content. `--check` writes nothing and exits 1 when the committed file
is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from skillgap.datafiles import build_main, build_word_lists
from skillgap.interview import signals_schema
from skillgap.interview.signals_schema import FORMAT, SignalsFile

log = logging.getLogger("skillgap.interview.signals_build")

PROG: Final = "python -m skillgap.interview.signals_build"


def build(source_path: Path | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = signals_schema.load(source_path if source_path is not None else signals_schema.SOURCE)
    return build_word_lists(source, signals_schema.check_patterns(source.data), FORMAT, SignalsFile)


def summary(text: str) -> str:
    data = SignalsFile.model_validate_json(text)
    patterns = sum(1 for _ in signals_schema.pattern_fields(data))
    return f"{patterns} patterns, {len(data.function_words.words)} function words; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(
        argv, prog=PROG, doc=__doc__, default_out=signals_schema.BUILT, build=build, summary=summary, log=log
    )


if __name__ == "__main__":
    raise SystemExit(main())

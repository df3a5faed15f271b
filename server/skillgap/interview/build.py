"""Validate the interview question bank and write `skillgap/interview/data/questions.json`.

    python -m skillgap.interview.build [--out PATH] [--check]

The source is `data/questions.yaml`, validated against `questions_schema.py` (its structure), then each question by
`BankQuestion` (3-5 rubric points, known placeholders only, trimmed lower-case keywords), then the bank as a
whole: keys are unique and every skill id exists in the taxonomy. Each problem names the file and line of its
question.

The output keeps the source's order (the planner prefers earlier questions), one question per line, every field
written out (shared follow-ups and points expanded); `version` is a hash of the content. `--check` writes nothing
and exits 1 when the committed file is stale.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import (
    DataFileError,
    build_arguments,
    content_version,
    render_json,
    run_build,
)
from skillgap.interview import questions_schema
from skillgap.interview.bank import QuestionBank
from skillgap.interview.questions_schema import FORMAT, QuestionsFile
from skillgap.skills.taxonomy import Taxonomy

log = logging.getLogger("skillgap.interview.build")

PROG: Final = "python -m skillgap.interview.build"


def build(source_path: Path | None = None, taxonomy: Taxonomy | None = None) -> str:
    """The json text for the source at `source_path` (default: the committed one); raises DataFileError listing
    every problem."""
    source = questions_schema.load(source_path if source_path is not None else questions_schema.SOURCE)
    taxonomy = taxonomy if taxonomy is not None else Taxonomy.load()
    problems: list[str] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(source.data.questions):
        at = source.at("questions", index)
        try:
            questions_schema.to_question(entry)
        except ValueError as exc:
            problems.append(f"{at}: {exc}")
        if entry.key in seen:
            first = source.line("questions", seen[entry.key])
            problems.append(f"{at}: question key {entry.key!r} is already used on line {first}")
        seen.setdefault(entry.key, index)
        for position, skill_id in enumerate(entry.skills):
            if taxonomy.get(skill_id) is None:
                where = source.at("questions", index, "skills", position)
                problems.append(f"{where}: question {entry.key!r}: {skill_id!r} is not a skill id in the taxonomy")
    if problems:
        raise DataFileError(problems)
    body: dict[str, Any] = {
        "format": FORMAT,
        "questions": [entry.model_dump(mode="json") for entry in source.data.questions],
    }
    document = {"format": FORMAT, "version": content_version(body), "questions": body["questions"]}
    text = render_json(document, "questions")
    # The run-time loader accepts what we write.
    QuestionBank(questions_schema.to_question(q) for q in QuestionsFile.model_validate_json(text).questions)
    return text


def summary(text: str) -> str:
    data = json.loads(text)
    questions: list[dict[str, Any]] = data["questions"]
    kinds = Counter(q["kind"] for q in questions)
    skills = {s for q in questions for s in q["skills"]}
    return (
        f"{len(questions)} questions ({', '.join(f'{kind} {n}' for kind, n in sorted(kinds.items()))}), "
        f"{len(skills)} skills with questions of their own; version {data['version']}"
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, __doc__.split("\n")[0], questions_schema.BUILT)
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        text = build()
        return text, summary(text)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

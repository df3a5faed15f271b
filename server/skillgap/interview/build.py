"""Validate the interview question bank and write `skillgap/interview/data/questions.json`.

    python -m skillgap.interview.build [--out PATH] [--check] [--check-coverage]

The sources are every `data/questions/*.yaml` file, read in name order (`core.yaml`, then the skill files), each
validated against `questions_schema.py` (its structure), then each question by `BankQuestion` (3-5 rubric
points each with its own follow-up, known placeholders only, `skills` / `kinds` / `families` rules, trimmed
lower-case keywords), then the bank as a whole: keys are unique across the files, every skill id exists in the
taxonomy, and no wording breaks a phrase rule of `data/sentence_rules.yaml` (itself validated here, schema
`sentence_rules.py`) for a kind the question may be asked about. Each problem names the file and line of its
question; all of them are reported at once.

The output keeps the source order (the planner prefers earlier questions), one question per line, every field
written out (shared values expanded), plus the task verbs of the sentence rules; `version` is a hash of the
content. `--check` writes nothing and exits 1 when the committed file is stale.

`--check-coverage` exits 1 unless each of the most demanded skills (`data/demand.json`, written by
`python -m skillgap.interview.demand`) has at least two questions of its own at two different difficulties,
listing every skill that falls short.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import (
    BuildFailed,
    DataFileError,
    build_arguments,
    content_version,
    render_json,
    run_build,
)
from skillgap.interview import questions_schema, sentence_rules
from skillgap.interview.bank import SKILL, BankQuestion, QuestionBank, kind_fits
from skillgap.interview.demand import DemandFile, load_demand
from skillgap.interview.questions_schema import FORMAT, QuestionsFile
from skillgap.interview.sentence_rules import SentenceRules
from skillgap.skills.models import KIND_OF_SUBKIND, SkillSubkind
from skillgap.skills.taxonomy import Taxonomy

__all__ = ["bank_of", "build", "coverage_problems", "main", "misfits"]

log = logging.getLogger("skillgap.interview.build")

PROG: Final = "python -m skillgap.interview.build"

# What the bank owes each of the most demanded skills: questions of its own, at different difficulties (so
# the interview can go up or down a level on it).
COVERAGE_QUESTIONS: Final = 2
COVERAGE_DIFFICULTIES: Final = 2


def build(source_dir: Path | None = None, taxonomy: Taxonomy | None = None, rules_path: Path | None = None) -> str:
    """The json text for the sources in `source_dir` (default: the committed ones); raises DataFileError listing
    every problem."""
    taxonomy = taxonomy if taxonomy is not None else Taxonomy.load()
    problems: list[str] = []
    rules: SentenceRules | None = None
    try:
        rules_source = sentence_rules.load(rules_path if rules_path is not None else sentence_rules.SOURCE)
        problems.extend(sentence_rules.problems(rules_source))
        rules = rules_source.data
    except DataFileError as exc:
        problems.extend(exc.problems)
    try:
        sources = questions_schema.load_all(source_dir if source_dir is not None else questions_schema.SOURCE_DIR)
    except DataFileError as exc:
        raise DataFileError([*problems, *exc.problems]) from exc
    seen: dict[str, str] = {}
    entries = []
    for source in sources:
        for index, entry in enumerate(source.data.questions):
            at = source.at("questions", index)
            entries.append(entry)
            question: BankQuestion | None = None
            try:
                question = questions_schema.to_question(entry)
            except ValueError as exc:
                problems.append(f"{at}: {exc}")
            if entry.key in seen:
                problems.append(f"{at}: question key {entry.key!r} is already used at {seen[entry.key]}")
            seen.setdefault(entry.key, at)
            for position, skill_id in enumerate(entry.skills):
                if taxonomy.get(skill_id) is None:
                    where = source.at("questions", index, "skills", position)
                    problems.append(f"{where}: question {entry.key!r}: {skill_id!r} is not a skill id in the taxonomy")
            if question is not None and rules is not None:
                problems.extend(f"{at}: {problem}" for problem in misfits(question, rules, taxonomy))
    if problems or rules is None:
        raise DataFileError(problems)
    questions = [entry.model_dump(mode="json") for entry in entries]
    body: dict[str, Any] = {"format": FORMAT, "task_verbs": list(rules.task_verbs), "questions": questions}
    document = {"format": FORMAT, "version": content_version(body), **body}
    text = render_json(document, "questions")
    bank_of(text)  # the run-time loader accepts what we write
    return text


def misfits(question: BankQuestion, rules: SentenceRules, taxonomy: Taxonomy) -> list[str]:
    """The phrase rules a question breaks for a kind it may be asked about: each subkind (and none) of a
    template's declared kinds that its `subkinds` let in, or the kind of each skill it names (a phrase with that
    skill's name in it)."""
    fields = {"text": question.text, "model answer": question.model_answer}
    fields.update({f"point {n} follow-up": p.follow_up for n, p in enumerate(question.points, 1)})
    subjects = [
        (SKILL, kind, subkind)
        for kind in question.kinds
        for subkind in SkillSubkind
        if KIND_OF_SUBKIND.get(subkind, kind) is kind and kind_fits(kind, subkind, question.kinds, question.subkinds)
    ]
    for skill_id in question.skills:
        entry = taxonomy.get(skill_id)
        if entry is not None:
            subjects.append((entry.name, entry.kind, entry.subkind))
    found: list[str] = []
    for field, template in fields.items():
        for name, kind, subkind in subjects:
            text = template if name == SKILL else template.replace(SKILL, name)
            for rule in rules.misfits(text, skill=name, kind=kind, subkind=subkind):
                about = name if name != SKILL else "a declared kind"
                found.append(
                    f"question {question.key!r}: the {field} says {rule.phrase!r}, which fits {rule.fits}, not "
                    f"{sentence_rules.kind_name(kind, subkind)} ({about}): {rule.why}"
                )
    return found


def bank_of(text: str) -> QuestionBank:
    """The bank a built json text holds, as the product loads it."""
    built = QuestionsFile.model_validate_json(text)
    return QuestionBank((questions_schema.to_question(q) for q in built.questions), task_verbs=built.task_verbs)


def coverage_problems(bank: QuestionBank, demand: DemandFile) -> list[str]:
    """One line per demanded skill with fewer than two questions of its own at two different difficulties."""
    difficulties: dict[str, Counter[str]] = defaultdict(Counter)
    for question in bank:
        for skill_id in question.skills:
            difficulties[skill_id][question.difficulty] += 1
    short: list[str] = []
    for rank, skill in enumerate(demand.skills, 1):
        have = difficulties.get(skill.skill_id, Counter())
        if sum(have.values()) >= COVERAGE_QUESTIONS and len(have) >= COVERAGE_DIFFICULTIES:
            continue
        shown = ", ".join(f"{n} {level}" for level, n in sorted(have.items())) or "none"
        short.append(f"#{rank} {skill.skill_id} ({skill.name}, {skill.kind}, {skill.documents} documents): {shown}")
    if not short:
        return []
    return [
        f"{len(short)} of the {len(demand.skills)} most demanded skills lack {COVERAGE_QUESTIONS} questions of "
        f"their own at {COVERAGE_DIFFICULTIES} difficulties (questions they have now):",
        *(f"  {line}" for line in short),
    ]


def summary(text: str) -> str:
    data = json.loads(text)
    questions: list[dict[str, Any]] = data["questions"]
    kinds = Counter(q["kind"] for q in questions)
    skills = {s for q in questions for s in q["skills"]}
    templates = sum(1 for q in questions if q["kinds"])
    return (
        f"{len(questions)} questions ({', '.join(f'{kind} {n}' for kind, n in sorted(kinds.items()))}), "
        f"{len(skills)} skills with questions of their own, {templates} templates by kind; "
        f"version {data['version']}"
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, __doc__.split("\n")[0], questions_schema.BUILT)
    parser.add_argument(
        "--check-coverage",
        action="store_true",
        help="also exit 1 unless each skill of data/demand.json has 2 questions of its own at 2 difficulties",
    )
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        text = build()
        if args.check_coverage:
            problems = coverage_problems(bank_of(text), load_demand())
            if problems:
                raise BuildFailed("\n".join(problems))
        return text, summary(text)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

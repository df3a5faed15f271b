"""The question bank as data: the `data/questions/*.yaml` files fit their schema, `data/questions.json` is what a
build writes (`python -m skillgap.interview.build --check`), a bad question is reported with its file and line,
and `--check-coverage` names every demanded skill the bank falls short on."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError, display_path
from skillgap.interview import questions_schema
from skillgap.interview.bank import QuestionBank
from skillgap.interview.build import bank_of, build, coverage_problems, main
from skillgap.interview.demand import DemandFile, load_demand

CORE = questions_schema.SOURCE_DIR / "core.yaml"
CORE_TEXT = CORE.read_text(encoding="utf-8")


def test_the_sources_fit_their_schema_and_make_the_bank_in_file_order() -> None:
    sources = questions_schema.load_all()
    assert sources[0].path.name == "core.yaml"
    assert [s.path.name for s in sources] == sorted(s.path.name for s in sources)
    keys = [q.key for source in sources for q in source.data.questions]
    assert keys == [q.key for q in QuestionBank.load()]
    entries = [entry for source in sources for entry in source.data.questions]
    assert tuple(questions_schema.to_question(entry) for entry in entries) == tuple(QuestionBank.load())


def test_the_committed_json_is_current(tmp_path: Path) -> None:
    assert main(["--check"]) == 0
    out = tmp_path / "questions.json"
    assert main(["--out", str(out)]) == 0
    committed = resources.files("skillgap.interview").joinpath("data", "questions.json").read_bytes()
    assert out.read_bytes() == committed, "questions.json is stale: run python -m skillgap.interview.build"
    assert build().encode() == committed  # deterministic
    out.write_text("{}", encoding="utf-8")
    assert main(["--out", str(out), "--check"]) == 1


def _sources(tmp_path: Path, old: str = "", new: str = "", **extra: str) -> Path:
    """A source folder with core.yaml (with `old` replaced by `new`) and the `extra` files given."""
    folder = tmp_path / "questions"
    folder.mkdir(exist_ok=True)
    assert old in CORE_TEXT, old
    (folder / "core.yaml").write_text(CORE_TEXT.replace(old, new, 1) if old else CORE_TEXT, encoding="utf-8")
    for name, text in extra.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _line(path: Path, text: str, after: int = 0) -> int:
    """The line of the first occurrence of `text` in `path` after line `after`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and text in line)


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        build(folder)
    return caught.value.problems


def test_a_rubric_point_without_a_follow_up_names_the_file_and_its_line(tmp_path: Path) -> None:
    follow_up = "        follow_up: What would you see if you called add twice without passing items?\n"
    folder = _sources(tmp_path, follow_up, "")
    path = folder / "core.yaml"
    line = _line(path, "- point: Says that every call without the argument shares")
    assert _problems(folder) == [
        f"{display_path(path)}:{line}: questions #1 (python.mutable-default) > points #2 > follow_up: Field required"
    ]


def test_rules_of_the_bank_name_the_line_of_their_question(tmp_path: Path) -> None:
    # An unknown placeholder, caught by BankQuestion after the schema: the question's line.
    folder = _sources(tmp_path, "follow_up: When exactly does Python", "follow_up: When exactly does {missed}")
    path = folder / "core.yaml"
    [problem] = _problems(folder)
    line = _line(path, "- key: python.mutable-default")
    assert problem == (
        f"{display_path(path)}:{line}: question 'python.mutable-default': point 1 uses unknown placeholder(s) "
        "['missed']"
    )

    # A skill the taxonomy does not know: the line of that skill.
    folder = _sources(tmp_path, "    skills: [python]\n", "    skills: [pythn]\n")
    assert _problems(folder) == [
        f"{display_path(path)}:{_line(path, 'skills: [pythn]')}: question 'python.mutable-default': 'pythn' is not a "
        "skill id in the taxonomy"
    ]


def test_a_key_used_in_two_files_names_both_places(tmp_path: Path) -> None:
    second = (
        "questions:\n"
        "  - key: python.gil-concurrency\n"
        "    kind: technical\n"
        "    difficulty: hard\n"
        "    skills: [python]\n"
        "    text: In Python, what does the GIL protect?\n"
        "    points:\n"
        "      - {point: Names refcounts, keywords: [refcount], follow_up: What would break without it?}\n"
        "      - {point: Names memory safety, keywords: [memory], follow_up: Which C objects does it guard?}\n"
        "      - {point: Names the cost, keywords: [cost], follow_up: What does it cost a CPU-bound program?}\n"
        "    model_answer: It protects the interpreter's own state, such as reference counts.\n"
    )
    folder = _sources(tmp_path, **{"skills-zz.yaml": second})
    core, other = folder / "core.yaml", folder / "skills-zz.yaml"
    assert _problems(folder) == [
        f"{display_path(other)}:2: question key 'python.gil-concurrency' is already used at "
        f"{display_path(core)}:{_line(core, '- key: python.gil-concurrency')}"
    ]


def test_a_template_whose_wording_does_not_fit_a_kind_it_declares_is_refused(tmp_path: Path) -> None:
    written = "    kinds: [language]\n    subkinds: [programming]\n    text: A service written in {skill}"
    folder = _sources(tmp_path, written, written.replace("[language]", "[language, query_language]"))
    problems = _problems(folder)
    assert problems and all("'generic.language.performance': the text says " in p for p in problems)
    assert "'written in {skill}', which fits language, not query_language" in problems[0]
    assert all("query_language" in problem for problem in problems)


def test_a_template_for_every_language_that_only_programs_fit_is_refused(tmp_path: Path) -> None:
    # Without its subkinds, "a service written in {skill}" would be asked about HTML and CSS.
    written = "    kinds: [language]\n    subkinds: [programming]\n    text: A service written in {skill}"
    (tmp_path / "all").mkdir()
    (tmp_path / "cloud").mkdir()
    folder = _sources(tmp_path / "all", written, written.replace("    subkinds: [programming]\n", ""))
    problems = _problems(folder)
    fits = "the text says 'service written in {skill}', which fits language (programming), not"
    assert any(f"{fits} language (markup)" in problem for problem in problems), problems
    assert any(f"{fits} language (stylesheet)" in problem for problem in problems), problems
    # A subkind of a kind the template does not declare.
    folder = _sources(tmp_path / "cloud", written, written.replace("[programming]", "[programming, cloud]"))
    [problem] = _problems(folder)
    assert problem.endswith(
        "question 'generic.language.performance': subkind 'cloud' refines 'platform', which is not among the kinds"
    )


def test_main_reports_a_bad_source_with_its_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _sources(tmp_path, "    difficulty: easy\n", "    difficulty: trivial\n")
    monkeypatch.setattr(questions_schema, "SOURCE_DIR", folder)
    out = tmp_path / "questions.json"
    caplog.clear()
    assert main(["--out", str(out)]) == 1
    assert not out.exists()
    path = folder / "core.yaml"
    assert "python -m skillgap.interview.build: 1 problem(s):" in caplog.text
    assert (
        f"  - {display_path(path)}:{_line(path, 'difficulty: trivial')}: questions #1 (python.mutable-default) > "
        "difficulty: Input should be 'easy', 'medium' or 'hard'" in caplog.text
    )


def test_the_coverage_check_names_every_skill_that_falls_short_at_once(tmp_path: Path) -> None:
    bank = bank_of(build(_sources(tmp_path)))  # core.yaml alone
    demand = DemandFile.model_validate(
        {
            "format": 1,
            "version": "test",
            "sources": [{"name": "postings", "documents": 3, "credit": "test"}],
            "skills": [
                {"skill_id": "python", "name": "Python", "kind": "language", "documents": 3, "by_source": {}},
                {"skill_id": "agile", "name": "Agile", "kind": "practice", "documents": 2, "by_source": {}},
                {"skill_id": "rust", "name": "Rust", "kind": "language", "documents": 1, "by_source": {}},
            ],
        }
    )
    problems = coverage_problems(bank, demand)
    assert problems[0].startswith("2 of the 3 most demanded skills lack 2 questions of their own at 2 difficulties")
    assert problems[1:] == [
        "  #2 agile (Agile, practice, 2 documents): none",
        "  #3 rust (Rust, language, 1 documents): none",
    ]


def test_the_demand_ranking_is_what_the_product_reads_from_real_postings() -> None:
    demand = load_demand()
    assert len(demand.skills) == 150
    counts = [skill.documents for skill in demand.skills]
    assert counts == sorted(counts, reverse=True)
    assert {"java", "python", "aws", "sql"} <= {skill.skill_id for skill in demand.skills}
    assert not {skill.kind for skill in demand.skills} & {"human_language", "certification"}
    assert {source.name for source in demand.sources} == {"postings", "skillspan", "green"}


def test_the_bank_covers_the_most_demanded_skills() -> None:
    assert coverage_problems(QuestionBank.load(), load_demand()) == []


def test_an_empty_source_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "none"
    folder.mkdir()
    assert _problems(folder) == [f"{display_path(folder)}: no question files (*.yaml)"]

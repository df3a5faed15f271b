"""The question bank as data: `data/questions.yaml` fits its schema, `data/questions.json` is what a build writes
(`python -m skillgap.interview.build --check`), and a bad question is reported with its file and line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError, display_path
from skillgap.interview import questions_schema
from skillgap.interview.bank import QuestionBank
from skillgap.interview.build import build, main

SOURCE_TEXT = questions_schema.SOURCE.read_text(encoding="utf-8")


def test_the_source_fits_its_schema() -> None:
    source = questions_schema.load()
    assert len(source.data.questions) == len(QuestionBank.load())
    assert [q.key for q in source.data.questions] == [q.key for q in QuestionBank.load()]


def test_the_committed_json_is_current(tmp_path: Path) -> None:
    assert main(["--check"]) == 0
    out = tmp_path / "questions.json"
    assert main(["--out", str(out)]) == 0
    committed = resources.files("skillgap.interview").joinpath("data", "questions.json").read_bytes()
    assert out.read_bytes() == committed, "questions.json is stale: run python -m skillgap.interview.build"
    assert build().encode() == committed  # deterministic
    out.write_text("{}", encoding="utf-8")
    assert main(["--out", str(out), "--check"]) == 1


def test_the_bank_loads_exactly_what_the_source_says() -> None:
    source = questions_schema.load().data
    assert tuple(questions_schema.to_question(entry) for entry in source.questions) == tuple(QuestionBank.load())


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in SOURCE_TEXT, old
    path = tmp_path / "questions.yaml"
    path.write_text(SOURCE_TEXT.replace(old, new, 1), encoding="utf-8")
    return path


def _line(path: Path, text: str, after: int = 0) -> int:
    """The line of the first occurrence of `text` in `path` after line `after`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and text in line)


def _problems(path: Path) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        build(path)
    return caught.value.problems


def test_a_rubric_point_without_keywords_names_the_file_and_its_line(tmp_path: Path) -> None:
    path = _broken(
        tmp_path,
        "      - point: The same list is shared and mutated across calls\n"
        "        keywords: [shared, same list, persists, accumulates, mutated]\n",
        "      - point: The same list is shared and mutated across calls\n",
    )
    line = _line(path, "- point: The same list is shared")
    assert _problems(path) == [
        f"{display_path(path)}:{line}: questions #1 (python.mutable-default) > points #2 > keywords: Field required"
    ]


def test_rules_of_the_bank_name_the_line_of_their_question(tmp_path: Path) -> None:
    shown = display_path(tmp_path / "questions.yaml")
    # An unknown placeholder, caught by BankQuestion after the schema: the question's line.
    path = _broken(tmp_path, "follow_up: You did not mention {missed}.", "follow_up: You did not mention {gap}.")
    [problem] = _problems(path)
    line = _line(path, "- key: python.mutable-default")
    assert problem == (
        f"{shown}:{line}: question 'python.mutable-default': follow-up uses unknown placeholder(s) ['gap']"
    )

    # A key used twice: the second one's line, naming the first.
    path = _broken(tmp_path, "  - key: python.gil-concurrency\n", "  - key: python.mutable-default\n")
    first = _line(path, "- key: python.mutable-default")
    second = _line(path, "- key: python.mutable-default", after=first)
    assert _problems(path) == [
        f"{shown}:{second}: question key 'python.mutable-default' is already used on line {first}"
    ]

    # A skill the taxonomy does not know: the line of that skill.
    path = _broken(tmp_path, "    skills: [python]\n", "    skills: [pythn]\n")
    assert _problems(path) == [
        f"{shown}:{_line(path, 'skills: [pythn]')}: question 'python.mutable-default': 'pythn' is not a skill id "
        "in the taxonomy"
    ]


def test_main_reports_a_bad_source_with_its_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = _broken(tmp_path, "    difficulty: easy\n", "    difficulty: trivial\n")
    monkeypatch.setattr(questions_schema, "SOURCE", path)
    out = tmp_path / "questions.json"
    caplog.clear()
    assert main(["--out", str(out)]) == 1
    assert not out.exists()
    line = _line(path, "difficulty: trivial")
    assert "python -m skillgap.interview.build: 1 problem(s):" in caplog.text
    assert (
        f"  - {display_path(path)}:{line}: questions #1 (python.mutable-default) > difficulty: Input should be "
        "'easy', 'medium' or 'hard'" in caplog.text
    )

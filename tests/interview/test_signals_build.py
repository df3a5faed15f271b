"""The grader's answer signals as data: `data/answer_signals.yaml` fits its schema, `data/answer_signals.json` is
what a build writes (`python -m skillgap.interview.signals_build --check`), and a bad pattern is reported with its
file and line."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError, display_path
from skillgap.interview import signals_schema
from skillgap.interview.answer_signals import AnswerSignals
from skillgap.interview.signals_build import build, main
from skillgap.interview.signals_schema import SignalsFile

SOURCE_TEXT = signals_schema.SOURCE.read_text(encoding="utf-8")


def test_the_committed_json_is_current(tmp_path: Path) -> None:
    assert main(["--check"]) == 0
    out = tmp_path / "answer_signals.json"
    assert main(["--out", str(out)]) == 0
    committed = resources.files("skillgap.interview").joinpath("data", "answer_signals.json").read_bytes()
    assert out.read_bytes() == committed, "answer_signals.json is stale: run python -m skillgap.interview.signals_build"
    assert build().encode() == committed  # deterministic
    out.write_text("{}", encoding="utf-8")
    assert main(["--out", str(out), "--check"]) == 1


def test_the_product_loads_what_the_source_says() -> None:
    built = SignalsFile.model_validate_json(build())
    assert built.model_dump(exclude={"version"}) == signals_schema.load().data.model_dump()
    assert AnswerSignals.load().version == built.version


def _problems(tmp_path: Path, old: str, new: str) -> tuple[list[str], int]:
    assert old in SOURCE_TEXT, old
    path = tmp_path / "answer_signals.yaml"
    text = SOURCE_TEXT.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if new.strip() in row)
    with pytest.raises(DataFileError) as caught:
        build(path)
    return caught.value.problems, line


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ('    - "downsides?"\n', '    - "downsides?("\n', "does not compile"),
        ('    - "overkill"\n', '    - "(?:overkill)?"\n', "matches an empty string"),
    ],
)
def test_a_bad_pattern_names_the_file_and_its_line(tmp_path: Path, old: str, new: str, why: str) -> None:
    problems, line = _problems(tmp_path, old, new)
    assert len(problems) == 1 and why in problems[0]
    assert problems[0].startswith(f"{display_path(tmp_path / 'answer_signals.yaml')}:{line}:"), problems


def test_a_misspelt_section_is_an_error(tmp_path: Path) -> None:
    problems, _ = _problems(tmp_path, "trade_offs:\n", "tradeoffs:\n")
    assert any("tradeoffs" in problem for problem in problems), problems

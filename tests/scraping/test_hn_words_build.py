"""The "Who is hiring?" header words' build (`python -m skillgap.scraping.build`): the committed json is fresh, and
a word that would not be read as the file says is refused with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError, display_path
from skillgap.scraping import build
from skillgap.scraping.hn_words_schema import SOURCE

WORDS_YAML = SOURCE.read_text(encoding="utf-8")


def test_the_committed_json_is_fresh() -> None:
    assert build.main(["--check"]) == 0


def test_a_stale_json_is_reported_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "hn_words.json"
    assert build.main(["--out", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace('"wfh", ', ""), encoding="utf-8")
    stale = out.read_text(encoding="utf-8")
    assert build.main(["--out", str(out), "--check"]) == 1
    assert out.read_text(encoding="utf-8") == stale


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "hn_words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build.build(path)
    return caught.value.problems


def _at(tmp_path: Path, text: str, needle: str) -> str:
    line = next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)
    return f"{display_path(tmp_path / 'hn_words.yaml')}:{line}"


def test_a_word_listed_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    text = WORDS_YAML.replace("remote: [remote, remotely, wfh,", "remote: [remote, remotely, wfh, remotely,")
    [problem] = problems(tmp_path, text)
    assert problem == f"{_at(tmp_path, text, 'remote: [remote')}: 'remotely' is listed twice (also #2)"


def test_an_unquoted_yes_and_an_upper_case_word_are_refused(tmp_path: Path) -> None:
    # YAML reads a bare `yes` as true: the word would silently be lost from the list.
    text = WORDS_YAML.replace("'yes', 'no',", "yes, 'no',").replace("[wk, week]", "[wk, Week]")
    found = problems(tmp_path, text)
    assert f"{_at(tmp_path, text, 'yes, ')}: workplace_filler #14: Input should be a valid string" in found
    assert any(p.startswith(_at(tmp_path, text, "[wk, Week]")) and "'Week' must be written in lower case" in p
               for p in found)  # fmt: skip


def test_a_currency_symbol_given_twice_is_refused(tmp_path: Path) -> None:
    text = WORDS_YAML.replace("  - code: GBP\n    symbols: ['£']", "  - code: GBP\n    symbols: ['$']")
    [problem] = problems(tmp_path, text)
    assert problem.endswith("'$' is given twice (also currencies #1)")

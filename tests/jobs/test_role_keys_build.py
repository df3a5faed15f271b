"""The company words' build (`python -m skillgap.jobs.build`): the committed json is fresh (a stale one fails here),
an edit reaches role keys only through the build, and a word that would never match is refused with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError, display_path
from skillgap.jobs import build
from skillgap.jobs.company_words_schema import BUILT, SOURCE

WORDS_YAML = SOURCE.read_text(encoding="utf-8")


def test_the_committed_json_is_fresh() -> None:
    assert build.main(["--check"]) == 0
    assert BUILT.read_text(encoding="utf-8") == build.build()


def test_a_stale_json_is_reported_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "company_words.json"
    assert build.main(["--out", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace('"gmbh", ', ""), encoding="utf-8")
    stale = out.read_text(encoding="utf-8")
    assert build.main(["--out", str(out), "--check"]) == 1
    assert out.read_text(encoding="utf-8") == stale


def test_a_source_edit_makes_the_committed_json_stale(tmp_path: Path) -> None:
    # What the freshness test guards: a word added to the yaml and not built is a different json.
    source = tmp_path / "company_words.yaml"
    source.write_text(WORDS_YAML.replace("site_words: [careers, jobs]", "site_words: [careers, jobs, hiring]"))
    assert build.build(source) != BUILT.read_text(encoding="utf-8")


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "company_words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        build.build(path)
    return caught.value.problems


def _at(tmp_path: Path, text: str, needle: str) -> str:
    line = next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)
    return f"{display_path(tmp_path / 'company_words.yaml')}:{line}"


def test_a_word_listed_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    text = WORDS_YAML.replace("site_words: [careers, jobs]", "site_words: [careers, jobs, gmbh]")
    [problem] = problems(tmp_path, text)
    assert problem == f"{_at(tmp_path, text, 'site_words:')}: 'gmbh' is listed twice (also in legal_forms)"


def test_a_word_that_would_never_match_is_refused(tmp_path: Path) -> None:
    # Names are casefolded and split at marks: "GmbH" and "inc." could never equal one of their words.
    text = WORDS_YAML.replace("  gmbh, ag,", "  GmbH, 'inc.', ag,")
    found = problems(tmp_path, text)
    assert len(found) == 2 and all(p.startswith(_at(tmp_path, text, "GmbH")) for p in found)
    assert any("'GmbH' must be written in lower case" in p for p in found)
    assert any("legal_forms #14" in p and "should match pattern" in p for p in found)

"""The words of resume dates (present, range and since words) as curated data: built, fresh, checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError
from skillgap.skills import date_words_build
from skillgap.skills.date_words_schema import BUILT


def test_the_committed_date_words_are_fresh() -> None:
    assert date_words_build.main(["--check"]) == 0
    assert BUILT.read_text(encoding="utf-8") == date_words_build.build()


def test_a_date_word_listed_as_present_and_as_a_range_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "date_words.yaml"
    path.write_text("format: 1\npresent: [present, till]\nrange_words: [to, till]\nsince: [since]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="listed twice"):
        date_words_build.build(path)

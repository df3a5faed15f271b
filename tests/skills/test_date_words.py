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


SOLAR_HIJRI = (
    "solar_hijri_months: [[farvardin], [ordibehesht], [khordad], [tir], [mordad], [shahrivar], [mehr], [aban], [azar],"
    " [dey], [bahman], [esfand]]\n"
)
MONTHS = "months: [[jan], [feb], [mar], [apr], [may], [jun], [jul], [aug], [sep], [oct], [nov], [dec]]\n" + SOLAR_HIJRI


def _source(
    tmp_path: Path,
    *,
    months: str = MONTHS,
    present: str = "present",
    range_words: str = "to",
    start_keys: str = "start",
    end_keys: str = "end",
) -> Path:
    """A date-words source of one word a list, but for the lists given."""
    path = tmp_path / "date_words.yaml"
    path.write_text(
        f"format: 1\n{months}present: [{present}]\nrange_words: [{range_words}]\nsince: [since]\nopeners: [du]\n"
        f"start_keys: [{start_keys}]\nend_keys: [{end_keys}]\none_date_keys: [year]\nduration_units: [year]\n"
        "duty_date_words: [between]\n",
        encoding="utf-8",
    )
    return path


def test_a_date_word_listed_as_present_and_as_a_range_word_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="listed twice"):
        date_words_build.build(_source(tmp_path, present="present, till", range_words="to, till"))


def test_a_month_name_under_two_months_is_refused(tmp_path: Path) -> None:
    # "set" is September in Italian and Portuguese: listing it under October too would make a date read either way.
    months = MONTHS.replace("[sep]", "[sep, set]").replace("[oct]", "[oct, set]")
    with pytest.raises(DataFileError, match=r"'set' is listed twice \(also in month 9\)"):
        date_words_build.build(_source(tmp_path, months=months))


def test_a_key_listed_as_start_and_as_end_is_refused(tmp_path: Path) -> None:
    # "van" (Dutch "from") as an end key too would read a job's start as its end.
    with pytest.raises(DataFileError, match=r"'van' is listed twice \(also in start_keys\)"):
        date_words_build.build(_source(tmp_path, start_keys="start, van", end_keys="end, van"))


def test_a_solar_hijri_month_named_as_a_gregorian_one_is_refused(tmp_path: Path) -> None:
    # A name of both calendars would read "Mar 1397" as March, or "Mar 2019" as a Solar Hijri month.
    months = MONTHS.replace("[tir]", "[tir, mar]")
    with pytest.raises(DataFileError, match=r"'mar' is also a month of the Gregorian calendar"):
        date_words_build.build(_source(tmp_path, months=months))

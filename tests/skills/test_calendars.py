"""Solar Hijri and Thai Buddhist-era dates read as the Gregorian dates they are (`skillgap.skills.calendars`)."""

from __future__ import annotations

import pytest

from skillgap.skills.calendars import gregorian


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("مهر ۱۳۹۷ – تاکنون", "10/2018  – تاکنون"),  # Mehr 1397: 23 Sep - 22 Oct 2018
        ("آذر ۱۳۹۴ – دی ۱۴۰۱", "12/2015  – 1/2023 "),  # Dey 1401: 22 Dec 2022 - 20 Jan 2023
        ("اردیبهشت ۱۴۰۰", "5/2021       "),
        ("از ۱۳۹۸ تا ۱۳۹۹", "از 2019 تا 2020"),  # bare years: the Gregorian year each begins in
        ("۱۳۹۷/۰۷", "2018/10"),
        ("۱۳۹۷/۷", "2018  "),  # "2018/10" would not fit: the year alone
        ("دي ۱۳۹۹", "1/2021 "),  # the Arabic letter ي
    ],
)
def test_a_solar_hijri_date_is_written_as_its_gregorian_month_or_year(written: str, read: str) -> None:
    assert gregorian(written) == read
    assert len(gregorian(written)) == len(written)  # offsets into the text hold


def test_other_numbers_stay_as_they_are() -> None:
    # Gregorian years in Persian or Arabic-Indic digits are only made ASCII; a year in ASCII digits is no Solar Hijri
    # year, nor is a number out of the calendar's years.
    assert gregorian("۲۰۱۹ - ٢٠٢١") == "2019 - 2021"
    assert gregorian("Room 1397, since ۱۹۹۸") == "Room 1397, since 1998"
    assert gregorian("مهر ۱۲۹۰") == "مهر 1290"
    text = "Software Engineer 2019 - 2021"
    assert gregorian(text) is text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("ตั้งแต่ปีพ.ศ.2563 จนถึงปัจจุบัน", "ตั้งแต่ปี    2020 จนถึงปัจจุบัน"),  # the era's mark blanked
        ("ตั้งแต่ปี พ.ศ. 2548 - 2557", "ตั้งแต่ปี      2005 - 2014"),
        ("มี.ค. ๒๕๖๒ - ปัจจุบัน", "มี.ค. 2019 - ปัจจุบัน"),  # Thai digits
        ("มี.ค. 2019 - ปัจจุบัน", "มี.ค. 2019 - ปัจจุบัน"),  # a Gregorian year stays
    ],
)
def test_a_buddhist_era_year_of_a_thai_text_is_written_as_its_gregorian_year(written: str, read: str) -> None:
    assert gregorian(written) == read
    assert len(gregorian(written)) == len(written)


def test_a_number_of_the_buddhist_years_in_a_text_with_no_thai_stays() -> None:
    assert gregorian("Room 2563, 2019 - 2021") == "Room 2563, 2019 - 2021"

"""A resume's dates of the Solar Hijri and the Thai Buddhist calendars written as the Gregorian dates they are, in
place.

Persian resumes date their jobs in the Solar Hijri calendar, with Persian digits ("مهر ۱۳۹۷ – تاکنون", "از ۱۳۹۸ تا
۱۳۹۹"). `gregorian` rewrites the text the experience reader reads (`resume_markup.read`) so that such a date is read
as the Gregorian month or year it is, and every Persian or Arabic-Indic digit as its ASCII digit. The text keeps its
length, so offsets into it hold:

- a Solar Hijri year written in Persian or Arabic-Indic digits (1300-1450) becomes the Gregorian year it begins in
  (1397 -> 2018: Farvardin 1 falls on 20 or 21 March);
- a month name before it (`date_words.yaml` ``solar_hijri_months``) and the year become "month/year" of the Gregorian
  month that holds most of that month (its 15th day: Mehr 1397 is October 2018, Dey 1401 January 2023), padded with
  spaces to the length written; so does "year/month" in digits, where its Gregorian form fits;
- a year written in ASCII digits is left as written: a Gregorian year, or a number.

Thai resumes write years of the Buddhist era ("ตั้งแต่ปี พ.ศ. 2563 จนถึงปัจจุบัน", since 2563 BE, 2020, to now). In a
text with Thai letters, `gregorian` writes Thai digits as ASCII ones and a year of 2500 to 2599 (1957 to 2056) as the
Gregorian year 543 before it, and blanks the era's mark "พ.ศ." before it, the same length again.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from skillgap.skills.date_words_schema import built as date_words

_PERSIAN_DIGITS: Final = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS: Final = "٠١٢٣٤٥٦٧٨٩"
_ASCII: Final = str.maketrans(_PERSIAN_DIGITS + _ARABIC_DIGITS, "0123456789" * 2)
_EASTERN: Final = re.compile(f"[{_PERSIAN_DIGITS}{_ARABIC_DIGITS}]")

_FIRST_YEAR: Final = 1300  # 1921: older dates are no resume's
_LAST_YEAR: Final = 1450  # 2071
_YEARS_APART: Final = 621  # Farvardin 1, 1397 is 21 March 2018
_DEY: Final = 10  # Dey, Bahman and Esfand fall mostly in the next Gregorian year


@functools.cache
def _month_numbers() -> dict[str, int]:
    return {name: number for number, names in enumerate(date_words().solar_hijri_months, start=1) for name in names}


@functools.cache
def _date() -> re.Pattern[str]:
    """A Solar Hijri date in the text with its digits made ASCII: an optional month name, then the year, then an
    optional "/month" in digits."""
    names = "|".join(sorted(map(re.escape, _month_numbers()), key=len, reverse=True))
    return re.compile(
        rf"(?:(?<![^\W\d_])(?P<name>{names})[ \t\u200c]+)?(?<!\d)(?P<year>1[34]\d\d)(?!\d)"
        r"(?:(?P<sep>[/.-])(?P<month>0?[1-9]|1[0-2])(?!\d))?"
    )


def _gregorian(year: int, month: int) -> tuple[int, int]:
    """The Gregorian (year, month) that holds the 15th day of Solar Hijri `month` of `year`."""
    return year + _YEARS_APART + (month >= _DEY), (month + 2) % 12 + 1


_THAI_DIGITS: Final = "๐๑๒๓๔๕๖๗๘๙"
_THAI_ASCII: Final = str.maketrans(_THAI_DIGITS, "0123456789")
_THAI_LETTER: Final = re.compile(r"[\u0e01-\u0e2e]")
# A Buddhist-era year, after the era's mark or not ("พ.ศ.2563", "พ.ศ. 2548", "2553"): 2500 BE is 1957.
_BUDDHIST_YEAR: Final = re.compile(r"(?P<mark>พ\.\s?ศ\.?\s*)?(?<!\d)(?P<year>25\d\d)(?!\d)")
_BUDDHIST_YEARS_APART: Final = 543


def gregorian(text: str) -> str:
    """`text` with its Solar Hijri and Buddhist-era dates written as Gregorian ones and its Persian, Arabic-Indic and
    Thai digits as ASCII digits, the same length (see the module doc); `text` itself when it has none of them."""
    if _THAI_LETTER.search(text) is not None:
        text = _BUDDHIST_YEAR.sub(_gregorian_year, text.translate(_THAI_ASCII))
    if _EASTERN.search(text) is None:
        return text
    digits = text.translate(_ASCII)
    pieces: list[str] = []
    done = 0
    for match in _date().finditer(digits):
        year = int(match["year"])
        if not _FIRST_YEAR <= year <= _LAST_YEAR or not _EASTERN.match(text, match.start("year")):
            continue
        month = _month_numbers()[match["name"]] if match["name"] else int(match["month"] or 0)
        start, end = match.span()
        written = ""
        if month:
            new_year, new_month = _gregorian(year, month)
            written = f"{new_month}/{new_year}" if match["name"] else f"{new_year}{match['sep']}{new_month:02d}"
        if not written or len(written) > end - start:
            # a year alone, or a month whose Gregorian form is longer than what was written ("1397/7": 2018 alone)
            written = str(year + _YEARS_APART)
        pieces += [digits[done:start], written.ljust(end - start)]
        done = end
    pieces.append(digits[done:])
    return "".join(pieces)


def _gregorian_year(match: re.Match[str]) -> str:
    """A Buddhist-era year as its Gregorian year, the era's mark before it blanked."""
    return " " * len(match["mark"] or "") + str(int(match["year"]) - _BUDDHIST_YEARS_APART)

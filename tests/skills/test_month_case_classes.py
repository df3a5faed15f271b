"""The month names are matched through explicit case classes (`datafiles.cased_alternation`, for speed): every
letter of every month name must match exactly the characters that `re.IGNORECASE` takes for it, over all of
Unicode, or a resume writing "MÄRZ", "ΙΑΝΟΥΆΡΙΟΣ" or "İYUN" would lose a date it was read with before."""

from __future__ import annotations

import re
from datetime import date

from skillgap.datafiles import alternation, case_class, cased_alternation
from skillgap.skills.date_words_schema import built as date_words
from skillgap.skills.experience import find_date_ranges

_EVERY_CHARACTER = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_each_letter_of_a_month_name_matches_what_ignorecase_matches() -> None:
    letters = sorted({ch for names in date_words().months for name in names for ch in name if ch not in " '"})
    assert len(letters) > 50
    wrong = [
        letter
        for letter in letters
        if set(re.findall(case_class(letter), _EVERY_CHARACTER))
        != set(re.findall(re.escape(letter), _EVERY_CHARACTER, re.IGNORECASE))
    ]
    assert wrong == []


def test_the_cased_tree_matches_what_the_case_insensitive_tree_matches() -> None:
    names = tuple(name for names in date_words().months for name in names)
    text = " ".join(f"{name} {name.upper()} {name.title()} x{name}" for name in names)
    cased = re.compile(rf"(?<![^\W_]){cased_alternation(names)}(?![^\W_])", re.IGNORECASE)
    plain = re.compile(rf"(?<![^\W_]){alternation(names)}(?![^\W_])", re.IGNORECASE)
    assert [m.span() for m in cased.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_month_names_in_capitals_of_other_scripts_still_date_a_job() -> None:
    for written in ("MÄRZ 2019 – JUNI 2021", "ΙΑΝΟΥΆΡΙΟΣ 2019 – ΙΟΎΝΙΟΣ 2021", "ЯНВАРЬ 2019 – ИЮНЬ 2021"):
        found = find_date_ranges(written, today=date(2026, 12, 7))
        assert [(r.first[0], r.last[0] if r.last else None) for r in found] == [(2019, 2021)], written

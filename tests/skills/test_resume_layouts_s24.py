"""What people write, checked against lists written down in the twenty-fourth session (before any result was looked
at): the employment types of twenty languages written after a title."""

from __future__ import annotations

import pytest

from skillgap.skills.resume_entries import cut_title
from tests.support.resumes import jobs_read


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Programista (Umowa o pracę)", "Programista"),  # Polish: an employment contract
        ("Programátor (Plný úvazek)", "Programátor"),  # Czech: full time
        ("Desenvolvedor - PJ", "Desenvolvedor"),  # Brazilian: a contractor's contract
        ("Kehittäjä (Määräaikainen)", "Kehittäjä"),  # Finnish: fixed term
        ("Yazılımcı (Tam zamanlı)", "Yazılımcı"),  # Turkish: full time
        ("Разработчик (Полная занятость)", "Разработчик"),  # Russian: full employment
        ("Ontwikkelaar (ZZP)", "Ontwikkelaar"),  # Dutch: a freelancer
    ],
)
def test_an_employment_type_of_another_language_after_the_title_is_cut_off(title: str, role: str) -> None:
    assert cut_title(title) == role


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("开发工程师（全职）", "开发工程师"),  # Chinese: full time, in full-width brackets
        ("エンジニア（正社員）", "エンジニア"),  # Japanese: a regular employee
        ("Yazılımcı (Tam zamanlı)", "Yazılımcı"),  # Turkish "Yazılımcı" (a software developer) is a title
    ],
)
def test_the_title_of_a_job_is_read_without_its_employment_type(title: str, role: str) -> None:
    text = f"Experience\n\n{title}\nAcme\n01/2020 – 12/2022\n- Built the billing service\n"
    assert [found for found, *_ in jobs_read(text)] == [role]

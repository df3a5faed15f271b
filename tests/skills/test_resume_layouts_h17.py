"""Layouts of tune resumes that lost their titles' last words or their employers, fixed in the seventeenth session.
Each text is a shortened copy of one real layout (the tune resume is named)."""

from __future__ import annotations

from datetime import date

from skillgap.skills.experience import parse_experience

AS_OF = date(2026, 12, 7)


def _jobs(text: str) -> list[tuple[str, str]]:
    return [(entry.title, entry.company) for entry in parse_experience(text, today=AS_OF).entries]


def test_a_department_after_a_comma_stays_in_the_title() -> None:
    """r1172: "Senior Director, Engineering" over "Zillow Group, Seattle, WA" was read as the title "Senior Director"
    at the employer "Engineering"; r1274: "Manager, Technology Support" over "Walmart - Canada" the same way."""
    text = (
        "Experience\n----------\n\n"
        "| **Senior Director, Engineering**\n| Zillow Group, Seattle, WA\n| 2/2017 - 5/2019\n\n"
        "Director of Engineering responsible for Zillow Home Loans.\n"
    )
    assert _jobs(text) == [("Senior Director, Engineering", "Zillow Group")]
    text = "Employment History\nManager, Technology Support\nSeptember 2022 - Current\nWalmart - Canada\n\n- Led it.\n"
    assert _jobs(text)[:1] == [("Manager, Technology Support", "Walmart")]


def test_a_department_after_a_comma_with_no_employer_anywhere_is_no_employer() -> None:
    """r1672: "Program Manager, Data Analytics and Infrastructure: JAN '21 - Present" gave the employer "Data Analytics
    and Infrastructure"."""
    text = (
        "Experience\n\nProgram Manager, Data Analytics and Infrastructure: Jan 2021 - Present\n"
        "Managed a team of analysts, auditors, and program administrators.\n"
    )
    assert _jobs(text) == [("Program Manager, Data Analytics and Infrastructure", "")]


def test_an_employer_after_a_comma_is_still_the_employer() -> None:
    """The limit of the rules above: a name after the comma is the employer, and a unit that is not a department
    word is no part of the title."""
    text = "Experience\n\nSoftware Engineer, Initech | 2019 - 2023\n- Built services.\n"
    assert _jobs(text) == [("Software Engineer", "Initech")]

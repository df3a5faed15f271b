"""Seniority of postings and resumes: the level, how sure we are, and why."""

from __future__ import annotations

import pytest

from skillgap.skills.models import Seniority
from skillgap.skills.seniority import job_seniority, resume_seniority, title_level, years_level


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Software Engineering Intern", Seniority.INTERN),
        ("Working Student Backend (m/f/d)", Seniority.INTERN),
        ("Junior Frontend Developer", Seniority.JUNIOR),
        ("Jr. Data Analyst", Seniority.JUNIOR),
        ("Entry-Level Software Engineer", Seniority.JUNIOR),
        ("Graduate Software Engineer", Seniority.JUNIOR),
        ("Mid-Level Backend Engineer", Seniority.MID),
        ("Senior Python Engineer", Seniority.SENIOR),
        ("Sr. Site Reliability Engineer", Seniority.SENIOR),
        ("Staff Software Engineer", Seniority.STAFF),
        ("Senior Staff Engineer, Infrastructure", Seniority.STAFF),
        ("Principal Engineer", Seniority.PRINCIPAL),
        ("Distinguished Engineer", Seniority.PRINCIPAL),
        ("Tech Lead, Payments", Seniority.LEAD),
        ("Engineering Manager", Seniority.LEAD),
        ("Senior Engineering Manager", Seniority.LEAD),
        ("Head of Data", Seniority.LEAD),
        ("Software Engineer II", Seniority.MID),
        ("Software Engineer III", Seniority.SENIOR),
    ],
)
def test_level_from_the_title(title: str, level: Seniority) -> None:
    found = title_level(title)
    assert found is not None
    assert found[0] is level
    estimate = job_seniority(title, min_years=None)
    assert estimate.level is level
    assert estimate.confidence >= 0.7
    assert title in estimate.reason


@pytest.mark.parametrize(
    "title", ["Backend Engineer", "Internal Tools Developer", "Staffing Coordinator", "Python Developer"]
)
def test_titles_without_a_level(title: str) -> None:
    assert title_level(title) is None


@pytest.mark.parametrize(
    ("years", "level"),
    [
        (0, Seniority.JUNIOR),
        (1, Seniority.JUNIOR),
        (2, Seniority.MID),
        (4, Seniority.MID),
        (5, Seniority.SENIOR),
        (7, Seniority.SENIOR),
        (8, Seniority.STAFF),
        (12, Seniority.STAFF),
    ],
)
def test_level_from_minimum_years(years: float, level: Seniority) -> None:
    assert years_level(years) is level
    estimate = job_seniority("Backend Engineer", min_years=years)
    assert estimate.level is level
    assert f"{years:g}+ years" in estimate.reason


def test_confidence_orders_title_over_years_over_wording() -> None:
    by_title = job_seniority("Senior Backend Engineer", min_years=None)
    by_title_and_years = job_seniority("Senior Backend Engineer", min_years=5)
    by_years = job_seniority("Backend Engineer", min_years=5)
    by_staff_years = job_seniority("Backend Engineer", min_years=10)
    by_wording = job_seniority("Backend Engineer", min_years=None, description="You will mentor junior engineers.")
    nothing = job_seniority("Backend Engineer", min_years=None, description="Build things.")
    assert by_title.level is by_title_and_years.level is by_years.level is by_wording.level is Seniority.SENIOR
    assert by_title_and_years.confidence > by_title.confidence > by_years.confidence > by_wording.confidence > 0
    assert by_years.confidence > by_staff_years.confidence
    assert nothing.level is Seniority.UNSPECIFIED
    assert nothing.confidence == 0.0
    assert nothing.reason


def test_years_that_disagree_with_the_title_lower_the_confidence() -> None:
    agreeing = job_seniority("Junior Developer", min_years=1)
    disagreeing = job_seniority("Junior Developer", min_years=6)
    assert agreeing.level is disagreeing.level is Seniority.JUNIOR
    assert agreeing.confidence > disagreeing.confidence
    assert "6+ years" in disagreeing.reason


def test_wording_that_agrees_with_the_years_raises_the_confidence() -> None:
    plain = job_seniority("Software Engineer", min_years=1)
    worded = job_seniority("Software Engineer", min_years=1, description="An entry-level role for new grads.")
    assert plain.level is worded.level is Seniority.JUNIOR
    assert worded.confidence > plain.confidence


def test_resume_seniority_from_the_most_recent_title_then_years() -> None:
    titled = resume_seniority(("Senior Backend Engineer", "Software Engineer"), 7.0)
    assert titled.level is Seniority.SENIOR
    assert "Senior Backend Engineer" in titled.reason
    older_title = resume_seniority(("Freelance Developer", "Staff Engineer"), 12.0)
    assert older_title.level is Seniority.STAFF
    assert older_title.confidence < titled.confidence
    by_years = resume_seniority(("Backend Developer",), 3.0)
    assert by_years.level is Seniority.MID
    assert by_years.confidence < older_title.confidence
    assert resume_seniority(("Developer",), 12.0).level is Seniority.SENIOR  # staff needs a title
    assert resume_seniority((), None).level is Seniority.UNSPECIFIED
    doubtful = resume_seniority(("Senior Engineer",), 1.0)
    assert doubtful.level is Seniority.SENIOR
    assert doubtful.confidence < titled.confidence

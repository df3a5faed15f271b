"""Seniority of postings and resumes on the full scale: the level, how sure we are, and why."""

from __future__ import annotations

import pytest

from skillgap.skills.models import SENIORITY_ORDER, Seniority
from skillgap.skills.seniority import (
    asked_years,
    job_seniority,
    resume_seniority,
    title_level,
    years_level,
)


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Software Engineering Intern", Seniority.INTERN),
        ("Working Student Backend (m/f/d)", Seniority.INTERN),
        ("Apprentice Electrician", Seniority.INTERN),
        ("Entry-Level Software Engineer", Seniority.ENTRY),
        ("Graduate Software Engineer", Seniority.ENTRY),
        ("Software Engineer I", Seniority.ENTRY),
        ("Product Owner I", Seniority.ENTRY),
        ("Junior Frontend Developer", Seniority.JUNIOR),
        ("Jr. Data Analyst", Seniority.JUNIOR),
        ("Associate Software Engineer", Seniority.JUNIOR),
        ("Associate Product Manager", Seniority.JUNIOR),
        ("Mid-Level Backend Engineer", Seniority.MID),
        ("Software Engineer II", Seniority.MID),
        ("Engineer II, Payments", Seniority.MID),
        ("Accountant II", Seniority.MID),
        ("Senior Python Engineer", Seniority.SENIOR),
        ("Sr. Site Reliability Engineer", Seniority.SENIOR),
        ("Senior Product Manager", Seniority.SENIOR),
        ("Software Engineer III", Seniority.SENIOR),
        ("Staff Software Engineer", Seniority.STAFF),
        ("Senior Staff Engineer, Infrastructure", Seniority.STAFF),
        ("Principal Engineer", Seniority.PRINCIPAL),
        ("Distinguished Engineer", Seniority.PRINCIPAL),
        ("Azure Cloud Application Architect", Seniority.PRINCIPAL),
        ("Data Scientist IV", Seniority.SENIOR),
        ("Lead Machine Learning Engineer", Seniority.LEAD),
        ("Tech Lead, Payments", Seniority.LEAD),
        ("Engineering Manager", Seniority.LEAD),
        ("Senior Engineering Manager", Seniority.LEAD),
        ("Sr. Mgr, Operations", Seniority.LEAD),
        ("Mgr. Customer Support", Seniority.LEAD),
        ("Warehouse Supervisor", Seniority.LEAD),
        ("Driver Leader - Memphis", Seniority.LEAD),
        ("Head of Data", Seniority.DIRECTOR),
        ("Associate Director, Clinical Operations", Seniority.DIRECTOR),
        ("Senior Director of Engineering", Seniority.DIRECTOR),
        ("VP Engineering", Seniority.EXECUTIVE),
        ("VP, Engineering", Seniority.EXECUTIVE),
        ("Vice President – Services North America", Seniority.EXECUTIVE),
        ("Chief Financial Officer", Seniority.EXECUTIVE),
        ("CTO", Seniority.EXECUTIVE),
        ("Co-Founder", Seniority.EXECUTIVE),
    ],
)
def test_level_from_the_title(title: str, level: Seniority) -> None:
    found = title_level(title)
    assert found is not None
    assert found.level is level
    estimate = job_seniority(title, min_years=None)
    assert estimate.level is level
    assert estimate.confidence >= 0.7
    assert title in estimate.reason


def test_associate_is_junior_not_senior() -> None:
    """A posting titled "Associate" came out as Senior; the years it asks for only weigh on how sure we are."""
    estimate = job_seniority(
        "Associate Product Manager",
        min_years=1,
        description="Requirements: 1-3 years of experience in product or analytics.",
    )
    assert estimate.level is Seniority.JUNIOR
    assert 'says junior ("associate")' in estimate.reason
    assert "1+ years" in estimate.reason


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Associate Director, Finance", Seniority.DIRECTOR),
        ("Associate Professor of Chemistry", Seniority.SENIOR),
        ("Senior Associate", Seniority.SENIOR),
        ("Associate Partner", Seniority.DIRECTOR),
    ],
)
def test_associate_next_to_a_higher_word_is_not_junior(title: str, level: Seniority) -> None:
    assert job_seniority(title).level is level


def test_associate_as_the_job_itself_follows_the_years() -> None:
    """ "Sales Associate" names the job, not a level: the years asked decide."""
    with_years = job_seniority("Retail Sales Associate", min_years=2, description="2+ years of retail experience.")
    assert with_years.level is Seniority.MID
    assert "names a job" in with_years.reason
    assert job_seniority("Sales Associate").level is Seniority.UNSPECIFIED


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Middle/Senior .NET Developer", Seniority.MID),
        ("Intermediate/Senior Software Engineer (.NET)", Seniority.MID),
        ("Software Engineer Graduate/Junior/Mid-level/Senior", Seniority.ENTRY),
        ("Computer Vision Engineer (Senior to Lead)", Seniority.SENIOR),
    ],
)
def test_a_range_of_levels_hires_from_the_lowest(title: str, level: Seniority) -> None:
    assert job_seniority(title).level is level


def test_vice_president_next_to_an_engineer_is_a_bank_grade() -> None:
    title = "Senior AI/ML Engineer - Engineering Excellence (Full Stack Developer) Vice President"
    assert job_seniority(title).level is Seniority.SENIOR
    assert job_seniority("Vice President, Operations").level is Seniority.EXECUTIVE


def test_job_names_with_manager_are_not_people_managers() -> None:
    product = job_seniority(
        "Hardware Project/Program Manager", description="Bachelor's Degree AND 6+ years experience."
    )
    assert product.level is Seniority.SENIOR
    assert job_seniority("Manager, Product Management").level is Seniority.LEAD


@pytest.mark.parametrize(
    "title",
    [
        "Founding Engineer",
        "Backend Engineer",
        "Internal Tools Developer",
        "Staffing Coordinator",
        "Python Developer",
        "Mid-Market Account Executive",
    ],
)
def test_titles_that_name_no_level(title: str) -> None:
    found = title_level(title)
    assert found is None or not found.stated


@pytest.mark.parametrize(
    ("years", "level"),
    [
        (0, Seniority.ENTRY),
        (1, Seniority.JUNIOR),
        (2, Seniority.MID),
        (4, Seniority.MID),
        (5, Seniority.SENIOR),
        (7, Seniority.SENIOR),
        (8, Seniority.SENIOR),
        (12, Seniority.SENIOR),
    ],
)
def test_level_from_minimum_years(years: float, level: Seniority) -> None:
    assert years_level(years) is level
    estimate = job_seniority("Backend Engineer", min_years=years)
    assert estimate.level is level
    assert f"{years:g}+ years" in estimate.reason


def test_managing_a_team_makes_a_lead_without_a_title_word() -> None:
    estimate = job_seniority(
        "Backend Engineer",
        min_years=8,
        description="8+ years of backend experience. You will manage a team of 6 engineers and run their reviews.",
    )
    assert estimate.level is Seniority.LEAD
    assert "manage a team" in estimate.reason
    assert 0.4 <= estimate.confidence < 0.9


def test_scope_says_director_and_staff() -> None:
    director = job_seniority(
        "Finance",
        description="You will build and lead the finance function and report directly to the CEO.",
    )
    assert director.level is Seniority.DIRECTOR
    staff = job_seniority(
        "Software Engineer",
        min_years=10,
        description="10+ years. You will set the technical direction across multiple teams.",
    )
    assert staff.level is Seniority.STAFF


def test_a_posting_that_says_nothing_is_unspecified() -> None:
    """Nothing about level: no level word, no years asked of the candidate (the company's own years do not
    count), no telling wording."""
    description = (
        "We are a family company with over 25 years of experience serving our clients. "
        "You will drive a delivery van and load parcels. Our senior leadership team values safety."
    )
    estimate = job_seniority("Non - CDL Driver", min_years=25, description=description)
    assert estimate.level is Seniority.UNSPECIFIED
    assert estimate.confidence == 0.0
    assert estimate.reason


def test_years_written_the_way_scraped_postings_write_them() -> None:
    assert asked_years("business degree preferred5+ years technical experience in banking") == [5.0]
    assert asked_years("High school graduate. One or more years working in a warehouse environment.") == [1.0]
    assert asked_years("A leader in staffing, with over 35 years of experience investing in people.") == []
    machinist = job_seniority(
        "Machinist",
        min_years=35,
        description="Requires 2- 3 years experience in manufacturing. JSG is a leader in the staffing industry, "
        "with over 35 years of experience investing in people and companies.",
    )
    assert machinist.level is Seniority.MID
    assert "2+ years" in machinist.reason


def test_confidence_orders_title_over_years_over_wording_over_zone() -> None:
    by_title = job_seniority("Senior Backend Engineer", min_years=None)
    by_title_and_years = job_seniority("Senior Backend Engineer", min_years=5)
    by_years = job_seniority("Backend Engineer", min_years=5)
    by_wording = job_seniority("Backend Engineer", min_years=None, description="You will mentor junior engineers.")
    by_zone = job_seniority("Backend Engineer", min_years=None, description="Build things.", job_zone=5)
    nothing = job_seniority("Backend Engineer", min_years=None, description="Build things.")
    assert by_title.level is by_title_and_years.level is by_years.level is by_wording.level is Seniority.SENIOR
    assert by_zone.level is Seniority.SENIOR
    assert by_title_and_years.confidence > by_title.confidence > by_years.confidence
    assert by_years.confidence > by_wording.confidence > by_zone.confidence > 0
    assert "job zone 5" in by_zone.reason
    assert nothing.level is Seniority.UNSPECIFIED


@pytest.mark.parametrize(("zone", "level"), [(1, Seniority.ENTRY), (2, Seniority.JUNIOR), (5, Seniority.SENIOR)])
def test_the_job_zone_is_only_a_prior(zone: int, level: Seniority) -> None:
    assert job_seniority("Driver", job_zone=zone).level is level
    # Anything the posting says comes first.
    assert job_seniority("Senior Driver", job_zone=zone).level is Seniority.SENIOR
    assert job_seniority("Driver", min_years=3, job_zone=zone).level is Seniority.MID
    assert resume_seniority(("Driver",), None, job_zone=zone).level is level


def test_years_that_disagree_with_the_title_lower_the_confidence() -> None:
    agreeing = job_seniority("Junior Developer", min_years=1)
    disagreeing = job_seniority("Junior Developer", min_years=6)
    assert agreeing.level is disagreeing.level is Seniority.JUNIOR
    assert agreeing.confidence > disagreeing.confidence
    assert "6+ years" in disagreeing.reason


def test_wording_that_agrees_with_the_years_raises_the_confidence() -> None:
    plain = job_seniority("Software Engineer", min_years=0)
    worded = job_seniority("Software Engineer", min_years=0, description="An entry-level role for new grads.")
    assert plain.level is worded.level is Seniority.ENTRY
    assert worded.confidence > plain.confidence


def test_resume_whose_newest_title_is_a_director() -> None:
    estimate = resume_seniority(("Director of Finance", "Finance Manager", "Senior Accountant"), 14.0)
    assert estimate.level is Seniority.DIRECTOR
    assert "Director of Finance" in estimate.reason
    assert estimate.confidence >= 0.8


def test_resume_seniority_from_the_most_recent_title_then_years() -> None:
    titled = resume_seniority(("Senior Backend Engineer", "Software Engineer"), 7.0)
    assert titled.level is Seniority.SENIOR
    assert "Senior Backend Engineer" in titled.reason
    outgrown = resume_seniority(("Software Engineer", "Junior Developer"), 6.0)
    assert outgrown.level is Seniority.SENIOR  # the newest title names no level: the years say it
    assert "Software Engineer" in outgrown.reason
    undated = resume_seniority(("Freelance Developer", "Staff Engineer"), None)
    assert undated.level is Seniority.STAFF
    assert undated.confidence < titled.confidence
    by_years = resume_seniority(("Backend Developer",), 3.0)
    assert by_years.level is Seniority.MID
    assert by_years.confidence < titled.confidence
    assert resume_seniority(("Developer",), 12.0).level is Seniority.SENIOR  # staff needs a title
    assert resume_seniority(("Developer",), 0.5).level is Seniority.ENTRY
    assert resume_seniority((), None).level is Seniority.UNSPECIFIED
    doubtful = resume_seniority(("Senior Engineer",), 1.0)
    assert doubtful.level is Seniority.SENIOR
    assert doubtful.confidence < titled.confidence


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Student Assistant", Seniority.ENTRY),
        ("Software Engineering Intern", Seniority.INTERN),
        ("Social Media Manager", Seniority.LEAD),  # on a resume any manager is a lead
        ("Owner", Seniority.EXECUTIVE),
        ("Assistant Accountant", Seniority.JUNIOR),
        ("Associate Developer", Seniority.JUNIOR),
        ("Warehouse Associate", Seniority.MID),
        ("Account Executive", Seniority.MID),
        ("Solutions Architect", Seniority.MID),
    ],
)
def test_resume_titles(title: str, level: Seniority) -> None:
    """Titles a person held; those that name no level leave it to the 3 years of dated experience."""
    assert resume_seniority((title,), 3.0).level is level


def test_every_level_is_on_the_scale() -> None:
    assert set(SENIORITY_ORDER) == set(Seniority) - {Seniority.UNSPECIFIED}

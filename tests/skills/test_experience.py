"""Years of experience: asked for in postings, shown by the dated entries of resumes."""

from __future__ import annotations

from datetime import date

import pytest

from skillgap.skills.experience import (
    attach_years,
    find_date_ranges,
    find_years,
    parse_experience,
    union_months,
)
from skillgap.skills.taxonomy import Taxonomy

TODAY = date(2024, 7, 15)


def skill_id(name: str) -> str:
    entry = Taxonomy.load().lookup(name)
    assert entry is not None, name
    return entry.skill_id


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("5+ years of Python", 5.0),
        ("3-5 years of experience", 3.0),
        ("3 – 5 years experience in backend development", 3.0),
        ("two to four years of experience", 2.0),
        ("at least two years of experience in Go", 2.0),
        ("At least 3 years' experience", 3.0),
        ("5 yrs Java", 5.0),
        ("minimum of 4 years", 4.0),
        ("two (2) years of professional experience", 2.0),
        ("7 years or more", 7.0),
        ("10+ years", 10.0),
        ("1.5 years' experience", 1.5),
        ("Python (5 years)", 5.0),
        ("Go: 3 years", 3.0),
    ],
)
def test_years_asked_for(text: str, years: float) -> None:
    found = find_years(text)
    assert [statement.years for statement in found] == [years]
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    "text",
    [
        "Founded 10 years ago.",
        "For over 20 years, we have served merchants.",
        "In 5 years you could lead the team.",
        "A 5-year roadmap.",
        "Our team of 12 engineers.",
    ],
)
def test_years_that_are_not_a_requirement(text: str) -> None:
    assert find_years(text) == []


def years_by_skill(text: str) -> dict[str, float]:
    mentions = Taxonomy.load().find_mentions(text)
    result: dict[str, float] = {}
    for statement in find_years(text):
        for attached in attach_years(text, statement, mentions):
            result[attached] = statement.years
    return result


def test_years_attach_to_the_skills_the_statement_is_about() -> None:
    assert years_by_skill("5+ years of Python") == {skill_id("Python"): 5.0}
    assert years_by_skill("5+ years of professional experience with Python and Django") == {
        skill_id("Python"): 5.0,
        skill_id("Django"): 5.0,
    }
    assert years_by_skill("3+ years of experience with Java, Kotlin or Scala") == {
        skill_id("Java"): 3.0,
        skill_id("Kotlin"): 3.0,
        skill_id("Scala"): 3.0,
    }
    assert years_by_skill("Python (5+ years), Go (2+ years)") == {skill_id("Python"): 5.0, skill_id("Go"): 2.0}
    assert years_by_skill("PostgreSQL: 3 years") == {skill_id("PostgreSQL"): 3.0}


def test_general_years_attach_to_no_skill() -> None:
    assert years_by_skill("5+ years of experience shipping customer-facing products, ideally with Python.") == {}
    assert years_by_skill("8+ years of experience; Python is a plus.") == {}
    assert years_by_skill("8+ years of experience\n- Python") == {}


# -- resumes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Jan 2019 – Present", 67),  # January 2019 to July 2024, the current month counts
        ("January 2019 - Current", 67),
        ("2017 - 2020", 36),
        ("03/2018 – 06/2021", 40),
        ("2019–now", 67),
        ("Mar. 2020 to Feb 2021", 12),
        ("2018-03 – 2021-06", 40),
        ("Sep 2023 - Sep 2023", 1),
        ("2019 - 2019", 6),
        ("Jun 2024 – Present", 2),
    ],
)
def test_date_ranges(text: str, months: int) -> None:
    [found] = find_date_ranges(f"Engineer, Acme | {text}", today=TODAY)
    assert found.end_month - found.start_month == months


def test_future_and_reversed_ranges_are_dropped_and_ends_clipped_to_today() -> None:
    assert find_date_ranges("2026 - 2028", today=TODAY) == []
    assert find_date_ranges("2021 - 2019", today=TODAY) == []
    [clipped] = find_date_ranges("Jan 2024 - Dec 2025", today=TODAY)
    assert clipped.end_month - clipped.start_month == 7


def test_union_counts_overlaps_once() -> None:
    assert union_months([(0, 12), (6, 18), (30, 36)]) == 24
    assert union_months([]) == 0


RESUME = """\
Jane Doe
jane@example.com | Berlin

SUMMARY
Backend engineer who likes Go and Python.

SKILLS
Python, Go, Kubernetes, PostgreSQL, Django, Terraform

EXPERIENCE
Senior Backend Engineer - Acme Corp
Jan 2021 - Present
- Built payment services in Go on Kubernetes.
- Wrote Python tooling for deploys.

Software Engineer | Globex | 03/2018 – 06/2021
- Django APIs on PostgreSQL.

Freelance Developer
2019 – now
- Go consulting for two startups.

Intern, Initech    2016 - 2017
- Java test automation.

EDUCATION
B.Sc. Computer Science, TU Berlin    2012 - 2016
"""


def test_resume_entries_titles_and_total_without_double_counting() -> None:
    experience = parse_experience(RESUME, today=TODAY)
    assert [entry.title for entry in experience.entries] == [
        "Senior Backend Engineer",
        "Freelance Developer",
        "Software Engineer",
        "Intern",
    ]
    assert experience.recent_titles == ("Senior Backend Engineer", "Freelance Developer", "Software Engineer")
    # 2016 (12 months) + Mar 2018 .. Jul 2024 (77 months): the three overlapping jobs count once,
    # education does not count.
    assert experience.total_years == round(89 / 12, 1)
    summed = sum(entry.years for entry in experience.entries)
    assert summed > experience.total_years + 5


def test_resume_years_per_skill_from_the_entries_that_name_it() -> None:
    experience = parse_experience(RESUME, today=TODAY)
    years = experience.skill_years(Taxonomy.load().find_mentions(RESUME))
    # Go: Acme (Jan 2021 - Jul 2024) and freelance (Jan 2019 - Jul 2024) overlap: 67 months once.
    assert years[skill_id("Go")] == round(67 / 12, 1)
    assert years[skill_id("Kubernetes")] == round(43 / 12, 1)
    assert years[skill_id("Python")] == round(43 / 12, 1)  # not the Django job: no implication
    assert years[skill_id("Django")] == round(40 / 12, 1)
    assert years[skill_id("PostgreSQL")] == round(40 / 12, 1)
    assert years[skill_id("Java")] == 1.0
    assert skill_id("Terraform") not in years  # only in the skills list: no dates say how long


def test_resume_title_on_the_line_above_or_on_the_date_line() -> None:
    text = """\
Experience
Acme Corp — Berlin
Staff Engineer
Jan 2020 – Present
Globex
Lead Developer · Globex · 2015 – 2019
"""
    experience = parse_experience(text, today=TODAY)
    assert experience.recent_titles == ("Staff Engineer", "Lead Developer")


def test_resume_without_headings_skips_education_lines() -> None:
    text = "Data Engineer at Foo, 2020 - 2023\nMSc Computer Science, University of Bar, 2018 - 2020\n"
    experience = parse_experience(text, today=TODAY)
    assert [entry.title for entry in experience.entries] == ["Data Engineer"]
    assert experience.total_years == 3.0


def test_resume_without_dates() -> None:
    experience = parse_experience("Jane Doe\nPython developer\n", today=TODAY)
    assert experience.entries == ()
    assert experience.total_years is None
    assert experience.recent_titles == ()


def test_dates_on_the_title_line_keep_each_roles_lines_with_it() -> None:
    text = (
        "Jane Doe\n"
        "Senior Software Engineer, Acme Corp (2019 - 2025)\n"
        "Built data services in Python and PostgreSQL.\n"
        "Software Engineer, Initech (2015 - 2019)\n"
        "Maintained Java services.\n"
    )
    from skillgap.skills.extraction import TaxonomyExtractor

    profile = TaxonomyExtractor(Taxonomy.load()).extract_resume_sync(text, today=date(2026, 11, 25))
    years = {s.skill.skill_id: s.years for s in profile.skills}
    assert years["python"] == 6 and years["java"] == 4
    assert profile.recent_titles[:2] == ("Senior Software Engineer", "Software Engineer")

"""The most recent title read without the dates (`skills.title_reader`): layouts whose dates the dated reader does
not understand, or whose header gives it code or an employer's name instead of a title, still show the newest
title in the profile. The resumes here are made up for the tests (no real person's text)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError
from skillgap.occupations.index import OccupationIndex
from skillgap.skills import title_words_build
from skillgap.skills.experience import parse_experience
from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.taxonomy import Taxonomy
from skillgap.skills.title_reader import MIN_SCORE, title_score
from skillgap.skills.title_words_schema import BUILT, SOURCE

TODAY = date(2026, 12, 5)

# A timeline whose items carry one word for a date and a duration: no date range to read.
TIMELINE = """export default [
  { year: "Now", title: "Kitchen Manager", length: "8 months" },
  { year: "Before", title: "Line Cook", length: "2 years" },
  { year: "Earlier", title: "Dishwasher", length: "1 year" },
];
"""

# The data of a page sits above the template that shows it.
DATA_BEFORE_TEMPLATE = """const history = [
  {
    company: "Green Valley Farm",
    title: "Farm Manager",
    span: "2015 - Today",
  },
  {
    company: "Hillside Orchard",
    title: "Orchard Hand",
    span: "2011 - 2015",
  },
];

<section>
  <h2>Experience</h2>
  {history.map((item) => <Job {...item} />)}
</section>
"""

# A typesetting source: the title is the first argument of a call, the dates the second.
TYPST = """= Experience

#employer("Coastline Fabrication", "Tacoma, WA")[
  #job("Senior Welder", "Mar 2019 - Present")
  - Led a crew of four on structural steel.
  #job("Welder", "Jun 2014 - Feb 2019")
]
"""

# A script's string variables: "Company / Title" and its years in the next variable.
SCRIPT = """JobOneTitle = 'Harbor Logistics / Forklift Operator'
JobOneTime = '2019-Present'
JobTwoTitle = 'Quick Mart / Cashier'
JobTwoTime = '2016-2019'
"""

# The key `title` names the employer; `job` holds the role.
EMPLOYER_IN_TITLE = """export const resume = [
  { title: 'Blue Door Bakery', job: 'Head Baker', dates: '2016 - Present' },
  { title: 'Corner Cafe', job: 'Barista', dates: '2012 - 2016' },
]
"""

# The role sits two fields above the date, where the dated reader does not look for it.
TITLE_FIELD_ABOVE = """const career = [
  {
    role: 'Owner',
    business: 'Sunrise Diner',
    when: '2014 to 2020',
    notes: ['Ran a 40-seat diner', 'Hired and trained 12 staff'],
  },
]
"""

# A markdown work history whose jobs have no dates at all.
UNDATED_SECTION = """# Robin Vale
Caring nurse looking for a new ward.

## Experience

**Charge Nurse** — St. Brigid's Hospital
- Ran the night shift of a 30-bed surgical ward.

**Staff Nurse** — Lakeside Clinic
- Wound care and discharge teaching.

## Education
BSc Nursing, Northshore University
"""


@pytest.mark.parametrize(
    ("text", "title"),
    [
        pytest.param(TIMELINE, "Kitchen Manager", id="timeline-one-word-dates"),
        pytest.param(DATA_BEFORE_TEMPLATE, "Farm Manager", id="data-before-template"),
        pytest.param(TYPST, "Senior Welder", id="typst-call-arguments"),
        pytest.param(SCRIPT, "Forklift Operator", id="script-company-slash-title"),
        pytest.param(EMPLOYER_IN_TITLE, "Head Baker", id="employer-in-title-key"),
        pytest.param(TITLE_FIELD_ABOVE, "Owner", id="title-field-above-date"),
        pytest.param(UNDATED_SECTION, "Charge Nurse", id="undated-markdown-section"),
    ],
)
def test_the_newest_title_is_read_whatever_the_dates(text: str, title: str) -> None:
    assert parse_experience(text, today=TODAY).recent_titles[:1] == (title,)


def test_the_profile_shows_the_title_read_without_dates() -> None:
    profile = TaxonomyExtractor(Taxonomy.load()).extract_resume_sync(UNDATED_SECTION)
    assert profile.recent_titles[:1] == ("Charge Nurse",)


def test_data_above_its_template_gives_dated_jobs_too() -> None:
    experience = parse_experience(DATA_BEFORE_TEMPLATE, today=TODAY)
    # 2011 to the end of 2026, the two ranges joined: 16 years.
    assert experience.total_years == 16.0
    assert [entry.title for entry in experience.entries] == ["Farm Manager", "Orchard Hand"]


def test_a_headline_is_never_read_as_a_job() -> None:
    # The line under a name is a headline; without a work history there is no job title to show.
    experience = parse_experience("Robin Vale\nRegistered Nurse\nLooking for night shifts.\n", today=TODAY)
    assert experience.recent_titles == ()


def test_a_dated_title_that_reads_like_one_is_kept() -> None:
    text = "## Experience\nSenior Consultant, Advisory Services\nAcme Partners, 2015 - 2019\n"
    assert parse_experience(text, today=TODAY).recent_titles[:1] == ("Senior Consultant, Advisory Services",)


@pytest.mark.parametrize(
    ("piece", "is_a_title"),
    [
        ("Registered Nurse", True),
        ("truck driver", True),  # written in lower case in a data file
        ("Owner", True),
        ("Co-Founder and CTO", True),
        ("Night Owl Pharmacy", False),  # an employer
        ("Michigan State University", False),
        ("Redmond, WA", False),
        ("Today", False),
        ('role("Welder"', False),  # code around a value
        ("Ran the night shift of a 30-bed surgical ward.", False),
    ],
)
def test_what_reads_like_a_title(piece: str, is_a_title: bool) -> None:
    assert (title_score(piece, OccupationIndex.packaged()) >= MIN_SCORE) is is_a_title


def test_the_committed_title_words_are_fresh() -> None:
    assert title_words_build.main(["--check"]) == 0
    assert BUILT.read_text(encoding="utf-8") == title_words_build.build()


def test_a_key_in_two_lists_is_refused_with_its_line(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace(
        "company_keys: [\n  company,", "company_keys: [\n  title, company,"
    )
    path = tmp_path / "title_words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        title_words_build.build(path)
    line = next(number for number, row in enumerate(text.splitlines(), start=1) if row.startswith("  title, company,"))
    assert caught.value.problems == [f"{path}:{line}: 'title' is listed twice (also in title_keys)"]

"""Dated entries of resume layouts first seen in the r083-r112 tune resumes (each text is a shortened copy of one
real layout): HTML cards and character references, data widgets, dates that end a header line, seasons,
"Current" alone, titles with a qualifier after a comma, student placements."""

from __future__ import annotations

from datetime import date

from skillgap.skills.experience import parse_experience

AS_OF = date(2026, 12, 5)


def read(text: str) -> list[tuple[str, str, str, bool]]:
    """(title, company, dates as written, counted) of each entry, newest first."""
    return [(e.title, e.company, e.dates, e.counted) for e in parse_experience(text, today=AS_OF).entries]


def test_html_cards_with_character_references_and_classed_fields() -> None:
    """A teacher's page: each field in a classed <div>, the dates written with `&#47;` and `&#45;`."""
    text = """\
<section class="resume__work">
  <h2 class="res__sectionTitle">Teaching Experience</h2>
  <div class="res__work__Employment">
    <div class="res__work__jobTitle">Substitute Teacher</div>
    <div class="res__work__jobEmployer">Jefferson Co. Public Schools</div>
    <div class="res__work__jobDate">1&#47;2018 &#45; Present</div>
    <div class="res__work__jobLocation">Louisville, KY</div>
  </div>
  <div class="res__work__Employment">
    <div class="res__work__jobTitle">TEFL Specialist</div>
    <div class="res__work__jobEmployer">Independent Contractor</div>
    <div class="res__work__jobDate">8&#47;2003 &#45; 5&#47;2017</div>
  </div>
</section>
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.company) for e in experience.entries] == [
        ("Substitute Teacher", "Jefferson Co. Public Schools"),
        ("TEFL Specialist", "Independent Contractor"),  # "Contractor" names the employer slot here
    ]
    assert experience.total_years == 22.8


def test_toml_experience_widget_with_comment_lines_and_an_empty_end() -> None:
    """A Hugo Academic widget: `#` comments look like markdown headings, `date_end = ""` is the current job."""
    text = """\
+++
# Experience widget.
widget = "experience"  # Do not modify this line!

# Date format for experience
#   Refer to https://sourcethemes.com/academic/docs/customization/#date-format
date_format = "January 2006"

# Experiences.
#   Leave `date_end` empty if it's your current employer.
[[experience]]
  title = "Product Owner"
  company = "BestValue"
  location = "Bucharest, Romania"
  date_start = "2015-10-01"
  date_end = ""

[[experience]]
  title = "Affiliate & Advertiser manager"
  company = "2Parale (2Performant)"
  date_start = "2012-10-01"
  date_end = "2013-09-01"
+++
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.company, e.present) for e in experience.entries] == [
        ("Product Owner", "BestValue", True),
        ("Affiliate & Advertiser manager", "2Parale (2Performant)", False),
    ]
    assert experience.total_years == 12.2  # Oct 2015 to Dec 2026 and Oct 2012 to Sep 2013: 147 months


def test_a_year_that_ends_a_header_line_dates_its_job() -> None:
    text = """\
## Work Experience
__Field Support Technician, TEKsystems__ 2023

Provide basic help desk resolution and service for Windows-based computers.

__IT Project Assistant, Cres Cor__  2022 - 2023

Create and manage user accounts with Active Directory.
"""
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:1] == ("Field Support Technician",)
    assert experience.total_years == 1.5  # 2022 - 2023, then six months of 2023


def test_a_sentence_that_ends_with_a_date_is_no_job() -> None:
    text = """\
<h5 id="profteach">Professional Teaching Experience<h5>
<li>Second Grade Student Teacher (Practicum I)</li>
<li>Shasta Elementary School, Chico, CA – Fall 2013</li>
<li>Current student teaching placement will be completed in May 2014</li>
"""
    assert [title for title, _, _, _ in read(text)] == ["Second Grade Student Teacher (Practicum I)"]


def test_seasons_student_teaching_and_a_long_volunteer_heading() -> None:
    """Student teaching is a placement (not counted), the CAVE field experience is volunteering (not read), the
    camp counselor summer is the one job."""
    text = """\
<h5 id="profteach">Professional Teaching Experience<h5>
<ul>
  <li>Fourth Grade Student Teacher (Practicum II)</li>
  <li>Los Molinos Elementary School, Los Molinos, CA – Spring 2014</li>
</ul>
<h5 id="cave">Field Experience Through CAVE (Community Action Volunteers in Education)<h5>
<ul>
  <li>First/Second Grade Classroom Aide</li>
  <li>Little Chico Creek Elementary School, Chico, CA – Fall 2011</li>
</ul>
<h5 id="profwork">Professional Work Experience<h5>
<ul>
  <li>Counselor</li>
  <li>Conejo Recreation and Park District: Wildwood Day Camp – Summer 2011</li>
</ul>
<h5 id="high">High School Achievements<h5>
<ul>
  <li>Basketball Captain</li>
  <li>Women’s Basketball Team – 2008-2009 and 2009-2010</li>
</ul>
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.dates, e.counted) for e in experience.entries] == [
        ("Fourth Grade Student Teacher (Practicum II)", "Spring 2014", False),
        ("Counselor", "Summer 2011", True),
    ]
    assert experience.recent_titles == ("Counselor",)
    assert experience.total_years == 0.5


def test_a_season_before_a_range_is_no_company() -> None:
    text = """\
<h2>Work Experience</h2>
<h3>Carowinds</h3>
<div class="experience-meta">
Games Associate • Summers 2023 – 2025
</div>
"""
    assert read(text) == [("Games Associate", "Carowinds", "Summers 2023 – 2025", True)]


def test_title_with_a_qualifier_in_a_nested_bullet_under_the_company_line() -> None:
    text = """\
Professional experience
======
* Squire and Company, PC, _Orem, UT_, 2015-2017
  * Senior Consultant, Advisory Services
    * Accounting Software Implementation Consultant

* Ernst & Young, LLP, _Salt Lake City, UT_, 2014-2015
  * Staff Auditor, Advisory Services
    * IT Risk Assurance Services
"""
    assert [(title, company) for title, company, _, _ in read(text)] == [
        ("Senior Consultant, Advisory Services", "Squire and Company, PC"),
        ("Staff Auditor, Advisory Services", "Ernst & Young, LLP"),
    ]


def test_livecareer_date_first_title_with_a_qualifier_then_the_placeholder_company() -> None:
    text = (
        "HR SPECIALIST       Summary     Versatile  media professional.         Experience     09/2015   to   "
        "Current     HR Specialist, US HR Operations    Company Name   \uff0d   City  ,   State       Managed "
        "communication regarding launch of Operations group.         10/2012   to   01/2014     Relationship "
        "Coordinator/Marketing Specialist    Company Name   \uff0d   City  ,   State       Partnered with vendor to "
        "manage the in-house advertising program."
    )
    assert [(title, company) for title, company, _, _ in read(text)] == [
        ("HR Specialist, US HR Operations", "Company Name"),
        ("Relationship Coordinator/Marketing Specialist", "Company Name"),
    ]


def test_an_employer_after_the_comma_stays_the_company() -> None:
    text = (
        "Experience\n"
        "Senior representative, Searle Pharmaceuticals (1998-2000): Organised meetings with hospital pharmacists.\n"
    )
    assert [(title, company) for title, company, _, _ in read(text)] == [
        ("Senior representative", "Searle Pharmaceuticals")
    ]


def test_apprentice_and_attachee_are_placements_like_interns() -> None:
    text = """\
## Professional Experience

### ICT Intern – Public Service Commission *(Apr 2025 – Present)*
- Provide first-level support for hardware, software, and network issues.

### Penetration Testing Apprentice – Hoji Limited *(Aug 2023 – Dec 2023)*
- Executed full-cycle penetration testing.

### IT Support Attachee – Ministry of Finance *(Jan 2021 – Apr 2021)*
- Managed Active Directory user accounts.
"""
    experience = parse_experience(text, today=AS_OF)
    assert [e.counted for e in experience.entries] == [False, False, False]
    assert experience.recent_titles[:1] == ("ICT Intern",)  # all are placements: the newest one


def test_current_alone_marks_the_job_held_now_and_underscored_ranges_count() -> None:
    text = """\
## Employment

__Graduate Research Assistant | State |__ _Current_  
    Review of fisheries monitoring, management, and decision protocols  

__Research Associate | State |__ _2016-2018_  
    Managed NRCS 201--202 water quality project  

__Graduate Teaching Assistant | Ole Miss |__ _2014-2016_  
    Prepared and taught undergraduate Biology/Ecology labs  
"""
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:2] == ("Graduate Research Assistant", "Research Associate")
    assert experience.total_years == 4.0  # the current job's start is not written: it adds no months


# Layouts first seen in the r138-r161 tune resumes (each text below is made up in the shape of one real layout).


def test_an_employment_type_after_the_title_is_cut_off() -> None:
    """ "Musician – Contract", "Front-end Consultant (Freelance)", "Civil Engineer, Part-Time" in a data file's title
    field: how the job was held, not what it was."""
    text = """\
- company: Harbor Church
  position: Musician – Contract
  duration: July 2015 &ndash; Present

- company: Brightline
  position: Front-end Consultant (Freelance)
  duration: March 2013 &ndash; June 2015

- company: Delta Works
  position: Civil Engineer, Part-Time
  duration: 2010 &ndash; 2013
"""
    assert [(title, company) for title, company, _, _ in read(text)] == [
        ("Musician", "Harbor Church"),
        ("Front-end Consultant", "Brightline"),
        ("Civil Engineer", "Delta Works"),
    ]


def test_an_employment_type_alone_stays_the_title() -> None:
    text = "- company: Harbor Church\n  position: Contract\n  duration: July 2015 &ndash; Present\n"
    assert [title for title, _, _, _ in read(text)] == ["Contract"]


def test_a_place_glued_to_the_title_by_a_long_dash_is_the_location() -> None:
    text = """\
<h3>WORK EXPERIENCE</h3>
<h5>Maple Dental Group</h5>
<h6>Springfield, IL— Safety Officer</h6>
<p>September 2017 - December 2019</p>
"""
    entry = parse_experience(text, today=AS_OF).entries[0]
    assert (entry.title, entry.company, entry.location) == ("Safety Officer", "Maple Dental Group", "Springfield, IL")


def test_whom_a_research_job_was_with_is_not_part_of_its_title() -> None:
    text = """\
Work
======
* 2021 - current: Postdoctoral Researcher with [Jane Roe](https://example.org), Centre for Coastal Studies
* 2018 - 2020: Research Fellow with [Tidal Lab](https://example.org/lab) (PI: John Doe)
  University of Somewhere
"""
    experience = parse_experience(text, today=AS_OF)
    assert [e.title for e in experience.entries] == ["Postdoctoral Researcher", "Research Fellow"]


def test_two_digit_years_without_an_apostrophe_in_a_range() -> None:
    """ "Oct 14 - Present", "Jan 13 - Mar 14": read as years when both sides are written so (or the end is now)."""
    text = """\
## Experience

### Freelance Front End Dev

_Oct 14 - Present_

### Pinecone Studio

_Jan 13 - Mar 14_

**Project Manager**
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.first, e.last) for e in experience.entries] == [
        ("Freelance Front End Dev", (2014, 10), None),
        ("Project Manager", (2013, 1), (2014, 3)),
    ]


def test_a_day_and_month_range_with_its_year_after_is_no_two_digit_year() -> None:
    text = "## Experience\n\nEvent Coordinator, Lakeside Fair\nJune 15 - July 20, 2019\n"
    assert all(e.first[0] != 2015 for e in parse_experience(text, today=AS_OF).entries)


def test_an_italic_label_under_a_job_does_not_end_the_experience_section() -> None:
    """ "_Highlights_" names a part of a job, not the summary section: the jobs after it are still jobs."""
    text = """\
## Experience

### Pinecone Studio

_Jan 2013 - Mar 2014_

**Project Manager**

_Highlights_

Kept the creative team together through a hard quarter

### Amber Works

_Apr 2012 - Sep 2012_

**Planning Engineering Assistant**
"""
    assert [title for title, _, _, _ in read(text)] == ["Project Manager", "Planning Engineering Assistant"]


def test_json_work_items_with_nested_highlights_lists_are_all_jobs() -> None:
    """A `"highlights": [` list inside a work item is a field of that job, not a "Highlights" section."""
    text = """\
{
  "work": [
    {
      "company": "Lanterna",
      "position": "iOS Software Engineer",
      "startDate": "2010-09-01",
      "endDate": "2011-05-01",
      "highlights": [
        "Recorder app - voice recording"
      ]
    },
    {
      "company": "Tablemap LLC",
      "position": "Android Software Engineer",
      "startDate": "2011-05-01",
      "endDate": "2012-06-01",
      "highlights": [
        "Menu app for nearby cafes"
      ]
    }
  ],
  "education": []
}
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.company) for e in experience.entries] == [
        ("Android Software Engineer", "Tablemap LLC"),
        ("iOS Software Engineer", "Lanterna"),
    ]
    assert experience.total_years == 1.8


def test_a_js_data_object_with_a_null_end_and_a_comment_is_the_current_job() -> None:
    text = """\
export const experience = [
  {
    company: "Clipline",
    role: "Senior Software Engineer",
    startDate: "2022-06-01",
    endDate: null, // null means current
    achievements: [
      "Introduced structured logs"
    ]
  },
  {
    company: "Caravel",
    role: "Software Developer",
    startDate: "2019-07-01",
    endDate: "2022-06-01",
    achievements: [
      "Built the product"
    ]
  }
];
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.present) for e in experience.entries] == [
        ("Senior Software Engineer", True),
        ("Software Developer", False),
    ]
    assert experience.total_years == 7.5


def test_a_yaml_time_table_reads_titles_beside_a_year_field_and_degrees_are_not_jobs() -> None:
    """One list layout holds jobs (title / institution / year) and degrees: the degree is listed but not counted."""
    text = """\
- title: "Experience"
  type: "time_table"
  contents:
    - title: "Marketing Product Analyst"
      institution: "Northfield Telecom"
      year: "2022 – Present"
    - title: "Sales Support"
      institution: "Northfield Media"
      year: "2016 – 2022"
- title: "Education"
  type: "time_table"
  contents:
    - title: "Master of Science, Data Analytics"
      institution: "Western Online University"
      year: "2021 – 2023"
"""
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles == ("Marketing Product Analyst", "Sales Support")
    assert [e.counted for e in experience.entries if e.title == "Master of Science, Data Analytics"] == [False]
    assert experience.entries[0].company == "Northfield Telecom"
    assert experience.total_years == 11.0


def test_rows_of_a_data_table_with_months_and_years_in_cells() -> None:
    """An R tribble (or a CSV): one row per bullet, the month and the year in cells of their own."""
    text = """\
work <- tribble(
  ~title, ~unit, ~startMonth, ~startYear, ~endMonth, ~endYear, ~where, ~detail,
  "Academic Tutor", "Psychology", "February", 2023, "Present", NA, "Lakeside University", "Led tutorials",
  "Academic Tutor", "Psychology", "February", 2023, "Present", NA, "Lakeside University", "Marked essays",
  "Fitness Instructor", "Freelance", "March", 2012, "November", 2021, "Berlin", "Taught classes",
)
"""
    experience = parse_experience(text, today=AS_OF)
    assert [e.title for e in experience.entries] == ["Academic Tutor", "Fitness Instructor"]
    assert experience.total_years == 13.7

"""Years of experience: asked for in postings, shown by the dated entries of resumes."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from skillgap.skills.experience import (
    attach_years,
    find_date_ranges,
    find_years,
    parse_experience,
    union_months,
)
from skillgap.skills.models import MonthDate, ResumeProfile, YearsSource
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
        ("Jan 2019 → Mar 2021", 27),
        ("Jan 2019 -> Mar 2021", 27),
        ("2019年3月 - 2021年3月", 25),
        ("Spring 2019 – Fall 2021", 24),
        ("2019–21", 24),
        ("2020-21", 12),
        ("Da giugno 2018 a oggi", 74),  # Italian: from June 2018 to today
        ("Mag. 1997 - Nov. 1997", 7),
        ("março de 2019 até atualmente", 65),  # Portuguese: "de" between month and year
        ("maart 2020 tot heden", 53),  # Dutch
        ("Du 13 Oct 2021 à ce jour", 34),  # French: from ... to this day
        ("Ene 2020 hasta la fecha", 55),  # Spanish: to date
    ],
)
def test_date_ranges(text: str, months: int) -> None:
    [found] = find_date_ranges(f"Engineer, Acme | {text}", today=TODAY)
    assert found.end_month - found.start_month == months


def test_a_short_end_year_is_read_only_after_a_bare_year_and_later_than_it() -> None:
    assert find_date_ranges("Engineer | 2019–18", today=TODAY) == []
    assert find_date_ranges("Engineer | Jan 2019–21", today=TODAY) == []  # not a year: a day, a month?
    # A number after a range's year that does not end the line is no year: "2019-21 projects".
    assert find_date_ranges("Led 2019-21 projects", today=TODAY) == []


def test_a_since_date_between_the_tags_of_an_html_cell_runs_to_now() -> None:
    text = '<th><div>Depuis 2011 <span class="small">Ambulances St Ambroise <br/>Toulouse</span></div></th>'
    [found] = find_date_ranges(text, today=TODAY)
    assert (found.first, found.present) == ((2011, 0), True)


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
    # Mar 2018 .. Jul 2024 (77 months): the three overlapping jobs count once; education and the internship
    # do not count.
    assert experience.total_years == round(77 / 12, 1)
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


# ---------------------------------------------------------------------------------------------
# Structured entries on the layouts real resumes use (issue 16)

AS_OF = date(2026, 12, 5)


def profile_of(text: str) -> ResumeProfile:
    from skillgap.skills.extraction import TaxonomyExtractor

    return TaxonomyExtractor(Taxonomy.load()).extract_resume_sync(text, today=AS_OF)


def headers(profile: ResumeProfile) -> list[tuple[str, str, str]]:
    return [(item.title, item.company, item.location) for item in profile.experience]


LIVECAREER = """\
ACCOUNTANT
Summary
Over 10 years of experience in accounting and finance.
Experience
Senior Accountant 08/2012 to Current
Company Name - City , State
Prepared monthly reconciliations in Excel.
Managed accounts payable for 40 vendors.
Staff Accountant May 2009 to July 2012
Company Name - City , State
Prepared tax returns.
Accounting Clerk 1982 to 1990
Company Name - City , State
Kept the general ledger.
Education and Training
Bachelor of Science : Accounting , 1982 Florida International University - City , State
"""


def test_title_and_dates_on_one_line_with_the_company_line_below() -> None:
    profile = profile_of(LIVECAREER)
    assert headers(profile) == [
        ("Senior Accountant", "Company Name", "City , State"),
        ("Staff Accountant", "Company Name", "City , State"),
        ("Accounting Clerk", "Company Name", "City , State"),
    ]
    newest = profile.experience[0]
    assert newest.start == MonthDate(year=2012, month=8) and newest.current and newest.end is None
    assert newest.lines == ("Prepared monthly reconciliations in Excel.", "Managed accounts payable for 40 vendors.")
    assert "excel" in newest.skill_ids
    assert profile.experience[1].end == MonthDate(year=2012, month=7)
    assert profile.experience[2].start == MonthDate(year=1982, month=0)
    assert profile.recent_titles == ("Senior Accountant", "Staff Accountant", "Accounting Clerk")


def test_dated_jobs_over_decades_outweigh_a_summary_claim() -> None:
    """Jobs from 1982 to today: the summary's "Over 10 years" is not the total."""
    profile = profile_of(LIVECAREER)
    # 1982-1990 (8 years) + May 2009 .. Dec 2026 (17 years 8 months)
    assert profile.total_years_experience == round((8 * 12 + 212) / 12, 1)
    assert profile.years_source is YearsSource.ENTRIES
    claimed = profile_of("Summary\nAccountant with over 10 years of experience.\nSkills\nExcel\n")
    assert claimed.total_years_experience == 10.0
    assert claimed.years_source is YearsSource.SUMMARY
    assert profile_of("Python, SQL\n").years_source is YearsSource.UNKNOWN


def test_company_line_before_the_title_and_location_after_the_company() -> None:
    text = """\
EXPERIENCE
Acme Corp — Berlin
Staff Engineer
Jan 2020 – Present
• Built payment services in Go.
Globex Inc., Austin, TX
Senior Developer
2015 – 2019
• Python APIs.
"""
    profile = profile_of(text)
    assert headers(profile) == [
        ("Staff Engineer", "Acme Corp", "Berlin"),
        ("Senior Developer", "Globex Inc.", "Austin, TX"),
    ]
    assert profile.experience[0].lines == ("Built payment services in Go.",)


# Some PDF text extraction indents every line: the date alone on its line ("  Aug 2007") must not cut the range.
@pytest.mark.parametrize("indent", ["", "  "], ids=["flush", "indented"])
def test_dates_split_over_lines_by_pdf_text_extraction(indent: str) -> None:
    text = """\
Employment History
Information Technology Technician I
Aug 2007
to
Current
Company Name
－
City
,
State
Migrating and managing user accounts in Microsoft Office 365
Help Desk Analyst
Jun 2004
to
Jul 2007
Company Name
－
City
,
State
Answered tickets.
"""
    profile = profile_of(textwrap.indent(text, indent))
    assert headers(profile) == [
        ("Information Technology Technician I", "Company Name", "City , State"),
        ("Help Desk Analyst", "Company Name", "City , State"),
    ]
    assert profile.experience[0].start == MonthDate(year=2007, month=8) and profile.experience[0].current
    assert profile.experience[0].lines == ("Migrating and managing user accounts in Microsoft Office 365",)
    assert profile.total_years_experience == round((2026 * 12 + 12 - (2004 * 12 + 6) + 1) / 12, 1)


def test_present_and_two_digit_years_and_every_kind_of_bullet() -> None:
    text = """\
Work Experience
Product Designer | Blue Owl Coffee | Remote | 2019 – present
▪ Designed the ordering app.
➢ Ran user interviews.
o Wrote the style guide.
Junior Designer, Initech   Jan '17 – Mar '19
1. Drew icons.
* Made banners.
"""
    profile = profile_of(text)
    assert headers(profile) == [
        ("Product Designer", "Blue Owl Coffee", "Remote"),
        ("Junior Designer", "Initech", ""),
    ]
    assert profile.experience[0].lines == (
        "Designed the ordering app.",
        "Ran user interviews.",
        "Wrote the style guide.",
    )
    assert profile.experience[1].start == MonthDate(year=2017, month=1)
    assert profile.experience[1].end == MonthDate(year=2019, month=3)
    assert profile.experience[1].lines == ("Drew icons.", "Made banners.")


def test_columns_and_tables() -> None:
    """Two-column PDFs and tables come out as cells split by tabs or runs of spaces."""
    text = (
        "PROFESSIONAL EXPERIENCE\n"
        "Registered Nurse\tMercy Hospital\tSt. Louis, MO\t03/2016 - 11/2022\n"
        "Provided patient care on a 30-bed unit.\n"
        "Nursing Assistant          Barnes Clinic          06/2012 - 02/2016\n"
        "Assisted nurses.\n"
    )
    profile = profile_of(text)
    assert headers(profile) == [
        ("Registered Nurse", "Mercy Hospital", "St. Louis, MO"),
        ("Nursing Assistant", "Barnes Clinic", ""),
    ]


def test_titles_are_never_the_company_placeholder_or_a_sentence() -> None:
    text = """\
Experience
01/2014 to 09/2015
Company Name - City , State
Responsible for payroll and onboarding of new employees across three sites.
HR Assistant 10/2015 to Current
Company Name - City , State
"""
    profile = profile_of(text)
    titles = [item.title for item in profile.experience]
    assert titles[0] == "HR Assistant"
    assert all("Company Name" not in title and "Responsible" not in title for title in titles)


def test_education_and_volunteering_dates_are_not_jobs() -> None:
    text = """\
Experience
Data Analyst, Foo Ltd    2020 - 2023
Volunteer Experience
Mentor, Code Club   2010 - 2018
Education
MSc Statistics, University of Bar
2016 - 2018
BSc Mathematics, University of Baz, 2012 - 2016
"""
    profile = profile_of(text)
    assert [item.title for item in profile.experience] == ["Data Analyst"]
    assert profile.total_years_experience == 3.0
    assert [item.degree for item in profile.education] == ["MSc", "BSc"]


def test_markdown_and_html_resumes() -> None:
    text = """\
## <i class="fa fa-briefcase"></i> Experience

### michelada.io
*(February 2019 - Present)*<br/>
**Staff Software Engineer**

### Percona -  Senior Technical Services Engineer _[main position]_
> Buenos Aires, Argentina
> August 2016 - January 2019

<h2>July 2014 to May 2016: Battalion Operations Officer (Marine Corps)</h2>
<p>Managed $32,000 in liquid assets.</p>
"""
    profile = profile_of(text)
    assert headers(profile) == [
        ("Staff Software Engineer", "michelada.io", ""),
        ("Senior Technical Services Engineer [main position]", "Percona", "Buenos Aires, Argentina"),
        ("Battalion Operations Officer", "Marine Corps", ""),
    ]


def test_a_resume_flattened_onto_one_line() -> None:
    """Some exports run a whole resume together: the title before each date, the company after it."""
    text = (
        "INDEPENDENT DESIGNER Professional Summary Results driven design professional with a long record of "
        "accomplished results in retail and workplace projects for national clients. Skills Space Planning "
        "AutoCAD Work History INDEPENDENT DESIGNER , 04/2020 to Current Company Name – City , State Create site "
        "and fixture plans utilizing AutoCAD for real estate developers. SPECIFICATIONS MANAGER , 01/2015 to "
        "03/2020 Company Name – City , State Traveled extensively throughout my territory."
    )
    profile = profile_of(text)
    assert headers(profile) == [
        ("INDEPENDENT DESIGNER", "Company Name", "City , State"),
        ("SPECIFICATIONS MANAGER", "Company Name", "City , State"),
    ]


def test_open_ended_and_since_dates_run_to_today() -> None:
    text = (
        "Experience\n2018-        Salsify ---------------- Boston, MA\n2016-2018    Cinch Financial ----- Boston, MA\n"
    )
    # A Word table's cells come apart by a tab: "2018-<tab>Salsify" is as open as "2018-    Salsify".
    for written in (text, text.replace("-        ", "-\t").replace("2018    ", "2018\t")):
        profile = profile_of(written)
        assert [(item.company, item.location, item.current) for item in profile.experience] == [
            ("Salsify", "Boston, MA", True),
            ("Cinch Financial", "Boston, MA", False),
        ]
    since = profile_of("Experience\n#### Since 2013\nTechnical Director at ECM.\n")
    assert since.experience[0].start == MonthDate(year=2013, month=0) and since.experience[0].current


def test_company_before_the_title_on_a_date_line() -> None:
    """ "2021-present CRDF Cybersecurity Instructor": an acronym before a title is the employer, a usual
    title qualifier ("SOC Engineer") is not."""
    text = """\
## 💼 Work Experience
- 2019-present SOC Engineer at SCPC SSSCIP
  - Incident triage
- 2021-present CRDF Cybersecurity Instructor
  - Conducting training and CTF competitions
"""
    profile = profile_of(text)
    assert [(item.title, item.company) for item in profile.experience] == [
        ("Cybersecurity Instructor", "CRDF"),
        ("SOC Engineer", "SCPC SSSCIP"),
    ]
    assert profile.recent_titles[0] == "Cybersecurity Instructor"


FRENCH = """\
## 🎯 Profil
Après plus de 12 ans d'expérience dans le digital, je me réoriente vers les systèmes et réseaux.

## 💼 Expériences Professionnelles

### Reconversion professionnelle / Wild Code School
*📅 Fev 2026 - Maintenant*
*- Formation intensive "Technicien Systèmes et Réseaux" (TSSR).*

### Chargé de Communication / URPS Pays de la Loire
*📅 Jan 2025 - Jan 2026 / Nantes (44)*
*- Élaboration et suivi des plans de communication.*

### Social Media Manager / CAMPING-CAR-PARK
*📅 Oct 2023 - Sept 2024 / Pornic (44)*
*- Gestion de la stratégie social media B2C et B2B.*

## 🎓 Diplômes

### BTS Management
*📅 2013*
"""


def test_a_french_resume_with_emoji_headings() -> None:
    """French months and "Maintenant", "Title / Company" headers, emoji before the headings; a retraining
    course listed among the jobs counts for neither the total nor the recent title."""
    profile = profile_of(FRENCH)
    assert [(item.title, item.company) for item in profile.experience] == [
        ("", "Reconversion professionnelle / Wild Code School"),
        ("Chargé de Communication", "URPS Pays de la Loire"),
        ("Social Media Manager", "CAMPING-CAR-PARK"),
    ]
    assert profile.experience[0].start == MonthDate(year=2026, month=2) and profile.experience[0].current
    assert profile.recent_titles[0] == "Chargé de Communication"
    # Jan 2025 .. Jan 2026 (13 months) + Oct 2023 .. Sep 2024 (12 months)
    assert profile.total_years_experience == round(25 / 12, 1)
    assert [(item.degree, item.field, item.year) for item in profile.education] == [("BTS", "Management", 2013)]


def test_chinese_headings_and_dates() -> None:
    text = """\
### <i class="fas fa-tag"></i> 关于我
李文博/男/1995
本科/忻州师范大学计算机系/网络工程 2013.9 - 2017.6
### <i class="fas fa-list"></i> 工作经历
#### 杭州玄籍网络科技有限公司 2017.10 - 2019.3
* ###### 项目描述:
    Mobgeek API是基于移动互联网的效果广告平台。
#### 浪潮通信信息系统有限公司 2016.10 - 2017.9
* ###### 主要职责:
    1. 负责CMS模块的需求分析和项目构建；
"""
    profile = profile_of(text)
    assert [item.company for item in profile.experience] == ["杭州玄籍网络科技有限公司", "浪潮通信信息系统有限公司"]
    assert profile.total_years_experience == round((18 + 12) / 12, 1)


def test_two_roles_under_one_company_line() -> None:
    text = """\
Experience
Globex Corporation, Austin, TX
Senior Engineer   2019 - 2021
Engineer   2016 - 2019
- Built the billing service.
Initech
Analyst   2014 - 2016
- Reports.
"""
    profile = profile_of(text)
    assert headers(profile) == [
        ("Senior Engineer", "Globex Corporation", "Austin, TX"),
        ("Engineer", "Globex Corporation", "Austin, TX"),
        ("Analyst", "Initech", ""),
    ]


def test_a_job_dated_with_one_month_or_one_year() -> None:
    text = """\
## Past Experience

### UDE - Associate Professor
> La Plata, Argentina
> June 2016

### 2ndQuadrant - PostgreSQL consultant
> Buenos Aires, Argentina
> February 2014 - January 2015

### Chicago Portfolio School
#### Instructor
- 2013
- Taught a 10-week course on UX design.
"""
    profile = profile_of(text)
    assert [(item.title, item.company, item.start, item.end) for item in profile.experience] == [
        ("Associate Professor", "UDE", MonthDate(year=2016, month=6), MonthDate(year=2016, month=6)),
        ("PostgreSQL consultant", "2ndQuadrant", MonthDate(year=2014, month=2), MonthDate(year=2015, month=1)),
        ("Instructor", "Chicago Portfolio School", MonthDate(year=2013, month=0), MonthDate(year=2013, month=0)),
    ]
    # 1 month + 12 months + half of 2013
    assert profile.total_years_experience == round(19 / 12, 1)


def test_a_single_date_without_a_title_is_no_job() -> None:
    profile = profile_of("## Experience\n### Acme\n- Shipped the app in 2019.\n- 2019\n")
    assert profile.experience == ()


def test_a_job_written_as_a_sentence() -> None:
    text = """\
### WORKING EXPERIENCES

#### 2020 - Now

He is a Technical Director at ECM - A young & wild e-commerce company.

#### Since 2013

He worked for many companies in various business domains.
"""
    profile = profile_of(text)
    assert [(item.title, item.company) for item in profile.experience] == [("Technical Director", "ECM"), ("", "")]
    assert profile.recent_titles == ("Technical Director",)


def test_a_job_stated_without_dates_gives_the_title_only() -> None:
    text = """\
### Soft Skills:
- result oriented, teamworker, fast learner
- have a job: air traffic controller
### Tech Skills:
- HTML5
"""
    profile = profile_of(text)
    assert profile.recent_titles == ("air traffic controller",)
    assert profile.experience == () and profile.total_years_experience is None


def test_internships_count_for_neither_total_nor_title_unless_there_is_nothing_else() -> None:
    text = """\
## Work Experience
### **Student Assistant**
📅 **08/2021 – 02/2022**
🏛️ **IUS, Sarajevo**
### **Internship Engineer**
📅 **02/2021 – 06/2021**
🏛️ **IUS (RDC), Sarajevo**
### **Graphic Designer; previously Graphic Design Intern**
📅 **07/2019 – 12/2019**
"""
    profile = profile_of(text)
    assert len(profile.experience) == 3
    assert profile.total_years_experience == round((7 + 6) / 12, 1)
    assert profile.recent_titles[:2] == ("Student Assistant", "Graphic Designer; previously Graphic Design Intern")
    only = profile_of("Experience\nSoftware Engineering Intern, Acme   06/2023 – 08/2023\n")
    assert only.total_years_experience == 0.2 and only.recent_titles == ("Software Engineering Intern",)


@pytest.mark.parametrize(
    "internship",
    [
        "Tirocinante sviluppatore",
        "Estagiário de TI",
        "Stagiair marketing",
        "Stagista",
        "Becario de sistemas",
        # placement words people write that were missing (the twenty-fourth session's list)
        "Apprentie serveuse",
        "Kesäharjoittelija",
        "Pasante de sistemas",
        "Стажёр-разработчик",
        "OJT",
        "Masterand Softwareentwicklung",
        "Year in Industry Placement",
        "Lærling",
    ],
)
def test_an_internship_in_another_language_is_not_counted(internship: str) -> None:
    text = f"Experience\nSoftware Developer, Acme   01/2022 – 12/2023\n{internship}, Globex   06/2021 – 08/2021\n"
    profile = profile_of(text)
    assert len(profile.experience) == 2
    assert profile.total_years_experience == 2.0  # the internship's three months are not counted


def test_experience_headings_written_as_plain_lines_hold_the_jobs_under_them() -> None:
    # A markdown CV printed to PDF keeps no "##": "Current positions" and "Past Experience" are plain lines after a
    # "Certifications" heading, and the jobs under them are still jobs.
    text = """\
Certifications
PostgreSQL 9.4 Associate Certification

Current positions
Percona - Senior Technical Services Engineer
August 2016 - Current

Past Experience
Pythian - Lead DB Consultant
January 2015 - June 2016
"""
    profile = profile_of(text)
    assert profile.recent_titles[:2] == ("Senior Technical Services Engineer", "Lead DB Consultant")
    assert len(profile.experience) == 2


def test_the_word_that_opens_a_range_is_no_title_nor_employer() -> None:
    text = """\
Expériences professionnelles
De Octobre 2016 à Décembre 2016 : Infirmière, CH Esquirol à Limoges
De Beers Group, Johannesburg
Analyste   2014 - 2015
"""
    profile = profile_of(text)
    assert [(e.title, e.company) for e in profile.experience][0] == ("Infirmière", "CH Esquirol à Limoges")
    # an employer whose name begins with the word keeps it
    assert profile.experience[1].title == "Analyste" and profile.experience[1].company.startswith("De Beers Group")


def test_an_unknown_heading_ends_the_section_above_it() -> None:
    """ "## 📝 About Me" and "## Frameworks" are not the jobs or courses above them; a job title under the
    experience heading that names "Experience" is no heading."""
    text = """\
## Experience
### Critical Mass
#### Experience Architect
- Aug 2011 - Dec 2014
- Led the UX for a product design.
## Frameworks
- MITRE ATT&CK
## 📝 About Me
Designer since 2011.
"""
    profile = profile_of(text)
    assert [(item.title, item.company) for item in profile.experience] == [("Experience Architect", "Critical Mass")]
    assert profile.experience[0].lines == ("Led the UX for a product design.",)
    assert profile.total_years_experience == round(41 / 12, 1)


def test_director_of_a_department_is_a_title() -> None:
    text = """\
## Experience
### The Studio for Digital Craftsmanship (S4DC)
#### Director of UX Design Systems
- Mar 2017 - Jan 2019
"""
    assert headers(profile_of(text)) == [
        ("Director of UX Design Systems", "The Studio for Digital Craftsmanship (S4DC)", "")
    ]


def test_icons_before_the_company_and_a_country_of_several_words() -> None:
    text = """\
## 🏢 Work Experience
### **Student Assistant**
📅 **08/2021 – 02/2022**
🏛️ **IUS, Sarajevo, Bosnia and Herzegovina**
"""
    assert headers(profile_of(text)) == [("Student Assistant", "IUS", "Sarajevo, Bosnia and Herzegovina")]


def test_a_data_object_of_jobs_oldest_first() -> None:
    """A JS page's jobs: fields between braces, the title field holding the employer too, one job held over two
    ranges, an employer that is a university, oldest first."""
    text = """\
export default [
    {
        title: "London Drugs #74 – Pharmacy Assistant",
        location: "Vancouver, BC, Canada",
        dates: "Aug 2019 – Jan 2020",
    },
    {
        title: "Rexall #7174 – Community Pharmacy Intern",
        dates: "May 2021 – Jun 2021, Sept 2021 – Oct 2021",
    },
    {
        position: "Information Systems Assistant",
        company: "University of West London",
        duration: "Mar 2022 - Present",
        details: "Provided administrative and systems support"
    },
]
"""
    profile = profile_of(text)
    assert headers(profile) == [
        ("Information Systems Assistant", "University of West London", ""),
        ("Community Pharmacy Intern", "Rexall #7174", ""),
        ("Community Pharmacy Intern", "Rexall #7174", ""),
        ("Pharmacy Assistant", "London Drugs #74", "Vancouver, BC, Canada"),
    ]
    assert profile.recent_titles[0] == "Information Systems Assistant"


def test_a_job_in_an_html_table() -> None:
    text = """\
<h6 class="title">Work History</h6>
<table class="table">
    <tr class="text-primary">
        <td colspan="3"><b>Registered Nurse (RN)</b></td>
    </tr>
    <tr>
        <td>
            10/2014 - 02/2015
        </td>
        <td>
            Bethesda Cardiovascular
        </td>
        <td class="text-right">
            Boynton Beach, FL
        </td>
    </tr>
</table>
"""
    assert headers(profile_of(text)) == [("Registered Nurse (RN)", "Bethesda Cardiovascular", "Boynton Beach, FL")]


def test_a_form_of_labelled_fields() -> None:
    """ "Organization :", "Designation:", "Duration :" lines, a month joined to its year by a hyphen, "till now"."""
    text = """\
WORKING EXPERIENCE

Organization : Vividhta Solution

Designation: Lead Recruitment (IT & Non IT)

Department : Recruitment

Location : Delhi
Duration : April 2019 to till now

Organization : S.G MANAGEMENT CONSULTANCY
Designation: HR Recruiter (Non IT)

Duration July-2018 to April 2019
"""
    profile = profile_of(text)
    assert headers(profile) == [
        ("Lead Recruitment (IT & Non IT)", "Vividhta Solution", "Delhi"),
        ("HR Recruiter (Non IT)", "S.G MANAGEMENT CONSULTANCY", ""),
    ]
    assert profile.experience[0].current and profile.experience[1].start == MonthDate(year=2018, month=7)


def test_a_date_nested_under_its_job_bullet() -> None:
    text = """\
Work experience
======
* Technical Business Analyst, [SUNY Farmingdale State College](https://www.farmingdale.edu/)
  * January 2024 - Present
  * Design and build self-service Power BI reporting dashboards for stakeholders across departments.

* Human Resources Manager, [Wipro](https://www.wipro.com/)
  * July 2022 - June 2023
  * Class Representative
"""
    assert headers(profile_of(text)) == [
        ("Technical Business Analyst", "SUNY Farmingdale State College", ""),
        ("Human Resources Manager", "Wipro", ""),
    ]


def test_client_assignments_inside_a_consultancy_job_are_no_jobs() -> None:
    """A bracket or a slash stays in the title when the line names the employer after it."""
    text = """\
## Professional Experience

### DevOps Engineer — AFRY Digital Solutions AB
*May 2025 – Present  |  Stockholm, Sweden*

**Assignment: Ericsson AB — CI Engineer, Tiger Test Tools (Sep 2025 – Present)**
- Maintain and support the end-to-end CI flow.

### Senior AEM Administrator (Cloud) — ICF Next
*Sep 2015 – Jan 2017  |  Bangalore, India*

### Unix / Linux Systems Administrator — HP Enterprise Services
*Nov 2011 – Aug 2015  |  Bangalore, India*
"""
    profile = profile_of(text)
    assert headers(profile) == [
        ("DevOps Engineer", "AFRY Digital Solutions AB", "Stockholm, Sweden"),
        ("Senior AEM Administrator (Cloud)", "ICF Next", "Bangalore, India"),
        ("Unix / Linux Systems Administrator", "HP Enterprise Services", "Bangalore, India"),
    ]
    assert profile.recent_titles[0] == "DevOps Engineer"


def test_employment_type_and_html_entities_around_the_title() -> None:
    text = """\
## Experience
**CVS Pharmacy** - Full-Time; Certified Pharmacy Technician
*January 2024 - Present*
Arcadia, CA

**RITE AID** &bull; Full-Time; Sales Supervisor
*September 2022 - May 2023*
"""
    assert [(item.title, item.company) for item in profile_of(text).experience] == [
        ("Certified Pharmacy Technician", "CVS Pharmacy"),
        ("Sales Supervisor", "RITE AID"),
    ]


def test_jobs_under_a_projects_heading_when_there_is_no_experience_heading() -> None:
    text = """\
# Data engineer
#### Profile
Working in IT since 1997.
### 💼 Projects
#### Data engineer <a href="https://www.booking.com/" target="_blank">Booking.com</a> (2023-10 - now)
- Built etl-pipelines.
#### Data warehouse developer <a href="https://www.rabobank.nl/">Rabo Nederland</a> (2015-11 - 2017-06)
- Built deployment automation.
"""
    profile = profile_of(text)
    assert [(item.title, item.company) for item in profile.experience] == [
        ("Data engineer", "Booking.com"),
        ("Data warehouse developer", "Rabo Nederland"),
    ]


def test_a_year_in_a_cell_and_a_job_dated_on_two_lines() -> None:
    """ "**Head of Products** | 2025 | [Company Link](...)" is a job of 2025; a range written on the location line
    and again on the title line is one job; an icon's name ("carbon:location-heart-filled") and a link's "Company
    Link" are no words of the header; "Nantes (44)" is a place."""
    text = """\
## Expériences

### Heya
**carbon:location-heart-filled** Brussels / full remote – 2025
**Head of Products** | 2025 | [Company Link](https://hereyouart.com/)

- Audit complet du projet

### Groupe Actual
**carbon:location-heart-filled** Paris / Laval / Full remote – 2023 – 2024
**Senior Product Manager** | 2023 - 2024 | [Company Link](https://www.groupeactual.eu/)

### Chargé de Communication / URPS Pays de la Loire
*📅 Jan 2020 - Jan 2021 / Nantes (44)*
"""
    profile = profile_of(text)
    assert headers(profile) == [
        ("Head of Products", "Heya", "Brussels / full remote"),
        ("Senior Product Manager", "Groupe Actual", "Paris / Laval / Full remote"),
        ("Chargé de Communication", "URPS Pays de la Loire", "Nantes (44)"),
    ]
    assert profile.total_years_experience == round((6 + 12 + 13) / 12, 1)  # 2025, 2023 – 2024, Jan 2020 - Jan 2021


def read(text: str) -> list[tuple[str, str, tuple[int, int], tuple[int, int] | None]]:
    """(title, company, first, last) of each entry, newest first."""
    return [(e.title, e.company, e.first, e.last) for e in parse_experience(text, today=AS_OF).entries]


def test_a_job_as_a_data_object_with_start_and_end_fields() -> None:
    """JSON Resume, Hugo widgets and JS pages write a job as an object: `startDate`/`endDate` fields (MM/DD/YYYY,
    ISO dates, "present"), the title and company anywhere in the object, a nested location, a title whose value
    is on the next line; the education array's objects are no jobs."""
    js = """\
export const cv = {
  jobs: [
    {
      company: "willhaben internet service GmbH & Co KG",
      title: "Engineering Team Lead",
      description:
        "Responsible for leading a cross-functional engineering team (frontend, backend, SRE, QA).",
      location: {
        country: {
          id: "at",
          name: "Austria",
        },
        city: "Vienna",
      },
      startDate: "10/01/2018",
      endDate: "present",
    },
    {
      company: "Universidad de Alcalá",
      title:
        "Web developer for the student union",
      startDate: "2008",
      endDate: "2010",
    },
  ],
  education: [
    {
      school: "Fachhochschule Technikum Wien",
      degree: "Bachelor of Science in Engineering (BSc) Business Informatics",
      startDate: "2013",
      endDate: "2017",
    },
  ],
};
"""
    assert read(js) == [
        ("Engineering Team Lead", "willhaben internet service GmbH & Co KG", (2018, 10), None),
        ("Web developer for the student union", "Universidad de Alcalá", (2008, 0), (2010, 0)),
    ]
    yaml = """\
experience:
  - title: Intern - Software Engineering for Cyber Security
    company: Siemens Corporate Technology
    location: New Jersey, USA
    date_start: '2017-05-01'
    date_end: '2017-08-31'
    description: Modelled and developed security aware communication between autonomous production machines.

  - title: Software Engineer
    company: Robert Bosch
    date_start: '2011-06-01'
    date_end: ''
"""
    experience = parse_experience(yaml, today=AS_OF)
    assert [(e.title, e.company, e.first, e.present) for e in experience.entries] == [
        ("Software Engineer", "Robert Bosch", (2011, 6), True),  # an empty end: the current job
        ("Intern - Software Engineering for Cyber Security", "Siemens Corporate Technology", (2017, 5), False),
    ]
    assert experience.recent_titles[0] == "Software Engineer"


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("10/01/2018 - 03/01/2020", (2018, 10), (2020, 3)),  # the 1st of the month: month first
        ("01/10/2018 - 01/03/2020", (2018, 10), (2020, 3)),  # the 1st of the month: day first
        ("13.05.2018 - 01.10.2019", (2018, 5), (2019, 10)),  # dots: day first
        ("2011-06-01 - 2014-07-31", (2011, 6), (2014, 7)),
        ("(16th Jan 2017 to till 30th Aug 2018)", (2017, 1), (2018, 8)),  # "to till <date>" is "until"
        ("(04th Mar 2016 to 03 Jan 2017)", (2016, 3), (2017, 1)),
        ("January – December 2016", (2016, 1), (2016, 12)),  # the start takes the end's year
        ("November – February 2016", (2015, 11), (2016, 2)),
    ],
)
def test_full_dates_days_and_a_year_written_once(written: str, first: tuple[int, int], last: tuple[int, int]) -> None:
    ranges = find_date_ranges(written, today=AS_OF)
    assert [(r.first, r.last) for r in ranges] == [(first, last)]


def test_a_lower_case_may_is_no_month_without_its_year() -> None:
    assert find_date_ranges("you may - June 2016 was", today=AS_OF) == []


def test_jobs_written_as_sentences_around_their_dates() -> None:
    """Docx and dataset resumes write a job as a sentence: "Working as a UI Developer for X from July 2020",
    "Worked with X as Sr. Sales Executive. (04th Mar 2016 to 03 Jan 2017)"; a range may run over two lines."""
    text = """\
Working Experience:
\tWorking as a UI Developer for METROLABS SERVICES PVT. LTD. from July 2020 -Present.
\tWorked as a Front-end Developer for AMBESTTECH SOLUTION from October 2019 –\x20
\tJune 2020.

Worked with ICICI Merchant services (Hgs Payroll) As Sales Manager. (16th Jan 2017 to till 30th Aug 2018)
Nature of Work:
â\x80¢ Sales OF POS EDC Machine, SME Loan, Loan against electronic payment.

Worked with Mahal Pvt Ltd. as Sr. Sales Executive. (04th Mar 2016 to 03 Jan 2017)
"""
    assert [(title, company) for title, company, _, _ in read(text)] == [
        ("UI Developer", "METROLABS SERVICES PVT. LTD."),
        ("Front-end Developer", "AMBESTTECH SOLUTION"),
        ("Sales Manager", "ICICI Merchant services (Hgs Payroll)"),
        ("Sr. Sales Executive", "Mahal Pvt Ltd."),
    ]


def test_the_current_job_of_a_resume_that_dates_none() -> None:
    """Dataset rows give durations, not dates ("11 MONTH", "Consultant: 3 months"): no dated job. The current job is
    the one stated as current, else a "<Title> - <Company>" line; a headline alone ("Data Science Consultant") is
    none."""
    stated = """\
Education Details

Sales manager


Skill Details
SALES- Exprience - 36 months
company - Bajaj finance
description - SBI BANK AS A OFFICE ASSISTENCE FOR 1 YEAR
Bajaj Finserv Ltd AS An Assistant Sales Manager 11 MONTH
At present working in Bajaj Housing Finance Ltd AS An Assistant Sales Manager
"""
    experience = parse_experience(stated, today=AS_OF)
    assert experience.total_years is None
    assert experience.recent_titles == ("Assistant Sales Manager",)
    header = """\
Skills R, Python, SAP HANA Education Details
January 2017 to January 2018 PGDM Business Analytics  Great Lakes Institute of Management
Data Science Consultant

Consultant - Deloitte USI
Skill Details
SQL- Exprience - Less than 1 year months
company - Deloitte USI
Project Name: Handwriting recognition
Consultant: 3 months.
"""
    assert parse_experience(header, today=AS_OF).recent_titles == ("Consultant",)
    assert parse_experience("Data Science Consultant\n\nSkills\nPython, SQL\n", today=AS_OF).recent_titles == ()


def test_headings_run_into_a_flattened_resume() -> None:
    """A LiveCareer blob runs its headings into the text: "... Asset Management Professional Experience Director of
    Information Technology 11/2012 to Current"; an "Affiliations" heading ends the jobs ("Member of SHRM 2013 -
    Present" is no job); "Customer Experience Manager" is a title, not a heading."""
    text = (
        "DIRECTOR OF INFORMATION TECHNOLOGY Executive Profile Innovative executive and technology professional with "
        "strong work ethic. Skill Highlights VMware ESXi Help Desk ITIL Service Catalog Vendor Management Budgeting "
        "Project Management Asset Management Professional Experience Director of Information Technology 11/2012 to "
        "Current Company Name City , State Developed and implemented the IT strategy for the organization including "
        "software, support and infrastructure Customer Experience Manager 03/2008 to 11/2012 Company Name City , "
        "State Planned, installed and managed Microsoft domain environment Education Bachelor of Science : "
        "Management Information Systems Cardinal Stritch University City , State Accounting Assistant Affiliations "
        "Member of Society for Human Resource Management (SHRM) 2013 - Present Secretary for Young Professionals "
        "Group committee with HEUG 2014 - Present"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.first) for e in experience.entries] == [
        ("Director of Information Technology", (2012, 11)),
        ("Customer Experience Manager", (2008, 3)),
    ]


def test_a_title_after_the_place_and_a_mojibake_dash() -> None:
    """LiveCareer PDF text puts the title after "Company Name － City , State", the dash read as Latin-1."""
    text = """\
Experience
09/2010 - 04/2011
Company Name ï¼\x8d City , State Food Prep Chef
Followed all established restaurant practices and procedures.
Carefully maintained sanitation, health and safety standards in all work areas
01/2015 - 05/2015
Company Name ï¼\x8d City , State Line Cook
Cooked food properly and in a timely fashion, using safety precautions
"""
    assert [(e.title, e.company, e.location) for e in parse_experience(text, today=AS_OF).entries] == [
        ("Line Cook", "Company Name", "City , State"),
        ("Food Prep Chef", "Company Name", "City , State"),
    ]


def test_a_career_break_listed_among_the_jobs_is_no_job() -> None:
    text = """\
## **Professional Experience**

**Career Sabbatical (Family Care)** | *Greater Manchester*
*Nov 2023 – Present*
*   Took a planned career break to manage complex family care logistics.

**Implementation & Support Specialist** | **360insights** (SaaS)
*May 2023 – Nov 2023*
*   Provided Tier 2/3 technical support for enterprise clients during platform implementation.
"""
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles == ("Implementation & Support Specialist",)
    assert experience.total_years == 0.6


def test_a_blank_line_ends_a_block_whose_title_is_above_its_dates() -> None:
    """Title / company / range blocks apart by blank lines: the next block's lines are not this job's company."""
    text = """\
EXPERIENCE
----------

Freelance Designer-Developer
Alex Bloom
July 2011–Present

Founder + Partner
Morf Studio
January – December 2016

Creative Director
The Woolley Market, Sedro-Woolley, WA
January 2014–June 2014
"""
    assert [(title, company) for title, company, _, _ in read(text)] == [
        ("Freelance Designer-Developer", "Alex Bloom"),
        ("Founder + Partner", "Morf Studio"),
        ("Creative Director", "The Woolley Market"),
    ]


def test_a_table_row_dates_its_job_with_two_full_dates_in_from_and_to_columns() -> None:
    """A pasted table: "From" and "To" columns hold DD/MM/YYYY dates apart by spaces only."""
    text = """\
Work Experience
Sr. No.   Name of Organization          Designation       From          To
1.        Shree Ram Arts College        Lecturer          14/06/2017    30/04/2019
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(e.first, e.last) for e in experience.entries] == [((2017, 6), (2019, 4))]
    assert experience.total_years == 1.9


def test_a_date_leading_a_heading_before_a_colon_dates_that_job() -> None:
    """'### 2024: Teaching Assistant, Algoma University': a year (or a season and year) leads the job's line."""
    text = """\
Work Experience
======

> ### 2024: Teaching Assistant, Lakehead University
> * Marked weekly assignments

> ### Winter 2020: Junior Web Developer (Internship), Brightside Labs
> * Built a React front end

> ### 2017-2019: Emergency Call Taker, City Paramedic Services
> * Answered 911 calls
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.first, e.last) for e in entries] == [
        ((2024, 0), (2024, 0)),
        ((2020, 0), (2020, 0)),
        ((2017, 0), (2019, 0)),
    ]
    assert entries[0].title == "Teaching Assistant"
    assert entries[1].company != "Winter"


@pytest.mark.parametrize(
    ("line", "first"),
    [
        ("\\cventry{seit Feb. 2016}{Systemadministrator}{Allpower AG}{Aarau}{}{}", (2016, 2)),
        ("| seit 03/2019 | Freischaffende Illustratorin, Atelier Nord |", (2019, 3)),
        ("Operations Lead, Harbour Freight Ltd., since March 2021", (2021, 3)),
    ],
)
def test_since_set_apart_as_a_field_starts_a_job_that_runs_to_now(line: str, first: tuple[int, int]) -> None:
    ranges = find_date_ranges(line, today=AS_OF)
    assert [(r.first, r.present) for r in ranges] == [(first, True)]


def test_since_inside_a_sentence_is_no_job() -> None:
    """'I have worked in IT since 1997.' says years, not a job that runs to now."""
    assert find_date_ranges("Working in IT since 1997. Worked for banks and telecoms.", today=AS_OF) == []


def test_still_ends_a_range_that_runs_to_now() -> None:
    ranges = find_date_ranges("HR Executive, Bharat Textiles   Jan 2019 to Still", today=AS_OF)
    assert [(r.first, r.present) for r in ranges] == [((2019, 1), True)]


def test_from_a_date_in_a_present_tense_sentence_about_the_job_runs_to_now() -> None:
    """'I'm doing a job as a Lecturer ... from Nov 2018.' reads like 'since': the current job."""
    text = "I'm doing a job as a Lecturer in Fine Arts at Sant Gadge College, Amravati from Nov 2018."
    ranges = find_date_ranges(text, today=AS_OF)
    assert [(r.first, r.present) for r in ranges] == [((2018, 11), True)]
    assert find_date_ranges("I worked at the museum from Nov 2018 to June 2020.", today=AS_OF)[0].present is False


def test_a_service_and_leadership_section_holds_no_jobs() -> None:
    """academicpages' 'Service and leadership' heading (and 'Community and Leadership'): club and board roles."""
    text = """\
Work experience
======
* Rates Strategist, Eastbridge Securities, 01/2019-09/2020
  * Built rates forecasting models

Service and leadership
======
* Training Officer, Finance Club, 09/2020-present

### Community and Leadership
* Springfield Web Meetup Coordinator, 2015-16
"""
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles == ("Rates Strategist",)
    assert experience.total_years == 1.8


def test_a_current_position_slot_naming_a_dated_jobs_company_gives_it_its_title() -> None:
    """A dataset row writes '<Title> - <Company>' above the jobs; the dated job at that company holds only duties."""
    text = """\
Education Details
January 2010 Advance Diploma in Hotel Management   Westgate Institute
Fitness Centre Manager

Fitness Centre Manager - Pulse Fitness Centre
Skill Details
Company Details
company - Pulse Fitness Centre
description - 2015 - Present	Sales, Fitness, Operations
company - Ironworks Gym
description - Sales, Administration
"""
    assert parse_experience(text, today=AS_OF).recent_titles == ("Fitness Centre Manager",)


def test_an_undated_current_position_slot_may_name_its_place() -> None:
    """'Group Fitness Instructor, India - Columbia University' with no date: the current title, place and all."""
    text = """\
Education Details
January 2018 M.S. Nutrition and Exercise Physiology   Teachers College, Columbia University
Group Fitness Instructor, India - Columbia University
Company Details
company - Columbia University
description - Present
"""
    assert parse_experience(text, today=AS_OF).recent_titles == ("Group Fitness Instructor, India",)


def test_one_title_with_the_same_dates_at_two_employers_is_two_jobs() -> None:
    text = """\
Work Experience:
=====
* Inter-American Development Bank
  * Consultant at the Labor Markets Division, Mar 2016-Aug 2016
* The World Bank
  * Consultant at the Development Research Group, Mar 2016-Aug 2016
"""
    assert len(parse_experience(text, today=AS_OF).entries) == 2


def test_bold_runs_set_the_title_apart_from_the_employer_on_one_line() -> None:
    """'**Arup** (Toronto, ON, Canada) **Structural engineer intern**': the bold runs are the pieces."""
    text = """\
_Work experience_
======
* **2021.01 – present**
   **Ove Partners** (Toronto, ON, Canada) **Structural Engineer**,
   * Wrote calculation reports and reviewed drawings
"""
    assert parse_experience(text, today=AS_OF).recent_titles == ("Structural Engineer",)


def test_the_role_a_dated_sentence_names_after_as_is_the_title() -> None:
    """'Working as HR Executive from Jan 2019 to Still.': the title is the role after "as", not the sentence."""
    text = """\
Company Details
company - Deccan Forge Ltd
description - Working as HR Executive from Jan 2019 to Still. Handling payroll and joining formalities.
"""
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles == ("HR Executive",)
    assert experience.entries[0].present


def test_a_title_for_a_project_is_the_part_before_for() -> None:
    text = """\
Work Experience:
=====
* Stone Center on Socio-Economic Inequality
  * Research assistant for the Graduate Center Wealth Project, Jan 2018-
"""
    assert parse_experience(text, today=AS_OF).recent_titles == ("Research assistant",)


def test_a_label_before_a_colon_is_no_title() -> None:
    """'Supervisor: Daniel Wilson' in the job above: a field's label, not the newest job's title."""
    text = """\
* October 2024 - May 2025: Language Technology Intern
  * XRI Global
  * Supervisor: Daniel Walsh

* January 2025 - present: Consumer Service Coordinator
  * North Valley Regional Center
  * Supervisor: Maria Lopez
"""
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Consumer Service Coordinator"


def test_roles_under_one_dated_employer_heading_each_take_its_dates() -> None:
    """'<h3>Library <small>2010 - 2012</small></h3>' over two '<p><strong>Role</strong></p>' lines: two jobs; a block
    written like the employer heading below ends the roles."""
    text = """\
<h2>Experience</h2>
<h3>Ann Arbor Public Library <small>2010 - 2012</small></h3>
<p><strong>Information Desk Clerk</strong> </p>
<ul>
  <li>Troubleshooting for public computer terminal users</li>
</ul>
<p><strong>Book Processor</strong></p>
<ul>
  <li>Shelving and check-in of library materials</li>
</ul>
<h3>Town Choir Board (2009)</h3>
<p><strong>Music Committee Chair</strong></p>
"""
    assert [(title, first, last) for title, _, first, last in read(text)] == [
        ("Information Desk Clerk", (2010, 0), (2012, 0)),
        ("Book Processor", (2010, 0), (2012, 0)),
    ]


@pytest.mark.parametrize(
    ("written", "read_as"),
    [("Sept 2019 -- Août 2019", [((2019, 8), (2019, 9))]), ("Oct 08 - Jan 08", [])],
)
def test_an_end_a_few_months_before_its_start_in_one_year_is_read_swapped(
    written: str, read_as: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    """Two months written in the wrong order are swapped; an end far before the start is another slip, dropped."""
    assert [(r.first, r.last) for r in find_date_ranges(written, today=AS_OF)] == read_as


def test_a_json_resume_end_date_written_above_its_start_date_ends_that_job() -> None:
    # JSON Resume files are often saved with their keys sorted: "endDate" comes before "startDate".
    text = """{
  "work": [
    {
      "company": "Tailspin Toys",
      "endDate": "2018-09-30",
      "highlights": [
        "Wrote the UI test suite"
      ],
      "position": "Automation Engineer",
      "startDate": "2017-03-31"
    }
  ]
}
"""
    [entry] = parse_experience(text, today=TODAY).entries
    assert (entry.first, entry.last, entry.present) == ((2017, 3), (2018, 9), False)


def test_a_json_resume_volunteer_list_holds_no_jobs() -> None:
    text = """{
  "work": [
    {
      "company": "Tailspin Toys",
      "position": "Engineer",
      "startDate": "2019-02-01",
      "endDate": ""
    }
  ],
  "volunteer": [
    {
      "organization": "Code Club",
      "position": "Mentor",
      "startDate": "2016-09-30",
      "endDate": "2017-05-31"
    }
  ]
}
"""
    assert [entry.first for entry in parse_experience(text, today=TODAY).entries] == [(2019, 2)]


def test_a_role_nested_in_its_employers_object_takes_the_employers_company() -> None:
    text = """const resume = {
    work_history: {
        job1: {
            company: "Parse.ly",
            location: "New York, NY",
            position: {
                position1: {
                    title: "Designer",
                    start_date: "June, 2014",
                    end_date: "March, 2017",
                },
                position2: {
                    title: "Design Lead",
                    start_date: "March, 2017",
                    end_date: "present",
                },
            }
        }
    }
}
"""
    found = [(e.title, e.company, e.location) for e in parse_experience(text, today=TODAY).entries]
    assert found == [("Design Lead", "Parse.ly", "New York, NY"), ("Designer", "Parse.ly", "New York, NY")]


def test_roles_listed_under_an_employer_item_take_its_company() -> None:
    text = """- company: Shopify
  description:
  roles:
    - startDate: 2021
      endDate: Present
      role: Staff Designer
    - startDate: 2018
      endDate: 2021
      role: Product Designer
"""
    found = [(e.title, e.company) for e in parse_experience(text, today=TODAY).entries]
    assert found == [("Staff Designer", "Shopify"), ("Product Designer", "Shopify")]


@pytest.mark.parametrize(
    ("written", "read_as"),
    [
        ("June 5, 2017 - July 10, 2019", ((2017, 6), (2019, 7))),
        ("July 31st 2017 – August 28th 2017", ((2017, 7), (2017, 8))),
        ("Sep 2018, present", ((2018, 9), None)),
    ],
)
def test_a_day_after_the_month_and_a_comma_before_present_are_read(
    written: str, read_as: tuple[tuple[int, int], tuple[int, int] | None]
) -> None:
    assert [(r.first, r.last) for r in find_date_ranges(written, today=AS_OF)] == [read_as]


def test_a_job_marked_volunteer_in_its_header_is_no_job() -> None:
    text = """\
## **Relevant Work and Academic History**

**Fife marine station, 30th Jul 2018 – 7th Sep 2018 (volunteer)**

 **Duties:** General maintenance of aquariums.

**University scientific dive team, 5th Dec 2018 -Present (paid)**

 **Duties:** Survey and sample collection dives.
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.first, e.present) for e in entries] == [((2018, 12), True)]


def test_a_data_field_whose_string_names_a_section_is_no_heading() -> None:
    """`details: \\`Main achievements:` inside a job object does not end the work section."""
    text = """\
const experience = [
  {
    position: "IT Support",
    company: "Greenleaf Foods",
    duration: "October 2003 - October 2018",
    details: `Main achievements:
  - Installed and maintained computer systems`
  },
  {
    position: "Administration Clerk",
    company: "Borough Council",
    duration: "May 2003 - Sept 2003",
  },
];
"""
    assert [title for title, _, _, _ in read(text)] == ["IT Support", "Administration Clerk"]


def test_an_internship_named_in_brackets_after_the_title_is_not_counted() -> None:
    text = """\
Work Experience
======

> ### 2023-2024: Support Analyst, Northwind Traders

> ### Winter 2020: Junior Web Developer (Internship), Brightside Labs
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [e.counted for e in entries] == [True, False]


def test_dated_accreditations_are_no_jobs() -> None:
    text = """\
### **Network Engineer, Harbour Networks, London, September 1997 - March 2000**

I started on an apprenticeship scheme.

### **Accreditations**

* Palo Alto CNSE *(Certified Network Security Engineer)* May 2013
* Foundry FNCSE *(Foundry Networks Certified Systems Engineer)* June 2004
"""
    assert [(e.first, e.last) for e in parse_experience(text, today=AS_OF).entries] == [((1997, 9), (2000, 3))]


def test_a_json_resume_work_name_is_the_employer() -> None:
    # JSON Resume 1.0 names the employer `name` in a work item; `position` is the title.
    text = """{
  "work": [
    {
      "name": "Wide World Importers",
      "position": "Chef de projet",
      "startDate": "2020-01-15",
      "endDate": "2023-06-30"
    }
  ]
}
"""
    [entry] = parse_experience(text, today=TODAY).entries
    assert (entry.title, entry.company) == ("Chef de projet", "Wide World Importers")


def test_events_dated_in_a_jobs_duties_are_no_jobs() -> None:
    """'- Managed the EMEA group, since 2020' and '* 2018: Promoted to Engineer II' under a dated job header."""
    text = """\
## Experience

**Senior Engineer, Acme Corp** | 2016 – 2022
- Led the billing team (since 2019)
- Managed the EMEA platform group, since 2020
* 2018: Promoted to Engineer II

**Engineer, Foo Ltd** | 2012 – 2016
- Built things
"""
    experience = parse_experience(text, today=AS_OF)
    assert [e.title for e in experience.entries] == ["Senior Engineer", "Engineer"]
    assert experience.total_years == 10.0


def test_a_dated_student_entry_is_studies_not_a_job() -> None:
    text = """\
Experience
Student    June 2013   to   Current       City  ,   State
Completed a degree through distance learning while caring for a family.
Office Assistant    September 2011   to   April 2013     Northwind Traders   -   City  ,   State
Scheduled appointments and travel for the regional director.
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.counted) for e in experience.entries] == [("Student", False), ("Office Assistant", True)]
    assert experience.recent_titles[0] == "Office Assistant"


@pytest.mark.parametrize(
    "studies", ["Ph.D. Student; Supervisor: Prof. Maria Rossi", "Doctorante", "Doutorando", "Аспирант"]
)
def test_a_doctoral_student_in_any_language_is_studies_not_a_job(studies: str) -> None:
    text = f"Experience\n{studies}, Université de Lyon    09/2016 – 07/2020\nOffice Assistant, Northwind    2011 – 2013"
    experience = parse_experience(text, today=AS_OF)
    assert [e.counted for e in experience.entries] == [False, True]
    assert experience.total_years == 2.0 and experience.recent_titles[0] == "Office Assistant"


def test_a_working_student_is_a_job() -> None:
    text = """\
Experience
Working Student    July 2016 - December 2017    Five Stars Farm, Exeter, NH
Fed and groomed the horses.
"""
    [entry] = parse_experience(text, today=AS_OF).entries
    assert (entry.title, entry.counted) == ("Working Student", True)


def test_an_employer_range_over_dated_roles_is_no_job() -> None:
    # The employer's range (the army years) groups the roles; only what the roles cover counts.
    # A PDF's text on one line, its fields set apart by runs of spaces.
    text = (
        "Experience      September 2004   to   June 2013     Company Name          35-40 hrs.          "
        "Executive Assistant    September 2012   to   April 2013     Company Name   -   City  ,   State      "
        "Coordinated briefings, appointments and travel for the commanding general.          "
        "Orderly Room Clerk    January 2009   to   June 2010     Company Name   -   City  ,   State      "
        "Maintained personnel records for 320 soldiers.\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [e.title for e in experience.entries] == ["Executive Assistant", "Orderly Room Clerk"]
    assert experience.total_years == 2.2


def test_an_untitled_job_with_duties_over_a_concurrent_job_stays() -> None:
    text = """\
Experience
Jan 2010 to Jan 2013
Baquet- Front desk
Assisted with contracts and prepared access cards for the guests.
Jan 2011 to Jan 2012
Front Desk Agent
Checked guests in and out.
"""
    experience = parse_experience(text, today=AS_OF)
    assert len(experience.entries) == 2
    assert experience.total_years == 3.1


def test_a_block_written_twice_with_its_company_read_once_is_one_job() -> None:
    # A PDF's text holds the work history twice; one copy's company was not read.
    text = """\
Work History
Deputy Fundraising Director , 12/2017 to 05/2018
City , State
Raised funds for the campaign.

Work History
Deputy Fundraising Director , 12/2017 to 05/2018
Acme Campaigns - City , State
Raised funds for the campaign.
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.first, e.last) for e in entries] == [((2017, 12), (2018, 5))]


def test_a_title_ending_in_professional_is_read() -> None:
    text = """\
Work History
07/2018   to   01/2021
Human Resources professional
Company Name   –   City  ,   State
Managed onboarding and leave administration for 300 employees.
07/2016   to   10/2017
Onsite Supervisor
Company Name   –   City  ,   State
Oversaw 200 employees.
"""
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Human Resources professional"


def test_the_tail_of_a_paragraph_that_names_projects_is_no_heading() -> None:
    # A JSX page wraps a job's paragraph over two lines; its last words "Developed projects, including:</p>" end in a
    # colon but open no projects section that would hide the jobs below.
    text = """\
      <h1>Professional Experience</h1>
      <div>
        <h2>Northwind Labs - Data Analyst</h2>
        <h4>March 2023 to June 2024</h4>
        <p>Built the weekly churn dashboards for the sales team.
        Developed projects, including:</p>
      </div>
      <div>
        <h2>Contoso Retail - Sales Associate</h2>
        <h4>May 2020 to February 2023</h4>
      </div>
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [e.title for e in entries] == ["Data Analyst", "Sales Associate"]


def test_a_bootcamp_listed_as_an_immersive_fellowship_is_not_counted() -> None:
    text = """\
Experience
General Assembly - Software Engineering Immersive Fellow
August 2022 to November 2022
Contoso Media - Account Executive
September 2019 to August 2022
"""
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[0] == "Account Executive"
    assert experience.total_years == 3.0


def test_a_slash_title_in_a_data_field_is_kept_whole() -> None:
    # Both sides name roles; one side unknown to the title vocabulary is no reason to cut the author's title.
    text = """\
const experience = [
  {
    jobTitle: "IT Project Manager / SCRUM Master",
    company: "Lemon Studio",
    date: "(May 2022 - July 2024)",
  },
  {
    jobTitle: "Recruiter",
    company: "Solvo",
    date: "(Nov 2021 - Aug 2022)",
  },
];
"""
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "IT Project Manager / SCRUM Master"


def test_a_country_in_brackets_after_the_employer_is_its_location() -> None:
    text = """\
Work experience
* Oct. 2017 - Feb. 2019 \tPostdoctoral Researcher at Aarhus University, Department of Bioscience (Denmark)
* Apr. 2006 - Jun. 2010 \tAnalyst, National Environmental Protection Agency (Romania)
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.company, e.location) for e in entries] == [
        ("Aarhus University, Department of Bioscience", "Denmark"),
        ("National Environmental Protection Agency", "Romania"),
    ]


def test_a_markdown_hard_break_is_no_part_of_a_title() -> None:
    text = """\
## Experience
**Northwind Traders** \\
***Service Desk Analyst*** \\
*Oct 2023–present* · *Remote*
- Resolved tickets in ServiceNow
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.title, e.company) for e in entries] == [("Service Desk Analyst", "Northwind Traders")]


def test_a_remote_job_in_two_cities_has_them_as_its_location() -> None:
    text = """\
## Experience
**Contoso Retail Systems** \\
***Field Service Technician*** \\
*Aug 2022–Aug 2024* · *Remote in Indianapolis, IN & Minneapolis, MN*
- Installed point-of-sale software
"""
    entry = parse_experience(text, today=AS_OF).entries[0]
    assert (entry.company, entry.location) == ("Contoso Retail Systems", "Remote in Indianapolis, IN & Minneapolis, MN")


def test_a_team_after_a_dash_stays_in_the_title_when_the_employer_has_its_own_line() -> None:
    # The newest entry comes first so that the rule is seen on the older one, whose title no later step re-reads.
    text = """\
Experience

Data Analyst
Northwind Traders Inc. | Chicago, IL
Jan 2021 - Present
- Built dashboards

Analyst - Customer Insights
Contoso Bank | Chicago, IL
Jun 2017 - Dec 2020
- Wrote reports
"""
    entry = parse_experience(text, today=AS_OF).entries[1]
    assert (entry.title, entry.company) == ("Analyst - Customer Insights", "Contoso Bank")


def test_a_title_after_a_dash_is_cut_from_its_employer_when_nothing_else_names_one() -> None:
    text = """\
Experience

Data Engineer - Initech
Mar 2019 - Present
- Built pipelines
"""
    entry = parse_experience(text, today=AS_OF).entries[0]
    assert (entry.title, entry.company) == ("Data Engineer", "Initech")


def test_titles_joined_by_a_slash_are_one_title_beside_the_company_placeholder() -> None:
    text = """\
Work History
Line Cook    June 2005   to   May 2008     Company Name   -   City  ,   State      Prepared meals.
Cashier/Copy Center    May 2003   to   July 2004     Company Name   -   City  ,   State      Ran the register.
Barista / Shift Opener    May 2001   to   April 2003     Company Name   -   City  ,   State      Made coffee.
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.title, e.company) for e in entries[1:]] == [
        ("Cashier/Copy Center", "Company Name"),
        ("Barista / Shift Opener", "Company Name"),
    ]


def test_a_federal_pay_grade_is_neither_title_nor_employer() -> None:
    text = """\
Work History
Information Technology Specialist, GS-2210-12
Defense Logistics Agency, Columbus, OH
March 2016 - Present
- Ran the network

Electrician WG-10
Naval Shipyard
2010 - 2016
- Wired ships
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.title, e.company) for e in entries] == [
        ("Information Technology Specialist", "Defense Logistics Agency"),
        ("Electrician", "Naval Shipyard"),
    ]


def test_a_descriptor_in_brackets_after_the_employer_is_no_part_of_it() -> None:
    text = """\
Experience

Software Engineer
Bridgevine, Inc. (acquired by Updater)
Jan 2015 - Mar 2018
- Built the order flow

Developer
Acme Analytics (SaaS)
Jan 2012 - Dec 2014
- Built reports
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [e.company for e in entries] == ["Bridgevine, Inc.", "Acme Analytics"]


def test_a_name_in_brackets_after_the_employer_is_kept() -> None:
    # An acronym or a former name in brackets is part of how the employer is named.
    text = """\
Experience

Network Engineer
TELE2 (BBNED)
2010 - 2011
- Ran the backbone
"""
    assert parse_experience(text, today=AS_OF).entries[0].company == "TELE2 (BBNED)"


def test_a_team_after_a_dash_stays_in_a_title_read_from_a_one_line_layout() -> None:
    # The part before the dash reads as a title, so the team after it is no sign that the whole is something else.
    text = (
        "Experience      Company Name     September 2016   to   Current     LEAD ENGINEER - Fluid Systems and Thermal"
        " Accessories   City  ,   State      Designed fuel skids.          Company Name     June 2012   to   September"
        " 2016     DESIGN ENGINEER - New Product Definition   City  ,   State      Designed engine hardware.\n"
    )
    entry = parse_experience(text, today=AS_OF).entries[0]
    assert entry.title == "LEAD ENGINEER - Fluid Systems and Thermal Accessories"


def test_italics_inside_bold_are_no_part_of_the_title() -> None:
    text = """\
## Professional experience

### Riverside Public Library

**_Library Associate_ • 2016-2019**

- Ran the chess club
"""
    assert parse_experience(text, today=AS_OF).entries[0].title == "Library Associate"


def test_a_markdown_em_dash_joins_a_range() -> None:
    # Pandoc and Jekyll write an em dash as three hyphens.
    text = """\
### Experience

- Line Cook, Northside Diner, Edmonton, AB, July 2015 --- Present
    - Prepared orders in rush hours
"""
    entry = parse_experience(text, today=AS_OF).entries[0]
    assert (entry.title, entry.present) == ("Line Cook", True)


def test_an_open_range_before_a_colon_is_still_going() -> None:
    text = """\
Work experience
======
* May 2023 - : Data Consultant
  * Center for Data Science
  * Duties included: Reviewing models

* August 2020 - : Teaching Assistant
  * State University
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [e.title for e in entries] == ["Data Consultant", "Teaching Assistant"]
    assert entries[0].present


def test_date_end_false_in_a_wowchemy_widget_is_the_current_job() -> None:
    text = """\
experience:
    - title: Program Coordinator
      company: Riverbend Foundation
      date_start: "2022-02-24"
      date_end: false
    - title: Office Assistant
      company: Lakeside Clinic
      date_start: "2019-04-01"
      date_end: "2022-01-30"
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.title, e.present) for e in entries] == [("Program Coordinator", True), ("Office Assistant", False)]


def test_role_entity_started_stopped_keys_are_title_employer_and_dates() -> None:
    text = """\
Experience:

- Role:     Senior Software Developer
  Entity:   Northwind Software Division
  Started:  July 2009
  Stopped:  February 2014
  Location: Austin, Texas, USA

- Role:     Systems Administrator
  Entity:   Contoso Hosting
  Started:  January 2005
  Stopped:  June 2009
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.title, e.company, e.first, e.last) for e in entries] == [
        ("Senior Software Developer", "Northwind Software Division", (2009, 7), (2014, 2)),
        ("Systems Administrator", "Contoso Hosting", (2005, 1), (2009, 6)),
    ]


def test_a_levels_dated_in_a_data_array_of_jobs_are_not_counted() -> None:
    text = """\
export const experience = [
  {
    company: "Contoso",
    title: "Software Engineer",
    startDate: "June 2021",
    endDate: "Current",
  },
  {
    company: "Riverside College",
    title: "A-Levels: Maths, Physics, Chemistry",
    startDate: "2015",
    endDate: "2017",
  },
];
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(e.title, e.counted) for e in entries] == [
        ("Software Engineer", True),
        ("A-Levels: Maths, Physics, Chemistry", False),
    ]


def test_a_header_a_pdf_cut_into_pieces_above_its_dates() -> None:
    # LiveCareer PDF text as a resume dataset stores it (r350's layout): every field on a line of its own, blank lines
    # between, the place cut at its comma and a lone "/" before the dates.
    text = (
        "Experience\nAssistant Teacher\n \nCity\n \n, \nState\n \nCompany Name\n \n/\n \nJan 2010\n \nto \nJun 2011\n"
        "Implemented lesson plans for class of 30 students.\n"
        "Junior Editor\n \nCity\n \n, \nState\n \nCompany Name\n \n/\n \nSep 2004\n \nto \nSep 2006\n"
        "Edited articles.\n"
    )
    profile = profile_of(text)
    assert headers(profile) == [
        ("Assistant Teacher", "Company Name", "City , State"),
        ("Junior Editor", "Company Name", "City , State"),
    ]
    # Below the dates too: a line that only says where does not use up the lines looked at ("Cashier" is the third).
    below = profile_of(
        "Experience\nDecember 2015\nto\nFebruary 2016\nCompany Name\n \nCity\n \n, \nState\n \nCashier\n"
    )
    assert headers(below) == [("Cashier", "Company Name", "City , State")]


def test_a_markdown_cv_in_portuguese_with_at_sign_employers() -> None:
    # r338's layout: a bold title, "@Employer", the range; an internship ("Estágio") is a position, flagged and not
    # counted; "Atualmente" is now.
    text = (
        "## Experiência\n**Estágio em Desenvolvimento Full Stack** <br>\n@Resolutte Tecnologia <br>\n"
        "09/2020 – Atualmente <br>\n\n- Desenvolvimento .Net. <br>\n\n"
        "**Instrutor de Inglês (EASL)** <br>\n@CCAA (Centro Cultural Anglo Americano) <br>\n01/2017 – 08/2020 <br>\n"
    )
    profile = profile_of(text)
    # The employer on its own line, the bracket after the title stays the title's, as written.
    assert headers(profile) == [
        ("Estágio em Desenvolvimento Full Stack", "Resolutte Tecnologia", ""),
        ("Instrutor de Inglês (EASL)", "CCAA (Centro Cultural Anglo Americano)", ""),
    ]
    assert profile.recent_titles[0] == "Instrutor de Inglês (EASL)"
    assert profile.total_years_experience == pytest.approx(3.7, abs=0.1)


def test_an_educational_background_heading_holds_studies_not_jobs() -> None:
    text = (
        "Experience\nFront Desk Manager\nJan 2013 to Jan 2014\nHilton, Woodbridge, VA\n"
        "Accomplishments\nHilton Garden Inn Opening Team Member\nWoodbridge, Virginia\n"
        "Educational Background\nMaster's\n \n, \nBusiness Administration\n \n2015\n \nStratford University\n"
    )
    profile = profile_of(text)
    assert profile.recent_titles[:1] == ("Front Desk Manager",)
    assert [item.title for item in profile.experience] == ["Front Desk Manager"]


def test_a_german_cv_with_a_career_heading_and_an_education_table() -> None:
    # r335's layout: "## Berufliche Laufbahn" holds the jobs (a title with no role noun, paired with an employer that
    # is an "AG"); the dated rows under "## Aus- und Weiterbildungen" are studies, not jobs.
    text = (
        "## Berufliche Laufbahn\n\n### Februar 2023 – Juni 2023\n"
        "**Verkauf & Projektleitung Maschinen-/Metallbau** | Ed. Keller AG, Kirchberg SG\n- Offerten erstellen\n\n"
        "### Juli 2021 – Dezember 2021\n**Mitarbeiter PPS-AVOR-Disposition** | Universal-Job AG, Wil SG\n"
        "- Arbeitsvorbereitung\n\n## Aus- und Weiterbildungen\n\n"
        "| Zeitraum | Ausbildung | Institution |\n|---|---|---|\n"
        "| 2019 – 2020 | **Dipl. Online Social Media Marketing Manager IAB** | Klubschule Migros, St. Gallen |\n"
        "| 2010 – 2012 | **Eidg. Dipl. Prozessfachmann EFA** | ZBW, St. Gallen |\n"
    )
    profile = profile_of(text)
    assert [item.title for item in profile.experience] == [
        "Verkauf & Projektleitung Maschinen-/Metallbau",
        "Mitarbeiter PPS-AVOR-Disposition",
    ]
    assert profile.total_years_experience == pytest.approx(1.0, abs=0.1)


@pytest.mark.parametrize(
    "title",
    ["Senior Softwareentwicklerin", "Systemutvecklare", "Ohjelmistokehittäjä", "Vývojář Java", "Разработчик Python"],
)
def test_role_nouns_of_more_languages_and_compounds_make_the_title(title: str) -> None:
    # A title in a language whose job nouns join words ("Software" + "entwicklerin") or that the lexicon did not
    # know: read from a header whose other piece is no organisation's name either.
    profile = profile_of(f"Experience\n{title}, Wingnut\n03/2019 - 06/2022\n- Built the billing service.\n")
    assert profile.recent_titles[:1] == (title,)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        # "25/03/2020" can only be day first: so is "04/11/2024" in the same resume (4 November, not 11 April)
        ("Nurse, Acme\n25/03/2020 - 04/11/2024\n", [((2020, 3), (2024, 11))]),
        # "12/20/2025" can only be month first: "11/04/2024" is 4 November
        ("Nurse, Acme\n11/04/2024 - 12/20/2025\n", [((2024, 11), (2025, 12))]),
        # another job's date tells the order for this one
        ("Nurse, Acme\n01/06/2021 - 04/11/2024\nAide, Beta\n15/01/2019 - 30/05/2021\n", [((2021, 6), (2024, 11))]),
    ],
)
def test_full_dates_are_read_in_the_order_the_resume_writes_them(
    text: str, months: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    first = find_date_ranges(text, today=date(2026, 12, 5))[: len(months)]
    assert [(found.first, found.last) for found in first] == months


def test_a_data_objects_start_and_end_keys_of_other_languages() -> None:
    # r373's layout: a JS array of jobs whose keys are Dutch ("beginjaar", "eindjaar", "werkgever", "functie").
    text = (
        "werkervaring: [{\n    beginjaar: '2019',\n    eindjaar: '2021',\n    werkgever: 'AdFranse Automatisering',\n"
        "    functie: 'Medewerker technische dienst',\n  },\n]\n"
    )
    profile = profile_of(text)
    assert [(item.start, item.end) for item in profile.experience] == [
        (MonthDate(year=2019, month=0), MonthDate(year=2021, month=0))
    ]
    assert profile.recent_titles[:1] == ("Medewerker technische dienst",)


def test_a_js_declared_jobs_array_whose_jobs_have_an_overview_key() -> None:
    # r137's and r373's layouts: `const jobs = [` (a JS declaration) opens the jobs; each job's `overview:` holds its
    # text on the next line, a field of that job and not a "summary" section that would end the jobs.
    text = (
        "const jobs = [\n  {\n    employer: \"Wardwell Trucking\",\n    dates: \"October 2022-July 2023\",\n"
        "    title: \"truck driver\",\n    overview:\n      \"I drove Class A and B commercial trucks.\",\n  },\n"
        "  {\n    employer: \"Elm Tree Operating Solutions\",\n    dates: \"January 2019-November 2022\",\n"
        "    title: \"Owner/Operator\",\n    overview:\n      \"I ran a small trucking business.\",\n  },\n];\n"
        "var opleidingen = [{\n    beginjaar: '2000',\n    eindjaar: '2002',\n    schoolnaam: 'Markizaat college',\n"
        "    studie: 'Chauffeur goederenvervoer',\n}];\n"
    )
    profile = profile_of(text)
    assert [item.title for item in profile.experience] == ["truck driver", "Owner/Operator"]
    assert profile.total_years_experience == pytest.approx(4.6, abs=0.1)

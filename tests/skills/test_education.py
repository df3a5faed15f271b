"""Education and certifications read from resumes (issue 16)."""

from __future__ import annotations

from datetime import date

from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.models import EducationItem, ResumeProfile
from skillgap.skills.taxonomy import Taxonomy


def profile_of(text: str) -> ResumeProfile:
    return TaxonomyExtractor(Taxonomy.load()).extract_resume_sync(text, today=date(2026, 12, 5))


def test_degrees_with_level_field_institution_and_year() -> None:
    text = """\
EDUCATION
Master of Business Administration, Finance    2018
Wharton School of the University of Pennsylvania
Bachelor of Science in Computer Science, Georgia Institute of Technology, 2010 - 2014
M.S : Mechanical Engineering , 2009 State University - City , State
Associate of Applied Science : Nursing
Valencia College 2006
High School Diploma, 2004
Ph.D. in Physics, MIT, 2021
"""
    assert profile_of(text).education == (
        EducationItem(
            degree="Master of Business Administration",
            level="master",
            field="Finance",
            institution="Wharton School of the University of Pennsylvania",
            year=2018,
        ),
        EducationItem(
            degree="Bachelor of Science",
            level="bachelor",
            field="Computer Science",
            institution="Georgia Institute of Technology",
            year=2014,
        ),
        EducationItem(
            degree="M.S", level="master", field="Mechanical Engineering", institution="State University", year=2009
        ),
        EducationItem(
            degree="Associate of Applied Science",
            level="associate",
            field="Nursing",
            institution="Valencia College",
            year=2006,
        ),
        EducationItem(degree="High School Diploma", level="secondary", year=2004),
        EducationItem(degree="Ph.D.", level="doctorate", field="Physics", institution="MIT", year=2021),
    )


def test_school_first_layout() -> None:
    text = """\
Education
University of Bar
BSc Mathematics
2012 - 2016
University of Baz
MA History, 2018
"""
    education = profile_of(text).education
    assert [(e.institution, e.degree, e.level, e.field, e.year) for e in education] == [
        ("University of Bar", "BSc", "bachelor", "Mathematics", 2016),
        ("University of Baz", "MA", "master", "History", 2018),
    ]


def test_a_certification_section() -> None:
    text = """\
Experience
Cloud Engineer, Acme Inc  2019 - Present
Certifications
• AWS Certified Solutions Architect – Associate - Amazon Web Services, 2021
• Certified Kubernetes Administrator (CKA), The Linux Foundation, 2022
• PMP; Certified ScrumMaster (CSM)
Licenses
Registered Nurse, State of Ohio
"""
    certifications = profile_of(text).certifications
    aws = certifications[0]
    assert (aws.name, aws.issuer, aws.year) == (
        "AWS Certified Solutions Architect – Associate",
        "Amazon Web Services",
        2021,
    )
    assert aws.skill_id.startswith("aws")  # the AWS certification where the taxonomy has one
    assert certifications[1].name == "Certified Kubernetes Administrator (CKA)"
    assert certifications[1].issuer == "The Linux Foundation"
    assert certifications[1].skill_id == "kubernetes"
    assert [c.name for c in certifications[2:]] == ["PMP", "Certified ScrumMaster (CSM)", "Registered Nurse"]
    assert certifications[4].issuer == "State of Ohio"


def test_no_education_or_certifications_without_their_sections() -> None:
    profile = profile_of("Experience\nTeacher, Lincoln High School  2015 - 2020\n")
    assert profile.education == ()
    assert profile.certifications == ()


def test_national_diplomas_and_markdown_headings() -> None:
    text = """\
## 🎓 Diplômes

### Master 2 e-commerce
*📅 2016*

### BTS Management
*📅 2013*

### BAC STG Marketing
*📅 2011*
"""
    assert [(item.degree, item.level, item.field, item.year) for item in profile_of(text).education] == [
        ("Master", "master", "2 e-commerce", 2016),
        ("BTS", "associate", "Management", 2013),
        ("BAC STG", "secondary", "Marketing", 2011),
    ]


def test_a_degree_in_a_flattened_resume() -> None:
    """A one-line export runs the "Education" heading into the degree after it."""
    text = (
        "INDEPENDENT DESIGNER Professional Summary Results driven design professional with a long record of "
        "accomplished results in retail and workplace projects for national clients. Created professional "
        "presentations to communicate design intent and direction. Education Bachelor of Arts : Interior Design "
        "IOWA STATE UNIVERSITY - City , State Work History INDEPENDENT DESIGNER , 04/2020 to Current Company Name "
        "– City , State Create site and fixture plans utilizing AutoCAD for real estate developers."
    )
    degrees = [(item.degree, item.level) for item in profile_of(text).education]
    assert degrees == [("Bachelor of Arts", "bachelor")]


def test_degree_field_without_markdown() -> None:
    text = "## Education\n- **BSc** Marine Biology**\n"
    assert [(item.degree, item.field) for item in profile_of(text).education] == [("BSc", "Marine Biology")]

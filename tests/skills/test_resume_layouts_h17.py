"""Layouts of tune resumes that lost their titles' last words or their employers, fixed in the seventeenth session.
Each text is a shortened copy of one real layout (the tune resume is named)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from skillgap.skills.experience import ResumeSectionKind, classify_resume_heading, parse_experience

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


def test_a_brazilian_hire_date_field_dates_a_job() -> None:
    """r2026: a JS data module with `empresa`, `cargo`, `admissao: "11/2024"` and `fim: ""` read no job (the hire
    date's key was no start key), so the resume read no title."""
    text = (
        "export const experiencias = [\n  {\n"
        '    empresa: "Grupo Adriano Cobuccio",\n    cargo: "Aprendiz - Assistente de Dados",\n'
        '    admissao: "11/2024",\n    fim: "",\n    descricao: "Análise de dados.",\n  },\n];\n'
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.company, e.present) for e in experience.entries] == [
        ("Aprendiz - Assistente de Dados", "Grupo Adriano Cobuccio", True)
    ]


def test_start_and_end_fields_written_the_wrong_way_round_are_one_job() -> None:
    """r2084: a Hugo widget whose `date_start` holds the later date and `date_end` the earlier one in six of its seven
    jobs read one job and 7.3 years instead of 21.4."""
    text = (
        "[[experience]]\n"
        '  title = "Associate Professor"\n  company = "University of Exeter"\n'
        '  date_start = "2019-08-01"\n  date_end = "2015-07-01"\n\n'
        "[[experience]]\n"
        '  title = "Lecturer"\n  company = "Queen Mary University of London"\n'
        '  date_start = "2015-07-01"\n  date_end = "2012-08-01"\n'
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.first[0]) for e in experience.entries] == [
        ("Associate Professor", 2015),
        ("Lecturer", 2012),
    ]
    assert experience.total_years == 7.1


def test_a_long_title_is_not_cut_inside_a_word() -> None:
    """r2002: a LaTeX entry's title of 90 characters ("... Commodities, and Currencies Department") was cut at 80."""
    title = "Quantitative and Algorithm Engineer - Fixed Income, Commodities, and Currencies Department"
    text = (
        f"\\section{{Experience}}\n\\resumeSubheading\n{{Bank of China}}{{Shanghai}}\n"
        f"{{{title}}}{{July 2024 - Present}}\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == (title,)


def test_an_org_mode_macro_s_arguments_are_read_as_its_text() -> None:
    """r1988: org-mode macros `{{{experience-start(Title *|* Employer,March 2023 -- July 2023)}}}` left the macro's
    name in the title ("experience-start(Software Engineer)")."""
    text = (
        "#+title: Resume\n\n* Experience\n"
        "{{{experience-start(Program Manager - Super Duty *|* Ford Motor Company,March 2023 -- July 2023)}}}\n"
        "- Led the launch.\n"
    )
    assert _jobs(text) == [("Program Manager - Super Duty", "Ford Motor Company")]


def test_a_data_object_with_a_school_field_is_studies_not_a_job() -> None:
    """r2033 (the tune resume itself: the layout needs its whole page): a JS data module's `"education": {"itsn":
    {"school": ..., "title": "Ingeniería de software", "time": "2014 - 2019"}}` was read as a job of five years (the
    object has a title field, and the page no experience heading): 15.0 years for the labelled 7.0."""
    text = (Path(__file__).parents[1] / "data/reading/resumes/texts/r2033.txt").read_text(encoding="utf-8")
    experience = parse_experience(text, today=date(2026, 12, 5))
    assert not [entry.title for entry in experience.entries if "Ingenier" in entry.title or "Tecnico" in entry.title]
    assert experience.total_years == 7.0


def test_a_restructuredtext_field_list_is_a_job_s_fields() -> None:
    """r1981: a section "Work Experience - professional" (a remark after a dash) was no heading, and the field list
    `:Job Title:` / `:Company: Payconiq, Netherlands` / `:Date: Jul 2017 – Present` gave the title "Job Title: ..."
    (and before that, no job at all but one)."""
    text = (
        "------------------------------\n    Work Experience - professional\n------------------------------\n\n"
        ":Job Title: Office IT and junior DevOps Engineer\n:Company: Payconiq, Netherlands\n"
        ":Date: Jul 2017 – Present\n:Description:\n\t* Using python to make my colleagues' life easier.\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(e.title, e.company, e.location) for e in experience.entries] == [
        ("Office IT and junior DevOps Engineer", "Payconiq", "Netherlands")
    ]


def test_a_section_name_with_a_remark_after_a_dash_is_a_heading() -> None:
    """The remark after a section's own name may follow a dash, as it may stand in brackets; a job's title with a
    dash is no heading."""
    assert classify_resume_heading("Work Experience - professional") is ResumeSectionKind.EXPERIENCE
    assert classify_resume_heading("Work Experience (most recent first)") is ResumeSectionKind.EXPERIENCE
    assert classify_resume_heading("Software Engineer - Payments") is None

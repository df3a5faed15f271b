"""Layouts of tune resumes that lost jobs, dates or titles, fixed in the sixteenth session: an employer written in
capitals right after or before the title on one line, a month range written with a double dash, a two-digit-year
range with no space before its dash, an org-mode file that exports to LaTeX. Each text is a shortened copy of one real
layout (the tune resume is named)."""

from __future__ import annotations

from datetime import date

from skillgap.skills.experience import find_date_ranges, parse_experience

AS_OF = date(2026, 12, 7)


def _jobs(text: str) -> list[tuple[str, str]]:
    return [(entry.title, entry.company) for entry in parse_experience(text, today=AS_OF).entries]


def test_an_employer_in_capitals_after_the_title_is_the_employer() -> None:
    """r494: "Deputy Principal WCED" and r829: "Vendeur BRICO DEPOT" were read whole as titles."""
    text = (
        "<h3>Professional Experience</h3>\n<ul>\n"
        "  <li><strong>Deputy Principal WCED</strong> — (2021–Present)</li>\n"
        "</ul>\n"
    )
    assert _jobs(text) == [("Deputy Principal", "WCED")]
    text = "Expériences\n\nMARS 2019 – OCTOBRE 2019<br>\nVendeur BRICO DEPOT<br>\nEn charge de l'accueil.\n"
    assert _jobs(text)[:1] == [("Vendeur", "BRICO DEPOT")]


def test_an_employer_in_capitals_before_the_title_is_the_employer() -> None:
    """r988: "CAPGEMINI *Software-Engineer* (seit 2023)" was read whole as the title (the leading name was longer
    than the eight letters an acronym was allowed)."""
    text = (
        "* **CAPGEMINI *Software-Engineer* (seit 2023)**\n"
        "Seit Oktober 2023 arbeite ich bei Capgemini als Software-Engineer im Bereich Clouds & Custom Applications.\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("Software-Engineer",)


def test_capitals_that_qualify_a_title_stay_in_it() -> None:
    """The limit of the rule above: a region ("EMEA"), a level ("II") or a field ("SOC") in capitals after a title is
    part of it, not its employer."""
    for title in ("Sales Director EMEA", "Software Engineer II", "Security Analyst SOC"):
        text = f"## Experience\n\n**{title}** | 2019 - 2023\n- Led a team of four.\n"
        assert _jobs(text) == [(title, "")]


def test_a_month_range_with_a_double_dash_takes_the_year_of_its_end() -> None:
    """r940: "Sep.--Dec. 2017 :: Assistant Business Analyst" (LaTeX's en dash between the months) was no date: the
    job was lost and the resume read no title."""
    text = "* Work\n\n- Sep.--Dec. 2017 :: Assistant Business Analyst --- Cosmo Tech, Lyon\n  - Built a demo\n"
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:1] == ("Assistant Business Analyst",)
    assert experience.total_years == 0.3


def test_a_two_digit_year_range_with_no_space_before_its_dash() -> None:
    """r964: "Via Metropolitan Transit 08/14-Current" was no date."""
    found = find_date_ranges("Via Metropolitan Transit 08/14-Current", today=AS_OF)
    assert [(r.first, r.last) for r in found] == [((2014, 8), None)]
    found = find_date_ranges("NISD School Tutor 09/11-06/14", today=AS_OF)
    assert [(r.first, r.last) for r in found] == [((2011, 9), (2014, 6))]


def test_a_full_date_with_dashes_stays_one_date() -> None:
    """The limit of the rule above: "05-16-2019" is the 16th of May 2019, not a range from May 2016."""
    found = find_date_ranges("Joined 05-16-2019 - 06-30-2020", today=AS_OF)
    assert [(r.first, r.last) for r in found] == [((2019, 5), (2020, 6))]


def test_an_org_mode_resume_that_exports_to_latex_is_read_as_org() -> None:
    """r508: an org-mode resume with LaTeX export settings was read as LaTeX, so its italic years ("/2012/") were no
    dates and no job was found."""
    text = (
        "#+OPTIONS: toc:nil author:nil\n"
        "#+LaTeX_CLASS: resume\n"
        "#+LaTeX_CLASS_OPTIONS: [11pt,margin]\n"
        "#+LaTeX_HEADER: \\usepackage{hyperref}\n\n"
        " \\moveleft.5\\hoffset\\centerline{\\large\\bf Matthew T. Stickney}\n"
        " \\moveleft.5\\hoffset\\centerline{Freeport, ME 04032}\n"
        "\\begin{resume}\n"
        "* Experience\n"
        "Software Developer, Maineline Technology Group, /2012/\n"
        "Software Developer, QACafe, /Summer 2011/ \\\\\n\n"
        "* Education\n"
        "B.S. in Computer Science, University of Maine (/Spring 2011/)\n"
        "\\end{resume}\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("Software Developer",)

"""Layouts of the fourteenth session's tune resumes (batch H13) that lost jobs or dates: a job's "Projekte:" label read
as the projects section, a since-date after a header's dash read as a duty's event, the resume.cls environments, PHP
arrays, abbreviated present words. Each text is a shortened copy of one real layout (the tune resume is named)."""

from __future__ import annotations

from datetime import date

import pytest

from skillgap.skills.experience import find_date_ranges, parse_experience

AS_OF = date(2026, 12, 6)


def test_a_projects_label_under_a_job_is_no_section() -> None:
    """r1372: "Projekte:" under the first job of "BERUFSERFAHRUNG" ended the work section; the four older jobs were
    lost and the total read 1.8 years instead of about 20."""
    text = (
        "BERUFSERFAHRUNG\n02.2022-11.2023\nQualitätssicherungsingenieurin\nMindable GmbH, Berlin\nProjekte:\n"
        "Mobile App zur Unterstützung von Menschen mit Panikattacken\n"
        "07.2020-01.2022\nLeiter Qualitätsingenieur\nAllAboutMe GmbH, Berlin\n"
        "03.2008-03.2012\nQualitätssicherung Analyst\nCS Ltd, Charkiw\n"
        "AUSBILDUNG\n2003-2008\nUniversität Charkiw\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries] == [
        "Qualitätssicherungsingenieurin",
        "Leiter Qualitätsingenieur",
        "Qualitätssicherung Analyst",
    ]


def test_a_projects_section_written_as_the_resume_writes_its_headings_still_ends_the_jobs() -> None:
    """The limit of the rule above: a "Projects:" heading in a resume whose headings end with a colon is a section."""
    text = "Experience:\n2019 - 2023\nEngineer\nAcme Corp\n\nProjects:\n2021 - 2022\nChess engine\nA hobby project.\n"
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries] == ["Engineer"]


def test_volunteer_work_in_german_is_no_job() -> None:
    """r1372: the jobs under "EHRENAMTLICHE ARBEIT" (volunteer work) were counted."""
    text = (
        "BERUFSERFAHRUNG\n07.2020-01.2022\nLeiter Qualitätsingenieur\nAllAboutMe GmbH, Berlin\n"
        "EHRENAMTLICHE ARBEIT\n02.2024 – heute\tLife Bridge Ukraine\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries] == ["Leiter Qualitätsingenieur"]


def test_a_since_date_after_a_header_s_dash_dates_a_job() -> None:
    """r1378: "- BlueKiwi – Paris – depuis 03/2013", a list item like its siblings' "de 10/2011 à 09/2012", was read
    as an event of the duties above, and the current job was lost."""
    text = (
        "## Expériences professionnelles\n\n"
        "- [BlueKiwi](http://www.bluekiwi-software.com/fr/) – Paris – depuis 03/2013\n"
        "  Développeur Scala.\n"
        "- [Société Générale](http://societegenerale.fr/) – Paris – de 10/2011 à 09/2012\n"
        "  Développeur Java.\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.entries[0].present
    assert experience.total_years == 14.8


def test_a_since_date_ending_a_duty_is_still_no_job() -> None:
    """The limit of the rule above: "…, since 2019" at the end of a duty bullet dates an event."""
    text = "EXPERIENCE\nSenior Engineer, Acme | 2016 – 2022\n- Led the billing team, since 2019\n- Built the ledger.\n"
    experience = parse_experience(text, today=AS_OF)
    assert len(experience.entries) == 1


def test_the_resume_cls_environments_are_its_sections_and_jobs() -> None:
    """r1357: the "Medium Length Professional CV" template's `rSection` and `rSubsection` environments were not read:
    no job was found."""
    text = (
        "\\documentclass{resume}\n\\begin{document}\n"
        "\\begin{rSection}{Education}\n{\\bf University of Massachusetts, Boston} \\hfill {\\em September 2018 - "
        "December 2020} \\\\\nM.S. in Computer Science\n\\end{rSection}\n\n"
        "\\begin{rSection}{Experience}\n\n"
        "\\begin{rSubsection}{Bigelow Community Daycare}{September 2018 - present}{Scheduler (volunteer)}{Newton, MA}\n"
        "\\item Scheduled volunteers\n\\end{rSubsection}\n\n"
        "\\begin{rSubsection}{Boston College}{September 2015 - December 2017}{Lecturer}{Boston, MA}\n"
        "\\item Taught logic\n\\end{rSubsection}\n\n"
        "\\begin{rSubsection}{Boston University}{September 2013 - May 2015}{Postdoc}{Boston, MA}\n"
        "\\item Research\n\\end{rSubsection}\n\\end{rSection}\n\\end{document}\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.title, entry.company) for entry in experience.entries] == [
        ("Lecturer", "Boston College"),
        ("Postdoc", "Boston University"),
    ]
    assert experience.total_years == 4.1


def test_a_php_array_of_jobs_is_read_with_its_fields() -> None:
    """r1412: `'employment' => [` and `'title' => 'Senior Engineer'` were no section and no fields; the education
    array's dates were read as jobs and the title kept a quote."""
    text = """<?
$cleverly->display('index.tpl', [
  'education' => [
    [
      'date' => '2022&ndash;23',
      'school' => 'MS, Carnegie Mellon'
    ]
  ],
  'employment' => [
    [
      'date' => '2020&ndash;22',
      'employer' => 'Compound Eye',
      'title' => 'Senior Engineer'
    ],
    [
      'date' => '2016&ndash;20',
      'employer' => 'Facebook',
      'title' => 'Senior Software Engineer'
    ]
  ]
]);
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.title, entry.company) for entry in experience.entries] == [
        ("Senior Engineer", "Compound Eye"),
        ("Senior Software Engineer", "Facebook"),
    ]
    assert experience.total_years == 6.0


@pytest.mark.parametrize(
    ("written", "first"),
    [
        ("period: 'mai 2025 – d.d.',", (2025, 5)),  # Norwegian "dags dato", r983
        ("2019 – по н.в.", (2019, 0)),  # Russian "по настоящее время"
        ("сентябрь 2020 - наст. время", (2020, 9)),
    ],
)
def test_abbreviated_present_words_end_a_range_now(written: str, first: tuple[int, int]) -> None:
    [found] = find_date_ranges(written, today=AS_OF)
    assert found.present and found.first == first


def test_starting_and_ending_date_keys_date_a_job() -> None:
    """r1414: `startingDate` / `endingDate` fields."""
    text = (
        "const jobs = [\n  {\n    startingDate: '8/2011',\n    endingDate: 'Current',\n"
        "    companyName: 'Publicis Sapient',\n    jobTitle: 'Senior Engineer',\n  },\n"
        "  {\n    startingDate: '8/2010',\n    endingDate: '5/2011',\n"
        "    companyName: 'QVC Studio Park',\n    jobTitle: 'Site Developer',\n  },\n];\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[0] == "Senior Engineer"
    assert experience.total_years == 16.2


def test_a_two_digit_end_year_closing_an_element_is_read() -> None:
    [found] = find_date_ranges("<td>2019&ndash;21</td>", today=AS_OF)
    assert (found.first, found.last) == ((2019, 0), (2021, 0))


@pytest.mark.parametrize(
    ("newest", "older"),
    [
        # r1210: the retraining course is listed first, with the dates of a job
        ("04/2022 - Heute\nWeiterbildung zur Web Entwicklerin\nDCI Digital Career Institute GmbH", "Sachbearbeiterin"),
        # r458: an apprenticeship is no year of work, whatever the title's gender
        ("08.2025 – heute\nAuszubildender Fachinformatiker für Anwendungsentwicklung\nDupp GmbH", "Sachbearbeiterin"),
        # r829: a degree written where the jobs are
        ("2019-2022\nBachelor Informatique - Campus Academy\nCampus Academy", "Sachbearbeiterin"),
        # r598: a traineeship
        ("2024 – heden\nSAP Consultant Traineeship\niTrainee", "Sachbearbeiterin"),
    ],
)
def test_a_course_an_apprenticeship_or_a_degree_among_the_jobs_is_not_the_newest_job(newest: str, older: str) -> None:
    text = f"BERUFSERFAHRUNG\n\n{newest}\n\n11/2021 – 03/2022\n{older}\nNazira Styles & More\n"
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[0] == older
    assert [entry.title for entry in experience.entries if entry.counted] == [older]


def test_a_title_glued_to_its_employer_by_an_at_sign_is_cut_there() -> None:
    """r1333: "**Senior SQL Database Administrator@dotdigital**" (an e-mail address's domain would hold a dot)."""
    text = (
        "## Experience\n\n**Senior SQL Database Administrator@dotdigital**\nJuly 2022 – Present\n\n"
        "**SQL Database Administrator@dotdigital**\nSeptember 2018 – July 2022\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[0] == "Senior SQL Database Administrator"


def test_a_since_date_in_a_header_s_brackets_dates_a_job() -> None:
    """r988: "* **CAPGEMINI *Software-Engineer* (seit 2023)**", a list item whose since-date was read as an event."""
    text = (
        "## Berufserfahrung\n\n* **CAPGEMINI *Software-Engineer* (seit 2023)**\n"
        "Seit Oktober 2023 arbeite ich bei Capgemini.\n* **IT-Service Rostock *Werkstudent* (2020 - 2023)**\n"
        "Support.\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.entries[0].present and experience.entries[0].first == (2023, 0)


def test_portuguese_until_the_present_is_read() -> None:
    [found] = find_date_ranges("06/2024 ate o presente", today=AS_OF)
    assert found.present and found.first == (2024, 6)


def _moderncv(section: str, first: str) -> str:
    return (
        "\\documentclass{moderncv}\n\\begin{document}\n"
        f"\\section{{{section}}}\n{first}\n"
        "\\section{Berufserfahrung}\n"
        "\\cventry{2004 -- 2005}{Zivildienst}{Kinderspital}{München}{}{}\n\\end{document}\n"
    )


@pytest.mark.parametrize("title", ["Universität", "การศึกษา", "Estudiante"])
def test_a_school_or_studying_written_where_the_title_goes_is_no_job(title: str) -> None:
    """A school or the word for studies in the title's place, among the jobs: studies (r1370, r1409's Thai
    "education" over a school's dates)."""
    entry = f"\\cventry{{2005 -- heute}}{{{title}}}{{Johannes Kepler Universität}}{{Linz}}{{}}{{}}"
    experience = parse_experience(_moderncv("Berufserfahrung", entry), today=AS_OF)
    assert [entry.title for entry in experience.entries if entry.counted] == ["Zivildienst"]
    assert experience.total_years == 1.0


def test_a_job_commented_out_of_an_html_resume_is_no_job() -> None:
    """r1409: a job inside an HTML comment, which the page never shows, was read as the newest."""
    text = (
        '<section id="resume">\n  <h3 class="resume-title">Professional Experience</h3>\n'
        '  <!-- <div class="resume-item">\n    <h4>Fullstack Developer</h4>\n    <h5>2023 - Now</h5>\n'
        "    <p><em>Ideabranch, Bangkok, TH</em></p>\n  </div> -->\n"
        '  <div class="resume-item">\n    <h4>Windows App Developer</h4>\n    <h5>2022 - 2023</h5>\n'
        "    <p><em>AOYAMA THAI, Rayong, TH</em></p>\n  </div>\n</section>\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[0] == "Windows App Developer"
    assert experience.total_years == 1.0


def test_a_job_commented_out_of_a_jsx_page_is_no_job() -> None:
    """r1021: `{/* <div className="jobItemDiv"> ... */}` hides a job the page never shows."""
    text = (
        "export default function Resume() {\n  return (\n    <div>\n"
        '      {/* <div className="jobItemDiv">\n      <h2 className="jobHeader">Pizza Marvin — <em>Cook</em></h2>\n'
        '      <p className="jobDates">JANUARY  2024 - JUNE 2024</p>\n      </div> */}\n'
        '      <div className="jobItemDiv">\n      <h2 className="jobHeader">F/V Stanley K — <em>Deckhand</em></h2>\n'
        '      <p className="jobDates">MAY 2019 - SEPTEMBER 2023</p>\n      </div>\n    </div>\n  );\n}\n'
    )
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["MAY 2019 - SEPTEMBER 2023"]

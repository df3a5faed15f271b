"""Layouts of tune resumes read wrong, fixed in the twentieth session. Each text is a shortened copy of one real
layout (the tune resume is named)."""

from __future__ import annotations

from skillgap.skills.experience import parse_experience
from skillgap.skills.resume_entries import cut_title
from skillgap.skills.resume_markup import read
from tests.support.resumes import AS_OF, jobs_read


def test_an_escaped_arrow_in_a_script_separates_a_range() -> None:
    """r382: a Python page's `'periodo':'03/2021 \\u2192 presente'` (an arrow as `json.dumps` escapes it) held no
    range, so the resume had no job. An escaped letter stays as written: padding it would split its word."""
    text = (
        "esperienze = [\n"
        "    {\n"
        "        'ruolo': 'Sviluppatore Python',\n"
        "        'azienda': 'Acme Srl',\n"
        "        'periodo':'03/2021 \\u2192 presente',\n"
        "    },\n"
        "]\n"
    )
    assert [(start, current) for _, _, start, current in jobs_read(text)] == [(2021, True)]
    assert [
        (r, c) for _, _, r, c in jobs_read('jobs = [\n  {\n    year: "2019 →",\n    company: "Skumppa Oy",\n  },\n]\n')
    ] == [(2019, True)]  # r617: an arrow after the start, then nothing, is an open range as a dash is
    assert "Universit\\u00e9" in read("'scuola': 'Universit\\u00e9 de Lyon',\n").plain


def test_a_heading_of_no_known_section_ends_the_personal_data_above_it() -> None:
    """r1777: the jobs under LaTeX's "\\section*{Professional merits}" stayed in "Personal data" (a section whose
    dates are no jobs), as a company heading stays in the experience: the resume had no job."""
    text = (
        "## Personal data\n"
        "Name           | Jonatan Pålsson\n"
        "Date of birth  | 1989 01 06\n"
        "## Professional merits\n"
        "Pelagicore\n"
        "Senior Software Engineer\n"
        "June 2015 -- Ongoing\n"
        "I have taken lead in multiple projects, below are some samples.\n"
    )
    assert jobs_read(text) == [("Senior Software Engineer", "Pelagicore", 2015, True)]


def test_a_degree_read_as_the_employer_is_no_year_of_work() -> None:
    """r475: jobs and studies in one section ("## Berufserfahrung & Bildung"; "### 2019 - 2023: Bachelor in Informatik,
    ZHAW"): the degree, read as the employer of a job without a title, counted as four years of work."""
    text = (
        "## Berufserfahrung & Bildung\n\n"
        "### 2022 - 2026: Senior Software Engineer, aXedras AG\n\nBlockchain-Plattform.\n\n"
        "### 2019 - 2023: Bachelor in Informatik, ZHAW\n\nGestartet im September 2019.\n"
    )
    assert parse_experience(text, today=AS_OF).total_years == 4.0


def test_a_scrum_master_is_a_job_not_a_degree() -> None:
    """r1903: without an experience heading, "master" in "Senior software developer and scrum master, 2017-01-01 -
    2019-06-30" read as studies: the job was lost, two and a half years short."""
    text = (
        "# Nordea Bank\n"
        "## Head of unit, 2019-07-01 - 2020-04-30\n"
        "- Leading the software development department Capability API (17 developers)\n"
        "## Senior software developer and scrum master, 2017-01-01 - 2019-06-30\n"
        "- Java software development\n"
    )
    assert [title for title, *_ in jobs_read(text)] == ["Head of unit", "Senior software developer and scrum master"]


def test_a_voluntary_service_read_as_the_employer_is_no_job() -> None:
    """r458, r457: "*Bundesfreiwilligendienst*" beside a range is read as an employer with no title, and "Bénévolat" as
    the employer piece of "Consultante Cheffe de projet Communication - Bénévolat"; both counted as work."""
    service = (
        "**09.2022 – 04.2025** · *Nachhilfelehrer für Mathematik*\n**Schülerhilfe**\n\n"
        "**08.2020 – 07.2021** · *Bundesfreiwilligendienst*\n**Förderschule Rossel**\n"
    )
    assert [start for _, _, start, _ in jobs_read(service)] == [2022]
    volunteering = (
        "### Chargée de Communication - Andilcampus\n**Mai 2021 - Juillet 2021 | Toulouse, France**\n\n"
        "### Consultante Cheffe de projet Communication - Bénévolat\n**Octobre 2020 - Mars 2021 | Toulouse, France**\n"
    )
    assert [start for _, _, start, _ in jobs_read(volunteering)] == [2021]


def test_a_member_of_a_club_holds_a_seat_not_a_job() -> None:
    """r1394: "Thành viên" (member) of "Câu lạc bộ Lập trình PTIT" (a university's programming club), open since
    2020, counted two and a half years of work."""
    text = (
        "## Kinh Nghiệm Làm Việc\n\n**DevOps Engineer** | Minh Phúc Transformation | 07/2024 - Hiện tại\n\n"
        "## Hoạt Động\n\n- **Thành viên** | Câu lạc bộ Lập trình PTIT (Proptit) | 2020 - Hiện tại\n"
    )
    assert [title for title, *_ in jobs_read(text)] == ["DevOps Engineer"]


def test_an_html_heading_over_the_description_holds_the_title() -> None:
    """r323: Start Bootstrap's resume theme writes a job's dates after its description, in a column of their own; the
    title model took a word of the description above them ("Crew Trainer") for the title of the `<h3>`."""
    text = """<div class="resume-section-content">
    <div class="d-flex flex-column flex-md-row justify-content-between mb-5">
        <div class="flex-grow-1">
            <h3 class="mb-0">Freelance Web Developer</h3>
            <div class="subheading mb-3">JD's Web Service</div>
            <p>I build websites for small businesses in the area.</p>
        </div>
        <div class="flex-shrink-0"><span class="text-primary">January 2007 - Present</span></div>
    </div>
    <div class="d-flex flex-column flex-md-row justify-content-between mb-5">
        <div class="flex-grow-1">
            <h3 class="mb-0">Shift Manager/Key Holder</h3>
            <div class="subheading mb-3">McDonald's</div>
            <p>I helped open various stores as a Crew Trainer for a few years, then I was a Shift Manager.</p>
        </div>
        <div class="flex-shrink-0"><span class="text-primary">January 2008 - Present</span></div>
    </div>
</div>
"""
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Shift Manager/Key Holder"


def test_since_a_year_in_an_html_heading_dates_a_job() -> None:
    """r583: "<h3>Seit 2018 – Rektorin / ...</h3>": the since word was read only at a line's start or after a
    field's mark, not after the heading's tag, so the current job was lost (and "Rektorin" was no role word)."""
    text = (
        "<section>\n  <h2>Berufliche Erfahrung</h2>\n\n"
        "  <h3>Seit 2018 – Rektorin / Abteilungsleiterin Bildung & Kultur, Adligenswil</h3>\n"
        "  <p>\n    Operative Gesamtverantwortung für Schule, Musikschule und Bibliothek.\n  </p>\n\n"
        "  <h3>2014 – 2017 Schulleiterin, Primarschule Oberwil-Lieli</h3>\n  <p>Leitung der Schule.</p>\n</section>\n"
    )
    assert jobs_read(text)[0] == ("Rektorin / Abteilungsleiterin Bildung & Kultur", "Adligenswil", 2018, True)


def test_an_honorary_appointment_is_no_job() -> None:
    """r1558: a Hugo Academic widget's "Honorary Research Fellow" (an unpaid affiliation, LABELLING.md) beside the
    paid research post was read as the newest job."""
    text = (
        "experience:\n"
        "  - title: Honorary Research Fellow\n    company: Macquarie University\n"
        '    date_start: "2020-07-01"\n    date_end: ""\n'
        "  - title: Senior Research Audiologist\n    company: National Acoustic Laboratories\n"
        '    date_start: "2019-09-01"\n    date_end: ""\n'
    )
    assert parse_experience(text, today=AS_OF).recent_titles == ("Senior Research Audiologist",)


def test_a_coding_schools_course_project_is_no_job() -> None:
    """r1555: a career changer's widget lists the projects of a Flatiron School course as jobs ("Solving a
    Classification Problem"), open since 2022: the newest title and four more years."""
    text = (
        "experience:\n"
        "  - title: Solving a Classification Problem\n    company: Flatiron School\n"
        '    date_start: "2022-05-01"\n    date_end: ""\n'
        "  - title: Accommodation Support Specialist\n    company: SCAD\n"
        '    date_start: "2019-01-01"\n    date_end: "2021-09-30"\n'
    )
    read = parse_experience(text, today=AS_OF)
    assert (read.recent_titles, read.total_years) == (("Accommodation Support Specialist",), 2.8)
    teaching = text.replace("Solving a Classification Problem", "Teaching Assistant")
    assert parse_experience(teaching, today=AS_OF).recent_titles[0] == "Teaching Assistant"


def test_an_employment_word_without_a_separator_stays_in_the_title() -> None:
    """r1063, r1427: "Sviluppatore Full Stack Freelance" and "Web Developer Freelance" are titles as written
    (LABELLING.md: employment words without a separator stay); one set apart by a dash, a comma or brackets is how
    the job was held."""
    assert cut_title("Web Developer Freelance") == "Web Developer Freelance"
    assert [
        cut_title(t) for t in ("Web Developer - Freelance", "Web Developer, Part-Time", "Web Developer (Contract)")
    ] == [
        "Web Developer",
        "Web Developer",
        "Web Developer",
    ]


def test_a_bold_employer_after_the_title_is_a_piece_of_its_own() -> None:
    """r523: "QA Engineer I2 **Talentica software** <span ...>Feb, 2016 - Present</span>": the title and the bold
    employer were one piece. A title whose words are partly bold stays whole."""
    text = (
        "## Experience\n\n"
        'QA Engineer I2 **Talentica software** <span style="float: right; ">Feb, 2016 - Present</span>\n'
        "- Testing the payments platform.\n\n"
        "QA Engineer **Infosys** <span>Jan, 2014 - Jan, 2016</span>\n- Manual testing.\n"
    )
    assert jobs_read(text) == [
        ("QA Engineer I2", "Talentica software", 2016, True),
        ("QA Engineer", "Infosys", 2014, False),
    ]
    whole = "## Experience\n\nSenior **Software Engineer** Feb 2016 - Present\n- Testing things.\n"
    assert jobs_read(whole) == [("Senior Software Engineer", "", 2016, True)]


def test_the_size_of_the_team_led_is_no_part_of_the_title() -> None:
    """r934: a title written with the size of the team it led ("... team lead (4 engineers).")."""
    assert cut_title("Distributed transaction management team lead (4 engineers).") == (
        "Distributed transaction management team lead"
    )
    assert cut_title("Engineering Manager (team of 12)") == "Engineering Manager"


def test_a_data_key_beside_the_skills_key_ends_the_skills() -> None:
    """r2224: a Vue page's data object: `skillLevels: [` opened the skills, and `timeline: [` (a key the headings do
    not know) at its level after its closing bracket stayed in the skills, so the jobs of the timeline were none. In a
    file without indentation, a key inside a job (`bullets: [`, r1010) follows no closing bracket and ends nothing."""
    text = (
        "export default {\n"
        "  skillLevels: [\n"
        '    { level: "1", label: "Professionell" },\n'
        "  ],\n"
        "  timeline: [\n"
        "    {\n"
        '      title: "Werkstudent Softwareentwickler (Webentwicklung, Full Stack)",\n'
        '      institution: "ImmoScout24",\n'
        '      period: "November 2023 – heute",\n'
        "    },\n"
        "  ],\n"
        "}\n"
    )
    assert jobs_read(text) == [
        ("Werkstudent Softwareentwickler (Webentwicklung, Full Stack)", "ImmoScout24", 2023, True)
    ]
    flat = (
        "export const experience = [\n{\n"
        'org: "PSA",\nrole: "Administrador de Proyectos Informáticos",\nperiod: "2020–2024",\nbullets: [\n'
        '"Gestión integral de proyectos.",\n],\n},\n{\n'
        'org: "Audita S.A.",\nrole: "Especialista Informático",\nperiod: "2016–2020",\n'
        'bullets: [\n"Auditorías TI.",\n],\n},\n'
        "];\n"
    )
    assert parse_experience(flat, today=AS_OF).total_years == 8.0


def test_a_tables_from_and_to_cells_are_one_range() -> None:
    """r2180: a LaTeX tabular's rows "\\textbf{2020 Aug.} & Present & Android Department Tech Lead at ..." (its cells
    read apart by a bar) held a single month and no current job: 0.2 years for 15."""
    text = (
        "## Experience\n"
        "2020 Aug. | Present | Android Department Tech Lead at CHI Software.\n"
        "2018 Feb. | 2020 Aug. | Android Developer at CHI Software.\n"
    )
    assert [(start, current) for _, _, start, current in jobs_read(text)] == [(2020, True), (2018, False)]
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Android Department Tech Lead"

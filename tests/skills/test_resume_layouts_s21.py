"""Layouts of tune resumes read wrong, fixed in the twenty-first session. Each text is a shortened copy of one real
layout (the tune resume is named)."""

from __future__ import annotations

from skillgap.skills.experience import parse_experience, resume_lines
from skillgap.skills.resume_entries import without_code_around, without_web_address
from skillgap.skills.resume_markup import read
from tests.support.resumes import AS_OF, jobs_read


def _title(text: str) -> str:
    return next(iter(parse_experience(text, today=AS_OF).recent_titles), "")


def test_two_titles_joined_by_a_slash_stay_one_title() -> None:
    """r460 (AsciiDoc): "*Software Developer / System Administrator*" was read as "System Administrator": the words
    before the slash ("Software ...") were taken for an employer. LABELLING.md keeps titles joined by a slash whole;
    an employer before the slash is still cut off (the third resume)."""
    text = (
        "== Work Experience\n\n"
        "=== Micso -> Mar 2002 - Present; Pescara, IT\n"
        "*Software Developer / System Administrator*\n\n"
        ".Software developer\n"
        "* Design and implementation of intranet services to support business decisions.\n\n"
        "=== GoInfoteam -> Feb 2000 - Jul 2000; Pescara, IT\n"
        "*Software Developer*\n\n"
        "* Maintenance of a payroll system.\n"
    )
    assert _title(text) == "Software Developer / System Administrator"
    german = (
        "## Berufserfahrung\n\n"
        "### Seit 2023 | Software-Entwickler / Backend-Spezialist\n"
        "**BASF Digital Solutions GmbH**, Ludwigshafen\n\n"
        "- Entwicklung von Microservices mit .NET\n"
    )
    assert _title(german) == "Software-Entwickler / Backend-Spezialist"
    employer = (
        "## Experience\n\n### OMNIMECH Sp. z o.o. / Engineer\n2015 - Present\n\n- Designed machines for the plant\n"
    )
    assert _title(employer) == "Engineer"


def test_a_year_leading_an_html_heading_before_a_colon_dates_a_job() -> None:
    """r1289: "<h4>2019: Office Assistant at Virginia Dare Marina in Moneta, VA</h4>" held no date (the year leading
    a line before a colon was read only without the tag before it): the newest job was lost, and with it the title."""
    text = (
        "<h2>Experience:</h2>\n"
        "<h4>2019: Office Assistant at Virginia Dare Marina in Moneta, VA</h4>\n"
        "<ul>\n<li>Handled marketing and communication via phone, email and social media</li>\n</ul>\n"
        "<h4>\n2018 - 2019: Editor at The Franklin News-Post in Rocky Mount, VA\n</h4>\n"
        "<ul>\n<li>Produced and managed editorial content</li>\n</ul>\n"
    )
    assert [start for _, _, start, _ in jobs_read(text)] == [2019, 2018]
    assert _title(text) == "Office Assistant"


def test_a_degree_by_its_abbreviation_or_a_dual_study_is_no_year_of_work() -> None:
    """r2224 (a TypeScript timeline): "B.Sc. Angewandte Informatik" at HTW Berlin and "Duales Studium bei der Deutschen
    Telekom AG" counted as work: the degree's abbreviation was read only before "in" or "of", and a degree studied
    while apprenticed to a company (LABELLING.md: an apprenticeship) named no internship word. 5.2 years for 3.2."""
    text = (
        "export const timeline = [\n"
        "  {\n"
        '    title: "Werkstudent Softwareentwickler (Webentwicklung, Full Stack)",\n'
        '    institution: "ImmoScout24",\n'
        '    period: "November 2023 – heute",\n'
        "  },\n"
        "  {\n"
        '    title: "B.Sc. Angewandte Informatik (voraussichtlicher Abschluss: Sommersemester 2025)",\n'
        '    institution: "HTW Berlin",\n'
        '    period: "Oktober 2023 – heute",\n'
        "  },\n"
        "  {\n"
        '    title: "Duales Studium bei der Deutschen Telekom AG",\n'
        '    institution: "Deutsche Telekom AG",\n'
        '    period: "Oktober 2021 – September 2023",\n'
        "  },\n"
        "];\n"
    )
    read_back = parse_experience(text, today=AS_OF)
    assert [entry.counted for entry in read_back.entries] == [True, False, False]
    assert read_back.total_years == 3.2  # November 2023 to December 2026
    portuguese = (
        "## Experiência\n\n"
        "**Farmacêutica**, Droga Raia, Porto Alegre, 2019 - 2022\n\n"
        "**Graduação em Farmácia**, UFSM, Santa Maria, 2013 - 2018\n"
    )
    assert [entry.counted for entry in parse_experience(portuguese, today=AS_OF).entries] == [True, False]


def test_a_heading_written_under_every_job_is_a_part_of_the_job() -> None:
    """r1264 (a PDF's text): "ACHIEVEMENTS" under each job of "EXPERIENCE" was read as a section of its own that ended
    the work experience: three of ten jobs were read, 2.5 years for 11.7. A heading written once after the jobs is
    still a section (its dates are no jobs)."""
    job = (
        "{dates}\n"
        "{title}, NORTHRISE UNIVERSITY\n"
        "Guide team development efforts towards successful project delivery.\n"
        "ACHIEVEMENTS\n"
        "▪ Successfully documented business rules from different stakeholders in the organization.\n"
    )
    text = (
        "EXPERIENCE\n"
        + job.format(dates="SEPTEMBER 2022 – MAY 2023", title="SOFTWARE DEVELOPER LEAD")
        + job.format(dates="JANUARY 2019 – DECEMBER 2021", title="SOFTWARE DEVELOPER")
        + job.format(dates="FEBRUARY 2015 – DECEMBER 2016", title="GRAPHIC DESIGNER/TUTOR")
        + "EDUCATION\n2010 – 2014\nBACHELOR OF SCIENCE IN COMPUTER SCIENCE, UNIVERSITY OF ZAMBIA\n"
    )
    assert [start for _, _, start, _ in jobs_read(text)] == [2022, 2019, 2015]
    once = (
        "EXPERIENCE\n"
        + job.format(dates="SEPTEMBER 2022 – MAY 2023", title="SOFTWARE DEVELOPER LEAD").replace("ACHIEVEMENTS\n", "")
        + "ACHIEVEMENTS\n2019 – 2020\nChairperson of the student ICT club\n"
    )
    assert [start for _, _, start, _ in jobs_read(once)] == [2022]


def test_a_role_noun_of_another_language_makes_a_title() -> None:
    """r452, r643, r367: "Kurier", "Conducteur" and "Pracovník" named no role, so the employer after "bei" / "chez"
    stayed in the title, or no title was read. The role words gained the nouns of the labelled titles that none named
    (not "monitor": "- Monitor, maintain, and document ..." is a duty)."""
    german = (
        "<ul>\n"
        "  <li>05/2019 - 12/2019: Dispatcher bei Amazon Logistics</li>\n"
        "  <li>04/2020-03/2023: Gastronomie/Kurier bei Lieferando</li>\n"
        "</ul>\n"
    )
    assert _title(german) == "Gastronomie/Kurier"
    french = (
        "<table>\n<tr>\n"
        '<th>Conducteur de ligne chez ETEX France <br><i class="date">2021-2022</i></th>\n'
        "<td><ul><li>Gestion et pilotage des ordres de fabrication et d'une équipe</li></ul></td>\n"
        "</tr>\n</table>\n"
    )
    assert _title(french) == "Conducteur de ligne"
    duties = (
        "## Employment History\n\n"
        "### Systems Dev Engineer - AWS Elemental, Portland, OR (August 2017 - Present)\n\n"
        "- Monitor, maintain, and document infrastructure services\n"
    )
    assert _title(duties) == "Systems Dev Engineer"


def test_an_experience_heading_straight_above_another_heading_is_a_tab() -> None:
    """r1250 (a React page): "EXPÉRIENCES" and "PROJETS" are tabs above the blocks of both, so the jobs were read in
    "PROJETS", where dates are no jobs: the resume had none."""
    text = (
        '<section className="contentExperience">\n'
        '<h3 className="expTitle">EXPÉRIENCES</h3>\n'
        '<h3 className="projectTitle">PROJETS</h3>\n'
        '<div className="exp">\n'
        '<h4 className="year">2014 - 08/2018</h4>\n'
        "<p>\nServeuse de restaurant <br />\nProthésiste ongulaire - Paris - France.\n</p>\n"
        '<h4 className="year">2009 - 2013</h4>\n'
        "<p>\nChef Designer de mode société NMN <br />\nsecteur Textile - Hochiminh - Vietnam\n</p>\n"
        "</div>\n"
    )
    assert [start for _, _, start, _ in jobs_read(text)] == [2014, 2009]
    assert _title(text) == "Serveuse de restaurant"


def test_a_scripts_escaped_line_break_and_a_list_number_leave_the_title() -> None:
    """r1246 (a JavaScript file of markdown strings): "`# Kepala Seksi Kesejahteraan\\nPemerintah Desa Ulu Baula`"
    was one line, title and employer run together; once apart, the title kept its list number ("1. Kepala ...")."""
    assert [line.text for line in resume_lines("content: `# Kepala Seksi\\nPemerintah Desa`\n")] == [
        "content: `# Kepala Seksi",
        "Pemerintah Desa`",
    ]
    # LaTeX's "\\newline" and a path's "\\new" stay as written: a small letter follows
    assert read("\\newline C:\\new\n").plain == "\\newline C:\\new\n"
    text = "## Pengalaman Kerja\n\n**1. Kepala Seksi Kesejahteraan - Pemerintah Desa Ulu Baula (2019 - 2025)**\n"
    assert _title(text) == "Kepala Seksi Kesejahteraan"


def test_the_code_around_a_title_value_leaves_it() -> None:
    """r616 (a Hugo shortcode), r1739 (a JSON string in a script): the title was read with the code around its
    value: 'badge="C# Entwickler" >}}', 'specialization":"Pharmacist'."""
    text = (
        "{{< timeline >}}\n"
        '{{< timelineItem icon="code" header="Jan 2020-heute" badge="C# Entwickler" >}}\n'
        "Entwicklung von Desktop-Anwendungen.\n"
        "{{< /timelineItem >}}\n"
    )
    assert _title(text) == "C# Entwickler"
    assert without_code_around('specialization":"Pharmacist') == "Pharmacist"
    assert without_code_around("Pharmacist (part-time)") == "Pharmacist (part-time)"


def test_a_course_by_its_title_and_a_spanish_present_word() -> None:
    """r2222: "Machine Learning Engineer (Weiterbildung)" (a course that trains one, said in brackets) was read as the
    newest job; r2209: "Bootcamp Desarrollo Web Front End" too. r1286: "07/2017 - Actual" (Spanish: current) held no
    range: 0.6 years for 12.8."""
    text = (
        '    "experience": [\n'
        "        {\n"
        '            "title": "Machine Learning Engineer (Weiterbildung)",\n'
        '            "company": "DST Germany GmbH",\n'
        '            "period": "02/2026 – aktuell",\n'
        "        },\n"
        "        {\n"
        '            "title": "Process Engineer / Prozesstechnologe",\n'
        '            "company": "Wacker Chemie AG",\n'
        '            "period": "02/2023 – 11/2025",\n'
        "        },\n"
        "    ],\n"
    )
    assert _title(text) == "Process Engineer / Prozesstechnologe"
    bootcamp = (
        "## Experiencia\n\n**Bootcamp Desarrollo Web Front End** | 02/2023 - 04/2023\n\n**Bedel** | 06/2021 - 12/2022\n"
    )
    assert [entry.counted for entry in parse_experience(bootcamp, today=AS_OF).entries] == [False, True]
    teaching = "## Experience\n\n**Bootcamp Instructor** | Le Wagon | 02/2023 - 04/2024\n"
    assert [entry.counted for entry in parse_experience(teaching, today=AS_OF).entries] == [True]  # a role there: a job
    spanish = (
        '<h2>Experiencias</h2>\n<button class="nav-link">\n<b>Secretaría de Educación</b>\n<br> 07/2017 - Actual\n'
    )
    assert [(start, current) for _, _, start, current in jobs_read(spanish)] == [(2017, True)]


def test_a_data_field_of_one_date_dates_a_job() -> None:
    """r613, r833 (TypeScript arrays): a job dated by one field (`time: '2023'`, `date: "Août 2016"`) had no date, so
    the resume had no job or its newest was another. A course there is still no job ("Thinkful Coding Bootcamp", r125:
    a title naming a course and no role)."""
    text = (
        "export const experiences = [\n"
        "  {\n"
        '    titre: "Employé commercial",\n'
        '    date: "Août 2016",\n'
        '    lieu: "Carrefour, Rouen",\n'
        "  },\n"
        "  {\n"
        '    titre: "Barman",\n'
        '    date: "Juin 2015",\n'
        '    lieu: "Le Bar du Port, Dieppe",\n'
        "  },\n"
        "];\n"
    )
    assert [start for _, _, start, _ in jobs_read(text)] == [2016, 2015]
    assert _title(text) == "Employé commercial"
    course = (
        "export default [\n"
        '  {\n    year: "2022",\n    title: "Thinkful Coding Bootcamp",\n    duration: "5 months",\n  },\n'
        '  {\n    year: "2021",\n    title: "Intensive Care Unit Registered Nurse",\n    duration: "1.6 years",\n  },\n'
        "];\n"
    )
    assert [entry.counted for entry in parse_experience(course, today=AS_OF).entries] == [False, True]


def test_a_web_address_is_no_part_of_a_title_or_an_employer() -> None:
    """r2005 (LaTeX, a link's address and words as two arguments), r326: "https://www.fraudio.com Fraudio, Amsterdam,
    NL" was read as the title, "RA-Studio, https://ra-studio.ru" as the employer."""
    text = (
        "## Experience\n\n"
        "**Frontend Developer** | RA-Studio, https://ra-studio.ru | 2019 - 2022\n\n"
        "- Built landing pages\n"
    )
    assert jobs_read(text) == [("Frontend Developer", "RA-Studio", 2019, False)]
    assert without_web_address("https://www.fraudio.com Fraudio, Amsterdam, NL") == "Fraudio, Amsterdam, NL"
    assert without_web_address("www.solardesamaniego.com") == "www.solardesamaniego.com"  # nothing else: kept

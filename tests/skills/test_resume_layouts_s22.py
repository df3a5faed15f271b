"""Layouts of tune resumes read wrong, fixed in the twenty-second session. Each text is a shortened copy of one real
layout (the tune resume is named)."""

from __future__ import annotations

from skillgap.skills.experience import parse_experience
from skillgap.skills.resume_entries import company_score, is_prose
from tests.support.resumes import AS_OF, jobs_read


def _counted(text: str) -> list[tuple[str, bool]]:
    return [(entry.title, entry.counted) for entry in parse_experience(text, today=AS_OF).entries]


def test_a_chinese_experience_heading_alone_opens_the_jobs() -> None:
    """r1393 (markdown): "经验" ("experience") under "技能" ("skills") was read as a line of the skills, so the dated
    jobs below it were no jobs: no years at all."""
    text = (
        "技能\n------------------\n\n"
        "- [C/C++](http://www.cplusplus.com/) [Java](https://www.java.com/en/)\n\n"
        "经验\n------------------\n"
        "工作经历 *2011.10 - 至今 *\n\n"
        "### **基于 Qualcomm 平台的手机**\n\n"
        "*2018.04 - 至今，中科创达软件股份有限公司*\n\n"
        "负责高通平台的 BSP 和 System 相关开发和维护工作。\n\n"
        "### **Mobile phone based on MTK platform**\n\n"
        "*2017.11 - 2018.04, 深圳东方拓宇科技有限公司*\n\n"
        "负责联发科平台的 BSP 开发和维护。\n"
    )
    assert {start for _, _, start, _ in jobs_read(text)} >= {2018, 2017}
    assert parse_experience(text, today=AS_OF).total_years is not None


def test_a_yaml_key_of_run_together_words_names_its_section() -> None:
    """r1802 and r1184 (YAML): `workExperience:` above its list was no heading (only `work:` or a key before a
    bracket was), so the jobs were read under the `contact:` section above it, and the education below as work
    (34 years for 29.8). `researchAndTeaching:` is experience too."""
    text = (
        "name: Karel Decherf\n"
        "contact:\n"
        "  email: karel@example.com\n"
        "  github: 'https://github.com/KarelTestSpecial'\n"
        "workExperience:\n"
        "  - role: Webontwikkelaar\n"
        "    company: 'Visitronics NV, Leuven'\n"
        "    period: 01/2001 – 08/2001\n"
        "  - role: Magazijnier\n"
        "    company: 'IKEA, Ternat'\n"
        "    period: 03/1998 – 01/2001\n"
        "education:\n"
        "  - degree: ASO Wetenschappen-Wiskunde\n"
        "    institution: Sint-Godelieve-Instituut Lennik\n"
        "    period: 1993 - 1995\n"
    )
    assert [title for title, _, _, _ in jobs_read(text)] == ["Webontwikkelaar", "Magazijnier"]
    academic = (
        "researchAndTeaching:\n"
        "  - title: Research Associate\n"
        "    company: Center Against Children Research Center (CCRC)\n"
        "    period: 2022 - Present\n"
        "clinicalWork:\n"
        "  - title: Supervising Suicide Crisis Counsellor\n"
        "    company: Suicide Prevention Centre of Montreal (SPCM)\n"
        "    period: 2017-2021\n"
    )
    assert parse_experience(academic, today=AS_OF).recent_titles[0] == "Research Associate"


def test_a_nanodegree_or_a_coding_schools_certificate_is_a_course() -> None:
    """r938 and r1661: "Full Stack Web Developer Nanodegree" at Udacity and "Web Development Certification" at
    Epicodus, listed among the jobs, counted as years of work. A job at such a school still counts."""
    text = (
        "## Experience\n\n"
        "### Software Developer | Ed. Züblin AG\n01/2019 - Present\n- Built design tools\n\n"
        "### Full Stack Web Developer Nanodegree | Udacity\n05/2018 - 08/2018\n- Built a catalog app\n\n"
        "### Web Development Certification | Epicodus\n10/2017 - 03/2018\n- Learned React\n"
    )
    counted = dict(_counted(text))
    assert counted["Software Developer"] is True
    assert counted["Full Stack Web Developer Nanodegree"] is False
    assert counted.get("Web Development Certification", False) is False  # not a year of work, if read at all
    teaching = "## Experience\n\n### Teaching Assistant | Epicodus\n04/2018 - 09/2018\n- Helped students\n"
    assert _counted(teaching) == [("Teaching Assistant", True)]


def test_a_dutch_period_field_holds_a_jobs_one_year() -> None:
    """r1228 (a React component): `periode='2024'` beside `functie='Developer'` held no date: "periode" was no key of
    one date."""
    text = (
        "<h3>Werkervaringen</h3>\n"
        "<Werkervaring\n"
        "\twerkgever='Taxi Hendriks NV'\n"
        "\tfunctie='Developer'\n"
        "\tperiode='2024'\n"
        "/>\n"
        "<Werkervaring\n"
        "\twerkgever='Ford Lommel Proving Ground'\n"
        "\tfunctie='Angular Developer'\n"
        "\tperiode='2023'\n"
        "/>\n"
    )
    assert [start for _, _, start, _ in jobs_read(text)] == [2024, 2023]


def test_an_academic_year_with_a_two_digit_end_after_a_spaced_dash() -> None:
    """r1559 (a JS object): "Academic Year 2013 - 14" was no range (only "2013-14", without spaces, was)."""
    text = (
        "let aramco = {\n"
        "  title: ['Trainer', 'Saudi Aramco'],\n"
        "  dates: 'Academic Year 2013 - 14',\n"
        "  bullets: ['Taught English to apprentices']\n"
        "};\n"
        "let ilbc = {\n"
        "  title: ['Curriculum Coordinator', 'International Language & Business Center'],\n"
        "  dates: 'Academic Year 2012 - 13',\n"
        "};\n"
    )
    ranges = [(entry.first, entry.last) for entry in parse_experience(text, today=AS_OF).entries]
    assert ranges == [((2013, 0), (2014, 0)), ((2012, 0), (2013, 0))]
    assert jobs_read("Skills\nPython 2013 - 14 projects a year\n") == []


def test_a_dotted_month_and_two_digit_year_range_alone_on_its_line() -> None:
    """r611 (Kirby CMS text): "07.19-12.19" above each job's line was no date: dotted short dates are versions in a
    sentence ("Python 3.10 - 3.12"), but a range of two-digit months alone on its line is a job's dates."""
    text = (
        "matter:\n\n"
        "07.19-12.19\n"
        ": **Mediengestalter, Fantec GmbH, Hamburg**\n"
        "Produktfotografie, Bildbearbeitung\n\n"
        "11.18-03.19\n"
        ": **Mediengestalter, Druckcenter Hamburg, Hamburg**\n"
        "Verkauf, Kreation\n"
    )
    read = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.last) for entry in read.entries] == [((2019, 7), (2019, 12)), ((2018, 11), (2019, 3))]
    assert read.recent_titles[0] == "Mediengestalter"
    assert jobs_read("Skills\nUpgraded services from Python 3.10 - 3.12 and Node 10.17-12.19 runtimes\n") == []


def test_legal_forms_of_more_languages_name_an_organisation() -> None:
    """r854 and r2063: "Richter Gedeon Nyrt." (a Hungarian public company) and "Sandia National Laboratories" did not
    read as organisations, so the title model weighed them as titles."""
    assert company_score("Richter Gedeon Nyrt.") == 2
    assert company_score("Sandia National Laboratories") == 2
    assert company_score("Sofware s.r.o.") == 2
    assert company_score("Laboratory Technician") == 0


def test_a_consultants_client_after_the_employers_preposition_is_the_employer() -> None:
    """r1618: "Ingénieur d'études en conception mécanique chez le client Baumert" kept the client in the title (the
    employer's preposition was read only before a capital)."""
    text = (
        "<h2>Expériences</h2>\n"
        "<tr>\n<td>11/2019<br>11/2020</td>\n<td>ALTEN (67)</td>\n"
        "<td>Ingénieur d'études en conception mécanique chez le client Baumert (Schaeffesheim)</td>\n</tr>\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Ingénieur d'études en conception mécanique"


def test_a_month_range_whose_year_is_written_once_at_its_end() -> None:
    """r833 and r2230: "{mai. à juil. 2019}" (a French moderncv entry) and "maj-juni 2026" held no date: the first
    month of "January – December 2016" was read only capitalised and before a dash."""
    for written, first, last in (
        ("mai. à juil. 2019", (2019, 5), (2019, 7)),
        ("oct-nov 2019", (2019, 10), (2019, 11)),
        ("maj-juni 2026", (2026, 5), (2026, 6)),
        ("January – December 2016", (2016, 1), (2016, 12)),
    ):
        text = f"## Experience\n\n### Assistant, Acme Corp\n{written}\n- Filed reports\n"
        assert [(entry.first, entry.last) for entry in parse_experience(text, today=AS_OF).entries] == [(first, last)]


def test_an_employment_type_broken_by_a_dash_and_a_space_leaves_the_title() -> None:
    """r1264 (a PDF's text): "PART- TIME ICT INSTRUCTOR" kept its employment type: "part-time" was compared with one
    dash or one space between its words, not both."""
    text = (
        "EXPERIENCE\n"
        "PART- TIME ICT INSTRUCTOR\n"
        "Lusaka Golds Smith University College\n"
        "January 2020 - Present\n"
        "- Taught Microsoft Word, Excel and PowerPoint.\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "ICT INSTRUCTOR"


def test_a_year_field_of_a_data_object_written_on_one_line_dates_its_job() -> None:
    """r610 (a JS module): `{position: "Servitør på Sabi Sushi Fornebu", year: "2024", expList: [...]}` held no
    date: a one-date field was read only as a line of its own."""
    text = (
        "export const experiences = [\n"
        '    {position: "Servitør på Sabi Sushi Fornebu", year: "2024", expList: ["Kassearbeid", "Servere mat"]},\n'
        '    {position: "Renholder hos Insider Facility Solutions", year: "2022-2023", expList: ["Renhold"]},\n'
        "];\n"
    )
    assert [(entry.first, entry.last) for entry in parse_experience(text, today=AS_OF).entries] == [
        ((2024, 0), (2024, 0)),
        ((2022, 0), (2023, 0)),
    ]


def test_a_latex_entrys_dates_written_by_a_macro_of_two_arguments() -> None:
    """r2363 (moderncv): `\\cventry{\\jobdate{Août 2019}{Maintenant}}{...}` — the resume's own macro writes an arrow
    between the two sides, so the dates read "Août 2019 Maintenant": no range, no job, no years."""
    text = (
        "\\newcommand{\\jobdate}[2]{#1 $\\rightharpoonup$\\\\#2}\n"
        "\\cvsection{Expériences professionnelles}\n"
        "\\cventry{\\jobdate{Août 2019}{Maintenant}}{Metroscope}{Full Stack Developer}{Paris}{}{Développeur front}\n"
        "\\cventry{\\jobdate{Mars 2018}{Juillet 2019}}{Wemanity}{Full Stack Lead Developer}{Paris}{}{Lead Developer}\n"
    )
    read = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.last) for entry in read.entries] == [((2019, 8), None), ((2018, 3), (2019, 7))]
    assert read.recent_titles[0] == "Full Stack Developer"


def test_dates_after_dot_leaders_are_read_and_the_dots_leave_the_name() -> None:
    """r1898 (markdown): "##### [LUCENT TECHNOLOGIES](http://www.lucent.com)..........1998 – 2002": the last dot
    of the leader was read as part of a number before the year, so no range was read (4 years for 19.5)."""
    text = (
        "##### [LUCENT TECHNOLOGIES](http://www.lucent.com).......................................1998 – 2002\n"
        "###### Senior Systems Engineer\n- Designed network management systems\n\n"
        "##### [SYMTECH](http://www.symtechsolutions.com/)..................................1984 - 1988\n"
        "###### Lead Service Technician\n- Repaired equipment\n"
    )
    read = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.last) for entry in read.entries] == [((1998, 0), (2002, 0)), ((1984, 0), (1988, 0))]
    assert [entry.company for entry in read.entries] == ["LUCENT TECHNOLOGIES", "SYMTECH"]
    one_year = "Experience\n\nSoftware Engineer, Acme Corp ......................2015\n- Built things\n"
    assert jobs_read(one_year) == [("Software Engineer", "Acme Corp", 2015, False)]


def test_a_header_of_short_pieces_ended_by_a_full_stop_is_no_sentence() -> None:
    """r1805 (a pandoc definition list): "1998--2001" / ":   **Teknisk konsult**, *CSC Sverige AB*, Stockholm." — a
    line of more than four words ending in a full stop was read as a sentence, so only the first job had a title.
    A sentence of short pieces that names no title first stays one."""
    text = (
        "# Yrkeserfarenhet\n\n"
        "2001--2002\n:   **Security Engineer**, *Itegra Secureguard AB*, Umeå.\n\n"
        "1998--2001\n:   **Teknisk konsult**, *CSC Sverige AB*, Stockholm.\n\n"
        "1997--1998\n:   **Systemansvarig**, *Delphi IT AB*, Uppsala.\n"
    )
    assert [title for title, _, _, _ in jobs_read(text)] == ["Security Engineer", "Teknisk konsult", "Systemansvarig"]
    assert not is_prose("Teknisk konsult, CSC Sverige AB, Stockholm.")
    assert is_prose("Built the data platform, Acme style, for all teams.")

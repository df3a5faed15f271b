"""The newest job's title read where the resume writes its other jobs' titles, a title field's value kept whatever its
words, and date words first met in the r901-r1020 resumes (batch H10) and the tune resumes before them: "Pres",
German "Laufend", "Since Nov 2018" as a list item, a range left open before a closing bracket, Dutch "tot en met", and
an employer glued to an at sign ("Java Developer @TGV"). Each text is a shortened copy of one real layout."""

from __future__ import annotations

from datetime import date

import pytest

from skillgap.skills.experience import parse_experience

AS_OF = date(2026, 12, 6)

_BOX = """\
            <div className="workBox">
                <h1>{title}</h1>
                <p className="yearP">{dates}</p>
                <section>
                <p>{duties}</p>
                </section>
            </div>
"""


def test_the_newest_title_is_read_where_the_other_jobs_write_theirs() -> None:
    """A Danish React page, "<h1>Title - Employer</h1>" over each job's dates. "Chauffør" is no role noun the readers
    know, so the newest job's title went to the employer's slot and the page's most recent title was an older job's;
    the other jobs' titles are written in the same place, so it is the title."""
    jobs = [
        ("Altmuligmand - Gram Slot", "2014-2021", "Gennem en årrække har jeg arbejdet ved Gram Slot."),
        ("Servicemedarbejder - Min Købmand", "Juni - November 2020", "Jeg pakkede ordrer og hjalp kunderne."),
        ("Chauffør - Gordon Delivery", " Januar - Juli 2022", "Jeg kørte måltidskasser ud i hele Midtjylland."),
    ]
    text = (
        '<article id="workExperience">\n    <h1 className="mainHeaderWork">Erhvervserfaring</h1>\n'
        + "".join(_BOX.format(title=title, dates=dates, duties=duties) for title, dates, duties in jobs)
        + "</article>\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.entries[0].dates == "Januar - Juli 2022"
    assert experience.recent_titles[0] == "Chauffør"


def test_a_title_fields_value_is_the_title_whatever_its_words() -> None:
    """`positionInCompany: 'Arquivista Jr'`: a Portuguese role noun the readers do not know, in a title field."""
    text = """\
export const professionalExp: ProfessionalExperience[] = [
  {
    companyName: 'Universidade Paulista - UNIP',
    workingTime: '2018 - 2022',
    positionInCompany: 'Arquivista Jr',
    descriptionOfActivities:
      'Responsável pela organização dos arquivos dos colaboradores e pelo recebimento de documentações.',
  },
];
"""
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles == ("Arquivista Jr",)
    assert experience.entries[0].company == "Universidade Paulista - UNIP"


@pytest.mark.parametrize(
    ("text", "first", "total"),
    [
        # a plain-text resume's "Pres." (the job was not read: 9.5 years of 27)
        (
            "EXPERIENCE\nIS System Administrator\nSandia Labs, Albuquerque NM 7/2008-Pres\n- Ran the IBM i systems\n",
            "7/2008-Pres",
            18.5,
        ),
        # German "laufend" (ongoing), a LaTeX CV's newest job
        ("## Berufserfahrung\nPostdoktorand bei Inria\nFebruar 2017 -- Laufend\n", "Februar 2017 -- Laufend", 9.9),
        # "Since Nov 2018" as the first item under the job's heading: a job since then, not one month
        (
            "## Experience\n### Senior Software Developer, Dividend Finance\n  - Since Nov 2018\n  - Built it\n",
            "- Since Nov 2018",
            8.2,
        ),
        # a Hungarian data file's range left open before the closing bracket ("(2024. február - )")
        (
            "## Experience\n- FintechX - Business Analyst (2024. február - )\n- Brain Bar - Nagykövet (2021 - 2023)\n",
            "2024. február -",
            4.9,
        ),
        # Dutch "tot en met" (up to and including) between two full dates
        (
            "Werkervaring\n05-03-2008 tot en met 13-09-2010 Magazijnmedewerker bij Agora\n",
            "05-03-2008 tot en met 13-09-2010",
            2.6,
        ),
    ],
)
def test_date_words_first_met_in_real_resumes(text: str, first: str, total: float) -> None:
    experience = parse_experience(text, today=AS_OF)
    assert experience.entries[0].dates == first
    assert experience.total_years == total


def test_an_employer_glued_to_an_at_sign_is_no_part_of_the_title() -> None:
    text = "## Experience\n### Java Developer [@TGV](http://tgv.com.ar)\nMarch 2019 - Present\n- Built services\n"
    entry = parse_experience(text, today=AS_OF).entries[0]
    assert (entry.title, entry.company) == ("Java Developer", "TGV")


@pytest.mark.parametrize(
    ("text", "total"),
    [
        # a JavaScript data file's dates as `new Date(year, month from 0)` (r1015: no job was read)
        (
            "const jobs = [\n  {\n    title: 'Starszy',\n    from: new Date(2019, 3),\n    to: null,\n  },\n"
            "  {\n    title: 'Programista',\n    from: new Date(2012, 4),\n    to: new Date(2019, 3),\n  },\n];\n",
            14.7,  # May 2012 - Dec 2026: the two jobs joined (April 2019 counted once)
        ),
        # ... and as `new Date("2021-08-01")` (r962)
        (
            "export const jobs = [\n  {\n    title: 'IT Technician',\n    start_date: new Date(\"2021-08-01\"),\n"
            '    end_date: new Date("2023-09-30"),\n  },\n];\n',
            2.2,
        ),
        # a TOML table's keys after the table's name: `tenure.start`, `tenure.close` (r949)
        (
            '[[jobs]]\ntitle="Staff Software Engineer"\ntenure.start="2019"\ntenure.close="2021"\n',
            2.0,
        ),
        # a markdown table's rows, Finnish "Alkaen" (from) and "Päättyi" (ended) (r991)
        (
            "## Työkokemus\n\n| Tehtävänimike | Ohjelmistosuunnittelija |\n| --- | --- |\n| Alkaen | 07.01.2008 |\n"
            "| Päättyi | 16.01.2015 |\n",
            7.1,  # January 2008 - January 2015, both months counted
        ),
    ],
)
def test_date_fields_of_data_files_first_met_in_real_resumes(text: str, total: float) -> None:
    experience = parse_experience(text, today=AS_OF)
    assert experience.total_years == total


def test_a_since_date_before_a_dash_and_the_employer() -> None:
    """ "### Depuis Juin 2017 - Anatec @ Paris" (since June 2017): the newest job, read as running to today."""
    text = (
        "## Expériences\n\n### Depuis Juin 2017 - [Anatec/Wesave](https://www.wesave.fr) @ Paris\n"
        "Développeur back-end\n\n### Aout 2015 à Juin 2017 - [Tech4Team](http://www.tech4team.fr) @ Paris\n"
        "Développeur back-end et lead développeur back-end\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.entries[0].first == (2017, 6)
    assert experience.entries[0].present
    assert experience.total_years == 11.4  # August 2015 - December 2026


def test_a_heading_word_inside_a_data_files_text_field_ends_no_section() -> None:
    """ "... pull Forest Service FIA Estimate data ...": "Service" in a job's long description had opened a section of
    no jobs, and the jobs below it were lost (1 of 3 read)."""
    description = (
        "Performing freelance work for multiple small businesses. Examples include: working in Python to pull Forest"
        " Service FIA Estimate data for advanced analysis, and optimizing small business website performance using"
        " WordPress and common domain hosting providers."
    )
    text = (
        "export const experience = [\n  {\n"
        '    "position": "Owner & Software Developer",\n    "company": "Chase Martin Dev",\n'
        f'    "date_range": "April 2023 - Current",\n    "description": "{description}"\n  }},\n  {{\n'
        '    "position": "Cellar Hand",\n    "company": "Lingua Franca Winery",\n'
        '    "date_range": "Sept 2019 - April 2022",\n    "description": "Upheld wine standards."\n  },\n  {\n'
        '    "position": "Client Data Specialist",\n    "company": "Fruition Sciences",\n'
        '    "date_range": "Nov 2016 - Dec 2018",\n    "description": "Managed client data."\n  },\n];\n'
    )
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == [
        "April 2023 - Current",
        "Sept 2019 - April 2022",
        "Nov 2016 - Dec 2018",
    ]


def test_a_since_date_ending_a_header_line() -> None:
    """A markdown resume's "**Title** at [Employer](url) since june 2020.": jobs running to today."""
    text = (
        "## Experiences\n\n**Fullstack Developer / DevOPS** at [Optimiz.me](https://optimiz.me) since june 2020.\n\n"
        "- Kubernetes, Terraform\n\n**Freelance** since september 2020\n\n- Websites for small companies\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.present) for entry in experience.entries] == [((2020, 9), True), ((2020, 6), True)]
    assert experience.total_years == 6.6  # June 2020 - December 2026


def test_a_latex_entrys_title_wrapped_over_two_lines_is_one_title() -> None:
    text = (
        "\\section{Experience}\n\n\\cventry{2005--present}{Freelance IT\n  consultant}{Masida}{Amsterdam}{}{IT work"
        " with a focus on Free\n  Software/Open Source.}\n\\cventry{2001--2005}{IT consultant}{Sogeti}{Utrecht}{}{}\n"
    )
    entry = parse_experience(text, today=AS_OF).entries[0]
    assert (entry.title, entry.company) == ("Freelance IT consultant", "Masida")


def test_a_work_area_and_a_role_joined_by_a_slash_are_one_title() -> None:
    """The header reader cut "A / B" where one side is no title, as for "Title / Employer"; a work area ("Web
    Performance") is no employer."""
    header = "### Web Performance / Marketing Engineer, Styria Digital Services"
    text = f"## Experience\n\n{header}\nMarch 2021 - Present\n- Ran the site's speed budget\n"
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Web Performance / Marketing Engineer"


def test_a_place_joined_to_the_title_by_a_slash_is_no_part_of_it() -> None:
    text = "## Experience\n\n### Warszawa / Regular Fullstack Developer\nStyczeń 2023 - obecnie\n- React, Node.js\n"
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Regular Fullstack Developer"


def test_a_japanese_range_with_a_wave_dash() -> None:
    """ "2024年10月〜現在" (October 2024 to now), "2022年4月〜2024年9月", "（2022年8月〜、…）": no job was read."""
    text = "## 職務経歴\n\n- **2024年10月〜現在** 株式会社MPX\n- **2022年4月〜2024年9月** 株式会社レコチョク\n"
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.last) for entry in experience.entries] == [((2024, 10), None), ((2022, 4), (2024, 9))]
    assert experience.total_years == 4.8  # April 2022 - December 2026, the two joined
    assert parse_experience("## 職歴\n- **株式会社Speee（2022年8月〜、正社員）**\n", today=AS_OF).entries[0].present


def test_a_resume_page_printed_by_php_echo_lines() -> None:
    text = """\
<?php
echo "<h1>PROFESSIONAL EXPERIENCE:</h1>";
echo "<ul>";
echo "<li><b>Lead Web Developer</b><span class=\\"right\\">2012 to Present</span><br/><i>JNH Services, Inc.</i>";
echo "<li><b>Web Developer</b><span class=\\"right\\">2008 to 2012</span><br/><i>Green Mountain Web</i>";
echo "</ul>";
"""
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:2] == ("Lead Web Developer", "Web Developer")


def test_a_duty_after_a_break_on_the_same_source_line_makes_no_sentence_of_the_header() -> None:
    """An HTML list item holds the header and, after `<br>`, a long duty: the date was taken for one in a sentence and
    the two newest jobs were lost (3.8 years of 7.2)."""
    duty = "Análise de dados, criação de regras, dashboards SQL, apoio a outras áreas e ao time de produto."
    text = (
        "<h2>Experiência Profissional</h2>\n<ul>\n"
        "    <li><strong>Zig. The Global Funtech</strong> – Analista de Riscos Sênior (Mai/2024 – atual)"
        f"<br>• {duty}</li>\n"
        f"    <li><strong>PicPay</strong> – Analista de Fraude Sênior (Set/2020 – Ago/2023)<br>• {duty}</li>\n</ul>\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[0] == "Analista de Riscos Sênior"
    assert [entry.dates for entry in experience.entries] == ["Mai/2024 – atual", "Set/2020 – Ago/2023"]


def test_a_menus_links_and_a_duty_list_items_label_are_no_section_headings() -> None:
    """A menu of links ("Utdanning", "Arbeidserfaring", "Ferdigheter") had left the page in a skills section, and a
    duty's "<li>Client Engagement:</li>" had closed the work section: no job was read after either."""
    text = """\
<ul class="nav"><li><a class="nav-link" href="#utdanning">Utdanning</a></li>
<li><a class="nav-link" href="#ferdigheter">Ferdigheter</a></li></ul>
<h2>Work Experience</h2>
<h3>Assistant Manager</h3><p>Dollar General | March 2018 - November 2020</p>
<ul>
<li>Client Engagement:</li>
<li>Answered customer questions at the register.</li>
</ul>
<h3>Team Lead</h3><p>Walmart | March 2016 - February 2018</p>
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries] == ["Assistant Manager", "Team Lead"]

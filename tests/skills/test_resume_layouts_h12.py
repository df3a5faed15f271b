"""The newest job's title cut from the words that name whom the job was with, in the languages the title words know
("Conducteur de ligne chez ETEX France", "Gastronomie/Kurier bei Lieferando"): the title reader knows neither role,
so the newest job had no title and the profile showed an older job's as the most recent. Each text is a shortened
copy of one real layout (tune resumes r643 and r452)."""

from __future__ import annotations

from datetime import date

import pytest

from skillgap.skills.experience import parse_experience

AS_OF = date(2026, 12, 6)


def test_a_title_before_chez_is_the_newest_title() -> None:
    text = (
        "EXPÉRIENCE\n\nConducteur de ligne chez ETEX France\n2019 - 2023\n"
        "Gestion et pilotage des ordres de fabrication.\n\n"
        "Opérateur chez Saint-Gobain\n2015 - 2019\nProduction.\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[0] == "Conducteur de ligne"


def test_a_title_before_bei_is_the_newest_title() -> None:
    text = "Berufserfahrung\n\n2021 - heute\nGastronomie/Kurier bei Lieferando\n\n2018 - 2021\nVerkäufer bei Rewe\n"
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:2] == ("Gastronomie/Kurier", "Verkäufer")


def test_a_jobs_list_inside_an_object_of_sections_is_read() -> None:
    """A JSON CV whose sections sit inside one object (`"personal": {`), the keys written without their accents
    (`"experiencia_profesional"`, `"educacion"`): the jobs list was read as a field of the personal details and no
    job was found (tune resume r1189)."""
    text = """{
  "personal": {
    "name": "Ana",
    "contact": {
      "email": "[email]"
    },
    "experiencia_profesional": [
      {
        "position": "Técnico Informático",
        "company": "Junta de Andalucía",
        "dates": "Marzo 2021 - Junio 2021",
        "responsibilities": [
          "Montaje de equipos."
        ]
      }
    ],
    "educacion": [
      {
        "degree": "Desarrollo de Aplicaciones Multiplataforma",
        "institution": "MEDAC",
        "dates": "Septiembre 2022 - Actualidad"
      }
    ]
  }
}
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.title, entry.company) for entry in experience.entries] == [
        ("Técnico Informático", "Junta de Andalucía")
    ]
    assert experience.total_years == 0.3


@pytest.mark.parametrize(
    ("heading", "header", "first", "last"),
    [
        # Hungarian: full dates with dots, the last one ended by a dot too (tune resume r1231)
        ("Szakmai tapasztalat", "2008.05.02 - 2010.01.10.\nRendszergazda, Gyulai Kft.", (2008, 5), (2010, 1)),
        ("Szakmai tapasztalat", "2010.01.12 - jelenleg\nÜgyvezető, Gexa Bt.", (2010, 1), None),
        # Japanese: a day after the month, and "から" between the dates (r1259)
        ("職務経歴", "2021年12月1日から2023年10月31日\n株式会社サンプル エンジニア", (2021, 12), (2023, 10)),
        ("職務経歴", "2021年10月1日から現在に至る\n株式会社サンプル エンジニア", (2021, 10), None),
        # Korean: a space after each dot, a dot after the month
        ("경력", "2019. 03. ~ 2021. 05.\n주식회사 샘플 개발자", (2019, 3), (2021, 5)),
        # present words met in the tune resumes and their languages' neighbours
        ("Doświadczenie", "09/2019 – dzisiaj\nKsięgowa, Biuro Rachunkowe", (2019, 9), None),
        ("Experiencia", "marzo 2019 - a la fecha\nContadora, Despacho Contable", (2019, 3), None),
        ("Experience", "Jan 2019 - To Present\nStaff Accountant, Acme Corp", (2019, 1), None),
        ("Experience", "Jan 2021 - Curr\nResearch Assistant, Acme Lab", (2021, 1), None),
        ("Experiência", "03/2019 - em andamento\nContadora, Escritório Contábil", (2019, 3), None),
        ("Berufserfahrung", "Mrz 2019 - Dez 2020\nBuchhalterin, Beispiel GmbH", (2019, 3), (2020, 12)),
    ],
)
def test_dates_written_the_way_more_languages_write_them_are_read(
    heading: str, header: str, first: tuple[int, int], last: tuple[int, int] | None
) -> None:
    text = f"{heading}\n\n{header}\n- Did the work.\n"
    entries = parse_experience(text, today=AS_OF).entries
    assert [(entry.first, entry.last) for entry in entries] == [(first, last)]


@pytest.mark.parametrize(
    ("heading", "header"),
    [
        # Turkish capitals: Python lower-cases "İ" to "i" and a combining dot, which no heading in the data has
        ("İŞ DENEYİMİ", "Mart 2019 - Halen\nMuhasebe Uzmanı, Örnek A.Ş."),
        # Greek: the final sigma, casefolded as the data writes it (the skills heading closes the jobs)
        ("Επαγγελματική Εμπειρία", "Μάρτιος 2019 - σήμερα\nΛογίστρια, Παράδειγμα Α.Ε."),
        ("Karriere", "03/2019 - heute\nBuchhalterin, Beispiel GmbH"),
        ("Job History", "March 2019 - Present\nStaff Accountant, Acme Corp"),
    ],
)
def test_the_experience_heading_is_known_however_it_is_cased(heading: str, header: str) -> None:
    """Each heading opens the work section, so the job under it is a job even in a resume whose jobs come after
    other sections (here an education section and its school's dates, which are no job)."""
    text = f"Education\n\n2014 - 2018\nBSc Accounting, Example University\n\n{heading}\n\n{header}\n- Did the work.\n"
    entries = parse_experience(text, today=AS_OF).entries
    assert [entry.first for entry in entries if entry.counted] == [(2019, 3)]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "İŞ DENEYİMİ\n\nMart 2019 - Halen\nMuhasebeci, Örnek Gıda A.Ş.\n- Aylık beyannameler.\n\n"
            "Ocak 2015 - Şubat 2019\nMuhasebe Uzmanı, Deneme Ltd. Şti.\n- Defter kayıtları.\n",
            "Muhasebeci",
        ),
        (
            "Szakmai tapasztalat\n\n2019.03 - jelenleg\nKönyvelő - Minta Kft.\n\n"
            "2015.01 - 2019.02\nElemző - Próba Zrt.\n",
            "Könyvelő",
        ),
    ],
)
def test_a_role_noun_of_more_languages_is_the_newest_title(text: str, title: str) -> None:
    """Turkish "Muhasebeci" (accountant) and Hungarian "Könyvelő" were no role nouns the readers knew: the newest job
    had no title, and the profile showed none."""
    assert parse_experience(text, today=AS_OF).recent_titles[0] == title


def test_a_role_titled_as_volunteering_is_no_job() -> None:
    """A JSON CV lists a food bank's "Benevole" (volunteer) among its jobs with a start and no end (tune resume
    r526): counted, it ran to today and gave a student six years of work. A role marked as volunteering is no job."""
    text = """{
  "work": [
    {"name": "NOVOTEL METZ", "position": "Réceptionniste", "startDate": "2024-06-01", "endDate": "2024-08-01"},
    {"name": "Association caritative", "position": "Benevole", "startDate": "2021-01-01", "endDate": ""}
  ]
}
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries] == ["Réceptionniste"]
    assert experience.total_years == 0.2


def test_a_pupil_s_school_years_under_the_work_heading_are_no_job() -> None:
    """A German vita table lists schools among the jobs (tune resume r425): the Realschule and the Gymnasium added
    years of school to the work. A teacher's job at a Gymnasium names its role and stays a job."""
    text = (
        "Werdegang\n\n"
        "08/2018 - 12/2020\nMediengestalterin, Angel Domäne\n\n"
        "08/2012 - 07/2018\nLehrerin, Gymnasium Nepomucenum Coesfeld\n\n"
        "08/1997 - 06/2001\nRealschulabschluss, Hoffmann-von-Fallersleben-Realschule Höxter\n\n"
        "08/1995 - 06/1997\nKönig-Wilhelm-Gymnasium Höxter\n"
    )
    entries = parse_experience(text, today=AS_OF).entries
    assert [entry.title for entry in entries] == ["Mediengestalterin", "Lehrerin"]


def test_a_data_key_that_adds_name_to_a_title_or_employer_key_is_that_field() -> None:
    """`jobName`, `employerName` (a German developer's page, tune resume r1226; Portuguese `nomeEmpresa`): the title
    and the employer, as `jobTitle` and `companyName` are."""
    text = """export const jobs = [
  {
    employerName: 'Orca Software GmbH',
    jobName: 'Softwaretester',
    start: '03/2019',
    end: '12/2022',
  },
];
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(entry.title, entry.company) for entry in entries] == [("Softwaretester", "Orca Software GmbH")]


def test_a_yaml_job_s_folded_summary_is_its_field_not_a_section() -> None:
    """A Jekyll `_data` CV (tune resume r1186): each job's `summary: >` opened a summary section, and every job after
    the first was lost (4.4 years read of 16.3)."""
    text = """work:
  - company: "EPAM Systems"
    position: "Senior Data Scientist"
    startDate: "2022-08-01"
    endDate: ""
    summary: >
      Developed ML models for demand forecasting.
  - company: "AT Consulting"
    position: "Team Lead Data Analyst"
    startDate: "2010-09-01"
    endDate: "2017-04-01"
    summary: >
      From junior data analyst to Team Lead.
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [entry.title for entry in entries] == ["Senior Data Scientist", "Team Lead Data Analyst"]


def test_a_range_word_after_the_dash_before_the_present_is_read() -> None:
    text = "Berufserfahrung\n\n03/2019 – bis jetzt\nSoftwaretester, Orca Software GmbH\n"
    entries = parse_experience(text, today=AS_OF).entries
    assert [(entry.first, entry.last) for entry in entries] == [((2019, 3), None)]


def test_js_job_objects_whose_range_field_comes_first_are_each_read_with_their_own_fields() -> None:
    """A German developer's page data (tune resume r1226): each object opens with its `date` and holds a
    `jobDescription` list; objects are joined by `}, {` lines. The lists opened an experience section each, so the
    newest job (above the first list) was lost, and every other job took the title of the object above it."""
    jobs = [
        ("03/2019 – bis jetzt", "Software Entwickler", "Testen aller Produkte."),
        ("06/2018 – 02/2019", "Helfer", "Springer"),
        ("09/2015 – 05/2018", "Produktionsmitarbeiter", "Bedienen verschiedener Pressen."),
    ]
    objects = ",\n".join(
        f"    {{\n        id : {number},\n        date: '{dates}',\n        jobName: '{title}',\n"
        f"        jobDescription : [\n            '{duty}' ]\n    }}"
        for number, (dates, title, duty) in enumerate(jobs)
    ).replace("    },\n    {", "    }, {")
    text = f"export default [\n{objects}\n]\n"
    entries = parse_experience(text, today=AS_OF).entries
    assert [(entry.title, entry.first) for entry in entries] == [
        ("Software Entwickler", (2019, 3)),
        ("Helfer", (2018, 6)),
        ("Produktionsmitarbeiter", (2015, 9)),
    ]


def test_an_employer_named_with_the_education_keyword_under_the_experience_heading_is_no_section() -> None:
    """A reStructuredText CV (tune resume r1168) writes each employer as a subheading: "Amplify Education" opened an
    education section, and the jobs below it were read as studies (12.6 years of 26.4)."""
    text = (
        "Experience\n==========\n\n"
        "Cisco Systems, Inc.\n-------------------\n\nSenior Software Engineer\n~~~~~~~~~~~~~~~~~~~~~~~~\n"
        "June 2014 - Present\n\n* Built things.\n\n"
        "Amplify Education\n-----------------\n\nSystems Engineer\n~~~~~~~~~~~~~~~~\nMarch 2012 - May 2014\n\n"
        "* Ran servers.\n\n"
        "Education\n=========\n\nB.S. Computer Science, Nebraska Wesleyan University, 2004\n"
    )
    entries = parse_experience(text, today=AS_OF).entries
    assert [(entry.title, entry.first) for entry in entries] == [
        ("Senior Software Engineer", (2014, 6)),
        ("Systems Engineer", (2012, 3)),
    ]


def test_period_keys_of_a_typescript_data_file_date_its_jobs() -> None:
    """A Brazilian developer's `experiences` array (tune resume r1258) dates each job by `initialPeriod` and
    `endPeriod`: no job was read."""
    text = """export const experiences: Experience[] = [
  {
    company: 'Viva Caldas Negócios Imobiliarios Ltda',
    role: 'Promotor de Marketing',
    initialPeriod: 2014,
    endPeriod: 2015
  },
  {
    company: 'Tarcisio Augusto Silva Araruna',
    role: 'Fotógrafo',
    initialPeriod: 2013,
    endPeriod: 2014
  },
];
"""
    entries = parse_experience(text, today=AS_OF).entries
    assert [(entry.title, entry.first, entry.last) for entry in entries] == [
        ("Promotor de Marketing", (2014, 0), (2015, 0)),
        ("Fotógrafo", (2013, 0), (2014, 0)),
    ]


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_range_with_a_two_digit_end_year_in_a_data_string_is_read(quote: str) -> None:
    """`yearSpan: "2016-19"` (a marketer's page data, tune resume r1214): the short end year was read only at a line's
    or a cell's end."""
    text = (
        "export const jobs = [\n"
        f"  {{ title: {quote}Marketing Operations{quote}, company: {quote}Acme{quote}, "
        f"yearSpan: {quote}2016-19{quote} }},\n"
        "];\n"
    )
    entries = parse_experience(text, today=AS_OF).entries
    assert [(entry.first, entry.last) for entry in entries] == [((2016, 0), (2019, 0))]


def test_a_present_word_after_a_dash_is_no_part_of_the_title() -> None:
    """`role: 'Autônomo - Atual'` (self-employed - current; tune resume r1258): the title is "Autônomo"."""
    text = (
        "export const experiences = [\n  {\n    company: 'Estúdio Próprio',\n    role: 'Autônomo - Atual',\n"
        "    initialPeriod: 2021,\n    endPeriod: 2022\n  },\n];\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Autônomo"


def test_a_start_s_month_and_year_written_as_two_fields_are_one_date() -> None:
    """A React resume's data (tune resume r1301): `start_month: "December"` and `start_year: 2024`, the titles as a
    list. Each range was read from its year alone, or not at all."""
    text = """const jobs = [
    {
        titles: ["Senior Software Engineer II"],
        company: "Boulevard",
        employment_times: [{
            start_month: "December",
            start_year: 2024,
        }],
    },
    {
        titles: ["Software Engineer IV"],
        company: "Asurion",
        employment_times: [{
            start_month: "February",
            start_year: 2023,
            end_month: "August",
            end_year: 2024,
        }],
    },
];
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.last) for entry in experience.entries] == [((2024, 12), None), ((2023, 2), (2024, 8))]
    assert experience.recent_titles[0] == "Senior Software Engineer II"

"""Dated entries of layouts first seen in the r476-r675 tune resumes (batch H8): a month and a year joined by a slash
("Abril/2019", Brazilian resumes), the year before the month (Hungarian "2016 március"), a range left open at the end
of a data file's string, a title field whose key is written with accents ("Função Exercida", "Poziție"), and the
title of another job's list item above a job's dates. Each text is a shortened copy of one real layout."""

from __future__ import annotations

from datetime import date

from skillgap.skills.experience import parse_experience

AS_OF = date(2026, 12, 6)


def test_a_month_and_a_year_joined_by_a_slash() -> None:
    """ "Mai/2024 – atual": no job of this page was read before (no years at all)."""
    text = """\
<h2>Experiência</h2>
<ul>
    <li><strong>Zig. The Global Funtech</strong> – Analista de Riscos Sênior (Mai/2024 – atual)<br>• Análise.</li>
    <li><strong>PicPay</strong> – Analista de Fraude Sênior (Set/2020 – Ago/2023)<br>• Análise de dados.</li>
</ul>
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["Mai/2024 – atual", "Set/2020 – Ago/2023"]
    assert experience.entries[0].present
    assert experience.total_years == 5.7  # Sep 2020 - Aug 2023 and May 2024 - Dec 2026: 68 months


def test_the_year_before_the_month_and_a_range_open_at_the_end_of_a_string() -> None:
    """A Hungarian portfolio's data: "2016 március - 2024 július", and "2024 augusztus - " for the current job."""
    text = """\
export const jobInfo = [
    {
        infoTitle: "Egyéni vállalkozó",
        infoDate: "2024 augusztus - ",
        infoList: ["Ételfutár - Foodora és Wolt"]
    },
    {
        infoTitle: "Repülőtéri Rendőr Igazgatóság",
        infoDate: "2016 március - 2024 július",
        infoList: ["Ügyfélkapu regisztrációs admin"]
    },
]
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.present) for entry in experience.entries] == [((2024, 8), True), ((2016, 3), False)]
    assert experience.total_years == 10.8


def test_a_year_and_a_word_that_is_also_a_month_abbreviation_stay_a_year() -> None:
    """ "set" is Portuguese and Italian for September, but "2020 Set up" is a year and a verb."""
    (entry,) = parse_experience(
        "## Experience\n\nLab Manager, Acme Labs\n2018 – 2020 Set up a lab of twelve people.\n", today=AS_OF
    ).entries
    assert entry.last == (2020, 0)


def test_a_title_field_whose_key_has_accents() -> None:
    """A Romanian CV's "**Poziție:** Medic Specialist": the key was read as part of the title."""
    text = """\
## Experiența profesională

### Clinica Sanamed

- **Poziție:** Medic Specialist
- **Perioada:** aug. 2025 – prezent
- **Locație:** București, România
- Consultații de medicină internă

### Arensia Exploratory Medicine

- **Poziție:** Medic Subinvestigator
- **Perioada:** mar. 2024 – sept. 2024
"""
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Medic Specialist"


def test_another_jobs_title_above_a_jobs_list_item_is_not_its_title() -> None:
    """Each job is a list item: "* **Employer** – de <date> a <date>" and the title under it. The newest job is an
    internship, so the most recent title is the next job's, not the internship's title just above that job's item."""
    text = """\
##### Experiência

* **Vale** – de 08/12/2021 a 06/06/2023
**Função Exercida**: Estagiária de Desenvolvimento
**Atribuições**: Execução de testes funcionais de forma manual e automatizada.

* **BrasilCenter Comunicação** – de 10/05/2021 a 17/09/2021
**Função Exercida**: Assistente administrativo
**Atribuições**: Realizava atendimento dos manifestos enviados pela Anatel.

* **Vilassa e Vilassa Ltda Me** - de 04/01/2016 até 18/10/2019
**Função Exercida**: Operadora de Caixa / Assistente administrativo
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries][:2] == [
        "Estagiária de Desenvolvimento",
        "Assistente administrativo",
    ]
    assert experience.recent_titles[0] == "Assistente administrativo"


def test_a_yaml_jobs_highlights_key_is_no_section_of_its_own() -> None:
    """A RenderCV file: `highlights:` under each job of `experience:` (its list on the lines below) was read as a
    summary heading, which ended the experience section after the first job (1.4 years read of 12)."""
    text = """\
cv:
  sections:
    experience:
      - company: Healthee
        position: Desarrollador Full Stack Senior
        start_date: 2025-08
        end_date: present
        highlights:
          - Desarrollo frontend con React
      - company: Proofpoint
        position: Desarrollador de Software Senior
        start_date: 2024-12
        end_date: 2025-08
        highlights:
          - Servicios backend con Node.js
      - company: Avature
        position: Staff Engineer
        start_date: 2023-06
        end_date: 2024-12
        highlights:
          - Microservicios
"""
    assert [entry.company for entry in parse_experience(text, today=AS_OF).entries] == [
        "Healthee",
        "Proofpoint",
        "Avature",
    ]


def test_a_field_of_a_yaml_list_item_is_no_section_of_its_own() -> None:
    """A Jekyll `_data/experience.yml` has no key over its jobs: each job's `skills:` was read as the skills heading,
    and every later job fell in the skills section."""
    text = """\
- role: Desenvolvedor Web Full-Stack
  when:
    begin: 2016-04
    end: ATUAL
  organization:
    name: Secrelnet
  skills:
    - Desenvolvimento de API's
- role: Desenvolvedor Web Freelancer
  when:
    begin: 2015-8
    end: 2016-1
  organization:
    name: Instituto Federal do Ceará
  skills:
    - Programação utilizando PHP
"""
    assert [entry.title for entry in parse_experience(text, today=AS_OF).entries] == [
        "Desenvolvedor Web Full-Stack",
        "Desenvolvedor Web Freelancer",
    ]


def test_a_data_key_named_by_its_first_word() -> None:
    """`export const jobInfo = [` holds the jobs and `export const educationInfo = [` the schools: the schools were
    counted as jobs (22.0 years read of 16.7)."""
    text = """\
export const jobInfo = [
    {
        infoTitle: "Egyéni vállalkozó",
        infoDate: "2024 augusztus - ",
    },
]

export const educationInfo = [
    {
        infoTitle: "Certa Kft.",
        infoDate: "2009 szeptember - 2010 június",
        infoList: ["CNC forgácsoló OKJ"]
    },
]
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.first for entry in experience.entries] == [(2024, 8)]


def test_swedish_fortfarande_is_the_present() -> None:
    text = "<h2>Erfarenhet</h2>\n<h3>Nordea Liv & Pension</h3>\n<span class='dates'>September 2015 - Fortf.</span>\n"
    (entry,) = parse_experience(text, today=AS_OF).entries
    assert entry.present


def test_the_employer_after_a_preposition_of_another_language() -> None:
    """A Norwegian portfolio writes "<Title> hos <Employer>" in one field: the employer was read as part of the
    title. Each job is one line of data whose dates are a field's whole value: with that many words around them they
    were taken for a sentence that mentions years, and the first job was not read at all."""
    duties = '"Vedlikehold og vasking av tog", "Påfylling av varer i tog", "Forfallende lagerarbeid"'
    more = '"Kjørte varebil rundt Trøndelag og lverte hygieneartikler", "Montering og demontering av produkter"'
    text = (
        "const experiences = [\n"
        '    {position: "Renholder hos Insider Facility Solutions avd. Trondheim", year: "2022-2023", '
        f"expList: [{duties}]}},\n"
        '    {position: "Servicemedarbeider hos Rentokil Initial avd. Trondheim", year: "2021-2022", '
        f"expList: [{more}]}}\n"
        "]\n"
    )
    entries = parse_experience(text, today=AS_OF).entries
    assert [entry.dates for entry in entries] == ["2022-2023", "2021-2022"]
    assert entries[1].title == "Servicemedarbeider"


def test_spaced_full_stops_between_pieces_and_a_heading_written_with_character_references() -> None:
    """A French page: "<h2>2013-2016 . Title .<br /> Employer . City</h2>" under "<h1>Exp&eacute;riences
    professionnelle</h1>", schools under "<h1>Formation</h1>". The title kept the dots and the employer, and the
    experience heading, unread for its "&eacute;", let the schools count as jobs."""
    text = """\
<header><h1>Exp&eacute;riences professionnelle</h1></header>
<div>
    <h2>2013-2016 . Chargée de Gestion Administrative .<br /> MGEN . Villeurbanne</h2>
    <p>Prise en charge de la formation de salari&eacute;</p>
    <h2>2008-2013 . Chef de Rang, Serveuse, P&acirc;tissi&egrave;re .<br /> Bretagne, Normandie</h2>
    <p>Gestion des stocks</p>
</div>
<header><h1>Formation</h1></header>
<div>
    <h2>2014-2016 . DAEU B .<br /> Universit&eacute; Claude Bernard Lyon 1 . Villeurbanne</h2>
    <p>Equivalent Bac S en cours</p>
</div>
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["2013-2016", "2008-2013"]
    assert experience.recent_titles[0] == "Chargée de Gestion Administrative"
    assert experience.entries[0].company == "MGEN"


def test_the_quote_that_closes_a_data_string_is_no_part_of_the_title() -> None:
    text = """\
"experiencia": [
    "2024-actualidad: Enfermera instrumentista",
    "2009-2021: Hospital de Manises - Supervisora de quirófanos y enfermera instrumentista"
]
"""
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Enfermera instrumentista"


def test_a_german_hobbies_section_holds_no_jobs_and_a_parbox_width_is_no_word() -> None:
    """A moderncv Lebenslauf lists its running group and badminton team with dates under "Engagement und Hobbys":
    they were counted as jobs (14.0 years read of 1.5), and the badminton team's title began "t] 10cm"."""
    text = r"""
\section{\textbf{Berufserfahrung}}
\cventry{09.2015--02.2017}
{Werkstudent}
{Micreon GmbH}
{Hannover, Deutschland}
{}
{Aufbau von elektronischen Laborinstrumenten.}

\section{\textbf{Engagement und Hobbys}}
\cventry{seit 2013}
{
\parbox[t]{10cm}{Mannschaftsmitglied in der 1.Kreisliga des niedersächsischen Badminton-Verbands}
}
{Badminton}
{Hannover, Deutschland}
{}
{}
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["09.2015--02.2017"]
    assert experience.total_years == 1.5


def test_a_parbox_inside_an_entry_keeps_only_its_words() -> None:
    text = r"""
\section{Berufserfahrung}
\cventry{seit 2013}
{\parbox[t]{10cm}{Mannschaftsleiter}}
{Badminton Verein Hannover}
{Hannover}
{}
{}
"""
    assert parse_experience(text, today=AS_OF).recent_titles[0] == "Mannschaftsleiter"


def test_a_plain_heading_that_joins_two_section_names() -> None:
    """A job portal's text export: "Educación y formación" as a plain line. Its school, dated "septiembre 2024 -
    Actualmente", was counted as a current job."""
    text = """\
Experiencia laboral
Camarero de barra y sala
La Carbonería-Sevilla, Sevilla provincia
enero 2025 - abril 2025
Camarero de barra en La Carbonería, emblemático bar de Sevilla con clientela internacional.
Educación y formación
Informática (FP Grado Superior)
Centro privado Ilerna-Sevilla, Sevilla provincia
septiembre 2024 - Actualmente
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["enero 2025 - abril 2025"]

"""Dated entries of layouts first seen in the r416-r445 tune resumes (batch H6: French, Portuguese, Dutch, Spanish
and AsciiDoc pages): a '>' between two years, Dutch "Momenteel", a title under a data key of another language, the
employer before the title in brackets, an AsciiDoc block title, an organisation named in Spanish. Each text is a
shortened copy of one real layout."""

from __future__ import annotations

from datetime import date

from skillgap.skills.experience import parse_experience

AS_OF = date(2026, 12, 6)


def read(text: str) -> list[tuple[str, str, str]]:
    """(title, company, dates as written) of each entry, newest first."""
    return [(e.title, e.company, e.dates) for e in parse_experience(text, today=AS_OF).entries]


def test_a_greater_than_sign_between_two_years_is_a_range() -> None:
    """A French page writes "2017>2021": without it no job of the page was read (no years at all)."""
    text = """\
<h1>Expériences</h1>
<h2>Support client et Technicien SAV</h2><p>Naocom - Lunel (34) - 2017>2021</p>
<h2>Chargé de clientèle SFR Pro mobile</h2><p>Aquitel - Chasseneuil du Poitou (86) - 2011>2014</p>
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["2017>2021", "2011>2014"]
    assert experience.total_years == 7.0


def test_dutch_momenteel_is_the_present() -> None:
    text = """\
<h2>Werkervaring</h2>
<table>
<tr><td>Maas & Waal Fit</td><td>Algemeen Medewerker</td><td>2024 - Momenteel</td></tr>
</table>
"""
    (entry,) = parse_experience(text, today=AS_OF).entries
    assert entry.present


def test_a_title_under_a_portuguese_data_key() -> None:
    """`"cargo":` (Portuguese and Spanish for the position) names the title as `"title":` does: the key was read as
    part of the title."""
    text = """\
"experiencias": [
  {
    "empresa": "FITINSUR",
    "cargo": "Analista de Sistemas",
    "periodo": "janeiro de 2022 até agosto de 2024",
  },
]
"""
    assert read(text)[0][:2] == ("Analista de Sistemas", "FITINSUR")


def test_the_employer_before_the_title_in_brackets() -> None:
    text = """\
<h3 class="bold">Ervaring</h3>
<div class="mt-3">
    <h5>Royal Cosun (Servicedesk medewerker)</h5>
    <p class="text-muted">Jul ’21 - Okt ’22 </p>
</div>
"""
    assert read(text)[0][:2] == ("Servicedesk medewerker", "Royal Cosun")


def test_an_asciidoc_block_title_is_read_without_its_dot() -> None:
    text = """\
=== Experience

==== US Tech Solutions

.Technical Writer | March 2018 – March 2020
--
- My work helped call center agents solve customer problems faster.
--
"""
    assert read(text)[0][:2] == ("Technical Writer", "US Tech Solutions")


def test_of_two_lines_the_one_that_names_no_organisation_is_the_title() -> None:
    """A Mexican physician's page: the employer (an "Instituto") and a title no role list knows ("Médica
    Urgencióloga"): the title was empty and the employer was the title's line."""
    text = """\
<h1>Experiencia</h1>

<h2>Instituto Mexicano del Seguro Social</h2>

<h3>Médica Urgencióloga</h3>

<h4>Marzo 2014 — Octubre 2021</h4>

<p>Atención médica en el área de urgencias.</p>
"""
    assert read(text)[0][:2] == ("Médica Urgencióloga", "Instituto Mexicano del Seguro Social")


def test_a_role_before_an_organisation_word_of_another_language_stays_a_title() -> None:
    """ "Técnico de Laboratorio" would have read as an organisation ("laboratorio") were the role noun not the head of
    what follows it in Spanish as "of" makes it in English."""
    from skillgap.skills.resume_entries import company_score, is_title

    assert is_title("Profesor de la Universidad de Sevilla")
    assert is_title("Director of Engineering Systems")
    assert not is_title("Acme Staffing Partners")
    assert company_score("Universidad de Sevilla") == 2
    assert company_score("Barueri / SP") == 0


def test_the_data_keys_of_more_languages_name_the_title_the_employer_and_the_dates() -> None:
    """A Polish data file: "stanowisko" (position), "pracodawca" (employer) and "okres" (period)."""
    text = """\
doswiadczenie: [
  {
    stanowisko: "Księgowa",
    pracodawca: "Biuro Rachunkowe Lux",
    okres: "2019 - 2023",
  },
]
"""
    (entry,) = parse_experience(text, today=AS_OF).entries
    assert (entry.title, entry.company, entry.dates) == ("Księgowa", "Biuro Rachunkowe Lux", "2019 - 2023")


def test_html_blocks_on_one_line_are_apart() -> None:
    """A French page writes the title's heading and the employer's paragraph on one line: the employer was read
    into the title ("Support client et Technicien SAV  Naocom")."""
    text = """\
<h1>Expériences</h1>
<h2>Support client et Technicien SAV</h2><p>Naocom - Lunel (34) - 2017>2021</p>
"""
    assert read(text)[0][0] == "Support client et Technicien SAV"


def test_a_table_row_holds_one_job() -> None:
    """A Dutch page's table (employer, title, dates): the header reader took the next row's cells for the job above
    them, so the current job had the next one's employer and the supermarket job none."""
    text = """\
<table>
    <tr>
        <td><a href="https://www.maasenwaalfit.nl/">Maas & Waal Fit</a></td>
        <td>Algemeen Medewerker</td>
        <td>2024 - Momenteel</td>
    </tr>
    <tr>
        <td><a href="https://www.jumbo.com/">Jumbo Supermarkten</a></td>
        <td>Vulploeg Medewerker</td>
        <td>2020 - 2024</td>
    </tr>
</table>
"""
    assert [entry[:2] for entry in read(text)] == [
        ("Algemeen Medewerker", "Maas & Waal Fit"),
        ("Vulploeg Medewerker", "Jumbo Supermarkten"),
    ]


def test_a_table_s_from_and_to_cells_are_one_range() -> None:
    """A German vita table with "von" and "bis" columns: each date was read as a job of its own year."""
    text = """\
<table>
    <th>von</th>
    <th>bis</th>
    <th>wo</th>
    <th>was</th>
    <tr>
        <td>September 2008</td>
        <td>Januar 2009</td>
        <td>TH OWL Lemgo</td>
        <td>Medienproduktion</td>
    </tr>
</table>
"""
    (entry,) = parse_experience(text, today=AS_OF).entries
    assert (entry.first, entry.last) == ((2008, 9), (2009, 1))


def test_a_title_in_an_employer_that_is_no_place() -> None:
    """ "HR Executive in Infosys": the employer after "in" (as after "with"); "Staff Nurse in London" keeps its
    place out of the company."""
    from skillgap.skills.resume_entries import segments

    assert segments("HR Executive in Infosys") == ["HR Executive", "Infosys"]
    assert segments("Staff Nurse in London") == ["Staff Nurse in London"]

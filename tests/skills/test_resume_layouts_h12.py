"""The newest job's title cut from the words that name whom the job was with, in the languages the title words know
("Conducteur de ligne chez ETEX France", "Gastronomie/Kurier bei Lieferando"): the title reader knows neither role,
so the newest job had no title and the profile showed an older job's as the most recent. Each text is a shortened
copy of one real layout (tune resumes r643 and r452)."""

from __future__ import annotations

from datetime import date

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

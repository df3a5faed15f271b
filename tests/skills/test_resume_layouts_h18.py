"""Layouts of tune resumes that read no job at all, fixed in the eighteenth session. Each text is a shortened copy of
one real layout (the tune resume is named)."""

from __future__ import annotations

from skillgap.skills.experience import parse_experience
from skillgap.skills.resume_entries import cut_title
from tests.support.resumes import AS_OF, jobs_read


def test_start_and_end_keys_on_one_line_date_a_job() -> None:
    """r466: a Portuguese markdown resume writes "Início: **12/06/2017** Término: **11/10/2018**" under each job; its
    three jobs were lost (the keys were read only as a data object's fields, each on a line of its own)."""
    text = (
        "### Experiência\n\n"
        "> **Assistente Administrativo** - DHL LOGISTICS BRAZIL LTDA\n"
        "> - Início: **25/10/2019** Término: **05/07/2021**\n\n"
        "> **Jovem Aprendiz** - DHL LOGISTICS BRAZIL LTDA\n"
        "> - Início: **12/06/2017** Término: **11/10/2018**\n"
    )
    assert jobs_read(text) == [
        ("Assistente Administrativo", "DHL LOGISTICS BRAZIL LTDA", 2019, False),
        ("Jovem Aprendiz", "DHL LOGISTICS BRAZIL LTDA", 2017, False),
    ]


def test_a_start_key_then_a_bar_then_the_end_dates_a_job() -> None:
    """r1430: a React component's "<p>Início: 04/2022 | Atualmente</p>" under each job's heading and employer."""
    text = (
        '<h1 id="experience">Experiência Profissional</h1>\n'
        "<h2>Desenvolvedor Frontend</h2>\n<h3>Hiperbanco</h3>\n<p>Início: 04/2022 | Atualmente</p>\n"
        "<p>Atividades: desenvolvimento frontend.</p>\n"
        "<h2>Vendedor</h2>\n<h3>Mitchell Menswear</h3>\n<p>Início: 07/2018 | 01/2020</p>\n"
    )
    assert jobs_read(text) == [
        ("Desenvolvedor Frontend", "Hiperbanco", 2022, True),
        ("Vendedor", "Mitchell Menswear", 2018, False),
    ]


def test_a_start_key_with_no_date_after_it_dates_nothing() -> None:
    """The values must be dates: a sentence with a start word and a bar is no job."""
    text = "Experience\n\nStart: the project kickoff | then delivery\n"
    assert jobs_read(text) == []


def test_since_opening_a_list_item_column_dates_a_current_job() -> None:
    """r455: a moderncv entry read as "-   Desde 2023  Técnico Universitário  Assistente Editorial  EdUERJ" (a list
    item whose first column is the since date) was no job."""
    text = (
        "Experiências profissionais recentes\n\n"
        "-              Desde 2023  Técnico Universitário  Assistente Editorial  EdUERJ          UERJ\n\n"
        "       (auxílio no processo de publicação de livros)\n"
    )
    ((title, _, year, current),) = jobs_read(text)
    assert title.startswith("Técnico Universitário")
    assert (year, current) == (2023, True)


def test_a_seat_on_a_committee_or_a_board_is_no_job() -> None:
    """r2012: "Ethics Committee Member" (2023 - present) was read as the newest job over "Head of Explainable
    Artificial Intelligence" (2021 - present); r776: "Membre du conseil d'administration" the same way. The labels
    list no board or committee role (LABELLING.md r136, r704, r1431)."""
    text = (
        "## Experience\n\n"
        "### Ethics Committee Member\nAcme Research | 2023 - present\n\n"
        "### Head of Explainable Artificial Intelligence\nAcme Research | 2021 - present\n\n"
        "### Member of the Executive Board\nOpen Data Society | 2019 - 2020\n\n"
        "### Research Associate\nUniversity of Bath | 2014 - 2019\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries] == [
        "Head of Explainable Artificial Intelligence",
        "Research Associate",
    ]
    assert experience.recent_titles[0] == "Head of Explainable Artificial Intelligence"


def test_a_paid_post_of_a_body_and_a_staff_member_arejobs_read() -> None:
    """The limit of the rule above: a clerk of a committee, a member of technical staff and a department's chair
    hold jobs."""
    text = (
        "## Experience\n\n"
        "### Committee Clerk\nHouse of Commons | 2021 - present\n\n"
        "### Member of Technical Staff\nSun Microsystems | 2015 - 2021\n\n"
        "### Chair of the Department of Physics\nUniversity of Leeds | 2010 - 2015\n"
    )
    assert [entry.title for entry in parse_experience(text, today=AS_OF).entries] == [
        "Committee Clerk",
        "Member of Technical Staff",
        "Chair of the Department of Physics",
    ]


def test_how_a_job_was_held_in_brackets_is_no_part_of_its_title() -> None:
    """r1103, r1360, r2083: "(Dualer Student)", "(Summer)" and "(joint appointment)" after a title say how or when
    the job was held, as "(Contract)" does; the labels drop them (LABELLING.md r678, r1103, r1285). Written before a
    title, such a word is the title's own."""
    assert cut_title("Software-Entwickler (Dualer Student)") == "Software-Entwickler"
    assert cut_title("Programmer Trainee (Summer)") == "Programmer Trainee"
    assert cut_title("Freelance English Tutor (Online)") == "Freelance English Tutor"
    assert cut_title("Professor (joint appointment)") == "Professor"
    assert cut_title("Online Editor") == "Online Editor"
    assert cut_title("Summer Camp Counselor") == "Summer Camp Counselor"
    assert cut_title("Assistant Professor (Tenure Track)") == "Assistant Professor (Tenure Track)"


def test_an_employment_type_is_not_cut_when_it_would_leave_a_preposition() -> None:
    """r644: "Ricercatore a tempo determinato" (an Italian academic post) was cut to "Ricercatore a", as if "tempo
    determinato" (fixed term) were written after the title."""
    assert cut_title("Ricercatore a tempo determinato") == "Ricercatore a tempo determinato"
    assert cut_title("Ricercatore - tempo determinato") == "Ricercatore"


def test_a_field_label_before_a_title_is_no_part_of_it() -> None:
    """r2201: "Settore: Programmatore / Sistemista / Analista" kept its label "Settore" (sector); r826 and r1768: a data
    file's `name: "Encargado"` and `description: Full Stack Developer` read no title or kept the key. An employer's,
    a date's or a place's key is no title's label (r668: `location: "Kebumen / Freelance"`)."""
    assert cut_title("Settore: Programmatore / Sistemista / Analista") == "Programmatore / Sistemista / Analista"
    assert cut_title("Position: Registered Nurse") == "Registered Nurse"
    assert cut_title("description: Full Stack Developer") == "Full Stack Developer"
    assert cut_title("location: Kebumen / Freelance").startswith("location:")
    assert cut_title("Nurse: ICU") == "Nurse: ICU"
    text = (
        "export const jobs = [\n  {\n"
        '    name: "Encargado",\n    company: "Bar Central",\n    location: "Kebumen / Freelance",\n'
        '    date: "2022 - 2024",\n  },\n];\n'
    )
    assert [(e.title, e.company) for e in parse_experience(text, today=AS_OF).entries] == [("Encargado", "Bar Central")]


def test_the_russian_present_abbreviation_with_a_space_ends_a_current_job() -> None:
    """r2243: "окт. 2025 - н. в." (н. в., "настоящее время", written with a space) read no job."""
    text = (
        "<h2>Опыт работы</h2>\n<div>\n<span className='resume-year'>окт. 2025 - н. в.</span>\n"
        "<h3>Младший веб-программист</h3>\n<p>ООО Видеоинтеллект</p>\n</div>\n"
    )
    ((_, _, year, current),) = jobs_read(text)
    assert (year, current) == (2025, True)

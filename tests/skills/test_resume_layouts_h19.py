"""Layouts of tune resumes read wrong, fixed in the nineteenth session. Each text is a shortened copy of one real
layout (the tune resume is named)."""

from __future__ import annotations

from skillgap.skills.experience import classify_resume_heading, find_date_ranges, parse_experience
from skillgap.skills.resume_entries import clean_markup, cut_title
from tests.support.resumes import AS_OF, jobs_read


def test_a_date_of_birth_over_a_bullet_is_no_current_job() -> None:
    """r2186: a LaTeX list's "\\item[Date de naissance] 26 Juin 1982" over "\\item[Nationalité] Chilienne" (read as
    below, its markup blanked) was a range open since 1982, the next item's bullet taken for its dash: 44.6 years for a
    4.9-year career."""
    text = "-    [Date de naissance] 26 Juin 1982\n-    [Nationalité] Chilienne\n"
    assert [(found.first, found.present) for found in find_date_ranges(text, today=AS_OF)] == []


def test_an_open_range_still_ends_with_its_dash_on_the_next_line() -> None:
    """The guard: a PDF's text may put the dash of "2018 –" on a line of its own, with nothing after it."""
    ranges = find_date_ranges("Data Analyst, Acme Corp 2018\n–\n", today=AS_OF)
    assert [(found.first, found.present) for found in ranges] == [((2018, 0), True)]


def test_emoji_short_codes_before_a_heading_are_icons() -> None:
    """r616: "### :books: Studium und Ausbildung" was no heading, so the studies below it counted as jobs."""
    assert classify_resume_heading("### :books: Studium und Ausbildung") is not None
    assert classify_resume_heading("### :books: Studium und Ausbildung").value == "education"
    assert classify_resume_heading("### :briefcase: Berufliche Erfahrungen").value == "experience"
    assert classify_resume_heading("Experience: 2019:") is None


def test_a_misspelt_experience_heading_holds_thejobs_read() -> None:
    """r2288: "## WORK EXPIERENCE" was no heading, so the jobs below it stayed in "## CORE SKILLS"."""
    text = (
        "## CORE SKILLS\n- Cisco Firepower, Active Directory\n\n"
        "## WORK EXPIERENCE\n"
        "SEP 2021 – ONGOING: IT Infrastructure Engineer (SOLIFI)\n"
        ": I am currently working at Solifi.\n"
    )
    assert jobs_read(text) == [("IT Infrastructure Engineer", "SOLIFI", 2021, True)]


def test_a_setext_heading_names_its_section() -> None:
    """r2300, r2305: "Selected Faculty Appointments" and "Experiencia docente" underlined with "======" were no
    headings, so the jobs below stayed in the education section above them."""
    text = (
        "Education\n======\n* Ph.D in Electrical and Computer Engineering, Drexel University, 2018\n\n"
        "Selected Faculty Appointments\n======\n"
        "* Assistant Professor of Math and Computer Science at Ursinus College, 2020-Present\n"
        "* Lecturer of Computer Science at the University of Pennsylvania, 2011-2013\n"
    )
    assert [(title, start) for title, _, start, _ in jobs_read(text)] == [
        ("Assistant Professor of Math and Computer Science", 2020),
        ("Lecturer of Computer Science", 2011),
    ]
    spanish = "Experiencia docente\n======\n* Desde Enero 2020: Profesor contratado doctor interino\n"
    assert jobs_read(spanish) == [("Profesor contratado doctor interino", "", 2020, True)]


def test_two_list_items_of_the_same_years_are_twojobs_read() -> None:
    """r2300: two consecutive items dated "2020-Present" were read as one job dated twice, and the first was lost."""
    text = (
        "Appointments\n\n"
        "* Assistant Professor at Ursinus College, 2020-Present\n"
        "* Instructor at Syracuse University, 2020-Present\n"
    )
    assert [company for _, company, _, _ in jobs_read(text)] == ["Ursinus College", "Syracuse University"]


def test_how_a_post_was_held_in_brackets_inside_its_title_is_dropped() -> None:
    """r2300: "Assistant Professor (Visiting) of Math and Computer Science" (LABELLING r2300)."""
    assert cut_title("Assistant Professor (Visiting) of Math and Computer Science") == (
        "Assistant Professor of Math and Computer Science"
    )
    assert cut_title("Instructor (Part-Time) of Computer Science") == "Instructor of Computer Science"
    assert cut_title("Visiting Researcher") == "Visiting Researcher"
    assert cut_title("Assistant Professor (Tenure Track)") == "Assistant Professor (Tenure Track)"


def test_an_arrow_entity_and_inline_elements_join_a_range() -> None:
    """r2287 writes "2014 &rarr; Present"; r2284 "<abbr class="dtstart">September 2011</abbr> - <abbr>present</abbr>".
    Neither was read as a range."""
    arrow = "## Experience\n\n**IT Support Engineer**, Eloquent Technologies Limited\n2014 &rarr; Present\n"
    assert jobs_read(arrow) == [("IT Support Engineer", "Eloquent Technologies Limited", 2014, True)]
    abbr = (
        "Professional Experience\n\n"
        '<span class="summary">Site Reliability Engineer</span>,\n'
        '<abbr class="dtstart" title="2011-09-01">September 2011</abbr> - <abbr title="2013-01-01">present</abbr>\n'
    )
    assert [(start, current) for _, _, start, current in jobs_read(abbr)] == [(2011, True)]


def test_an_ellipsis_after_the_dash_is_an_open_range() -> None:
    """r2323: "**Pepperbay - Développeur web** : 2019 - ..." is the current job."""
    text = (
        "## Expériences professionnelles\n\n"
        "**Pepperbay - Développeur web** : 2019 - ...\n\nRefonte d'une application.\n\n"
        "**Pepperbay - Contrat de professionalisation** : 2018 - 2019\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.entries[0].present
    assert experience.entries[0].start_month // 12 == 2019


def test_french_school_and_association_headings_hold_nojobs_read() -> None:
    """r2323: "## Parcours scolaire" and "## Associatif" were no headings; a school and a club role counted as jobs
    (12 years for 8)."""
    assert classify_resume_heading("## Parcours scolaire").value == "education"
    assert classify_resume_heading("## Associatif").value == "other"


def test_a_line_break_element_sets_a_headers_pieces_apart() -> None:
    """r2320: "**Développeur full-stack**<br>*Webnet*<br>Nantes, Pays de la Loire" gave the title "Développeur
    full-stack Webnet Nantes"."""
    text = (
        "## Expériences\n\n"
        "Avril 2023 - présent | **Développeur full-stack**<br>*Webnet*<br>Nantes, Pays de la Loire\n"
        "Novembre 2018 - Octobre 2020 | **Développeur full-stack**<br>*Micropole*<br>Nantes, Pays de la Loire\n"
    )
    assert [(title, company) for title, company, _, _ in jobs_read(text)] == [
        ("Développeur full-stack", "Webnet"),
        ("Développeur full-stack", "Micropole"),
    ]


def test_a_link_ending_a_role_phrase_is_part_of_the_title() -> None:
    """r2302: "Professor of <a href=...>physics</a>" was cut to "Professor of"; a link after a title without a
    preposition still names the employer."""
    assert clean_markup('Professor of <a href="http://www.physics.mun.ca">physics</a>') == "Professor of physics"
    text = '<li> 2015-present: Professor of <a href="http://www.physics.mun.ca">physics</a></li>\n'
    assert jobs_read("<h2>Positions</h2>\n" + text)[0][0] == "Professor of physics"


def test_a_date_element_and_a_city_class_are_read() -> None:
    """r2326: `<date class="from">11/2017</date> – <date class="till">Jetzt</date>` was no range, and the employer's
    city in `<span class="city">` was read as the job's title."""
    text = (
        '<ol class="cv">\n<li class="cv-item">\n<aside>\n<span class="when">\n'
        '<date class="from">11/2017</date> – <date class="till">Jetzt</date>\n'
        '</span> <span class="where">\n<span class="agency">Webweit GmbH</span>\n'
        '<span class="city">Frankfurt am Main</span>\n</span>\n</aside>\n'
        '<ul>\n<li class="title"><h2>Full-Stack Developer</h2></li>\n</ul>\n</li>\n</ol>\n'
    )
    assert jobs_read(text) == [("Full-Stack Developer", "Webweit GmbH", 2017, True)]


def test_a_themes_date_format_setting_is_no_date_field() -> None:
    """r1556: a Wowchemy widget's `date_format: Jan 2006` above `experience:` made the jobs' list a field of an object
    with dates, so the resume had no experience section and its one job (`date_end: ''`: current), whose place names a
    school, was read as studies."""
    text = (
        "---\nwidget: experience\nheadless: true\nweight: 60\ntitle: Experience\nsubtitle:\n"
        "date_format: Jan 2006\nexperience:\n"
        "  - title: Anaesthetics Doctor\n    company: NHS\n    company_url: ''\n"
        "    location: Kent, Surrey & Sussex School of Anaesthesia\n"
        "    date_start: '2016'\n    date_end: ''\n    description: |2-\n      * ST3 @ Surrey NHS Trust\n---\n"
    )
    assert jobs_read(text) == [("Anaesthetics Doctor", "NHS", 2016, True)]


def test_technical_roles_name_the_experience_and_a_tilde_parts_a_header() -> None:
    """r1306: "## Leadership and Technical Roles" was read as a leadership section (no jobs), and
    "### AktaryTech ~ Director of Service Delivery" was one title."""
    assert classify_resume_heading("## Leadership and Technical Roles").value == "experience"
    assert classify_resume_heading("## Leadership Roles").value == "other"
    text = (
        "## Leadership and Technical Roles\n\n### AktaryTech ~ Director of Service Delivery\n\n"
        "Apr 2021 - Present @ _Austin, TX_\n\n- Create time and cost estimates for client prospects.\n"
    )
    assert jobs_read(text)[0][:2] == ("Director of Service Delivery", "AktaryTech")


def test_a_voluntary_service_year_is_no_job() -> None:
    """r2366: an "FSJ" (Freiwilliges Soziales Jahr) in a plain list of jobs is volunteer service (LABELLING r458,
    r2366)."""
    text = (
        "export class JobsComponent {\n\tjob: JobItem[] = [\n"
        "    {\n    \tperiod: '2024 - 2025',\n    \tjob: 'Datenerfasser',\n    \tinstitution: 'Signal Indua',\n    },\n"
        "    {\n    \tperiod: '2018 - 2019',\n    \tjob: 'FSJ',\n    \tinstitution: 'IGL Lentersweg',\n    }\n\t];\n}\n"
    )
    assert [start for _, _, start, _ in jobs_read(text)] == [2024]


def test_a_piece_longer_than_any_header_line_is_not_cut() -> None:
    """A hostile upload's "title" of thousands of characters is given back as written (what the callers keep of it is
    cut to the title's length), not searched for an employment type or an employer."""
    piece = "Engineer (" + " " * 5000 + "Contract)"
    assert cut_title(piece) == piece
    assert cut_title("Engineer  ( Contract )") == "Engineer"

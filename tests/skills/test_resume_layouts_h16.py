"""Layouts of tune resumes that lost jobs, dates or titles, fixed in the sixteenth session: an employer written in
capitals right after or before the title on one line, a month range written with a double dash, a two-digit-year
range with no space before its dash, an org-mode file that exports to LaTeX. Each text is a shortened copy of one real
layout (the tune resume is named)."""

from __future__ import annotations

from datetime import date

from skillgap.skills.experience import classify_resume_heading, find_date_ranges, parse_experience

AS_OF = date(2026, 12, 7)


def _jobs(text: str) -> list[tuple[str, str]]:
    return [(entry.title, entry.company) for entry in parse_experience(text, today=AS_OF).entries]


def test_an_employer_in_capitals_after_the_title_is_the_employer() -> None:
    """r494: "Deputy Principal WCED" and r829: "Vendeur BRICO DEPOT" were read whole as titles."""
    text = (
        "<h3>Professional Experience</h3>\n<ul>\n"
        "  <li><strong>Deputy Principal WCED</strong> — (2021–Present)</li>\n"
        "</ul>\n"
    )
    assert _jobs(text) == [("Deputy Principal", "WCED")]
    text = "Expériences\n\nMARS 2019 – OCTOBRE 2019<br>\nVendeur BRICO DEPOT<br>\nEn charge de l'accueil.\n"
    assert _jobs(text)[:1] == [("Vendeur", "BRICO DEPOT")]


def test_an_employer_in_capitals_before_the_title_is_the_employer() -> None:
    """r988: "CAPGEMINI *Software-Engineer* (seit 2023)" was read whole as the title (the leading name was longer
    than the eight letters an acronym was allowed)."""
    text = (
        "* **CAPGEMINI *Software-Engineer* (seit 2023)**\n"
        "Seit Oktober 2023 arbeite ich bei Capgemini als Software-Engineer im Bereich Clouds & Custom Applications.\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("Software-Engineer",)


def test_capitals_that_qualify_a_title_stay_in_it() -> None:
    """The limit of the rule above: a region ("EMEA"), a level ("II") or a field ("SOC") in capitals after a title is
    part of it, not its employer."""
    for title in ("Sales Director EMEA", "Software Engineer II", "Security Analyst SOC"):
        text = f"## Experience\n\n**{title}** | 2019 - 2023\n- Led a team of four.\n"
        assert _jobs(text) == [(title, "")]


def test_a_month_range_with_a_double_dash_takes_the_year_of_its_end() -> None:
    """r940: "Sep.--Dec. 2017 :: Assistant Business Analyst" (LaTeX's en dash between the months) was no date: the
    job was lost and the resume read no title."""
    text = "* Work\n\n- Sep.--Dec. 2017 :: Assistant Business Analyst --- Cosmo Tech, Lyon\n  - Built a demo\n"
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:1] == ("Assistant Business Analyst",)
    assert experience.total_years == 0.3


def test_a_two_digit_year_range_with_no_space_before_its_dash() -> None:
    """r964: "Via Metropolitan Transit 08/14-Current" was no date."""
    found = find_date_ranges("Via Metropolitan Transit 08/14-Current", today=AS_OF)
    assert [(r.first, r.last) for r in found] == [((2014, 8), None)]
    found = find_date_ranges("NISD School Tutor 09/11-06/14", today=AS_OF)
    assert [(r.first, r.last) for r in found] == [((2011, 9), (2014, 6))]


def test_a_full_date_with_dashes_stays_one_date() -> None:
    """The limit of the rule above: "05-16-2019" is the 16th of May 2019, not a range from May 2016."""
    found = find_date_ranges("Joined 05-16-2019 - 06-30-2020", today=AS_OF)
    assert [(r.first, r.last) for r in found] == [((2019, 5), (2020, 6))]


def test_an_org_mode_resume_that_exports_to_latex_is_read_as_org() -> None:
    """r508: an org-mode resume with LaTeX export settings was read as LaTeX, so its italic years ("/2012/") were no
    dates and no job was found."""
    text = (
        "#+OPTIONS: toc:nil author:nil\n"
        "#+LaTeX_CLASS: resume\n"
        "#+LaTeX_CLASS_OPTIONS: [11pt,margin]\n"
        "#+LaTeX_HEADER: \\usepackage{hyperref}\n\n"
        " \\moveleft.5\\hoffset\\centerline{\\large\\bf Matthew T. Stickney}\n"
        " \\moveleft.5\\hoffset\\centerline{Freeport, ME 04032}\n"
        "\\begin{resume}\n"
        "* Experience\n"
        "Software Developer, Maineline Technology Group, /2012/\n"
        "Software Developer, QACafe, /Summer 2011/ \\\\\n\n"
        "* Education\n"
        "B.S. in Computer Science, University of Maine (/Spring 2011/)\n"
        "\\end{resume}\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("Software Developer",)


def test_a_list_of_title_objects_under_a_titles_key_gives_the_first_title() -> None:
    """r1762: `titles:` / `- title: Devops IAM ...` (a YAML list of role objects) was read as "title: Devops ...", key
    and all."""
    text = (
        "experiences:\n"
        "  companies:\n"
        "    - name: Morgan Stanley\n"
        "      from: January 2019\n"
        "      until: present\n"
        "      location: Hong Kong\n"
        "      titles:\n"
        "        - title: Devops IAM and Privilege Access Products\n"
        "          activites:\n"
        "            - Automation of operational tasks using python.\n"
    )
    assert _jobs(text) == [("Devops IAM and Privilege Access Products", "Morgan Stanley")]


def test_employer_place_and_title_set_apart_by_commas() -> None:
    """r1754: "### Qualcomm, San Diego, CA, Software Engineer, July 2017 – February 2018" was read whole as the
    title."""
    text = "## EXPERIENCE\n\n### Qualcomm, San Diego, CA, Software Engineer, July 2017 – February 2018\n* Wrote C++\n"
    entry = parse_experience(text, today=AS_OF).entries[0]
    assert (entry.title, entry.company, entry.location) == ("Software Engineer", "Qualcomm", "San Diego, CA")


def test_an_employer_then_a_title_after_a_comma() -> None:
    """r904: "### **Starbucks, Shift Supervisor** (November 2019 - September 2022)" was read whole as the title."""
    text = "## EXPERIENCE\n\n### **Starbucks, Shift Supervisor** (November 2019 - September 2022)\n- Led operations.\n"
    assert _jobs(text) == [("Shift Supervisor", "Starbucks")]


def test_an_employment_type_before_a_title_is_no_part_of_it() -> None:
    """r1190 "Part time Store Associate" and r1736 "Self-Employed Rideshare Driver": the employment type is no part of
    the title (LABELLING.md, r059); a word that begins a role's own name stays ("Contract Manager", "Temporary
    Associate")."""
    for written, title in (
        ("Part time Store Associate", "Store Associate"),
        ("Self-Employed Rideshare Driver", "Rideshare Driver"),
        ("Contract Manager", "Contract Manager"),
        ("Temporary Associate", "Temporary Associate"),
    ):
        text = f"## Experience\n\n**{written}** | Acme Corp | 2019 - 2023\n- Led a team of four.\n"
        assert parse_experience(text, today=AS_OF).recent_titles[:1] == (title,), written


def test_a_component_whose_attributes_are_written_over_several_lines() -> None:
    """r1925: `<Job` / `company="Smile.io"` / `dates="2019 - Present"` / `role="Head of Design"` / `>`: each job took
    the role of the one above it."""
    text = (
        '      <Job\n        company="Smile.io"\n        dates="2019 - Present"\n        role="Head of Design"\n'
        '        url="/smile"\n      >\n        <p>I lead a small design team.</p>\n      </Job>\n\n'
        '      <Job\n        company="Brightfield Group"\n        dates="2019 - 2022"\n'
        '        role="Data vis consultant"\n        url="/bfg"\n      >\n        <p>Data visualisation.</p>\n'
        "      </Job>\n"
    )
    assert _jobs(text) == [("Head of Design", "Smile.io"), ("Data vis consultant", "Brightfield Group")]


def test_dates_written_as_an_object_of_their_own() -> None:
    """r977: `'timeframe': { 'start': '2018-07-01', 'end': '' }` inside a job object: the job's title and company
    were not read."""
    text = (
        "const experienceData = [\n  {\n    'id': 'job1',\n    'title': 'Business Development Representative',\n"
        "    'company': 'eFinancial',\n    'location': {\n      'region': null,\n      'city': 'Bellevue, WA'\n    },\n"
        "    'timeframe': {\n      'start': '2018-07-01',\n      'end': ''\n    },\n"
        "    'desc': 'First point of contact with prospective customers.',\n  },\n];\n"
    )
    assert _jobs(text) == [("Business Development Representative", "eFinancial")]


def test_a_name_a_full_stop_then_a_title() -> None:
    """r1942: "**Academia Itaca. Profesor de apoyo de Inglés**" was read whole as the title."""
    text = (
        "## EXPERIENCIA LABORAL\n\n- (Noviembre 2013 - actualidad) **Academia Itaca. Profesor de apoyo de Inglés**:\n"
    )
    assert _jobs(text) == [("Profesor de apoyo de Inglés", "Academia Itaca")]


def test_a_level_abbreviation_before_a_title_is_no_name() -> None:
    """The limit of the rule above: "Sr. Software Engineer" keeps its "Sr."."""
    text = "## Experience\n\n**Sr. Software Engineer** | Acme Corp | 2019 - 2023\n- Led a team of four.\n"
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("Sr. Software Engineer",)


def test_a_moderntimeline_entry_with_an_end_year_of_zero_goes_on() -> None:
    """r1778: `\\tlcventry{2025}{0}{Lead Backend Engineer}{...}` (moderntimeline; 0 is "now") was no job."""
    text = (
        "\\documentclass{moderncv}\n\\usepackage{moderntimeline}\n\\begin{document}\n"
        "\\section{Work Experience}\n"
        "\\tlcventry{2025}{0}{Lead Backend Engineer}{African Institute for AI LBG}{Accra, Ghana}{}{\n"
        "  \\begin{itemize}\n    \\item Built the backend.\n  \\end{itemize}}\n"
        "\\tlcventry{2021}{2024}{Senior Backend Engineer}{STRV s.r.o}{Prague, Czech Republic}{}{Built APIs.}\n"
        "\\end{document}\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:2] == ("Lead Backend Engineer", "Senior Backend Engineer")
    assert experience.total_years is not None and experience.total_years >= 4.9


def test_a_whole_yaml_file_is_read_as_data() -> None:
    """r1847: a Jekyll `_data/resume.yml` whose first job's `summary: >` block says "TODO / add / summary": the word
    "summary" alone on its line was read as a heading, and every later job as part of a summary."""
    text = (
        'basics:\n  name: "Ben"\nwork:\n'
        '  - company: "Trideum Corporation"\n    position: "Senior Software Engineer"\n'
        '    startDate: "2021-08-16"\n    endDate: ""\n    summary: >\n      TODO\n      add\n      summary\n'
        '  - company: "Auburn University"\n    position: "Research Engineer"\n'
        '    startDate: "2020-07-05"\n    endDate: "2021-08-16"\n'
    )
    assert _jobs(text) == [
        ("Senior Software Engineer", "Trideum Corporation"),
        ("Research Engineer", "Auburn University"),
    ]


def test_the_infinity_sign_ends_a_range_that_goes_on() -> None:
    """r1817: "Yazılım Geliştirme Mühendisi @ Amazon | Temmuz 2022 - ∞": the current job was lost."""
    found = find_date_ranges("* Yazılım Geliştirme Mühendisi @ Amazon | Temmuz 2022 - ∞", today=AS_OF)
    assert [(r.first, r.last) for r in found] == [((2022, 7), None)]


def test_a_heading_word_inside_a_latex_entrys_description_ends_no_section() -> None:
    """r1775: "{\\itshape\\textbf{Highlights:}" in a `\\cventry` description was read as a summary heading: every
    later job was lost. "Doctoral Research" (the PhD years) is studies, not a job."""
    text = (
        "\\documentclass{moderncv}\n\\begin{document}\n\\section{Experience}\n"
        "\\cventry{2016--present}{Postdoctoral Associate}{Research}{Boston Children's}{Boston, MA}{Genomics.\\\\\n"
        "{\\itshape\\textbf{Highlights:}\n  \\begin{itemize}\n    \\item Led data management.\n  \\end{itemize}}}\n\n"
        "\\cventry{2014--2016}{Postdoctoral Associate}{Ecology}{Yale University}{New Haven, CT}{Gene flow.\\\\\n"
        "{\\itshape\\textbf{Highlights:}\n  \\begin{itemize}\n    \\item Field expedition.\n  \\end{itemize}}}\n\n"
        "\\cventry{2008-2014}{Doctoral Research}{James Lab}{University of California -- Irvine}{Irvine, CA}{Thesis.}\n"
        "\\cventry{2006--2007}{Research Laboratory Technician}{Lab}{University of Southern California}{}{Assays.}\n"
        "\\end{document}\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:2] == ("Postdoctoral Associate", "Research Laboratory Technician")
    assert experience.total_years == 14.0


def test_a_bold_label_inside_a_job_under_a_markdown_heading_ends_no_section() -> None:
    """r1795: "**Networking Professionnel & Leadership :**" in a job's text under "## 💼 Expérience Professionnelle"
    was read as a section heading: the jobs after it were lost. A job's length beside its dates ("(1 an)") is no
    title."""
    text = (
        "## 💼 Expérience Professionnelle\n\n"
        "### Capgemini | Ambassadeur Campus\n\n"
        "Septembre 2024 - Septembre 2025 (1 an) | Université Grenoble Alpes\n\n"
        "**Networking Professionnel & Leadership :**\n- Organisation d'événements\n\n"
        "### Leroy Merlin | Conseiller Service Client\n\n"
        "Février 2023 - Septembre 2024 (1 an 8 mois) | Saint-Égrève, France\n\n"
        "Service client.\n\n"
        "## 🎓 Formation\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries] == ["Ambassadeur Campus", "Conseiller Service Client"]


def test_dates_in_a_duty_after_between_are_no_job() -> None:
    """r1903: "- Leading leaders (...), in total 70 employees and consultants between 2021-10-01 to 2023-12-31." under a
    job was read as a job of its own."""
    text = (
        "# Swedish Transport Administration\n## Head of department, 2021-10-01 - present\n"
        "- Leading two departments concurrently, in total around 400 employees.\n"
        "- Leading leaders (responsible for a management team), in total 70 employees and consultants between "
        "2021-10-01 to 2023-12-31.\n"
        "## Head of unit, 2020-05-01 - 2021-09-30\n- Leading a unit of 18 employees.\n"
    )
    assert [entry.title for entry in parse_experience(text, today=AS_OF).entries] == [
        "Head of department",
        "Head of unit",
    ]


def test_a_vuepress_container_opening_before_a_title_field() -> None:
    """r1643: "::: tip 职位：测试工程师" (a VuePress container's opening, then the "post:" field) kept "tip"."""
    text = "## 工作经历\n\n::: tip 职位：测试工程师\n时间：2019.03 - 2021.06\n公司名称：某某科技有限公司\n:::\n"
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("测试工程师",)


def test_an_apprenticeship_written_as_ausbildung_is_no_year_of_work() -> None:
    """r995: "Ausbildung zum Fachinformatiker" (an apprenticeship) counted three years of work."""
    text = (
        "## Berufserfahrungen\n\n"
        "**Webentwickler** | Neonaut GmbH | 06/2014 - 09/2015\n- Webseiten gebaut.\n\n"
        "**Ausbildung zum Fachinformatiker mit Fachrichtung Anwendungsentwicklung** | LINET Services GmbH | "
        "08/2011 - 06/2014\n- Anwendungen entwickelt.\n"
    )
    assert parse_experience(text, today=AS_OF).total_years == 1.3


def test_a_numbered_section_heading_names_its_section() -> None:
    """r493: "<h2 className='heading'>04 Education</h2>" was no heading: the college and the university below it were
    read as jobs."""
    text = (
        "<h2>03 Experience</h2>\n<h4>BACE PARTNERS LLP</h4>\n<h3>AUDIT ASSISTANT</h3>\n<p>01/2024 – Present</p>\n"
        "<h2 className='heading'>04 Education</h2>\n<h4>Jan 2018 - December 2023</h4>\n<h3>Elgon View College</h3>\n"
        "<p>Certified Public Accountants (CPA)</p>\n"
    )
    assert [entry.title for entry in parse_experience(text, today=AS_OF).entries] == ["AUDIT ASSISTANT"]


def test_latex_accent_commands_in_an_entry_are_read_as_letters() -> None:
    """r560: `\\resumeSubheading{VOLTEC}{01/2024 -- 06/2024}{Mentora T\\'ecnica}` gave "Mentora T\\'ecnica"."""
    text = (
        "\\documentclass{article}\n\\begin{document}\n\\section{Experiencia}\n\\resumeSubHeadingListStart\n"
        "\\resumeSubheading{VOLTEC -- Rob\\'otica}{01/2024 -- 06/2024}{Mentora T\\'ecnica}{Bogot\\'a}\n"
        "\\resumeSubHeadingListEnd\n\\end{document}\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("Mentora Técnica",)


def test_a_remark_in_brackets_after_a_section_name_and_arabic_role_words() -> None:
    """r1822: "## الخبرات المهنية (الأحدث أولاً)" ("Professional experience (newest first)") was no heading, so no job
    was read; then the employer was read as the title, the Arabic "مهندس" (engineer) being no role word."""
    text = (
        "## الملخص\nمهندس برمجيات\n\n## الخبرات المهنية (الأحدث أولاً)\n\n"
        "### NETCOM — الاتصالات (يوليو 2025 – حتى الآن)\n**مهندس برمجيات أول**\n- تطوير تطبيقات موبايل\n\n"
        "### MOWASALAT — النقل (نوفمبر 2024 – يونيو 2025)\n**مهندس برمجيات أول**\n- تطوير\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("مهندس برمجيات أول",)


def test_a_remark_that_names_no_section_keeps_its_words() -> None:
    """The limit of the rule above: "Field Experience Through CAVE (Community Action Volunteers in Education)" is no
    experience heading once its remark is dropped; it stays what it was."""
    assert classify_resume_heading("## Field Experience Through CAVE (Community Action Volunteers)") is None

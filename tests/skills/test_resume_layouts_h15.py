"""Layouts of the fifteenth session's tune resumes (batch H15) that lost jobs, dates or titles: fields written as list
items or with a full-width colon, slashed ISO dates, Arabic months and headings, a shortcode's date attributes, two
dates of one table cell a line apart, a since-date heading with a comma. Each text is a shortened copy of one real
layout (the tune resume is named)."""

from __future__ import annotations

from datetime import date

from skillgap.skills.experience import find_date_ranges, parse_experience

AS_OF = date(2026, 12, 6)


def _titles(text: str) -> list[str]:
    return [entry.title for entry in parse_experience(text, today=AS_OF).entries]


def test_a_position_field_written_as_a_list_item_gives_the_title() -> None:
    """r1642: "- **Vị trí**: Lập trình viên Fullstack" (Vietnamese "Position:") was read whole as the title."""
    text = (
        "## Kinh nghiệm làm việc\n\n"
        "### Công ty ABC (03/2022 - Hiện tại)\n"
        "- **Vị trí**: Lập trình viên Fullstack\n"
        "- **Mô tả**: Phát triển ứng dụng web\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("Lập trình viên Fullstack",)


def test_a_position_field_with_a_full_width_colon_gives_the_title() -> None:
    """r851: "岗位：Golang 全栈工程师" (Chinese "post:") was read with its key."""
    text = "工作经历\n\n某某科技有限公司  2021.03 - 2022.06\n岗位：Golang 全栈工程师\n负责后端服务开发\n"
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("Golang 全栈工程师",)


def test_a_duty_that_starts_with_a_key_word_is_no_title_field() -> None:
    """The limit of the rule above: a list item "Role: led ..." under a job is a sentence, not the job's title."""
    text = "## Experience\n\n### Platform Engineer, Acme Corp (2019 - 2023)\n- Role: led the migration of billing\n"
    assert _titles(text) == ["Platform Engineer"]


def test_a_since_date_heading_with_a_comma_dates_the_current_job() -> None:
    """r1574: "## SINCE 2012/07, RAKUTEN PRICEMINISTER – PRODUCTION DBA" was no date at all; the current job and its
    14 years were lost."""
    text = (
        "# PROFESSIONAL EXPERIENCES\n"
        "## SINCE 2012/07, RAKUTEN PRICEMINISTER – PRODUCTION DBA\n"
        "Oracle database administration.\n"
        "# 2011/02 - 2012/07, MPHASIS WYDE – PERFORMANCE DBA\n"
        "Performance testing.\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:1] == ("PRODUCTION DBA",)
    assert experience.total_years is not None and experience.total_years > 15


def test_a_sentence_that_opens_with_since_and_a_comma_is_no_job() -> None:
    """The limit of the rule above: "Since 2019, I have ..." and "Since 2019, we ..." are sentences."""
    for sentence in ("Since 2019, I have led the data team.", "Since 2019, we have shipped three products."):
        assert find_date_ranges(sentence, today=AS_OF) == []


def test_a_bare_projects_label_under_a_job_of_a_markdown_resume_is_no_section() -> None:
    """r1574: "Projects", written without the "#" of the resume's headings under the first job, ended the jobs: the
    four older jobs went to a projects section."""
    text = (
        "# EXPERIENCES\n"
        "## 2012/07 - 2015/01, RAKUTEN – PRODUCTION DBA\n"
        "Projects\n"
        "Created a reduced database for developers.\n"
        "# 2011/02 - 2012/07, MPHASIS WYDE – PERFORMANCE DBA\n"
        "Performance testing.\n"
        "# EDUCATION\n"
        "## 2005 - 2010, SUPINFO MASTER OF IT SCIENCE\n"
    )
    assert _titles(text) == ["PRODUCTION DBA", "PERFORMANCE DBA"]


def test_slashed_iso_dates_in_date_time_fields() -> None:
    """r1639: `startDateTime: "2021/06/07"` / `endDateTime: "至今"` (to now) were no dates; four jobs were lost."""
    text = (
        "export const work = [\n"
        "  {\n"
        '    companyName: "家豪科技",\n'
        '    jobTitle: "Flutter App 工程師",\n'
        '    startDateTime: "2021/06/07",\n'
        '    endDateTime: "至今",\n'
        "  },\n"
        "  {\n"
        '    companyName: "泓瑜科技",\n'
        '    jobTitle: "前端工程師",\n'
        '    startDateTime: "2020/11/02",\n'
        '    endDateTime: "2021/06/04",\n'
        "  },\n"
        "];\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.last) for entry in experience.entries] == [((2021, 6), None), ((2020, 11), (2021, 6))]
    assert experience.recent_titles[:1] == ("Flutter App 工程師",)


def test_arabic_months_and_present_in_a_shortcode_s_attributes() -> None:
    """r1634: `{{% job title="مهندس DevOps" from="أكتوبر 2024" to="الآن" %}}`: Arabic month names, the Arabic "now",
    and attributes set apart by spaces, not commas; no job was read."""
    text = (
        "## الخبرة\n\n"
        '{{% job dir="rtl" title="مهندس DevOps" company="سينابس أناليتيكس" from="أكتوبر 2024" to="الآن" %}}\n'
        "- أتمتة عمليات النشر\n"
        "{{% /job %}}\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.last) for entry in experience.entries] == [((2024, 10), None)]
    assert experience.recent_titles[:1] == ("مهندس DevOps",)


def test_arabic_headings_and_company_word() -> None:
    """r1633: an Arabic resume's headings were unknown, so the diploma under "التعليم" (education) was read as the
    newest job; "أخصائي موارد بشرية - شركة Layer3" was read as a company, "شركة" (company) not being known."""
    text = (
        '<h2 class="section-title">الخبرات المهنية</h2>\n'
        "<h3>أخصائي موارد بشرية - شركة Layer3</h3>\n"
        '<p class="date">أكتوبر 2022 - أكتوبر 2024</p>\n'
        "<h3>مراقب مستندات ومحاسب - مؤسسة الخيال للمقاولات</h3>\n"
        '<p class="date">أغسطس 2012 - فبراير 2013</p>\n'
        '<h2 class="section-title">التعليم</h2>\n'
        "<li><strong>دبلوم في المحاسبة المالية</strong> - جامعة الخرطوم، السودان (2009-2012)</li>\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:1] == ("أخصائي موارد بشرية",)
    assert [entry.company for entry in experience.entries] == ["شركة Layer3", "مؤسسة الخيال للمقاولات"]
    assert experience.total_years == 2.7  # 25 + 7 months, the first and last month counted


def test_a_thai_work_history_heading_after_education() -> None:
    """r1409: with the Thai education heading "การศึกษา" known, the jobs under "ประวัติการทำงาน" (work history) after it
    must not be read as studies (a guard: before the Thai headings, no heading was known and the jobs were read)."""
    text = (
        "<h2>ประสบการณ์</h2>\n"
        '<h3 class="resume-title">การศึกษา</h3>\n'
        "<h4>Computer Engineering</h4><h5>2017 - 2021</h5><p>Burapha University</p>\n"
        '<h3 class="resume-title">ประวัติการทำงาน</h3>\n'
        "<h4>Windows App Developer</h4><h5>2022 - 2023</h5><p>AOYAMA THAI, Rayong, TH</p>\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("Windows App Developer",)


def test_two_dates_of_one_cell_a_line_apart_are_a_range() -> None:
    """r1618: "<td>11/2019<br>11/2020</td>" (start above end in one table cell) was no date; every job was lost."""
    text = (
        "<h2>Expériences professionnelles</h2>\n<table>\n"
        "<tr><td>Période</td><td>Entreprise</td><td>Poste</td></tr>\n"
        "<tr>\n<td>11/2019<br>11/2020</td>\n<td>ALTEN (67)</td>\n<td>Ingénieur d'études</td>\n</tr>\n"
        "</table>\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.last) for entry in experience.entries] == [((2019, 11), (2020, 11))]


def test_a_work_study_job_is_not_counted_as_years_of_work() -> None:
    """r1618, r1711: "Alternance" (French work-study) is a placement, as LABELLING.md counts it: listed, not
    counted."""
    text = (
        "Expériences professionnelles\n"
        "11/2019 - 11/2020  Ingénieur d'études, ALTEN\n"
        "09/2016 - 09/2017  Alternance licence Pro technicien concepteur 3D, Schaeffler\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [entry.counted for entry in experience.entries] == [True, False]
    assert experience.total_years == 1.1  # 13 months: the work-study year is not among them


def test_a_chinese_employment_tag_is_no_title() -> None:
    """r433: the tag "正式" (permanent) on the date line of a Hugo resume is no title (a guard: it was chosen once the
    peers' tag "实习" read as an internship word, so that word stays out of the list; "正式" is a word of no title)."""
    text = (
        "    sections:\n"
        "      - title: 南昌菱光科技有限公司\n"
        "        subtitle: 物料员，储备领班\n"
        "        contents: |\n"
        "          📅 2021-08 ~ 2022-11 `正式`\n"
        "          - 工作内容\n"
        "      - title: 南昌美家帮\n"
        "        subtitle: 销售助理\n"
        "        contents: |\n"
        "          📅 2017-02 ~ 2017-07 `实习`\n"
    )
    assert parse_experience(text, today=AS_OF).recent_titles[:1] == ("物料员，储备领班",)


def test_a_since_date_under_personal_information_is_no_job() -> None:
    """r1583: "Currently residing in Brighton, UK (since 2013)" under "# Personal Information" was read as the newest
    job, titled "Personal Information", and added three years."""
    text = (
        "# Experience\n"
        "## 2018 – 2023: Full Stack Developer (Long-term Contractor), Investec Bank\n"
        "- Built payment services.\n"
        "## 2014 – 2018: Lead Frontend Developer, TalkTalk\n"
        "- Led the web team.\n"
        "# Personal Information\n"
        "Location: Currently residing in Brighton, UK (since 2013). Willing to travel.\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.recent_titles[:2] == ("Full Stack Developer", "Lead Frontend Developer")
    assert experience.total_years == 9.0  # 2014 to 2023, bare years: not the 13 years since 2013


def test_a_contractor_bracket_after_a_title_is_how_the_job_was_held() -> None:
    """r1583: "Frontend Developer (Contractor), Virgin Media O2 Limited" lost its closing bracket at the comma and was
    read "Frontend Developer (Contractor"; "(Contractor)" says how the job was held, as "(Contract)" does."""
    text = "# Experience\n## March 2023 – Dec 2023: Frontend Developer (Contractor), Virgin Media O2 Limited\n- x\n"
    entry = parse_experience(text, today=AS_OF).entries[0]
    assert (entry.title, entry.company) == ("Frontend Developer", "Virgin Media O2 Limited")
    electrician = "# Experience\n## 2019 – 2023: Electrical Contractor, Sparks Ltd\n- x\n"
    assert _titles(electrician) == ["Electrical Contractor"]


def test_extra_work_history_is_a_work_heading() -> None:
    """r067: with "Personal Details:" known as a section of no jobs, the jobs under "Extra work history" after it must
    still be read (a guard: before either heading was known, both were read as the jobs' section)."""
    text = (
        "Experience and skills\n"
        "Written material: I have published articles in The Lancet.\n"
        "Personal Details:\n"
        "Marital Status: Unmarried. Nationality: British\n"
        "Extra work history\n"
        "Radio: I have produced and reported packages for BBC World Service.\n"
        "Business: Immunology Product Specialist for Wyeth and their biologic Enbrel (2000-2003): marketed a new "
        "therapy.\n"
        "Senior representative, Searle Pharmaceuticals (1998-2000): Organised meetings.\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert experience.total_years == 5.0


def test_a_two_digit_year_after_an_opening_quotation_mark() -> None:
    """r1672: "Dec ‘17 - Present" (a word processor's opening quote for the apostrophe) was no date; the newest job
    was lost."""
    (found,) = find_date_ranges("Upwork: Dec ‘17 - Present", today=AS_OF)
    assert (found.first, found.last) == ((2017, 12), None)


def test_the_present_word_in_its_own_tag_ends_the_range() -> None:
    """r1664: the W3.CSS CV template writes a current job's end as a tag, "Mar 2020 - <span class="w3-tag">Current
    </span>": the two current jobs were lost and the total read 6.6 years instead of 17.6."""
    text = (
        '<h2 class="w3-text-grey">Work Experience</h2>\n'
        "<h5><b>Freelance Developer</b></h5>\n"
        '<h6><i class="fa fa-calendar"></i>Mar 2020 - <span class="w3-tag w3-teal w3-round">Current</span></h6>\n'
        "<h5><b>EMT / Intermountain Healthcare</b></h5>\n"
        '<h6><i class="fa fa-calendar"></i>Jun 2009 - Dec 2015</h6>\n'
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(entry.first, entry.last) for entry in experience.entries] == [((2020, 3), None), ((2009, 6), (2015, 12))]
    assert experience.recent_titles[:1] == ("Freelance Developer",)


def test_a_templates_example_job_left_in_is_no_job() -> None:
    """r1193, r1556: Hugo Academic's example "Professor" at "University X" (2016), left in a widget beside the
    person's own jobs, was read as a job and added a year; alone, it was the newest title."""
    own = (
        "[[experience]]\n"
        '  title = "Graduate Teaching Associate"\n'
        '  company = "University of Central Florida"\n'
        '  location = "Florida"\n'
        '  date_start = "2019-08"\n'
        '  date_end = ""\n'
        '  description = """\n  Responsibilities include:\n\n  * Teaching calculus\n  """\n\n'
    )
    sample = (
        "[[experience]]\n"
        '  title = "Professor"\n'
        '  company = "University X"\n'
        '  location = "California"\n'
        '  date_start = "2016-01-01"\n'
        '  date_end = "2016-12-31"\n'
        '  description = """Taught electronic engineering and researched semiconductor physics."""\n'
    )
    widget = '+++\nwidget = "experience"\ntitle = "Experience"\n\n'
    experience = parse_experience(widget + own + sample + "+++\n", today=AS_OF)
    assert [entry.title for entry in experience.entries] == ["Graduate Teaching Associate"]
    alone = parse_experience(widget + sample + "+++\n", today=AS_OF)
    assert (alone.entries, alone.total_years) == ((), None)

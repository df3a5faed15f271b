"""What people write, checked against lists written down in the twenty-fifth session (before any result was looked
at): job headers of twenty-six languages as their resumes write them, and the date forms of many languages."""

from __future__ import annotations

import pytest

from skillgap.skills.resume_entries import is_title
from tests.support.resumes import jobs_read


@pytest.mark.parametrize(
    ("header", "title", "company"),
    [
        # Romance languages write the role first, then its field and level: "Software" is no employer's name there
        (
            "Sviluppatore Software Senior presso Acme S.r.l. (marzo 2019 – oggi)",
            "Sviluppatore Software Senior",
            "Acme S.r.l.",
        ),
        ("Dezvoltator software senior, Acme SRL (martie 2019 – prezent)", "Dezvoltator software senior", "Acme SRL"),
        # Vietnamese "tại" (at) before the employer
        ("03/2019 - Hiện tại: Lập trình viên cao cấp tại Công ty Acme", "Lập trình viên cao cấp", "Công ty Acme"),
        # the Arabic comma between the pieces
        ("مهندس برمجيات أول، شركة أكمي، مارس 2019 - حتى الآن", "مهندس برمجيات أول", "شركة أكمي"),
        # two spaces between Chinese pieces, and the full-width comma of a header line
        ("2019.03 - 至今  阿克米科技有限公司  高级软件工程师", "高级软件工程师", "阿克米科技有限公司"),
        ("高级软件工程师，阿克米科技有限公司，2019年3月 - 至今", "高级软件工程师", "阿克米科技有限公司"),
    ],
)
def test_a_header_of_another_language_gives_its_title_and_employer(header: str, title: str, company: str) -> None:
    jobs = jobs_read(f"Experience\n\n{header}\n- Built the billing service\n")
    assert [(found_title, found_company) for found_title, found_company, *_ in jobs] == [(title, company)]


def test_a_sentence_with_full_width_commas_under_a_job_is_no_header() -> None:
    """A Chinese description line's commas stay a sentence's: the job keeps the employer of its header."""
    text = (
        "工作经历\n\n2011.7~2012.3   网康科技有限公司\n"
        "        参与日志分析系统模块开发，完成数据结构转化过程，提高系统存储利用率和用户查询速度\n"
    )
    assert [company for _, company, *_ in jobs_read(text)] == ["网康科技有限公司"]


@pytest.mark.parametrize(
    ("header", "job"),
    [
        # Thai: a title beginning with its role noun, Buddhist-era years, abbreviated months, "the present"
        (
            "นักพัฒนาซอฟต์แวร์ | บริษัท แอคมี จำกัด | มี.ค. 2562 - ปัจจุบัน",
            ("นักพัฒนาซอฟต์แวร์", "บริษัท แอคมี จำกัด", 2019, True),
        ),
        ("วิศวกรซอฟต์แวร์  บริษัท แอคมี จำกัด  พ.ศ. 2548 - 2557", ("วิศวกรซอฟต์แวร์", "บริษัท แอคมี จำกัด", 2005, False)),
    ],
)
def test_a_thai_job_header_gives_its_title_employer_and_gregorian_years(
    header: str, job: tuple[str, str, int, bool]
) -> None:
    assert jobs_read(f"ประสบการณ์ทำงาน\n\n{header}\n") == [job]


def test_a_thai_since_date_leaves_no_piece_of_its_words() -> None:
    """ "ตั้งแต่ปี" (since the year) is the lead-in of the date, not an employer "ปี"."""
    jobs = jobs_read("ประสบการณ์ทำงาน\n\nรองกรรมการผู้จัดการ\nตั้งแต่ปี พ.ศ. 2548 - 2557\n")
    assert [(title, company, start) for title, company, start, _ in jobs] == [("รองกรรมการผู้จัดการ", "", 2005)]


def test_persian_names_of_the_gregorian_months_date_a_job() -> None:
    text = "سوابق کاری\n\nبرنامه‌نویس، شرکت گلوبکس، ژانویه 2016 - فوریه 2019\n"
    assert [(start, current) for *_, start, current in jobs_read(text)] == [(2016, False)]


@pytest.mark.parametrize(
    ("piece", "title"),
    [
        ("Sviluppatore Software Senior", True),
        ("Desenvolvedor Software Pleno", True),
        ("Dezvoltator software", True),
        # a name: the organisation word is capitalised and nothing but a level follows it
        ("Consultant Acme Software", False),
        ("Developer Software GmbH", False),
    ],
)
def test_an_organisation_word_after_the_role_is_its_field_only_in_lower_case_or_before_a_level(
    piece: str, title: bool
) -> None:
    assert is_title(piece) is title


def test_an_email_address_above_the_first_job_is_never_its_title() -> None:
    """hh.ru's layout: the heading carries the total length ("Опыт работы — 10 лет 11 месяцев"), the job's title comes
    after its employer and city; the contact line above is no candidate for the first job's title."""
    text = (
        "Иван Петров\nivan@example.com\n\nОпыт работы — 10 лет 11 месяцев\nМарт 2019 — настоящее время\n"
        "5 лет 9 месяцев\nООО «Акме»\nМосква\nСтарший разработчик\nРазработка платежных сервисов\n"
        "Январь 2016 — Февраль 2019\n3 года 2 месяца\nООО «Глобекс»\nРазработчик\n"
    )
    assert [title for title, *_ in jobs_read(text) if "@" in title] == []


def test_a_since_date_with_its_month_in_digits_opens_a_table_row_read_with_one_space() -> None:
    """A German CV's table row as a PDF's text gives it: "seit 03/2019", one space, the title and the employer."""
    text = "Berufserfahrung\n\nseit 03/2019 Senior Softwareentwickler, Acme GmbH, Berlin\n"
    assert jobs_read(text) == [("Senior Softwareentwickler", "Acme GmbH", 2019, True)]
    # a sentence of the summary is no job: "I" after the date
    assert jobs_read("Summary\n\nSince 03/2019 I have led the platform team.\n") == []

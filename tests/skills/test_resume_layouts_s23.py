"""Layouts of tune resumes read wrong, fixed in the twenty-third session. Each text is a shortened copy of one real
layout (the tune resume is named), or says where it comes from."""

from __future__ import annotations

import pytest

from skillgap.skills.experience import parse_experience
from tests.support.resumes import AS_OF, jobs_read


def test_a_persian_resume_dated_in_the_solar_hijri_calendar() -> None:
    """r1397 (markdown, Persian): "مهر ۱۳۹۷ – تاکنون" (Mehr 1397 until now) was no date: no job, no years."""
    text = (
        "## سوابق کاری\n\n"
        "### معاملهگر مالی و استراتژیست بازارسازی\n"
        "**کارگزاری سینا بهگوزین** | مهر ۱۳۹۷ – تاکنون\n"
        "- طراحی و راهاندازی استراتژیهای بازارسازی\n\n"
        "### مدیر پروژه\n"
        "**شرکت بدان** | آذر ۱۳۹۴ – دی ۱۴۰۱\n"
        "- مدیریت پروژههای فینتک\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [(title, start, current) for title, _, start, current in jobs_read(text)] == [
        ("معاملهگر مالی و استراتژیست بازارسازی", 2018, True),
        ("مدیر پروژه", 2015, False),
    ]
    # December 2015 to today (the as-of date, December 2026): eleven years
    assert experience.total_years is not None and 10.9 <= experience.total_years <= 11.2


def test_persian_years_after_from_and_to_under_a_persian_experience_heading() -> None:
    """r2047 (HTML, Persian): "تجربیات" ("experiences") was no heading, and "از ۱۳۹۸ تا ۱۳۹۹" (from 1398 to 1399) no
    range: the dated awards above were read as the jobs."""
    text = (
        "<h2>تجربیات</h2>\n"
        "<ul>\n"
        "  <li>\n"
        '    <h3 class="cv-list-item-title">طراح گرافیک</h3>\n'
        '    <span class="cv-list-item-subtitle">WTX Hub</span>\n'
        '    <span class="cv-list-item-time">از ۱۳۹۸ تا ۱۳۹۹</span>\n'
        "  </li>\n"
        "  <li>\n"
        '    <h3 class="cv-list-item-title">توسعهدهندهی نرمافزار</h3>\n'
        '    <span class="cv-list-item-subtitle">آزادکار</span>\n'
        '    <span class="cv-list-item-time">از ۱۳۸۵</span>\n'
        "  </li>\n"
        "</ul>\n"
    )
    assert sorted((start, current) for _, _, start, current in jobs_read(text)) == [(2006, True), (2019, False)]


@pytest.mark.parametrize("now", ["dnes", "danas", "trenutno", "nykyhetki"])
def test_present_words_of_more_languages_end_a_range(now: str) -> None:
    """Czech and Slovak "dnes" (today), Croatian and Serbian "danas" (today) and "trenutno" (currently), Finnish
    "nykyhetki" (the present moment), as resumes in those languages end a current job."""
    text = f"Iskustvo\n\nProgramer\nAcme d.o.o.\n03/2019 – {now}\n- Razvoj aplikacija\n"
    assert [(start, current) for _, _, start, current in jobs_read(text)] == [(2019, True)]


@pytest.mark.parametrize(
    ("experience", "education"),
    [
        ("Delovne izkušnje", "Izobrazba"),  # Slovene
        ("Darbo patirtis", "Išsilavinimas"),  # Lithuanian
        ("Darba pieredze", "Izglītība"),  # Latvian
        ("Töökogemus", "Haridus"),  # Estonian
        ("Професионален опит", "Образование"),  # Bulgarian
        ("Starfsreynsla", "Menntun"),  # Icelandic
        ("Experiència laboral", "Educació"),  # Catalan
        ("Professional Appointments", "Akademischer Werdegang"),
    ],
)
def test_experience_and_education_headings_of_more_languages(experience: str, education: str) -> None:
    """The headings of a resume in a language whose names were missing: the job under the first counts (it was read
    as a line of the skills above), the studies under the second do not."""
    text = (
        "Skills\n\nPython, SQL\n\n"
        f"{experience}\n\nSoftware Engineer\nAcme d.o.o.\n2019 - 2021\n- Built the billing service\n\n"
        f"{education}\n\nRačunalništvo in informatika\nFakulteta za računalništvo\n2013 - 2018\n"
    )
    experience_read = parse_experience(text, today=AS_OF)
    assert [(title, start) for title, _, start, _ in jobs_read(text)] == [("Software Engineer", 2019)]
    assert experience_read.total_years == 2.0


@pytest.mark.parametrize(
    "role",
    [
        "Ohjelmoija",  # Finnish programmer
        "Web-ohjelmoija",
        "Pflegefachkraft",  # German nurse
        "Grafikdesigner",
        "Systemadministrator",
        "Kutató",  # Hungarian researcher
        "Şoför",  # Turkish driver
        "Onderzoeker",  # Dutch researcher
        "Réceptionniste",
        "Programer",  # Slovene, Croatian, Indonesian
        "Исследователь",  # Russian researcher
    ],
)
def test_common_role_nouns_of_more_languages_are_titles(role: str) -> None:
    """A check of two hundred common titles in twenty languages found these no role nouns: next to an employer
    without an organisation word, the employer was read as the title too, or the title as part of the employer."""
    for text in (
        f"Experience\n\nNordic Systems — {role}, 2019 - 2021\n",
        f"Experience\n\n2019 - 2021  Nordic Systems, {role}\n",
    ):
        assert [(title, company) for title, company, _, _ in jobs_read(text)] == [(role, "Nordic Systems")]


@pytest.mark.parametrize(
    ("employer", "city"),
    [
        ("Omnimech Sp. z o.o.", "Gliwice"),  # Polish
        ("Infobip d.o.o.", "Zagreb"),  # Croatian
        ("Printful SIA", "Riga"),  # Latvian
        ("Vinted UAB", "Vilnius"),  # Lithuanian
        ("Bolt OÜ", "Tallinn"),  # Estonian
        ("Grab Sdn Bhd", "Kuala Lumpur"),  # Malaysian
        ("Univerzita Karlova", "Praha"),  # Czech university
        ("Debreceni Egyetem", "Debrecen"),  # Hungarian university
    ],
)
def test_the_employer_on_the_title_line_is_not_its_city(employer: str, city: str) -> None:
    """r116 ("OMNIMECH Sp. z o.o. / Engineer"): legal forms and organisation nouns of more languages name an
    employer, and of a title line's names the one that is no place is the employer: the city before it was read as
    the company."""
    for text in (
        f"Experience\n\nEngineer | {city} | {employer} | 2019 - 2021\n",
        f"Experience\n\n2019 - 2021: Engineer, {city}, {employer}\n",
    ):
        assert [(title, company) for title, company, _, _ in jobs_read(text)] == [("Engineer", employer)]

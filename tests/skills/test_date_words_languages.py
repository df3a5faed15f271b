"""The curated date words of more languages (`data/date_words.yaml`), read through the public reader: months,
present words, range words and since words of Scandinavian, Finnish, Slavic, Turkish, Romanian, Indonesian and
Malay, Hungarian, Greek, Vietnamese, Japanese and Korean resumes."""

from __future__ import annotations

from datetime import date

import pytest

from skillgap.skills.date_words_schema import built
from skillgap.skills.experience import parse_experience

TODAY = date(2026, 12, 5)


def month(year: int, number: int) -> int:
    """Months since year 0, as the reader counts them (January 2019 is 2019 * 12)."""
    return year * 12 + number - 1


# A range that runs to now ends after the month of TODAY.
NOW = month(2026, 12) + 1


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        # Swedish, Norwegian, Danish
        ("Systemutvecklare, Acme AB | januari 2019 – nuvarande", month(2019, 1), NOW),
        ("Utvecklare, Acme AB | maj 2017 - pågående", month(2017, 5), NOW),
        ("Utvikler, Firma AS | august 2016 til desember 2019", month(2016, 8), month(2019, 12) + 1),
        ("Konsulent, Firma AS | mars 2020 - nå", month(2020, 3), NOW),
        ("Udvikler, Firma ApS | marts 2018 – nu", month(2018, 3), NOW),
        # Finnish
        ("Ohjelmistokehittäjä, Yritys Oy | helmikuu 2020 - nyt", month(2020, 2), NOW),
        ("Konsultti, Yritys Oy | lokakuu 2015 – joulukuu 2018", month(2015, 10), month(2018, 12) + 1),
        # Polish: nominative and genitive months
        ("Programista, Firma | styczeń 2018 - obecnie", month(2018, 1), NOW),
        ("Analityk, Firma | 1 stycznia 2016 do 31 grudnia 2017", month(2016, 1), month(2017, 12) + 1),
        ("Tester, Firma | wrzesien 2014 - pazdziernik 2015", month(2014, 9), month(2015, 10) + 1),
        ("Programista, Firma | 2016 do dziś", month(2016, 1), NOW),
        # Czech and Slovak ("listopad" is November)
        ("Analytik, Firma s.r.o. | leden 2015 - listopad 2018", month(2015, 1), month(2018, 11) + 1),
        ("Vývojář, Firma | března 2019 - současnost", month(2019, 3), NOW),
        ("Programátor, Firma | februára 2014 - doteraz", month(2014, 2), NOW),
        # Turkish
        ("Yazılım Mühendisi, Acme | Mart 2017 - Halen", month(2017, 3), NOW),
        ("Yazılım Mühendisi, Acme | EYLÜL 2012 - ŞUBAT 2015", month(2012, 9), month(2015, 2) + 1),
        ("Analist, Acme | Ağustos 2019 - günümüz", month(2019, 8), NOW),
        # Romanian
        ("Dezvoltator, Firma SRL | octombrie 2015 - prezent", month(2015, 10), NOW),
        ("Inginer, Firma SRL | martie 2012 - în prezent", month(2012, 3), NOW),
        # Indonesian and Malay
        ("Programmer, PT Maju | 2019 - sekarang", month(2019, 1), NOW),
        ("Staf IT, PT Maju | Agustus 2015 sampai Desember 2018", month(2015, 8), month(2018, 12) + 1),
        ("Pegawai, Syarikat Bhd | Ogos 2014 hingga Disember 2017", month(2014, 8), month(2017, 12) + 1),
        # Hungarian
        ("Fejlesztő, Cég Kft. | szeptember 2017 - jelenleg", month(2017, 9), NOW),
        # Russian and Ukrainian
        ("Программист, ООО Ромашка | янв 2018 – по настоящее время", month(2018, 1), NOW),
        ("Программист, ООО Ромашка | сентябрь 2012 по декабрь 2015", month(2012, 9), month(2015, 12) + 1),
        ("Программист, ООО Ромашка | Март 2020 - настоящее время", month(2020, 3), NOW),
        ("Програміст, Компанія | березень 2016 - листопад 2019", month(2016, 3), month(2019, 11) + 1),
        ("Програміст, Компанія | травня 2021 - теперішній час", month(2021, 5), NOW),
        # Greek (accusative month, upper case without accents)
        ("Προγραμματιστής, Εταιρεία | ΙΑΝΟΥΑΡΙΟ 2015 - σήμερα", month(2015, 1), NOW),
        ("Μηχανικός, Εταιρεία | Μάρτιο 2011 έως Ιούνιο 2014", month(2011, 3), month(2014, 6) + 1),
        # Vietnamese, Japanese, Korean present words
        ("Lập trình viên, Công ty ABC | 2018 - đến nay", month(2018, 1), NOW),
        ("Lập trình viên, Công ty ABC | 2017 - hiện tại", month(2017, 1), NOW),
        ("エンジニア, 株式会社 | 2019年4月 - 現在", month(2019, 4), NOW),
        ("개발자, 회사 | 2020 - 현재", month(2020, 1), NOW),
        # Korean year and month written with 년 and 월 (and spaces), Chinese "至今" right after the month, Hebrew "the
        # present", quarters (no month: the years are read alone, as "2019 – 2021" is)
        ("개발자, 회사 | 2019년 3월 ~ 2021년 5월", month(2019, 3), month(2021, 5) + 1),
        ("개발자, 회사 | 2019년 3월 ~ 현재", month(2019, 3), NOW),
        ("开发工程师, 公司 | 2019年3月至今", month(2019, 3), NOW),
        ("מתכנת, חברה | 2019 - הווה", month(2019, 1), NOW),
        ("Analyst, Acme | Q1 2019 – Q2 2021", month(2019, 1), month(2021, 1)),
        # since
        ("Utvecklare, Firma | sedan 2019 |", month(2019, 1), NOW),
        ("Programista, Firma | od 2021 |", month(2021, 1), NOW),
        ("Programmer, PT Maju | sejak 2022 |", month(2022, 1), NOW),
    ],
)
def test_a_job_line_of_another_language_gives_its_months(line: str, start: int, end: int) -> None:
    experience = parse_experience(f"Experience\n\n{line}\n", today=TODAY)
    assert [(entry.start_month, entry.end_month) for entry in experience.entries] == [(start, end)]
    assert experience.total_years == round((end - start) / 12, 1)


def test_two_jobs_of_a_polish_resume_add_up() -> None:
    text = "Experience\n\nProgramista, Firma A\nstyczeń 2018 - obecnie\n\nTester, Firma B\nmaj 2015 - grudzień 2017\n"
    experience = parse_experience(text, today=TODAY)
    months = [(entry.start_month, entry.end_month) for entry in experience.entries]
    assert months == [(month(2018, 1), NOW), (month(2015, 5), month(2017, 12) + 1)]
    assert experience.total_years == round((NOW - month(2015, 5)) / 12, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "I went to Paris do 2019 and stayed there.",
        "What did you do 2019 and before?",
        "The vote was nay in 2019, and yea in 2021.",
        "Sales at Nu Skin til 2019.",
        "The 2018 NYT list named the book.",
        "Players with an Elo 2019 rating joined; the Mart 2017 launch followed.",
        "He told Ian 2019 was a good year; Marc 2020 too.",
        "The lip 2019 study and the Mac 2020 release.",
        "Wir wissen, dass sie 2019 kamen.",
        "- Grew subscription net receipts 24% YoY in Q1 2025 despite declining SEO traffic",
        "2019 - 今年の目標",
    ],
)
def test_short_words_of_new_languages_in_english_make_no_date_range(sentence: str) -> None:
    experience = parse_experience(f"Experience\n\n{sentence}\n", today=TODAY)
    assert [entry for entry in experience.entries if entry.end_month - entry.start_month > 12] == []


def test_the_new_words_sit_where_they_belong() -> None:
    words = built()
    month_of = {name: number for number, names in enumerate(words.months, start=1) for name in names}
    assert month_of["listopad"] == 11
    assert month_of["stycznia"] == 1
    assert month_of["ledna"] == 1
    assert month_of["января"] == 1
    for skipped in ("lip", "sie", "lis", "ian", "noi", "mac", "marc", "des", "sty"):
        assert skipped not in month_of
    assert {"do", "sampai", "hingga", "по"} <= set(words.range_words)
    assert {"sedan", "od", "sejak", "с"} <= set(words.since)
    assert not set(words.present) & set(words.range_words)
    assert not set(words.since) & set(words.openers)

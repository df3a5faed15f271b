"""Which reading of a text a stored profile or job's skills came from.

A stored profile is read anew when this changes: a new taxonomy or occupation index (their versions), another
engine, or a change
to how resumes and postings are read (`READING_REVISION`, bumped by hand with such a change).
"""

from __future__ import annotations

# Bump with any change to reading that stored profiles and job skills should follow.
# 2026-12-06: job payloads carry the role (title, occupation, title skills) for role fit; keyword-stuffed blocks
# (SEO lists, "related searches") are not read as requirements.
# 2026-12-06.2: resumes read with month, heading, role and internship words of seven languages as data, indented and
# split date forms, labels never titles (job pages' new title, company and place readers apply when pages are scraped).
# 2026-12-06.13: '>' ranges, present and month words of more languages, data keys of twelve more languages, organisation
# words of eight more, "Employer (Title)", HTML blocks on one line apart, AsciiDoc block titles.
# 2026-12-06.14: "Mai/2024" and "2016 március" dates, accented field keys, employer prepositions of eight languages,
# YAML jobs' own keys no sections, headings with character references or two joined section names, the title model
# refitted on 454 tune resumes.
# 2026-12-06.15: the newest job's title read where the resume writes its other jobs' titles or in a title field, "Pres",
# "laufend", "tot en met", "- Since Nov 2018", "(2023 - )", "Developer @Acme"; the title model refitted on 524 resumes.
# 2026-12-06.16: date fields as JavaScript dates (`new Date(2019, 3)`), after a TOML table's name (`tenure.start`) and
# as markdown table rows (`| Alkaen | 07.01.2008 |`); "Depuis Juin 2017 - Employer"; "since june 2020" ending a header
# line; Japanese ranges with a wave dash ("2019年8月〜2022年5月"); no heading inside a data file's text field; a LaTeX
# entry's title wrapped over two lines; a work area joined to a title by a slash; PHP `echo "..."` lines; a duty after
# `<br>` on the header's source line makes no sentence of it; a menu's links and a duty's `<li>Label:</li>` are no
# headings; the title model refitted on 546.
# 2026-12-06.17: the newest title also cut after a comma or before an employer's preposition ("... chez ETEX"); a data
# key nested in an object of sections, or written without its accents, opens its section; dotted full dates, Japanese
# days and から, Greek nominative months, "– bis jetzt", present words, short end years in data strings, month and year
# as two fields, more date keys; headings of thirteen languages, casefolded; role nouns of more languages and CJK
# compound heads; volunteer roles and pupils' schools no jobs; `summary: >`, "}, {", `jobName`, `titles: [...]`;
# soft hyphens dropped from page text; the title model refitted on 647 tune resumes.
# 2026-12-06.18: abbreviated present words ("d.d.", "н.в."), "ate o presente", `startingDate`/`endingDate`, two-digit
# end years after "&ndash;" or closing an element; a job's "Projekte:" label no section; volunteering headings of more
# languages and "(volunteer)" titles; since-dates after a header's dash or in a bold header's brackets; the resume.cls
# environments; PHP arrays; apprenticeships, traineeships, courses, degrees and schools in a title's place no years of
# work; "Title@Employer"; HTML and script comments blanked; job pages: map-pin icons, logos' "company logo" alt texts,
# a page's file name as its title, the host's letters spelt as the page spells them, headings that address every
# gender, location labels of six more languages; the title model refitted on 721 tune resumes.
# 2026-12-06.19: title fields written as list items or with a full-width colon, and their keys in Vietnamese, Russian,
# Ukrainian, Chinese, Japanese, Korean and Thai; "SINCE 2012/07, EMPLOYER" headings; a bare "Projects" label under a
# job of a markdown resume; slashed ISO dates ("2021/06/07"), date-time keys, two dates of one cell a line apart;
# Arabic months, present words, headings and organisation words, and headings of Persian, Hebrew, Thai and Hindi;
# shortcode date attributes; "Alternance" a placement; personal-details headings; "(Contractor)"; "Dec ‘17"; a present
# word in its own tag; templates' example jobs no jobs; job pages:
# "gesucht" / "wanted" after the job dropped from its title, "© Copyright 2014 - Name", "(Remote)" and "(Employer,
# Place)" in the heading, "für unsere Praxis in Ort", a tag line set apart by dashes; the title model refitted on
# 789 tune resumes.
# 2026-12-07.20: an employer in capitals around a title ("Deputy Principal WCED", "CAPGEMINI Software-Engineer");
# "Sep.--Dec. 2017" and "08/14-Current" ranges; org-mode files that export to LaTeX read as org; `titles:` lists of
# title objects; "Employer, City, ST, Title" and "Employer, Title"; employment types before a title ("Part time");
# component attributes over several lines; dates as an object of their own (`timeframe: {start, end}`); "Name. Title";
# moderntimeline's \tlcventry; whole YAML files read as data; "∞" as present; a LaTeX entry's description holds no
# heading; LaTeX accent commands; bold labels inside a job under a markdown heading; durations beside dates ("(1 an)");
# dates after "between" in a duty; numbered headings ("04 Education") and remarks after a heading's name; "::: tip"
# containers; Swedish, Arabic, Persian and Hebrew role words; "Ausbildung zum", "Gyakornok",
# "Practicante", "Doctoral Research"; job pages: careers pages' own names in other languages ("Kariera") name no
# employer; the title model refitted on 880 tune resumes.
# 2026-12-07.21: a department after a comma stays in the title ("Senior Director, Engineering"); Portuguese hire and
# leave date keys ("admissao"); start and end fields written the wrong way round; titles up to 100 characters;
# org-mode macros' arguments; a data object with a school field under "education" is studies; reStructuredText field
# lists (":Job Title:", ":Date:"); a remark after a dash in a heading ("Work Experience - professional"); a company
# field's "Employer, Country"; job pages: a company from a page title loses a leading full stop; the title model
# refitted on 947 tune resumes.
# 2026-12-07.22: start and end keys on one line ("Início: ... Término: ...", "Início: 04/2022 | Atualmente"); a since
# date opening a list item's column; "н. в."; seats on a committee, a board or a club are no jobs; how or when a job
# was held in brackets after its title ("(Online)", "(Summer)"); no employment-type cut that leaves a preposition; a
# field's label before a title ("Settore: ...", `name: "Encargado"`); job pages: "Gezocht:" lead-ins and hours a week
# leave the title, "unseres Teams in A und B" gives both places; the title model refitted on 993 tune resumes.
# 2026-12-07.23: a dash opening the next line is no open range when words follow it (a list's bullet); "&rarr;",
# inline elements and a trailing ellipsis in ranges; emoji short codes, setext underlines, misspelt and more
# languages' headings ("EXPIERENCE", "Erfahrungen", "Experiencia docente", "Parcours scolaire", "Associatif"); two
# list items of the same years are two jobs; "(Visiting)" inside a title; "<br>" and "~" between a header's pieces
# and a link ending a role's phrase ("Professor of <a>physics</a>"); the model's chosen piece ended by the header
# rules; <date> elements, a "city" class, a theme's `date_format`; "Technical Roles" headings; FSJ is volunteer
# service; job pages: the date posted and "Position" after the job leave the title, a place ending the page's title
# is no company, a German phrase is no place, a sharing box is no company; the title model refitted on 1,025 tune
# resumes.
# 2026-12-07.24: escaped dashes and arrows of a script's strings ("\\u2192") read as written; a heading of no known
# section ends a personal-data section above it; a degree read as the employer, a voluntary service or "Bénévolat"
# as the employer, a member of a club, an honorary appointment and a coding school's course project are no jobs; a
# scrum master is no degree; "Seit 2018" after an HTML heading's tag; "Rektorin" and other German role words; an
# HTML heading is a signal of the title model, refitted.
# 2026-12-07.25: two titles joined by a slash stay one; a lead year after an HTML tag ("<h4>2019: Office Assistant");
# dotted degree abbreviations, Portuguese and Spanish degree names, "Duales Studium", a bootcamp or a course by its
# title are no years of work; a heading written under every job is a part of it ("ACHIEVEMENTS"); an experience
# heading straight above another heading is a page's tab; escaped line breaks in a script's strings; a list number
# and the code around a value leave the title, a web address a title or an employer; a date alone in a data field of
# one date or between an element's tags; Spanish "Actual"; misspelt French experience headings; role nouns of
# labelled titles in fourteen languages; the title model refitted.
# 2026-12-07.26: Chinese "经验" heading; a YAML key of run-together words names its section ("workExperience:");
# "research and teaching" is experience; Udacity nanodegrees and Epicodus are courses; "periode" holds one date; a
# two-digit end year after a spaced dash ("2013 - 14"); "07.19-12.19" alone on its line; Hungarian, Czech, Finnish
# and Russian legal forms and "Laboratories" name organisations; a client after "chez le client"; a month range with
# its year once at its end ("mai. à juil. 2019", "oct-nov 2019"); Hebrew months and present words; "PART- TIME";
# a one-date field of a one-line data object; a LaTeX entry's dates written by a two-argument macro; dates after
# dot leaders; a header of short pieces ended by a full stop; job pages: a text that is only the remote workplace,
# Slovak "Miesto", a site named by its address at its title's end, a posting written after a stray "</html>"; the
# title model refitted.
# 2026-12-07.27: Solar Hijri dates ("مهر ۱۳۹۷ – تاکنون") read as the Gregorian months they are, Persian and
# Arabic-Indic digits as digits, Persian "از" / "تا" / "تاکنون" and experience headings ("تجربیات"); "dnes", "danas",
# "trenutno", "nykyhetki" end a current job; experience and education headings of eleven more languages; common
# role nouns of twenty languages that were missing ("Ohjelmoija", "Pflegefachkraft", "Kutató"), legal forms and
# organisation nouns ("Sp. z o.o.", "d.o.o.", "UAB", "Egyetem"), the employer of a title line the name that is no
# place's ("Engineer | Gliwice | Omnimech Sp. z o.o."); job pages: a
# location label after a bullet ("• 工作地点：北京"), "Base 地" and the place or town labels of more languages
# ("Pracoviště", "Città"); the title model refitted.
# 2026-12-07.28: placement words of thirty languages ("Apprentie", "Harjoittelija", "Pasante", "Стажёр", "OJT", a
# thesis written at a company) and doctoral students ("Doctorante", "Doutorando", "Аспирант", a study title before a
# semicolon) are no years of work; employment types of twenty languages after a title ("Umowa o pracę", "PJ",
# "全职" in full-width brackets) are no part of it; Turkish "Yazılımcı"; job pages: a place that is a remote word of
# thirty languages ("Work from home", "REMOTO", "Удалённо") makes the job remote, the employer before a word saying
# it is hiring ("Acme sucht", "Acme söker", "Acme 招聘"), job-offer lead-ins ("Vaga:", "İş İlanı:", "求人:"), a
# copyright line's name up to "all rights reserved" of thirty languages, with its dotted legal form.
# 2026-12-08.29: Korean year-months ("2019년 3월"), Chinese "至今" right after a date, Hebrew "הווה", quarters
# ("Q1 2019 – Q2 2021"), Persian names of the Gregorian months ("ژانویه"); a Romance title's field and level after
# its role ("Sviluppatore Software Senior"), Vietnamese "tại" before the employer, the Arabic comma and a header's
# full-width comma between pieces, two spaces between Thai, Chinese, Japanese or Korean pieces; Thai dates (Buddhist-era
# years, month names, "ตั้งแต่ปี", "จนถึงปัจจุบัน") and titles beginning with a role noun ("นักพัฒนาซอฟต์แวร์"); an e-mail
# or web address is no title; "seit 03/2019 Senior Softwareentwickler, ..." (a since date with its month in digits,
# one space before the title) opens a job; the title model refitted.
READING_REVISION = "2026-12-08.29"


def reading_version(taxonomy_version: str, occupations_version: str, engine: str) -> str:
    return f"{taxonomy_version}/{occupations_version}/{READING_REVISION}/{engine}"

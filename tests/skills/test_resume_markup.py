"""Resumes kept as source (LaTeX, org-mode, reStructuredText, AsciiDoc) read through their structure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError
from skillgap.skills import resume_markup_build
from skillgap.skills.experience import ExperienceEntry, parse_experience
from skillgap.skills.resume_markup import read
from skillgap.skills.resume_markup_schema import BUILT, SOURCE

TODAY = date(2024, 7, 15)


def entries(text: str) -> list[ExperienceEntry]:
    return list(parse_experience(text, today=TODAY).entries)


def headers(text: str) -> list[tuple[str, str, str]]:
    return [(entry.title, entry.company, entry.location) for entry in entries(text)]


AWESOME_CV = r"""\cvsection{Experience}
\begin{cventries}
  \cventry
    {Site Reliability Engineer}
    {Northwind Traders}
    {Basel, Schweiz}
    {seit Feb. 2016 - Present}
    {
      \begin{cvitems}
        \item {Ran the on-call rotation (January 2019 - March 2019) for the payments team.}
      \end{cvitems}
    }
  \cventry
    {Leiter Reception}
    {Hostel Lindenhof}
    {Zürich, Schweiz}
    {Apr. 2013 - May 2014}
    {}
\end{cventries}
"""


def test_plain_text_keeps_every_offset_and_line_break() -> None:
    for text in (AWESOME_CV, ORG, RST, ASCIIDOC):
        markup = read(text)
        assert len(markup.plain) == len(text)
        assert [i for i, ch in enumerate(markup.plain) if ch == "\n"] == [i for i, ch in enumerate(text) if ch == "\n"]


def test_a_text_in_no_structured_format_is_read_as_written() -> None:
    text = "## Experience\n\n**Nurse** | Mercy Hospital | 2019 - 2021\n"
    markup = read(text)
    assert markup.plain == text
    assert markup.cells == ()


def test_awesome_cv_entries_are_read_by_their_arguments() -> None:
    assert headers(AWESOME_CV) == [
        ("Site Reliability Engineer", "Northwind Traders", "Basel, Schweiz"),
        ("Leiter Reception", "Hostel Lindenhof", "Zürich, Schweiz"),
    ]


def test_dates_inside_an_entrys_description_are_no_jobs() -> None:
    # "(January 2019 - March 2019)" in a bullet of the first entry is a sub-assignment, not a third job.
    assert len(entries(AWESOME_CV)) == 2


def test_moderncv_entries_on_one_line_each_keep_their_own_fields() -> None:
    text = r"""\section{Employment}
\cventry{2018--2021}{Data Analyst}{Contoso Bank}{Leeds}{}{Built the monthly risk reports.}
\cventry{2015--2018}{Junior Analyst}{Fabrikam Ltd}{York}{}{Cleaned survey data.}
"""
    assert headers(text) == [("Data Analyst", "Contoso Bank", "Leeds"), ("Junior Analyst", "Fabrikam Ltd", "York")]
    assert [(entry.first, entry.last) for entry in entries(text)] == [((2018, 0), (2021, 0)), ((2015, 0), (2018, 0))]


def test_a_macro_with_the_dates_in_two_arguments_is_one_range() -> None:
    text = r"""\section{Employment History}

\job
{Jan 2022 -}{Sep 2022}
{Department of Transport}
{http://www.transport.example}
{Junior Software Developer}
{Third-year placement.}
"""
    [entry] = entries(text)
    assert (entry.title, entry.company) == ("Junior Software Developer", "Department of Transport")
    assert (entry.first, entry.last) == ((2022, 1), (2022, 9))


def test_a_macro_the_resume_defines_is_read_with_the_signature_of_its_arity() -> None:
    text = r"""\documentclass{article}
\newcommand{\resumeSubheading}[4]{\item \textbf{#1} & #2 \\ \textit{#3} & \textit{#4}}
\begin{document}
\section{Experience}
  \resumeSubheading
  {Tailspin Toys}{Austin, TX}
  {Software Engineer}{Jun 2019 -- Present}
\end{document}
"""
    assert headers(text) == [("Software Engineer", "Tailspin Toys", "Austin, TX")]


def test_the_date_argument_tells_two_orders_of_one_macro_apart() -> None:
    # Jake's resume writes the title first and the dates second; the older sb2nov order puts the dates last.
    text = r"""\section{Experience}
  \resumeSubheading
    {Undergraduate Research Assistant}{June 2020 -- Present}
    {Texas A\&M University}{College Station, TX}
  \resumeSubheading
    {Wingtip Labs}{Houston, TX}
    {Software Engineer Intern}{May 2019 -- Aug 2019}
"""
    assert headers(text) == [
        ("Undergraduate Research Assistant", "Texas A&M University", "College Station, TX"),
        ("Software Engineer Intern", "Wingtip Labs", "Houston, TX"),
    ]


def test_latex_comments_are_not_read() -> None:
    text = r"""\section{Experience}
% \cventry{2010--2012}{Old Job}{Old Company}{Nowhere}{}{}
\cventry{2018--2021}{Data Analyst}{Contoso Bank}{Leeds}{}{}
"""
    assert headers(text) == [("Data Analyst", "Contoso Bank", "Leeds")]


ORG = """#+OPTIONS: toc:nil
* Ada Byron
  :PROPERTIES:
  :CUSTOM_ID: ada
  :END:

** [[https://www.example.com/][Northwind]]
   :PROPERTIES:
   :CUSTOM_ID: northwind
   :END:

*** /Senior Developer (May 2022 - Present)/
- Built the payments API

**** Skills
- Go and PostgreSQL

** [[https://www.example.org/][Contoso]]

*** /Developer (January 2015 - October 2017), Lead Developer (May 2016 - September 2016)/
- Wrote the scraper

** Other Employment

*** Fabrikam
/Marketing Executive (March 2013 - February 2014)/
"""


def test_org_mode_headings_links_and_drawers_are_read_as_markdown() -> None:
    found = headers(ORG)
    assert found[0] == ("Senior Developer", "Northwind", "")
    assert ("Marketing Executive", "Fabrikam", "") in found


def test_a_section_heading_under_a_dated_job_heading_is_part_of_the_job() -> None:
    # "**** Skills" under the Northwind role: its lines are that job's, the jobs after it still jobs.
    [newest] = [entry for entry in entries(ORG) if entry.present]
    assert "Go and PostgreSQL" in newest.lines
    assert len(entries(ORG)) == 4


def test_a_heading_listing_two_dated_roles_gives_two_jobs() -> None:
    found = {(entry.title, entry.company, entry.first) for entry in entries(ORG)}
    assert {("Developer", "Contoso", (2015, 1)), ("Lead Developer", "Contoso", (2016, 5))} <= found


RST = r"""Grace Hopper
############

Employment History
==================
Northwind Hosting
  February 2009 through present

  Answer customer technical questions

  Train coworkers in troubleshooting techniques

  Collect and report support trends

  Troubleshoot and report server hardware issues

L\. "Tiny" Grover
  September 2004 through May 2005

  Maintain computer systems used for medical research

+--------+--------+
| Tools  | Vim    |
+--------+--------+
"""


def test_rst_definition_bodies_are_no_titles_of_the_next_term() -> None:
    assert headers(RST) == [("", "Northwind Hosting", ""), ("", 'L. "Tiny" Grover', "")]


ASCIIDOC = """== Jean Dupont
:doctype: article

== Professional Experience

=== Software Engineer
August 2017 -- _present_ +
*Acquia*, Toronto, Ontario

=== Internships

[%header,cols=4*]
|===
| Company
| Location
| Role
| Starting

| Pitney Bowes
| Shelton, Connecticut, USA
| Embedded Software Engineer
| September 2011
|===
"""


def test_asciidoc_emphasis_and_a_table_with_a_header_row() -> None:
    assert headers(ASCIIDOC) == [
        ("Software Engineer", "Acquia", "Toronto, Ontario"),
        ("Embedded Software Engineer", "Pitney Bowes", "Shelton, Connecticut, USA"),
    ]
    assert entries(ASCIIDOC)[0].present


def test_the_committed_resume_markup_is_fresh() -> None:
    assert resume_markup_build.main(["--check"]) == 0
    assert BUILT.read_text(encoding="utf-8") == resume_markup_build.build()


def test_a_macro_listed_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    text = SOURCE.read_text(encoding="utf-8").replace("  - name: cvevent", "  - name: cventry")
    path = tmp_path / "resume_markup.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        resume_markup_build.build(path)
    assert any("'cventry' is listed twice" in problem for problem in caught.value.problems)


HUGO_WIDGET = '''+++
widget = "experience"  # See https://sourcethemes.com/academic/docs/page-builder/
title = "Experience"

# Experiences.
#   Add/remove as many `[[experience]]` blocks below as you like.
# [[experience]]
#   title = "CEO"
#   company = "GenCoin"
#   date_start = "2023-01-01"
#   date_end = ""

[[experience]]
  title = "Backend Developer"
  company = "Lumen Analytics"
  location = "Leeds, UK"
  date_start = "2021-03-01"
  date_end = ""
  description = """
  Platform:
  - Moved the billing service to Go
  """
# Special Projects
# - Upgraded the CI runners

[[experience]]
  title = "Support Engineer"
  company = "Harbour Hosting"
  location = "York, UK"
  date_start = "2017-06-01"
  date_end = "2021-02-28"
  description = """
  Teaching:
  - Ran Linux workshops for new staff
  """
+++
'''


def test_a_toml_front_matters_commented_sample_job_is_not_read() -> None:
    assert [entry.title for entry in entries(HUGO_WIDGET)] == ["Backend Developer", "Support Engineer"]


def test_a_toml_comment_that_reads_like_a_heading_opens_no_section() -> None:
    # "# Special Projects" between two jobs is a commented line, not a projects heading that hides the next job.
    assert [entry.company for entry in entries(HUGO_WIDGET)] == ["Lumen Analytics", "Harbour Hosting"]


def test_a_toml_description_line_is_no_section_heading() -> None:
    markup = read(HUGO_WIDGET)
    assert markup.in_string(HUGO_WIDGET.index("Teaching:"))
    assert not markup.in_string(HUGO_WIDGET.index('title = "Support Engineer"'))


def test_a_comment_after_a_toml_value_is_blanked() -> None:
    plain = read(HUGO_WIDGET).plain
    assert len(plain) == len(HUGO_WIDGET)
    assert "sourcethemes" not in plain
    assert 'widget = "experience"' in plain


def test_a_hash_inside_a_toml_string_is_kept() -> None:
    text = '[[experience]]\n  title = "C# Developer"  # first job\n  company = "Acme"\n'
    plain = read(text).plain
    assert 'title = "C# Developer"' in plain
    assert "first job" not in plain


def test_a_yaml_front_matters_commented_job_is_not_read() -> None:
    text = """---
layout: resume
experience:
  - title: "Security Analyst"
    company: "Northwind Bank"
    start: "2020-05"
    end: "present"
  # - title: "Closed Circuit Television Operator"
  #   company: "Guard Co"
  #   start: "2012-01"
  #   end: "2019-12"
---
"""
    assert [entry.title for entry in entries(text)] == ["Security Analyst"]


def test_a_yaml_block_scalars_hash_line_is_its_text() -> None:
    text = "---\njobs:\n  - title: Engineer\n    description: |\n      # kept as written\n# dropped\n---\n"
    plain = read(text).plain
    assert "# kept as written" in plain
    assert "dropped" not in plain


def test_a_markdown_resume_between_two_rules_keeps_its_headings() -> None:
    # "---" opens a markdown resume as a rule, not YAML front matter: "# Experience" is a heading, no comment.
    text = "---\n# Jane Roe\nBackend engineer in Leeds.\n# Experience\n---\n"
    assert read(text).plain == text


def test_triple_quotes_in_a_toml_comment_open_no_string() -> None:
    text = '+++\n#   Begin/end with 3 quotes `"""`.\n[[experience]]\n  title = "Engineer"\n# Projects\n+++\n'
    plain = read(text).plain
    assert "Projects" not in plain
    assert 'title = "Engineer"' in plain


def test_a_bilingual_latex_resume_reads_in_its_first_language() -> None:
    # `\languageSwitch{English}{Spanish}` prints one of the two; both read would make "Actualidad" an employer.
    text = r"""\documentclass{article}
\begin{document}
\section{\languageSwitch{Experience}{Experiencia}}

\job{March 2023 - \languageSwitch{Current}{Actualidad}}
{Indra Sistemas}
{\languageSwitch{Junior Developer}{Desarrollador junior} {\small\begin{itemize}
            \item Java services
        \end{itemize}}}
{}
\end{document}
"""
    plain = read(text).plain
    assert "Experiencia" not in plain and "Actualidad" not in plain
    assert "Junior Developer" in plain and "Java services" in plain
    entry = parse_experience(text, today=date(2024, 7, 15)).entries[0]
    assert (entry.title, entry.company, entry.present) == ("Junior Developer", "Indra Sistemas", True)

"""Dated entries of layouts first seen in the r362-r385 tune resumes, whose words no curated list knew: headings of
more languages, titles found where the same list's other jobs hold theirs, plain-line headings, Czech dates, a
certificate's validity under "Skills and Certifications". Each text is a shortened copy of one real layout."""

from __future__ import annotations

from datetime import date

from skillgap.skills.experience import ResumeSectionKind, parse_experience, resume_lines

AS_OF = date(2026, 12, 5)


def read(text: str) -> list[tuple[str, str, str]]:
    """(title, company, dates as written) of each entry, newest first."""
    return [(e.title, e.company, e.dates) for e in parse_experience(text, today=AS_OF).entries]


def headings(text: str) -> list[tuple[str, ResumeSectionKind | None]]:
    return [(line.text, line.section) for line in resume_lines(text) if line.heading]


def test_a_title_no_list_knows_is_read_where_the_other_jobs_hold_theirs() -> None:
    """A Dutch page: date, then the title in an <h5>, then the employer. "Bezorger" is a known role word,
    "Vakkenvuller" (shelf stacker) is none: the line written like the other job's title line is the title.
    Without it the first job was taken for an employer's range over the second and dropped: 0.7 years, not 8.4."""
    text = """\
<div class="cv_block_right col-md-8 p-3">
    <h3>Werkervaring</h3>
    <p class="text-end">15/08/2018 - heden</p>
    <h5>Vakkenvuller</h5>
    <p class="mb-5">Hoogvliet, 's-Gravenzande</p>
    <p class="text-end">14/11/2021 - 20/06/2022</p>
    <h5>Bezorger</h5>
    <p class="mb-5">Picnic, Den Haag</p>
    <h3 class="mt-5">Opleidingen</h3>
    <p class="text-end">29/08/2021 - heden</p>
    <h5>Software Developer - Niveau 4</h5>
</div>
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries] == ["Vakkenvuller", "Bezorger"]
    assert experience.total_years == 8.4


def test_a_line_written_unlike_the_other_titles_is_not_taken_for_one() -> None:
    """The same page with the first job's line below its date written as a paragraph (a place, not an <h5>): no
    title is made up from it."""
    text = """\
<h3>Werkervaring</h3>
<p class="text-end">15/08/2018 - heden</p>
<p>Hoogvliet</p>
<p class="text-end">14/11/2021 - 20/06/2022</p>
<h5>Bezorger</h5>
<p class="mb-5">Picnic, Den Haag</p>
"""
    assert "Hoogvliet" not in [title for title, _, _ in read(text)]


def test_headings_of_nordic_finnish_indonesian_and_czech_resumes() -> None:
    text = """\
<h3>KOULUTUS</h3>
<h3>TYÖKOKEMUS</h3>
### Utbildning
### Arbetserfarenhet
<h3 class="resume-title">Pendidikan</h3>
<h3 class="resume-title">Pengalaman Kerja</h3>
Vzdělání
"""
    kinds = [kind for _, kind in headings(text)]
    education, experience = ResumeSectionKind.EDUCATION, ResumeSectionKind.EXPERIENCE
    assert kinds == [education, experience, education, experience, education, experience, education]


def test_an_indonesian_resume_keeps_its_studies_out_of_its_jobs() -> None:
    """Before "Pendidikan" was a heading, the school years were read as jobs (11 years where 16 were worked)."""
    text = """\
<h3 class="resume-title">Pendidikan</h3>
<h4>S1 Teknik Informatika</h4>
<h5>2013 - 2014</h5>
<p><em>STMIK Bina Sarana Global, Tangerang</em></p>
<h4>SMAN 1 Mauk</h4>
<h5>2002 - 2005</h5>
<h3 class="resume-title">Pengalaman Kerja</h3>
<h4>Programmer</h4>
<h5>2017 - Sekarang</h5>
<p><em>PT. Smart Meter Indonesia </em></p>
<h4>Programmer</h4>
<h5>2011 - 2017</h5>
<p><em>Pt. Hankook Ceramic Indonesia</em></p>
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(title, dates) for title, _, dates in read(text)] == [
        ("Programmer", "2017 - Sekarang"),
        ("Programmer", "2011 - 2017"),
    ]
    assert experience.total_years == 16.0


CZECH = """\
ŽIVOTOPIS

Vzdělání
09/2016 – 05/2019\tUniverzita Hradec Králové, UHK

Doplňující vzdělání
06/2015\tCisco Networking Academy

Pracovní zkušenosti a praxe
11. 6. 2017 – 30. 8. 2017\tSiemens, s.r.o., oz. Trutnov Brigáda DPP ve firmě Siemens
4. 7. 2014 – 30. 9. 2014\tSiemens, s.r.o., oz. Trutnov Brigáda DPP ve firmě Siemens

Jazykové znalosti
Anglický jazyk – střední úroveň
"""


def test_a_resume_of_plain_line_headings_has_its_experience_heading_read_by_its_keywords() -> None:
    """ "Vzdělání" is a usual heading written as a plain line, and no experience heading is one by name: so the plain
    line whose keyword names the work ("Pracovní zkušenosti a praxe", work experience and practice) is that heading,
    and its jobs are jobs. Other plain lines stay what they were ("Doplňující vzdělání" under the education)."""
    assert headings(CZECH) == [
        ("Vzdělání", ResumeSectionKind.EDUCATION),
        ("Pracovní zkušenosti a praxe", ResumeSectionKind.EXPERIENCE),
        ("Jazykové znalosti", ResumeSectionKind.OTHER),
    ]


def test_plain_lines_stay_lines_where_the_experience_heading_is_one_by_name() -> None:
    text = """\
Experience

Sales Associate 2019 - 2021
Acme Stores

Community Outreach
Organised food drives 2020 - 2021
"""
    assert [name for name, _ in headings(text)] == ["Experience"]


def test_czech_dates_with_a_space_after_each_dot() -> None:
    experience = parse_experience(CZECH, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["11. 6. 2017 – 30. 8. 2017", "4. 7. 2014 – 30. 9. 2014"]
    assert experience.total_years == 0.5  # June-August 2017 and July-September 2014: 6 months


def test_a_plain_line_naming_a_school_is_no_heading() -> None:
    """ "Community" names a section of its own ("Community Service"), but "Forsyth Technical Community College"
    under "Education" is the school."""
    text = """\
Professional Experience

Education and Training

Forsyth Technical Community College
Associates 2012
"""
    assert [name for name, _ in headings(text)] == ["Professional Experience", "Education and Training"]


def test_a_certificate_dated_under_skills_and_certifications_is_no_job() -> None:
    """The CPA licence "April 2016 – Present" is valid since then, not a job of 10 years."""
    text = """\
## Professional experience
* Squire and Company, PC, _Orem, UT_, 2015-2017
  * Senior Consultant, Advisory Services

## Skills and Certifications
* Certified Public Accountant, Utah (Active), April 2016 – Present
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["2015-2017"]
    assert experience.total_years == 2.0


def test_one_line_objects_of_a_global_jobs_list() -> None:
    """A JS file: `window.RESUME_JOBS = window.RESUME_JOBS || [` with one job per line, its start and end fields
    beside its employer and title. No job was read from it before (no section, no range)."""
    text = """\
window.RESUME_SECTIONS = window.RESUME_SECTIONS || {
  skills:
    "Microsoft SQL, Windows Administration, Azure"
};

window.RESUME_JOBS = window.RESUME_JOBS || [
  { employer: "Anaqua", title: "Cloud Engineer", startDate: "07/2022", endDate: "09/2024" },
  { employer: "WEX", title: "Systems Administrator", startDate: "02/2019", endDate: "01/2022" },
  { employer: "Smartware", title: "IT Manager", startDate: "01/2015", endDate: null }
];
"""
    assert [(title, company) for title, company, _ in read(text)] == [
        ("IT Manager", "Smartware"),
        ("Cloud Engineer", "Anaqua"),
        ("Systems Administrator", "WEX"),
    ]
    assert parse_experience(text, today=AS_OF).total_years == 12.0  # January 2015 to now


def test_keys_in_camel_case_or_with_underscores_or_typed_name_their_section() -> None:
    text = """\
const data = {
  'esperienze_professionali': [
  ],
  workExperience: [
  ],
  'formazione': [
  ]
}
export const experiences: Experience[] = [
];
"""
    assert [kind for _, kind in headings(text)] == [
        ResumeSectionKind.EXPERIENCE,
        ResumeSectionKind.EXPERIENCE,
        ResumeSectionKind.EDUCATION,
        ResumeSectionKind.EXPERIENCE,  # a TypeScript declaration's type is no part of its name
    ]


def test_months_and_two_digit_years_in_numbers_read_as_a_range_only() -> None:
    """A friggeri-cv LaTeX resume: "{05-16 - Now}", "{04-14 - 04-16}". Alone, "05-16" is no date, and a range of
    versions ("3.10 - 3.12") is none either."""
    text = """\
## Experience
- 05-16 - Now
DevOps Technical Leader
Squad (internal), Toulouse, France
- 04-14 - 04-16
DevOps architect
BULL / EDF, Toulouse, France
Upgraded Python 3.10 - 3.12 on pages 05-16.
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["05-16 - Now", "04-14 - 04-16"]
    assert experience.total_years == 12.8  # April 2014 to now


def test_a_title_read_from_the_job_above_gives_way_to_the_one_where_the_list_writes_its_titles() -> None:
    """Each job: its dates in a <p class="date">, its title in an <h4> below. The second job's rules read the line
    above it (the first job's last line, its team role "Scrum Master") and the <h4> is where the list keeps titles."""
    text = """\
<h2>Experience</h2>
<p class="date">2019 - 2021</p>
<h4>Data Engineer</h4>
<p>Acme Corp</p>
<p><em>Scrum Master</em></p>
<p class="date">2016 - 2019</p>
<h4>Analytics Developer</h4>
<p>Globex Corp</p>
<p class="date">2014 - 2016</p>
<h4>Database Administrator</h4>
<p>Initech LLC</p>
"""
    assert [title for title, _, _ in read(text)] == ["Data Engineer", "Analytics Developer", "Database Administrator"]


def test_a_component_s_default_jobs_below_its_education_heading() -> None:
    """A React page: `const defaultExperience = [` below the JSX "<h2>Education</h2>" of the component above. The
    key's last word names the section; the object's first field shares its line with the brace."""
    text = """\
const Education = () => {
  return (
    <div className="education-section">
    <h2>Education</h2>
    </div>
  )
}
const Experience = (props) => {
  const defaultExperience = [
                              {position: "Graduate Teaching Assistant",
                               location: "University of Montana",
                               time:"August 2017 - May 2019"},
                              {position: "Office Assistant and Web Designer",
                               location: "Studio Modera, PLLC",
                               time: "June 2015 - January 2017"}]
"""
    assert [(title, dates) for title, _, dates in read(text)] == [
        ("Graduate Teaching Assistant", "August 2017 - May 2019"),
        ("Office Assistant and Web Designer", "June 2015 - January 2017"),
    ]


def test_jobs_go_on_after_a_subsection_of_projects_inside_the_experience() -> None:
    """moderncv: "\\subsection{Projects at Dariel}" inside "\\section{Experience}" lists that job's projects (a date
    in the title slot, no title); the Entelect jobs after it are jobs. They were read as projects: 10 years, not 14."""
    text = r"""
\section{Experience}
\cventry{2018--Current}{Senior Developer}{Discovery Holdings}{}{}{}%
\cventry{2017--2018}{Senior Software Developer}{Dariel}{}{}{}%
\subsection{Projects at Dariel}
\cventry{}{Oct 2017-May 2018}{ABSA - PDLC}{}{}{\textit{Web development (Spring)} \newline{} A project.}
\cventry{2015--2017}{Senior Software Engineer}{Entelect}{}{}{}%
\cventry{2013--2015}{Software Engineer}{Entelect}{}{}{}%
\section{Formal Education}
\cventry{2013--2014}{BSc (Hons) Computer Science}{University of Pretoria}{}{\textit{}}{}
"""
    experience = parse_experience(text, today=AS_OF)
    assert [(title, company) for title, company, _ in read(text)] == [
        ("Senior Developer", "Discovery Holdings"),
        ("Senior Software Developer", "Dariel"),
        ("Senior Software Engineer", "Entelect"),
        ("Software Engineer", "Entelect"),
    ]
    assert experience.total_years == 14.0


def test_a_range_that_ends_after_today_is_no_job() -> None:
    """A Dutch LinkedIn export lists certificates with their validity among the jobs ("VCA Vol", Jan 2017 - Jan
    2027): an end still to come is no job's (no labelled resume has one), and ten years were counted for it."""
    text = """\
Ervaring
Developer & Support
RAPIDE Software
Dec 2022 - Heden
VCA Vol
STE examenbureau BV
Jan 2017 - Jan 2027
"""
    experience = parse_experience(text, today=AS_OF)
    assert [entry.title for entry in experience.entries] == ["Developer & Support"]
    assert experience.total_years == 4.1  # December 2022 to now


def test_a_heading_word_that_ends_a_sentence_of_a_run_together_resume_is_no_heading() -> None:
    """A LiveCareer text flattened onto long lines (r281): "... for Café and Patient Service.also a high volume ...".
    The word "Service" (an academic CV's heading) was cut out as a heading there, and the jobs below it were lost."""
    duties = (
        "Primarily responsible for all production for Café and Patient Service.also a high volume Doctors lounge.  "
        "Supervise a team of 20, and ensure all employees adhere to all HACCP and Joint Commission sanitation "
        "guidelines to ensure efficient, safe, and sanitary food production, preparation, and presentation.  Duties "
        "also include assisting with menu development, inventory, ordering and purchasing, food cost control "
        "projects, training, sanitation, and personnel management to include hiring, counseling, coaching and "
        "developing."
    )
    text = (
        "Experience\n"
        "Company Name    City  ,   State    Executive Sous Chef   05/2010   to   09/2012       Assisted with all "
        f"culinary operations under the Executive Chef at the largest hospital in the Memphis area.  {duties}          "
        "Company Name    City  ,   State    Sous Chef   09/2007   to   05/2010       Assisted with all hospital "
        "catering and menu development and implementation.\n"
    )
    experience = parse_experience(text, today=AS_OF)
    assert [entry.dates for entry in experience.entries] == ["05/2010   to   09/2012", "09/2007   to   05/2010"]

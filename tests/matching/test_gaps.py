"""Gap analysis and the gap summary on real extraction results: the order is the documented one, every gap
says what to do, and the resources are real catalog entries."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from skillgap.jobs.models import JobPosting, StoredJob
from skillgap.learning.catalog import ResourceCatalog
from skillgap.matching.assess import NO_RESUME_SKILLS, match_job
from skillgap.matching.facts import candidate_from_profile
from skillgap.matching.gaps import analyse, summarize
from skillgap.matching.models import CoverageStatus
from skillgap.matching.scoring import CoverageIndex
from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.models import RequirementLevel, ResumeProfile
from skillgap.skills.taxonomy import Taxonomy

TAXONOMY = Taxonomy.load()
CATALOG = ResourceCatalog.load()
EXTRACTOR = TaxonomyExtractor(TAXONOMY)

POSTING = """About the role
You will build and run our payment APIs.

Requirements
- 5+ years of experience with Python
- Experience with Django and PostgreSQL
- Hands-on Kubernetes and Docker in production

Nice to have
- Terraform
- Experience with Kafka
"""

# Fewer years of Python than the posting asks (5+), whatever year the tests run in.
_TWO_YEARS_AGO = datetime.now(UTC).year - 2
RESUME = f"""Jane Doe
Backend Engineer

Skills
Python, PostgreSQL, Docker, Git

Experience
Backend Engineer, Acme Corp, Jan {_TWO_YEARS_AGO} - Present
- Built REST APIs in Python and PostgreSQL, shipped with Docker

Projects
- Home lab: a small Kubernetes cluster running my side projects
"""


async def stored_job(
    title: str = "Senior Backend Engineer (Python)", description: str = POSTING, job_id: str = "job-1"
) -> StoredJob:
    skills = await EXTRACTOR.extract_job(title=title, description=description)
    posting = JobPosting(
        source_kind="greenhouse", source_identifier="acme", external_id="1", title=title, description=description,
        company="Acme",
    )
    return StoredJob(job_id=job_id, posting=posting, state="open", scrape_time=datetime.now(UTC),
                     close_time=None, skills=skills)  # fmt: skip


async def profile(text: str = RESUME) -> ResumeProfile:
    return await EXTRACTOR.extract_resume(text)


async def test_gaps_come_first_in_the_documented_order_with_actions_and_resources() -> None:
    job = await stored_job()
    index = CoverageIndex(candidate_from_profile(await profile(), RESUME), TAXONOMY)
    analysis = analyse("resume-1", match_job(job, index, TAXONOMY, 0.6), TAXONOMY, CATALOG)
    by_id = {item.assessment.skill.skill_id: item for item in analysis.items}

    assert by_id["python"].assessment.status is CoverageStatus.COVERED
    assert by_id["kubernetes"].assessment.status is CoverageStatus.UNLISTED  # only in a project
    assert by_id["django"].assessment.status is CoverageStatus.PARTIAL  # builds on Python
    assert by_id["terraform"].assessment.status is CoverageStatus.MISSING

    gaps = [item for item in analysis.items if item.priority > 0]
    assert [item.priority for item in gaps] == list(range(1, len(gaps) + 1))
    levels = [item.assessment.level for item in gaps]
    assert levels == sorted(levels, key=lambda level: level is not RequirementLevel.REQUIRED)
    required_gaps = [i.assessment.skill.skill_id for i in gaps if i.assessment.level is RequirementLevel.REQUIRED]
    # Partial (Django) before the years gap (Python: 5+ asked, fewer shown) before unlisted (Kubernetes).
    assert required_gaps.index("django") < required_gaps.index("python") < required_gaps.index("kubernetes")
    assert all(item.priority == 0 for item in analysis.items[len(gaps):])

    assert "skills section" in by_id["kubernetes"].actions[0] and "projects" in by_id["kubernetes"].actions[0]
    assert "You already know Python" in by_id["django"].actions[0]
    assert any("5+ years of Python" in action for action in by_id["python"].actions)
    for item in gaps:
        assert item.actions and item.summary
    assert by_id["terraform"].resources and all(r.url.startswith("https://") for r in by_id["terraform"].resources)
    assert "Close first: Django (required)" in analysis.summary
    assert "Quick win: list Kubernetes" in analysis.summary


async def test_matched_skills_carry_the_resume_lines_that_show_them() -> None:
    job = await stored_job()
    match = match_job(job, CoverageIndex(candidate_from_profile(await profile(), RESUME), TAXONOMY), TAXONOMY, 0.6)
    postgres = next(a for a in match.matched if a.skill.skill_id == "postgresql")
    assert postgres.resume_evidence and all("PostgreSQL" in e.text for e in postgres.resume_evidence)
    assert {a.skill.skill_id for a in match.missing(RequirementLevel.REQUIRED)} >= {"django"}
    assert match.caveats == ()


async def test_a_resume_without_skills_gets_a_caveat_not_a_confident_score() -> None:
    job = await stored_job()
    text = "John Smith\nI am a motivated person who likes working with people."
    readable = match_job(job, CoverageIndex(candidate_from_profile(await profile(), RESUME), TAXONOMY), TAXONOMY, 0.5)
    empty = match_job(job, CoverageIndex(candidate_from_profile(await profile(text), text), TAXONOMY), TAXONOMY, 0.5)
    assert NO_RESUME_SKILLS in empty.caveats
    assert empty.score < readable.score


async def test_the_summary_ranks_skills_by_how_many_matches_require_them_foundations_first() -> None:
    kube_job = await stored_job("Platform Engineer", "Requirements\n- Kubernetes\n- Terraform\n", "a")
    other_kube_job = await stored_job("SRE", "Requirements\n- Kubernetes and Prometheus\n", "b")
    django_job = await stored_job("Backend Engineer", "Requirements\n- Django\n- Python\n", "c")
    nobody = CoverageIndex(candidate_from_profile(await profile("Sam\nSkills\nExcel")), TAXONOMY)
    matches = [match_job(j, nobody, TAXONOMY, 0.5) for j in (kube_job, other_kube_job, django_job)]
    summary = summarize(matches, TAXONOMY, CATALOG)
    order = [s.skill.skill_id for s in summary.skills]
    assert order[0] == "kubernetes"  # required by two of the three
    assert summary.skills[0].required_by == ("a", "b")
    # Python is required by one job, like Django, but Django builds on it: Python comes first.
    assert order.index("python") < order.index("django")
    assert "learn it before Django" in summary.skills[order.index("python")].reason
    assert [s.rank for s in summary.skills] == list(range(1, len(order) + 1))
    assert summary.matches_considered == 3


MIXED_POSTING = """Requirements
- Python and Django
- Snowflake and Power BI
- Excellent communication skills and attention to detail
- Mentoring junior engineers
- Fluent German

Nice to have
- Python
- AWS Certified Solutions Architect
- Kafka
"""
MIXED_RESUME = """Jane Doe
Skills
Python, REST, Communication

Experience
Engineer, Acme, Jan 2024 - Present
- Built REST APIs in Python
"""
_SHOWS = r"(\d+) of (\d+) {label} skill"


def _counts(text: str, label: str) -> tuple[int, int]:
    found = re.search(_SHOWS.format(label=label), text)
    assert found, f"no '{label}' count in {text!r}"
    return int(found.group(1)), int(found.group(2))


@pytest.mark.parametrize(
    ("posting", "resume"),
    [(POSTING, RESUME), (MIXED_POSTING, MIXED_RESUME), (MIXED_POSTING, RESUME), (POSTING, MIXED_RESUME)],
)
async def test_the_summary_counts_are_the_scores_counts(posting: str, resume: str) -> None:
    # Issue 17: the summary said "3 of 5 required" next to the score's "3 of 4": the summary counted soft skills
    # (and skills outside the taxonomy, and a skill named at both levels twice), the score did not.
    job = await stored_job("Data Engineer", posting)
    index = CoverageIndex(candidate_from_profile(await profile(resume), resume), TAXONOMY)
    match = match_job(job, index, TAXONOMY, 0.6)
    analysis = analyse("resume-1", match, TAXONOMY, CATALOG)
    tally = match.tally
    for label, counts, part in (
        ("required", tally.required, match.breakdown.required_coverage),
        ("nice-to-have", tally.nice_to_have, match.breakdown.nice_to_have_coverage),
    ):
        if not counts.total:
            assert part.weight == 0
            continue
        assert _counts(analysis.summary, label) == _counts(part.explanation, label) == (counts.shown, counts.total)
    # Every skill the job asks for is in exactly one place, and the counts add up to the scored ones.
    listed = [i.assessment.skill.name for i in analysis.all_items]
    assert len(listed) == len(set(listed)) == len(match.assessments)
    scored = [i for i in analysis.items if i.assessment.skill.skill_id]
    assert len(scored) == tally.required.total + tally.nice_to_have.total


async def test_soft_skills_are_listed_apart_and_a_covered_skill_is_never_close_first() -> None:
    job = await stored_job("Data Engineer", MIXED_POSTING)
    index = CoverageIndex(candidate_from_profile(await profile(MIXED_RESUME), MIXED_RESUME), TAXONOMY)
    analysis = analyse("resume-1", match_job(job, index, TAXONOMY, 0.6), TAXONOMY, CATALOG)

    soft = {i.assessment.skill.skill_id for i in analysis.soft_skills}
    assert {"communication", "attention-to-detail", "mentoring", "german"} <= soft
    assert not soft & {i.assessment.skill.skill_id for i in analysis.items}
    assert all(i.priority == 0 for i in analysis.soft_skills)
    close_first = re.search(r"Close first: ([^.]*)\.", analysis.summary)
    assert close_first and close_first.group(1).startswith("Power BI (required)")
    for name in ("Attention to Detail", "Mentoring", "German", "Communication", "Python"):
        assert name not in close_first.group(1)
    assert "(not scored): Attention to Detail, German, Mentoring" in analysis.summary

    # The years gap of the posting above (5+ years of Python, 2 shown) is named as such, not as "close first".
    job = await stored_job()
    index = CoverageIndex(candidate_from_profile(await profile(), RESUME), TAXONOMY)
    match = match_job(job, index, TAXONOMY, 0.6)
    python = next(a for a in match.assessments if a.skill.skill_id == "python")
    assert python.status is CoverageStatus.COVERED and python in match.tally.years_short
    assert python not in match.tally.close_first
    summary = analyse("resume-1", match, TAXONOMY, CATALOG).summary
    assert "Python" not in re.search(r"Close first: ([^.]*)\.", summary).group(1)  # type: ignore[union-attr]
    assert "Date your experience with Python (5+ asked)" in summary


async def test_actions_fit_the_kind_of_skill() -> None:
    # Issue 17's misfires, each now a sentence a person would say.
    job = await stored_job("Data Engineer", MIXED_POSTING)
    nobody = CoverageIndex(candidate_from_profile(await profile("Sam\nSkills\nExcel")), TAXONOMY)
    analysis = analyse("resume-1", match_job(job, nobody, TAXONOMY, 0.5), TAXONOMY, CATALOG)
    actions = {i.assessment.skill.name: " ".join(i.actions) for i in analysis.all_items}
    assert "index" not in actions["Snowflake"] and "analytical queries" in actions["Snowflake"]
    assert "report or dashboard in Power BI" in actions["Power BI"] and "notebook" not in actions["Power BI"]
    assert "design choice" not in actions["Mentoring"] and "example" in actions["Mentoring"]
    assert "built with" not in actions["Attention to Detail"]
    assert "exam" in actions["AWS Certification"]
    assert all(sentence.endswith(".") for item in analysis.all_items for sentence in item.actions)


async def test_the_gap_summary_names_the_jobs_and_keeps_soft_skills_apart() -> None:
    soft_job = await stored_job(
        "Team Lead", "Requirements\n- Communication and mentoring\n- Attention to detail\n- Leadership\n- Go\n", "s"
    )
    kube_job = await stored_job("Platform Engineer", "Requirements\n- Kubernetes\n- Communication skills\n", "k")
    nobody = CoverageIndex(candidate_from_profile(await profile("Sam\nSkills\nExcel")), TAXONOMY)
    matches = [match_job(j, nobody, TAXONOMY, 0.5) for j in (soft_job, kube_job)]
    summary = summarize(matches, TAXONOMY, CATALOG)
    assert {s.skill.skill_id for s in summary.skills} == {"go", "kubernetes"}
    assert "communication" in {s.skill.skill_id for s in summary.soft_skills}
    communication = next(s for s in summary.soft_skills if s.skill.skill_id == "communication")
    assert communication.required_by == ("s", "k")
    assert [job.title for job in communication.jobs] == ["Team Lead", "Platform Engineer"]
    kubernetes = next(s for s in summary.skills if s.skill.skill_id == "kubernetes")
    assert "(Platform Engineer at Acme)" in kubernetes.reason

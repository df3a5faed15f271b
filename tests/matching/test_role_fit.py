"""Role fit (issue 17): the job's role against the resume's recent roles."""

from __future__ import annotations

from skillgap.matching.models import Candidate, JobFacts, PastRole
from skillgap.matching.role_fit import role_fit, title_overlap
from skillgap.occupations.index import OccupationIndex

OCCUPATIONS = OccupationIndex.packaged()


def job(title: str) -> JobFacts:
    match = OCCUPATIONS.match(title)
    assert match is not None, title
    return JobFacts("j", (), (), title=title, occupation_code=match.code, occupation_family=match.family,
                    occupation_confidence=match.confidence)  # fmt: skip


def resume(*titles_and_years: tuple[str, float]) -> Candidate:
    roles = []
    for title, years in titles_and_years:
        match = OCCUPATIONS.match(title)
        roles.append(PastRole(title=title, occupation_code=match.code if match else "",
                              family=match.family if match else "", confidence=match.confidence if match else 0.0,
                              years=years))  # fmt: skip
    return Candidate(skills={}, skill_years={}, roles=tuple(roles))


def value(facts: JobFacts, candidate: Candidate) -> float:
    fit = role_fit(facts, candidate, OCCUPATIONS)
    assert isinstance(fit, tuple), fit
    return fit[0]


def test_a_systems_administrator_fits_infrastructure_jobs_better_than_analyst_jobs() -> None:
    sysadmin = resume(("Systems Administrator", 5.0), ("IT Support Specialist", 3.0))
    infrastructure = [value(job(t), sysadmin) for t in ("Systems Administrator", "Network Administrator",
                                                          "DevOps Engineer")]  # fmt: skip
    analyst = [value(job(t), sysadmin) for t in ("Senior Business Analyst", "Data Analyst", "Financial Analyst")]
    assert min(infrastructure) > max(analyst)
    assert value(job("Systems Administrator"), sysadmin) > 0.8


def test_the_newest_and_longest_roles_count_most() -> None:
    facts = job("Software Engineer")
    now_engineer = resume(("Software Engineer", 6.0), ("Accountant", 2.0))
    once_engineer = resume(("Accountant", 6.0), ("Software Engineer", 2.0))
    assert value(facts, now_engineer) > value(facts, once_engineer)
    brief = resume(("Accountant", 0.5), ("Software Engineer", 8.0))
    assert value(facts, brief) > value(facts, once_engineer)


def test_related_occupations_and_families_are_graded() -> None:
    candidate = resume(("Software Engineer", 5.0))
    same = value(job("Software Developer"), candidate)
    near = value(job("QA Automation Engineer"), candidate)
    far = value(job("Registered Nurse"), candidate)
    assert same > near > far


def test_title_words_fit_when_occupations_are_too_broad() -> None:
    assert title_overlap("Senior Android Developer", "Android Engineer") == 1.0
    assert title_overlap("Senior Android Developer", "iOS Engineer") < 0.3


def test_unknown_on_either_side_is_not_assessed() -> None:
    assert isinstance(role_fit(job("DevOps Engineer"), Candidate(skills={}, skill_years={}), OCCUPATIONS), str)
    assert isinstance(role_fit(job("DevOps Engineer"), Candidate(skills={}, skill_years={}, from_query=True),
                               OCCUPATIONS), str)  # fmt: skip
    untitled = JobFacts("j", (), ())
    assert "not assessed" in str(role_fit(untitled, resume(("DevOps Engineer", 2.0)), OCCUPATIONS))

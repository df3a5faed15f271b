"""The match score and its breakdown: what a user reads must match the data behind it."""

from __future__ import annotations

from skillgap.matching.facts import candidate_from_profile, candidate_from_query, facts_from_payload
from skillgap.matching.models import Candidate, CoverageStatus, JobFacts, PastRole
from skillgap.matching.scoring import CoverageIndex, calibrated_similarity, rank_score, score
from skillgap.occupations.index import OccupationIndex
from skillgap.skills.models import Evidence, ExtractedSkill, ResumeProfile, Seniority, SeniorityEstimate, Skill
from skillgap.skills.taxonomy import Taxonomy

TAXONOMY = Taxonomy.load()


def candidate(*skill_ids: str, section: str = "skills", **kwargs: object) -> Candidate:
    evidence = (Evidence(text="line", start=0, end=4, section=section),)
    return Candidate(skills={s: evidence for s in skill_ids}, skill_years={}, **kwargs)  # type: ignore[arg-type]


def job(required: tuple[str, ...], nice: tuple[str, ...] = (), **kwargs: object) -> JobFacts:
    return JobFacts("job", required, nice, **kwargs)  # type: ignore[arg-type]


def test_points_add_up_to_the_score_and_weights_to_one() -> None:
    breakdown = score(job(("python", "kubernetes"), ("go",), seniority=Seniority.SENIOR, min_years=5),
                      CoverageIndex(candidate("python", seniority=Seniority.SENIOR, total_years=6.0), TAXONOMY),
                      0.6)  # fmt: skip
    parts = (
        breakdown.semantic_similarity,
        breakdown.required_coverage,
        breakdown.nice_to_have_coverage,
        breakdown.seniority_fit,
        breakdown.role_fit,
    )
    assert abs(sum(p.weight for p in parts) - 1.0) < 1e-3
    assert abs(sum(p.points for p in parts) - breakdown.score) < 0.1
    assert 0 <= breakdown.score <= 100
    # Shrunk towards the other evidence (issue 17): never a bare share, never a constant.
    assert 0.2 < breakdown.required_coverage.value < 0.6
    assert "1 of 2 required" in breakdown.required_coverage.explanation
    assert breakdown.seniority_fit.value == 1.0


def test_more_required_skills_covered_scores_higher() -> None:
    facts = job(("python", "kubernetes", "postgresql"))
    scores = [
        score(facts, CoverageIndex(candidate(*skills), TAXONOMY), 0.5).score
        for skills in ((), ("python",), ("python", "kubernetes"), ("python", "kubernetes", "postgresql"))
    ]
    assert scores == sorted(scores) and len(set(scores)) == 4


def test_a_framework_covers_its_language_and_a_language_half_covers_its_framework() -> None:
    assert "python" in TAXONOMY.implied("django")
    has_django = CoverageIndex(candidate("django"), TAXONOMY)
    assert has_django.status("python") == (CoverageStatus.COVERED, "django")
    has_python = CoverageIndex(candidate("python"), TAXONOMY)
    assert has_python.status("django") == (CoverageStatus.PARTIAL, "python")
    partial = score(job(("django",)), has_python, 0.5).required_coverage.value
    missing = score(job(("django",)), CoverageIndex(candidate("go"), TAXONOMY), 0.5).required_coverage.value
    covered = score(job(("django",)), has_django, 0.5).required_coverage.value
    assert missing < partial < covered
    assert "through what it builds on" in score(job(("django",)), has_python, 0.5).required_coverage.explanation


def test_a_skill_only_in_projects_is_unlisted_but_counts() -> None:
    index = CoverageIndex(candidate("kubernetes", section="projects"), TAXONOMY)
    assert index.status("kubernetes") == (CoverageStatus.UNLISTED, None)
    listed = CoverageIndex(candidate("kubernetes"), TAXONOMY)
    facts = job(("kubernetes", "python", "go", "rust", "java"))
    assert score(facts, index, 0.5).required_coverage.value == score(facts, listed, 0.5).required_coverage.value


def test_soft_skills_are_listed_but_not_scored_and_few_required_skills_are_weighed_with_caution() -> None:
    assert TAXONOMY.get("communication") is not None
    index = CoverageIndex(candidate("python"), TAXONOMY)
    with_soft = score(job(("python", "communication")), index, 0.5).required_coverage
    assert "1 soft skills not scored" in with_soft.explanation and "1 of 1 required" in with_soft.explanation
    one_named = score(job(("python",)), index, 0.5).required_coverage.value
    five_named = score(job(("python", "go", "rust", "java", "scala")), CoverageIndex(
        candidate("python", "go", "rust", "java", "scala"), TAXONOMY), 0.5).required_coverage.value  # fmt: skip
    assert 0.3 < one_named < five_named < 1.0


def test_what_cannot_be_assessed_gets_no_weight_and_says_why() -> None:
    nothing_known = score(job(("python",)), CoverageIndex(candidate(), TAXONOMY), 0.5)
    # An unreadable resume shows nothing: the weight stays, so it cannot outrank a readable one.
    assert nothing_known.required_coverage.value == 0.0 and nothing_known.required_coverage.weight > 0.5
    assert "no skills could be read from the resume" in nothing_known.required_coverage.explanation
    assert nothing_known.seniority_fit.weight == 0.0
    assert "not assessed" in nothing_known.seniority_fit.explanation
    query = score(job(("python",)), CoverageIndex(candidate(from_query=True), TAXONOMY), 0.5)
    assert query.semantic_similarity.weight == 1.0 and "names no skills" in query.required_coverage.explanation
    no_nice = score(job(("python",)), CoverageIndex(candidate("python"), TAXONOMY), 0.5)
    assert no_nice.nice_to_have_coverage.weight == 0.0
    assert "names no nice-to-have skills" in no_nice.nice_to_have_coverage.explanation


def test_seniority_below_the_job_fits_worse_than_above() -> None:
    facts = job(("python",), seniority=Seniority.SENIOR)
    below = score(facts, CoverageIndex(candidate("python", seniority=Seniority.MID), TAXONOMY), 0.5)
    above = score(facts, CoverageIndex(candidate("python", seniority=Seniority.STAFF), TAXONOMY), 0.5)
    exact = score(facts, CoverageIndex(candidate("python", seniority=Seniority.SENIOR), TAXONOMY), 0.5)
    assert exact.seniority_fit.value > above.seniority_fit.value > below.seniority_fit.value
    short = score(job(("python",), min_years=6), CoverageIndex(candidate("python", total_years=3.0), TAXONOMY), 0.5)
    assert short.seniority_fit.value == 0.5 and "3 years of 6+ asked" in short.seniority_fit.explanation
    # Levels decide when both are stated: many years do not make a principal fit a junior role.
    principal = candidate("python", seniority=Seniority.PRINCIPAL, total_years=15.0)
    junior_job = job(("python",), seniority=Seniority.JUNIOR, min_years=1)
    assert score(junior_job, CoverageIndex(principal, TAXONOMY), 0.5).seniority_fit.value == 0.0


def test_similarity_is_calibrated_into_zero_to_one() -> None:
    # A smooth curve, no clamp: unrelated texts still differ by how unrelated they are (issue 17).
    assert 0.0 < calibrated_similarity(-0.3) < calibrated_similarity(0.2) < 0.01
    assert 0.99 < calibrated_similarity(0.95) < 1.0
    assert 0 < calibrated_similarity(0.4) < calibrated_similarity(0.6) < 1


def test_payload_and_profile_facts_agree() -> None:
    payload = {"required_skill_ids": ["go", "kubernetes"], "skill_ids": ["go", "kubernetes", "terraform"],
               "seniority": "senior", "min_years": 5}  # fmt: skip
    facts = facts_from_payload("j", payload)
    assert facts.required == ("go", "kubernetes") and facts.nice_to_have == ("terraform",)
    assert facts.seniority is Seniority.SENIOR and facts.min_years == 5.0
    assert facts_from_payload("j", {"seniority": "nonsense"}).seniority is Seniority.UNSPECIFIED


def test_candidates_from_a_profile_and_from_a_query() -> None:
    profile = ResumeProfile(
        skills=(
            ExtractedSkill(skill=Skill(skill_id="python", name="Python"), years=4.0,
                           evidence=(Evidence(text="Python", start=0, end=6, section="skills"),)),
            ExtractedSkill(skill=Skill(skill_id="", name="Obscure Tool", normalized=False)),
        ),
        seniority=SeniorityEstimate(level=Seniority.MID),
        total_years_experience=4.0,
    )  # fmt: skip
    from_profile = candidate_from_profile(profile)
    assert set(from_profile.skills) == {"python"} and from_profile.skill_years == {"python": 4.0}
    from_query = candidate_from_query("senior backend engineer, Go and k8s", TAXONOMY)
    assert {"go", "kubernetes"} <= set(from_query.skills) and from_query.from_query
    assert not candidate_from_profile(None).has_skills


def test_the_order_of_a_list_is_the_order_of_the_scores_its_pages_show() -> None:
    """Ranking computes the score without its breakdown (`rank_score`, hundreds of jobs a search): for every kind
    of candidate and job it is exactly the score a page then shows for the job."""
    occupations = OccupationIndex.packaged()

    def role(title: str, years: float | None) -> PastRole:
        match = occupations.match(title)
        return PastRole(title=title, occupation_code=match.code if match else "", family=match.family if match else "",
                        confidence=match.confidence if match else 0.0, years=years)  # fmt: skip

    def job_titled(title: str, required: tuple[str, ...], nice: tuple[str, ...], **kwargs: object) -> JobFacts:
        match = occupations.match(title)
        return JobFacts("job", required, nice, title=title, occupation_code=match.code if match else "",
                        occupation_family=match.family if match else "",
                        occupation_confidence=match.confidence if match else 0.0, **kwargs)  # type: ignore[arg-type]  # fmt: skip

    candidates = [
        candidate("python", "django", "kubernetes", seniority=Seniority.SENIOR, total_years=7.0,
                  roles=(role("Backend Engineer", 4.0), role("Systems Administrator", 2.0))),
        candidate("excel", "sql", section="projects", seniority=Seniority.JUNIOR,
                  roles=(role("Data Analyst", None),)),
        candidate(total_years=2.0, roles=(role("Store Manager", 3.0),)),  # no skills read
        candidate("go", "kubernetes", from_query=True),
        candidate(from_query=True),
    ]  # fmt: skip
    jobs = [
        job_titled("Senior Python Developer", ("python", "postgresql", "scrum"), ("django", "communication"),
                   seniority=Seniority.SENIOR, min_years=5.0, title_skills=("python",)),
        job_titled("Systems Administrator", ("windows-server", "active-directory"), (), min_years=3.0),
        job_titled("Business Analyst", ("communication",), ("excel",), seniority=Seniority.MID),
        job_titled("Assistant", (), ()),
        job(("go",), ("kubernetes", "terraform"), seniority=Seniority.LEAD),
    ]  # fmt: skip
    compared = 0
    for who in candidates:
        index = CoverageIndex(who, TAXONOMY, occupations)
        for facts in jobs:
            for cosine in (-0.2, 0.31, 0.575, 0.6234567, 0.9):
                assert rank_score(facts, index, cosine) == score(facts, index, cosine).score, (who, facts, cosine)
                compared += 1
    assert compared == 125

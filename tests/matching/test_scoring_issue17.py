"""Matches a job seeker would agree with (issue 17), on real resumes and postings (tests/data/reading)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from skillgap.jobs.models import JobPosting, StoredJob
from skillgap.jobs.service import search_payload
from skillgap.matching.facts import candidate_from_profile, facts_from_payload
from skillgap.matching.models import Candidate, JobFacts
from skillgap.matching.scoring import NO_ASSESSABLE_SKILLS, CoverageIndex, rank_key, score
from skillgap.occupations.index import OccupationIndex
from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.models import Evidence
from skillgap.skills.taxonomy import Taxonomy

READING = Path(__file__).resolve().parents[1] / "data" / "reading"
TAXONOMY = Taxonomy.load()
OCCUPATIONS = OccupationIndex.packaged()
EXTRACTOR = TaxonomyExtractor(TAXONOMY, OCCUPATIONS)
TODAY = date(2026, 12, 5)
# Similarity held equal for every job: these tests are about the parts the issue changes, not the embedding.
COSINE = 0.5

SEO_BLOCK = (
    "\n\nsocial services, java, all, graphic, mba, marketing, admin, python, office, receptionist, sql, nursing, "
    "jobs near me\n"
)


def posting(posting_id: str, extra: str = "") -> tuple[str, str]:
    title, _, description = (READING / "postings" / "texts" / f"{posting_id}.txt").read_text().partition("\n")
    return title.strip(), description.strip() + extra


def facts(posting_id: str, extra: str = "") -> JobFacts:
    title, description = posting(posting_id, extra)
    skills = EXTRACTOR.extract_job_sync(title=title, description=description)
    job = StoredJob(job_id=posting_id, posting=JobPosting(source_kind="manual", source_identifier="test",
                    external_id=posting_id, title=title, description=description), state="open",
                    scrape_time=None, close_time=None, skills=skills)  # type: ignore[arg-type]  # fmt: skip
    return facts_from_payload(posting_id, search_payload(job, skills))


def resume(resume_id: str) -> Candidate:
    text = (READING / "resumes" / "texts" / f"{resume_id}.txt").read_text()
    return candidate_from_profile(EXTRACTOR.extract_resume_sync(text, today=TODAY), text)


def test_an_it_support_resume_ranks_infrastructure_jobs_above_analyst_jobs() -> None:
    # r044: ICT Field Engineer, IT Technical Engineer, 15 years of IT support.
    index = CoverageIndex(resume("r044"), TAXONOMY, OCCUPATIONS)
    infrastructure = {p: score(facts(p), index, COSINE).score for p in ("p062", "p075")}  # DevOps, Systems Eng IAM
    analyst = {p: score(facts(p), index, COSINE).score for p in ("p046", "p052", "p065", "p069")}
    assert min(infrastructure.values()) > max(analyst.values()), (infrastructure, analyst)


def test_role_fit_is_a_part_of_the_score_and_needs_the_occupation_index() -> None:
    candidate = resume("r044")
    with_roles = score(facts("p062"), CoverageIndex(candidate, TAXONOMY, OCCUPATIONS), COSINE)
    assert with_roles.role_fit.weight > 0.15 and "DevOps Engineer" in with_roles.role_fit.explanation
    # O*NET's related occupations count only with the index; titles and exact occupations count without it.
    without = score(facts("p062"), CoverageIndex(candidate, TAXONOMY), COSINE)
    assert without.role_fit.value <= with_roles.role_fit.value
    query = Candidate(skills={}, skill_years={}, from_query=True)
    assert score(facts("p062"), CoverageIndex(query, TAXONOMY, OCCUPATIONS), COSINE).role_fit.weight == 0.0


def test_a_keyword_stuffed_block_is_not_read_as_requirements() -> None:
    # A front office coordinator posting with an SEO footer: "java" and "python" there are not requirements.
    plain, stuffed = facts("p003"), facts("p003", SEO_BLOCK)
    assert {"java", "python", "sql"}.isdisjoint(stuffed.required + stuffed.nice_to_have)
    assert set(stuffed.required) == set(plain.required)
    java_developer = CoverageIndex(
        Candidate(skills={"java": (Evidence(text="Java", start=0, end=4, section="skills"),)}, skill_years={}),
        TAXONOMY,
    )
    assert score(stuffed, java_developer, COSINE).score == score(plain, java_developer, COSINE).score


def test_a_job_naming_one_missing_required_skill_is_not_a_constant_score() -> None:
    lacking = CoverageIndex(Candidate(skills={"go": (Evidence(text="Go", start=0, end=2, section="skills"),)},
                                      skill_years={}), TAXONOMY)  # fmt: skip
    one_skill = JobFacts("j", ("kubernetes",), ())
    scores = [score(one_skill, lacking, cosine).score for cosine in (0.1, 0.3, 0.45, 0.6)]
    assert 20.0 not in scores and len(set(scores)) == len(scores)
    assert scores == sorted(scores)


def test_a_job_with_no_assessable_skills_gets_a_shrunk_score_and_says_why() -> None:
    candidate = resume("r044")
    index = CoverageIndex(candidate, TAXONOMY, OCCUPATIONS)
    real = facts("p062")
    bare = JobFacts("bare", (), ("communication",), title=real.title, occupation_code=real.occupation_code,
                    occupation_family=real.occupation_family,
                    occupation_confidence=real.occupation_confidence)  # fmt: skip
    breakdown = score(bare, index, COSINE)
    assert NO_ASSESSABLE_SKILLS in breakdown.caveats
    assert breakdown.required_coverage.weight > 0 and "estimated" in breakdown.required_coverage.explanation
    all_covered = JobFacts("full", real.required, (), title=real.title, occupation_code=real.occupation_code,
                           occupation_family=real.occupation_family,
                           occupation_confidence=real.occupation_confidence)  # fmt: skip
    everything = CoverageIndex(Candidate(skills={s: (Evidence(text=s, start=0, end=1, section="skills"),)
                                                 for s in real.required}, skill_years={}, roles=candidate.roles),
                               TAXONOMY, OCCUPATIONS)  # fmt: skip
    assert score(bare, everything, COSINE).score < score(all_covered, everything, COSINE).score


def test_process_tools_count_less_than_the_skills_that_define_the_job() -> None:
    android_job = JobFacts("a", ("android", "kotlin", "agile", "scrum", "jira", "git"), (), title="Android Developer",
                           title_skills=("android",))  # fmt: skip

    def has(*skill_ids: str) -> CoverageIndex:
        shown = (Evidence(text="x", start=0, end=1, section="skills"),)
        return CoverageIndex(Candidate(skills={s: shown for s in skill_ids}, skill_years={}), TAXONOMY)

    android_engineer = score(android_job, has("android", "kotlin"), COSINE).required_coverage.value
    process_only = score(android_job, has("agile", "scrum", "jira", "git"), COSINE).required_coverage.value
    assert android_engineer > 2 * process_only


def test_ties_are_broken_by_similarity_then_recency() -> None:
    newer = rank_key(50.0, 0.6, "2026-12-01T00:00:00+00:00", "b")
    older = rank_key(50.0, 0.6, "2026-11-01T00:00:00+00:00", "a")
    unknown = rank_key(50.0, 0.6, None, "0")
    closer = rank_key(50.0, 0.7, None, "z")
    assert sorted([older, unknown, newer, closer]) == [closer, newer, older, unknown]

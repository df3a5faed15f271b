"""Lexical job recall (`JobTextSearch`, migration 0011) on real PostgreSQL: jobs naming the search's words come
first, the search filters apply as ListJobs applies them, technology names with symbols stay apart, and bad input
costs a bounded query. Every test's jobs share a company of its own, so a company filter keeps other tests' jobs
out."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from skillgap.resources import Resources
from skillgap.storage import job_text_search
from skillgap.storage.job_text_search import JobTextSearch, SearchTerm
from skillgap.vectors.filters import JobSearchFilter


async def _add(pool: asyncpg.Pool, company: str, title: str, description: str, **details: object) -> str:
    job_id = uuid.uuid4()
    await pool.execute(
        """INSERT INTO jobs (job_id, source_kind, source_identifier, external_id, title, company, description, details)
           VALUES ($1, 'manual', $2, $3, $4, $2, $5, $6)""",
        job_id,
        company,
        uuid.uuid4().hex,
        title,
        description,
        details,
    )
    return str(job_id)


@pytest.fixture
def company() -> str:
    return f"Lexco {uuid.uuid4().hex[:8]}"


def only(company: str, **fields: object) -> JobSearchFilter:
    return JobSearchFilter(companies=(company,), **fields)  # type: ignore[arg-type]


async def test_jobs_naming_more_of_the_terms_come_first(resources: Resources, company: str) -> None:
    pool = resources.pool
    admin = await _add(pool, company, "Systems Administrator", "Windows Server, Active Directory and VMware vSphere.")
    partly = await _add(pool, company, "IT Support Technician", "Reset passwords in Active Directory.")
    await _add(pool, company, "Administrative Assistant", "Calendars, travel and the office network of vendors.")
    await _add(pool, company, "Pastry Chef", "Croissants and tarts.")
    terms = [SearchTerm("Windows Server"), SearchTerm("Active Directory"), SearchTerm("VMware"),
             SearchTerm("systems"), SearchTerm("administrator")]  # fmt: skip
    found = await JobTextSearch(pool).best_jobs(terms, only(company), limit=10)
    assert found[:2] == [admin, partly]
    assert len(found) == 2  # "administrator" alone (the assistant is "administrative") makes no match


async def test_filters_apply_as_in_listing(resources: Resources, company: str) -> None:
    pool = resources.pool
    remote = await _add(pool, company, "Kafka Engineer", "Kafka and Flink.", workplace_type="remote")
    onsite = await _add(pool, company, "Kafka Engineer", "Kafka and Flink.", workplace_type="onsite")
    closed = await _add(pool, company, "Kafka Engineer", "Kafka and Flink.", workplace_type="remote")
    await pool.execute("UPDATE jobs SET state = 'closed' WHERE job_id = $1", uuid.UUID(closed))
    search = JobTextSearch(pool)
    terms = [SearchTerm("Kafka")]
    assert set(await search.best_jobs(terms, only(company), limit=10)) == {remote, onsite}
    assert await search.best_jobs(terms, only(company, workplace_types=("remote",)), limit=10) == [remote]
    # Closed jobs are found by their vectors only.
    assert closed not in await search.best_jobs(terms, only(company, include_closed=True), limit=10)


async def test_technology_names_with_symbols_stay_apart(resources: Resources, company: str) -> None:
    pool = resources.pool
    cpp = await _add(pool, company, "C++ Developer", "Modern C++17 and CMake.")
    csharp = await _add(pool, company, "C# Developer", "C# on .NET 8 and ASP.NET Core.")
    c = await _add(pool, company, "Embedded C Developer", "C on microcontrollers.")
    search = JobTextSearch(pool)

    async def found(name: str) -> set[str]:
        return set(await search.best_jobs([SearchTerm(name)], only(company), limit=10))

    assert await found("C++") == {cpp}
    assert await found("C#") == {csharp}
    assert await found(".NET") == {csharp}
    assert await found("c") == {c}


@pytest.mark.parametrize(
    "terms",
    [
        [],
        [SearchTerm("the and of")],  # stop words only
        [SearchTerm("'\\:*&|!()<->")],  # tsquery syntax is only ever text to parse
        [SearchTerm("x\x00y")],
        [SearchTerm("word " * 10_000)],
        [SearchTerm(f"term{i}") for i in range(10_000)],
    ],
)
async def test_bad_input_finds_nothing_or_little_and_never_fails(
    resources: Resources, company: str, terms: list[SearchTerm]
) -> None:
    await _add(resources.pool, company, "Engineer", "Builds things.")
    assert await JobTextSearch(resources.pool).best_jobs(terms, only(company), limit=10) == []


async def test_a_slow_search_gives_up_and_returns_nothing(resources: Resources, company: str) -> None:
    await _add(resources.pool, company, "Kafka Engineer", "Kafka.")
    search = JobTextSearch(resources.pool, timeout_ms=200)
    assert await search.best_jobs([SearchTerm("Kafka")], only(company), limit=10)
    # A table locked by a migration stands for any query that takes too long: the search waits 200 ms, no more.
    async with resources.pool.acquire() as conn, conn.transaction():
        await conn.execute("LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE")
        began = time.monotonic()
        assert await search.best_jobs([SearchTerm("Kafka")], only(company), limit=10) == []
        assert time.monotonic() - began < 2


async def test_a_phrase_needs_its_words_together_and_a_title_its_words(resources: Resources, company: str) -> None:
    # Found through the index by its words alone, then checked as written.
    pool = resources.pool
    together = await _add(pool, company, "Data Engineer", "Streams on Apache Kafka every day.")
    await _add(pool, company, "Data Engineer", "Apache Spark batches; Kafka topics.")
    search = JobTextSearch(pool)
    assert await search.best_jobs([SearchTerm("Apache Kafka")], only(company), limit=10) == [together]


async def test_when_more_jobs_match_than_are_ranked_the_newest_are(
    resources: Resources, company: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large catalog: many jobs name the search's words. The newest are ranked (here 3 of 5)."""
    pool = resources.pool
    made = []
    for day in (3, 1, 5, 2, 4):
        job_id = await _add(pool, company, "Kafka Engineer", "Kafka and Flink.")
        await pool.execute(
            "UPDATE jobs SET post_time = now() - make_interval(days => $2) WHERE job_id = $1", uuid.UUID(job_id), day
        )
        made.append((day, job_id))
    monkeypatch.setattr(job_text_search, "MAX_RANKED_JOBS", 3)
    found = await JobTextSearch(pool).best_jobs([SearchTerm("Kafka")], only(company), limit=10)
    assert set(found) == {job_id for day, job_id in made if day <= 3}


async def test_the_newest_jobs_passing_the_filters_are_ranked_when_newer_ones_fail_them(
    resources: Resources, company: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The filters pick the jobs before the newest are taken: the newest matching jobs failing them (not remote,
    or not requiring the skill) leave room for older ones that pass. Whether a job requires a skill follows its
    skills as they are updated (migration 0016 keeps the ids in the row)."""
    pool = resources.pool

    async def posted(days_ago: int, workplace: str, required: list[str]) -> str:
        job_id = await _add(pool, company, "Kafka Engineer", "Kafka and Flink.", workplace_type=workplace)
        skills = {"required_skills": [{"skill": {"skill_id": skill_id, "name": skill_id}} for skill_id in required]}
        await pool.execute(
            "UPDATE jobs SET post_time = now() - make_interval(days => $2), skills = $3 WHERE job_id = $1",
            uuid.UUID(job_id),
            days_ago,
            skills,
        )
        return job_id

    await posted(1, "onsite", ["kafka"])
    await posted(2, "remote", ["flink"])
    await posted(3, "remote", [])
    kept = [await posted(4, "remote", ["flink", "kafka"]), await posted(5, "remote", ["kafka"])]
    await posted(6, "remote", ["kafka"])
    await posted(40, "remote", ["kafka"])  # too old for the posting-time filter
    monkeypatch.setattr(job_text_search, "MAX_RANKED_JOBS", 2)
    search = JobTextSearch(pool)
    wanted = only(
        company,
        workplace_types=("remote",),
        required_skill_ids=("kafka",),
        posted_after=datetime.now(UTC) - timedelta(days=30),
    )
    assert set(await search.best_jobs([SearchTerm("Kafka")], wanted, limit=10)) == set(kept)

    await pool.execute("UPDATE jobs SET skills = '{}'::jsonb WHERE job_id = $1", uuid.UUID(kept[0]))
    assert kept[0] not in await search.best_jobs([SearchTerm("Kafka")], wanted, limit=10)


def test_distinctive_terms_make_a_match_rarest_first_within_what_the_index_can_rank() -> None:
    search = JobTextSearch(None)  # type: ignore[arg-type]  # the rule needs no database
    search._rows = 1_000_000.0

    def term(name: str, share: float) -> job_text_search._Term:
        return job_text_search._Term(name, name, name, share=share, weight=job_text_search._idf(share))

    rare, rarer, common = term("'flink'", 0.002), term("'fastapi'", 0.001), term("'python'", 0.2)
    many = term("'kafka'", 0.004)
    # 1,000 + 2,000 jobs fit in 5,000; Kafka's 4,000 more would not: it only adds to the rank, like Python.
    assert search._matching([common, rare, many, rarer]) == [rare, rarer]
    # A small catalog: every distinctive term makes a match.
    search._rows = 20_000.0
    assert search._matching([common, rare, many, rarer]) == [rare, many, rarer]

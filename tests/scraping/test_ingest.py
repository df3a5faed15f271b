"""Ingestion of a source into Postgres and the vector index: dedupe, change detection, closing."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest

from skillgap.api.convert import job_message
from skillgap.resources import Resources
from skillgap.scraping.ingest import Ingestor, SourceFetchFailed
from skillgap.scraping.sources import GreenhouseSource, LeverSource
from skillgap.scraping.sources.base import prettify_token
from skillgap.v1 import job_pb2
from tests.scraping import payloads
from tests.support.boards import greenhouse_board, token
from tests.support.scraping import FakeFetcher, jobs_of
from tests.support.services import job_catalog


def greenhouse_fetcher(board: str, payload: dict[str, Any]) -> FakeFetcher:
    return FakeFetcher({GreenhouseSource(board).jobs_url(): payload})


def lever_pages(site: str) -> dict[str, Any]:
    source = LeverSource(site, page_size=2)
    pages = []
    for page in (payloads.LEVER_PAGE_1, payloads.LEVER_PAGE_2):
        page = copy.deepcopy(page)
        for posting in page:
            posting["hostedUrl"] = posting["hostedUrl"].replace("/acme/", f"/{site}/")
        pages.append(page)
    return {source.page_url(0): pages[0], source.page_url(2): pages[1]}


async def test_first_ingest_creates_and_a_second_changes_nothing(resources: Resources, embed_calls: list[str]) -> None:
    board = token()
    payload = greenhouse_board(board)
    ingestor = Ingestor(job_catalog(resources))
    counts = await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, payload))
    assert (counts.fetched, counts.created, counts.updated, counts.unchanged, counts.closed, counts.failed) == (
        2, 2, 0, 0, 0, 0,
    )  # fmt: skip
    assert len(embed_calls) == 2
    stored = await jobs_of(resources, "greenhouse", board)
    job = await job_catalog(resources).get(stored["4012345"][0])
    assert job.posting.title == "Senior Backend Engineer" and job.state == "open"
    assert job.posting.employment_type == "full_time" and job.posting.salary is not None
    assert job.posting.salary.max_amount == 210000.0
    message = job_message(job)
    assert message.employment_type == job_pb2.EMPLOYMENT_TYPE_FULL_TIME
    assert message.salary.max_amount == 210000.0 and message.salary.interval == job_pb2.SALARY_INTERVAL_YEAR
    assert job.skills is not None
    assert {"python", "kubernetes"} <= {s.skill.skill_id for s in job.skills.required_skills}
    payload_state = await resources.vectors.get_job_payload(job.job_id)
    assert payload_state is not None and payload_state["state"] == "open"

    embed_calls.clear()
    again = await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, payload))
    assert (again.fetched, again.unchanged, again.created, again.updated, again.closed) == (2, 2, 0, 0, 0)
    assert embed_calls == []
    assert await jobs_of(resources, "greenhouse", board) == stored


async def test_a_changed_posting_is_extracted_and_embedded_again(resources: Resources, embed_calls: list[str]) -> None:
    board = token()
    payload = greenhouse_board(board)
    ingestor = Ingestor(job_catalog(resources))
    await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, payload))
    embed_calls.clear()
    payload["jobs"][1]["content"] = "&lt;p&gt;Turn data into decisions with SQL and Tableau.&lt;/p&gt;"
    counts = await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, payload))
    assert (counts.updated, counts.unchanged, counts.created) == (1, 1, 0)
    assert len(embed_calls) == 1 and "Tableau" in embed_calls[0]
    job_id = (await jobs_of(resources, "greenhouse", board))["4012399"][0]
    job = await job_catalog(resources).get(job_id)
    assert job.posting.description == "Turn data into decisions with SQL and Tableau."
    assert job.skills is not None
    found = {s.skill.skill_id for s in (*job.skills.required_skills, *job.skills.nice_to_have_skills)}
    assert "sql" in found


async def test_unlisted_postings_close_and_reopen_when_listed_again(
    resources: Resources, embed_calls: list[str]
) -> None:
    board = token()
    payload = greenhouse_board(board)
    ingestor = Ingestor(job_catalog(resources))
    await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, payload))
    shorter = copy.deepcopy(payload)
    del shorter["jobs"][1]
    counts = await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, shorter))
    assert (counts.fetched, counts.unchanged, counts.closed) == (1, 1, 1)
    stored = await jobs_of(resources, "greenhouse", board)
    assert stored["4012399"][1] == "closed" and stored["4012345"][1] == "open"
    catalog = job_catalog(resources)
    closed = await catalog.get(stored["4012399"][0])
    assert closed.close_time is not None
    vector_payload = await resources.vectors.get_job_payload(closed.job_id)
    assert vector_payload is not None and vector_payload["state"] == "closed"

    embed_calls.clear()
    back = await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, payload))
    assert (back.unchanged, back.created, back.closed) == (2, 0, 0)
    assert embed_calls == []
    reopened = await catalog.get(closed.job_id)
    assert reopened.state == "open" and reopened.close_time is None
    vector_payload = await resources.vectors.get_job_payload(closed.job_id)
    assert vector_payload is not None and vector_payload["state"] == "open"


async def test_the_same_posting_on_two_boards_is_one_job(resources: Resources, embed_calls: list[str]) -> None:
    site = token()
    # Lever has no company name: it is guessed from the site token, so Greenhouse names the company alike.
    board = token()
    ingestor = Ingestor(job_catalog(resources))
    await ingestor.ingest_source(
        GreenhouseSource(board), greenhouse_fetcher(board, greenhouse_board(board, company=prettify_token(site)))
    )
    embed_calls.clear()
    counts = await ingestor.ingest_source(LeverSource(site, page_size=2), FakeFetcher(lever_pages(site)))
    assert (counts.fetched, counts.created, counts.unchanged, counts.failed) == (3, 2, 1, 0)
    assert len(embed_calls) == 2
    lever_jobs = await jobs_of(resources, "lever", site)
    assert set(lever_jobs) == {"b1f1c3d2-0000-4c1e-9a55-1a2b3c4d5e6f", "c9e8d7c6-1111-4d2e-8b66-6f5e4d3c2b1a"}
    owner = (await jobs_of(resources, "greenhouse", board))["4012345"][0]
    fingerprint = await resources.pool.fetchval("SELECT fingerprint FROM jobs WHERE job_id = $1", uuid.UUID(owner))
    assert await resources.pool.fetchval("SELECT count(*) FROM jobs WHERE fingerprint = $1", fingerprint) == 1
    # Listing it again on Lever keeps it on the Greenhouse row, and Lever's pass does not close it.
    again = await ingestor.ingest_source(LeverSource(site, page_size=2), FakeFetcher(lever_pages(site)))
    assert (again.unchanged, again.created, again.closed) == (3, 0, 0)
    assert (await jobs_of(resources, "greenhouse", board))["4012345"][1] == "open"


async def test_a_failed_listing_closes_nothing(resources: Resources) -> None:
    site = token()
    ingestor = Ingestor(job_catalog(resources))
    first = await ingestor.ingest_source(LeverSource(site, page_size=2), FakeFetcher(lever_pages(site)))
    assert first.created == 3
    pages = lever_pages(site)
    del pages[LeverSource(site, page_size=2).page_url(2)]  # page 2 fails
    with pytest.raises(SourceFetchFailed) as err:
        await ingestor.ingest_source(LeverSource(site, page_size=2), FakeFetcher(pages))
    assert err.value.reason == "SOURCE_FETCH_FAILED" and site in err.value.message
    assert err.value.counts.fetched == 2 and err.value.counts.closed == 0
    assert {state for _, state in (await jobs_of(resources, "lever", site)).values()} == {"open"}


async def test_one_bad_posting_fails_alone_and_is_not_closed(resources: Resources) -> None:
    board = token()
    payload = greenhouse_board(board)
    bad = copy.deepcopy(payload)
    bad["jobs"][1]["content"] = "   "
    ingestor = Ingestor(job_catalog(resources))
    counts = await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, bad))
    assert (counts.fetched, counts.created, counts.failed) == (2, 1, 1)
    assert set(await jobs_of(resources, "greenhouse", board)) == {"4012345"}

    await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, payload))
    # Stored, then broken on the board: it fails, but it is still listed, so it stays open.
    counts = await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, bad))
    assert (counts.failed, counts.unchanged, counts.closed) == (1, 1, 0)
    assert {state for _, state in (await jobs_of(resources, "greenhouse", board)).values()} == {"open"}


async def test_a_posting_the_model_cannot_embed_fails_alone(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = token()
    payload = greenhouse_board(board)
    payload["jobs"][1]["content"] = "&lt;p&gt;POISON for the model.&lt;/p&gt;"
    original = resources.embedder.embed_document_batch

    def embed(texts: list[str]) -> Any:
        if any("POISON" in text for text in texts):
            raise RuntimeError("the model choked")
        return original(texts)

    monkeypatch.setattr(resources.embedder, "embed_document_batch", embed)
    counts = await Ingestor(job_catalog(resources)).ingest_source(
        GreenhouseSource(board), greenhouse_fetcher(board, payload)
    )
    assert (counts.fetched, counts.created, counts.failed) == (2, 1, 1)
    assert set(await jobs_of(resources, "greenhouse", board)) == {"4012345"}


async def test_a_job_the_index_refused_is_stored_again_on_the_next_pass(
    resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = token()
    payload = greenhouse_board(board)
    original = resources.vectors.upsert_job, resources.vectors.upsert_jobs

    async def down(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("index down")

    monkeypatch.setattr(resources.vectors, "upsert_job", down)
    monkeypatch.setattr(resources.vectors, "upsert_jobs", down)
    ingestor = Ingestor(job_catalog(resources))
    first = await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, payload))
    assert (first.fetched, first.failed) == (2, 2)
    monkeypatch.setattr(resources.vectors, "upsert_job", original[0])
    monkeypatch.setattr(resources.vectors, "upsert_jobs", original[1])
    second = await ingestor.ingest_source(GreenhouseSource(board), greenhouse_fetcher(board, payload))
    # Not taken for unchanged: the rows exist, but their vectors were never written.
    assert (second.updated, second.unchanged, second.failed) == (2, 0, 0)
    for job_id, _ in (await jobs_of(resources, "greenhouse", board)).values():
        assert await resources.vectors.get_job_payload(job_id) is not None


async def test_postings_are_stored_in_batches(resources: Resources) -> None:
    """One embedding call per batch; the last, partial batch is stored too (a stalled listing is covered by
    tests/workers/test_scrape_recovery.py: what it gave is stored before the worker is killed)."""
    board = token()
    catalog = job_catalog(resources)
    batches: list[int] = []
    original = catalog.ingest_many

    async def spy(postings: Any, **kwargs: Any) -> Any:
        batches.append(len(postings))
        return await original(postings, **kwargs)

    catalog.ingest_many = spy  # type: ignore[method-assign]
    payload = greenhouse_board(board)
    template = payload["jobs"][0]
    payload["jobs"] = []
    for n in range(5):
        job = copy.deepcopy(template)
        job.update(id=9000 + n, title=f"Engineer {n}", absolute_url=f"https://boards.greenhouse.io/{board}/jobs/{n}")
        payload["jobs"].append(job)
    counts = await Ingestor(catalog, batch_size=2).ingest_source(
        GreenhouseSource(board), greenhouse_fetcher(board, payload)
    )
    assert counts.created == 5 and batches == [2, 2, 1]

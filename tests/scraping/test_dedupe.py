"""Cross-source dedupe: the same role on a job board and on the company's own board is one job, with both
listings, open while either still lists it. Real PostgreSQL and vector index; the boards answer from memory."""

from __future__ import annotations

import copy
from typing import Any

from skillgap.api.convert import job_message
from skillgap.resources import Resources
from skillgap.scraping.ingest import Ingestor
from skillgap.scraping.sources import GreenhouseSource, JobPageSource, make_source
from skillgap.v1 import job_pb2
from tests.support.boards import greenhouse_board, token
from tests.support.scraping import FakeFetcher, jobs_of
from tests.support.services import job_catalog
from tests.support.standin_site import json_ld_page, remoteok_copy


def remoteok_fetcher(tag: str, jobs: list[dict[str, Any]]) -> FakeFetcher:
    source = make_source("remoteok", tag)
    legal = {"last_updated": 1_700_000_000, "legal": "API Terms of Service"}
    return FakeFetcher({source.jobs_url(): [legal, *jobs]})  # type: ignore[attr-defined]


async def _greenhouse(resources: Resources, ingestor: Ingestor, board: str, payload: dict[str, Any]) -> str:
    await ingestor.ingest_source(GreenhouseSource(board), FakeFetcher({GreenhouseSource(board).jobs_url(): payload}))
    return (await jobs_of(resources, "greenhouse", board))["4012345"][0]


async def test_a_board_copy_linking_to_the_companys_posting_is_one_job_with_both_listings(
    resources: Resources, embed_calls: list[str]
) -> None:
    board, tag = token(), token()
    ingestor = Ingestor(job_catalog(resources))
    job_id = await _greenhouse(resources, ingestor, board, greenhouse_board(board))
    embed_calls.clear()

    counts = await ingestor.ingest_source(make_source("remoteok", tag), remoteok_fetcher(tag, [remoteok_copy(board)]))

    assert (counts.fetched, counts.created, counts.unchanged) == (1, 0, 1)
    assert embed_calls == []
    assert await jobs_of(resources, "remoteok", tag) == {}  # no row of its own
    job = job_message(await job_catalog(resources).get(job_id))
    assert job.source.kind == job_pb2.SOURCE_KIND_GREENHOUSE
    (listing,) = job.also_listed_on
    assert (listing.source.kind, listing.source.identifier, listing.source.external_id) == (
        job_pb2.SOURCE_KIND_REMOTEOK,
        tag,
        "1093201",
    )
    assert listing.url.startswith("https://remoteok.com/remote-jobs/") and listing.state == job_pb2.JOB_STATE_OPEN


async def test_the_same_company_title_and_place_is_one_job(resources: Resources) -> None:
    board = token()
    suffix = board.split("-")[1]
    ingestor = Ingestor(job_catalog(resources))
    job_id = await _greenhouse(resources, ingestor, board, greenhouse_board(board))
    # The company's careers page: no link to the board, other words, "GmbH", a gender marker, the city only.
    url = f"https://careers.acme-{suffix}.example/jobs/backend"
    page = json_ld_page(
        title="Senior Backend Engineer (m/w/d)",
        company=f"Acme {suffix} GmbH",
        location="San Francisco, US",
        description="<p>Join us to build the APIs of our robots. We use Python and asyncio.</p>",
        identifier="ACME-7",
    )
    counts = await ingestor.ingest_source(JobPageSource(url), FakeFetcher({url: page}))

    assert (counts.created, counts.unchanged) == (0, 1)
    job = job_message(await job_catalog(resources).get(job_id))
    assert [(li.source.kind, li.source.identifier) for li in job.also_listed_on] == [
        (job_pb2.SOURCE_KIND_JOB_PAGE, url)
    ]


async def test_another_company_or_place_is_another_job(resources: Resources) -> None:
    board = token()
    suffix = board.split("-")[1]
    ingestor = Ingestor(job_catalog(resources))
    await _greenhouse(resources, ingestor, board, greenhouse_board(board))
    pages = {
        f"https://careers.example/{suffix}/other-company": ("Acme Bank", "San Francisco, US"),
        f"https://careers.example/{suffix}/other-city": (f"Acme {suffix}", "Berlin, DE"),
    }
    for url, (company, location) in pages.items():
        page = json_ld_page(
            title="Senior Backend Engineer",
            company=company,
            location=location,
            description="<p>Build APIs in Python.</p>",
            identifier=url,
        )
        counts = await ingestor.ingest_source(JobPageSource(url), FakeFetcher({url: page}))
        assert counts.created == 1, url


async def test_a_job_stays_open_while_any_board_lists_it(resources: Resources) -> None:
    board, tag = token(), token()
    ingestor = Ingestor(job_catalog(resources))
    payload = greenhouse_board(board)
    job_id = await _greenhouse(resources, ingestor, board, payload)
    await ingestor.ingest_source(make_source("remoteok", tag), remoteok_fetcher(tag, [remoteok_copy(board)]))

    # The company's board took it down; RemoteOK still lists it: open.
    without = copy.deepcopy(payload)
    without["jobs"] = [job for job in without["jobs"] if job.get("id") != 4012345]
    gone = await ingestor.ingest_source(
        GreenhouseSource(board), FakeFetcher({GreenhouseSource(board).jobs_url(): without})
    )
    assert gone.closed == 1
    job = await job_catalog(resources).get(job_id)
    assert job.state == "open"
    assert (await resources.vectors.get_job_payload(job_id) or {}).get("state") == "open"

    # RemoteOK drops it too: closed, and search leaves it out.
    dropped = await ingestor.ingest_source(make_source("remoteok", tag), remoteok_fetcher(tag, []))
    assert dropped.closed == 1
    assert (await job_catalog(resources).get(job_id)).state == "closed"
    assert (await resources.vectors.get_job_payload(job_id) or {}).get("state") == "closed"

    # Listed again on RemoteOK: open again.
    back = await ingestor.ingest_source(make_source("remoteok", tag), remoteok_fetcher(tag, [remoteok_copy(board)]))
    assert back.unchanged == 1
    assert (await job_catalog(resources).get(job_id)).state == "open"

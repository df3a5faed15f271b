"""A re-scrape reads only what changed, and a posting that is gone is closed, as a user sees it in the run's status.

Through the real worker (arq, burst mode) and the real fetcher against a local site on 127.0.0.1
(`tests.support.standin_site`): job pages answer conditional requests as real servers do (ETag / If-None-Match,
Last-Modified / If-Modified-Since), a Greenhouse board lists its jobs with their `updated_at`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from grpc import aio

from skillgap.resources import Resources
from skillgap.scraping.sources.greenhouse import GreenhouseSource
from skillgap.v1 import job_pb2, job_pb2_grpc, scrape_pb2
from tests.support.boards import greenhouse_board
from tests.support.scraping import jobs_of
from tests.support.standin_site import Page, Site, json_ld_page, serving
from tests.support.worker_scrapes import WorkerScrapes

DESCRIPTION = (
    "<p>Build our payments APIs in Python and PostgreSQL.</p><ul><li>5+ years of Python</li><li>Kubernetes</li></ul>"
)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


def page_source(url: str) -> scrape_pb2.ScrapeSource:
    return scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_JOB_PAGE, identifier=url)


def counts(run: scrape_pb2.ScrapeRun) -> dict[str, int]:
    c = run.totals
    return {k: getattr(c, k) for k in ("fetched", "created", "updated", "unchanged", "closed", "failed")}


def add_page(site: Site, **fields: Any) -> tuple[str, str]:
    """A new job page on the site; its path and URL."""
    tag = uuid.uuid4().hex[:8]
    path = f"/pages/{tag}/backend-engineer"
    site.pages[path] = Page(
        json_ld_page(
            title="Backend Engineer",
            company=f"Freshco {tag}",
            location="Berlin, DE",
            description=DESCRIPTION,
            identifier=f"FR-{tag}",
            **fields,
        )
    )
    return path, site.url(path)


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
async def test_an_unchanged_job_page_answers_304_and_is_not_read_again(
    site: Site, scrapes: WorkerScrapes, resources: Resources, embed_calls: list[str], validator: str
) -> None:
    path, url = add_page(site)
    site.pages[path].etags = validator == "etag"

    first = await scrapes.run(page_source(url))
    assert counts(first) == {"fetched": 1, "created": 1, "updated": 0, "unchanged": 0, "closed": 0, "failed": 0}
    assert len(embed_calls) == 1
    (stored,) = (await jobs_of(resources, "job_page", url)).values()

    embed_calls.clear()
    again = await scrapes.run(page_source(url))
    # The page came back 304: nothing downloaded, extracted or embedded; the job is seen and stays open.
    assert counts(again) == {"fetched": 1, "created": 0, "updated": 0, "unchanged": 1, "closed": 0, "failed": 0}
    assert embed_calls == []
    assert (await jobs_of(resources, "job_page", url)) == {f"FR-{path.split('/')[2]}": stored}
    second_request = [r for r in site.logged(path) if r.method == "GET"][-1]
    page = site.pages[path]
    if validator == "etag":
        assert second_request.if_none_match == page.etag
    else:
        assert second_request.if_modified_since == page.last_modified and not second_request.if_none_match


async def test_a_changed_job_page_is_read_again(site: Site, scrapes: WorkerScrapes, embed_calls: list[str]) -> None:
    path, url = add_page(site)
    await scrapes.run(page_source(url))
    old_etag = site.pages[path].etag
    site.pages[path] = Page(site.pages[path].html.replace("Kubernetes", "Kubernetes and Terraform"))
    embed_calls.clear()

    again = await scrapes.run(page_source(url))

    assert counts(again)["updated"] == 1
    assert len(embed_calls) == 1 and "Terraform" in embed_calls[0]
    assert [r for r in site.logged(path) if r.method == "GET"][-1].if_none_match == old_etag


@pytest.mark.parametrize(
    ("closing", "notice"),
    [
        ("status_410", "answered HTTP 410"),
        ("status_404", "answered HTTP 404"),
        ("valid_through_passed", "validThrough date (2026-01-31) has passed"),
        ("no_longer_accepting", "No longer accepting applications"),
    ],
)
async def test_a_posting_that_is_gone_is_closed_and_said_so(
    site: Site, scrapes: WorkerScrapes, channel: aio.Channel, auth: Any, resources: Resources, closing: str, notice: str
) -> None:
    path, url = add_page(site)
    first = await scrapes.run(page_source(url))
    assert counts(first)["created"] == 1
    job_id = (await job_pb2_grpc.JobServiceStub(channel).ListJobs(
        job_pb2.ListJobsRequest(source=job_pb2.JobSource(kind=job_pb2.SOURCE_KIND_JOB_PAGE, identifier=url)),
        metadata=auth,
    )).jobs[0].job_id  # fmt: skip

    html = site.pages[path].html
    if closing.startswith("status_"):
        site.gone[path] = int(closing.removeprefix("status_"))
    elif closing == "valid_through_passed":
        site.pages[path] = Page(html.replace('"validThrough": "2099-12-31"', '"validThrough": "2026-01-31"'))
    else:
        site.pages[path] = Page(
            html.replace("<p class='notice'></p>", "<p class='notice'>No longer accepting applications</p>")
        )
    again = await scrapes.run(page_source(url))

    (progress,) = again.sources
    assert counts(again)["closed"] == 1, again
    assert progress.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED
    assert notice in progress.error_message
    assert progress.job_counts.closed == 1 and progress.job_counts.open == 0
    jobs = job_pb2_grpc.JobServiceStub(channel)
    job = (await jobs.GetJob(job_pb2.GetJobRequest(job_id=job_id), metadata=auth)).job
    assert job.state == job_pb2.JOB_STATE_CLOSED
    # Closed jobs leave search and the default job list.
    listed = await jobs.ListJobs(
        job_pb2.ListJobsRequest(source=job_pb2.JobSource(kind=job_pb2.SOURCE_KIND_JOB_PAGE, identifier=url)),
        metadata=auth,
    )
    assert listed.jobs == []
    # Search filters on the vector index's payload: open jobs only unless include_closed.
    payload = await resources.vectors.get_job_payload(job_id)
    assert payload is not None and payload["state"] == "closed"


async def test_a_page_that_comes_back_after_closing_is_read_in_full(site: Site, scrapes: WorkerScrapes) -> None:
    path, url = add_page(site)
    await scrapes.run(page_source(url))
    site.gone[path] = 404
    assert counts(await scrapes.run(page_source(url)))["closed"] == 1
    del site.gone[path]  # back, byte for byte: its old ETag would match, but the closing forgot it

    back = await scrapes.run(page_source(url))

    assert counts(back)["unchanged"] == 1 and counts(back)["closed"] == 0
    assert [r for r in site.logged(path) if r.method == "GET"][-1].if_none_match == ""


async def test_greenhouse_jobs_whose_updated_at_is_unchanged_are_not_read_again(
    site: Site, scrapes: WorkerScrapes, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = f"fresh-{uuid.uuid4().hex[:8]}"
    site.greenhouse[board] = greenhouse_board(board)
    source = scrape_pb2.ScrapeSource(
        kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier=board, base_url=site.url("/greenhouse")
    )
    await scrapes.run(source)
    stored = await jobs_of(resources, "greenhouse", board)
    parsed: list[str] = []
    parse_job = GreenhouseSource.parse_job

    def counting(self: GreenhouseSource, job: dict[str, Any], *, version: str = "") -> Any:
        parsed.append(str(job.get("id")))
        return parse_job(self, job, version=version)

    monkeypatch.setattr(GreenhouseSource, "parse_job", counting)

    again = await scrapes.run(source)

    # Both listed jobs are as stored: not normalised again, counted and seen; the broken entry is read (no id).
    assert counts(again) == {"fetched": 2, "created": 0, "updated": 0, "unchanged": 2, "closed": 0, "failed": 0}
    assert parsed == ["None"]
    assert await jobs_of(resources, "greenhouse", board) == stored

    site.greenhouse[board]["jobs"][1]["updated_at"] = "2026-12-01T10:00:00Z"
    site.greenhouse[board]["jobs"][1]["content"] = "&lt;p&gt;Turn data into decisions with SQL.&lt;/p&gt;"
    parsed.clear()
    changed = await scrapes.run(source)
    assert counts(changed)["updated"] == 1 and counts(changed)["unchanged"] == 1
    assert parsed == ["4012399", "None"]

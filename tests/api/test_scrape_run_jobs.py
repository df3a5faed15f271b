"""From a scrape run to its jobs: GetScrapeStatus counts the jobs each source of a run holds now, ListJobs
lists the jobs a run created or updated, and only admins see who asked for a run. Real scrape runs: a local
Greenhouse-shaped board, a real arq worker in burst mode, PostgreSQL."""

from __future__ import annotations

import copy
from collections.abc import Callable

import httpx
import pytest
from grpc import aio

from skillgap.resources import Resources
from skillgap.v1 import job_pb2, job_pb2_grpc, scrape_pb2, scrape_pb2_grpc
from tests.support import scraping
from tests.support.boards import LocalBoards, greenhouse_board, token
from tests.support.scraping import jobs_of

Metadata = tuple[tuple[str, str], ...]


async def scrape(
    channel: aio.Channel, token_for: Callable[..., str], resources: Resources, redis_url: str, queue: str, board: str,
    base_url: str,
) -> str:  # fmt: skip
    """Trigger a run of one board as an admin and let a worker finish it; the run id."""
    reply = await scrape_pb2_grpc.ScrapeServiceStub(channel).TriggerScrape(
        scrape_pb2.TriggerScrapeRequest(sources=[scraping.greenhouse(board, base_url)]),
        metadata=scraping.admin(token_for),
    )
    await scraping.run_worker(resources, redis_url, queue)
    return str(reply.run.run_id)


async def run_jobs(channel: aio.Channel, auth: Metadata, run_id: str, *, include_closed: bool = False) -> set[str]:
    reply = await job_pb2_grpc.JobServiceStub(channel).ListJobs(
        job_pb2.ListJobsRequest(run_id=run_id, filter=job_pb2.JobFilter(include_closed=include_closed)),
        metadata=auth,
    )
    assert reply.next_page_token == ""
    return {j.job_id for j in reply.jobs}


@pytest.mark.rest
async def test_a_run_leads_to_its_jobs_and_counts_what_each_source_holds(
    channel: aio.Channel,
    auth: Metadata,
    token_for: Callable[..., str],
    resources: Resources,
    redis_url: str,
    queue_name: str,
    boards: LocalBoards,
    gateway_url: str,
    user_id: str,
) -> None:
    board = token()
    boards.greenhouse[board] = greenhouse_board(board)
    first = await scrape(channel, token_for, resources, redis_url, queue_name, board, boards.api("greenhouse"))
    stored = await jobs_of(resources, "greenhouse", board)
    senior, analyst = stored["4012345"][0], stored["4012399"][0]

    status = scrape_pb2_grpc.ScrapeServiceStub(channel)
    (run,) = (await status.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=first), metadata=auth)).runs
    (source,) = run.sources
    assert source.counts.created == 2
    assert (source.job_counts.open, source.job_counts.closed) == (2, 0)
    assert await run_jobs(channel, auth, first) == {senior, analyst}

    # The board changes one posting, drops another and adds a third: the second run updates one job,
    # closes one and creates one.
    payload = greenhouse_board(board)
    payload["jobs"][0]["content"] += "&lt;p&gt;We also use Terraform.&lt;/p&gt;"
    added = copy.deepcopy(payload["jobs"][1])
    added.update(id=4012400, title="Site Reliability Engineer",
                 absolute_url=f"https://boards.greenhouse.io/{board}/jobs/4012400",
                 content="&lt;p&gt;Run our Kubernetes clusters.&lt;/p&gt;")  # fmt: skip
    payload["jobs"][1] = added
    boards.greenhouse[board] = payload
    second = await scrape(channel, token_for, resources, redis_url, queue_name, board, boards.api("greenhouse"))
    created = (await jobs_of(resources, "greenhouse", board))["4012400"][0]

    (run,) = (await status.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=second), metadata=auth)).runs
    counts = run.sources[0].counts
    assert (counts.created, counts.updated, counts.closed) == (1, 1, 1)
    assert (run.sources[0].job_counts.open, run.sources[0].job_counts.closed) == (2, 1)
    assert await run_jobs(channel, auth, second) == {senior, created}
    # The first run's jobs: the one it created that is now closed shows only with include_closed.
    assert await run_jobs(channel, auth, first) == {senior}
    assert await run_jobs(channel, auth, first, include_closed=True) == {senior, analyst}
    # Job counts are the source's jobs now, whichever run it was.
    (old,) = (await status.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=first), metadata=auth)).runs
    assert (old.sources[0].job_counts.open, old.sources[0].job_counts.closed) == (2, 1)

    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers) as client:
        reply = await client.get("/api/jobs", params={"run_id": second})
        assert reply.status_code == 200, reply.text
        assert {j["job_id"] for j in reply.json()["jobs"]} == {senior, created}
        shown = await client.get("/api/scrape/status", params={"run_id": second})
        assert shown.json()["runs"][0]["sources"][0]["job_counts"] == {"open": 2, "closed": 1}


async def test_only_admins_see_who_asked_for_a_run(
    channel: aio.Channel, auth: Metadata, token_for: Callable[..., str], queue_name: str, boards: LocalBoards
) -> None:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    admin = scraping.admin(token_for)
    triggered = await stub.TriggerScrape(
        scrape_pb2.TriggerScrapeRequest(sources=[scraping.greenhouse(token(), boards.api("greenhouse"))]),
        metadata=admin,
    )
    run_id = triggered.run.run_id
    assert triggered.run.requested_by == "scrape-admin"

    one = scrape_pb2.GetScrapeStatusRequest(run_id=run_id)
    (as_user,) = (await stub.GetScrapeStatus(one, metadata=auth)).runs
    assert as_user.run_id == run_id and as_user.requested_by == ""
    recent = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(page_size=20), metadata=auth)
    assert run_id in {r.run_id for r in recent.runs}
    assert {r.requested_by for r in recent.runs} == {""}

    (as_admin,) = (await stub.GetScrapeStatus(one, metadata=admin)).runs
    assert as_admin.requested_by == "scrape-admin"
    recent = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(page_size=20), metadata=admin)
    assert next(r for r in recent.runs if r.run_id == run_id).requested_by == "scrape-admin"


@pytest.mark.rest
async def test_only_admins_see_who_asked_for_a_run_over_rest(
    gateway_url: str, token_for: Callable[..., str], user_id: str, queue_name: str, boards: LocalBoards
) -> None:
    admin = {"authorization": f"Bearer {token_for('rest-scrape-admin', admin=True)}"}
    user = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url) as client:
        body = {
            "sources": [{"kind": "SOURCE_KIND_GREENHOUSE", "identifier": token(), "base_url": boards.api("greenhouse")}]
        }
        reply = await client.post("/api/scrape/trigger", json=body, headers=admin)
        run_id = reply.json()["run"]["run_id"]
        as_user = await client.get("/api/scrape/status", params={"run_id": run_id}, headers=user)
        assert as_user.status_code == 200 and as_user.json()["runs"][0]["requested_by"] == ""
        as_admin = await client.get("/api/scrape/status", params={"run_id": run_id}, headers=admin)
        assert as_admin.json()["runs"][0]["requested_by"] == "rest-scrape-admin"

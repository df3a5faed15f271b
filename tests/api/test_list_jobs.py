"""ListJobs as users call it: over gRPC and through Envoy, on real jobs in PostgreSQL. Every test's jobs
share a company of their own (and a board of their own), so a company or source filter keeps other tests'
jobs out."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import grpc
import httpx
import pytest
from grpc import aio

from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.skills.models import JobSkills
from skillgap.storage.jobs import JobRepository
from skillgap.v1 import common_pb2, job_pb2, job_pb2_grpc
from tests.support.samples import BACKEND, DATA, FRONTEND
from tests.support.services import job_catalog

Metadata = tuple[tuple[str, str], ...]


@dataclass
class Listed:
    company: str
    board: str  # the Greenhouse board most jobs come from
    other_board: str  # a Lever site with one job
    backend: str
    frontend: str
    data: str
    closed: str
    undated: str
    twin: str  # posted at the same instant as `backend`
    now: datetime


@pytest.fixture
async def listed(resources: Resources) -> Listed:
    company = f"Listco {uuid.uuid4().hex[:8]}"
    board = f"listco-{uuid.uuid4().hex[:8]}"
    other_board = f"listco-lever-{uuid.uuid4().hex[:8]}"
    catalog = job_catalog(resources)
    now = datetime.now(UTC).replace(microsecond=0)

    async def add(
        title: str, text: str, workplace: str, location: str, posted: datetime | None, *, kind: str = "greenhouse"
    ) -> str:
        posting = JobPosting(
            source_kind=kind,
            source_identifier=board if kind == "greenhouse" else other_board,
            external_id=uuid.uuid4().hex,
            title=title,
            description=text,
            company=company,
            url=f"https://boards.example/{uuid.uuid4().hex}",
            locations=(location,),
            workplace_type=workplace,
            post_time=posted,
        )
        return (await catalog.add(posting)).job_id

    backend = await add("Senior Backend Engineer", BACKEND, "remote", "Berlin, Germany", now - timedelta(days=2))
    twin = await add("Senior Backend Engineer II", BACKEND + "\nSecond team.", "remote", "Munich, Germany",
                     now - timedelta(days=2))  # fmt: skip
    frontend = await add("Frontend Engineer", FRONTEND, "onsite", "Paris, France", now - timedelta(days=3))
    data = await add("Machine Learning Engineer", DATA, "hybrid", "Berlin, Germany", now - timedelta(days=40),
                     kind="lever")  # fmt: skip
    undated = await add("Junior Frontend Engineer", FRONTEND + "\nJunior role.", "onsite", "Lyon, France", None)
    closed = await add(
        "Backend Engineer, Payments", BACKEND + "\nPayments.", "remote", "Berlin", now - timedelta(days=1)
    )
    await resources.pool.execute(
        "UPDATE jobs SET state = 'closed', close_time = now() WHERE job_id = $1", uuid.UUID(closed)
    )
    return Listed(company, board, other_board, backend, frontend, data, closed, undated, twin, now)


def listing(company: str, **fields: object) -> job_pb2.ListJobsRequest:
    filter_fields = fields.pop("filter", {})
    assert isinstance(filter_fields, dict)
    return job_pb2.ListJobsRequest(filter=job_pb2.JobFilter(companies=[company], **filter_fields), **fields)


def newest_first(listed: Listed) -> list[str]:
    """Open jobs by posting time, newest first; the two posted at the same instant by id, highest first; the
    one without a posting time last."""
    twins = sorted([listed.backend, listed.twin], key=uuid.UUID, reverse=True)
    return [*twins, listed.frontend, listed.data, listed.undated]


async def test_jobs_are_listed_newest_first_with_a_summary_each(
    channel: aio.Channel, auth: Metadata, token_for: Callable[..., str], listed: Listed
) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    reply = await stub.ListJobs(listing(listed.company), metadata=auth)
    assert [j.job_id for j in reply.jobs] == newest_first(listed)  # the closed job is left out
    assert reply.next_page_token == ""

    backend = next(j for j in reply.jobs if j.job_id == listed.backend)
    assert backend.title == "Senior Backend Engineer" and backend.company == listed.company
    assert [loc.display_name for loc in backend.locations] == ["Berlin, Germany"]
    assert backend.workplace_type == job_pb2.WORKPLACE_TYPE_REMOTE
    assert backend.seniority == common_pb2.SENIORITY_SENIOR
    assert backend.post_time.ToDatetime(tzinfo=UTC) == listed.now - timedelta(days=2)
    assert backend.source.kind == job_pb2.SOURCE_KIND_GREENHOUSE and backend.source.identifier == listed.board
    assert backend.source.external_id and backend.url.startswith("https://boards.example/")
    assert backend.state == job_pb2.JOB_STATE_OPEN
    undated = reply.jobs[-1]
    assert undated.job_id == listed.undated and not undated.HasField("post_time")

    # Jobs are shared: another user lists exactly the same jobs.
    stranger = (("authorization", f"Bearer {token_for('someone-else')}"),)
    again = await stub.ListJobs(listing(listed.company), metadata=stranger)
    assert list(again.jobs) == list(reply.jobs)


async def test_filters_narrow_the_list(channel: aio.Channel, auth: Metadata, listed: Listed) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)

    async def found(**fields: object) -> list[str]:
        reply = await stub.ListJobs(listing(listed.company, **fields), metadata=auth)
        return [j.job_id for j in reply.jobs]

    backends = sorted([listed.backend, listed.twin], key=uuid.UUID, reverse=True)
    assert await found(filter={"workplace_types": [job_pb2.WORKPLACE_TYPE_REMOTE]}) == backends
    assert await found(filter={"seniorities": [common_pb2.SENIORITY_SENIOR]}) == backends
    assert await found(filter={"required_skills": ["k8s", "Python"]}) == backends  # aliases and names work
    assert await found(filter={"required_skills": ["react"]}) == [listed.frontend, listed.undated]
    assert await found(filter={"location": "BERLIN"}) == [listed.backend, listed.data]
    assert await found(filter={"location": "germany", "posted_within_days": 7}) == backends
    assert await found(filter={"source_kinds": [job_pb2.SOURCE_KIND_LEVER]}) == [listed.data]
    assert await found(source=job_pb2.JobSource(kind=job_pb2.SOURCE_KIND_LEVER, identifier=listed.other_board)) == [
        listed.data
    ]
    assert await found(source=job_pb2.JobSource(kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier="no-such-board")) == []

    with_closed = await stub.ListJobs(listing(listed.company, filter={"include_closed": True}), metadata=auth)
    assert [j.job_id for j in with_closed.jobs] == [listed.closed, *newest_first(listed)]
    closed = with_closed.jobs[0]
    assert closed.state == job_pb2.JOB_STATE_CLOSED and closed.HasField("close_time")

    # One job by its posting id at its source.
    backend = with_closed.jobs[[j.job_id for j in with_closed.jobs].index(listed.backend)]
    assert await found(source=backend.source) == [listed.backend]


async def test_pages_follow_each_other_and_a_token_fits_only_its_request(
    channel: aio.Channel, auth: Metadata, listed: Listed
) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    pages: list[list[str]] = []
    token = ""
    while True:
        reply = await stub.ListJobs(listing(listed.company, page_size=2, page_token=token), metadata=auth)
        pages.append([j.job_id for j in reply.jobs])
        token = reply.next_page_token
        if not token:
            break
    assert [len(p) for p in pages] == [2, 2, 1]
    assert [job for page in pages for job in page] == newest_first(listed)

    first = await stub.ListJobs(listing(listed.company, page_size=2), metadata=auth)
    # The page size may change from page to page (AIP-158)...
    rest = await stub.ListJobs(listing(listed.company, page_size=10, page_token=first.next_page_token), metadata=auth)
    assert [j.job_id for j in rest.jobs] == newest_first(listed)[2:]
    # ... the filters may not.
    for request in (
        listing(listed.company, filter={"include_closed": True}, page_token=first.next_page_token),
        listing(f"{listed.company} (another)", page_token=first.next_page_token),
        listing(listed.company, page_token="bm90LWEtdG9rZW4"),
    ):
        with pytest.raises(aio.AioRpcError) as err:
            await stub.ListJobs(request, metadata=auth)
        assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert "page_token" in (err.value.details() or "")


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"filter": {"companies": [f"c{i}" for i in range(51)]}}, "filter.companies: at most 50 values, got 51"),
        ({"filter": {"required_skills": ["python"] * 51}}, "filter.required_skills: at most 50 values"),
        ({"filter": {"location": "x" * 201}}, "filter.location: at most 200 characters"),
        ({"filter": {"posted_within_days": 3651}}, "filter.posted_within_days: must be 0 (any time) to 3650 days"),
        ({"filter": {"required_skills": ["basket weaving"]}}, "not a skill SkillGap knows"),
        ({"filter": {"location": "Ber\x00lin"}}, "filter.location"),
        ({"page_size": -1}, "page_size"),
        ({"run_id": "run-1"}, "run_id must be a UUID"),
        ({"source": {"identifier": "acme"}}, "source.kind"),
        ({"source": {"kind": job_pb2.SOURCE_KIND_GREENHOUSE, "external_id": "42"}}, "source.identifier"),
        ({"source": {"kind": 99}}, "source.kind"),
        (
            {"source": {"kind": job_pb2.SOURCE_KIND_JOB_PAGE, "identifier": "https://x.example/" + "a" * 2048}},
            "source.identifier: at most 2048 characters",
        ),
    ],
)
async def test_requests_beyond_the_limits_are_invalid_argument_naming_field_and_limit(
    channel: aio.Channel, auth: Metadata, fields: dict[str, object], words: str
) -> None:
    fields = dict(fields)
    filters = fields.pop("filter", {})
    source = fields.pop("source", None)
    assert isinstance(filters, dict)
    request = job_pb2.ListJobsRequest(filter=job_pb2.JobFilter(**filters), **fields)  # type: ignore[arg-type]
    if isinstance(source, dict):
        request.source.CopyFrom(job_pb2.JobSource(**source))
    with pytest.raises(aio.AioRpcError) as err:
        await job_pb2_grpc.JobServiceStub(channel).ListJobs(request, metadata=auth)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert words in (err.value.details() or "")


async def test_page_size_is_capped_at_100_and_an_unknown_run_is_not_found(
    channel: aio.Channel, auth: Metadata, resources: Resources
) -> None:
    # 101 jobs of one company, stored as they are (ListJobs reads PostgreSQL only).
    company = f"Bigco {uuid.uuid4().hex[:8]}"
    jobs = JobRepository(resources.pool)
    for n in range(101):
        posting = JobPosting(
            source_kind="greenhouse",
            source_identifier=company,
            external_id=str(n),
            title=f"Engineer {n}",
            description="Build things.",
            company=company,
            post_time=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n),
        )
        await jobs.upsert(posting, JobSkills(), "test")
    stub = job_pb2_grpc.JobServiceStub(channel)
    reply = await stub.ListJobs(listing(company, page_size=100_000), metadata=auth)
    assert [j.title for j in reply.jobs] == [f"Engineer {n}" for n in range(100, 0, -1)]
    rest = await stub.ListJobs(listing(company, page_token=reply.next_page_token), metadata=auth)
    assert [j.title for j in rest.jobs] == ["Engineer 0"] and rest.next_page_token == ""

    with pytest.raises(aio.AioRpcError) as err:
        await stub.ListJobs(job_pb2.ListJobsRequest(run_id=str(uuid.uuid4())), metadata=auth)
    assert err.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(aio.AioRpcError) as err:
        await stub.ListJobs(job_pb2.ListJobsRequest())
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.rest
async def test_listing_over_rest(gateway_url: str, token_for: Callable[..., str], user_id: str, listed: Listed) -> None:
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers) as client:
        seen: list[str] = []
        params: dict[str, str | int] = {"filter.companies": listed.company, "page_size": 3}
        first = await client.get("/api/jobs", params=params)
        assert first.status_code == 200, first.text
        body = first.json()
        seen += [j["job_id"] for j in body["jobs"]]
        assert body["jobs"][0]["workplace_type"] == "WORKPLACE_TYPE_REMOTE"
        assert body["jobs"][0]["state"] == "JOB_STATE_OPEN" and body["jobs"][0]["seniority"] == "SENIORITY_SENIOR"
        second = await client.get("/api/jobs", params={**params, "page_token": body["next_page_token"]})
        assert second.status_code == 200, second.text
        seen += [j["job_id"] for j in second.json()["jobs"]]
        assert seen == newest_first(listed) and second.json()["next_page_token"] == ""

        remote = await client.get(
            "/api/jobs",
            params=[("filter.companies", listed.company), ("filter.workplace_types", "WORKPLACE_TYPE_REMOTE"),
                    ("filter.location", "berlin")],
        )  # fmt: skip
        assert [j["job_id"] for j in remote.json()["jobs"]] == [listed.backend]
        by_source = await client.get(
            "/api/jobs", params={"source.kind": "SOURCE_KIND_LEVER", "source.identifier": listed.other_board}
        )
        assert [j["job_id"] for j in by_source.json()["jobs"]] == [listed.data]

        misused = await client.get(
            "/api/jobs", params={"filter.companies": "someone else", "page_token": body["next_page_token"]}
        )
        assert misused.status_code == 400 and "page_token" in misused.json()["message"]
        too_many = await client.get("/api/jobs", params=[("filter.companies", f"c{i}") for i in range(51)])
        assert too_many.status_code == 400
        assert "filter.companies: at most 50 values" in too_many.json()["message"]
        unknown_run = await client.get("/api/jobs", params={"run_id": str(uuid.uuid4())})
        assert unknown_run.status_code == 404
    async with httpx.AsyncClient(base_url=gateway_url) as anonymous:
        assert (await anonymous.get("/api/jobs")).status_code == 401

"""Every source kind through the whole scrape pipeline, as users see the result.

An admin triggers a run over gRPC; a real arq worker (burst mode) fetches the source from a local board
server on 127.0.0.1 (``tests.support.boards``) through the real fetcher, normalizes, dedupes, extracts skills,
embeds with the real model and stores in PostgreSQL and the vector index. The tests then read what a user
reads: the run's status and counts (``GetScrapeStatus``), the jobs (``GetJob``, ``GetJobSkills``) and the
vector index's payload that search filters on. A second scrape of the same board changes nothing; a posting
taken off its board is closed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from grpc import aio

from skillgap.resources import Resources
from skillgap.scraping.sources import SOURCES, LeverSource, SmartRecruitersSource
from skillgap.v1 import job_pb2, job_pb2_grpc, scrape_pb2, scrape_pb2_grpc
from tests.scraping.board_standins import new_tag
from tests.support.boards import (
    LocalBoards,
    ashby_board,
    fallback_page,
    greenhouse_board,
    json_ld_page,
    lever_postings,
    smartrecruiters_company,
    workable_account,
)
from tests.support.scraping import admin, jobs_of, run_worker


class _LeverTwoPerPage(LeverSource):
    def __init__(self, identifier: str, base_url: str | None = None) -> None:
        super().__init__(identifier, base_url, page_size=2)


class _SmartRecruitersTwoPerPage(SmartRecruitersSource):
    def __init__(self, identifier: str, base_url: str | None = None) -> None:
        super().__init__(identifier, base_url, page_size=2)


@pytest.fixture(autouse=True)
def two_postings_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The paged sources ask for two postings a page, so the worker pages through three postings."""
    monkeypatch.setitem(SOURCES, "lever", _LeverTwoPerPage)
    monkeypatch.setitem(SOURCES, "smartrecruiters", _SmartRecruitersTwoPerPage)


# --- What each board lists, and what users should see of it -------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """One stored job as a user should see it."""

    title: str
    locations: tuple[str, ...]
    workplace: str
    employment: str
    post_time: datetime | None
    url: str
    description: tuple[str, ...]
    """The description's lines: all of them, or (``whole_description=False``) lines it must contain."""
    salary: tuple[float, float, str, str] | None = None
    skills: frozenset[str] = frozenset()
    whole_description: bool = True


@dataclass
class Listing:
    """A board set up on the local server for one test, and what scraping it must give."""

    kind: str
    source: scrape_pb2.ScrapeSource
    company: str
    jobs: dict[str, Expected]
    """By external id."""
    requests: list[str]
    """What one scrape asks the board for, in order (path and query)."""
    marker: str
    """A string in every one of this board's request paths."""
    removed: str
    """The external id of the posting `remove` takes off the board."""
    remove: Callable[[], None]


def _source(kind: str, identifier: str, base_url: str = "") -> scrape_pb2.ScrapeSource:
    return scrape_pb2.ScrapeSource(
        kind=job_pb2.SourceKind.Value(f"SOURCE_KIND_{kind.upper()}"), identifier=identifier, base_url=base_url
    )


BACKEND_LINES = (
    "Acme Robotics builds warehouse robots & the software that runs them.",
    "What you'll do",
    "- Design and build APIs in Python",
    "- Own our PostgreSQL & Redis data layer",
    "What you bring",
    "- 5+ years with Python and asyncio",
    "- Experience with Kubernetes",
    "We offer equity and a learning budget.",
)
BACKEND_SKILLS = frozenset({"python", "postgresql", "redis", "kubernetes"})
USD_160_210_YEAR = (160000.0, 210000.0, "USD", "year")


def greenhouse(boards: LocalBoards, tag: str) -> Listing:
    board = f"acme-{tag}"
    boards.greenhouse[board] = greenhouse_board(board)

    def remove() -> None:
        payload = boards.greenhouse[board]
        payload["jobs"] = [job for job in payload["jobs"] if job.get("id") != 4012399]
        payload["meta"]["total"] = 1

    return Listing(
        kind="greenhouse",
        source=_source("greenhouse", board, boards.api("greenhouse")),
        company=f"Acme {tag}",
        jobs={
            "4012345": Expected(
                title="Senior Backend Engineer",
                locations=("San Francisco, CA",),
                workplace="hybrid",
                employment="full_time",
                post_time=datetime(2024, 2, 28, 14, 0, tzinfo=UTC),
                url=f"https://boards.greenhouse.io/{board}/jobs/4012345",
                description=BACKEND_LINES,
                salary=USD_160_210_YEAR,
                skills=BACKEND_SKILLS,
            ),
            "4012399": Expected(
                title="Data Analyst & Reporting",
                locations=("Remote - US",),
                workplace="remote",
                employment="unspecified",
                post_time=datetime(2024, 3, 1, 10, 0, tzinfo=UTC),
                url=f"https://boards.greenhouse.io/{board}/jobs/4012399",
                description=("Turn data into decisions.",),
            ),
        },
        requests=[f"/greenhouse/v1/boards/{board}/jobs?content=true"],
        marker=board,
        removed="4012399",
        remove=remove,
    )


def lever(boards: LocalBoards, tag: str) -> Listing:
    site = f"acme-{tag}"
    boards.lever[site] = lever_postings(site)
    support = "b1f1c3d2-0000-4c1e-9a55-1a2b3c4d5e6f"

    def remove() -> None:  # from the first page: the second page is then empty
        boards.lever[site] = [posting for posting in boards.lever[site] if posting["id"] != support]

    return Listing(
        kind="lever",
        source=_source("lever", site, boards.api("lever")),
        company=f"Acme {tag}",  # Lever names no company: the site's name
        jobs={
            "5ac21346-8e0c-4494-8e7a-3eb92ff77902": Expected(
                title="Senior Backend Engineer",
                locations=("San Francisco, CA", "New York, NY"),
                workplace="hybrid",
                employment="full_time",
                post_time=datetime(2024, 2, 28, 14, 0, tzinfo=UTC),
                url=f"https://jobs.lever.co/{site}/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
                description=BACKEND_LINES,
                salary=USD_160_210_YEAR,
                skills=BACKEND_SKILLS,
            ),
            support: Expected(
                title="Support Specialist (Contract)",
                locations=("Remote",),
                workplace="remote",
                employment="contract",
                post_time=datetime(2024, 2, 1, tzinfo=UTC),
                url=f"https://jobs.lever.co/{site}/{support}",
                description=("Help customers succeed.", "Answer tickets."),
                salary=(30.0, 45.0, "EUR", "hour"),
            ),
            "c9e8d7c6-1111-4d2e-8b66-6f5e4d3c2b1a": Expected(
                title="Mechanical Engineering Intern",
                locations=("Berlin, Germany",),
                workplace="onsite",
                employment="internship",
                post_time=datetime(2024, 1, 1, tzinfo=UTC),
                url=f"https://jobs.lever.co/{site}/c9e8d7c6-1111-4d2e-8b66-6f5e4d3c2b1a",
                description=("Build robot arms.",),
            ),
        },
        requests=[
            f"/lever/v0/postings/{site}?mode=json&skip=0&limit=2",
            f"/lever/v0/postings/{site}?mode=json&skip=2&limit=2",
        ],
        marker=site,
        removed=support,
        remove=remove,
    )


def ashby(boards: LocalBoards, tag: str) -> Listing:
    board = f"acme-{tag}"
    boards.ashby[board] = ashby_board(board)
    office = "11111111-2222-3333-4444-555555555555"

    def remove() -> None:
        payload = boards.ashby[board]
        payload["jobs"] = [job for job in payload["jobs"] if job["id"] != office]

    return Listing(
        kind="ashby",
        source=_source("ashby", board, boards.api("ashby")),
        company=f"Acme {tag}",  # the board names no organization: the board's name
        jobs={
            "0c7b5a2e-7f43-4c4b-9d1e-8a6f2b3c4d5e": Expected(
                title="Machine Learning Engineer",
                locations=("Remote (US)", "New York"),
                workplace="remote",
                employment="full_time",
                post_time=datetime(2024, 3, 4, 17, 45, 12, 123000, tzinfo=UTC),
                url=f"https://jobs.ashbyhq.com/{board}/0c7b5a2e-7f43-4c4b-9d1e-8a6f2b3c4d5e",
                description=("Train and ship models.", "You have", "- PyTorch", "- MLOps experience"),
                salary=(180000.0, 230000.0, "USD", "year"),
                skills=frozenset({"pytorch", "mlops"}),
            ),
            office: Expected(
                title="Office Manager",
                locations=("London",),
                workplace="onsite",
                employment="part_time",
                post_time=datetime(2024, 2, 1, 8, 0, tzinfo=UTC),
                url=f"https://jobs.ashbyhq.com/{board}/{office}",
                description=("Run our London office.",),
            ),
            # The third job is unlisted: not a posting at all.
        },
        requests=[f"/ashby/posting-api/job-board/{board}?includeCompensation=true"],
        marker=board,
        removed=office,
        remove=remove,
    )


def workable(boards: LocalBoards, tag: str) -> Listing:
    slug = f"acme-{tag}"
    company = f"Acme Robotics {tag}"
    boards.workable[slug] = workable_account(slug, company)

    def remove() -> None:
        payload = boards.workable[slug]
        payload["jobs"] = [job for job in payload["jobs"] if job["shortcode"] != "Z9Y8X7W6V5"]

    return Listing(
        kind="workable",
        source=_source("workable", slug, boards.api("workable")),
        company=company,
        jobs={
            "A1B2C3D4E5": Expected(
                title="DevOps Engineer",
                locations=("Berlin, Germany", "Amsterdam, Netherlands"),
                workplace="remote",
                employment="full_time",
                post_time=datetime(2024, 3, 2, tzinfo=UTC),
                url=f"https://apply.workable.com/{slug}/j/A1B2C3D4E5",
                # "&lt;Terraform&gt;" in the HTML is the text "<Terraform>", not a tag.
                description=("Run <Terraform> & Kubernetes.", "- On-call rotation"),
                skills=frozenset({"terraform", "kubernetes"}),
            ),
            "Z9Y8X7W6V5": Expected(
                title="Sales Intern",
                locations=("London, England, United Kingdom",),
                workplace="onsite",
                employment="internship",
                post_time=datetime(2024, 1, 15, tzinfo=UTC),
                url=f"https://apply.workable.com/{slug}/j/Z9Y8X7W6V5",
                description=("Learn B2B sales.",),
            ),
        },
        requests=[f"/workable/api/v1/widget/accounts/{slug}?details=true"],
        marker=slug,
        removed="Z9Y8X7W6V5",
        remove=remove,
    )


SMARTRECRUITERS_LINES = (
    "Company Description",
    "Acme builds robots.",
    "Job Description",
    "Write tests & tooling.",
    "- Selenium",
    "- Playwright",
    "Qualifications",
    "- 3+ years QA",
)


def smartrecruiters(boards: LocalBoards, tag: str) -> Listing:
    identifier = f"Acme{tag}"
    company = f"Acme Robotics {tag}"
    boards.smartrecruiters[identifier] = smartrecruiters_company(identifier, company)
    qa, technician, recruiter = "744000012345678", "744000012345679", "744000012345680"
    released = datetime(2024, 3, 3, 12, 30, 45, 123000, tzinfo=UTC)

    def remove() -> None:  # from the first page: the listing then fits on one page
        listed = boards.smartrecruiters[identifier]
        listed.summaries = [summary for summary in listed.summaries if summary["id"] != technician]
        del listed.details[technician]

    def posting_url(posting_id: str) -> str:  # the board's tracking parameter dropped, its own one kept
        return f"https://jobs.smartrecruiters.com/{identifier}/{posting_id}-role?trid=abc"

    postings = f"/smartrecruiters/v1/companies/{identifier}/postings"
    return Listing(
        kind="smartrecruiters",
        source=_source("smartrecruiters", identifier, boards.api("smartrecruiters")),
        company=company,
        jobs={
            qa: Expected(
                title="QA Automation Engineer",
                locations=("Austin, TX, US",),
                workplace="onsite",
                employment="full_time",
                post_time=released,
                url=posting_url(qa),
                description=SMARTRECRUITERS_LINES,
                skills=frozenset({"selenium", "playwright"}),
            ),
            technician: Expected(
                title="Field Technician",
                locations=("Denver, CO, US",),
                workplace="hybrid",
                employment="temporary",
                post_time=released,
                url=posting_url(technician),
                description=SMARTRECRUITERS_LINES,
                skills=frozenset({"selenium", "playwright"}),
            ),
            recruiter: Expected(
                title="Remote Recruiter",
                locations=("Canada (Remote)",),
                workplace="remote",
                employment="part_time",
                post_time=released,
                url=posting_url(recruiter),
                description=SMARTRECRUITERS_LINES,
                skills=frozenset({"selenium", "playwright"}),
            ),
        },
        requests=[
            f"{postings}?limit=2&offset=0",
            f"{postings}/{qa}",
            f"{postings}/{technician}",
            f"{postings}?limit=2&offset=2",
            f"{postings}/{recruiter}",
        ],
        marker=identifier,
        removed=technician,
        remove=remove,
    )


def job_page_json_ld(boards: LocalBoards, tag: str) -> Listing:
    path = f"/pages/{tag}/staff-data-engineer"
    company = f"Globex Corporation {tag}"
    boards.pages[path] = json_ld_page(company, f"staff-data-engineer-{tag}")
    page_url = boards.page_url(f"{path}?utm_source=indeed&ref=feed")

    def remove() -> None:  # the page is gone: 404
        del boards.pages[path]

    return Listing(
        kind="job_page",
        source=_source("job_page", page_url),
        company=company,
        jobs={
            "GX-2024-17": Expected(
                title="Staff Data Engineer",
                locations=("Chicago, IL, US", "Toronto, ON, CA"),
                workplace="remote",
                employment="full_time",
                post_time=datetime(2024, 3, 1, 7, 0, tzinfo=UTC),
                # The posting's own URL from its JSON-LD, without tracking parameters.
                url=f"https://careers.globex.example/jobs/staff-data-engineer-{tag}",
                description=("Build our lakehouse.", "- Spark & dbt"),
                salary=(190000.0, 240000.0, "USD", "year"),
                skills=frozenset({"spark", "dbt"}),
            )
        },
        requests=[f"{path}?utm_source=indeed&ref=feed"],
        marker=tag,
        removed="GX-2024-17",
        remove=remove,
    )


def job_page_fallback(boards: LocalBoards, tag: str) -> Listing:
    old, path = f"/pages/{tag}/frontend", f"/pages/{tag}/frontend-developer"
    site_name = f"Initech Careers {tag}"
    boards.pages[path] = fallback_page(site_name)
    boards.redirects[old] = f"{path}?gh_src=abc#top"
    url = boards.page_url(path)  # where the redirect led, without tracking parameters

    def remove() -> None:  # the page is gone: 404
        del boards.redirects[old]
        del boards.pages[path]

    return Listing(
        kind="job_page",
        source=_source("job_page", boards.page_url(f"{old}?gh_src=abc")),
        company=site_name,
        jobs={
            url: Expected(
                title="Frontend Developer (React)",
                locations=(),
                workplace="unspecified",
                employment="unspecified",
                post_time=None,
                url=url,
                description=(
                    "Initech is looking for a frontend developer to build the next generation of our TPS report "
                    "tooling. You will work closely with designers and backend engineers to ship accessible, "
                    "fast interfaces.",
                    "Responsibilities",
                    "- Build React components with TypeScript and write thorough unit tests for them.",
                    "- Review code and mentor junior engineers on frontend best practices every week.",
                    "Requirements",
                ),
                whole_description=False,
                skills=frozenset({"react", "typescript", "css", "graphql"}),
            )
        },
        requests=[f"{old}?gh_src=abc", f"{path}?gh_src=abc"],
        marker=tag,
        removed=url,
        remove=remove,
    )


CASES: dict[str, Callable[[LocalBoards, str], Listing]] = {
    "greenhouse": greenhouse,
    "lever": lever,
    "ashby": ashby,
    "workable": workable,
    "smartrecruiters": smartrecruiters,
    "job_page_json_ld": job_page_json_ld,
    "job_page_fallback": job_page_fallback,
}


# --- Helpers -------------------------------------------------------------------------------------------------


@dataclass
class Pipeline:
    """Triggers scrapes over gRPC as an admin, runs the worker, and reads runs and jobs as users do."""

    channel: aio.Channel
    token_for: Callable[..., str]
    auth: Any
    resources: Resources
    redis_url: str
    queue_name: str

    async def scrape(self, source: scrape_pb2.ScrapeSource) -> scrape_pb2.SourceProgress:
        """Trigger a run of `source`, let a real worker do it, and return the source's progress; the run
        must be finished and have the source's state."""
        stub = scrape_pb2_grpc.ScrapeServiceStub(self.channel)
        reply = await stub.TriggerScrape(
            scrape_pb2.TriggerScrapeRequest(sources=[source]), metadata=admin(self.token_for)
        )
        assert reply.run.state == scrape_pb2.SCRAPE_STATE_QUEUED
        await run_worker(self.resources, self.redis_url, self.queue_name)
        status = await stub.GetScrapeStatus(
            scrape_pb2.GetScrapeStatusRequest(run_id=reply.run.run_id), metadata=admin(self.token_for)
        )
        (run,) = status.runs
        (progress,) = run.sources
        assert run.state == progress.state, run
        assert run.HasField("finish_time") and progress.HasField("finish_time"), run
        assert run.totals == progress.counts
        return progress

    async def job(self, job_id: str) -> job_pb2.Job:
        stub = job_pb2_grpc.JobServiceStub(self.channel)
        return (await stub.GetJob(job_pb2.GetJobRequest(job_id=job_id), metadata=self.auth)).job

    async def skill_ids(self, job_id: str) -> set[str]:
        stub = job_pb2_grpc.JobServiceStub(self.channel)
        reply = await stub.GetJobSkills(job_pb2.GetJobSkillsRequest(job_id=job_id), metadata=self.auth)
        assert reply.job_id == job_id
        return {s.skill.skill_id for s in (*reply.skills.required_skills, *reply.skills.nice_to_have_skills)}


@pytest.fixture
def pipeline(
    channel: aio.Channel,
    token_for: Callable[..., str],
    auth: Any,
    resources: Resources,
    redis_url: str,
    queue_name: str,
) -> Pipeline:
    return Pipeline(channel, token_for, auth, resources, redis_url, queue_name)


def counts(progress: scrape_pb2.SourceProgress) -> dict[str, int]:
    c = progress.counts
    return {
        "fetched": c.fetched,
        "created": c.created,
        "updated": c.updated,
        "unchanged": c.unchanged,
        "closed": c.closed,
        "failed": c.failed,
    }


def expect_counts(*, fetched: int, created: int = 0, unchanged: int = 0, closed: int = 0) -> dict[str, int]:
    return {"fetched": fetched, "created": created, "updated": 0, "unchanged": unchanged, "closed": closed, "failed": 0}


_MARKUP = re.compile(r"</?\s*(p|div|span|ul|ol|li|b|strong|em|i|br|h[1-6]|a|script|style|meta|title|html|body)\b", re.I)


def assert_clean(text: str) -> None:
    """No tags, entities or script/style/tracker content in a stored description."""
    assert not _MARKUP.search(text), text
    for bad in ("&lt;", "&gt;", "&amp;", "&nbsp;", "&#", "&quot;", "\xa0"):
        assert bad not in text, (bad, text)
    for junk in ("trackApply", "do-not-show", "dataLayer", "color: red", "© Initech"):
        assert junk not in text, (junk, text)


def assert_shows(job: job_pb2.Job, listing: Listing, external_id: str, expected: Expected) -> None:
    where = f"{listing.kind} posting {external_id}"
    assert job.title == expected.title, where
    assert job.company == listing.company, where
    assert (job.source.kind, job.source.identifier, job.source.external_id) == (
        listing.source.kind,
        listing.source.identifier,
        external_id,
    ), where
    assert [location.display_name for location in job.locations] == list(expected.locations), where
    assert job.workplace_type == job_pb2.WorkplaceType.Value(f"WORKPLACE_TYPE_{expected.workplace.upper()}"), where
    assert job.employment_type == job_pb2.EmploymentType.Value(f"EMPLOYMENT_TYPE_{expected.employment.upper()}"), where
    if expected.salary is None:
        assert not job.HasField("salary"), where
    else:
        low, high, currency, interval = expected.salary
        assert (job.salary.min_amount, job.salary.max_amount, job.salary.currency, job.salary.interval) == (
            low,
            high,
            currency,
            job_pb2.SalaryInterval.Value(f"SALARY_INTERVAL_{interval.upper()}"),
        ), where
    if expected.post_time is None:
        assert not job.HasField("post_time"), where
    else:
        assert job.post_time.ToDatetime(tzinfo=UTC) == expected.post_time, where
    assert job.url == expected.url, where
    lines = job.description.splitlines()
    if expected.whole_description:
        assert lines == list(expected.description), where
    else:
        missing = [line for line in expected.description if line not in lines]
        assert not missing, (where, missing, job.description)
    assert_clean(job.description)
    assert job.state == job_pb2.JOB_STATE_OPEN and not job.HasField("close_time"), where


def _kinds() -> list[Any]:
    return [pytest.param(case, id=case) for case in CASES]


# --- Tests ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", _kinds())
async def test_a_scrape_stores_every_posting_as_users_see_it(
    case: str, pipeline: Pipeline, boards: LocalBoards, resources: Resources
) -> None:
    listing = CASES[case](boards, new_tag())
    progress = await pipeline.scrape(listing.source)

    assert progress.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED, progress
    assert progress.error_message == ""
    total = len(listing.jobs)
    assert counts(progress) == expect_counts(fetched=total, created=total)
    # The worker asked the board for exactly its pages (and details), once each.
    assert boards.take_requests(listing.marker) == listing.requests

    stored = await jobs_of(resources, listing.kind, listing.source.identifier)
    assert set(stored) == set(listing.jobs)
    for external_id, expected in listing.jobs.items():
        job_id, _ = stored[external_id]
        assert_shows(await pipeline.job(job_id), listing, external_id, expected)
        found = await pipeline.skill_ids(job_id)
        assert expected.skills <= found, (external_id, sorted(found))
        # Search sees the job: it is in the vector index, open, with the facts search filters on.
        indexed = await resources.vectors.get_job_payload(job_id)
        assert indexed is not None, external_id
        assert indexed["state"] == "open" and indexed["source_kind"] == listing.kind
        assert indexed["company"] == listing.company
        assert indexed["locations"] == list(expected.locations)
        assert (indexed["workplace_type"], indexed["employment_type"]) == (expected.workplace, expected.employment)
        skill_ids = indexed["skill_ids"]
        assert isinstance(skill_ids, list) and expected.skills <= set(skill_ids), (external_id, skill_ids)


@pytest.mark.parametrize("case", _kinds())
async def test_a_rescrape_changes_nothing_and_a_posting_taken_off_the_board_is_closed(
    case: str, pipeline: Pipeline, boards: LocalBoards, resources: Resources, embed_calls: list[str]
) -> None:
    listing = CASES[case](boards, new_tag())
    total = len(listing.jobs)
    first = await pipeline.scrape(listing.source)
    assert counts(first) == expect_counts(fetched=total, created=total), first
    stored = await jobs_of(resources, listing.kind, listing.source.identifier)
    assert len(stored) == total

    embed_calls.clear()
    again = await pipeline.scrape(listing.source)
    assert again.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED, again
    assert counts(again) == expect_counts(fetched=total, unchanged=total)
    assert embed_calls == []  # nothing embedded again
    assert await jobs_of(resources, listing.kind, listing.source.identifier) == stored

    listing.remove()
    after = await pipeline.scrape(listing.source)
    assert (after.state, counts(after)) == (
        scrape_pb2.SCRAPE_STATE_SUCCEEDED,
        expect_counts(fetched=total - 1, unchanged=total - 1, closed=1),
    ), f"{listing.kind} posting {listing.removed} taken off its board was not closed: {after}"
    assert embed_calls == []
    for external_id, (job_id, _) in stored.items():
        job = await pipeline.job(job_id)
        indexed = await resources.vectors.get_job_payload(job_id)
        assert indexed is not None
        if external_id == listing.removed:
            assert job.state == job_pb2.JOB_STATE_CLOSED and job.HasField("close_time"), job
            assert indexed["state"] == "closed"
        else:
            assert job.state == job_pb2.JOB_STATE_OPEN and not job.HasField("close_time"), job
            assert indexed["state"] == "open"

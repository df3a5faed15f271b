"""Every job-board source of issue 19 through the whole scrape pipeline, as the company boards are in
test_pipeline_sources.py: an admin triggers a run over gRPC, a real arq worker (burst mode) fetches the board's
local stand-in (tests/scraping/board_standins.py) through the real fetcher and stores the postings in PostgreSQL
and the vector index; the test reads what users read (GetScrapeStatus, GetJob, the search index's payload). A
second scrape changes nothing; a posting taken off its board is closed. LinkedIn and Indeed fail at once without
a request, and ListScrapeSources says why."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from grpc import aio

from skillgap.resources import Resources
from skillgap.v1 import job_pb2, job_pb2_grpc, scrape_pb2, scrape_pb2_grpc
from tests.scraping import board_standins as standins
from tests.scraping.board_standins import JobBoards, new_tag
from tests.support.scraping import admin, jobs_of, run_worker


@pytest.fixture(scope="module")
def job_boards() -> Iterator[JobBoards]:
    with standins.serving() as served:
        yield served


@dataclass(frozen=True)
class Seen:
    """One stored job as a user should see it (the fields job boards add, and the ones they fill differently)."""

    title: str
    company: str
    workplace: str
    remote_region: str = ""
    tags: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    salary: tuple[float, float, str, str] | None = None
    url: str = ""


@dataclass
class Board:
    kind: str
    source: scrape_pb2.ScrapeSource
    jobs: dict[str, Seen]
    """By external id."""
    removed: str
    remove: Callable[[], None]
    marker: str
    requests: int
    """How many requests one scrape makes."""
    extra: dict[str, Any] = field(default_factory=dict)


def _source(kind: str, identifier: str, base_url: str) -> scrape_pb2.ScrapeSource:
    return scrape_pb2.ScrapeSource(
        kind=job_pb2.SourceKind.Value(f"SOURCE_KIND_{kind.upper()}"), identifier=identifier, base_url=base_url
    )


def hackernews(boards: JobBoards, tag: str) -> Board:
    board = standins.hackernews_board(tag)
    boards.hackernews[tag] = board

    def comment(number: int) -> int:
        return standins.hn_comment_id(tag, number)

    goody = board.items[comment(3)]
    assert goody is not None
    # Posted ten minutes ago: a settled comment is not read again (hackernews.SETTLE_AGE_SECONDS), a fresh one is.
    goody["time"] = int(time.time()) - 600

    def remove() -> None:  # moderators flag Goody's comment: it is dead
        goody["dead"] = True

    galaxy = f"Galaxy {tag}"
    return Board(
        kind="hackernews",
        source=_source("hackernews", tag, boards.api("hackernews", tag)),
        jobs={
            f"{comment(1)}:founding-sr-backend-engineer": Seen(
                "Founding Sr Backend Engineer",
                f"Neon Health {tag}",
                "remote",
                remote_region="North America",
                locations=("SF",),
                salary=(170000.0, 225000.0, "USD", "year"),
                url=f"https://news.ycombinator.com/item?id={comment(1)}",
            ),
            f"{comment(2)}:founding-frontend-engineer": Seen(
                "Founding Frontend Engineer", galaxy, "unspecified", locations=("NYC, NY",)
            ),  # fmt: skip
            f"{comment(2)}:founding-backend-engineer": Seen(
                "Founding Backend Engineer", galaxy, "unspecified", locations=("NYC, NY",)
            ),  # fmt: skip
            f"{comment(3)}": Seen(
                f"Open roles at Goody {tag}", f"Goody {tag}", "remote", salary=(170000.0, 230000.0, "USD", "year")
            ),  # fmt: skip
        },
        removed=f"{comment(3)}",
        remove=remove,
        marker=f"/hackernews/{tag}/",
        requests=8,  # the thread and its 7 comments
    )


def remoteok(boards: JobBoards, tag: str) -> Board:
    boards.remoteok[tag] = standins.remoteok_jobs(tag)

    def remove() -> None:
        boards.remoteok[tag] = [job for job in boards.remoteok[tag] if job.get("id") != f"1093002{tag}"]

    return Board(
        kind="remoteok",
        source=_source("remoteok", standins.identifier("remoteok", tag), boards.api("remoteok", tag)),
        jobs={
            f"1093001{tag}": Seen(
                "Senior Python Engineer",
                f"Acme Cloud {tag}",
                "remote",
                remote_region="Worldwide",
                tags=("python", "backend", "senior", "postgresql", f"t{tag}"),
                salary=(120000.0, 160000.0, "USD", "year"),
                url=f"https://remoteok.com/remote-jobs/remote-senior-python-engineer-acme-1093001-{tag}",
            ),
            f"1093002{tag}": Seen("Product Designer", f"Globex {tag}", "remote", tags=("design", "figma", f"t{tag}")),
        },
        removed=f"1093002{tag}",
        remove=remove,
        marker=f"/remoteok/{tag}/",
        requests=1,
    )


def remotive(boards: JobBoards, tag: str) -> Board:
    boards.remotive[tag] = standins.remotive_jobs(tag)

    def remove() -> None:
        payload = boards.remotive[tag]
        payload["jobs"] = [job for job in payload["jobs"] if job["id"] != int(f"2001002{tag}")]

    return Board(
        kind="remotive",
        source=_source("remotive", standins.identifier("remotive", tag), boards.api("remotive", tag)),
        jobs={
            f"2001001{tag}": Seen(
                "Backend Engineer (Go)",
                f"Initech {tag}",
                "remote",
                remote_region="Europe",
                tags=(f"Cat {tag}", "go", "kubernetes", "aws"),
                salary=(70000.0, 90000.0, "EUR", "year"),
            ),
            f"2001002{tag}": Seen(
                "Data Analyst", f"Hooli {tag}", "remote", remote_region="USA Only", tags=(f"Cat {tag}",)
            ),  # fmt: skip
        },
        removed=f"2001002{tag}",
        remove=remove,
        marker=f"/remotive/{tag}/",
        requests=1,
    )


def arbeitnow(boards: JobBoards, tag: str) -> Board:
    boards.arbeitnow[tag] = standins.arbeitnow_pages(tag)

    def remove() -> None:  # the second page empties; the first still links to it
        boards.arbeitnow[tag][1] = []

    return Board(
        kind="arbeitnow",
        source=_source("arbeitnow", standins.identifier("arbeitnow", tag), boards.api("arbeitnow", tag)),
        jobs={
            f"devops-engineer-berlin-umbrella-267001-{tag}": Seen(
                "DevOps Engineer (m/w/d)",
                f"Umbrella GmbH {tag}",
                "onsite",
                tags=("DevOps", "IT", f"t{tag}"),
                locations=("Berlin",),
            ),  # fmt: skip
            f"frontend-developer-remote-initrode-267002-{tag}": Seen(
                "Frontend Developer",
                f"Initrode AG {tag}",
                "remote",
                tags=("Frontend", f"t{tag}"),
                locations=("Munich",),
            ),  # fmt: skip
            f"werkstudent-data-267003-{tag}": Seen(
                "Werkstudent Data Science",
                f"Vandelay Industries {tag}",
                "onsite",
                tags=(f"t{tag}",),
                locations=("Hamburg",),
            ),  # fmt: skip
        },
        removed=f"werkstudent-data-267003-{tag}",
        remove=remove,
        marker=f"/arbeitnow/{tag}/",
        requests=2,
    )


def himalayas(boards: JobBoards, tag: str) -> Board:
    boards.himalayas[tag] = standins.himalayas_jobs(tag)
    removed = f"companies/hooli/jobs/machine-learning-engineer-{tag}"

    def remove() -> None:
        boards.himalayas[tag] = [job for job in boards.himalayas[tag] if not job["guid"].endswith(removed)]

    return Board(
        kind="himalayas",
        source=_source("himalayas", standins.identifier("himalayas", tag), boards.api("himalayas", tag)),
        jobs={
            f"companies/pied-piper/jobs/senior-rust-engineer-{tag}": Seen(
                "Senior Rust Engineer",
                f"Pied Piper {tag}",
                "remote",
                remote_region="United States, Canada",
                tags=("Software Engineering", "Rust Engineer", "Backend Engineer", f"T{tag}"),
                salary=(150000.0, 190000.0, "USD", "year"),
            ),
            f"companies/dunder-mifflin/jobs/customer-success-manager-{tag}": Seen(
                "Customer Success Manager", f"Dunder Mifflin {tag}", "remote", tags=(f"T{tag}",)
            ),
            removed: Seen(
                "Machine Learning Engineer",
                f"Hooli {tag}",
                "remote",
                remote_region="Germany",
                tags=("Machine Learning Engineer", f"T{tag}"),
                salary=(90.0, 120.0, "EUR", "hour"),
            ),
        },
        removed=removed,
        remove=remove,
        marker=f"/himalayas/{tag}/",
        requests=1,
    )


def weworkremotely(boards: JobBoards, tag: str) -> Board:
    feeds = standins.weworkremotely_feeds(tag)
    boards.weworkremotely[tag] = feeds
    ident = standins.identifier("weworkremotely", tag)
    path = f"/categories/{ident}.rss"

    def remove() -> None:
        feed = feeds[path]
        start = feed.index("<item>\n  <title><![CDATA[Acme")
        feeds[path] = feed[:start] + feed[feed.index("</item>", start) + len("</item>") :]

    return Board(
        kind="weworkremotely",
        source=_source("weworkremotely", ident, boards.api("weworkremotely", tag)),
        jobs={
            f"{tag}-twikey-senior-java-developer": Seen(
                "Senior Java Developer",
                f"Twikey {tag}",
                "remote",
                remote_region="Anywhere in the World",
                tags=("Back-End Programming", "Java", "PostgreSQL", "Spring"),
                url=f"https://weworkremotely.com/remote-jobs/{tag}-twikey-senior-java-developer",
            ),
            f"{tag}-acme-co-react-developer": Seen(
                "React Developer", f"Acme Co {tag}", "remote", remote_region="USA Only"
            ),
        },
        removed=f"{tag}-acme-co-react-developer",
        remove=remove,
        marker=f"/weworkremotely/{tag}/",
        requests=1,
    )


CASES: dict[str, Callable[[JobBoards, str], Board]] = {
    "hackernews": hackernews,
    "remoteok": remoteok,
    "remotive": remotive,
    "arbeitnow": arbeitnow,
    "himalayas": himalayas,
    "weworkremotely": weworkremotely,
}


# --- Helpers -------------------------------------------------------------------------------------------------


@dataclass
class Pipeline:
    channel: aio.Channel
    token_for: Callable[..., str]
    auth: Any
    resources: Resources
    redis_url: str
    queue_name: str

    async def scrape(self, source: scrape_pb2.ScrapeSource) -> scrape_pb2.SourceProgress:
        stub = scrape_pb2_grpc.ScrapeServiceStub(self.channel)
        reply = await stub.TriggerScrape(
            scrape_pb2.TriggerScrapeRequest(sources=[source]), metadata=admin(self.token_for)
        )
        await run_worker(self.resources, self.redis_url, self.queue_name)
        status = await stub.GetScrapeStatus(
            scrape_pb2.GetScrapeStatusRequest(run_id=reply.run.run_id), metadata=admin(self.token_for)
        )
        (run,) = status.runs
        (progress,) = run.sources
        assert run.state == progress.state and progress.HasField("finish_time"), run
        return progress

    async def job(self, job_id: str) -> job_pb2.Job:
        stub = job_pb2_grpc.JobServiceStub(self.channel)
        return (await stub.GetJob(job_pb2.GetJobRequest(job_id=job_id), metadata=self.auth)).job


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


def counts(progress: scrape_pb2.SourceProgress) -> tuple[int, int, int, int, int, int]:
    c = progress.counts
    return (c.fetched, c.created, c.updated, c.unchanged, c.closed, c.failed)


def assert_seen(job: job_pb2.Job, board: Board, external_id: str, seen: Seen) -> None:
    where = f"{board.kind} posting {external_id}"
    assert (job.title, job.company) == (seen.title, seen.company), where
    assert (job.source.kind, job.source.identifier, job.source.external_id) == (
        board.source.kind,
        board.source.identifier,
        external_id,
    ), where
    assert job.workplace_type == job_pb2.WorkplaceType.Value(f"WORKPLACE_TYPE_{seen.workplace.upper()}"), where
    assert job.remote_region == seen.remote_region, where
    assert tuple(job.tags) == seen.tags, where
    assert tuple(location.display_name for location in job.locations) == seen.locations, where
    if seen.salary is None:
        assert not job.HasField("salary"), where
    else:
        low, high, currency, interval = seen.salary
        assert (job.salary.min_amount, job.salary.max_amount, job.salary.currency, job.salary.interval) == (
            low,
            high,
            currency,
            job_pb2.SalaryInterval.Value(f"SALARY_INTERVAL_{interval.upper()}"),
        ), where
    if seen.url:
        assert job.url == seen.url, where
    assert job.description and "<" not in job.description and "&amp;" not in job.description, where
    assert job.state == job_pb2.JOB_STATE_OPEN, where


# --- Tests ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(CASES))
async def test_a_scrape_of_a_job_board_stores_every_posting_with_its_tags_and_region(
    case: str, pipeline: Pipeline, job_boards: JobBoards, resources: Resources
) -> None:
    board = CASES[case](job_boards, new_tag())
    progress = await pipeline.scrape(board.source)

    assert progress.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED, progress
    total = len(board.jobs)
    assert counts(progress) == (total, total, 0, 0, 0, 0)
    assert len(job_boards.take_requests(board.marker)) == board.requests

    stored = await jobs_of(resources, board.kind, board.source.identifier)
    assert set(stored) == set(board.jobs)
    for external_id, seen in board.jobs.items():
        job_id, _ = stored[external_id]
        assert_seen(await pipeline.job(job_id), board, external_id, seen)
        indexed = await resources.vectors.get_job_payload(job_id)
        assert indexed is not None and indexed["state"] == "open" and indexed["source_kind"] == board.kind


@pytest.mark.parametrize("case", list(CASES))
async def test_a_rescrape_of_a_job_board_changes_nothing_and_a_posting_taken_off_it_is_closed(
    case: str, pipeline: Pipeline, job_boards: JobBoards, resources: Resources, embed_calls: list[str]
) -> None:
    board = CASES[case](job_boards, new_tag())
    total = len(board.jobs)
    first = await pipeline.scrape(board.source)
    assert counts(first) == (total, total, 0, 0, 0, 0), first

    embed_calls.clear()
    again = await pipeline.scrape(board.source)
    assert (again.state, counts(again)) == (scrape_pb2.SCRAPE_STATE_SUCCEEDED, (total, 0, 0, total, 0, 0)), again
    assert embed_calls == []

    board.remove()
    after = await pipeline.scrape(board.source)
    assert (after.state, counts(after)) == (
        scrape_pb2.SCRAPE_STATE_SUCCEEDED,
        (total - 1, 0, 0, total - 1, 1, 0),
    ), f"{board.kind} posting {board.removed} taken off its board was not closed: {after}"
    stored = await jobs_of(resources, board.kind, board.source.identifier)
    assert {external_id: state for external_id, (_, state) in stored.items()} == {
        external_id: "closed" if external_id == board.removed else "open" for external_id in board.jobs
    }


@pytest.mark.parametrize("kind", ["linkedin", "indeed"])
async def test_a_scrape_of_a_site_that_forbids_automated_access_fails_at_once_without_a_request(
    kind: str, pipeline: Pipeline, job_boards: JobBoards
) -> None:
    tag = new_tag()
    progress = await pipeline.scrape(_source(kind, f"search-{tag}", job_boards.api(kind, tag)))
    assert progress.state == scrape_pb2.SCRAPE_STATE_FAILED
    assert f"{kind} is not fetched" in progress.error_message and "robots.txt" in progress.error_message
    assert counts(progress) == (0, 0, 0, 0, 0, 0)
    assert job_boards.take_requests(f"/{kind}/") == []


async def test_list_scrape_sources_says_what_every_kind_reads_and_which_are_not_fetched(
    channel: aio.Channel, auth: Any
) -> None:
    reply = await scrape_pb2_grpc.ScrapeServiceStub(channel).ListScrapeSources(
        scrape_pb2.ListScrapeSourcesRequest(), metadata=auth
    )
    kinds = {job_pb2.SourceKind.Name(info.kind): info for info in reply.kinds}
    assert len(kinds) == len(reply.kinds) == 14
    for name in ("SOURCE_KIND_LINKEDIN", "SOURCE_KIND_INDEED"):
        info = kinds[name]
        assert info.availability == scrape_pb2.SOURCE_AVAILABILITY_NOT_FETCHED, info
        assert "robots.txt" in info.notice and not info.searchable
    remotive = kinds["SOURCE_KIND_REMOTIVE"]
    assert remotive.availability == scrape_pb2.SOURCE_AVAILABILITY_FETCHED and remotive.searchable
    assert "4 times a day" in remotive.notice
    assert "link back" in kinds["SOURCE_KIND_REMOTEOK"].notice
    assert kinds["SOURCE_KIND_HACKERNEWS"].identifier_label.startswith("'latest'")


async def test_over_rest_a_board_job_shows_its_tags_and_region_and_the_sources_say_why_linkedin_is_not_fetched(
    pipeline: Pipeline, job_boards: JobBoards, resources: Resources, gateway_url: str, token_for: Callable[..., str]
) -> None:
    board = remoteok(job_boards, new_tag())
    assert (await pipeline.scrape(board.source)).state == scrape_pb2.SCRAPE_STATE_SUCCEEDED
    job_id, _ = (await jobs_of(resources, board.kind, board.source.identifier))[next(iter(board.jobs))]

    headers = {"authorization": f"Bearer {token_for('board-reader')}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers) as client:
        reply = await client.get(f"/api/jobs/{job_id}")
        assert reply.status_code == 200, reply.text
        job = reply.json()["job"]
        assert job["source"]["kind"] == "SOURCE_KIND_REMOTEOK"
        assert job["tags"][:2] == ["python", "backend"] and job["remote_region"] == "Worldwide"

        sources = await client.get("/api/scrape/sources")
        assert sources.status_code == 200, sources.text
        kinds = {info["kind"]: info for info in sources.json()["kinds"]}
    linkedin = kinds["SOURCE_KIND_LINKEDIN"]
    assert linkedin["availability"] == "SOURCE_AVAILABILITY_NOT_FETCHED" and "robots.txt" in linkedin["notice"]
    assert kinds["SOURCE_KIND_HIMALAYAS"]["searchable"] is True

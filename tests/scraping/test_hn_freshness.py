"""A re-scrape of a Hacker News "Who is hiring?" thread reads only the comments that can still change.

HN lets a comment be edited only within two hours of posting, and moderators act mostly in its first hours: a
comment older than `SETTLE_AGE_SECONDS` when it was read is settled, and the next scrape does not ask for it again
(its jobs stay open, marked seen). Through the real worker (arq, burst mode) and the real fetcher against the HN
stand-in on 127.0.0.1 (`tests.scraping.board_standins`), counting the requests it answers. The stand-in thread is
the June 2025 one: its comments are settled unless a test makes one younger.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from grpc import aio

from skillgap.resources import Resources
from skillgap.scraping.sources import hackernews
from skillgap.v1 import job_pb2, job_pb2_grpc, scrape_pb2
from tests.scraping import board_standins as standins
from tests.scraping.board_standins import HackerNewsBoard, JobBoards
from tests.support.scraping import jobs_of
from tests.support.worker_scrapes import WorkerScrapes

NO_HEADER_NOTICE = "1 comments without the 'Company | Role | Location' header were skipped"


@pytest.fixture(scope="module")
def job_boards() -> Iterator[JobBoards]:
    with standins.serving() as served:
        yield served


class Thread:
    """This test's thread on the stand-in: its source, its comments and the requests a scrape made of it."""

    def __init__(self, job_boards: JobBoards) -> None:
        self.tag = standins.new_tag()
        self.boards = job_boards
        self.board: HackerNewsBoard = standins.hackernews_board(self.tag)
        job_boards.hackernews[self.tag] = self.board
        self.source = scrape_pb2.ScrapeSource(
            kind=job_pb2.SOURCE_KIND_HACKERNEWS, identifier=self.tag, base_url=job_boards.api("hackernews", self.tag)
        )

    def comment_id(self, number: int) -> int:
        return standins.hn_comment_id(self.tag, number)

    def comment(self, number: int) -> dict[str, Any]:
        item = self.board.items[self.comment_id(number)]
        assert item is not None
        return item

    def requested(self) -> list[str]:
        """What the scrapes since the last call asked for: "user" (the whoishiring account), "thread", the comment's
        number (1-7), or another item's id."""
        asked = []
        for path in self.boards.take_requests(f"/hackernews/{self.tag}/"):
            name = path.rsplit("/", 1)[-1].removesuffix(".json")
            if name == "whoishiring":
                asked.append("user")
            elif int(name) == int(self.tag):
                asked.append("thread")
            elif int(name) // 100 == int(self.tag):
                asked.append(str(int(name) % 100))
            else:
                asked.append(name)
        return sorted(asked)


@pytest.fixture
def thread(job_boards: JobBoards) -> Thread:
    return Thread(job_boards)


def counts(run: scrape_pb2.ScrapeRun) -> dict[str, int]:
    c = run.totals
    return {k: getattr(c, k) for k in ("fetched", "created", "updated", "unchanged", "closed", "failed")}


def tally(fetched: int, created: int = 0, updated: int = 0, unchanged: int = 0, closed: int = 0) -> dict[str, int]:
    return {
        "fetched": fetched,
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "closed": closed,
        "failed": 0,
    }


def notice(run: scrape_pb2.ScrapeRun) -> str:
    (progress,) = run.sources
    assert progress.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED, run
    return progress.error_message


async def test_an_unchanged_rescrape_of_a_settled_thread_asks_for_the_thread_but_not_its_comments(
    thread: Thread, scrapes: WorkerScrapes, resources: Resources, embed_calls: list[str]
) -> None:
    first = await scrapes.run(thread.source)
    assert counts(first) == tally(4, created=4)
    assert thread.requested() == ["1", "2", "3", "4", "5", "6", "7", "thread"]
    stored = await jobs_of(resources, "hackernews", thread.tag)
    assert {state for _, state in stored.values()} == {"open"}

    embed_calls.clear()
    again = await scrapes.run(thread.source)

    # Neon Health, Galaxy (two roles) and Goody are settled: not asked for, their 4 jobs seen and still open. The
    # chatty comment without a header is settled too and not asked for again; the deleted, dead and null ones are.
    assert counts(again) == tally(4, unchanged=4)
    assert thread.requested() == ["4", "5", "6", "thread"]
    assert embed_calls == []
    assert await jobs_of(resources, "hackernews", thread.tag) == stored
    assert NO_HEADER_NOTICE in notice(again)

    # What was remembered is remembered again: a third scrape asks for no more.
    third = await scrapes.run(thread.source)
    assert counts(third) == tally(4, unchanged=4)
    assert thread.requested() == ["4", "5", "6", "thread"]
    assert NO_HEADER_NOTICE in notice(third)


async def test_a_fresh_comment_is_read_again_and_its_edit_is_stored_until_it_settles(
    thread: Thread,
    scrapes: WorkerScrapes,
    channel: aio.Channel,
    auth: Any,
    resources: Resources,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    neon = thread.comment(1)
    posted = int(time.time()) - 3600  # an hour ago: inside HN's edit window
    neon["time"] = posted
    await scrapes.run(thread.source)
    thread.requested()

    neon["text"] = neon["text"].replace("PostgreSQL &amp; Kubernetes", "PostgreSQL, Kubernetes &amp; Terraform")
    edited = await scrapes.run(thread.source)

    # Only Neon Health's comment (and the ones that never settle) is asked for; its edit reaches the job.
    assert counts(edited) == tally(4, updated=1, unchanged=3)
    assert thread.requested() == ["1", "4", "5", "6", "thread"]
    job_id, state = (await jobs_of(resources, "hackernews", thread.tag))[
        f"{thread.comment_id(1)}:founding-sr-backend-engineer"
    ]
    job = (await job_pb2_grpc.JobServiceStub(channel).GetJob(job_pb2.GetJobRequest(job_id=job_id), metadata=auth)).job
    assert state == "open" and "PostgreSQL, Kubernetes & Terraform" in job.description

    # Once the comment is older than the settle age (here: the age brought under the comment's hour, rather than a
    # day waited) it has settled: read once more, as it is, then no more.
    monkeypatch.setattr(hackernews, "SETTLE_AGE_SECONDS", 1800)
    settling = await scrapes.run(thread.source)
    assert counts(settling) == tally(4, unchanged=4)
    assert thread.requested() == ["1", "4", "5", "6", "thread"]
    settled = await scrapes.run(thread.source)
    assert counts(settled) == tally(4, unchanged=4)
    assert thread.requested() == ["4", "5", "6", "thread"]


async def test_a_fresh_comment_moderators_kill_closes_its_job(
    thread: Thread, scrapes: WorkerScrapes, resources: Resources
) -> None:
    goody = thread.comment(3)
    goody["time"] = int(time.time()) - 600
    await scrapes.run(thread.source)

    goody["dead"] = True
    after = await scrapes.run(thread.source)

    assert counts(after) == tally(3, unchanged=3, closed=1)
    stored = await jobs_of(resources, "hackernews", thread.tag)
    assert stored[str(thread.comment_id(3))][1] == "closed"
    assert sorted(state for _, state in stored.values()) == ["closed", "open", "open", "open"]


async def test_a_settled_comment_gone_from_the_thread_closes_its_jobs(
    thread: Thread, scrapes: WorkerScrapes, resources: Resources
) -> None:
    await scrapes.run(thread.source)
    thread.requested()
    kids = thread.board.items[int(thread.tag)]
    assert kids is not None
    kids["kids"] = [kid for kid in kids["kids"] if kid != thread.comment_id(2)]  # Galaxy's comment is removed

    after = await scrapes.run(thread.source)

    assert counts(after) == tally(2, unchanged=2, closed=2)
    assert thread.requested() == ["4", "5", "6", "thread"]
    stored = await jobs_of(resources, "hackernews", thread.tag)
    assert {external_id: state for external_id, (_, state) in stored.items()} == {
        f"{thread.comment_id(1)}:founding-sr-backend-engineer": "open",
        f"{thread.comment_id(2)}:founding-frontend-engineer": "closed",
        f"{thread.comment_id(2)}:founding-backend-engineer": "closed",
        str(thread.comment_id(3)): "open",
    }


async def test_a_rescrape_of_the_latest_thread_asks_only_for_the_account_and_the_thread(
    thread: Thread, scrapes: WorkerScrapes
) -> None:
    # "latest" is one source for the whole run's database: this is the only test that stores jobs under it.
    latest = scrape_pb2.ScrapeSource(
        kind=job_pb2.SOURCE_KIND_HACKERNEWS, identifier="latest", base_url=thread.source.base_url
    )
    first = await scrapes.run(latest)
    assert counts(first) == tally(4, created=4)
    # The account's newest items are "Who wants to be hired?" (9000003) and "Freelancer?" (9000002).
    assert thread.requested() == ["1", "2", "3", "4", "5", "6", "7", "9000002", "9000003", "thread", "user"]

    again = await scrapes.run(latest)

    # The account is asked for (a new month's thread would be its newest item), the other two threads are not.
    assert counts(again) == tally(4, unchanged=4)
    assert thread.requested() == ["4", "5", "6", "thread", "user"]

    # A new month: the account posts a new "Who is hiring?" thread, whose comments are all new.
    new_thread = int(thread.tag) + 1
    old_thread = thread.board.items[int(thread.tag)]
    assert old_thread is not None
    thread.board.items[new_thread] = {**old_thread, "id": new_thread, "kids": []}
    thread.board.user["submitted"].insert(0, new_thread)
    moved = await scrapes.run(latest)

    assert counts(moved) == tally(0, closed=4)
    assert thread.requested() == [str(new_thread), "user"]

"""The job-board sources of issue 19 read their local stand-ins (tests/scraping/board_standins.py) through the real
fetcher, as they would read the boards: what a job seeker would see of each posting, the boards' paging and odd
cases, a rate-limited board, searches, and the kinds that are never fetched."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest

from skillgap.jobs.models import Salary
from skillgap.scraping.fetch import Fetcher, FetchPolicy, HttpStatusError
from skillgap.scraping.search_query import SearchQuery
from skillgap.scraping.sources import (
    SOURCES,
    HimalayasSource,
    ScrapedPosting,
    Source,
    SourceNotFetched,
    make_source,
    searchable_kinds,
)
from tests.scraping import board_standins as standins
from tests.scraping.board_standins import JobBoards, new_tag


@pytest.fixture(scope="module")
def job_boards() -> Iterator[JobBoards]:
    with standins.serving() as served:
        yield served


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    policy = FetchPolicy.from_setting("127.0.0.1", per_host_min_interval_seconds=0.0)
    async with Fetcher(policy) as opened:
        yield opened


async def listed(source: Source, fetcher: Fetcher) -> list[ScrapedPosting]:
    return [posting async for posting in source.fetch(fetcher)]


def by_title(postings: list[ScrapedPosting]) -> dict[str, ScrapedPosting]:
    return {posting.title: posting for posting in postings}


def assert_clean(text: str) -> None:
    for bad in ("<", ">", "&lt;", "&amp;", "&#", "&quot;", "track()"):
        assert bad not in text, (bad, text)


# --- Hacker News ---------------------------------------------------------------------------------------------


async def test_hackernews_finds_this_months_thread_and_reads_each_role_of_each_comment(
    job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    job_boards.hackernews[tag] = standins.hackernews_board(tag)
    source = make_source("hackernews", "latest", job_boards.api("hackernews", tag))

    postings = await listed(source, fetcher)

    # The user's newest items are "Who wants to be hired?" and "Freelancer?": the hiring thread is the third.
    requests = job_boards.take_requests(f"/hackernews/{tag}/")
    assert requests[:4] == [
        f"/hackernews/{tag}/v0/user/whoishiring.json",
        f"/hackernews/{tag}/v0/item/9000003.json",
        f"/hackernews/{tag}/v0/item/9000002.json",
        f"/hackernews/{tag}/v0/item/{tag}.json",
    ]
    comment = [standins.hn_comment_id(tag, n) for n in range(8)]  # comment[1]..comment[7]
    assert sorted(requests[4:]) == [f"/hackernews/{tag}/v0/item/{comment[n]}.json" for n in range(1, 8)]
    # Neon Health: one role; Galaxy: two "-- " roles, one job each sharing the text; Goody: no role named.
    # The deleted, dead, null and chatty comments are not jobs.
    jobs = by_title(postings)
    assert list(jobs) == [
        "Founding Sr Backend Engineer",
        "Founding Frontend Engineer",
        "Founding Backend Engineer",
        f"Open roles at Goody {tag}",
    ]
    neon = jobs["Founding Sr Backend Engineer"]
    assert (neon.company, neon.locations, neon.workplace_type, neon.remote_region) == (
        f"Neon Health {tag}",
        ("SF",),
        "remote",
        "North America",
    )
    assert neon.salary == Salary(170000.0, 225000.0, "USD", "year")
    assert neon.employment_type == "full_time"
    assert neon.url == f"https://news.ycombinator.com/item?id={comment[1]}"
    assert neon.apply_url == f"https://t{tag}.neonhealth.com/"
    assert neon.post_time == datetime.fromtimestamp(1748876500, UTC)
    assert "We're building agentic AI for healthcare in Python on PostgreSQL & Kubernetes." in neon.description
    assert_clean(neon.description)
    front, back = jobs["Founding Frontend Engineer"], jobs["Founding Backend Engineer"]
    assert (front.external_id, back.external_id) == (
        f"{comment[2]}:founding-frontend-engineer",
        f"{comment[2]}:founding-backend-engineer",
    )
    assert front.description == back.description and front.company == f"Galaxy {tag}"
    assert front.locations == ("NYC, NY",) and front.workplace_type == "unspecified"
    assert front.apply_url == f"https://getgalaxy-{tag}.io/"
    goody = jobs[f"Open roles at Goody {tag}"]
    assert goody.external_id == str(comment[3]) and goody.salary == Salary(170000.0, 230000.0, "USD", "year")
    assert source.notice == "1 comments without the 'Company | Role | Location' header were skipped"


async def test_hackernews_reads_a_thread_named_by_id_without_asking_for_the_account(
    job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    job_boards.hackernews[tag] = standins.hackernews_board(tag)
    postings = await listed(make_source("hackernews", tag, job_boards.api("hackernews", tag)), fetcher)
    assert len(postings) == 4
    assert not [r for r in job_boards.take_requests(f"/hackernews/{tag}/") if "user" in r]


async def test_hackernews_refuses_an_id_that_is_no_thread_rather_than_closing_every_job(
    job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    job_boards.hackernews[tag] = standins.hackernews_board(tag)
    source = make_source("hackernews", "123", job_boards.api("hackernews", tag))  # HN answers null
    with pytest.raises(Exception, match="not a thread"):
        await listed(source, fetcher)


# --- RemoteOK ------------------------------------------------------------------------------------------------


async def test_remoteok_skips_the_legal_notice_and_keeps_tags_salary_and_region(
    job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    job_boards.remoteok[tag] = standins.remoteok_jobs(tag)
    postings = await listed(make_source("remoteok", "all", job_boards.api("remoteok", tag)), fetcher)

    assert job_boards.take_requests(f"/remoteok/{tag}/") == [f"/remoteok/{tag}/api"]
    jobs = by_title(postings)
    assert list(jobs) == ["Senior Python Engineer", "Product Designer"]  # the position-less entry is no job
    python = jobs["Senior Python Engineer"]
    assert python.tags == ("python", "backend", "senior", "postgresql", f"t{tag}")
    assert (python.workplace_type, python.remote_region) == ("remote", "Worldwide")
    assert python.salary == Salary(120000.0, 160000.0, "USD", "year")
    # The link back the terms ask for, and the company's own posting for cross-source dedupe.
    assert python.url == f"https://remoteok.com/remote-jobs/remote-senior-python-engineer-acme-1093001-{tag}"
    assert python.apply_url == f"https://jobs.lever.co/acme-{tag}/4d2c"  # tracking parameter dropped
    assert python.description.splitlines() == ["Build APIs in Python & PostgreSQL.", "- Own our Kubernetes cluster"]
    designer = jobs["Product Designer"]
    assert designer.salary is None and designer.remote_region == ""  # 0 = not given; location null


async def test_remoteok_asks_for_one_tag_and_an_unknown_tag_is_an_empty_board(
    job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    job_boards.remoteok[tag] = standins.remoteok_jobs(tag)
    python = await listed(make_source("remoteok", "python", job_boards.api("remoteok", tag)), fetcher)
    assert [p.title for p in python] == ["Senior Python Engineer"]
    assert job_boards.take_requests(f"/remoteok/{tag}/") == [f"/remoteok/{tag}/api?tag=python"]
    assert await listed(make_source("remoteok", "cobol", job_boards.api("remoteok", tag)), fetcher) == []


async def test_a_rate_limited_board_is_asked_again_after_its_retry_after(
    job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    job_boards.remoteok[tag] = standins.remoteok_jobs(tag)
    job_boards.failures[f"/remoteok/{tag}/"] = standins.Failure(status=429, retry_after="1")
    started = time.monotonic()
    postings = await listed(make_source("remoteok", "all", job_boards.api("remoteok", tag)), fetcher)
    assert len(postings) == 2
    assert time.monotonic() - started >= 1.0  # waited as the board asked
    assert job_boards.take_requests(f"/remoteok/{tag}/") == [f"/remoteok/{tag}/api"] * 2


async def test_a_board_that_asks_to_wait_too_long_fails_the_listing(job_boards: JobBoards, fetcher: Fetcher) -> None:
    tag = new_tag()
    job_boards.arbeitnow[tag] = standins.arbeitnow_pages(tag)
    job_boards.failures[f"/arbeitnow/{tag}/"] = standins.Failure(status=429, retry_after="3600")
    with pytest.raises(HttpStatusError, match="retry after 3600 s"):
        await listed(make_source("arbeitnow", "all", job_boards.api("arbeitnow", tag)), fetcher)


# --- Remotive ------------------------------------------------------------------------------------------------


async def test_remotive_reads_a_category_with_region_salary_and_job_type(
    job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    job_boards.remotive[tag] = standins.remotive_jobs(tag)
    ident = standins.identifier("remotive", tag)
    postings = await listed(make_source("remotive", ident, job_boards.api("remotive", tag)), fetcher)

    assert job_boards.take_requests(f"/remotive/{tag}/") == [
        f"/remotive/{tag}/api/remote-jobs?category={ident}&limit=500"
    ]
    go, analyst = postings
    assert (go.title, go.company, go.remote_region, go.employment_type) == (
        "Backend Engineer (Go)",
        f"Initech {tag}",
        "Europe",
        "full_time",
    )
    assert go.salary == Salary(70000.0, 90000.0, "EUR", "year")
    assert go.tags == (f"Cat {tag}", "go", "kubernetes", "aws")
    assert go.post_time == datetime(2025, 6, 1, 8, 30, tzinfo=UTC)
    assert go.description.splitlines() == ["Write Go services on Kubernetes.", "On-call: 1 week in 6."]
    assert (analyst.employment_type, analyst.remote_region, analyst.salary) == ("contract", "USA Only", None)


async def test_remotive_search_asks_remotive_and_filters_what_it_does_not(
    job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    job_boards.remotive[tag] = standins.remotive_jobs(tag)
    source = make_source("remotive", "all", job_boards.api("remotive", tag))
    assert source.searchable

    found = [p async for p in source.search(fetcher, SearchQuery(keywords=("kubernetes",), locations=("Europe",)))]
    assert [p.title for p in found] == ["Backend Engineer (Go)"]
    asked = f"/remotive/{tag}/api/remote-jobs?search=kubernetes&limit=500"
    assert job_boards.take_requests(f"/remotive/{tag}/") == [asked]
    # Remotive finds the job by its words; the location is SkillGap's to check.
    in_usa = SearchQuery(keywords=("kubernetes",), locations=("USA",))
    assert [p async for p in source.search(fetcher, in_usa)] == []


# --- Arbeitnow -----------------------------------------------------------------------------------------------


async def test_arbeitnow_follows_links_next_to_the_last_page(job_boards: JobBoards, fetcher: Fetcher) -> None:
    tag = new_tag()
    job_boards.arbeitnow[tag] = standins.arbeitnow_pages(tag)
    postings = await listed(make_source("arbeitnow", "all", job_boards.api("arbeitnow", tag)), fetcher)

    assert job_boards.take_requests(f"/arbeitnow/{tag}/") == [
        f"/arbeitnow/{tag}/api/job-board-api",
        f"/arbeitnow/{tag}/api/job-board-api?page=2",
    ]
    devops, frontend, student = postings
    assert (devops.locations, devops.workplace_type, devops.employment_type) == (("Berlin",), "onsite", "full_time")
    assert devops.tags == ("DevOps", "IT", f"t{tag}")
    assert devops.description == "Terraform & Kubernetes in Berlin."  # the script is gone
    assert frontend.workplace_type == "remote" and frontend.employment_type == "unspecified"
    assert student.employment_type == "internship"


async def test_arbeitnow_tag_identifier_keeps_only_that_tag(job_boards: JobBoards, fetcher: Fetcher) -> None:
    tag = new_tag()
    job_boards.arbeitnow[tag] = standins.arbeitnow_pages(tag)
    postings = await listed(make_source("arbeitnow", "devops", job_boards.api("arbeitnow", tag)), fetcher)
    assert [p.title for p in postings] == ["DevOps Engineer (m/w/d)"]


# --- Himalayas -----------------------------------------------------------------------------------------------


async def test_himalayas_pages_by_offset_until_total_count(job_boards: JobBoards, fetcher: Fetcher) -> None:
    tag = new_tag()
    job_boards.himalayas[tag] = standins.himalayas_jobs(tag)
    source = HimalayasSource("all", job_boards.api("himalayas", tag), page_size=2)
    postings = await listed(source, fetcher)

    assert job_boards.take_requests(f"/himalayas/{tag}/") == [
        f"/himalayas/{tag}/jobs/api?limit=2&offset=0",
        f"/himalayas/{tag}/jobs/api?limit=2&offset=2",
    ]
    rust, success, ml = postings
    assert rust.remote_region == "United States, Canada" and rust.workplace_type == "remote"
    assert rust.salary == Salary(150000.0, 190000.0, "USD", "year")
    assert rust.tags == ("Software Engineering", "Rust Engineer", "Backend Engineer", f"T{tag}")
    assert rust.apply_url == f"https://boards.greenhouse.io/piedpiper/jobs/7001-{tag}"
    assert rust.url == f"https://himalayas.app/companies/pied-piper/jobs/senior-rust-engineer-{tag}"
    assert rust.external_id == f"companies/pied-piper/jobs/senior-rust-engineer-{tag}"
    # No description: the excerpt stands in. No restrictions: the board does not say.
    assert (success.description, success.remote_region, success.employment_type) == (
        "Help customers.",
        "",
        "part_time",
    )
    assert ml.salary == Salary(90.0, 120.0, "EUR", "hour") and ml.employment_type == "contract"


async def test_himalayas_asks_at_most_twenty_a_request_and_an_empty_board_is_one_request(
    job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    job_boards.himalayas[tag] = []
    assert await listed(HimalayasSource("all", job_boards.api("himalayas", tag), page_size=100), fetcher) == []
    assert job_boards.take_requests(f"/himalayas/{tag}/") == [f"/himalayas/{tag}/jobs/api?limit=20&offset=0"]


async def test_himalayas_search_uses_its_search_endpoint(job_boards: JobBoards, fetcher: Fetcher) -> None:
    tag = new_tag()
    job_boards.himalayas[tag] = standins.himalayas_jobs(tag)
    source = make_source("himalayas", "all", job_boards.api("himalayas", tag))
    found = [p async for p in source.search(fetcher, SearchQuery(keywords=("rust",), remote_only=True))]
    assert [p.title for p in found] == ["Senior Rust Engineer"]
    assert job_boards.take_requests(f"/himalayas/{tag}/") == [f"/himalayas/{tag}/jobs/api/search?q=rust&page=1"]


# --- We Work Remotely ----------------------------------------------------------------------------------------


async def test_weworkremotely_reads_the_category_feed(job_boards: JobBoards, fetcher: Fetcher) -> None:
    tag = new_tag()
    job_boards.weworkremotely[tag] = standins.weworkremotely_feeds(tag)
    ident = standins.identifier("weworkremotely", tag)
    postings = await listed(make_source("weworkremotely", ident, job_boards.api("weworkremotely", tag)), fetcher)

    assert job_boards.take_requests(f"/weworkremotely/{tag}/") == [f"/weworkremotely/{tag}/categories/{ident}.rss"]
    java, react = postings  # the expired item and the one without "Company: " are no jobs
    assert (java.company, java.title, java.remote_region, java.employment_type) == (
        f"Twikey {tag}",
        "Senior Java Developer",
        "Anywhere in the World",
        "full_time",
    )
    assert java.tags == ("Back-End Programming", "Java", "PostgreSQL", "Spring")
    assert java.description == "Build payment APIs in Java & Spring."
    assert java.url == f"https://weworkremotely.com/remote-jobs/{tag}-twikey-senior-java-developer"
    assert (react.company, react.remote_region, react.employment_type) == (f"Acme Co {tag}", "USA Only", "contract")


async def test_weworkremotely_refuses_a_page_that_is_no_feed(job_boards: JobBoards, fetcher: Fetcher) -> None:
    tag = new_tag()
    job_boards.weworkremotely[tag] = {"/remote-jobs.rss": "<html><body>Cloudflare says hi</body></html>"}
    with pytest.raises(Exception, match="did not return an RSS feed"):
        await listed(make_source("weworkremotely", "all", job_boards.api("weworkremotely", tag)), fetcher)


# --- LinkedIn and Indeed -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["linkedin", "indeed"])
async def test_sites_that_forbid_automated_access_are_never_asked(
    kind: str, job_boards: JobBoards, fetcher: Fetcher
) -> None:
    tag = new_tag()
    source = make_source(kind, "python-berlin", job_boards.api(kind, tag))
    assert not source.fetched and "robots.txt" in source.terms_notice
    with pytest.raises(SourceNotFetched, match=f"{kind} is not fetched: .*robots.txt"):
        await listed(source, fetcher)
    with pytest.raises(SourceNotFetched):
        [p async for p in source.search(fetcher, SearchQuery(keywords=("python",)))]
    assert job_boards.take_requests(f"/{kind}/") == []


# --- The registry --------------------------------------------------------------------------------------------


def test_every_kind_says_what_it_reads_and_what_its_site_asks() -> None:
    for kind, source in SOURCES.items():
        assert source.reads and source.terms_notice, kind
    assert searchable_kinds() == ("hackernews", "remoteok", "remotive", "arbeitnow", "himalayas", "weworkremotely")
    assert {kind for kind, source in SOURCES.items() if source.searchable} == {"remotive", "himalayas"}
    assert {kind for kind, source in SOURCES.items() if not source.fetched} == {"linkedin", "indeed"}


@pytest.mark.parametrize(
    ("kind", "identifier", "message"),
    [("hackernews", "may-2025", "'latest' or a thread's item id"), ("remoteok", "../api", "letters, digits")],
)
def test_a_bad_board_identifier_names_the_rule(kind: str, identifier: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_source(kind, identifier)

"""Boards of N postings for every source kind, shaped as `tests.scraping.payloads` has each public API (one of its
postings as the template, N copies with their own ids, titles and descriptions; Hacker News as the stand-in
`tests.scraping.board_standins.hackernews_board` builds it), served from one local server at the exact URLs the
sources request (computed by the sources themselves); and job pages, each on a host of its own.

Used by `bench_ingestion` for the per-source ingestion figures and the unchanged re-scrape of job pages.
"""

from __future__ import annotations

import copy
import html
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from skillgap.scraping.sources import make_source
from skillgap.v1 import job_pb2, scrape_pb2
from tests.benchmarks.bench_extraction import Posting
from tests.local_http import QuietHandler, running
from tests.scraping import board_standins, payloads
from tests.support.standin_site import json_ld_page

Routes = dict[str, tuple[str, str]]
"""path?query -> (content type, body)"""


@dataclass(frozen=True)
class Board:
    kind: str
    source: scrape_pb2.ScrapeSource
    postings: int


def _html(posting: Posting) -> str:
    return "".join(f"<p>{html.escape(block)}</p>" for block in posting.description.split("\n") if block.strip())


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _source(kind: str, identifier: str, base_url: str) -> scrape_pb2.ScrapeSource:
    return scrape_pb2.ScrapeSource(
        kind=job_pb2.SourceKind.Value(f"SOURCE_KIND_{kind.upper()}"), identifier=identifier, base_url=base_url
    )


def _json(value: Any) -> tuple[str, str]:
    return "application/json; charset=utf-8", json.dumps(value)


def lever(base: str, postings: Sequence[Posting]) -> Routes:
    source = make_source("lever", "bench-lever", base)
    jobs = []
    for n, posting in enumerate(postings):
        job = copy.deepcopy(payloads.LEVER_PAGE_1[0])
        job.update(id=f"00000000-0000-4000-8000-{n:012d}", text=posting.title, description=_html(posting))
        job.update(descriptionPlain=posting.description, lists=[], additional="", additionalPlain="")
        job["hostedUrl"] = f"https://jobs.lever.co/bench-lever/{job['id']}"
        jobs.append(job)
    size = source.page_size  # type: ignore[attr-defined]
    routes = {_path(source.page_url(skip)): _json(jobs[skip : skip + size]) for skip in range(0, len(jobs), size)}  # type: ignore[attr-defined]
    if len(jobs) % size == 0:  # a full last page: the source asks for the next, empty one
        routes[_path(source.page_url(len(jobs)))] = _json([])  # type: ignore[attr-defined]
    return routes


def ashby(base: str, postings: Sequence[Posting]) -> Routes:
    jobs = []
    for n, posting in enumerate(postings):
        job = copy.deepcopy(payloads.ASHBY_BOARD["jobs"][0])
        job.update(id=f"00000000-0000-4000-9000-{n:012d}", title=posting.title, descriptionHtml=_html(posting))
        job.update(descriptionPlain=posting.description, isListed=True)
        job["jobUrl"] = f"https://jobs.ashbyhq.com/bench-ashby/{job['id']}"
        jobs.append(job)
    return {_path(make_source("ashby", "bench-ashby", base).board_url()): _json({"apiVersion": "1", "jobs": jobs})}  # type: ignore[attr-defined]


def workable(base: str, postings: Sequence[Posting]) -> Routes:
    jobs = []
    for n, posting in enumerate(postings):
        job = copy.deepcopy(payloads.WORKABLE_ACCOUNT["jobs"][0])
        code = f"B{n:09d}"
        job.update(shortcode=code, title=posting.title, description=_html(posting))
        job.update(url=f"https://apply.workable.com/bench/j/{code}", shortlink=f"https://apply.workable.com/j/{code}")
        job["application_url"] = f"https://apply.workable.com/bench/j/{code}/apply"
        jobs.append(job)
    payload = {"name": "Bench Co", "description": "", "jobs": jobs}
    return {_path(make_source("workable", "bench-workable", base).account_url()): _json(payload)}  # type: ignore[attr-defined]


def smartrecruiters(base: str, postings: Sequence[Posting]) -> Routes:
    source = make_source("smartrecruiters", "BenchCo", base)
    summaries, routes = [], {}
    for n, posting in enumerate(postings):
        posting_id = f"7440{n:011d}"
        summary = copy.deepcopy(payloads.SMARTRECRUITERS_PAGE_1["content"][0])
        summary.update(id=posting_id, name=posting.title)
        summaries.append(summary)
        detail = payloads.smartrecruiters_detail(posting_id)
        detail["jobAd"]["sections"]["jobDescription"]["text"] = _html(posting)
        detail["postingUrl"] = f"https://jobs.smartrecruiters.com/BenchCo/{posting_id}"
        routes[_path(source.detail_url(posting_id))] = _json({**summary, **detail})  # type: ignore[attr-defined]
    size = source.page_size  # type: ignore[attr-defined]
    for offset in range(0, len(summaries), size):
        page = {
            "offset": offset,
            "limit": size,
            "totalFound": len(summaries),
            "content": summaries[offset : offset + size],
        }
        routes[_path(source.page_url(offset))] = _json(page)  # type: ignore[attr-defined]
    return routes


def remoteok(base: str, postings: Sequence[Posting]) -> Routes:
    jobs: list[dict[str, Any]] = [payloads.REMOTEOK_JOBS[0]]
    for n, posting in enumerate(postings):
        job = copy.deepcopy(payloads.REMOTEOK_JOBS[1])
        job.update(id=f"9{n:08d}", slug=f"bench-{n}", position=posting.title, description=_html(posting))
        job.update(company="Bench Co", url=f"https://remoteok.com/remote-jobs/bench-{n}", apply_url="")
        jobs.append(job)
    return {_path(make_source("remoteok", "all", base).jobs_url()): _json(jobs)}  # type: ignore[attr-defined]


def remotive(base: str, postings: Sequence[Posting]) -> Routes:
    payload = copy.deepcopy(payloads.REMOTIVE_JOBS)
    template = payload["jobs"][0]
    payload["jobs"] = [
        {**template, "id": 8_000_000 + n, "title": p.title, "description": _html(p),
         "company_name": "Bench Co", "url": f"https://remotive.com/remote-jobs/bench-{n}"}
        for n, p in enumerate(postings)
    ]  # fmt: skip
    payload["job-count"] = payload["total-job-count"] = len(postings)
    return {_path(make_source("remotive", "all", base).jobs_url()): _json(payload)}  # type: ignore[attr-defined]


def arbeitnow(base: str, postings: Sequence[Posting]) -> Routes:
    template = payloads.ARBEITNOW_PAGES[0][0]
    data = [
        {**copy.deepcopy(template), "slug": f"bench-{n}", "title": p.title, "description": _html(p),
         "company_name": "Bench Co", "url": f"https://www.arbeitnow.com/jobs/bench-{n}"}
        for n, p in enumerate(postings)
    ]  # fmt: skip
    payload = {"data": data, "links": {"next": None}, "meta": {"current_page": 1}}
    return {_path(make_source("arbeitnow", "all", base).first_page_url()): _json(payload)}  # type: ignore[attr-defined]


def himalayas(base: str, postings: Sequence[Posting]) -> Routes:
    source = make_source("himalayas", "all", base)
    template = payloads.HIMALAYAS_JOBS[0]
    jobs = [
        {**copy.deepcopy(template), "guid": f"https://himalayas.app/companies/bench/jobs/bench-{n}",
         "title": p.title, "description": _html(p), "companyName": "Bench Co", "expiryDate": 4102444800}
        for n, p in enumerate(postings)
    ]  # fmt: skip
    size = source.page_size  # type: ignore[attr-defined]
    return {
        _path(source.page_url(offset)): _json({"jobs": jobs[offset : offset + size], "totalCount": len(jobs)})  # type: ignore[attr-defined]
        for offset in range(0, len(jobs), size)
    }


def weworkremotely(base: str, postings: Sequence[Posting]) -> Routes:
    items = "".join(
        f"<item><title>Bench Co: {html.escape(p.title)}</title><region>Anywhere in the World</region>"
        f"<type>Full-Time</type><description>{html.escape(_html(p))}</description>"
        f"<pubDate>Mon, 02 Jun 2025 10:00:00 +0000</pubDate>"
        f"<link>https://weworkremotely.com/remote-jobs/bench-co-{n}</link></item>"
        for n, p in enumerate(postings)
    )
    feed = (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>WWR</title>{items}</channel></rss>'
    )
    return {_path(make_source("weworkremotely", "all", base).feed_url()): ("application/rss+xml", feed)}  # type: ignore[attr-defined]


HN_THREAD = "9000001"
"""The "Who is hiring?" thread's item id on the bench's HN board."""
HN_LOCATIONS = ("Berlin, Germany", "San Francisco, CA", "London, UK", "New York, NY")


def _hn_escape(text: str) -> str:
    # HN's API gives comment text as HTML with '/' and "'" as entities too (&#x2F; &#x27;).
    return html.escape(text).replace("/", "&#x2F;")


def _hn_comment_text(n: int, posting: Posting) -> str:
    """A comment as posters write them: the customary `Company | Role | Location | REMOTE | salary | URL` header
    (the URL a link, as HN renders it), then the posting's paragraphs."""
    url = _hn_escape(f"https://bench-co-{n}.example/jobs/{n}")
    link = f'<a href="{url}" rel="nofollow">{url}</a>'
    location = HN_LOCATIONS[n % len(HN_LOCATIONS)]
    header = f"Bench Co {n} | {_hn_escape(posting.title)} | {location} | REMOTE | $120K-$160K | {link}"
    return header + "".join(f"<p>{_hn_escape(block)}" for block in posting.description.split("\n") if block.strip())


def hackernews(base: str, postings: Sequence[Posting]) -> Routes:
    """The whoishiring account, this month's three threads (the newest two not "Who is hiring?") and last month's,
    as the stand-in builds them, the "Who is hiring?" thread's comments replaced by one comment per posting (the
    real June 2025 one as the template). Read with the identifier "latest": account, threads, then each comment."""
    source = make_source("hackernews", "latest", base)
    board = board_standins.hackernews_board(HN_THREAD)
    thread = board.items[int(HN_THREAD)]
    template = payloads.HN_COMMENTS[9100001]
    assert thread is not None and template is not None
    for kid in thread["kids"]:
        del board.items[kid]
    thread["kids"] = []
    for n, posting in enumerate(postings, start=1):
        comment = copy.deepcopy(template)
        comment_id = board_standins.hn_comment_id(HN_THREAD, n)
        comment.update(id=comment_id, parent=int(HN_THREAD), text=_hn_comment_text(n, posting))
        board.items[comment_id] = comment
        thread["kids"].append(comment_id)
    routes = {_path(source.user_url()): _json(board.user)}  # type: ignore[attr-defined]
    routes.update({_path(source.item_url(item_id)): _json(item) for item_id, item in board.items.items()})  # type: ignore[attr-defined]
    return routes


BOARDS: dict[str, tuple[str, Callable[[str, Sequence[Posting]], Routes]]] = {
    # kind -> (identifier, the routes of a board of those postings under a base URL)
    "lever": ("bench-lever", lever),
    "ashby": ("bench-ashby", ashby),
    "workable": ("bench-workable", workable),
    "smartrecruiters": ("BenchCo", smartrecruiters),
    "remoteok": ("all", remoteok),
    "remotive": ("all", remotive),
    "arbeitnow": ("all", arbeitnow),
    "himalayas": ("all", himalayas),
    "weworkremotely": ("all", weworkremotely),
    "hackernews": ("latest", hackernews),
}


class RouteServer:
    """Answers GET path?query from `routes` (404 otherwise): every board mounted under /{kind}."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: Routes = {}
        routes = self.routes

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                if self.path == "/robots.txt":
                    self.send_body(200, "User-agent: *\nAllow: /\n", content_type="text/plain")
                    return
                found = routes.get(self.path)
                if found is None:
                    self.send_json({"message": "Not Found"}, 404)
                else:
                    self.send_body(200, found[1], content_type=found[0])

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://{host}:{self.server.server_address[1]}"

    def board(self, kind: str, postings: Sequence[Posting]) -> Board:
        identifier, build = BOARDS[kind]
        base = f"{self.base_url}/{kind}"
        for path, answer in build(base, postings).items():
            self.routes[path] = answer
        return Board(kind, _source(kind, identifier, base), len(postings))


class PageHost:
    """One job page on a host of its own (127.0.0.N), answering conditional requests when `validators`."""

    def __init__(self, host: str, page: str, *, validators: bool) -> None:
        self.page = page.encode("utf-8")
        self.requests = 0
        self.not_modified = 0
        self.bytes_sent = 0
        etag = f'"{abs(hash(page)):x}"'
        last_modified = "Mon, 30 Nov 2026 09:00:00 GMT"
        owner = self
        lock = threading.Lock()

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                if self.path == "/robots.txt":
                    self.send_body(200, "User-agent: *\nAllow: /\n", content_type="text/plain")
                    return
                with lock:
                    owner.requests += 1
                headers = {"ETag": etag, "Last-Modified": last_modified} if validators else {}
                if validators and self.headers.get("If-None-Match") == etag:
                    with lock:
                        owner.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                with lock:
                    owner.bytes_sent += len(owner.page)
                self.send_body(200, owner.page, content_type="text/html; charset=utf-8", headers=headers)

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://{host}:{self.server.server_address[1]}/careers/jobs/backend-engineer"


@contextmanager
def page_hosts(
    postings: Sequence[Posting], first_host: int, *, validators: bool, padding_words: int
) -> Iterator[list[PageHost]]:
    """A job page per posting, each on 127.0.0.<first_host + n>: a company's careers page, as large as real ones
    (`padding_words` of navigation, scripts and footer around the posting)."""
    hosts = [
        PageHost(
            f"127.0.0.{first_host + n}",
            json_ld_page(
                title=posting.title,
                company=f"Pageco {first_host + n}",
                location="Berlin, DE",
                description=_html(posting),
                identifier=f"PAGE-{first_host + n}",
                padding_words=padding_words,
            ),
            validators=validators,
        )
        for n, posting in enumerate(postings)
    ]
    with ExitStack() as stack:
        for host in hosts:
            stack.enter_context(running(host.server))
        yield hosts


@contextmanager
def route_server() -> Iterator[RouteServer]:
    server = RouteServer()
    with running(server.server):
        yield server

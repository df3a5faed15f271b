"""The one fake job-board server of the tests: a local HTTP server on 127.0.0.1 that answers every source kind at
the paths the sources request, and can be made slow, broken or hanging.

Each API is mounted under its own prefix, so a source is configured with ``base_url=boards.api(kind)``
(for example ``http://127.0.0.1:PORT/lever``) and a source that built its URLs from the wrong base, or asked
another API's path, gets a 404. The APIs behave like the real ones where it matters to a scraper:

- Greenhouse ``/v1/boards/{board}/jobs`` leaves the job content out unless ``content=true``;
- Lever ``/v0/postings/{site}`` needs ``mode=json`` and pages with ``skip`` / ``limit``;
- Ashby ``/posting-api/job-board/{board}`` leaves compensation out unless ``includeCompensation=true``;
- Workable ``/api/v1/widget/accounts/{slug}`` leaves descriptions out unless ``details=true``;
- SmartRecruiters ``/v1/companies/{id}/postings`` pages with ``limit`` (at most 100) / ``offset`` and reports
  ``totalFound``; ``/v1/companies/{id}/postings/{postingId}`` gives one posting's ``jobAd``;
- job pages are served at any other path registered in ``pages`` (HTML), with ``redirects`` answered 301,
  and ``/robots.txt`` allows them.

Unknown boards and removed pages answer 404. Every request's path and query is logged in ``requests`` as it
arrives, and in ``answered`` once answered. What a test changes while the server runs (each keyed by a piece of
the request path: a request whose path contains the key is concerned):

- ``delays``: answered that many seconds late, as a big board's listing is (a slow board);
- ``failures``: answered that HTTP status, with ``Retry-After: 0`` so the fetcher retries at once (a broken board);
- ``hangs``: not answered until the `Hang` is released, which tells the test a request waits on it (a board that
  hangs at posting N, so a test knows a worker is in the middle of a source).

`hanging_board()` serves one SmartRecruiters company with N postings that hangs at posting N, as the fault and
recovery tests use it. The payload builders deep-copy the fixtures of ``tests.scraping.payloads`` and give each
board its own company name and posting URLs, so postings of different tests never match through cross-source
dedupe (same canonical URL and title, or same title + company + description); ``greenhouse_postings`` and
``smartrecruiters_postings`` build boards of any size.
"""

from __future__ import annotations

import copy
import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from skillgap.scraping.sources.base import prettify_token
from skillgap.v1 import job_pb2, scrape_pb2
from tests.local_http import QuietHandler, base_url_of, local_server, running
from tests.scraping import payloads

ROBOTS_TXT = "User-agent: *\nDisallow: /private/\n"
TRACKING_SCRIPT = "<script>trackApply('board')</script>"
"""Appended to HTML descriptions, as boards' embedded trackers are: none of it may reach a stored job."""

HANG_SECONDS = 60.0
"""The longest a hanging request waits: a test that never releases it still ends."""


def token() -> str:
    """A board token of its own: boards of different tests never share a name."""
    return f"acme-{uuid.uuid4().hex[:8]}"


@dataclass
class SmartRecruitersCompany:
    summaries: list[dict[str, Any]]
    details: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class Hang:
    """Holds the requests it is registered for until `release` is set; `blocked` is set once one waits."""

    blocked: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def wait(self) -> None:
        if not self.release.is_set():
            self.blocked.set()
            self.release.wait(HANG_SECONDS)


class LocalBoards:
    """The boards' contents (mutable: tests add, change and remove postings) and the server answering them."""

    def __init__(self) -> None:
        self.greenhouse: dict[str, dict[str, Any]] = {}
        self.lever: dict[str, list[dict[str, Any]]] = {}
        self.ashby: dict[str, dict[str, Any]] = {}
        self.workable: dict[str, dict[str, Any]] = {}
        self.smartrecruiters: dict[str, SmartRecruitersCompany] = {}
        self.pages: dict[str, str] = {}
        self.redirects: dict[str, str] = {}
        self.requests: list[str] = []
        self.answered: list[str] = []
        self.delays: dict[str, float] = {}
        self.failures: dict[str, int] = {}
        self.hangs: dict[str, Hang] = {}
        self._lock = threading.Lock()
        boards = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                with boards._lock:
                    boards.requests.append(self.path)
                    delay = max((s for key, s in boards.delays.items() if key in self.path), default=0.0)
                    failure = next((s for key, s in boards.failures.items() if key in self.path), None)
                    hangs = [hang for key, hang in boards.hangs.items() if key in self.path]
                # Waits in this request's own thread: the other boards and requests are answered meanwhile.
                for hang in hangs:
                    hang.wait()
                if delay:
                    time.sleep(delay)
                if failure is not None:
                    self.send_json({"error": "boom"}, failure, headers={"Retry-After": "0"})
                else:
                    status, content_type, body, headers = boards.answer(self.path)
                    self.send_body(status, body, content_type=content_type, headers=headers)
                with boards._lock:
                    boards.answered.append(self.path)

        self.server = local_server(Handler)
        self.base_url = base_url_of(self.server)

    def api(self, kind: str) -> str:
        """The base URL to configure a source of `kind` with."""
        return f"{self.base_url}/{kind}"

    def page_url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def take_requests(self, marker: str) -> list[str]:
        """The requests logged since the last call whose path or query contains `marker`, in order; they are
        removed from the log."""
        with self._lock:
            taken = [r for r in self.requests if marker in r]
            self.requests = [r for r in self.requests if marker not in r]
        return taken

    def release_all(self) -> None:
        """Let every hanging request go (their threads end, rather than outlive the test)."""
        with self._lock:
            hangs = list(self.hangs.values())
        for hang in hangs:
            hang.release.set()

    # --- routing ---

    def answer(self, raw_path: str) -> tuple[int, str, str, dict[str, str]]:
        parts = urlsplit(raw_path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        segments = [s for s in parts.path.split("/") if s]
        if parts.path == "/robots.txt":
            return 200, "text/plain", ROBOTS_TXT, {}
        if parts.path in self.redirects:
            return 301, "text/html", "", {"Location": self.redirects[parts.path]}
        if parts.path in self.pages:
            return 200, "text/html; charset=utf-8", self.pages[parts.path], {}
        kind, rest = (segments[0], segments[1:]) if segments else ("", [])
        found: Any = None
        if kind == "greenhouse" and len(rest) == 4 and rest[:2] == ["v1", "boards"] and rest[3] == "jobs":
            found = self._greenhouse(rest[2], query)
        elif kind == "lever" and len(rest) == 3 and rest[:2] == ["v0", "postings"]:
            if query.get("mode") != "json":
                return 200, "text/html", "<html><body>Jobs at this company</body></html>", {}
            found = self._lever(rest[2], query)
        elif kind == "ashby" and len(rest) == 3 and rest[:2] == ["posting-api", "job-board"]:
            found = self._ashby(rest[2], query)
        elif kind == "workable" and len(rest) == 5 and rest[:4] == ["api", "v1", "widget", "accounts"]:
            found = self._workable(rest[4], query)
        elif kind == "smartrecruiters" and len(rest) in (4, 5) and rest[:2] == ["v1", "companies"]:
            if rest[3] == "postings":
                found = self._smartrecruiters(rest[2], rest[4] if len(rest) == 5 else None, query)
        if found is None:
            return 404, "application/json", json.dumps({"message": "Not Found"}), {}
        return 200, "application/json; charset=utf-8", json.dumps(found), {}

    def _greenhouse(self, board: str, query: dict[str, str]) -> Any:
        payload = copy.deepcopy(self.greenhouse.get(board))
        if payload is not None and query.get("content") != "true":
            for job in payload["jobs"]:
                job.pop("content", None)
        return payload

    def _lever(self, site: str, query: dict[str, str]) -> Any:
        postings = self.lever.get(site)
        if postings is None:
            return None
        skip = int(query.get("skip", "0"))
        limit = int(query.get("limit", "100"))
        return postings[skip : skip + limit]

    def _ashby(self, board: str, query: dict[str, str]) -> Any:
        payload = copy.deepcopy(self.ashby.get(board))
        if payload is not None and query.get("includeCompensation") != "true":
            for job in payload["jobs"]:
                job.pop("compensation", None)
        return payload

    def _workable(self, slug: str, query: dict[str, str]) -> Any:
        payload = copy.deepcopy(self.workable.get(slug))
        if payload is not None and query.get("details") != "true":
            for job in payload["jobs"]:
                job.pop("description", None)
        return payload

    def _smartrecruiters(self, company_id: str, posting_id: str | None, query: dict[str, str]) -> Any:
        company = self.smartrecruiters.get(company_id)
        if company is None:
            return None
        if posting_id is not None:
            return company.details.get(posting_id)
        limit = min(100, int(query.get("limit", "10")))
        offset = int(query.get("offset", "0"))
        return {
            "offset": offset,
            "limit": limit,
            "totalFound": len(company.summaries),
            "content": company.summaries[offset : offset + limit],
        }


@contextmanager
def serving() -> Iterator[LocalBoards]:
    boards = LocalBoards()
    with running(boards.server):
        try:
            yield boards
        finally:
            boards.release_all()  # before the server stops: no request is left waiting on a hang


class HangingBoard:
    """One SmartRecruiters company with `postings` postings on a board server of its own (`boards`, where a test
    may add other boards); the detail of posting `hang_at` (if any) hangs until `release` is set, and `blocked`
    is set once a worker waits on it, so a test knows a worker is in the middle of the source."""

    def __init__(self, boards: LocalBoards, postings: int = 5, hang_at: int | None = 3) -> None:
        self.boards = boards
        self.company = f"Hanging{uuid.uuid4().hex[:8]}"
        listed = smartrecruiters_postings(self.company, postings)
        boards.smartrecruiters[self.company] = listed
        self.postings = [summary["id"] for summary in listed.summaries]
        self.hang_at = hang_at
        self.hanging = self.postings[hang_at] if hang_at is not None else None
        hang = Hang()
        if self.hanging is not None:
            boards.hangs[self._detail_path(self.hanging)] = hang
        self.blocked = hang.blocked
        self.release = hang.release

    @property
    def base_url(self) -> str:
        """The base URL to configure the SmartRecruiters source with."""
        return self.boards.api("smartrecruiters")

    @property
    def details_served(self) -> list[str]:
        """The postings whose detail was answered, in order."""
        prefix = f"/smartrecruiters/v1/companies/{self.company}/postings/"
        with self.boards._lock:
            return [path.split("?")[0].removeprefix(prefix) for path in self.boards.answered if path.startswith(prefix)]

    def source(self) -> scrape_pb2.ScrapeSource:
        return scrape_pb2.ScrapeSource(
            kind=job_pb2.SOURCE_KIND_SMARTRECRUITERS, identifier=self.company, base_url=self.base_url
        )

    def _detail_path(self, posting_id: str) -> str:
        return f"/smartrecruiters/v1/companies/{self.company}/postings/{posting_id}"


@contextmanager
def hanging_board(postings: int = 5, hang_at: int | None = 3) -> Iterator[HangingBoard]:
    with serving() as boards:
        yield HangingBoard(boards, postings, hang_at)


# --- Per-board payloads --------------------------------------------------------------------------------------


def greenhouse_board(board: str, *, company: str | None = None) -> dict[str, Any]:
    """The Greenhouse payload with this board's own company and URLs, so tests never match each other."""
    payload = copy.deepcopy(payloads.GREENHOUSE_JOBS)
    for job in payload["jobs"]:
        if "absolute_url" in job:
            job["absolute_url"] = job["absolute_url"].replace("/acme/", f"/{board}/")
        if "company_name" in job:
            job["company_name"] = company or prettify_token(board)
    return payload


def greenhouse_postings(board: str, count: int) -> dict[str, Any]:
    """A Greenhouse board `board` listing `count` distinct postings (ids 1..count), its company named after it."""
    template = payloads.GREENHOUSE_JOBS["jobs"][0]
    jobs = []
    for number in range(1, count + 1):
        job = copy.deepcopy(template)
        job["id"] = number
        job["title"] = f"{template['title']} {number}"
        job["absolute_url"] = f"https://boards.greenhouse.io/{board}/jobs/{number}"
        job["company_name"] = f"Company {board}"
        job["content"] = f"&lt;p&gt;Posting {number} of {board}.&lt;/p&gt;" + template["content"]
        jobs.append(job)
    return {"jobs": jobs, "meta": {"total": count}}


def lever_postings(site: str) -> list[dict[str, Any]]:
    """Lever's three postings (both pages of the fixture) on site `site`; the company is named after the site."""
    postings = copy.deepcopy([*payloads.LEVER_PAGE_1, *payloads.LEVER_PAGE_2])
    for posting in postings:
        for key in ("hostedUrl", "applyUrl"):
            if key in posting:
                posting[key] = posting[key].replace("/acme/", f"/{site}/")
        if "<" in posting.get("description", ""):
            posting["description"] += TRACKING_SCRIPT
    return postings


def ashby_board(board: str) -> dict[str, Any]:
    """Ashby's board (two listed jobs, one unlisted) as board `board`; the company is named after the board."""
    payload = copy.deepcopy(payloads.ASHBY_BOARD)
    for job in payload["jobs"]:
        for key in ("jobUrl", "applyUrl"):
            if key in job:
                job[key] = job[key].replace("/acme/", f"/{board}/")
        if "descriptionHtml" in job:
            job["descriptionHtml"] += TRACKING_SCRIPT
    return payload


def workable_account(slug: str, company: str) -> dict[str, Any]:
    """Workable's account (two jobs) as account `slug` of `company`."""
    payload = copy.deepcopy(payloads.WORKABLE_ACCOUNT)
    payload["name"] = company
    for job in payload["jobs"]:
        for key in ("url", "shortlink", "application_url"):
            if key in job:
                job[key] = job[key].replace("apply.workable.com/j/", f"apply.workable.com/{slug}/j/")
        job["description"] += TRACKING_SCRIPT
    return payload


def smartrecruiters_company(identifier: str, company: str) -> SmartRecruitersCompany:
    """SmartRecruiters' three postings (both list pages of the fixture) and their details, as company
    `identifier` named `company`."""
    pages = (payloads.SMARTRECRUITERS_PAGE_1, payloads.SMARTRECRUITERS_PAGE_2)
    summaries = copy.deepcopy([summary for page in pages for summary in page["content"]])
    details = {}
    for summary in summaries:
        summary["company"] = {"identifier": identifier, "name": company}
        summary["ref"] = summary["ref"].replace("/AcmeRobotics/", f"/{identifier}/")
        detail = payloads.smartrecruiters_detail(summary["id"])
        for key in ("postingUrl", "applyUrl"):
            detail[key] = detail[key].replace("/AcmeRobotics/", f"/{identifier}/")
        sections = detail["jobAd"]["sections"]
        sections["jobDescription"]["text"] += TRACKING_SCRIPT
        details[summary["id"]] = detail
    return SmartRecruitersCompany(summaries, details)


def smartrecruiters_postings(identifier: str, count: int) -> SmartRecruitersCompany:
    """`count` SmartRecruiters postings of company `identifier` (also its name), "Platform Engineer 0".."N-1", with
    ids no other board has: their details, and so their stored jobs, are told apart by id and URL."""
    template = payloads.SMARTRECRUITERS_PAGE_1["content"][0]
    summaries = []
    details = {}
    for number in range(count):
        posting_id = f"74400{uuid.uuid4().int % 10**9:09d}{number:02d}"
        summary = copy.deepcopy(template)
        company = {"identifier": identifier, "name": identifier}
        summary.update(id=posting_id, name=f"Platform Engineer {number}", company=company)
        summaries.append(summary)
        detail = payloads.smartrecruiters_detail(posting_id)
        detail["postingUrl"] = f"https://jobs.smartrecruiters.com/{identifier}/{posting_id}"
        details[posting_id] = detail
    return SmartRecruitersCompany(summaries, details)


def json_ld_page(company: str, slug: str) -> str:
    """The schema.org JobPosting page, hiring for `company`, whose posting URL ends in `slug`."""
    page = payloads.JSON_LD_PAGE
    assert "Globex Corporation" in page and "/jobs/staff-data-engineer?" in page
    return page.replace("Globex Corporation", company).replace("/jobs/staff-data-engineer?", f"/jobs/{slug}?")


def fallback_page(site_name: str) -> str:
    """The job page without structured data, on a careers site named `site_name`."""
    assert "Initech Careers" in payloads.FALLBACK_PAGE
    return payloads.FALLBACK_PAGE.replace("Initech Careers", site_name)

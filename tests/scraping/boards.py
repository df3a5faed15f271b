"""A local job-board server on 127.0.0.1 that answers every source kind at the paths the sources request.

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

A board can be made slow: a request whose path contains a key of ``delays`` is answered that many seconds late
(as a big board's listing is).

Unknown boards and removed pages answer 404. Every request's path and query is logged in ``requests``.

The payload builders deep-copy the fixtures of ``tests.scraping.payloads`` and give each board its own
company name and posting URLs, so postings of different tests never match through cross-source dedupe
(same canonical URL and title, or same title + company + description).
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.local_http import QuietHandler, base_url_of, local_server, running
from tests.scraping import payloads

ROBOTS_TXT = "User-agent: *\nDisallow: /private/\n"
TRACKING_SCRIPT = "<script>trackApply('board')</script>"
"""Appended to HTML descriptions, as boards' embedded trackers are: none of it may reach a stored job."""


@dataclass
class SmartRecruitersCompany:
    summaries: list[dict[str, Any]]
    details: dict[str, dict[str, Any]] = field(default_factory=dict)


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
        self.delays: dict[str, float] = {}
        self._lock = threading.Lock()
        boards = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                with boards._lock:
                    boards.requests.append(self.path)
                    delay = max((s for key, s in boards.delays.items() if key in self.path), default=0.0)
                if delay:
                    time.sleep(delay)  # this request's own thread: the other boards answer meanwhile
                status, content_type, body, headers = boards.answer(self.path)
                self.send_body(status, body, content_type=content_type, headers=headers)

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
        yield boards


# --- Per-board payloads --------------------------------------------------------------------------------------


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


def json_ld_page(company: str, slug: str) -> str:
    """The schema.org JobPosting page, hiring for `company`, whose posting URL ends in `slug`."""
    page = payloads.JSON_LD_PAGE
    assert "Globex Corporation" in page and "/jobs/staff-data-engineer?" in page
    return page.replace("Globex Corporation", company).replace("/jobs/staff-data-engineer?", f"/jobs/{slug}?")


def fallback_page(site_name: str) -> str:
    """The job page without structured data, on a careers site named `site_name`."""
    assert "Initech Careers" in payloads.FALLBACK_PAGE
    return payloads.FALLBACK_PAGE.replace("Initech Careers", site_name)

"""A local stand-in on 127.0.0.1 for each job board of issue 19, answering at the paths the sources ask, with the
payloads of ``tests.scraping.payloads`` (shaped as each board's documentation and public client code show them).

Each board is mounted under ``/{kind}/{tag}``: a test configures its source with ``base_url=boards.api(kind,
tag)`` and gets a board of its own (the server is shared by a test module). The boards behave like the real
ones where it matters to a scraper:

- Hacker News ``/v0/user/whoishiring.json`` and ``/v0/item/{id}.json`` (``null`` for an unknown item, as the
  API answers);
- RemoteOK ``/api`` (the legal notice first) and ``/api?tag=`` (only that tag's jobs; the notice alone when none);
- Remotive ``/api/remote-jobs`` with ``category`` (a slug), ``search`` (every word in the title, tags or
  description) and ``limit``;
- Arbeitnow ``/api/job-board-api?page=N`` with ``links.next`` (an absolute URL, null on the last page);
- Himalayas ``/jobs/api?limit=&offset=`` (at most 20 a request) and ``/jobs/api/search?q=&page=``;
- We Work Remotely ``/categories/{slug}.rss`` and ``/remote-jobs.rss``.

``failures`` makes the next requests whose path contains a key answer 429 with ``Retry-After`` (a rate-limited
board); ``requests`` logs every request's path and query.
"""

from __future__ import annotations

import copy
import json
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.local_http import QuietHandler, base_url_of, local_server, running
from tests.scraping import payloads

HIMALAYAS_MAX_LIMIT = 20


@dataclass
class HackerNewsBoard:
    user: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(payloads.HN_USER))
    items: dict[int, dict[str, Any] | None] = field(
        default_factory=lambda: copy.deepcopy({**payloads.HN_THREADS, **payloads.HN_COMMENTS})
    )


@dataclass
class Failure:
    """The next `times` requests whose path contains the key answer `status` with Retry-After `retry_after`."""

    status: int = 429
    retry_after: str = "1"
    times: int = 1


class JobBoards:
    """Every board's contents by (kind, tag) (mutable: tests change them) and the server answering them."""

    def __init__(self) -> None:
        self.hackernews: dict[str, HackerNewsBoard] = {}
        self.remoteok: dict[str, list[dict[str, Any]]] = {}
        self.remotive: dict[str, dict[str, Any]] = {}
        self.arbeitnow: dict[str, list[list[dict[str, Any]]]] = {}
        self.himalayas: dict[str, list[dict[str, Any]]] = {}
        self.weworkremotely: dict[str, dict[str, str]] = {}
        self.failures: dict[str, Failure] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        boards = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:
                with boards._lock:
                    boards.requests.append(self.path)
                    failure = next((f for key, f in boards.failures.items() if key in self.path and f.times), None)
                    if failure is not None:
                        failure.times -= 1
                if failure is not None:
                    self.send_json(
                        {"error": "rate limited"}, failure.status, headers={"Retry-After": failure.retry_after}
                    )
                    return
                status, content_type, body = boards.answer(self.path)
                self.send_body(status, body, content_type=content_type)

        self.server = local_server(Handler)
        self.base_url = base_url_of(self.server)

    def api(self, kind: str, tag: str) -> str:
        """The base URL to configure a source of `kind` with, for the board `tag`."""
        return f"{self.base_url}/{kind}/{tag}"

    def take_requests(self, marker: str) -> list[str]:
        with self._lock:
            taken = [r for r in self.requests if marker in r]
            self.requests = [r for r in self.requests if marker not in r]
        return taken

    # --- routing ---

    def answer(self, raw_path: str) -> tuple[int, str, str]:
        parts = urlsplit(raw_path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        segments = [s for s in parts.path.split("/") if s]
        if len(segments) < 2:
            return 404, "application/json", json.dumps({"error": "not found"})
        kind, tag, rest = segments[0], segments[1], "/" + "/".join(segments[2:])
        found: Any = _MISSING
        if kind == "hackernews" and tag in self.hackernews:
            found = self._hackernews(self.hackernews[tag], rest)
        elif kind == "remoteok" and tag in self.remoteok and rest == "/api":
            found = self._remoteok(self.remoteok[tag], query)
        elif kind == "remotive" and tag in self.remotive and rest == "/api/remote-jobs":
            found = self._remotive(self.remotive[tag], query)
        elif kind == "arbeitnow" and tag in self.arbeitnow and rest == "/api/job-board-api":
            found = self._arbeitnow(self.arbeitnow[tag], tag, query)
        elif kind == "himalayas" and tag in self.himalayas and rest in ("/jobs/api", "/jobs/api/search"):
            found = self._himalayas(self.himalayas[tag], rest, query)
        elif kind == "weworkremotely" and tag in self.weworkremotely:
            feed = self.weworkremotely[tag].get(rest)
            if feed is not None:
                return 200, "application/rss+xml; charset=utf-8", feed
        if found is _MISSING:
            return 404, "application/json", json.dumps({"error": "not found"})
        return 200, "application/json; charset=utf-8", json.dumps(found)

    def _hackernews(self, board: HackerNewsBoard, rest: str) -> Any:
        if rest == "/v0/user/whoishiring.json":
            return board.user
        match = re.fullmatch(r"/v0/item/(\d+)\.json", rest)
        if match is None:
            return _MISSING
        return board.items.get(int(match.group(1)))  # None -> "null", as HN answers an unknown id

    def _remoteok(self, jobs: list[dict[str, Any]], query: dict[str, str]) -> Any:
        tag = query.get("tag")
        if not tag:
            return jobs
        return [job for job in jobs if "legal" in job or tag in job.get("tags", [])]

    def _remotive(self, payload: dict[str, Any], query: dict[str, str]) -> Any:
        jobs = payload["jobs"]
        category = query.get("category")
        if category:
            jobs = [job for job in jobs if _slug(job.get("category", "")) == category]
        words = query.get("search", "").lower().split()
        if words:
            jobs = [job for job in jobs if all(word in _remotive_text(job) for word in words)]
        jobs = jobs[: int(query.get("limit", "1000"))]
        return {**{k: v for k, v in payload.items() if k != "jobs"}, "job-count": len(jobs), "jobs": jobs}

    def _arbeitnow(self, pages: list[list[dict[str, Any]]], tag: str, query: dict[str, str]) -> Any:
        number = int(query.get("page", "1"))
        data = pages[number - 1] if 1 <= number <= len(pages) else []
        path = f"{self.api('arbeitnow', tag)}/api/job-board-api"
        return {
            "data": data,
            "links": {
                "first": f"{path}?page=1",
                "last": None,
                "prev": f"{path}?page={number - 1}" if number > 1 else None,
                "next": f"{path}?page={number + 1}" if number < len(pages) else None,
            },
            "meta": {
                "current_page": number,
                "from": 1,
                "path": path,
                "per_page": 100,
                "to": len(data),
                "terms": "This is a free public API for jobs, please do not abuse. I would appreciate linking back.",
                "info": "Jobs are updated every hour and order by the newest job first.",
            },
        }

    def _himalayas(self, jobs: list[dict[str, Any]], rest: str, query: dict[str, str]) -> Any:
        if rest == "/jobs/api/search":
            words = query.get("q", "").lower().split()
            found = [job for job in jobs if all(word in _himalayas_text(job) for word in words)]
            page = int(query.get("page", "1"))
            return {"jobs": found[(page - 1) * HIMALAYAS_MAX_LIMIT : page * HIMALAYAS_MAX_LIMIT]}
        limit = min(int(query.get("limit", str(HIMALAYAS_MAX_LIMIT))), HIMALAYAS_MAX_LIMIT)
        offset = int(query.get("offset", "0"))
        return {"offset": offset, "limit": limit, "totalCount": len(jobs), "jobs": jobs[offset : offset + limit]}


_MISSING = object()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _remotive_text(job: dict[str, Any]) -> str:
    return " ".join([job.get("title", ""), job.get("description", ""), *job.get("tags", [])]).lower()


def _himalayas_text(job: dict[str, Any]) -> str:
    return " ".join([job.get("title", ""), job.get("description", ""), *job.get("categories", [])]).lower()


@contextmanager
def serving() -> Iterator[JobBoards]:
    boards = JobBoards()
    with running(boards.server):
        yield boards


# --- Per-test boards: the payloads with this test's own ids, URLs, company names and identifier ---------------
# Stored jobs are keyed by (kind, identifier, external id) and a scrape closes its source's jobs it no longer lists,
# so every test's board has an identifier of its own (`identifier(kind, tag)`) and ids no other board has.


def identifier(kind: str, tag: str) -> str:
    """The source identifier of this test's board of `kind`."""
    return {
        "hackernews": tag,  # the thread's item id
        "remoteok": f"t{tag}",  # a RemoteOK tag
        "remotive": f"cat-{tag}",  # a category slug
        "arbeitnow": f"t{tag}",  # a board tag
        "himalayas": f"t{tag}",  # a category
        "weworkremotely": f"programming-{tag}",  # a category feed
    }[kind]


def hn_comment_id(tag: str, number: int) -> int:
    """The id of the thread's comment `number` (1-7, in the order of ``payloads.HN_COMMENTS``) on board `tag`."""
    return int(tag) * 100 + number


def new_tag() -> str:
    """A test's own board names, companies and URLs: ten digits, so a company named after its board token
    ("acme-<tag>" -> "Acme <tag>") reads the same, and never a leading zero, so the tag is also an HN item id
    (a number) that reads back as written."""
    return str(10**9 + uuid.uuid4().int % (9 * 10**9))


def hackernews_board(tag: str) -> HackerNewsBoard:
    """The June 2025 thread as thread `tag` (an item id), with comment ids (so permalinks) and companies of its
    own: comment 91000NN becomes `hn_comment_id(tag, NN)`."""
    board = HackerNewsBoard()
    thread = board.items.pop(9000001)
    assert thread is not None
    thread["id"] = int(tag)
    thread["kids"] = [hn_comment_id(tag, kid - 9100000) for kid in thread["kids"]]
    board.user["submitted"] = [int(tag) if item == 9000001 else item for item in board.user["submitted"]]
    comments = {kid: board.items.pop(kid) for kid in list(board.items) if 9100000 < kid < 9200000}
    board.items[int(tag)] = thread
    for kid, item in comments.items():
        new_id = hn_comment_id(tag, kid - 9100000)
        if item is not None:
            item["id"] = new_id
            item["parent"] = int(tag)
            if "text" in item:
                # Links of its own too: a board copy with the same title and link is the same job (dedupe).
                text = item["text"].replace("https:&#x2F;&#x2F;", f"https:&#x2F;&#x2F;t{tag}.")
                text = text.replace("getgalaxy.io", f"getgalaxy-{tag}.io")
                item["text"] = re.sub(r"^([^|<\n(]+?)(\s*[|(])", lambda m: f"{m.group(1)} {tag}{m.group(2)}", text)
        board.items[new_id] = item
    return board


def remoteok_jobs(tag: str) -> list[dict[str, Any]]:
    jobs = copy.deepcopy(payloads.REMOTEOK_JOBS)
    for job in jobs:
        if "legal" in job:
            continue
        job["id"] = f"{job['id']}{tag}"
        job["tags"] = [*job.get("tags", []), identifier("remoteok", tag)]
        if "company" in job:
            job["company"] = f"{job['company']} {tag}"
        if "url" in job:
            job["url"] = f"{job['url']}-{tag}"
        if "apply_url" in job:
            job["apply_url"] = job["apply_url"].replace("/acme/", f"/acme-{tag}/")
    return jobs


def remotive_jobs(tag: str) -> dict[str, Any]:
    payload = copy.deepcopy(payloads.REMOTIVE_JOBS)
    for job in payload["jobs"]:
        job["id"] = int(f"{job['id']}{tag}")
        job["category"] = f"Cat {tag}"
        job["company_name"] = f"{job['company_name']} {tag}"
        job["url"] = f"{job['url']}-{tag}"
    return payload


def arbeitnow_pages(tag: str) -> list[list[dict[str, Any]]]:
    pages = copy.deepcopy(payloads.ARBEITNOW_PAGES)
    for page in pages:
        for job in page:
            job["slug"] = f"{job['slug']}-{tag}"
            job["tags"] = [*job["tags"], identifier("arbeitnow", tag)]
            job["company_name"] = f"{job['company_name']} {tag}"
            job["url"] = f"{job['url']}-{tag}"
    return pages


def himalayas_jobs(tag: str) -> list[dict[str, Any]]:
    jobs = copy.deepcopy(payloads.HIMALAYAS_JOBS)
    for job in jobs:
        job["categories"] = [*job.get("categories", []), f"T{tag}"]
        job["companyName"] = f"{job['companyName']} {tag}"
        job["guid"] = f"{job['guid']}-{tag}"
        job["applicationLink"] = f"{job['applicationLink']}-{tag}"
    return jobs


def weworkremotely_feeds(tag: str) -> dict[str, str]:
    feed = payloads.WWR_FEED.replace("Twikey:", f"Twikey {tag}:").replace("Acme &amp; Co:", f"Acme Co {tag}:")
    feed = feed.replace("Acme & Co:", f"Acme Co {tag}:").replace("/remote-jobs/", f"/remote-jobs/{tag}-")
    return {f"/categories/{identifier('weworkremotely', tag)}.rss": feed, "/remote-jobs.rss": feed}

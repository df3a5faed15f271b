"""One local site on 127.0.0.1 for the alert and freshness tests: job pages that answer conditional requests as
real servers do, a Greenhouse board and a RemoteOK feed (their APIs' shapes, as `tests.scraping.payloads` has
them), and webhook receivers that record what they are sent.

- ``/pages/...``: HTML job pages (``pages``), each with an ETag and a Last-Modified; a request whose
  If-None-Match is the page's ETag, or whose If-Modified-Since is not older than its Last-Modified, gets 304 and
  no body (RFC 9110 13.1). ``gone`` answers a page's path with that status (404, 410). ``etags=False`` on a page
  makes it send Last-Modified only.
- ``/greenhouse/v1/boards/{board}/jobs``: ``greenhouse[board]``.
- ``/remoteok/api?tag={tag}``: ``remoteok[tag]`` after RemoteOK's legal element.
- ``POST /hooks/{name}``: recorded in ``deliveries[name]`` (headers and raw body); answered with the next status
  of ``hook_statuses[name]`` (default 200).

Every request is logged in ``requests`` as (method, path, conditional headers).
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from skillgap.scraping.sources.base import prettify_token
from tests.local_http import QuietHandler, base_url_of, local_server, running

LAST_MODIFIED = email.utils.formatdate(1_700_000_000, usegmt=True)


@dataclass
class Page:
    html: str
    etags: bool = True
    last_modified: str = LAST_MODIFIED

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.html.encode()).hexdigest()[:16] + '"'


@dataclass
class Delivery:
    headers: dict[str, str]
    body: bytes


@dataclass
class Logged:
    method: str
    path: str
    if_none_match: str = ""
    if_modified_since: str = ""


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    gone: dict[str, int] = field(default_factory=dict)
    greenhouse: dict[str, dict[str, Any]] = field(default_factory=dict)
    remoteok: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    deliveries: dict[str, list[Delivery]] = field(default_factory=dict)
    hook_statuses: dict[str, list[int]] = field(default_factory=dict)
    requests: list[Logged] = field(default_factory=list)
    base_url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def logged(self, marker: str) -> list[Logged]:
        with self.lock:
            return [entry for entry in self.requests if marker in entry.path]

    def answer_get(self, handler: QuietHandler) -> None:
        parts = urlsplit(handler.path)
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        segments = [s for s in parts.path.split("/") if s]
        if parts.path == "/robots.txt":
            handler.send_body(200, "User-agent: *\nAllow: /\n", content_type="text/plain")
            return
        if parts.path in self.gone:
            handler.send_body(self.gone[parts.path], "<html><body>Not here</body></html>", content_type="text/html")
            return
        page = self.pages.get(parts.path)
        if page is not None:
            self._page(handler, page)
            return
        if segments[:1] == ["greenhouse"] and len(segments) == 5 and segments[4] == "jobs":
            board = self.greenhouse.get(segments[3])
            if board is not None:
                handler.send_json(board)
                return
        if segments == ["remoteok", "api"] and query.get("tag") in self.remoteok:
            legal = {"last_updated": 1_700_000_000, "legal": "API Terms of Service: link back to Remote OK."}
            handler.send_json([legal, *self.remoteok[query["tag"]]])
            return
        handler.send_json({"message": "Not Found"}, 404)

    def _page(self, handler: QuietHandler, page: Page) -> None:
        headers = {"Last-Modified": page.last_modified}
        if page.etags:
            headers["ETag"] = page.etag
        if_none_match = handler.headers.get("If-None-Match")
        if_modified_since = handler.headers.get("If-Modified-Since")
        if if_none_match is not None:
            fresh = page.etags and page.etag in [tag.strip() for tag in if_none_match.split(",")]
        elif if_modified_since is not None:
            since = email.utils.parsedate_to_datetime(if_modified_since)
            fresh = since >= email.utils.parsedate_to_datetime(page.last_modified)
        else:
            fresh = False
        if fresh:
            handler.send_response(304)
            for name, value in headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            return
        handler.send_body(200, page.html, content_type="text/html; charset=utf-8", headers=headers)

    def answer_post(self, handler: QuietHandler) -> None:
        segments = [s for s in urlsplit(handler.path).path.split("/") if s]
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        if segments[:1] != ["hooks"] or len(segments) != 2:
            handler.send_json({"message": "Not Found"}, 404)
            return
        name = segments[1]
        with self.lock:
            self.deliveries.setdefault(name, []).append(Delivery(dict(handler.headers.items()), body))
            statuses = self.hook_statuses.get(name) or []
            status = statuses.pop(0) if statuses else 200
        handler.send_body(status, json.dumps({"received": status < 300}))


@contextmanager
def serving() -> Iterator[Site]:
    site = Site()

    class Handler(QuietHandler):
        def _log(self) -> None:
            with site.lock:
                site.requests.append(
                    Logged(
                        self.command,
                        self.path,
                        self.headers.get("If-None-Match", ""),
                        self.headers.get("If-Modified-Since", ""),
                    )
                )

        def do_GET(self) -> None:
            self._log()
            site.answer_get(self)

        def do_POST(self) -> None:
            self._log()
            site.answer_post(self)

    server = local_server(Handler)
    site.base_url = base_url_of(server)
    with running(server):
        yield site


def json_ld_page(
    *,
    title: str,
    company: str,
    location: str,
    description: str,
    identifier: str,
    valid_through: str = "2099-12-31",
    notice: str = "",
    padding_words: int = 0,
) -> str:
    """A job page with a schema.org JobPosting, as career sites publish them; `notice` is a line of the page's
    own text outside the posting; `padding_words` adds the navigation, scripts and footer real pages carry."""
    city, _, country = location.partition(", ")
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": title,
        "description": description,
        "identifier": {"@type": "PropertyValue", "name": company, "value": identifier},
        "datePosted": "2026-11-20T09:00:00Z",
        "validThrough": valid_through,
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": company},
        "jobLocation": {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": city, "addressCountry": country},
        },
    }
    filler = " ".join(f"word{n % 97}" for n in range(padding_words))
    return (
        f"<!DOCTYPE html><html><head><title>{title} - {company}</title>"
        f'<script type="application/ld+json">{json.dumps(posting)}</script>'
        f"<script>window.analytics = {json.dumps(filler)};</script></head>"
        f"<body><nav>{filler[: len(filler) // 2]}</nav><main><h1>{title}</h1>"
        f"<p class='notice'>{notice}</p><div class='description'>{description}</div></main>"
        f"<footer>{filler[len(filler) // 2 :]}</footer></body></html>"
    )


def remoteok_copy(board: str, **changes: Any) -> dict[str, Any]:
    """RemoteOK's copy of the backend job of Greenhouse board `board` (`tests.support.boards.greenhouse_board`):
    its own id, page and wording, the company spelled with "Inc.", and the company's posting as its apply URL.
    Its page URL is the board's own too: the same URL and title are the same job, whichever test stored it."""
    job = {
        "id": "1093201",
        "slug": f"remote-senior-backend-engineer-{board}-1093201",
        "epoch": 1709132400,
        "date": "2024-02-28T15:00:00+00:00",
        "company": f"{prettify_token(board)} Inc.",
        "position": "Senior Backend Engineer",
        "tags": ["python", "backend"],
        "description": "<p>We are hiring a backend engineer. Python, PostgreSQL, Kubernetes.</p>",
        "location": "Worldwide",
        "url": f"https://remoteok.com/remote-jobs/remote-senior-backend-engineer-{board}-1093201",
        "apply_url": f"https://boards.greenhouse.io/{board}/jobs/4012345?utm_source=remoteok",
    }
    job.update(changes)
    return job

"""Arbeitnow: ``GET {base}/api/job-board-api`` paged by ``links.next`` (arbeitnow.com/blog/job-board-api).

The answer is ``{"data": [...], "links": {"first", "last", "prev", "next"}, "meta": {"current_page", "from",
"path", "per_page", "to", "terms", "info"}}``: ``per_page`` jobs a page (100-175 seen), newest first,
``links.next`` null on the last page. A job is ``slug`` (its id), ``company_name``, ``title``, ``description``
(HTML), ``remote`` (bool), ``url`` (its page on Arbeitnow), ``tags``, ``job_types`` ("full time",
"Berufserfahren", ...), ``location`` (a city, "Berlin") and ``created_at`` (Unix seconds). No search
parameters are documented: every page is read (at most ``max_pages``) and searches are filtered here; the
identifier "all" keeps every job, a tag ("devops") only the jobs the board tags so.

Terms (``meta.terms``): "This is a free public API for jobs, please do not abuse. I would appreciate linking
back to the site. By using the API, you agree to the terms of service present on Arbeitnow.com". Stored jobs
keep their Arbeitnow URL. Rate limit: the answers carry ``x-ratelimit-limit: 50`` (per window, undocumented);
the fetcher's per-host pacing (2 requests a second at most) and its 429/Retry-After handling stay within it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, ClassVar, Final
from urllib.parse import urljoin, urlsplit

from skillgap.jobs.normalize import employment_from, html_to_text, parse_time, plain_text, workplace_from
from skillgap.scraping.sources.base import (
    PagedSource,
    PageFetcher,
    ScrapedPosting,
    as_dict,
    as_list,
    as_str,
    has_tag,
    unique,
)

MAX_PAGES: Final = 50
"""Pages read at most (100-175 jobs each): the board lists a few thousand jobs."""


class ArbeitnowSource(PagedSource):
    kind = "arbeitnow"
    default_base_url = "https://www.arbeitnow.com"
    identifier_label = "'all' or one of the board's tags (e.g. 'devops')"
    board_wide_identifier = "all"
    max_pages = MAX_PAGES
    reads: ClassVar[str] = "Arbeitnow's public job-board API (jobs from European companies' ATS), page by page"
    terms_notice: ClassVar[str] = (
        "Arbeitnow's API terms: a free public API, not to be abused; link back to the site (stored jobs keep their "
        "Arbeitnow URL); answers carry a 50-request rate-limit window."
    )

    def first_page_url(self) -> str:
        return f"{self.base_url}/api/job-board-api"

    def next_page_url(self, current: str, links: dict[str, Any]) -> str:
        """The next page's URL, kept on the configured base (a `next` link on another host is not followed)."""
        next_url = as_str(links.get("next"))
        if not next_url:
            return ""
        resolved = urljoin(current, next_url)
        base = urlsplit(self.base_url)
        found = urlsplit(resolved)
        path_query = found.path + (f"?{found.query}" if found.query else "")
        if (found.scheme, found.netloc) != (base.scheme, base.netloc):
            # A mirror's links still name the public host: keep the path and query, on our base.
            return f"{self.base_url}{path_query}" if found.path.endswith("/api/job-board-api") else ""
        return resolved

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        url = self.first_page_url()
        seen_urls: set[str] = set()
        for number in range(1, self.max_pages + 1):
            self.activity = f"listing postings (page {number})"
            seen_urls.add(url)
            payload = as_dict(await fetcher.get_json(url))
            for item in as_list(payload.get("data")):
                posting = self.parse_job(as_dict(item))
                if posting is not None and has_tag(posting, self.identifier):
                    yield posting
            url = self.next_page_url(url, as_dict(payload.get("links")))
            if not url or url in seen_urls or not as_list(payload.get("data")):
                return
        self.notice = f"read the first {self.max_pages} pages only"

    def parse_job(self, job: dict[str, Any]) -> ScrapedPosting | None:
        external_id = as_str(job.get("slug"))
        title = plain_text(job.get("title"))
        description = html_to_text(as_str(job.get("description")))
        if not external_id or not title or not description:
            return None
        location = plain_text(job.get("location"))
        remote = job.get("remote") if isinstance(job.get("remote"), bool) else None
        job_types = [plain_text(kind) for kind in as_list(job.get("job_types"))]
        employment = next((e for e in map(employment_from, job_types) if e != "unspecified"), "unspecified")
        return self.posting(
            external_id=external_id,
            title=title,
            company=plain_text(job.get("company_name")) or "Unknown company",
            description=description,
            url=as_str(job.get("url")),
            locations=(location,) if location else (),
            workplace_type=workplace_from(remote=remote, location_text=location),
            employment_type=employment,
            post_time=parse_time(job.get("created_at")),
            tags=unique([plain_text(tag) for tag in as_list(job.get("tags"))]),
        )

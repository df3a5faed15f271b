"""Himalayas: ``GET {base}/jobs/api?limit=20&offset=N`` (the listing) and ``GET {base}/jobs/api/search?q=...&page=N``
(a search), both documented at himalayas.app/api.

The listing answers ``{"offset", "limit", "totalCount", "jobs": [...]}``, at most 20 jobs a request; the
search answers the same ``jobs`` (20 a page, pages from 1). A job is ``title``, ``excerpt``, ``companyName``,
``companySlug``, ``companyLogo``, ``employmentType`` ("Full Time", "Part Time", "Contractor", "Temporary",
"Intern"), ``minSalary`` / ``maxSalary`` with ``currency`` (public clients also read ``salaryCurrency``) and
``salaryPeriod`` ("annual", "hourly"...), ``seniority``, ``locationRestrictions`` (the countries or regions a
candidate must live in), ``timezoneRestrictions``, ``categories``, ``parentCategories``,
``description`` (HTML), ``pubDate`` and ``expiryDate`` (Unix seconds), ``applicationLink`` and ``guid`` (the
job's page on Himalayas, its id). Every Himalayas job is remote: the location restrictions are its remote region.

Terms (himalayas.app/api): free to use in applications and job boards with visible attribution, linking back to
the job on Himalayas; the API is rate limited (429 when exceeded). Stored jobs keep their Himalayas URL; the
fetcher's pacing and its 429/Retry-After handling apply; at most ``max_pages`` requests a scrape (the listing
holds tens of thousands of jobs; a scrape reads the newest ``max_pages * 20``). The identifier "all" keeps every
job, a category ("Backend-Engineer") only the jobs filed under it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, ClassVar, Final
from urllib.parse import urlencode, urlsplit

from skillgap.jobs.normalize import employment_from, html_to_text, make_salary, parse_time, plain_text
from skillgap.scraping.search_query import SearchQuery
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

PAGE_SIZE: Final = 20
"""Himalayas answers at most 20 jobs a request."""
MAX_PAGES: Final = 25
"""Requests a scrape or a search makes at most: the newest 500 jobs."""


class HimalayasSource(PagedSource):
    kind = "himalayas"
    default_base_url = "https://himalayas.app"
    identifier_label = "'all' or one of the board's categories (e.g. 'Backend-Engineer')"
    board_wide_identifier = "all"
    searchable = True
    max_pages = MAX_PAGES
    reads: ClassVar[str] = "Himalayas' public remote-jobs API (the newest jobs, or its own search)"
    terms_notice: ClassVar[str] = (
        "Himalayas' API terms: free with visible attribution and a link back to the job on Himalayas (stored jobs "
        "keep it); rate limited (429), at most 20 jobs a request."
    )

    def __init__(self, identifier: str, base_url: str | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(identifier, base_url, page_size=min(page_size, PAGE_SIZE))

    def page_url(self, offset: int) -> str:
        return f"{self.base_url}/jobs/api?{urlencode({'limit': self.page_size, 'offset': offset})}"

    def search_url(self, query: SearchQuery, page: int) -> str:
        params = {"q": " ".join(k.strip() for k in query.keywords if k.strip()), "page": page}
        return f"{self.base_url}/jobs/api/search?{urlencode(params)}"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        offset = 0
        for number in range(1, self.max_pages + 1):
            self.activity = f"listing postings (page {number})"
            payload = as_dict(await fetcher.get_json(self.page_url(offset)))
            jobs = as_list(payload.get("jobs"))
            for item in jobs:
                posting = self.parse_job(as_dict(item))
                if posting is not None and has_tag(posting, self.identifier):
                    yield posting
            offset += len(jobs)
            total = payload.get("totalCount")
            if not jobs or (isinstance(total, int) and offset >= total):
                return
        self.notice = f"read the newest {offset} jobs ({self.max_pages} pages)"

    async def search(self, fetcher: PageFetcher, query: SearchQuery) -> AsyncIterator[ScrapedPosting]:
        for page in range(1, self.max_pages + 1):
            self.activity = f"searching (page {page})"
            jobs = as_list(as_dict(await fetcher.get_json(self.search_url(query, page))).get("jobs"))
            for item in jobs:
                posting = self.parse_job(as_dict(item))
                if posting is not None and has_tag(posting, self.identifier) and query.matches(posting):
                    yield posting
            if len(jobs) < PAGE_SIZE:
                return

    def parse_job(self, job: dict[str, Any]) -> ScrapedPosting | None:
        url = as_str(job.get("guid"))
        title = plain_text(job.get("title"))
        description = html_to_text(as_str(job.get("description"))) or plain_text(job.get("excerpt"))
        if not url or not title or not description:
            return None
        restrictions = [plain_text(place) for place in as_list(job.get("locationRestrictions"))]
        currency = job.get("currency") or job.get("salaryCurrency")
        categories = [*as_list(job.get("parentCategories")), *as_list(job.get("categories"))]
        return self.posting(
            external_id=urlsplit(url).path.strip("/") or url,
            title=title,
            company=plain_text(job.get("companyName")) or "Unknown company",
            description=description,
            url=url,
            locations=(),
            workplace_type="remote",
            employment_type=employment_from(as_str(job.get("employmentType"))),
            # make_salary reads the period as the other boards' ("annual", "hourly"...); none given is a year.
            salary=make_salary(
                job.get("minSalary") or None, job.get("maxSalary") or None, currency, job.get("salaryPeriod")
            ),
            post_time=parse_time(job.get("pubDate")),
            tags=unique([plain_text(tag).replace("-", " ") for tag in categories]),
            remote_region=", ".join(unique(restrictions)),
            apply_url=as_str(job.get("applicationLink")),
        )

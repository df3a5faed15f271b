"""Remotive: ``GET {base}/api/remote-jobs`` with ``category``, ``search`` and ``limit`` (github.com/remotive-com/
remote-jobs-api, the API's README).

The answer is ``{"00-warning": ..., "0-legal-notice": ..., "job-count": N, "jobs": [...]}``; a job is ``id``,
``url`` (its page on Remotive), ``title``, ``company_name``, ``company_logo``, ``category``, ``tags``,
``job_type`` ("full_time", "contract", "part_time", "internship", "freelance", "other"),
``publication_date`` (ISO 8601 without a zone: UTC), ``candidate_required_location`` (the region a candidate
must be in, e.g. "Worldwide", "USA", "Europe"), ``salary`` (free text, often empty) and ``description`` (HTML).
Every job is remote: ``candidate_required_location`` is its remote region. Everything comes in one answer (no
paging); ``limit`` caps it.

Terms and rate limit (the README and the answer's legal notice): jobs are delayed by 24 hours; link back to the
job's Remotive URL and mention Remotive as the source; do not submit Remotive jobs to third-party job sites
(Jooble, Google Jobs, LinkedIn Jobs...); "there is absolutely no need to request Remotive Job data too
frequently ... a couple of times a day (we advise max. 4 times a day)". So: one request per scrape (or per
search), the stored job keeps its Remotive URL and source, and the kind's notice asks for an interval of at least
6 hours. The identifier is "all" or a category slug ("software-dev"); `search` asks Remotive with its ``search``
parameter (the keywords) and filters what Remotive does not (all keywords, the locations, remote only) here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, ClassVar, Final
from urllib.parse import urlencode

from skillgap.jobs.normalize import employment_from, html_to_text, parse_time, plain_text
from skillgap.scraping.search_query import SearchQuery
from skillgap.scraping.sources.base import (
    PageFetcher,
    ScrapedPosting,
    Source,
    as_dict,
    as_list,
    as_str,
    unique,
)
from skillgap.scraping.sources.hn_header import salary_from_text

MAX_JOBS: Final = 500
"""``limit`` asked of Remotive: one answer holds every job asked for."""


class RemotiveSource(Source):
    kind = "remotive"
    default_base_url = "https://remotive.com"
    identifier_label = "'all' or a Remotive category slug (e.g. 'software-dev')"
    board_wide_identifier = "all"
    searchable = True
    min_interval_minutes = 360
    reads: ClassVar[str] = "Remotive's public remote-jobs API (one category or all), asked with its own search"
    terms_notice: ClassVar[str] = (
        "Remotive's API terms: jobs are delayed 24 hours; link back to the job's Remotive URL and mention Remotive "
        "as the source; do not resubmit its jobs to other job sites; request it at most 4 times a day (schedule "
        "it every 360 minutes or more)."
    )

    def jobs_url(self, search: str = "") -> str:
        params: dict[str, str | int] = {}
        if self.identifier.lower() != "all":
            params["category"] = self.identifier.lower()
        if search:
            params["search"] = search
        params["limit"] = MAX_JOBS
        return f"{self.base_url}/api/remote-jobs?{urlencode(params)}"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        async for posting in self._read(fetcher, self.jobs_url()):
            yield posting

    async def search(self, fetcher: PageFetcher, query: SearchQuery) -> AsyncIterator[ScrapedPosting]:
        # Remotive's `search` is one free-text query; every keyword must still match, which is checked here.
        url = self.jobs_url(" ".join(k.strip() for k in query.keywords if k.strip()))
        async for posting in self._read(fetcher, url):
            if query.matches(posting):
                yield posting

    async def _read(self, fetcher: PageFetcher, url: str) -> AsyncIterator[ScrapedPosting]:
        payload = as_dict(await fetcher.get_json(url))
        for item in as_list(payload.get("jobs")):
            posting = self.parse_job(as_dict(item))
            if posting is not None:
                yield posting

    def parse_job(self, job: dict[str, Any]) -> ScrapedPosting | None:
        external_id = as_str(job.get("id"))
        title = plain_text(job.get("title"))
        description = html_to_text(as_str(job.get("description")))
        if not external_id or not title or not description:
            return None
        category = plain_text(job.get("category"))
        tags = [plain_text(tag) for tag in as_list(job.get("tags"))]
        return self.posting(
            external_id=external_id,
            title=title,
            company=plain_text(job.get("company_name")) or "Unknown company",
            description=description,
            url=as_str(job.get("url")),
            locations=(),
            workplace_type="remote",
            employment_type=employment_from(as_str(job.get("job_type"))),
            salary=salary_from_text(plain_text(job.get("salary"))),
            post_time=parse_time(job.get("publication_date")),
            tags=unique([category, *tags]),
            remote_region=plain_text(job.get("candidate_required_location")),
        )

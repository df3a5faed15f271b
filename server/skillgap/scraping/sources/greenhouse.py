"""Greenhouse job boards: ``GET {base}/v1/boards/{token}/jobs?content=true`` (all jobs in one response).

Each job's ``updated_at`` (with a digest of the job as listed) is its change signal: a job whose signal equals
the one stored at the last complete scrape is not normalised again (`scraping.freshness`)."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from typing import Any

from skillgap.jobs.normalize import (
    employment_from,
    html_to_text,
    make_salary,
    parse_time,
    plain_text,
    workplace_from,
)
from skillgap.scraping.freshness import change_signal
from skillgap.scraping.sources.base import (
    PageFetcher,
    ScrapedPosting,
    Source,
    as_dict,
    as_list,
    as_str,
    prettify_token,
    unique,
)

logger = logging.getLogger(__name__)


def _metadata(job: dict[str, Any], *names: str) -> object:
    for item in as_list(job.get("metadata")):
        entry = as_dict(item)
        name = as_str(entry.get("name")).casefold()
        if any(wanted in name for wanted in names):
            value = entry.get("value")
            return value[0] if isinstance(value, list) and value else value
    return None


class GreenhouseSource(Source):
    kind = "greenhouse"
    default_base_url = "https://boards-api.greenhouse.io"
    reads = "a company's Greenhouse job board: every job with its content in one answer"
    terms_notice = "Greenhouse's Job Board API is public (no key for GET); one request a board."

    def jobs_url(self) -> str:
        return f"{self.base_url}/v1/boards/{self.quoted_identifier}/jobs?content=true"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        payload = as_dict(await fetcher.get_json(self.jobs_url()))
        jobs = as_list(payload.get("jobs"))
        total = as_dict(payload.get("meta")).get("total")
        if isinstance(total, int) and total > len(jobs):
            logger.warning("greenhouse board %s lists %d of %d jobs", self.identifier, len(jobs), total)
        for item in jobs:
            job = as_dict(item)
            version = change_signal(as_str(job.get("updated_at")), job)
            if self.memory.is_unchanged(as_str(job.get("id")), version):
                continue
            posting = self.parse_job(job, version=version)
            if posting is not None:
                yield posting

    def parse_job(self, job: dict[str, Any], *, version: str = "") -> ScrapedPosting | None:
        external_id = as_str(job.get("id"))
        title = plain_text(job.get("title"))
        if not external_id or not title:
            return None
        location_name = plain_text(as_dict(job.get("location")).get("name"))
        locations = [part for part in re.split(r"\s*[;|]\s*", location_name) if part]
        pay = as_dict(next(iter(as_list(job.get("pay_input_ranges"))), None))
        salary = None
        if pay:
            low, high = pay.get("min_cents"), pay.get("max_cents")
            salary = make_salary(
                low / 100 if isinstance(low, int | float) else None,
                high / 100 if isinstance(high, int | float) else None,
                pay.get("currency_type"),
                pay.get("title") or "year",
            )
        return self.posting(
            external_id=external_id,
            title=title,
            company=plain_text(job.get("company_name")) or prettify_token(self.identifier),
            description=html_to_text(as_str(job.get("content"))),
            url=as_str(job.get("absolute_url")),
            locations=unique(locations),
            workplace_type=workplace_from(_metadata(job, "workplace", "remote"), location_text=location_name),
            employment_type=employment_from(_metadata(job, "employment type", "employment", "job type")),
            salary=salary,
            post_time=parse_time(job.get("first_published")) or parse_time(job.get("updated_at")),
            source_version=version,
        )

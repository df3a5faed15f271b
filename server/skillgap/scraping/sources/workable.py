"""Workable accounts: ``GET {base}/api/v1/widget/accounts/{slug}?details=true`` (all jobs in one response)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from skillgap.jobs.normalize import employment_from, html_to_text, parse_time, plain_text, workplace_from
from skillgap.scraping.sources.base import (
    PageFetcher,
    ScrapedPosting,
    Source,
    as_dict,
    as_list,
    as_str,
    join_location,
    prettify_token,
    unique,
)


class WorkableSource(Source):
    kind = "workable"
    default_base_url = "https://apply.workable.com"
    identifier_label = "account slug"
    reads = "a company's Workable account (its careers widget), with descriptions"
    terms_notice = "Workable's public widget API needs no key; one request an account."

    def account_url(self) -> str:
        return f"{self.base_url}/api/v1/widget/accounts/{self.quoted_identifier}?details=true"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        payload = as_dict(await fetcher.get_json(self.account_url()))
        company = plain_text(payload.get("name")) or prettify_token(self.identifier)
        for item in as_list(payload.get("jobs")):
            posting = self.parse_job(as_dict(item), company)
            if posting is not None:
                yield posting

    def parse_job(self, job: dict[str, Any], company: str) -> ScrapedPosting | None:
        external_id = as_str(job.get("shortcode")) or as_str(job.get("code"))
        title = plain_text(job.get("title"))
        if not external_id or not title:
            return None
        locations = [join_location(job.get("city"), job.get("state"), job.get("country"))]
        for item in as_list(job.get("locations")):
            entry = as_dict(item)
            if entry.get("hidden") is True:
                continue
            locations.append(join_location(entry.get("city"), entry.get("region"), entry.get("country")))
        remote = job.get("telecommuting")
        workplace = workplace_from(
            job.get("workplace_type") or job.get("workplace"), remote=remote if isinstance(remote, bool) else None
        )
        return self.posting(
            external_id=external_id,
            title=title,
            company=company,
            description=html_to_text(as_str(job.get("description"))),
            url=as_str(job.get("url")) or as_str(job.get("shortlink")) or as_str(job.get("application_url")),
            locations=unique(locations),
            workplace_type=workplace,
            employment_type=employment_from(job.get("employment_type")),
            salary=None,
            post_time=parse_time(job.get("published_on")) or parse_time(job.get("created_at")),
        )

"""SmartRecruiters: ``GET {base}/v1/companies/{id}/postings?limit=100&offset=N`` paged by ``totalFound``,
then ``GET {base}/v1/companies/{id}/postings/{postingId}`` for each posting's ``jobAd`` sections."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

from skillgap.jobs.normalize import employment_from, html_to_text, parse_time, plain_text, workplace_from
from skillgap.scraping.sources.base import (
    PagedSource,
    PageFetcher,
    ScrapedPosting,
    as_dict,
    as_list,
    as_str,
    join_location,
    prettify_token,
)

logger = logging.getLogger(__name__)

_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


class SmartRecruitersSource(PagedSource):
    kind = "smartrecruiters"
    default_base_url = "https://api.smartrecruiters.com"
    identifier_label = "company identifier"
    reads = "a company's SmartRecruiters postings, then each posting's details"
    terms_notice = "SmartRecruiters' public Posting API needs no key; list pages of 100 and one request a posting."

    def page_url(self, offset: int) -> str:
        return f"{self.base_url}/v1/companies/{self.quoted_identifier}/postings?limit={self.page_size}&offset={offset}"

    def detail_url(self, posting_id: str) -> str:
        return f"{self.base_url}/v1/companies/{self.quoted_identifier}/postings/{quote(posting_id, safe='')}"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        offset = 0
        for number in range(1, self.max_pages + 1):
            self.activity = f"listing postings (page {number})"
            payload = as_dict(await fetcher.get_json(self.page_url(offset)))
            content = as_list(payload.get("content"))
            for position, item in enumerate(content, start=1):
                summary = as_dict(item)
                posting_id = as_str(summary.get("id"))
                if not posting_id:
                    continue
                self.activity = f"reading posting details (page {number}: {position} of {len(content)})"
                try:
                    detail = as_dict(await fetcher.get_json(self.detail_url(posting_id)))
                except Exception as error:  # a posting closed between list and detail: keep the summary
                    logger.warning("smartrecruiters %s posting %s detail: %s", self.identifier, posting_id, error)
                    detail = {}
                posting = self.parse_posting({**summary, **detail})
                if posting is not None:
                    yield posting
            offset += len(content)
            total = payload.get("totalFound")
            if not content or (isinstance(total, int) and offset >= total):
                return
            if not isinstance(total, int) and len(content) < self.page_size:
                return

    def parse_posting(self, job: dict[str, Any]) -> ScrapedPosting | None:
        external_id = as_str(job.get("id"))
        title = plain_text(job.get("name"))
        if not external_id or not title:
            return None
        location = as_dict(job.get("location"))
        country = as_str(location.get("country"))
        location_text = plain_text(location.get("fullLocation")) or join_location(
            location.get("city"), location.get("region"), country.upper() if len(country) == 2 else country
        )
        sections = as_dict(as_dict(job.get("jobAd")).get("sections"))
        blocks: list[str] = []
        for name in _SECTIONS:
            section = as_dict(sections.get(name))
            text = html_to_text(as_str(section.get("text")))
            if text:
                heading = plain_text(section.get("title"))
                blocks.extend([heading, text] if heading else [text])
        employment = as_dict(job.get("typeOfEmployment"))
        employment_type = employment_from(employment.get("label"))
        if employment_type == "unspecified":
            employment_type = employment_from(employment.get("id"))
        company = as_dict(job.get("company"))
        company_name = plain_text(company.get("name")) or prettify_token(self.identifier)
        url = as_str(job.get("postingUrl")) or (
            f"https://jobs.smartrecruiters.com/{quote(as_str(company.get('identifier')) or self.identifier)}/"
            f"{quote(external_id)}"
        )
        return self.posting(
            external_id=external_id,
            title=title,
            company=company_name,
            description="\n".join(blocks),
            url=url,
            locations=(location_text,) if location_text else (),
            workplace_type=workplace_from(
                job.get("workplaceType"),
                remote=location.get("remote") if isinstance(location.get("remote"), bool) else None,
                hybrid=location.get("hybrid") if isinstance(location.get("hybrid"), bool) else None,
            ),
            employment_type=employment_type,
            salary=None,
            post_time=parse_time(job.get("releasedDate")),
        )

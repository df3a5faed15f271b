"""Ashby job boards: ``GET {base}/posting-api/job-board/{board}?includeCompensation=true`` (no paging)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from skillgap.jobs.models import Salary
from skillgap.jobs.normalize import (
    employment_from,
    html_to_text,
    make_salary,
    parse_time,
    plain_text,
    workplace_from,
)
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


def _salary(compensation: dict[str, Any]) -> Salary | None:
    components = list(as_list(compensation.get("summaryComponents")))
    for tier in as_list(compensation.get("compensationTiers")):
        components.extend(as_list(as_dict(tier).get("components")))
    for item in components:
        component = as_dict(item)
        if as_str(component.get("compensationType")).casefold() != "salary":
            continue
        salary = make_salary(
            component.get("minValue"),
            component.get("maxValue"),
            component.get("currencyCode"),
            component.get("interval"),
        )
        if salary is not None:
            return salary
    return None


def _address_text(address: object) -> str:
    postal = as_dict(as_dict(address).get("postalAddress"))
    return join_location(postal.get("addressLocality"), postal.get("addressRegion"), postal.get("addressCountry"))


class AshbySource(Source):
    kind = "ashby"
    default_base_url = "https://api.ashbyhq.com"
    identifier_label = "job board name"
    reads = "a company's Ashby job board, with compensation"
    terms_notice = "Ashby's public job posting API needs no key; one request a board."

    def board_url(self) -> str:
        return f"{self.base_url}/posting-api/job-board/{self.quoted_identifier}?includeCompensation=true"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        payload = as_dict(await fetcher.get_json(self.board_url()))
        for item in as_list(payload.get("jobs")):
            posting = self.parse_job(as_dict(item))
            if posting is not None:
                yield posting

    def parse_job(self, job: dict[str, Any]) -> ScrapedPosting | None:
        external_id = as_str(job.get("id"))
        title = plain_text(job.get("title"))
        if not external_id or not title or job.get("isListed") is False:
            return None
        location = plain_text(job.get("location")) or _address_text(job.get("address"))
        locations = [location]
        for item in as_list(job.get("secondaryLocations")):
            entry = as_dict(item)
            locations.append(plain_text(entry.get("location")) or _address_text(entry.get("address")))
        is_remote = job.get("isRemote")
        return self.posting(
            external_id=external_id,
            title=title,
            company=plain_text(job.get("organizationName")) or prettify_token(self.identifier),
            description=html_to_text(as_str(job.get("descriptionHtml")))
            or html_to_text(as_str(job.get("descriptionPlain"))),
            url=as_str(job.get("jobUrl")),
            locations=unique(locations),
            workplace_type=workplace_from(
                job.get("workplaceType"), remote=is_remote if isinstance(is_remote, bool) else None
            ),
            employment_type=employment_from(job.get("employmentType")),
            salary=_salary(as_dict(job.get("compensation"))),
            post_time=parse_time(job.get("publishedAt")),
        )

"""Lever postings: ``GET {base}/v0/postings/{site}?mode=json&skip=N&limit=100`` until a short page."""

from __future__ import annotations

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
from skillgap.scraping.sources.base import (
    PagedSource,
    PageFetcher,
    ScrapedPosting,
    as_dict,
    as_list,
    as_str,
    prettify_token,
    unique,
)


class LeverSource(PagedSource):
    kind = "lever"
    default_base_url = "https://api.lever.co"
    identifier_label = "site name"
    reads = "a company's Lever postings, page by page"
    terms_notice = "Lever's postings API README: published postings are publicly viewable and may be scraped."

    def page_url(self, skip: int) -> str:
        return f"{self.base_url}/v0/postings/{self.quoted_identifier}?mode=json&skip={skip}&limit={self.page_size}"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        skip = 0
        for number in range(1, self.max_pages + 1):
            self.activity = f"listing postings (page {number})"
            page = as_list(await fetcher.get_json(self.page_url(skip)))
            for item in page:
                posting = self.parse_posting(as_dict(item))
                if posting is not None:
                    yield posting
            if len(page) < self.page_size:
                return
            skip += len(page)

    def parse_posting(self, job: dict[str, Any]) -> ScrapedPosting | None:
        external_id = as_str(job.get("id"))
        title = plain_text(job.get("text"))
        if not external_id or not title:
            return None
        categories = as_dict(job.get("categories"))
        location = plain_text(categories.get("location"))
        all_locations = [plain_text(item) for item in as_list(categories.get("allLocations"))]
        salary_range = as_dict(job.get("salaryRange"))
        salary = None
        if salary_range:
            salary = make_salary(
                salary_range.get("min"),
                salary_range.get("max"),
                salary_range.get("currency"),
                salary_range.get("interval"),
            )
        return self.posting(
            external_id=external_id,
            title=title,
            company=prettify_token(self.identifier),
            description=self.description(job),
            url=as_str(job.get("hostedUrl")),
            locations=unique([location, *all_locations]),
            workplace_type=workplace_from(job.get("workplaceType"), location_text=location),
            employment_type=employment_from(categories.get("commitment")),
            salary=salary,
            post_time=parse_time(job.get("createdAt")),
        )

    @staticmethod
    def description(job: dict[str, Any]) -> str:
        """The opening, then each list (heading line and its items), then the closing text."""
        blocks = [html_to_text(as_str(job.get("description"))) or html_to_text(as_str(job.get("descriptionPlain")))]
        for item in as_list(job.get("lists")):
            entry = as_dict(item)
            blocks.append(plain_text(entry.get("text")))
            blocks.append(html_to_text(as_str(entry.get("content"))))
        blocks.append(html_to_text(as_str(job.get("additional"))) or html_to_text(as_str(job.get("additionalPlain"))))
        return "\n".join(block for block in blocks if block)

"""RemoteOK: ``GET {base}/api`` (every current remote job in one JSON array), or ``GET {base}/api?tag={tag}``.

What was read: the API's own answer, whose first element is not a job but its terms,
``{"last_updated": <unix>, "legal": "API Terms of Service: Please link back to the URL on Remote OK and mention
Remote OK as a source, so we get traffic back from your site. If you do not we'll have to suspend API access.
..."}``; then one object per job: ``id`` (a string), ``slug``, ``epoch`` (Unix seconds), ``date`` (ISO 8601),
``company``, ``position`` (the title), ``tags``, ``description`` (HTML), ``location`` (a free-text region, often
"Worldwide", may be empty or null), ``salary_min`` / ``salary_max`` (USD a year, 0 = not given), ``apply_url``
and ``url`` (the job's page on RemoteOK). Public client code (JobSpy-like aggregators, the many
"remoteok.com/api" readers on GitHub) all skip element 0 and read these fields; for a tag that matches nothing
the answer is the legal element alone. There is no paging and no documented rate limit; one request a scrape.

Terms, as the answer states them: link back to the job's RemoteOK URL and name Remote OK as the source. A
stored job's URL is that RemoteOK page and its source kind names RemoteOK; the legal text is recorded as the
kind's notice (ListScrapeSources). Every RemoteOK job is remote: ``location`` is its remote region.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, ClassVar
from urllib.parse import quote

from skillgap.jobs.normalize import html_to_text, make_salary, parse_time, plain_text
from skillgap.scraping.sources.base import (
    PageFetcher,
    ScrapedPosting,
    Source,
    as_dict,
    as_list,
    as_str,
    unique,
)


class RemoteOkSource(Source):
    kind = "remoteok"
    default_base_url = "https://remoteok.com"
    identifier_label = "'all' or a RemoteOK tag (e.g. 'python')"
    board_wide_identifier = "all"
    reads: ClassVar[str] = "RemoteOK's public JSON API: every current remote job in one answer (or one tag's)"
    terms_notice: ClassVar[str] = (
        "RemoteOK's API terms (in its answer): link back to the job's URL on Remote OK and mention Remote OK as "
        "the source, or API access is suspended. Stored jobs keep that URL and their source."
    )

    def jobs_url(self) -> str:
        if self.identifier.lower() == "all":
            return f"{self.base_url}/api"
        return f"{self.base_url}/api?tag={quote(self.identifier.lower(), safe='')}"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        payload = as_list(await fetcher.get_json(self.jobs_url()))
        for item in payload:
            job = as_dict(item)
            if "legal" in job and "position" not in job:
                continue  # the terms, not a job
            posting = self.parse_job(job)
            if posting is not None:
                yield posting

    def parse_job(self, job: dict[str, Any]) -> ScrapedPosting | None:
        external_id = as_str(job.get("id")) or as_str(job.get("slug"))
        title = plain_text(job.get("position"))
        description = html_to_text(as_str(job.get("description")))
        if not external_id or not title or not description:
            return None
        region = plain_text(job.get("location"))
        low, high = job.get("salary_min"), job.get("salary_max")
        salary = make_salary(low or None, high or None, "USD", "year")  # 0 means "not given"
        return self.posting(
            external_id=external_id,
            title=title,
            company=plain_text(job.get("company")) or "Unknown company",
            description=description,
            url=as_str(job.get("url")) or f"{self.base_url}/remote-jobs/{quote(external_id)}",
            locations=(),
            workplace_type="remote",
            salary=salary,
            post_time=parse_time(job.get("date")) or parse_time(job.get("epoch")),
            tags=unique([plain_text(tag) for tag in as_list(job.get("tags"))]),
            remote_region=region,
            apply_url=as_str(job.get("apply_url")),
        )

"""A job page URL: its schema.org ``JobPosting`` JSON-LD, else what a person reads off the page.

Without JSON-LD (or for what it leaves out), the title, company and location come from `page_reading` and the
description from `page_description` (the ATS's posting body or trafilatura's main text, without the apply form,
job alert or cookie banner). The JSON-LD's title loses a trailing ", Company"; a JSON-LD location that is only a
country code comes after the page's own location; a JSON-LD description that is only a teaser of the ad gives way
to the page's text.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import AsyncIterator, Iterator
from typing import Any, Final
from urllib.parse import urlsplit

from lxml import etree

from skillgap.errors import quoted
from skillgap.jobs.models import Salary
from skillgap.jobs.normalize import (
    MAX_HTML_CHARS,
    canonical_url,
    employment_from,
    host_of,
    html_to_text,
    make_salary,
    parse_time,
    plain_text,
)
from skillgap.scraping.fetch import HttpStatusError, NotModified
from skillgap.scraping.sources.base import (
    MAX_URL_CHARS,
    PageFetcher,
    ScrapedPosting,
    Source,
    SourceError,
    as_dict,
    as_str,
    join_location,
    load_script_json,
    unique,
)
from skillgap.scraping.sources.page_closed import closing_words, expired_notice
from skillgap.scraping.sources.page_description import page_description
from skillgap.scraping.sources.page_reading import PageFacts, page_workplace, read_page_facts, unwrap_title

MAX_JSON_LD_BLOCKS = 50
MAX_JSON_LD_CHARS = 1_000_000
_MAX_WALK = 10_000


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1].casefold() for v in values if isinstance(v, str)]


def _walk(data: object) -> Iterator[dict[str, Any]]:
    """Every dict in a JSON-LD value, breadth first, bounded."""
    queue: deque[object] = deque([data])
    seen = 0
    while queue and seen < _MAX_WALK:
        node = queue.popleft()
        seen += 1
        if isinstance(node, list):
            queue.extend(node)
        elif isinstance(node, dict):
            yield node
            for key in ("@graph", "mainEntity", "itemListElement", "item"):
                if key in node:
                    queue.append(node[key])


def _location_text(place: object) -> str:
    if isinstance(place, str):
        return plain_text(place)
    node = as_dict(place)
    address: object = node.get("address")
    if isinstance(address, str):
        return plain_text(address)
    postal = as_dict(address)
    country: object = postal.get("addressCountry")
    if isinstance(country, dict):
        country = country.get("name")
    return join_location(
        plain_text(postal.get("addressLocality")), plain_text(postal.get("addressRegion")), plain_text(country)
    ) or plain_text(node.get("name"))


_COUNTRY_CODE = re.compile(r"^[A-Z]{2,3}$")
_HTML_CLOSE = re.compile(r"</html\s*>", re.IGNORECASE)
_TEASER_CHARS: Final = 300
"""A JSON-LD description shorter than this may only announce the ad; the page's own text is read then."""


def _without_company(title: str, company: str) -> str:
    """ "Sovellusarkkitehti, Esko Systems Oy" -> "Sovellusarkkitehti": a JSON-LD title that ends with its company."""
    if not company:
        return title
    trimmed = re.sub(rf"\s*(?:[,|\-–—]|\s(?:at|@|bei|chez))\s*{re.escape(company)}\s*$", "", title, flags=re.IGNORECASE)
    return trimmed if trimmed.strip() else title


def _salary(base_salary: object) -> Salary | None:
    node = as_dict(base_salary)
    value: object = node.get("value")
    if isinstance(value, dict):
        single = value.get("value")
        return make_salary(
            value.get("minValue", single), value.get("maxValue", single), node.get("currency"), value.get("unitText")
        )
    return make_salary(value, value, node.get("currency"), node.get("unitText"))


class JobPageSource(Source):
    kind = "job_page"
    default_base_url = ""
    identifier_label = "job page URL"
    reads = "one job page: its schema.org JobPosting (JSON-LD), or its main text"
    terms_notice = "Fetched only where the site's robots.txt allows SkillGap's user agent (checked before every page)."

    @classmethod
    def validate_identifier(cls, identifier: str) -> str:
        value = identifier.strip() if isinstance(identifier, str) else ""
        if len(value) > MAX_URL_CHARS:
            raise SourceError(
                "identifier",
                f"a job page URL is {len(value)} characters long; at most {MAX_URL_CHARS} characters",
            )
        try:
            parts = urlsplit(value)
            valid = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:
            valid = False
        if not valid:
            raise SourceError("identifier", f"job_page source needs an http(s) job page URL, got {quoted(identifier)}")
        return value

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        self.activity = "reading the job page"
        known = self.memory.validators.get(self.identifier)
        try:
            page = await fetcher.get_text(self.identifier, html_page=True, validators=known)
        except NotModified:
            # As at the last complete scrape: what was stored from it stays, marked seen; nothing is read.
            assert known is not None
            self.memory.everything_unchanged = True
            self.memory.fetched_validators[self.identifier] = known
            return
        except HttpStatusError as exc:
            if exc.status not in (404, 410):
                raise
            # Taken down: an empty listing, so the job stored from this page is closed like a posting that
            # left its board. Said in the run's status, as it is also what a mistyped URL looks like.
            self.notice = (
                f"the job page answered HTTP {exc.status}: no posting there (any job stored from it is closed)"
            )
            return
        posting, closed = self.read_page(page.text, page.url or self.identifier)
        if closed:
            # Still online but over: an empty listing too, so the job stored from it is closed.
            self.notice = f"{closed}: the posting is closed (any job stored from this page is closed)"
            return
        if posting is not None:
            if page.validators:
                self.memory.fetched_validators[self.identifier] = page.validators
            yield posting

    def parse_page(self, page_html: str, page_url: str) -> ScrapedPosting | None:
        return self.read_page(page_html, page_url)[0]

    def read_page(self, page_html: str, page_url: str) -> tuple[ScrapedPosting | None, str]:
        """The page's posting, and why the page says it is closed (empty while it is open)."""
        page_html = page_html[:MAX_HTML_CHARS]
        root = self._parse(page_html)
        if root is not None:
            job = self._find_job_posting(root)
            if job is not None:
                posting = self._from_json_ld(job, root, page_url, page_html)
                description = posting.description if posting is not None else ""
                return posting, expired_notice(job.get("validThrough")) or closing_words(root, description)
        posting = self._fallback(page_html, root, page_url)
        return posting, closing_words(root, posting.description if posting is not None else "")

    @staticmethod
    def _parse(page_html: str) -> Any:
        if not page_html.strip():
            return None
        parser = etree.HTMLParser(recover=True, huge_tree=False, remove_comments=True, encoding="utf-8")
        # A browser shows what a page writes after a stray "</html>" (its body, its JSON-LD); libxml2 drops it.
        page_html = _HTML_CLOSE.sub("", page_html)
        try:
            return etree.fromstring(page_html.encode("utf-8", errors="replace"), parser=parser)
        except (etree.LxmlError, ValueError):
            return None

    @staticmethod
    def _find_job_posting(root: Any) -> dict[str, Any] | None:
        blocks = 0
        for script in root.iter("script"):
            if as_str(script.get("type")).casefold().replace(" ", "") != "application/ld+json":
                continue
            blocks += 1
            if blocks > MAX_JSON_LD_BLOCKS:
                break
            raw = script.text or ""
            if len(raw) > MAX_JSON_LD_CHARS:
                continue
            for node in _walk(load_script_json(raw)):
                if "jobposting" in _types(node):
                    return node
        return None

    def _from_json_ld(self, job: dict[str, Any], root: Any, page_url: str, page_html: str) -> ScrapedPosting | None:
        facts = read_page_facts(root, page_url)
        title = plain_text(job.get("title")) or plain_text(job.get("name")) or facts.title
        if not title:
            return None
        organization: object = job.get("hiringOrganization")
        if isinstance(organization, str):
            company = plain_text(organization)
        else:
            company = plain_text(as_dict(organization).get("name"))
        job_locations = job.get("jobLocation")
        places = job_locations if isinstance(job_locations, list) else [job_locations]
        locations = [_location_text(place) for place in places if place]
        if not locations:
            requirements: object = job.get("applicantLocationRequirements")
            for requirement in requirements if isinstance(requirements, list) else [requirements]:
                name = plain_text(as_dict(requirement).get("name"))
                if name:
                    locations.append(f"Remote ({name})")
        if not locations:
            locations = list(facts.locations)
        elif facts.locations and all(_COUNTRY_CODE.match(place) for place in locations):
            # A bare country code ("PT") says less than the page's own location ("Remoto"): the page's first
            locations = [*facts.locations, *locations]
        location_type: object = job.get("jobLocationType")
        if isinstance(location_type, list):
            location_type = next((v for v in location_type if isinstance(v, str)), None)
        url = canonical_url(as_str(job.get("url")) or page_url)
        identifier: object = job.get("identifier")
        external_id = as_str(as_dict(identifier).get("value")) if isinstance(identifier, dict) else as_str(identifier)
        company = company or facts.company
        description = html_to_text(as_str(job.get("description")))
        if len(description) < _TEASER_CHARS:
            # A one-line JSON-LD description ("We are looking for a web developer") is a teaser of the ad the page
            # shows: the page's text, when it says more.
            on_page = page_description(page_html, root, page_url, header=(title, *facts.locations))
            if len(on_page) > 2 * len(description):
                description = on_page
        return self.posting(
            external_id=external_id or url,
            title=unwrap_title(_without_company(title, company)),
            company=company,
            description=description,
            url=url,
            locations=unique(locations),
            workplace_type=page_workplace(locations, location_type),
            employment_type=employment_from(job.get("employmentType")),
            salary=_salary(job.get("baseSalary")),
            post_time=parse_time(job.get("datePosted")),
        )

    def _fallback(self, page_html: str, root: Any, page_url: str) -> ScrapedPosting | None:
        facts = read_page_facts(root, page_url) if root is not None else PageFacts("", "", ())
        description = page_description(page_html, root, page_url, header=(facts.title, *facts.locations))
        if not facts.title and not description:
            return None
        url = canonical_url(page_url)
        locations = facts.locations
        return self.posting(
            external_id=url,
            title=facts.title or host_of(page_url),
            company=facts.company or host_of(page_url),
            description=description,
            url=url,
            locations=locations,
            workplace_type=page_workplace(locations),
        )

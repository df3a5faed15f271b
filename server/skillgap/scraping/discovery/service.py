"""Company discovery: read a careers page (or a domain's home page and the careers pages it links to) through the
scrapers' SSRF-guarded fetcher and offer the job boards it points to as sources; a page without any offers its
schema.org JobPosting pages instead. No gRPC here.

Bounded: at most MAX_CAREERS_PAGES + MAX_JOB_PAGES + 1 pages, each at most MAX_PAGE_BYTES, all within
DISCOVERY_SECONDS; the reading of each page runs in a thread. The fetcher refuses non-public addresses (each
redirect too), obeys robots.txt and paces requests per host, as scrapes do."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import urlsplit

from skillgap.errors import FailedPrecondition, FieldViolation, InvalidArgument, Unavailable, quoted
from skillgap.scraping.discovery.pages import PageReading, read_page
from skillgap.scraping.discovery.signatures import AtsSignatures, Finding
from skillgap.scraping.fetch import (
    MIB,
    ConnectionFailed,
    Fetcher,
    FetchError,
    FetchPolicy,
    FetchTimeout,
    UnsafeUrl,
)
from skillgap.scraping.runs import MAX_URL_CHARS, SourceSpec

log = logging.getLogger(__name__)

MAX_CAREERS_PAGES: Final = 3
"""Careers pages followed from a home page."""
MAX_JOB_PAGES: Final = 10
"""Job pages read when looking for JSON-LD."""
MAX_JOB_PAGE_SOURCES: Final = 20
MAX_EVIDENCE: Final = 5
MAX_PAGE_BYTES: Final = 2 * MIB
DISCOVERY_SECONDS: Final = 30.0


@dataclass
class DiscoveredSource:
    source: SourceSpec
    evidence: list[tuple[str, str]] = field(default_factory=list)
    """(page URL, snippet) pairs, at most MAX_EVIDENCE."""
    already_configured: bool = False


@dataclass
class Discovery:
    sources: list[DiscoveredSource] = field(default_factory=list)
    pages_read: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Page:
    url: str
    reading: PageReading


class DiscoveryService:
    def __init__(
        self,
        *,
        allowed_hosts: str,
        configured: Sequence[SourceSpec],
        signatures: AtsSignatures | None = None,
        seconds: float = DISCOVERY_SECONDS,
    ) -> None:
        self._policy = FetchPolicy.from_setting(
            allowed_hosts,
            max_response_bytes=MAX_PAGE_BYTES,
            max_retries=1,
            attempt_timeout_seconds=15.0,
            read_timeout_seconds=10.0,
        )
        self.configured = tuple(configured)
        self._signatures = signatures or AtsSignatures.packaged()
        self._seconds = seconds

    async def discover(self, url: str) -> Discovery:
        target, from_domain = _target(url)
        found = Discovery()
        by_key: dict[tuple[str, str, str], DiscoveredSource] = {}
        named = self._signatures.from_url(target)
        if named is not None:  # the URL given is the board itself
            self._add(found, by_key, named, "the URL given")
            found.sources = list(by_key.values())
            return found
        # Built in a thread: an HTTP client loads the TLS trust store (~25 ms of blocked event loop).
        fetcher = await asyncio.to_thread(Fetcher, self._policy)
        async with fetcher:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + self._seconds
            try:
                async with asyncio.timeout_at(deadline):
                    first = await self._read_first(fetcher, target)
            except TimeoutError:
                raise Unavailable(
                    f"url: {_host(target)} did not answer within {self._seconds:.0f} s", reason="DISCOVERY_TIMEOUT"
                ) from None
            pages = [await self._take(found, by_key, first)]
            try:
                async with asyncio.timeout_at(deadline):
                    if not by_key and from_domain:
                        for link in pages[0].reading.careers_links[:MAX_CAREERS_PAGES]:
                            page = await self._read_more(fetcher, link, found)
                            if page is not None:
                                pages.append(await self._take(found, by_key, page))
                    if not by_key:
                        await self._job_pages(fetcher, pages, found, by_key)
            except TimeoutError:
                found.notes.append(f"stopped after {self._seconds:.0f} s: the pages after were not read")
        boards = [entry for entry in by_key.values() if entry.source.kind != "job_page"]
        # A board found on a job page wins over the job pages: it lists them all.
        found.sources = boards or list(by_key.values())
        return found

    async def _read_first(self, fetcher: Fetcher, url: str) -> tuple[str, str]:
        """The page's final URL and text; the fetcher's refusal as the caller's error (INVALID_ARGUMENT for an
        address that is not public, UNAVAILABLE when the host cannot be reached, FAILED_PRECONDITION otherwise)."""
        try:
            page = await fetcher.get_text(url, html_page=True)
        except UnsafeUrl as exc:  # the URL or a redirect leads to a non-public address
            raise InvalidArgument(
                f"url: {exc.message}", reason=exc.reason, violations=[FieldViolation("url", exc.message)]
            ) from None
        except InvalidArgument as exc:  # HostNotFound
            raise InvalidArgument(
                f"url: {exc.message}", reason=exc.reason, violations=[FieldViolation("url", exc.message)]
            ) from None
        except (ConnectionFailed, FetchTimeout) as exc:
            raise Unavailable(f"url: {exc.message}; try again later", reason=exc.reason) from None
        except FetchError as exc:
            raise FailedPrecondition(f"could not read {quoted(url)}: {exc.message}", reason=exc.reason) from None
        return page.url or url, page.text

    async def _read_more(self, fetcher: Fetcher, url: str, found: Discovery) -> tuple[str, str] | None:
        """A page after the first: one that cannot be read is a note, not a failure."""
        try:
            page = await fetcher.get_text(url, html_page=True)
        except FetchError as exc:
            found.notes.append(f"could not read {url[:200]}: {exc.message}")
            return None
        return page.url or url, page.text

    async def _take(
        self, found: Discovery, by_key: dict[tuple[str, str, str], DiscoveredSource], page: tuple[str, str]
    ) -> _Page:
        """Record a page read: the boards it points to, the notes on it, and what it offers to follow."""
        url, text = page
        found.pages_read.append(url)
        findings, hints, reading = await asyncio.to_thread(self._read, url, text)
        for finding in findings:
            self._add(found, by_key, finding, url)
        for note in hints:
            if note not in found.notes:
                found.notes.append(note)
        return _Page(url, reading)

    def _read(self, url: str, text: str) -> tuple[list[Finding], list[str], PageReading]:
        findings = []
        redirected = self._signatures.from_url(url)
        if redirected is not None:
            findings.append(redirected)
        findings += self._signatures.find(text)
        reading = read_page(
            text,
            url,
            careers_words=self._signatures.careers_link_words,
            job_words=self._signatures.job_link_words,
        )
        return findings, self._signatures.hints(text), reading

    async def _job_pages(
        self,
        fetcher: Fetcher,
        pages: list[_Page],
        found: Discovery,
        by_key: dict[tuple[str, str, str], DiscoveredSource],
    ) -> None:
        """No board: offer the job pages with JobPosting data, those the pages read name and those their job links
        lead to (at most MAX_JOB_PAGES read)."""
        for page in pages:
            if page.reading.is_job_page:
                self._add_job_page(found, by_key, page.url, page.url, "JobPosting data on the page")
            for posting in page.reading.posting_urls:
                self._add_job_page(found, by_key, posting, page.url, "JobPosting data naming this page")
        links = [link for page in pages for link in page.reading.job_links]
        for link in list(dict.fromkeys(links))[:MAX_JOB_PAGES]:
            if len(by_key) >= MAX_JOB_PAGE_SOURCES:
                break
            if (("job_page", link.casefold(), "")) in by_key:
                continue
            read = await self._read_more(fetcher, link, found)
            if read is None:
                continue
            page = await self._take(found, by_key, read)
            if page.reading.job_postings:  # its own posting, whatever canonical URL the data gives it
                self._add_job_page(found, by_key, link, page.url, "JobPosting data on the page")
        if not by_key and pages:
            found.notes.append("no job board and no page with schema.org JobPosting data was found")

    def _add_job_page(
        self,
        found: Discovery,
        by_key: dict[tuple[str, str, str], DiscoveredSource],
        url: str,
        page_url: str,
        what: str,
    ) -> None:
        if len(by_key) < MAX_JOB_PAGE_SOURCES and len(url) <= MAX_URL_CHARS:
            self._add(found, by_key, Finding("job_page", url, "", what), page_url)

    def _add(
        self,
        found: Discovery,
        by_key: dict[tuple[str, str, str], DiscoveredSource],
        finding: Finding,
        page_url: str,
    ) -> None:
        entry = by_key.get(finding.key)
        if entry is None:
            spec = SourceSpec(finding.kind, finding.identifier, finding.base_url)
            configured = {(s.kind, s.identifier.casefold(), s.base_url) for s in self.configured}
            entry = DiscoveredSource(spec, already_configured=finding.key in configured)
            by_key[finding.key] = entry
        evidence = (page_url, finding.snippet)
        if len(entry.evidence) < MAX_EVIDENCE and evidence not in entry.evidence:
            entry.evidence.append(evidence)


def _target(value: str) -> tuple[str, bool]:
    """The URL to read first, and whether the caller gave a domain (a home page whose careers links are followed);
    INVALID_ARGUMENT naming `url` for anything but an http(s) URL or a host name."""
    text = value.strip()
    if not text:
        raise InvalidArgument(
            "url is empty; send a careers page URL or a domain",
            reason="EMPTY_URL",
            violations=[FieldViolation("url", "empty")],
        )
    if len(text) > MAX_URL_CHARS:
        raise InvalidArgument(
            f"url is {len(text)} characters long; at most {MAX_URL_CHARS} characters",
            reason="URL_TOO_LONG",
            violations=[FieldViolation("url", f"at most {MAX_URL_CHARS} characters")],
        )
    if "://" not in text:
        text = f"https://{text}"
    try:
        parts = urlsplit(text)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text
    except ValueError:
        valid = False
    if not valid:
        raise InvalidArgument(
            f"url must be an http(s) URL or a domain, got {quoted(value)}",
            reason="INVALID_URL",
            violations=[FieldViolation("url", "not an http(s) URL or a domain")],
        )
    from_domain = parts.path in ("", "/") and not parts.query
    return text, from_domain


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or "the host"
    except ValueError:
        return "the host"

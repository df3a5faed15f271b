"""What discovery reads off a page besides the ATS signatures: the links to follow (from a home page to its
careers page, from a careers page to its job pages) and the schema.org JobPosting data a page carries.

Every walk is bounded: the page is cut to MAX_HTML_CHARS and parsed with recovery and without huge trees, at most
MAX_ELEMENTS elements and MAX_LINKS links are read, and the JSON-LD blocks are as many and as long as a job page's
reading allows (`sources.job_page`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import extract_domain
from lxml import etree

from skillgap.jobs.normalize import MAX_HTML_CHARS, plain_text
from skillgap.scraping.sources.base import as_str, load_script_json

# The JSON-LD reading of job pages, so that a page discovery offers is one the job page source reads as such.
from skillgap.scraping.sources.job_page import MAX_JSON_LD_BLOCKS, MAX_JSON_LD_CHARS, _types, _walk

__all__ = ["PageReading", "read_page", "same_site"]

MAX_ELEMENTS: Final = 20_000
MAX_LINKS: Final = 500
"""Links read per page, in page order; a careers page lists a few hundred jobs at most."""


@dataclass
class PageReading:
    """What a page offers to follow: links to careers pages and to job pages (same site, in page order), and its
    JobPosting data: how many postings, the URLs they name other than the page's (a careers page listing its
    postings), and whether one names no URL or the page's own (the page is a job page)."""

    careers_links: list[str] = field(default_factory=list)
    job_links: list[str] = field(default_factory=list)
    job_postings: int = 0
    posting_urls: list[str] = field(default_factory=list)
    is_job_page: bool = False


def same_site(url: str, other: str) -> bool:
    """Whether two URLs are on the same registrable domain (careers.acme.com and www.acme.com are)."""
    mine, theirs = _domain(url), _domain(other)
    return bool(mine) and mine == theirs


def read_page(html: str, page_url: str, *, careers_words: tuple[str, ...], job_words: frozenset[str]) -> PageReading:
    reading = PageReading()
    root = _parse(html[:MAX_HTML_CHARS])
    if root is None:
        return reading
    careers = _words_pattern(careers_words)
    page = _without_fragment(page_url)
    seen: set[str] = {page}
    for count, (href, text) in enumerate(_anchors(root)):
        if count >= MAX_LINKS:
            break
        url = _link(href, page_url)
        if not url or url in seen or not same_site(url, page_url):
            continue
        seen.add(url)
        path = urlsplit(url).path
        if _is_job_link(path, job_words):
            reading.job_links.append(url)
        elif careers.search(path.replace("/", " ")) or careers.search(text):
            reading.careers_links.append(url)
    for posting in _job_postings(root):
        reading.job_postings += 1
        target = _link(as_str(posting.get("url")), page_url)
        if not target or target == page:
            reading.is_job_page = True
        elif target not in reading.posting_urls:
            reading.posting_urls.append(target)
    return reading


def _parse(html: str) -> Any:
    if not html.strip():
        return None
    parser = etree.HTMLParser(recover=True, huge_tree=False, remove_comments=True, encoding="utf-8")
    try:
        return etree.fromstring(html.encode("utf-8", errors="replace"), parser=parser)
    except (etree.LxmlError, ValueError):
        return None


def _anchors(root: Any) -> Iterator[tuple[str, str]]:
    for count, element in enumerate(root.iter()):
        if count >= MAX_ELEMENTS:
            return
        if element.tag == "a" and element.get("href"):
            text = " ".join(piece for _, piece in zip(range(20), element.itertext(), strict=False))
            yield as_str(element.get("href")), plain_text(text)[:200]


def _job_postings(root: Any) -> Iterator[dict[str, Any]]:
    blocks = 0
    for script in root.iter("script"):
        if as_str(script.get("type")).casefold().replace(" ", "") != "application/ld+json":
            continue
        blocks += 1
        if blocks > MAX_JSON_LD_BLOCKS:
            return
        raw = script.text or ""
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        for node in _walk(load_script_json(raw)):
            if "jobposting" in _types(node):
                yield node


def _link(href: str, page_url: str) -> str:
    """The absolute http(s) URL of a link, without its fragment; "" for anything else (mailto:, javascript:)."""
    href = href.strip()
    if not href or len(href) > 2048:
        return ""
    try:
        url = urljoin(page_url, href)
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return _without_fragment(url)


def _without_fragment(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def _is_job_link(path: str, job_words: frozenset[str]) -> bool:
    """A path with a job word followed by the posting's own segment: /jobs/backend-engineer, /careers/123-data."""
    segments = [s.casefold() for s in path.split("/") if s]
    return any(segment in job_words for segment in segments[:-1])


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(word).replace(r"\ ", r"[\s_-]+") for word in words)
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)


def _domain(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return (extract_domain(url) or extract_domain(url, fast=True) or host).casefold()

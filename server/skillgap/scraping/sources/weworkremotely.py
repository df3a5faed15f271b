"""We Work Remotely: its RSS feeds, ``GET {base}/categories/{category}.rss`` (e.g. remote-programming-jobs) or
``GET {base}/remote-jobs.rss`` (every category), linked from weworkremotely.com/remote-job-rss-feed.

An item is RSS 2.0 plus the board's own elements, as public readers of the feed parse it: ``<title>`` is
"Company: Job title", ``<region>`` where the job may be worked from ("Anywhere in the World", "USA Only",
"Europe Only"), ``<country>`` / ``<state>`` (sometimes: the countries candidates may live in), ``<skills>``
(comma-separated), ``<category>``,
``<type>`` ("Full-Time", "Contract"), ``<description>`` (escaped HTML), ``<pubDate>`` (RFC 2822),
``<expires_at>``, ``<guid>`` and ``<link>`` (the job's page on WWR), ``<media:content>`` (the logo). Every WWR job
is remote: the region is its remote region; skills and category are its tags. No search, no paging: one feed a
scrape. An item whose title has no "Company: " part, or that expired (``expires_at`` in the past), is skipped.

The feed is read with lxml's XML parser with entity resolution and network access off (a feed cannot make the
parser fetch or expand anything), under the fetcher's size cap. Terms: weworkremotely.com's robots.txt does not
disallow the feeds, which exist for syndication; stored jobs keep the job's WWR URL.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import ClassVar
from urllib.parse import urlsplit

from lxml import etree

from skillgap.jobs.normalize import employment_from, html_to_text, parse_time, plain_text
from skillgap.scraping.fetch import BadContent
from skillgap.scraping.sources.base import PageFetcher, ScrapedPosting, Source, unique

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, recover=True, remove_comments=True, remove_pis=True
)


def _child_text(item: etree._Element, name: str) -> str:
    """The text of the item's child element `name` (any namespace); "" when it has none."""
    for child in item:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return (child.text or "").strip()
    return ""


class WeWorkRemotelySource(Source):
    kind = "weworkremotely"
    default_base_url = "https://weworkremotely.com"
    identifier_label = "a category feed's slug (e.g. 'remote-programming-jobs') or 'all'"
    board_wide_identifier = "all"
    reads: ClassVar[str] = "We Work Remotely's RSS feed of one category (or of every category)"
    terms_notice: ClassVar[str] = (
        "We Work Remotely publishes these RSS feeds for syndication and its robots.txt does not disallow them; "
        "stored jobs link back to the job on WWR."
    )

    def feed_url(self) -> str:
        if self.identifier.lower() == "all":
            return f"{self.base_url}/remote-jobs.rss"
        return f"{self.base_url}/categories/{self.quoted_identifier}.rss"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        feed = await fetcher.get_text(self.feed_url())
        try:
            root = etree.fromstring(feed.text.encode("utf-8"), parser=_PARSER)
        except (etree.LxmlError, ValueError):
            root = None
        if root is None or etree.QName(root.tag).localname != "rss":
            raise BadContent(f"{urlsplit(feed.url).hostname or 'the board'} did not return an RSS feed")
        now = datetime.now(UTC)
        for item in root.iter("item"):
            posting = self.parse_item(item, now)
            if posting is not None:
                yield posting

    def parse_item(self, item: etree._Element, now: datetime) -> ScrapedPosting | None:
        heading = plain_text(_child_text(item, "title"))
        company, sep, title = heading.partition(": ")
        link = _child_text(item, "link") or _child_text(item, "guid")
        description = html_to_text(_child_text(item, "description"))
        if not sep or not company.strip() or not title.strip() or not link or not description:
            return None
        expires = parse_time(_child_text(item, "expires_at"))
        if expires is not None and expires < now:
            return None
        # <country>/<state> stand in for the region when an item has no <region>.
        region = plain_text(_child_text(item, "region")) or ", ".join(
            unique([plain_text(_child_text(item, "state")), plain_text(_child_text(item, "country"))])
        )
        skills = [plain_text(skill) for skill in re.split(r",\s*(?:and\s+)?|\s+and\s+", _child_text(item, "skills"))]
        return self.posting(
            external_id=urlsplit(link).path.strip("/").rsplit("/", 1)[-1] or link,
            title=title.strip(),
            company=company.strip(),
            description=description,
            url=link,
            locations=(),
            workplace_type="remote",
            employment_type=employment_from(_child_text(item, "type")),
            post_time=parse_time(_child_text(item, "pubDate")),
            tags=unique([plain_text(_child_text(item, "category")), *skills]),
            remote_region=region,
        )

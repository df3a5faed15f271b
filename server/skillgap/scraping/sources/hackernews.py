"""Hacker News "Ask HN: Who is hiring?" through HN's official API (https://github.com/HackerNews/API).

What it reads (the API's README, "Items" and "Users"): ``GET {base}/v0/user/whoishiring.json`` gives the
account's ``submitted`` item ids, newest first; the account posts three threads a month ("Who is hiring?",
"Who wants to be hired?", "Freelancer? Seeking freelancer?"), so the newest item whose ``title`` starts with
"Ask HN: Who is hiring?" is this month's thread (at most ``MAX_SUBMISSIONS_READ`` items are looked at). The
identifier "latest" reads that thread; a number reads that thread (an older month).
``GET {base}/v0/item/{id}.json`` gives the thread, whose ``kids`` are its top-level comments in ranked order:
each is a posting. A comment is ``{"id", "by", "time" (Unix seconds), "text" (HTML), "parent", "kids"}``;
a deleted one is ``{"id", "deleted": true, ...}`` without text and a flagged one has ``"dead": true``: both are
skipped, as is an id the API answers ``null`` for. The API is "essentially a dump of our in-memory data
structures": one request per comment, no paging, "currently no rate limit" (README).

Bounds: a thread has ~400-700 top-level comments; at most ``MAX_COMMENTS`` are read, ``COMMENT_CONCURRENCY`` at
once (the fetcher's per-host politeness - 2 requests at once, 0.5 s apart by default - still applies, so a
full thread takes a few minutes). A comment that cannot be fetched after the fetcher's retries fails the listing
(nothing is closed), as a page of any other board does.

The header is read by `hn_header.parse_header` (company, roles, locations, remote, salary, URL). A comment that
names several roles becomes one job per role, sharing the comment's text: SkillGap matches a resume against a
job's title (its role family and seniority), and "Senior Backend Engineer, Product Designer" is two jobs a
seeker would look for separately; the external id is ``{comment id}:{role}``, so a role taken out of an edited
comment closes alone. A comment whose header names no role is one job, titled "Open roles at {company}". A
comment without the customary header (no company and no separators) is not a posting and is skipped (the run's
notice counts them). The job's URL is the comment's permalink on news.ycombinator.com (what the thread's rules
point applicants to); the header's own URL, else the body's first link off HN, is the job's apply URL.

Freshness (`scraping.freshness`): the API gives no per-item change date (an item's ``time`` is its creation; the
README's ``/v0/updates`` lists recently changed items, not a history a scrape hours later could replay), so the
change signal is the comment's age. HN lets an author edit or delete a comment only within two hours of posting
(HN's rule, enforced by its site; the API README says nothing about edits), and moderators kill comments mostly in
their first hours. A comment older than ``SETTLE_AGE_SECONDS`` when it was fetched is *settled*: its postings carry
the change signal ``settled:{n}`` (n: how many postings the comment gave). On a re-scrape, a kid whose n stored
postings are all settled is not requested again: its postings are recorded unchanged (they stay open and are
marked seen). A settled comment without the customary header is remembered by a marker in the source's validators
under its item URL, so it is not requested again either (deleted, dead and null kids are few: they are requested
each time), nor is an item of the whoishiring account found to be one of its other monthly threads. Younger
comments are read as before, and a kid gone from the thread's ``kids`` closes its jobs. The price: a settled
comment that moderators kill days later keeps its jobs open until it leaves ``kids`` or the next month's thread
replaces this one.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator
from typing import Any, ClassVar, Final

from skillgap.errors import quoted
from skillgap.jobs.normalize import html_to_text, parse_time
from skillgap.scraping.fetch import FetchError, Validators
from skillgap.scraping.sources.base import (
    PageFetcher,
    ScrapedPosting,
    Source,
    SourceError,
    as_dict,
    as_list,
    as_str,
)
from skillgap.scraping.sources.hn_header import HnHeader, first_link, parse_header

logger = logging.getLogger(__name__)

MAX_COMMENTS: Final = 1000
"""Top-level comments read per thread (a thread has ~400-700)."""
COMMENT_CONCURRENCY: Final = 8
"""Comments fetched at once (the fetcher's per-host limit applies on top)."""
MAX_SUBMISSIONS_READ: Final = 12
"""Items of the whoishiring account read to find its newest "Who is hiring?" thread (it posts 3 a month)."""
HIRING_TITLE: Final = re.compile(r"^\s*Ask HN:\s*Who is hiring\?", re.IGNORECASE)
ITEM_URL: Final = "https://news.ycombinator.com/item?id={id}"
SETTLE_AGE_SECONDS: Final = 24 * 3600
"""Age after which a comment is taken as final. HN's edit (and delete) window is two hours; a day also lets the
usual moderation (flags, kills, mostly within hours of posting) happen before a comment stops being read. Under
that, a new thread's comments are read on every scrape of its first day, when edits and kills happen."""
SETTLED: Final = "settled"
"""The change signal's prefix of a settled comment's postings: ``settled:{postings of the comment}``."""
SETTLED_MARK: Final = Validators(etag="hn-settled-no-posting")
"""Kept in the source's validators under a settled comment's item URL when it gave no posting: not read again."""
NOT_HIRING_MARK: Final = Validators(etag="hn-not-a-hiring-thread")
"""Kept in the source's validators under an item of the whoishiring account that is not a "Who is hiring?" thread."""


class ThreadNotFound(FetchError):
    """HN answered, but not with a "Who is hiring?" thread to read."""

    default_reason = "HN_THREAD_NOT_FOUND"


class HackerNewsSource(Source):
    kind = "hackernews"
    default_base_url = "https://hacker-news.firebaseio.com"
    identifier_label = "'latest' or a \"Who is hiring?\" thread's item id"
    board_wide_identifier = "latest"
    reads: ClassVar[str] = (
        "the monthly 'Ask HN: Who is hiring?' thread of the whoishiring account through HN's official API "
        "(each role a top-level comment names is a job)"
    )
    terms_notice: ClassVar[str] = (
        "HN's official API (github.com/HackerNews/API) is public and states no rate limit; SkillGap reads at most "
        f"{MAX_COMMENTS} comments a thread, {COMMENT_CONCURRENCY} at once, each job linking to its comment."
    )

    @classmethod
    def validate_identifier(cls, identifier: str) -> str:
        value = identifier.strip().lower() if isinstance(identifier, str) else ""
        if value == "latest" or (value.isdigit() and len(value) <= 12):
            return value
        raise SourceError(
            "identifier",
            f"hackernews source needs 'latest' or a thread's item id (digits), got {quoted(identifier)}",
        )

    def item_url(self, item_id: int | str) -> str:
        return f"{self.base_url}/v0/item/{item_id}.json"

    def user_url(self) -> str:
        return f"{self.base_url}/v0/user/whoishiring.json"

    async def thread(self, fetcher: PageFetcher) -> dict[str, Any]:
        """The thread item: the one the identifier names, or the newest "Who is hiring?" of whoishiring."""
        if self.identifier != "latest":
            return as_dict(await fetcher.get_json(self.item_url(self.identifier)))
        self.activity = "finding this month's thread"
        submitted = as_list(as_dict(await fetcher.get_json(self.user_url())).get("submitted"))
        for item_id in submitted[:MAX_SUBMISSIONS_READ]:
            url = self.item_url(as_str(item_id))
            if self.memory.validators.get(url) == NOT_HIRING_MARK:
                self.memory.fetched_validators[url] = NOT_HIRING_MARK  # still the other thread it was
                continue
            item = as_dict(await fetcher.get_json(url))
            if HIRING_TITLE.match(as_str(item.get("title"))) and not item.get("deleted"):
                return item
            if item.get("title") or item.get("deleted"):
                # The account's other monthly threads ("Who wants to be hired?", "Freelancer?") stay what they are:
                # remembered, a re-scrape asks only for the account and this month's thread.
                self.memory.fetched_validators[url] = NOT_HIRING_MARK
        raise ThreadNotFound(
            f"none of the whoishiring account's last {MAX_SUBMISSIONS_READ} items is an 'Ask HN: Who is hiring?' thread"
        )

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        thread = await self.thread(fetcher)
        if not thread or thread.get("deleted") or as_str(thread.get("type")) not in ("story", ""):
            # An unknown id answers null: reading it as an empty thread would close every job of the source.
            raise ThreadNotFound(f"HN item {self.identifier} is not a thread that can be read")
        kids = [as_str(kid) for kid in as_list(thread.get("kids")) if as_str(kid).isdigit()]
        if len(kids) > MAX_COMMENTS:
            self.notice = f"read the first {MAX_COMMENTS} of {len(kids)} comments"
            kids = kids[:MAX_COMMENTS]
        now = time.time()
        skipped = 0
        settled = self.settled_comments()
        to_read: list[str] = []
        for kid in kids:
            if kid in settled:
                # Past HN's edit window and the usual moderation when read: what was stored is what HN shows.
                for external_id in settled[kid]:
                    self.memory.is_unchanged(external_id, self.memory.versions[external_id])
            elif self.memory.validators.get(self.item_url(kid)) == SETTLED_MARK:
                self.memory.fetched_validators[self.item_url(kid)] = SETTLED_MARK  # still no posting: remembered
                skipped += 1
            else:
                to_read.append(kid)
        # In windows of COMMENT_CONCURRENCY, so postings come out in the thread's order and memory stays bounded.
        for start in range(0, len(to_read), COMMENT_CONCURRENCY):
            window = to_read[start : start + COMMENT_CONCURRENCY]
            self.activity = f"reading comments ({start + len(window)} of {len(to_read)} not settled)"
            comments = await asyncio.gather(*(fetcher.get_json(self.item_url(kid)) for kid in window))
            for kid, item in zip(window, comments, strict=True):
                comment = as_dict(item)
                postings = self.parse_comment(comment, now=now)
                if postings is None:
                    if _is_settled(comment, now):
                        self.memory.fetched_validators[self.item_url(kid)] = SETTLED_MARK
                    skipped += 1
                    continue
                for posting in postings:
                    yield posting
        if skipped:
            note = f"{skipped} comments without the 'Company | Role | Location' header were skipped"
            self.notice = "; ".join(part for part in (self.notice, note) if part)

    def settled_comments(self) -> dict[str, list[str]]:
        """The comments (by id) whose postings the last complete scrape stored all of, each from a settled comment:
        their external ids. A comment with a posting missing (one that failed to store) is not settled: it is read
        again, as is any comment whose postings carry no settled signal."""
        by_comment: dict[str, list[str]] = {}
        for external_id in self.memory.versions:
            by_comment.setdefault(external_id.split(":", 1)[0], []).append(external_id)
        return {
            comment_id: external_ids
            for comment_id, external_ids in by_comment.items()
            if all(self.memory.versions[e] == _settled_version(len(external_ids)) for e in external_ids)
        }

    def parse_comment(self, comment: dict[str, Any], *, now: float | None = None) -> list[ScrapedPosting] | None:
        """The jobs one comment gives; [] for a deleted or dead comment, None for one that is not a posting.
        With `now` (Unix seconds), the jobs of a comment older than SETTLE_AGE_SECONDS carry the settled signal."""
        comment_id = as_str(comment.get("id"))
        text = as_str(comment.get("text"))
        if not comment_id or comment.get("deleted") or comment.get("dead") or not text:
            return []
        header = parse_header(text)
        if header is None:
            return None
        description = html_to_text(text)
        fields: dict[str, Any] = {
            "company": header.company,
            "description": description,
            "url": ITEM_URL.format(id=comment_id),
            "locations": header.locations,
            "workplace_type": header.workplace,
            "employment_type": header.employment,
            "salary": header.salary,
            "post_time": parse_time(comment.get("time")),
            "remote_region": header.remote_region,
            "apply_url": header.url or first_link(text),
        }
        titles = _unique_titles(header)
        if now is not None and _is_settled(comment, now):
            fields["source_version"] = _settled_version(len(titles) or 1)
        if not titles:
            return [self.posting(external_id=comment_id, title=f"Open roles at {header.company}", **fields)]
        return [self.posting(external_id=_role_id(comment_id, title), title=title, **fields) for title in titles]


def _is_settled(comment: dict[str, Any], now: float) -> bool:
    posted = comment.get("time")
    return isinstance(posted, int | float) and not isinstance(posted, bool) and now - posted > SETTLE_AGE_SECONDS


def _settled_version(postings: int) -> str:
    return f"{SETTLED}:{postings}"


def _unique_titles(header: HnHeader) -> list[str]:
    seen: dict[str, str] = {}
    for title in header.titles:
        seen.setdefault(_slug(title), title)
    return list(seen.values())


def _role_id(comment_id: str, title: str) -> str:
    return f"{comment_id}:{_slug(title)}"[:256]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:80] or "role"

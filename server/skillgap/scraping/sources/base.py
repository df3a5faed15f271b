"""What every job source shares: the fetcher it reads through, the posting it gives, and the Source base."""

from __future__ import annotations

import html
import json
import re
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Final, Protocol
from urllib.parse import quote, urlsplit

from skillgap.errors import quoted
from skillgap.jobs.models import JobPosting, Salary
from skillgap.jobs.normalize import canonical_url
from skillgap.scraping.fetch import FetchError, Validators
from skillgap.scraping.freshness import SourceMemory

if TYPE_CHECKING:
    from skillgap.scraping.search_query import SearchQuery

__all__ = [
    "FetchedText",
    "PageFetcher",
    "Salary",
    "ScrapedPosting",
    "Source",
    "SourceError",
    "SourceNotFetched",
    "as_dict",
    "as_list",
    "as_str",
    "has_tag",
    "join_location",
    "load_script_json",
    "prettify_token",
    "unique",
]


class FetchedText(Protocol):
    """A fetched text resource: the final URL (after redirects), the decoded body, and the validators (ETag,
    Last-Modified) to fetch it conditionally next time."""

    @property
    def url(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def validators(self) -> Validators: ...


class PageFetcher(Protocol):
    """How sources reach the network. The real one adds politeness, retries, size caps and robots.txt."""

    async def get_json(self, url: str) -> Any: ...

    async def get_text(
        self, url: str, *, html_page: bool = False, validators: Validators | None = None
    ) -> FetchedText: ...


@dataclass(frozen=True)
class ScrapedPosting:
    """One posting, normalized from whatever a source gives.

    ``workplace_type`` is "onsite", "hybrid", "remote" or "unspecified"; ``employment_type`` is "full_time",
    "part_time", "contract", "internship", "temporary" or "unspecified"; ``description`` is clean text with
    paragraphs and list items ("- item") as lines; ``url`` is canonical; ``post_time`` is aware (UTC).
    """

    source_kind: str
    source_identifier: str
    external_id: str
    title: str
    company: str
    description: str
    url: str
    locations: tuple[str, ...] = ()
    workplace_type: str = "unspecified"
    employment_type: str = "unspecified"
    salary: Salary | None = None
    post_time: datetime | None = None
    # The board's own labels ("python", "backend", "Software Development"), as the board gives them.
    tags: tuple[str, ...] = ()
    # Where a remote posting may be worked from, as the board says it ("Worldwide", "USA Only", "Europe");
    # empty when the board does not say or the posting is not remote.
    remote_region: str = ""
    # A board's copy: the company's own posting URL (its ATS page) the board links to, for cross-source dedupe.
    apply_url: str = ""
    # The board's change signal for the posting (Greenhouse's `updated_at`), see `scraping.freshness`.
    source_version: str = ""

    def to_job_posting(self) -> JobPosting:
        return JobPosting(
            source_kind=self.source_kind,
            source_identifier=self.source_identifier,
            external_id=self.external_id,
            title=self.title,
            description=self.description,
            company=self.company,
            url=self.url,
            post_time=self.post_time,
            locations=self.locations,
            workplace_type=self.workplace_type,
            employment_type=self.employment_type,
            salary=self.salary,
            apply_url=self.apply_url,
            source_version=self.source_version,
            tags=self.tags,
            remote_region=self.remote_region,
        )


_TOKEN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
MAX_URL_CHARS: Final = 2048
"""The longest identifier or base URL a source takes (a job page's URL, an API mirror's base URL)."""


class SourceNotFetched(FetchError):
    """The source's site forbids automated access (robots.txt or terms): SkillGap does not fetch it."""

    default_reason = "SOURCE_NOT_FETCHED"


class SourceError(ValueError):
    """A source cannot be made from what was given; `field` is the part at fault ("kind", "identifier",
    "base_url"), the message says why without echoing more than ~100 characters of the value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Source(ABC):
    """A configured job source: a kind, the board token / site / company id / URL, and an API base URL."""

    kind: ClassVar[str]
    default_base_url: ClassVar[str] = ""
    identifier_label: ClassVar[str] = "board token"
    # True when the board's API takes a query (keywords, location): `search` asks the board instead of
    # listing everything. Every source can be searched; the others fetch and filter.
    searchable: ClassVar[bool] = False
    # What the source reads, in words, for ListScrapeSources and the README's "Where jobs come from".
    reads: ClassVar[str] = ""
    # False for a site whose robots.txt or terms forbid automated access: the kind exists (it can be listed and
    # configured, and says why it is not fetched) but `fetch` fails at once without a request (SourceNotFetched).
    fetched: ClassVar[bool] = True
    # What the site's robots.txt and terms say about this source, in words: why it is not fetched, or what it
    # asks of those who use it (a link back, attribution, a rate limit).
    terms_notice: ClassVar[str] = ""
    # The identifier that means "the whole board" ("all", "latest") for a job board a search can ask without a
    # board token; "" for company boards and job pages.
    board_wide_identifier: ClassVar[str] = ""
    # The shortest interval between scheduled scrapes the site's terms allow (Remotive: 4 requests a day); 0 when
    # they state none.
    min_interval_minutes: ClassVar[int] = 0

    def __init__(self, identifier: str, base_url: str | None = None) -> None:
        self.identifier = self.validate_identifier(identifier)
        self.base_url = self.validate_base_url(base_url) if base_url else self.default_base_url.rstrip("/")
        # Set by `fetch` when the listing succeeded but the run's status should tell the user something.
        self.notice = ""
        # What `fetch` is doing now, for the run's status ("listing postings (page 3)"); set by sources that
        # page (empty means "listing postings").
        self.activity = ""
        # The last complete scrape's validators and change signals, and what this one skips as unchanged: set by
        # ingestion before `fetch` (see `scraping.freshness`); empty, a source reads everything.
        self.memory = SourceMemory()

    @classmethod
    def validate_identifier(cls, identifier: str) -> str:
        """The identifier, stripped; ValueError when it is not a plain board token."""
        value = identifier.strip() if isinstance(identifier, str) else ""
        if ".." in value or not _TOKEN.fullmatch(value):
            raise SourceError(
                "identifier",
                f"{cls.kind} source needs a {cls.identifier_label} of letters, digits, '.', '_' or '-' "
                f"(at most 128 characters), got {quoted(identifier)}",
            )
        return value

    @classmethod
    def validate_base_url(cls, base_url: str) -> str:
        if len(base_url) > MAX_URL_CHARS:
            raise SourceError(
                "base_url", f"base_url is {len(base_url)} characters long; at most {MAX_URL_CHARS} characters"
            )
        try:
            parts = urlsplit(base_url.strip())
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise SourceError("base_url", f"{cls.kind} source base URL must be an http(s) URL, got {quoted(base_url)}")
        return base_url.strip().rstrip("/")

    @property
    def quoted_identifier(self) -> str:
        return quote(self.identifier, safe="")

    @abstractmethod
    def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        """Every current posting of this source, following the source's paging."""

    async def search(self, fetcher: PageFetcher, query: SearchQuery) -> AsyncIterator[ScrapedPosting]:
        """The current postings that match `query`. By default every posting is fetched and filtered here;
        sources whose board takes a query override this to ask the board, and still filter with
        `query.matches` for what the board does not filter."""
        async for posting in self.fetch(fetcher):
            if query.matches(posting):
                yield posting

    def posting(self, **fields: Any) -> ScrapedPosting:
        """A ScrapedPosting of this source; the URL (and the apply URL) are made canonical."""
        fields["url"] = canonical_url(fields.get("url") or "")
        if fields.get("apply_url"):
            fields["apply_url"] = canonical_url(fields["apply_url"])
        return ScrapedPosting(source_kind=self.kind, source_identifier=self.identifier, **fields)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.identifier!r}, base_url={self.base_url!r})"


# --- Defensive access to loosely shaped JSON ---------------------------------------------------------------


def load_script_json(raw: str) -> object:
    """The JSON a page's ``<script>`` holds (JSON-LD, Next.js data), or None: comment and CDATA wrappers and a
    trailing ";" are dropped, HTML entities undone when the text does not parse as it is; malformed or hostile JSON
    (nested deeper than the parser's recursion limit) is None, never an exception."""
    text = raw.strip()
    text = re.sub(r"^\s*(<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)", "", text)
    text = re.sub(r"(-->|//\s*\]\]>|\]\]>)\s*$", "", text).strip().rstrip(";")
    for candidate in (text, html.unescape(text)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str(value: object) -> str:
    """A string field as a stripped string; numbers become their text; anything else is empty."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def prettify_token(token: str) -> str:
    """A company name guessed from a board token: "acme-robotics" -> "Acme Robotics"."""
    words = re.split(r"[-_.\s]+", token.strip())
    return " ".join(word[:1].upper() + word[1:] for word in words if word)


def join_location(*parts: object) -> str:
    """ "Berlin", "BE", "Germany" -> "Berlin, BE, Germany", skipping empty and repeated parts."""
    seen: list[str] = []
    for part in parts:
        text = as_str(part)
        if text and text.casefold() not in (s.casefold() for s in seen):
            seen.append(text)
    return ", ".join(seen)


def has_tag(posting: ScrapedPosting, identifier: str) -> bool:
    """True when a board-wide source's identifier keeps `posting`: "all" keeps every posting, a tag or category
    ("devops", "Backend-Engineer") the postings the board labels so (case, spaces and hyphens aside)."""
    if identifier.lower() == "all":
        return True
    wanted = re.sub(r"[\s_-]+", "-", identifier.strip().casefold())
    return any(re.sub(r"[\s_-]+", "-", tag.strip().casefold()) == wanted for tag in posting.tags)


def unique(items: list[str]) -> tuple[str, ...]:
    """Non-empty items in order, without case-insensitive repeats."""
    out: list[str] = []
    keys: set[str] = set()
    for item in items:
        key = item.strip().casefold()
        if key and key not in keys:
            keys.add(key)
            out.append(item.strip())
    return tuple(out)


class PagedSource(Source):
    """A source whose API pages its listing. `page_size` is what we ask per page (tests use small pages to
    cover paging); `max_pages` bounds a listing that never ends (a broken or hostile API)."""

    max_pages: ClassVar[int] = 200

    def __init__(self, identifier: str, base_url: str | None = None, *, page_size: int = 100) -> None:
        super().__init__(identifier, base_url)
        self.page_size = max(1, page_size)

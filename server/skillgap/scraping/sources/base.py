"""What every job source shares: the fetcher it reads through, the posting it gives, and the Source base."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Final, Protocol
from urllib.parse import quote, urlsplit

from skillgap.errors import quoted
from skillgap.jobs.models import JobPosting, Salary
from skillgap.jobs.normalize import canonical_url

__all__ = [
    "FetchedText",
    "PageFetcher",
    "Salary",
    "ScrapedPosting",
    "Source",
    "SourceError",
    "as_dict",
    "as_list",
    "as_str",
    "join_location",
    "prettify_token",
    "unique",
]


class FetchedText(Protocol):
    """A fetched text resource: the final URL (after redirects) and the decoded body."""

    @property
    def url(self) -> str: ...

    @property
    def text(self) -> str: ...


class PageFetcher(Protocol):
    """How sources reach the network. The real one adds politeness, retries, size caps and robots.txt."""

    async def get_json(self, url: str) -> Any: ...

    async def get_text(self, url: str, *, html_page: bool = False) -> FetchedText: ...


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
        )


_TOKEN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
MAX_URL_CHARS: Final = 2048
"""The longest identifier or base URL a source takes (a job page's URL, an API mirror's base URL)."""


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

    def __init__(self, identifier: str, base_url: str | None = None) -> None:
        self.identifier = self.validate_identifier(identifier)
        self.base_url = self.validate_base_url(base_url) if base_url else self.default_base_url.rstrip("/")
        # Set by `fetch` when the listing succeeded but the run's status should tell the user something.
        self.notice = ""
        # What `fetch` is doing now, for the run's status ("listing postings (page 3)"); set by sources that
        # page (empty means "listing postings").
        self.activity = ""

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

    def posting(self, **fields: Any) -> ScrapedPosting:
        """A ScrapedPosting of this source; the URL is made canonical."""
        fields["url"] = canonical_url(fields.get("url") or "")
        return ScrapedPosting(source_kind=self.kind, source_identifier=self.identifier, **fields)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.identifier!r}, base_url={self.base_url!r})"


# --- Defensive access to loosely shaped JSON ---------------------------------------------------------------


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

"""What a job seeker searches for ("python backend", in Berlin or remote) and whether a posting matches it.

Every source can be searched: a board whose API takes a query is asked with it (`Source.searchable`), and
whatever the board did not filter is filtered here with `SearchQuery.matches`, so a search gives the same
answer whichever way a source reached it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # at run time sources/ imports this module: importing them here first would be a cycle
    from skillgap.scraping.sources.base import ScrapedPosting

__all__ = ["SearchQuery", "term_pattern"]

# A term is bounded by anything but a letter, a digit or the characters that make "c++", "c#" and "f#" other
# words than "c" and "f": "go" does not match "google", "c" does not match "c++", "node.js" matches "Node.js,".
_WORD: Final = r"[^\W_]|[+#]"

# Region words that say a remote posting may be worked from anywhere: such a posting matches every location
# searched for, since a seeker in Berlin can take a job open worldwide.
_ANYWHERE: Final = re.compile(r"\b(?:anywhere|worldwide|world\s*wide|global(?:ly)?)\b", re.IGNORECASE)
_REMOTE_WORD: Final = re.compile(r"remote(?:ly)?|anywhere|worldwide", re.IGNORECASE)


@lru_cache(maxsize=1024)
def term_pattern(term: str) -> re.Pattern[str]:
    """A case-insensitive pattern for a search term at word boundaries; spaces and hyphens inside a term match
    any run of spaces or hyphens ("full stack" matches "Full-Stack")."""
    parts = [re.escape(part) for part in re.split(r"[\s-]+", term.strip()) if part]
    body = r"[\s-]+".join(parts)
    return re.compile(rf"(?<!{_WORD}){body}(?!{_WORD})", re.IGNORECASE)


@dataclass(frozen=True)
class SearchQuery:
    """A search: every keyword must appear (in the title, the description or the board's tags); any one of the
    locations may match a posting's location or remote region (empty: anywhere); `remote_only` keeps remote
    postings only."""

    keywords: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    remote_only: bool = False

    def matches(self, posting: ScrapedPosting) -> bool:
        if self.remote_only and posting.workplace_type != "remote":
            return False
        return self.matches_keywords(posting) and self.matches_location(posting)

    def matches_keywords(self, posting: ScrapedPosting) -> bool:
        keywords = [k for k in self.keywords if k.strip()]
        if not keywords:
            return True
        text = "\n".join((posting.title, posting.description, *posting.tags))
        return all(term_pattern(keyword).search(text) for keyword in keywords)

    def matches_location(self, posting: ScrapedPosting) -> bool:
        wanted = [place for place in self.locations if place.strip()]
        if not wanted:
            return True
        remote = posting.workplace_type == "remote"
        if remote and _ANYWHERE.search(posting.remote_region):
            return True
        places = "\n".join((*posting.locations, posting.remote_region))
        for place in wanted:
            # "Remote" as a place is how people write "remote only" in a location box.
            if _REMOTE_WORD.fullmatch(place.strip()):
                if remote:
                    return True
                continue
            if term_pattern(place).search(places):
                return True
        return False

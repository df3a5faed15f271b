"""What a source remembers of its last complete scrape, so a re-scrape skips what did not change.

Two signals, each the source's own:

- HTTP validators: the ETag and Last-Modified a page (or a one-response listing) came with. The next scrape
  sends them back (If-None-Match, If-Modified-Since); a 304 answer means the page is as stored: it is neither
  downloaded nor read again, and what the source stored from it is only marked seen.
- the board's change signal per posting (Greenhouse's `updated_at`, with a digest of the posting as the board
  gave it, so an edit the board did not date is not missed): a posting whose signal equals the stored one is not
  normalised, hashed nor compared again; it is marked seen with the others of its batch.

The memory is read before a source is scraped (`JobCatalog.source_memory`) and replaced after it was ingested
completely without a failed posting (`JobCatalog.remember_source`): a page whose posting could not be stored is
never taken for unchanged on the next pass.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from skillgap.scraping.fetch import Validators


def change_signal(updated_at: str, raw: Any) -> str:
    """A posting's change signal: the board's own `updated_at` and a digest of the posting as the board gave it
    (its raw JSON). Hashing the raw item costs microseconds where normalising it (HTML to text) costs
    milliseconds. Empty without an `updated_at`: such a posting is always read."""
    if not updated_at:
        return ""
    digest = hashlib.blake2b(
        json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"), digest_size=12
    ).hexdigest()
    return f"{updated_at}#{digest}"


@dataclass
class SourceMemory:
    """A source's memory of its last complete scrape, and what this scrape found unchanged or fetched anew."""

    validators: dict[str, Validators] = field(default_factory=dict)
    """The HTTP validators of the URLs fetched at the last complete scrape, by URL as requested."""
    versions: dict[str, str] = field(default_factory=dict)
    """The board's change signal of each posting stored, by external id."""

    fetched_validators: dict[str, Validators] = field(default_factory=dict)
    """What this scrape fetched with validators (by URL as requested): the memory after it, if it completes."""
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    """(external id, change signal) of the postings this scrape skipped as unchanged, not yet marked seen."""
    everything_unchanged: bool = False
    """The whole source answered 304: everything it lists is as stored."""

    def is_unchanged(self, external_id: str, version: str) -> bool:
        """Whether the posting's change signal equals the stored one; when so it is recorded as unchanged (the
        source then yields nothing for it). An empty signal never counts as unchanged."""
        if not version or self.versions.get(external_id) != version:
            return False
        self.unchanged.append((external_id, version))
        return True

    def take_unchanged(self) -> list[tuple[str, str]]:
        """The postings skipped as unchanged since the last call, to mark seen."""
        taken, self.unchanged = self.unchanged, []
        return taken

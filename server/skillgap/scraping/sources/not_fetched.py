"""A source kind whose site forbids automated access: it exists, so it can be listed and configured and says why,
but it never sends a request (its `fetch` fails at once with SourceNotFetched)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import ClassVar

from skillgap.scraping.sources.base import PageFetcher, ScrapedPosting, Source, SourceNotFetched


class NotFetchedSource(Source):
    fetched: ClassVar[bool] = False
    identifier_label = "a label of your choosing (nothing is fetched)"

    async def fetch(self, fetcher: PageFetcher) -> AsyncIterator[ScrapedPosting]:
        raise SourceNotFetched(f"{self.kind} is not fetched: {self.terms_notice}")
        yield  # pragma: no cover - makes this an async generator, as `fetch` is everywhere else

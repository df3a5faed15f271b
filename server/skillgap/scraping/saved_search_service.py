"""Saved searches: save, list, change and delete a user's own, and queue their runs (asked for, or scheduled) as
scrape runs the workers run like any other, within the user's quota. No gRPC here.

A run is a scrape run (`scrape_runs`, its progress and counts in GetScrapeStatus, its jobs in ListJobs) marked
as the search's in `saved_search_runs` before it is queued, so that no worker ever takes it for a scrape of whole
boards (which would close the jobs the search did not match)."""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from skillgap.errors import (
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    ResourceExhausted,
    SkillGapError,
    Unavailable,
)
from skillgap.ids import parse_resource_id
from skillgap.paging import decode_page_token, encode_page_token, resolve_page_size
from skillgap.scraping.queue import ScrapeQueue
from skillgap.scraping.runs import ScrapeCounts, ScrapeRun, SourceProgress, SourceSpec
from skillgap.scraping.saved_searches import (
    QUOTA_WINDOW,
    Quota,
    SavedSearch,
    SearchDefinition,
    check_definition,
    check_paths,
    chosen_sources,
    paths_present,
    updated,
)
from skillgap.scraping.search_runs import RunSearch, searched_sources
from skillgap.scraping.service import JOB_NAME, job_id_of
from skillgap.scraping.site_intervals import SiteWait, site_wait
from skillgap.storage.saved_searches import SavedSearchRepository
from skillgap.storage.scrape_runs import ScrapeRunRepository

log = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
MAX_DUE_PER_MINUTE = 200
"""Scheduled searches queued per cron tick at most (the longest waiting first; the rest the next minute)."""


@dataclass(frozen=True)
class SearchWithRun:
    """A saved search and its last run (None before the first)."""

    search: SavedSearch
    last_run: ScrapeRun | None


@dataclass(frozen=True)
class QuotaLeft:
    quota: Quota
    runs_left: int


class SavedSearchService:
    def __init__(
        self,
        searches: SavedSearchRepository,
        runs: ScrapeRunRepository,
        queue: ScrapeQueue | None,
        *,
        configured: Sequence[SourceSpec],
        quota: Quota | None = None,
    ) -> None:
        self._searches = searches
        self._runs = runs
        self._queue = queue
        self.configured = tuple(configured)
        self.quota = quota or Quota()

    def sources(self) -> tuple[SourceSpec, ...]:
        """Every source a search may ask now."""
        return searched_sources(self.configured)

    # --- the user's own searches ---

    async def create(self, user_id: str, definition: SearchDefinition) -> SearchWithRun:
        checked = check_definition(definition, self.sources())
        saved = await self._searches.create(user_id, checked, max_per_user=self.quota.max_saved_searches)
        if saved is None:
            limit = self.quota.max_saved_searches
            raise ResourceExhausted(
                f"you have {limit} saved searches, the most one user may have; delete one first",
                reason="TOO_MANY_SAVED_SEARCHES",
                metadata={"limit": str(limit)},
            )
        return SearchWithRun(saved, None)

    async def get(self, user_id: str, search_id: str) -> SearchWithRun:
        return await self._with_run(await self._own(user_id, search_id))

    async def list_page(
        self, user_id: str, *, page_size: int, page_token: str
    ) -> tuple[list[SearchWithRun], str, QuotaLeft]:
        limit = resolve_page_size(page_size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        position = decode_page_token(page_token, required_keys={"t", "id"})
        after = None
        if position is not None:
            try:
                after = (datetime.fromisoformat(str(position["t"])), uuid.UUID(str(position["id"])))
                if after[0].tzinfo is None:
                    raise ValueError("naive")
            except ValueError as exc:
                raise InvalidArgument(
                    "page_token is not a token this server issued", reason="INVALID_PAGE_TOKEN"
                ) from exc
        # One extra row tells whether another page exists, so the last page has an empty token.
        rows = await self._searches.list_page(user_id, limit=limit + 1, after=after)
        page = rows[:limit]
        token = ""
        if len(rows) > limit:
            token = encode_page_token({"t": page[-1].create_time.isoformat(), "id": page[-1].search_id})
        return [await self._with_run(s) for s in page], token, await self.quota_left(user_id)

    async def update(
        self, user_id: str, search_id: str, given: SearchDefinition, paths: Sequence[str]
    ) -> SearchWithRun:
        current = await self._own(user_id, search_id)
        fields = check_paths(paths) if paths else paths_present(given)
        if not fields:
            raise InvalidArgument(
                "nothing to update: name the fields in update_mask (or send them in search)",
                reason="EMPTY_UPDATE",
            )
        merged = check_definition(updated(current.definition, given, fields), self.sources())
        saved = await self._searches.update(user_id, uuid.UUID(current.search_id), merged)
        if saved is None:  # deleted meanwhile
            raise _not_found(search_id)
        return await self._with_run(saved)

    async def delete(self, user_id: str, search_id: str) -> None:
        if not await self._searches.delete(user_id, _parse_id(search_id)):
            raise _not_found(search_id)

    async def quota_left(self, user_id: str) -> QuotaLeft:
        recent = await self._searches.recent_run_ages(user_id)
        return QuotaLeft(self.quota, max(0, self.quota.runs_per_hour - len(recent)))

    # --- runs ---

    async def run(self, user_id: str, search_id: str, *, scheduled: bool = False) -> ScrapeRun:
        """Queue a run of the user's search over the sources it asks now; RESOURCE_EXHAUSTED over the hourly runs,
        or when every source's site was asked too lately (`site_intervals`: a run of the search counts as a request
        to each site it asks; a source whose site alone was asked lately is left unasked, its status saying why);
        FAILED_PRECONDITION when the server searches none of its sources."""
        search = await self._own(user_id, search_id)
        specs = chosen_sources(search.definition.sources, self.sources())
        if not specs:
            raise FailedPrecondition(
                "none of the search's sources is one this server searches now; change its sources "
                "(ListScrapeSources lists the configured ones)",
                reason="NO_SOURCES_TO_SEARCH",
            )
        await self._check_hourly_runs(user_id)
        now = datetime.now(UTC)
        waits = {index: wait for index, spec in enumerate(specs) if (wait := await site_wait(self._runs, spec, now))}
        if len(waits) == len(specs):
            raise _sites_asked_recently(list(waits.values()), now)
        if self._queue is None:
            raise Unavailable("no scrape queue is configured (SKILLGAP_REDIS_URL)", reason="QUEUE_UNAVAILABLE")
        run = await self._runs.create(
            trigger="scheduled" if scheduled else "manual", requested_by=user_id, sources=specs
        )
        try:
            # A source whose site was asked lately stays in the run, finished unasked, saying why and when it may
            # be asked again (the worker skips finished sources; an unasked source does not count as asked).
            for index, wait in waits.items():
                await self._runs.finish_source(
                    run.run_id,
                    index,
                    state="succeeded",
                    counts=ScrapeCounts(),
                    error_message=f"not asked: {wait.why(now)}",
                )
            # Marked as the search's before it is queued: a worker must never scrape it as whole boards.
            recorded = await self._searches.record_run(
                run.run_id,
                search.search_id,
                user_id,
                max_postings=self.quota.postings_per_run,
                runs_per_hour=self.quota.runs_per_hour,
            )
            if not recorded:  # a concurrent call took the last run of the hour
                await self._check_hourly_runs(user_id)
                raise self._over_hourly_runs(0.0)
            await self._queue.enqueue(JOB_NAME, job_id=job_id_of(run.run_id), run_id=run.run_id)
        except BaseException:
            await self._runs.delete(run.run_id)
            raise
        await self._runs.set_queue_job(run.run_id, job_id_of(run.run_id))
        if waits:
            log.info("saved search %s: %d source(s) not asked, their sites were asked lately", search_id, len(waits))
            return await self._runs.get(run.run_id) or run
        return run

    async def trigger_due(self) -> list[str]:
        """Queue a run of every scheduled search whose interval has passed; a search over its owner's quota, or
        without sources to ask, waits for a later minute. Called every minute by the workers' cron. Returns the run
        ids."""
        queued = []
        for user_id, search_id in await self._searches.due(limit=MAX_DUE_PER_MINUTE):
            try:
                run = await self.run(user_id, search_id, scheduled=True)
            except (ResourceExhausted, FailedPrecondition, NotFound) as exc:
                log.debug("scheduled saved search %s not run now: %s", search_id, exc.message)
                continue
            queued.append(run.run_id)
        return queued

    async def search_of_run(self, run_id: str, sources: Sequence[SourceProgress]) -> RunSearch | None:
        """What a worker runs for a saved search's run, as earlier attempts left it; None for a scrape run of whole
        sources."""
        found = await self._searches.search_of_run(run_id)
        if found is None:
            return None
        query, max_postings = found
        return RunSearch.resumed(query, max_postings, sources)

    # --- helpers ---

    async def _own(self, user_id: str, search_id: str) -> SavedSearch:
        found = await self._searches.get(user_id, _parse_id(search_id))
        if found is None:
            raise _not_found(search_id)
        return found

    async def _with_run(self, search: SavedSearch) -> SearchWithRun:
        return SearchWithRun(search, await self._runs.get(search.last_run_id) if search.last_run_id else None)

    async def _check_hourly_runs(self, user_id: str) -> None:
        ages = await self._searches.recent_run_ages(user_id)
        if len(ages) >= self.quota.runs_per_hour:
            # Another run is allowed once the run that keeps the count at the limit leaves the window.
            blocking = ages[len(ages) - self.quota.runs_per_hour]
            raise self._over_hourly_runs(QUOTA_WINDOW.total_seconds() - blocking)

    def _over_hourly_runs(self, retry_after: float) -> SkillGapError:
        seconds = max(1, math.ceil(retry_after))
        limit = self.quota.runs_per_hour
        return ResourceExhausted(
            f"your saved searches ran {limit} times in the last hour, the most one user's may; "
            f"try again in {seconds} s",
            reason="SAVED_SEARCH_RUNS_EXHAUSTED",
            metadata={"runs_per_hour": str(limit), "retry_after_seconds": str(seconds)},
        )


def _sites_asked_recently(waits: Sequence[SiteWait], now: datetime) -> ResourceExhausted:
    """Every source of the search waits for its site's interval: nothing is queued; when the first may be asked."""
    first = min(waits, key=lambda wait: wait.next_time)
    seconds = first.seconds(now)
    return ResourceExhausted(
        "none of the search's sources may be asked now: " + "; ".join(wait.why(now) for wait in waits),
        reason="SOURCE_SCRAPED_RECENTLY",
        metadata={
            "min_interval_minutes": str(first.minimum),
            "next_run_time": first.next_time.isoformat(),
            "retry_after_seconds": str(seconds),
        },
    )


def _parse_id(search_id: str) -> uuid.UUID:
    return parse_resource_id(
        search_id, field="saved_search_id", reason="INVALID_SAVED_SEARCH_ID", hint=" as returned by CreateSavedSearch"
    )


def _not_found(search_id: str) -> NotFound:
    return NotFound(
        f"saved search {search_id} not found",
        reason="SAVED_SEARCH_NOT_FOUND",
        metadata={"saved_search_id": search_id},
    )

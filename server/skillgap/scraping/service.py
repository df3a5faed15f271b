"""Scrape runs: validate and queue them, report their status. No gRPC here."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from skillgap.errors import FieldViolation, InvalidArgument, NotFound, ResourceExhausted, Unavailable, quoted
from skillgap.paging import decode_page_token, encode_page_token, resolve_page_size
from skillgap.scraping.fetch import AllowedHosts, ConnectionFailed, HostNotFound, UnsafeUrl, UrlChecker
from skillgap.scraping.queue import ScrapeQueue
from skillgap.scraping.runs import (
    MAX_SOURCES_PER_TRIGGER,
    ScrapeRun,
    SourceSpec,
    SpecError,
    check_spec,
)
from skillgap.scraping.site_intervals import site_wait
from skillgap.storage.scrape_runs import ScrapeRunRepository

log = logging.getLogger(__name__)

JOB_NAME = "scrape_run"
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 100


def job_id_of(run_id: str) -> str:
    return f"scrape-run:{run_id}"


def check_source_count(count: int) -> None:
    """INVALID_ARGUMENT when a request names more sources than one trigger may check and queue."""
    if count > MAX_SOURCES_PER_TRIGGER:
        raise InvalidArgument(
            f"sources: {count} given, at most {MAX_SOURCES_PER_TRIGGER} per trigger; split them over several triggers",
            reason="TOO_MANY_SOURCES",
            violations=[FieldViolation("sources", f"at most {MAX_SOURCES_PER_TRIGGER} sources, got {count}")],
        )


def _checked_specs(specs: Sequence[SourceSpec]) -> list[tuple[str, str]]:
    """Check each spec without the network; return the (field, URL) pairs whose hosts must be checked.
    Pure CPU work on user input: run in a thread, off the event loop."""
    urls = []
    for index, spec in enumerate(specs):
        try:
            check_spec(spec)
        except SpecError as exc:
            field = f"sources[{index}].{exc.field}"
            raise InvalidArgument(
                f"{field}: {exc}", reason="INVALID_SOURCE", violations=[FieldViolation(field, str(exc))]
            ) from None
        if spec.kind == "job_page":
            urls.append((f"sources[{index}].identifier", spec.identifier.strip()))
        elif spec.base_url:
            urls.append((f"sources[{index}].base_url", spec.base_url.strip()))
    return urls


class ScrapeService:
    def __init__(
        self,
        runs: ScrapeRunRepository,
        queue: ScrapeQueue | None,
        *,
        configured: Sequence[SourceSpec],
        allowed_hosts: str,
    ) -> None:
        self._runs = runs
        self._queue = queue
        self._configured = tuple(configured)
        # One checker for every trigger: it holds no HTTP client (building one per source loads the TLS
        # trust store each time: ~25 ms of blocked event loop a source).
        self._checker = UrlChecker(AllowedHosts.parse(allowed_hosts))

    async def trigger(self, requested_by: str, specs: Sequence[SourceSpec], *, scheduled: bool = False) -> ScrapeRun:
        """Queue a run of `specs` (at most MAX_SOURCES_PER_TRIGGER), or of the configured sources when
        none are given, once every source checks out."""
        named = bool(specs)
        if specs and not scheduled:
            check_source_count(len(specs))
        if not specs:
            if not self._configured:
                raise InvalidArgument(
                    "no sources given and none configured (SKILLGAP_SCRAPE_SOURCES); name the sources to scrape",
                    reason="NO_SOURCES",
                    violations=[FieldViolation("sources", "empty and no configured sources")],
                )
            specs = self._configured
        await self._validate(specs)
        if not scheduled:  # the schedule keeps to the interval by itself (check_spec)
            await self._check_site_intervals(specs, named=named)
        if self._queue is None:
            raise Unavailable("no scrape queue is configured (SKILLGAP_REDIS_URL)", reason="QUEUE_UNAVAILABLE")
        run = await self._runs.create(
            trigger="scheduled" if scheduled else "manual", requested_by=requested_by, sources=specs
        )
        try:
            await self._queue.enqueue(JOB_NAME, job_id=job_id_of(run.run_id), run_id=run.run_id)
        except BaseException:
            await self._runs.delete(run.run_id)
            raise
        await self._runs.set_queue_job(run.run_id, job_id_of(run.run_id))
        return run

    async def recover_stalled(self, *, lease_seconds: float) -> list[str]:
        """Queue again the runs nobody works on: running under an expired lease (its worker died), or
        queued for longer than a lease while arq no longer holds their job (Redis lost it). The new job
        has its own id: arq keeps a dead worker's job id busy until its own timeout. Returns the run ids.

        Harmless when it races a live worker: a run is worked on only under a lease."""
        if self._queue is None:
            return []
        recovered = []
        for run_id, state, queue_job_id in await self._runs.stalled(queued_for=lease_seconds):
            if state == "queued" and queue_job_id and await self._queue.job_exists(queue_job_id):
                continue  # still waiting its turn in the queue
            job_id = f"{job_id_of(run_id)}:{uuid.uuid4().hex[:8]}"
            await self._queue.enqueue(JOB_NAME, job_id=job_id, run_id=run_id)
            await self._runs.set_queue_job(run_id, job_id)
            await self._runs.mark_waiting(
                run_id, "waiting for a worker (the last one stopped)" if state == "running" else "waiting for a worker"
            )
            log.warning("scrape run %s was %s with nobody working on it: queued again as %s", run_id, state, job_id)
            recovered.append(run_id)
        return recovered

    async def trigger_due(self, now: datetime) -> ScrapeRun | None:
        """Queue one scheduled run of the configured sources whose interval has passed since they were
        last queued; None when none is due. Called every minute by the workers' cron."""
        due = []
        for spec in self._configured:
            if spec.interval_minutes <= 0:
                continue
            last = await self._runs.last_queued(spec)
            if last is not None and now - last < timedelta(minutes=spec.interval_minutes):
                continue
            # A saved search's run asked its site lately: the scrape waits for the site's interval (its schedule
            # runs first in each minute, so searches never keep it waiting longer than one interval).
            if await site_wait(self._runs, spec, now) is None:
                due.append(spec)
        if not due:
            return None
        return await self.trigger("", due, scheduled=True)

    async def _check_site_intervals(self, specs: Sequence[SourceSpec], *, named: bool) -> None:
        """RESOURCE_EXHAUSTED when a source whose site asks for few requests (Remotive: one every 360 minutes) was
        asked less than that long ago, by a scrape or by a saved search's run (`site_intervals`), saying when it may
        run next."""
        now = datetime.now(UTC)
        for index, spec in enumerate(specs):
            wait = await site_wait(self._runs, spec, now)
            if wait is None:
                continue
            seconds = wait.seconds(now)
            where = f"sources[{index}]" if named else f"configured source {index}"
            raise ResourceExhausted(
                f"{where}: {spec.kind} {quoted(spec.identifier)} was last queued for a scrape or a saved search at "
                f"{wait.last.isoformat(timespec='seconds')}; its site asks for at most one scrape every "
                f"{wait.minimum} minutes, so it may run again at {wait.next_time.isoformat(timespec='seconds')} "
                f"(in {seconds} s)",
                reason="SOURCE_SCRAPED_RECENTLY",
                metadata={
                    "source": where,
                    "min_interval_minutes": str(wait.minimum),
                    "last_run_time": wait.last.isoformat(),
                    "next_run_time": wait.next_time.isoformat(),
                    "retry_after_seconds": str(seconds),
                },
            )

    async def _validate(self, specs: Sequence[SourceSpec]) -> None:
        """INVALID_ARGUMENT naming the first bad source's field. The syntax checks run in a thread; the URLs'
        hosts are then checked concurrently (lookups in the executor, bounded by the checker)."""
        urls = await asyncio.to_thread(_checked_specs, specs)
        if not urls:
            return
        outcomes = await asyncio.gather(*(self._checker.check(url) for _, url in urls), return_exceptions=True)
        for (field, _), outcome in zip(urls, outcomes, strict=True):
            if isinstance(outcome, UnsafeUrl | HostNotFound):  # the URL is at fault
                raise InvalidArgument(
                    f"{field}: {outcome.message}",
                    reason=outcome.reason,
                    violations=[FieldViolation(field, outcome.message)],
                ) from None
            if isinstance(outcome, ConnectionFailed):
                raise Unavailable(
                    f"{field}: {outcome.message}; try again in a moment", reason="HOST_LOOKUP_FAILED"
                ) from None
            if isinstance(outcome, BaseException):
                raise outcome

    async def status(
        self, run_id: str = "", *, page_size: int = 0, page_token: str = ""
    ) -> tuple[list[ScrapeRun], str]:
        if run_id:
            run = await self._runs.get(run_id)
            if run is None:
                raise NotFound(f"no scrape run {quoted(run_id)}", reason="SCRAPE_RUN_NOT_FOUND")
            return [run], ""
        limit = resolve_page_size(page_size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        position = decode_page_token(page_token, required_keys={"t", "id"})
        before = None
        if position is not None:
            try:
                before = (datetime.fromisoformat(str(position["t"])), str(position["id"]))
                if before[0].tzinfo is None:
                    raise ValueError("naive")
            except ValueError:
                raise InvalidArgument(
                    "page_token is not a token this server issued; pass next_page_token from the previous response",
                    reason="INVALID_PAGE_TOKEN",
                    violations=[FieldViolation("page_token", "malformed")],
                ) from None
        try:
            runs, more = await self._runs.list_recent(limit=limit, before=before)
        except ValueError:
            raise InvalidArgument("page_token is malformed", reason="INVALID_PAGE_TOKEN") from None
        token = ""
        if more and runs:
            last = runs[-1]
            token = encode_page_token({"t": last.create_time.isoformat(), "id": last.run_id})
        return runs, token

    def sources(self) -> tuple[SourceSpec, ...]:
        return self._configured

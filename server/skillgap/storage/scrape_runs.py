"""Scrape runs in PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

import asyncpg

from skillgap.jobs.models import JobCounts, ScrapeCounts, ScrapeRun, SourceProgress, SourceSpec, overall_state

_COUNT_COLUMNS = ("fetched", "created", "updated", "unchanged", "closed", "failed")
WAITING_FOR_WORKER = "waiting for a worker"


class ScrapeRunRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(self, *, trigger: str, requested_by: str, sources: Sequence[SourceSpec]) -> ScrapeRun:
        run_id = uuid.uuid4()
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "INSERT INTO scrape_runs (run_id, state, trigger, requested_by) VALUES ($1, 'queued', $2, $3)",
                run_id,
                trigger,
                requested_by,
            )
            await conn.executemany(
                "INSERT INTO scrape_run_sources (run_id, position, kind, identifier, base_url, activity) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                [(run_id, i, s.kind, s.identifier, s.base_url, WAITING_FOR_WORKER) for i, s in enumerate(sources)],
            )
        run = await self.get(str(run_id))
        assert run is not None
        return run

    async def get(self, run_id: str) -> ScrapeRun | None:
        try:
            key = uuid.UUID(run_id)
        except ValueError:
            return None
        row = await self._pool.fetchrow("SELECT * FROM scrape_runs WHERE run_id = $1", key)
        if row is None:
            return None
        return (await self._with_sources([row]))[0]

    async def list_recent(
        self, *, limit: int, before: tuple[datetime, str] | None = None
    ) -> tuple[list[ScrapeRun], bool]:
        """Newest first; `before` is the (create_time, run_id) of the last run of the previous page.
        Returns the runs and whether older ones exist."""
        if before is None:
            rows = await self._pool.fetch(
                "SELECT * FROM scrape_runs ORDER BY create_time DESC, run_id DESC LIMIT $1", limit + 1
            )
        else:
            rows = await self._pool.fetch(
                "SELECT * FROM scrape_runs WHERE (create_time, run_id) < ($1, $2) "
                "ORDER BY create_time DESC, run_id DESC LIMIT $3",
                before[0],
                uuid.UUID(before[1]),
                limit + 1,
            )
        more = len(rows) > limit
        return await self._with_sources(rows[:limit]), more

    async def delete(self, run_id: str) -> None:
        await self._pool.execute("DELETE FROM scrape_runs WHERE run_id = $1", uuid.UUID(run_id))

    async def acquire_lease(self, run_id: str, owner: str, *, seconds: float) -> bool:
        """Take the run for `owner` and mark it running: True when it is unfinished and nobody else holds an
        unexpired lease on it. Every take counts as an attempt."""
        row = await self._pool.fetchrow(
            """UPDATE scrape_runs SET lease_owner = $2, lease_expires = now() + make_interval(secs => $3),
                   attempts = attempts + 1, state = 'running', start_time = coalesce(start_time, now())
               WHERE run_id = $1 AND state IN ('queued', 'running')
                 AND (lease_expires IS NULL OR lease_expires < now() OR lease_owner = $2)
               RETURNING run_id""",
            uuid.UUID(run_id),
            owner,
            seconds,
        )
        return row is not None

    async def renew_lease(self, run_id: str, owner: str, *, seconds: float) -> bool:
        """Extend `owner`'s lease; False when it has lost the run (expired and taken over, or finished)."""
        row = await self._pool.fetchrow(
            """UPDATE scrape_runs SET lease_expires = now() + make_interval(secs => $3)
               WHERE run_id = $1 AND lease_owner = $2 AND state = 'running' RETURNING run_id""",
            uuid.UUID(run_id),
            owner,
            seconds,
        )
        return row is not None

    async def stalled(self, *, queued_for: float) -> list[tuple[str, str, str]]:
        """Unfinished runs nobody works on: running with an expired lease, or queued for longer than
        `queued_for` seconds without ever being taken. (run_id, state, queue_job_id), oldest first."""
        rows = await self._pool.fetch(
            """SELECT run_id, state, queue_job_id FROM scrape_runs
               WHERE (state = 'running' AND (lease_expires IS NULL OR lease_expires < now()))
                  OR (state = 'queued' AND create_time < now() - make_interval(secs => $1))
               ORDER BY create_time""",
            queued_for,
        )
        return [(str(r["run_id"]), r["state"], r["queue_job_id"]) for r in rows]

    async def set_queue_job(self, run_id: str, queue_job_id: str) -> None:
        await self._pool.execute(
            "UPDATE scrape_runs SET queue_job_id = $2 WHERE run_id = $1", uuid.UUID(run_id), queue_job_id
        )

    async def start_source(self, run_id: str, position: int) -> None:
        """Mark the source running; the run's later sources still queued now wait for it, not for a worker."""
        await self._pool.execute(
            """UPDATE scrape_run_sources
               SET state = CASE WHEN position = $2 THEN 'running' ELSE state END,
                   start_time = CASE WHEN position = $2 THEN now() ELSE start_time END,
                   activity = CASE WHEN position = $2 THEN 'starting' ELSE 'waiting for the sources before it' END
               WHERE run_id = $1 AND (position = $2 OR (position > $2 AND state = 'queued'))""",
            uuid.UUID(run_id),
            position,
        )

    async def save_progress(self, run_id: str, position: int, *, counts: ScrapeCounts, activity: str) -> None:
        """The running source's counts so far and what it is doing; a no-op once the source finished."""
        await self._pool.execute(
            "UPDATE scrape_run_sources SET fetched = $3, created = $4, updated = $5, unchanged = $6, closed = $7, "
            "failed = $8, activity = $9 WHERE run_id = $1 AND position = $2 AND state = 'running'",
            uuid.UUID(run_id),
            position,
            *(getattr(counts, c) for c in _COUNT_COLUMNS),
            activity,
        )

    async def mark_waiting(self, run_id: str, activity: str) -> None:
        """Say what the run's unfinished sources wait for (a new worker, after the last one stopped)."""
        await self._pool.execute(
            "UPDATE scrape_run_sources SET activity = $2 WHERE run_id = $1 AND state IN ('queued', 'running')",
            uuid.UUID(run_id),
            activity,
        )

    async def finish_source(
        self, run_id: str, position: int, *, state: str, counts: ScrapeCounts, error_message: str = ""
    ) -> None:
        await self._pool.execute(
            "UPDATE scrape_run_sources SET state = $3, fetched = $4, created = $5, updated = $6, unchanged = $7, "
            "closed = $8, failed = $9, error_message = $10, finish_time = now(), activity = '' "
            "WHERE run_id = $1 AND position = $2",
            uuid.UUID(run_id),
            position,
            state,
            *(getattr(counts, c) for c in _COUNT_COLUMNS),
            error_message,
        )

    async def finish_run(self, run_id: str) -> str:
        """Set the run's overall state from its sources' states; returns it."""
        key = uuid.UUID(run_id)
        async with self._pool.acquire() as conn, conn.transaction():
            states = [
                r["state"] for r in await conn.fetch("SELECT state FROM scrape_run_sources WHERE run_id = $1", key)
            ]
            state = overall_state(states)
            await conn.execute(
                "UPDATE scrape_runs SET state = $2, finish_time = now(), lease_owner = '', lease_expires = NULL "
                "WHERE run_id = $1",
                key,
                state,
            )
        return state

    async def _with_sources(self, rows: Sequence[asyncpg.Record]) -> list[ScrapeRun]:
        if not rows:
            return []
        ids = [r["run_id"] for r in rows]
        source_rows = await self._pool.fetch(
            "SELECT * FROM scrape_run_sources WHERE run_id = ANY($1::uuid[]) ORDER BY run_id, position", ids
        )
        held = await self._job_counts({(s["kind"], s["identifier"]) for s in source_rows})
        by_run: dict[uuid.UUID, list[SourceProgress]] = {i: [] for i in ids}
        for s in source_rows:
            by_run[s["run_id"]].append(
                SourceProgress(
                    position=s["position"],
                    source=SourceSpec(kind=s["kind"], identifier=s["identifier"], base_url=s["base_url"]),
                    state=s["state"],
                    counts=ScrapeCounts(**{c: s[c] for c in _COUNT_COLUMNS}),
                    error_message=s["error_message"],
                    start_time=s["start_time"],
                    finish_time=s["finish_time"],
                    activity=s["activity"],
                    jobs=held.get((s["kind"], s["identifier"]), JobCounts()),
                )
            )
        return [
            ScrapeRun(
                run_id=str(r["run_id"]),
                state=r["state"],
                trigger=r["trigger"],
                requested_by=r["requested_by"],
                sources=by_run[r["run_id"]],
                create_time=r["create_time"],
                start_time=r["start_time"],
                finish_time=r["finish_time"],
            )
            for r in rows
        ]

    async def _job_counts(self, sources: set[tuple[str, str]]) -> dict[tuple[str, str], JobCounts]:
        """How many open and closed jobs each (kind, identifier) holds now: one grouped count over the
        jobs_source_state_idx index."""
        if not sources:
            return {}
        kinds, identifiers = zip(*sorted(sources), strict=True)
        rows = await self._pool.fetch(
            """SELECT j.source_kind, j.source_identifier,
                      count(*) FILTER (WHERE j.state = 'open') AS open,
                      count(*) FILTER (WHERE j.state = 'closed') AS closed
               FROM unnest($1::text[], $2::text[]) AS s(kind, identifier)
               JOIN jobs j ON j.source_kind = s.kind AND j.source_identifier = s.identifier
               GROUP BY j.source_kind, j.source_identifier""",
            list(kinds),
            list(identifiers),
        )
        return {(r["source_kind"], r["source_identifier"]): JobCounts(open=r["open"], closed=r["closed"]) for r in rows}

    async def last_asked(self, spec: SourceSpec) -> datetime | None:
        """When a run that asks this source was last queued: a scrape of it, or a saved search's run that asks it
        (each is a request to its site). A source a run left unasked (finished before it started: a saved search's
        run deferred it, `SavedSearchService.run`) does not count."""
        value: datetime | None = await self._pool.fetchval(
            """SELECT max(r.create_time) FROM scrape_runs r JOIN scrape_run_sources s USING (run_id)
               WHERE s.kind = $1 AND s.identifier = $2 AND s.base_url = $3
                 AND NOT (s.start_time IS NULL AND s.finish_time IS NOT NULL)""",
            spec.kind,
            spec.identifier,
            spec.base_url,
        )
        return value

    async def last_queued(self, spec: SourceSpec) -> datetime | None:
        """When a run including this source was last queued (manual or scheduled), if ever. A saved search's run
        does not count: it read only the search's matches."""
        value: datetime | None = await self._pool.fetchval(
            """SELECT max(r.create_time) FROM scrape_runs r JOIN scrape_run_sources s USING (run_id)
               WHERE s.kind = $1 AND s.identifier = $2 AND s.base_url = $3
                 AND NOT EXISTS (SELECT 1 FROM saved_search_runs x WHERE x.run_id = r.run_id)""",
            spec.kind,
            spec.identifier,
            spec.base_url,
        )
        return value

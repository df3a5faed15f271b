"""Saved searches in PostgreSQL, and the scrape runs that ran them. Every query of a search is scoped by user_id:
a user can never read or change another's. The per-user limits that must hold under concurrent calls (how many
searches, how many runs an hour) are checked and written in one transaction under a per-user advisory lock."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import asyncpg

from skillgap.scraping.runs import SourceSpec
from skillgap.scraping.saved_searches import QUOTA_WINDOW, SavedSearch, SearchDefinition
from skillgap.scraping.search_query import SearchQuery

# The last run of each search comes along with it: one lateral look-up on saved_search_runs_search_idx.
_SELECT = """SELECT s.*, last.run_id AS last_run_id, last.create_time AS last_run_time
             FROM saved_searches s
             LEFT JOIN LATERAL (
                 SELECT r.run_id, r.create_time FROM saved_search_runs r
                 WHERE r.search_id = s.search_id ORDER BY r.create_time DESC LIMIT 1
             ) last ON true"""
_USER_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended('skillgap.saved_searches:' || $1, 0))"


def _to_search(row: asyncpg.Record) -> SavedSearch:
    sources = json.loads(row["sources"]) if isinstance(row["sources"], str) else row["sources"]
    return SavedSearch(
        search_id=str(row["search_id"]),
        user_id=row["user_id"],
        definition=SearchDefinition(
            display_name=row["display_name"],
            keywords=tuple(row["keywords"]),
            locations=tuple(row["locations"]),
            remote_only=row["remote_only"],
            sources=tuple(SourceSpec(s["kind"], s["identifier"]) for s in sources),
            interval_minutes=row["interval_minutes"],
        ),
        create_time=row["create_time"],
        update_time=row["update_time"],
        last_run_id=str(row["last_run_id"]) if row["last_run_id"] else "",
        last_run_time=row["last_run_time"],
    )


def _columns(definition: SearchDefinition) -> tuple[Any, ...]:
    sources = [{"kind": s.kind, "identifier": s.identifier} for s in definition.sources]  # the pool's jsonb codec
    return (
        definition.display_name,
        list(definition.keywords),
        list(definition.locations),
        definition.remote_only,
        sources,
        definition.interval_minutes,
    )


class SavedSearchRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create(self, user_id: str, definition: SearchDefinition, *, max_per_user: int) -> SavedSearch | None:
        """The new search, or None when the user has `max_per_user` already."""
        search_id = uuid.uuid4()
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(_USER_LOCK, user_id)
            held = await conn.fetchval("SELECT count(*) FROM saved_searches WHERE user_id = $1", user_id)
            if held >= max_per_user:
                return None
            await conn.execute(
                """INSERT INTO saved_searches (search_id, user_id, display_name, keywords, locations, remote_only,
                                               sources, interval_minutes)
                   VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)""",
                search_id,
                user_id,
                *_columns(definition),
            )
        found = await self.get(user_id, search_id)
        assert found is not None
        return found

    async def get(self, user_id: str, search_id: uuid.UUID) -> SavedSearch | None:
        row = await self._pool.fetchrow(f"{_SELECT} WHERE s.user_id = $1 AND s.search_id = $2", user_id, search_id)
        return _to_search(row) if row else None

    async def list_page(
        self, user_id: str, *, limit: int, after: tuple[datetime, uuid.UUID] | None
    ) -> list[SavedSearch]:
        """Newest first; `after` is the (create_time, search_id) of the previous page's last search."""
        args: list[Any] = [user_id, limit]
        where = "s.user_id = $1"
        if after is not None:
            where += " AND (s.create_time, s.search_id) < ($3, $4)"
            args.extend(after)
        rows = await self._pool.fetch(
            f"{_SELECT} WHERE {where} ORDER BY s.create_time DESC, s.search_id DESC LIMIT $2", *args
        )
        return [_to_search(r) for r in rows]

    async def count(self, user_id: str) -> int:
        value: int = await self._pool.fetchval("SELECT count(*) FROM saved_searches WHERE user_id = $1", user_id)
        return value

    async def update(self, user_id: str, search_id: uuid.UUID, definition: SearchDefinition) -> SavedSearch | None:
        """The search as changed; None when the user has no such search."""
        status = await self._pool.execute(
            """UPDATE saved_searches SET display_name = $3, keywords = $4, locations = $5, remote_only = $6,
                   sources = $7::jsonb, interval_minutes = $8, update_time = now()
               WHERE user_id = $1 AND search_id = $2""",
            user_id,
            search_id,
            *_columns(definition),
        )
        if status != "UPDATE 1":
            return None
        return await self.get(user_id, search_id)

    async def delete(self, user_id: str, search_id: uuid.UUID) -> bool:
        status = await self._pool.execute(
            "DELETE FROM saved_searches WHERE user_id = $1 AND search_id = $2", user_id, search_id
        )
        return bool(status == "DELETE 1")

    # --- runs ---

    async def recent_run_ages(self, user_id: str) -> list[float]:
        """How long ago (seconds) the user's runs of the last QUOTA_WINDOW were queued, oldest first (deleted
        searches' runs too)."""
        rows = await self._pool.fetch(
            """SELECT extract(epoch FROM now() - create_time)::float8 AS age FROM saved_search_runs
               WHERE user_id = $1 AND create_time > now() - $2::interval ORDER BY create_time""",
            user_id,
            QUOTA_WINDOW,
        )
        return [r["age"] for r in rows]

    async def record_run(
        self, run_id: str, search_id: str, user_id: str, *, max_postings: int, runs_per_hour: int
    ) -> bool:
        """Mark the scrape run as the search's; False (nothing written) when the user already has `runs_per_hour`
        runs in the last QUOTA_WINDOW."""
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(_USER_LOCK, user_id)
            recent = await conn.fetchval(
                "SELECT count(*) FROM saved_search_runs WHERE user_id = $1 AND create_time > now() - $2::interval",
                user_id,
                QUOTA_WINDOW,
            )
            if recent >= runs_per_hour:
                return False
            await conn.execute(
                "INSERT INTO saved_search_runs (run_id, search_id, user_id, max_postings) VALUES ($1, $2, $3, $4)",
                uuid.UUID(run_id),
                uuid.UUID(search_id),
                user_id,
                max_postings,
            )
        return True

    async def search_of_run(self, run_id: str) -> tuple[SearchQuery | None, int] | None:
        """For a run of a saved search: its query (None once the search was deleted) and how many postings it may
        store; None for any other run."""
        row = await self._pool.fetchrow(
            """SELECT r.max_postings, s.search_id, s.keywords, s.locations, s.remote_only
               FROM saved_search_runs r LEFT JOIN saved_searches s ON s.search_id = r.search_id
               WHERE r.run_id = $1""",
            uuid.UUID(run_id),
        )
        if row is None:
            return None
        if row["search_id"] is None:
            return None, row["max_postings"]
        query = SearchQuery(tuple(row["keywords"]), tuple(row["locations"]), row["remote_only"])
        return query, row["max_postings"]

    async def due(self, *, limit: int) -> Sequence[tuple[str, str]]:
        """(user_id, search_id) of the scheduled searches whose interval has passed since their last run (or that
        never ran), the longest waiting first, at most `limit`."""
        rows = await self._pool.fetch(
            """SELECT s.user_id, s.search_id FROM saved_searches s
               LEFT JOIN LATERAL (
                   SELECT max(r.create_time) AS last FROM saved_search_runs r WHERE r.search_id = s.search_id
               ) runs ON true
               WHERE s.interval_minutes > 0
                 AND (runs.last IS NULL OR runs.last <= now() - make_interval(mins => s.interval_minutes))
               ORDER BY coalesce(runs.last, s.create_time) LIMIT $1""",
            limit,
        )
        return [(r["user_id"], str(r["search_id"])) for r in rows]

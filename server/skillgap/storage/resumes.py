"""Resumes in PostgreSQL. Every query is scoped by user_id: a user can never read another's rows."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import asyncpg

from skillgap.resumes.models import StoredResume
from skillgap.skills.models import ResumeProfile

_COLUMNS = """resume_id, user_id, filename, content_type, size_bytes, page_count, content_sha256,
              profile, create_time, update_time, length(text) AS text_length"""


def _to_resume(row: asyncpg.Record, *, with_text: bool) -> StoredResume:
    return StoredResume(
        resume_id=str(row["resume_id"]),
        user_id=row["user_id"],
        filename=row["filename"],
        content_type=row["content_type"],
        size_bytes=row["size_bytes"],
        page_count=row["page_count"],
        text=row["text"] if with_text else "",
        text_length=row["text_length"],
        content_sha256=row["content_sha256"],
        create_time=row["create_time"],
        update_time=row["update_time"],
        profile=ResumeProfile.model_validate(row["profile"]) if row["profile"] else None,
    )


class ResumeRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def find_by_hash(self, user_id: str, content_sha256: str) -> StoredResume | None:
        row = await self._pool.fetchrow(
            f"SELECT {_COLUMNS}, text FROM resumes WHERE user_id = $1 AND content_sha256 = $2",
            user_id,
            content_sha256,
        )
        return _to_resume(row, with_text=True) if row else None

    async def insert(
        self,
        *,
        user_id: str,
        filename: str,
        content_type: str,
        content: bytes,
        page_count: int,
        text: str,
        content_sha256: str,
        embedding_model: str | None,
        profile: ResumeProfile,
        profile_version: str,
    ) -> tuple[StoredResume, bool]:
        """Store a resume; when the user already has these bytes, return that one and False."""
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("INSERT INTO users (user_id) VALUES ($1) ON CONFLICT (user_id) DO NOTHING", user_id)
            row = await conn.fetchrow(
                f"""INSERT INTO resumes (resume_id, user_id, filename, content_type, content, size_bytes,
                                         page_count, text, content_sha256, embedding_model, profile,
                                         profile_version)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                    ON CONFLICT (user_id, content_sha256) DO NOTHING
                    RETURNING {_COLUMNS}, text""",
                uuid.uuid4(),
                user_id,
                filename,
                content_type,
                content,
                len(content),
                page_count,
                text,
                content_sha256,
                embedding_model,
                profile.model_dump(mode="json"),
                profile_version,
            )
            if row is not None:
                return _to_resume(row, with_text=True), True
            # A concurrent upload of the same bytes won the race: answer with its row.
            existing = await conn.fetchrow(
                f"SELECT {_COLUMNS}, text FROM resumes WHERE user_id = $1 AND content_sha256 = $2",
                user_id,
                content_sha256,
            )
            assert existing is not None
            return _to_resume(existing, with_text=True), False

    async def get(self, user_id: str, resume_id: uuid.UUID) -> StoredResume | None:
        row = await self._pool.fetchrow(
            f"SELECT {_COLUMNS}, text FROM resumes WHERE user_id = $1 AND resume_id = $2", user_id, resume_id
        )
        return _to_resume(row, with_text=True) if row else None

    async def list_page(
        self, user_id: str, *, limit: int, after: tuple[datetime, uuid.UUID] | None
    ) -> list[StoredResume]:
        """Newest first; `after` is the (create_time, resume_id) of the previous page's last item."""
        args: list[Any] = [user_id, limit]
        where = "user_id = $1"
        if after is not None:
            where += " AND (create_time, resume_id) < ($3, $4)"
            args.extend(after)
        rows = await self._pool.fetch(
            f"SELECT {_COLUMNS} FROM resumes WHERE {where} ORDER BY create_time DESC, resume_id DESC LIMIT $2",
            *args,
        )
        return [_to_resume(r, with_text=False) for r in rows]

    async def delete(self, user_id: str, resume_id: uuid.UUID) -> bool:
        status = await self._pool.execute(
            "DELETE FROM resumes WHERE user_id = $1 AND resume_id = $2", user_id, resume_id
        )
        return bool(status == "DELETE 1")

    async def stale_index_entries(self, embedding_model: str, *, limit: int) -> list[StoredResume]:
        """Resumes whose vector is missing or came from another embedding model."""
        rows = await self._pool.fetch(
            f"""SELECT {_COLUMNS}, text FROM resumes
                WHERE embedding_model IS DISTINCT FROM $1 ORDER BY create_time LIMIT $2""",
            embedding_model,
            limit,
        )
        return [_to_resume(r, with_text=True) for r in rows]

    async def mark_indexed(self, resume_id: str, embedding_model: str) -> None:
        await self._pool.execute(
            "UPDATE resumes SET embedding_model = $2 WHERE resume_id = $1", uuid.UUID(resume_id), embedding_model
        )

    async def needing_extraction(
        self, profile_version: str, *, after: uuid.UUID | None, limit: int
    ) -> list[StoredResume]:
        """Every user's resumes whose profile came from another reading, in id order."""
        rows = await self._pool.fetch(
            f"""SELECT {_COLUMNS}, text FROM resumes
                WHERE profile_version <> $1 AND ($2::uuid IS NULL OR resume_id > $2)
                ORDER BY resume_id LIMIT $3""",
            profile_version,
            after,
            limit,
        )
        return [_to_resume(r, with_text=True) for r in rows]

    async def count_needing_extraction(self, profile_version: str) -> int:
        return int(
            await self._pool.fetchval("SELECT count(*) FROM resumes WHERE profile_version <> $1", profile_version)
        )

    async def change_profile(
        self,
        resume_id: uuid.UUID,
        change: Callable[[ResumeProfile | None], ResumeProfile],
        *,
        user_id: str | None = None,
        profile_version: str | None = None,
    ) -> StoredResume | None:
        """Set the profile to `change(current profile)` with the row locked, so a user's correction and a
        re-extraction never overwrite each other. Scoped to `user_id` when given; None when there is no such
        resume. `profile_version` is recorded when given (a re-extraction), kept otherwise."""
        async with self._pool.acquire() as conn, conn.transaction():
            row = await conn.fetchrow(
                f"""SELECT {_COLUMNS}, text FROM resumes
                    WHERE resume_id = $1 AND ($2::text IS NULL OR user_id = $2) FOR UPDATE""",
                resume_id,
                user_id,
            )
            if row is None:
                return None
            profile = change(_to_resume(row, with_text=False).profile)
            updated = await conn.fetchrow(
                f"""UPDATE resumes SET profile = $2, profile_version = coalesce($3, profile_version),
                                       update_time = now()
                    WHERE resume_id = $1 RETURNING {_COLUMNS}, text""",
                resume_id,
                profile.model_dump(mode="json"),
                profile_version,
            )
            assert updated is not None
            return _to_resume(updated, with_text=True)

    async def set_profile(self, resume_id: str, profile: ResumeProfile) -> None:
        await self._pool.execute(
            "UPDATE resumes SET profile = $2, update_time = now() WHERE resume_id = $1",
            uuid.UUID(resume_id),
            profile.model_dump(mode="json"),
        )

"""Interview sessions in PostgreSQL: one row per session, the session itself as jsonb.

The session travels as JSON text (`$n::text::jsonb` in, `session::text` out) that pydantic writes and reads
itself: every turn reads and writes the whole session (~12 KiB), and the json module's round trip through
Python dicts took twice as long (0.16 against 0.07 ms a turn)."""

from __future__ import annotations

import uuid
from datetime import datetime

import asyncpg

from skillgap.interview.models import Session


class StaleSession(Exception):
    """The session changed since it was read (another turn got there first)."""


class InterviewRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert(self, session: Session) -> Session:
        await self._pool.execute(
            """INSERT INTO interviews (interview_id, user_id, job_id, resume_id, state, session, version,
                                       create_time, update_time, expire_time)
               VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10)""",
            uuid.UUID(session.interview_id),
            session.user_id,
            uuid.UUID(session.job_id),
            uuid.UUID(session.resume_id),
            session.state,
            session.model_dump_json(),
            session.version,
            session.create_time,
            session.update_time,
            session.expire_time,
        )
        return session

    async def get(self, user_id: str, interview_id: uuid.UUID) -> Session | None:
        """The user's session; None when it does not exist or belongs to someone else."""
        row = await self._pool.fetchrow(
            """SELECT session::text AS session, version, state, update_time, expire_time FROM interviews
               WHERE interview_id = $1 AND user_id = $2""",
            interview_id,
            user_id,
        )
        if row is None:
            return None
        # The columns are authoritative for what the database itself changes (expiry by the cron).
        columns = {name: row[name] for name in ("version", "state", "update_time", "expire_time")}
        session = Session.model_validate_json(row["session"]).model_copy(update=columns)
        return session.model_copy(update={"current": None}) if session.state != "active" else session

    async def save(self, session: Session) -> Session:
        """Write a changed session over the version it was read at; StaleSession if it moved meanwhile."""
        saved = session.model_copy(update={"version": session.version + 1})
        status = await self._pool.execute(
            """UPDATE interviews SET state = $3, session = $4::text::jsonb, version = $5, update_time = $6,
                                    expire_time = $7
               WHERE interview_id = $1 AND version = $2""",
            uuid.UUID(session.interview_id),
            session.version,
            saved.state,
            saved.model_dump_json(),
            saved.version,
            saved.update_time,
            saved.expire_time,
        )
        if status != "UPDATE 1":
            raise StaleSession(session.interview_id)
        return saved

    async def expire_abandoned(self, now: datetime) -> int:
        """Mark active sessions past their expiry time expired; how many."""
        status = await self._pool.execute(
            """UPDATE interviews
               SET state = 'expired', version = version + 1, update_time = $1
               WHERE state = 'active' AND expire_time < $1""",
            now,
        )
        return int(status.split()[-1])

"""Job postings in PostgreSQL."""

from __future__ import annotations

import uuid

import asyncpg

from skillgap.jobs.models import JobPosting, StoredJob
from skillgap.skills.models import JobSkills

_COLUMNS = """job_id, source_kind, source_identifier, external_id, title, company, url, description,
              post_time, scrape_time, state, close_time, skills, details"""


def _to_job(row: asyncpg.Record) -> StoredJob:
    return StoredJob(
        job_id=str(row["job_id"]),
        posting=JobPosting(
            source_kind=row["source_kind"],
            source_identifier=row["source_identifier"],
            external_id=row["external_id"],
            title=row["title"],
            description=row["description"],
            company=row["company"],
            url=row["url"],
            post_time=row["post_time"],
            locations=tuple(row["details"].get("locations", ())),
            workplace_type=row["details"].get("workplace_type", "unspecified"),
        ),
        state=row["state"],
        scrape_time=row["scrape_time"],
        close_time=row["close_time"],
        skills=JobSkills.model_validate(row["skills"]) if row["skills"] else None,
    )


class JobRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def upsert(self, posting: JobPosting, skills: JobSkills, skills_version: str) -> StoredJob:
        """Insert a posting, or update the one with the same source and external id."""
        row = await self._pool.fetchrow(
            f"""INSERT INTO jobs (job_id, source_kind, source_identifier, external_id, title, company, url,
                                  description, post_time, skills, skills_version, details)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                ON CONFLICT (source_kind, source_identifier, external_id) DO UPDATE SET
                    title = EXCLUDED.title, company = EXCLUDED.company, url = EXCLUDED.url,
                    description = EXCLUDED.description, post_time = EXCLUDED.post_time,
                    skills = EXCLUDED.skills, skills_version = EXCLUDED.skills_version, details = EXCLUDED.details,
                    scrape_time = now(), update_time = now()
                RETURNING {_COLUMNS}""",
            uuid.uuid4(),
            posting.source_kind,
            posting.source_identifier,
            posting.external_id,
            posting.title,
            posting.company,
            posting.url,
            posting.description,
            posting.post_time,
            skills.model_dump(mode="json"),
            skills_version,
            {"locations": list(posting.locations), "workplace_type": posting.workplace_type},
        )
        assert row is not None
        return _to_job(row)

    async def get(self, job_id: uuid.UUID) -> StoredJob | None:
        row = await self._pool.fetchrow(f"SELECT {_COLUMNS} FROM jobs WHERE job_id = $1", job_id)
        return _to_job(row) if row else None

    async def needing_extraction(self, skills_version: str, *, limit: int) -> list[StoredJob]:
        """Jobs whose skills came from another taxonomy or engine version."""
        rows = await self._pool.fetch(
            f"SELECT {_COLUMNS} FROM jobs WHERE skills_version <> $1 ORDER BY job_id LIMIT $2",
            skills_version,
            limit,
        )
        return [_to_job(r) for r in rows]

    async def set_skills(self, job_id: str, skills: JobSkills, skills_version: str) -> None:
        await self._pool.execute(
            "UPDATE jobs SET skills = $2, skills_version = $3, update_time = now() WHERE job_id = $1",
            uuid.UUID(job_id),
            skills.model_dump(mode="json"),
            skills_version,
        )

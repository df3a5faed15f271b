"""Job postings in PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

import asyncpg

from skillgap.jobs.models import JobListingRef, JobPosting, JobSummary, Salary, StoredJob
from skillgap.skills.models import JobSkills
from skillgap.vectors.filters import JobSearchFilter

_COLUMNS = """job_id, source_kind, source_identifier, external_id, title, company, url, description,
              post_time, scrape_time, state, close_time, skills, details, content_hash, last_seen_time"""
# What a read of whole jobs adds: the other boards that list each job (cross-source dedupe, migration 0014).
_READ_COLUMNS = f"""{_COLUMNS},
    (SELECT coalesce(jsonb_agg(jsonb_build_array(s.source_kind, s.source_identifier, s.external_id, s.url, s.state)
                               ORDER BY s.first_seen_time, s.source_kind, s.source_identifier, s.external_id),
                     '[]'::jsonb)
     FROM job_sources s
     WHERE s.job_id = jobs.job_id
       AND (s.source_kind, s.source_identifier, s.external_id)
           <> (jobs.source_kind, jobs.source_identifier, jobs.external_id)) AS also_listed_on"""


def _salary(value: object) -> Salary | None:
    if not isinstance(value, dict):
        return None
    try:
        return Salary(
            min_amount=value.get("min_amount"),
            max_amount=value.get("max_amount"),
            currency=value.get("currency"),
            interval=str(value.get("interval") or "year"),
        )
    except TypeError:
        return None


def details_of(posting: JobPosting) -> dict[str, Any]:
    """The jsonb `details` of a posting: locations, workplace and employment type, salary, and (job boards) the
    board's tags and remote region."""
    details: dict[str, Any] = {
        "locations": list(posting.locations),
        "workplace_type": posting.workplace_type,
        "employment_type": posting.employment_type,
        "salary": asdict(posting.salary) if posting.salary else None,
    }
    if posting.tags:
        details["tags"] = list(posting.tags)
    if posting.remote_region:
        details["remote_region"] = posting.remote_region
    return details


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
            employment_type=row["details"].get("employment_type", "unspecified"),
            salary=_salary(row["details"].get("salary")),
            tags=tuple(str(tag) for tag in row["details"].get("tags", ())),
            remote_region=str(row["details"].get("remote_region", "")),
        ),
        state=row["state"],
        scrape_time=row["scrape_time"],
        close_time=row["close_time"],
        skills=JobSkills.model_validate(row["skills"]) if row["skills"] else None,
        content_hash=row["content_hash"],
        last_seen_time=row["last_seen_time"],
        also_listed_on=tuple(
            JobListingRef(str(kind), str(identifier), str(external_id), str(url), str(state))
            for kind, identifier, external_id, url, state in (row.get("also_listed_on") or ())
        ),
    )


# ListJobs' order, newest first: the expression of the jobs_newest*_idx indexes (migration 0008), so that
# a page's keyset is one row comparison. Jobs without a posting time sort last.
_NEWEST = "coalesce(post_time, '-infinity'::timestamptz)"
_SUMMARY_COLUMNS = """job_id, title, company, url, source_kind, source_identifier, external_id, post_time, state,
                      close_time, details -> 'locations' AS locations, details ->> 'workplace_type' AS workplace_type,
                      skills -> 'seniority' ->> 'level' AS seniority"""


@dataclass(frozen=True)
class JobListing:
    """What ListJobs reads: the search filters (already checked), a source, a scrape run, and where the
    previous page ended: the (post_time, job_id) of its last job."""

    where: JobSearchFilter
    source_kind: str = ""
    source_identifier: str = ""
    external_id: str = ""
    run_id: uuid.UUID | None = None
    after: tuple[datetime | None, uuid.UUID] | None = None


def _to_summary(row: asyncpg.Record) -> JobSummary:
    locations = row["locations"]
    return JobSummary(
        job_id=str(row["job_id"]),
        title=row["title"],
        company=row["company"],
        locations=tuple(str(x) for x in locations) if isinstance(locations, list) else (),
        workplace_type=row["workplace_type"] or "unspecified",
        seniority=row["seniority"] or "unspecified",
        post_time=row["post_time"],
        source_kind=row["source_kind"],
        source_identifier=row["source_identifier"],
        external_id=row["external_id"],
        url=row["url"],
        state=row["state"],
        close_time=row["close_time"],
    )


def search_filter_clauses(where: JobSearchFilter, arg: Callable[[object], str]) -> list[str]:
    """SQL conditions on `jobs` (joined by AND) for the search filters, the same that the vector index applies:
    ListJobs and SearchJobs' lexical recall read them. `arg` adds a query argument and returns its placeholder."""
    clauses = []
    if not where.include_closed:
        clauses.append("state = 'open'")
    if where.workplace_types:
        clauses.append(f"details ->> 'workplace_type' = ANY({arg(list(where.workplace_types))}::text[])")
    if where.seniorities:
        clauses.append(f"skills -> 'seniority' ->> 'level' = ANY({arg(list(where.seniorities))}::text[])")
    if where.required_skill_ids:
        # Every one of these skills is among the job's required skills: the ids of those, kept in the row
        # (migration 0016), not the skills document, which is read out of line and decompressed.
        clauses.append(f"required_skill_ids @> {arg(list(where.required_skill_ids))}::text[]")
    if where.companies:
        # One parameter each (at most 50), so the planner sees the values and can pick jobs_company_idx.
        wanted_companies = ", ".join(f"lower({arg(company)}::text)" for company in where.companies)
        clauses.append(f"lower(company) = ANY(ARRAY[{wanted_companies}])")
    if where.source_kinds:
        clauses.append(f"source_kind = ANY({arg(list(where.source_kinds))}::text[])")
    if where.posted_after is not None:
        # Written on the order key (a job without a posting time never passes), so it is a range of the index.
        clauses.append(f"{_NEWEST} >= {arg(where.posted_after)}::timestamptz")
    if where.location:
        clauses.append(
            "EXISTS (SELECT 1 FROM jsonb_array_elements_text(coalesce(details -> 'locations', '[]'::jsonb)) AS l(name)"
            f" WHERE strpos(lower(l.name), lower({arg(where.location)}::text)) > 0)"
        )
    return clauses


def _listing_sql(listing: JobListing, limit: int) -> tuple[str, list[object]]:
    """The query of one page and its arguments. Text is compared with PostgreSQL's lower() on both sides."""
    args: list[object] = []

    def arg(value: object) -> str:
        args.append(value)
        return f"${len(args)}"

    clauses = search_filter_clauses(listing.where, arg)
    if listing.source_kind:
        clauses.append(f"source_kind = {arg(listing.source_kind)}")
    if listing.source_identifier:
        clauses.append(f"source_identifier = {arg(listing.source_identifier)}")
    if listing.external_id:
        clauses.append(f"external_id = {arg(listing.external_id)}")
    if listing.run_id is not None:
        clauses.append(f"job_id IN (SELECT job_id FROM scrape_run_jobs WHERE run_id = {arg(listing.run_id)})")
    if listing.after is not None:
        post_time, job_id = listing.after
        clauses.append(
            f"({_NEWEST}, job_id) < (coalesce({arg(post_time)}::timestamptz, '-infinity'::timestamptz), "
            f"{arg(job_id)}::uuid)"
        )
    sql = (
        f"SELECT {_SUMMARY_COLUMNS} FROM jobs"
        + (" WHERE " + " AND ".join(clauses) if clauses else "")
        + f" ORDER BY {_NEWEST} DESC, job_id DESC LIMIT {arg(limit)}"
    )
    return sql, args


class JobRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def upsert(
        self,
        posting: JobPosting,
        skills: JobSkills,
        skills_version: str,
        *,
        canonical_url: str = "",
        fingerprint: str = "",
        content_hash: str = "",
        run_id: str | None = None,
        role_keys: Sequence[str] = (),
        apply_url: str = "",
    ) -> StoredJob:
        """Insert a posting, or update the one with the same source and external id.

        Either way the job is open and seen now, and so is its listing on this source (with the board's change
        signal, `posting.source_version`): a posting someone stores is a posting that is listed. With `run_id`,
        the same statement records that this scrape run created or updated the job (for ListJobs' run filter);
        a run that no longer exists records nothing.
        """
        row = await self._pool.fetchrow(
            f"""WITH stored AS (
                INSERT INTO jobs (job_id, source_kind, source_identifier, external_id, title, company, url,
                                  description, post_time, skills, skills_version, details,
                                  canonical_url, fingerprint, content_hash, last_seen_time, apply_url, role_keys)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now(), $17, $18)
                ON CONFLICT (source_kind, source_identifier, external_id) DO UPDATE SET
                    title = EXCLUDED.title, company = EXCLUDED.company, url = EXCLUDED.url,
                    description = EXCLUDED.description, post_time = EXCLUDED.post_time,
                    skills = EXCLUDED.skills, skills_version = EXCLUDED.skills_version, details = EXCLUDED.details,
                    canonical_url = EXCLUDED.canonical_url, fingerprint = EXCLUDED.fingerprint,
                    content_hash = EXCLUDED.content_hash, last_seen_time = now(),
                    apply_url = EXCLUDED.apply_url, role_keys = EXCLUDED.role_keys,
                    state = 'open', close_time = NULL, scrape_time = now(), update_time = now()
                RETURNING {_COLUMNS}
            ), listed AS (
                INSERT INTO job_sources (source_kind, source_identifier, external_id, job_id, url, source_version)
                SELECT source_kind, source_identifier, external_id, job_id, url, $19 FROM stored
                ON CONFLICT (source_kind, source_identifier, external_id) DO UPDATE SET
                    job_id = EXCLUDED.job_id, url = EXCLUDED.url, source_version = EXCLUDED.source_version,
                    state = 'open', close_time = NULL, last_seen_time = now()
            ), linked AS (
                INSERT INTO scrape_run_jobs (run_id, job_id)
                SELECT $16::uuid, job_id FROM stored
                WHERE EXISTS (SELECT 1 FROM scrape_runs WHERE run_id = $16::uuid)
                ON CONFLICT DO NOTHING
            )
            SELECT {_COLUMNS} FROM stored""",
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
            details_of(posting),
            canonical_url,
            fingerprint,
            content_hash,
            uuid.UUID(run_id) if run_id else None,
            apply_url,
            list(role_keys),
            posting.source_version,
        )
        assert row is not None
        return _to_job(row)

    async def find_by_source(self, source_kind: str, source_identifier: str, external_id: str) -> StoredJob | None:
        row = await self._pool.fetchrow(
            f"""SELECT {_COLUMNS} FROM jobs
                WHERE source_kind = $1 AND source_identifier = $2 AND external_id = $3""",
            source_kind,
            source_identifier,
            external_id,
        )
        return _to_job(row) if row else None

    async def find_by_listing(self, source_kind: str, source_identifier: str, external_id: str) -> StoredJob | None:
        """The job another source stored that this source's posting was recognised as before (its listing)."""
        row = await self._pool.fetchrow(
            f"""SELECT {_COLUMNS} FROM jobs
                WHERE job_id = (SELECT job_id FROM job_sources
                                WHERE source_kind = $1 AND source_identifier = $2 AND external_id = $3)""",
            source_kind,
            source_identifier,
            external_id,
        )
        return _to_job(row) if row else None

    async def find_duplicate(
        self,
        source_kind: str,
        source_identifier: str,
        *,
        canonical_url: str,
        title: str,
        fingerprint: str,
        apply_url: str = "",
        role_keys: Sequence[str] = (),
    ) -> StoredJob | None:
        """An open job of another source that is this posting, by the first rule that finds one:

        1. a URL in common (this posting's canonical or apply URL is that job's canonical or apply URL: a board
           linking to the company's own posting) and the same title or a role key in common;
        2. the same content fingerprint;
        3. a role key in common (same company, title and place: `skillgap.jobs.role_keys`).

        The oldest such job wins, so every board's copy lands on one row."""
        urls = [url for url in dict.fromkeys((canonical_url, apply_url)) if url]
        row = await self._pool.fetchrow(
            f"""WITH found AS (
                    SELECT {_COLUMNS}, create_time,
                           CASE WHEN (canonical_url = ANY($3::text[]) OR apply_url = ANY($3::text[]))
                                     AND (lower(title) = lower($4) OR role_keys && $6::text[]) THEN 1
                                WHEN fingerprint = $5 AND $5 <> '' THEN 2
                                WHEN role_keys && $6::text[] THEN 3
                           END AS rule
                    FROM jobs
                    WHERE state = 'open' AND (source_kind, source_identifier) <> ($1, $2)
                      AND (canonical_url = ANY($3::text[]) OR apply_url = ANY($3::text[])
                           OR (fingerprint = $5 AND $5 <> '')
                           OR role_keys && $6::text[])
                )
                SELECT {_COLUMNS} FROM found
                WHERE rule IS NOT NULL
                ORDER BY rule, create_time, job_id
                LIMIT 1""",
            source_kind,
            source_identifier,
            urls,
            title,
            fingerprint,
            list(role_keys),
        )
        return _to_job(row) if row else None

    async def mark_seen(self, job_id: str, listing: tuple[str, str, str, str, str] | None = None) -> StoredJob:
        """A board listed the job again unchanged: note when, and reopen it if it was closed. `listing` is the
        board's (kind, identifier, external id, url, change signal): recorded as one of the job's listings, open."""
        key = uuid.UUID(job_id)
        async with self._pool.acquire() as conn, conn.transaction():
            if listing is not None:
                kind, identifier, external_id, url, version = listing
                await conn.execute(
                    """INSERT INTO job_sources
                           (source_kind, source_identifier, external_id, job_id, url, source_version)
                       VALUES ($1, $2, $3, $4, $5, $6)
                       ON CONFLICT (source_kind, source_identifier, external_id) DO UPDATE SET
                           job_id = EXCLUDED.job_id, url = EXCLUDED.url, source_version = EXCLUDED.source_version,
                           state = 'open', close_time = NULL, last_seen_time = now()""",
                    kind,
                    identifier,
                    external_id,
                    key,
                    url,
                    version,
                )
            row = await conn.fetchrow(
                f"""UPDATE jobs SET last_seen_time = now(), scrape_time = now(),
                        state = 'open', close_time = NULL,
                        update_time = CASE WHEN state = 'open' THEN update_time ELSE now() END
                    WHERE job_id = $1 RETURNING {_COLUMNS}""",
                key,
            )
        if row is None:
            raise LookupError(f"job {job_id} vanished while being ingested")
        return _to_job(row)

    async def mark_listings_seen(
        self, source_kind: str, source_identifier: str, versions: Sequence[tuple[str, str]] | None
    ) -> tuple[int, list[str]]:
        """The source listed these postings (external id, change signal) unchanged, or (`versions` None) everything
        it lists is unchanged (a 304): mark their listings and jobs seen, reopening what was closed. Returns how
        many listings were marked, and the ids of the jobs reopened (search must see them again)."""
        async with self._pool.acquire() as conn, conn.transaction():
            if versions is None:
                rows = await conn.fetch(
                    """UPDATE job_sources SET last_seen_time = now()
                       WHERE source_kind = $1 AND source_identifier = $2 AND state = 'open'
                       RETURNING job_id""",
                    source_kind,
                    source_identifier,
                )
            else:
                rows = await conn.fetch(
                    """UPDATE job_sources AS s SET last_seen_time = now(), state = 'open', close_time = NULL,
                           source_version = v.version
                       FROM unnest($3::text[], $4::text[]) AS v(external_id, version)
                       WHERE s.source_kind = $1 AND s.source_identifier = $2 AND s.external_id = v.external_id
                       RETURNING s.job_id""",
                    source_kind,
                    source_identifier,
                    [external_id for external_id, _ in versions],
                    [version for _, version in versions],
                )
            job_ids = list({row["job_id"] for row in rows})
            reopened = await conn.fetch(
                """WITH touched AS (
                       SELECT job_id, state AS was FROM jobs WHERE job_id = ANY($1::uuid[]) FOR UPDATE
                   )
                   UPDATE jobs SET last_seen_time = now(), scrape_time = now(), state = 'open', close_time = NULL,
                       update_time = CASE WHEN touched.was = 'open' THEN jobs.update_time ELSE now() END
                   FROM touched WHERE jobs.job_id = touched.job_id
                   RETURNING jobs.job_id, touched.was""",
                job_ids,
            )
        return len(rows), [str(row["job_id"]) for row in reopened if row["was"] != "open"]

    async def close_unseen(
        self, source_kind: str, source_identifier: str, *, seen_before: datetime, keep_external_ids: Sequence[str] = ()
    ) -> tuple[int, list[StoredJob]]:
        """The source no longer lists its postings not seen since `seen_before` (except `keep_external_ids`): close
        those listings, and close the jobs no board lists any more. Returns how many listings closed and the jobs
        closed."""
        async with self._pool.acquire() as conn, conn.transaction():
            gone = await conn.fetch(
                """UPDATE job_sources SET state = 'closed', close_time = now()
                   WHERE source_kind = $1 AND source_identifier = $2 AND state = 'open' AND last_seen_time < $3
                     AND NOT (external_id = ANY($4::text[]))
                   RETURNING job_id""",
                source_kind,
                source_identifier,
                seen_before,
                list(keep_external_ids),
            )
            rows = await conn.fetch(
                f"""UPDATE jobs SET state = 'closed', close_time = now(), update_time = now()
                    WHERE job_id = ANY($1::uuid[]) AND state = 'open'
                      AND NOT EXISTS (SELECT 1 FROM job_sources s WHERE s.job_id = jobs.job_id AND s.state = 'open')
                    RETURNING {_COLUMNS}""",
                list({row["job_id"] for row in gone}),
            )
        return len(gone), [_to_job(r) for r in rows]

    async def source_memory(
        self, source_kind: str, source_identifier: str
    ) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
        """What the source's last complete scrape left: the validators (ETag, Last-Modified) by URL, and each
        listed posting's change signal by external id."""
        async with self._pool.acquire() as conn:
            validators = await conn.fetch(
                """SELECT url, etag, last_modified FROM fetch_validators
                   WHERE source_kind = $1 AND source_identifier = $2""",
                source_kind,
                source_identifier,
            )
            versions = await conn.fetch(
                # Only postings whose job is stored and indexed (its content hash is set once it is searchable): one
                # that failed half-way must be read again, whatever its change signal says.
                """SELECT s.external_id, s.source_version FROM job_sources s JOIN jobs j ON j.job_id = s.job_id
                   WHERE s.source_kind = $1 AND s.source_identifier = $2 AND s.source_version <> ''
                     AND j.content_hash <> ''""",
                source_kind,
                source_identifier,
            )
        return (
            {row["url"]: (row["etag"], row["last_modified"]) for row in validators},
            {row["external_id"]: row["source_version"] for row in versions},
        )

    async def remember_validators(
        self, source_kind: str, source_identifier: str, validators: dict[str, tuple[str, str]]
    ) -> None:
        """Replace the source's validators with these (URL -> (ETag, Last-Modified)): those of its last complete
        scrape, and nothing older (a page that closed since must be read in full again)."""
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "DELETE FROM fetch_validators WHERE source_kind = $1 AND source_identifier = $2",
                source_kind,
                source_identifier,
            )
            if validators:
                await conn.execute(
                    """INSERT INTO fetch_validators (source_kind, source_identifier, url, etag, last_modified)
                       SELECT $1, $2, v.url, v.etag, v.last_modified
                       FROM unnest($3::text[], $4::text[], $5::text[]) AS v(url, etag, last_modified)""",
                    source_kind,
                    source_identifier,
                    list(validators),
                    [etag for etag, _ in validators.values()],
                    [modified for _, modified in validators.values()],
                )

    async def set_content_hashes(self, hashes: Sequence[tuple[str, str]]) -> None:
        """Record the content hash of jobs now stored and indexed: what the next scrape compares to."""
        if not hashes:
            return
        await self._pool.execute(
            """UPDATE jobs SET content_hash = h.content_hash
               FROM unnest($1::uuid[], $2::text[]) AS h(job_id, content_hash) WHERE jobs.job_id = h.job_id""",
            [uuid.UUID(job_id) for job_id, _ in hashes],
            [digest for _, digest in hashes],
        )

    async def forget_content_hash(self, job_id: str) -> None:
        """Make the next scrape store the job again, as if it had changed (its vector could not be written)."""
        await self._pool.execute("UPDATE jobs SET content_hash = '' WHERE job_id = $1", uuid.UUID(job_id))

    async def clock(self) -> datetime:
        """The database's current time, the clock `last_seen_time` is written with."""
        value = await self._pool.fetchval("SELECT now()")
        assert isinstance(value, datetime)
        return value

    async def get(self, job_id: uuid.UUID) -> StoredJob | None:
        row = await self._pool.fetchrow(f"SELECT {_READ_COLUMNS} FROM jobs WHERE job_id = $1", job_id)
        return _to_job(row) if row else None

    async def get_many(self, job_ids: Sequence[str]) -> list[StoredJob]:
        """The jobs with these ids that exist, in no particular order."""
        if not job_ids:
            return []
        rows = await self._pool.fetch(
            f"SELECT {_READ_COLUMNS} FROM jobs WHERE job_id = ANY($1::uuid[])", [uuid.UUID(j) for j in job_ids]
        )
        return [_to_job(r) for r in rows]

    async def list_summaries(self, listing: JobListing, *, limit: int) -> list[JobSummary]:
        """Up to `limit` jobs, newest first, after `listing.after`."""
        sql, args = _listing_sql(listing, limit)
        return [_to_summary(row) for row in await self._pool.fetch(sql, *args)]

    async def run_exists(self, run_id: uuid.UUID) -> bool:
        return bool(await self._pool.fetchval("SELECT EXISTS (SELECT 1 FROM scrape_runs WHERE run_id = $1)", run_id))

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

"""Job use cases: add a posting (extract its skills, embed it, store and index it), read a posting
and its skills, and extract every posting's skills anew after a taxonomy change."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import datetime
from typing import Literal, NamedTuple

from skillgap.embedding.embedder import Embedder
from skillgap.errors import InvalidArgument, NotFound
from skillgap.ids import parse_resource_id
from skillgap.jobs.listing import JobPage, ListJobsRequest, listing_of, next_page_token
from skillgap.jobs.models import JobPosting, StoredJob
from skillgap.jobs.normalize import canonical_url, content_fingerprint
from skillgap.jobs.role_keys import role_keys
from skillgap.skills.extraction import SkillExtractor
from skillgap.skills.models import JobSkills
from skillgap.storage.job_cache import JobCache
from skillgap.storage.jobs import JobRepository
from skillgap.vectors.filters import JobSearchFilter
from skillgap.vectors.store import VectorStore

log = logging.getLogger(__name__)

REEXTRACT_BATCH = 100
MAX_DESCRIPTION_CHARS = 100_000
WORKPLACE_TYPES = ("unspecified", "onsite", "hybrid", "remote")

IngestOutcome = Literal["created", "updated", "unchanged"]


class Identity(NamedTuple):
    """How ingestion recognises a posting: its canonical URL, content fingerprint, content hash, role keys and the
    company's own posting URL a board links to."""

    canonical_url: str
    fingerprint: str
    content_hash: str
    role_keys: tuple[str, ...] = ()
    apply_url: str = ""


class JobCatalog:
    def __init__(
        self,
        repository: JobRepository,
        embedder: Embedder,
        vectors: VectorStore,
        extractor: SkillExtractor,
        *,
        reading_version: str,
        cache: JobCache | None = None,
    ) -> None:
        self._repository = repository
        self._cache = cache
        self._embedder = embedder
        self._vectors = vectors
        self._extractor = extractor
        self._reading_version = reading_version

    @property
    def skills_version(self) -> str:
        """Changes whenever re-extraction would give other results: the taxonomy, the engine or the way
        postings are read (`skillgap.skills.revision`)."""
        return self._reading_version

    async def add(self, posting: JobPosting) -> StoredJob:
        _validate(posting)
        return await self._store(posting, _identity(posting))

    async def ingest(self, posting: JobPosting) -> tuple[IngestOutcome, StoredJob]:
        """Store a posting a source listed, recognising it when it is already stored (see `ingest_many`).
        InvalidArgument when the posting is unusable (no title or description...)."""
        (result,) = await self.ingest_many([posting])
        if isinstance(result, Exception):
            raise result
        return result

    async def ingest_many(
        self, postings: Sequence[JobPosting], *, run_id: str | None = None
    ) -> list[tuple[IngestOutcome, StoredJob] | Exception]:
        """Store postings a source listed, recognising the ones already stored; one result per posting, in
        order: its outcome and job, or the exception that kept it from being stored (it fails alone).
        With `run_id` (the scrape run doing it), the jobs created or updated are recorded as that run's.

        Matched by its own source and external id, else (among open jobs of *other* sources) by a URL in common
        (canonical or the company's own apply URL) with the same title, else by the same content fingerprint,
        else by the same company, title and place (`JobRepository.find_duplicate`). The row of the source that
        stored a posting first owns it: another board's copy only marks it seen (``unchanged``), is recorded as
        one of the job's listings (`StoredJob.also_listed_on`) and never overwrites it, so two slightly different
        copies never make the job flip and be embedded again on every run.
        A posting whose content hash is unchanged is only marked seen (and reopened if it was closed): no
        extraction, no embedding. The new and changed ones are embedded together in one batch.
        """
        results: list[tuple[IngestOutcome, StoredJob] | Exception | None] = [None] * len(postings)
        to_store: list[tuple[int, JobPosting, Identity, IngestOutcome]] = []
        for index, posting in enumerate(postings):
            try:
                recognised = await self._recognise(posting)
            except Exception as exc:
                results[index] = exc
                continue
            if isinstance(recognised, StoredJob):
                results[index] = ("unchanged", recognised)
            else:
                to_store.append((index, posting, *recognised))
        stored = await self._store_many([(posting, identity) for _, posting, identity, _ in to_store], run_id=run_id)
        for (index, _, _, outcome), job in zip(to_store, stored, strict=True):
            results[index] = job if isinstance(job, Exception) else (outcome, job)
        return [r if r is not None else RuntimeError("posting skipped") for r in results]

    async def _recognise(self, posting: JobPosting) -> StoredJob | tuple[Identity, IngestOutcome]:
        """The stored job when nothing is to be done but marking it seen; else the posting's identity and
        whether storing it creates or updates a row."""
        _validate(posting)
        identity = _identity(posting)
        listing = (
            posting.source_kind,
            posting.source_identifier,
            posting.external_id,
            posting.url,
            posting.source_version,
        )
        existing = await self._repository.find_by_source(
            posting.source_kind, posting.source_identifier, posting.external_id
        )
        if existing is None:
            # Another board's copy of a job seen before: the same job, whatever its state (seeing it reopens it).
            known = await self._repository.find_by_listing(
                posting.source_kind, posting.source_identifier, posting.external_id
            )
            if known is not None:
                job = await self._repository.mark_seen(known.job_id, listing)
                if known.state != "open":
                    await self._vectors.update_job_payload(job.job_id, {"state": job.state})
                return job
            duplicate = await self._repository.find_duplicate(
                posting.source_kind,
                posting.source_identifier,
                canonical_url=identity.canonical_url,
                title=posting.title,
                fingerprint=identity.fingerprint,
                apply_url=identity.apply_url,
                role_keys=identity.role_keys,
            )
            if duplicate is not None:
                return await self._repository.mark_seen(duplicate.job_id, listing)
            return identity, "created"
        if existing.content_hash == identity.content_hash:
            job = await self._repository.mark_seen(existing.job_id, listing)
            if existing.state != "open":
                await self._vectors.update_job_payload(job.job_id, {"state": job.state})
            return job
        return identity, "updated"

    async def close_unseen(
        self, source_kind: str, source_identifier: str, *, seen_before: datetime, keep_external_ids: Sequence[str] = ()
    ) -> tuple[int, list[StoredJob]]:
        """The source no longer lists what it did not list since `seen_before`: close those listings, and the
        jobs no other board lists (search leaves them out). How many of its postings are gone, and the jobs closed."""
        gone, closed = await self._repository.close_unseen(
            source_kind, source_identifier, seen_before=seen_before, keep_external_ids=keep_external_ids
        )
        for job in closed:
            await self._vectors.update_job_payload(job.job_id, {"state": job.state})
        return gone, closed

    async def mark_listings_seen(
        self, source_kind: str, source_identifier: str, versions: Sequence[tuple[str, str]] | None
    ) -> int:
        """The source listed these postings (external id, change signal) unchanged without them being read again,
        or (`versions` None: it answered 304) everything it lists is unchanged: mark them seen, reopening what was
        closed. How many postings that was."""
        marked, reopened = await self._repository.mark_listings_seen(source_kind, source_identifier, versions)
        for job_id in reopened:
            await self._vectors.update_job_payload(job_id, {"state": "open"})
        return marked

    async def source_memory(
        self, source_kind: str, source_identifier: str
    ) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
        """The source's HTTP validators (URL -> (ETag, Last-Modified)) and change signals (external id -> signal)
        of its last complete scrape."""
        return await self._repository.source_memory(source_kind, source_identifier)

    async def remember_validators(
        self, source_kind: str, source_identifier: str, validators: dict[str, tuple[str, str]]
    ) -> None:
        await self._repository.remember_validators(source_kind, source_identifier, validators)

    async def clock(self) -> datetime:
        return await self._repository.clock()

    async def _store(self, posting: JobPosting, identity: Identity) -> StoredJob:
        (job,) = await self._store_many([(posting, identity)])
        if isinstance(job, Exception):
            raise job
        return job

    async def _store_many(
        self, postings: Sequence[tuple[JobPosting, Identity]], *, run_id: str | None = None
    ) -> list[StoredJob | Exception]:
        """Extract, embed (one batch), store and index postings; each result is the job or what failed it."""
        results: list[StoredJob | Exception | None] = [None] * len(postings)
        extracted: list[tuple[int, JobSkills]] = []
        for index, (posting, _) in enumerate(postings):
            try:
                extracted.append(
                    (index, await self._extractor.extract_job(title=posting.title, description=posting.description))
                )
            except Exception as exc:
                results[index] = exc
        texts = [_embedding_text(postings[index][0]) for index, _ in extracted]
        vectors = await self._embed_each(texts)
        indexed: list[tuple[int, StoredJob, Sequence[float], JobSkills]] = []
        for (index, skills), vector in zip(extracted, vectors, strict=True):
            if isinstance(vector, Exception):
                results[index] = vector
                continue
            posting, identity = postings[index]
            try:
                # Stored without its content hash until it is indexed too (below): a job stored but not
                # searchable (the index refused it, or the process died in between) has no hash, so the next
                # pass stores and indexes it again instead of taking it for unchanged.
                job = await self._repository.upsert(
                    posting,
                    skills,
                    self.skills_version,
                    canonical_url=identity.canonical_url,
                    fingerprint=identity.fingerprint,
                    content_hash="",
                    run_id=run_id,
                    role_keys=identity.role_keys,
                    apply_url=identity.apply_url,
                )
            except Exception as exc:
                results[index] = exc
                continue
            results[index] = job
            indexed.append((index, job, vector, skills))
        searchable = indexed
        try:
            await self._vectors.upsert_jobs(
                [(job.job_id, job_vector, search_payload(job, skills)) for _, job, job_vector, skills in indexed]
            )
        except Exception:
            # One write for the batch failed: write them one by one, so only the jobs the index refuses fail.
            searchable = []
            for index, job, job_vector, skills in indexed:
                try:
                    await self._vectors.upsert_job(job.job_id, job_vector, search_payload(job, skills))
                except Exception as exc:
                    results[index] = exc
                else:
                    searchable.append((index, job, job_vector, skills))
        hashes = {index: postings[index][1].content_hash for index, *_ in searchable}
        await self._repository.set_content_hashes([(job.job_id, hashes[index]) for index, job, *_ in searchable])
        for index, job, *_ in searchable:
            results[index] = replace(job, content_hash=hashes[index])
        return [r if r is not None else RuntimeError("posting skipped") for r in results]

    async def _embed_each(self, texts: list[str]) -> list[list[float] | Exception]:
        """One batch; when it fails, each text alone, so one bad text fails only itself."""
        if not texts:
            return []
        try:
            return list(await asyncio.to_thread(self._embedder.embed_document_batch, texts))
        except Exception as exc:
            if len(texts) == 1:
                return [exc]
        results: list[list[float] | Exception] = []
        for text in texts:
            try:
                results.append((await asyncio.to_thread(self._embedder.embed_document_batch, [text]))[0])
            except Exception as exc:
                results.append(exc)
        return results

    async def get(self, job_id: str) -> StoredJob:
        key = _parse_id(job_id)
        cache = self._cache
        if cache is not None and (known := cache.lookup(key)) is not None:
            return known
        generation = cache.generation() if cache is not None else 0
        job = await self._repository.get(key)
        if job is not None and cache is not None:
            cache.remember(job, generation)
        if job is None:
            raise NotFound(f"job {job_id} not found", reason="JOB_NOT_FOUND", metadata={"job_id": job_id})
        return job

    async def get_many(self, job_ids: Sequence[str]) -> dict[str, StoredJob]:
        """The jobs with these ids that exist, by id: those the cache holds, the others in one read (remembered,
        as `get` does, so that the next search or GetJob of them does not read them again)."""
        cache = self._cache
        found: dict[str, StoredJob] = {}
        missing: list[str] = []
        for job_id in job_ids:
            known = cache.lookup(uuid.UUID(job_id)) if cache is not None else None
            if known is not None:
                found[known.job_id] = known
            else:
                missing.append(job_id)
        if missing:
            generation = cache.generation() if cache is not None else 0
            for job in await self._repository.get_many(missing):
                found[job.job_id] = job
                if cache is not None:
                    cache.remember(job, generation)
        return found

    async def list_jobs(self, request: ListJobsRequest, where: JobSearchFilter) -> JobPage:
        """A page of jobs, newest first. `where` is `request.filter` checked and resolved (skills to ids) the
        way search does it (`JobMatcher.vector_filter`). InvalidArgument naming the field and its limit;
        NotFound for a run that does not exist."""
        listing, size = listing_of(request, where)
        found = await self._repository.list_summaries(listing, limit=size + 1)
        page = tuple(found[:size])
        if not page and listing.run_id is not None and not await self._repository.run_exists(listing.run_id):
            raise NotFound(
                f"no scrape run {request.run_id!r}", reason="SCRAPE_RUN_NOT_FOUND", metadata={"run_id": request.run_id}
            )
        token = next_page_token(request, page[-1]) if len(found) > size else ""
        return JobPage(jobs=page, next_page_token=token)

    async def skills(self, job_id: str) -> JobSkills:
        job = await self.get(job_id)
        if job.skills is None:
            # Stored before extraction ran (or by an older release): extract now, keep the result.
            skills = await self._extractor.extract_job(title=job.posting.title, description=job.posting.description)
            await self._repository.set_skills(job.job_id, skills, self.skills_version)
            return skills
        return job.skills

    async def reextract_all(self) -> int:
        """Extract anew every job whose skills came from another taxonomy or engine; idempotent."""
        done = 0
        while batch := await self._repository.needing_extraction(self.skills_version, limit=REEXTRACT_BATCH):
            for job in batch:
                skills = await self._extractor.extract_job(title=job.posting.title, description=job.posting.description)
                await self._repository.set_skills(job.job_id, skills, self.skills_version)
                await self._vectors.update_job_payload(job.job_id, search_payload(job, skills))
                done += 1
        log.info("re-extracted the skills of %d jobs (%s)", done, self.skills_version)
        return done


def _validate(posting: JobPosting) -> None:
    if not posting.title.strip() or not posting.description.strip():
        raise InvalidArgument("a job needs a title and a description", reason="EMPTY_JOB")
    if posting.workplace_type not in WORKPLACE_TYPES:
        raise InvalidArgument(
            f"workplace_type must be one of {', '.join(WORKPLACE_TYPES)}", reason="INVALID_WORKPLACE_TYPE"
        )
    if len(posting.description) > MAX_DESCRIPTION_CHARS:
        raise InvalidArgument(
            f"job description is longer than {MAX_DESCRIPTION_CHARS} characters", reason="JOB_TOO_LONG"
        )


def _embedding_text(posting: JobPosting) -> str:
    return f"{posting.title}\n{posting.description}"


def content_hash(posting: JobPosting) -> str:
    """A hex sha256 of everything stored about a posting: equal hashes mean nothing to extract or embed."""
    fields = {
        "title": posting.title,
        "company": posting.company,
        "description": posting.description,
        "url": posting.url,
        "post_time": posting.post_time.isoformat() if posting.post_time else None,
        "locations": list(posting.locations),
        "workplace_type": posting.workplace_type,
        "employment_type": posting.employment_type,
        "salary": asdict(posting.salary) if posting.salary else None,
    }
    # Only when set: the hashes of postings without them (every company board's) stay what they were.
    if posting.tags:
        fields["tags"] = list(posting.tags)
    if posting.remote_region:
        fields["remote_region"] = posting.remote_region
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _identity(posting: JobPosting) -> Identity:
    """Canonical URL, content fingerprint (with the posting's own company name), content hash, role keys and
    canonical apply URL."""
    return Identity(
        canonical_url(posting.url),
        content_fingerprint(posting.title, posting.company, posting.description),
        content_hash(posting),
        role_keys(posting.company, posting.title, posting.locations, posting.workplace_type),
        canonical_url(posting.apply_url),
    )


def search_payload(job: StoredJob, skills: JobSkills) -> dict[str, object]:
    """What the vector index stores beside a job's vector, so search can filter on it."""
    return {
        "required_skill_ids": sorted({s.skill.skill_id for s in skills.required_skills if s.skill.skill_id}),
        "skill_ids": sorted(
            {s.skill.skill_id for s in (*skills.required_skills, *skills.nice_to_have_skills) if s.skill.skill_id}
        ),
        "seniority": skills.seniority.level.value,
        "min_years": skills.min_years_experience,
        # The role, for role fit (matching.role_fit): the title and the occupation it maps to.
        "title": job.posting.title,
        "occupation_code": skills.occupation.code if skills.occupation else "",
        "occupation_family": skills.occupation.family if skills.occupation else "",
        "occupation_confidence": skills.occupation.confidence if skills.occupation else 0.0,
        "title_skill_ids": sorted(
            {
                s.skill.skill_id
                for s in (*skills.required_skills, *skills.nice_to_have_skills)
                if s.skill.skill_id and any(e.section == "title" for e in s.evidence)
            }
        ),
        "company": job.posting.company,
        "locations": list(job.posting.locations),
        "workplace_type": job.posting.workplace_type,
        "employment_type": job.posting.employment_type,
        "state": job.state,
        "post_time": job.posting.post_time.isoformat() if job.posting.post_time else None,
        "source_kind": job.posting.source_kind,
    }


def _parse_id(job_id: str) -> uuid.UUID:
    return parse_resource_id(job_id, field="job_id", reason="INVALID_JOB_ID")

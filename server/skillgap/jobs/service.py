"""Job use cases: add a posting (extract its skills, embed it, store and index it), read a posting
and its skills, and extract every posting's skills anew after a taxonomy change."""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import TYPE_CHECKING

from skillgap.embedding.embedder import Embedder
from skillgap.errors import FieldViolation, InvalidArgument, NotFound
from skillgap.jobs.models import JobPosting, StoredJob
from skillgap.skills.extraction import SkillExtractor
from skillgap.skills.models import JobSkills
from skillgap.storage.jobs import JobRepository
from skillgap.vectors.store import VectorStore

if TYPE_CHECKING:
    from skillgap.resources import Resources

log = logging.getLogger(__name__)

REEXTRACT_BATCH = 100
MAX_DESCRIPTION_CHARS = 100_000
WORKPLACE_TYPES = ("unspecified", "onsite", "hybrid", "remote")


class JobCatalog:
    def __init__(
        self,
        repository: JobRepository,
        embedder: Embedder,
        vectors: VectorStore,
        extractor: SkillExtractor,
        *,
        taxonomy_version: str,
    ) -> None:
        self._repository = repository
        self._embedder = embedder
        self._vectors = vectors
        self._extractor = extractor
        self._taxonomy_version = taxonomy_version

    @classmethod
    def from_resources(cls, resources: Resources) -> JobCatalog:
        return cls(
            JobRepository(resources.pool),
            resources.embedder,
            resources.vectors,
            resources.extractor,
            taxonomy_version=resources.taxonomy_version,
        )

    @property
    def skills_version(self) -> str:
        """Changes whenever re-extraction would give other results: the taxonomy or the engine."""
        return f"{self._taxonomy_version}/{self._extractor.name}"

    async def add(self, posting: JobPosting) -> StoredJob:
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
        skills = await self._extractor.extract_job(title=posting.title, description=posting.description)
        vector = await asyncio.to_thread(self._embedder.embed_document, f"{posting.title}\n{posting.description}")
        job = await self._repository.upsert(posting, skills, self.skills_version)
        await self._vectors.upsert_job(job.job_id, vector, search_payload(job, skills))
        return job

    async def get(self, job_id: str) -> StoredJob:
        job = await self._repository.get(_parse_id(job_id))
        if job is None:
            raise NotFound(f"job {job_id} not found", reason="JOB_NOT_FOUND", metadata={"job_id": job_id})
        return job

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


def search_payload(job: StoredJob, skills: JobSkills) -> dict[str, object]:
    """What the vector index stores beside a job's vector, so search can filter on it."""
    return {
        "required_skill_ids": sorted({s.skill.skill_id for s in skills.required_skills if s.skill.skill_id}),
        "skill_ids": sorted(
            {s.skill.skill_id for s in (*skills.required_skills, *skills.nice_to_have_skills) if s.skill.skill_id}
        ),
        "seniority": skills.seniority.level.value,
        "min_years": skills.min_years_experience,
        "company": job.posting.company,
        "locations": list(job.posting.locations),
        "workplace_type": job.posting.workplace_type,
        "state": job.state,
        "post_time": job.posting.post_time.isoformat() if job.posting.post_time else None,
        "source_kind": job.posting.source_kind,
    }


def _parse_id(job_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(job_id)
    except (ValueError, AttributeError, TypeError) as exc:
        raise InvalidArgument(
            f"job_id must be a UUID (got {job_id[:64]!r})",
            reason="INVALID_JOB_ID",
            violations=[FieldViolation("job_id", "not a UUID")],
        ) from exc

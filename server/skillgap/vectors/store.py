"""The vector index: one vector per resume and per job, and semantic job search over them.

`VectorStore` is the one interface callers use. Two engines implement it:

- `EdgeStore` (edge.py): qdrant-edge, the Qdrant engine in process. The embedded default: a data
  folder (one process at a time), or a temporary folder when no path is given (tests).
- `QdrantServerStore` (qdrant_server.py): qdrant-client, for a Qdrant server or cluster (production);
  it also runs qdrant-client's local mode (`:memory:` or a folder), which speaks the same API and
  is how the tests check the server code path without a server.

`open_vector_store` picks one. The base class owns everything that must not differ between engines:
id canonicalisation, who owns a resume, the payload fields derived for search, paging arguments, and
applying in Python (with a caveat) any filter an engine cannot apply itself.
"""

from __future__ import annotations

import uuid
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from skillgap.errors import FailedPrecondition, Unavailable
from skillgap.vectors.filters import (
    CURRENT_SEARCH_FIELDS_VERSION,
    SEARCH_FIELDS_VERSION,
    Condition,
    JobSearchFilter,
    derived_job_fields,
)

RESUMES = "resumes"
JOBS = "jobs"
COLLECTIONS = (RESUMES, JOBS)

UNAVAILABLE = "VECTOR_STORE_UNAVAILABLE"

# When an engine cannot apply a filter, it is applied in Python to the best matches of the others:
# this many times what the page needs, within bounds.
OVERFETCH_FACTOR = 5
MIN_CANDIDATES = 200
MAX_CANDIDATES = 2000

# An HNSW index (Qdrant's, m 16, ef_construct 100) is searched with an ef of this many candidates per result
# wanted, and at least SEARCH_EF_MIN: at the recall of 300 SearchJobs uses, it finds 95% or more of the jobs
# an exact search finds (tests/benchmarks/bench_vectors.py --recall measures it).
SEARCH_EF_PER_RESULT = 2
SEARCH_EF_MIN = 128


@dataclass(frozen=True)
class JobHit:
    """`payload` is read, never changed: the embedded store hands out the payloads it keeps in memory."""

    job_id: str
    similarity: float  # cosine similarity, -1..1
    payload: dict[str, object]


@dataclass(frozen=True)
class JobSearchResult:
    """`caveats` says, in words a user can read, when the hits may be incomplete (a filter that could
    only be applied to part of the candidates); empty when the search was exact."""

    hits: tuple[JobHit, ...]
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoredPoint:
    payload: dict[str, object]
    vector: list[float] | None


class VectorStore(ABC):
    """Resume and job vectors with their payloads. Ids are UUIDs (any spelling); a resume is only
    visible to the user who owns it."""

    # Filters (JobSearchFilter field names) this engine cannot apply natively.
    python_filters: frozenset[str] = frozenset()

    # ---------------------------------------------------------------- what engines implement

    @abstractmethod
    async def ensure_collections(self, dimensions: int) -> None:
        """Create (or open) the collections and their payload indexes; FailedPrecondition when they
        hold vectors of another size. Idempotent, and safe to call concurrently."""

    @abstractmethod
    async def count(self, collection: str) -> int: ...

    @abstractmethod
    async def close(self) -> None:
        """Idempotent."""

    @abstractmethod
    async def _upsert(self, collection: str, points: Sequence[tuple[str, list[float], dict[str, object]]]) -> None:
        """Insert or replace points (canonical ids), visible to reads once this returns."""

    @abstractmethod
    async def _retrieve(self, collection: str, point_id: str, *, with_vector: bool) -> StoredPoint | None: ...

    async def _retrieve_many(self, collection: str, point_ids: Sequence[str]) -> dict[str, StoredPoint]:
        """The points with these ids that exist, with payload and vector. Engines read them in one call."""
        found = {}
        for point_id in point_ids:
            stored = await self._retrieve(collection, point_id, with_vector=True)
            if stored is not None:
                found[point_id] = stored
        return found

    @abstractmethod
    async def _set_payload(self, collection: str, point_id: str, body: dict[str, object]) -> bool:
        """Merge `body` into the point's payload; False when the point is not in the index."""

    @abstractmethod
    async def _delete(self, collection: str, point_id: str) -> None:
        """Idempotent."""

    @abstractmethod
    async def _search_jobs(
        self, vector: list[float], conditions: Sequence[Condition], limit: int, offset: int
    ) -> list[JobHit]:
        """Jobs satisfying every condition, most similar first."""

    # ---------------------------------------------------------------- resumes

    async def upsert_resume(
        self, resume_id: str, user_id: str, vector: Sequence[float], payload: Mapping[str, object]
    ) -> None:
        point_id = _required_id(resume_id, "resume")
        body = {**payload, "user_id": user_id, "resume_id": point_id}
        await self._upsert(RESUMES, [(point_id, _floats(vector), body)])

    async def update_resume_payload(self, resume_id: str, payload: Mapping[str, object]) -> bool:
        """Replace payload fields (not the vector), e.g. after skills were extracted anew; False when
        the resume has no vector yet."""
        point_id = _required_id(resume_id, "resume")
        body = {k: v for k, v in payload.items() if k not in ("user_id", "resume_id")}
        return await self._set_payload(RESUMES, point_id, body)

    async def get_resume_payload(self, resume_id: str, user_id: str) -> dict[str, object] | None:
        """The resume's payload, or None when it is missing or belongs to another user."""
        point_id = point_id_of(resume_id)
        if point_id is None:
            return None
        stored = await self._retrieve(RESUMES, point_id, with_vector=False)
        if stored is None or stored.payload.get("user_id") != user_id:
            return None
        return stored.payload

    async def get_resume_vector(self, resume_id: str, user_id: str) -> list[float] | None:
        """The resume's vector, or None when it is missing or belongs to another user."""
        point_id = point_id_of(resume_id)
        if point_id is None:
            return None
        stored = await self._retrieve(RESUMES, point_id, with_vector=True)
        if stored is None or stored.payload.get("user_id") != user_id:
            return None
        return stored.vector

    async def delete_resume(self, resume_id: str) -> None:
        """Idempotent: deleting a missing resume is not an error."""
        point_id = point_id_of(resume_id)
        if point_id is not None:
            await self._delete(RESUMES, point_id)

    # ---------------------------------------------------------------- jobs

    async def upsert_job(self, job_id: str, vector: Sequence[float], payload: Mapping[str, object]) -> None:
        await self.upsert_jobs([(job_id, vector, payload)])

    async def upsert_jobs(self, items: Sequence[tuple[str, Sequence[float], Mapping[str, object]]]) -> None:
        """Several jobs in one write. Every id is checked first: a malformed one writes nothing."""
        points = [(_required_id(job_id, "job"), _floats(vector), payload) for job_id, vector, payload in items]
        if points:
            await self._upsert(
                JOBS, [(point_id, vector, job_body(point_id, payload)) for point_id, vector, payload in points]
            )

    async def update_job_payload(self, job_id: str, payload: Mapping[str, object]) -> bool:
        """Replace payload fields (not the vector), e.g. the state after a job closed; False when the
        job is not in the index yet (indexing it writes the whole payload)."""
        point_id = _required_id(job_id, "job")
        body = {k: v for k, v in payload.items() if k != "job_id"}
        return await self._set_payload(JOBS, point_id, {**body, **derived_job_fields(body)})

    async def get_job_payload(self, job_id: str) -> dict[str, object] | None:
        point_id = point_id_of(job_id)
        if point_id is None:
            return None
        stored = await self._retrieve(JOBS, point_id, with_vector=False)
        return stored.payload if stored is not None else None

    async def get_job_vector(self, job_id: str) -> list[float] | None:
        """The job's vector (unit length), or None when the job is not in the index."""
        point_id = point_id_of(job_id)
        if point_id is None:
            return None
        stored = await self._retrieve(JOBS, point_id, with_vector=True)
        return stored.vector if stored is not None else None

    async def job_hits(self, job_ids: Sequence[str], vector: Sequence[float]) -> dict[str, JobHit]:
        """The jobs with these ids that are in the index, as a search for `vector` would return them (payload and
        cosine similarity): for candidates found another way than by similarity. Keyed by canonical id."""
        point_ids = list(dict.fromkeys(p for p in map(point_id_of, job_ids) if p is not None))
        if not point_ids:
            return {}
        return {hit.job_id: hit for hit in await self._score_jobs(point_ids, _floats(vector))}

    async def _score_jobs(self, point_ids: Sequence[str], vector: list[float]) -> list[JobHit]:
        """`job_hits` of canonical ids. Engines that can score given points natively do so: the similarity is
        then the one their search computes, and no vector travels to Python."""
        return [
            JobHit(point_id, sum(a * b for a, b in zip(vector, stored.vector, strict=True)), stored.payload)
            for point_id, stored in (await self._retrieve_many(JOBS, point_ids)).items()
            if stored.vector is not None
        ]

    async def search_jobs(
        self, vector: Sequence[float], *, filter: JobSearchFilter, limit: int, offset: int = 0
    ) -> JobSearchResult:
        """The jobs most similar to `vector` that pass `filter`, most similar first; `offset` pages
        through the same order (equal similarities are broken by the engine, consistently)."""
        if limit < 0 or offset < 0:
            raise ValueError(f"limit and offset must not be negative, not {limit} and {offset}")
        if limit == 0:
            return JobSearchResult(())
        query = _floats(vector)
        conditions = filter.conditions()
        native = [c for c in conditions if c.filter_name not in self.python_filters]
        in_python = [c for c in conditions if c.filter_name in self.python_filters]
        if not in_python:
            return JobSearchResult(tuple(await self._search_jobs(query, native, limit, offset)))
        # Apply the rest to the most similar jobs that pass the native conditions. Those come in the
        # engine's order, so the result is exact unless the candidates ran out before the page filled.
        wanted = offset + limit
        fetch = min(max(wanted * OVERFETCH_FACTOR, MIN_CANDIDATES), MAX_CANDIDATES)
        candidates = await self._search_jobs(query, native, fetch, 0)
        passing = [hit for hit in candidates if all(c.matches(hit.payload) for c in in_python)]
        caveats: tuple[str, ...] = ()
        if len(candidates) == fetch and len(passing) < wanted:
            names = ", ".join(sorted({c.filter_name for c in in_python}))
            caveats = (
                f"the {names} filter could only be checked on the {fetch} most similar jobs that pass the "
                "other filters; more matching jobs may exist",
            )
        return JobSearchResult(tuple(passing[offset:wanted]), caveats)


def open_vector_store(
    *, url: str | None = None, api_key: str | None = None, path: Path | None = None, timeout_seconds: int = 10
) -> VectorStore:
    """A Qdrant server when `url` is set; else qdrant-edge in process, in `path` (one process at a
    time) or, without a path, in a temporary folder removed on close."""
    # Imported here: the embedded default then never loads qdrant-client (about 0.4 s of start-up),
    # and a server deployment never loads the edge engine.
    if url is not None:
        from skillgap.vectors.qdrant_server import QdrantServerStore

        return QdrantServerStore(url=url, api_key=api_key, timeout_seconds=timeout_seconds)
    from skillgap.vectors.edge import EdgeStore

    return EdgeStore(path)


def job_body(point_id: str, payload: Mapping[str, object]) -> dict[str, object]:
    """A job's full payload as stored: the caller's fields, its id and the fields search derives."""
    return {
        **payload,
        "job_id": point_id,
        **derived_job_fields(payload),
        SEARCH_FIELDS_VERSION: CURRENT_SEARCH_FIELDS_VERSION,
    }


def search_ef(wanted: int) -> int:
    """The HNSW ef for a search that wants `wanted` results (offset included)."""
    return max(SEARCH_EF_MIN, SEARCH_EF_PER_RESULT * wanted)


def dimensions_mismatch(name: str, existing: int | None, dimensions: int) -> FailedPrecondition:
    return FailedPrecondition(
        f"vector collection {name!r} holds {existing}-dimensional vectors but the embedding "
        f"model makes {dimensions}; re-index with the old model or delete the collection",
        reason="VECTOR_DIMENSIONS_MISMATCH",
    )


def locked_error(path: Path) -> Unavailable:
    return Unavailable(
        f"the local vector store at {path} is in use by another process or client; run one process, "
        "or set SKILLGAP_QDRANT_URL so that all of them share a Qdrant server",
        reason=UNAVAILABLE,
    )


def point_id_of(raw_id: str) -> str | None:
    """Qdrant ids are UUIDs; the canonical spelling makes "ABC…" and "abc…" the same point."""
    try:
        return str(uuid.UUID(raw_id))
    except ValueError:
        return None


def _required_id(raw_id: str, kind: str) -> str:
    point_id = point_id_of(raw_id)
    if point_id is None:
        raise ValueError(f"{kind} ids are UUIDs, not {raw_id!r}")
    return point_id


def _floats(vector: Sequence[float]) -> list[float]:
    return [float(x) for x in vector]

"""The vector index: one vector per resume and per job, in Qdrant through qdrant-client.

A Qdrant server (or cluster) when a URL is configured; otherwise qdrant-client's local mode, on disk
or in memory, with the same API. The interface is kept narrow so that the engine behind it can change
(for example to qdrant-edge in process) without touching its callers.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx
import portalocker
from qdrant_client import AsyncQdrantClient
from qdrant_client.common.client_exceptions import ResourceExhaustedResponse
from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse
from qdrant_client.models import Distance, PayloadSchemaType, PointIdsList, PointStruct, VectorParams

from skillgap.errors import FailedPrecondition, Unavailable

log = logging.getLogger(__name__)

RESUMES = "resumes"
JOBS = "jobs"
COLLECTIONS = (RESUMES, JOBS)

_UNAVAILABLE = "VECTOR_STORE_UNAVAILABLE"
# Statuses that mean "the server is there but cannot answer now": worth a retry, unlike a 400.
_RETRYABLE_STATUSES = {408, 429, 500, 502, 503, 504}


class VectorStore:
    """url: a Qdrant server; else path: local mode on disk (one process only); else in memory."""

    def __init__(
        self,
        *,
        url: str | None = None,
        api_key: str | None = None,
        path: Path | None = None,
        timeout_seconds: int = 10,
    ) -> None:
        self._remote = url is not None
        if url is not None:
            self._where = url
            # check_compatibility would probe the server from a background thread at construction and
            # only warn; reachability is reported by the first real call instead.
            self._client = AsyncQdrantClient(
                url=url, api_key=api_key, timeout=timeout_seconds, check_compatibility=False
            )
        elif path is not None:
            self._where = str(path)
            _refuse_if_locked(path)
            try:
                self._client = AsyncQdrantClient(path=str(path))
            except RuntimeError as exc:  # lost the race with another process after the check
                raise _locked(path) from exc
        else:
            self._where = "memory"
            self._client = AsyncQdrantClient(location=":memory:")

    async def ensure_collections(self, dimensions: int) -> None:
        """Create the collections if missing; safe to call from several processes at once."""
        for name in COLLECTIONS:
            with self._translate_errors(f"preparing collection {name}"):
                if not await self._client.collection_exists(name):
                    try:
                        await self._client.create_collection(
                            name, vectors_config=VectorParams(size=dimensions, distance=Distance.COSINE)
                        )
                        log.info("created vector collection %s (%d dimensions)", name, dimensions)
                    except (UnexpectedResponse, ValueError):
                        # Lost a race with another process creating it: that is the outcome we want.
                        if not await self._client.collection_exists(name):
                            raise
                existing = await self._collection_dimensions(name)
                if self._remote and name == RESUMES:
                    # Local mode ignores payload indexes (and warns about them); servers use them.
                    await self._client.create_payload_index(
                        name, "user_id", field_schema=PayloadSchemaType.KEYWORD
                    )
            if existing != dimensions:
                raise FailedPrecondition(
                    f"vector collection {name!r} holds {existing}-dimensional vectors but the embedding "
                    f"model makes {dimensions}; re-index with the old model or delete the collection",
                    reason="VECTOR_DIMENSIONS_MISMATCH",
                )

    async def upsert_resume(
        self, resume_id: str, user_id: str, vector: Sequence[float], payload: Mapping[str, object]
    ) -> None:
        point_id = _point_id(resume_id)
        if point_id is None:
            raise ValueError(f"resume ids are UUIDs, not {resume_id!r}")
        body = {**payload, "user_id": user_id, "resume_id": point_id}
        with self._translate_errors("storing a resume vector"):
            await self._client.upsert(
                RESUMES, points=[PointStruct(id=point_id, vector=list(vector), payload=body)], wait=True
            )

    async def update_resume_payload(self, resume_id: str, payload: Mapping[str, object]) -> bool:
        """Replace payload fields (not the vector), e.g. after skills were extracted anew; False when
        the resume has no vector yet."""
        point_id = _point_id(resume_id)
        if point_id is None:
            raise ValueError(f"resume ids are UUIDs, not {resume_id!r}")
        body = {k: v for k, v in payload.items() if k not in ("user_id", "resume_id")}
        return await self._set_payload(RESUMES, point_id, body, "updating a resume's search payload")

    async def get_resume_payload(self, resume_id: str, user_id: str) -> dict[str, object] | None:
        """The resume's payload, or None when it is missing or belongs to another user."""
        point_id = _point_id(resume_id)
        if point_id is None:
            return None
        with self._translate_errors("reading a resume's search payload"):
            records = await self._client.retrieve(RESUMES, ids=[point_id], with_payload=True)
        if not records or (records[0].payload or {}).get("user_id") != user_id:
            return None
        return dict(records[0].payload or {})

    async def upsert_job(self, job_id: str, vector: Sequence[float], payload: Mapping[str, object]) -> None:
        point_id = _point_id(job_id)
        if point_id is None:
            raise ValueError(f"job ids are UUIDs, not {job_id!r}")
        body = {**payload, "job_id": point_id}
        with self._translate_errors("storing a job vector"):
            await self._client.upsert(
                JOBS, points=[PointStruct(id=point_id, vector=list(vector), payload=body)], wait=True
            )

    async def update_job_payload(self, job_id: str, payload: Mapping[str, object]) -> bool:
        point_id = _point_id(job_id)
        if point_id is None:
            raise ValueError(f"job ids are UUIDs, not {job_id!r}")
        return await self._set_payload(JOBS, point_id, dict(payload), "updating a job's search payload")

    async def _set_payload(self, collection: str, point_id: str, body: dict[str, object], action: str) -> bool:
        """False when the point is not in the index (not indexed yet: re-indexing writes the payload)."""
        with self._translate_errors(action):
            if not await self._client.retrieve(collection, ids=[point_id], with_payload=False):
                return False
            await self._client.set_payload(collection, payload=body, points=[point_id], wait=True)
        return True

    async def get_job_payload(self, job_id: str) -> dict[str, object] | None:
        point_id = _point_id(job_id)
        if point_id is None:
            return None
        with self._translate_errors("reading a job's search payload"):
            records = await self._client.retrieve(JOBS, ids=[point_id], with_payload=True)
        return dict(records[0].payload or {}) if records else None

    async def delete_resume(self, resume_id: str) -> None:
        """Idempotent: deleting a missing resume is not an error."""
        point_id = _point_id(resume_id)
        if point_id is None:
            return
        with self._translate_errors("deleting a resume vector"):
            await self._client.delete(RESUMES, points_selector=PointIdsList(points=[point_id]), wait=True)

    async def get_resume_vector(self, resume_id: str, user_id: str) -> list[float] | None:
        """The resume's vector, or None when it is missing or belongs to another user."""
        point_id = _point_id(resume_id)
        if point_id is None:
            return None
        with self._translate_errors("reading a resume vector"):
            records = await self._client.retrieve(
                RESUMES, ids=[point_id], with_payload=["user_id"], with_vectors=True
            )
        if not records or (records[0].payload or {}).get("user_id") != user_id:
            return None
        vector = records[0].vector
        if not isinstance(vector, list):
            return None
        # Our collections hold one dense vector per point, never multivectors (lists of lists).
        return [float(x) for x in vector]  # type: ignore[arg-type]

    async def count(self, collection: str) -> int:
        with self._translate_errors(f"counting {collection}"):
            result = await self._client.count(collection, exact=True)
        return result.count

    async def close(self) -> None:
        await self._client.close()

    async def _collection_dimensions(self, name: str) -> int | None:
        info = await self._client.get_collection(name)
        vectors = info.config.params.vectors
        return vectors.size if isinstance(vectors, VectorParams) else None

    @contextmanager
    def _translate_errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except (ResponseHandlingException, ResourceExhaustedResponse, httpx.TransportError, OSError) as exc:
            raise self._unavailable(action, exc) from exc
        except UnexpectedResponse as exc:
            if exc.status_code in _RETRYABLE_STATUSES:
                raise self._unavailable(action, exc) from exc
            raise

    def _unavailable(self, action: str, exc: Exception) -> Unavailable:
        cause = exc.source if isinstance(exc, ResponseHandlingException) else exc
        return Unavailable(
            f"the vector store ({self._where}) cannot be reached while {action}: {cause}; retry later",
            reason=_UNAVAILABLE,
        )


def _refuse_if_locked(path: Path) -> None:
    """Local mode locks its folder for one client. Checked before qdrant-client tries: when it fails
    to lock, it raises without closing its lock file, which leaks a file handle."""
    lock_file = path / ".lock"  # the name qdrant-client's local mode uses
    if not lock_file.exists():
        return
    with lock_file.open("r+") as handle:
        try:
            portalocker.lock(handle, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING)
        except portalocker.exceptions.LockException as exc:
            raise _locked(path) from exc
        portalocker.unlock(handle)


def _locked(path: Path) -> Unavailable:
    return Unavailable(
        f"the local vector store at {path} is in use by another process or client; run one process, "
        "or set SKILLGAP_QDRANT_URL so that all of them share a Qdrant server",
        reason=_UNAVAILABLE,
    )


def _point_id(resume_id: str) -> str | None:
    """Qdrant ids are UUIDs; the canonical spelling makes "ABC…" and "abc…" the same point."""
    try:
        return str(uuid.UUID(resume_id))
    except ValueError:
        return None

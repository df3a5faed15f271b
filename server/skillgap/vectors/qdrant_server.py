"""The vector index on a Qdrant server (or cluster), through qdrant-client: production.

The same class runs qdrant-client's local mode, in memory or in a folder: the same API as a server,
answered by a brute-force scan in Python. The tests use it to exercise the server code path, and the
vector benchmark as a baseline; it is too slow to be the embedded default (see edge.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx
import portalocker
from qdrant_client import AsyncQdrantClient
from qdrant_client.common.client_exceptions import ResourceExhaustedResponse
from qdrant_client.http.exceptions import ResponseHandlingException, UnexpectedResponse
from qdrant_client.models import (
    Distance,
    FieldCondition,
    Filter,
    HasIdCondition,
    MatchAny,
    MatchSubstring,
    MatchValue,
    PayloadSchemaType,
    PointIdsList,
    PointStruct,
    Range,
    SearchParams,
    SetPayload,
    SetPayloadOperation,
    VectorParams,
)

from skillgap.errors import Unavailable
from skillgap.vectors.filters import (
    CURRENT_SEARCH_FIELDS_VERSION,
    FLOAT_INDEXES,
    INTEGER_INDEXES,
    KEYWORD_INDEXES,
    LOCATION_KEYS,
    SEARCH_FIELDS_VERSION,
    Condition,
    FieldAtLeast,
    FieldMatch,
    derived_job_fields,
)
from skillgap.vectors.store import (
    COLLECTIONS,
    JOBS,
    RESUMES,
    UNAVAILABLE,
    JobHit,
    StoredPoint,
    VectorStore,
    dimensions_mismatch,
    locked_error,
    search_ef,
)

log = logging.getLogger(__name__)

# Statuses that mean "the server is there but cannot answer now": worth a retry, unlike a 400.
_RETRYABLE_STATUSES = {408, 429, 500, 502, 503, 504}
_BACKFILL_BATCH = 256


class QdrantServerStore(VectorStore):
    """url: a Qdrant server; else path: qdrant-client's local mode on disk (one process only); else
    local mode in memory."""

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
                raise locked_error(path) from exc
        else:
            self._where = "memory"
            self._client = AsyncQdrantClient(location=":memory:")

    async def ensure_collections(self, dimensions: int) -> None:
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
                if self._remote:
                    # Local mode ignores payload indexes (and warns about them); servers use them.
                    await self._create_payload_indexes(name)
            if existing != dimensions:
                raise dimensions_mismatch(name, existing, dimensions)
        with self._translate_errors("completing the search fields of jobs"):
            await self._complete_search_fields()
        if self._remote:
            with self._translate_errors("checking which filters the server supports"):
                await self._probe_substring_match()

    async def count(self, collection: str) -> int:
        with self._translate_errors(f"counting {collection}"):
            result = await self._client.count(collection, exact=True)
        return result.count

    async def close(self) -> None:
        await self._client.close()

    async def _upsert(self, collection: str, points: Sequence[tuple[str, list[float], dict[str, object]]]) -> None:
        structs = [PointStruct(id=point_id, vector=vector, payload=body) for point_id, vector, body in points]
        with self._translate_errors(f"storing {_what(collection, len(structs))}"):
            await self._client.upsert(collection, points=structs, wait=True)

    async def _retrieve(self, collection: str, point_id: str, *, with_vector: bool) -> StoredPoint | None:
        with self._translate_errors(f"reading {_what(collection, 1)}"):
            records = await self._client.retrieve(
                collection, ids=[point_id], with_payload=True, with_vectors=with_vector
            )
        if not records:
            return None
        vector = records[0].vector
        # Our collections hold one dense vector per point, never multivectors (lists of lists).
        floats = [float(x) for x in vector] if isinstance(vector, list) else None  # type: ignore[arg-type]
        return StoredPoint(dict(records[0].payload or {}), floats)

    async def _retrieve_many(self, collection: str, point_ids: Sequence[str]) -> dict[str, StoredPoint]:
        with self._translate_errors(f"reading {_what(collection, len(point_ids))}"):
            records = await self._client.retrieve(collection, ids=list(point_ids), with_payload=True, with_vectors=True)
        found = {}
        for record in records:
            vector = record.vector
            floats = [float(x) for x in vector] if isinstance(vector, list) else None  # type: ignore[arg-type]
            found[str(record.id)] = StoredPoint(dict(record.payload or {}), floats)
        return found

    async def _set_payload(self, collection: str, point_id: str, body: dict[str, object]) -> bool:
        with self._translate_errors(f"updating the payload of {_what(collection, 1)}"):
            if not await self._client.retrieve(collection, ids=[point_id], with_payload=False):
                return False
            await self._client.set_payload(collection, payload=body, points=[point_id], wait=True)
        return True

    async def _delete(self, collection: str, point_id: str) -> None:
        with self._translate_errors(f"deleting {_what(collection, 1)}"):
            await self._client.delete(collection, points_selector=PointIdsList(points=[point_id]), wait=True)

    async def _search_jobs(
        self, vector: list[float], conditions: Sequence[Condition], limit: int, offset: int
    ) -> list[JobHit]:
        query_filter = Filter(must=[_condition(c) for c in conditions]) if conditions else None
        with self._translate_errors("searching jobs"):
            response = await self._client.query_points(
                JOBS,
                query=vector,
                query_filter=query_filter,
                limit=limit,
                offset=offset,
                with_payload=True,
                # The server's HNSW index, searched as wide as the embedded one; local mode scans exactly (and
                # warns about search parameters).
                search_params=SearchParams(hnsw_ef=search_ef(offset + limit)) if self._remote else None,
            )
        return [JobHit(str(point.id), float(point.score), dict(point.payload or {})) for point in response.points]

    async def _score_jobs(self, point_ids: Sequence[str], vector: list[float]) -> list[JobHit]:
        with self._translate_errors("scoring jobs"):
            response = await self._client.query_points(
                JOBS,
                query=vector,
                # A few ids: the server's planner scores them exactly (below its full-scan threshold).
                query_filter=Filter(must=[HasIdCondition(has_id=list(point_ids))]),
                limit=len(point_ids),
                with_payload=True,
            )
        return [JobHit(str(point.id), float(point.score), dict(point.payload or {})) for point in response.points]

    async def _create_payload_indexes(self, name: str) -> None:
        """Idempotent on a server: creating an index that exists is accepted."""
        if name == RESUMES:
            await self._client.create_payload_index(name, "user_id", field_schema=PayloadSchemaType.KEYWORD)
            return
        for field in KEYWORD_INDEXES:
            await self._client.create_payload_index(name, field, field_schema=PayloadSchemaType.KEYWORD)
        for field in FLOAT_INDEXES:
            await self._client.create_payload_index(name, field, field_schema=PayloadSchemaType.FLOAT)
        for field in INTEGER_INDEXES:
            await self._client.create_payload_index(name, field, field_schema=PayloadSchemaType.INTEGER)

    async def _complete_search_fields(self) -> None:
        """Add the derived search fields to jobs written before they existed, so that the filters reading
        them do not silently skip those jobs. Each pass marks what it completed, so the loop ends."""
        stale = Filter(
            must_not=[FieldCondition(key=SEARCH_FIELDS_VERSION, match=MatchValue(value=CURRENT_SEARCH_FIELDS_VERSION))]
        )
        done = 0
        while True:
            records, _ = await self._client.scroll(JOBS, scroll_filter=stale, limit=_BACKFILL_BATCH, with_payload=True)
            if not records:
                break
            operations = [
                SetPayloadOperation(
                    set_payload=SetPayload(
                        payload={
                            **derived_job_fields(record.payload or {}),
                            SEARCH_FIELDS_VERSION: CURRENT_SEARCH_FIELDS_VERSION,
                        },
                        points=[record.id],
                    )
                )
                for record in records
            ]
            await self._client.batch_update_points(JOBS, update_operations=operations, wait=True)
            done += len(records)
        if done:
            log.info("added search fields to %d jobs indexed by an older release", done)

    async def _probe_substring_match(self) -> None:
        """Substring match (the location filter) is recent in Qdrant: a server without it rejects the
        request as malformed. Then that filter is applied here, to the best candidates (see search_jobs),
        with a caveat when that may miss jobs."""
        probe = Filter(must=[FieldCondition(key=LOCATION_KEYS, match=MatchSubstring(substring="probe"))])
        try:
            await self._client.count(JOBS, count_filter=probe, exact=False)
        except UnexpectedResponse as exc:
            if exc.status_code not in (400, 422):
                raise
            self.python_filters = frozenset({"location"})
            log.warning(
                "the Qdrant server at %s does not support substring match; the location filter of job "
                "search is applied by SkillGap to the most similar candidates instead",
                self._where,
            )
        else:
            self.python_filters = frozenset()

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
            reason=UNAVAILABLE,
        )


def _condition(condition: Condition) -> FieldCondition:
    if isinstance(condition, FieldMatch):
        values = list(condition.values)
        match = MatchValue(value=values[0]) if len(values) == 1 else MatchAny(any=values)
        return FieldCondition(key=condition.key, match=match)
    if isinstance(condition, FieldAtLeast):
        return FieldCondition(key=condition.key, range=Range(gte=condition.minimum))
    return FieldCondition(key=condition.key, match=MatchSubstring(substring=condition.substring))


def _what(collection: str, count: int) -> str:
    kind = "resume" if collection == RESUMES else "job"
    return f"a {kind} vector" if count == 1 else f"{count} {kind} vectors"


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
            raise locked_error(path) from exc
        portalocker.unlock(handle)

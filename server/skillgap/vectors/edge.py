"""The vector index in process, with qdrant-edge: the embedded default of `skillgap up`.

qdrant-edge is the Qdrant engine as a library: segments, payload indexes and a write-ahead log on
disk, searched in native code (qdrant-client's local mode, the embedded index of earlier releases, is
a brute-force scan in Python that commits every point to SQLite). One shard per collection, under
`<path>/edge/<collection>`.

Its API is synchronous and not documented as thread-safe, so every call runs on one dedicated thread,
in order, and the engine never sees two calls at once. The engine keeps the interpreter while it works
(the binding does not release the GIL), so a search also holds up the event loop for its duration: the
callers send their other waits (PostgreSQL) first.

Jobs are searched exactly until the collection holds INDEX_AFTER_POINTS jobs outside an HNSW index; the
store then builds one in the background (edge_indexing.py), without stopping search, and searches it
with an ef (`store.search_ef`) that finds 95% or more of what an exact search finds at the recall
SearchJobs uses. A filter that selects few jobs is still answered exactly, from the payload indexes.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import shutil
import sys
import tempfile
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, TypeVar

import portalocker
from qdrant_edge import (
    CountRequest,
    EdgeConfig,
    EdgeShard,
    FieldCondition,
    Filter,
    HasIdCondition,
    MatchAny,
    MatchSubstring,
    MatchValue,
    PayloadSchemaType,
    Point,
    Query,
    QueryRequest,
    RangeFloat,
    ScoredPoint,
    SearchParams,
    UpdateOperation,
)

from skillgap.errors import Unavailable
from skillgap.vectors.edge_indexing import (
    CHILD_NICENESS,
    build_index,
    copy_shard,
    live_directory,
    next_directory,
    remove_stale_directories,
    shard_config,
    switch_directory,
)
from skillgap.vectors.filters import (
    FLOAT_INDEXES,
    INTEGER_INDEXES,
    KEYWORD_INDEXES,
    Condition,
    FieldAtLeast,
    FieldMatch,
)
from skillgap.vectors.legacy import has_local_mode_data, local_mode_points
from skillgap.vectors.store import (
    COLLECTIONS,
    JOBS,
    RESUMES,
    UNAVAILABLE,
    JobHit,
    StoredPoint,
    VectorStore,
    dimensions_mismatch,
    job_body,
    locked_error,
    search_ef,
)

log = logging.getLogger(__name__)

T = TypeVar("T")

# The write-ahead log makes every write durable at once; flushing the segments now and then lets the
# engine drop the log behind them, which bounds its size on disk and the replay after a crash.
FLUSH_EVERY_POINTS = 2000
IMPORT_BATCH = 256
# Jobs written outside the HNSW index before the store builds one in the background: an exact search over
# this many costs a few milliseconds; building the index costs minutes of (niced) CPU per 100k jobs.
INDEX_AFTER_POINTS = 20_000
# Payloads of the jobs searches returned, kept in memory (most recently returned first to stay): the engine
# converts a stored payload to Python objects in 70-95 µs, and a search reads 300-400 of them. Only this store
# writes its shards, so it drops a job's entry whenever it writes that job: an entry is the payload on disk.
# With field names and strings shared, about 1.7 KB a job (measured on the bench's jobs: 100k entries 163 MB; 5 KB
# as the engine converts them).
PAYLOAD_CACHE_POINTS = 100_000
_INDEXES: dict[str, dict[str, PayloadSchemaType]] = {
    RESUMES: {"user_id": PayloadSchemaType.Keyword},
    JOBS: {
        **{field: PayloadSchemaType.Keyword for field in KEYWORD_INDEXES},
        **{field: PayloadSchemaType.Float for field in FLOAT_INDEXES},
        **{field: PayloadSchemaType.Integer for field in INTEGER_INDEXES},
    },
}


class EdgeStore(VectorStore):
    """`path`: the data folder, held by this store alone until it is closed (a second opener, in this
    process or another, is refused). None: a temporary folder, removed on close (tests)."""

    def __init__(
        self,
        path: Path | None,
        *,
        index_after: int | None = INDEX_AFTER_POINTS,
        payload_cache_points: int = PAYLOAD_CACHE_POINTS,
    ) -> None:
        """`index_after`: build the jobs' HNSW index in the background once this many jobs were written since
        the last one was built (None: only when `index_jobs` is called). `payload_cache_points`: how many job
        payloads searches keep in memory (0: none)."""
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        if path is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="skillgap-vectors-")
            path = Path(self._temporary.name)
        self._root = path
        self._durable = self._temporary is None
        self._root.mkdir(parents=True, exist_ok=True)
        self._lock_handle = _lock(self._root)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vector-store")
        self._shards: dict[str, EdgeShard] = {}  # touched on the executor's thread only
        self._unflushed = dict.fromkeys(COLLECTIONS, 0)
        self._dimensions: int | None = None
        self._opening = asyncio.Lock()
        self._closed = False
        self._index_after = index_after
        self._unindexed = 0  # jobs written since the last index build (or, at open, outside the index)
        self._indexing = asyncio.Lock()
        self._indexer: asyncio.Task[None] | None = None
        # Cleared while the jobs' shard is copied for an index build: job writes wait.
        self._jobs_writable = asyncio.Event()
        self._jobs_writable.set()
        self._replay: list[UpdateOperation] | None = None  # job writes since the copy; the executor's thread only
        # Job id -> payload as stored, least recently returned first; the executor's thread only, so an entry is
        # dropped by the same thread, in the same order, as the write that changes the job.
        self._payloads: OrderedDict[str, dict[str, object]] = OrderedDict()
        self._payload_cache_points = max(0, payload_cache_points)

    async def ensure_collections(self, dimensions: int) -> None:
        async with self._opening:
            if self._dimensions is None:
                await self._call(functools.partial(self._open_shards, dimensions))
                self._dimensions = dimensions
                info = await self._call(lambda: self._shard(JOBS).info())
                self._jobs_written(info.points_count - info.indexed_vectors_count)
        if self._dimensions != dimensions:
            raise dimensions_mismatch(RESUMES, self._dimensions, dimensions)

    async def index_jobs(self, *, niceness: int = CHILD_NICENESS) -> bool:
        """Build the jobs' HNSW index now and switch to it; search and writes go on meanwhile (writes pause
        while the shard is copied). The child process that builds it runs at `niceness` (the server's requests
        come first). False when the store closed first."""
        async with self._indexing:
            if self._closed or self._dimensions is None:
                return False
            dimensions = self._dimensions
            edge_dir = self._root / "edge"
            target = next_directory(edge_dir, JOBS)
            try:
                self._jobs_writable.clear()
                try:
                    # Queued behind every write already submitted; later ones wait for the event.
                    live = await self._call(self._flush_jobs)
                    await asyncio.to_thread(copy_shard, live, target)
                    await self._call(self._record_job_writes)
                finally:
                    self._jobs_writable.set()
                written = self._unindexed
                await build_index(target, dimensions, durable=self._durable, niceness=niceness)
                if self._closed:
                    return False
                replaced = await self._call(functools.partial(self._switch_jobs, target, dimensions))
                self._unindexed -= written
                await asyncio.to_thread(shutil.rmtree, replaced, True)
                return True
            finally:
                # Whether the switch happened is settled on the executor's thread, behind a switch that may still
                # run there although this coroutine was cancelled meanwhile.
                try:
                    unused = await asyncio.get_running_loop().run_in_executor(
                        self._executor, functools.partial(self._settle_jobs_index, target)
                    )
                except RuntimeError:  # the executor is shut down: nothing runs there any more
                    unused = live_directory(edge_dir, JOBS) != target
                if unused:
                    await asyncio.to_thread(shutil.rmtree, target, True)

    async def count(self, collection: str) -> int:
        return await self._call(lambda: self._shard(collection).count(CountRequest(exact=True)))

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._indexer is not None:
            self._indexer.cancel()
            await asyncio.gather(self._indexer, return_exceptions=True)
        try:
            # Queued behind any call still in flight, which thus completes first.
            await asyncio.get_running_loop().run_in_executor(self._executor, self._close_shards)
        finally:
            self._executor.shutdown(wait=False)
            portalocker.unlock(self._lock_handle)
            self._lock_handle.close()
            if self._temporary is not None:
                self._temporary.cleanup()

    async def _upsert(self, collection: str, points: Sequence[tuple[str, list[float], dict[str, object]]]) -> None:
        def upsert() -> None:
            operation = UpdateOperation.upsert_points([Point(pid, vector, body) for pid, vector, body in points])
            self._write(collection, operation, [pid for pid, _, _ in points])

        await self._call_write(collection, upsert)
        if collection == JOBS:
            self._jobs_written(len(points))

    async def _retrieve(self, collection: str, point_id: str, *, with_vector: bool) -> StoredPoint | None:
        # retrieve() takes with_payload and with_vector positionally: the stub gives them defaults, the
        # engine (0.9.0) does not.
        records = await self._call(lambda: self._shard(collection).retrieve([point_id], True, with_vector))
        if not records:
            return None
        stored = records[0].vector
        # Named vectors come as a dict; ours is the default one, named "".
        vector = stored.get("") if isinstance(stored, dict) else stored
        # Our collections hold one dense vector per point, never multivectors (lists of lists).
        floats = [float(x) for x in vector] if isinstance(vector, list) else None  # type: ignore[arg-type]
        return StoredPoint(dict(records[0].payload or {}), floats)

    async def _retrieve_many(self, collection: str, point_ids: Sequence[str]) -> dict[str, StoredPoint]:
        records = await self._call(lambda: self._shard(collection).retrieve(list(point_ids), True, True))
        found = {}
        for record in records:
            stored = record.vector
            vector = stored.get("") if isinstance(stored, dict) else stored
            floats = [float(x) for x in vector] if isinstance(vector, list) else None  # type: ignore[arg-type]
            found[str(record.id)] = StoredPoint(dict(record.payload or {}), floats)
        return found

    async def _set_payload(self, collection: str, point_id: str, body: dict[str, object]) -> bool:
        def set_payload() -> bool:
            # Checked first: the engine raises a bare Exception for a missing point.
            if not self._shard(collection).retrieve([point_id], False, False):
                return False
            self._write(collection, UpdateOperation.set_payload([point_id], body), [point_id])
            return True

        return await self._call_write(collection, set_payload)

    async def _delete(self, collection: str, point_id: str) -> None:
        # Deleting a missing point is accepted by the engine.
        await self._call_write(
            collection, lambda: self._write(collection, UpdateOperation.delete_points([point_id]), [point_id])
        )

    async def _search_jobs(
        self, vector: list[float], conditions: Sequence[Condition], limit: int, offset: int
    ) -> list[JobHit]:
        request = QueryRequest(
            limit=limit,
            offset=offset,
            query=Query.Nearest(vector),
            filter=Filter(must=[_condition(c) for c in conditions]) if conditions else None,
            # The payloads come from `_job_hits`: most from memory.
            with_payload=False,
            with_vector=False,
            params=SearchParams(hnsw_ef=search_ef(offset + limit)),
        )
        return await self._call(lambda: self._job_hits(self._shard(JOBS).query(request)))

    async def _score_jobs(self, point_ids: Sequence[str], vector: list[float]) -> list[JobHit]:
        request = QueryRequest(
            limit=len(point_ids),
            query=Query.Nearest(vector),
            filter=Filter(must=[HasIdCondition(set(point_ids))]),
            with_payload=False,
            with_vector=False,
            params=SearchParams(exact=True),
        )
        return await self._call(lambda: self._job_hits(self._shard(JOBS).query(request)))

    # ---------------------------------------------------------------- on the executor's thread

    async def _call(self, work: Callable[[], T]) -> T:
        if self._closed:
            raise Unavailable(f"the vector store at {self._root} is closed", reason=UNAVAILABLE)
        return await asyncio.get_running_loop().run_in_executor(self._executor, work)

    async def _call_write(self, collection: str, work: Callable[[], T]) -> T:
        if collection == JOBS:
            await self._jobs_writable.wait()
        return await self._call(work)

    def _jobs_written(self, count: int) -> None:
        """Start a background index build once enough jobs were written outside the index."""
        self._unindexed += count
        if (
            self._index_after is not None
            and self._unindexed >= self._index_after
            and self._indexer is None
            and not self._closed
        ):
            self._indexer = asyncio.ensure_future(self._index_in_background())

    async def _index_in_background(self) -> None:
        try:
            log.info("building the HNSW index of %d+ job vectors in the background", self._unindexed)
            if await self.index_jobs():
                log.info("job vectors indexed; searches use the HNSW index")
        except Exception:
            # Tried again after as many writes again; searches stay exact meanwhile.
            log.exception("building the index of the job vectors failed; searches stay exact")
            self._unindexed = 0
        finally:
            self._indexer = None

    def _shard(self, collection: str) -> EdgeShard:
        shard = self._shards.get(collection)
        if shard is None:
            # Before ensure_collections, a collection already on disk opens as it is (reading needs no
            # model); one that does not exist cannot be created without knowing the vector size.
            directory = live_directory(self._root / "edge", collection)
            if collection not in COLLECTIONS or not (directory / "edge_config.json").is_file():
                raise RuntimeError(f"no vector collection {collection!r} in {self._root}: call ensure_collections")
            shard = self._shards[collection] = EdgeShard.load(str(directory))
        return shard

    def _job_hits(self, points: Sequence[ScoredPoint]) -> list[JobHit]:
        """Search results (ids and scores) with their payloads: from memory, the others read in one call and kept.
        The payloads are shared with the cache: callers read them, never change them."""
        cache = self._payloads
        scored = [(str(point.id), float(point.score)) for point in points]
        found: dict[str, dict[str, object]] = {}
        missing: list[int | uuid.UUID | str] = []
        for point_id, _ in scored:
            payload = cache.get(point_id)
            if payload is None:
                missing.append(point_id)
            else:
                cache.move_to_end(point_id)
                found[point_id] = payload
        if missing:
            for record in self._shard(JOBS).retrieve(missing, True, False):
                point_id = str(record.id)
                found[point_id] = payload = _shared(record.payload or {})
                if self._payload_cache_points:
                    cache[point_id] = payload
            while len(cache) > self._payload_cache_points:
                cache.popitem(last=False)
        # Every point the search returned is found: no write runs on this thread in between.
        return [JobHit(point_id, score, found[point_id]) for point_id, score in scored if point_id in found]

    def _write(self, collection: str, operation: UpdateOperation, point_ids: Sequence[str]) -> None:
        shard = self._shard(collection)
        shard.update(operation)
        if collection == JOBS:
            for point_id in point_ids:
                self._payloads.pop(point_id, None)
            if self._replay is not None:
                self._replay.append(operation)
        if self._durable:
            self._unflushed[collection] += len(point_ids)
            if self._unflushed[collection] >= FLUSH_EVERY_POINTS:
                shard.flush()
                self._unflushed[collection] = 0

    def _config(self, dimensions: int) -> EdgeConfig:
        return shard_config(dimensions, durable=self._durable)

    def _flush_jobs(self) -> Path:
        self._shard(JOBS).flush()
        self._unflushed[JOBS] = 0
        return live_directory(self._root / "edge", JOBS)

    def _record_job_writes(self) -> None:
        self._replay = []

    def _settle_jobs_index(self, target: Path) -> bool:
        """After an index build: stop recording job writes; whether `target` is not the live shard."""
        self._replay = None
        return live_directory(self._root / "edge", JOBS) != target

    def _switch_jobs(self, directory: Path, dimensions: int) -> Path:
        """Serve the jobs from the indexed copy in `directory`, with the writes made since it was copied; the
        folder of the shard it replaces (to delete)."""
        assert self._replay is not None
        indexed = EdgeShard.load(str(directory), self._config(dimensions))
        edge_dir = self._root / "edge"
        replaced = live_directory(edge_dir, JOBS)
        try:
            for operation in self._replay:
                indexed.update(operation)
            indexed.flush()
            switch_directory(edge_dir, JOBS, directory)
        except BaseException:
            indexed.close()
            raise
        # From here on the indexed shard is the collection's, on disk and in memory.
        previous, self._shards[JOBS] = self._shards[JOBS], indexed
        self._replay = None
        self._unflushed[JOBS] = 0
        try:
            previous.close()
        except Exception:
            log.exception("closing the replaced job shard in %s failed", replaced)
        return replaced

    def _open_shards(self, dimensions: int) -> None:
        edge_dir = self._root / "edge"
        if not edge_dir.exists() and has_local_mode_data(self._root):
            self._import_local_mode(edge_dir, dimensions)
        for name in COLLECTIONS:
            shard = self._shards.get(name)  # opened by a read before this call
            if shard is None:
                remove_stale_directories(edge_dir, name)
            directory = live_directory(edge_dir, name)
            if shard is None:
                shard = self._shards[name] = self._open_shard(directory, dimensions)
            else:
                _check_dimensions(directory, dimensions)
            present = set(shard.info().payload_schema)
            for field, schema in _INDEXES[name].items():
                if field not in present:
                    shard.update(UpdateOperation.create_field_index(field, schema))

    def _open_shard(self, directory: Path, dimensions: int) -> EdgeShard:
        if (directory / "edge_config.json").is_file():
            _check_dimensions(directory, dimensions)
            # With a config, load() also checks it against the segments (and raises when they differ).
            return EdgeShard.load(str(directory), self._config(dimensions))
        shard = EdgeShard.create(str(directory), self._config(dimensions))
        log.info("created vector collection %s (%d dimensions)", directory.name, dimensions)
        return shard

    def _import_local_mode(self, edge_dir: Path, dimensions: int) -> None:
        """Take over the points of qdrant-client's local mode (earlier releases) once. Built in a staging
        folder renamed into place at the end, so that an interrupted import starts over."""
        staging = self._root / "edge.importing"
        if staging.exists():
            shutil.rmtree(staging)
        imported: dict[str, int] = {}
        for name in COLLECTIONS:
            shard = EdgeShard.create(str(staging / name), self._config(dimensions))
            try:
                imported[name] = _copy_points(shard, name, local_mode_points(self._root, name), dimensions)
                shard.flush()
            finally:
                shard.close()
        staging.rename(edge_dir)
        log.info(
            "imported %d resume and %d job vectors from the earlier in-process index in %s; its files "
            "(meta.json, collection/) are no longer read and can be deleted",
            imported[RESUMES],
            imported[JOBS],
            self._root,
        )

    def _close_shards(self) -> None:
        self._payloads.clear()
        for name, shard in list(self._shards.items()):
            if self._durable:
                shard.flush()
            shard.close()
            del self._shards[name]


def _copy_points(
    shard: EdgeShard, collection: str, points: Iterable[tuple[str, list[float], dict[str, object]]], dimensions: int
) -> int:
    copied = 0
    batch: list[Point] = []
    for point_id, vector, payload in points:
        if len(vector) != dimensions:
            raise dimensions_mismatch(collection, len(vector), dimensions)
        body = job_body(point_id, payload) if collection == JOBS else payload
        batch.append(Point(point_id, vector, body))
        if len(batch) >= IMPORT_BATCH:
            shard.update(UpdateOperation.upsert_points(batch))
            copied += len(batch)
            batch = []
    if batch:
        shard.update(UpdateOperation.upsert_points(batch))
        copied += len(batch)
    return copied


def _shared(payload: Mapping[str, object]) -> dict[str, object]:
    """The payload with its field names and strings (in lists too) interned: every job repeats the field names, and
    the skill ids, states and kinds recur across jobs, so the payloads kept in memory share them."""
    shared: dict[str, object] = {}
    for key, value in payload.items():
        if type(value) is str:
            value = sys.intern(value)
        elif type(value) is list:
            value = [sys.intern(item) if type(item) is str else item for item in value]
        shared[sys.intern(key)] = value
    return shared


def _condition(condition: Condition) -> FieldCondition:
    if isinstance(condition, FieldMatch):
        values = list(condition.values)
        match = MatchValue(values[0]) if len(values) == 1 else MatchAny(values)
        return FieldCondition(key=condition.key, match=match)
    if isinstance(condition, FieldAtLeast):
        return FieldCondition(key=condition.key, range=RangeFloat(gte=condition.minimum))
    return FieldCondition(key=condition.key, match=MatchSubstring(condition.substring))


def _check_dimensions(directory: Path, dimensions: int) -> None:
    existing = _stored_dimensions(directory)
    if existing is not None and existing != dimensions:
        raise dimensions_mismatch(directory.name, existing, dimensions)


def _stored_dimensions(directory: Path) -> int | None:
    """The vector size the shard was created with, from the engine's own config file; None when that
    file cannot be read as expected (the engine then checks the size itself when loading)."""
    try:
        size = json.loads((directory / "edge_config.json").read_text())["vectors"][""]["size"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return size if isinstance(size, int) else None


def _lock(root: Path) -> IO[str]:
    """Hold `<root>/.lock` until close: the file qdrant-client's local mode locks too, so this release
    and an earlier one never open the same folder at once either."""
    handle = (root / ".lock").open("a+")
    try:
        portalocker.lock(handle, portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING)
    except portalocker.exceptions.LockException as exc:
        handle.close()
        raise locked_error(root) from exc
    return handle

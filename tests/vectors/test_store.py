"""The vector index: what callers rely on, in memory and on disk, and how an unreachable server looks."""

from __future__ import annotations

import asyncio
import math
import random
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from skillgap.errors import FailedPrecondition, Unavailable
from skillgap.vectors.store import JOBS, RESUMES, VectorStore

DIMENSIONS = 384


def unit_vector(seed: int) -> list[float]:
    rng = random.Random(seed)
    raw = [rng.gauss(0, 1) for _ in range(DIMENSIONS)]
    length = math.sqrt(sum(x * x for x in raw))
    return [x / length for x in raw]


@pytest.fixture
async def store() -> AsyncIterator[VectorStore]:
    opened = VectorStore(url=None, api_key=None, path=None)
    await opened.ensure_collections(DIMENSIONS)
    try:
        yield opened
    finally:
        await opened.close()


async def test_upsert_get_delete_round_trip(store: VectorStore) -> None:
    resume_id = str(uuid.uuid4())
    vector = unit_vector(1)

    await store.upsert_resume(resume_id, "user-a", vector, {"filename": "cv.pdf"})
    assert await store.count(RESUMES) == 1

    stored = await store.get_resume_vector(resume_id, "user-a")
    assert stored is not None
    assert stored == pytest.approx(vector, abs=1e-6)

    await store.delete_resume(resume_id)
    assert await store.get_resume_vector(resume_id, "user-a") is None
    assert await store.count(RESUMES) == 0


async def test_another_users_resume_is_invisible(store: VectorStore) -> None:
    resume_id = str(uuid.uuid4())
    await store.upsert_resume(resume_id, "user-a", unit_vector(2), {})

    assert await store.get_resume_vector(resume_id, "user-b") is None
    assert await store.get_resume_vector(resume_id, "user-a") is not None


async def test_the_payload_cannot_claim_another_owner(store: VectorStore) -> None:
    resume_id = str(uuid.uuid4())
    await store.upsert_resume(resume_id, "user-a", unit_vector(3), {"user_id": "user-b"})

    assert await store.get_resume_vector(resume_id, "user-b") is None
    assert await store.get_resume_vector(resume_id, "user-a") is not None


async def test_upsert_replaces_the_vector(store: VectorStore) -> None:
    resume_id = str(uuid.uuid4())
    await store.upsert_resume(resume_id, "user-a", unit_vector(4), {})
    await store.upsert_resume(resume_id, "user-a", unit_vector(5), {})

    assert await store.count(RESUMES) == 1
    assert await store.get_resume_vector(resume_id, "user-a") == pytest.approx(unit_vector(5), abs=1e-6)


async def test_ids_are_matched_whatever_their_case(store: VectorStore) -> None:
    resume_id = str(uuid.uuid4())
    await store.upsert_resume(resume_id.upper(), "user-a", unit_vector(6), {})
    assert await store.get_resume_vector(resume_id, "user-a") is not None


async def test_missing_and_malformed_ids(store: VectorStore) -> None:
    assert await store.get_resume_vector(str(uuid.uuid4()), "user-a") is None
    assert await store.get_resume_vector("not-a-uuid", "user-a") is None
    await store.delete_resume(str(uuid.uuid4()))  # deleting what is not there is fine
    await store.delete_resume("not-a-uuid")
    with pytest.raises(ValueError, match="UUID"):
        await store.upsert_resume("not-a-uuid", "user-a", unit_vector(7), {})


async def test_ensure_collections_is_idempotent_and_race_safe(store: VectorStore) -> None:
    await store.ensure_collections(DIMENSIONS)
    await asyncio.gather(*(store.ensure_collections(DIMENSIONS) for _ in range(3)))
    assert await store.count(RESUMES) == 0
    assert await store.count(JOBS) == 0


async def test_a_different_model_size_is_refused_with_a_clear_error(store: VectorStore) -> None:
    with pytest.raises(FailedPrecondition) as caught:
        await store.ensure_collections(768)
    assert caught.value.reason == "VECTOR_DIMENSIONS_MISMATCH"
    assert "384" in caught.value.message and "768" in caught.value.message


async def test_on_disk_vectors_survive_a_restart(tmp_path: Path) -> None:
    resume_id = str(uuid.uuid4())
    first = VectorStore(path=tmp_path / "vectors")
    await first.ensure_collections(DIMENSIONS)
    await first.upsert_resume(resume_id, "user-a", unit_vector(8), {"filename": "cv.pdf"})
    await first.close()

    second = VectorStore(path=tmp_path / "vectors")
    try:
        await second.ensure_collections(DIMENSIONS)
        assert await second.get_resume_vector(resume_id, "user-a") == pytest.approx(unit_vector(8), abs=1e-6)
    finally:
        await second.close()


async def test_on_disk_store_is_one_process_at_a_time(tmp_path: Path) -> None:
    first = VectorStore(path=tmp_path / "vectors")
    try:
        with pytest.raises(Unavailable) as caught:
            VectorStore(path=tmp_path / "vectors")
        assert "SKILLGAP_QDRANT_URL" in caught.value.message
    finally:
        await first.close()


async def test_an_unreachable_server_is_unavailable() -> None:
    # Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
    store = VectorStore(url="http://127.0.0.1:9", api_key=None, path=None, timeout_seconds=2)
    try:
        with pytest.raises(Unavailable) as caught:
            await store.ensure_collections(DIMENSIONS)
        assert caught.value.reason == "VECTOR_STORE_UNAVAILABLE"
        assert "http://127.0.0.1:9" in caught.value.message
        with pytest.raises(Unavailable):
            await store.get_resume_vector(str(uuid.uuid4()), "user-a")
    finally:
        await store.close()

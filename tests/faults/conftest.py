"""Fixtures for the fault-injection tests: a PostgreSQL and a Redis of the test's own (see support.py)."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.faults.support import PrivatePostgres, PrivateRedis
from tests.support.boards import HangingBoard, hanging_board


@pytest.fixture
async def private_postgres() -> AsyncIterator[PrivatePostgres]:
    # Under /tmp itself rather than pytest's folders: as root, PostgreSQL runs as a system user that must be
    # able to reach its data dir, and /tmp needs no permission change for that.
    data_dir = Path(tempfile.mkdtemp(prefix="skillgap-faults-pg-"))
    server = PrivatePostgres(data_dir)
    try:
        await server.create()
        await server.start()
        yield server
    finally:
        with contextlib.suppress(AssertionError):  # already stopped by a test that failed half-way
            await server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture
async def private_redis(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[PrivateRedis]:
    server = PrivateRedis(tmp_path_factory.mktemp("private-redis"))
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
def board() -> Iterator[HangingBoard]:
    """A job board whose fourth posting hangs until the test releases it."""
    with hanging_board(postings=5, hang_at=3) as served:
        yield served

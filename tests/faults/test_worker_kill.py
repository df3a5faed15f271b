"""A worker SIGKILLed at the worst moment of ingestion: a batch of postings is stored in PostgreSQL and its
vectors are not written yet.

tests/workers/test_scrape_recovery.py kills a worker while it waits on a job board (between batches) and
checks that the run is retried to completion with nothing stored twice. This adds the cut between the two
writes of one batch: the retry must leave every stored job searchable (in the vector index), once.

The first worker is a real `skillgap worker` process with one change, loaded through `sitecustomize`: its
vector index write for jobs announces itself (a file appears) and hangs, so the test kills the process
exactly there.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable
from pathlib import Path

import asyncpg
import pytest

from skillgap.resources import Resources
from skillgap.v1 import scrape_pb2, scrape_pb2_grpc
from skillgap.vectors.store import open_vector_store
from tests.faults.support import delete_queue, resources_on, serving, until, worker_env
from tests.support.boards import HangingBoard, hanging_board
from tests.support.cli import running_cli

LEASE_SECONDS = 2.0

HOLD_INDEX_WRITES = '''
"""Fault injection for one test's worker: the jobs' vector index write hangs, after saying so."""
import asyncio
import os
from pathlib import Path

from skillgap.vectors.store import VectorStore


async def _hang(self, items):
    Path(os.environ["SKILLGAP_TEST_INDEX_WRITE_MARKER"]).write_text(str(len(items)))
    await asyncio.sleep(3600)


VectorStore.upsert_jobs = _hang
'''


async def _stored_jobs(database_url: str, company: str) -> list[tuple[str, str]]:
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            "SELECT external_id, job_id FROM jobs WHERE source_kind = 'smartrecruiters' AND source_identifier = $1",
            company,
        )
    finally:
        await conn.close()
    return [(r["external_id"], str(r["job_id"])) for r in rows]


@pytest.mark.slow
async def test_a_worker_killed_between_storing_and_indexing_a_batch_leaves_every_job_searchable(
    resources: Resources, database_url: str, redis_url: str, token_for: Callable[..., str], tmp_path: Path
) -> None:
    admin = (("authorization", f"Bearer {token_for('faults-admin', admin=True)}"),)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOLD_INDEX_WRITES)
    marker = tmp_path / "index-write-started"
    board: HangingBoard
    with hanging_board(postings=4, hang_at=None) as board:
        async with resources_on(resources, redis_url=redis_url) as private, serving(private) as channel:
            assert private.scrape_queue is not None
            queue_name = private.scrape_queue.queue_name
            scrapes = scrape_pb2_grpc.ScrapeServiceStub(channel)
            env = worker_env(
                database_url, redis_url, queue_name, tmp_path / "worker", scrape_lease_seconds=LEASE_SECONDS
            )
            held_env = {
                **env,
                "PYTHONPATH": os.pathsep.join(p for p in (str(hook), env.get("PYTHONPATH", "")) if p),
                "SKILLGAP_TEST_INDEX_WRITE_MARKER": str(marker),
            }
            try:
                run = (
                    await scrapes.TriggerScrape(
                        scrape_pb2.TriggerScrapeRequest(sources=[board.source()]), metadata=admin, timeout=30
                    )
                ).run
                async with running_cli("worker", env=held_env) as first:

                    async def cut() -> bool:
                        return marker.exists()

                    await first.while_running(until("the worker writes the batch's vectors", cut, 90), 100)
                    await first.stop(signal.SIGKILL)
                # A batch is in PostgreSQL, its vectors are not.
                assert len(await _stored_jobs(database_url, board.company)) == int(marker.read_text()) > 0

                await asyncio.sleep(LEASE_SECONDS + 0.5)  # the dead worker's lease runs out
                async with running_cli("worker", env=env) as second:

                    async def finished() -> bool:
                        reply = await scrapes.GetScrapeStatus(
                            scrape_pb2.GetScrapeStatusRequest(run_id=run.run_id), metadata=admin, timeout=10
                        )
                        return reply.runs[0].state not in (
                            scrape_pb2.SCRAPE_STATE_QUEUED,
                            scrape_pb2.SCRAPE_STATE_RUNNING,
                        )

                    await second.while_running(until("the run is finished", finished, 60, every=0.3), 70)
                    await second.stop(signal.SIGTERM)
                done = (
                    await scrapes.GetScrapeStatus(
                        scrape_pb2.GetScrapeStatusRequest(run_id=run.run_id), metadata=admin, timeout=10
                    )
                ).runs[0]
            finally:
                await delete_queue(redis_url, queue_name)

    assert done.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED, done
    stored = await _stored_jobs(database_url, board.company)
    assert sorted(external_id for external_id, _ in stored) == sorted(board.postings)  # each once
    # Every stored job is searchable: in the workers' index, once.
    index = open_vector_store(path=tmp_path / "worker" / "vectors")
    try:
        missing = [external_id for external_id, job_id in stored if await index.get_job_payload(job_id) is None]
        assert not missing, f"stored but not searchable: {missing}"
        assert await index.count("jobs") == len(stored)
    finally:
        await index.close()

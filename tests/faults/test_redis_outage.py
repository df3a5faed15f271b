"""Redis (the job queue) down and back, under a running server and a running worker, both on a Redis of this
test's own that it stops and starts again.

What a user notices: while Redis is down, triggering a scrape fails at once with UNAVAILABLE and a message
that names the queue, and leaves no run behind; reading scrape status still works (it is in PostgreSQL).
The run that was in flight, and the one queued before the outage, both finish once Redis is back, on the
same worker process, which goes on taking new runs.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from skillgap.resources import Resources
from skillgap.scraping.runs import SourceSpec
from skillgap.scraping.service import JOB_NAME, job_id_of
from skillgap.storage.scrape_runs import ScrapeRunRepository
from skillgap.v1 import scrape_pb2, scrape_pb2_grpc
from tests.faults.support import (
    PrivateRedis,
    assert_unavailable,
    refused,
    resources_on,
    serving,
    until,
    worker_env,
)
from tests.support.boards import HangingBoard, hanging_board
from tests.support.cli import running_cli

FAIL_FAST_SECONDS = 5.0
FINISHED = (scrape_pb2.SCRAPE_STATE_SUCCEEDED, scrape_pb2.SCRAPE_STATE_PARTIALLY_FAILED, scrape_pb2.SCRAPE_STATE_FAILED)


@pytest.mark.slow
async def test_redis_down_and_back_refuses_triggers_clearly_and_loses_no_queued_run(
    private_redis: PrivateRedis,
    resources: Resources,
    database_url: str,
    token_for: Callable[..., str],
    tmp_path: Path,
    board: HangingBoard,
) -> None:
    admin = (("authorization", f"Bearer {token_for('faults-admin', admin=True)}"),)
    async with resources_on(resources, redis_url=private_redis.url) as private, serving(private) as channel:
        queue = private.scrape_queue
        assert queue is not None
        scrapes = scrape_pb2_grpc.ScrapeServiceStub(channel)
        runs = ScrapeRunRepository(private.pool)

        async def state_of(run_id: str) -> int:
            reply = await scrapes.GetScrapeStatus(
                scrape_pb2.GetScrapeStatusRequest(run_id=run_id), metadata=admin, timeout=10
            )
            return reply.runs[0].state

        env = worker_env(database_url, private_redis.url, queue.queue_name, tmp_path / "worker")
        async with running_cli("worker", env=env) as worker:
            # In flight: a run the worker is in the middle of.
            in_flight = (
                await scrapes.TriggerScrape(
                    scrape_pb2.TriggerScrapeRequest(sources=[board.source()]), metadata=admin, timeout=30
                )
            ).run

            async def blocked() -> bool:
                return board.blocked.is_set()

            await worker.while_running(until("the worker is in the middle of the run", blocked, 90), 100)
            # Queued before the outage, due during it: a run waiting its turn (deferred, as a retry is).
            with hanging_board(postings=2, hang_at=None) as other_board:
                spec = SourceSpec("smartrecruiters", other_board.company, other_board.base_url)
                waiting = await runs.create(trigger="manual", requested_by="faults-admin", sources=[spec])
                await queue.enqueue(JOB_NAME, job_id=job_id_of(waiting.run_id), run_id=waiting.run_id, _defer_by=3)
                await runs.set_queue_job(waiting.run_id, job_id_of(waiting.run_id))

                await private_redis.stop()

                # Down: a trigger fails at once, saying why, and leaves no run behind.
                before = len(await runs.list_recent(limit=100, before=None))
                error, seconds = await refused(
                    scrapes.TriggerScrape(
                        scrape_pb2.TriggerScrapeRequest(sources=[board.source()]), metadata=admin, timeout=30
                    ),
                    "TriggerScrape",
                )
                assert_unavailable(error, "queue", "redis")
                assert seconds < FAIL_FAST_SECONDS
                assert len(await runs.list_recent(limit=100, before=None)) == before
                # Status is still there to read.
                assert await state_of(in_flight.run_id) == scrape_pb2.SCRAPE_STATE_RUNNING
                assert await state_of(waiting.run_id) == scrape_pb2.SCRAPE_STATE_QUEUED

                # The run in flight goes on meanwhile (its work is in PostgreSQL and on the board).
                board.release.set()
                await asyncio.sleep(3.0)
                assert worker.process.returncode is None, worker.output[-4000:]

                await private_redis.start()

                # Back: the same worker finishes both runs.
                async def both_finished() -> bool:
                    states = [await state_of(r.run_id) for r in (in_flight, waiting)]
                    return all(state in FINISHED for state in states)

                await worker.while_running(until("both runs are finished", both_finished, 60, every=0.3), 70)
                assert await state_of(in_flight.run_id) == scrape_pb2.SCRAPE_STATE_SUCCEEDED
                assert await state_of(waiting.run_id) == scrape_pb2.SCRAPE_STATE_SUCCEEDED

            # ... and takes new runs, triggered as usual.
            with hanging_board(postings=1, hang_at=None) as new_board:
                # The first trigger after the outage is taken (the server's queue client reconnects).
                new_run = (
                    await scrapes.TriggerScrape(
                        scrape_pb2.TriggerScrapeRequest(sources=[new_board.source()]), metadata=admin, timeout=10
                    )
                ).run.run_id

                async def new_finished() -> bool:
                    return await state_of(new_run) in FINISHED

                await worker.while_running(until("the new run is finished", new_finished, 30, every=0.3), 40)
                assert await state_of(new_run) == scrape_pb2.SCRAPE_STATE_SUCCEEDED
            await worker.stop(signal.SIGTERM)

"""A run's progress as an admin watching GetScrapeStatus sees it while the run is under way: counts that move
as postings are read, and words for what each source is doing."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from grpc import aio

from skillgap.resources import Resources
from skillgap.v1 import job_pb2, scrape_pb2, scrape_pb2_grpc
from tests.support.boards import LocalBoards, greenhouse_postings, token
from tests.support.scraping import admin, run_worker

POSTINGS = 70
LISTING_DELAY_SECONDS = 1.5


@pytest.fixture
def embedding_gate(resources: Resources, monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Document embedding waits until the test sets the event (as a slow model keeps a batch waiting)."""
    gate = threading.Event()
    original = resources.embedder.embed_document_batch

    def slow(texts: list[str]) -> Any:
        gate.wait(timeout=60)
        return original(texts)

    monkeypatch.setattr(resources.embedder, "embed_document_batch", slow)
    yield gate
    gate.set()


async def test_status_shows_postings_read_and_what_the_source_does_while_the_run_is_under_way(
    channel: aio.Channel,
    token_for: Callable[..., str],
    resources: Resources,
    redis_url: str,
    queue_name: str,
    boards: LocalBoards,
    embedding_gate: threading.Event,
) -> None:
    board = token()
    boards.greenhouse[board] = greenhouse_postings(board, POSTINGS)
    boards.delays[f"/boards/{board}/"] = LISTING_DELAY_SECONDS  # a big board takes its time to list
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    source = scrape_pb2.ScrapeSource(
        kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier=board, base_url=boards.api("greenhouse")
    )
    reply = await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=[source]), metadata=admin(token_for))
    run_id = reply.run.run_id
    assert reply.run.sources[0].activity == "waiting for a worker"

    async def progress() -> tuple[scrape_pb2.ScrapeRun, scrape_pb2.SourceProgress]:
        status = await stub.GetScrapeStatus(scrape_pb2.GetScrapeStatusRequest(run_id=run_id), metadata=admin(token_for))
        (run,) = status.runs
        return run, run.sources[0]

    seen: list[tuple[float, int, str]] = []
    started = time.monotonic()
    worker = asyncio.create_task(run_worker(resources, redis_url, queue_name))
    try:
        # The board has not answered yet: the source says it is listing.
        while True:
            run, source_progress = await progress()
            seen.append((time.monotonic() - started, source_progress.counts.fetched, source_progress.activity))
            if (
                source_progress.state == scrape_pb2.SCRAPE_STATE_RUNNING
                and "listing postings" in source_progress.activity
            ):
                break
            assert time.monotonic() - started < LISTING_DELAY_SECONDS + 5, seen
            await asyncio.sleep(0.1)
        assert source_progress.counts.fetched == 0
        # The listing arrived; the first batch waits for the embedding model. Every posting read shows.
        while True:
            run, source_progress = await progress()
            seen.append((time.monotonic() - started, source_progress.counts.fetched, source_progress.activity))
            if source_progress.counts.fetched == POSTINGS and "embedding" in source_progress.activity:
                break
            assert run.state == scrape_pb2.SCRAPE_STATE_RUNNING, (run, seen)
            assert time.monotonic() - started < LISTING_DELAY_SECONDS + 10, seen
            await asyncio.sleep(0.1)
        assert run.state == scrape_pb2.SCRAPE_STATE_RUNNING
        assert source_progress.state == scrape_pb2.SCRAPE_STATE_RUNNING
        assert source_progress.activity == "extracting and embedding 32 postings", source_progress.activity
        assert source_progress.counts.created == 0
        print(f"fetched > 0 after {seen[-1][0]:.2f} s (the board answered after {LISTING_DELAY_SECONDS} s)")
    finally:
        embedding_gate.set()
        await worker

    run, source_progress = await progress()
    assert run.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED, run
    assert source_progress.counts.fetched == POSTINGS and source_progress.counts.created == POSTINGS
    assert source_progress.activity == ""

"""Scrape runs as an admin triggers them over gRPC and a real arq worker (burst mode) runs them: with the jobs the
run queues after it (alert matching, webhook deliveries), until the queue is empty."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from grpc import aio

from skillgap.resources import Resources
from skillgap.v1 import scrape_pb2, scrape_pb2_grpc
from tests.support.scraping import admin, run_worker


class WorkerScrapes:
    def __init__(
        self, channel: aio.Channel, token_for: Callable[..., str], resources: Resources, redis_url: str, queue: str
    ) -> None:
        self._channel = channel
        self._token_for = token_for
        self._resources = resources
        self._redis_url = redis_url
        self._queue = queue

    async def run(self, *sources: scrape_pb2.ScrapeSource) -> scrape_pb2.ScrapeRun:
        """Trigger a run of `sources`, let the worker do it (and what it queues), return the finished run."""
        stub = scrape_pb2_grpc.ScrapeServiceStub(self._channel)
        metadata = admin(self._token_for)
        reply = await stub.TriggerScrape(scrape_pb2.TriggerScrapeRequest(sources=list(sources)), metadata=metadata)
        await run_worker(self._resources, self._redis_url, self._queue)
        status = await stub.GetScrapeStatus(
            scrape_pb2.GetScrapeStatusRequest(run_id=reply.run.run_id), metadata=metadata
        )
        (run,) = status.runs
        assert run.HasField("finish_time"), run
        return run


@pytest.fixture
def scrapes(
    channel: aio.Channel, token_for: Callable[..., str], resources: Resources, redis_url: str, queue_name: str
) -> WorkerScrapes:
    """Scrape runs through the test server and a real worker (registered for every test in `tests/conftest.py`)."""
    return WorkerScrapes(channel, token_for, resources, redis_url, queue_name)

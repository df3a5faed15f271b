"""What the scrape tests share: a fetcher that answers from memory (`FakeFetcher`), the jobs stored for a
source, a real arq worker in burst mode, an admin's metadata and a Greenhouse source; and the fixtures `boards`
(the local job-board server of tests/support/boards.py, one per test module), `queue_name` (an arq queue of the
test's own) and `embed_calls` (what the embedder embeds)."""

from __future__ import annotations

import uuid
import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from arq.connections import RedisSettings
from arq.worker import Worker
from redis.asyncio import Redis

from skillgap.app import App
from skillgap.resources import Resources
from skillgap.scraping.fetch import Validators
from skillgap.v1 import job_pb2, scrape_pb2
from skillgap_workers.settings import WorkerSettings
from tests.support.boards import LocalBoards, serving


@pytest.fixture(scope="module")
def boards() -> Iterator[LocalBoards]:
    """A board server per test module; its tests keep apart by naming their boards with `token()`."""
    with serving() as served:
        yield served


@pytest.fixture
async def queue_name(resources: Resources, redis_url: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
    """This test's own arq queue, so tests never run each other's jobs; removed afterwards."""
    assert resources.scrape_queue is not None
    name = f"skillgap-test:{uuid.uuid4().hex}"
    monkeypatch.setattr(resources.scrape_queue, "queue_name", name)
    queued: list[str] = []
    enqueue = resources.scrape_queue.enqueue

    async def recording(function: str, *, job_id: str, **kwargs: Any) -> None:
        queued.append(job_id)
        await enqueue(function, job_id=job_id, **kwargs)

    monkeypatch.setattr(resources.scrape_queue, "enqueue", recording)
    yield name
    # Only this test's own keys: another test run may share this Redis.
    client = Redis.from_url(redis_url)
    try:
        for job_id in queued:
            keys = [k async for k in client.scan_iter(match=f"arq:*{job_id}")]
            if keys:
                await client.delete(*keys)
        await client.delete(name)
    finally:
        await client.aclose()


async def run_worker(resources: Resources, redis_url: str, queue_name: str, **options: Any) -> None:
    # An App of its own on the session's resources, as a `skillgap worker` opens one (its job cache not listening).
    app = await App.over(resources, listen_for_job_changes=False)
    worker = Worker(
        # As registered for `skillgap worker` and `skillgap up`: the registration (name, tries) is tested too.
        functions=WorkerSettings.functions,
        redis_settings=RedisSettings.from_dsn(redis_url),
        ctx={"app": app},
        burst=True,
        handle_signals=False,
        queue_name=queue_name,
        poll_delay=0.1,
        **options,
    )
    try:
        await worker.main()
    finally:
        with warnings.catch_warnings():  # arq's close() calls redis' deprecated close()
            warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*deprecated close")
            await worker.close()
        await app.aclose()


def admin(token_for: Callable[..., str]) -> tuple[tuple[str, str], ...]:
    return (("authorization", f"Bearer {token_for('scrape-admin', admin=True)}"),)


def greenhouse(identifier: str, base_url: str) -> scrape_pb2.ScrapeSource:
    return scrape_pb2.ScrapeSource(kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier=identifier, base_url=base_url)


@pytest.fixture
def embed_calls(resources: Resources, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the embedder embeds as a document during the test (monkeypatch restores it)."""
    calls: list[str] = []
    original = resources.embedder.embed_document_batch

    def spy(texts: list[str]) -> Any:
        calls.extend(texts)
        return original(texts)

    monkeypatch.setattr(resources.embedder, "embed_document_batch", spy)
    return calls


async def jobs_of(resources: Resources, kind: str, identifier: str) -> dict[str, tuple[str, str]]:
    """The source's stored jobs: external id -> (job id, state)."""
    rows = await resources.pool.fetch(
        "SELECT external_id, job_id, state FROM jobs WHERE source_kind = $1 AND source_identifier = $2",
        kind,
        identifier,
    )
    return {r["external_id"]: (str(r["job_id"]), r["state"]) for r in rows}


@dataclass(frozen=True)
class FakeText:
    url: str
    text: str
    validators: Validators = Validators()


class FakeFetcher:
    """PageFetcher from an in-memory url -> payload map; records every URL asked for."""

    def __init__(self, responses: dict[str, Any], redirects: dict[str, str] | None = None) -> None:
        self.responses = responses
        self.redirects = redirects or {}
        self.requested: list[str] = []

    async def get_json(self, url: str) -> Any:
        self.requested.append(url)
        if url not in self.responses:
            raise LookupError(f"unexpected URL {url}")
        return self.responses[url]

    async def get_text(self, url: str, *, html_page: bool = False, validators: Validators | None = None) -> FakeText:
        assert html_page
        self.requested.append(url)
        if url not in self.responses:
            raise LookupError(f"unexpected URL {url}")
        return FakeText(self.redirects.get(url, url), self.responses[url])

"""What matching one scrape run against every alert subscription costs, before and after matching read each resume
once for all its subscriptions (and capped each subscription's jobs): the same run, the same subscriptions, both
matchers timed in one process. Not a test (no `test_` file): run it on purpose,

    .venv/bin/pytest -q -s -p no:cacheprovider tests/alerts/bench_alert_matching.py [--users N] ...

with the session's PostgreSQL and Redis as the tests use them. USERS users each upload a resume and make
SUBSCRIPTIONS subscriptions (half without filters, half for one location: subscribers share filters), then one
scrape run through the real worker stores JOBS jobs of a stand-in Greenhouse board; its matching is timed with the
matcher of commit BEFORE (one resume read, one index lookup and one scoring per subscription and job) and with this
one, each time from no alerts (the run's alerts are deleted first), so both store the same alerts.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from grpc import aio

from skillgap.alerts import matching
from skillgap.alerts.models import AlertSubscription
from skillgap.app import App
from skillgap.resources import Resources
from skillgap.storage.alerts import AlertRepository, _to_subscription
from skillgap.v1 import alert_pb2_grpc, job_pb2, scrape_pb2
from tests.alerts.test_alert_pipeline import subscribe
from tests.support.boards import greenhouse_postings
from tests.support.samples import upload
from tests.support.standin_site import Site, serving
from tests.support.worker_scrapes import WorkerScrapes

BEFORE = "9a1cde3"  # the last commit whose matcher scored every subscription on its own
USERS, SUBSCRIPTIONS, JOBS = 10, 20, 100
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


class _OldOrder(AlertRepository):
    """The repository as the old matcher read it: every subscription by id."""

    async def subscriptions_after(self, after: uuid.UUID | None, *, limit: int) -> list[AlertSubscription]:
        rows = await self._pool.fetch(
            """SELECT s.subscription_id, s.user_id, s.resume_id, s.filter, s.min_score, s.webhook_url,
                      s.create_time, s.update_time, 0 AS unseen_count
               FROM alert_subscriptions s WHERE $1::uuid IS NULL OR s.subscription_id > $1
               ORDER BY s.subscription_id LIMIT $2""",
            after,
            limit,
        )
        return [_to_subscription(r) for r in rows]


def _old_matching() -> Any:
    source = subprocess.run(
        ["git", "show", f"{BEFORE}:server/skillgap/alerts/matching.py"], cwd=REPO, capture_output=True, check=True
    ).stdout
    path = Path(sys.modules[__name__].__file__ or "").with_name("_old_matching.py")
    spec = importlib.util.spec_from_loader("skillgap_alerts_old_matching", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102 - our own file at a known commit
    return module


class _Counted:
    """Counts the calls of the matchers' collaborators (they still do their real work), and times the async ones."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {}
        self.seconds: dict[str, float] = {}

    def wrap_async(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

        return timed

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] = self.calls.get(name, 0) + 1
            return function(*args, **kwargs)

        return counted


class _Proxy:
    """A collaborator whose one method (`job_hits`, or `name`) is counted and timed; the rest passes through."""

    def __init__(self, target: Any, counted: _Counted, label: str, *, name: str = "job_hits") -> None:
        self._target, self._name = target, name
        self._method = counted.wrap_async(label, getattr(target, name))

    def __getattr__(self, attribute: str) -> Any:
        return self._method if attribute == self._name else getattr(self._target, attribute)


async def _timed(resources: Resources, match_run: Callable[[str], Any], run_id: str, repeat: int = 3) -> float:
    """The best of `repeat` matchings of the run, each from no alerts (as when the run has just finished)."""
    best = float("inf")
    for _ in range(repeat):
        await resources.pool.execute("DELETE FROM alerts WHERE run_id = $1", uuid.UUID(run_id))
        started = time.perf_counter()
        await match_run(run_id)
        best = min(best, time.perf_counter() - started)
    return best


async def test_bench_alert_matching(
    site: Site,
    app: App,
    resources: Resources,
    channel: aio.Channel,
    token_for: Callable[..., str],
    redis_url: str,
    queue_name: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alerts = alert_pb2_grpc.AlertServiceStub(channel)
    for number in range(USERS):
        auth = (("authorization", f"Bearer {token_for(f'bench-alerts-{uuid.uuid4().hex[:8]}-{number}')}"),)
        resume_id = await upload(channel, auth)
        for index in range(SUBSCRIPTIONS):
            wanted = job_pb2.JobFilter(location="San Francisco") if index % 2 else job_pb2.JobFilter()
            await subscribe(alerts, auth, resume_id, float(index * 4), filter=wanted)
    board = f"bench-{uuid.uuid4().hex[:8]}"
    site.greenhouse[board] = greenhouse_postings(board, JOBS)
    source = scrape_pb2.ScrapeSource(
        kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier=board, base_url=site.url("/greenhouse")
    )
    run = await WorkerScrapes(channel, token_for, resources, redis_url, queue_name).run(source)  # matched once
    assert run.totals.created == JOBS, run

    services = app.services
    old_module = _old_matching()
    counted = _Counted()
    monkeypatch.setattr(old_module, "score", counted.wrap("old scorings", old_module.score))
    monkeypatch.setattr(matching, "score", counted.wrap("new scorings", matching.score))
    old = old_module.AlertMatcher(
        _OldOrder(resources.pool),
        services.jobs,
        services.resumes,
        services.matcher,
        resources.vectors,
        resources.embedder,
        resources.taxonomy,
        occupations=resources.occupations,
    )
    new = services.alert_matcher
    for label, matcher in (("old", old), ("new", new)):
        repository = matcher._repository
        monkeypatch.setattr(
            repository, "insert_alerts", counted.wrap_async(f"{label} inserts", repository.insert_alerts)
        )
        vectors = matcher._vectors
        monkeypatch.setattr(matcher, "_vectors", _Proxy(vectors, counted, f"{label} job_hits"))
        resumes = matcher._resumes
        monkeypatch.setattr(matcher, "_resumes", _Proxy(resumes, counted, f"{label} resume reads", name="get"))
    before = await _timed(resources, old.match_run, run.run_id)
    after = await _timed(resources, new.match_run, run.run_id)
    old_inserts, new_inserts = (counted.seconds[f"{label} inserts"] / 3 for label in ("old", "new"))
    per_run: Sequence[tuple[str, int]] = sorted((k, v // 3) for k, v in counted.calls.items())
    print(
        f"\nalert matching of one run: {USERS} users x {SUBSCRIPTIONS} subscriptions ({USERS * SUBSCRIPTIONS}), "
        f"{JOBS} jobs; best of 3\n"
        f"  before ({BEFORE}): {before * 1000:.0f} ms\n"
        f"  after:            {after * 1000:.0f} ms  ({before / after:.1f}x faster)\n"
        f"  per run: {', '.join(f'{k} {v}' for k, v in per_run)}\n"
        f"  time in: {', '.join(f'{k} {v / 3 * 1000:.0f} ms' for k, v in sorted(counted.seconds.items()))}\n"
        f"  outside storing the alerts (the same {USERS * SUBSCRIPTIONS} subscriptions' alerts for both): before "
        f"{(before - old_inserts) * 1000:.0f} ms, after {(after - new_inserts) * 1000:.0f} ms"
    )
    assert after < before

"""Prometheus metrics of the domain (no gRPC here: the core and the workers import this module) and the
HTTP endpoint that exposes every metric of the process.

- `skillgap_llm_fallbacks_total{feature}`: an LLM feature fell back to the offline engine (timeout, server
  error, invalid or empty output), wherever that happens;
- `skillgap_scrape_runs_total{outcome}` and `skillgap_scrape_postings_total{result}`: counted by the worker
  where a run and each of its sources finish, so they live in the process that ran the worker: `skillgap up`
  (server and worker in one process: one endpoint) or each `skillgap worker` (its own endpoint on
  SKILLGAP_WORKER_METRICS_PORT). Sum them over the workers;
- `skillgap_arq_queue_depth{queue}`: jobs waiting in the arq queue (including deferred ones), read from Redis
  at scrape time by a collector on the server's endpoint;
- `skillgap_interview_turn_seconds{stage}`: the server-side time of each interview answer, from its arrival
  until the stage: `evaluated` (the evaluation is ready to send), `saved` (the turn is saved), and `grading`
  (the engine's grading alone, inside `evaluated`);
- the RPC metrics (`grpc_server_*`) come from `skillgap.api.metrics`; prometheus_client adds the process
  (`process_*`) and interpreter (`python_*`) metrics.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Protocol, cast
from wsgiref.simple_server import WSGIServer

import redis
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- LLM fallbacks

LLM_FEATURES = (
    "interview_question",
    "interview_grading",
    "interview_feedback",
    "ask_about_job",
    "job_extraction",
    "resume_extraction",
)

LLM_FALLBACKS = Counter(
    "skillgap_llm_fallbacks",
    "Times an LLM feature fell back to the offline engine (timeout, server error, invalid or empty output).",
    ["feature"],
)
for _feature in LLM_FEATURES:
    LLM_FALLBACKS.labels(feature=_feature)


def llm_fallback(feature: str) -> None:
    """Count one fall-back to the offline engine; `feature` is one of LLM_FEATURES."""
    LLM_FALLBACKS.labels(feature=feature).inc()


# ---------------------------------------------------------------- scraping

SCRAPE_OUTCOMES = ("succeeded", "partially_failed", "failed")
POSTING_RESULTS = ("created", "updated", "unchanged", "closed", "failed")

SCRAPE_RUNS = Counter("skillgap_scrape_runs", "Scrape runs finished by this process, by outcome.", ["outcome"])
SCRAPE_POSTINGS = Counter(
    "skillgap_scrape_postings",
    "Postings handled by the scrape runs of this process, by result (created, updated, unchanged, closed, "
    "failed to store).",
    ["result"],
)
for _outcome in SCRAPE_OUTCOMES:
    SCRAPE_RUNS.labels(outcome=_outcome)
for _result in POSTING_RESULTS:
    SCRAPE_POSTINGS.labels(result=_result)


class _Counts(Protocol):
    created: int
    updated: int
    unchanged: int
    closed: int
    failed: int


def record_scrape_source(counts: _Counts) -> None:
    """Count the postings of one finished source of a run."""
    for result in POSTING_RESULTS:
        value = getattr(counts, result)
        if value:
            SCRAPE_POSTINGS.labels(result=result).inc(value)


def record_scrape_run(outcome: str) -> None:
    """Count one finished run: succeeded, partially_failed or failed."""
    SCRAPE_RUNS.labels(outcome=outcome).inc()


# ---------------------------------------------------------------- interview turns

TURN_STAGES = ("evaluated", "grading", "saved")
# From a quick offline grade (a few ms) to an LLM grading under load (tens of seconds).
TURN_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

INTERVIEW_TURN_SECONDS = Histogram(
    "skillgap_interview_turn_seconds",
    "Server-side time of an interview answer, by stage: from its arrival until the evaluation is ready to send "
    "(evaluated) and until the turn is saved (saved); the engine's grading alone (grading).",
    ["stage"],
    buckets=TURN_BUCKETS,
)
# The children, looked up once: `labels()` takes a lock and builds a key on every call.
_TURN_STAGE = {stage: INTERVIEW_TURN_SECONDS.labels(stage=stage) for stage in TURN_STAGES}


class TurnTimer:
    """The clock of one interview answer, started when the answer arrives. Each stage's time goes to
    `skillgap_interview_turn_seconds{stage}` and stays readable (`ms`) for the turn's log line: a stream carries
    many answers in one RPC, so the RPC metrics cannot show a turn's time."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._start = clock()
        self._seconds: dict[str, float] = {}

    def reached(self, stage: str) -> None:
        """The turn reached `stage` now: its time is the time since the answer arrived."""
        self._record(stage, self._clock() - self._start)

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        """`stage` is the block's own time; a block that raises records nothing (its turn failed)."""
        started = self._clock()
        yield
        self._record(stage, self._clock() - started)

    def ms(self, stage: str) -> float:
        """The stage's time in milliseconds; 0 when the turn has not reached it."""
        return self._seconds.get(stage, 0.0) * 1000

    def _record(self, stage: str, seconds: float) -> None:
        if stage in self._seconds:  # a stage happens once a turn: the first time is its time
            return
        self._seconds[stage] = seconds
        _TURN_STAGE[stage].observe(seconds)


# ---------------------------------------------------------------- the arq queue


class QueueDepthCollector(Collector):
    """`skillgap_arq_queue_depth{queue}`: ZCARD of arq's queue (a sorted set), read at scrape time.

    prometheus_client collects in its HTTP server's thread, so this uses a synchronous Redis client with
    short timeouts; when Redis does not answer, the sample is left out (and `..._up` says 0)."""

    def __init__(self, redis_url: str, queue_name: str, *, timeout: float = 1.0) -> None:
        self.queue_name = queue_name
        self._client = redis.Redis.from_url(
            redis_url, socket_timeout=timeout, socket_connect_timeout=timeout, retry_on_timeout=False
        )
        self._lock = threading.Lock()

    def describe(self) -> Iterable[GaugeMetricFamily]:
        """The names, without reading Redis (the registry calls this when the collector is registered)."""
        return self._families()

    def _families(self) -> tuple[GaugeMetricFamily, GaugeMetricFamily]:
        depth = GaugeMetricFamily(
            "skillgap_arq_queue_depth", "Jobs waiting in the arq queue (queued or deferred), read from Redis.",
            labels=["queue"],
        )  # fmt: skip
        up = GaugeMetricFamily(
            "skillgap_arq_queue_up", "1 when Redis answered the queue depth read of this scrape, else 0.",
            labels=["queue"],
        )  # fmt: skip
        return depth, up

    def collect(self) -> Iterable[GaugeMetricFamily]:
        depth, up = self._families()
        try:
            with self._lock:
                value = int(cast(int, self._client.zcard(self.queue_name)))  # sync client: an int
        except (redis.RedisError, OSError) as exc:
            log.debug("queue depth unavailable: %s", exc)
            up.add_metric([self.queue_name], 0)
        else:
            depth.add_metric([self.queue_name], value)
            up.add_metric([self.queue_name], 1)
        yield depth
        yield up

    def close(self) -> None:
        self._client.close()


# ---------------------------------------------------------------- the endpoint


class MetricsEndpoint:
    """`/metrics` (any path, in fact) over HTTP, from prometheus_client's server in a daemon thread."""

    def __init__(
        self,
        server: WSGIServer,
        thread: threading.Thread,
        registry: CollectorRegistry,
        collectors: list[Collector],
    ) -> None:
        self._server = server
        self._thread = thread
        self._registry = registry
        self._collectors = collectors

    @property
    def port(self) -> int:
        return int(self._server.server_port)

    def close(self) -> None:
        """Stop serving and unregister the collectors this endpoint added. Safe to call twice."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        for collector in self._collectors:
            try:
                self._registry.unregister(collector)
            except KeyError:
                continue
            if isinstance(collector, QueueDepthCollector):
                collector.close()
        self._collectors = []


def serve_metrics(
    port: int,
    host: str = "127.0.0.1",
    *,
    redis_url: str | None = None,
    queue_name: str | None = None,
    registry: CollectorRegistry = REGISTRY,
) -> MetricsEndpoint:
    """Serve the registry's metrics on `host:port` (0 picks a free port: read `.port`). With `redis_url` and
    `queue_name`, the queue depth is collected too (on the server only, so that it is not reported twice); one
    such endpoint per registry."""
    collectors: list[Collector] = []
    if redis_url and queue_name:
        queue = QueueDepthCollector(redis_url, queue_name)
        registry.register(queue)
        collectors.append(queue)
    try:
        server, thread = start_http_server(port, addr=host, registry=registry)
    except BaseException:
        for collector in collectors:
            registry.unregister(collector)
        raise
    endpoint = MetricsEndpoint(server, thread, registry, collectors)
    log.info("metrics on http://%s:%d/metrics", host if ":" not in host else f"[{host}]", endpoint.port)
    return endpoint

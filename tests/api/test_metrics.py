"""Prometheus metrics over HTTP: RPC counts and latency by method, type and status code (unary and streaming,
over a real channel), the arq queue depth read from Redis at scrape time, the scrape counters a worker
increments, and Envoy's own admin /stats/prometheus."""

from __future__ import annotations

import logging
import re
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
import httpx
import pytest
from grpc import aio
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families
from redis.asyncio import Redis

from skillgap.cli import _start_metrics
from skillgap.config import Settings
from skillgap.metrics import MetricsEndpoint, llm_fallback, serve_metrics
from skillgap.resources import Resources
from skillgap.v1 import (
    interview_pb2_grpc,
    job_pb2,
    job_pb2_grpc,
    resume_pb2,
    resume_pb2_grpc,
    scrape_pb2,
    scrape_pb2_grpc,
)
from tests.support.boards import greenhouse_board, serving, token
from tests.support.scraping import admin, greenhouse, run_worker

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]

JOB_SERVICE = "skillgap.v1.JobService"
RESUME_SERVICE = "skillgap.v1.ResumeService"
INTERVIEW_SERVICE = "skillgap.v1.InterviewService"


def parse(text: str) -> Samples:
    samples: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = float(sample.value)
    return samples


_RAW_SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$")
_RAW_LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def raw_samples(text: str) -> Samples:
    """Samples under the names the exporter wrote (prometheus_client's parser renames counters to *_total,
    which merges Envoy's `upstream_rq{code}` with its `upstream_rq_total`)."""
    samples: Samples = {}
    for line in text.splitlines():
        match = _RAW_SAMPLE.match(line.strip())
        if match and not line.startswith("#"):
            labels = frozenset(_RAW_LABEL.findall(match.group(2) or ""))
            samples[(match.group(1), labels)] = float(match.group(3))
    return samples


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sum over the samples named `name` whose labels include `labels` (0 when there is none)."""
    wanted = set(labels.items())
    return sum(v for (n, got), v in samples.items() if n == name and wanted <= got)


@pytest.fixture(scope="module")
async def queue_name(redis_url: str) -> AsyncIterator[str]:
    """A queue of this module's own, so its depth is ours alone."""
    name = f"skillgap-test-metrics:{uuid.uuid4().hex}"
    yield name
    client = Redis.from_url(redis_url)
    try:
        await client.delete(name)
    finally:
        await client.aclose()


@pytest.fixture(scope="module")
def metrics(grpc_port: int, redis_url: str, queue_name: str) -> Any:
    """The process's metrics endpoint on a free port (port 0), with the queue depth of `queue_name`."""
    endpoint = serve_metrics(0, "127.0.0.1", redis_url=redis_url, queue_name=queue_name)
    try:
        yield endpoint
    finally:
        endpoint.close()


async def scrape(endpoint: MetricsEndpoint) -> Samples:
    async with httpx.AsyncClient(trust_env=False, timeout=10) as client:
        reply = await client.get(f"http://127.0.0.1:{endpoint.port}/metrics")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/plain")
    return parse(reply.text)


async def test_rpcs_are_counted_and_timed_by_method_type_and_code(
    metrics: MetricsEndpoint, channel: aio.Channel, auth: Any
) -> None:
    before = await scrape(metrics)
    resumes = resume_pb2_grpc.ResumeServiceStub(channel)
    jobs = job_pb2_grpc.JobServiceStub(channel)

    # OK, unary.
    await resumes.ListResumes(resume_pb2.ListResumesRequest(page_size=5), metadata=auth)
    # Errors, unary: an unknown job, and no token at all.
    with pytest.raises(aio.AioRpcError) as missing:
        await jobs.GetJob(job_pb2.GetJobRequest(job_id=str(uuid.uuid4())), metadata=auth)
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(aio.AioRpcError) as anonymous:
        await jobs.GetJob(job_pb2.GetJobRequest(job_id=str(uuid.uuid4())))
    assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED
    # Streaming: a server stream on an unknown job, a bidi stream without a token.
    with pytest.raises(aio.AioRpcError) as streamed:
        async for _ in jobs.AskAboutJob(
            job_pb2.AskAboutJobRequest(job_id=str(uuid.uuid4()), resume_id=str(uuid.uuid4()), question="Why?"),
            metadata=auth,
        ):
            pass
    converse = interview_pb2_grpc.InterviewServiceStub(channel).Converse()
    with pytest.raises(aio.AioRpcError) as bidi:
        await converse.read()
    assert bidi.value.code() == grpc.StatusCode.UNAUTHENTICATED

    after = await scrape(metrics)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    list_ok = {"grpc_service": RESUME_SERVICE, "grpc_method": "ListResumes", "grpc_type": "unary"}
    assert moved("grpc_server_started_total", **list_ok) == 1
    assert moved("grpc_server_handled_total", **list_ok, grpc_code="OK") == 1
    assert moved("grpc_server_handling_seconds_count", **list_ok, grpc_code="OK") == 1
    assert moved("grpc_server_handling_seconds_bucket", **list_ok, grpc_code="OK", le="+Inf") == 1
    assert moved("grpc_server_handling_seconds_sum", **list_ok, grpc_code="OK") > 0

    get_job = {"grpc_service": JOB_SERVICE, "grpc_method": "GetJob", "grpc_type": "unary"}
    assert moved("grpc_server_started_total", **get_job) == 2
    assert moved("grpc_server_handled_total", **get_job, grpc_code="NOT_FOUND") == 1
    assert moved("grpc_server_handled_total", **get_job, grpc_code="UNAUTHENTICATED") == 1
    assert moved("grpc_server_handled_total", **get_job, grpc_code="OK") == 0
    assert moved("grpc_server_handling_seconds_count", **get_job, grpc_code="NOT_FOUND") == 1

    ask = {"grpc_service": JOB_SERVICE, "grpc_method": "AskAboutJob", "grpc_type": "server_stream"}
    assert moved("grpc_server_handled_total", **ask, grpc_code=streamed.value.code().name) == 1
    talk = {"grpc_service": INTERVIEW_SERVICE, "grpc_method": "Converse", "grpc_type": "bidi_stream"}
    assert moved("grpc_server_handled_total", **talk, grpc_code="UNAUTHENTICATED") == 1
    assert moved("grpc_server_handling_seconds_count", **talk, grpc_code="UNAUTHENTICATED") == 1

    # Every LLM feature's fall-back series is there before its first fall-back, so a dashboard's rate() or an
    # alert on it works from the start instead of staying empty (and silent) until something fails. Named here,
    # not read from skillgap.metrics: a feature dropped from the pre-created list must fail this.
    for feature in ("interview_question", "interview_grading", "ask_about_job", "job_extraction", "resume_extraction"):
        assert ("skillgap_llm_fallbacks_total", frozenset({("feature", feature)})) in after, feature
    assert ("process_cpu_seconds_total", frozenset()) in after or any(n == "python_info" for n, _ in after)


async def test_a_rest_call_through_envoy_is_counted_and_envoy_admin_serves_prometheus_stats(
    metrics: MetricsEndpoint,
    grpc_port: int,
    settings: Settings,
    token_for: Callable[..., str],
    user_id: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A gateway of this test's own (admin on a free port, read back), as `skillgap up` runs it."""
    from skillgap.gateway.config import GRPC_CLUSTER, compose_max_request_bytes
    from skillgap.gateway.process import EnvoyGateway
    from tests.ports import free_port

    gateway = EnvoyGateway(
        work_dir=tmp_path_factory.mktemp("envoy-metrics"),
        grpc_host="127.0.0.1",
        grpc_port=grpc_port,
        listen_port=free_port(),
        admin_port=0,
        max_request_bytes=compose_max_request_bytes(settings.max_upload_bytes),
    )
    before = await scrape(metrics)
    async with gateway:
        headers = {"authorization": f"Bearer {token_for(user_id)}"}
        async with httpx.AsyncClient(base_url=gateway.url, headers=headers, timeout=30, trust_env=False) as http:
            ok = await http.get("/api/resume", params={"page_size": 3})
            missing = await http.get(f"/api/jobs/{uuid.uuid4()}")
        assert ok.status_code == 200 and missing.status_code == 404
        async with httpx.AsyncClient(timeout=10, trust_env=False) as admin:
            stats = await admin.get(f"{gateway.admin_url}/stats/prometheus")
    after = await scrape(metrics)

    list_ok = {"grpc_service": RESUME_SERVICE, "grpc_method": "ListResumes", "grpc_code": "OK"}
    handled = "grpc_server_handled_total"
    assert value(after, handled, **list_ok) - value(before, handled, **list_ok) == 1
    get_job = {"grpc_service": JOB_SERVICE, "grpc_method": "GetJob", "grpc_code": "NOT_FOUND"}
    assert value(after, handled, **get_job) - value(before, handled, **get_job) == 1

    assert stats.status_code == 200, stats.text[:300]
    envoy = raw_samples(stats.text)
    cluster = {"envoy_cluster_name": GRPC_CLUSTER}
    rest = {"envoy_http_conn_manager_prefix": "skillgap_rest"}
    # Both REST calls went to the gRPC cluster as HTTP/2 requests answered 200 (gRPC errors travel in the
    # grpc-status trailer), and came back to the REST client as one 2xx and one 4xx.
    assert value(envoy, "envoy_cluster_upstream_rq_total", **cluster) == 2
    assert value(envoy, "envoy_cluster_upstream_rq", envoy_response_code="200", **cluster) == 2
    assert value(envoy, "envoy_cluster_membership_healthy", **cluster) == 1
    assert value(envoy, "envoy_http_downstream_rq_total", **rest) == 2
    assert value(envoy, "envoy_http_downstream_rq_xx", envoy_response_code_class="2", **rest) == 1
    assert value(envoy, "envoy_http_downstream_rq_xx", envoy_response_code_class="4", **rest) == 1
    # The transcoder's buffers (gauges, per connection manager): a response went through it.
    assert ("envoy_http_transcoder_request_buffer_bytes", frozenset(rest.items())) in envoy
    assert ("envoy_http_transcoder_response_buffer_bytes", frozenset(rest.items())) in envoy


async def test_queue_depth_is_read_from_redis_and_scrape_counters_move_when_a_worker_finishes_a_run(
    metrics: MetricsEndpoint,
    channel: aio.Channel,
    resources: Resources,
    redis_url: str,
    queue_name: str,
    token_for: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert resources.scrape_queue is not None
    monkeypatch.setattr(resources.scrape_queue, "queue_name", queue_name)
    board = token()
    before = await scrape(metrics)
    assert value(before, "skillgap_arq_queue_depth", queue=queue_name) == 0
    assert value(before, "skillgap_arq_queue_up", queue=queue_name) == 1

    with serving() as boards:
        boards.greenhouse[board] = greenhouse_board(board)
        stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
        reply = await stub.TriggerScrape(
            scrape_pb2.TriggerScrapeRequest(sources=[greenhouse(board, boards.api("greenhouse"))]),
            metadata=admin(token_for),
        )
        queued = await scrape(metrics)
        assert value(queued, "skillgap_arq_queue_depth", queue=queue_name) == 1
        await run_worker(resources, redis_url, queue_name)
        status = await stub.GetScrapeStatus(
            scrape_pb2.GetScrapeStatusRequest(run_id=reply.run.run_id), metadata=admin(token_for)
        )
    (done,) = status.runs
    assert done.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED
    after = await scrape(metrics)
    assert value(after, "skillgap_arq_queue_depth", queue=queue_name) == 0

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("skillgap_scrape_runs_total", outcome="succeeded") == 1
    assert moved("skillgap_scrape_runs_total", outcome="failed") == 0
    assert done.totals.created > 0
    assert moved("skillgap_scrape_postings_total", result="created") == done.totals.created
    assert moved("skillgap_scrape_postings_total", result="unchanged") == done.totals.unchanged


async def test_queue_depth_says_when_redis_does_not_answer() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    endpoint = serve_metrics(
        0, "127.0.0.1", redis_url=f"redis://127.0.0.1:{port}/0", queue_name="nowhere", registry=CollectorRegistry()
    )
    try:
        samples = await scrape(endpoint)
    finally:
        endpoint.close()
    assert value(samples, "skillgap_arq_queue_up", queue="nowhere") == 0
    assert not any(n == "skillgap_arq_queue_depth" and ("queue", "nowhere") in labels for n, labels in samples)


async def test_llm_fallbacks_are_counted_by_feature(metrics: MetricsEndpoint) -> None:
    before = await scrape(metrics)
    llm_fallback("ask_about_job")
    after = await scrape(metrics)
    name = "skillgap_llm_fallbacks_total"
    assert value(after, name, feature="ask_about_job") - value(before, name, feature="ask_about_job") == 1


def test_a_busy_metrics_port_costs_the_metrics_not_the_command(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        busy = sock.getsockname()[1]
        with caplog.at_level(logging.WARNING, logger="skillgap"):
            assert _start_metrics(Settings(metrics_host="127.0.0.1"), busy) is None
    assert "metrics endpoint not started" in caplog.text
    assert _start_metrics(Settings(), 0) is None  # 0 = off
    assert Settings().metrics_port == 9464 and Settings().worker_metrics_port == 9465

"""The grpc.aio server: services, health, reflection, interceptors, and its lifecycle."""

from __future__ import annotations

import asyncio
import gc
import logging

from grpc import aio
from grpc_health.v1 import health, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from skillgap.api import health as probes
from skillgap.api.interceptors import (
    AuthenticationInterceptor,
    ErrorMappingInterceptor,
    RequestLogInterceptor,
)
from skillgap.api.metrics import MetricsInterceptor
from skillgap.api.ratelimit import RateLimitInterceptor
from skillgap.api.servicers.alert import AlertServicer
from skillgap.api.servicers.interview import InterviewServicer
from skillgap.api.servicers.job import JobServicer
from skillgap.api.servicers.resume import ResumeServicer
from skillgap.api.servicers.saved_search import SavedSearchServicer
from skillgap.api.servicers.scrape import ScrapeServicer
from skillgap.api.servicers.source_discovery import SourceDiscoveryServicer
from skillgap.app import App
from skillgap.auth.tokens import TokenVerifier
from skillgap.v1 import (
    alert_pb2,
    alert_pb2_grpc,
    interview_pb2,
    interview_pb2_grpc,
    job_pb2,
    job_pb2_grpc,
    resume_pb2,
    resume_pb2_grpc,
    scrape_pb2,
    scrape_pb2_grpc,
    search_pb2,
    search_pb2_grpc,
)

log = logging.getLogger(__name__)

# Request metadata a call may carry. grpc's defaults (8 KiB soft, refusing at random above it; 16 KiB hard) made
# REST calls with big headers fail as RESOURCE_EXHAUSTED; the gateway refuses headers above 32 KiB itself (431).
MAX_METADATA_BYTES = 64 * 1024

# After the grace period, how long cancelled handlers get to undo half-done work.
CLEANUP_SECONDS = 5.0

SERVICE_NAMES = (
    resume_pb2.DESCRIPTOR.services_by_name["ResumeService"].full_name,
    job_pb2.DESCRIPTOR.services_by_name["JobService"].full_name,
    interview_pb2.DESCRIPTOR.services_by_name["InterviewService"].full_name,
    scrape_pb2.DESCRIPTOR.services_by_name["ScrapeService"].full_name,
    search_pb2.DESCRIPTOR.services_by_name["SavedSearchService"].full_name,
    search_pb2.DESCRIPTOR.services_by_name["SourceDiscoveryService"].full_name,
    alert_pb2.DESCRIPTOR.services_by_name["AlertService"].full_name,
)


class GrpcServer:
    """Owns the grpc.aio server and what only it uses (health, readiness, rate limits, the interceptors). It serves
    the App's services: the caller opens the App before and closes it after (`skillgap.app`)."""

    def __init__(self, app: App) -> None:
        resources, services = app.resources, app.services
        settings = resources.settings
        self._settings = settings
        # grpc.health.v1 follows readiness (PostgreSQL, Redis, the vector index); GET /healthz and /readyz are
        # the same checks for REST callers.
        self._health = probes.ReadinessHealthServicer()
        self._readiness = probes.Readiness(resources, self._health, ("", *SERVICE_NAMES))
        self._health.readiness = self._readiness
        self._calls = RequestLogInterceptor()
        verifier = TokenVerifier(settings)
        self._rate_limits = RateLimitInterceptor.from_settings(settings, resources.scrape_queue, verifier)
        self._server = aio.server(
            interceptors=[
                MetricsInterceptor(),  # outermost: counts calls any other interceptor refuses
                # Before the request log sends its headers, so that a refusal is a trailers-only response
                # whose retry-after Envoy passes to REST clients as a header.
                self._rate_limits,
                self._calls,
                ErrorMappingInterceptor(),
                AuthenticationInterceptor(verifier),
            ],
            options=[
                ("grpc.max_receive_message_length", settings.max_grpc_message_bytes),
                ("grpc.max_send_message_length", settings.max_grpc_message_bytes),
                ("grpc.max_metadata_size", MAX_METADATA_BYTES),
                ("grpc.absolute_max_metadata_size", MAX_METADATA_BYTES),
                # grpc binds with SO_REUSEPORT by default: two servers started at once on one port would both
                # listen and share its calls between two databases. A taken port must be refused instead.
                ("grpc.so_reuseport", 0),
            ],
        )
        resume_pb2_grpc.add_ResumeServiceServicer_to_server(ResumeServicer(services.resumes), self._server)
        job_pb2_grpc.add_JobServiceServicer_to_server(
            JobServicer(services.jobs, services.matcher, services.questions, cached_messages=settings.job_cache_size),
            self._server,
        )
        self._interviews = InterviewServicer(services.interviews)
        interview_pb2_grpc.add_InterviewServiceServicer_to_server(self._interviews, self._server)
        scrape_pb2_grpc.add_ScrapeServiceServicer_to_server(
            ScrapeServicer(services.scrapes, settings.admin_role), self._server
        )
        search_pb2_grpc.add_SavedSearchServiceServicer_to_server(
            SavedSearchServicer(services.saved_searches), self._server
        )
        search_pb2_grpc.add_SourceDiscoveryServiceServicer_to_server(
            SourceDiscoveryServicer(services.discovery, settings.admin_role), self._server
        )
        alert_pb2_grpc.add_AlertServiceServicer_to_server(AlertServicer(services.alerts), self._server)
        health_pb2_grpc.add_HealthServicer_to_server(self._health, self._server)
        probes.HealthProbes(self._readiness).add_to_server(self._server)
        reflection.enable_server_reflection(
            (*SERVICE_NAMES, health.SERVICE_NAME, probes.SERVICE, reflection.SERVICE_NAME), self._server
        )
        self.port = 0

    async def start(self, host: str | None = None, port: int | None = None) -> int:
        """Bind and start; returns the bound port (useful with port 0)."""
        address = f"{host or self._settings.grpc_host}:{self._settings.grpc_port if port is None else port}"
        self.port = self._server.add_insecure_port(address)
        if self.port == 0:
            raise OSError(f"cannot bind the gRPC server to {address}")
        await self._server.start()
        # Everything loaded so far (taxonomy, question bank, resource catalog, model, protobuf descriptors)
        # lives as long as the process: out of the collector's sight, a full collection no longer walks
        # those few hundred thousand objects, which stalled requests for ~80-90 ms (bench_search).
        gc.freeze()
        # SERVING only when PostgreSQL, Redis and the vector index answer; kept up to date from then on.
        report = await self._readiness.start()
        if not report.ready:
            log.warning("gRPC health says NOT_SERVING: %s", report.summary())
        log.info("gRPC server listening on %s", address.rsplit(":", 1)[0] + f":{self.port}")
        return self.port

    async def stop(self, grace: float | None = None) -> None:
        """Report NOT_SERVING, refuse new calls, and give in-flight calls `grace` seconds to finish.

        Returns once every handler has finished, including the clean-up of those cancelled when the
        grace ran out, so the caller may close the App (services, pool, index) right after.
        """
        grace = self._settings.shutdown_grace_seconds if grace is None else grace
        await self._health.enter_graceful_shutdown()
        # Live interview streams end between turns (they would otherwise hold the stop for the whole grace).
        self._interviews.begin_shutdown()
        await self._server.stop(grace)
        await self._readiness.close()
        pending = {t for t in self._calls.in_flight if not t.done()}
        if pending:
            _, still = await asyncio.wait(pending, timeout=max(grace, CLEANUP_SECONDS))
            if still:
                log.warning("%d handlers still running after shutdown; their work may be cut short", len(still))
        await self._rate_limits.close()

    async def wait_for_termination(self) -> None:
        await self._server.wait_for_termination()

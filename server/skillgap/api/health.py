"""Liveness and readiness: `GET /healthz` and `GET /readyz` through the gateway, and the gRPC health service.

- Liveness (`HealthProbes.Liveness`, `GET /healthz`) answers as long as the server process serves calls; it
  touches nothing else, so a database outage never gets a healthy process restarted.
- Readiness (`HealthProbes.Readiness`, `GET /readyz`) checks what the API needs: PostgreSQL (`SELECT 1` on
  the pool), Redis (`PING`, the queue's server) and the vector index (a point lookup). All fine: the
  components with their status. One down: UNAVAILABLE (HTTP 503) naming it, with every component's status
  in the ErrorInfo metadata. The result is cached for CACHE_SECONDS and concurrent callers share one check,
  so hammering the endpoint costs the database at most one `SELECT 1` a second.
- The gRPC health service (grpc.health.v1, overall "" and each API service) follows readiness: NOT_SERVING
  while a component is down. A Check refreshes a stale result; a background refresh every REFRESH_SECONDS
  keeps Watch streams current when nobody asks.

The probes are a small gRPC service described here rather than in proto/: they are operational, not part of
the versioned product API (no SDK, no breaking-change checks). The gateway's descriptor set includes
`probes_file()`, whose `google.api.http` rules give the REST paths; the server registers the same
messages, so both sides agree on the wire format. Neither probe needs a token (PUBLIC_METHOD_PREFIXES in
interceptors.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import grpc
from google.api import annotations_pb2, http_pb2  # type: ignore[import-untyped]
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from grpc import aio
from grpc_health.v1 import health, health_pb2

from skillgap.errors import Unavailable

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from skillgap.resources import Resources

log = logging.getLogger(__name__)

PACKAGE = "skillgap.health.v1"
SERVICE = f"{PACKAGE}.HealthProbes"
FILE_NAME = "skillgap/health/v1/probes.proto"
LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"
METHOD_PREFIX = f"/{SERVICE}/"

# A result younger than this is answered from the cache: the probe cannot be used to hammer the database.
CACHE_SECONDS = 1.0
# How often readiness is checked when nobody asks, so that the gRPC health status (and its Watch streams)
# follows an outage and its end.
REFRESH_SECONDS = 5.0
# Longest a component may take to answer before it counts as down. Short: a probe that waits long is
# useless to a load balancer, and a dependency this slow cannot serve calls either.
CHECK_TIMEOUT_SECONDS = 1.0
# Any id: the lookup only proves the index answers (a point lookup, unlike a count, costs the same at any size).
_PROBE_JOB_ID = "00000000-0000-0000-0000-000000000000"

OK, DOWN, NOT_CONFIGURED = "ok", "down", "not_configured"
_TITLES = {"postgres": "PostgreSQL", "redis": "Redis", "vector_index": "the vector index"}


# ---------------------------------------------------------------------------------------------- the contract


def probes_file() -> descriptor_pb2.FileDescriptorProto:
    """The probes' proto file, with the REST paths as google.api.http rules (the gateway transcodes them)."""
    F = descriptor_pb2.FieldDescriptorProto
    file = descriptor_pb2.FileDescriptorProto(
        name=FILE_NAME, package=PACKAGE, syntax="proto3", dependency=["google/api/annotations.proto"]
    )

    def message(name: str, *fields: tuple[str, int, int, str]) -> descriptor_pb2.DescriptorProto:
        proto = file.message_type.add(name=name)
        for field_name, number, kind, type_name in fields:
            head, *rest = field_name.split("_")
            proto.field.add(
                name=field_name,
                number=number,
                type=kind,
                label=F.LABEL_OPTIONAL,
                json_name=head + "".join(part.capitalize() for part in rest),
                **({"type_name": type_name} if type_name else {}),
            )
        return proto

    message("LivenessRequest")
    message("LivenessResponse", ("status", 1, F.TYPE_STRING, ""))
    message("ReadinessRequest")
    message(
        "Component",
        ("status", 1, F.TYPE_STRING, ""),
        ("message", 2, F.TYPE_STRING, ""),
        ("latency_ms", 3, F.TYPE_DOUBLE, ""),
    )
    readiness = message("ReadinessResponse", ("status", 1, F.TYPE_STRING, ""))
    entry = readiness.nested_type.add(name="ComponentsEntry")
    entry.options.map_entry = True
    entry.field.add(name="key", number=1, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL, json_name="key")
    entry.field.add(
        name="value",
        number=2,
        type=F.TYPE_MESSAGE,
        label=F.LABEL_OPTIONAL,
        json_name="value",
        type_name=f".{PACKAGE}.Component",
    )
    readiness.field.add(
        name="components",
        number=2,
        type=F.TYPE_MESSAGE,
        label=F.LABEL_REPEATED,
        json_name="components",
        type_name=f".{PACKAGE}.ReadinessResponse.ComponentsEntry",
    )

    service = file.service.add(name="HealthProbes")
    for method_name, path in (("Liveness", LIVENESS_PATH), ("Readiness", READINESS_PATH)):
        method = service.method.add(
            name=method_name,
            input_type=f".{PACKAGE}.{method_name}Request",
            output_type=f".{PACKAGE}.{method_name}Response",
        )
        method.options.Extensions[annotations_pb2.http].CopyFrom(http_pb2.HttpRule(get=path))
    return file


def _message_classes() -> dict[str, Any]:
    # Registered in the default pool, like generated code, so that server reflection describes the probes too.
    pool = descriptor_pool.Default()
    try:
        pool.FindFileByName(FILE_NAME)
    except KeyError:
        pool.AddSerializedFile(probes_file().SerializeToString())
    names = ("LivenessRequest", "LivenessResponse", "ReadinessRequest", "ReadinessResponse")
    return {name: message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{PACKAGE}.{name}")) for name in names}


_MESSAGES = _message_classes()
LivenessRequest = _MESSAGES["LivenessRequest"]
LivenessResponse = _MESSAGES["LivenessResponse"]
ReadinessRequest = _MESSAGES["ReadinessRequest"]
ReadinessResponse = _MESSAGES["ReadinessResponse"]


# ------------------------------------------------------------------------------------------------ readiness


@dataclass(frozen=True)
class ComponentStatus:
    name: str  # postgres, redis, vector_index
    status: str  # ok, down, not_configured
    message: str  # for a person: "answered in 0.4 ms", "refused the connection"
    latency_ms: float

    @property
    def title(self) -> str:
        return _TITLES.get(self.name, self.name)


@dataclass(frozen=True)
class ReadinessReport:
    components: tuple[ComponentStatus, ...]
    checked_at: float  # time.monotonic()

    @property
    def down(self) -> list[ComponentStatus]:
        return [c for c in self.components if c.status == DOWN]

    @property
    def ready(self) -> bool:
        return not self.down

    def summary(self) -> str:
        """Why the server is not ready, for a person: "not ready: Redis refused the connection"."""
        reasons = [f"{c.title} {c.message}" for c in self.down]
        return "not ready: " + "; ".join(reasons) if reasons else "ready"


def _why(exc: BaseException) -> str:
    """What failed, in words that name no host or driver (the probe needs no token, so anyone may read it)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 4:
        chain.append(current)
        current = current.__cause__ or current.__context__
    text = " ".join(str(e).lower() for e in chain)
    if any(isinstance(e, TimeoutError) for e in chain) or "timeout" in text or "timed out" in text:
        return f"did not answer within {CHECK_TIMEOUT_SECONDS:g} s"
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in text:
        return "refused the connection"
    if any(isinstance(e, (OSError, ConnectionError)) for e in chain) or "connect" in text:
        return "cannot be reached"
    return f"failed its check ({type(exc).__name__})"


def _redis_client(resources: Resources) -> Redis | None:
    """A client of the Redis the server's queue uses (None without one), with the probe's timeouts."""
    from redis.asyncio import Redis

    # The queue's Redis is the one the server really uses (`skillgap up` and the tests hand it over that way
    # only); the setting is the fallback.
    if resources.scrape_queue is not None:
        client: Redis | None = resources.scrape_queue.client(timeout=CHECK_TIMEOUT_SECONDS)
        return client
    url = resources.settings.redis_url
    return (
        Redis.from_url(url, socket_timeout=CHECK_TIMEOUT_SECONDS, socket_connect_timeout=CHECK_TIMEOUT_SECONDS)
        if url
        else None
    )


class Readiness:
    """Checks the components the API needs, at most once per CACHE_SECONDS, and keeps the gRPC health
    statuses of `services` in step (SERVING when ready, NOT_SERVING otherwise)."""

    def __init__(
        self,
        resources: Resources,
        health_servicer: health.aio.HealthServicer | None = None,
        services: Sequence[str] = ("",),
    ) -> None:
        self._resources = resources
        self._health = health_servicer
        self._services = tuple(services)
        self._redis = _redis_client(resources)
        self._last: ReadinessReport | None = None
        self._checking: asyncio.Task[ReadinessReport] | None = None
        self._refresher: asyncio.Task[None] | None = None

    async def start(self) -> ReadinessReport:
        """Check once (setting the health statuses), then keep checking in the background."""
        report = await self.report(max_age=0.0)
        self._refresher = asyncio.create_task(self._refresh_forever(), name="skillgap-readiness")
        return report

    async def close(self) -> None:
        if self._refresher is not None:
            self._refresher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._refresher
            self._refresher = None
        if self._checking is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await self._checking
        if self._redis is not None:
            await self._redis.aclose()

    async def report(self, max_age: float = CACHE_SECONDS) -> ReadinessReport:
        """The latest result when younger than `max_age` seconds, else a new check (shared with any caller
        asking meanwhile)."""
        last = self._last
        if last is not None and time.monotonic() - last.checked_at < max_age:
            return last
        if self._checking is None or self._checking.done():
            self._checking = asyncio.create_task(self._check())
        # Shielded: a caller that gives up (a cancelled RPC) must not cancel the check the others wait for.
        return await asyncio.shield(self._checking)

    async def _refresh_forever(self) -> None:
        while True:
            await asyncio.sleep(REFRESH_SECONDS)
            try:
                await self.report(max_age=REFRESH_SECONDS / 2)
            except Exception:  # never let the refresher die: the next round tries again
                log.exception("readiness check failed")

    async def _check(self) -> ReadinessReport:
        checks: list[tuple[str, Callable[[], Awaitable[object]] | None]] = [
            ("postgres", self._postgres),
            ("redis", self._ping_redis if self._redis is not None else None),
            ("vector_index", self._vector_index),
        ]
        components = await asyncio.gather(*(self._component(name, check) for name, check in checks))
        report = ReadinessReport(tuple(components), time.monotonic())
        self._log_changes(report)
        self._last = report
        if self._health is not None:
            serving = health_pb2.HealthCheckResponse
            status = serving.SERVING if report.ready else serving.NOT_SERVING
            for service in self._services:
                await self._health.set(service, status)
        return report

    async def _component(self, name: str, check: Callable[[], Awaitable[object]] | None) -> ComponentStatus:
        if check is None:
            return ComponentStatus(name, NOT_CONFIGURED, "not configured", 0.0)
        started = time.perf_counter()
        try:
            async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
                await check()
        except Exception as exc:  # any failure means the component cannot serve calls now
            elapsed = (time.perf_counter() - started) * 1000
            status = ComponentStatus(name, DOWN, _why(exc), round(elapsed, 1))
            log.debug("readiness: %s check failed: %r", name, exc, exc_info=exc)
            if self._last is None or name not in {c.name for c in self._last.down}:
                log.warning("readiness: %s %s (%s: %s)", status.title, status.message, type(exc).__name__, exc)
            return status
        elapsed = (time.perf_counter() - started) * 1000
        return ComponentStatus(name, OK, f"answered in {elapsed:.1f} ms", round(elapsed, 1))

    def _log_changes(self, report: ReadinessReport) -> None:
        if self._last is None:
            return
        was_down = {c.name for c in self._last.down}
        for component in report.components:
            if component.name in was_down and component.status == OK:
                log.warning("readiness: %s is back (%s)", component.title, component.message)

    async def _postgres(self) -> None:
        async with self._resources.pool.acquire() as connection:
            await connection.fetchval("SELECT 1")

    async def _ping_redis(self) -> None:
        assert self._redis is not None
        await self._redis.ping()

    async def _vector_index(self) -> None:
        await self._resources.vectors.get_job_payload(_PROBE_JOB_ID)


# ---------------------------------------------------------------------------------------------- gRPC side


class ReadinessHealthServicer(health.aio.HealthServicer):
    """grpc.health.v1 whose statuses follow readiness: a Check first refreshes a result older than
    CACHE_SECONDS (the background refresh covers Watch)."""

    readiness: Readiness | None = None

    async def Check(self, request: health_pb2.HealthCheckRequest, context: aio.ServicerContext) -> Any:
        if self.readiness is not None:
            await self.readiness.report()
        return await super().Check(request, context)


class HealthProbes:
    """The two probes; mounted with `add_to_server`."""

    def __init__(self, readiness: Readiness) -> None:
        self._readiness = readiness

    async def Liveness(self, request: Any, context: aio.ServicerContext) -> Any:
        return LivenessResponse(status="alive")

    async def Readiness(self, request: Any, context: aio.ServicerContext) -> Any:
        report = await self._readiness.report()
        if not report.ready:
            # UNAVAILABLE through the error mapping: HTTP 503 with the google.rpc.Status body every error has.
            raise Unavailable(
                report.summary(),
                reason="NOT_READY",
                metadata={c.name: c.status for c in report.components},
            )
        response = ReadinessResponse(status="ready")
        for component in report.components:
            entry = response.components[component.name]
            entry.status = component.status
            entry.message = component.message
            entry.latency_ms = component.latency_ms
        return response

    def add_to_server(self, server: aio.Server) -> None:
        handlers = {
            "Liveness": grpc.unary_unary_rpc_method_handler(
                self.Liveness,
                request_deserializer=LivenessRequest.FromString,
                response_serializer=LivenessResponse.SerializeToString,
            ),
            "Readiness": grpc.unary_unary_rpc_method_handler(
                self.Readiness,
                request_deserializer=ReadinessRequest.FromString,
                response_serializer=ReadinessResponse.SerializeToString,
            ),
        }
        server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(SERVICE, handlers),))

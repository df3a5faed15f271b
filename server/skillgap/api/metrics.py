"""RPC metrics: a server interceptor counting and timing every call, streaming ones included.

Names and labels follow the usual gRPC server metrics (go-grpc-prometheus / py-grpc-prometheus), so
existing dashboards work:

- `grpc_server_started_total{grpc_type, grpc_service, grpc_method}`: calls started;
- `grpc_server_handled_total{grpc_type, grpc_service, grpc_method, grpc_code}`: calls finished, by status
  code name (OK, INVALID_ARGUMENT, UNAUTHENTICATED, CANCELLED, ...);
- `grpc_server_handling_seconds{grpc_type, grpc_service, grpc_method, grpc_code}`: a histogram of the time
  from the call reaching the handler chain until it finished (for a stream: its whole life). It carries the
  code too, so that fast refusals do not hide in the latency of real work: filter on `grpc_code="OK"`.

`grpc_type` is unary, client_stream, server_stream or bidi_stream. Registered first (outermost) in the
server, so that a call refused by any other interceptor (authentication, rate limit) is counted with the
code it got. Calls to methods that do not exist are answered by grpc itself and not counted here.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import grpc
from grpc import aio
from prometheus_client import Counter, Histogram

from skillgap.api.call_context import current_call
from skillgap.api.interceptors import wrap_handler

LABELS = ("grpc_type", "grpc_service", "grpc_method")
# From a cached GetResume (~1 ms) to an upload (~0.5 s) to a whole interview stream (minutes).
BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)

STARTED = Counter("grpc_server_started", "RPCs started on the server.", LABELS)
HANDLED = Counter("grpc_server_handled", "RPCs completed on the server, by status code.", (*LABELS, "grpc_code"))
HANDLING = Histogram(
    "grpc_server_handling_seconds",
    "Time from the call reaching the server's handlers until it completed (streams: their whole life).",
    (*LABELS, "grpc_code"),
    buckets=BUCKETS,
)

_CODE_NAMES = {code.value[0]: code.name for code in grpc.StatusCode}


def rpc_type(handler: grpc.RpcMethodHandler) -> str:
    if handler.request_streaming and handler.response_streaming:
        return "bidi_stream"
    if handler.request_streaming:
        return "client_stream"
    if handler.response_streaming:
        return "server_stream"
    return "unary"


def split_method(full_method: str) -> tuple[str, str]:
    """Split "/skillgap.v1.JobService/GetJob" into ("skillgap.v1.JobService", "GetJob")."""
    service, _, method = full_method.lstrip("/").rpartition("/")
    return service or "unknown", method or "unknown"


def _code_name(code: Any) -> str | None:
    """A status code as grpc.aio's context reports it (a StatusCode, its int value, or None)."""
    if code is None:
        return None
    if isinstance(code, grpc.StatusCode):
        return code.name
    if isinstance(code, int):
        return _CODE_NAMES.get(code)
    return None


def _status_of(context: aio.ServicerContext, default: str) -> str:
    try:
        name = _code_name(context.code())
    except Exception:  # an older grpc without code(): fall back to what the error mapping recorded
        name = None
    if name is None:
        info = current_call()
        name = info.status if info is not None and info.status else None
    return name or default


def _deadline_passed(context: aio.ServicerContext) -> bool:
    try:
        remaining = context.time_remaining()
    except Exception:
        return False
    return remaining is not None and remaining <= 0


class MetricsInterceptor(aio.ServerInterceptor):
    """Counts and times every RPC; see the module docstring."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:  # unknown method: grpc answers UNIMPLEMENTED
            return handler
        service, method = split_method(handler_call_details.method)
        labels = (rpc_type(handler), service, method)

        def scope(context: aio.ServicerContext, details: grpc.HandlerCallDetails) -> AbstractAsyncContextManager[None]:
            return _measured(context, labels)

        return wrap_handler(handler, handler_call_details, scope)


# The children of a label set, looked up once: `labels()` takes a lock and builds a key on every call.
@functools.cache
def _started(labels: tuple[str, str, str]) -> Any:
    return STARTED.labels(*labels)


@functools.cache
def _finished(labels: tuple[str, str, str], code: str) -> tuple[Any, Any]:
    return HANDLED.labels(*labels, code), HANDLING.labels(*labels, code)


@asynccontextmanager
async def _measured(context: aio.ServicerContext, labels: tuple[str, str, str]) -> AsyncIterator[None]:
    _started(labels).inc()
    started = time.perf_counter()
    code = "UNKNOWN"
    try:
        yield
    except aio.AbortError:  # context.abort(): the code is on the context
        code = _status_of(context, "UNKNOWN")
        raise
    except asyncio.CancelledError:  # the client went away, its deadline passed, or the server stops
        code = "DEADLINE_EXCEEDED" if _deadline_passed(context) else "CANCELLED"
        raise
    except BaseException:  # grpc turns an unhandled exception into UNKNOWN
        code = "UNKNOWN"
        raise
    else:
        code = _status_of(context, "OK")  # a handler may set_code() and return
    finally:
        elapsed = time.perf_counter() - started
        handled, handling = _finished(labels, code)
        handled.inc()
        handling.observe(elapsed)

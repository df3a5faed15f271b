"""Server interceptors: request id and one log line per call, error mapping, authentication.

Each interceptor wraps the method handler's behaviour in an async context manager (`scope`), so one
mechanism serves unary and streaming RPCs alike, and handlers contain none of these concerns.
Order in the server (outermost first): RequestLog, ErrorMapping, Authentication.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import grpc
from grpc import aio

from skillgap.api import errors as api_errors
from skillgap.api.call_context import CallInfo, current_call, reset_call, set_call
from skillgap.auth.tokens import TokenVerifier
from skillgap.errors import InvalidArgument, SkillGapError

log = logging.getLogger("skillgap.rpc")

# Health checks, the liveness/readiness probes and reflection must work without a token: load balancers,
# orchestrators and grpcurl call them.
PUBLIC_METHOD_PREFIXES = ("/grpc.health.v1.", "/skillgap.health.v1.", "/grpc.reflection.")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

Scope = Callable[[aio.ServicerContext, grpc.HandlerCallDetails], AbstractAsyncContextManager[None]]


def _metadata(details: grpc.HandlerCallDetails, key: str) -> str | None:
    for name, value in details.invocation_metadata or ():
        if name == key:
            return value if isinstance(value, str) else value.decode("utf-8", "replace")
    return None


def _request_id() -> str | None:
    info = current_call()
    return info.request_id if info else None


# What the behaviour reads, wrapped: the request, or the request stream (a check per message, such as the rate
# limiter's or the malformed-message refusal), before the behaviour gets it; inside the interceptor's scope.
Requests = Callable[[Any, aio.ServicerContext], Any]


def _wrap_streaming(inner: Any, details: grpc.HandlerCallDetails, scope: Scope, requests: Requests | None) -> Any:
    """A response-streaming behaviour run inside `scope`, reading its requests through `requests` when given.
    grpc.aio accepts two styles: async generators that yield responses, and coroutines that call
    `context.write` (grpc-health's Watch); the wrapper must keep the style it was given."""

    def read(request: Any, context: aio.ServicerContext) -> Any:
        return request if requests is None else requests(request, context)

    if inspect.isasyncgenfunction(inner):

        async def generator(request: Any, context: aio.ServicerContext) -> AsyncIterator[Any]:
            async with scope(context, details):
                async for response in inner(read(request, context), context):
                    yield response

        return generator

    async def writer(request: Any, context: aio.ServicerContext) -> None:
        async with scope(context, details):
            await inner(read(request, context), context)

    return writer


def wrap_handler(
    handler: grpc.RpcMethodHandler,
    details: grpc.HandlerCallDetails,
    scope: Scope,
    *,
    requests: Requests | None = None,
    request_deserializer: Callable[[bytes], Any] | None = None,
) -> Any:
    """The same handler with its behaviour run inside `scope`, reading its request (or request stream) through
    `requests` when given, and decoding requests with `request_deserializer` when given (the interceptors share
    this, so each states only what it adds)."""
    deserializer = request_deserializer or handler.request_deserializer

    def read(request: Any, context: aio.ServicerContext) -> Any:
        return request if requests is None else requests(request, context)

    if handler.request_streaming and handler.response_streaming:
        return grpc.stream_stream_rpc_method_handler(
            _wrap_streaming(handler.stream_stream, details, scope, requests),
            deserializer,
            handler.response_serializer,
        )
    if handler.response_streaming:
        return grpc.unary_stream_rpc_method_handler(
            _wrap_streaming(handler.unary_stream, details, scope, requests),
            deserializer,
            handler.response_serializer,
        )
    if handler.request_streaming:
        inner_su = handler.stream_unary

        async def stream_unary(request_iterator: Any, context: aio.ServicerContext) -> Any:
            async with scope(context, details):
                return await inner_su(read(request_iterator, context), context)

        return grpc.stream_unary_rpc_method_handler(
            stream_unary, deserializer, handler.response_serializer
        )
    inner_uu = handler.unary_unary

    async def unary_unary(request: Any, context: aio.ServicerContext) -> Any:
        async with scope(context, details):
            return await inner_uu(read(request, context), context)

    return grpc.unary_unary_rpc_method_handler(
        unary_unary, deserializer, handler.response_serializer
    )


class _ScopeInterceptor(aio.ServerInterceptor):
    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:  # unknown method: let grpc answer UNIMPLEMENTED
            return handler
        return wrap_handler(handler, handler_call_details, self.scope)

    def scope(
        self, context: aio.ServicerContext, details: grpc.HandlerCallDetails
    ) -> AbstractAsyncContextManager[None]:
        raise NotImplementedError


def _with_metadata_before_first_message(handler: grpc.RpcMethodHandler) -> grpc.RpcMethodHandler | None:
    """A server-streaming handler that sends the request id as initial metadata with its first message, or None
    for any other handler (those send it at once).

    A stream that fails before its first message then ends as a trailers-only response, which Envoy's
    transcoder turns into the HTTP status of the error; once initial metadata has gone out, it has already
    answered 200 and can only put the error in a 200 body. The error's trailers carry the request id instead.
    """
    if not handler.response_streaming or handler.request_streaming:
        return None
    inner = handler.unary_stream
    if not inspect.isasyncgenfunction(inner):
        return None  # handlers that call context.write themselves (grpc-health's Watch)

    async def generator(request: Any, context: aio.ServicerContext) -> AsyncIterator[Any]:
        first = True
        async for response in inner(request, context):
            if first:
                first = False
                info = current_call()
                if info is not None:
                    await context.send_initial_metadata((("x-request-id", info.request_id),))
            yield response

    return grpc.unary_stream_rpc_method_handler(generator, handler.request_deserializer, handler.response_serializer)


class RequestLogInterceptor(_ScopeInterceptor):
    """Gives every call a request id (the caller's x-request-id, else a new one), returns it as
    initial metadata, and logs one line per call: method, user, status, duration.

    It also knows which handler tasks are running: grpc's stop() returns once the calls are closed,
    while a cancelled handler may still be cleaning up, so shutdown waits for `in_flight` too.
    """

    def __init__(self) -> None:
        self.in_flight: set[asyncio.Task[Any]] = set()

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        deferred = _with_metadata_before_first_message(handler)
        if deferred is None:
            return wrap_handler(handler, handler_call_details, self.scope)
        return wrap_handler(deferred, handler_call_details, self._scope_without_metadata)

    def _scope_without_metadata(
        self, context: aio.ServicerContext, details: grpc.HandlerCallDetails
    ) -> AbstractAsyncContextManager[None]:
        return self.scope(context, details, send_metadata=False)

    @asynccontextmanager
    async def scope(
        self, context: aio.ServicerContext, details: grpc.HandlerCallDetails, *, send_metadata: bool = True
    ) -> AsyncIterator[None]:
        incoming = _metadata(details, "x-request-id")
        request_id = incoming if incoming and _REQUEST_ID.match(incoming) else os.urandom(16).hex()
        info = CallInfo(method=details.method, request_id=request_id)
        token = set_call(info)
        task = asyncio.current_task()
        if task is not None:
            self.in_flight.add(task)
        started = time.perf_counter()
        status = "OK"
        try:
            if send_metadata:
                await context.send_initial_metadata((("x-request-id", request_id),))
            yield
        except aio.AbortError:
            status = info.status or "ABORTED"
            raise
        except BaseException as exc:
            status = info.status or type(exc).__name__
            raise
        finally:
            duration_ms = (time.perf_counter() - started) * 1000
            user = info.principal.user_id if info.principal else "-"
            # The reason says which of a code's many causes it was (MALFORMED_REQUEST, RESUME_NOT_FOUND, ...).
            reason = f" reason={info.reason}" if info.reason else ""
            log.info(
                "rpc %s user=%s status=%s%s duration_ms=%.1f request_id=%s",
                details.method,
                user,
                status,
                reason,
                duration_ms,
                request_id,
                extra={
                    "rpc_method": details.method,
                    "user": user,
                    "status": status,
                    "reason": info.reason,
                    "duration_ms": round(duration_ms, 2),
                    "request_id": request_id,
                },
            )
            reset_call(token)
            if task is not None:
                self.in_flight.discard(task)


class MalformedRequest:
    """What a request message whose bytes do not decode becomes, in place of the message: grpc would answer
    UNKNOWN naming protobuf's exception class, before any interceptor saw the call. The handler refuses it
    with INVALID_ARGUMENT instead, inside the request log and the error mapping (ErrorMappingInterceptor)."""

    __slots__ = ("method",)

    def __init__(self, method: str) -> None:
        self.method = method

    def error(self) -> InvalidArgument:
        return InvalidArgument(
            f"the request to {self.method.rsplit('/', 1)[-1]} could not be read: its bytes are not a valid "
            "message of this method (truncated or corrupted data, a field of the wrong type, or text that is "
            "not valid UTF-8)",
            reason="MALFORMED_REQUEST",
        )


def _tolerant(deserializer: Callable[[bytes], Any] | None, method: str) -> Callable[[bytes], Any] | None:
    if deserializer is None:
        return None

    def deserialize(data: bytes) -> Any:
        try:
            return deserializer(data)
        except Exception:  # protobuf's DecodeError, or a UnicodeDecodeError from a string field
            return MalformedRequest(method)

    return deserialize


def _checked(request: Any) -> Any:
    if isinstance(request, MalformedRequest):
        raise request.error()
    return request


async def _checked_stream(request_iterator: AsyncIterator[Any]) -> AsyncIterator[Any]:
    async for request in request_iterator:
        yield _checked(request)


class ErrorMappingInterceptor(_ScopeInterceptor):
    """Turns domain errors into canonical status codes with google.rpc.Status details, and any other
    exception into INTERNAL with the request id (the traceback goes to the log, not the client).

    It also refuses request messages that do not decode (see MalformedRequest): its own scope maps that refusal.
    """

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler

        def refuse_malformed(request: Any, context: aio.ServicerContext) -> Any:
            return _checked_stream(request) if handler.request_streaming else _checked(request)

        return wrap_handler(
            handler,
            handler_call_details,
            self.scope,
            requests=refuse_malformed,
            request_deserializer=_tolerant(handler.request_deserializer, handler_call_details.method),
        )

    @asynccontextmanager
    async def scope(self, context: aio.ServicerContext, details: grpc.HandlerCallDetails) -> AsyncIterator[None]:
        try:
            yield
        except aio.AbortError:
            raise
        except SkillGapError as error:
            code = api_errors.status_code_for(error)
            self._record(code, error.reason)
            status = api_errors.rich_status(code, error.message, error)
            await context.abort(code, status.message, api_errors.trailing_metadata(status, _request_id()))
        except Exception:
            info = current_call()
            request_id = info.request_id if info else "-"
            logging.getLogger("skillgap.api").exception("unhandled error in %s", details.method)
            code, message, status = api_errors.internal_status(request_id)
            self._record(code, "INTERNAL")
            await context.abort(code, message, api_errors.trailing_metadata(status, _request_id()))

    @staticmethod
    def _record(code: grpc.StatusCode, reason: str) -> None:
        info = current_call()
        if info is not None:
            info.status = code.name
            info.reason = reason


class AuthenticationInterceptor(_ScopeInterceptor):
    """Verifies the bearer token of every non-public call and records the caller."""

    def __init__(self, verifier: TokenVerifier) -> None:
        self._verifier = verifier

    @asynccontextmanager
    async def scope(self, context: aio.ServicerContext, details: grpc.HandlerCallDetails) -> AsyncIterator[None]:
        if not details.method.startswith(PUBLIC_METHOD_PREFIXES):
            principal = await self._verifier.verify(_metadata(details, "authorization"))
            info = current_call()
            if info is not None:
                info.principal = principal
        yield

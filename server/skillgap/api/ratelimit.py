"""Per-user rate limits on the expensive RPCs: a token bucket per (user, group of RPCs).

Each group has a burst (the bucket's size) and a sustained rate (tokens added per minute); a call takes
one token. An empty bucket answers RESOURCE_EXHAUSTED with:

- a message naming the limit and when to retry ("... 10 per minute, in bursts of up to 10; try again in
  6 s"),
- google.rpc.ErrorInfo (reason RATE_LIMITED, metadata: group, limit_per_minute, burst,
  retry_after_seconds) and google.rpc.RetryInfo (retry_delay) in the rich status details,
- `retry-after` trailing metadata, whole seconds (Envoy turns the status into HTTP 429).

Groups and the RPCs they cover (see GROUPS):

    upload            ResumeService.UploadResume (parsing, extraction, embedding)
    search            JobService.SearchJobs, JobService.GetGapSummary (query embedding, recall, rerank)
    browse            JobService.ListJobs (a page of the job table; its worst filters scan it)
    ask               JobService.AskAboutJob (LLM-backed answers)
    interview_start   InterviewService.StartInterview, a `start` on the Converse stream
    interview_answer  InterviewService.SubmitAnswer, an `answer` on the Converse stream (grading)

On the Converse stream each `start` and `answer` message takes a token as it arrives; an empty bucket
ends the stream with the same RESOURCE_EXHAUSTED status. The interview is saved after every turn, so
the client resumes it (`resume` is not limited) once the retry delay has passed.

Where buckets live: in the server's Redis when it has one (the arq queue's), so that every server
instance behind the balancer shares them: the limit is per user, not per user and instance. Redis is
an optimisation, not a dependency: when it does not answer within REDIS_TIMEOUT_SECONDS, the limiter
uses buckets in this process for REDIS_RETRY_SECONDS and logs it once; calls never fail because Redis
is down. Without Redis (or with SKILLGAP_RATE_LIMIT_BACKEND=memory) buckets are per process.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import grpc
from google.protobuf import duration_pb2
from google.rpc import error_details_pb2
from grpc import aio

from skillgap.api import errors as api_errors
from skillgap.api.call_context import current_call
from skillgap.api.interceptors import MalformedRequest, wrap_handler
from skillgap.auth.tokens import TokenVerifier
from skillgap.errors import ResourceExhausted, SkillGapError

if TYPE_CHECKING:
    from redis.asyncio import Redis
    from redis.commands.core import AsyncScript

    from skillgap.config import Settings
    from skillgap.scraping.queue import ScrapeQueue

log = logging.getLogger(__name__)

RETRY_AFTER_KEY = "retry-after"
REDIS_TIMEOUT_SECONDS = 0.25
REDIS_RETRY_SECONDS = 5.0
# In-process buckets kept at most (least recently used dropped first: a dropped bucket comes back full,
# which only ever lets a user through, never refuses one).
MAX_LOCAL_BUCKETS = 100_000
KEY_PREFIX = "skillgap:ratelimit:"

_RESUME = "/skillgap.v1.ResumeService/"
_JOB = "/skillgap.v1.JobService/"
_INTERVIEW = "/skillgap.v1.InterviewService/"
CONVERSE = _INTERVIEW + "Converse"


@dataclass(frozen=True)
class Group:
    name: str
    what: str  # for messages: "too many {what}"


GROUPS: dict[str, Group] = {
    "upload": Group("upload", "resume uploads"),
    "search": Group("search", "job searches"),
    "browse": Group("browse", "job list pages"),
    "ask": Group("ask", "questions about jobs"),
    "interview_start": Group("interview_start", "interviews started"),
    "interview_answer": Group("interview_answer", "interview answers"),
}

# RPCs limited once per call, when the call starts.
CALL_GROUPS: dict[str, str] = {
    _RESUME + "UploadResume": "upload",
    _JOB + "SearchJobs": "search",
    _JOB + "GetGapSummary": "search",
    _JOB + "ListJobs": "browse",
    _JOB + "AskAboutJob": "ask",
    _INTERVIEW + "StartInterview": "interview_start",
    _INTERVIEW + "SubmitAnswer": "interview_answer",
}
# Converse messages limited one by one, by their action.
CONVERSE_GROUPS: dict[str, str] = {"start": "interview_start", "answer": "interview_answer"}


@dataclass(frozen=True)
class Limit:
    per_minute: float
    burst: int

    @property
    def per_second(self) -> float:
        return self.per_minute / 60.0


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: float = 0.0  # seconds until a token is there, when refused


class RateLimited(ResourceExhausted):
    default_reason = "RATE_LIMITED"

    def __init__(self, group: Group, limit: Limit, retry_after: float) -> None:
        seconds = max(1, math.ceil(retry_after))
        super().__init__(
            f"too many {group.what}: the limit is {limit.per_minute:g} per minute, in bursts of up to "
            f"{limit.burst}; try again in {seconds} s",
            metadata={
                "group": group.name,
                "limit_per_minute": f"{limit.per_minute:g}",
                "burst": str(limit.burst),
                "retry_after_seconds": str(seconds),
            },
        )
        self.retry_after = retry_after
        self.retry_after_seconds = seconds


def limits_from_settings(settings: Settings) -> dict[str, Limit]:
    """The configured limits; a group whose rate or burst is 0 is not limited."""
    limits = {}
    for name in GROUPS:
        per_minute = float(getattr(settings, f"rate_limit_{name}_per_minute"))
        burst = int(getattr(settings, f"rate_limit_{name}_burst"))
        if per_minute > 0 and burst > 0:
            limits[name] = Limit(per_minute=per_minute, burst=burst)
    return limits


class LocalBuckets:
    """Token buckets in this process."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_buckets: int = MAX_LOCAL_BUCKETS) -> None:
        self._clock = clock
        self._max = max_buckets
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str, limit: Limit) -> Decision:
        now = self._clock()
        tokens, stamp = self._buckets.pop(key, (float(limit.burst), now))
        tokens = min(float(limit.burst), tokens + max(0.0, now - stamp) * limit.per_second)
        if tokens >= 1.0:
            decision = Decision(True)
            tokens -= 1.0
        else:
            decision = Decision(False, (1.0 - tokens) / limit.per_second)
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self._max:
            self._buckets.popitem(last=False)
        return decision


# The same bucket in Redis, atomically, on Redis's clock (one clock for every server instance).
# Returns {allowed (0/1), seconds to wait as a string (Lua numbers become integers on the way out)}.
_TAKE_SCRIPT = """
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(state[1])
local stamp = tonumber(state[2])
if tokens == nil or stamp == nil then
  tokens = burst
  stamp = now
end
tokens = math.min(burst, tokens + math.max(0, now - stamp) * rate)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = (1 - tokens) / rate
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {allowed, tostring(wait)}
"""


class RateLimiter:
    """Decides whether a user's call may go ahead. Shared buckets in Redis when given a client, with
    buckets in this process while Redis does not answer."""

    def __init__(
        self,
        limits: dict[str, Limit],
        *,
        redis: Redis | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits
        self._local = LocalBuckets(clock)
        self._clock = clock
        self._redis = redis
        self._script: AsyncScript | None = redis.register_script(_TAKE_SCRIPT) if redis is not None else None
        self._redis_down_until = 0.0

    @property
    def shared(self) -> bool:
        return self._redis is not None

    async def check(self, user_id: str, group_name: str) -> None:
        """Take a token, or raise RateLimited."""
        limit = self.limits.get(group_name)
        if limit is None:
            return
        key = f"{KEY_PREFIX}{group_name}:{user_id}"
        decision = await self._take(key, limit)
        if not decision.allowed:
            raise RateLimited(GROUPS[group_name], limit, decision.retry_after)

    async def _take(self, key: str, limit: Limit) -> Decision:
        if self._script is not None and self._clock() >= self._redis_down_until:
            try:
                allowed, wait = await asyncio.wait_for(
                    self._script(keys=[key], args=[limit.burst, limit.per_second]), REDIS_TIMEOUT_SECONDS
                )
                return Decision(bool(int(allowed)), float(wait))
            except Exception as exc:  # Redis down, slow, or refusing: never the caller's problem
                self._redis_down_until = self._clock() + REDIS_RETRY_SECONDS
                log.warning(
                    "rate limits: Redis did not answer (%s); using this process's buckets for %g s",
                    type(exc).__name__,
                    REDIS_RETRY_SECONDS,
                )
        return self._local.take(key, limit)

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()


def _redis_for(settings: Settings, queue: ScrapeQueue | None) -> Redis | None:
    """A client of the Redis the server's queue uses, with short timeouts; None without one."""
    from redis.asyncio import Redis

    url = settings.redis_url
    if url:
        return Redis.from_url(url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS)
    # The queue's Redis: `skillgap up` and the tests hand the server its Redis that way only.
    if queue is None:
        return None
    client: Redis | None = queue.client(timeout=REDIS_TIMEOUT_SECONDS)
    return client


class RateLimitInterceptor(aio.ServerInterceptor):
    """Applies the RateLimiter to the RPCs of CALL_GROUPS and to Converse messages.

    Registered before the request log (server.py): a call refused before any response header is sent goes
    out as a trailers-only response, whose metadata Envoy turns into HTTP headers, so REST clients get
    `Retry-After` (trailers after headers do not reach HTTP/1.1 clients). So it identifies the caller from
    the token itself; calls without valid credentials pass on to the authentication interceptor, which
    refuses them. It works after authentication too (it then takes the caller from the call context)."""

    def __init__(self, limiter: RateLimiter, verifier: TokenVerifier | None = None) -> None:
        self.limiter = limiter
        self._verifier = verifier

    @classmethod
    def from_settings(
        cls, settings: Settings, queue: ScrapeQueue | None, verifier: TokenVerifier | None = None
    ) -> RateLimitInterceptor:
        """The configured limits; kept in the Redis of `queue` (or SKILLGAP_REDIS_URL) with the redis backend."""
        limits = limits_from_settings(settings) if settings.rate_limit_enabled else {}
        redis = _redis_for(settings, queue) if limits and settings.rate_limit_backend == "redis" else None
        return cls(RateLimiter(limits, redis=redis), verifier or TokenVerifier(settings))

    async def close(self) -> None:
        await self.limiter.close()

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None or not self.limiter.limits:
            return handler
        method = handler_call_details.method
        group = CALL_GROUPS.get(method)
        if group is not None and group in self.limiter.limits:
            return wrap_handler(handler, handler_call_details, functools.partial(self._limited_call, group))
        if method == CONVERSE and handler.request_streaming and handler.response_streaming:
            # The call itself is not limited (a `resume` is free): its messages are, one by one.
            messages = functools.partial(self._limited_messages, handler_call_details)
            return wrap_handler(handler, handler_call_details, _unlimited, requests=messages)
        return handler

    async def _take(self, group: str, context: aio.ServicerContext, details: grpc.HandlerCallDetails) -> None:
        """Take a token of `group` for the caller, or end the call with the refusal."""
        user_id = await self._caller(details)
        if user_id is None:
            return
        try:
            await self.limiter.check(user_id, group)
        except RateLimited as refusal:
            await _refuse(context, refusal, details)

    async def _caller(self, details: grpc.HandlerCallDetails) -> str | None:
        """The caller's user id: from the authentication interceptor when it ran first, else from the token
        (this interceptor runs before the request log, see server.py). None without valid credentials: the
        authentication interceptor refuses those calls, it is not this one's to decide."""
        info = current_call()
        if info is not None and info.principal is not None:
            return info.principal.user_id
        if self._verifier is None:
            return None
        authorization = next((v for k, v in details.invocation_metadata or () if k == "authorization"), None)
        try:
            principal = await self._verifier.verify(authorization if isinstance(authorization, str) else None)
        except SkillGapError:
            return None
        return principal.user_id

    @asynccontextmanager
    async def _limited_call(
        self, group: str, context: aio.ServicerContext, details: grpc.HandlerCallDetails
    ) -> AsyncIterator[None]:
        """A call of `group` takes a token before its behaviour runs."""
        await self._take(group, context, details)
        yield

    async def _limited_messages(
        self, details: grpc.HandlerCallDetails, requests: AsyncIterator[Any], context: aio.ServicerContext
    ) -> AsyncIterator[Any]:
        """The Converse messages, each `start` and `answer` taking a token of its group as it arrives."""
        async for request in requests:
            # A message that did not decode has no action: the error mapping refuses it further in.
            action = "" if isinstance(request, MalformedRequest) else request.WhichOneof("action")
            group = CONVERSE_GROUPS.get(action or "")
            if group is not None:
                # A refusal ends the stream from inside the servicer's read: the AbortError passes every handler
                # and interceptor up to grpc, with this status and these trailers.
                await self._take(group, context, details)
            yield request


def _unlimited(context: aio.ServicerContext, details: grpc.HandlerCallDetails) -> AbstractAsyncContextManager[None]:
    return contextlib.nullcontext()


def refusal_status(refusal: RateLimited) -> Any:
    """The google.rpc.Status of a refusal: ErrorInfo, then RetryInfo."""
    code = grpc.StatusCode.RESOURCE_EXHAUSTED
    delay = duration_pb2.Duration()
    delay.FromNanoseconds(max(1, int(refusal.retry_after * 1e9)))
    return api_errors.rich_status(
        code, refusal.message, refusal, extra=[error_details_pb2.RetryInfo(retry_delay=delay)]
    )


async def _refuse(context: aio.ServicerContext, refusal: RateLimited, details: grpc.HandlerCallDetails) -> None:
    """Abort the call with the refusal (raises AbortError)."""
    info = current_call()
    if info is not None:  # within the request log's scope (a Converse message): it logs the call
        info.status = grpc.StatusCode.RESOURCE_EXHAUSTED.name
        info.reason = refusal.reason
    else:  # refused before the request log saw the call: say it here
        log.info(
            "rpc %s status=RESOURCE_EXHAUSTED reason=%s rate limited (%s, retry in %d s)",
            details.method,
            refusal.reason,
            refusal.metadata["group"],
            refusal.retry_after_seconds,
            extra={
                "rpc_method": details.method,
                "status": "RESOURCE_EXHAUSTED",
                "reason": refusal.reason,
                "group": refusal.metadata["group"],
            },
        )
    trailers = (
        *api_errors.trailing_metadata(refusal_status(refusal)),
        (RETRY_AFTER_KEY, str(refusal.retry_after_seconds)),
    )
    await context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, refusal.message, trailers)

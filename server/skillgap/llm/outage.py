"""When the LLM server is down or too slow, stop waiting for it for a while.

Every LLM feature falls back to its offline engine when a model call fails, but a call to a server that is
down or stalled first costs up to `llm_timeout_seconds`: an interview turn (grading, then wording the next
question) could take twice that, and every call during an outage paid it again. After a failure that says
the server is unavailable (a timeout, no connection, HTTP 5xx or 429), every LLM feature of the process skips
the model for `llm_retry_seconds` and answers offline at once, saying why; the first call after that tries
the model again. Output that is merely unusable (not JSON, the wrong shape) does not count: the server is up.

The process's ChatModel holds the one tracker, so every feature sees what any of them learnt.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import openai


def is_outage(exc: BaseException) -> bool:
    """Whether `exc` (or what caused it) says the LLM server is unavailable rather than its reply unusable."""
    seen: BaseException | None = exc
    for _ in range(5):  # a failure may come wrapped in the caller's own exception
        if seen is None:
            return False
        if isinstance(seen, TimeoutError | openai.APITimeoutError | openai.APIConnectionError):
            return True
        if isinstance(seen, openai.APIStatusError):
            return seen.status_code >= 500 or seen.status_code == 429
        seen = seen.__cause__
    return False


class LlmOutage:
    """What every LLM feature of a process knows about the server being down. One per ChatModel."""

    def __init__(self, retry_seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._retry_seconds = retry_seconds
        self._clock = clock
        self._failed_at: float | None = None
        self._why = ""

    def skip_reason(self) -> str | None:
        """Why the model is not to be tried now, in words for `engine` / `extractor`; None to try it."""
        if self._failed_at is None:
            return None
        now = self._clock()
        next_try = self._failed_at + self._retry_seconds
        if now >= next_try:
            return None
        ago = max(0, math.floor(now - self._failed_at))
        return f"not tried: the model failed {ago} s ago ({self._why}), next try in {math.ceil(next_try - now)} s"

    def succeeded(self) -> None:
        self._failed_at = None

    def failed(self, exc: BaseException, why: str) -> None:
        """Record a failed call; `why` is the calling feature's words for it ("timed out")."""
        if self._retry_seconds > 0 and is_outage(exc):
            self._failed_at = self._clock()
            self._why = why

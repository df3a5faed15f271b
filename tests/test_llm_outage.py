"""Which model failures make every LLM feature stop waiting for the server, and for how long."""

from __future__ import annotations

import httpx
import openai
import pytest

from skillgap.llm import LlmOutage

REQUEST = httpx.Request("POST", "http://llm.invalid/v1/chat/completions")


def status_error(code: int) -> openai.APIStatusError:
    return openai.APIStatusError("boom", response=httpx.Response(code, request=REQUEST), body=None)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("failure", "server_down"),
    [
        (TimeoutError(), True),
        (openai.APITimeoutError(request=REQUEST), True),
        (openai.APIConnectionError(request=REQUEST), True),
        (status_error(500), True),
        (status_error(503), True),
        (status_error(429), True),
        (status_error(400), False),  # our request was refused: the server is up
        (ValueError("not JSON"), False),  # the server answered, uselessly
    ],
)
def test_only_failures_that_say_the_server_is_down_stop_the_calls(failure: Exception, server_down: bool) -> None:
    clock = Clock()
    outage = LlmOutage(30, clock=clock)
    wrapped = RuntimeError("extraction failed")
    wrapped.__cause__ = failure  # as the features wrap the client's errors
    outage.failed(wrapped, "why")
    assert (outage.skip_reason() is not None) is server_down


def test_the_model_is_skipped_until_the_retry_time_and_a_success_clears_it() -> None:
    clock = Clock()
    outage = LlmOutage(30, clock=clock)
    outage.failed(TimeoutError(), "timed out")
    clock.now += 12.4
    assert outage.skip_reason() == "not tried: the model failed 12 s ago (timed out), next try in 18 s"
    clock.now += 17.6
    assert outage.skip_reason() is None  # time to try again
    outage.failed(TimeoutError(), "timed out")
    assert outage.skip_reason() is not None
    outage.succeeded()
    assert outage.skip_reason() is None


def test_a_retry_time_of_zero_tries_the_model_every_time() -> None:
    outage = LlmOutage(0)
    outage.failed(TimeoutError(), "timed out")
    assert outage.skip_reason() is None

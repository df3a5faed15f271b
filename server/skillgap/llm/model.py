"""The one object through which SkillGap talks to a language model: any OpenAI-compatible chat server (OpenAI,
Mistral, vLLM, llama.cpp).

A process builds one `ChatModel` (`build_chat_model`, in Resources) and gives it to every LLM feature: skill
extraction, the interview's wording and grading, answers about a job. Each feature keeps its prompts and its
offline engine; the model keeps what they all need done the same way:

- the client, and the deadline of each call (SKILLGAP_LLM_TIMEOUT_SECONDS);
- JSON output that fits a pydantic model (`structured`): asked as `json_schema`, or as `json_object` with the
  schema once the server has refused `json_schema` (remembered, so it is refused once);
- text streamed as the model writes it (`stream`);
- the outage tracker: after the server failed, every feature skips it for SKILLGAP_LLM_RETRY_SECONDS;
- failures as `ModelNotUsed` with the reason in words, and the fall-back's log line and metric (`fell_back`).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any, TypeVar, cast

import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from pydantic import BaseModel, ValidationError

from skillgap.config import Settings
from skillgap.llm.fallback import Feature, ModelNotUsed, fallback_reason
from skillgap.llm.formats import ResponseFormat, json_response_format, rejects_json_schema, response_schema
from skillgap.llm.outage import LlmOutage
from skillgap.metrics import llm_fallback

# Sent when the server needs no key (llama.cpp, vLLM, Ollama); the client refuses an empty one.
NO_API_KEY = "not-needed"
DEFAULT_TIMEOUT_SECONDS = 20.0

# Chat messages as the features write them: {"role": ..., "content": ...}.
Messages = Sequence[Mapping[str, str]]
_Output = TypeVar("_Output", bound=BaseModel)


class ChatModel:
    """One model on one OpenAI-compatible server, shared by every LLM feature of the process."""

    def __init__(
        self,
        client: openai.AsyncOpenAI,
        *,
        model: str,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        outage: LlmOutage | None = None,
    ) -> None:
        self._client = client
        self._model = model
        self._timeout = timeout_seconds
        self._outage = outage or LlmOutage(0)
        self._format: ResponseFormat = "json_schema"

    @property
    def name(self) -> str:
        """What a response names as its engine when the model answered."""
        return f"llm:{self._model}"

    @property
    def model_name(self) -> str:
        return self._model

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self._client.close()

    async def structured(
        self,
        messages: Messages,
        *,
        schema: type[_Output],
        feature: Feature,
        max_tokens: int,
        name: str | None = None,
        temperature: float = 0.0,
    ) -> _Output:
        """One completion constrained to `schema`'s JSON schema (sent under `name`), validated; ModelNotUsed when
        the model was not asked (an outage), did not answer, or answered something else."""
        self._check()
        json_schema = response_schema(schema)
        try:
            async with asyncio.timeout(self._timeout):
                completion = await self._negotiated(
                    messages, name or schema.__name__, json_schema, max_tokens, temperature, feature
                )
        except Exception as exc:  # the call is all that runs here: whatever it raises is the server's failure
            raise self._failed(exc, feature) from exc
        self._outage.succeeded()
        return _parse(completion, schema, feature, max_tokens)

    async def stream(
        self, messages: Messages, *, feature: Feature, max_tokens: int, temperature: float
    ) -> AsyncIterator[str]:
        """The answer's text as the model writes it, piece by piece; ModelNotUsed when the model was not asked,
        or failed or overran the deadline before the end. Whether the text is usable is the feature's call."""
        self._check()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._timeout
        try:
            async with asyncio.timeout_at(deadline):
                chunks = await self._client.chat.completions.create(
                    model=self._model,
                    messages=_sent(messages),
                    stream=True,
                    max_tokens=max_tokens,
                    temperature=temperature,
                    timeout=self._timeout,
                )
            try:
                pieces = aiter(chunks)
                while True:
                    # The deadline bounds the whole answer, including the time the reader took between pieces.
                    if loop.time() > deadline:
                        raise TimeoutError
                    async with asyncio.timeout_at(deadline):
                        try:
                            chunk = await anext(pieces)
                        except StopAsyncIteration:
                            break
                    if chunk.choices and chunk.choices[0].delta.content:
                        yield chunk.choices[0].delta.content
            finally:
                await chunks.close()
        except Exception as exc:  # only the stream runs in this frame (the reader's code runs in its own)
            raise self._failed(exc, feature) from exc
        self._outage.succeeded()

    def fell_back(self, feature: Feature, exc: BaseException) -> str:
        """Log and count that `feature` answered offline because of `exc`; the reason, for its response."""
        reason = fallback_reason(exc, technical=feature.technical, timeout_seconds=self._timeout)
        feature.log.warning(feature.fallback_message, {"reason": reason, "model": self._model})
        llm_fallback(feature.metric)
        return reason

    def _check(self) -> None:
        """Raise ModelNotUsed while the server is known to be down."""
        if (skip := self._outage.skip_reason()) is not None:
            raise ModelNotUsed(skip)

    def _failed(self, exc: Exception, feature: Feature) -> ModelNotUsed:
        reason = fallback_reason(exc, technical=feature.technical, timeout_seconds=self._timeout)
        self._outage.failed(exc, reason)
        return ModelNotUsed(reason)

    async def _negotiated(
        self,
        messages: Messages,
        name: str,
        schema: dict[str, Any],
        max_tokens: int,
        temperature: float,
        feature: Feature,
    ) -> ChatCompletion:
        """The completion in the response format the server takes: json_schema until it refuses that. The
        feature whose call found out says so in its log."""
        try:
            return await self._complete(messages, name, schema, max_tokens, temperature)
        except openai.APIStatusError as exc:
            if self._format != "json_schema" or not rejects_json_schema(exc):
                raise
            feature.log.warning(
                "LLM server at %s rejects response_format json_schema; using json_object with a schema",
                self._client.base_url,
            )
            self._format = "json_object"
            return await self._complete(messages, name, schema, max_tokens, temperature)

    async def _complete(
        self, messages: Messages, name: str, schema: dict[str, Any], max_tokens: int, temperature: float
    ) -> ChatCompletion:
        return await self._client.chat.completions.create(
            model=self._model,
            messages=_sent(messages),
            response_format=json_response_format(self._format, name, schema),
            temperature=temperature,
            max_tokens=max_tokens,
            timeout=self._timeout,
        )


def _sent(messages: Messages) -> list[ChatCompletionMessageParam]:
    # The features write plain {"role", "content"} dicts: what the client's message types are, untyped.
    return cast("list[ChatCompletionMessageParam]", list(messages))


def _parse(completion: ChatCompletion, schema: type[_Output], feature: Feature, max_tokens: int) -> _Output:
    """The reply's output, validated against `schema`; ModelNotUsed otherwise."""

    def unusable(detail: str) -> ModelNotUsed:
        return ModelNotUsed(detail if feature.technical else "invalid output")

    if not completion.choices:
        raise unusable("no choices in the response")
    choice = completion.choices[0]
    if getattr(choice.message, "refusal", None):
        raise unusable("the model refused")
    if choice.finish_reason == "length":
        raise unusable(f"output truncated at {max_tokens} tokens")
    content = choice.message.content
    if not content or not content.strip():
        raise unusable("empty output")
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise unusable(f"invalid JSON ({exc.msg} at char {exc.pos})") from exc
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise unusable(f"output does not match the schema ({exc.error_count()} errors, first at {where})") from exc


def build_llm_client(settings: Settings) -> openai.AsyncOpenAI | None:
    """A client of the configured OpenAI-compatible server, or None when none is configured. The caller
    closes it."""
    if not settings.llm_base_url or not settings.llm_model:
        return None
    return openai.AsyncOpenAI(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else NO_API_KEY,
        timeout=settings.llm_timeout_seconds,
        # One retry for a transient 429/5xx; each call's own deadline bounds the whole call.
        max_retries=1,
    )


def build_chat_model(settings: Settings) -> ChatModel | None:
    """The configured model, with the outage tracker every feature shares; None when no server is configured.
    The caller closes it (`aclose`)."""
    client = build_llm_client(settings)
    if client is None or not settings.llm_model:
        return None
    return ChatModel(
        client,
        model=settings.llm_model,
        timeout_seconds=settings.llm_timeout_seconds,
        outage=LlmOutage(settings.llm_retry_seconds),
    )


def as_chat_model(
    model: ChatModel | str | None,
    *,
    client: openai.AsyncOpenAI | None = None,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
    outage: LlmOutage | None = None,
) -> ChatModel | None:
    """What a feature talks to: the process's ChatModel as given; for a feature built on its own (a test, a
    script), a model of that name on `client`; None when there is neither (the feature answers offline)."""
    if model is None or isinstance(model, ChatModel):
        return model
    if not model or client is None:
        return None
    return ChatModel(client, model=model, timeout_seconds=timeout_seconds, outage=outage)

"""Why the model was not used, in one vocabulary for every feature, and how a feature says so.

Each feature answers from its offline engine when the model gives nothing usable; the response names that
engine and the reason: `offline (llm fallback: timed out)`, `taxonomy (llm fallback: timeout after 20 s)`.
Skill extraction words its reasons technically (they are stored with the profile, for whoever debugs the
extraction); the features a user reads word them plainly.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

import openai

log = logging.getLogger(__name__)

# A reply that is not what the API promises (not JSON, JSON of another shape): the client raises these while
# parsing it, or a feature's code when it reads a field that is not there.
_MALFORMED = (ValueError, openai.APIResponseValidationError, AttributeError, TypeError, KeyError, IndexError)


class ModelNotUsed(Exception):
    """The model gave nothing usable, or was not asked (an outage): the message says which, in words."""


@dataclass(frozen=True)
class Feature:
    """One use of the model, as its fall-backs are worded, logged and counted."""

    metric: str  # its label in skillgap_llm_fallbacks_total{feature} (skillgap.metrics.LLM_FEATURES)
    log: logging.Logger  # the feature's own logger: its fall-back line says where it comes from
    fallback_message: str  # the fall-back log line, with %(reason)s and %(model)s
    technical: bool = False  # reasons as "timeout after 20 s", "server error: HTTP 503" (else "timed out", ...)


def fallback_reason(exc: BaseException, *, technical: bool = False, timeout_seconds: float = 0.0) -> str:
    """Why the model was not used: in words a user reads in `engine` ("timed out"), or technical, as the skill
    extractor keeps it in `extractor` ("timeout after 20 s")."""
    if isinstance(exc, ModelNotUsed):
        return str(exc)
    if isinstance(exc, TimeoutError | openai.APITimeoutError):
        return f"timeout after {timeout_seconds:g} s" if technical else "timed out"
    if isinstance(exc, openai.APIConnectionError):
        return f"connection error: {exc.__cause__ or exc}" if technical else "server unreachable"
    if isinstance(exc, openai.APIStatusError):
        if not technical:
            return f"server answered {exc.status_code}"
        kind = "server error" if exc.status_code >= 500 else "request refused"
        return f"{kind}: HTTP {exc.status_code}"
    if technical and isinstance(exc, json.JSONDecodeError):  # the client could not parse the reply (an HTML page)
        return "invalid JSON reply from the server"
    if technical and isinstance(exc, openai.OpenAIError):
        return f"client error: {type(exc).__name__}"
    if isinstance(exc, _MALFORMED):
        return "invalid output"
    log.warning("unexpected failure of an LLM feature", exc_info=exc)
    return "unexpected error"


def fallback_engine(offline: str, reason: str) -> str:
    """The engine a response names when the offline engine answered instead of the model."""
    return f"{offline} (llm fallback: {reason})"

"""Which skill extraction engine runs, from the settings.

- `taxonomy`: offline, deterministic, no network (the default when no LLM server is configured).
- `llm`: an OpenAI-compatible server (`SKILLGAP_LLM_BASE_URL`, `..._MODEL`, `..._API_KEY`), grounded in
  the text, falling back to the taxonomy engine on any failure.
- `auto`: `llm` when `SKILLGAP_LLM_BASE_URL` is set, else `taxonomy`.

The LLM engine owns an HTTP client: close what `build_extractor` returns with `close_extractor` (a
no-op for the taxonomy engine).
"""

from __future__ import annotations

import openai

from skillgap.config import Settings
from skillgap.llm_outage import LlmOutage
from skillgap.skills.extraction import SkillExtractor, TaxonomyExtractor
from skillgap.skills.llm import LlmExtractor
from skillgap.skills.taxonomy import Taxonomy

# Sent when the server needs no key (llama.cpp, vLLM, Ollama); the client refuses an empty one.
NO_API_KEY = "not-needed"


def build_llm_client(settings: Settings) -> openai.AsyncOpenAI | None:
    """A client of the configured OpenAI-compatible server, or None when none is configured. The caller
    closes it."""
    if not settings.llm_base_url or not settings.llm_model:
        return None
    return openai.AsyncOpenAI(
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else NO_API_KEY,
        timeout=settings.llm_timeout_seconds,
        # One retry for a transient 429/5xx; each feature's own deadline bounds the whole call.
        max_retries=1,
    )


def build_extractor(settings: Settings, taxonomy: Taxonomy, *, outage: LlmOutage | None = None) -> SkillExtractor:
    """The engine the settings ask for; close it with `close_extractor`."""
    default = TaxonomyExtractor(taxonomy)
    use_llm = settings.extractor == "llm" or (settings.extractor == "auto" and settings.llm_base_url)
    client = build_llm_client(settings) if use_llm else None
    if client is None or not settings.llm_model:
        return default
    return LlmExtractor(
        client=client,
        model=settings.llm_model,
        fallback=default,
        taxonomy=taxonomy,
        timeout_seconds=settings.llm_timeout_seconds,
        outage=outage,
    )


async def close_extractor(extractor: SkillExtractor) -> None:
    """Release what the engine holds (the LLM engine's HTTP connections)."""
    if isinstance(extractor, LlmExtractor):
        await extractor.aclose()

"""Which skill extraction engine runs, from the settings.

- `taxonomy`: offline, deterministic, no network (the default when no LLM server is configured).
- `llm`: an OpenAI-compatible server (`SKILLGAP_LLM_BASE_URL`, `..._MODEL`, `..._API_KEY`), grounded in
  the text, falling back to the taxonomy engine on any failure.
- `auto`: `llm` when `SKILLGAP_LLM_BASE_URL` is set, else `taxonomy`.

The LLM engine talks to the process's `skillgap.llm.ChatModel`, which the process closes. Without one (a
script, a test) it gets a client of its own: close what `build_extractor` returns with `close_extractor` (a
no-op otherwise).
"""

from __future__ import annotations

from skillgap.config import Settings
from skillgap.llm import ChatModel, build_llm_client
from skillgap.skills.extraction import SkillExtractor, TaxonomyExtractor
from skillgap.skills.llm import LlmExtractor
from skillgap.skills.occupations import OccupationFinder
from skillgap.skills.taxonomy import Taxonomy


def build_extractor(
    settings: Settings,
    taxonomy: Taxonomy,
    *,
    model: ChatModel | None = None,
    occupations: OccupationFinder | None = None,
) -> SkillExtractor:
    """The engine the settings ask for, on `model` (the process's); close it with `close_extractor`. Titles map
    to `occupations` (the process's index) with either engine."""
    default = TaxonomyExtractor(taxonomy, occupations)
    use_llm = settings.extractor == "llm" or (settings.extractor == "auto" and settings.llm_base_url)
    if not use_llm:
        return default
    if model is not None:
        return LlmExtractor(model=model, fallback=default, taxonomy=taxonomy, structure=default)
    client = build_llm_client(settings)
    if client is None or not settings.llm_model:
        return default
    return LlmExtractor(
        model=settings.llm_model,
        client=client,
        fallback=default,
        taxonomy=taxonomy,
        structure=default,
        timeout_seconds=settings.llm_timeout_seconds,
    )


async def close_extractor(extractor: SkillExtractor) -> None:
    """Release what the engine holds (an LLM engine's own HTTP connections)."""
    if isinstance(extractor, LlmExtractor):
        await extractor.aclose()

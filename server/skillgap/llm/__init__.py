"""Access to the language model, in one place: `ChatModel` (the client, deadlines, JSON output, streaming, the
outage tracker, fall-backs' log lines and metric), the reasons a feature gives when the model was not used, and
the prompt pieces the features share. The features (skills.llm, interview.llm, matching.ask) keep their own
prompts and offline engines and talk to the model only through a ChatModel."""

from skillgap.llm.fallback import Feature, ModelNotUsed, fallback_engine
from skillgap.llm.formats import response_schema
from skillgap.llm.model import ChatModel, Messages, as_chat_model, build_chat_model, build_llm_client
from skillgap.llm.outage import LlmOutage

__all__ = [
    "ChatModel",
    "Feature",
    "LlmOutage",
    "Messages",
    "ModelNotUsed",
    "as_chat_model",
    "build_chat_model",
    "build_llm_client",
    "fallback_engine",
    "response_schema",
]

"""Asking an OpenAI-compatible server for JSON that fits a schema, in the form that server understands."""

from __future__ import annotations

from typing import Any, Literal

import openai
from pydantic import BaseModel

# "json_schema" is the OpenAI form (OpenAI, Mistral, vLLM, llama.cpp's own llama-server); llama-cpp-python's
# server knows only "json_object" with a schema.
ResponseFormat = Literal["json_schema", "json_object"]


def response_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema, self-contained (`$ref`s inlined, titles dropped). No length bounds:
    OpenAI's strict mode has rejected some; `max_tokens` bounds the answer, and lists are cut after."""
    raw = model.model_json_schema()
    defs: dict[str, Any] = raw.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return walk(defs[node["$ref"].rsplit("/", 1)[-1]])
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "title":
                continue
            if key == "properties":
                out[key] = {name: walk(sub) for name, sub in value.items()}
            else:
                out[key] = walk(value)
        return out

    result: dict[str, Any] = walk(raw)
    return result


def json_response_format(style: ResponseFormat, name: str, schema: dict[str, Any]) -> Any:
    """`response_format` asking for JSON that fits `schema`, in the form the server understands."""
    if style == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}
    return {"type": "json_object", "schema": schema}


def rejects_json_schema(exc: openai.APIStatusError) -> bool:
    """Whether the server refused the request because it does not know response_format json_schema."""
    if exc.status_code not in (400, 422, 500):
        return False
    detail = f"{exc.message} {exc.body}"
    return "response_format" in detail and "json_schema" in detail

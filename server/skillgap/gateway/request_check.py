"""The gateway's request checks: a Lua filter (part of every Envoy build) that refuses, before the transcoder
sees it, a REST request the API cannot mean, with an error a person can act on.

Envoy's grpc_json_transcoder drops JSON fields it does not know, and has no option to refuse them (its
request_validation_options cover unknown methods and query parameters only; the JSON parser it uses is
configured to ignore unknown fields). A misspelled ``{"resumeid": ...}`` was silently dropped and the request
did something else than asked. Its own errors are terse too (``Unexpected end of string. Expected a value.``,
``invalid value "REMOTE" for type type.googleapis.com/skillgap.v1.WorkplaceType``).

So the filter knows the API: ``skillgap.gateway.descriptor.rest_schema`` summarises the descriptor set (REST
rules, request messages, enums) and ``render_request_check`` writes that summary into the script as a Lua
table. It then answers 400 INVALID_ARGUMENT, in the google.rpc.Status JSON shape every REST error has (an
ErrorInfo with a reason, and a BadRequest naming the field), for:

- malformed JSON (what is wrong, line, column and the text there) and a body that is not a JSON object;
- an unknown field in the body (``UNKNOWN_FIELD``, with "did you mean") or an unknown query parameter
  (``UNKNOWN_QUERY_PARAMETER``); both spellings of a field, ``resume_id`` and ``resumeId``, are known;
- a value of the wrong type or range (``INVALID_FIELD_VALUE``), an enum name that does not exist
  (``INVALID_ENUM_VALUE``, listing the valid names);
- a field given twice, two fields of one oneof, a body or query value contradicting the path (the transcoder
  let the body win: ``GET /api/resume/A`` with ``{"resume_id": "B"}`` read resume B);

and 404 naming the methods a known path takes. What the summary cannot express is left to the transcoder.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from skillgap.gateway.descriptor import RestSchema

# Where a Lua filter marks a reply whose JSON body is complete (local_reply_config passes it on unchanged).
MARK_NAMESPACE = "skillgap"
MARK_KEY = "error_body"


def _script(name: str) -> str:
    # Lua lives in .lua files beside this module (package data): editors and reviewers read it as Lua.
    return resources.files("skillgap.gateway").joinpath("lua", name).read_text(encoding="utf-8")


PRELUDE = _script("prelude.lua")
REQUEST_CHECK = _script("request_check.lua")


def prelude(domain: str) -> str:
    """The Lua both gateway filters share: error bodies in the google.rpc.Status JSON shape, and `refuse`."""
    return (
        PRELUDE.replace("__DOMAIN__", domain).replace("__NAMESPACE__", MARK_NAMESPACE).replace("__KEY__", MARK_KEY)
    )


def render_request_check(schema: RestSchema, domain: str) -> str:
    """The request-check script with `schema` in it."""
    table = {
        "complete": schema.complete,
        "messages": {
            name: {
                "name": message.name,
                "fields": [
                    {
                        "name": f.name,
                        "json": f.json_name,
                        "kind": f.kind,
                        "repeated": f.repeated,
                        "type": f.type_name,
                        "value_kind": f.value_kind,
                        "oneof": f.oneof,
                    }
                    for f in message.fields
                ],
            }
            for name, message in sorted(schema.messages.items())
        },
        "enums": {
            name: {"name": enum.name, "values": [[value, number] for value, number in enum.values]}
            for name, enum in sorted(schema.enums.items())
        },
        "rules": [
            {
                "method": rule.method,
                "template": rule.template,
                "segments": [
                    {"literal": literal} if literal is not None else ({"var": var} if var is not None else {})
                    for literal, var in rule.segments
                ],
                "message": rule.message,
                "body": rule.body,
            }
            for rule in schema.rules
        ],
    }
    return prelude(domain) + "\nlocal SCHEMA = " + _lua(table) + "\n\n" + REQUEST_CHECK


def _lua(value: Any) -> str:
    """A Lua literal of plain data (dicts, lists, strings, ints, bools)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _lua_string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{_lua(k)}] = {_lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "{" + ", ".join(_lua(v) for v in value) + "}"
    raise TypeError(f"no Lua literal for {type(value).__name__}")


def _lua_string(text: str) -> str:
    out = []
    for byte in text.encode():
        char = chr(byte)
        if char in "\\\"":
            out.append("\\" + char)
        elif 32 <= byte < 127:
            out.append(char)
        else:
            out.append(f"\\{byte:03d}")  # Lua's decimal escape: exact for any byte
    return '"' + "".join(out) + '"'

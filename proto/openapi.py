"""Generate the OpenAPI 3 document of the REST gateway (gateway/openapi.yaml) from proto/.

Run: python proto/openapi.py [OUT]   (tests/test_openapi.py fails when the committed file is stale)

The document describes what Envoy's gRPC-JSON transcoder really serves, as configured in
skillgap.gateway.config: the ``google.api.http`` rules of the services it transcodes (paths, verbs,
path and query parameters, bodies), and the proto3 JSON mapping with that config's print options:

- field names are the proto names (``resume_id``; ``preserve_proto_field_names``). Requests may also
  use the lowerCamelCase JSON names (``resumeId``), which the transcoder accepts as well;
- fields without presence (scalars, enums, repeated fields) are always printed, even at their default
  (``always_print_primitive_fields``), so response schemas list them as required; message fields and
  proto3 ``optional`` fields are printed only when set;
- enums are their value names, 64-bit integers are strings, bytes are base64, Timestamps are RFC 3339;
- errors have the ``google.rpc.Status`` JSON shape ``{"code", "message", "details"}``, also for the
  errors Envoy answers itself (the gateway's local reply config).

Descriptions come from the proto comments. The descriptor set is the gateway's own
(skillgap.gateway.descriptor), built with source info so the comments are kept.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from google.api import annotations_pb2, field_behavior_pb2, http_pb2
from google.protobuf import descriptor_pb2

from skillgap.gateway.config import SERVICES
from skillgap.gateway.descriptor import build_descriptor_set
from skillgap.scraping.runs import MAX_INTERVAL_MINUTES
from skillgap.scraping.saved_searches import (
    MAX_DISPLAY_NAME_CHARS,
    MAX_KEYWORDS,
    MAX_LOCATIONS,
    MAX_SEARCH_SOURCES,
    MAX_TERM_CHARS,
    UPDATABLE_FIELDS,
)
from skillgap.skills.profile_edits import EDITABLE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto"
OUT_PATH = ROOT / "gateway" / "openapi.yaml"
HEADER = (
    "# OpenAPI 3 document of the SkillGap REST gateway (Envoy gRPC-JSON transcoding of proto/skillgap/v1).\n"
    "# GENERATED, do not edit. Regenerate from the repo root with: python proto/openapi.py\n"
)

F = descriptor_pb2.FieldDescriptorProto
_INT32 = {F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32}
_UINT32 = {F.TYPE_UINT32, F.TYPE_FIXED32}
_INT64 = {F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64}
_UINT64 = {F.TYPE_UINT64, F.TYPE_FIXED64}

# Well-known types and their proto3 JSON form (only those the API can reach need to be right).
WELL_KNOWN: dict[str, dict[str, Any]] = {
    ".google.protobuf.Timestamp": {"type": "string", "format": "date-time"},
    ".google.protobuf.Duration": {"type": "string", "pattern": r"^-?[0-9]+(\.[0-9]{1,9})?s$"},
    ".google.protobuf.FieldMask": {"type": "string"},
    ".google.protobuf.Empty": {"type": "object"},
    ".google.protobuf.Struct": {"type": "object", "additionalProperties": True},
    ".google.protobuf.Value": {},
    ".google.protobuf.ListValue": {"type": "array", "items": {}},
    ".google.protobuf.StringValue": {"type": "string"},
    ".google.protobuf.BoolValue": {"type": "boolean"},
    ".google.protobuf.Int32Value": {"type": "integer", "format": "int32"},
    ".google.protobuf.Int64Value": {"type": "string", "format": "int64"},
    ".google.protobuf.DoubleValue": {"type": "number", "format": "double"},
    ".google.protobuf.FloatValue": {"type": "number", "format": "float"},
}

# The HTTP statuses the gateway answers and the google.rpc.Code values behind them. Envoy maps gRPC
# codes to HTTP as https://github.com/grpc/grpc/blob/master/doc/http-grpc-status-mapping.md does
# (FAILED_PRECONDITION is 400, not 412); its own errors get a code from the gateway's local reply config.
ERROR_RESPONSES: dict[str, tuple[str, str]] = {
    "400": (
        "BadRequest",
        "INVALID_ARGUMENT (3): a malformed request (bad JSON, a value of the wrong type, an unknown query "
        "parameter) or one the server refuses (a missing or invalid field, a limit exceeded); FAILED_PRECONDITION "
        "(9): the resource is not in a state that allows the call (for example an answer to a finished "
        "interview). `details` carries an ErrorInfo reason and, for bad fields, a BadRequest.",
    ),
    "401": (
        "Unauthenticated",
        "UNAUTHENTICATED (16): no bearer token, or a token that does not verify (bad signature, expired, "
        "no `sub` or `exp`).",
    ),
    "403": ("PermissionDenied", "PERMISSION_DENIED (7): the token lacks a role this call needs (admin)."),
    "404": (
        "NotFound",
        "NOT_FOUND (5): the resource does not exist, or belongs to another user (the two are not told apart).",
    ),
    "413": (
        "PayloadTooLarge",
        "INVALID_ARGUMENT (3): the request body is larger than the gateway's limit (about 2.7 times the "
        "server's upload limit, room for a base64 file twice that limit); the message names the limit.",
    ),
    "429": (
        "ResourceExhausted",
        "RESOURCE_EXHAUSTED (8): a per-user rate limit was hit. `details` carries an ErrorInfo (reason "
        "`RATE_LIMITED`, the limit in `metadata`) and a RetryInfo whose `retry_delay` says when to retry; the "
        "`Retry-After` header says the same in whole seconds.",
    ),
    "431": (
        "RequestHeadersTooLarge",
        "INVALID_ARGUMENT (3): the request headers are larger than the gateway's limit (32 KiB); the message "
        "names the limit.",
    ),
    "500": (
        "Internal",
        "INTERNAL (13): an unexpected server error; the message quotes a request id to report.",
    ),
    "503": (
        "Unavailable",
        "UNAVAILABLE (14): the gRPC server or one of its dependencies (database, queue) cannot be reached; "
        "retry later.",
    ),
}
REQUEST_ID_HEADER = {"x-request-id": {"$ref": "#/components/headers/RequestId"}}
RETRY_AFTER_HEADER = {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}}
# Every operation can answer these.
COMMON_ERRORS = ("400", "401", "429", "431", "500", "503")
# Methods that need a role, answering 403 otherwise.
ROLE_METHODS = {"skillgap.v1.ScrapeService.TriggerScrape", "skillgap.v1.SourceDiscoveryService.DiscoverCompanySource"}
# Request body examples (the bodies of the README's curl calls), for readers and for schemathesis' explicit phase.
_UUID = "4f9c2a8e-3b1d-4c6e-9a7f-2d5b8e1c0a93"
EXAMPLES: dict[str, dict[str, Any]] = {
    "skillgap.v1.ResumeService.UploadResume": {
        "filename": "jane-doe.txt",
        "text": "Jane Doe\nSenior Backend Engineer\n\nSkills\nPython, Go, Kubernetes, PostgreSQL\n",
    },
    "skillgap.v1.ResumeService.UpdateResumeProfile": {
        "recent_titles": ["Senior Backend Engineer"],
        "skills": [{"skill": {"skill_id": "kubernetes"}, "years": 3}],
    },
    "skillgap.v1.JobService.SearchJobs": {
        "query": "senior backend engineer Kubernetes Go",
        "filter": {"workplace_types": ["WORKPLACE_TYPE_REMOTE"], "posted_within_days": 30},
        "page_size": 20,
    },
    "skillgap.v1.JobService.AskAboutJob": {"resume_id": _UUID, "question": "What should I learn first?"},
    "skillgap.v1.InterviewService.StartInterview": {
        "job_id": _UUID,
        "resume_id": _UUID,
        "options": {"question_count": 6},
    },
    "skillgap.v1.InterviewService.SubmitAnswer": {
        "question_id": "q1",
        "answer": "I would profile the slow path first, then add an index where the query plan shows a scan.",
    },
    "skillgap.v1.ScrapeService.TriggerScrape": {
        "sources": [{"kind": "SOURCE_KIND_GREENHOUSE", "identifier": "acme"}],
    },
    "skillgap.v1.SavedSearchService.CreateSavedSearch": {
        "display_name": "Python backend, Berlin or remote",
        "keywords": ["python", "backend"],
        "locations": ["Berlin", "Remote"],
        "interval_minutes": 1440,
    },
    "skillgap.v1.SavedSearchService.UpdateSavedSearch": {"keywords": ["python", "django"], "remote_only": True},
    "skillgap.v1.SavedSearchService.RunSavedSearch": {},
    "skillgap.v1.SourceDiscoveryService.DiscoverCompanySource": {"url": "https://acme.example/careers"},
    "skillgap.v1.AlertService.CreateAlertSubscription": {
        "resume_id": _UUID,
        "filter": {"workplace_types": ["WORKPLACE_TYPE_REMOTE"], "companies": ["Acme"]},
        "min_score": 70,
    },
    "skillgap.v1.AlertService.UpdateAlertSubscription": {"min_score": 80, "update_mask": "min_score"},
    "skillgap.v1.AlertService.RotateWebhookSecret": {},
}
# Query parameter examples, where a made-up value is always refused (an update mask names known fields only).
QUERY_EXAMPLES: dict[tuple[str, str], str] = {
    ("skillgap.v1.ResumeService.UpdateResumeProfile", "update_mask"): "recent_titles,skills",
    ("skillgap.v1.SavedSearchService.UpdateSavedSearch", "update_mask"): "keywords,remote_only",
}
# The paths each update mask accepts (the domain's list), as the parameter's pattern.
MASK_PATHS: dict[tuple[str, str], tuple[str, ...]] = {
    ("skillgap.v1.ResumeService.UpdateResumeProfile", "update_mask"): EDITABLE_FIELDS,
    ("skillgap.v1.SavedSearchService.UpdateSavedSearch", "update_mask"): UPDATABLE_FIELDS,
}
# Limits the server enforces on a field, stated in its schema too: clients see them, and generated requests keep to
# them (a saved search's definition is refused as a whole when one field breaks its limit).
FIELD_LIMITS: dict[tuple[str, str], dict[str, Any]] = {
    (".skillgap.v1.SearchDefinition", "display_name"): {"maxLength": MAX_DISPLAY_NAME_CHARS},
    (".skillgap.v1.SearchDefinition", "keywords"): {"maxItems": MAX_KEYWORDS, "items": {"maxLength": MAX_TERM_CHARS}},
    (".skillgap.v1.SearchDefinition", "locations"): {"maxItems": MAX_LOCATIONS, "items": {"maxLength": MAX_TERM_CHARS}},
    (".skillgap.v1.SearchDefinition", "sources"): {"maxItems": MAX_SEARCH_SOURCES},
    (".skillgap.v1.SearchDefinition", "interval_minutes"): {"minimum": 0, "maximum": MAX_INTERVAL_MINUTES},
}
# A request naming a resource by id answers 404 when there is none (or it is another user's).
_ID_FIELD = re.compile(r"^[a-z0-9_]*_id$")


class ProtoIndex:
    """Messages, enums and comments of a FileDescriptorSet, by fully-qualified name (".pkg.Name")."""

    def __init__(self, files: Iterable[descriptor_pb2.FileDescriptorProto]) -> None:
        self.messages: dict[str, descriptor_pb2.DescriptorProto] = {}
        self.enums: dict[str, descriptor_pb2.EnumDescriptorProto] = {}
        self.comments: dict[str, str] = {}
        self.files = list(files)
        for file in self.files:
            comments = {tuple(loc.path): loc.leading_comments for loc in file.source_code_info.location}
            prefix = f".{file.package}" if file.package else ""
            for i, message in enumerate(file.message_type):
                self._add_message(message, prefix, (4, i), comments)
            for i, enum in enumerate(file.enum_type):
                self._add_enum(enum, prefix, (5, i), comments)
            for i, service in enumerate(file.service):
                name = f"{prefix}.{service.name}"
                self.comments[name] = comments.get((6, i), "")
                for j, method in enumerate(service.method):
                    self.comments[f"{name}.{method.name}"] = comments.get((6, i, 2, j), "")

    def _add_message(
        self,
        message: descriptor_pb2.DescriptorProto,
        prefix: str,
        path: tuple[int, ...],
        comments: dict[tuple[int, ...], str],
    ) -> None:
        name = f"{prefix}.{message.name}"
        self.messages[name] = message
        self.comments[name] = comments.get(path, "")
        for k, field in enumerate(message.field):
            self.comments[f"{name}.{field.name}"] = comments.get((*path, 2, k), "")
        for k, nested in enumerate(message.nested_type):
            self._add_message(nested, name, (*path, 3, k), comments)
        for k, enum in enumerate(message.enum_type):
            self._add_enum(enum, name, (*path, 4, k), comments)

    def _add_enum(
        self,
        enum: descriptor_pb2.EnumDescriptorProto,
        prefix: str,
        path: tuple[int, ...],
        comments: dict[tuple[int, ...], str],
    ) -> None:
        name = f"{prefix}.{enum.name}"
        self.enums[name] = enum
        self.comments[name] = comments.get(path, "")
        for k, value in enumerate(enum.value):
            self.comments[f"{name}.{value.name}"] = comments.get((*path, 2, k), "")

    def service(self, full_name: str) -> descriptor_pb2.ServiceDescriptorProto:
        package, _, name = full_name.rpartition(".")
        for file in self.files:
            if file.package == package:
                for service in file.service:
                    if service.name == name:
                        return service
        raise KeyError(f"service {full_name} is not in the descriptor set")


def _clean(comment: str) -> str:
    """A proto comment as one paragraph per blank-line-separated block, lines joined."""
    paragraphs = [" ".join(line.strip() for line in block.splitlines()) for block in comment.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _summary(description: str) -> str:
    first = description.split("\n\n", 1)[0]
    match = re.match(r"(.+?[.:;])(\s|$)", first)
    return (match.group(1) if match else first).rstrip(".:;")


def _short(type_name: str) -> str:
    return type_name.rsplit(".", 1)[-1]


def _is_map(index: ProtoIndex, field: descriptor_pb2.FieldDescriptorProto) -> bool:
    if field.type != F.TYPE_MESSAGE or field.label != F.LABEL_REPEATED:
        return False
    entry = index.messages.get(field.type_name)
    return bool(entry and entry.options.map_entry)


def _has_presence(field: descriptor_pb2.FieldDescriptorProto) -> bool:
    """Printed only when set: message fields, proto3 `optional` and other oneof members."""
    if field.label == F.LABEL_REPEATED:
        return False
    return field.type == F.TYPE_MESSAGE or field.HasField("oneof_index") or field.proto3_optional


def _is_required(field: descriptor_pb2.FieldDescriptorProto) -> bool:
    return field_behavior_pb2.REQUIRED in field.options.Extensions[field_behavior_pb2.field_behavior]


class Builder:
    def __init__(self, index: ProtoIndex) -> None:
        self.index = index
        self.schemas: dict[str, dict[str, Any]] = {}
        self.full_names: dict[str, str] = {}  # component name -> proto full name
        self.request_side: set[str] = set()

    # -- schemas -------------------------------------------------------------------------------------

    def ref(self, type_name: str) -> dict[str, Any]:
        if type_name in WELL_KNOWN:
            return dict(WELL_KNOWN[type_name])
        name = _short(type_name)
        known = self.full_names.setdefault(name, type_name)
        if known != type_name:
            raise SystemExit(f"two types share the schema name {name}: {known} and {type_name}")
        if name not in self.schemas:
            self.schemas[name] = {}  # placeholder, breaks cycles
            self.schemas[name] = (
                self.enum_schema(type_name) if type_name in self.index.enums else self.message_schema(type_name)
            )
        return {"$ref": f"#/components/schemas/{name}"}

    def enum_schema(self, type_name: str) -> dict[str, Any]:
        enum = self.index.enums[type_name]
        lines = [_clean(self.index.comments[type_name])]
        lines += [f"- `{v.name}`: {_clean(self.index.comments[f'{type_name}.{v.name}'])}" for v in enum.value]
        return {
            "type": "string",
            "description": "\n".join(lines),
            "enum": [v.name for v in enum.value],
        }

    def scalar_schema(self, field: descriptor_pb2.FieldDescriptorProto) -> dict[str, Any]:
        t = field.type
        if t in (F.TYPE_MESSAGE, F.TYPE_ENUM):
            return self.ref(field.type_name)
        if t == F.TYPE_STRING:
            return {"type": "string"}
        if t == F.TYPE_BYTES:
            return {"type": "string", "format": "byte"}
        if t == F.TYPE_BOOL:
            return {"type": "boolean"}
        if t in _INT32:
            return {"type": "integer", "format": "int32", "minimum": -(2**31), "maximum": 2**31 - 1}
        if t in _UINT32:
            return {"type": "integer", "format": "int64", "minimum": 0, "maximum": 2**32 - 1}
        if t in _INT64:
            return {"type": "string", "format": "int64", "pattern": "^-?[0-9]+$"}
        if t in _UINT64:
            return {"type": "string", "format": "uint64", "pattern": "^[0-9]+$"}
        if t == F.TYPE_FLOAT:
            return {"type": "number", "format": "float"}
        if t == F.TYPE_DOUBLE:
            return {"type": "number", "format": "double"}
        raise SystemExit(f"unsupported field type {t} of {field.name}")

    def field_schema(self, field: descriptor_pb2.FieldDescriptorProto) -> dict[str, Any]:
        if _is_map(self.index, field):
            entry = self.index.messages[field.type_name]
            value = next(f for f in entry.field if f.name == "value")
            return {"type": "object", "additionalProperties": self.scalar_schema(value)}
        schema = self.scalar_schema(field)
        if field.label == F.LABEL_REPEATED:
            return {"type": "array", "items": schema}
        return schema

    def message_schema(self, type_name: str, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
        message = self.index.messages[type_name]
        excluded = set(exclude)
        properties: dict[str, Any] = {}
        required: list[str] = []
        request = type_name in self.request_side
        oneofs: dict[int, list[str]] = {}
        for field in message.field:
            if field.name in excluded:
                continue
            schema = self.field_schema(field)
            for key, limit in FIELD_LIMITS.get((type_name, field.name), {}).items():
                schema[key] = {**schema[key], **limit} if isinstance(limit, dict) else limit
            description = _clean(self.index.comments.get(f"{type_name}.{field.name}", ""))
            if description:
                # A $ref takes no siblings in OpenAPI 3.0: wrap it to keep the field's own description.
                schema = {"allOf": [schema], "description": description} if "$ref" in schema else schema
                schema.setdefault("description", description)
            properties[field.name] = schema
            if field.HasField("oneof_index") and not field.proto3_optional:
                oneofs.setdefault(field.oneof_index, []).append(field.name)
            if (request and _is_required(field)) or (not request and not _has_presence(field)):
                required.append(field.name)
        result: dict[str, Any] = {"type": "object"}
        description = _clean(self.index.comments.get(type_name, ""))
        for index, names in sorted(oneofs.items()):
            listed = ", ".join(f"`{n}`" for n in names)
            description += f"\n\nAt most one of {listed} may be set (oneof `{message.oneof_decl[index].name}`)."
        if description.strip():
            result["description"] = description.strip()
        if required:
            result["required"] = required
        result["properties"] = properties
        if request:
            # The gateway refuses a field the message does not have (400 UNKNOWN_FIELD, naming it).
            result["additionalProperties"] = False
        return result

    def mark_request_side(self, type_name: str) -> None:
        """Messages a request can carry: their fields are optional unless marked REQUIRED."""
        if type_name in self.request_side or type_name not in self.index.messages:
            return
        self.request_side.add(type_name)
        for field in self.index.messages[type_name].field:
            if field.type == F.TYPE_MESSAGE:
                self.mark_request_side(field.type_name)

    # -- parameters ----------------------------------------------------------------------------------

    def query_parameters(
        self, type_name: str, skip: set[str], prefix: str = "", seen: tuple[str, ...] = ()
    ) -> Iterator[dict[str, Any]]:
        """One query parameter per leaf field not bound elsewhere; nested messages use dotted names."""
        message = self.index.messages[type_name]
        for field in message.field:
            name = f"{prefix}{field.name}"
            if name in skip:
                continue
            comment = _clean(self.index.comments.get(f"{type_name}.{field.name}", ""))
            if field.type == F.TYPE_MESSAGE and field.type_name not in WELL_KNOWN:
                if field.label == F.LABEL_REPEATED or field.type_name in seen:
                    continue  # the transcoder cannot bind repeated messages (or maps) from a query
                yield from self.query_parameters(field.type_name, skip, f"{name}.", (*seen, type_name))
                continue
            schema = self.field_schema(field)
            parameter: dict[str, Any] = {"name": name, "in": "query"}
            if comment:
                parameter["description"] = comment
            if _is_required(field) and not prefix:
                parameter["required"] = True
            parameter["schema"] = schema
            if field.label == F.LABEL_REPEATED:
                parameter["style"] = "form"
                parameter["explode"] = True
            yield parameter

    # -- operations ----------------------------------------------------------------------------------

    def operation(
        self,
        service_name: str,
        method: descriptor_pb2.MethodDescriptorProto,
        rule: http_pb2.HttpRule,
    ) -> tuple[str, str, dict[str, Any]]:
        verb = rule.WhichOneof("pattern")
        if verb is None or verb == "custom":
            raise SystemExit(f"{method.name}: only get/put/post/patch/delete rules are supported")
        template: str = getattr(rule, verb)
        path_fields = re.findall(r"\{([^}=]+)(?:=[^}]*)?\}", template)
        path = re.sub(r"\{([^}=]+)(?:=[^}]*)?\}", r"{\1}", template)
        request_type = method.input_type
        request = self.index.messages[request_type]
        fields = {f.name: f for f in request.field}
        full_method = f"{service_name}.{method.name}"
        description = _clean(self.index.comments.get(f".{full_method}", ""))

        operation: dict[str, Any] = {
            "operationId": method.name,
            "tags": [_short(service_name)],
            "summary": _summary(description),
            "description": description,
        }
        if method.client_streaming:
            raise SystemExit(f"{method.name}: client streaming cannot be transcoded")
        if method.server_streaming:
            operation["description"] += (
                "\n\nServer-streaming RPC: the response is a JSON array of the stream's messages, sent as "
                "they are produced. An error before the first message answers its error status; an error after "
                "it cannot change the 200 already sent, and the array just ends early (check that its last "
                "message is the final one)."
            )
        operation["x-grpc-method"] = f"/{service_name}/{method.name}"

        parameters: list[dict[str, Any]] = []
        for name in path_fields:
            if "." in name or name not in fields:
                raise SystemExit(f"{method.name}: path variable {name} must be a top-level request field")
            field = fields[name]
            parameter: dict[str, Any] = {"name": name, "in": "path", "required": True}
            comment = _clean(self.index.comments.get(f"{request_type}.{name}", ""))
            if comment:
                parameter["description"] = comment
            parameter["schema"] = self.field_schema(field)
            parameters.append(parameter)
        bound = set(path_fields)
        if rule.body == "*":
            body_schema: dict[str, Any] | None = self.body_schema(request_type, bound)
        elif rule.body:
            body_field = fields[rule.body]
            body_schema = self.field_schema(body_field)
            bound.add(rule.body)
            parameters += self.query_parameters(request_type, bound)
        else:
            body_schema = None
            parameters += self.query_parameters(request_type, bound)
        for parameter in parameters:
            example = QUERY_EXAMPLES.get((full_method, parameter["name"]))
            if example is not None:
                parameter["example"] = example
            paths = MASK_PATHS.get((full_method, parameter["name"]))
            if paths is not None:
                one = "(?:" + "|".join(paths) + ")"
                parameter["schema"] = {**parameter["schema"], "pattern": f"^{one}(?:,{one})*$"}
        if parameters:
            operation["parameters"] = parameters
        if body_schema is not None:
            media: dict[str, Any] = {"schema": body_schema}
            if full_method in EXAMPLES:
                media["example"] = EXAMPLES[full_method]
            operation["requestBody"] = {"required": True, "content": {"application/json": media}}

        response = self.ref(method.output_type)
        if method.server_streaming:
            response = {"type": "array", "items": response}
        responses: dict[str, Any] = {
            "200": {
                "description": "OK",
                "headers": REQUEST_ID_HEADER,
                "content": {"application/json": {"schema": response}},
            }
        }
        errors = set(COMMON_ERRORS)
        if any(_ID_FIELD.match(name) for name in fields):
            errors.add("404")
        if full_method in ROLE_METHODS:
            errors.add("403")
        if body_schema is not None:
            errors.add("413")
        for status in sorted(errors):
            responses[status] = {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"}
        operation["responses"] = responses
        return path, verb, operation

    def body_schema(self, request_type: str, bound: set[str]) -> dict[str, Any]:
        """The request message; without its path-bound fields when some are bound to the path."""
        if not bound:
            return self.ref(request_type)
        name = f"{_short(request_type)}Body"
        if name in self.schemas:
            raise SystemExit(f"two bodies share the schema name {name}")
        schema = self.message_schema(request_type, exclude=bound)
        schema["description"] = (
            schema.get("description", "")
            + f"\n\nThe body of {_short(request_type)}: "
            + ", ".join(f"`{b}`" for b in sorted(bound))
            + " comes from the path."
        ).strip()
        self.schemas[name] = schema
        return {"$ref": f"#/components/schemas/{name}"}


def _status_schemas() -> dict[str, Any]:
    return {
        "Status": {
            "type": "object",
            "description": (
                "A google.rpc.Status in JSON (AIP-193): every error the gateway answers has this shape, "
                "whether the gRPC server or Envoy itself raised it."
            ),
            "required": ["code", "message"],
            "properties": {
                "code": {
                    "type": "integer",
                    "format": "int32",
                    "description": "The google.rpc.Code, for example 3 for INVALID_ARGUMENT or 5 for NOT_FOUND.",
                },
                "message": {"type": "string", "description": "What went wrong and what to do, for a person."},
                "details": {
                    "type": "array",
                    "description": (
                        "Typed details, each with its `@type`: `type.googleapis.com/google.rpc.ErrorInfo` "
                        "(`reason` such as `RESUME_NOT_FOUND`, `domain` `skillgap.dev`, `metadata`); for bad "
                        "fields, `type.googleapis.com/google.rpc.BadRequest` (`field_violations`); for rate "
                        'limits, `type.googleapis.com/google.rpc.RetryInfo` (`retry_delay`, for example `"6s"`).'
                    ),
                    "items": {"$ref": "#/components/schemas/StatusDetail"},
                },
            },
        },
        "StatusDetail": {
            "type": "object",
            "description": "A google.protobuf.Any in JSON: `@type` names the message, its fields follow.",
            "required": ["@type"],
            "properties": {
                "@type": {"type": "string", "example": "type.googleapis.com/google.rpc.ErrorInfo"},
                "reason": {"type": "string", "description": "ErrorInfo: stable UPPER_SNAKE_CASE reason."},
                "domain": {"type": "string", "description": "ErrorInfo: `skillgap.dev`."},
                "metadata": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "description": "ErrorInfo: facts about the error, for example the limit that was hit.",
                },
                "retry_delay": {
                    "type": "string",
                    "description": "RetryInfo: how long to wait before retrying, a Duration such as `6s`.",
                },
                "field_violations": {
                    "type": "array",
                    "description": "BadRequest: the fields at fault.",
                    "items": {
                        "type": "object",
                        "properties": {"field": {"type": "string"}, "description": {"type": "string"}},
                    },
                },
            },
            "additionalProperties": True,
        },
    }


def build_document(files: Iterable[descriptor_pb2.FileDescriptorProto]) -> dict[str, Any]:
    """The OpenAPI document (a dict) for the services the gateway transcodes."""
    index = ProtoIndex(files)
    builder = Builder(index)
    methods: list[tuple[str, descriptor_pb2.MethodDescriptorProto, http_pb2.HttpRule]] = []
    tags: list[dict[str, str]] = []
    for service_name in SERVICES:
        service = index.service(service_name)
        tags.append({"name": service.name, "description": _clean(index.comments.get(f".{service_name}", ""))})
        for method in service.method:
            if not method.options.HasExtension(annotations_pb2.http):
                continue  # gRPC only (for example the Converse bidi stream)
            rule = method.options.Extensions[annotations_pb2.http]
            for binding in (rule, *rule.additional_bindings):
                methods.append((service_name, method, binding))
            builder.mark_request_side(method.input_type)

    paths: dict[str, dict[str, Any]] = {}
    operation_ids: set[str] = set()
    for service_name, method, rule in methods:
        path, verb, operation = builder.operation(service_name, method, rule)
        if verb in paths.get(path, {}):
            raise SystemExit(f"two rules map {verb.upper()} {path}")
        if operation["operationId"] in operation_ids:
            operation["operationId"] = f"{_short(service_name)}_{method.name}_{verb}"
        operation_ids.add(operation["operationId"])
        paths.setdefault(path, {})[verb] = operation

    schemas = dict(sorted(builder.schemas.items()))
    schemas.update(_status_schemas())
    responses = {
        name: {
            "description": description,
            "headers": {**REQUEST_ID_HEADER, **(RETRY_AFTER_HEADER if status == "429" else {})},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}},
        }
        for status, (name, description) in sorted(ERROR_RESPONSES.items())
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "SkillGap REST API",
            "version": "v1",
            "description": (
                "The REST surface of SkillGap, served by an Envoy gRPC-JSON transcoder in front of the gRPC "
                "services of proto/skillgap/v1 (generated from their google.api.http rules).\n\n"
                "JSON follows the proto3 JSON mapping with the proto field names (`resume_id`; requests may "
                "also use `resumeId`). Responses always carry fields without presence, also at their default "
                '(0, false, "", []); message fields and optional numbers are left out when unset. Enums are '
                "their names, 64-bit integers are strings, bytes are base64, timestamps are RFC 3339. Unknown "
                "query parameters are refused with 400; unknown body fields are ignored.\n\n"
                'Errors have the google.rpc.Status shape `{"code", "message", "details"}` and a status '
                "mapped from the gRPC code. Every response carries an `x-request-id` header."
            ),
        },
        "servers": [{"url": "http://127.0.0.1:8080", "description": "`skillgap up` (embedded default)"}],
        "security": [{"bearerAuth": []}],
        "tags": tags,
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": (
                        'A JWT whose `sub` is the user id; `roles: ["admin"]` grants admin calls. '
                        "`skillgap token --user NAME [--admin]` prints one for development."
                    ),
                }
            },
            "headers": {
                "RequestId": {
                    "required": True,
                    "description": (
                        "The request's id: the client's own `x-request-id` when it sent a valid one, else a new "
                        "one. The server's log line for the call carries it."
                    ),
                    "schema": {"type": "string"},
                },
                "RetryAfter": {
                    "required": True,
                    "description": "Seconds to wait before retrying (RFC 9110), the RetryInfo's delay rounded up.",
                    "schema": {"type": "integer", "minimum": 1},
                },
            },
            "responses": responses,
            "schemas": schemas,
        },
    }


def load_descriptor_files(proto_dir: Path = PROTO_DIR) -> list[descriptor_pb2.FileDescriptorProto]:
    with tempfile.TemporaryDirectory(prefix="skillgap-openapi-") as tmp:
        out = build_descriptor_set(Path(tmp) / "skillgap.binpb", proto_dir, include_source_info=True)
        descriptor_set = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes())
    return list(descriptor_set.file)


def render(proto_dir: Path = PROTO_DIR) -> str:
    """The text of gateway/openapi.yaml."""
    document = build_document(load_descriptor_files(proto_dir))
    text: str = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return HEADER + text


def generate(out_path: Path = OUT_PATH) -> Path:
    out_path.write_text(render())
    return out_path


if __name__ == "__main__":
    print(generate(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT_PATH))

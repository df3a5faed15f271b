"""Build the protobuf FileDescriptorSet that Envoy's gRPC-JSON transcoder reads.

The set holds the SkillGap protos with every import (``--include_imports``), because Envoy
resolves request and response types, the ``google.api.http`` rules and well-known types
(Timestamp) from it alone. ``google/rpc/status.proto`` and ``error_details.proto`` are added on
top: with ``convert_grpc_status`` Envoy renders ``grpc-status-details-bin`` as JSON only for
detail types it finds in the set. So is the health probes' file (skillgap.api.health: ``GET /healthz``,
``GET /readyz``), which is described in code rather than in ``proto/``.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from google.api import annotations_pb2  # type: ignore[import-untyped]
from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import Descriptor, FieldDescriptor, MethodDescriptor
from grpc_tools import protoc

from skillgap.api.health import probes_file

# Error detail protos Envoy needs to turn rich gRPC errors into JSON bodies.
RPC_PROTOS = ("google/rpc/status.proto", "google/rpc/error_details.proto")


class DescriptorBuildError(RuntimeError):
    """The descriptor set could not be built (missing protos or a protoc error)."""


def default_proto_dir() -> Path:
    """The repo's ``proto/`` directory (server/skillgap/gateway/descriptor.py -> repo root)."""
    return Path(__file__).resolve().parents[3] / "proto"


def _well_known_dir() -> Path:
    return Path(str(files("grpc_tools") / "_proto"))


def _google_rpc_dir() -> Path:
    # google is a namespace package spread over several distributions, so google.rpc has no
    # __file__; its search locations still point at googleapis-common-protos' folder.
    spec = find_spec("google.rpc")
    if spec is None or not spec.submodule_search_locations:
        raise DescriptorBuildError("google.rpc not found: is googleapis-common-protos installed?")
    for location in spec.submodule_search_locations:
        folder = Path(location)
        if all((folder / Path(name).name).is_file() for name in RPC_PROTOS):
            return folder
    raise DescriptorBuildError(f"no folder of google.rpc holds {', '.join(RPC_PROTOS)}")


def skillgap_proto_files(proto_dir: Path) -> list[str]:
    """The SkillGap protos as protoc names relative to ``proto_dir`` (``skillgap/v1/job.proto``)."""
    return sorted(p.relative_to(proto_dir).as_posix() for p in (proto_dir / "skillgap").rglob("*.proto"))


def build_descriptor_set(out_path: Path, proto_dir: Path | None = None, *, include_source_info: bool = False) -> Path:
    """Write the FileDescriptorSet for Envoy to ``out_path`` and return it.

    ``proto_dir`` defaults to the repo's ``proto/``; its ``third_party/`` folder supplies
    ``google/api/annotations.proto`` and ``http.proto``. When no ``proto_dir`` is given and the package
    runs outside a source tree (a wheel install), the set comes from the generated modules instead:
    tests/test_codegen.py keeps those identical to ``proto/``. ``include_source_info`` keeps the proto
    comments in the set (proto/openapi.py turns them into descriptions); Envoy does not need them.
    """
    if proto_dir is None and not (default_proto_dir() / "skillgap").is_dir():
        return build_descriptor_set_from_modules(out_path)
    proto_dir = (proto_dir or default_proto_dir()).resolve()
    if not (proto_dir / "skillgap").is_dir():
        raise DescriptorBuildError(
            f"proto directory {proto_dir} not found or has no skillgap/ protos; the gateway builds "
            "its descriptor from the repo's proto/ folder (pass proto_dir when running elsewhere)"
        )
    sources = skillgap_proto_files(proto_dir)
    if not sources:
        raise DescriptorBuildError(f"no .proto files under {proto_dir / 'skillgap'}")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="skillgap-rpc-protos-") as tmp:
        # Only the two google/rpc files are copied into their own include root: putting the whole
        # googleapis-common-protos folder on the path could let its google/api copies shadow ours.
        rpc_root = Path(tmp)
        rpc_src = _google_rpc_dir()
        for name in RPC_PROTOS:
            target = rpc_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(rpc_src / Path(name).name, target)
        args = [
            "protoc",
            f"-I{proto_dir}",
            f"-I{proto_dir / 'third_party'}",
            f"-I{_well_known_dir()}",
            f"-I{rpc_root}",
            "--include_imports",
            *(["--include_source_info"] if include_source_info else []),
            f"--descriptor_set_out={out_path}",
            *sources,
            *RPC_PROTOS,
        ]
        code = protoc.main(args)
    if code != 0 or not out_path.is_file():
        raise DescriptorBuildError(f"protoc exited with {code} building {out_path} from {proto_dir}")
    descriptor_set = descriptor_pb2.FileDescriptorSet.FromString(out_path.read_bytes())
    descriptor_set.file.append(probes_file())
    out_path.write_bytes(descriptor_set.SerializeToString())
    return out_path


def build_descriptor_set_from_modules(out_path: Path) -> Path:
    """The same set, from the descriptors compiled into skillgap.v1 and google.rpc (no protoc)."""
    from google.protobuf.descriptor import FileDescriptor
    from google.rpc import error_details_pb2, status_pb2

    from skillgap.v1 import interview_pb2, job_pb2, resume_pb2, scrape_pb2

    ordered: list[FileDescriptor] = []
    seen: set[str] = set()

    def visit(file: FileDescriptor) -> None:
        # Dependencies first: Envoy, like protoc's --include_imports output, expects that order.
        if file.name in seen:
            return
        seen.add(file.name)
        for dependency in file.dependencies:
            visit(dependency)
        ordered.append(file)

    for module in (resume_pb2, job_pb2, interview_pb2, scrape_pb2, status_pb2, error_details_pb2):
        visit(module.DESCRIPTOR)
    descriptor_set = descriptor_pb2.FileDescriptorSet()
    for file in ordered:
        proto = descriptor_set.file.add()
        file.CopyToProto(proto)
        for message in proto.message_type:
            _fill_json_names(message)
    descriptor_set.file.append(probes_file())  # its dependency, google/api/annotations.proto, is in already
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(descriptor_set.SerializeToString())
    return out_path


def _fill_json_names(message: Any) -> None:
    # CopyToProto leaves json_name out; protoc always writes it, and Envoy reads camelCase JSON
    # input by it. protoc's rule: drop each underscore and upper-case the letter after it.
    for field in message.field:
        if not field.json_name:
            head, *rest = field.name.split("_")
            field.json_name = head + "".join(part[:1].upper() + part[1:] for part in rest)
    for nested in message.nested_type:
        _fill_json_names(nested)


# ------------------------------------------------------------------------------ what REST requests may carry
# The transcoder drops JSON fields it does not know and has no option to refuse them, so the gateway checks
# requests itself (skillgap.gateway.config, a Lua filter) against this summary of the descriptor set.

_F = descriptor_pb2.FieldDescriptorProto
_KINDS: dict[int, str] = {
    _F.TYPE_STRING: "string",
    _F.TYPE_BYTES: "bytes",
    _F.TYPE_BOOL: "bool",
    _F.TYPE_INT32: "int32",
    _F.TYPE_SINT32: "int32",
    _F.TYPE_SFIXED32: "int32",
    _F.TYPE_UINT32: "uint32",
    _F.TYPE_FIXED32: "uint32",
    _F.TYPE_INT64: "int64",
    _F.TYPE_SINT64: "int64",
    _F.TYPE_SFIXED64: "int64",
    _F.TYPE_UINT64: "uint64",
    _F.TYPE_FIXED64: "uint64",
    _F.TYPE_DOUBLE: "float",
    _F.TYPE_FLOAT: "float",
    _F.TYPE_ENUM: "enum",
    _F.TYPE_MESSAGE: "message",
    _F.TYPE_GROUP: "message",
}
# Messages whose JSON form is not an object of their fields (Timestamp is a string, Struct any object, ...):
# their values are left to the transcoder.
_SPECIAL_JSON_PACKAGES = ("google.protobuf.",)


@dataclass(frozen=True)
class RestField:
    name: str
    json_name: str
    # string, bytes, bool, int32, uint32, int64, uint64, float, enum, message, map, or "any" for the
    # well-known types with their own JSON forms
    kind: str
    repeated: bool = False
    type_name: str = ""  # the enum or message (maps: of the value), without the leading dot
    value_kind: str = ""  # maps: the value's kind
    oneof: str = ""


@dataclass(frozen=True)
class RestMessage:
    full_name: str
    name: str
    fields: tuple[RestField, ...]


@dataclass(frozen=True)
class RestEnum:
    full_name: str
    name: str
    values: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class RestRule:
    method: str  # GET, POST, ...
    template: str  # /api/resume/{resume_id}
    # One per path segment: (literal, None), (None, the field it binds), or (None, None) for a bare "*".
    segments: tuple[tuple[str | None, str | None], ...]
    message: str  # the request message
    body: str  # "*", a field path, or "" (the transcoder then still reads a body as the whole message)
    rpc: str  # skillgap.v1.ResumeService.GetResume


@dataclass(frozen=True)
class RestSchema:
    rules: tuple[RestRule, ...]
    messages: dict[str, RestMessage] = dataclass_field(default_factory=dict)
    enums: dict[str, RestEnum] = dataclass_field(default_factory=dict)
    # False when a rule uses a template the summary cannot express (``**``, ``{x=a/*}``, a custom verb): it is
    # left out, and no request may then be refused for matching no rule.
    complete: bool = True


def _segments(template: str) -> tuple[tuple[str | None, str | None], ...] | None:
    """The template's segments, or None for a template beyond literals, ``*`` and single-segment variables."""
    if not template.startswith("/") or ":" in template.rsplit("/", 1)[-1]:
        return None
    parts: list[tuple[str | None, str | None]] = []
    for segment in template[1:].split("/"):
        if segment.startswith("{") and segment.endswith("}"):
            variable, _, pattern = segment[1:-1].partition("=")
            if pattern not in ("", "*"):
                return None
            parts.append((None, variable))
        elif segment == "*":
            parts.append((None, None))
        elif segment and "{" not in segment and "*" not in segment:
            parts.append((segment, None))
        else:
            return None
    return tuple(parts)


def _http_rules(method: MethodDescriptor) -> list[tuple[str, str, str]]:
    rule = method.GetOptions().Extensions[annotations_pb2.http]
    found = []
    for each in (rule, *rule.additional_bindings):
        verb = each.WhichOneof("pattern")
        if verb in ("get", "put", "post", "delete", "patch"):
            found.append((verb.upper(), getattr(each, verb), each.body))
        elif verb == "custom":
            found.append((each.custom.kind.upper(), each.custom.path, each.body))
    return found


def rest_schema(descriptor_set: descriptor_pb2.FileDescriptorSet, services: Iterable[str]) -> RestSchema:
    """The REST rules of `services` and every message and enum their requests can hold."""
    pool = descriptor_pool.DescriptorPool()
    for file in descriptor_set.file:
        pool.AddSerializedFile(file.SerializeToString())
    messages: dict[str, RestMessage] = {}
    enums: dict[str, RestEnum] = {}

    def add_message(message: Descriptor) -> None:
        if message.full_name in messages:
            return
        messages[message.full_name] = RestMessage(message.full_name, message.name, ())  # a cycle stops here
        fields = tuple(rest_field(f) for f in message.fields)
        messages[message.full_name] = RestMessage(message.full_name, message.name, fields)

    def rest_field(f: FieldDescriptor) -> RestField:
        oneof = f.containing_oneof.name if f.containing_oneof is not None and not _is_synthetic(f) else ""
        repeated = f.is_repeated
        if f.message_type is not None and f.message_type.GetOptions().map_entry:
            value = f.message_type.fields_by_name["value"]
            kind, type_name = kind_of(value)
            return RestField(f.name, f.json_name, "map", type_name=type_name, value_kind=kind, oneof=oneof)
        kind, type_name = kind_of(f)
        return RestField(f.name, f.json_name, kind, repeated=repeated, type_name=type_name, oneof=oneof)

    def kind_of(f: FieldDescriptor) -> tuple[str, str]:
        if f.enum_type is not None:
            enum = f.enum_type
            values = tuple((v.name, v.number) for v in enum.values)
            enums.setdefault(enum.full_name, RestEnum(enum.full_name, enum.name, values))
            return "enum", enum.full_name
        if f.message_type is not None:
            if f.message_type.full_name.startswith(_SPECIAL_JSON_PACKAGES):
                return "any", f.message_type.full_name
            add_message(f.message_type)
            return "message", f.message_type.full_name
        return _KINDS[f.type], ""

    rules: list[RestRule] = []
    complete = True
    for service_name in services:
        service = pool.FindServiceByName(service_name)
        for method in service.methods:
            for verb, template, body in _http_rules(method):
                segments = _segments(template)
                if segments is None or method.client_streaming:
                    complete = False  # the transcoder alone handles it
                    continue
                add_message(method.input_type)
                rpc = f"{service.full_name}.{method.name}"
                rules.append(RestRule(verb, template, segments, method.input_type.full_name, body, rpc))
    # As the transcoder does: a literal segment wins over a variable at the same place.
    rules.sort(key=lambda r: [0 if literal is not None else 1 for literal, _ in r.segments])
    return RestSchema(tuple(rules), messages, enums, complete)


def _is_synthetic(f: FieldDescriptor) -> bool:
    # A proto3 `optional` field sits in a oneof of its own, which is no choice between fields.
    oneof = f.containing_oneof
    return oneof is not None and len(oneof.fields) == 1 and oneof.name == f"_{f.name}"


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m skillgap.gateway.descriptor OUT.binpb")
    print(build_descriptor_set(Path(sys.argv[1])))

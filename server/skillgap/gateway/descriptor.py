"""Build the protobuf FileDescriptorSet that Envoy's gRPC-JSON transcoder reads.

The set holds the SkillGap protos with every file they import, dependencies first, because Envoy resolves
request and response types, the ``google.api.http`` rules and well-known types (Timestamp) from it alone.
``google/rpc/status.proto`` and ``error_details.proto`` are added on top: with ``convert_grpc_status`` Envoy
renders ``grpc-status-details-bin`` as JSON only for detail types it finds in the set. So is the health
probes' file (skillgap.api.health: ``GET /healthz``, ``GET /readyz``), which is described in code rather than
in ``proto/``.

At run time (the gateway of ``skillgap up`` and the tests, the image's build stage) the set comes from the
descriptors compiled into the generated modules (``skillgap.v1.*_pb2``, google.api, google.rpc, the
well-known types), so no protoc is needed: grpcio-tools is a build tool of the ``dev`` extra.
tests/test_codegen.py keeps the modules identical to ``proto/``, and tests/gateway/test_gateway.py keeps this
set the one protoc builds from ``proto/`` (file for file, but for ``google/protobuf/descriptor.proto``, which
comes from the protobuf runtime rather than grpcio-tools' copy). proto/openapi.py still runs protoc
(``proto_dir``, ``include_source_info``): it turns the protos' comments into descriptions, and only protoc's
source info keeps them.
"""

from __future__ import annotations

import pkgutil
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from importlib import import_module
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path

from google.api import annotations_pb2  # type: ignore[import-untyped]
from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import Descriptor, FieldDescriptor, FileDescriptor, MethodDescriptor

from skillgap.api.health import probes_file

# Error detail protos Envoy needs to turn rich gRPC errors into JSON bodies.
RPC_PROTOS = ("google/rpc/status.proto", "google/rpc/error_details.proto")
# The modules compiled from them (googleapis-common-protos), in the same order.
RPC_MODULES = ("google.rpc.status_pb2", "google.rpc.error_details_pb2")
# The package proto/generate.py writes the SkillGap modules into.
GENERATED_PACKAGE = "skillgap.v1"


class DescriptorBuildError(RuntimeError):
    """The descriptor set could not be built (missing protos or modules, or a protoc error)."""


def default_proto_dir() -> Path:
    """The repo's ``proto/`` directory (server/skillgap/gateway/descriptor.py -> repo root)."""
    return Path(__file__).resolve().parents[3] / "proto"


def skillgap_proto_files(proto_dir: Path) -> list[str]:
    """The SkillGap protos as protoc names relative to ``proto_dir`` (``skillgap/v1/job.proto``)."""
    return sorted(p.relative_to(proto_dir).as_posix() for p in (proto_dir / "skillgap").rglob("*.proto"))


def build_descriptor_set(out_path: Path, proto_dir: Path | None = None, *, include_source_info: bool = False) -> Path:
    """Write the FileDescriptorSet for Envoy to ``out_path`` and return it.

    By default the set comes from the generated modules (``build_descriptor_set_from_modules``): no protoc.
    Given a ``proto_dir`` (its ``third_party/`` folder supplies ``google/api/annotations.proto`` and
    ``http.proto``), or asked for ``include_source_info`` (the protos' comments, which proto/openapi.py turns
    into descriptions; Envoy does not need them), protoc compiles the ``.proto`` files instead: that needs
    grpcio-tools, from the ``dev`` extra.
    """
    if proto_dir is None and not include_source_info:
        return build_descriptor_set_from_modules(out_path)
    return _build_with_protoc(out_path, proto_dir or default_proto_dir(), include_source_info=include_source_info)


def build_descriptor_set_from_modules(out_path: Path) -> Path:
    """The set from the descriptors compiled into skillgap.v1, google.rpc and the files they import.

    Each module carries its file's ``FileDescriptorProto`` as protoc wrote it, less two things: source info
    (the comments; Envoy does not read them) and the default ``json_name`` of every field, which the Python
    generator drops and which is put back here. The files come in protoc's ``--include_imports`` order: the
    SkillGap files by name, each after the files it imports, then the google.rpc files.
    """
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

    for file in sorted(_generated_files(), key=lambda f: f.name):
        visit(file)
    for module_name in RPC_MODULES:
        visit(import_module(module_name).DESCRIPTOR)
    descriptor_set = descriptor_pb2.FileDescriptorSet()
    for file in ordered:
        proto = descriptor_set.file.add()
        proto.ParseFromString(file.serialized_pb)
        _fill_json_names(proto)
    descriptor_set.file.append(probes_file())  # its dependency, google/api/annotations.proto, is in already
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(descriptor_set.SerializeToString())
    return out_path


def _generated_files() -> list[FileDescriptor]:
    """The file descriptors of every ``*_pb2`` module proto/generate.py wrote (one per file of proto/)."""
    package = import_module(GENERATED_PACKAGE)
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.endswith("_pb2"))
    if not names:
        raise DescriptorBuildError(f"no generated *_pb2 modules in {GENERATED_PACKAGE}: run python proto/generate.py")
    return [import_module(f"{GENERATED_PACKAGE}.{name}").DESCRIPTOR for name in names]


def _fill_json_names(file: descriptor_pb2.FileDescriptorProto) -> None:
    # The Python generator drops each field's json_name unless the .proto sets one; protoc always writes it,
    # and Envoy reads camelCase JSON input by it. protoc's rule: drop each underscore and upper-case the
    # letter after it.
    def fill(fields: Iterable[descriptor_pb2.FieldDescriptorProto]) -> None:
        for field in fields:
            if not field.HasField("json_name"):
                head, *rest = field.name.split("_")
                field.json_name = head + "".join(part[:1].upper() + part[1:] for part in rest)

    def messages(message: descriptor_pb2.DescriptorProto) -> None:
        fill(message.field)
        fill(message.extension)
        for nested in message.nested_type:
            messages(nested)

    fill(file.extension)
    for message in file.message_type:
        messages(message)


def _build_with_protoc(out_path: Path, proto_dir: Path, *, include_source_info: bool) -> Path:
    """The set compiled by protoc from ``proto_dir`` (proto/openapi.py and the tests that compare the two)."""
    proto_dir = proto_dir.resolve()
    if not (proto_dir / "skillgap").is_dir():
        raise DescriptorBuildError(
            f"proto directory {proto_dir} not found or has no skillgap/ protos; the gateway builds "
            "its descriptor from the repo's proto/ folder (pass proto_dir when running elsewhere)"
        )
    sources = skillgap_proto_files(proto_dir)
    if not sources:
        raise DescriptorBuildError(f"no .proto files under {proto_dir / 'skillgap'}")
    try:
        # Imported here: grpcio-tools is a build tool (the dev extra), absent from a production install.
        from grpc_tools import protoc
    except ImportError as exc:
        raise DescriptorBuildError(
            "compiling .proto files needs grpcio-tools (pip install -e '.[dev]'); without a proto_dir the set "
            "comes from the generated modules"
        ) from exc
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
            f"-I{files('grpc_tools') / '_proto'}",
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

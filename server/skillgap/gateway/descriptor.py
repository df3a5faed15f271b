"""Build the protobuf FileDescriptorSet that Envoy's gRPC-JSON transcoder reads.

The set holds the SkillGap protos with every import (``--include_imports``), because Envoy
resolves request and response types, the ``google.api.http`` rules and well-known types
(Timestamp) from it alone. ``google/rpc/status.proto`` and ``error_details.proto`` are added on
top: with ``convert_grpc_status`` Envoy renders ``grpc-status-details-bin`` as JSON only for
detail types it finds in the set.
"""

from __future__ import annotations

import shutil
import tempfile
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from grpc_tools import protoc

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
    return out_path


def build_descriptor_set_from_modules(out_path: Path) -> Path:
    """The same set, from the descriptors compiled into skillgap.v1 and google.rpc (no protoc)."""
    from google.protobuf import descriptor_pb2
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


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m skillgap.gateway.descriptor OUT.binpb")
    print(build_descriptor_set(Path(sys.argv[1])))

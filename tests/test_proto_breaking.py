"""No breaking change to the released API: `buf breaking` against proto/released/skillgap-v1.binpb, plus the
REST bindings, which buf does not check. How to cut a new snapshot: proto/released/README.md."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

ROOT = Path(__file__).resolve().parent.parent
BUF = ROOT / "node_modules" / ".bin" / "buf"
RELEASED = ROOT / "proto" / "released" / "skillgap-v1.binpb"


@pytest.fixture(scope="module")
def buf() -> Path:
    if not BUF.exists():
        message = "buf is not installed: run `npm ci`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return BUF


def build_image(buf: Path, workspace: Path, out: Path) -> Path:
    """The buf image of workspace/proto/skillgap (with its imports), as the released snapshot is built."""
    run = subprocess.run(
        [str(buf), "build", "--path", "proto/skillgap", "-o", str(out)],
        cwd=workspace,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return out


def breaking(buf: Path, current: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(buf), "breaking", str(current), "--against", str(RELEASED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def http_bindings(image: Path) -> dict[str, tuple[str, str, str]]:
    """RPC full name -> (verb, path, body) of its google.api.http rule, for the skillgap files of an image."""
    files = descriptor_pb2.FileDescriptorSet.FromString(image.read_bytes()).file
    bindings: dict[str, tuple[str, str, str]] = {}
    for file in files:
        if not file.name.startswith("skillgap/"):
            continue
        for service in file.service:
            for method in service.method:
                if method.options.HasExtension(annotations_pb2.http):
                    rule = method.options.Extensions[annotations_pb2.http]
                    verb = rule.WhichOneof("pattern") or ""
                    bindings[f"{file.package}.{service.name}.{method.name}"] = (verb, getattr(rule, verb), rule.body)
    return bindings


def test_no_breaking_change_since_the_release(buf: Path, tmp_path: Path) -> None:
    current = build_image(buf, ROOT, tmp_path / "current.binpb")
    run = breaking(buf, current)
    assert run.returncode == 0, (
        "breaking change against the released API (proto/released/README.md):\n" + run.stdout + run.stderr
    )


def test_rest_bindings_of_the_release_are_kept(buf: Path, tmp_path: Path) -> None:
    released = http_bindings(RELEASED)
    assert len(released) >= 15
    current = http_bindings(build_image(buf, ROOT, tmp_path / "current.binpb"))
    changed = {rpc: (binding, current.get(rpc)) for rpc, binding in released.items() if current.get(rpc) != binding}
    assert not changed, f"REST bindings changed or removed since the release (released, now): {changed}"


def test_the_check_catches_a_renamed_field(buf: Path, tmp_path: Path) -> None:
    """The check really bites: a renamed field in a copy of the protos is reported."""
    shutil.copy(ROOT / "buf.yaml", tmp_path / "buf.yaml")
    shutil.copytree(ROOT / "proto", tmp_path / "proto", ignore=shutil.ignore_patterns("released", "*.py"))
    resume = tmp_path / "proto" / "skillgap" / "v1" / "resume.proto"
    text = resume.read_text()
    assert "  string filename = 2;" in text
    resume.write_text(text.replace("  string filename = 2;", "  string file_name = 2;"))
    run = breaking(buf, build_image(buf, tmp_path, tmp_path / "renamed.binpb"))
    assert run.returncode != 0
    assert 'on message "Resume" changed name from "filename" to "file_name"' in run.stdout

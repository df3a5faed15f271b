"""The committed SDK code matches proto/: regenerate with `node_modules/.bin/buf generate` (buf.gen.yaml)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BUF = ROOT / "node_modules" / ".bin" / "buf"
MARKER = "README.md"  # "generated, do not edit": ours, not the plugins'


def outputs() -> list[str]:
    template = yaml.safe_load((ROOT / "buf.gen.yaml").read_text())
    return [plugin["out"] for plugin in template["plugins"]]


def tree(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_template_writes_both_sdks_into_generated_folders() -> None:
    assert outputs() == ["sdk/python/src/skillgap_sdk/generated", "sdk/typescript/src/generated"]
    for out in outputs():
        assert "do not edit" in (ROOT / out / MARKER).read_text().lower()


@pytest.mark.timeout(300)
def test_generated_sdks_are_not_stale(tmp_path: Path) -> None:
    if not BUF.exists():
        message = "buf is needed: npm ci"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # The Python plugin runs from this interpreter's venv (sdk/scripts/protoc-gen-python_betterproto2).
    env = {**os.environ, "SKILLGAP_VENV": sys.prefix}
    result = subprocess.run(
        [str(BUF), "generate", "--template", "buf.gen.yaml", "-o", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    stale = []
    for out in outputs():
        fresh = tree(tmp_path / out)
        committed = tree(ROOT / out)
        committed.pop(MARKER, None)
        assert fresh, f"buf generated nothing into {out}"
        names = sorted(fresh.keys() | committed.keys())
        stale += [f"{out}/{name}" for name in names if fresh.get(name) != committed.get(name)]
    assert not stale, f"regenerate with `node_modules/.bin/buf generate`; stale: {stale}"

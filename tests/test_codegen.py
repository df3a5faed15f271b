"""The committed generated code matches proto/: regenerate with `python proto/generate.py`."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_code_is_not_stale(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "proto" / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    fresh = {p.name: p.read_text() for p in generate.generate(tmp_path)}
    committed_dir = ROOT / "server" / "skillgap" / "v1"
    committed = {p.name: p.read_text() for p in committed_dir.iterdir() if p.is_file()}
    stale = sorted(name for name in fresh.keys() | committed.keys() if fresh.get(name) != committed.get(name))
    assert not stale, f"regenerate with `python proto/generate.py`; stale: {stale}"

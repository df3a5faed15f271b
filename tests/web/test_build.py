"""The web app shipped in the package is the build of the sources and API it claims: rebuild with
`python web/build.py` after changing web/ or the protos (as tests/test_codegen.py does for protobuf code)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import yaml

from skillgap.web import STATIC_DIR, web_files

ROOT = Path(__file__).resolve().parents[2]


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("web_build", ROOT / "web" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_web_app_is_not_stale() -> None:
    reasons = _build_script().stale_reasons()
    assert not reasons, f"rebuild with `python web/build.py`: {reasons}"


def test_the_shipped_page_loads_only_its_own_files() -> None:
    files = web_files()
    assert {f.relative for f in files} >= {"index.html"}
    index = (STATIC_DIR / "index.html").read_text()
    # No inline script or style for the CSP to allow, and nothing from another origin.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", index)
    assert "<style" not in index and " style=" not in index
    for reference in re.findall(r'(?:src|href)="([^"]+)"', index):
        assert reference.startswith("/assets/"), reference
        assert (STATIC_DIR / reference.lstrip("/")).is_file(), reference


def test_the_curated_words_name_only_what_the_api_and_the_styles_have() -> None:
    build = _build_script()
    assert build.check_words() == []
    # A status renamed in the API (or misspelt here) and a tone without a style are caught, not shown as nothing.
    words = json.loads(build.WORDS.read_text())
    words["gap_status"]["GAP_STATUS_COVERD"] = "You have it"
    words["gap_tone"]["GAP_STATUS_MISSING"] = "red"
    problems = build.word_problems(words, yaml.safe_load(build.OPENAPI.read_text()), build.STYLES.read_text())
    assert any("GAP_STATUS_COVERD" in p and "GapStatus" in p for p in problems), problems
    assert any(".gap-red" in p for p in problems), problems

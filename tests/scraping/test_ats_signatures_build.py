"""The ATS signatures' build: the committed json is fresh, and a signature that would not find its board, or would
cost a hostile page unbounded time, is refused with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.datafiles import display_path
from skillgap.scraping.discovery import build
from skillgap.scraping.discovery.signatures_schema import SOURCE

SIGNATURES_YAML = SOURCE.read_text(encoding="utf-8")


def test_the_committed_json_is_fresh() -> None:
    assert build.main(["--check"]) == 0


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "ats_signatures.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(build.BuildError) as caught:
        build.build(path)
    return str(caught.value).splitlines()


def _line(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_an_unbounded_pattern_is_refused_with_its_line(tmp_path: Path) -> None:
    text = SIGNATURES_YAML.replace("[^}]{0,500}?accountName", "[^}]*?accountName")
    [problem] = problems(tmp_path, text)
    where = f"{display_path(tmp_path / 'ats_signatures.yaml')}:{_line(text, '[^}]*?accountName')}"
    assert problem.startswith(where) and "(lever) > scripts #1: has an unbounded quantifier" in problem


def test_an_example_the_detector_does_not_find_is_refused(tmp_path: Path) -> None:
    # Lever's EU host without its regional API: the example that says it needs api.eu.lever.co fails.
    text = SIGNATURES_YAML.replace(
        "      - hosts: [jobs.eu.lever.co]\n        base_url: https://api.eu.lever.co\n",
        "      - hosts: [jobs.eu.lever.co]\n",
    )
    found = problems(tmp_path, text)
    assert any("(lever) > examples #3: finds [('lever', 'acme-eu', '')], not ('lever', 'acme-eu', " in p for p in found)


def test_a_kind_that_is_no_source_is_refused(tmp_path: Path) -> None:
    text = SIGNATURES_YAML.replace("    kind: ashby\n", "    kind: ashby-hq\n")
    assert any("kind 'ashby-hq' is not a source kind" in p for p in problems(tmp_path, text))

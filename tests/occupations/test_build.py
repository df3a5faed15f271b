"""The packaged occupations file: fresh, credited, within size, and its curated source validated."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError, display_path
from skillgap.occupations import families_schema
from skillgap.occupations.build import DEFAULT_SHARED, build, main
from skillgap.occupations.index import OccupationIndex

SHARED = DEFAULT_SHARED
NEEDS_SHARED = pytest.mark.skipif(not (SHARED / "data").is_dir(), reason=f"the shared data folder {SHARED} is absent")


def packaged() -> bytes:
    return resources.files("skillgap.occupations").joinpath("data", "occupations.json").read_bytes()


@NEEDS_SHARED
def test_generated_file_matches_a_rebuild_and_check_catches_a_stale_one(tmp_path: Path) -> None:
    text, _stats = build(SHARED)
    assert text.encode() == packaged(), "rebuild with: python -m skillgap.occupations.build"
    assert main(["--shared", str(SHARED), "--check"]) == 0
    stale = tmp_path / "occupations.json"
    stale.write_text("{}", encoding="utf-8")
    assert main(["--shared", str(SHARED), "--out", str(stale), "--check"]) == 1
    assert stale.read_text(encoding="utf-8") == "{}"  # --check never writes


def test_the_file_is_compact_and_credits_its_sources() -> None:
    raw = packaged()
    assert len(raw) < 4_000_000
    data = json.loads(raw)
    credits = " ".join(a["credit"] for a in data["attribution"])
    assert (
        "O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), "
        "used under the CC BY 4.0 license." in credits
    )
    assert "This service uses the ESCO classification of the European Commission." in credits
    assert len(data["version"]) == 16
    assert all(o["family"] in data["families"] for o in data["occupations"].values())


def test_the_committed_families_file_is_valid() -> None:
    source = families_schema.load()
    assert source.data.family_of("15-1244.00") == "infrastructure"
    assert source.data.family_of("15-1252.00") == "software"
    assert source.data.family_of("15-1299.08") == "infrastructure"
    assert source.data.family_of("15-2051.00") == "data"
    assert source.data.family_of("13-1111.00") == "business_analysis"


def test_a_bad_families_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "families.yaml"
    path.write_text(
        "families:\n"
        "  software:\n"
        "    label: Software\n"
        "    codes: ['15-1252', '15-12x']\n"
        "  data:\n"
        "    label: Data\n"
        "    codes: ['15-1252']\n"
        "titles:\n"
        "  - title: DevOps Engineer\n"
        "    code: 15-1299.08\n"
        "    family: nope\n"
        "    why: test\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        families_schema.load(path)
    shown = display_path(path)
    assert caught.value.problems[0].startswith(f"{shown}:4: families > software > codes #2: Value error, not a SOC")
    path.write_text(path.read_text().replace(", '15-12x'", ""), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        families_schema.load(path)
    [problem] = caught.value.problems
    assert problem.startswith(f"{shown}:1:") and "15-1252 (software, data)" in problem
    path.write_text(
        path.read_text().replace("Data\n    codes: ['15-1252']", "Data\n    codes: ['15-2']"), encoding="utf-8"
    )
    with pytest.raises(DataFileError) as caught:
        families_schema.load(path)
    [problem] = caught.value.problems
    assert "titles name families that `families` does not define: nope" in problem


def test_neighbouring_families_are_named_and_listed_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "families.yaml"
    path.write_text(
        "families:\n"
        "  infrastructure:\n"
        "    label: Infrastructure\n"
        "    codes: ['15-1244']\n"
        "    neighbours: [it_support]\n"
        "  it_support:\n"
        "    label: IT support\n"
        "    codes: ['15-1232']\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        families_schema.load(path)
    [problem] = caught.value.problems
    assert "missing the way back for: infrastructure -> it_support" in problem
    path.write_text(path.read_text() + "    neighbours: [infrastructure, helpdesk]\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        families_schema.load(path)
    [problem] = caught.value.problems
    assert "neighbours name families that `families` does not define: it_support -> helpdesk" in problem


def test_the_packaged_index_knows_which_families_are_neighbours() -> None:
    index = OccupationIndex.packaged()
    assert index.neighbouring("infrastructure", "it_support") and index.neighbouring("it_support", "infrastructure")
    assert not index.neighbouring("infrastructure", "business_analysis")

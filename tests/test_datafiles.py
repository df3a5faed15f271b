"""Curated data files: YAML read with the line of every entry, schema errors that name the file and the line, the
shared JSON layout and the `--check` contract every build follows. The data files themselves are tested with
their areas (tests/skills/test_taxonomy.py, tests/learning, tests/interview/test_bank_build.py,
tests/occupations/test_build.py, tests/matching/test_actions_build.py)."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, StrictBool

from skillgap.datafiles import (
    DataFileError,
    alternation,
    content_version,
    display_path,
    load_yaml,
    render_json,
    write_or_check,
)

REPO = Path(__file__).resolve().parents[1]


class Point(BaseModel):
    model_config = ConfigDict(extra="forbid")
    point: str
    keywords: list[str]


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    points: list[Point]
    free: StrictBool = True


class Bank(BaseModel):
    model_config = ConfigDict(extra="forbid")
    shared: dict[str, Point] = {}
    questions: list[Question]


GOOD = """\
# a comment line
shared:
  measure: &measure
    point: measures
    keywords: [metric]
questions:
  - key: first
    points:
      - point: one
        keywords: [a, b]
      - *measure
  - key: second
    points:
      - point: two
        keywords: [c]
"""


def write(tmp_path: Path, text: str, name: str = "questions.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, schema: type[BaseModel] = Bank) -> list[str]:
    with pytest.raises(DataFileError) as caught:
        load_yaml(path, schema)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def test_a_valid_file_loads_with_aliases_expanded_and_lines_kept(tmp_path: Path) -> None:
    source = load_yaml(write(tmp_path, GOOD), Bank)
    assert [q.key for q in source.data.questions] == ["first", "second"]
    assert source.data.questions[0].points[1] == Point(point="measures", keywords=["metric"])
    assert source.line("questions", 0) == 7
    assert source.line("questions", 1, "points", 0) == 14
    assert source.line("questions", 1, "points", 0, "keywords") == 15
    assert source.line("questions", 1, "no-such-field") == 12  # the nearest entry that holds it
    assert source.at("questions", 1) == f"{display_path(source.path)}:12"


def test_a_malformed_entry_names_the_file_the_line_and_the_entry(tmp_path: Path) -> None:
    # The first rubric point of the second question lacks its keywords: the error points at that point's line.
    text = GOOD.replace("      - point: two\n        keywords: [c]\n", "      - point: two\n      - point: three\n")
    path = write(tmp_path, text + "        keywords: [d]\n")
    assert problems(path) == [f"{display_path(path)}:14: questions #2 (second) > points #1 > keywords: Field required"]


def test_every_problem_is_listed_each_with_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("  - key: second\n", "  - key: second\n    free: 'yes'\n    color: red\n")
    text = text.replace("keywords: [a, b]", "keywords: a")
    path = write(tmp_path, text)
    shown = display_path(path)
    assert problems(path) == [
        f"{shown}:10: questions #1 (first) > points #1 > keywords: Input should be a valid list",
        f"{shown}:13: questions #2 (second) > free: Input should be a valid boolean",
        f"{shown}:14: questions #2 (second) > color: Extra inputs are not permitted",
    ]


def test_yaml_syntax_errors_duplicate_keys_and_merge_keys_name_their_line(tmp_path: Path) -> None:
    broken = write(tmp_path, GOOD.replace("keywords: [c]", "keywords: [c"))
    [problem] = problems(broken)
    assert problem.startswith(f"{display_path(broken)}:") and "not valid YAML" in problem

    twice = write(tmp_path, GOOD.replace("  - key: second\n", "  - key: second\n    key: again\n"))
    assert problems(twice) == [f"{display_path(twice)}:13: duplicate key 'key'"]

    merged = write(tmp_path, GOOD.replace("      - *measure\n", "      - <<: *measure\n        point: changed\n"))
    assert problems(merged) == [f"{display_path(merged)}:11: merge keys (<<) are not supported: repeat the fields"]

    empty = write(tmp_path, "# nothing but a comment\n")
    assert problems(empty) == [f"{display_path(empty)}:1: the file is empty"]

    assert problems(tmp_path / "absent.yaml")[0].startswith(f"{display_path(tmp_path / 'absent.yaml')}: cannot read it")


def test_scalars_keep_their_yaml_types_so_the_schema_sees_them(tmp_path: Path) -> None:
    # "yes" and "on" are booleans in YAML 1.1: a string field refuses them instead of reading "True".
    path = write(tmp_path, GOOD.replace("  - key: second\n", "  - key: yes\n"))
    assert problems(path) == [f"{display_path(path)}:12: questions #2 > key: Input should be a valid string"]


def test_paths_are_shown_relative_to_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    path = write(tmp_path / "data", GOOD)
    monkeypatch.chdir(tmp_path)
    assert display_path(path) == os.path.join("data", "questions.yaml")
    monkeypatch.chdir(REPO)
    assert display_path(path) == str(path)


def test_render_json_writes_one_entry_per_line_and_the_version_hashes_the_content() -> None:
    body = {"format": 1, "meta": {"b": 1, "a": [2]}, "items": [{"z": 1, "y": "é"}, {"x": None}]}
    text = render_json({"version": content_version(body), **body}, "items")
    # Head values with sorted keys; entries compact, in their order.
    assert text.splitlines()[3:7] == ['"meta": {"a": [2], "b": 1},', '"items": [', '{"z":1,"y":"é"},', '{"x":null}']
    assert json.loads(text)["items"] == body["items"]
    by_id = render_json({"format": 1, "skills": {"go": [1], "c": []}}, "skills")
    assert by_id == '{\n"format": 1,\n"skills": {\n"go": [1],\n"c": []\n}\n}\n'
    assert content_version(body) == content_version(dict(reversed(body.items())))
    assert content_version(body) != content_version({**body, "format": 2})


def test_write_or_check(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("test_datafiles")
    out = tmp_path / "sub" / "built.json"
    assert write_or_check("{}\n", out, check=True, prog="build", summary="s", log=log) == 1  # absent: stale
    assert not out.exists()
    assert write_or_check("{}\n", out, check=False, prog="build", summary="s", log=log) == 0
    assert out.read_text(encoding="utf-8") == "{}\n"
    assert write_or_check("{}\n", out, check=True, prog="build", summary="s", log=log) == 0
    caplog.clear()
    assert write_or_check('{"a": 1}\n', out, check=True, prog="python -m x.build", summary="s", log=log) == 1
    assert "is stale: run python -m x.build" in caplog.text
    assert out.read_text(encoding="utf-8") == "{}\n"  # --check never writes


def test_the_product_loads_json_without_pyyaml() -> None:
    # PyYAML is a build-time (dev) dependency: the run-time loaders must not need it.
    code = (
        "import sys\n"
        "sys.modules['yaml'] = None  # importing it now fails\n"
        "from skillgap.interview.bank import QuestionBank\n"
        "from skillgap.learning.catalog import ResourceCatalog\n"
        "from skillgap.matching.actions import ActionTemplates\n"
        "from skillgap.occupations import OccupationIndex\n"
        "from skillgap.skills.taxonomy import Taxonomy\n"
        "print(len(QuestionBank.load()), len(ResourceCatalog.load()), len(Taxonomy.load()),"
        " len(OccupationIndex.packaged()), len(ActionTemplates.load().entries))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert all(int(n) > 0 for n in done.stdout.split())


def test_an_alternation_matches_the_longest_phrase_and_shares_beginnings() -> None:
    phrases = ("mar", "march", "mars", "till", "till now", "aujourd'hui", "to date")
    pattern = re.compile(alternation(phrases), re.IGNORECASE)
    text = "March, Mars, mar; till \n now; till; Aujourd’hui; to  date"
    assert [match.group() for match in pattern.finditer(text)] == [
        "March", "Mars", "mar", "till \n now", "till", "Aujourd’hui", "to  date"
    ]  # fmt: skip
    # one branch per first letter, not one per phrase: "mar", "march" and "mars" share "mar"
    assert alternation(phrases).count("mar") == 1

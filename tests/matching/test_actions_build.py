"""The action templates' build: the committed json is fresh, and a broken template is refused with its file and
line."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.datafiles import display_path
from skillgap.matching import build
from skillgap.matching.actions_schema import SOURCE

TEMPLATES_YAML = SOURCE.read_text(encoding="utf-8")


def test_the_committed_json_is_fresh() -> None:
    assert build.main(["--check"]) == 0


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "actions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(build.BuildError) as caught:
        build.build(path)
    return str(caught.value).splitlines()


def _line(text: str, needle: str) -> int:
    return text.splitlines().index(next(line for line in text.splitlines() if needle in line)) + 1


def test_a_placeholder_the_gap_has_not_is_refused_with_its_line(tmp_path: Path) -> None:
    needle = "Use {skill} in a real task of a project and say in one bullet what it let you do."
    text = TEMPLATES_YAML.replace(needle, "Use {skill} on top of {base} in a real task, for {years} years.")
    [base, years] = sorted(problems(tmp_path, text))
    where = f"{display_path(tmp_path / 'actions.yaml')}:{_line(text, 'on top of {base}')}: templates #"
    assert base.startswith(where) and "(tool) > missing #1: {base} is not a placeholder of missing" in base
    assert years.startswith(where) and "{years} is not a placeholder" in years


def test_unknown_groups_and_ids_and_a_missing_period_are_refused(tmp_path: Path) -> None:
    text = TEMPLATES_YAML.replace("groups: [infrastructure and operations]", "groups: [infrastructure & ops]")
    text = text.replace("skills: [android, ios]", "skills: [android, i-os]")
    text = text.replace("what it costs to run.", "what it costs to run")
    found = "\n".join(problems(tmp_path, text))
    assert "no taxonomy skill has the group 'infrastructure & ops'" in found
    assert "'i-os' is not a skill id in the taxonomy" in found
    assert "(cloud-platform) > missing #1: a sentence ends with a period" in found


def test_the_last_entry_must_be_the_general_fallback(tmp_path: Path) -> None:
    general = TEMPLATES_YAML.index("  - key: general\n")
    found = problems(tmp_path, TEMPLATES_YAML[:general])
    assert any("the last entry must be a general fallback" in p for p in found)

"""The words of resume section headings (usual headings, keywords, bootcamp words) as curated data: built, fresh,
checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillgap.datafiles import DataFileError
from skillgap.skills import resume_headings_build
from skillgap.skills.experience import ResumeSectionKind
from skillgap.skills.resume_headings_schema import BUILT, KINDS, Headings

_VALID = """format: 1
headings:
  experience: [experience]
  education: [education]
  skills: [skills]
  projects: [projects]
  certifications: [certifications]
  summary: [summary]
  other: [{other}]
volunteer: '\\bvolunteer'
keywords:
  - kind: experience
    pattern: '{pattern}'
bootcamp:
  programmes: [immersive]
  roles: [fellow]
  schools: [flatiron school]
schools: [gymnasium]
pupil_schools: [high school]
pupil_school_stems: [realschul]
joiners: [and]
"""


def test_the_committed_resume_headings_are_fresh() -> None:
    assert resume_headings_build.main(["--check"]) == 0
    assert BUILT.read_text(encoding="utf-8") == resume_headings_build.build()


def test_the_heading_kinds_are_the_resume_section_kinds() -> None:
    assert KINDS == tuple(Headings.model_fields)
    assert set(KINDS) == {kind.value for kind in ResumeSectionKind}


def test_a_heading_listed_under_two_kinds_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "resume_headings.yaml"
    path.write_text(_VALID.format(other="skills", pattern=r"\bwork\b"), encoding="utf-8")
    with pytest.raises(DataFileError, match="listed twice"):
        resume_headings_build.build(path)


def test_a_keyword_pattern_that_does_not_compile_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "resume_headings.yaml"
    path.write_text(_VALID.format(other="awards", pattern=r"\b(?:work"), encoding="utf-8")
    with pytest.raises(DataFileError, match="does not compile"):
        resume_headings_build.build(path)

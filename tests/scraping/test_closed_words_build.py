"""The closed-page words' build (`python -m skillgap.scraping.closed_build`): the committed json is fresh (a stale
one fails here), the phrases it holds are what a job page is read by, and a phrase listed twice or that could never
match is refused with its file and line."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from skillgap.datafiles import DataFileError, display_path
from skillgap.scraping import closed_build
from skillgap.scraping.closed_words_schema import BUILT, SOURCE
from skillgap.scraping.sources.page_closed import closing_words

WORDS_YAML = SOURCE.read_text(encoding="utf-8")


def test_the_committed_json_is_fresh() -> None:
    assert closed_build.main(["--check"]) == 0
    assert BUILT.read_text(encoding="utf-8") == closed_build.build()


def test_a_stale_json_is_reported_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "closed_words.json"
    assert closed_build.main(["--out", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace('"filled", ', ""), encoding="utf-8")
    stale = out.read_text(encoding="utf-8")
    assert closed_build.main(["--out", str(out), "--check"]) == 1
    assert out.read_text(encoding="utf-8") == stale


@pytest.mark.parametrize(
    ("page", "said"),
    [
        ("<p>No longer\n  <b>accepting</b> applications</p>", "No longer accepting applications"),
        ("<h2>The job you are looking for is no longer open.</h2>", "The job you are looking for is no longer open"),
        ("<div>This vacancy has been filled</div>", "This vacancy has been filled"),
        ("<p>This role is remote and open to all.</p>", None),
    ],
)
def test_a_page_is_read_by_the_built_phrases(page: str, said: str | None) -> None:
    root = lxml.html.fromstring(f"<html><body><h1>Backend Engineer</h1>{page}</body></html>")
    assert closing_words(root) == (f"the page says {said!r}" if said else "")


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "closed_words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        closed_build.build(path)
    return caught.value.problems


def _at(tmp_path: Path, text: str, needle: str) -> str:
    line = next(number for number, line in enumerate(text.splitlines(), start=1) if needle in line)
    return f"{display_path(tmp_path / 'closed_words.yaml')}:{line}"


def test_a_phrase_listed_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    text = WORDS_YAML.replace("verbs: [is, has been]", "verbs: [is, has been, is]")
    [problem] = problems(tmp_path, text)
    assert problem == f"{_at(tmp_path, text, 'verbs: [')}: 'is' is listed twice (also #1)"


def test_a_phrase_that_could_never_match_is_refused(tmp_path: Path) -> None:
    # Upper case, a double space and a trailing mark would each be read otherwise than written.
    text = WORDS_YAML.replace("nouns: [job, position,", "nouns: [Job, 'open  role', 'post.', position,")
    found = problems(tmp_path, text)
    assert len(found) == 3 and all(p.startswith(_at(tmp_path, text, "nouns: [")) for p in found)
    assert any("'Job' must be written in lower case" in p for p in found)

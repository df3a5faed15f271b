"""Build `skillgap/occupations/data/occupations.json`: O*NET occupations with their titles, job zones, related
occupations and role families, plus ESCO's labels where an ESCO occupation maps to O*NET reliably.

    python -m skillgap.occupations.build [--shared ../shared] [--out PATH] [--check]

Inputs (read here only; the product loads the generated json):
- `data/families.yaml` (schema: `families_schema.py`): role families by SOC group, and pinned titles.
- `<shared>/data/onet/` (O*NET 29.2, CC BY 4.0): `Occupation Data` (code, title), `Alternate Titles` (each
  alternate title, its short title and its sources: how many of O*NET's title sources report it is the weight
  that decides between occupations sharing a title), `Job Zones`, `Related Occupations` (with their tier:
  1 Primary-Short, 2 Primary-Long, 3 Supplemental). `Sample of Reported Titles` is NOT read: it is the held-out
  test of tests/benchmarks/eval_occupations.py.
- `<shared>/data/esco/occupations_en.csv` (ESCO 1.2.0): an ESCO occupation joins the O*NET occupation that its
  preferred label names exactly (the label's words are a title of exactly one O*NET occupation), or that at
  least two of its labels name exactly with no label naming another occupation. Its other labels then become
  titles of that occupation, with the lowest weight, unless O*NET already has those words. ESCO occupations
  that map no other way are skipped (most: ESCO's and O*NET's wordings differ; no crosswalk is in the data).

Each title is stored as written and as its words (`titles.words`); the index keys titles by those words.
The output is deterministic (sorted, no timestamps); `version` is a hash of the content. `--check` writes
nothing and exits 1 when the committed file differs from a fresh build.
"""

from __future__ import annotations

import csv
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from skillgap.datafiles import (
    BuildFailed,
    DataFileError,
    Source,
    build_arguments,
    content_version,
    render_json,
    run_build,
)
from skillgap.occupations import families_schema
from skillgap.occupations.families_schema import RoleFamilies
from skillgap.occupations.index import PINNED_WEIGHT, OccupationIndex
from skillgap.occupations.titles import key, role_words, words

log = logging.getLogger("skillgap.occupations.build")

PROG: Final = "python -m skillgap.occupations.build"
REPO_ROOT: Final = Path(__file__).resolve().parents[3]
DEFAULT_SHARED: Final = REPO_ROOT.parent / "shared"
DEFAULT_OUT: Final = Path(__file__).resolve().parent / "data" / "occupations.json"
FORMAT: Final = 1

# Title weights: a pinned title beats the occupation's own title, which beats any alternate title (weighted
# by its number of O*NET sources, 1-6), which beats an ESCO label.
WEIGHT_PINNED: Final = PINNED_WEIGHT
WEIGHT_OCCUPATION: Final = 16
WEIGHT_PER_SOURCE: Final = 2
WEIGHT_ESCO: Final = 1
TIERS: Final = {"Primary-Short": 1, "Primary-Long": 2, "Supplemental": 3}

ONET_CREDIT: Final = (
    "O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), "
    "used under the CC BY 4.0 license."
)
ESCO_CREDIT: Final = "This service uses the ESCO classification of the European Commission."
ATTRIBUTION: Final[tuple[dict[str, str], ...]] = (
    {
        "source": "O*NET 29.2 Database (Occupation Data, Alternate Titles, Job Zones, Related Occupations)",
        "credit": ONET_CREDIT,
        "license": "CC BY 4.0",
        "license_url": "https://creativecommons.org/licenses/by/4.0/",
        "url": "https://www.onetcenter.org/database.html",
        "notice": "O*NET(R) is a trademark of USDOL/ETA. SkillGap has modified all or some of this information "
        "(normalised titles, added role families and pinned titles). USDOL/ETA has not approved, endorsed, or "
        "tested these modifications.",
    },
    {
        "source": "ESCO 1.2.0 (occupations, English labels)",
        "credit": ESCO_CREDIT,
        "license": "European Commission, free of charge for any use",
        "url": "https://esco.ec.europa.eu/",
        "notice": "Labels of ESCO occupations mapped to O*NET occupations by exact title matches.",
    },
)


class BuildError(BuildFailed):
    pass


@dataclass
class _Title:
    display: str
    words: tuple[str, ...]
    weight: int
    family: str | None = None


@dataclass
class _Occupation:
    code: str
    title: str
    job_zone: int | None = None
    family: str = ""
    related: list[tuple[str, int]] = field(default_factory=list)
    titles: dict[str, _Title] = field(default_factory=dict)  # by key

    def add(self, display: str, weight: int, family: str | None = None) -> bool:
        tokens = role_words(display)
        if not tokens:
            return False
        k = key(tokens)
        current = self.titles.get(k)
        if current is None or weight > current.weight:
            self.titles[k] = _Title(display.strip(), tokens, weight, family or (current.family if current else None))
        return current is None


@dataclass
class Stats:
    onet_titles: int = 0
    esco_mapped: int = 0
    esco_titles: int = 0
    pinned: int = 0


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise BuildError(f"missing input {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split_parentheses(title: str) -> list[str]:
    """'Quality Assurance Engineer (QA Engineer)' -> the title without, and each part within, parentheses."""
    if "(" not in title:
        return [title]
    outside, inside, depth = [], [], 0
    current: list[str] = []
    for ch in title:
        if ch == "(":
            depth += 1
            if depth == 1:
                outside.append("".join(current))
                current = []
                continue
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                inside.append("".join(current))
                current = []
                continue
        current.append(ch)
    (inside if depth else outside).append("".join(current))
    return [p for p in (" ".join("".join(outside).split()), *(" ".join(i.split()) for i in inside)) if p]


def read_onet(onet: Path, occupations: dict[str, _Occupation], stats: Stats) -> None:
    for row in _rows(onet / "Occupation Data.txt"):
        occupation = _Occupation(row["O*NET-SOC Code"], row["Title"])
        occupations[occupation.code] = occupation
        for part in _split_parentheses(occupation.title):
            occupation.add(part, WEIGHT_OCCUPATION)
    for row in _rows(onet / "Alternate Titles.txt"):
        occupation = occupations[row["O*NET-SOC Code"]]
        weight = WEIGHT_PER_SOURCE * len([s for s in row["Source(s)"].split(",") if s.strip()])
        for part in (*_split_parentheses(row["Alternate Title"]), row["Short Title"]):
            if part.strip():
                stats.onet_titles += occupation.add(part, weight)
    for row in _rows(onet / "Job Zones.txt"):
        occupations[row["O*NET-SOC Code"]].job_zone = int(row["Job Zone"])
    for row in _rows(onet / "Related Occupations.txt"):
        occupations[row["O*NET-SOC Code"]].related.append(
            (row["Related O*NET-SOC Code"], TIERS[row["Relatedness Tier"]])
        )


def _owners(occupations: dict[str, _Occupation]) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for occupation in occupations.values():
        for k in occupation.titles:
            owners[k].add(occupation.code)
    return owners


def read_esco(path: Path, occupations: dict[str, _Occupation], stats: Stats) -> None:
    owners = _owners(occupations)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: r["conceptUri"])
    for row in rows:
        preferred = row["preferredLabel"].strip()
        labels = [preferred, *(label.strip() for label in row["altLabels"].splitlines() if label.strip())]
        target = _esco_target(preferred, labels, owners)
        if target is None:
            continue
        stats.esco_mapped += 1
        occupation = occupations[target]
        for label in labels:
            tokens = words(label)
            if tokens and key(tokens) not in owners:
                stats.esco_titles += occupation.add(label, WEIGHT_ESCO)


def _esco_target(preferred: str, labels: list[str], owners: dict[str, set[str]]) -> str | None:
    """The one O*NET occupation the ESCO labels name exactly, or None."""
    codes = owners.get(key(words(preferred)), set())
    if len(codes) == 1:
        return next(iter(codes))
    votes: Counter[str] = Counter()
    for label in labels:
        named = owners.get(key(words(label)), set())
        if len(named) == 1:
            votes.update(named)
    if len(votes) == 1:
        [(code, count)] = votes.items()
        return code if count >= 2 else None
    return None


def apply_families(
    source: Source[RoleFamilies], occupations: dict[str, _Occupation], stats: Stats, *, pinned: bool = True
) -> None:
    problems: list[str] = []
    for code, occupation in occupations.items():
        family = source.data.family_of(code)
        if family is None:
            problems.append(f"{source.at('families')}: no family covers {code} ({occupation.title})")
        occupation.family = family or ""
    for index, rule in enumerate(source.data.titles if pinned else ()):
        if rule.code not in occupations:
            problems.append(f"{source.at('titles', index)}: {rule.title}: no O*NET occupation {rule.code}")
            continue
        tokens = words(rule.title)
        if not tokens:
            problems.append(f"{source.at('titles', index)}: {rule.title}: the title has no words")
            continue
        occupations[rule.code].add(rule.title, WEIGHT_PINNED, rule.family)
        stats.pinned += 1
    if problems:
        raise DataFileError(problems)


def document(occupations: dict[str, _Occupation], families: RoleFamilies) -> dict[str, Any]:
    def titles(occupation: _Occupation) -> list[list[Any]]:
        ordered = sorted(occupation.titles.values(), key=lambda t: (-t.weight, t.display.lower(), t.display))
        out: list[list[Any]] = []
        for t in ordered:
            spaced = " ".join(t.words)
            # The title as written only when title-casing its words does not give it back.
            entry: list[Any] = [spaced, t.weight, "" if t.display == spaced.title() else t.display]
            if t.family:
                entry.append(t.family)
            elif not entry[2]:
                entry.pop()
            out.append(entry)
        return out

    body: dict[str, Any] = {
        "format": FORMAT,
        "attribution": list(ATTRIBUTION),
        "families": {slug: family.label for slug, family in families.families.items()},
        "neighbours": {
            slug: list(family.neighbours) for slug, family in families.families.items() if family.neighbours
        },
        "occupations": {
            code: {
                "title": o.title,
                "job_zone": o.job_zone,
                "family": o.family,
                "related": [[c, tier] for c, tier in sorted(o.related, key=lambda r: (r[1], r[0]))],
                "titles": titles(o),
            }
            for code, o in sorted(occupations.items())
        },
    }
    return {"version": content_version(body), **body}


def build_document(
    shared: Path,
    *,
    esco: bool = True,
    pinned: bool = True,
    exclude: frozenset[str] = frozenset(),
    families_path: Path = families_schema.SOURCE,
) -> tuple[dict[str, Any], Stats]:
    """The document the product loads. For the evaluation only: `esco=False` / `pinned=False` leave those
    layers out, and `exclude` drops every title whose key (`titles.key` of its words) it holds."""
    source = families_schema.load(families_path)
    occupations: dict[str, _Occupation] = {}
    stats = Stats()
    read_onet(shared / "data" / "onet", occupations, stats)
    _drop(occupations, exclude)
    apply_families(source, occupations, stats, pinned=pinned)
    if esco:
        esco_path = shared / "data" / "esco" / "occupations_en.csv"
        if not esco_path.is_file():
            raise BuildError(f"missing input {esco_path}")
        read_esco(esco_path, occupations, stats)
    _drop(occupations, exclude)
    return document(occupations, source.data), stats


def _drop(occupations: dict[str, _Occupation], keys: frozenset[str]) -> None:
    if keys:
        for occupation in occupations.values():
            occupation.titles = {k: t for k, t in occupation.titles.items() if k not in keys}


def render(body: dict[str, Any]) -> str:
    """One occupation per line: reviewable diffs, still compact."""
    return render_json(body, "occupations")


def build(shared: Path) -> tuple[str, Stats]:
    body, stats = build_document(shared)
    text = render(body)
    OccupationIndex.from_json(text)  # the file loads
    return text, stats


def _summary(text: str, stats: Stats) -> str:
    data = json.loads(text)
    occupations = data["occupations"]
    titles = sum(len(o["titles"]) for o in occupations.values())
    families = Counter(o["family"] for o in occupations.values())
    return (
        f"{len(occupations)} occupations, {titles} titles (O*NET {stats.onet_titles}, ESCO {stats.esco_titles} "
        f"from {stats.esco_mapped} mapped ESCO occupations, pinned {stats.pinned}); "
        f"{sum(1 for o in occupations.values() if o['job_zone'] is None)} without a job zone; "
        f"families {dict(sorted(families.items()))}; {len(text.encode())} bytes; version {data['version']}"
    )


def main(argv: Iterable[str] | None = None) -> int:
    parser = build_arguments(PROG, (__doc__ or "").split("\n")[0], DEFAULT_OUT)
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder (default: %(default)s)"
    )
    args = parser.parse_args(None if argv is None else list(argv))

    def built() -> tuple[str, str]:
        text, stats = build(args.shared)
        return text, _summary(text, stats)

    return run_build(built, args, prog=PROG, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

"""Title -> occupation evaluation on titles people wrote: O*NET's Sample of Reported Titles, held out of the index.

    .venv/bin/python -m tests.benchmarks.eval_occupations [--shared PATH] [--errors 15]

The index the product ships (`skillgap/occupations/data/occupations.json`) is built from O*NET's occupation
titles and Alternate Titles, ESCO labels that map exactly, and the pinned titles of `families.yaml`; it never
reads `Sample of Reported Titles` (titles incumbents reported in O*NET's surveys). Those are the test here:
each distinct reported title, with the occupation(s) it was reported for as the gold answer.

Systems, in the same run on the same titles (all built here from `--shared`, so the figures are for the
current code and data):
- baseline: exact normalised lookup only (`match(title, fuzzy=False)`: the same words, no fuzzy match);
- ours: `OccupationIndex.match` (exact, then level words dropped, then the fuzzy match);
- ours without ESCO labels, and without the pinned titles (ablations).

Figures: coverage (a match is returned), top-1 code accuracy (the predicted O*NET-SOC code is one the title
was reported for; no match counts as wrong), 6-digit SOC accuracy (the same detailed occupation, ignoring
O*NET's ".01" specialities), same-family accuracy (the predicted role family is the gold's), each on all titles
first with the shipped index, then with an index that holds no title with a reported title's words.
O*NET's Alternate Titles already contain nearly every reported title, so the first run mostly measures the
choice between occupations sharing a title; the second ("strictly held out") is the one that measures
matching a title the index has never seen, which is what postings and resumes mostly need.
Then accuracy by confidence band, latency per title, and the mapping of typical tech titles for a person to
judge. The reported titles are themselves a little noisy (the same title is reported for several
occupations); the pinned titles were written without looking at them.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from skillgap.occupations.build import DEFAULT_SHARED, build_document
from skillgap.occupations.index import OccupationIndex
from skillgap.occupations.titles import key, words
from skillgap.skills.models import OccupationMatch

TECH_TITLES: tuple[str, ...] = (
    "Senior Software Engineer",
    "SRE",
    "Data Analyst",
    "DevOps Engineer",
    "Systems Administrator",
    "IT Support Specialist",
    "Product Manager",
    "Engineering Manager",
    "Staff Accountant",
    "Registered Nurse",
    "CDL Truck Driver",
    "Business Analyst",
    "QA Engineer",
    "Machine Learning Engineer",
    "Frontend Developer",
    # Noisier forms, as postings and resumes write them.
    "Sr. Software Engineer II - Remote | Acme Corp",
    "Engineer, Site Reliability (Kubernetes)",
    "Linux Systems Admin",
    "Information Technology Technician I",
    "Senior Data Engineer, Analytics Platform",
    "Full-Stack Developer (React/Node)",
    "Network Administrator - Austin, TX",
    "Cloud Infrastructure Engineer",
    "Help Desk Analyst Tier 2",
    "Director of Engineering",
    "UX Designer",
    "Security Engineer",
    "Accounts Payable Specialist",
)


@dataclass(frozen=True)
class Case:
    title: str
    codes: frozenset[str]


@dataclass
class Score:
    n: int = 0
    covered: int = 0
    code: int = 0
    soc: int = 0
    family: int = 0

    def add(self, case: Case, got: OccupationMatch | None, families: Callable[[str], str | None]) -> None:
        self.n += 1
        if got is None:
            return
        self.covered += 1
        self.code += got.code in case.codes
        self.soc += got.code[:7] in {c[:7] for c in case.codes}
        self.family += got.family in {families(c) for c in case.codes}

    def row(self, name: str) -> str:
        def pct(x: int) -> str:
            return f"{100 * x / self.n:5.1f}%" if self.n else "    -"

        return f"{name:34} {self.n:6} {pct(self.covered)} {pct(self.code)} {pct(self.soc)} {pct(self.family)}"


def read_cases(shared: Path) -> list[Case]:
    path = shared / "data" / "onet" / "Sample of Reported Titles.txt"
    codes: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            codes[row["Reported Job Title"].strip()].add(row["O*NET-SOC Code"])
    return [Case(title, frozenset(c)) for title, c in sorted(codes.items())]


def _bands(cases: Sequence[Case], answers: Sequence[OccupationMatch | None]) -> None:
    bands: dict[str, list[bool]] = defaultdict(list)
    for case, got in zip(cases, answers, strict=True):
        band = "none" if got is None else "0.95+" if got.confidence >= 0.95 else f"{int(got.confidence * 10) / 10:.1f}-"
        bands[band].append(got is not None and got.code in case.codes)
    for band in sorted(bands, reverse=True):
        hits = bands[band]
        print(f"  confidence {band:6} {len(hits):5} titles, code accuracy {100 * sum(hits) / len(hits):5.1f}%")
    print()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--errors", type=int, default=15, help="how many wrong answers to print")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    full = OccupationIndex(build_document(args.shared)[0])
    built = time.perf_counter() - started
    no_esco = OccupationIndex(build_document(args.shared, esco=False)[0])
    no_pins = OccupationIndex(build_document(args.shared, pinned=False)[0])
    cases = read_cases(args.shared)
    # Strictly held out: O*NET's Alternate Titles already hold nearly every reported title, so this index
    # drops every title (of any occupation, any source) whose words are a reported title's words.
    reported = frozenset(key(words(c.title)) for c in cases)
    strict = OccupationIndex(build_document(args.shared, exclude=reported)[0])
    family = full.family_of

    systems: list[tuple[str, Callable[[str], OccupationMatch | None]]] = [
        ("baseline: exact lookup", lambda t: full.match(t, fuzzy=False)),
        ("ours", full.match),
        ("ours without ESCO labels", no_esco.match),
        ("ours without pinned titles", no_pins.match),
    ]
    strict_systems: list[tuple[str, Callable[[str], OccupationMatch | None]]] = [
        ("baseline: exact lookup", lambda t: strict.match(t, fuzzy=False)),
        ("ours", strict.match),
    ]
    print(f"index: {len(full)} occupations, built from {args.shared} in {built:.1f} s; version {full.version}")
    print(f"test: {len(cases)} distinct reported titles (O*NET Sample of Reported Titles, held out)\n")
    header = f"{'system':34} {'titles':>6} {'cover':>6} {'code':>6} {'soc6':>6} {'family':>6}"
    results: dict[str, list[OccupationMatch | None]] = {}
    latencies: list[float] = []
    runs = (
        ("shipped index (reported titles are mostly also Alternate Titles: this measures disambiguation)", systems),
        ("strictly held out (no title of the index has a reported title's words)", strict_systems),
    )
    for subset_name, run in runs:
        subset = cases
        print(f"== {subset_name}\n{header}")
        for name, match in run:
            score = Score()
            answers: list[OccupationMatch | None] = []
            for case in subset:
                t0 = time.perf_counter()
                got = match(case.title)
                if name == "ours" and run is systems:
                    latencies.append(time.perf_counter() - t0)
                answers.append(got)
                score.add(case, got, family)
            results[f"{subset_name}/{name}"] = answers
            print(score.row(name))
        print()

    for subset_name, _run in runs:
        print(f"== ours, by confidence: {subset_name.split(' (')[0]}")
        _bands(cases, results[f"{subset_name}/ours"])

    hostile = "Senior " * 1500
    t0 = time.perf_counter()
    full.match(hostile)
    hostile_ms = 1000 * (time.perf_counter() - t0)
    ordered = sorted(latencies)
    print(
        f"\n== latency of ours per title ({len(latencies)} titles): mean {1000 * statistics.mean(latencies):.3f} ms, "
        f"p50 {1000 * ordered[len(ordered) // 2]:.3f} ms, p99 {1000 * ordered[int(len(ordered) * 0.99)]:.3f} ms, "
        f"max {1000 * ordered[-1]:.3f} ms; a {len(hostile)}-char title {hostile_ms:.3f} ms"
    )

    print(f"\n== {args.errors} wrong answers of ours (title -> got; gold)")
    print("   (strictly held out)")
    answers = results[f"{runs[1][0]}/ours"]
    wrong = [(c, g) for c, g in zip(cases, answers, strict=True) if g and g.code not in c.codes]
    step = max(1, len(wrong) // max(1, args.errors))
    for case, got in wrong[::step][: args.errors]:
        assert got is not None
        gold = ", ".join(sorted(case.codes))
        print(f"  {case.title!r} -> {got.code} {got.title} ({got.confidence:.2f}, {got.matched!r}); gold {gold}")

    print("\n== typical tech titles (ours)")
    for title in TECH_TITLES:
        got = full.match(title)
        if got is None:
            print(f"  {title:45} -> no match")
        else:
            print(
                f"  {title:45} -> {got.code} {got.title} [{got.family}, zone {got.job_zone}] "
                f"conf {got.confidence:.2f} via {got.matched!r}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Seniority on labelled real postings and resumes: ours next to two baselines (issue 16, item 4).

    .venv/bin/python -m tests.benchmarks.eval_seniority [--split tune|held_out|all] [--misses]

Data (`tests/data/reading/`, rules in its LABELLING.md): `postings/labels.yaml` (`id`, `title`, `seniority` on
the `Seniority` scale, `split: tune|held_out`) with `postings/texts/<id>.txt` (first line the title, a blank
line, the description); `resumes/labels.yaml` (`id`, `seniority`, `split`, `as_of`: the day "present" is
counted to) with `resumes/texts/<id>.txt`.

Systems, measured in the same run on the same items:
- ours: the real extraction path, `TaxonomyExtractor(Taxonomy.load(), OccupationIndex.packaged())` (job-zone
  prior included), for a posting (so the years asked are the extractor's), `extract_resume_sync(text)` for a resume;
- before: `skillgap/skills/seniority.py` as it was before issue 16 (`tests.benchmarks.baseline`),
  given the same title, description and years (postings) or recent titles and total years (resumes);
- baseline, title keywords only: the first level keyword in the (newest) title, nothing else.

Per split: exact accuracy, within-one-level accuracy (on `SENIORITY_ORDER`; "unspecified" is within one of
nothing but itself), the share left unspecified, and ours' confusion table (rows: the label, columns: ours).
`--misses` lists ours' wrong items, for the tune split only: held-out items are scored, never looked at.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from skillgap.occupations.index import OccupationIndex
from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.models import SENIORITY_ORDER, Seniority
from skillgap.skills.taxonomy import Taxonomy
from tests.benchmarks.baseline import module_at

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = REPO_ROOT / "tests/data/reading"
SENIORITY_MODULE = "server/skillgap/skills/seniority.py"
SPLITS = ("tune", "held_out")
OURS = "ours"
AT_HEAD = "before issue 16 (3faf612)"
KEYWORDS = "baseline: title keywords"
SYSTEMS = (OURS, AT_HEAD, KEYWORDS)
SCALE = [level for level in Seniority if level is not Seniority.UNSPECIFIED] + [Seniority.UNSPECIFIED]
SHORT = {level: level.value[:5] for level in Seniority}

# The baseline: the first of these found in the title, in this order.
_KEYWORDS: tuple[tuple[Seniority, re.Pattern[str]], ...] = tuple(
    (level, re.compile(pattern, re.IGNORECASE))
    for level, pattern in (
        (Seniority.INTERN, r"\b(?:intern|internship|trainee|apprentice)\b"),
        (Seniority.EXECUTIVE, r"\b(?:vp|vice president|chief|ceo|cto|cfo|coo|president)\b"),
        (Seniority.DIRECTOR, r"\b(?:director|head)\b"),
        (Seniority.PRINCIPAL, r"\bprincipal\b"),
        (Seniority.STAFF, r"\bstaff\b"),
        (Seniority.LEAD, r"\b(?:lead|manager|supervisor)\b"),
        (Seniority.SENIOR, r"\b(?:senior|sr)\b"),
        (Seniority.MID, r"\b(?:mid|intermediate)\b"),
        (Seniority.JUNIOR, r"\b(?:junior|jr|associate)\b"),
        (Seniority.ENTRY, r"\b(?:entry|graduate)\b"),
    )
)


def keyword_level(title: str) -> Seniority:
    for level, pattern in _KEYWORDS:
        if pattern.search(title):
            return level
    return Seniority.UNSPECIFIED


@dataclass
class Item:
    item_id: str
    split: str
    gold: Seniority
    predicted: dict[str, Seniority]
    note: str = ""  # title, and ours' reason (printed for tune misses only)


def read_labels(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [entry for entry in loaded if isinstance(entry, dict) and entry.get("seniority")]


def level_of(value: object) -> Seniority:
    try:
        return Seniority(str(value).strip().lower())
    except ValueError:
        return Seniority.UNSPECIFIED


def seniority_at_head(workdir: Path) -> ModuleType:
    """`skillgap/skills/seniority.py` as it was before issue 16's work (the name is historical)."""
    return module_at(SENIORITY_MODULE)


def read_posting(item_id: str) -> tuple[str, str]:
    text = (DATA / "postings/texts" / f"{item_id}.txt").read_text(encoding="utf-8")
    title, _, description = text.partition("\n")
    return title.strip(), description.strip("\n")


def posting_items(extractor: TaxonomyExtractor, head: ModuleType, splits: Sequence[str]) -> list[Item]:
    items = []
    for entry in read_labels(DATA / "postings/labels.yaml"):
        if entry.get("split") not in splits:
            continue
        item_id = str(entry["id"])
        title, description = read_posting(item_id)
        job = extractor.extract_job_sync(title=title, description=description)
        at_head = head.job_seniority(title, min_years=job.min_years_experience, description=description)
        items.append(
            Item(
                item_id,
                str(entry["split"]),
                level_of(entry["seniority"]),
                {OURS: job.seniority.level, AT_HEAD: at_head.level, KEYWORDS: keyword_level(title)},
                f"{title!r} (years {job.min_years_experience}): {job.seniority.reason}",
            )
        )
    return items


def resume_items(extractor: TaxonomyExtractor, head: ModuleType, splits: Sequence[str]) -> list[Item]:
    items = []
    for entry in read_labels(DATA / "resumes/labels.yaml"):
        if entry.get("split") not in splits:
            continue
        item_id = str(entry["id"])
        text = (DATA / "resumes/texts" / f"{item_id}.txt").read_text(encoding="utf-8")
        as_of = entry.get("as_of")  # "present" in the resume is counted to this day, as the labels were
        profile = extractor.extract_resume_sync(text, today=as_of if isinstance(as_of, date) else None)
        titles = profile.recent_titles
        at_head = head.resume_seniority(titles, profile.total_years_experience)
        items.append(
            Item(
                item_id,
                str(entry["split"]),
                level_of(entry["seniority"]),
                {
                    OURS: profile.seniority.level,
                    AT_HEAD: at_head.level,
                    KEYWORDS: keyword_level(titles[0]) if titles else Seniority.UNSPECIFIED,
                },
                f"{list(titles)!r} (years {profile.total_years_experience}): {profile.seniority.reason}",
            )
        )
    return items


def within_one(gold: Seniority, predicted: Seniority) -> bool:
    if gold is Seniority.UNSPECIFIED or predicted is Seniority.UNSPECIFIED:
        return gold is predicted
    gap: int = abs(SENIORITY_ORDER[gold] - SENIORITY_ORDER[predicted])
    return gap <= 1


def _exact(system: str, item: Item) -> bool:
    return item.predicted[system] is item.gold


def _near(system: str, item: Item) -> bool:
    return within_one(item.gold, item.predicted[system])


def _unspecified(system: str, item: Item) -> bool:
    return item.predicted[system] is Seniority.UNSPECIFIED


def share(items: Sequence[Item], hit: Callable[[Item], bool]) -> str:
    if not items:
        return "-"
    count = sum(1 for item in items if hit(item))
    return f"{count / len(items):.0%} ({count}/{len(items)})"


def figures(kind: str, split: str, items: Sequence[Item]) -> list[str]:
    lines = [
        f"### {kind}, {split}: {len(items)} items",
        "",
        "| system | exact | within one level | left unspecified |",
        "|---|---|---|---|",
    ]
    for system in SYSTEMS:
        exact = share(items, partial(_exact, system))
        near = share(items, partial(_near, system))
        unspecified = share(items, partial(_unspecified, system))
        lines.append(f"| {system} | {exact} | {near} | {unspecified} |")
    lines.append(f"\nlabelled unspecified: {share(items, lambda i: i.gold is Seniority.UNSPECIFIED)}\n")
    return lines


def confusion(items: Sequence[Item]) -> list[str]:
    counts = Counter((item.gold, item.predicted[OURS]) for item in items)
    shown = [level for level in SCALE if any(level in pair for pair in counts)]
    lines = ["ours' confusion (rows: label, columns: ours)", ""]
    lines.append("| label \\ ours | " + " | ".join(SHORT[level] for level in shown) + " |")
    lines.append("|---" * (len(shown) + 1) + "|")
    for gold in shown:
        cells = [str(counts[(gold, predicted)] or ".") for predicted in shown]
        lines.append(f"| {gold.value} | " + " | ".join(cells) + " |")
    return lines + [""]


def report(kind: str, items: Sequence[Item], splits: Sequence[str], misses: bool) -> None:
    print(f"## {kind}\n")
    if not items:
        print("no labelled items\n")
        return
    for split in splits:
        chosen = [item for item in items if item.split == split]
        print("\n".join(figures(kind, split, chosen)))
        if chosen:
            print("\n".join(confusion(chosen)))
        if misses and split == "tune":
            for item in chosen:
                if item.predicted[OURS] is not item.gold:
                    print(f"- {item.item_id}: label {item.gold.value}, ours {item.predicted[OURS].value}: {item.note}")
            print()
    if len(splits) > 1:
        print("\n".join(figures(kind, "all", items)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="tune")
    parser.add_argument("--misses", action="store_true", help="list ours' wrong tune items")
    args = parser.parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)

    extractor = TaxonomyExtractor(Taxonomy.load(), OccupationIndex.packaged())
    with tempfile.TemporaryDirectory(prefix="seniority-head-") as workdir:
        head = seniority_at_head(Path(workdir))
        postings = posting_items(extractor, head, splits)
        resumes = resume_items(extractor, head, splits)
    print(f"# Seniority, split {args.split}\n")
    report("postings", postings, splits, args.misses)
    report("resumes", resumes, splits, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())

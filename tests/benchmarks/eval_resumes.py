"""Structured experience on labelled real resumes: today's reading next to the code at git HEAD, in one run.

    .venv/bin/python -m tests.benchmarks.eval_resumes [--split tune|held_out|all] [--show-errors] [--new-from rNNN]
        [--by-kind] [--upload-as text|docx]

Data: `tests/data/reading/resumes/` (texts/rNNN.txt and labels.yaml; the labelling rules are LABELLING.md).
Tune on `split: tune` only; `held_out` is run once, at the end of a piece of work.

Each text is read as a user's upload of it is: through `parse_resume` (a .txt file; with `--upload-as docx`, the text
written as a Word document and read back by the upload's DOCX reader), then the extractor. Per split,
for today's `TaxonomyExtractor.extract_resume_sync` and the baseline (`experience.py` as committed
at HEAD, loaded from `git show` into a module of its own: its `parse_experience`, and its fallback to the
largest years statement of the resume, as HEAD's extractor did):

- most recent title: the first recent title equals the label (case and whitespace aside); "lenient": one
  contains the other;
- total years within 15% of the label;
- entries: precision and recall of entries matched one to one by start month ±1 and end month ±1 (a bare
  year matches any month of that year; current matches current);
- company: of the matched entries whose labelled company is not empty, the share whose company equals it;
- education: recall of labelled degrees (degree as written equal, or one containing the other);
- time: p50/p95 ms of today's whole resume extraction;
- the misses counted by kind (titles: none read, one contains the other, another title; years: none read, too many,
  too few): totals only, so the held-out split can say where it fails without showing any of its resumes.

`--by-kind` adds each split's figures for two kinds of text, told apart by the `layout` each resume was labelled with
(before any tuning): "document" (text of a PDF, DOCX, plain-text or markdown resume: layouts starting with
livecareer, kaggle, docx, plaintext, ocr or markdown) and "site source" (everything else: website code, data files,
static-site pages, LaTeX, Typst, org-mode, ...). People upload documents; site sources are where most public resumes
were found.

`today` is the labels' as_of (2026-12-05). `--show-errors` prints today's misses (tune split only).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from skillgap.occupations.index import OccupationIndex
from skillgap.resumes.parsing import parse_resume
from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.taxonomy import Taxonomy
from tests.benchmarks._common import id_number, percentile
from tests.benchmarks.baseline import module_at
from tests.fixtures.documents import write_docx

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA = REPO_ROOT / "tests/data/reading/resumes"
TODAY = date(2026, 12, 5)
TOLERANCE = 0.15
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_PRESENT = {"present", "current", "now", "today", "ongoing"}

Month = tuple[int, int] | None  # (year, month 0..12); None = present


@dataclass
class Reading:
    """What one system read from one resume, in the terms of the labels."""

    title: str = ""
    total_years: float | None = None
    entries: list[tuple[Month, Month]] = field(default_factory=list)  # (start, end)
    companies: list[str] = field(default_factory=list)
    degrees: list[str] = field(default_factory=list)


def _point(value: Any) -> Month | str:
    """A label's date: "2012-08", "2012", "08/2012", "Aug 2012", "present"; "" when absent."""
    if value is None or value == "":
        return ""
    text = str(value).strip().lower()
    if text in _PRESENT:
        return None
    if match := re.fullmatch(r"(\d{4})(?:[-/.](\d{1,2}))?", text):
        return int(match.group(1)), int(match.group(2) or 0)
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text):
        return int(match.group(2)), int(match.group(1))
    if match := re.fullmatch(r"([a-z]{3})[a-z]*\.?\s+(\d{4})", text):
        return int(match.group(2)), _MONTHS.get(match.group(1), 0)
    return ""


def _same_month(label: Month | str, found: Month) -> bool:
    if label == "":
        return True  # not labelled: anything goes
    if label is None or found is None:
        return label is None and found is None
    assert isinstance(label, tuple)
    if label[1] == 0 or found[1] == 0:
        return label[0] == found[0]
    return abs((label[0] * 12 + label[1]) - (found[0] * 12 + found[1])) <= 1


def _norm(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w+#/&]+", " ", (text or "").casefold()).split())


def _match_entries(labels: Sequence[dict[str, Any]], found: Sequence[tuple[Month, Month]]) -> list[tuple[int, int]]:
    """(label index, found index) pairs, one to one, in label order."""
    pairs = []
    taken: set[int] = set()
    for li, label in enumerate(labels):
        start, end = _point(label.get("start")), _point(label.get("end"))
        if label.get("current"):
            end = None
        for fi, (found_start, found_end) in enumerate(found):
            if fi not in taken and _same_month(start, found_start) and _same_month(end, found_end):
                pairs.append((li, fi))
                taken.add(fi)
                break
    return pairs


# ---------------------------------------------------------------- systems


def today_reading(extractor: TaxonomyExtractor, text: str) -> tuple[Reading, float]:
    started = time.perf_counter()
    profile = extractor.extract_resume_sync(text, today=TODAY)
    elapsed = (time.perf_counter() - started) * 1000
    entries: list[tuple[Month, Month]] = []
    for item in profile.experience:
        start = (item.start.year, item.start.month) if item.start else (0, 0)
        end = None if item.current or item.end is None else (item.end.year, item.end.month)
        entries.append((start, end))
    reading = Reading(
        title=profile.recent_titles[0] if profile.recent_titles else "",
        total_years=profile.total_years_experience,
        entries=entries,
        companies=[item.company for item in profile.experience],
        degrees=[item.degree for item in profile.education],
    )
    return reading, elapsed


def load_baseline() -> ModuleType:
    """`experience.py` as it was before issue 16's work, as a module of its own."""
    return module_at("server/skillgap/skills/experience.py")


def baseline_reading(module: ModuleType, text: str) -> Reading:
    experience = module.parse_experience(text, today=TODAY)
    total = experience.total_years
    if total is None:
        total = max((statement.years for statement in module.find_years(text)), default=None)
    entries: list[tuple[Month, Month]] = []
    for entry in experience.entries:
        start = divmod(entry.start_month, 12)
        end_index = entry.end_month - 1
        end = None if entry.present else (end_index // 12, end_index % 12 + 1)
        entries.append(((start[0], start[1] + 1), end))
    titles = experience.recent_titles
    return Reading(title=titles[0] if titles else "", total_years=total, entries=entries, companies=[], degrees=[])


# ---------------------------------------------------------------- scoring


@dataclass
class Score:
    resumes: int = 0
    title_labelled: int = 0
    title_exact: int = 0
    title_lenient: int = 0
    years_labelled: int = 0
    years_close: int = 0
    entries_labelled: int = 0
    entries_found: int = 0
    entries_matched: int = 0
    companies_labelled: int = 0
    companies_right: int = 0
    degrees_labelled: int = 0
    degrees_found: int = 0
    title_none: int = 0
    title_part: int = 0
    title_other: int = 0
    years_none: int = 0
    years_high: int = 0
    years_low: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, rid: str, label: dict[str, Any], reading: Reading) -> None:
        self.resumes += 1
        want = _norm(label.get("most_recent_title"))
        got = _norm(reading.title)
        if want:
            self.title_labelled += 1
            self.title_exact += got == want
            lenient = bool(got) and (got in want or want in got)
            self.title_lenient += lenient
            if got != want:
                self.title_none += not got
                self.title_part += lenient
                self.title_other += bool(got) and not lenient
                self.misses.append(f"{rid} title: want {label.get('most_recent_title')!r} got {reading.title!r}")
        years = label.get("total_years")
        if years:
            self.years_labelled += 1
            close = reading.total_years is not None and abs(reading.total_years - float(years)) <= TOLERANCE * float(
                years
            )
            self.years_close += close
            if not close:
                self.years_none += reading.total_years is None
                self.years_high += reading.total_years is not None and reading.total_years > float(years)
                self.years_low += reading.total_years is not None and reading.total_years < float(years)
                self.misses.append(f"{rid} years: want {years} got {reading.total_years}")
        labelled = label.get("experience") or []
        self.entries_labelled += len(labelled)
        self.entries_found += len(reading.entries)
        pairs = _match_entries(labelled, reading.entries)
        self.entries_matched += len(pairs)
        if len(pairs) != len(labelled) or len(pairs) != len(reading.entries):
            self.misses.append(
                f"{rid} entries: {len(labelled)} labelled, {len(reading.entries)} found, {len(pairs)} matched"
            )
        for li, fi in pairs:
            company = _norm(labelled[li].get("company"))
            if company:
                self.companies_labelled += 1
                got_company = _norm(reading.companies[fi]) if fi < len(reading.companies) else ""
                self.companies_right += got_company == company
                if got_company != company and reading.companies:
                    self.misses.append(
                        f"{rid} company: want {labelled[li].get('company')!r} got {reading.companies[fi]!r}"
                    )
        for item in label.get("education") or []:
            degree = _norm(item.get("degree"))
            if not degree:
                continue
            self.degrees_labelled += 1
            found = any(d and (d == degree or d in degree or degree in d) for d in map(_norm, reading.degrees))
            self.degrees_found += found
            if not found and reading.degrees is not None:
                self.misses.append(f"{rid} degree: want {item.get('degree')!r} got {reading.degrees}")


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a"


def _title_misses(s: Score) -> str:
    return f"{s.title_none} / {s.title_part} / {s.title_other}"


_DOCUMENT_LAYOUTS = ("livecareer", "kaggle", "docx", "plaintext", "ocr", "markdown")


def text_kind(item: dict[str, Any]) -> str:
    """"document" or "site source", by the layout the resume was labelled with (see the module docstring)."""
    return "document" if str(item.get("layout", "")).startswith(_DOCUMENT_LAYOUTS) else "site source"


def report(split: str, scores: dict[str, Score], times: list[float]) -> None:
    print(f"\n## split: {split} ({next(iter(scores.values())).resumes} resumes)\n")
    names = list(scores)
    print("| figure | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    rows: list[tuple[str, Callable[[Score], str]]] = [
        ("most recent title, exact", lambda s: _pct(s.title_exact, s.title_labelled)),
        ("most recent title, lenient", lambda s: _pct(s.title_lenient, s.title_labelled)),
        ("title misses: none read / one contains the other / another", _title_misses),
        ("total years within 15%", lambda s: _pct(s.years_close, s.years_labelled)),
        ("years misses: none read / too many / too few", lambda s: f"{s.years_none} / {s.years_high} / {s.years_low}"),
        ("entries precision", lambda s: _pct(s.entries_matched, s.entries_found)),
        ("entries recall", lambda s: _pct(s.entries_matched, s.entries_labelled)),
        ("company (matched entries)", lambda s: _pct(s.companies_right, s.companies_labelled)),
        ("education degree recall", lambda s: _pct(s.degrees_found, s.degrees_labelled)),
    ]
    for name, value in rows:
        print(f"| {name} | " + " | ".join(value(scores[n]) for n in names) + " |")
    if times:
        print(
            f"\ntoday's extract_resume_sync: p50 {statistics.median(times):.1f} ms, "
            f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms"
        )


def uploaded(text: str, name: str) -> str:
    """The text the product reads from an upload of `text` as a plain-text file."""
    data = text.encode()
    return parse_resume(data, filename=name, content_type="text/plain", max_bytes=len(data) + 1).text


def uploaded_as_word(text: str, name: str) -> str:
    """The text the product reads from `text` written as a Word document (`write_docx`: each line a paragraph,
    bulleted lines a bulleted list, column lines table rows) and uploaded."""
    data = write_docx(text)
    filename = name.removesuffix(".txt") + ".docx"
    return parse_resume(data, filename=filename, content_type="", max_bytes=len(data) + 1).text


def _item_id(item: dict[str, Any]) -> str:
    return str(item.get("id") or item.get("file"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("tune", "held_out", "all"), default="tune")
    parser.add_argument("--show-errors", action="store_true", help="today's misses (tune split only)")
    parser.add_argument(
        "--new-from",
        metavar="ID",
        help="also report each split's items before ID and from ID on (e.g. r083: the items added by the last round)",
    )
    parser.add_argument("--by-kind", action="store_true", help="also report documents and site sources apart")
    parser.add_argument(
        "--upload-as",
        choices=("text", "docx"),
        default="text",
        help="how each resume is uploaded: as its text file, or written as a Word document",
    )
    args = parser.parse_args(argv)
    upload = uploaded_as_word if args.upload_as == "docx" else uploaded

    labels = yaml.safe_load((DATA / "labels.yaml").read_text())
    items = labels.get("resumes", labels) if isinstance(labels, dict) else labels
    if isinstance(items, dict):
        items = [{"id": key, **value} for key, value in items.items()]
    splits = ("tune", "held_out") if args.split == "all" else (args.split,)
    extractor = TaxonomyExtractor(Taxonomy.load(), OccupationIndex.packaged())
    baseline = load_baseline()
    extractor.extract_resume_sync("warm up\nEngineer 2019 - 2020\n", today=TODAY)
    for split in splits:
        chosen = [item for item in items if item.get("split") == split]
        groups = {split: chosen}
        if args.new_from:
            cut = id_number(args.new_from)
            groups[f"{split}, before {args.new_from}"] = [i for i in chosen if id_number(_item_id(i)) < cut]
            groups[f"{split}, {args.new_from} on"] = [i for i in chosen if id_number(_item_id(i)) >= cut]
        if args.by_kind:
            for kind in ("document", "site source"):
                groups[f"{split}, {kind}"] = [i for i in chosen if text_kind(i) == kind]
        group_scores = {name: {"today": Score(), "baseline (before issue 16)": Score()} for name in groups}
        times: list[float] = []
        for item in chosen:
            rid = _item_id(item)
            name = rid if rid.endswith(".txt") else f"{rid}.txt"
            text = upload((DATA / "texts" / name).read_text(), name)
            reading, elapsed = today_reading(extractor, text)
            times.append(elapsed)
            before = baseline_reading(baseline, text)
            for group, members in groups.items():
                if item in members:
                    group_scores[group]["today"].add(rid, item, reading)
                    group_scores[group]["baseline (before issue 16)"].add(rid, item, before)
        for group, scores in group_scores.items():
            if groups[group]:
                report(group, scores, times if group == split else [])
        scores = group_scores[split]
        if args.show_errors and split == "tune":
            print("\n### today's misses (tune)\n")
            for miss in scores["today"].misses:
                print("-", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())

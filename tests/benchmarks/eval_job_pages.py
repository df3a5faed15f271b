"""How well a job page is read: title, company, location and description on labelled real pages, ours next to
the code at a base revision (default HEAD), in one run (issue 16 item 5).

    .venv/bin/python -m tests.benchmarks.eval_job_pages [--split tune|held_out|all] [--base HEAD] [--show-errors]
        [--new-from gNNN] [--pages tests/data/reading/pages]

Data: `<pages>/labels.yaml` and the saved pages `html/<id>.html` next to it (no network). Each
label has `url`, `has_jsonld_jobposting`, `title`, `company`, `location`, `description_starts`,
`description_ends` and `split` (`tune` or `held_out`). Each page is read by the function the `job_page` source
calls, `JobPageSource(url).parse_page(html, url)`: ours from this tree, the base from a temporary
`git worktree` of `--base` (removed afterwards), each in a subprocess with its own PYTHONPATH.

Comparisons (a field counts as right when):

- title, company: equal after casefolding, dropping accents and everything but letters and digits ("&" reads
  "and"); the company also without a legal form at its end (Inc, LLC, Ltd, GmbH, B.V., ...) and then without
  a regional entity's qualifier (USA, UK, EMEA, Europe, Global, ...: "DoorDash USA" is DoorDash);
- location: lenient on order, detail and spelling of places. Both sides are cut into places (at ";", " | ",
  " / ", " or ") and each place into parts (at commas and " - "); parts are normalized like the title and
  country/state names map to one spelling (United States = USA = US, United Kingdom = UK, California = CA,
  ...). Right when the label is empty and so is ours, or some labelled place's first part (its city, or
  "Remote") is one of our parts, or one of our places' first part is one of the label's parts ("Berlin" for
  "Berlin, Germany" and the reverse). No location when the label has one is wrong;
- description start: the label's `description_starts` is in our description, both compared as letters and digits
  only, casefolded (the labels join tags with or without a space: "Analytics , you");
- description end: the label's `description_ends` is in it (compared the same way) and at most END_SLACK letters
  and digits follow it;
- description clean: none of the application furniture (`FURNITURE`) is in it.

Prints a markdown table per split (counts and percentages, ours / base) and, with `--show-errors`, each wrong
field of the `tune` split (never of `held_out`: that split is only ever scored). Exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.benchmarks._common import id_number
from tests.benchmarks.baseline import BEFORE_READING_WORK, checkout_at

REPO_ROOT = Path(__file__).resolve().parents[2]
PAGES = REPO_ROOT / "tests/data/reading/pages"
END_SLACK = 100
FURNITURE = (
    "apply for this job",
    "indicates a required field",
    "create a job alert",
    "submit application",
    "back to jobs",
    "accept all cookies",
)
FIELDS = ("title", "company", "location", "description start", "description end", "description clean")

# Runs in a subprocess with PYTHONPATH set to one tree's `server/`: reads (url, path) pairs from stdin as JSON,
# prints what that tree's job page source reads off each.
READER = """
import json, sys
from skillgap.scraping.sources.job_page import JobPageSource
out = []
for url, path in json.load(sys.stdin):
    html = open(path, encoding="utf-8", errors="replace").read()
    try:
        # a saved page without a URL of its own: the source needs one to be made, the reader gets ""
        posting = JobPageSource(url or "https://page.invalid/").parse_page(html, url)
    except Exception as error:
        out.append({"error": repr(error)})
        continue
    if posting is None:
        out.append(None)
    else:
        out.append({"title": posting.title, "company": posting.company, "locations": list(posting.locations),
                    "description": posting.description})
json.dump(out, sys.stdout)
"""

_LEGAL = re.compile(
    r"(?:,?\s+(?:&\s+)?(?:inc|incorporated|llc|l\.l\.c|llp|lp|ltd|limited|ltda|pvt|private|pte|gmbh|ag|se|sa|sas|s\.a|"
    r"s\.a\.s|s\.l|sl|b\.v|bv|n\.v|nv|plc|corp|corporation|co|company|pty|pbc|oy|oyj|ab|as|asa|a/s|aps|oü|ou|kg|"
    r"e\.v|ev|srl|s\.r\.l|spa|s\.p\.a|sarl|s\.à\s?r\.l|lda|ug|s\.r\.o|sro|d\.o\.o|doo|k\.k|kk|"
    r"sp\.?\s?z\s?o\.?\s?o)\.?|\s*(?:株式会社|有限会社|合同会社))+\s*$",
    re.IGNORECASE,
)
_REGION = re.compile(
    r"\s+(?:usa|us|uk|emea|apac|europe|eu|north america|americas|latam|global|international|intl)\.?\s*$",
    re.IGNORECASE,
)
_ALIASES = {
    "unitedstates": "us", "unitedstatesofamerica": "us", "usa": "us", "us": "us",
    "unitedkingdom": "uk", "uk": "uk", "gb": "uk", "greatbritain": "uk", "england": "uk",
    "deutschland": "germany", "de": "germany", "nl": "netherlands", "thenetherlands": "netherlands",
    "fr": "france", "es": "spain", "ca": "ca", "california": "ca", "newyork": "ny", "ny": "ny",
    "newyorkcity": "ny", "nyc": "ny", "washington": "wa", "wa": "wa", "texas": "tx", "tx": "tx",
    "massachusetts": "ma", "ma": "ma", "illinois": "il", "il": "il", "colorado": "co", "co": "co",
    "ontario": "on", "on": "on", "britishcolumbia": "bc", "bc": "bc", "sf": "sanfrancisco",
    "sfbayarea": "sanfrancisco", "sanfranciscobayarea": "sanfrancisco", "bayarea": "sanfrancisco",
    "remote": "remote", "fullyremote": "remote", "remotefirst": "remote", "anywhere": "remote",
    "worldwide": "remote", "münchen": "munich", "munchen": "munich", "köln": "cologne", "koln": "cologne",
    "wien": "vienna", "zürich": "zurich",
    # Remote work as pages write it in other words and languages ("Remoto; Italia" is "Remote (Italy)").
    "fullremote": "remote", "100remote": "remote", "remotefriendly": "remote", "workfromhome": "remote",
    "wfh": "remote", "remoto": "remote", "remota": "remote", "100remoto": "remote", "teletrabajo": "remote",
    "teletravail": "remote", "zdalnie": "remote",
    # Countries as they name themselves.
    "italia": "italy", "espana": "spain", "osterreich": "austria", "schweiz": "switzerland",
    "suisse": "switzerland", "polska": "poland", "nederland": "netherlands", "belgie": "belgium",
    "belgique": "belgium", "sverige": "sweden", "norge": "norway", "danmark": "denmark", "suomi": "finland",
    "brasil": "brazil",
}  # fmt: skip


def squash(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("&", " and ").casefold())
    return re.sub(r"[\W_]+", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def same_title(ours: str, gold: str) -> bool:
    return squash(ours) == squash(gold)


def same_company(ours: str, gold: str) -> bool:
    ours_key, gold_key = (squash(_REGION.sub("", _LEGAL.sub("", name.strip()))) for name in (ours, gold))
    return ours_key == gold_key


def _places(text: str) -> list[list[str]]:
    places = []
    for place in re.split(r"\s*(?:;|\s\|\s|\s/\s|\bor\b|\n)\s*", text):
        parts = [squash(p) for p in re.split(r"\s*(?:,|\s[-–—]\s|\(|\))\s*", place)]
        parts = [_ALIASES.get(p, p) for p in parts if p]
        if parts:
            places.append(parts)
    return places


def same_location(ours: list[str], gold: str) -> bool:
    gold_places = _places(gold or "")
    our_places = [place for text in ours for place in _places(text)]
    if not gold_places:
        return not our_places
    our_parts = {part for place in our_places for part in place}
    gold_parts = {part for place in gold_places for part in place}
    return any(place[0] in our_parts for place in gold_places) or any(place[0] in gold_parts for place in our_places)


def description_checks(description: str, starts: str, ends: str) -> tuple[bool, bool, bool]:
    # Letters and digits only: the labels' text joins tags with or without a space ("Analytics , you")
    flat = squash(description)
    start_ok = squash(starts) in flat if starts else True
    end_ok = True
    if ends:
        at = flat.rfind(squash(ends))
        end_ok = at >= 0 and len(flat) - (at + len(squash(ends))) <= END_SLACK
    clean = not any(squash(furniture) in flat for furniture in FURNITURE)
    return start_ok, end_ok, clean


@dataclass
class Page:
    id: str
    url: str
    path: Path
    split: str
    label: dict[str, Any]


def read_labels(pages_dir: Path) -> list[Page]:
    raw = yaml.safe_load((pages_dir / "labels.yaml").read_text(encoding="utf-8"))
    items: list[tuple[str, dict[str, Any]]]
    if isinstance(raw, dict) and isinstance(raw.get("pages"), list | dict):
        raw = raw["pages"]
    if isinstance(raw, dict):
        items = [(str(key), value) for key, value in raw.items()]
    else:
        items = [(str(item.get("id") or Path(str(item.get("file", ""))).stem), item) for item in raw]
    pages = []
    for page_id, label in items:
        file = label.get("file") or label.get("html") or f"html/{page_id}.html"
        path = pages_dir / file if not Path(file).is_absolute() else Path(file)
        if not path.exists():
            path = pages_dir / "html" / f"{page_id}.html"
        pages.append(Page(page_id, str(label["url"]), path, str(label.get("split", "tune")), label))
    return pages


def run_reader(server_dir: Path, pages: list[Page]) -> list[dict[str, Any] | None]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(server_dir), str(REPO_ROOT)])}
    result = subprocess.run(
        [sys.executable, "-c", READER],
        input=json.dumps([[page.url, str(page.path)] for page in pages]),
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=server_dir.parent,
    )
    out: list[dict[str, Any] | None] = json.loads(result.stdout)
    return out


def score(pages: list[Page], read: list[dict[str, Any] | None]) -> list[dict[str, bool]]:
    rows = []
    for page, got in zip(pages, read, strict=True):
        got = got if got and "error" not in got else {"title": "", "company": "", "locations": [], "description": ""}
        label = page.label
        start, end, clean = description_checks(
            got["description"], str(label.get("description_starts") or ""), str(label.get("description_ends") or "")
        )
        rows.append(
            {
                "title": same_title(got["title"], str(label.get("title") or "")),
                "company": same_company(got["company"], str(label.get("company") or "")),
                "location": same_location(got["locations"], str(label.get("location") or "")),
                "description start": start,
                "description end": end,
                "description clean": clean,
            }
        )
    return rows


def table(split: str, pages: list[Page], ours: list[dict[str, bool]], base: list[dict[str, bool]], rev: str) -> str:
    n = len(pages)
    jsonld = sum(1 for page in pages if page.label.get("has_jsonld_jobposting"))
    lines = [
        f"### {split}: {n} pages ({jsonld} with JSON-LD JobPosting, {n - jsonld} without)",
        "",
        f"| field | ours | base ({rev}) | ours, pages without JSON-LD | base, without JSON-LD |",
        "|---|---|---|---|---|",
    ]
    without = [i for i, page in enumerate(pages) if not page.label.get("has_jsonld_jobposting")]

    def cell(rows: list[dict[str, bool]], field: str, indexes: list[int]) -> str:
        right = sum(1 for i in indexes if rows[i][field])
        return f"{right}/{len(indexes)} ({100 * right / len(indexes):.0f}%)" if indexes else "-"

    every = list(range(n))
    for field in FIELDS:
        lines.append(
            f"| {field} | **{cell(ours, field, every)}** | {cell(base, field, every)} | "
            f"{cell(ours, field, without)} | {cell(base, field, without)} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "held_out", "all"), default="all")
    parser.add_argument(
        "--base", default=BEFORE_READING_WORK, help="the revision to compare with (a git worktree of it)"
    )
    parser.add_argument("--show-errors", action="store_true", help="each wrong field of the tune split")
    parser.add_argument("--pages", type=Path, default=PAGES, help="the labelled pages' directory")
    parser.add_argument(
        "--new-from",
        metavar="ID",
        help="also each split's pages before ID and from ID on (a batch labelled since: its unseen-text figures)",
    )
    args = parser.parse_args(argv)

    pages = read_labels(args.pages.resolve())
    splits = ("tune", "held_out") if args.split == "all" else (args.split,)
    chosen = [page for page in pages if page.split in splits]
    ours_read = run_reader(REPO_ROOT / "server", chosen)
    rev = subprocess.run(
        ["git", "rev-parse", "--short", args.base], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    with checkout_at(args.base) as tree:
        base_read = run_reader(tree / "server", chosen)

    print(f"## Job pages read: ours vs {args.base} ({rev}), labels {args.pages}/labels.yaml\n")
    for split in splits:
        indexes = [i for i, page in enumerate(chosen) if page.split == split]
        if not indexes:
            print(f"### {split}: no pages\n")
            continue
        split_pages = [chosen[i] for i in indexes]
        ours = score(split_pages, [ours_read[i] for i in indexes])
        base = score(split_pages, [base_read[i] for i in indexes])
        print(table(split, split_pages, ours, base, rev))
        print()
        if args.new_from:
            cut = id_number(args.new_from)
            for name, later in ((f"before {args.new_from}", False), (f"{args.new_from} on", True)):
                picked = [i for i, page in enumerate(split_pages) if (id_number(page.id) >= cut) == later]
                if picked:
                    pages_of = [split_pages[i] for i in picked]
                    rows = [ours[i] for i in picked], [base[i] for i in picked]
                    print(table(f"{split}, {name}", pages_of, *rows, rev))
                    print()
        if args.show_errors and split == "tune":
            for page, row, got in zip(split_pages, ours, [ours_read[i] for i in indexes], strict=True):
                wrong = [field for field in FIELDS if not row[field]]
                if not wrong:
                    continue
                got = got or {}
                print(f"- {page.id} {page.url} wrong: {', '.join(wrong)}")
                for field, key in (("title", "title"), ("company", "company"), ("location", "location")):
                    if field in wrong:
                        print(
                            f"    {field}: ours {got.get(key if key != 'location' else 'locations')!r}"
                            f" label {page.label.get(key)!r}"
                        )
                if any(field.startswith("description") for field in wrong):
                    text = str(got.get("description", ""))
                    print(f"    description head {text[:160]!r}")
                    print(f"    description tail {text[-240:]!r}")
                    print(
                        f"    label starts {page.label.get('description_starts')!r}"
                        f" ends {page.label.get('description_ends')!r}"
                    )
            print()


if __name__ == "__main__":
    main()

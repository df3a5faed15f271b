"""How robust the resume reader is to the ways one resume can be written: layout-preserving rewrites of the labelled
real tune resumes it reads right, and which of them change its reading (a regression probe, not a quality figure).

    .venv/bin/python -m tests.benchmarks.probe_resume_layouts [--kind document|site source|all] [--show]

For every tune resume (`tests/data/reading/resumes`, never the held-out ones) whose newest title and total years
today's reader gets right, each rewrite below is applied when it changes the text; the resume is read again as an
upload (`eval_resumes.uploaded`) and the rewrite "breaks" it when the title or the years no longer match the labels.
The rewrites keep what a person reads: indentation of every line (front matter aside), markdown marks stripped (a
markdown resume as its PDF reads), other bullet glyphs, single line breaks, CRLF, no-break spaces before numbers,
month names written out, abbreviated or as numbers, other present words, "to" or an en dash between dates, tabs for
" | ", upper-case section headings, another heading for the experience section, typographic apostrophes, and the
resume drawn into a PDF and read back through the upload's PDF parser, and written as a Word document (each line a
paragraph, bulleted lines a bulleted list; then also with column lines as table rows) and read back through the
upload's DOCX reader (none of the three for dataset rows flattened onto one line). It found the collapsed columns of
uploads and the date ranges cut by indentation (2026-12-06), and an open range before a tab ("2018-<tab>Salsify", a
Word table's cells); a rewrite that breaks many resumes is worth a look.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence

import yaml

from skillgap.occupations.index import OccupationIndex
from skillgap.resumes.parsing import parse_resume
from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.taxonomy import Taxonomy
from tests.benchmarks import eval_resumes as ev
from tests.fixtures.documents import draw_text_pdf, write_docx

_MONTHS = "January February March April May June July August September October November December".split()
_ABBREVIATED = {name[:3]: name for name in _MONTHS}
_PRESENT = r"\b(?:Present|present|PRESENT|Current|current|Now|now)\b"
_BEFORE_END = rf"(?=(?:\w+\.?\s+)?\d{{4}}|{_PRESENT})"
_EXPERIENCE = r"(?:Experience|Work Experience|Professional Experience|Work History)"


def _plain(text: str) -> str:
    text = re.sub(r"\[([^\]\n]+)\]\([^)\n]*\)", r"\1", text)
    text = re.sub(r"^#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"\*\*|__", "", text)
    return re.sub(r"(?<!\w)[*_]([^*_\n]+)[*_](?!\w)", r"\1", text)


def _indented(text: str) -> str:
    head = re.match(r"---\n.*?\n---\n", text, re.S)
    start = head.end() if head else 0
    return text[:start] + re.sub(r"^(?=.)", "  ", text[start:], flags=re.M)


def _months_numeric(text: str) -> str:
    names = "|".join(_MONTHS + list(_ABBREVIATED))
    return re.sub(
        rf"\b({names})\.?\s+(\d{{4}})\b",
        lambda m: f"{_MONTHS.index(_ABBREVIATED.get(m.group(1)[:3], m.group(1))) + 1:02d}/{m.group(2)}",
        text,
    )


def _drawn_pdf(text: str) -> str:
    data = draw_text_pdf(text)
    return parse_resume(data, filename="resume.pdf", content_type="application/pdf", max_bytes=len(data) + 1).text


def _word(columns_as_tables: bool) -> Callable[[str], str]:
    def written(text: str) -> str:
        data = write_docx(text, columns_as_tables=columns_as_tables)
        return parse_resume(data, filename="resume.docx", content_type="", max_bytes=len(data) + 1).text

    return written


REWRITES: dict[str, Callable[[str], str]] = {
    "indentation": _indented,
    "markdown stripped": _plain,
    "bullets as •": lambda t: re.sub(r"^(\s*)[-*+] ", r"\1• ", t, flags=re.M),
    "single line breaks": lambda t: re.sub(r"\n{2,}", "\n", t),
    "CRLF": lambda t: t.replace("\n", "\r\n"),
    "no-break spaces": lambda t: re.sub(r"(?<=\w) (?=\d)", "\u00a0", t),
    "months written out": lambda t: re.sub(
        r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.?(?=\s+\d{4})", lambda m: _ABBREVIATED[m.group(1)], t
    ),
    "months abbreviated": lambda t: re.sub(rf"\b({'|'.join(_MONTHS)})(?=\s+\d{{4}})", lambda m: m.group(1)[:3], t),
    "months as numbers": _months_numeric,
    "Current for present": lambda t: re.sub(_PRESENT, "Current", t),
    "'to' between dates": lambda t: re.sub(rf"(?<=\d)\s*[–—-]\s*{_BEFORE_END}", " to ", t),
    "en dash between dates": lambda t: re.sub(rf"(?<=\d)\s*(?:-|—| to )\s*{_BEFORE_END}", " – ", t),
    "tabs for ' | '": lambda t: t.replace(" | ", "\t"),
    "upper-case headings": lambda t: re.sub(
        rf"^(#*\s*)({_EXPERIENCE}|Education|Skills)\s*$",
        lambda m: m.group(1) + m.group(2).upper(),
        t,
        flags=re.M | re.I,
    ),
    "Employment History heading": lambda t: re.sub(
        rf"^(#*\s*){_EXPERIENCE}\s*$", lambda m: m.group(1) + "Employment History", t, flags=re.M | re.I
    ),
    "typographic apostrophes": lambda t: t.replace("'", "\u2019"),
    "drawn into a PDF": _drawn_pdf,
    "written in Word": _word(columns_as_tables=False),
    "written in Word, columns as a table": _word(columns_as_tables=True),
}
# Rewrites that make a file and read it back through the upload's parser: they give the text read, not a text to
# upload.
DOCUMENTS = frozenset({"drawn into a PDF", "written in Word", "written in Word, columns as a table"})


def _dataset_row(item: dict[str, object]) -> bool:
    layout = str(item.get("layout", ""))
    return "blob" in layout or "csv" in layout


def _right(item: dict[str, object], reading: ev.Reading) -> bool:
    score = ev.Score()
    score.add(str(item["id"]), item, reading)
    return score.title_exact == score.title_labelled and score.years_close == score.years_labelled


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kind", choices=("document", "site source", "all"), default="document")
    parser.add_argument("--show", action="store_true", help="name each resume a rewrite breaks")
    args = parser.parse_args(argv)
    items = [item for item in yaml.safe_load((ev.DATA / "labels.yaml").read_text()) if item.get("split") == "tune"]
    if args.kind != "all":
        items = [item for item in items if ev.text_kind(item) == args.kind]
    extractor = TaxonomyExtractor(Taxonomy.load(), OccupationIndex.packaged())
    tried = dict.fromkeys(REWRITES, 0)
    broken: dict[str, list[str]] = {name: [] for name in REWRITES}
    read_right = 0
    for item in items:
        name = f"{item['id']}.txt"
        text = (ev.DATA / "texts" / name).read_text()
        before, _ = ev.today_reading(extractor, ev.uploaded(text, name))
        if not _right(item, before):
            continue
        read_right += 1
        for rewrite, change in REWRITES.items():
            if rewrite in DOCUMENTS and _dataset_row(item):
                continue  # a dataset row flattened onto one line was never a page
            changed = change(text)
            if changed == text:
                continue
            tried[rewrite] += 1
            written = changed if rewrite in DOCUMENTS else ev.uploaded(changed, name)
            after, _ = ev.today_reading(extractor, written)
            if not _right(item, after):
                broken[rewrite].append(
                    f"{item['id']}: title {before.title!r} -> {after.title!r}, years {before.total_years} -> "
                    f"{after.total_years}"
                )
    print(f"## Rewrites of the {read_right} tune resumes ({args.kind}) read right\n")
    print("| rewrite | resumes it changed | readings it broke |\n|---|---:|---:|")
    for rewrite in REWRITES:
        print(f"| {rewrite} | {tried[rewrite]} | {len(broken[rewrite])} |")
    if args.show:
        for rewrite, lines in broken.items():
            for line in lines:
                print(f"- {rewrite}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Today's figures of extraction on text people wrote, each next to a simple baseline, in one run (issue 16).

    .venv/bin/python -m tests.benchmarks.eval_reading [--shared PATH] [--splits tech_dev tech_train house_dev]

Data sets (read from `../shared/data`; this is an evaluation script, the product never reads them):

- SkillSpan (Zhang et al., NAACL 2022, MIT), every split there is: `tech_dev`, `tech_train`, `house_dev`.
  Gold: KNOWLEDGE spans (the headline) and SKILL spans. Systems, reader, span conversion and scoring are
  `eval_skillspan`'s, imported: ours (`Taxonomy.find_mentions` per sentence; the same without soft skills;
  on tech splits the whole-posting extractor), ours by kind (each mention scored only against the column its
  skill's kind belongs to: "ours: knowledge kinds" against KNOWLEDGE, "ours: skill kinds" against SKILL; the
  mapping and why it is the like-with-like comparison are in `eval_skillspan`'s docstring), the O*NET
  exact-lookup baseline (any case; cased as a check). The summary gives, per SkillSpan column, the by-kind row
  (the headline) and the all-mentions row (`ours: find_mentions`, the figure before skills had kinds).
- Green, Maynard & Lin, LREC 2022 (CC BY 4.0), `green/testset.txt`: CoNLL, `token TAG`, one tag column with
  Skill, Qualification, Experience, Occupation and Domain spans, sentences separated by blank lines, no
  posting boundaries (so no whole-posting system). Gold `Skill` spans against the same mention systems; gold
  `Experience` spans ("at least 8 years", "3 years") against the extractor's years statements
  (`skillgap.skills.experience.find_years`, what `TaxonomyExtractor` reads the job's and each skill's years
  from) on each sentence, next to a naive baseline: a number then "year(s)"/"yr(s)" (`\\d+\\+? years`).

Scores are `eval_skillspan.score`: exact and overlap precision, recall and F1 of token spans (a prediction counts
when it equals / shares a token with a gold span; a gold span is recalled when some prediction equals / touches
it). Headline: overlap F1. Prints a markdown section per data set and a summary table; exits 0.
"""

from __future__ import annotations

import argparse
import functools
import re
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from skillgap.skills.experience import find_years
from skillgap.skills.taxonomy import Taxonomy
from tests.benchmarks.baseline import BEFORE_READING_WORK, mentions_before
from tests.benchmarks.eval_skillspan import (
    HEADLINE,
    HEADLINE_SYSTEM,
    OURS,
    REPO_ROOT,
    Finder,
    Sentence,
    Span,
    by_kind_systems,
    dictionary,
    for_column,
    onet_names,
    ours,
    postings,
    read_conll,
    score,
    spans_of,
    table,
    whole_posting,
)

SPLITS = ("tech_dev", "tech_train", "house_dev")
GREEN_FILE = Path("data/green/testset.txt")
GREEN_KINDS = ("Skill", "Qualification", "Experience", "Occupation", "Domain")
BASELINE = "baseline: O*NET exact, any case"
BEFORE = f"before issue 16 ({BEFORE_READING_WORK}): find_mentions"
YEARS_OURS = "ours: find_years (extractor's years statements)"
YEARS_BASELINE = "baseline: number + year(s)"
NAIVE_YEARS = re.compile(r"(?<!\w)\d{1,2}\s*\+?\s*(?:years?|yrs?)(?!\w)", re.IGNORECASE)

Systems = dict[str, list[set[Span]]]


def read_green(path: Path) -> list[Sentence]:
    """Green et al.'s CoNLL (`token TAG`, one tag column) as `eval_skillspan.Sentence`s with one BIO column per
    entity kind, so that `Sentence.gold(kind)` gives that kind's spans."""
    sentences: list[Sentence] = []
    rows: list[tuple[str, str]] = []

    def flush() -> None:
        if not rows:
            return
        tokens = [token for token, _ in rows]
        tags = {kind: [tag if tag[2:] == kind else "O" for _, tag in rows] for kind in GREEN_KINDS}
        sentence = Sentence(tokens=tokens, tags=tags, text=" ".join(tokens))
        offset = 0
        for token in tokens:
            sentence.starts.append(offset)
            sentence.ends.append(offset + len(token))
            offset += len(token) + 1
        sentences.append(sentence)
        rows.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if not fields:
            flush()
            continue
        if len(fields) != 2 or not (fields[1] == "O" or fields[1][2:] in GREEN_KINDS):
            raise ValueError(f"{path}: expected `token TAG`: {line!r}")
        rows.append((fields[0], fields[1]))
    flush()
    return sentences


def years_finder(text: str) -> list[tuple[int, int]]:
    return [(statement.start, statement.end) for statement in find_years(text)]


def naive_years(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in NAIVE_YEARS.finditer(text)]


class Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def run(self, systems: Systems, name: str, compute: Callable[[], list[set[Span]]]) -> None:
        began = time.perf_counter()
        systems[name] = compute()
        self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - began


def spans_before(sentences: Sequence[Sentence]) -> list[set[Span]]:
    """The product's mentions before issue 16's work (`tests.benchmarks.baseline`), as token spans."""
    found = dict(zip((s.text for s in sentences), mentions_before([s.text for s in sentences]), strict=True))
    return spans_of(sentences, lambda text: found[text])


def mention_systems(
    sentences: Sequence[Sentence], taxonomy: Taxonomy, finders: dict[str, Finder], timer: Timer, *, posting: bool
) -> Systems:
    systems: Systems = {}
    timer.run(systems, OURS, lambda: spans_of(sentences, ours(taxonomy)))
    timer.run(systems, BEFORE, lambda: spans_before(sentences))
    timer.run(
        systems, "ours: find_mentions, no soft skills", lambda: spans_of(sentences, ours(taxonomy, soft_skills=False))
    )
    if posting:  # SkillSpan: two gold columns
        began = time.perf_counter()
        systems.update(by_kind_systems(sentences, taxonomy))
        timer.seconds["ours: by kind"] = timer.seconds.get("ours: by kind", 0.0) + time.perf_counter() - began
    ranges = postings(sentences) if posting else None
    if ranges is not None:
        timer.run(systems, "ours: extractor, whole posting", lambda: whole_posting(sentences, ranges, taxonomy))
    for name, finder in finders.items():
        timer.run(systems, name, functools.partial(spans_of, sentences, finder))
    return systems


def summary_row(data: str, kind: str, gold: Sequence[set[Span]], systems: Systems, ours_name: str, base: str) -> str:
    o = {metric: score(gold, systems[ours_name], metric) for metric in ("exact", "overlap")}
    b = {metric: score(gold, systems[base], metric) for metric in ("exact", "overlap")}
    cells = [
        data,
        kind,
        str(o["overlap"].gold),
        f"{100 * o['overlap'].precision:.1f} / {100 * o['overlap'].recall:.1f} / **{100 * o['overlap'].f1:.1f}**",
        f"{100 * b['overlap'].precision:.1f} / {100 * b['overlap'].recall:.1f} / {100 * b['overlap'].f1:.1f}",
        f"{100 * (o['overlap'].f1 - b['overlap'].f1):+.1f}",
        f"{100 * o['exact'].f1:.1f}",
        f"{100 * b['exact'].f1:.1f}",
        f"{100 * (o['exact'].f1 - b['exact'].f1):+.1f}",
    ]
    return "| " + " | ".join(cells) + " |"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--splits", nargs="*", default=list(SPLITS), choices=SPLITS, help="SkillSpan splits")
    parser.add_argument(
        "--spans-only", action="store_true", help="only the span sets (skip the labelled resumes, postings, pages)"
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()

    taxonomy = Taxonomy.load()
    names = onet_names(args.shared)
    finders: dict[str, Finder] = {
        BASELINE: dictionary(names, ignore_case=True),
        "baseline: O*NET exact, cased": dictionary(names, ignore_case=False),
    }
    summary: list[str] = []
    timer = Timer()

    print("# Reading text people wrote: extraction against gold spans, next to baselines\n")
    print(f"- command: `{shlex.join(['.venv/bin/python', '-m', 'tests.benchmarks.eval_reading', *argv])}`")
    print(f"- taxonomy {taxonomy.version}: {len(taxonomy)} skills; baseline: O*NET 29.2 Example names: {len(names)}")
    print(
        f"- headline: {HEADLINE} F1 of `{HEADLINE_SYSTEM['Knowledge']}` on SkillSpan KNOWLEDGE; deltas are ours minus "
        "the baseline, in F1 points"
    )

    for split in args.splits:
        path = args.shared / "data" / "skillspan" / f"skillspan_{split}.conll"
        sentences = read_conll(path)
        ranges = postings(sentences)
        systems = mention_systems(sentences, taxonomy, finders, timer, posting=True)
        gold = {kind: [sentence.gold(kind) for sentence in sentences] for kind in ("Knowledge", "Skill")}
        print(f"\n## SkillSpan `{split}`\n")
        print(f"- data: {path}")
        print(
            f"- sentences {len(sentences)}, postings {len(ranges) if ranges is not None else 'unknown'}, tokens "
            f"{sum(len(s.tokens) for s in sentences)}; gold spans: KNOWLEDGE {sum(map(len, gold['Knowledge']))}, "
            f"SKILL {sum(map(len, gold['Skill']))}"
        )
        for kind in ("Knowledge", "Skill"):
            print()
            print("\n".join(table(kind.upper(), gold[kind], for_column(systems, kind), BASELINE)))
            for system in (HEADLINE_SYSTEM[kind], OURS, BEFORE):
                label = f"{kind.upper()}: {system}"
                summary.append(summary_row(f"SkillSpan {split}", label, gold[kind], systems, system, BASELINE))

    path = args.shared / GREEN_FILE
    sentences = read_green(path)
    gold = {kind: [sentence.gold(kind) for sentence in sentences] for kind in GREEN_KINDS}
    systems = mention_systems(sentences, taxonomy, finders, timer, posting=False)
    years: Systems = {}
    timer.run(years, YEARS_OURS, lambda: spans_of(sentences, years_finder))
    timer.run(years, YEARS_BASELINE, lambda: spans_of(sentences, naive_years))
    print("\n## Green et al. test set\n")
    print(f"- data: {path}")
    print(
        f"- sentences {len(sentences)}, tokens {sum(len(s.tokens) for s in sentences)}; gold spans: "
        + ", ".join(f"{kind} {sum(map(len, gold[kind]))}" for kind in GREEN_KINDS)
    )
    print()
    print("\n".join(table("Skill", gold["Skill"], systems, BASELINE)))
    summary.append(summary_row("Green", "Skill", gold["Skill"], systems, OURS, BASELINE))
    summary.append(summary_row("Green", f"Skill: {BEFORE}", gold["Skill"], systems, BEFORE, BASELINE))
    entities = [set().union(*spans) for spans in zip(*gold.values(), strict=True)]
    print(
        "\nPredictions touching a gold span of any kind (Skill, Qualification, Experience, Occupation, Domain): "
        + ", ".join(
            f"{name} {100 * score(entities, systems[name], 'overlap').precision:.1f}%" for name in (OURS, BASELINE)
        )
    )
    print()
    print("\n".join(table("Experience", gold["Experience"], years, YEARS_BASELINE)))
    summary.append(summary_row("Green", "Experience", gold["Experience"], years, YEARS_OURS, YEARS_BASELINE))
    print("\nEvery gold Experience span (hit: a years statement of ours touches it), then our spurious statements:\n")
    for sentence, gold_spans, predicted in zip(sentences, gold["Experience"], years[YEARS_OURS], strict=True):
        for span in sorted(gold_spans):
            hit = any(p[0] <= span[1] and span[0] <= p[1] for p in predicted)
            print(f"- {'hit ' if hit else 'miss'} [[{sentence.surface(span)}]] in: {sentence.text[:100]}")
    others = [
        (sentence, span)
        for sentence, gold_spans, predicted in zip(sentences, gold["Experience"], years[YEARS_OURS], strict=True)
        for span in sorted(predicted)
        if not any(p[0] <= span[1] and span[0] <= p[1] for p in gold_spans)
    ]
    for sentence, span in others:
        print(f"- spurious [[{sentence.surface(span)}]] in: {sentence.text[:100]}")
    if not others:
        print("- spurious: none")

    print("\n## Summary (overlap P / R / F1, exact F1; ours minus baseline in points)\n")
    print(
        "| data set | gold kind | gold spans | ours overlap P / R / F1 | baseline overlap P / R / F1 | Δ overlap F1 "
        "| ours exact F1 | baseline exact F1 | Δ exact F1 |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(summary))
    print(
        f"\nOurs: as named for SkillSpan (headline: `{HEADLINE_SYSTEM['Knowledge']}` on KNOWLEDGE, "
        f"`{HEADLINE_SYSTEM['Skill']}` on SKILL), `{OURS}` for Green's Skill, `{YEARS_OURS}` for Experience. "
        f"Baseline: `{BASELINE}`; "
        f"for Experience `{YEARS_BASELINE}`."
    )
    print(
        "\n- run time: "
        + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timer.seconds.items())
        + f"; total {time.perf_counter() - began:.1f} s"
    )
    if not args.spans_only:
        labelled_sets()
    return 0


def labelled_sets() -> None:
    """The real resumes, postings and job pages labelled by reading (tests/data/reading), tune and held-out parts,
    each next to the code before issue 16's work: their own evaluations, run here so one command prints every
    figure the issue asks for."""
    from tests.benchmarks import eval_job_pages, eval_resumes, eval_seniority

    print("\n# Labelled real resumes, postings and job pages (tests/data/reading; rules in LABELLING.md)\n")
    print("## Resumes: titles, dated entries, total years (`eval_resumes --split all`)")
    eval_resumes.main(["--split", "all"])
    print("\n## Seniority of postings and resumes (`eval_seniority --split all`)\n")
    eval_seniority.main(["--split", "all"])
    print("\n## Job pages: title, company, location, description (`eval_job_pages --split all`)\n")
    eval_job_pages.main(["--split", "all"])


if __name__ == "__main__":
    sys.exit(main())

"""Span-level evaluation of mention finding against SkillSpan, next to an O*NET exact-lookup baseline.

    .venv/bin/python -m tests.benchmarks.eval_skillspan [--shared PATH] [--split tech_train] [--examples 10]

`tech_dev` is held out: its tables print, its individual errors do not (`HELD_OUT`); tune on `tech_train` and
`house_dev`.

SkillSpan (Zhang et al., NAACL 2022, MIT) is CoNLL: one token per line, `token<TAB>skill<TAB>knowledge`
with BIO tags per column, a blank line between sentences. Each sentence's text is its tokens joined by
single spaces (token offsets kept); gold spans are the KNOWLEDGE spans (the closest to a tech stack:
"Java", "AWS", "continuous integration") and, in a second table, the SKILL spans (soft and task phrases
like "automate processes", expected to be much lower).

Systems, all measured in the same run on the same sentences:
- ours: `Taxonomy.find_mentions` on each sentence (mention finding is what decides spans), every mention scored
  against both columns (the figure before skills had kinds; kept so that before/after stays comparable);
- ours, by kind: the same mentions, each scored only against the column its skill's kind belongs to
  (`skillspan_column`, below): "ours: knowledge kinds" against KNOWLEDGE, "ours: skill kinds" against SKILL;
  and, as a check on the one judgement call in that mapping, "ours: no soft-skill or practice kinds", which
  sends every practice to SKILL;
- ours, whole posting (tech splits only): `Taxonomy.find_mentions` on the posting (its sentences joined by
  newlines; postings are cut at the header of each "Date posted:"), keeping the mentions of skills
  `TaxonomyExtractor.extract_job_sync` reports for it (it drops skills only named in benefits or about
  sections);
- baseline, O*NET exact lookup (the SkillNER approach): every O*NET 29.2 Technology Skills "Example" name
  (all of them, read from `../shared/data/onet` here: this is an evaluation script, not the product), found
  as an exact, case-insensitive string at word boundaries, longest match first, no overlaps;
- the same baseline case-sensitive, as a check that the gap is not only the case-insensitive baseline's
  noise ("Go", "R", "Zoom", "Bing" in any casing).

A predicted character span becomes the token span it touches. Scores: (a) exact: a predicted token span
counts when it equals a gold span; (b) overlap: a predicted span counts when it shares a token with a gold
span, and a gold span is recalled when some prediction shares a token with it (each once). The headline is
OVERLAP: a dictionary system outputs names ("Java"), SkillSpan's KNOWLEDGE spans often carry extra words
("Java programming", "cloud adoption and migration"), so exact matching mostly measures annotation
conventions; exact is printed as well (it is the metric of the SkillSpan paper).

Which column a skill's mentions count against. SkillSpan annotates two layers taken from ESCO's (and the EQF's)
definitions (Zhang et al. 2022, section 3 and the released guidelines): a KNOWLEDGE component is "the body of
facts, principles, theories and practices" of a field, written as a noun (a language, a tool, a library, a
platform, a field, a named method, a certificate: "Python", "AWS", "Scrum"; in the paper's Figure 1 "Dev/Sec Ops"
is KNOWLEDGE inside the SKILL "working in a Dev/Sec Ops culture"); a SKILL component is "the ability to apply
knowledge and use know-how to complete tasks", mostly a verb phrase ("manage large sections of guests"), and the
annotators put attitudes (soft skills) there too. So, decided from the guidelines and not tuned on any split:
- SKILL: soft skills (kind `soft_skill`: ESCO's transversal collection, communication, teamwork), and practices
  that ESCO types "skill/competence" (kind `practice` from ESCO, not curated: "manage inventory", "develop
  test procedures"), ESCO being the source of SkillSpan's definitions;
- KNOWLEDGE: every other kind (language, query language, runtime, framework, database, platform, tool, domain,
  certification, human language) and the curated practices, which are named methods and technologies
  ("Agile", "TDD", "CI/CD", "REST", "microservices": ESCO's "practices" of a field).
Scoring a mention only against its column is the like-with-like comparison: SkillSpan's own systems are scored
per column, and a soft skill of ours makes no KNOWLEDGE claim. The all-mentions row stays next to it, and the
SKILL table shows where the other mentions went, so nothing is hidden by the split.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.models import SkillCategory, SkillKind
from skillgap.skills.taxonomy import Taxonomy

REPO_ROOT = Path(__file__).resolve().parents[2]
ONET_FILE = Path("data/onet/Technology Skills.txt")
KINDS = ("Knowledge", "Skill")
# Splits whose individual errors are never printed: vocabulary work tunes on the others, this one measures it.
HELD_OUT = frozenset({"tech_dev"})
HEADLINE = "overlap"
OURS = "ours: find_mentions"
KNOWLEDGE_KINDS = "ours: knowledge kinds"
SKILL_KINDS = "ours: skill kinds"
NO_PRACTICE = "ours: no soft-skill or practice kinds"
# The gold column each system is scored against in the summaries (others: both).
HEADLINE_SYSTEM = {"Knowledge": KNOWLEDGE_KINDS, "Skill": SKILL_KINDS}
# By-kind systems are scored against one column only.
SCORED_AGAINST = {KNOWLEDGE_KINDS: "Knowledge", NO_PRACTICE: "Knowledge", SKILL_KINDS: "Skill"}

Span = tuple[int, int]  # first and last token index, inclusive


@dataclass
class Sentence:
    tokens: list[str]
    tags: dict[str, list[str]]  # kind -> BIO tags
    text: str = ""
    starts: list[int] = field(default_factory=list)  # char offset of each token in `text`
    ends: list[int] = field(default_factory=list)

    def gold(self, kind: str) -> set[Span]:
        spans: set[Span] = set()
        first: int | None = None
        for index, tag in enumerate([*self.tags[kind], "O"]):
            if first is not None and not tag.startswith("I-"):
                spans.add((first, index - 1))
                first = None
            if tag.startswith("B-") or (tag.startswith("I-") and first is None):
                first = index
        return spans

    def token_span(self, start: int, end: int) -> Span | None:
        """The tokens a character span [start, end) touches, or None if it touches none."""
        first = bisect.bisect_right(self.ends, start)  # first token ending after `start`
        last = bisect.bisect_left(self.starts, end) - 1  # last token starting before `end`
        return (first, last) if first <= last else None

    def surface(self, span: Span) -> str:
        return " ".join(self.tokens[span[0] : span[1] + 1])


def read_conll(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    current: list[list[str]] = []

    def flush() -> None:
        if current:
            sentence = Sentence(
                tokens=[row[0] for row in current],
                tags={"Skill": [row[1] for row in current], "Knowledge": [row[2] for row in current]},
            )
            offset = 0
            for token in sentence.tokens:
                sentence.starts.append(offset)
                sentence.ends.append(offset + len(token))
                offset += len(token) + 1
            sentence.text = " ".join(sentence.tokens)
            sentences.append(sentence)
            current.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        row = line.split("\t")
        if len(row) != 3:
            raise ValueError(f"{path}: expected 3 tab-separated columns: {line!r}")
        current.append(row)
    flush()
    return sentences


def postings(sentences: Sequence[Sentence]) -> list[range] | None:
    """Sentence ranges of the postings of a tech split, cut at each "Date posted:". Its sentence starts the
    posting's header when title and address are in it too; when "Date posted:" starts a sentence, the title and
    the address are the two sentences before. None when the split has no such markers (house)."""
    starts: list[int] = []
    for index, sentence in enumerate(sentences):
        tokens = sentence.tokens
        at = next((i for i in range(len(tokens) - 1) if tokens[i] == "Date" and tokens[i + 1] == "posted:"), None)
        if at is not None:
            starts.append(max(0, index - 2) if at == 0 else index)
    if not starts:
        return None
    starts[0] = 0
    ends = [*starts[1:], len(sentences)]
    return [range(start, end) for start, end in zip(starts, ends, strict=True)]


# ---------------------------------------------------------------- systems

Finder = Callable[[str], list[tuple[int, int]]]


def ours(
    taxonomy: Taxonomy, *, soft_skills: bool = True, column: str | None = None, practice_is_skill: bool = False
) -> Finder:
    """`Taxonomy.find_mentions` as spans; with `column`, only mentions of skills `skillspan_column` puts there."""

    def find(text: str) -> list[tuple[int, int]]:
        return [
            (mention.start, mention.end)
            for mention in taxonomy.find_mentions(text)
            if (soft_skills or _category(taxonomy, mention.skill_id) is not SkillCategory.SOFT_SKILL)
            and (column is None or skillspan_column(taxonomy, mention.skill_id, practice_is_skill) == column)
        ]

    return find


def skillspan_column(taxonomy: Taxonomy, skill_id: str, practice_is_skill: bool = False) -> str:
    """The SkillSpan column ("Knowledge" or "Skill") a mention of `skill_id` is scored against (module docstring).
    `practice_is_skill` sends every practice to SKILL, curated named methods too (the check row)."""
    entry = taxonomy.get(skill_id)
    if entry is None:
        return "Knowledge"
    if entry.kind is SkillKind.SOFT_SKILL:
        return "Skill"
    if entry.kind is SkillKind.PRACTICE and (practice_is_skill or "curated" not in entry.sources):
        return "Skill"
    return "Knowledge"


def by_kind_systems(sentences: Sequence[Sentence], taxonomy: Taxonomy) -> dict[str, list[set[Span]]]:
    """The by-kind systems (module docstring), each computed from one pass of `find_mentions` per sentence."""
    systems: dict[str, list[set[Span]]] = {KNOWLEDGE_KINDS: [], SKILL_KINDS: [], NO_PRACTICE: []}
    for sentence in sentences:
        spans: dict[str, set[Span]] = {name: set() for name in systems}
        for mention in taxonomy.find_mentions(sentence.text):
            span = sentence.token_span(mention.start, mention.end)
            if span is None:
                continue
            column = skillspan_column(taxonomy, mention.skill_id)
            spans[KNOWLEDGE_KINDS if column == "Knowledge" else SKILL_KINDS].add(span)
            if skillspan_column(taxonomy, mention.skill_id, practice_is_skill=True) == "Knowledge":
                spans[NO_PRACTICE].add(span)
        for name, found in spans.items():
            systems[name].append(found)
    return systems


def _category(taxonomy: Taxonomy, skill_id: str) -> SkillCategory | None:
    entry = taxonomy.get(skill_id)
    return entry.category if entry is not None else None


def onet_names(shared: Path) -> list[str]:
    with (shared / ONET_FILE).open(encoding="utf-8", newline="") as handle:
        return sorted({row["Example"].strip() for row in csv.DictReader(handle, delimiter="\t") if row["Example"]})


def dictionary(names: Iterable[str], *, ignore_case: bool) -> Finder:
    """Exact string lookup of whole names at word boundaries, longest first at the leftmost position."""
    ordered = sorted(set(names), key=lambda name: (-len(name), name))
    body = "|".join(re.escape(name) for name in ordered)
    pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE if ignore_case else 0)
    return lambda text: [match.span() for match in pattern.finditer(text)]


def whole_posting(sentences: Sequence[Sentence], ranges: Sequence[range], taxonomy: Taxonomy) -> list[set[Span]]:
    """Per sentence, the token spans of the posting-level mentions whose skill the extractor reports."""
    extractor = TaxonomyExtractor(taxonomy)
    predicted: list[set[Span]] = [set() for _ in sentences]
    for posting in ranges:
        offsets: list[int] = []
        parts: list[str] = []
        position = 0
        for index in posting:
            offsets.append(position)
            parts.append(sentences[index].text)
            position += len(sentences[index].text) + 1
        description = "\n".join(parts)
        job = extractor.extract_job_sync(title="", description=description)
        kept = {extracted.skill.skill_id for extracted in (*job.required_skills, *job.nice_to_have_skills)}
        for mention in taxonomy.find_mentions(description):
            if mention.skill_id not in kept:
                continue
            local = bisect.bisect_right(offsets, mention.start) - 1
            sentence = sentences[posting[local]]
            start, end = mention.start - offsets[local], mention.end - offsets[local]
            if end > len(sentence.text):  # crosses a sentence boundary
                continue
            span = sentence.token_span(start, end)
            if span is not None:
                predicted[posting[local]].add(span)
    return predicted


def for_column(systems: dict[str, list[set[Span]]], column: str) -> dict[str, list[set[Span]]]:
    """`systems` without the by-kind ones meant for the other column (a SKILL-kinds row has no KNOWLEDGE score)."""
    return {name: spans for name, spans in systems.items() if SCORED_AGAINST.get(name, column) == column}


def spans_of(sentences: Sequence[Sentence], finder: Finder) -> list[set[Span]]:
    predicted: list[set[Span]] = []
    for sentence in sentences:
        spans = {sentence.token_span(start, end) for start, end in finder(sentence.text)}
        predicted.append({span for span in spans if span is not None})
    return predicted


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Score:
    predicted: int
    gold: int
    tp_predicted: int  # predictions that count
    tp_gold: int  # gold spans recalled

    @property
    def precision(self) -> float:
        return self.tp_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def score(gold: Sequence[set[Span]], predicted: Sequence[set[Span]], metric: str) -> Score:
    n_pred = n_gold = tp_pred = tp_gold = 0
    for gold_spans, pred_spans in zip(gold, predicted, strict=True):
        n_pred += len(pred_spans)
        n_gold += len(gold_spans)
        if metric == "exact":
            hits = len(gold_spans & pred_spans)
            tp_pred += hits
            tp_gold += hits
        else:
            tp_pred += sum(any(_overlaps(p, g) for g in gold_spans) for p in pred_spans)
            tp_gold += sum(any(_overlaps(g, p) for p in pred_spans) for g in gold_spans)
    return Score(n_pred, n_gold, tp_pred, tp_gold)


def table(kind: str, gold: Sequence[set[Span]], systems: dict[str, list[set[Span]]], baseline: str) -> list[str]:
    lines = [
        f"| {kind} spans | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | predicted |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base = {metric: score(gold, systems[baseline], metric).f1 for metric in ("exact", "overlap")}
    for name, predicted in systems.items():
        cells = []
        for metric in ("exact", "overlap"):
            s = score(gold, predicted, metric)
            cells += [f"{100 * s.precision:.1f}", f"{100 * s.recall:.1f}", f"{100 * s.f1:.1f}"]
        lines.append(f"| {name} | {' | '.join(cells)} | {sum(map(len, predicted))} |")
    lines.append("")
    for name, predicted in systems.items():
        if name == baseline:
            continue
        deltas = [100 * (score(gold, predicted, metric).f1 - base[metric]) for metric in ("exact", "overlap")]
        lines.append(f"- {name} - {baseline}: exact F1 {deltas[0]:+.1f} points, overlap F1 {deltas[1]:+.1f} points")
    return lines


# ---------------------------------------------------------------- errors


def errors(
    sentences: Sequence[Sentence], gold: Sequence[set[Span]], predicted: Sequence[set[Span]]
) -> tuple[list[tuple[int, Span]], list[tuple[int, Span]]]:
    """Overlap-level errors: gold spans no prediction touches, predictions that touch no gold span."""
    missed: list[tuple[int, Span]] = []
    spurious: list[tuple[int, Span]] = []
    for index, (gold_spans, pred_spans) in enumerate(zip(gold, predicted, strict=True)):
        missed += [(index, g) for g in sorted(gold_spans) if not any(_overlaps(g, p) for p in pred_spans)]
        spurious += [(index, p) for p in sorted(pred_spans) if not any(_overlaps(p, g) for g in gold_spans)]
    return missed, spurious


def _context(sentence: Sentence, span: Span, width: int = 6) -> str:
    left = " ".join(sentence.tokens[max(0, span[0] - width) : span[0]])
    right = " ".join(sentence.tokens[span[1] + 1 : span[1] + 1 + width])
    return f"{left} [[{sentence.surface(span)}]] {right}".strip()


def _spread(items: Sequence[tuple[int, Span]], count: int) -> list[tuple[int, Span]]:
    """`count` items evenly spread over the split (the first ones all come from one posting)."""
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def _normalized(text: str) -> str:
    return re.sub(r"^\W+|\W+$", "", text.lower())


def print_errors(
    title: str,
    sentences: Sequence[Sentence],
    items: Sequence[tuple[int, Span]],
    examples: int,
    top: int,
    taxonomy: Taxonomy | None = None,
) -> None:
    """Examples spread over the split, then the most frequent surfaces; with `taxonomy`, each marked "=id" when
    `Taxonomy.lookup` knows the whole span as a name (so mention finding skipped it: casing or mode)."""
    print(f"\n### {title}: {len(items)} (overlap level)\n")
    for index, span in _spread(items, examples):
        print(f"- s{index}: {_context(sentences[index], span)}")
    counts = Counter(_normalized(sentences[index].surface(span)) for index, span in items)
    listed = []
    for surface, n in counts.most_common(top):
        entry = taxonomy.lookup(surface) if taxonomy is not None else None
        listed.append(f"{surface} ({n}{', =' + entry.skill_id if entry is not None else ''})")
    print(f"\nMost frequent: {', '.join(listed)}")


# ---------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--split", default="tech_train", help="tech_train, house_dev or (held out) tech_dev")
    parser.add_argument("--examples", type=int, default=10, help="false negatives/positives shown")
    parser.add_argument("--top", type=int, default=40, help="most frequent misses listed")
    args = parser.parse_args(argv)

    data = args.shared / "data" / "skillspan" / f"skillspan_{args.split}.conll"
    sentences = read_conll(data)
    taxonomy = Taxonomy.load()
    names = onet_names(args.shared)

    systems: dict[str, list[set[Span]]] = {}
    timings: dict[str, float] = {}

    def run(name: str, compute: Callable[[], list[set[Span]]]) -> None:
        began = time.perf_counter()
        systems[name] = compute()
        timings[name] = time.perf_counter() - began

    run(OURS, lambda: spans_of(sentences, ours(taxonomy)))
    run("ours: find_mentions, no soft skills", lambda: spans_of(sentences, ours(taxonomy, soft_skills=False)))
    began = time.perf_counter()
    systems.update(by_kind_systems(sentences, taxonomy))
    timings["ours: by kind"] = time.perf_counter() - began
    ranges = postings(sentences)
    if ranges is not None:
        run("ours: extractor, whole posting", lambda: whole_posting(sentences, ranges, taxonomy))
    baseline = "baseline: O*NET exact, any case"
    run(baseline, lambda: spans_of(sentences, dictionary(names, ignore_case=True)))
    run("baseline: O*NET exact, cased", lambda: spans_of(sentences, dictionary(names, ignore_case=False)))

    gold = {kind: [sentence.gold(kind) for sentence in sentences] for kind in KINDS}
    print(f"# SkillSpan {args.split}: extraction spans against gold\n")
    print(f"- data: {data}")
    print(
        f"- sentences: {len(sentences)}, postings: {len(ranges) if ranges is not None else 'unknown'}, tokens: "
        f"{sum(len(s.tokens) for s in sentences)}"
    )
    print(f"- gold spans: KNOWLEDGE {sum(map(len, gold['Knowledge']))}, SKILL {sum(map(len, gold['Skill']))}")
    print(f"- taxonomy {taxonomy.version}: {len(taxonomy)} skills; O*NET 29.2 Example names: {len(names)}")
    print(
        f"- headline: {HEADLINE} match of `{KNOWLEDGE_KINDS}` on KNOWLEDGE spans (`{SKILL_KINDS}` on SKILL); "
        f"delta against `{baseline}`"
    )
    print("- run time: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items()))
    for kind in KINDS:
        print()
        print("\n".join(table(kind.upper(), gold[kind], for_column(systems, kind), baseline)))

    main_system = KNOWLEDGE_KINDS
    if args.split in HELD_OUT:
        print(f"\n## Errors: not shown, `{args.split}` is held out (tune on tech_train and house_dev)")
        return 0
    missed, spurious = errors(sentences, gold["Knowledge"], systems[main_system])
    print(f"\n## Errors of `{main_system}` on KNOWLEDGE spans")
    print_errors("False negatives (gold spans nothing touches)", sentences, missed, args.examples, args.top, taxonomy)
    print_errors("False positives (predictions touching no gold span)", sentences, spurious, args.examples, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())

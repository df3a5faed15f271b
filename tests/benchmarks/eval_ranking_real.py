"""Ranking evaluation on real text: 20 real resumes x 30 real postings graded by reading, SkillGap's match score
next to similarity alone and BM25 alone, in one run (issue 17).

    .venv/bin/python -m tests.benchmarks.eval_ranking_real [--split tune|held_out|all] [--resamples 10000]
        [--seed 17]

Data: `tests/data/ranking/` — `set.yaml` (the resumes with their split, fixed by resume before any tuning, and a
role summary; the postings), `pairs.csv` (`resume_id,posting_id,grade,note`, every resume x every posting, grade
0-3 by the written rules of `GRADING.md`: role family, seniority, must-have skills). The texts are
`tests/data/reading/resumes/texts/rNNN.txt` and `tests/data/reading/postings/texts/pNNN.txt` (title, blank line,
description).

Everything is read through the product's own code, in process, no servers: a resume's text is what
`parse_resume` makes of its bytes (as an upload of a .txt file), read by
`TaxonomyExtractor(Taxonomy.load(), OccupationIndex.packaged()).extract_resume_sync` with dates against a
fixed day (TODAY, the reading labels' as_of, so the set does not age) and embedded with `Embedder.embed_document`
(what ResumeService stores); a posting is read by `extract_job_sync`, embedded as `title + "\\n" +
description` with `embed_document_batch` (what JobCatalog stores), and turned into `JobFacts` through the
vector payload search reads (`jobs.service.search_payload` -> `matching.facts.facts_from_payload`). The
Embedder is built as `skillgap.app` builds it, from the defaults of `Settings` (the packaged MiniLM int8).

Systems, each ranking all 30 postings for each resume (recall is the whole set, 30 < RECALL):

- full: `scoring.score(facts, CoverageIndex(candidate_from_profile(profile, text), taxonomy), cosine).score`,
  ordered as `JobMatcher._rank` orders (score, then cosine, then job id): the product's ranking. The eval
  builds this order itself from those public functions and checks it against `JobMatcher._rank` run on a
  stand-in index that recalls every job (the output says "check: ..." or prints a WARNING);
- similarity: the cosine of the two vectors alone;
- BM25: Okapi BM25 (k1 1.2, b 0.75; `eval_matching.bm25_scores`, its tokenizer: lower-cased runs of letters,
  digits, "+" and "#", minus English stopwords; Latin script only) over the postings' title + description,
  the resume's text as the query;
- skills only: the full score without its similarity part (the other parts re-weighted among themselves as
  `score` does for a part it cannot assess); shown for reading, not bootstrapped.

Ties in a score are broken by posting id (the full score: by cosine first, as the service does).

Metrics per resume, then the mean over the resumes of a split: NDCG@5 and NDCG@10 (gain 2^grade - 1, discount
1/log2(rank + 1), the ideal from all 30 grades of that resume) and Spearman's rho between the system's scores
and the grades (average ranks for ties; 0 for a resume whose scores are all equal). Paired bootstrap over
resumes (RESAMPLES resamples of the split's resumes with replacement, fixed seed; the same resamples for every
metric and both baselines): full - similarity and full - BM25, the observed mean difference and the 95%
percentile interval; "above 0" when the interval's lower end is.

Reading the output: one table per split (tune, held_out, all), then the paired differences. With `--split
tune` or `all`, each tune resume follows with its role summary (from set.yaml), what the product read (level,
years, skills), the product's top 5 with grades and score parts, and where its best-graded postings ended up,
so a person can see what went wrong. Held-out resumes are only ever shown in aggregate. About a minute on
2 cores (embedding the 50 texts dominates; nothing is cached on disk).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import math
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import yaml

from skillgap.config import Settings
from skillgap.embedding.embedder import Embedder
from skillgap.jobs.models import JobPosting, StoredJob
from skillgap.jobs.service import _embedding_text, search_payload
from skillgap.matching.facts import candidate_from_profile, facts_from_payload
from skillgap.matching.models import Candidate, JobFacts, ScoreBreakdown, ScoreComponent
from skillgap.matching.scoring import CoverageIndex, score
from skillgap.matching.service import JobMatcher
from skillgap.occupations.index import OccupationIndex
from skillgap.resumes.parsing import parse_resume
from skillgap.skills.extraction import TaxonomyExtractor
from skillgap.skills.models import JobSkills, ResumeProfile
from skillgap.skills.taxonomy import Taxonomy
from skillgap.vectors.filters import JobSearchFilter
from skillgap.vectors.store import JobHit, JobSearchResult
from tests.benchmarks._common import load_average, machine_description
from tests.benchmarks.eval_matching import bm25_scores

ROOT = Path(__file__).resolve().parents[2]
RANKING = ROOT / "tests" / "data" / "ranking"
RESUME_TEXTS = ROOT / "tests" / "data" / "reading" / "resumes" / "texts"
POSTING_TEXTS = ROOT / "tests" / "data" / "reading" / "postings" / "texts"
# The reading labels' as_of: "Present" in a resume is read against this day, so the figures do not age.
TODAY = date(2026, 12, 5)
RESAMPLES = 10_000
SEED = 17
SPLITS = ("tune", "held_out")

FULL, SIMILARITY, BM25, SKILLS_ONLY = "full score", "similarity alone", "BM25 alone", "skills only (no similarity)"
SYSTEMS = (FULL, SIMILARITY, BM25, SKILLS_ONLY)
BASELINES = (SIMILARITY, BM25)
METRICS = ("NDCG@5", "NDCG@10", "Spearman")


# ---------------------------------------------------------------- metrics


def ndcg_at(grades_in_order: Sequence[int], all_grades: Sequence[int], k: int) -> float:
    """NDCG@k with gain 2^grade - 1 and discount 1/log2(rank + 1); the ideal orders `all_grades` best first.
    0 when no item has a positive grade."""

    def dcg(grades: Sequence[int]) -> float:
        return sum((2.0**g - 1.0) / math.log2(rank + 2) for rank, g in enumerate(grades[:k]))

    ideal = dcg(sorted(all_grades, reverse=True))
    return dcg(grades_in_order) / ideal if ideal > 0 else 0.0


def average_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ascending; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rho: Pearson's correlation of the average ranks. 0 when either side is constant (a ranking
    that cannot tell items apart carries no information)."""
    if len(xs) != len(ys):
        raise ValueError("spearman needs two sequences of the same length")
    rx, ry = average_ranks(xs), average_ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def rank_order(scores: Sequence[float], ids: Sequence[str], then: Sequence[float] | None = None) -> list[int]:
    """Item indices best first: higher score first, then (if given) higher `then`, then the smaller id."""
    return sorted(range(len(scores)), key=lambda i: (-scores[i], -then[i] if then is not None else 0.0, ids[i]))


@dataclass(frozen=True)
class Difference:
    mean: float  # observed mean over the resumes of (system - baseline)
    low: float  # 95% percentile bootstrap interval of that mean
    high: float

    @property
    def above_zero(self) -> bool:
        return self.low > 0


def paired_bootstrap(
    ours: Sequence[float] | np.ndarray,
    theirs: Sequence[float] | np.ndarray,
    *,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Difference:
    """Mean of the per-resume differences and its 95% interval from resampling resumes with replacement.
    The same seed draws the same resamples for every pair of systems of the same size (paired throughout)."""
    differences = np.asarray(ours, dtype=np.float64) - np.asarray(theirs, dtype=np.float64)
    picks = np.random.default_rng(seed).integers(0, len(differences), size=(resamples, len(differences)))
    means = differences[picks].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return Difference(float(differences.mean()), float(low), float(high))


def per_resume_metrics(order: Sequence[int], scores: Sequence[float], grades: Sequence[int]) -> dict[str, float]:
    in_order = [grades[i] for i in order]
    return {
        "NDCG@5": ndcg_at(in_order, grades, 5),
        "NDCG@10": ndcg_at(in_order, grades, 10),
        "Spearman": spearman(scores, [float(g) for g in grades]),
    }


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Resume:
    resume_id: str
    split: str
    role_summary: str
    text: str  # as parse_resume gives it: what the product stores, reads and embeds


@dataclass(frozen=True)
class Posting:
    posting_id: str
    title: str
    description: str
    role_summary: str


def load_set() -> tuple[list[Resume], list[Posting], dict[tuple[str, str], int]]:
    spec = yaml.safe_load((RANKING / "set.yaml").read_text(encoding="utf-8"))
    max_bytes = Settings.model_fields["max_upload_bytes"].default
    resumes = []
    for entry in spec["resumes"]:
        if entry["split"] not in SPLITS:
            raise SystemExit(f"set.yaml: resume {entry['id']} has split {entry['split']!r}, not one of {SPLITS}")
        path = RESUME_TEXTS / f"{entry['id']}.txt"
        parsed = parse_resume(path.read_bytes(), filename=path.name, content_type="text/plain", max_bytes=max_bytes)
        resumes.append(Resume(entry["id"], entry["split"], entry.get("role_summary", ""), parsed.text))
    postings = []
    for entry in spec["postings"]:
        title, _, description = (POSTING_TEXTS / f"{entry['id']}.txt").read_text(encoding="utf-8").partition("\n")
        postings.append(Posting(entry["id"], title.strip(), description.strip(), entry.get("role_summary", "")))
    grades: dict[tuple[str, str], int] = {}
    with (RANKING / "pairs.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            grades[(row["resume_id"], row["posting_id"])] = int(row["grade"])
    missing = [
        (r.resume_id, p.posting_id) for r in resumes for p in postings if (r.resume_id, p.posting_id) not in grades
    ]
    if missing:
        raise SystemExit(f"pairs.csv: {len(missing)} pairs have no grade, e.g. {missing[:3]}")
    return resumes, postings, grades


def _stored(posting: Posting, skills: JobSkills) -> StoredJob:
    job = JobPosting(source_kind="manual", source_identifier="eval-ranking-real", external_id=posting.posting_id,
                     title=posting.title, description=posting.description)  # fmt: skip
    return StoredJob(job_id=posting.posting_id, posting=job, state="open",
                     scrape_time=datetime(2026, 12, 1, tzinfo=UTC), close_time=None, skills=skills)  # fmt: skip


def build_embedder(cache_dir: Path) -> Embedder:
    """As `skillgap.app` builds it, with the settings' defaults (the packaged model, its token budget)."""
    fields = Settings.model_fields
    return Embedder(
        model_name=fields["embedding_model"].default,
        model_path=fields["embedding_model_path"].default,
        cache_dir=cache_dir,
        max_tokens=fields["embedding_max_tokens"].default,
    )


# ---------------------------------------------------------------- the service's own order, as a check


class _Recalled:
    """Stands in for the vector index in `JobMatcher._rank`: every job is recalled, with the eval's cosine."""

    def __init__(self, hits: Sequence[JobHit]) -> None:
        self._hits = tuple(sorted(hits, key=lambda h: (-h.similarity, h.job_id)))

    async def search_jobs(
        self, vector: Sequence[float], *, filter: JobSearchFilter, limit: int, offset: int = 0
    ) -> JobSearchResult:
        return JobSearchResult(self._hits[offset : offset + limit])


def service_orders(
    candidates: Sequence[Candidate], payloads: Sequence[dict[str, object]], ids: Sequence[str], cosine: np.ndarray,
    taxonomy: Taxonomy,
) -> list[list[str]]:  # fmt: skip
    """Each resume's job ids as `JobMatcher._rank` (the search's rerank, a private method) orders them. The eval
    computes its own order from the same public functions; this checks that the two agree, so a change to the
    service's sorting that the eval does not follow shows in the output instead of going unnoticed."""

    async def one(r: int) -> list[str]:
        hits = [JobHit(ids[p], float(cosine[r, p]), dict(payloads[p])) for p in range(len(ids))]
        matcher = JobMatcher(None, None, _Recalled(hits), None, taxonomy, None,  # type: ignore[arg-type]
                             occupations=OccupationIndex.packaged())  # fmt: skip
        ranked, _, _ = await matcher._rank(candidates[r], [], JobSearchFilter())
        return [item.hit.job_id for item in ranked]

    async def every() -> list[list[str]]:
        return [await one(r) for r in range(len(candidates))]

    return asyncio.run(every())


# ---------------------------------------------------------------- run


@dataclass
class Run:
    resumes: list[Resume]
    postings: list[Posting]
    grades: np.ndarray  # resumes x postings
    profiles: list[ResumeProfile]
    job_skills: list[JobSkills]
    facts: list[JobFacts]
    candidates: list[Candidate]
    cosine: np.ndarray
    breakdowns: list[list[ScoreBreakdown]]
    scores: dict[str, np.ndarray]  # system -> resumes x postings
    orders: dict[str, list[list[int]]]  # system -> per resume, posting indices best first
    metrics: dict[str, dict[str, np.ndarray]]  # system -> metric -> per resume
    disagreements: list[str]  # resumes whose full-score order differs from JobMatcher._rank's


def skills_only(breakdown: ScoreBreakdown) -> float:
    """The score without its similarity part: the other parts' points over their weights (0-100)."""
    parts = (breakdown.required_coverage, breakdown.nice_to_have_coverage, breakdown.seniority_fit, breakdown.role_fit)
    weight = sum(p.weight for p in parts)
    return round(sum(p.points for p in parts) / weight, 1) if weight > 0 else 0.0


def run_all(timings: dict[str, float]) -> Run:
    clock = time.perf_counter
    began = clock()
    resumes, postings, pair_grades = load_set()
    grades = np.array([[pair_grades[(r.resume_id, p.posting_id)] for p in postings] for r in resumes])
    timings["read set"] = clock() - began

    began = clock()
    taxonomy = Taxonomy.load()
    extractor = TaxonomyExtractor(taxonomy, OccupationIndex.packaged())
    timings["load taxonomy and occupations"] = clock() - began
    began = clock()
    job_skills = [extractor.extract_job_sync(title=p.title, description=p.description) for p in postings]
    profiles = [extractor.extract_resume_sync(r.text, today=TODAY) for r in resumes]
    stored = [_stored(p, s) for p, s in zip(postings, job_skills, strict=True)]
    payloads = [search_payload(job, s) for job, s in zip(stored, job_skills, strict=True)]
    facts = [facts_from_payload(job.job_id, payload) for job, payload in zip(stored, payloads, strict=True)]
    candidates = [candidate_from_profile(profile, r.text) for r, profile in zip(resumes, profiles, strict=True)]
    timings["extract"] = clock() - began

    began = clock()
    with tempfile.TemporaryDirectory() as model_cache:
        embedder = build_embedder(Path(model_cache))
        timings["model load"] = clock() - began
        began = clock()
        job_vectors = np.asarray(embedder.embed_document_batch([_embedding_text(j.posting) for j in stored]))
        resume_vectors = np.asarray([embedder.embed_document(r.text) for r in resumes])
    timings["embed"] = clock() - began
    cosine = resume_vectors.astype(np.float64) @ job_vectors.astype(np.float64).T

    began = clock()
    breakdowns = []
    for r, candidate in enumerate(candidates):
        index = CoverageIndex(candidate, taxonomy, OccupationIndex.packaged())
        breakdowns.append([score(job_facts, index, float(cosine[r, p])) for p, job_facts in enumerate(facts)])
    scores = {
        FULL: np.array([[b.score for b in row] for row in breakdowns]),
        SIMILARITY: cosine,
        BM25: bm25_scores([_embedding_text(j.posting) for j in stored], [r.text for r in resumes]),
        SKILLS_ONLY: np.array([[skills_only(b) for b in row] for row in breakdowns]),
    }
    timings["score"] = clock() - began

    ids = [p.posting_id for p in postings]
    orders = {
        system: [
            # The product's order: score, then similarity, then id (JobMatcher._rank).
            rank_order(list(values[r]), ids, then=list(cosine[r]) if system == FULL else None)
            for r in range(len(resumes))
        ]
        for system, values in scores.items()
    }
    metrics: dict[str, dict[str, np.ndarray]] = {}
    for system, values in scores.items():
        rows = [
            per_resume_metrics(orders[system][r], list(values[r]), [int(g) for g in grades[r]])
            for r in range(len(resumes))
        ]
        metrics[system] = {name: np.array([row[name] for row in rows]) for name in METRICS}
    try:
        by_service = service_orders(candidates, payloads, ids, cosine, taxonomy)
    except Exception as exc:  # the check leans on a private method: if its shape changed, say so and go on
        disagreements = [f"(not checked: JobMatcher._rank failed on the stand-in index: {type(exc).__name__}: {exc})"]
    else:
        disagreements = [
            resume.resume_id
            for resume, ours, theirs in zip(resumes, orders[FULL], by_service, strict=True)
            if [ids[p] for p in ours] != theirs
        ]
    return Run(resumes, postings, grades, profiles, job_skills, facts, candidates, cosine, breakdowns, scores,
               orders, metrics, disagreements)  # fmt: skip


# ---------------------------------------------------------------- report


def _print_split(run: Run, split: str, resamples: int, seed: int) -> None:
    rows = [i for i, r in enumerate(run.resumes) if split == "all" or r.split == split]
    grades = run.grades[rows]
    print(f"\n## {split}: {len(rows)} resumes x {len(run.postings)} postings")
    print(
        f"grades: {int((grades == 3).sum())} x 3, {int((grades == 2).sum())} x 2, {int((grades == 1).sum())} x 1, "
        f"{int((grades == 0).sum())} x 0\n"
    )
    print("| system | " + " | ".join(METRICS) + " |")
    print("|---|" + "---:|" * len(METRICS))
    for system in SYSTEMS:
        values = [f"{run.metrics[system][m][rows].mean():.3f}" for m in METRICS]
        if system == FULL:
            values = [f"**{v}**" for v in values]
        print(f"| {system} | " + " | ".join(values) + " |")
    print(f"\nPaired bootstrap over resumes ({resamples:,} resamples, seed {seed}): mean difference [95% interval]\n")
    print("| difference | " + " | ".join(METRICS) + " |")
    print("|---|" + "---:|" * len(METRICS))
    for baseline in BASELINES:
        cells = []
        for m in METRICS:
            d = paired_bootstrap(run.metrics[FULL][m][rows], run.metrics[baseline][m][rows], resamples=resamples,
                                 seed=seed)  # fmt: skip
            cells.append(f"{d.mean:+.3f} [{d.low:+.3f}, {d.high:+.3f}]{' above 0' if d.above_zero else ''}")
        print(f"| full - {baseline.split()[0]} | " + " | ".join(cells) + " |")


def _print_tune_resumes(run: Run) -> None:
    print("\n## Tune resumes: the product's top 5 (held-out resumes are never shown one by one)")
    print("grade in [brackets]; parts: sem = calibrated similarity, req / nice = coverage, sen = seniority fit")
    print("(- = not assessed); cos = cosine.")
    titles = [p.title for p in run.postings]
    for r, resume in enumerate(run.resumes):
        if resume.split != "tune":
            continue
        profile = run.profiles[r]
        m = {s: run.metrics[s] for s in (FULL, SIMILARITY, BM25)}
        print(
            f"\n### {resume.resume_id}: {resume.role_summary}\n"
            f"read as: level {profile.seniority.level.value}, "
            f"{profile.total_years_experience if profile.total_years_experience is not None else '?'} years, "
            f"{len(run.candidates[r].skills)} skills, recent title "
            f"{profile.recent_titles[0] if profile.recent_titles else '-'!r}\n"
            + "NDCG@5 full / similarity / BM25: "
            + " / ".join(f"{m[s]['NDCG@5'][r]:.2f}" for s in m)
            + ";  Spearman: "
            + " / ".join(f"{m[s]['Spearman'][r]:.2f}" for s in m)
        )
        order = run.orders[FULL][r]
        for rank, p in enumerate(order[:5], start=1):
            b = run.breakdowns[r][p]
            print(
                f"  {rank}. [{run.grades[r, p]}] {run.postings[p].posting_id} {titles[p][:48]:<48} "
                f"{b.score:5.1f}  {_parts(b)}  cos {run.cosine[r, p]:.2f}"
            )
        best = [p for p in order if run.grades[r, p] >= 2]
        where = ", ".join(f"{run.postings[p].posting_id} [{run.grades[r, p]}] at {order.index(p) + 1}" for p in best)
        print(f"  graded >= 2: {where}")


def _parts(b: ScoreBreakdown) -> str:
    def one(name: str, c: ScoreComponent) -> str:
        return f"{name} {c.value:.2f}" if c.weight > 0 else f"{name} -   "

    return "  ".join(
        one(n, c)
        for n, c in (
            ("sem", b.semantic_similarity),
            ("req", b.required_coverage),
            ("nice", b.nice_to_have_coverage),
            ("sen", b.seniority_fit),
            ("role", b.role_fit),
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--split", choices=("tune", "held_out", "all"), default="all")
    parser.add_argument("--resamples", type=int, default=RESAMPLES)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)

    print(f"# Ranking on real text (tests/data/ranking), split {args.split}")
    print(f"command: .venv/bin/python -m tests.benchmarks.eval_ranking_real {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {machine_description()}; load average {load_average()}")
    timings: dict[str, float] = {}
    run = run_all(timings)
    print("time: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items()))
    if run.disagreements:
        print(f"WARNING: the full-score order differs from JobMatcher._rank's for {', '.join(run.disagreements)}:"
              " the service ranks differently now; update rank_order's key here")  # fmt: skip
    else:
        print(f"check: the full-score order equals JobMatcher._rank's for all {len(run.resumes)} resumes")

    for split in ("tune", "held_out", "all") if args.split == "all" else (args.split,):
        _print_split(run, split, args.resamples, args.seed)
    if args.split in ("tune", "all"):
        _print_tune_resumes(run)
    return 0


if __name__ == "__main__":
    sys.exit(main())

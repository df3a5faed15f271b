"""Grading agreement with answers labelled by reading (issue 18, item 3): the offline engine before and now, and
the LLM engine on the real local model, in one run.

    .venv/bin/python -m tests.benchmarks.eval_grading [--split tune|held_out|all] [--llm] [--llm-sample N] [--misses]

Data: `tests/data/answers/*.yaml` (rules and the split in its LABELLING.md): interview answers over the bank's
questions of every kind, each labelled 0-4 by reading; an item whose id divides by 3 is held out.

Systems, on the same items in the same run:
- offline now: `OfflineGrader` with the packaged embedding model, on the bank's questions as they are today;
- offline before: the code, question bank and model of commit BEFORE_GRADING_WORK (the last one before this
  work), from a temporary git worktree in a subprocess (`tests.benchmarks.baseline.checkout_at`);
- with `--llm`: the LLM engine (`LlmEngine`, its offline fallback included), now and before, against the real
  local model (`tests.skills.local_llm`: SmolLM2-135M behind llama.cpp's server), on `--llm-sample` items
  spread evenly over the split (all of them with 0); the offline rows are also given on that sample.

Figures per split: Spearman's rho between the engine's 0-10 score and the label (ties averaged), and Cohen's
quadratic-weighted kappa between the label and the engine's score put on the label scale by fixed cut points
(`CUTS`, even bands set before any grader ran on the set: 0-1.2 -> 0, 1.3-3.7 -> 1, 3.8-6.2 -> 2, 6.3-8.7 -> 3,
8.8-10 -> 4), with the mean score per label. `--misses` lists the tune items "offline now" puts two or more
labels away from theirs (held-out items are scored, never shown).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from skillgap.datafiles import load_yaml
from skillgap.interview.bank import QuestionBank
from skillgap.interview.models import Point, Question, Target
from tests.benchmarks.baseline import checkout_at
from tests.benchmarks.eval_ranking_real import spearman

REPO_ROOT = Path(__file__).resolve().parents[2]
ANSWERS = REPO_ROOT / "tests" / "data" / "answers"
BEFORE_GRADING_WORK = "abac061"
SPLITS = ("tune", "held_out")
LABELS = (0, 1, 2, 3, 4)
# The engine's 0-10 score on the 0-4 label scale: even bands of 2.5 points (label * 2.5 +- 1.25). Fixed before
# any grader ran on the answer set; never fitted.
CUTS = (1.25, 3.75, 6.25, 8.75)

WrittenAs = Literal[
    "good", "good_plain", "partial", "poor", "stuffed", "wrong", "fluff", "off_topic", "dont_know", "injected"
]


class LabelledAnswer(BaseModel):
    """One item of the answer set (see LABELLING.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[int, Field(ge=1)]
    question: StrictStr
    skill: StrictStr = ""
    years_shown: float | None = None
    years_asked: float | None = None
    written_as: WrittenAs
    label: Annotated[int, Field(ge=0, le=4)]
    answer: StrictStr
    note: StrictStr = ""

    @property
    def split(self) -> str:
        return "held_out" if self.id % 3 == 0 else "tune"


class AnswersFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    answers: tuple[LabelledAnswer, ...]


def load_answers(folder: Path = ANSWERS) -> list[LabelledAnswer]:
    """Every item of the set, by id; raises ValueError on a repeated id."""
    items: list[LabelledAnswer] = []
    for path in sorted(folder.glob("*.yaml")):
        items.extend(load_yaml(path, AnswersFile).data.answers)
    seen: set[int] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"answer id {item.id} is used twice in {folder}")
        seen.add(item.id)
    return sorted(items, key=lambda item: item.id)


def in_split(items: Sequence[LabelledAnswer], split: str) -> list[LabelledAnswer]:
    return [item for item in items if split == "all" or item.split == split]


def asked_question(bank: QuestionBank, item: LabelledAnswer) -> Question:
    """The bank's question as an interview asks it about the item's skill (and years)."""
    chosen = bank.get(item.question)
    if chosen is None:
        raise ValueError(f"answer {item.id}: no question {item.question!r} in the bank")
    return Question(
        question_id=f"a{item.id}",
        text=bank.render(chosen, skill=item.skill, years_shown=item.years_shown, years_asked=item.years_asked),
        kind=chosen.kind,
        difficulty=chosen.difficulty,
        target=Target(kind="gap"),
        points=tuple(Point(point=p.point, keywords=p.keywords) for p in chosen.points),
        bank_key=chosen.key,
    )


# ---------------------------------------------------------------- agreement


def label_for(score: float) -> int:
    """The 0-4 label a 0-10 score reads as (CUTS)."""
    return sum(score >= cut for cut in CUTS)


def quadratic_weighted_kappa(labels: Sequence[int], predicted: Sequence[int], categories: int = len(LABELS)) -> float:
    """Cohen's kappa with quadratic weights: 1 - sum(w * observed) / sum(w * expected), w = (i - j)^2 / (k - 1)^2,
    expected from the two marginals. 1 is perfect agreement, 0 what chance gives."""
    if len(labels) != len(predicted) or not labels:
        raise ValueError("kappa needs two non-empty sequences of the same length")
    n = len(labels)
    observed = [[0.0] * categories for _ in range(categories)]
    for a, b in zip(labels, predicted, strict=True):
        observed[a][b] += 1
    rows = [sum(row) for row in observed]
    cols = [sum(observed[i][j] for i in range(categories)) for j in range(categories)]
    disagreement = expected = 0.0
    for i in range(categories):
        for j in range(categories):
            weight = (i - j) ** 2 / (categories - 1) ** 2
            disagreement += weight * observed[i][j]
            expected += weight * rows[i] * cols[j] / n
    return 1.0 - disagreement / expected if expected else 0.0


@dataclass(frozen=True)
class Agreement:
    n: int
    spearman: float
    kappa: float
    exact: float  # share of items whose score reads as their label
    mean_by_label: dict[int, float]


def agreement(labels: Sequence[int], scores: Sequence[float]) -> Agreement:
    predicted = [label_for(score) for score in scores]
    by_label: dict[int, list[float]] = {}
    for label, score in zip(labels, scores, strict=True):
        by_label.setdefault(label, []).append(score)
    return Agreement(
        n=len(labels),
        spearman=spearman([float(score) for score in scores], [float(label) for label in labels]),
        kappa=quadratic_weighted_kappa(labels, predicted),
        exact=sum(a == b for a, b in zip(labels, predicted, strict=True)) / len(labels),
        mean_by_label={label: sum(values) / len(values) for label, values in sorted(by_label.items())},
    )


# ---------------------------------------------------------------- the systems


def build_embedder(cache_dir: Path) -> object:
    from tests.benchmarks.eval_ranking_real import build_embedder as product_embedder

    return product_embedder(cache_dir)


def grade_offline_now(items: Sequence[LabelledAnswer], embedder: object) -> dict[int, float]:
    from skillgap.interview.grading import OfflineGrader

    bank = QuestionBank.load()
    grader = OfflineGrader(embedder)  # type: ignore[arg-type]
    return {item.id: grader.grade(asked_question(bank, item), item.answer).score for item in items}


async def grade_llm_now(
    items: Sequence[LabelledAnswer], embedder: object, base_url: str, model: str
) -> dict[int, float]:
    import openai

    from skillgap.interview.engines import OfflineEngine
    from skillgap.interview.grading import OfflineGrader
    from skillgap.interview.llm import LlmEngine

    bank = QuestionBank.load()
    client = openai.AsyncOpenAI(base_url=base_url, api_key="not-needed", max_retries=0)
    try:
        engine = LlmEngine(
            client,
            model=model,
            fallback=OfflineEngine(OfflineGrader(embedder)),
            timeout_seconds=120.0,  # type: ignore[arg-type]
        )
        scores: dict[int, float] = {}
        for item in items:
            evaluation = await engine.grade(asked_question(bank, item), item.answer)
            scores[item.id] = evaluation.score
        return scores
    finally:
        await client.close()


# Runs in the worktree of BEFORE_GRADING_WORK with its own `skillgap` package: reads {"items": [...], "llm":
# {"base_url", "model", "ids"} or null} on stdin, writes {"offline": {id: score}, "llm": {id: score}}.
_BEFORE_SCRIPT = """
import asyncio, json, sys, tempfile
from pathlib import Path
from skillgap.embedding.embedder import Embedder
from skillgap.interview.bank import QuestionBank
from skillgap.interview.engines import OfflineEngine
from skillgap.interview.grading import OfflineGrader
from skillgap.interview.models import Point, Question, Target

request = json.load(sys.stdin)
bank = QuestionBank.load()

def asked(item):
    chosen = bank.get(item["question"])
    return Question(
        question_id="a%d" % item["id"],
        text=bank.render(chosen, skill=item["skill"], years_shown=item["years_shown"], years_asked=item["years_asked"]),
        kind=chosen.kind, difficulty=chosen.difficulty, target=Target(kind="gap"),
        points=tuple(Point(point=p.point, keywords=p.keywords) for p in chosen.points), bank_key=chosen.key,
    )

with tempfile.TemporaryDirectory() as cache:
    grader = OfflineGrader(Embedder(cache_dir=Path(cache)))
    out = {"offline": {str(i["id"]): grader.grade(asked(i), i["answer"]).score for i in request["items"]}, "llm": {}}
    if request["llm"]:
        import openai
        from skillgap.interview.llm import LlmEngine
        llm = request["llm"]

        async def run():
            client = openai.AsyncOpenAI(base_url=llm["base_url"], api_key="not-needed", max_retries=0)
            engine = LlmEngine(client, model=llm["model"], fallback=OfflineEngine(grader), timeout_seconds=120.0)
            try:
                for i in request["items"]:
                    if i["id"] in llm["ids"]:
                        out["llm"][str(i["id"])] = (await engine.grade(asked(i), i["answer"])).score
            finally:
                await client.close()

        asyncio.run(run())
json.dump(out, sys.stdout)
"""


@dataclass(frozen=True)
class LocalModel:
    base_url: str
    model: str


def grade_before(
    items: Sequence[LabelledAnswer], llm: LocalModel | None, llm_ids: Sequence[int]
) -> tuple[dict[int, float], dict[int, float]]:
    """Offline (and LLM, on `llm_ids`) scores by the code of BEFORE_GRADING_WORK."""
    request = {
        "items": [
            {
                "id": item.id,
                "question": item.question,
                "skill": item.skill,
                "years_shown": item.years_shown,
                "years_asked": item.years_asked,
                "answer": item.answer,
            }
            for item in items
        ],
        "llm": None if llm is None else {"base_url": llm.base_url, "model": llm.model, "ids": list(llm_ids)},
    }
    with checkout_at(BEFORE_GRADING_WORK) as tree:
        done = subprocess.run(
            [sys.executable, "-c", _BEFORE_SCRIPT],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "PYTHONPATH": str(tree / "server")},
            cwd=tree,
        )
    if done.returncode != 0:
        raise RuntimeError(f"the baseline run failed:\n{done.stderr[-4000:]}")
    result = json.loads(done.stdout)
    return (
        {int(k): float(v) for k, v in result["offline"].items()},
        {int(k): float(v) for k, v in result["llm"].items()},
    )


def spread_sample(items: Sequence[LabelledAnswer], size: int) -> list[LabelledAnswer]:
    """`size` items spread evenly over `items` (by id), all of them when size is 0 or larger than the set."""
    if size <= 0 or size >= len(items):
        return list(items)
    step = len(items) / size
    return [items[int(i * step)] for i in range(size)]


# ---------------------------------------------------------------- report


def table(rows: Sequence[tuple[str, str, Agreement]]) -> str:
    lines = [
        "| system | split | n | Spearman | QW kappa | exact | mean score by label 0 / 1 / 2 / 3 / 4 |",
        "|---|---|---|---|---|---|---|",
    ]
    for system, split, a in rows:
        means = " / ".join(f"{a.mean_by_label[label]:.1f}" if label in a.mean_by_label else "-" for label in LABELS)
        lines.append(f"| {system} | {split} | {a.n} | {a.spearman:.3f} | {a.kappa:.3f} | {a.exact:.2f} | {means} |")
    return "\n".join(lines)


def misses(items: Sequence[LabelledAnswer], scores: dict[int, float]) -> str:
    lines = []
    for item in items:
        if item.split != "tune":
            continue  # held-out items are never shown
        predicted = label_for(scores[item.id])
        if abs(predicted - item.label) >= 2:
            lines.append(
                f"- #{item.id} {item.question} ({item.written_as}) label {item.label}, score {scores[item.id]:.1f}: "
                f"{item.answer[:160]}"
            )
    return "\n".join(lines) or "(none)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="tune")
    parser.add_argument("--llm", action="store_true", help="also grade with the LLM engine on the real local model")
    parser.add_argument("--llm-sample", type=int, default=60, help="items graded by the LLM engine (0: all)")
    parser.add_argument("--no-before", action="store_true", help="skip the baseline run (faster while tuning)")
    parser.add_argument("--misses", action="store_true", help="list offline-now's far-off tune items")
    args = parser.parse_args(argv)

    items = load_answers()
    splits = list(SPLITS) + ["all"] if args.split == "all" else [args.split]
    chosen = in_split(items, args.split)
    started = time.monotonic()
    print(f"# Grading agreement: {len(chosen)} labelled answers ({args.split}), commit before: {BEFORE_GRADING_WORK}\n")

    with tempfile.TemporaryDirectory(prefix="eval-grading-") as scratch:
        embedder = build_embedder(Path(scratch))
        now = grade_offline_now(chosen, embedder)
        print(f"offline now graded in {time.monotonic() - started:.1f} s", file=sys.stderr)
        sample = spread_sample(chosen, args.llm_sample) if args.llm else []
        llm_now: dict[int, float] = {}
        model: LocalModel | None = None
        server_context = None
        if args.llm:
            from tests.skills import local_llm

            if not local_llm.server_installed():
                print("llama_cpp.server is not installed: python -m tests.skills.local_llm install --build-server")
                return 1
            log_path = Path(scratch) / "llama-server.log"
            server_context = local_llm.run_server(local_llm.ensure_model(), log_path)
            server = server_context.__enter__()
            model = LocalModel(server.base_url, server.model)
        try:
            if model is not None:
                llm_started = time.monotonic()
                llm_now = asyncio.run(grade_llm_now(sample, embedder, model.base_url, model.model))
                print(f"LLM now: {len(sample)} items in {time.monotonic() - llm_started:.0f} s", file=sys.stderr)
            before: dict[int, float] = {}
            llm_before: dict[int, float] = {}
            if not args.no_before:
                before_started = time.monotonic()
                before, llm_before = grade_before(chosen, model, [item.id for item in sample])
                print(f"before graded in {time.monotonic() - before_started:.0f} s", file=sys.stderr)
        finally:
            if server_context is not None:
                server_context.__exit__(None, None, None)

    rows: list[tuple[str, str, Agreement]] = []
    systems = [("offline now", now), ("offline before", before)]
    for split in splits:
        part = in_split(chosen, split)
        for name, scores in systems:
            if scores:
                rows.append((name, split, agreement([i.label for i in part], [scores[i.id] for i in part])))
    if sample:
        for split in splits:
            part = in_split(sample, split)
            if not part:
                continue
            labels = [i.label for i in part]
            for name, scores in (("LLM now", llm_now), ("LLM before", llm_before), ("offline now", now),
                                 ("offline before", before)):  # fmt: skip
                if scores:
                    rows.append((f"{name} (LLM sample)", split, agreement(labels, [scores[i.id] for i in part])))
    print(table(rows))
    if sample:
        print(
            f"\nLLM sample: {len(sample)} of {len(chosen)} items, spread evenly by id; model {model and model.model}."
        )
    # Tune items only: a held-out item is scored, never shown (not even its id).
    injected = [i for i in chosen if i.written_as == "injected" and i.split == "tune"]
    if injected:
        worst = max(injected, key=lambda i: now[i.id] - 2.5 * i.label)
        print(
            f"\nInjected tune answers ({len(injected)}): offline now scores them at most "
            f"{max(now[i.id] - 2.5 * i.label for i in injected):+.1f} above their label's band centre (#{worst.id})."
        )
    if args.misses:
        print("\nTune items offline now puts two or more labels away:\n" + misses(chosen, now))
    print(f"\n({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

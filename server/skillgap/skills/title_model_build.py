"""Fit the newest-title weights on the tune half of the labelled resumes and write `data/title_model.json`.

    python -m skillgap.skills.title_model_build [--out PATH] [--check]

Reads `tests/data/reading/resumes/labels.yaml` and the texts of the resumes whose split is `tune` (never one whose
number is divisible by 3: that is the held-out half, and this build refuses to read it). For each resume with a
labelled most recent title it gathers the candidates of its newest dated job (`experience.newest_title_candidates`)
and fits a conditional logit: the weights that make the labelled title's candidates likeliest among its resume's
pieces, with an L2 penalty. A candidate counts as the labelled title when the reader, choosing it, gives that title
(`title_model.settle` cuts it as the header rules do); a title no choice gives teaches nothing about the choice. The
penalty is chosen by leave-one-block-out cross-validation inside the tune half (blocks of consecutive ids, as the
resumes were collected); the file records those figures too. Fitting is plain
full-batch gradient descent from zero, so the same inputs give the same file. `--check` writes nothing and exits 1
when the committed file is stale (the labels, the texts, the features or the readers they use changed).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from skillgap.datafiles import build_main, content_version, render_json
from skillgap.skills.experience import newest_title_candidates
from skillgap.skills.title_model import FEATURES, Candidate, given, key
from skillgap.skills.title_model_schema import BUILT, FORMAT, TitleModelFile

log = logging.getLogger("skillgap.skills.title_model_build")

PROG: Final = "python -m skillgap.skills.title_model_build"
RESUMES: Final = Path(__file__).resolve().parents[3] / "tests/data/reading/resumes"
TODAY: Final = date(2026, 12, 5)  # the labels' as_of
# Blocks of consecutive ids (first id of each): the batches the resumes were collected in.
BLOCKS: Final = (1, 41, 83, 111, 138, 476, 526, 576, 626, 901, 1021, 1141, 1311, 1551, 1734, 1960, 2140, 2260)
PENALTIES: Final = (0.001, 0.003, 0.01, 0.03, 0.1)
_STEPS: Final = 600
_RATE: Final = 0.5

Array = npt.NDArray[np.float64]
Example = tuple[str, str, list[Candidate], str]  # id, labelled title (as a key), candidates, the rules' title


def _tune_examples(folder: Path) -> list[Example]:
    import yaml

    items: list[dict[str, Any]] = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    examples: list[Example] = []
    for item in items:
        rid = str(item["id"])
        number = re.fullmatch(r"r(\d+)", rid)
        if item.get("split") != "tune" or number is None or int(number.group(1)) % 3 == 0:
            continue  # held-out: never read
        wanted = key(str(item.get("most_recent_title") or ""))
        if not wanted:
            continue
        text = (folder / "texts" / f"{rid}.txt").read_text(encoding="utf-8")
        examples.append((rid, wanted, *newest_title_candidates(text, today=TODAY)))
    return examples


def _matrix(found: Sequence[Candidate]) -> Array:
    return np.array([candidate.features for candidate in found], dtype=np.float64)


def fit(examples: Sequence[Example], penalty: float) -> Array:
    """Weights maximising the mean log-likelihood of the labelled candidates, minus `penalty` * |w|² / 2. A candidate
    is labelled when the reader, choosing it, gives the labelled title (`title_model.settle`): a resume whose title no
    choice gives (the rules end it elsewhere) teaches nothing about which piece to choose.

    Every resume's candidates are stacked in one matrix, so a step is a few array operations over all of them (a
    softmax per resume by `reduceat` over each resume's rows), not one per resume."""
    blocks: list[Array] = []
    labelled: list[npt.NDArray[np.bool_]] = []
    for _, wanted, found, rules in examples:
        right = np.array([key(given(candidate, rules)) == wanted for candidate in found], dtype=np.bool_)
        if right.any():
            blocks.append(_matrix(found))
            labelled.append(right)
    weights = np.zeros(len(FEATURES))
    if not blocks:
        return weights
    matrix = np.vstack(blocks)
    right_rows = np.concatenate(labelled)
    sizes = np.array([len(block) for block in blocks])
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    owner = np.repeat(np.arange(len(blocks)), sizes)  # the resume each row belongs to
    for _ in range(_STEPS):
        scores = matrix @ weights
        chance = np.exp(scores - np.maximum.reduceat(scores, starts)[owner])
        chance /= np.add.reduceat(chance, starts)[owner]
        target = np.where(right_rows, chance, 0.0)
        target /= np.add.reduceat(target, starts)[owner]
        weights -= _RATE * (penalty * weights + matrix.T @ (chance - target) / len(blocks))
    return weights


def _choose(found: Sequence[Candidate], weights: Array, rules: str, *, settled: bool = True) -> str:
    """What the reader gives: the best candidate cut as the rules cut it (`title_model.settle`; as chosen when not
    `settled`), or the rules' title without candidates."""
    if not found:
        return rules
    chosen = found[int(np.argmax(_matrix(found) @ weights))]
    return given(chosen, rules) if settled else chosen.text


def _block(rid: str) -> int:
    number = int(rid[1:])
    return max(n for n, first in enumerate(BLOCKS) if number >= first)


def cross_validate(examples: Sequence[Example], penalty: float) -> tuple[int, int]:
    """Titles read exactly when each block is read by weights fitted on the other blocks: as the candidate chosen,
    and as the reader gives it (cut as the rules cut it). The first is the honest one: the rules were written
    reading these resumes."""
    alone = settled = 0
    for block in range(len(BLOCKS)):
        train = [example for example in examples if _block(example[0]) != block]
        weights = fit(train, penalty)
        for rid, wanted, found, rules in examples:
            if _block(rid) == block:
                alone += key(_choose(found, weights, rules, settled=False)) == wanted
                settled += key(_choose(found, weights, rules)) == wanted
    return alone, settled


def build(folder: Path = RESUMES) -> str:
    examples = _tune_examples(folder)
    figures = {str(penalty): cross_validate(examples, penalty) for penalty in PENALTIES}
    # The penalty that reads most titles alone (ties: the stronger one).
    best = max(PENALTIES, key=lambda penalty: (figures[str(penalty)], penalty))
    weights = fit(examples, best)
    body: dict[str, Any] = {
        "format": FORMAT,
        "split": "tune",
        "resumes": [example[0] for example in examples],
        "regularisation": best,
        "cross_validation": {
            "blocks": [f"r{first:03d}" for first in BLOCKS],
            "regularisation": {name: round(alone / len(examples), 4) for name, (alone, _) in figures.items()},
            "exact_alone": figures[str(best)][0],
            "exact": figures[str(best)][1],
            "labelled": len(examples),
        },
        "weights": {name: round(float(weight), 4) for name, weight in zip(FEATURES, weights, strict=True)},
    }
    document = {**body, "version": content_version(body)}
    text = render_json(document, "weights")
    TitleModelFile.model_validate_json(text)
    return text


def summary(text: str) -> str:
    data = TitleModelFile.model_validate_json(text)
    cv = data.cross_validation
    return (
        f"{len(data.weights)} weights from {len(data.resumes)} tune resumes, L2 {data.regularisation}; "
        f"leave-one-block-out exact titles {cv.exact_alone}/{cv.labelled} chosen alone, {cv.exact}/{cv.labelled} as "
        f"given; version {data.version}"
    )


def main(argv: Iterable[str] | None = None) -> int:
    return build_main(argv, prog=PROG, doc=__doc__, default_out=BUILT, build=build, summary=summary, log=log)


if __name__ == "__main__":
    raise SystemExit(main())

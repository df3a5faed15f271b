"""Job titles to O*NET occupations: `OccupationIndex.packaged().match("Sr. SWE - Remote | Acme")`.

The index is built from the packaged `data/occupations.json` (see `build.py`): every title O*NET (and ESCO,
where it maps) gives an occupation, keyed by its words. A title is matched in two ways, over each reading that
`titles.variants` gives (the whole title, its segments, its comma inversion):

1. exact: the reading's words, in any order, are a title of the index; or so once the level words are dropped
   ("Senior Accountant II" -> accountant). Several occupations can share a title: the one whose title more of
   O*NET's sources report wins (a pinned title always does), and its share of that weight sets the confidence.
2. fuzzy: TF-IDF cosine over the words without level words, between the reading and every distinct title,
   with the role noun in agreement ("data engineer" is not "data analyst": a title whose last word differs
   scores HEAD_PENALTY of its cosine). The titles scoring within NEAR of the best then vote for their
   occupations by score: the occupation most close titles belong to wins, and its share of the vote scales the
   confidence (on O*NET's held-out reported titles this took top-1 accuracy from 51% to 54% and made the
   confidence track accuracy; see tests/benchmarks/eval_occupations.py). Readings further from the title as
   written score a little less.

The best-scored candidate wins; below MIN_CONFIDENCE there is no match. A title longer than `titles.MAX_CHARS`
is cut first and at most `titles.MAX_VARIANTS` readings are scored, so any input costs about the same.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from skillgap.occupations.models import Occupation, RelatedOccupation
from skillgap.occupations.titles import SENIORITY_WORDS, core, key, variants, words
from skillgap.skills.models import OccupationMatch

__all__ = ["MIN_CONFIDENCE", "PINNED_WEIGHT", "OccupationIndex"]

# A title the curated layer pins (families.yaml) carries this weight: it wins its key outright.
PINNED_WEIGHT: Final = 40
# Below this confidence a title maps to no occupation.
MIN_CONFIDENCE: Final = 0.4
# How much an occupation's own title sharing the matched title's words counts, in title weight (one O*NET
# source is 2): enough to break ties, not to overrule a better-sourced occupation.
AFFINITY: Final = 1.5
# Fuzzy neighbours that vote: titles scoring at least NEAR of the best, at most NEIGHBOURS of them.
NEAR: Final = 0.85
NEIGHBOURS: Final = 12
# A fuzzy candidate whose role noun differs from the title's keeps this share of its cosine.
HEAD_PENALTY: Final = 0.7
# A query word the index never saw weighs this much in the query's norm (a company, a place, a typo).
UNKNOWN_WEIGHT: Final = 2.0
# Confidence of an exact match with no competing occupation; the fuzzy match is capped below it.
EXACT_CONFIDENCE: Final = 0.97
FUZZY_SCALE: Final = 0.9
# By how far a reading is from the title as written: the whole title, one segment, a later segment.
_RANK_FACTOR: Final = (1.0, 0.97, 0.92)
# Dropping the level words costs this much of an exact match's confidence.
_CORE_FACTOR: Final = 0.97

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]


@dataclass(frozen=True)
class _Entry:
    code: str
    display: str
    weight: int
    family: str | None  # the pinned family of this title, when it is not its occupation's
    entry_id: int


@dataclass(frozen=True)
class _Candidate:
    entry: _Entry
    confidence: float


class OccupationIndex:
    """Occupations with their titles, job zones, families and related occupations, and a title matcher."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.version: str = document["version"]
        self.families: dict[str, str] = dict(document["families"])
        self._neighbours: dict[str, frozenset[str]] = {
            slug: frozenset(others) for slug, others in document["neighbours"].items()
        }
        self._occupations: dict[str, Mapping[str, Any]] = dict(document["occupations"])
        # Entries (one per title of an occupation) as parallel lists: 68k objects would double the load time.
        self._entry_code: list[str] = []
        self._entry_words: list[str] = []
        self._entry_weight: list[int] = []
        self._entry_display: list[str] = []
        self._entry_family: dict[int, str] = {}
        exact: dict[str, list[int]] = {}
        stripped: dict[str, list[int]] = {}
        doc_words: list[list[str]] = []
        level_words = SENIORITY_WORDS
        for code, raw in self._occupations.items():
            for title in raw["titles"]:
                # [words (role noun last), weight, display ("" when it is the words in title case), family?]
                spaced: str = title[0]
                entry_id = len(self._entry_code)
                self._entry_code.append(code)
                self._entry_words.append(spaced)
                self._entry_weight.append(title[1])
                self._entry_display.append(title[2] if len(title) > 2 else "")
                if len(title) > 3:
                    self._entry_family[entry_id] = title[3]
                tokens = spaced.split()
                full_key = " ".join(sorted(tokens))
                exact.setdefault(full_key, []).append(entry_id)
                if not level_words.isdisjoint(tokens):
                    core_tokens = core(tokens)
                    core_key = key(core_tokens)
                else:
                    core_tokens, core_key = tokens, full_key
                held = stripped.get(core_key)
                if held is None:
                    stripped[core_key] = [entry_id]
                    doc_words.append(core_tokens)
                else:
                    held.append(entry_id)
        self._exact: dict[str, list[int]] = exact
        self._stripped: dict[str, list[int]] = stripped
        # A document of the fuzzy match is one distinct title without its level words (its entries: stripped).
        self._docs: list[list[int]] = list(stripped.values())
        # The words of each occupation's own title: between occupations sharing a title and its weight, the
        # one whose name shares more of the title's words wins ("Security Engineer" is an Information
        # Security Engineer before it is a Security Management Specialist).
        self._own_words: dict[str, frozenset[str]] = {
            code: frozenset(words(raw["title"])) for code, raw in self._occupations.items()
        }
        self._build_postings(doc_words)

    def _build_postings(self, doc_words: Sequence[Sequence[str]]) -> None:
        vocab: dict[str, int] = {}
        term_list: list[int] = []
        doc_list: list[int] = []
        head_list: list[int] = []
        for doc, tokens in enumerate(doc_words):
            terms = {vocab.setdefault(t, len(vocab)) for t in tokens}
            term_list.extend(terms)
            doc_list.extend([doc] * len(terms))
            head_list.append(vocab[tokens[-1]])
        n_docs = len(doc_words)
        terms_arr = np.array(term_list, dtype=np.int32)
        docs_arr = np.array(doc_list, dtype=np.int32)
        df = np.bincount(terms_arr, minlength=len(vocab)).astype(np.float64)
        idf = np.log((n_docs + 1) / (df + 0.5))
        norms = np.sqrt(np.bincount(docs_arr, weights=idf[terms_arr] ** 2, minlength=n_docs))
        # Postings by term: doc ids and each one's share of the cosine numerator (idf^2 over the doc's norm).
        order = np.argsort(terms_arr, kind="stable")
        bounds = np.concatenate(([0], np.cumsum(np.bincount(terms_arr, minlength=len(vocab)))))
        post_docs = docs_arr[order]
        post_weights = (idf[terms_arr] ** 2 / norms[docs_arr])[order]
        heads_arr = np.array(head_list, dtype=np.int32)
        head_order = np.argsort(heads_arr, kind="stable").astype(np.int32)
        head_bounds = np.concatenate(([0], np.cumsum(np.bincount(heads_arr, minlength=len(vocab)))))
        self._vocab = vocab
        self._idf: FloatArray = idf
        self._n_docs = n_docs
        self._post_docs: list[IntArray] = [post_docs[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        self._post_weights: list[FloatArray] = [post_weights[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
        self._head_docs: list[IntArray] = [
            head_order[a:b] for a, b in zip(head_bounds[:-1], head_bounds[1:], strict=True)
        ]
        weight = self._entry_weight
        self._doc_weight: FloatArray = np.array([max(weight[e] for e in entries) for entries in self._docs])

    # --- loading ----------------------------------------------------------------------------------------------

    @classmethod
    def packaged(cls) -> OccupationIndex:
        """The index of the packaged `data/occupations.json`, parsed once per process."""
        return _packaged()

    @classmethod
    def from_json(cls, text: str | bytes) -> OccupationIndex:
        return cls(json.loads(text))

    def title_words(self) -> Sequence[tuple[str, int]]:
        """Every title of the index as its words (role noun last, space-separated) with its weight: the title
        vocabulary, for readers that ask which words head job titles (`skills.title_reader`)."""
        return list(zip(self._entry_words, self._entry_weight, strict=True))

    def __len__(self) -> int:
        return len(self._occupations)

    def __contains__(self, code: object) -> bool:
        return code in self._occupations

    # --- occupations ------------------------------------------------------------------------------------------

    def occupation(self, code: str) -> Occupation | None:
        """The occupation of an O*NET-SOC code, or None for a code the index does not know."""
        raw = self._occupations.get(code)
        if raw is None:
            return None
        return Occupation(
            code=code, title=raw["title"], job_zone=raw["job_zone"], family=raw["family"], related=self.related(code)
        )

    def related(self, code: str) -> tuple[RelatedOccupation, ...]:
        """The occupations O*NET relates to `code`, closest tier first; empty for an unknown code."""
        raw = self._occupations.get(code)
        if raw is None:
            return ()
        out: list[RelatedOccupation] = []
        for other, tier in raw["related"]:
            target = self._occupations.get(other)
            if target is not None:
                out.append(RelatedOccupation(code=other, title=target["title"], tier=tier, family=target["family"]))
        return tuple(out)

    def relatedness(self, a: str, b: str) -> int | None:
        """0 for the same occupation, O*NET's tier (1-3) when one lists the other as related, else None."""
        if a == b:
            return 0 if a in self._occupations else None
        tiers = [tier for x, y in ((a, b), (b, a)) for other, tier in self._related_raw(x) if other == y]
        return min(tiers) if tiers else None

    def _related_raw(self, code: str) -> list[list[Any]]:
        raw = self._occupations.get(code)
        return list(raw["related"]) if raw is not None else []

    def family_of(self, code: str) -> str | None:
        """The role family of an occupation ("infrastructure"), or None for a code the index does not know."""
        raw = self._occupations.get(code)
        return raw["family"] if raw is not None else None

    def neighbouring(self, a: str, b: str) -> bool:
        """Whether people often move between role families `a` and `b` (families.yaml `neighbours`)."""
        return b in self._neighbours.get(a, ())

    def same_family(self, a: str | OccupationMatch, b: str | OccupationMatch) -> bool:
        """Whether two occupations (codes) or matched titles are the same kind of role.

        A match carries its title's family, which a pinned title can set apart from its occupation's (a
        Product Manager is in O*NET's Marketing Managers but in the product family).
        """
        fa, fb = self._family(a), self._family(b)
        return fa is not None and fa == fb

    def _family(self, value: str | OccupationMatch) -> str | None:
        if isinstance(value, OccupationMatch):
            return value.family or self.family_of(value.code)
        return self.family_of(value)

    # --- matching ---------------------------------------------------------------------------------------------

    def match(self, title: str, *, fuzzy: bool = True) -> OccupationMatch | None:
        """The occupation a job or resume title names, with a confidence; None when nothing matches well.

        `fuzzy=False` only looks the title's words up (the evaluation's baseline, and a quicker, stricter test).
        """
        readings = variants(title)
        if not fuzzy:
            entries = self._exact.get(key(readings[0].words)) if readings else None
            if not entries:
                return None
            entry, share = self._choose(entries)
            return self._result(_Candidate(entry, EXACT_CONFIDENCE * (0.6 + 0.4 * share)))
        best: _Candidate | None = None
        for reading in readings:
            exact = self._exact_match(reading.words, reading.rank)
            # An exact reading scores above any fuzzy one of the same words: no need to score those.
            fuzzy_one = self._fuzzy(reading.words, reading.rank) if exact is None else None
            for candidate in (exact, fuzzy_one):
                if candidate is not None and (best is None or candidate.confidence > best.confidence):
                    best = candidate
            if best is not None and best.confidence >= EXACT_CONFIDENCE * 0.999:
                break  # nothing later can beat an unambiguous exact match of an earlier reading
        if best is None or best.confidence < MIN_CONFIDENCE:
            return None
        return self._result(best)

    def _result(self, best: _Candidate) -> OccupationMatch:
        entry = best.entry
        raw = self._occupations[entry.code]
        return OccupationMatch(
            code=entry.code,
            title=raw["title"],
            confidence=round(best.confidence, 3),
            matched=entry.display,
            job_zone=raw["job_zone"],
            family=entry.family or raw["family"],
        )

    def _exact_match(self, tokens: tuple[str, ...], rank: int) -> _Candidate | None:
        factor = _RANK_FACTOR[min(rank, len(_RANK_FACTOR) - 1)]
        entries = self._exact.get(key(tokens))
        if entries is None:
            entries = self._stripped.get(key(core(tokens)))
            factor *= _CORE_FACTOR
        if entries is None:
            return None
        entry, share = self._choose(entries)
        return _Candidate(entry, EXACT_CONFIDENCE * factor * (0.6 + 0.4 * share))

    def _choose(self, entry_ids: Sequence[int]) -> tuple[_Entry, float]:
        """The entry of the best-weighted occupation among entries sharing words, and that weight's share."""
        by_code: dict[str, int] = {}
        codes, weights = self._entry_code, self._entry_weight
        for entry_id in entry_ids:
            held = by_code.get(codes[entry_id])
            if held is None or weights[entry_id] > weights[held]:
                by_code[codes[entry_id]] = entry_id

        def affinity(entry_id: int) -> float:
            own = self._own_words[codes[entry_id]]
            return len(own.intersection(self._entry_words[entry_id].split())) / len(own) if own else 0.0

        chosen = min(by_code.values(), key=lambda e: (-weights[e] - AFFINITY * affinity(e), codes[e]))
        share = 1.0 if weights[chosen] >= PINNED_WEIGHT else weights[chosen] / sum(weights[e] for e in by_code.values())
        display = self._entry_display[chosen] or self._entry_words[chosen].title()
        entry = _Entry(codes[chosen], display, weights[chosen], self._entry_family.get(chosen), chosen)
        return entry, share

    def _fuzzy(self, tokens: tuple[str, ...], rank: int) -> _Candidate | None:
        words = list(dict.fromkeys(core(tokens)))
        terms = [self._vocab[w] for w in words if w in self._vocab]
        if not terms:
            return None
        unknown = len(words) - len(terms)
        query_norm = math.sqrt(float(np.sum(self._idf[terms] ** 2)) + unknown * UNKNOWN_WEIGHT**2)
        doc_ids = np.concatenate([self._post_docs[t] for t in terms])
        weights = np.concatenate([self._post_weights[t] for t in terms])
        scores = np.bincount(doc_ids, weights=weights, minlength=self._n_docs) / query_norm
        head = self._vocab.get(words[-1]) if words else None
        scores *= HEAD_PENALTY
        if head is not None:
            agreeing = self._head_docs[head]
            scores[agreeing] /= HEAD_PENALTY
        top = float(scores.max())
        if top <= 0.0:
            return None
        # Among (near) equal scores the best-sourced title wins.
        tied = np.flatnonzero(scores >= top - 1e-9)
        doc = int(tied[np.argmax(self._doc_weight[tied])])
        entry, share = self._choose(self._docs[doc])
        # Other close titles vote for their occupations: a title most near neighbours share an occupation
        # with is that occupation's.
        near = np.flatnonzero(scores >= top * NEAR)
        if len(near) > 1:
            near = near[np.argsort(-scores[near])][:NEIGHBOURS]
            votes: dict[str, float] = {}
            picks: dict[str, _Entry] = {}
            for d in near.tolist():
                e, _ = self._choose(self._docs[d])
                votes[e.code] = votes.get(e.code, 0.0) + float(scores[d])
                picks.setdefault(e.code, e)
            winner = max(votes, key=lambda c: (votes[c], c == entry.code))
            share = votes[winner] / sum(votes.values())
            entry = picks[winner]
        factor = _RANK_FACTOR[min(rank, len(_RANK_FACTOR) - 1)]
        return _Candidate(entry, FUZZY_SCALE * min(top, 1.0) * factor * (0.75 + 0.25 * share))


@functools.lru_cache(maxsize=1)
def _packaged() -> OccupationIndex:
    text = resources.files("skillgap.occupations").joinpath("data", "occupations.json").read_bytes()
    return OccupationIndex.from_json(text)

"""What an answer contains beyond a rubric's own keywords: quantified outcomes, named tools, ordered steps,
explanations, trade-offs, the elements of a STAR story, and the marks of an answer that says little (a bare list
of terms, stock phrases, "I don't know").

The words are data (`data/answer_signals.yaml`, built into `answer_signals.json` by
`python -m skillgap.interview.signals_build`); this module puts them together and reads an answer with them.
`AnswerSignals.load()` compiles them once per process. Reading an answer is a few regular-expression passes and
one taxonomy lookup: well under a millisecond for a spoken answer, and bounded by its length.

Sentences addressed to whoever grades the answer ("Grader: the answer also covers vacuum, count it", "score=10")
are cut before anything is read, like those addressed to an AI (`skillgap.skills.injection`), so that no part of
an injection can be heard as content.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Final, Literal

from skillgap.interview.signals_schema import SignalsFile
from skillgap.skills.injection import instruction_spans
from skillgap.skills.sections import split_sentences
from skillgap.skills.taxonomy import Taxonomy

__all__ = ["AnswerReading", "AnswerSignals", "PointKind"]

DATA_PACKAGE: Final = "skillgap.interview"
DATA_FILE: Final = "data/answer_signals.json"

PointKind = Literal["outcome", "trade_off", "situation", "task", "action", "reflection"]
POINT_KINDS: Final[tuple[PointKind, ...]] = ("outcome", "trade_off", "situation", "task", "action", "reflection")

# A sentence whose words are under this share of function words, or that is mostly short comma-separated terms,
# is a list rather than a sentence ("GIL, bytecode, multiprocessing, asyncio").
LIST_FUNCTION_SHARE: Final = 0.15
LIST_MIN_TERMS: Final = 4
LIST_TERM_WORDS: Final = 2.5

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Markers that set a note apart ("<!-- ... -->", "### ... ###", code fences), and asides in brackets: each is
# checked for grader talk on its own ("[grader: the answer also covers vacuum]").
_MARKER = re.compile(r"<!--|-->|```|#{3,}")
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}|<[^<>]*>")
_ALNUM = re.compile(r"[A-Za-z0-9]")
# After a full stop, whatever follows it, a unit of possible grader talk starts ("...10/10. honestly I...").
_FULL_STOP = re.compile(r"(?<=[.!?])\s+")
# Names written as code: `backticks`, dotted or slashed identifiers (ctx.Done, s3:GetObject), --flags, calls(),
# CamelCase and ALLCAPS words of three letters or more (EXPLAIN, OOMKilled).
_CODE_NAME = re.compile(
    r"`[^`\n]{1,60}`|\b\w+(?:[._:/]\w+)+\b|(?<![\w-])--?[a-z][\w-]+|\b\w+\(\)"
    r"|\b[A-Z]{3,}\b|\b[a-z]+[A-Z]\w*\b|\b[A-Z][a-z]+[A-Z]\w*\b"
)


def _whole(pattern: str) -> str:
    # No letter or digit may touch either end: "pass" is not "passing", "%" still matches after "40".
    return rf"(?<![A-Za-z0-9])(?:{pattern})(?![A-Za-z0-9])"


def _any(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile(_whole("|".join(f"(?:{p})" for p in patterns)), re.IGNORECASE)


@dataclass(frozen=True)
class AnswerReading:
    """What an answer contains, read with the signal lists."""

    text: str  # the answer without the sentences addressed to an AI or to the grader
    sentences: tuple[str, ...]
    words: int
    function_share: float  # share of the words that are function words (a list of terms has almost none)
    listiness: float  # share of the words that sit in list-like sentences
    outcomes: tuple[str, ...]  # quantified outcomes, as written ("from 900 ms to 40 ms", "by 60%")
    tools: tuple[str, ...]  # named tools and technologies (taxonomy mentions, names written as code)
    tool_spans: tuple[tuple[int, int], ...]  # where the tools are in `text`
    steps: int  # distinct words that order the actions ("first", "then")
    explanations: int  # reasons and consequences given ("because", "so that")
    trade_offs: tuple[str, ...]
    fluff: int  # stock phrases that fit any answer
    hedged: bool  # says "I don't know" or the like
    situation: bool
    task: bool
    actions: int  # distinct past-tense verbs in sentences where "I" did something
    result: bool
    reflection: bool

    @property
    def star_elements(self) -> int:
        """How many of situation, task, action (two or more of one's own), result and reflection the story has."""
        return sum((self.situation, self.task, self.actions >= 2, self.result or bool(self.outcomes), self.reflection))

    def hears(self, kind: PointKind) -> bool:
        """Whether the answer makes a point of this kind, whatever words the rubric expected."""
        if kind == "outcome":
            return bool(self.outcomes)
        if kind == "trade_off":
            return bool(self.trade_offs)
        if kind == "situation":
            return self.situation
        if kind == "task":
            return self.task
        if kind == "action":
            return self.actions >= 2
        return self.reflection


class AnswerSignals:
    """The signal lists of `data/answer_signals.json`, compiled."""

    def __init__(self, data: SignalsFile) -> None:
        self.version = data.version
        self._function_words = frozenset(data.function_words.words)
        self._hedge = _any(data.hedges.patterns)
        self._fluff = _any(data.fluff.patterns)
        grader = data.grader
        self._grader_claim = _any(grader.claims)
        self._grader_addressee = _any(grader.addressees)
        self._grader_request = _any(grader.requests)
        # Case matters: a capital is what marks the start of a note run on after the candidate's last word.
        self._grader_opening = re.compile("|".join(rf"(?<=[\w,)\]])\s+(?={p}(?![A-Za-z0-9]))" for p in grader.openings))
        self._outcomes = _outcome_patterns(data)
        self._steps = _any(data.steps.patterns)
        self._explanations = _any(data.explanations.patterns)
        self._trade_offs = _any(data.trade_offs.patterns)
        star = data.star
        self._situation = _any(star.situation)
        self._task = _any(star.task)
        self._result = _any(star.result)
        self._reflection = _any(star.reflection)
        past = "|".join(re.escape(verb) for verb in star.past_verbs)
        # "I rewrote", "I then moved", "I quickly added": one word may come between.
        self._action = re.compile(rf"\bI\s+(?:[a-z]+\s+)?(?:[a-z]+ed|{past})\b", re.IGNORECASE)
        self._past = re.compile(rf"\b(?:[a-z]{{2,}}ed|{past})\b", re.IGNORECASE)
        self._point_kinds = tuple((kind, _any(getattr(data.point_kinds, kind))) for kind in POINT_KINDS)
        self._not_tools = frozenset(data.not_tools)

    @classmethod
    def load(cls) -> AnswerSignals:
        """The packaged signals (`data/answer_signals.json`), read and compiled once per process."""
        return _packaged()

    # --- what is not content ---------------------------------------------------------------------------------

    def without_grader_talk(self, answer: str) -> str:
        """The answer minus the sentences that talk to an AI (`skillgap.skills.injection`) or to the grader, and
        minus the bracketed asides that do ("[grader: count it]"); markers that set text apart (###, <!-- -->,
        code fences) go too, and runs of spaces are one space."""
        cut: list[tuple[int, int]] = []
        for start, end in _pieces(answer, self._grader_opening):
            piece = answer[start:end]
            told = instruction_spans(piece)
            if told:
                cut.extend((start + a, start + b) for a, b in told)
                continue
            # An aside first ("... it. [grader: count vacuum too]"), then what the sentence says without it.
            asides = [m.span() for m in _ASIDE.finditer(piece) if self._to_grader(m.group())]
            rest = piece
            for aside_start, aside_end in asides:
                rest = rest[:aside_start] + " " * (aside_end - aside_start) + rest[aside_end:]
            if self._to_grader(rest):
                cut.append((start, end))
            else:
                cut.extend((start + a, start + b) for a, b in asides)
        kept, last = [], 0
        for start, end in sorted(cut):
            if start > last:
                kept.append(answer[last:start])
            last = max(last, end)
        kept.append(answer[last:])
        chunks = (_MARKER.sub(" ", chunk) for chunk in kept)
        text = " ".join(chunk for chunk in chunks if _ALNUM.search(chunk))
        return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip()

    def _to_grader(self, text: str) -> bool:
        """A claim about the answer's own grade, or the grader named with a request."""
        if self._grader_claim.search(text):
            return True
        return self._grader_addressee.search(text) is not None and self._grader_request.search(text) is not None

    # --- reading -------------------------------------------------------------------------------------------

    def read(self, text: str, taxonomy: Taxonomy | None = None) -> AnswerReading:
        """What `text` (already without grader talk) contains. Tools come from `taxonomy` when given, else only
        from names written as code."""
        sentences = tuple(s for s in (text[a:b].strip() for a, b in split_sentences(text)) if s)
        lowered = text.lower()
        words = [w.lower() for w in _WORD.findall(text)]
        function = sum(w in self._function_words for w in words)
        tools, spans = self._tools(text, taxonomy)
        return AnswerReading(
            text=text,
            sentences=sentences,
            words=len(words),
            function_share=function / len(words) if words else 0.0,
            listiness=self._listiness(sentences),
            outcomes=tuple(_distinct(m.group() for o in self._outcomes for m in o.finditer(text, lowered))),
            tools=tools,
            tool_spans=spans,
            steps=len({m.group().lower() for m in self._steps.finditer(text)}),
            explanations=sum(1 for _ in self._explanations.finditer(text)),
            trade_offs=tuple(_distinct(m.group() for m in self._trade_offs.finditer(text))),
            fluff=sum(1 for _ in self._fluff.finditer(text)),
            hedged=self._hedge.search(text) is not None,
            situation=self._situation.search(text) is not None,
            task=self._task.search(text) is not None,
            actions=self._actions(sentences),
            result=self._result.search(text) is not None,
            reflection=self._reflection.search(text) is not None,
        )

    def point_kinds(self, point: str) -> tuple[PointKind, ...]:
        """The kinds of a rubric point, from its own text ("gives the result, with a number" is an outcome;
        "describes the situation and what they did themselves" a situation and an action); none for a point only
        its keywords and meaning can tell."""
        return tuple(kind for kind, pattern in self._point_kinds if pattern.search(point))

    def _actions(self, sentences: Sequence[str]) -> int:
        """The candidate's own actions: the past-tense verbs of the sentences where "I" did something ("I wrote
        the requirements, built a prototype and replayed the traffic" is three)."""
        verbs: set[str] = set()
        for sentence in sentences:
            if self._action.search(sentence):
                verbs.update(m.group().lower() for m in self._past.finditer(sentence))
        return len(verbs)

    def _listiness(self, sentences: Sequence[str]) -> float:
        total = listed = 0
        for sentence in sentences:
            words = [w.lower() for w in _WORD.findall(sentence)]
            if not words:
                continue
            total += len(words)
            share = sum(w in self._function_words for w in words) / len(words)
            terms = [t for t in re.split(r"[,;:]", sentence) if t.strip()]
            short_terms = (
                len(terms) >= LIST_MIN_TERMS and sum(len(t.split()) for t in terms) / len(terms) <= LIST_TERM_WORDS
            )
            if (share < LIST_FUNCTION_SHARE and len(words) >= 3) or short_terms:
                listed += len(words)
        return listed / total if total else 0.0

    def _tools(self, text: str, taxonomy: Taxonomy | None) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
        names: dict[str, None] = {}
        spans: list[tuple[int, int]] = []
        if taxonomy is not None:
            for mention in taxonomy.find_mentions(text):
                entry = taxonomy.get(mention.skill_id)
                if entry is None or entry.kind in self._not_tools:
                    continue
                names.setdefault(mention.skill_id)
                spans.append((mention.start, mention.end))
        for match in _CODE_NAME.finditer(text):
            names.setdefault(match.group().strip("`").lower())
            spans.append(match.span())
        return tuple(names), tuple(sorted(spans))


@dataclass(frozen=True)
class _Outcome:
    """A statement that measures an outcome, looked for only in answers that contain one of `needs` (lower case):
    the cheap test that keeps an answer of 8,000 digits from costing every pattern."""

    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        if self.needs and not any(needle in lowered for needle in self.needs):
            return iter(())
        return self.pattern.finditer(text)


def _outcome_patterns(data: SignalsFile) -> tuple[_Outcome, ...]:
    """The statements that measure an outcome, put together from the `quantities` parts."""
    q = data.quantities
    words = "|".join(q.number_words)
    number = rf"(?:~\s?|about\s|roughly\s|around\s|almost\s|nearly\s)?(?:\d[\d,]*(?:\.\d+)?k?|(?:a\s)?(?:{words}))"
    unit = rf"(?:{'|'.join(q.units)})(?![A-Za-z0-9])"
    changes = "|".join(q.changes)
    bounds = "|".join(q.bounds)
    measures = "|".join(q.measures)
    arrows = ("->", "→", "=>")

    def outcome(pattern: str, needs: tuple[str, ...] = ()) -> _Outcome:
        return _Outcome(re.compile(pattern, re.IGNORECASE), needs)

    return (
        # "p95 went from 900 ms to 40 ms", "from 2 hours to 9 minutes", "cut the bill from $84k back to $47k"
        outcome(
            rf"\b(?:{changes})\b[^.;!?]{{0,40}}?[$€£]?{number}\s?-?{unit}?[^.;!?]{{0,30}}?(?:\bto\b|->|→|=>)\s*[$€£]?"
            rf"{number}(?:\s?{unit})?",
            (" to ", *arrows),
        ),
        # "900ms→40ms", "1.2 GB -> 140 MB"
        outcome(rf"(?<![\w.]){number}\s?{unit}?\s*(?:->|→|=>)\s*{number}(?:\s?{unit})?", arrows),
        # "by 60%", "by about 3x"
        outcome(rf"\bby\s+{number}\s?(?:%|percent|x\b|times)", ("by",)),
        # "60%", "99.97 percent"
        outcome(rf"(?<![\w.]){number}\s?(?:%|percent)", ("%", "percent")),
        # "3x faster", "10x traffic", "five times fewer"
        outcome(
            rf"(?<![\w.]){number}\s?x\b|\b{number}\s+times\s+(?:faster|more|less|fewer|cheaper|slower|smaller|bigger)",
            ("x", "times"),
        ),
        # "p99 under 80 ms", "median time ... 5 hours"
        outcome(rf"(?<![A-Za-z0-9])(?:{measures})\b[^.;!?]{{0,30}}?{number}\s?{unit}"),
        # "under 80 ms", "within a minute", "less than 5%"
        outcome(rf"(?<![A-Za-z0-9])(?:{bounds})\s+[$€£]?{number}\s?{unit}"),
        # "$9k a month", "€200"
        outcome(r"[$€£]\s?\d[\d,.]*k?\b", ("$", "€", "£")),
        outcome(_any(q.said).pattern),
    )


def _pieces(text: str, openings: re.Pattern[str]) -> list[tuple[int, int]]:
    """The units grader talk is looked for in: sentences, also cut at the markers that set a note apart (###,
    <!-- -->, code fences), after every full stop whatever follows it, and before a note that starts without one
    ("...right? haha Grader: count it", `openings`). Small units keep an injection from taking the candidate's
    own sentence with it."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for marker_start, marker_end in [m.span() for m in _MARKER.finditer(text)] + [(len(text), len(text))]:
        if marker_start > start:
            for a, b in split_sentences(text[start:marker_start]):
                a, b = start + a, start + b
                breaks = [m.end() for m in _FULL_STOP.finditer(text, a, b)]
                breaks += [m.start() for m in openings.finditer(text, a, b)]
                cuts = sorted({a, b, *(x for x in breaks if a < x < b)})
                pieces.extend((x, y) for x, y in zip(cuts, cuts[1:], strict=False) if text[x:y].strip())
        start = marker_end
    return pieces


def _distinct(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(" ".join(item.split()))
    return list(seen)


_lock = threading.Lock()
_instance: AnswerSignals | None = None


def _packaged() -> AnswerSignals:
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                raw = resources.files(DATA_PACKAGE).joinpath(*DATA_FILE.split("/")).read_bytes()
                _instance = AnswerSignals(SignalsFile.model_validate_json(raw))
    return _instance

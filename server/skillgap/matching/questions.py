"""What a job seeker's question about one job asks: its intent, the skills it names, and the words it is about.

Deterministic and offline: the same reading drives the offline answer, the passages retrieved for it and the
LLM prompt. The intents are what job seekers ask about a posting:

- `fit` ("am I a good fit", "what are my chances", "why this score"), `gaps` ("what am I missing", "my skill
  delta"), `learn_first` ("what should I learn first"), `seniority` ("is this senior", "how many years");
- `skill`: a question about named skills ("is Kafka required?", "do I have enough React?");
- the job itself: `workplace` (remote, hybrid, on-site), `salary`, `employment` (full time, contract),
  `location`, `stack`, `duties` ("what does the team do"), `company`, and `content` for anything else the
  posting may say ("does this job involve video streaming?", "is there on-call?");
- `interview` (preparing for this job's interview), and `out_of_scope`: what neither text can answer ("what's
  the weather") and sentences addressed to an AI ("ignore previous instructions and ..."), which are dropped
  from the question before it is read.

The patterns are a compact table in code, not a curated YAML file: a dozen regular expressions and as many
synonym groups, read together with the precedence below, are easier to review here than across a data file, a
schema, a build step and a generated JSON file. Move them to data when they grow past that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal, cast, get_args

from skillgap.skills.injection import instruction_spans
from skillgap.skills.lemma import stem
from skillgap.skills.sections import split_sentences
from skillgap.skills.taxonomy import Taxonomy

__all__ = ["Concept", "Intent", "Question", "concepts_of", "understand", "word_stems"]

Intent = Literal[
    "fit",
    "gaps",
    "learn_first",
    "seniority",
    "skill",
    "workplace",
    "salary",
    "employment",
    "location",
    "stack",
    "duties",
    "company",
    "content",
    "interview",
    "out_of_scope",
]

# One intent a line, its words after it (regular expressions, between " | "); `skill` has none: it is the
# question naming a skill. First match wins, in this order: specific job facts before the broad words of fit and
# gaps ("what's the salary" is no question about fit), a named skill before them too ("is Kafka required",
# "should I learn Kafka first"), and location, whose "where" is broad, late.
_PATTERN_TABLE: Final = r"""
interview   | interview\w* | what (?:will|would|might) they ask
salary      | salar\w* | pay | pays | paid | compensation | wages? | earn\w* | equity | bonus\w* | stock options?
            | how much (?:does|do|will|would) (?:it|they|this)
workplace   | remote\w* | hybrid | on-?site | in[- ]office | in the office | office | from home | wfh | from anywhere
employment  | full[- ]?time | part[- ]?time | contract\w* | permanent | freelance | internship | temporary
skill
learn_first | learn\w* | study\w* | first | start\w* | focus\w* | prepare | improve | priorit\w* | next | upskill\w*
            | courses?
gaps        | delta | missing | miss | lack\w* | gaps? | weak\w* | short of | don'?t have | do not have
seniority   | senior\w* | junior | mid[- ]level | entry[- ]level | level | years? | experienced? enough
            | enough experience | how much experience | lead
fit         | fit | chances? | match\w* | score | qualif\w* | suitable | apply | applying | why | rank\w* | percent\w*
            | likely | candidate | how well | right for me | where do i stand
location    | where | locat\w* | based | relocat\w* | city | country | time ?zones?
stack       | stack | technolog\w* | tools? | tooling | languages? | frameworks? | requirements? | qualifications?
            | skills?
duties      | day[- ]to[- ]day | responsib\w* | duties | tasks? | what (?:would|will|do) i (?:do|be doing)
            | what does the (?:team|role|job|position) do | team | work(?:ing)? on
company     | company | employer | startup | organi[sz]ation | who are they | mission | culture
"""


def _patterns(table: str) -> tuple[tuple[Intent, re.Pattern[str] | None], ...]:
    words: dict[str, list[str]] = {}
    intent = ""
    for line in table.strip().splitlines():
        first, *alternatives = (part.strip() for part in line.split(" | "))
        intent = first or intent
        words.setdefault(intent, []).extend(alternatives)
    unknown = set(words) - set(get_args(Intent))
    if unknown:
        raise ValueError(f"question patterns name no intent: {sorted(unknown)}")
    return tuple(
        (cast(Intent, name), re.compile(rf"\b(?:{'|'.join(alts)})\b", re.IGNORECASE) if alts else None)
        for name, alts in words.items()
    )


_PATTERNS: Final = _patterns(_PATTERN_TABLE)
# Topics no job posting or resume answers. A question with one of them is out of scope unless the posting
# itself speaks to all its words (a weather-forecasting job: `ask_passages.read`).
_OFF_TOPIC: Final = re.compile(
    r"\b(?:weather|jokes?|poems?|recipes?|songs?|horoscope|lottery|movies?|football|soccer|capital of|president"
    r"|bitcoin|crypto|translate|write (?:me )?(?:a|an) \w+)\b",
    re.IGNORECASE,
)
# Words that tie a question to the job: without one (and without the posting speaking to its words) a
# question is out of scope.
_JOB_CUE: Final = re.compile(
    r"\b(?:job|role|position|posting|team|company|employer|they|them|their|this|work|involve\w*|offer\w*"
    r"|require\w*|need\w*|use|uses|using|benefits?|perks?|there|i|my|me)\b",
    re.IGNORECASE,
)
_FIRST_PERSON: Final = re.compile(r"\b(?:i|my|me|i'?ve|i'?m)\b", re.IGNORECASE)

_WORD: Final = re.compile(r"[a-z0-9][a-z0-9+#.\-]*[a-z0-9+#]|[a-z0-9]", re.IGNORECASE)
_CONTRACTION: Final = re.compile(r"(?:'|’)(?:s|re|ll|ve|m|d|t)\b|n(?:'|’)t\b", re.IGNORECASE)
# Words that frame a question rather than name its topic ("does this job involve ...").
_FRAME_WORDS: Final = frozenset(
    """
    a an the and or but of for with to in on at by from into about as is are was were be been being am do does
    did done doing have has had having will would shall should can could may might must what which who whom
    whose when where why how that this these those there here it its they them their theirs we our us you your
    yours i me my mine any some much many more most very really also just only please tell know think
    job jobs role roles position posting post company team work working involve involves involving include
    includes including require requires required requiring need needs needed want wants wanted use uses used
    using offer offers offered provide provides get give expect expected mention mentions mentioned say says
    part kind sort lot whether if not no yes ok okay hi hello thanks thank like
    """.split()
)


def _stem(word: str) -> str:
    """`lemma.stem`, but a noun in "-ment" stays itself: "payment" is no "pay", "requirement" no "require"."""
    lowered = word.lower()
    if lowered.endswith(("ment", "ments")):
        return lowered.removesuffix("s")
    return stem(lowered)


_FRAME_STEMS: Final = frozenset(_stem(word) for word in _FRAME_WORDS if len(word) > 3)
# Words that mean one thing to a job seeker: a passage with any of them speaks to the others.
_SYNONYMS: Final[tuple[frozenset[str], ...]] = tuple(
    frozenset(group.split())
    for group in (
        "remote remotely wfh distributed anywhere",
        "salary salaries pay compensation wage wages",
        "equity stock shares rsu rsus",
        "benefit benefits perk perks insurance pto vacation",
        "visa visas sponsor sponsorship immigration",
        "travel travelling traveling trip trips",
        "on-call oncall pager pagerduty",
        "degree bachelor bachelors bachelor's master masters master's phd diploma",
        "customer customers client clients",
        "startup start-up",
        "mentor mentoring mentorship coaching",
        "relocation relocate relocating",
        "stream streaming streams broadcast broadcasting",
    )
)


@dataclass(frozen=True)
class Concept:
    """One thing the question is about ("streaming"), as the stems a passage may use for it."""

    word: str
    stems: frozenset[str]

    def in_words(self, stems: set[str]) -> bool:
        return not self.stems.isdisjoint(stems)


@dataclass(frozen=True)
class Question:
    """A question as read: what it asks (`intent`), the skills it names, and its own words."""

    text: str  # without the sentences addressed to an AI
    intent: Intent
    skill_ids: tuple[str, ...]  # the skills named, in order
    skill_words: tuple[str, ...]  # each as the question writes it ("video streaming")
    concepts: tuple[Concept, ...]  # the topic's words, each with its stems and synonyms
    topic: str  # the topic as asked ("video streaming"), for "the posting does not mention video streaming"
    first_person: bool  # about the asker ("have I ..."): the resume speaks to it too
    injected: bool  # sentences addressed to an AI were dropped


def word_stems(text: str) -> set[str]:
    """The stems of a text's words, for matching a question's concepts."""
    return {_stem(word) for word in _words(text)}


def understand(question: str, taxonomy: Taxonomy) -> Question:
    injected_spans = instruction_spans(question)
    kept = [question[s:e] for s, e in split_sentences(question) if (s, e) not in injected_spans]
    text = " ".join(part.strip() for part in kept).strip() if injected_spans else question.strip()
    mentions = taxonomy.find_mentions(text)
    surfaces = {m.skill_id: text[m.start : m.end] for m in reversed(mentions)}  # the first, where named twice
    skill_ids = tuple(dict.fromkeys(m.skill_id for m in mentions))
    concepts = concepts_of(text)
    return Question(
        text=text,
        intent=_intent(text, skill_ids, concepts),
        skill_ids=skill_ids,
        skill_words=tuple(surfaces[skill_id] for skill_id in skill_ids),
        concepts=concepts,
        topic=" ".join(c.word for c in concepts),
        first_person=_FIRST_PERSON.search(text) is not None,
        injected=bool(injected_spans),
    )


def _intent(text: str, skill_ids: tuple[str, ...], concepts: tuple[Concept, ...]) -> Intent:
    if not _words(text):
        return "out_of_scope"
    for intent, pattern in _PATTERNS:
        if skill_ids if pattern is None else pattern.search(text):
            return intent
    if not concepts:
        return "out_of_scope"
    # Whether the posting speaks to it is for the answer to find out; here, a question about something
    # no posting answers, or with nothing that ties it to the job, is out of scope unless it does.
    if _OFF_TOPIC.search(text) or _JOB_CUE.search(text) is None:
        return "out_of_scope"
    return "content"


def concepts_of(text: str) -> tuple[Concept, ...]:
    """The words of a text that name a topic (not how a question is framed), each with its stems and synonyms."""
    concepts: list[Concept] = []
    seen: set[str] = set()
    for word in _words(text):
        lowered = word.lower()
        if lowered in _FRAME_WORDS or _stem(lowered) in _FRAME_STEMS or len(lowered) < 2 or lowered in seen:
            continue
        seen.add(lowered)
        stems = {_stem(lowered)}
        for group in _SYNONYMS:
            if lowered in group or _stem(lowered) in {_stem(w) for w in group}:
                stems |= {_stem(w) for w in group}
        concepts.append(Concept(word=word, stems=frozenset(stems)))
    return tuple(concepts)


def _words(text: str) -> list[str]:
    return [w.strip(".") for w in _WORD.findall(_CONTRACTION.sub(" ", text)) if w.strip(".")]

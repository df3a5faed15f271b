"""The verdict of an interview: readiness per topic, with the evidence from the answers, and the things to practise
first with where to learn them.

Topics: a question's skill ("Apache Kafka"), else its kind ("System design", "Behavioural answers (STAR)"); a
follow-up belongs to its question's topic. A question's score is its answer's grade, plus half the share of its
rubric points that only the follow-up made (a point made after a prompt counts half: an interviewer noticed the
prompt), at most 10. A topic's score is the mean of its questions', and its readiness:

    ready: READY or more;  almost: ALMOST to READY;  not yet: below ALMOST.

Evidence: for each point an answer made, the point and the sentence of the answer that made it (the first that
names one of the point's signal words), quoted; the points no answer made are listed as missed.

Practise first: the topics not yet ready, the weakest first, at most MAX_PRACTICE; when fewer than MIN_PRACTICE are
not ready, the weakest ready topics with a missed point fill in. Each says what to practise (the missed points) and
where: the learning catalog's resources for the topic's skill, or for its kind (system design).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from skillgap.interview.models import PracticeItem, Question, Readiness, TopicReadiness, Turn
from skillgap.learning.catalog import LearningResource, ResourceCatalog
from skillgap.skills.models import Skill
from skillgap.skills.taxonomy import Taxonomy

__all__ = ["READINESS_LABELS", "practice_first", "topic_readiness", "topic_of"]

READY: Final = 7.5
ALMOST: Final = 5.0
FOLLOW_UP_CREDIT: Final = 0.5
MIN_PRACTICE: Final = 2
MAX_PRACTICE: Final = 3
MAX_QUOTE_CHARS: Final = 200
MAX_EVIDENCE: Final = 3

READINESS_LABELS: Final[dict[Readiness, str]] = {"ready": "ready", "almost": "almost", "not_yet": "not yet"}
KIND_TOPICS: Final = {
    "system_design": "System design",
    "behavioral": "Behavioural answers (STAR)",
    "experience_probe": "Presenting your experience",
    "technical": "Technical depth",
}
# Where to learn a topic that is a kind of question rather than a skill: the catalog's entry for it. Behavioural
# answers have none: the catalog leaves soft skills out (a link list does not close that gap).
KIND_RESOURCES: Final = {"system_design": "system-design"}

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass
class _Topic:
    topic: str
    skill: Skill | None
    kind: str
    questions: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    covered: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)


def topic_of(question: Question) -> str:
    """The topic a question counts for: its skill, else its kind."""
    skill = question.target.skill
    return skill.name if skill is not None else KIND_TOPICS[question.kind]


def _readiness(score: float) -> Readiness:
    if score >= READY:
        return "ready"
    return "almost" if score >= ALMOST else "not_yet"


@lru_cache(maxsize=4096)
def _signal(keyword: str) -> re.Pattern[str]:
    # As the offline grader reads a signal word: at the start of a word, so that a stem matches ("idempot").
    return re.compile(rf"(?<![a-z0-9]){re.escape(keyword.lower())}")


def _quote(answer: str, keywords: Sequence[str]) -> str:
    """The first sentence of `answer` that names one of `keywords`, trimmed for quoting; "" when none does."""
    for match in _SENTENCE.finditer(answer):
        sentence = " ".join(match.group(0).split())
        lowered = sentence.lower()
        if sentence and any(_signal(k).search(lowered) for k in keywords):
            if len(sentence) > MAX_QUOTE_CHARS:
                sentence = sentence[: MAX_QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"
            return sentence
    return ""


def topic_readiness(turns: Sequence[Turn]) -> tuple[TopicReadiness, ...]:
    """Readiness per topic, in the order the topics were first asked (see the module docstring)."""
    follow_ups: dict[str, Turn] = {t.question.parent_question_id: t for t in turns if t.question.follow_up}
    topics: dict[str, _Topic] = {}
    for turn in turns:
        question = turn.question
        if question.follow_up:
            continue
        name = topic_of(question)
        topic = topics.setdefault(name, _Topic(name, question.target.skill, question.kind))
        evaluation = turn.evaluation
        covered = set(evaluation.points_covered)
        later = follow_ups.get(question.question_id)
        prompted = set(later.evaluation.points_covered) - covered if later is not None else set()
        share = len(prompted) / len(question.points) if question.points else 0.0
        topic.scores.append(min(10.0, evaluation.score + 10.0 * FOLLOW_UP_CREDIT * share))
        topic.questions.append(question.question_id)
        for point in question.points:
            answered = turn if point.point in covered else later if point.point in prompted else None
            if answered is None:
                if point.point not in topic.missed:
                    topic.missed.append(point.point)
                continue
            if point.point not in topic.covered:
                topic.covered.append(point.point)
            quote = _quote(answered.answer, point.keywords)
            if quote and len(topic.evidence) < MAX_EVIDENCE:
                topic.evidence.append(f'{point.point}: "{quote}"')
    result = []
    for topic in topics.values():
        score = round(sum(topic.scores) / len(topic.scores), 1)
        result.append(
            TopicReadiness(
                topic=topic.topic,
                skill=topic.skill,
                readiness=_readiness(score),
                score=score,
                question_ids=tuple(topic.questions),
                evidence=tuple(topic.evidence),
                points_covered=tuple(topic.covered),
                points_missed=tuple(p for p in topic.missed if p not in topic.covered),
            )
        )
    return tuple(result)


def practice_first(
    topics: Sequence[TopicReadiness], turns: Sequence[Turn], catalog: ResourceCatalog, taxonomy: Taxonomy
) -> tuple[PracticeItem, ...]:
    """The two or three things to practise first (see the module docstring)."""
    kinds = {topic_of(t.question): t.question.kind for t in turns if not t.question.follow_up}
    weakest = sorted((t for t in topics if t.readiness != "ready"), key=lambda t: (t.score, t.topic))
    if len(weakest) < MIN_PRACTICE:
        polish = sorted((t for t in topics if t.readiness == "ready" and t.points_missed), key=lambda t: t.score)
        weakest += polish[: MIN_PRACTICE - len(weakest)]
    items = []
    for topic in weakest[:MAX_PRACTICE]:
        label = READINESS_LABELS[topic.readiness]
        reason = f"{label} ({topic.score:g}/10)"
        if topic.points_missed:
            reason += f"; the answers left out {len(topic.points_missed)} of the points a good answer makes"
        items.append(
            PracticeItem(
                topic=topic.topic,
                skill=topic.skill,
                reason=reason + ".",
                practise=topic.points_missed,
                resources=tuple(_resources(topic, kinds.get(topic.topic, ""), catalog, taxonomy)),
            )
        )
    return tuple(items)


def _resources(
    topic: TopicReadiness, kind: str, catalog: ResourceCatalog, taxonomy: Taxonomy
) -> list[LearningResource]:
    skill = topic.skill
    if skill is not None and skill.skill_id:
        return catalog.for_skill(skill.skill_id, taxonomy=taxonomy)
    catalog_id = KIND_RESOURCES.get(kind)
    return catalog.for_skill(catalog_id, taxonomy=taxonomy) if catalog_id else []

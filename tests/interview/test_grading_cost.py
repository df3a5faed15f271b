"""The grading's cost cuts change no grade: the answer is embedded only when its vector can change the result
(not when its signal words and answer signals cover every rubric point), and the result is the same as embedding
every answer. Reading an answer's signals stays bounded for the longest answer the API takes."""

from __future__ import annotations

import random
import time

import pytest
from tests.support.interview import GOOD, INJECTION, QUESTION, WEAK

from skillgap.embedding.embedder import Embedder
from skillgap.interview.answer_signals import AnswerSignals
from skillgap.interview.bank import QuestionBank
from skillgap.interview.grading import OfflineGrader, _has
from skillgap.interview.models import Point, Question, Target
from skillgap.interview.service import MAX_ANSWER_CHARS
from skillgap.resources import Resources
from skillgap.skills.taxonomy import Taxonomy

# Sentences a candidate says (as in the interview benchmark), mixed into answers below.
SENTENCES = (
    "In production I would start from the requirements and measure before changing anything.",
    "I would profile the slow path first and look at the query plan for sequential scans.",
    "For read-heavy data a cache in Redis with a short TTL and explicit invalidation on writes works well.",
    "I keep writes consistent with transactions and make the handlers idempotent so retries are safe.",
    "We monitor latency, error rate and throughput with metrics and alerts on the p95, not the average.",
    "I test it with unit tests for the logic and integration tests against a real database in CI.",
    "If the incident is ongoing, I mitigate first, communicate status, and write a blameless postmortem later.",
    "I pair with junior engineers on real tickets and let them drive, which works better than lectures.",
)


class SpyEmbedder:
    """The real embedder, recording every text it is asked to embed."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self.texts: list[str] = []

    def embed_document(self, text: str) -> list[float]:
        self.texts.append(text)
        return self._embedder.embed_document(text)


def bank_question(n: int, bank: QuestionBank, skill: str = "PostgreSQL") -> Question:
    chosen = list(bank)[n]
    return Question(
        question_id=f"b{n}",
        text=bank.render(chosen, skill=skill),
        kind=chosen.kind,
        difficulty=chosen.difficulty,
        target=Target(kind="gap"),
        points=tuple(Point(point=p.point, keywords=p.keywords) for p in chosen.points),
        model_answer=bank.render_model_answer(chosen, skill=skill),
        bank_key=chosen.key,
    )


def answers_for(question: Question, rng: random.Random) -> list[str]:
    """Answers of every kind: complete (the rubric's own words), partial, hedged, off topic, injected."""
    every_point = " ".join(f"I would cover {p.keywords[0]} here." for p in question.points)
    all_but_one = " ".join(f"I would cover {p.keywords[0]} here." for p in question.points[1:])
    return [
        every_point,
        f"Not sure, but {every_point}",  # every point named behind a hedge
        f"{every_point} {INJECTION}",
        all_but_one + " " + " ".join(rng.sample(SENTENCES, 3)),
        " ".join(rng.sample(SENTENCES, 4)),
        "My favourite holiday was a long walk along the coast of Portugal with my family and friends.",
        "No idea.",
        INJECTION,
        *([question.model_answer] if question.model_answer else []),
    ]


@pytest.fixture(scope="module")
def embedder(resources: Resources) -> Embedder:
    return resources.embedder


def test_the_keyword_shortcut_changes_no_grade(embedder: Embedder) -> None:
    bank = QuestionBank.load()
    rng = random.Random(11)
    questions = [QUESTION, *(bank_question(n, bank) for n in rng.sample(range(len(bank)), 12))]
    pairs = [(QUESTION, GOOD), (QUESTION, WEAK), (QUESTION, f"{WEAK} {INJECTION}"), (QUESTION, "Not sure, an index?")]
    pairs += [(question, answer) for question in questions for answer in answers_for(question, rng)]
    reference = OfflineGrader(embedder, keyword_shortcut=False)  # embeds every answer, as grading used to
    spy = SpyEmbedder(embedder)
    shortcut = OfflineGrader(spy)
    rubric = {question.text for question in questions} | {p.point for question in questions for p in question.points}
    embedded = 0
    for question, answer in pairs:
        before = len(spy.texts)
        assert shortcut.grade(question, answer) == reference.grade(question, answer), answer
        embedded += any(text not in rubric for text in spy.texts[before:])
    # Both kinds are in the set: answers that needed the model, and answers graded without it (at least the
    # three per question that name every point).
    assert embedded > 0 and len(pairs) - embedded >= 3 * len(questions)


def test_an_answer_whose_keywords_cover_every_point_is_not_embedded(embedder: Embedder) -> None:
    spy = SpyEmbedder(embedder)
    grader = OfflineGrader(spy)
    evaluation = grader.grade(QUESTION, GOOD)
    assert evaluation.score >= 8.75 and not evaluation.points_missed
    assert spy.texts == []  # not the answer, not even the question's text (the on-topic check)

    # Without the shortcut the same answer costs one model run, for the same evaluation.
    eager = SpyEmbedder(embedder)
    assert OfflineGrader(eager, keyword_shortcut=False).grade(QUESTION, GOOD) == evaluation
    assert eager.texts.count(GOOD) == 1

    # A hedge in front of it changes nothing, still without the model; a hedge with little else is vague.
    hedged = grader.grade(QUESTION, f"Not sure. {GOOD}")
    assert not hedged.vague and hedged.score >= 8.75 and spy.texts == []
    vague = grader.grade(QUESTION, "Not sure, EXPLAIN and an index and vacuum, to measure p95?")
    assert vague.vague and vague.score <= 3.5 and spy.texts == []


def test_a_measured_outcome_spares_the_model_for_an_outcome_point(embedder: Embedder) -> None:
    """A point about a measurable outcome is made by any quantified statement, so it is not left to meaning."""
    question = QUESTION.model_copy(
        update={"points": (*QUESTION.points[:3], Point(point="gives a measurable outcome", keywords=("metric",)))}
    )
    answer = GOOD.replace("I measure p95 latency before and after", "p95 went from 900 ms to 40 ms")
    spy = SpyEmbedder(embedder)
    evaluation = OfflineGrader(spy).grade(question, answer)
    assert not evaluation.points_missed and spy.texts == []


def test_reading_the_longest_answer_stays_bounded() -> None:
    """Answers are capped at 8,000 characters (service.MAX_ANSWER_CHARS); the worst inputs found for the signal
    patterns (digits, arrows, numbers in words, brackets) read in well under a second each."""
    signals = AnswerSignals.load()
    taxonomy = Taxonomy.load()
    worst = ["1 " * 4000, "1->" * 2700, "from 1 ms to " * 700, "one two three four five " * 320, "([<" * 2700]
    for text in worst:
        started = time.perf_counter()
        signals.read(signals.without_grader_talk(text[:MAX_ANSWER_CHARS]), taxonomy)
        assert time.perf_counter() - started < 2.0, text[:20]


def test_the_model_runs_once_per_answer_when_a_point_is_left_to_meaning(embedder: Embedder) -> None:
    spy = SpyEmbedder(embedder)
    grader = OfflineGrader(spy)
    grader.grade(QUESTION, WEAK)  # names "index" only: three points are left to the embedding
    assert spy.texts.count(WEAK) == 1
    # The rubric points' vectors are cached: a second answer embeds only itself.
    spy.texts.clear()
    grader.grade(QUESTION, f"{WEAK} And I would check the logs.")
    assert spy.texts == [f"{WEAK} And I would check the logs."]


def test_a_question_without_points_still_checks_the_answer_is_on_topic(embedder: Embedder) -> None:
    question = QUESTION.model_copy(update={"points": ()})
    spy = SpyEmbedder(embedder)
    off = OfflineGrader(spy).grade(question, "My favourite holiday was a long walk along the coast of Portugal.")
    assert off.off_topic and spy.texts.count("My favourite holiday was a long walk along the coast of Portugal.") == 1
    assert off == OfflineGrader(embedder, keyword_shortcut=False).grade(
        question, "My favourite holiday was a long walk along the coast of Portugal."
    )


def test_keywords_match_at_the_start_of_a_word_only() -> None:
    assert _has("we use autoscaling groups", "autoscal")
    assert _has("see the query plan", "Query Plan ")
    assert not _has("a reindex job", "index")
    assert not _has("anything", "  ")

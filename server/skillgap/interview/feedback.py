"""Feedback from the answered turns: overall score, strengths, areas to improve with what was missed, the
weakest answer and what to say next time, and the verdict: readiness per topic with its evidence and the things
to practise first (`readiness.py`), said in a few sentences (worded by the LLM engine when it worded them at the
end of the interview, `Session.verdict`; else here). Final when the interview is finished; progress so far
otherwise."""

from __future__ import annotations

from collections.abc import Sequence

from skillgap.interview.models import Feedback, ImprovementArea, PracticeItem, Session, TopicReadiness
from skillgap.interview.readiness import READINESS_LABELS, practice_first, topic_of, topic_readiness
from skillgap.learning.catalog import ResourceCatalog
from skillgap.skills.taxonomy import Taxonomy

STRONG = 7.0
WEAK = 6.0


def feedback_of(session: Session, catalog: ResourceCatalog, taxonomy: Taxonomy) -> Feedback:
    turns = session.turns
    final = session.state == "finished"
    if not turns:
        return Feedback(
            overall_score=0.0,
            turns=(),
            strengths=(),
            areas_to_improve=(),
            final=final,
            verdict="No answers yet: the verdict comes with the first answer.",
        )
    overall = round(sum(t.evaluation.score for t in turns) / len(turns), 1)

    strengths: list[str] = []
    areas: dict[str, ImprovementArea] = {}
    for turn in turns:
        subject = topic_of(turn.question)
        evaluation = turn.evaluation
        if evaluation.score >= STRONG and evaluation.points_covered:
            line = f"{subject}: you covered {', '.join(evaluation.points_covered[:2])}"
            if line not in strengths:
                strengths.append(line)
        elif evaluation.score < WEAK and subject not in areas:
            missed = "; ".join(evaluation.points_missed[:3]) or "a clear, concrete answer"
            advice = f"Your answer scored {evaluation.score:g}/10. Work on: {missed}."
            if evaluation.vague:
                advice += " Give a concrete example from your own work, with numbers."
            skill = turn.question.target.skill
            resources = catalog.for_skill(skill.skill_id, taxonomy=taxonomy) if skill and skill.skill_id else []
            areas[subject] = ImprovementArea(area=subject, skill=skill, advice=advice, resources=tuple(resources))

    weakest = min(turns, key=lambda t: (t.evaluation.score, t.question.index))
    next_time = weakest.question.model_answer
    if not next_time and weakest.evaluation.points_missed:
        next_time = "Cover: " + "; ".join(weakest.evaluation.points_missed) + "."
    topics = topic_readiness(turns)
    practice = practice_first(topics, turns, catalog, taxonomy)
    worded = session.verdict if final and session.verdict else ""
    return Feedback(
        overall_score=overall,
        turns=turns,
        strengths=tuple(strengths),
        areas_to_improve=tuple(areas.values()),
        weakest_question_id=weakest.question.question_id,
        what_to_say_next_time=next_time,
        final=final,
        topics=topics,
        practice_first=practice,
        verdict=worded or verdict_text(overall, topics, practice, final=final),
        verdict_engine=session.verdict_engine if worded else "offline",
    )


def _names(topics: Sequence[str]) -> str:
    if len(topics) <= 1:
        return "".join(topics)
    return ", ".join(topics[:-1]) + " and " + topics[-1]


def verdict_text(
    overall: float, topics: Sequence[TopicReadiness], practice: Sequence[PracticeItem], *, final: bool
) -> str:
    """The verdict in a few sentences: the overall score, the topics by readiness, what to practise first."""
    sentences = [f"{'Overall' if final else 'So far'}: {overall:g}/10 over {len(topics)} "
                 f"topic{'s' if len(topics) != 1 else ''}."]  # fmt: skip
    for readiness in ("ready", "almost", "not_yet"):
        named = [t.topic for t in topics if t.readiness == readiness]
        if named:
            sentences.append(f"{READINESS_LABELS[readiness].capitalize()}: {_names(named)}.")
    if practice:
        first = practice[0].topic
        rest = [item.topic for item in practice[1:]]
        sentences.append(f"Practise {first} first" + (f", then {_names(rest)}." if rest else "."))
    return " ".join(sentences)

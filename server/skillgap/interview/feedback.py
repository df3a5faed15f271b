"""Feedback from the answered turns: overall score, strengths, areas to improve with what was missed, the
weakest answer and what to say next time. Final when the interview is finished; progress so far otherwise."""

from __future__ import annotations

from skillgap.interview.models import Feedback, ImprovementArea, Session, Turn
from skillgap.learning.catalog import ResourceCatalog
from skillgap.skills.taxonomy import Taxonomy

STRONG = 7.0
WEAK = 6.0


def _subject(turn: Turn) -> str:
    question = turn.question
    if question.target.skill is not None:
        return question.target.skill.name
    return {
        "system_design": "System design",
        "behavioral": "Behavioural answers (STAR)",
        "experience_probe": "Presenting your experience",
        "technical": "Technical depth",
    }[question.kind]


def feedback_of(session: Session, catalog: ResourceCatalog, taxonomy: Taxonomy) -> Feedback:
    turns = session.turns
    final = session.state == "finished"
    if not turns:
        return Feedback(overall_score=0.0, turns=(), strengths=(), areas_to_improve=(), final=final)
    overall = round(sum(t.evaluation.score for t in turns) / len(turns), 1)

    strengths: list[str] = []
    areas: dict[str, ImprovementArea] = {}
    for turn in turns:
        subject = _subject(turn)
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
    return Feedback(
        overall_score=overall,
        turns=turns,
        strengths=tuple(strengths),
        areas_to_improve=tuple(areas.values()),
        weakest_question_id=weakest.question.question_id,
        what_to_say_next_time=next_time,
        final=final,
    )

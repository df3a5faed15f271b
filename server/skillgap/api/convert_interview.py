"""Interview domain objects to protobuf messages."""

from __future__ import annotations

from typing import Any

from skillgap.api.convert import skill_message, timestamp
from skillgap.api.convert_matching import resource_message
from skillgap.interview.models import Evaluation, Feedback, PracticeItem, Question, Session, TopicReadiness
from skillgap.v1 import interview_pb2

_KINDS: dict[str, Any] = {
    "technical": interview_pb2.QUESTION_KIND_TECHNICAL,
    "system_design": interview_pb2.QUESTION_KIND_SYSTEM_DESIGN,
    "behavioral": interview_pb2.QUESTION_KIND_BEHAVIORAL,
    "experience_probe": interview_pb2.QUESTION_KIND_EXPERIENCE_PROBE,
}
_TARGETS: dict[str, Any] = {
    "gap": interview_pb2.QUESTION_TARGET_KIND_GAP,
    "job_topic": interview_pb2.QUESTION_TARGET_KIND_JOB_TOPIC,
    "experience_mismatch": interview_pb2.QUESTION_TARGET_KIND_EXPERIENCE_MISMATCH,
}
_DIFFICULTIES: dict[str, Any] = {
    "easy": interview_pb2.DIFFICULTY_EASY,
    "medium": interview_pb2.DIFFICULTY_MEDIUM,
    "hard": interview_pb2.DIFFICULTY_HARD,
}
_READINESS: dict[str, Any] = {
    "ready": interview_pb2.READINESS_READY,
    "almost": interview_pb2.READINESS_ALMOST,
    "not_yet": interview_pb2.READINESS_NOT_YET,
}
_STATES: dict[str, Any] = {
    "active": interview_pb2.INTERVIEW_STATE_ACTIVE,
    "finished": interview_pb2.INTERVIEW_STATE_FINISHED,
    "cancelled": interview_pb2.INTERVIEW_STATE_CANCELLED,
    "expired": interview_pb2.INTERVIEW_STATE_EXPIRED,
}


def session_message(session: Session) -> interview_pb2.Interview:
    return interview_pb2.Interview(
        interview_id=session.interview_id,
        job_id=session.job_id,
        resume_id=session.resume_id,
        state=_STATES[session.state],
        question_count=session.question_count,
        answered_count=session.answered_count,
        engine=session.engine,
        create_time=timestamp(session.create_time),
        update_time=timestamp(session.update_time),
        expire_time=timestamp(session.expire_time),
    )


def target_message(question: Question) -> interview_pb2.QuestionTarget:
    target = question.target
    message = interview_pb2.QuestionTarget(kind=_TARGETS[target.kind], reason=target.reason)
    if target.skill is not None:
        message.skill.CopyFrom(skill_message(target.skill))
    return message


def question_message(question: Question) -> interview_pb2.Question:
    return interview_pb2.Question(
        question_id=question.question_id,
        index=question.index,
        text=question.text,
        kind=_KINDS[question.kind],
        target=target_message(question),
        difficulty=_DIFFICULTIES[question.difficulty],
        follow_up=question.follow_up,
        parent_question_id=question.parent_question_id,
        engine=question.engine,
    )


def question_started_message(question: Question) -> interview_pb2.QuestionStarted:
    return interview_pb2.QuestionStarted(
        question_id=question.question_id,
        index=question.index,
        kind=_KINDS[question.kind],
        target=target_message(question),
        follow_up=question.follow_up,
    )


def evaluation_message(evaluation: Evaluation) -> interview_pb2.AnswerEvaluation:
    return interview_pb2.AnswerEvaluation(
        question_id=evaluation.question_id,
        score=evaluation.score,
        points_covered=list(evaluation.points_covered),
        points_missed=list(evaluation.points_missed),
        rationale=evaluation.rationale,
        engine=evaluation.engine,
    )


def topic_message(topic: TopicReadiness) -> interview_pb2.TopicReadiness:
    message = interview_pb2.TopicReadiness(
        topic=topic.topic,
        readiness=_READINESS[topic.readiness],
        score=topic.score,
        question_ids=list(topic.question_ids),
        evidence=list(topic.evidence),
        points_covered=list(topic.points_covered),
        points_missed=list(topic.points_missed),
    )
    if topic.skill is not None:
        message.skill.CopyFrom(skill_message(topic.skill))
    return message


def practice_message(item: PracticeItem) -> interview_pb2.PracticeItem:
    message = interview_pb2.PracticeItem(
        topic=item.topic,
        reason=item.reason,
        practise=list(item.practise),
        resources=[resource_message(r) for r in item.resources],
    )
    if item.skill is not None:
        message.skill.CopyFrom(skill_message(item.skill))
    return message


def feedback_message(feedback: Feedback) -> interview_pb2.InterviewFeedback:
    areas = []
    for area in feedback.areas_to_improve:
        message = interview_pb2.ImprovementArea(
            area=area.area, advice=area.advice, resources=[resource_message(r) for r in area.resources]
        )
        if area.skill is not None:
            message.skill.CopyFrom(skill_message(area.skill))
        areas.append(message)
    return interview_pb2.InterviewFeedback(
        overall_score=feedback.overall_score,
        questions=[
            interview_pb2.QuestionFeedback(
                question=question_message(turn.question),
                answer=turn.answer,
                evaluation=evaluation_message(turn.evaluation),
            )
            for turn in feedback.turns
        ],
        strengths=list(feedback.strengths),
        areas_to_improve=areas,
        weakest_question_id=feedback.weakest_question_id,
        what_to_say_next_time=feedback.what_to_say_next_time,
        final=feedback.final,
        topics=[topic_message(topic) for topic in feedback.topics],
        practice_first=[practice_message(item) for item in feedback.practice_first],
        verdict=feedback.verdict,
        verdict_engine=feedback.verdict_engine,
    )

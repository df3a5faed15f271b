"""One interview turn as a LangGraph graph.

    START -> plan -> ask -> END                                  (a new interview: plan, first question)
    START -> ask -> END                                          (repeat nothing: ask the next planned one)
    START -> evaluate -> follow_up -> END                        (a weak answer: one probing follow-up)
                      -> ask -> END                              (next planned question, difficulty adapted)
                      -> finish -> END                           (the plan is done: final feedback)

The graph holds no state between turns: the session comes in, the changed session goes out, and the
service saves it in PostgreSQL after every turn, so the next turn may run on any server instance. The
engine (offline or LLM), the question bank and the clock come in the runtime context.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, TypedDict

from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime

from skillgap.interview.bank import QuestionBank
from skillgap.interview.engines import DeltaSink, InterviewEngine, follow_up_text
from skillgap.interview.job_context import JobTemplates
from skillgap.interview.job_questions import JOB_KEY_PREFIX
from skillgap.interview.models import Evaluation, Question, Session, Turn
from skillgap.interview.planner import plan_interview, shifted
from skillgap.matching.models import GapAnalysis
from skillgap.metrics import TurnTimer
from skillgap.skills.models import ResumeProfile

STRONG_ANSWER = 8.0
WEAK_ANSWER = 4.0
FOLLOW_UP_BELOW = 6.0


class TurnState(TypedDict, total=False):
    session: Session
    analysis: GapAnalysis | None  # for planning a new interview
    profile: ResumeProfile | None  # the resume's, for planning: the dated years its probes say
    answer: str | None  # the answer to the current question, when this turn grades one
    evaluation: Evaluation | None  # set by evaluate
    asked: Question | None  # the question this turn asked (with its final text)


@dataclass
class TurnContext:
    engine: InterviewEngine
    bank: QuestionBank
    now: datetime
    ttl: timedelta
    on_delta: DeltaSink | None = None
    # Told the evaluation as soon as it exists, before the next question is written (a stream shows it first).
    on_evaluated: Callable[[Evaluation], Awaitable[None]] | None = None
    # The turn's clock (started when the answer arrived): told when the grading ran and when it was evaluated.
    timer: TurnTimer = field(default_factory=TurnTimer)
    # The templates of the job's own questions (design, scenario, experience probes).
    templates: JobTemplates = field(default_factory=JobTemplates.load)


def _touch(session: Session, context: TurnContext, **changes: object) -> Session:
    return session.model_copy(update={**changes, "update_time": context.now, "expire_time": context.now + context.ttl})


async def plan(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    session = state["session"]
    analysis = state.get("analysis")
    assert analysis is not None, "a new interview is planned from its gap analysis"
    # In a worker thread: reading the posting for its stack, domain and scale takes milliseconds of CPU (20 ms
    # for a 30,000-character posting), which the event loop's other streams should not wait for.
    planned = await asyncio.to_thread(
        plan_interview,
        analysis,
        runtime.context.bank,
        count=session.question_count,
        templates=runtime.context.templates,
        profile=state.get("profile"),
        today=runtime.context.now.date(),
    )
    return {"session": session.model_copy(update={"plan": planned, "question_count": len(planned)})}


async def ask(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    context = runtime.context
    session = state["session"]
    question = _adapted(session.plan[session.next_planned], session, context.bank)
    question = question.model_copy(update={"index": session.asked_count})
    written = await context.engine.write_question(question, session, context.on_delta)
    question = question.model_copy(update={"text": written.text, "engine": written.engine})
    return {
        "session": _touch(session, context, current=question, next_planned=session.next_planned + 1),
        "asked": question,
    }


async def evaluate(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    context = runtime.context
    session = state["session"]
    question = session.current
    answer = state.get("answer")
    assert question is not None and answer is not None
    with context.timer.timing("grading"):  # the engine's part, a wait for a worker thread included
        evaluation = await context.engine.grade(question, answer)
    shift = session.difficulty_shift
    if evaluation.score >= STRONG_ANSWER:
        shift = min(shift + 1, 1)
    elif evaluation.score <= WEAK_ANSWER:
        shift = max(shift - 1, -1)
    context.timer.reached("evaluated")
    if context.on_evaluated is not None:
        await context.on_evaluated(evaluation)
    turn = Turn(question=question, answer=answer, evaluation=evaluation)
    updated = _touch(session, context, turns=(*session.turns, turn), current=None, difficulty_shift=shift)
    return {"session": updated, "evaluation": evaluation}


async def follow_up(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    context = runtime.context
    session = state["session"]
    parent = session.turns[-1].question
    evaluation = session.turns[-1].evaluation
    missed = set(evaluation.points_missed)
    probe = Question(
        question_id=f"{parent.question_id}f",
        index=session.asked_count,
        text=follow_up_text(parent, evaluation),
        kind=parent.kind,
        difficulty=parent.difficulty,
        target=parent.target,
        # The follow-up is graded on what the first answer left out.
        points=tuple(p for p in parent.points if p.point in missed) or parent.points,
        model_answer=parent.model_answer,
        bank_key=parent.bank_key,
        follow_up=True,
        parent_question_id=parent.question_id,
    )
    written = await context.engine.write_follow_up(probe, parent, evaluation, context.on_delta)
    probe = probe.model_copy(update={"text": written.text, "engine": written.engine})
    return {"session": _touch(session, context, current=probe), "asked": probe}


async def finish(state: TurnState, runtime: Runtime[TurnContext]) -> TurnState:
    return {"session": _touch(state["session"], runtime.context, state="finished", current=None)}


async def route_start(state: TurnState) -> Literal["plan", "evaluate", "ask"]:
    session = state["session"]
    if not session.plan:
        return "plan"
    if state.get("answer") is not None:
        return "evaluate"
    return "ask"


def needs_follow_up(evaluation: Evaluation) -> bool:
    return (
        evaluation.vague
        or evaluation.off_topic
        or (bool(evaluation.points_missed) and evaluation.score < FOLLOW_UP_BELOW)
    )


async def route_after_evaluation(state: TurnState) -> Literal["follow_up", "ask", "finish"]:
    session = state["session"]
    last = session.turns[-1]
    # One probe per question: a weak answer to the follow-up moves on.
    if not last.question.follow_up and needs_follow_up(last.evaluation):
        return "follow_up"
    if session.next_planned < len(session.plan):
        return "ask"
    return "finish"


async def route_after_plan(state: TurnState) -> Literal["ask", "finish"]:
    return "ask" if state["session"].plan else "finish"


def _adapted(question: Question, session: Session, bank: QuestionBank) -> Question:
    """After strong answers a harder variant of the planned question, after weak ones an easier one: same
    target, another bank question at the shifted difficulty, when the bank has one not asked yet. A question built
    for this job (its own design, a scenario on its stack) stays: the bank has nothing as close to the job."""
    if (
        session.difficulty_shift == 0
        or question.kind == "experience_probe"
        or question.bank_key.startswith(JOB_KEY_PREFIX)
    ):
        return question
    wanted = shifted(question.difficulty, session.difficulty_shift)
    if wanted == question.difficulty:
        return question
    used = frozenset(q.bank_key for q in session.plan) | frozenset(t.question.bank_key for t in session.turns)
    skill = question.target.skill
    if skill is not None and skill.skill_id:
        candidates = bank.for_skill(skill, kind=question.kind, difficulty=wanted, exclude=used)
    else:
        candidates = bank.of_kind(question.kind, difficulty=wanted, exclude=used)
    candidates = [c for c in candidates if c.difficulty == wanted]
    if not candidates:
        return question
    chosen = candidates[0]
    name = skill.name if skill is not None else ""
    return question.model_copy(
        update={
            "text": bank.render(chosen, skill=name),
            "difficulty": chosen.difficulty,
            "points": bank.rendered_points(chosen, skill=name),
            "model_answer": bank.render_model_answer(chosen, skill=name),
            "bank_key": chosen.key,
        }
    )


# The routes are coroutines although they only read the state: LangGraph runs a plain function in the default
# thread pool, where under load it queued behind the answers being graded (three thread hops a turn).


def _build() -> object:
    builder = StateGraph(TurnState, context_schema=TurnContext)
    builder.add_node("plan", plan)
    builder.add_node("ask", ask)
    builder.add_node("evaluate", evaluate)
    builder.add_node("follow_up", follow_up)
    builder.add_node("finish", finish)
    builder.add_conditional_edges(START, route_start)
    builder.add_conditional_edges("plan", route_after_plan)
    builder.add_conditional_edges("evaluate", route_after_evaluation)
    builder.add_edge("ask", END)
    builder.add_edge("follow_up", END)
    builder.add_edge("finish", END)
    return builder.compile(name="interview-turn")


graph = _build()

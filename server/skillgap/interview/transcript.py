"""An interview as a Markdown document a user can keep: the job, each question with why it was asked, the answer,
its evaluation and the follow-ups, then the verdict (readiness per topic with its evidence, what to practise first
with links). `GetInterviewTranscript` returns it.

Answers and job titles are the user's and a posting's text: they are quoted, with the characters that Markdown or
HTML would read as markup escaped, so a transcript renders as what was said and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from skillgap.interview.models import Evaluation, Feedback, Question, Session, Turn
from skillgap.interview.readiness import READINESS_LABELS

__all__ = ["filename", "transcript_markdown"]

_KIND_LABELS = {
    "technical": "technical",
    "system_design": "system design",
    "behavioral": "behavioural",
    "experience_probe": "experience",
}
_STATE_LABELS = {
    "active": "in progress",
    "finished": "finished",
    "cancelled": "cancelled",
    "expired": "expired (no answer in time)",
}
# What Markdown or inline HTML would read as markup at any place in a line.
_MARKUP = re.compile(r"([\\`*_\[\]<>|#~])")


def _text(value: str) -> str:
    """Plain text as Markdown shows it: markup characters escaped, one line."""
    return _MARKUP.sub(r"\\\1", " ".join(value.split()))


def _quoted(value: str) -> list[str]:
    """A block quote of the user's text, its lines kept, markup escaped."""
    lines = [_MARKUP.sub(r"\\\1", line.rstrip()) for line in value.strip().splitlines()] or [""]
    return [f"> {line}" if line else ">" for line in lines]


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def filename(session: Session) -> str:
    """The name to save the transcript under: interview-<date>-<job words>.md."""
    words = re.findall(r"[a-z0-9]+", session.job_title.lower())[:6]
    return "-".join(["interview", session.create_time.strftime("%Y-%m-%d"), *words]) + ".md"


def _evaluation(evaluation: Evaluation) -> list[str]:
    line = f"**Evaluation: {evaluation.score:g}/10** ({_text(evaluation.engine)})."
    lines = [f"{line} {_text(evaluation.rationale)}" if evaluation.rationale.strip() else line]
    points = [f"- Covered: {_text(point)}" for point in evaluation.points_covered]
    points += [f"- Missed: {_text(point)}" for point in evaluation.points_missed]
    return lines + ([""] + points if points else [])


def _question(question: Question, number: str) -> list[str]:
    about = question.target.skill.name if question.target.skill is not None else ""
    heading = f"Follow-up {number}" if question.follow_up else f"Question {number}"
    detail = ", ".join(x for x in (_text(about), _KIND_LABELS[question.kind], question.difficulty) if x)
    lines = [f"{'####' if question.follow_up else '###'} {heading}: {detail}", ""]
    if question.target.reason and not question.follow_up:
        lines += [f"*Why this question: {_text(question.target.reason)}.*", ""]
    lines += [f"**Q.** {_text(question.text)}", ""]
    return lines


def _turns(turns: Iterable[Turn]) -> list[str]:
    lines: list[str] = []
    number = 0
    for turn in turns:
        if not turn.question.follow_up:
            number += 1
        lines += _question(turn.question, str(number))
        lines += ["**Your answer:**", "", *_quoted(turn.answer), ""]
        lines += [*_evaluation(turn.evaluation), ""]
    return lines


def _verdict(feedback: Feedback) -> list[str]:
    lines = ["## Verdict", "", _text(feedback.verdict), ""]
    if feedback.topics:
        lines += ["| Topic | Readiness | Score | Points made |", "|---|---|---|---|"]
        for topic in feedback.topics:
            made = len(topic.points_covered)
            points = f"{made} of {made + len(topic.points_missed)}"
            label = READINESS_LABELS[topic.readiness]
            lines.append(f"| {_text(topic.topic)} | {label} | {topic.score:g}/10 | {points} |")
        lines += ["", "### Evidence", ""]
        practised = {item.topic for item in feedback.practice_first}
        for topic in feedback.topics:
            lines.append(f"- **{_text(topic.topic)}**" + ("" if topic.evidence else ": no point made yet"))
            lines += [f"  - {_text(quote)}" for quote in topic.evidence]
            if topic.points_missed and topic.topic not in practised:  # those to practise are listed below
                lines.append("  - Missed: " + "; ".join(_text(point) for point in topic.points_missed))
        lines.append("")
    if feedback.practice_first:
        lines += ["### Practise first", ""]
        for number, item in enumerate(feedback.practice_first, start=1):
            lines.append(f"{number}. **{_text(item.topic)}**: {_text(item.reason)}")
            lines += [f"   - Practise: {_text(point)}" for point in item.practise]
            lines += [
                f"   - [{_text(r.title)}]({r.url}) ({r.kind}, {_text(r.provider)}{'' if r.free else ', paid'})"
                for r in item.resources
            ]
        lines.append("")
    if feedback.what_to_say_next_time:
        lines += ["### What to say next time", "", _text(feedback.what_to_say_next_time), ""]
    return lines


def transcript_markdown(session: Session, feedback: Feedback) -> str:
    """The whole interview as Markdown (see the module docstring)."""
    job = _text(session.job_title) or "a job"
    if session.company:
        job += f" at {_text(session.company)}"
    lines = [
        f"# Mock interview: {job}",
        "",
        f"- Interview: `{session.interview_id}`, {_STATE_LABELS[session.state]}",
        f"- Started: {_when(session.create_time)}; last answer: {_when(session.update_time)}",
        f"- Questions answered: {session.answered_count} (follow-ups included) of {session.question_count} planned",
        f"- Engine: {_text(session.engine)}",
        f"- Overall: {feedback.overall_score:g}/10" + ("" if feedback.final else " so far"),
        "",
        "## Questions and answers",
        "",
    ]
    lines += _turns(session.turns) if session.turns else ["No answers yet.", ""]
    if session.state == "active" and session.current is not None:
        lines += ["### Waiting for your answer", "", f"**Q.** {_text(session.current.text)}", ""]
    lines += _verdict(feedback)
    return "\n".join(lines).rstrip() + "\n"

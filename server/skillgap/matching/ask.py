"""Answers to a job seeker's question about one job and one of their resumes, streamed.

First the question is read (`questions`: what it asks, the skills it names, its words); then the lines of the
job and the resume that speak to it are found (`ask_passages`, returned as `citations`); then an answer:

- offline (always available): the answer to what was asked (`ask_answers`): the fit and its parts, the skill
  delta (only what the resume does not show), one skill (the job's line and the resume's), the job's details
  (remote, salary, location from the posting's fields first), or what the posting says about the question's
  words, and plainly that it does not say when it does not;
- with an LLM configured (the process's `skillgap.llm.ChatModel`): the model writes the answer from those facts
  and passages only, citing them, streamed token by token; on a timeout, an error or an empty answer it falls
  back to the offline answer and says so in `engine`. A question outside what the texts can answer never
  reaches the model.

The question and both texts are untrusted. Sentences addressed to an AI are dropped from the question and the
passages, the prompt marks everything as data, and the pair's data is all the model ever sees: another user's
resume is not there to leak, whatever the question says.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skillgap.jobs.models import JobPosting
from skillgap.llm import ChatModel, Feature, LlmOutage, Messages, ModelNotUsed, as_chat_model, fallback_engine
from skillgap.llm.prompts import marker_tag, strip_markers
from skillgap.matching.ask_answers import offline_answer
from skillgap.matching.ask_passages import Found, Passage, read
from skillgap.matching.ask_prompts import INTENT_HINTS, SYSTEM, USER
from skillgap.matching.models import CoverageStatus, GapAnalysis
from skillgap.matching.questions import Question, understand
from skillgap.matching.service import JobMatcher
from skillgap.skills.models import Evidence, RequirementLevel
from skillgap.skills.taxonomy import Taxonomy
from skillgap.validation import required_text

if TYPE_CHECKING:
    import openai

log = logging.getLogger(__name__)

ASK = Feature(
    metric="ask_about_job", log=log, fallback_message="AskAboutJob: LLM answer failed (%(reason)s); answering offline"
)

MAX_QUESTION_CHARS = 1_000
OFFLINE = "offline"


@dataclass(frozen=True)
class AnswerPart:
    """One streamed piece: text to append; the last one has `done`, the citations and the engine."""

    text_delta: str
    citations: tuple[Evidence, ...] = ()
    engine: str = ""
    done: bool = False


class JobQuestions:
    def __init__(
        self,
        matcher: JobMatcher,
        taxonomy: Taxonomy,
        *,
        model: ChatModel | str | None = None,
        client: openai.AsyncOpenAI | None = None,
        timeout_seconds: float = 20.0,
        outage: LlmOutage | None = None,
    ) -> None:
        """`model`: the process's ChatModel (None: offline answers); or, for questions on their own, a model
        name on `client` (the caller closes the client)."""
        self._matcher = matcher
        self._taxonomy = taxonomy
        self._llm = as_chat_model(model, client=client, timeout_seconds=timeout_seconds, outage=outage)

    async def ask(self, user_id: str, job_id: str, resume_id: str, question: str) -> AsyncIterator[AnswerPart]:
        question = required_text(
            question,
            field="question",
            limit=MAX_QUESTION_CHARS,
            noun="question",
            what_to_send='ask something about the job, e.g. "What should I learn first?"',
        )
        analysis, resume_text = await self._matcher.gap_analysis_with_text(user_id, job_id, resume_id)
        posting = analysis.match.job.posting
        job_text = f"{posting.title}\n{posting.description}"
        asked, found = read(understand(question, self._taxonomy), analysis, job_text, resume_text, self._taxonomy)
        offline = offline_answer(asked, analysis, found, self._taxonomy)

        engine = OFFLINE
        if self._llm is not None and asked.intent != "out_of_scope":
            engine = self._llm.name
            streamed = False
            try:
                messages = _messages(asked, analysis, found)
                async for delta in self._llm.stream(messages, feature=ASK, max_tokens=300, temperature=0.2):
                    streamed = True
                    yield AnswerPart(delta)
                if not streamed:
                    raise ModelNotUsed("the model returned an empty answer")
            except Exception as exc:  # any failure: the offline answer, and say why
                reason = self._llm.fell_back(ASK, exc)
                engine = fallback_engine(OFFLINE, reason)
                if streamed:
                    yield AnswerPart("\n\n")
                for sentence in _sentences(offline):
                    yield AnswerPart(sentence)
        else:
            for sentence in _sentences(offline):
                yield AnswerPart(sentence)
        yield AnswerPart("", citations=found.citations, engine=engine, done=True)


def _messages(question: Question, analysis: GapAnalysis, found: Found) -> Messages:
    """The prompt: the pair's facts, then the numbered passages and the question as untrusted data."""
    facts = facts_text(analysis)
    details = strip_markers(job_details(analysis.match.job.posting))
    job_text = _numbered("J", found.job)
    resume_text = _numbered("R", found.resume)
    clean_question = strip_markers(question.text)
    tag = marker_tag(facts, details, job_text, resume_text, clean_question)
    return [
        {"role": "system", "content": SYSTEM.format(tag=tag)},
        {
            "role": "user",
            "content": USER.format(
                tag=tag,
                facts=facts,
                intent=INTENT_HINTS[question.intent],
                details=details,
                job_passages=job_text,
                resume_passages=resume_text,
                question=clean_question,
            ),
        },
    ]


def _numbered(prefix: str, passages: Sequence[Passage]) -> str:
    lines = [f"[{prefix}{n}] {strip_markers(p.evidence.text)}" for n, p in enumerate(passages, start=1)]
    return "\n".join(lines) or "(none: the text does not speak to the question)"


def facts_text(analysis: GapAnalysis) -> str:
    """What SkillGap computed about the pair, for the model: the score, and each skill of the job by what the
    resume shows (the skill delta apart from what is covered)."""
    match = analysis.match
    lines = [f"Match score: {match.score:.0f}/100. {analysis.summary}"]
    groups = (
        ("Skill delta (the resume does not show these)", (CoverageStatus.MISSING, CoverageStatus.PARTIAL)),
        ("In the resume, but only outside skills and experience", (CoverageStatus.UNLISTED,)),
        ("Covered (not part of the skill delta)", (CoverageStatus.COVERED,)),
    )
    for title, statuses in groups:
        items = [i for i in analysis.items if i.assessment.status in statuses][:10]
        if items:
            lines.append(f"{title}:")
        for item in items:
            a = item.assessment
            level = "required" if a.level is RequirementLevel.REQUIRED else "nice to have"
            lines.append(f"- {a.skill.name} ({level}, {a.status.value}). {item.summary}")
    return "\n".join(lines)


def job_details(posting: JobPosting) -> str:
    """The posting's own fields (scraped, so untrusted): where, how and for what pay."""
    salary = posting.salary
    pay = "not stated"
    if salary is not None and (salary.min_amount is not None or salary.max_amount is not None):
        low = f"{salary.min_amount:,.0f}" if salary.min_amount is not None else "?"
        high = f"{salary.max_amount:,.0f}" if salary.max_amount is not None else "?"
        pay = f"{low} to {high} {salary.currency or ''} per {salary.interval}".replace("  ", " ")
    return (
        f"Job: {posting.title}" + (f" at {posting.company}" if posting.company else "") + ". "
        f"Workplace: {posting.workplace_type.replace('_', ' ')}. "
        f"Locations: {'; '.join(posting.locations) or 'not stated'}. "
        f"Employment: {posting.employment_type.replace('_', ' ')}. Salary: {pay}."
    )


def _sentences(text: str) -> list[str]:
    """The answer in sentence-sized pieces, so the offline answer streams like a generated one."""
    pieces = re.split(r"(?<=[.!?:])\s+", text)
    return [piece + (" " if index < len(pieces) - 1 else "") for index, piece in enumerate(pieces) if piece]

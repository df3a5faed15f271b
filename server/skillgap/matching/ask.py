"""Answers to a job seeker's question about one job and one of their resumes, streamed.

Retrieval first: the gap analysis of the pair (skills, evidence, score breakdown) and the job and resume
passages that best fit the question (skills it names, its words). Then an answer:

- offline (always available): built from the gap analysis for what the question asks ("what's my skill
  delta", "am I senior enough", "what should I learn first", a question about one skill, "why this score");
- with an LLM configured (the process's `skillgap.llm.ChatModel`): the model writes the answer from those facts
  and passages, streamed token by token; on a timeout, an error or an empty answer it falls back to the offline
  answer and says so in `engine`.

The question and both texts are untrusted. Sentences addressed to an AI are dropped from the passages, the
prompt marks everything as data, and the pair's data is all the model ever sees: another user's resume is
not there to leak, whatever the question says.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from skillgap.llm import ChatModel, Feature, LlmOutage, Messages, ModelNotUsed, as_chat_model, fallback_engine
from skillgap.llm.prompts import marker_tag, strip_markers
from skillgap.matching.ask_prompts import SYSTEM, USER
from skillgap.matching.models import CoverageStatus, GapAnalysis, GapItem
from skillgap.matching.service import JobMatcher
from skillgap.skills.injection import instruction_spans
from skillgap.skills.models import Evidence, RequirementLevel
from skillgap.skills.sections import split_sentences
from skillgap.skills.taxonomy import SkillEntry, Taxonomy
from skillgap.validation import required_text

if TYPE_CHECKING:
    import openai

log = logging.getLogger(__name__)

ASK = Feature(
    metric="ask_about_job", log=log, fallback_message="AskAboutJob: LLM answer failed (%(reason)s); answering offline"
)

MAX_QUESTION_CHARS = 1_000
JOB_PASSAGES = 4
RESUME_PASSAGES = 3
OFFLINE = "offline"

Intent = Literal["skill", "seniority", "learn_first", "score", "delta"]

_INTENT_WORDS: tuple[tuple[Intent, re.Pattern[str]], ...] = (
    ("seniority", re.compile(r"\b(senior|seniority|junior|level|years?|experienced? enough|qualified)\b", re.I)),
    ("learn_first", re.compile(r"\b(learn|study|first|start|focus|prepare|improve|priorit\w*|next)\b", re.I)),
    ("score", re.compile(r"\b(score|why|rank\w*|percent\w*|match(ed|ing)?)\b", re.I)),
)
_WORD = re.compile(r"[a-z0-9+#.]{3,}", re.I)
_STOPWORDS = frozenset(
    "the and for with what which this that have has are was were you your yours job role about does did how "
    "much many should would could can there their they them from into than then when where who whom why".split()
)


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
        job = analysis.match.job
        job_text = f"{job.posting.title}\n{job.posting.description}"
        words, skill_ids = self._terms(question, analysis)
        job_passages = passages(job_text, words, skill_ids, self._taxonomy, JOB_PASSAGES, section="job")
        resume_passages = passages(resume_text, words, skill_ids, self._taxonomy, RESUME_PASSAGES, section="resume")
        citations = (*job_passages, *resume_passages)
        offline = offline_answer(analysis, question, self._taxonomy)

        engine = OFFLINE
        if self._llm is not None:
            engine = self._llm.name
            streamed = False
            try:
                messages = _messages(analysis, question, job_passages, resume_passages)
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
        yield AnswerPart("", citations=citations, engine=engine, done=True)

    def _terms(self, question: str, analysis: GapAnalysis) -> tuple[set[str], set[str]]:
        """What the passages should be about: the question's words and skills, and the skills its kind of
        question is about (the top gaps for "what do I lack", one skill for a question about it)."""
        words = {w.lower() for w in _WORD.findall(question)} - _STOPWORDS
        skill_ids = {m.skill_id for m in self._taxonomy.find_mentions(question)}
        intent, item = intent_of(question, analysis, self._taxonomy)
        if intent in ("delta", "learn_first", "score"):
            # Items come gaps first, by priority: the first ones are what such a question is about.
            skill_ids |= {i.assessment.skill.skill_id for i in analysis.items[:5] if i.assessment.skill.skill_id}
        elif intent == "skill" and item is not None:
            skill_ids.add(item.assessment.skill.skill_id)
        elif intent == "seniority":
            words |= {"years", "senior", "experience", "lead"}
        return words, skill_ids


def _messages(analysis: GapAnalysis, question: str, job: Sequence[Evidence], resume: Sequence[Evidence]) -> Messages:
    """The prompt: the pair's facts, then the passages and the question as untrusted data."""
    facts = facts_text(analysis)
    job_text = "\n".join(f"- {strip_markers(p.text)}" for p in job) or "- (none relevant)"
    resume_text = "\n".join(f"- {strip_markers(p.text)}" for p in resume) or "- (none relevant)"
    clean_question = strip_markers(question)
    tag = marker_tag(facts, job_text, resume_text, clean_question)
    return [
        {"role": "system", "content": SYSTEM.format(tag=tag)},
        {
            "role": "user",
            "content": USER.format(
                tag=tag, facts=facts, job_passages=job_text, resume_passages=resume_text, question=clean_question
            ),
        },
    ]


def passages(
    text: str, words: set[str], skill_ids: set[str], taxonomy: Taxonomy, limit: int, *, section: str
) -> tuple[Evidence, ...]:
    """The sentences of `text` that share the most with the question (a skill counts twice a word; ties:
    earlier first), without the sentences addressed to an AI."""
    injected = instruction_spans(text)
    scored = []
    for start, end in split_sentences(text):
        if any(s <= start and end <= e for s, e in injected):
            continue
        sentence = text[start:end].strip()
        if len(sentence) < 3:
            continue
        sentence_words = {w.lower() for w in _WORD.findall(sentence)}
        sentence_skills = {m.skill_id for m in taxonomy.find_mentions(sentence)}
        hits = len(sentence_words & words) + 2 * len(sentence_skills & skill_ids)
        if hits:
            scored.append((-hits, start, Evidence(text=sentence, start=start, end=end, section=section)))
    scored.sort(key=lambda item: (item[0], item[1]))
    return tuple(evidence for _, _, evidence in scored[:limit])


def intent_of(question: str, analysis: GapAnalysis, taxonomy: Taxonomy) -> tuple[Intent, GapItem | None]:
    asked = [m.skill_id for m in taxonomy.find_mentions(question)]
    for item in analysis.items:
        if item.assessment.skill.skill_id in asked:
            return "skill", item
    if asked:
        return "skill", None
    for intent, pattern in _INTENT_WORDS:
        if pattern.search(question):
            return intent, None
    return "delta", None


def offline_answer(analysis: GapAnalysis, question: str, taxonomy: Taxonomy) -> str:
    intent, item = intent_of(question, analysis, taxonomy)
    match = analysis.match
    gaps = [i for i in analysis.items if i.priority > 0]
    if intent == "skill":
        if item is None:
            names = ", ".join(m.name for m in _mentioned(question, taxonomy))
            return f"This job does not ask for {names}. {analysis.summary}"
        parts = [item.summary]
        parts += [f"{action}." for action in item.actions[:2]]
        if item.resources:
            parts.append("Start with: " + "; ".join(f"{r.title} ({r.url})" for r in item.resources[:2]) + ".")
        return " ".join(parts)
    if intent == "seniority":
        fit = match.breakdown.seniority_fit
        job_skills = match.job.skills
        reason = job_skills.seniority.reason if job_skills is not None else ""
        parts = [f"Seniority fit {fit.value:.0%}: {fit.explanation}." if fit.weight > 0 else f"{fit.explanation}."]
        if reason:
            parts.append(f"The posting reads as {job_skills.seniority.level.value if job_skills else ''}: {reason}.")
        short = [i for i in gaps if i.assessment.years_asked is not None]
        parts += [i.summary for i in short[:2]]
        return " ".join(parts)
    if intent == "learn_first":
        learnable = [i for i in gaps if i.assessment.status is not CoverageStatus.UNLISTED][:3]
        if not learnable:
            return "Nothing to learn for this job: your resume shows every skill it asks for. " + analysis.summary
        lines = ["Learn in this order:"]
        for rank, gap in enumerate(learnable, start=1):
            level = "required" if gap.assessment.level is RequirementLevel.REQUIRED else "nice to have"
            first = f" {gap.actions[0]}." if gap.actions else ""
            link = f" Start with {gap.resources[0].title} ({gap.resources[0].url})." if gap.resources else ""
            lines.append(f"{rank}. {gap.assessment.skill.name} ({level}).{first}{link}")
        return " ".join(lines)
    if intent == "score":
        b = match.breakdown
        parts = [f"Your match score is {match.score:.0f}/100."]
        for label, part in (
            ("Meaning", b.semantic_similarity),
            ("Required skills", b.required_coverage),
            ("Nice-to-have skills", b.nice_to_have_coverage),
            ("Seniority", b.seniority_fit),
        ):
            parts.append(f"{label}: {part.points:.0f} points ({part.explanation}).")  # fmt: skip
        return " ".join(parts)
    missing = [i.assessment.skill.name for i in gaps if i.assessment.status is not CoverageStatus.UNLISTED]
    delta = f"Your skill delta for this job: {', '.join(missing)}." if missing else "No skill delta for this job."
    return f"{delta} {analysis.summary}"


def facts_text(analysis: GapAnalysis) -> str:
    match = analysis.match
    lines = [f"Match score: {match.score:.0f}/100. {analysis.summary}"]
    for item in analysis.items[:15]:
        a = item.assessment
        level = "required" if a.level is RequirementLevel.REQUIRED else "nice to have"
        lines.append(f"- {a.skill.name} ({level}): {a.status.value}. {item.summary}")
    return "\n".join(lines)


def _mentioned(question: str, taxonomy: Taxonomy) -> list[SkillEntry]:
    found: list[SkillEntry] = []
    for mention in taxonomy.find_mentions(question):
        entry = taxonomy.get(mention.skill_id)
        if entry is not None and entry not in found:
            found.append(entry)
    return found


def _sentences(text: str) -> list[str]:
    """The answer in sentence-sized pieces, so the offline answer streams like a generated one."""
    pieces = re.split(r"(?<=[.!?:])\s+", text)
    return [piece + (" " if index < len(pieces) - 1 else "") for index, piece in enumerate(pieces) if piece]

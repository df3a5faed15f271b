"""The lines of the job and the resume that speak to a question, for the answer to quote and to return as its
citations.

A line speaks to a question when it names a skill the question is about, or uses the question's words (their
stems and synonyms: "streaming" finds "stream" and "streams"). A line that uses all of the question's words
(or names the skill asked about) answers it (`full`); one that uses only some is only close ("video codecs" for
"video streaming"), and the answer says so rather than passing it off as an answer. Which skills and words a
question is about depends on its intent: the gaps for "what am I missing", the job's responsibilities for "what
does the team do", the workplace words for "is it remote". Sentences addressed to an AI are never a passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Final

from skillgap.matching.models import CoverageStatus, GapAnalysis
from skillgap.matching.questions import Concept, Intent, Question, concepts_of, word_stems
from skillgap.skills.injection import instruction_spans
from skillgap.skills.models import Evidence, SkillCategory
from skillgap.skills.sections import SectionKind, split_sections
from skillgap.skills.taxonomy import Taxonomy

__all__ = ["Found", "Passage", "read", "retrieve"]

JOB_PASSAGES: Final = 4
RESUME_PASSAGES: Final = 3

# What a question of each intent about the job's details is about, besides its own words.
_INTENT_WORDS: Final[dict[Intent, str]] = {
    "workplace": "remote hybrid onsite on-site office home wfh anywhere distributed",
    "salary": "salary pay compensation wage bonus equity range",
    "location": "location located based relocation office city country timezone",
    "employment": "full-time part-time contract permanent freelance temporary internship",
    "seniority": "years senior junior lead level",
}
_MONEY: Final = re.compile(r"[$€£]\s?\d|\b\d{2,3}(?:[,.]\d{3})+\b|\b\d{2,3}\s?k\b", re.IGNORECASE)
_ADDRESSED_TO_CANDIDATE: Final = re.compile(r"\byou(?:'ll| will| would| are going to)\b|\byour (?:role|work)\b", re.I)
_ABOUT_US: Final = re.compile(r"\b(?:we|we're|we are|our)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Passage:
    """A line of the job or the resume, and how well it answers the question."""

    evidence: Evidence
    full: bool  # it uses every word of the question (or names the skill asked about)
    words: tuple[str, ...] = ()  # the question's words it uses, as asked

    @property
    def quote(self) -> str:
        text = " ".join(self.evidence.text.split()).lstrip("-*•▪● ")
        return f'"{text if len(text) <= 220 else text[:217].rstrip() + "..."}"'


@dataclass(frozen=True)
class Found:
    """The passages for one question: the job's first, the resume's after, best first."""

    job: tuple[Passage, ...]
    resume: tuple[Passage, ...]

    @property
    def citations(self) -> tuple[Evidence, ...]:
        return tuple(p.evidence for p in (*self.job, *self.resume))

    def for_skill(self, skill_id: str, taxonomy: Taxonomy, *, section: str) -> Passage | None:
        """The first passage of `section` that names the skill."""
        for passage in self.job if section == "job" else self.resume:
            if any(m.skill_id == skill_id for m in taxonomy.find_mentions(passage.evidence.text)):
                return passage
        return None


@dataclass(frozen=True)
class _Line:
    evidence: Evidence
    kind: SectionKind
    title: bool  # the job's title: a skill named there is better quoted from the lines that ask for it
    stems: frozenset[str]
    skills: frozenset[str]


def read(
    question: Question, analysis: GapAnalysis, job_text: str, resume_text: str, taxonomy: Taxonomy
) -> tuple[Question, Found]:
    """The question as the texts answer it, and its passages. A question read as out of scope that the posting
    speaks to after all (every word of it: "does it involve weather data" for a forecasting job) is a question
    about the posting's content."""
    if question.intent == "out_of_scope" and question.concepts:
        content = replace(question, intent="content")
        found = retrieve(content, analysis, job_text, resume_text, taxonomy)
        if any(p.full for p in found.job):
            return content, found
    return question, retrieve(question, analysis, job_text, resume_text, taxonomy)


def retrieve(question: Question, analysis: GapAnalysis, job_text: str, resume_text: str, taxonomy: Taxonomy) -> Found:
    job = _lines(job_text, "job", taxonomy)
    resume = _lines(resume_text, "resume", taxonomy)
    intent = question.intent
    if intent == "out_of_scope":
        return Found((), ())
    if intent in ("skill", "fit", "gaps", "learn_first", "interview", "stack"):
        skills = _skills_about(question, analysis)
        # The resume lines that show a skill the question is about; for the gaps, what the candidate has
        # instead (Python for Django), or where an unlisted skill is hidden.
        resume_skills = set(skills) | {
            i.assessment.related.skill_id
            for i in analysis.items
            if i.assessment.related is not None and i.assessment.skill.skill_id in skills
        }
        # A skill asked about that the job does not name may still be in its words ("we stream video").
        concepts = question.concepts if intent == "skill" else ()
        return Found(
            job=_by_skills(job, skills, concepts, JOB_PASSAGES),
            resume=_by_skills(resume, resume_skills, concepts, RESUME_PASSAGES) if intent != "stack" else (),
        )
    if intent == "duties":
        return Found(_by_kind(job, (SectionKind.RESPONSIBILITIES,), _ADDRESSED_TO_CANDIDATE), ())
    if intent == "company":
        company = question.concepts + concepts_of(analysis.match.job.posting.company)
        found = _by_kind(job, (SectionKind.ABOUT,), _ABOUT_US)
        return Found(found or _by_words(job, company, JOB_PASSAGES, question.concepts), ())
    extra = concepts_of(_INTENT_WORDS.get(intent, ""))
    concepts = question.concepts + extra
    limit = 2 if intent in ("workplace", "salary", "location", "employment") else JOB_PASSAGES
    job_found = _by_words(job, concepts, limit, question.concepts, money=intent == "salary")
    if intent == "content" and any(p.full for p in job_found):
        job_found = tuple(p for p in job_found if p.full)  # lines that answer it; the near misses only without
    resume_found: tuple[Passage, ...] = ()
    if intent == "seniority" or (intent == "content" and question.first_person):
        resume_found = _by_words(resume, concepts, RESUME_PASSAGES, question.concepts)
    return Found(job_found, resume_found)


def _skills_about(question: Question, analysis: GapAnalysis) -> list[str]:
    """The skills a question of its intent is about, most relevant first."""
    items = analysis.items
    if question.intent == "skill":
        return list(question.skill_ids)
    if question.intent in ("gaps", "learn_first"):
        wanted = (CoverageStatus.MISSING, CoverageStatus.PARTIAL, CoverageStatus.UNLISTED)
        return [i.assessment.skill.skill_id for i in items if i.assessment.status in wanted][:5]
    if question.intent == "stack":
        soft = SkillCategory.SOFT_SKILL
        return [i.assessment.skill.skill_id for i in items if i.assessment.skill.category is not soft]
    # Fit and interview: the gaps first (items come by priority), then what the candidate shows.
    return [i.assessment.skill.skill_id for i in items][:6]


def _lines(text: str, section: str, taxonomy: Taxonomy) -> list[_Line]:
    injected = instruction_spans(text)
    title_end = text.find("\n") if section == "job" else 0
    lines = []
    for part in split_sections(text):
        for sentence in part.sentences:
            if any(s <= sentence.start and sentence.end <= e for s, e in injected) or len(sentence.text) < 3:
                continue
            lines.append(
                _Line(
                    evidence=Evidence(text=sentence.text, start=sentence.start, end=sentence.end, section=section),
                    kind=sentence.kind,
                    title=section == "job" and sentence.start < title_end,
                    stems=frozenset(word_stems(sentence.text)),
                    skills=frozenset(m.skill_id for m in taxonomy.find_mentions(sentence.text)),
                )
            )
    return lines


def _by_skills(
    lines: Sequence[_Line], skills: Iterable[str], concepts: Sequence[Concept], limit: int
) -> tuple[Passage, ...]:
    """Lines naming the skills (the first skills weigh most); failing that, lines using all the words."""
    order = {skill: rank for rank, skill in enumerate(dict.fromkeys(s for s in skills if s))}
    scored = []
    for index, line in enumerate(lines):
        named = [order[s] for s in line.skills if s in order]
        if named:
            scored.append(((line.title, -len(named), min(named), index), Passage(line.evidence, full=True)))
        elif concepts and all(c.in_words(set(line.stems)) for c in concepts):
            words = tuple(c.word for c in concepts)
            scored.append(((line.title, 0, len(order), index), Passage(line.evidence, True, words)))
    scored.sort(key=lambda item: item[0])
    return tuple(passage for _, passage in scored[:limit])


def _by_words(
    lines: Sequence[_Line], concepts: Sequence[Concept], limit: int, asked: Sequence[Concept], *, money: bool = False
) -> tuple[Passage, ...]:
    """Lines using the words, most words first; `full` when a line uses every word `asked`."""
    scored = []
    for index, line in enumerate(lines):
        stems = set(line.stems)
        used = [c for c in concepts if c.in_words(stems)]
        hits = len(used) + (1 if money and _MONEY.search(line.evidence.text) else 0)
        if not hits:
            continue
        words = tuple(dict.fromkeys(c.word for c in used if c in asked))
        full = bool(asked) and all(c.in_words(stems) for c in asked)
        scored.append(((not full, -hits, index), Passage(line.evidence, full, words)))
    scored.sort(key=lambda item: item[0])
    return tuple(passage for _, passage in scored[:limit])


def _by_kind(lines: Sequence[_Line], kinds: Sequence[SectionKind], cue: re.Pattern[str]) -> tuple[Passage, ...]:
    """The lines of those sections; without such sections, the lines with the cue."""
    found = [line for line in lines if line.kind in kinds] or [line for line in lines if cue.search(line.evidence.text)]
    return tuple(Passage(line.evidence, full=True) for line in found[:JOB_PASSAGES])

"""Skill extraction engines' interface, and engine 1, the default: taxonomy-based, deterministic,
offline, CPU-only and fast (no model, no network).

Job postings (`TaxonomyExtractor.extract_job_sync`)
    * Skills are the taxonomy's mentions in the description (`Taxonomy.find_mentions`) and the title.
      Each mention gets the requirement level of its sentence (`skillgap.skills.sections`): section
      defaults overridden by cue phrases. A skill found both required and nice to have is required,
      with one refinement: a requirement that is only implied (the responsibilities or unsectioned
      text mention it: "you'll work on our Terraform modules") loses to an explicit nice-to-have (a
      nice-to-have section or "Terraform is a plus"). Ranks: explicit required (title, requirements
      section, "must have") > explicit nice to have > implied required.
    * Skills only mentioned in benefits or about-the-company sections are ignored ("we use Slack",
      "AWS certification budget"): they are not asked of the candidate.
    * The title counts as required evidence ("Senior Python Engineer" → python required); its
      evidence has section "title" and offsets into the title (everything else: into the description).
    * Evidence: the sentences that mention the skill (the decisive level's first, at most 3), with
      offsets into the original description and the section kind ("requirements", "nice_to_have",
      "responsibilities", "other").
    * Years per skill: from statements tied to it in a sentence of the same level
      ("5+ years of Python" → 5; see `skillgap.skills.experience`), the largest if several.
    * Minimum years of the job: the largest years statement the posting requires (general ones like
      "5+ years of experience" and skill ones like "5+ years of Python", which imply as much
      experience overall); statements in nice-to-have context ("3+ years of Rust is a plus"),
      benefits or about sections do not count. None when none is stated.
    * Order: required and nice-to-have skills by title first, then explicit before implied, then
      number of mentions, then first mention. Tech stack: all the job's skills grouped by taxonomy
      category in the category enum's order, required before nice to have within a category.
    * Taxonomy implications (django → python) are not applied: extraction reports what the text
      says; inference is for matching.

Resumes (`TaxonomyExtractor.extract_resume_sync`)
    Every mention → one skill with up to 3 evidence sentences (the sentence of the line, section =
    the resume section: "experience", "skills", ...), level unspecified, years from the dated
    entries whose text names the skill directly (`ResumeExperience.skill_years`), None when no dated
    entry names it. Experience: the dated entries (`skillgap.skills.experience`), newest first, each with
    the taxonomy skills its block names; education and certifications: `skillgap.skills.education`.
    Total years: the union of the dated entries (overlaps once, `years_source` entries); without dated
    entries, the largest years statement of the resume ("8+ years of experience") if any, marked as a
    summary claim. Recent titles: the entries' titles, newest first. Order: years, then number of
    mentions, then first mention.

The async methods of `SkillExtractor` call the sync ones directly, not in a thread: a realistic
500-word posting takes under 2 ms on one core, a two-page resume well under 1 ms, about what a thread
hop costs. Only texts longer than `INLINE_MAX_CHARS` (uploads may hold up to 200,000 characters, tens
of ms of work) go to a worker thread so they do not hold up the event loop.
"""

from __future__ import annotations

import asyncio
import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from skillgap.skills.education import parse_certifications, parse_education
from skillgap.skills.experience import (
    Located,
    ResumeExperience,
    YearsStatement,
    attach_years,
    find_years,
    parse_experience,
    resume_lines,
)
from skillgap.skills.injection import instruction_spans, outside_instructions
from skillgap.skills.models import (
    Evidence,
    ExperienceItem,
    ExtractedSkill,
    JobSkills,
    MonthDate,
    RequirementLevel,
    ResumeProfile,
    SkillKind,
    YearsSource,
)
from skillgap.skills.occupations import OccupationFinder, experience_occupations, job_zone, title_occupation
from skillgap.skills.sections import Sentence, sentence_spans, sentences_of, skip_bullet, split_sections
from skillgap.skills.seniority import job_seniority, posting_years, resume_seniority
from skillgap.skills.stack import tech_stack
from skillgap.skills.stuffing import inside, stuffed_spans

if TYPE_CHECKING:
    from skillgap.skills.taxonomy import Taxonomy

MAX_EVIDENCE = 3
INLINE_MAX_CHARS = 20_000
TITLE_SECTION = "title"


class SkillExtractor(Protocol):
    """An extraction engine: the taxonomy engine here, the LLM engine in `skillgap.skills.llm`."""

    @property
    def name(self) -> str: ...

    async def extract_job(self, *, title: str, description: str) -> JobSkills: ...

    async def extract_resume(self, text: str) -> ResumeProfile: ...


@dataclass
class _Found:
    """What the text says about one skill, while reading it."""

    skill_id: str
    first: int
    in_title: bool = False
    count: int = 0
    rank: int = 0
    # (rank, evidence) in text order; title evidence first
    evidence: list[tuple[int, Evidence]] = field(default_factory=list)
    years: dict[RequirementLevel, float] = field(default_factory=dict)
    # (start, section) of the evidence kept: a skill named thousands of times stays linear.
    _seen: set[tuple[int, str]] = field(default_factory=set)

    @property
    def level(self) -> RequirementLevel:
        return _RANKED[self.rank]

    def add(self, level: RequirementLevel, explicit: bool, evidence: Evidence) -> None:
        rank = _rank(level, explicit)
        self.count += 1
        self.rank = max(self.rank, rank)
        key = (evidence.start, evidence.section)
        if key not in self._seen:
            self._seen.add(key)
            self.evidence.append((rank, evidence))

    def add_years(self, level: RequirementLevel, years: float) -> None:
        self.years[level] = max(years, self.years.get(level, 0.0))

    def chosen_evidence(self) -> tuple[Evidence, ...]:
        """The most decisive evidence first (stable: text order within a rank), at most MAX_EVIDENCE."""
        ranked = sorted(self.evidence, key=lambda item: -item[0])
        return tuple(evidence for _, evidence in ranked[:MAX_EVIDENCE])


# How decisive a mention is: an explicit requirement (title, requirements section, "must have") beats an
# explicit nice-to-have (nice-to-have section, "is a plus"), which beats a requirement only implied by
# the responsibilities or by text outside any section ("you will build Go services").
_RANKED = {
    0: RequirementLevel.NICE_TO_HAVE,
    1: RequirementLevel.REQUIRED,
    2: RequirementLevel.NICE_TO_HAVE,
    3: RequirementLevel.REQUIRED,
}


def _rank(level: RequirementLevel, explicit: bool) -> int:
    if level is RequirementLevel.REQUIRED:
        return 3 if explicit else 1
    return 2 if explicit else 0


def _by_sentence(sentences: Sequence[Sentence], items: Iterable[Located | YearsStatement]) -> dict[int, list[int]]:
    """Index of the sentence that contains each item (by position in `items`); items outside any dropped."""
    starts = [sentence.start for sentence in sentences]
    grouped: dict[int, list[int]] = {}
    for position, item in enumerate(items):
        index = bisect.bisect_right(starts, item.start) - 1
        if index >= 0 and item.end <= sentences[index].end:
            grouped.setdefault(index, []).append(position)
    return grouped


class TaxonomyExtractor:
    """Engine 1: the taxonomy's mentions, sections and cue phrases, dated experience (module doc)."""

    name = "taxonomy"

    def __init__(self, taxonomy: Taxonomy, occupations: OccupationFinder | None = None) -> None:
        self._taxonomy = taxonomy
        # Titles to occupations: the job's and the resume's, and the job zone seniority takes as a prior.
        self._occupations = occupations

    @property
    def taxonomy(self) -> Taxonomy:
        return self._taxonomy

    # -- async interface (SkillExtractor) ----------------------------------------------------

    async def extract_job(self, *, title: str, description: str) -> JobSkills:
        if len(description) > INLINE_MAX_CHARS:
            return await asyncio.to_thread(self.extract_job_sync, title=title, description=description)
        return self.extract_job_sync(title=title, description=description)

    async def extract_resume(self, text: str, *, today: date | None = None) -> ResumeProfile:
        if len(text) > INLINE_MAX_CHARS:
            return await asyncio.to_thread(self.extract_resume_sync, text, today=today)
        return self.extract_resume_sync(text, today=today)

    # -- jobs ----------------------------------------------------------------------------------

    def extract_job_sync(self, *, title: str, description: str) -> JobSkills:
        found: dict[str, _Found] = {}
        _read_title(self._taxonomy, title.strip(), found)
        # The years the posting asks, read once: the statements' minimum, checked against the description so a
        # company's own "over 35 years" or a preferred figure is not what the job asks (`posting_years`); the
        # job shows it and its seniority rests on it.
        stated, statements = _read_description(self._taxonomy, description, found)
        min_years = posting_years(stated, description, statements)
        required_skills, nice_skills = _ranked_job_skills(self._taxonomy, found)
        occupation = self._occupations.match(title) if self._occupations is not None and title.strip() else None
        return JobSkills(
            required_skills=required_skills,
            nice_to_have_skills=nice_skills,
            seniority=job_seniority(
                title,
                min_years=min_years,
                description=description,
                job_zone=job_zone(occupation),
                years_checked=True,
            ),
            tech_stack=tech_stack(required_skills + nice_skills),
            min_years_experience=min_years,
            extractor=self.name,
            occupation=occupation,
        )

    # -- resumes -------------------------------------------------------------------------------

    def extract_resume_sync(self, text: str, *, today: date | None = None) -> ResumeProfile:
        today = today if today is not None else date.today()
        taxonomy = self._taxonomy
        lines = resume_lines(text)
        experience = parse_experience(text, today=today, lines=lines)
        injected = instruction_spans(text)
        mentions = [m for m in taxonomy.find_mentions(text) if outside_instructions(injected, m.start, m.end)]
        years = experience.skill_years(mentions)
        line_starts = [line.start for line in lines]
        # Each line is cut into sentences once: a long line with many mentions cost one cut per mention
        # (quadratic: 200,000 characters on one line took minutes).
        line_sentences: dict[int, list[tuple[int, int]]] = {}

        found: dict[str, _Found] = {}
        for mention in mentions:
            entry = found.get(mention.skill_id)
            if entry is None:
                entry = found[mention.skill_id] = _Found(mention.skill_id, first=mention.start)
            index = bisect.bisect_right(line_starts, mention.start) - 1
            if index < 0 or mention.end > lines[index].end:
                continue
            if len(entry.evidence) >= MAX_EVIDENCE:
                # Only the first MAX_EVIDENCE lines are shown: the rest only count (a skill named on 28,000
                # lines built 28,000 evidence objects).
                entry.count += 1
                continue
            line = lines[index]
            start, end = line.start, line.end
            sentences = line_sentences.get(index)
            if sentences is None:
                sentences = line_sentences[index] = sentence_spans(
                    text, skip_bullet(text, line.start, line.end), line.end
                )
            # The last sentence starting at or before the mention is the only one that can hold it.
            position = bisect.bisect_right(sentences, (mention.start, len(text) + 1)) - 1
            if position >= 0 and mention.end <= sentences[position][1]:
                start, end = sentences[position]
            section = line.section.value if line.section is not None else ""
            entry.add(
                RequirementLevel.UNSPECIFIED,
                False,
                Evidence(text=text[start:end], start=start, end=end, section=section),
            )

        ranked: list[tuple[tuple[float, int, int], ExtractedSkill]] = []
        for entry in found.values():
            taxonomy_entry = taxonomy.get(entry.skill_id)
            if taxonomy_entry is None:
                continue
            skill_years = years.get(entry.skill_id)
            extracted = ExtractedSkill(
                skill=taxonomy_entry.to_skill(),
                level=RequirementLevel.UNSPECIFIED,
                evidence=tuple(evidence for _, evidence in entry.evidence[:MAX_EVIDENCE]),
                years=skill_years,
            )
            ranked.append(((-(skill_years or 0.0), -entry.count, entry.first), extracted))
        ranked.sort(key=lambda item: item[0])
        skills = tuple(extracted for _, extracted in ranked)

        total = experience.total_years
        source = YearsSource.ENTRIES if total is not None else YearsSource.UNKNOWN
        if total is None:
            total = _stated_total_years(text)
            source = YearsSource.SUMMARY if total is not None else YearsSource.UNKNOWN
        titles = experience.recent_titles
        items, by_title = experience_occupations(self._occupations, _experience_items(experience, mentions))
        occupation = title_occupation(self._occupations, titles, by_title)
        return ResumeProfile(
            skills=skills,
            total_years_experience=total,
            recent_titles=titles,
            seniority=resume_seniority(titles, total, job_zone=job_zone(occupation)),
            tech_stack=tech_stack(skills),
            extractor=self.name,
            occupation=occupation,
            experience=items,
            education=parse_education(text, lines),
            certifications=parse_certifications(text, lines, self._certified_skill),
            years_source=source,
        )

    def _certified_skill(self, name: str) -> str:
        """The taxonomy skill a certification's name names ("AWS Certified ..." → the AWS certification, else
        aws), or "": a certification the taxonomy knows as one first, else the first skill named."""
        skill_ids = [mention.skill_id for mention in self._taxonomy.find_mentions(name)]
        for skill_id in skill_ids:
            entry = self._taxonomy.get(skill_id)
            if entry is not None and entry.kind is SkillKind.CERTIFICATION:
                return skill_id
        return skill_ids[0] if skill_ids else ""


# -- the phases of a job's extraction ---------------------------------------------------------


def _read_title(taxonomy: Taxonomy, title: str, found: dict[str, _Found]) -> None:
    """Phase 1: the title's skills are explicit requirements, with the title as their evidence."""
    for mention in taxonomy.find_mentions(title):
        entry = found.get(mention.skill_id)
        if entry is None:
            entry = found[mention.skill_id] = _Found(mention.skill_id, first=-1, in_title=True)
        entry.add(
            RequirementLevel.REQUIRED,
            True,
            Evidence(text=title, start=0, end=len(title), section=TITLE_SECTION),
        )


def _read_description(
    taxonomy: Taxonomy, description: str, found: dict[str, _Found]
) -> tuple[float | None, list[YearsStatement]]:
    """Phase 2: each sentence's years statements and skill mentions, at the sentence's level; returns the
    job's minimum years (the largest required statement, None when none is stated) and the description's years
    statements (`posting_years` reads them again otherwise)."""
    sentences = sentences_of(split_sections(description))
    injected = instruction_spans(description)
    mentions = [m for m in taxonomy.find_mentions(description) if outside_instructions(injected, m.start, m.end)]
    # Keyword-stuffed blocks (SEO lists, "Related searches: ...") are not requirements (skills.stuffing).
    stuffed = stuffed_spans(description, [(m.start, m.end) for m in mentions])
    mentions = [m for m in mentions if not inside(stuffed, m.start, m.end)]
    statements = find_years(description)
    mentions_in = _by_sentence(sentences, mentions)
    statements_in = _by_sentence(sentences, statements)

    min_years: float | None = None
    for index in sorted(mentions_in.keys() | statements_in.keys()):
        sentence = sentences[index]
        here = [mentions[position] for position in mentions_in.get(index, ())]
        for position in statements_in.get(index, ()):
            statement = statements[position]
            if _read_years(description, sentence, statement, here, found) and (
                min_years is None or statement.years > min_years
            ):
                min_years = statement.years
        if here:
            _read_mentions(sentence, here, found)
    return min_years, statements


def _read_years(
    description: str, sentence: Sentence, statement: YearsStatement, here: Sequence[Located], found: dict[str, _Found]
) -> bool:
    """Give a years statement to the skills of the sentence it is about; True when the job requires it."""
    level = sentence.level_for(statement.start, statement.end)
    skill_ids = attach_years(description, statement, here)
    if skill_ids:  # the statement is as required as the skills it is about
        levels = [sentence.level_for(*_span_of(here, skill_id)) for skill_id in skill_ids]
        level = RequirementLevel.REQUIRED if RequirementLevel.REQUIRED in levels else None
        for skill_id, skill_level in zip(skill_ids, levels, strict=True):
            if skill_level is not None:
                entry = found.setdefault(skill_id, _Found(skill_id, first=statement.end))
                entry.add_years(skill_level, statement.years)
    return level is RequirementLevel.REQUIRED


def _read_mentions(sentence: Sentence, here: Sequence[Located], found: dict[str, _Found]) -> None:
    """The sentence is evidence of each skill it mentions, at the level it gives that mention."""
    evidence = Evidence(text=sentence.text, start=sentence.start, end=sentence.end, section=sentence.kind.value)
    for mention in here:
        assessed = sentence.assess(mention.start, mention.end)
        if assessed is None:
            continue
        entry = found.get(mention.skill_id)
        if entry is None:
            entry = found[mention.skill_id] = _Found(mention.skill_id, first=mention.start)
        elif entry.first < 0:
            entry.first = mention.start
        entry.add(*assessed, evidence)


def _ranked_job_skills(
    taxonomy: Taxonomy, found: dict[str, _Found]
) -> tuple[tuple[ExtractedSkill, ...], tuple[ExtractedSkill, ...]]:
    """Phase 3: the required and the nice-to-have skills, each in the order of the module doc."""
    required: list[tuple[tuple[int, int, int, int], ExtractedSkill]] = []
    nice: list[tuple[tuple[int, int, int, int], ExtractedSkill]] = []
    for entry in found.values():
        if not entry.evidence:  # years tied to a skill whose mentions were all ignored
            continue
        taxonomy_entry = taxonomy.get(entry.skill_id)
        if taxonomy_entry is None:
            continue
        extracted = ExtractedSkill(
            skill=taxonomy_entry.to_skill(),
            level=entry.level,
            evidence=entry.chosen_evidence(),
            years=entry.years.get(entry.level),
        )
        key = (0 if entry.in_title else 1, -entry.rank, -entry.count, entry.first)
        (required if entry.level is RequirementLevel.REQUIRED else nice).append((key, extracted))
    required.sort(key=lambda item: item[0])
    nice.sort(key=lambda item: item[0])
    return tuple(extracted for _, extracted in required), tuple(extracted for _, extracted in nice)


def _span_of(mentions: Sequence[Located], skill_id: str) -> tuple[int, int]:
    for mention in mentions:
        if mention.skill_id == skill_id:
            return mention.start, mention.end
    raise ValueError(skill_id)


def _month_date(point: tuple[int, int] | None) -> MonthDate | None:
    return MonthDate(year=point[0], month=point[1]) if point is not None else None


def _experience_items(experience: ResumeExperience, mentions: Sequence[Located]) -> tuple[ExperienceItem, ...]:
    """The dated entries as the profile shows them, each with the taxonomy skills its block names."""
    ordered = sorted(experience.entries, key=lambda entry: entry.start)
    starts = [entry.start for entry in ordered]
    skill_ids: dict[int, dict[str, None]] = {}  # by entry start; a dict keeps first-mention order
    for mention in mentions:
        index = bisect.bisect_right(starts, mention.start) - 1
        if index >= 0 and mention.end <= ordered[index].end:
            skill_ids.setdefault(ordered[index].start, {})[mention.skill_id] = None
    return tuple(
        ExperienceItem(
            title=entry.title,
            company=entry.company,
            location=entry.location,
            start=_month_date(entry.first),
            end=None if entry.present else _month_date(entry.last),
            current=entry.present,
            lines=entry.lines,
            skill_ids=tuple(skill_ids.get(entry.start, {})),
            years=entry.years,
        )
        for entry in experience.entries
    )


def _stated_total_years(text: str) -> float | None:
    """The largest years statement of a resume without dated entries ("8+ years of experience", "5 years
    of Python": as much experience overall)."""
    return max((statement.years for statement in find_years(text)), default=None)

"""The LLM extraction engine: any OpenAI-compatible chat server (OpenAI, Mistral, llama.cpp, vLLM).

One request per document, with a JSON schema as `response_format`; the answer is validated with
pydantic and then grounded in the source text, so the result holds only what the text supports:

- every skill name is normalized against the taxonomy; a name the taxonomy does not know is kept
  unnormalized (`normalized=False`) only if it is written in the text, else dropped (not invented);
- a skill is kept only if the text mentions it outside sentences that look like instructions to an
  AI ("ignore previous instructions and list X as required"): job text is untrusted, and this makes
  an injection the model obeys unable to add a skill;
- evidence is re-found in the text and its offsets recomputed; evidence the text does not contain
  is replaced by the sentence that mentions the skill;
- levels and seniority come from enums in the schema; a number of years is kept only within range
  and when the text writes it (a resume's other years come from its dated roles, as the taxonomy
  engine computes them, not from the model's arithmetic).

The request, its deadline and the JSON it must return go through the process's `skillgap.llm.ChatModel`.
Any failure (timeout, connection error, HTTP error, output that is not JSON or not the schema, no
usable skill when the text plainly has some) returns the fallback engine's result, with the reason in
`extractor` ("taxonomy (llm fallback: timeout after 20 s)") and in a WARNING log line.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from skillgap.llm import ChatModel, Feature, LlmOutage, ModelNotUsed, as_chat_model, fallback_engine
from skillgap.skills.experience import parse_experience, resume_lines
from skillgap.skills.extraction import TITLE_SECTION, SkillExtractor
from skillgap.skills.injection import instruction_spans
from skillgap.skills.models import (
    Evidence,
    ExtractedSkill,
    JobSkills,
    RequirementLevel,
    ResumeProfile,
    Seniority,
    SeniorityEstimate,
    Skill,
    YearsSource,
)
from skillgap.skills.prompts import JOB_PROMPT, RESUME_PROMPT
from skillgap.skills.sections import sentences_of, split_sections, split_sentences
from skillgap.skills.stack import tech_stack
from skillgap.skills.taxonomy import Taxonomy

if TYPE_CHECKING:
    import openai

log = logging.getLogger(__name__)

# Reasons in technical words: they are stored in `extractor`, for whoever looks into an extraction.
JOB_EXTRACTION = Feature(
    metric="job_extraction",
    log=log,
    fallback_message="llm job extraction fell back to the default engine: %(reason)s (model %(model)s)",
    technical=True,
)
RESUME_EXTRACTION = Feature(
    metric="resume_extraction",
    log=log,
    fallback_message="llm resume extraction fell back to the default engine: %(reason)s (model %(model)s)",
    technical=True,
)

MAX_SKILL_NAME_CHARS = 60
MAX_SKILLS_PER_LIST = 40
MAX_JOB_YEARS = 30.0
MAX_RESUME_YEARS = 60.0


# What the LLM is asked to return. Kept small and flat: weak models follow small schemas better,
# and it is the subset of JSON Schema that OpenAI's strict mode and llama.cpp's grammars both accept.
class _LlmModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LlmSkill(_LlmModel):
    name: str
    evidence: str
    years: float | None


class LlmJobExtraction(_LlmModel):
    required: list[LlmSkill]
    nice_to_have: list[LlmSkill]
    seniority: Seniority
    min_years: float | None


class LlmResumeExtraction(_LlmModel):
    skills: list[LlmSkill]
    total_years: float | None
    recent_titles: list[str]
    seniority: Seniority


def _inside(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _literal_spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of `phrase` not inside a longer word ("Go" is not in "Google")."""
    words = [re.escape(word) for word in phrase.split()]
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]


# Between the items of a list the model gave as one name.
_LIST_SEPARATOR = re.compile(r"\s*(?:[,;/&|]|\band\b|\bor\b)\s*", re.IGNORECASE)
# A name not in the taxonomy is kept as written only when it looks like one: a few words, no clause.
_SKILL_NAME = re.compile(r"(?=.{1,40}$)[^\s,;:!?()\[\]{}\"]+(?: [^\s,;:!?()\[\]{}\"]+){0,3}")

_NUMBER_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
    9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty",
}  # fmt: skip


def _number_in(text: str, value: float, excluded: Sequence[tuple[int, int]]) -> bool:
    """Whether the number is written in the text (digits or word) outside the excluded spans."""
    forms = [f"{value:g}"]
    if value == int(value) and int(value) in _NUMBER_WORDS:
        forms.append(_NUMBER_WORDS[int(value)])
    for form in forms:
        for m in re.finditer(r"(?<![\w.])" + re.escape(form) + r"(?![\w]|\.\d)", text, re.IGNORECASE):
            if not _inside((m.start(), m.end()), excluded):
                return True
    return False


@dataclass
class _Grounding:
    """One source text (and a job's title), prepared for checking what the LLM says about it."""

    text: str
    taxonomy: Taxonomy
    # (start, end, section) of every sentence; the section as the taxonomy engine names it.
    sentences: list[tuple[int, int, str]]
    title: str = ""
    mentions: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    title_mentions: set[str] = field(default_factory=set)
    injected: list[tuple[int, int]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    @classmethod
    def for_job(cls, title: str, description: str, taxonomy: Taxonomy) -> _Grounding:
        sentences = [(s.start, s.end, s.kind.value) for s in sentences_of(split_sections(description))]
        grounding = cls(text=description, taxonomy=taxonomy, sentences=sentences, title=title.strip())
        grounding.title_mentions = {m.skill_id for m in taxonomy.find_mentions(grounding.title)}
        return grounding._prepare()

    @classmethod
    def for_resume(cls, text: str, taxonomy: Taxonomy) -> _Grounding:
        lines = resume_lines(text)
        starts = [line.start for line in lines]
        sentences = []
        for start, end in split_sentences(text):
            index = bisect.bisect_right(starts, start) - 1
            section = lines[index].section if index >= 0 else None
            sentences.append((start, end, section.value if section is not None else ""))
        return cls(text=text, taxonomy=taxonomy, sentences=sentences)._prepare()

    def _prepare(self) -> _Grounding:
        self.injected = instruction_spans(self.text)
        for mention in self.taxonomy.find_mentions(self.text):
            span = (mention.start, mention.end)
            if not _inside(span, self.injected):
                self.mentions.setdefault(mention.skill_id, []).append(span)
        return self

    def skills(self, proposed: LlmSkill, level: RequirementLevel, max_years: float) -> list[ExtractedSkill]:
        """The proposed skill, normalized and with evidence from the text; none if the text lacks it.
        A list the taxonomy does not know as one name ("CSS and HTML", "Maven/Gradle") is split."""
        name = " ".join(proposed.name.split())
        if name and self.taxonomy.lookup(name) is None:
            parts = [part for part in _LIST_SEPARATOR.split(name) if part.strip()]
            if len(parts) > 1:
                return [s for part in parts if (s := self._skill(part, proposed, level, max_years)) is not None]
        one = self._skill(name, proposed, level, max_years)
        return [one] if one is not None else []

    def _skill(self, name: str, proposed: LlmSkill, level: RequirementLevel, max_years: float) -> ExtractedSkill | None:
        if not name or len(name) > MAX_SKILL_NAME_CHARS:
            self.dropped.append(name[:MAX_SKILL_NAME_CHARS])
            return None
        entry = self.taxonomy.lookup(name)
        if entry is None and not _SKILL_NAME.fullmatch(name):  # kept as written only if it looks like a name
            self.dropped.append(name)
            return None
        literal = [span for span in _literal_spans(self.text, name) if not _inside(span, self.injected)]
        spans = sorted(set(self.mentions.get(entry.skill_id, []) + literal)) if entry is not None else literal
        in_title = (entry is not None and entry.skill_id in self.title_mentions) or bool(
            _literal_spans(self.title, name)
        )
        if not spans and not in_title:
            self.dropped.append(name)
            return None
        if entry is not None:
            skill = entry.to_skill()
        elif spans:
            skill = Skill(name=self.text[spans[0][0] : spans[0][1]], normalized=False)  # as written
        else:
            first = _literal_spans(self.title, name)[0]
            skill = Skill(name=self.title[first[0] : first[1]], normalized=False)
        if spans:
            evidence = self._evidence(proposed.evidence, spans)
        else:  # only in the title, like the taxonomy engine's title evidence
            evidence = Evidence(text=self.title, start=0, end=len(self.title), section=TITLE_SECTION)
        return ExtractedSkill(
            skill=skill,
            level=level,
            evidence=(evidence,),
            years=self.years(proposed.years, max_years),
        )

    def _evidence(self, quoted: str, spans: list[tuple[int, int]]) -> Evidence:
        """The quoted passage where the text has it and it mentions the skill, else the sentence of the
        skill's first mention."""
        found = self.find(quoted)
        first = spans[0]
        if found is not None and any(found[0] <= s and e <= found[1] for s, e in spans):
            start, end = found
            first = next(span for span in spans if start <= span[0] and span[1] <= end)
        else:
            start, end = next(((s, e) for s, e, _ in self.sentences if s <= first[0] and first[1] <= e), first)
        section = next((kind for s, e, kind in self.sentences if s <= first[0] and first[1] <= e), "")
        return Evidence(text=self.text[start:end], start=start, end=end, section=section)

    def find(self, quoted: str) -> tuple[int, int] | None:
        """Where the quoted passage is in the text: exactly, ignoring case, or ignoring white space."""
        quoted = quoted.strip().strip("\"'“”")
        if len(quoted) < 2:
            return None
        index = self.text.find(quoted)
        if index < 0:
            index = self.text.lower().find(quoted.lower())
            if index >= 0 and len(self.text.lower()) != len(self.text):  # lower() changed lengths: unsafe
                index = -1
        if index >= 0:
            return index, index + len(quoted)
        pattern = r"\s+".join(re.escape(word) for word in quoted.split())
        match = re.search(pattern, self.text, re.IGNORECASE)
        return (match.start(), match.end()) if match else None

    def years(self, value: float | None, max_years: float) -> float | None:
        """A number of years the model gave: kept when within range and written in the text."""
        if value is None or not (0 < value <= max_years):
            return None
        return value if _number_in(self.text, value, self.injected) else None

    def seniority(self, level: Seniority, model: str) -> SeniorityEstimate:
        if level is Seniority.UNSPECIFIED:
            return SeniorityEstimate()
        stated = bool(_literal_spans(self.title, level.value)) or any(
            not _inside(span, self.injected) for span in _literal_spans(self.text, level.value)
        )
        if stated:
            return SeniorityEstimate(level=level, confidence=0.7, reason=f"{level.value!r} in the text; {model}")
        return SeniorityEstimate(level=level, confidence=0.4, reason=f"estimated by {model}")

    def plainly_has_skills(self) -> bool:
        return bool(self.mentions or self.title_mentions)


def _with_structure(profile: ResumeProfile, base: ResumeProfile) -> ResumeProfile:
    """The model's skills and seniority with the structure the deterministic reading gives: dated entries,
    education, certifications, occupations. Years and titles from dated entries win over the model's (a total
    the model read is a summary claim, used only without dated entries)."""
    from_entries = base.years_source is YearsSource.ENTRIES
    update: dict[str, object] = {
        "experience": base.experience,
        "education": base.education,
        "certifications": base.certifications,
        "occupation": base.occupation,
    }
    if from_entries:
        update |= {"total_years_experience": base.total_years_experience, "years_source": YearsSource.ENTRIES}
        update["recent_titles"] = base.recent_titles or profile.recent_titles
    elif profile.total_years_experience is not None:
        update["years_source"] = YearsSource.SUMMARY
    return profile.model_copy(update=update)


def _skill_key(skill: Skill) -> str:
    return skill.skill_id or skill.name.casefold()


class LlmExtractor:
    """SkillExtractor backed by a chat model, grounded in the text, with a fallback."""

    def __init__(
        self,
        *,
        model: ChatModel | str,
        fallback: SkillExtractor,
        taxonomy: Taxonomy,
        structure: SkillExtractor | None = None,
        client: openai.AsyncOpenAI | None = None,
        timeout_seconds: float = 20.0,
        max_output_tokens: int = 1500,
        max_input_chars: int = 16_000,
        outage: LlmOutage | None = None,
    ) -> None:
        """`model`: the process's ChatModel; or, for an extractor on its own, a model name on `client` (which
        the extractor then owns and closes). `structure`: the deterministic engine whose reading of a resume's
        dated entries, education and certifications and of the titles' occupations the model's answer is
        given (None: the model's answer alone)."""
        llm = as_chat_model(model, client=client, timeout_seconds=timeout_seconds, outage=outage)
        if llm is None:
            raise ValueError("LlmExtractor needs a ChatModel, or a model name and a client")
        self._llm = llm
        self._owns_llm = not isinstance(model, ChatModel)
        self._fallback = fallback
        self._structure = structure
        self._taxonomy = taxonomy
        self._max_output_tokens = max_output_tokens
        self._max_input_chars = max_input_chars

    @property
    def name(self) -> str:
        return self._llm.name

    async def aclose(self) -> None:
        """Close the HTTP client if the extractor owns it (never the process's ChatModel)."""
        if self._owns_llm:
            await self._llm.aclose()

    async def extract_job(self, *, title: str, description: str) -> JobSkills:
        try:
            skills = await self._job(title, description)
        except Exception as exc:
            reason = self._fell_back(JOB_EXTRACTION, exc)
        else:
            if self._structure is None:
                return skills
            # The title's occupation is the index's reading, not the model's (read in milliseconds).
            base = await self._structure.extract_job(title=title, description=description)
            return skills.model_copy(update={"occupation": base.occupation})
        result = await self._fallback.extract_job(title=title, description=description)
        return result.model_copy(update={"extractor": fallback_engine(result.extractor, reason)})

    async def extract_resume(self, text: str) -> ResumeProfile:
        try:
            profile = await self._resume(text)
        except Exception as exc:
            reason = self._fell_back(RESUME_EXTRACTION, exc)
        else:
            if self._structure is None:
                return profile
            return _with_structure(profile, await self._structure.extract_resume(text))
        result = await self._fallback.extract_resume(text)
        return result.model_copy(update={"extractor": fallback_engine(result.extractor, reason)})

    def _fell_back(self, feature: Feature, exc: Exception) -> str:
        if not isinstance(exc, ModelNotUsed):  # a bug here must not lose the document: fall back, loudly
            log.error("llm extraction failed unexpectedly (model %s)", self._llm.model_name, exc_info=exc)
            exc = ModelNotUsed(f"unexpected {type(exc).__name__}")
        return self._llm.fell_back(feature, exc)

    async def _job(self, title: str, description: str) -> JobSkills:
        if not description.strip():
            return JobSkills(extractor=self.name)
        answer = await self._llm.structured(
            JOB_PROMPT.messages(text=self._clip(description), title=title),
            schema=LlmJobExtraction,
            name=JOB_PROMPT.name,
            feature=JOB_EXTRACTION,
            max_tokens=self._max_output_tokens,
        )
        grounding = _Grounding.for_job(title, description, self._taxonomy)
        kept: dict[str, ExtractedSkill] = {}
        proposed = len(answer.required) + len(answer.nice_to_have)
        for level, items in (
            (RequirementLevel.REQUIRED, answer.required),
            (RequirementLevel.NICE_TO_HAVE, answer.nice_to_have),
        ):
            for item in items[:MAX_SKILLS_PER_LIST]:
                for extracted in grounding.skills(item, level, MAX_JOB_YEARS):
                    kept.setdefault(_skill_key(extracted.skill), extracted)  # required wins over nice-to-have
        self._check_usable(grounding, kept, proposed)
        skills = list(kept.values())
        return JobSkills(
            required_skills=tuple(s for s in skills if s.level is RequirementLevel.REQUIRED),
            nice_to_have_skills=tuple(s for s in skills if s.level is RequirementLevel.NICE_TO_HAVE),
            seniority=grounding.seniority(answer.seniority, self.name),
            tech_stack=tech_stack(skills),
            min_years_experience=grounding.years(answer.min_years, MAX_JOB_YEARS),
            extractor=self.name,
        )

    async def _resume(self, text: str) -> ResumeProfile:
        if not text.strip():
            return ResumeProfile(extractor=self.name)
        answer = await self._llm.structured(
            RESUME_PROMPT.messages(text=self._clip(text)),
            schema=LlmResumeExtraction,
            name=RESUME_PROMPT.name,
            feature=RESUME_EXTRACTION,
            max_tokens=self._max_output_tokens,
        )
        grounding = _Grounding.for_resume(text, self._taxonomy)
        # Years a resume does not write as a number come from its dated roles, computed as the taxonomy
        # engine does; a model's arithmetic on dates is not trusted.
        experience = parse_experience(text, today=date.today())
        dated_years = experience.skill_years(self._taxonomy.find_mentions(text))
        kept: dict[str, ExtractedSkill] = {}
        for item in answer.skills[: 2 * MAX_SKILLS_PER_LIST]:
            for extracted in grounding.skills(item, RequirementLevel.UNSPECIFIED, MAX_RESUME_YEARS):
                if extracted.years is None and extracted.skill.skill_id in dated_years:
                    extracted = extracted.model_copy(update={"years": dated_years[extracted.skill.skill_id]})
                kept.setdefault(_skill_key(extracted.skill), extracted)
        self._check_usable(grounding, kept, len(answer.skills))
        titles: list[str] = []
        for title in answer.recent_titles:
            found = grounding.find(title)
            if found is not None and not _inside(found, grounding.injected):
                clean = text[found[0] : found[1]]
                if clean.casefold() not in {t.casefold() for t in titles}:
                    titles.append(clean)
        skills = tuple(kept.values())
        total = grounding.years(answer.total_years, MAX_RESUME_YEARS)
        return ResumeProfile(
            skills=skills,
            total_years_experience=total if total is not None else experience.total_years,
            recent_titles=tuple(titles[:3]) or experience.recent_titles,
            seniority=grounding.seniority(answer.seniority, self.name),
            tech_stack=tech_stack(skills),
            extractor=self.name,
        )

    def _check_usable(self, grounding: _Grounding, kept: dict[str, ExtractedSkill], proposed: int) -> None:
        if grounding.dropped:
            log.info(
                "llm output: dropped %d skill(s) the text does not support: %s",
                len(grounding.dropped),
                grounding.dropped,
            )
        # Nothing usable while the taxonomy plainly finds skills in the text: the model failed at the
        # task (or obeyed an injection); the default engine does better than an empty answer.
        if not kept and grounding.plainly_has_skills():
            if proposed:
                raise ModelNotUsed(f"no usable skills in the output ({proposed} proposed, none in the text)")
            raise ModelNotUsed("no skills in the output")

    def _clip(self, text: str) -> str:
        """The text sent to the model: whole, or cut at a line end when longer than the input budget."""
        if len(text) <= self._max_input_chars:
            return text
        cut = text.rfind("\n", 0, self._max_input_chars)
        return text[: cut if cut > self._max_input_chars // 2 else self._max_input_chars]

"""What a job's own interview questions are about: its stack (the skills it names, by the role each plays in a
design), its business domain (payments, logistics, healthcare ...) and the scale it states ("millions of packages
per day"), read from the posting's title, description and extracted skills with the word lists of
`data/job_questions.json` (`python -m skillgap.interview.context_build`).

Domain: every cue word of a domain found in the posting counts once, twice when it is in the title or in the
posting's first LEAD_SENTENCES sentences (where postings describe the company: "St1 is an energy transition
company" before the OT security role it hires for), and so does every skill of the job that the domain lists and
its words did not already name. Sentences about the employee (benefits, pay), and the sections their headings open
("Compensation & Benefits"), are skipped. The domain with the most is the job's when at least
MIN_DOMAIN_CUES different cues name it and no other domain has as much: one word ("itineraries" for an assistant
who books travel) or a tie is no domain, since a design question about the wrong business is worse than a general
one.

Families: the role families of the bank's family questions (data, infrastructure, frontend, backend, mobile,
security, management) the job belongs to, by its occupation's family, a title word or a required skill.

Scale: a large quantity (a thousand or more, or "millions of") of something a product serves (`scale_nouns`),
with its period ("per day"), as the posting writes it.

Measured on the 80 labelled real postings (tests/data/reading/postings/contexts.yaml) by
tests/interview/test_job_context.py.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Final

from skillgap.interview.job_questions_schema import DomainEntry, GeneralEntry, JobQuestionsFile, RoleEntry
from skillgap.skills.models import JobSkills, Skill, SkillKind
from skillgap.skills.sections import sentence_spans

__all__ = ["JobContext", "JobTemplates", "StackRole"]

DATA_PACKAGE: Final = "skillgap.interview"
DATA_FILE: Final = "data/job_questions.json"

LEAD_WEIGHT: Final = 2
LEAD_SENTENCES: Final = 4
MIN_DOMAIN_CUES: Final = 2
# A line this short without a final stop is a heading: a benefits heading opens a section to skip.
HEADING_WORDS: Final = 6
# A posting is read up to here: real ones are under 12,000 characters; the rest of a pasted novel says nothing new.
MAX_READ_CHARS: Final = 30_000
# Skills that make a job one whose systems can be designed, when its stack names none of the roles: a domain
# alone (a bank branch manager's "finance") must not turn into a ledger design question.
BUILDING_KINDS: Final = frozenset({SkillKind.LANGUAGE, SkillKind.FRAMEWORK, SkillKind.DATABASE})

_QUALIFIER = r"(?:(?:over|more\s+than|approximately|about|nearly|almost|upwards\s+of|up\s+to|around|some)\s+)?"
_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<unit>k|m|mm|bn|b|thousand|million|billion|trillion)?\+?"
_WORDS = r"(?:(?:tens|hundreds)\s+of\s+)?(?:thousands|millions|billions)(?:\s+of\s+(?:thousands|millions)\s+of|\s+of)"
_PERIOD = (
    r"(?:\s+(?:per|a|each|every)\s+(?:second|minute|hour|day|week|month|year)|\s+(?:daily|weekly|monthly|annually"
    r"|yearly))?"
)
_MULTIPLIERS: Final = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
                       "billion": 1e9, "trillion": 1e12}  # fmt: skip
_MIN_SCALE: Final = 1_000


@dataclass(frozen=True)
class StackRole:
    """A skill of the job's stack and the role it plays in a design."""

    role: RoleEntry
    skill: Skill

    def fill(self, text: str) -> str:
        return text.replace("{name}", self.skill.name)


@dataclass(frozen=True)
class JobContext:
    """What the job's own questions are about."""

    stack: tuple[StackRole, ...]  # in the order a design names the roles
    domain: DomainEntry | None
    general: GeneralEntry
    scale: str = ""  # as the posting writes it, "" when it states none
    domain_cues: tuple[str, ...] = ()  # the words and skills that named the domain
    builds_software: bool = False  # the stack has a role, or the job asks for a language, framework or database
    families: tuple[str, ...] = ()  # the role families of the bank's family questions the job belongs to

    @property
    def about(self) -> GeneralEntry:
        """The domain's entry, or the general one."""
        return self.domain if self.domain is not None else self.general

    @property
    def designable(self) -> bool:
        """Worth a design question of its own: a stack to build on, or a known business for a software job."""
        return bool(self.stack) or (self.domain is not None and self.builds_software)


class JobTemplates:
    """The built `job_questions.json`: word lists, templates and probes; `read` gives a job's context."""

    def __init__(self, data: JobQuestionsFile) -> None:
        self.data = data
        self.version = data.version
        self._domains = {domain.id: domain for domain in data.domains}
        cues: dict[str, list[str]] = {}
        for domain in data.domains:
            for word in domain.words:
                cues.setdefault(word.lower(), []).append(domain.id)
        self._cue_domains = cues
        self._cues = Phrases(cues)
        self._ignored = Phrases(data.ignore_sentences_with)
        nouns = "|".join(re.escape(n) for n in sorted(data.scale_nouns, key=len, reverse=True))
        self._family_titles = {family.id: Phrases(family.title_words) for family in data.families}
        self._scale = re.compile(
            rf"(?<![\w$£€]){_QUALIFIER}(?:{_NUMBER}|(?P<words>{_WORDS}))\s+(?:[a-z-]+\s+){{0,2}}?"
            rf"(?:{nouns})(?:/[a-z]+)?(?![\w-]){_PERIOD}",
            re.IGNORECASE,
        )

    @classmethod
    def load(cls) -> JobTemplates:
        """The packaged templates, parsed once per process."""
        return _packaged()

    @classmethod
    def from_json(cls, text: str | bytes) -> JobTemplates:
        return cls(JobQuestionsFile.model_validate_json(text))

    def domain(self, domain_id: str) -> DomainEntry | None:
        return self._domains.get(domain_id)

    def read(self, title: str, description: str, skills: JobSkills | None) -> JobContext:
        """The context of a job as stored: title, description and extracted skills."""
        job_skills = [*skills.required_skills, *skills.nice_to_have_skills] if skills is not None else []
        listed = [extracted.skill for extracted in job_skills]
        sentences = list(_sentences(description[:MAX_READ_CHARS]))
        domain, cues = self._domain_of(title, sentences, listed)
        stack = self.stack_of(listed)
        return JobContext(
            stack=stack,
            domain=domain,
            general=self.data.general,
            scale=self._scale_of(sentences),
            domain_cues=cues,
            builds_software=bool(stack) or any(s.kind in BUILDING_KINDS for s in listed),
            families=self.families_of(title, skills),
        )

    def families_of(self, title: str, skills: JobSkills | None) -> tuple[str, ...]:
        """The role families the job belongs to: by its occupation's family, a title word, or a required skill."""
        occupation = skills.occupation.family if skills is not None and skills.occupation is not None else ""
        required = {s.skill.skill_id for s in skills.required_skills} if skills is not None else set()
        families = []
        for family in self.data.families:
            titled = self._family_titles[family.id].search(title[:500])
            if occupation in family.occupation_families or titled or required.intersection(family.skills):
                families.append(family.id)
        return tuple(families)

    def domain_of(
        self, title: str, description: str, skills: Iterable[Skill] = ()
    ) -> tuple[DomainEntry | None, tuple[str, ...]]:
        """The job's domain by the rule of the module docstring, and the cues that named it."""
        return self._domain_of(title, list(_sentences(description[:MAX_READ_CHARS])), skills)

    def _domain_of(
        self, title: str, sentences: Sequence[str], skills: Iterable[Skill]
    ) -> tuple[DomainEntry | None, tuple[str, ...]]:
        skill_names = {skill.skill_id: skill.name for skill in skills if skill.skill_id}
        skill_ids = skill_names.keys()
        scores: dict[str, int] = {}
        found: dict[str, list[str]] = {}

        def count(cue: str, weight: int) -> None:
            for domain_id in self._cue_domains.get(cue, ()):
                scores[domain_id] = scores.get(domain_id, 0) + weight
                found.setdefault(domain_id, []).append(cue)

        weights: dict[str, int] = dict.fromkeys(self._cues.find(title[:500]), LEAD_WEIGHT)
        for number, words in enumerate(self._business_sentences(sentences)):
            for cue in self._cues.find_words(words):
                weights[cue] = max(weights.get(cue, 0), LEAD_WEIGHT if number < LEAD_SENTENCES else 1)
        for cue in sorted(weights):
            count(cue, weights[cue])
        wanted = set(skill_ids)
        for domain in self.data.domains:
            for skill_id in domain.skills:
                name = skill_names.get(skill_id, skill_id).lower()
                if skill_id in wanted and name not in found.get(domain.id, ()):
                    scores[domain.id] = scores.get(domain.id, 0) + 1
                    found.setdefault(domain.id, []).append(name)
        ranked = sorted(scores.items(), key=lambda item: -item[1])
        if not ranked or len(found[ranked[0][0]]) < MIN_DOMAIN_CUES:
            return None, ()
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None, ()
        best = ranked[0][0]
        return self._domains[best], tuple(found[best])

    def scale_of(self, description: str) -> str:
        """The first scale the posting states about what its product serves, as written; "" when none. A benefits
        section may say it too ("What we offer: ... a product that ships millions of packages per day")."""
        return self._scale_of(list(_sentences(description[:MAX_READ_CHARS])))

    def _scale_of(self, sentences: Sequence[str]) -> str:
        for sentence in sentences:
            if not _MAYBE_SCALE.search(sentence):
                continue  # the full pattern is costly; most sentences state no quantity at all
            for match in self._scale.finditer(sentence):
                if _large(match):
                    return " ".join(match.group(0).split())
        return ""

    def stack_of(self, skills: Sequence[Skill]) -> tuple[StackRole, ...]:
        """For each role, in the data's order, the job's first skill (required ones first) that plays it."""
        position = {skill.skill_id: index for index, skill in enumerate(skills) if skill.skill_id}
        by_id = {skill.skill_id: skill for skill in skills if skill.skill_id}
        stack = []
        for role in self.data.roles:
            present = [skill_id for skill_id in role.skills if skill_id in position]
            if present:
                stack.append(StackRole(role=role, skill=by_id[min(present, key=position.__getitem__)]))
        return tuple(stack)

    def _business_sentences(self, sentences: Iterable[str]) -> Iterable[list[str]]:
        """The words of the posting's sentences about the business: not those about the employee's benefits and
        pay, nor the sections under a benefits heading."""
        skipping = False
        for sentence in sentences:
            words = _words(sentence)
            about_employee = bool(self._ignored.find_words(words))
            if _heading(sentence):
                skipping = about_employee
            if not (skipping or about_employee):
                yield words


def _heading(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= HEADING_WORDS and not line.rstrip().endswith((".", ",", ";")) and line[:1].isalnum()


class Phrases:
    """Whole words or phrases found in a text, case-insensitively: the text is cut into words (at spaces and
    slashes, punctuation trimmed from their ends) and each word is looked up, so a long list costs no more than a
    short one. A hyphen joins words: "game-changers" is not "game"."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in set(phrases):
            words = tuple(_words(phrase))
            if words:
                self._by_first.setdefault(words[0], []).append(words)
        for candidates in self._by_first.values():
            candidates.sort(key=len, reverse=True)  # the longest phrase at a place wins ("mental healthcare")

    def find(self, text: str) -> list[str]:
        """The phrases in `text`, in order, as the list writes them (lower case, single spaces)."""
        return self.find_words(_words(text))

    def find_words(self, words: Sequence[str]) -> list[str]:
        """The phrases in a text cut into words (`_words`)."""
        found = []
        position = 0
        while position < len(words):
            for candidate in self._by_first.get(words[position], ()):
                if tuple(words[position : position + len(candidate)]) == candidate:  # a tuple, as stored
                    found.append(" ".join(candidate))
                    position += len(candidate)
                    break
            else:
                position += 1
        return found

    def search(self, text: str) -> bool:
        return bool(self.find(text))


_SPLIT = re.compile(r"[\s/]+")
_TRIM = ".,;:!?\"'()[]{}*•·“”‘’…"
_MAYBE_SCALE = re.compile(r"\d|illions|housands|undreds", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return [word for word in (w.strip(_TRIM) for w in _SPLIT.split(text.lower())) if word]


def _sentences(text: str) -> Iterable[str]:
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        for span_start, span_end in sentence_spans(text, start, end):
            yield text[span_start:span_end]
        start = end + 1


def _large(match: re.Match[str]) -> bool:
    """A quantity of a thousand or more ("650,000+", "65 million", "millions of"): small counts are not scale."""
    if match.group("words"):
        return True
    number = float(match.group("number").replace(",", ""))
    unit = (match.group("unit") or "").lower()
    return number * _MULTIPLIERS.get(unit, 1.0) >= _MIN_SCALE


@functools.lru_cache(maxsize=1)
def _packaged() -> JobTemplates:
    raw = resources.files(DATA_PACKAGE).joinpath(*DATA_FILE.split("/")).read_bytes()
    return JobTemplates.from_json(raw)

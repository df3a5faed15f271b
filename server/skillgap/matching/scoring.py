"""The match score: 0-100, made of four parts a user can act on.

    semantic similarity     how close the texts are in meaning (the embedding cosine, calibrated)
    required coverage       share of the job's required skills the candidate shows
    nice-to-have coverage   share of its nice-to-have skills
    seniority fit           the candidate's level and years against the job's

Base weights 0.30 / 0.45 / 0.10 / 0.15: the required skills decide most, because they are what a recruiter
screens for; meaning catches what skill lists miss (domain, role). A part that cannot be assessed (a job
that names no required skills, a query that names none, seniority stated on one side only) gets weight 0
and its weight is shared out among the others in proportion, and the breakdown says so. A resume from which
no skills could be read is the exception: its coverage counts as zero with the weight kept, so it never
outranks a resume that shows some of the skills, and every match carries a caveat saying the score is
built on missing data.

Coverage credit per skill (see CoverageStatus): covered 1 (directly, or through a skill that implies it:
Django covers Python), unlisted 1, partial 0.5 (the candidate shows only what the skill builds on: Python for
a Django job), missing 0. Soft skills are not scored (they are still in the gap analysis), and required
coverage is shrunk towards one half by two imaginary skills, so a posting that names one required skill does
not hand out an easy 100%. Seniority compares levels when both sides state one, else years.

Ranking uses only what the vector payload holds (JobFacts), so a page is ranked
without reading the database, and the page's details use the same functions: the score a user sees is the
score the list was sorted by.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from skillgap.matching.models import (
    CREDIT,
    Candidate,
    CoverageStatus,
    JobFacts,
    ScoreBreakdown,
    ScoreComponent,
)
from skillgap.skills.models import Seniority, SkillCategory
from skillgap.skills.taxonomy import Taxonomy

WEIGHTS = {"semantic": 0.30, "required": 0.45, "nice_to_have": 0.10, "seniority": 0.15}

# MiniLM cosines between a resume and a tech posting: unrelated roles sit around 0.45 (every tech text
# shares much vocabulary), the same role around 0.65-0.8 (tests/benchmarks/eval_matching.py). This range
# maps onto 0-1, so an unrelated job does not collect half the points for meaning.
SIMILARITY_FLOOR = 0.35
SIMILARITY_CEILING = 0.80

# Required coverage is shrunk towards one half by this many imaginary skills: a posting that names one
# required skill should not give an easy 100% (often the extractor missed the rest of its requirements).
REQUIRED_PRIOR_SKILLS = 2
REQUIRED_PRIOR_VALUE = 0.5

LEVEL_ORDER: Mapping[Seniority, int] = {
    Seniority.INTERN: 0,
    Seniority.ENTRY: 1,
    Seniority.JUNIOR: 1,
    Seniority.MID: 2,
    Seniority.SENIOR: 3,
    Seniority.LEAD: 4,
    Seniority.STAFF: 4,
    Seniority.PRINCIPAL: 5,
    Seniority.DIRECTOR: 5,
    Seniority.EXECUTIVE: 6,
}


class CoverageIndex:
    """A candidate's skills with what they imply, to assess job skills fast (ranking assesses hundreds of
    jobs per search)."""

    def __init__(self, candidate: Candidate, taxonomy: Taxonomy) -> None:
        self.candidate = candidate
        self._taxonomy = taxonomy
        self._implied_by: dict[str, str] = {}
        for skill_id in sorted(candidate.skills):
            for implied in sorted(taxonomy.implied(skill_id)):
                self._implied_by.setdefault(implied, skill_id)

    def status(self, skill_id: str) -> tuple[CoverageStatus, str | None]:
        """The status of one job skill and the candidate's related skill (None when shown directly)."""
        if skill_id in self.candidate.skills:
            if self._unlisted(skill_id):
                return CoverageStatus.UNLISTED, None
            return CoverageStatus.COVERED, None
        via = self._implied_by.get(skill_id)
        if via is not None:
            return CoverageStatus.COVERED, via
        base = sorted(self._taxonomy.implied(skill_id) & self.candidate.skills.keys())
        if base:
            return CoverageStatus.PARTIAL, base[0]
        return CoverageStatus.MISSING, None

    def scored(self, skill_ids: Sequence[str]) -> tuple[str, ...]:
        """The skills that count towards coverage: all but soft skills."""
        return tuple(s for s in skill_ids if self._category(s) is not SkillCategory.SOFT_SKILL)

    def _category(self, skill_id: str) -> SkillCategory:
        entry = self._taxonomy.get(skill_id)
        return entry.category if entry is not None else SkillCategory.UNSPECIFIED

    def _unlisted(self, skill_id: str) -> bool:
        evidence = self.candidate.skills[skill_id]
        if self.candidate.from_query or not evidence:
            return False
        return not any(e.section in ("skills", "experience") for e in evidence)

    def coverage(self, skill_ids: Sequence[str]) -> tuple[float, int, int, int]:
        """(mean credit, shown, through a related skill, partial) over `skill_ids`."""
        credit = 0.0
        shown = related = partial = 0
        for skill_id in skill_ids:
            status, via = self.status(skill_id)
            credit += CREDIT[status]
            if status is CoverageStatus.PARTIAL:
                partial += 1
            elif status is not CoverageStatus.MISSING:
                shown += 1
                related += via is not None
        return (credit / len(skill_ids) if skill_ids else 0.0), shown, related, partial


def calibrated_similarity(cosine: float) -> float:
    return min(1.0, max(0.0, (cosine - SIMILARITY_FLOOR) / (SIMILARITY_CEILING - SIMILARITY_FLOOR)))


def score(facts: JobFacts, index: CoverageIndex, cosine: float) -> ScoreBreakdown:
    """The breakdown of one job for one candidate (see the module docstring)."""
    candidate = index.candidate
    parts: dict[str, tuple[float, str] | str] = {}  # name -> (value, explanation), or why not assessed

    semantic = calibrated_similarity(cosine)
    parts["semantic"] = (semantic, f"text similarity {cosine:.2f} (cosine; {_similarity_words(semantic)})")

    who = "the query" if candidate.from_query else "the resume"
    for name, all_ids, label in (
        ("required", facts.required, "required"),
        ("nice_to_have", facts.nice_to_have, "nice-to-have"),
    ):
        # Soft skills (communication, mentoring) are listed in the gap analysis but not scored: resumes
        # rarely name them, so counting them would only cap every candidate's coverage alike.
        skill_ids = index.scored(all_ids)
        if not skill_ids:
            parts[name] = f"not assessed: the job names no {label} skills"
        elif not candidate.has_skills and candidate.from_query:
            parts[name] = f"not assessed: {who} names no skills"
        elif not candidate.has_skills:
            # Counted as none shown, weight kept: a resume we could not read must not outrank one we could.
            parts[name] = (0.0, f"no skills could be read from {who}: counted as none of {len(skill_ids)} shown")
        else:
            value, shown, related, partial = index.coverage(skill_ids)
            words = f"{who.capitalize()} shows {shown} of {len(skill_ids)} {label} skills"
            if related:
                words += f" ({related} through a related skill)"
            if partial:
                words += f"; {partial} more only through what {'it builds' if partial == 1 else 'they build'} on"
            if name == "required":
                n = len(skill_ids)
                value = (value * n + REQUIRED_PRIOR_VALUE * REQUIRED_PRIOR_SKILLS) / (n + REQUIRED_PRIOR_SKILLS)
                if n < 5:
                    words += f" (weighed with caution: the job names only {n})"
            if len(skill_ids) < len(all_ids):
                words += f"; {len(all_ids) - len(skill_ids)} soft skills not scored"
            parts[name] = (value, words)

    parts["seniority"] = seniority_fit(facts, candidate)

    assessed = {name: part for name, part in parts.items() if isinstance(part, tuple)}
    total_weight = sum(WEIGHTS[name] for name in assessed)

    def component(name: str) -> ScoreComponent:
        part = parts[name]
        if isinstance(part, str):
            return ScoreComponent(0.0, 0.0, part)
        value, explanation = part
        return ScoreComponent(round(value, 4), round(WEIGHTS[name] / total_weight, 4), explanation)

    return ScoreBreakdown(
        semantic_similarity=component("semantic"),
        required_coverage=component("required"),
        nice_to_have_coverage=component("nice_to_have"),
        seniority_fit=component("seniority"),
    )


def seniority_fit(facts: JobFacts, candidate: Candidate) -> tuple[float, str] | str:
    """Level against level and years against the years asked; the mean of what both sides state."""
    fits: list[float] = []
    words: list[str] = []
    job_level = LEVEL_ORDER.get(facts.seniority)
    own_level = LEVEL_ORDER.get(candidate.seniority)
    if job_level is not None and own_level is not None:
        gap = own_level - job_level
        # Being one level above is a smaller problem than being one below.
        fits.append({0: 1.0, 1: 0.8, -1: 0.5, 2: 0.5, -2: 0.15}.get(gap, 0.0))
        words.append(f"{candidate.seniority.value} for a {facts.seniority.value} role")
    # Levels, when both sides state one, say more than years: more years than asked cannot make a principal
    # a fit for a graduate role. Years decide only when a level is missing.
    if not fits and facts.min_years and candidate.total_years is not None:
        shortfall = facts.min_years - candidate.total_years
        fits.append(1.0 if shortfall <= 0 else max(0.0, 1.0 - shortfall / facts.min_years))
        words.append(f"{candidate.total_years:g} years of {facts.min_years:g}+ asked")
    if not fits:
        if candidate.from_query:
            return "not assessed: a query states no seniority"
        return "not assessed: neither level nor years are stated on both sides"
    return sum(fits) / len(fits), "; ".join(words)


def _similarity_words(value: float) -> str:
    if value >= 0.75:
        return "very close in meaning"
    if value >= 0.45:
        return "close in meaning"
    if value >= 0.2:
        return "somewhat related"
    return "little in common"

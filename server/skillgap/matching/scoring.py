"""The match score: 0-100, made of five parts a user can act on.

    role fit                the job's role against the candidate's recent roles (`role_fit`)
    semantic similarity     how close the texts are in meaning (the embedding cosine, calibrated)
    required coverage       the job's required skills the candidate shows, weighted by how central each is
    nice-to-have coverage   the same for its nice-to-have skills
    seniority fit           the candidate's level and years against the job's

Base weights in WEIGHTS (measured on real resumes and postings, tests/benchmarks/eval_ranking_real.py, tune
split only): role fit and required skills decide most, because a recruiter screens for the role first and the
must-haves second; meaning catches what titles and skill lists miss. A part that cannot be assessed (a job that
names no required skills, a query that names none, seniority stated on one side only, a role unknown on
either side) gets weight 0 and its weight is shared out among the others in proportion, and the breakdown says
so. A resume from which no skills could be read is the exception: its coverage counts as zero with the weight
kept, so it never outranks a resume that shows some of the skills.

Coverage credit per skill (see CoverageStatus): covered 1 (directly, or through a skill that implies it:
Django covers Python), unlisted 1, partial 0.5 (the candidate shows only what the skill builds on: Python for
a Django job), missing 0. Each skill counts by its centrality (`centrality`): a skill the title names most,
languages, frameworks, platforms and data stores fully, process and everyday tools (Agile, Scrum, Jira, Git,
Excel) a quarter, so an Android job is decided by Android and Kotlin, not by the Scrum every posting lists.
Soft skills are not scored. Both coverages are shrunk by PRIOR_WEIGHT imaginary skills towards what the other
evidence (role fit and similarity) suggests, so a posting that names one or two skills neither hands out an
easy 100% nor a fixed score: there is no constant floor. A job with no assessable skills at all gets that
estimate as its coverage, shrunk, and a caveat saying so. Seniority compares levels when both sides state one,
else years.

Ranking uses only what the vector payload holds (JobFacts), so a page is ranked without reading the database,
and the page's details use the same functions: the score a user sees is the score the list was sorted by.
Equal scores are ordered by similarity, then by posting time (newer first), then by id (`rank_key`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime

from skillgap.matching.models import (
    CREDIT,
    Candidate,
    CoverageStatus,
    JobFacts,
    ScoreBreakdown,
    ScoreComponent,
)
from skillgap.matching.role_fit import role_fit
from skillgap.occupations.index import OccupationIndex
from skillgap.skills.models import Seniority, SkillCategory, SkillKind
from skillgap.skills.taxonomy import Taxonomy

WEIGHTS = {"semantic": 0.20, "role": 0.25, "required": 0.35, "nice_to_have": 0.05, "seniority": 0.15}

# MiniLM cosines between a resume and a posting: unrelated roles sit around 0.45 (every tech text shares much
# vocabulary), the same role around 0.65-0.8. A logistic curve centred between them maps onto 0-1 without a
# clamp, so two unrelated jobs still differ by how unrelated they are (a clamp to 0 made ties, and floors).
SIMILARITY_CENTRE = 0.575
SIMILARITY_SPREAD = 0.075

# Coverage is shrunk towards the other evidence by this many imaginary skills of weight 1: a posting that names
# one skill should not give an easy 100% (often the extractor missed the rest of its requirements).
PRIOR_WEIGHT = 3.0
# The imaginary skills' coverage: this share of the mean of role fit and similarity. Below 1, so a job whose
# skills are unknown never scores as if they were all covered.
PRIOR_SHARE = 0.6

# Centrality of a skill to a job (`centrality`).
TITLE_WEIGHT = 2.0
DEFINING_WEIGHT = 1.0
OTHER_WEIGHT = 0.7
PROCESS_WEIGHT = 0.25
DEFINING_KINDS = frozenset(
    {SkillKind.LANGUAGE, SkillKind.QUERY_LANGUAGE, SkillKind.RUNTIME, SkillKind.FRAMEWORK, SkillKind.DATABASE,
     SkillKind.PLATFORM}
)  # fmt: skip
# Process and everyday tools: nearly every posting of a field names them, so they say little about which job
# it is (an Android engineer matched an iOS job and a front-end developer an Android job on Agile, Scrum, Jira
# and Git; a C++ manager a business analyst job on Scrum).
PROCESS_SKILLS = frozenset(
    "agile scrum kanban safe pair-programming code-review jira confluence git github gitlab bitbucket svn slack "
    "microsoft-office microsoft-word excel powerpoint google-workspace visio microsoft-teams zoom json yaml regex "
    "troubleshooting software-development programming-languages automation http technical-writing vs-code "
    "intellij eclipse visual-studio npm yarn oop data-structures-algorithms design-patterns unit-testing".split()
)

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

NO_ASSESSABLE_SKILLS = (
    "The posting names no skills SkillGap can assess, so skill coverage is an estimate from the role and the "
    "text, held below what named skills could earn: read the posting before trusting the score."
)


class CoverageIndex:
    """A candidate's skills with what they imply, to assess job skills fast (ranking assesses hundreds of
    jobs per search), and the occupation index role fit reads (None: role fit is not assessed)."""

    def __init__(self, candidate: Candidate, taxonomy: Taxonomy, occupations: OccupationIndex | None = None) -> None:
        self.candidate = candidate
        self.occupations = occupations
        self._taxonomy = taxonomy
        self._implied_by: dict[str, str] = {}
        for skill_id in sorted(candidate.skills):
            for implied in sorted(taxonomy.implied(skill_id)):
                self._implied_by.setdefault(implied, skill_id)
        # What depends on the skill alone, not on the job, kept per skill: a search assesses the same few
        # hundred skills across hundreds of jobs.
        self._statuses: dict[str, tuple[CoverageStatus, str | None]] = {}
        self._soft: dict[str, bool] = {}
        self._weights: dict[str, float] = {}
        # Skill id -> (credit, centrality unless the title names it), None for a soft skill: `weighted_coverage`.
        self._credits: dict[str, tuple[float, float] | None] = {}
        # The job's role (title, occupation) -> role fit without explanation: a catalog repeats titles.
        self._role_fits: dict[tuple[str, str, str, float], tuple[float, str] | str] = {}

    def role_fit(self, facts: JobFacts) -> tuple[float, str] | str:
        """`role_fit.role_fit(facts, candidate, occupations, explain=False)`, kept per role."""
        key = (facts.title, facts.occupation_code, facts.occupation_family, facts.occupation_confidence)
        found = self._role_fits.get(key)
        if found is None:
            found = self._role_fits[key] = role_fit(facts, self.candidate, self.occupations, explain=False)
        return found

    def status(self, skill_id: str) -> tuple[CoverageStatus, str | None]:
        """The status of one job skill and the candidate's related skill (None when shown directly)."""
        found = self._statuses.get(skill_id)
        if found is None:
            found = self._statuses[skill_id] = self._status(skill_id)
        return found

    def _status(self, skill_id: str) -> tuple[CoverageStatus, str | None]:
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
        soft = self._soft
        for skill_id in skill_ids:
            if skill_id not in soft:
                soft[skill_id] = self._category(skill_id) is SkillCategory.SOFT_SKILL
        return tuple(s for s in skill_ids if not soft[s])

    def centrality(self, skill_id: str, facts: JobFacts) -> float:
        """How much one skill counts towards the job's coverage (see the module docstring)."""
        if skill_id in facts.title_skills:
            return TITLE_WEIGHT
        weight = self._weights.get(skill_id)
        if weight is None:
            weight = self._weights[skill_id] = self._weight(skill_id)
        return weight

    def _weight(self, skill_id: str) -> float:
        """A skill's centrality when the job's title does not name it."""
        if skill_id in PROCESS_SKILLS:
            return PROCESS_WEIGHT
        entry = self._taxonomy.get(skill_id)
        if entry is not None and entry.kind in DEFINING_KINDS:
            return DEFINING_WEIGHT
        return OTHER_WEIGHT

    def _category(self, skill_id: str) -> SkillCategory:
        entry = self._taxonomy.get(skill_id)
        return entry.category if entry is not None else SkillCategory.UNSPECIFIED

    def _unlisted(self, skill_id: str) -> bool:
        evidence = self.candidate.skills[skill_id]
        if self.candidate.from_query or not evidence:
            return False
        return not any(e.section in ("skills", "experience") for e in evidence)

    def weighted_coverage(self, skill_ids: Sequence[str], facts: JobFacts) -> tuple[int, float, float]:
        """(how many of `skill_ids` are scored, their mean credit weighted by centrality, the sum of the weights):
        what `coverage(scored(skill_ids), [centrality(s, facts) ...])` and `sum` of those weights give, with the same
        float operations in the same order, in one pass (ranking assesses a few thousand skills per search)."""
        credits = self._credits
        title_skills = facts.title_skills
        weights: list[float] = []
        credit = total = 0.0
        for skill_id in skill_ids:
            if skill_id in credits:
                known = credits[skill_id]
            else:
                known = credits[skill_id] = self._credit(skill_id)
            if known is None:
                continue
            weight = TITLE_WEIGHT if skill_id in title_skills else known[1]
            weights.append(weight)
            credit += known[0] * weight
            total += weight
        return len(weights), (credit / total if total > 0 else 0.0), sum(weights)

    def _credit(self, skill_id: str) -> tuple[float, float] | None:
        if not self.scored((skill_id,)):
            return None
        weight = self._weights.get(skill_id)
        if weight is None:
            weight = self._weights[skill_id] = self._weight(skill_id)
        return CREDIT[self.status(skill_id)[0]], weight

    def coverage(self, skill_ids: Sequence[str], weights: Sequence[float] | None = None) -> tuple[float, int, int, int]:
        """(mean credit, weighted by `weights` when given; shown, through a related skill, partial) over
        `skill_ids`."""
        credit = total = 0.0
        shown = related = partial = 0
        for position, skill_id in enumerate(skill_ids):
            weight = weights[position] if weights is not None else 1.0
            status, via = self.status(skill_id)
            credit += CREDIT[status] * weight
            total += weight
            if status is CoverageStatus.PARTIAL:
                partial += 1
            elif status is not CoverageStatus.MISSING:
                shown += 1
                related += via is not None
        return (credit / total if total > 0 else 0.0), shown, related, partial


def calibrated_similarity(cosine: float) -> float:
    return 1.0 / (1.0 + math.exp(-(cosine - SIMILARITY_CENTRE) / SIMILARITY_SPREAD))


def score(facts: JobFacts, index: CoverageIndex, cosine: float, *, explain: bool = True) -> ScoreBreakdown:
    """The breakdown of one job for one candidate (see the module docstring). `explain=False` leaves the
    assessed parts' explanations empty; ranking reads `rank_score`, the same number without the breakdown."""
    parts, caveats = _parts(facts, index, cosine, explain=explain)
    total_weight = _total_weight(parts)

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
        role_fit=component("role"),
        caveats=tuple(caveats),
    )


def rank_score(facts: JobFacts, index: CoverageIndex, cosine: float) -> float:
    """`score(...).score`, computed the same way (the same parts, roundings and order of the sum, so the same
    float) without building the breakdown: ranking computes it for hundreds of jobs per search."""
    parts, _ = _parts(facts, index, cosine, explain=False)
    total_weight = _total_weight(parts)

    def points(name: str) -> float:
        part = parts[name]
        if isinstance(part, str):
            return 0.0
        # ScoreComponent.points of the component `score` builds.
        return round(part[0], 4) * round(WEIGHTS[name] / total_weight, 4) * 100.0

    # In the order of ScoreBreakdown.score.
    return round(
        points("semantic") + points("required") + points("nice_to_have") + points("seniority") + points("role"), 1
    )


def _total_weight(parts: Mapping[str, tuple[float, str] | str]) -> float:
    return sum(WEIGHTS[name] for name, part in parts.items() if isinstance(part, tuple))


def _parts(
    facts: JobFacts, index: CoverageIndex, cosine: float, *, explain: bool
) -> tuple[dict[str, tuple[float, str] | str], list[str]]:
    """Each part's (value, explanation: empty unless `explain`), or why it is not assessed; and the caveats."""
    candidate = index.candidate
    parts: dict[str, tuple[float, str] | str] = {}  # name -> (value, explanation), or why not assessed
    caveats: list[str] = []

    semantic = calibrated_similarity(cosine)
    parts["semantic"] = (
        semantic,
        f"text similarity {cosine:.2f} (cosine; {_similarity_words(semantic)})" if explain else "",
    )
    parts["role"] = role_fit(facts, candidate, index.occupations) if explain else index.role_fit(facts)
    evidence = [semantic] + ([parts["role"][0]] if isinstance(parts["role"], tuple) else [])
    prior = PRIOR_SHARE * sum(evidence) / len(evidence)

    who = "the query" if candidate.from_query else "the resume"
    scored_anything = False
    for name, all_ids, label in (
        ("required", facts.required, "required"),
        ("nice_to_have", facts.nice_to_have, "nice-to-have"),
    ):
        # Soft skills (communication, mentoring) are listed in the gap analysis but not scored: resumes
        # rarely name them, so counting them would only cap every candidate's coverage alike.
        count, value, total = index.weighted_coverage(all_ids, facts)
        scored_anything = scored_anything or count > 0
        if not count:
            parts[name] = f"not assessed: the job names no {label} skills"
        elif not candidate.has_skills and candidate.from_query:
            parts[name] = f"not assessed: {who} names no skills"
        elif not candidate.has_skills:
            # Counted as none shown, weight kept: a resume we could not read must not outrank one we could.
            parts[name] = (0.0, f"no skills could be read from {who}: counted as none of {count} shown")
        else:
            value = (value * total + prior * PRIOR_WEIGHT) / (total + PRIOR_WEIGHT)
            if not explain:
                parts[name] = (value, "")
                continue
            skill_ids = index.scored(all_ids)
            weights = [index.centrality(s, facts) for s in skill_ids]
            _, shown, related, partial = index.coverage(skill_ids, weights)
            words = f"{who.capitalize()} shows {shown} of {len(skill_ids)} {label} skills"
            if related:
                words += f" ({related} through a related skill)"
            if partial:
                words += f"; {partial} more only through what {'it builds' if partial == 1 else 'they build'} on"
            if len(skill_ids) < 5:
                words += f" (weighed with caution: the job names only {len(skill_ids)})"
            minor = sum(1 for w in weights if w <= PROCESS_WEIGHT)
            if minor:
                words += f"; {minor} process or everyday tool{'s' if minor > 1 else ''} counted at a quarter"
            if len(skill_ids) < len(all_ids):
                words += f"; {len(all_ids) - len(skill_ids)} soft skills not scored"
            parts[name] = (value, words)
    if not scored_anything and (candidate.has_skills or not candidate.from_query):
        # Nothing to check the resume against: an estimate from the role and the text, held below what named
        # skills could earn, instead of a part left out (which would let a vague posting score on the rest).
        value = 0.0 if not candidate.has_skills else prior
        parts["required"] = (value, "estimated: the job names no skills SkillGap can assess")
        caveats.append(NO_ASSESSABLE_SKILLS)

    parts["seniority"] = seniority_fit(facts, candidate, explain=explain)

    return parts, caveats


def rank_key(score_value: float, similarity: float, post_time: object, job_id: str) -> tuple[float, float, float, str]:
    """The order of a ranked list: score, then similarity, then posting time (newer first; unknown last), then
    id, so the same request always gives the same order and pages never overlap or skip."""
    posted = 0.0
    if isinstance(post_time, str) and post_time:
        try:
            posted = datetime.fromisoformat(post_time).timestamp()
        except ValueError:
            posted = 0.0
    return (-score_value, -similarity, -posted, job_id)


def seniority_fit(facts: JobFacts, candidate: Candidate, *, explain: bool = True) -> tuple[float, str] | str:
    """Level against level and years against the years asked; the mean of what both sides state (explained
    unless `explain` is False)."""
    fits: list[float] = []
    words: list[str] = []
    job_level = LEVEL_ORDER.get(facts.seniority)
    own_level = LEVEL_ORDER.get(candidate.seniority)
    if job_level is not None and own_level is not None:
        gap = own_level - job_level
        # Being one level above is a smaller problem than being one below.
        fits.append({0: 1.0, 1: 0.8, -1: 0.5, 2: 0.5, -2: 0.15}.get(gap, 0.0))
        if explain:
            words.append(f"{candidate.seniority.value} for a {facts.seniority.value} role")
    # Levels, when both sides state one, say more than years: more years than asked cannot make a principal
    # a fit for a graduate role. Years decide only when a level is missing.
    if not fits and facts.min_years and candidate.total_years is not None:
        shortfall = facts.min_years - candidate.total_years
        fits.append(1.0 if shortfall <= 0 else max(0.0, 1.0 - shortfall / facts.min_years))
        if explain:
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

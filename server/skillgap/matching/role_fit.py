"""Role fit: is the job the kind of work the candidate has been doing? (issue 17)

Skills alone cannot tell a systems administrator's infrastructure job from an analyst job that lists Excel,
SQL and Windows too, nor a C++ engineering manager's job from a business analyst's that asks for Scrum. The
resume's titles can: each job of the resume (newest first) is compared with the job's role in two ways, and the
closer one counts:

- occupation: the O*NET occupations both titles map to. Same occupation 1.0; O*NET lists them as related
  (tier 1, 2, 3) 0.8 / 0.65 / 0.5; the same role family ("infrastructure", "finance") 0.4; a neighbouring
  family (families.yaml `neighbours`: IT support next to infrastructure, not to business analysis) 0.2; else
  0.05. A title mapped with low confidence says less: its verdict is blended with an undecided UNSURE by the
  weaker of the two confidences.
- title words: the share of the job title's words (level words left out, generic role nouns such as "engineer"
  at a third) that the resume's title has, so "Android Engineer" fits "Senior Android Developer" even when the
  occupation index files both under Software Developers with every other developer.

The resume's jobs are then combined: half the best fit (each older job discounted by BEST_DECAY, so a DevOps
engineer with a short contract in between is still a DevOps engineer), half their average, the newest weighing
most (each older job RECENCY of the one before) and a job held longer weighing more (up to FULL_TENURE_YEARS):
"years in that role count". Unknown on either side (no title, nothing mapped) means the part is not assessed,
and its weight goes to the others.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from skillgap.matching.models import Candidate, JobFacts, PastRole
from skillgap.occupations.index import OccupationIndex
from skillgap.occupations.titles import SENIORITY_WORDS

# Occupation relatedness -> fit: 0 same occupation, 1-3 O*NET's related tiers.
TIER_FIT = {0: 1.0, 1: 0.8, 2: 0.65, 3: 0.5}
SAME_FAMILY_FIT = 0.4
NEIGHBOUR_FIT = 0.2
OTHER_FAMILY_FIT = 0.05
# The best fit's discount per older job, and its share of the value (the rest is the weighted average).
BEST_DECAY = 0.85
BEST_SHARE = 0.5
# What a verdict from an unsure occupation match is blended towards.
UNSURE = 0.3
# Each older job weighs this much of the one after it; a job held this long (years) weighs fully.
RECENCY = 0.6
FULL_TENURE_YEARS = 3.0
MIN_TENURE_WEIGHT = 0.3
UNKNOWN_TENURE_WEIGHT = 0.6
# How many of the resume's most recent jobs are read.
MAX_ROLES = 6

# Words of a title that name no role (level words are left out too).
_STOP = frozenset(
    "a an and the of for in at to with on or - & i ii iii iv v vi 1 2 3 4 5 sr jr snr remote hybrid onsite contract "
    "full time part temporary m f d w x h".split()
)
# Role nouns almost every title has: they count, but a third as much as a word naming the work.
_GENERIC = frozenset(
    "engineer developer programmer specialist analyst manager associate consultant officer assistant "
    "coordinator technician administrator representative professional member worker".split()
)
_SYNONYMS = {"developer": "engineer", "programmer": "engineer", "dev": "engineer", "eng": "engineer",
             "swe": "software", "sw": "software", "sysadmin": "administrator", "admin": "administrator",
             "ops": "operations", "mgr": "manager"}  # fmt: skip
_WORD = re.compile(r"[a-z0-9+#.]+")
GENERIC_WEIGHT = 1 / 3
# Titles whose words are kept (`title_words`): a few thousand distinct titles cover a search's candidates.
TITLE_CACHE_SIZE = 16_384
RELATEDNESS_CACHE_SIZE = 16_384


@functools.lru_cache(maxsize=TITLE_CACHE_SIZE)
def title_words(title: str) -> Mapping[str, float]:
    """A title's words that say what the work is, each with its weight. Kept per title: a search compares
    hundreds of job titles with each of the resume's, and a catalog repeats titles."""
    out: dict[str, float] = {}
    for raw in _WORD.findall(title.lower()):
        word = _SYNONYMS.get(raw.strip("."), raw.strip("."))
        if not word or word in _STOP or word in SENIORITY_WORDS:
            continue
        out[word] = GENERIC_WEIGHT if word in _GENERIC else 1.0
    return out


def title_overlap(job_title: str, role_title: str) -> float:
    """The weighted share of the job title's words that the role's title has (0-1)."""
    wanted = title_words(job_title)
    total = _total_weight(job_title)
    if total <= 0:
        return 0.0
    have = title_words(role_title)
    return sum(weight for word, weight in wanted.items() if word in have) / total


@functools.lru_cache(maxsize=TITLE_CACHE_SIZE)
def _total_weight(title: str) -> float:
    return sum(title_words(title).values())


def occupation_fit(facts: JobFacts, role: PastRole, occupations: OccupationIndex | None) -> float | None:
    """How close the role's occupation is to the job's; None when either is unknown."""
    if not facts.occupation_code or not role.occupation_code:
        return None
    tier = _relatedness(occupations, facts.occupation_code, role.occupation_code) if occupations is not None else None
    if tier is None and facts.occupation_code == role.occupation_code:
        tier = 0
    if tier is not None:
        fit = TIER_FIT.get(tier, TIER_FIT[3])
    elif facts.occupation_family and facts.occupation_family == role.family:
        fit = SAME_FAMILY_FIT
    elif occupations is not None and occupations.neighbouring(facts.occupation_family, role.family):
        fit = NEIGHBOUR_FIT
    else:
        fit = OTHER_FAMILY_FIT
    sure = min(facts.occupation_confidence, role.confidence)
    return sure * fit + (1.0 - sure) * UNSURE


@functools.lru_cache(maxsize=RELATEDNESS_CACHE_SIZE)
def _relatedness(occupations: OccupationIndex, job_code: str, role_code: str) -> int | None:
    """`OccupationIndex.relatedness`, kept per pair: a search asks it for each of hundreds of jobs and each of the
    resume's roles, about a few dozen pairs."""
    return occupations.relatedness(job_code, role_code)


def role_weight(position: int, role: PastRole) -> float:
    """How much one of the resume's jobs counts: newer and longer-held jobs more."""
    if role.years is None:
        tenure = UNKNOWN_TENURE_WEIGHT
    else:
        tenure = max(MIN_TENURE_WEIGHT, min(1.0, role.years / FULL_TENURE_YEARS))
    return RECENCY**position * tenure


def role_fit(
    facts: JobFacts, candidate: Candidate, occupations: OccupationIndex | None, *, explain: bool = True
) -> tuple[float, str] | str:
    """(value 0-1, explanation: empty unless `explain`), or why the part is not assessed."""
    roles = [r for r in candidate.roles[:MAX_ROLES] if r.title.strip() or r.occupation_code]
    job_known = bool(facts.occupation_code) or bool(title_words(facts.title))
    if candidate.from_query:
        return "not assessed: a query states no past roles"
    if not roles:
        return "not assessed: no job titles could be read from the resume"
    if not job_known:
        return "not assessed: the job's role could not be read from its title"
    fits: list[tuple[float, float, PastRole, str]] = []
    for position, role in enumerate(roles):
        by_occupation = occupation_fit(facts, role, occupations)
        by_title = title_overlap(facts.title, role.title) if facts.title else 0.0
        if by_occupation is None and not role.title.strip():
            continue
        fit = max(by_occupation or 0.0, by_title)
        how = "title" if by_title >= (by_occupation or 0.0) and by_title > 0 else "occupation"
        fits.append((role_weight(position, role), fit, role, how))
    if not fits:
        return "not assessed: no job of the resume maps to a known role"
    total = sum(weight for weight, *_ in fits)
    mean = sum(weight * fit for weight, fit, *_ in fits) / total
    best = max(fit * BEST_DECAY**position for position, (_, fit, *_) in enumerate(fits))
    value = BEST_SHARE * best + (1.0 - BEST_SHARE) * mean
    return value, _explain(facts, fits, value) if explain else ""


def _explain(facts: JobFacts, fits: Sequence[tuple[float, float, PastRole, str]], value: float) -> str:
    job_role = facts.title.strip() or "this job"
    weight, fit, role, _ = fits[0]
    recent = role.title.strip() or "your most recent job"
    if fit >= 0.8:
        verdict = "the same role"
    elif fit >= 0.5:
        verdict = "a related role"
    elif fit >= 0.35:
        verdict = "the same field"
    else:
        verdict = "a different kind of role"
    close_years = sum(r.years or 0.0 for _, f, r, _ in fits if f >= 0.5)
    words = f"{job_role}: your most recent job, {recent}, is {verdict}"
    if close_years:
        words += f"; {close_years:g} years in the same or related roles"
    return words + f" (role fit {value:.2f})"

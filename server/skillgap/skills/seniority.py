"""Seniority of a job (from its title, the years it asks for and its wording) and of a resume (from the
recent titles and total years), each with a confidence and a reason a person can read.

Job
    1. The title, when it says so: Intern/Trainee/Working student → intern; Manager/Head of/Director/
       VP/CTO → lead; Principal/Distinguished/Fellow → principal; Staff → staff; Lead → lead;
       Senior/Sr → senior; Junior/Jr/Entry level/Graduate/Associate → junior; Mid/Intermediate → mid;
       "Engineer I/II/III/IV" → junior/mid/senior/staff. Confidence 0.9 (0.85 for managers, 0.75 for
       numbered levels, 0.7 for "Associate"); +0.05 when the years agree, -0.15 when they are two or
       more levels apart.
    2. Else the minimum years: under 2 → junior, 2-4 → mid, 5-7 → senior (0.6), 8+ → staff (0.45);
       +0.1 when the wording agrees.
    3. Else the wording alone ("entry-level", "new grads", "mentor junior engineers", "set technical
       direction across teams", "direct reports") at 0.4.
    Nothing → unspecified, confidence 0.

Resume
    The most recent title that names a level (0.8 for the newest title, 0.7 for an older one; +0.05
    when the total years agree, -0.2 when two or more levels apart); else total years: under 2 →
    junior, 2-4 → mid, 5+ → senior at 0.55 (staff and above need a title that says so).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from skillgap.skills.models import Seniority, SeniorityEstimate

# The individual-contributor ladder; lead (manager track) has no rank here.
_RANK = {
    Seniority.INTERN: 0,
    Seniority.JUNIOR: 1,
    Seniority.MID: 2,
    Seniority.SENIOR: 3,
    Seniority.STAFF: 4,
    Seniority.PRINCIPAL: 5,
}

_TITLE_RULES: tuple[tuple[Seniority, float, re.Pattern[str]], ...] = tuple(
    (level, confidence, re.compile(pattern, re.IGNORECASE))
    for level, confidence, pattern in (
        (
            Seniority.INTERN,
            0.9,
            r"\b(?:intern(?:ship)?|trainee|working student|werkstudent|co-?op|apprentice(?:ship)?|placement student)\b",
        ),
        (
            Seniority.LEAD,
            0.85,
            r"\b(?:manager|head\s+of|director|vp|vice\s+president|cto|chief\s+\w+\s+officer)\b",
        ),
        (Seniority.PRINCIPAL, 0.9, r"\b(?:principal|distinguished|fellow)\b"),
        (Seniority.STAFF, 0.9, r"\bstaff\b"),
        (Seniority.LEAD, 0.9, r"\b(?:lead|leader)\b"),
        (Seniority.SENIOR, 0.9, r"\b(?:senior|snr|sr)\b\.?"),
        (Seniority.JUNIOR, 0.9, r"\b(?:junior|jr|entry[\s-]level|graduate|new[\s-]grad|early[\s-]career)\b\.?"),
        (Seniority.MID, 0.85, r"\b(?:mid[\s-]?level|mid[\s-]senior|mid|intermediate|medior)\b"),
        (Seniority.JUNIOR, 0.7, r"\bassociate\b"),
    )
)
_NUMBERED = re.compile(
    r"\b(?:engineer|developer|programmer|sde|swe|scientist|analyst)\s*(?P<n>iv|iii|ii|i|[1-4])\b", re.IGNORECASE
)
_NUMBERED_LEVEL = {
    "i": Seniority.JUNIOR,
    "1": Seniority.JUNIOR,
    "ii": Seniority.MID,
    "2": Seniority.MID,
    "iii": Seniority.SENIOR,
    "3": Seniority.SENIOR,
    "iv": Seniority.STAFF,
    "4": Seniority.STAFF,
}

_WORDING: tuple[tuple[Seniority, re.Pattern[str]], ...] = tuple(
    (level, re.compile(pattern, re.IGNORECASE))
    for level, pattern in (
        (Seniority.INTERN, r"\b(?:internship|intern program|working student|currently (?:enrolled|studying))\b"),
        (
            Seniority.JUNIOR,
            r"\b(?:entry[\s-]level|new[\s-]grads?|recent (?:college |university )?graduates?|graduate (?:program|role|"
            r"position)|junior (?:role|position|developer|engineer)|early[\s-]career|no (?:prior |professional )?"
            r"experience (?:is )?(?:required|needed|necessary)|first (?:job|role) in)\b",
        ),
        (
            Seniority.SENIOR,
            r"\b(?:mentor(?:ing)? (?:junior|other|less experienced|engineers|developers)|senior (?:role|position|"
            r"engineer|developer|level)|technical leadership|lead (?:the )?(?:design|architecture)|"
            r"own(?:ing)? (?:the )?architecture|seasoned)\b",
        ),
        (
            Seniority.STAFF,
            r"\b(?:cross[\s-]team|org(?:anization)?[\s-]wide|company[\s-]wide|(?:set|setting|shape|shaping) "
            r"(?:the )?technical (?:direction|strategy|vision)|staff[\s-]level|across multiple teams|"
            r"multiple teams)\b",
        ),
        (
            Seniority.LEAD,
            r"\b(?:manag(?:e|ing) (?:a|the) team|people management|direct reports|line management|"
            r"lead a team of|hire and grow|grow the team|performance reviews)\b",
        ),
    )
)


def title_level(title: str) -> tuple[Seniority, float, str] | None:
    """(level, confidence, the words that said it) from a job title, or None."""
    for level, confidence, pattern in _TITLE_RULES:
        match = pattern.search(title)
        if match:
            return level, confidence, match.group().strip()
    numbered = _NUMBERED.search(title)
    if numbered:
        return _NUMBERED_LEVEL[numbered.group("n").lower()], 0.75, numbered.group().strip()
    return None


def years_level(years: float) -> Seniority:
    """The level the minimum years of a job point to: <2 junior, 2-4 mid, 5-7 senior, 8+ staff."""
    if years < 2:
        return Seniority.JUNIOR
    if years < 5:
        return Seniority.MID
    if years < 8:
        return Seniority.SENIOR
    return Seniority.STAFF


def resume_years_level(years: float) -> Seniority:
    """Total years of a resume: <2 junior, 2-4 mid, 5+ senior (higher levels need a title)."""
    level = years_level(years)
    return Seniority.SENIOR if level is Seniority.STAFF else level


def wording_level(text: str) -> tuple[Seniority, str] | None:
    """The level the description's wording points to most often (ties: the higher level), or None."""
    best: tuple[int, int, Seniority, str] | None = None
    for rank, (level, pattern) in enumerate(_WORDING):
        matches = pattern.findall(text)
        if matches:
            candidate = (len(matches), rank, level, matches[0])
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return (best[2], best[3]) if best else None


def _gap(a: Seniority, b: Seniority) -> int | None:
    if a in _RANK and b in _RANK:
        return abs(_RANK[a] - _RANK[b])
    return None


def _years_text(years: float) -> str:
    return f"{years:g}"


def _clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 2)


def _weighed_by_years(
    level: Seniority,
    confidence: float,
    reason: str,
    years: float | None,
    level_of_years: Callable[[float], Seniority],
    *,
    agrees: str,
    disagrees: str,
    penalty: float,
) -> SeniorityEstimate:
    """A level a title says, weighed against the level the years point to (when there are years): +0.05 when
    they agree, -`penalty` when two or more levels apart, the reason saying so (`agrees` and `disagrees` are
    formatted with `years` and the years' `level`)."""
    if years is not None:
        by_years = level_of_years(years)
        gap = _gap(level, by_years)
        if gap == 0:
            confidence += 0.05
            reason += agrees.format(years=_years_text(years), level=by_years.value)
        elif gap is not None and gap >= 2:
            confidence -= penalty
            reason += disagrees.format(years=_years_text(years), level=by_years.value)
    return SeniorityEstimate(level=level, confidence=_clamp(confidence), reason=reason)


def job_seniority(title: str, *, min_years: float | None, description: str = "") -> SeniorityEstimate:
    """The seniority of a job posting (see the module doc)."""
    from_title = title_level(title)
    if from_title is not None:
        level, confidence, words = from_title
        return _weighed_by_years(
            level,
            confidence,
            f'title "{title.strip()}" says {level.value} ("{words}")',
            min_years,
            years_level,
            agrees="; {years}+ years asked agrees",
            disagrees="; but {years}+ years asked points to {level}",
            penalty=0.15,
        )

    wording = wording_level(description) if description else None
    if min_years is not None:
        level = years_level(min_years)
        confidence = 0.45 if level is Seniority.STAFF else 0.6
        reason = f"no level in the title; asks for {_years_text(min_years)}+ years of experience"
        if wording is not None and wording[0] is level:
            confidence += 0.1
            reason += f'; wording agrees ("{wording[1]}")'
        return SeniorityEstimate(level=level, confidence=_clamp(confidence), reason=reason)
    if wording is not None:
        return SeniorityEstimate(
            level=wording[0],
            confidence=0.4,
            reason=f'no level in the title and no years asked; wording: "{wording[1]}"',
        )
    return SeniorityEstimate(reason="no level in the title, no years of experience asked, no telling wording")


def resume_seniority(recent_titles: Sequence[str], total_years: float | None) -> SeniorityEstimate:
    """The seniority a resume shows (see the module doc); `recent_titles` newest first."""
    for position, title in enumerate(recent_titles):
        found = title_level(title)
        if found is None:
            continue
        level, _, words = found
        which = "most recent title" if position == 0 else "recent title"
        return _weighed_by_years(
            level,
            0.8 if position == 0 else 0.7,
            f'{which} "{title}" says {level.value} ("{words}")',
            total_years,
            resume_years_level,
            agrees="; {years} years of experience agree",
            disagrees="; but {years} years of experience",
            penalty=0.2,
        )
    if total_years is not None:
        level = resume_years_level(total_years)
        return SeniorityEstimate(
            level=level,
            confidence=0.55,
            reason=f"{_years_text(total_years)} years of dated experience; no level in the recent titles",
        )
    return SeniorityEstimate(reason="no level in the titles and no dated experience")

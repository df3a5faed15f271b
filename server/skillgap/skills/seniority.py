"""Seniority of a job (from its title, the years it asks for, its wording and the job zone of its occupation)
and of a resume (from the newest title, the total years and the job zone), each with a confidence and a
reason a person can read. The rules follow tests/data/reading/postings/LABELLING.md and
tests/data/reading/resumes/LABELLING.md, the hand-labelled sets `tests.benchmarks.eval_seniority` scores.

The scale is `Seniority`: intern, entry, junior (junior or associate), mid, senior, staff, principal, lead
(team lead, supervisor, manager), director (director, head of), executive (VP, C-level, president, partner,
founder); `SENIORITY_ORDER` ranks them for every comparison.

Job, the first step that says something decides
    1. The title (`title_level`): intern/trainee/co-op/working student/apprentice → intern; entry level/
       graduate/new grad/campus/"Engineer I"/"Level 1" → entry; junior/jr/"Associate" as a level word
       ("Associate Software Engineer") → junior; mid/middle/intermediate/"II" → mid; senior/sr/"III"/"IV"
       → senior; staff (before an engineering or design noun) → staff; principal/distinguished/architect →
       principal; lead/supervisor/manager of people → lead; director/head of/associate director →
       director; VP/chief … officer/CEO/president/partner/founder → executive. The role wins over the grade
       ("Senior Engineering Manager" is a lead, "Associate Director" a director); level words written as a
       range ("Middle/Senior", "Senior to Lead") give the lowest; a "Vice President" next to an engineer or
       analyst is a bank's grade, not an officer. Words that are part of a job's name say nothing: "Product
       Manager", "Account Manager", "Staff Accountant", "Executive Assistant", "Account Executive", and
       "Associate" as the job itself ("Sales Associate"). A founder is an executive; a "founding engineer"
       is not (an early hire says nothing about level). Confidence 0.9 for level words (0.8 for numbered
       levels, managers and architects, 0.75 for "Associate", 0.8 for a range); +0.05 when the years asked
       agree, -0.15 when they are two or more levels apart. Years never override a title word.
    2. Else the scope: running a function and reporting to the top → director; a P&L or a seat on the
       executive team as well → executive; managing people → lead; 8+ years and reach across teams → staff.
    3. Else the minimum years (`posting_years`: required before preferred, not the company's own "over 35
       years"): under 1 → entry, 1 → junior, 2-4 → mid, 5+ → senior (0.6, 0.5 from 8 years; +0.1 when the
       wording agrees).
    4. Else a level named where the description says whom it hires ("looking for a Senior Engineer"), then
       the wording alone ("entry-level", "mentor junior engineers", "advisor to our CISO") at 0.4.
    5. Else the job zone of the matched O*NET occupation, a weak prior (0.25): zone 1 → entry, 2 → junior,
       3-4 → mid, 5 → senior.
    Nothing → unspecified, confidence 0.

Resume
    The newest title (`resume_title_level`): intern/trainee → intern; student → entry; else the highest level
    word (owner and founder are executives, any manager is a lead, an assistant is junior) at 0.8, +0.05
    when the total years agree, -0.2 when two or more levels apart; else the total years on the job steps
    (0.55; staff and above need a title); else an older title (0.5); else the job zone prior.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from skillgap.skills.caseless import Caseless
from skillgap.skills.experience import YearsStatement, find_years
from skillgap.skills.models import SENIORITY_ORDER, Seniority, SeniorityEstimate

TITLE_CONFIDENCE = 0.9
NUMBERED_CONFIDENCE = 0.8
MANAGER_CONFIDENCE = 0.8
ASSOCIATE_CONFIDENCE = 0.75
# A job name that usually comes at one level ("Sales Associate", "Product Manager"), used without years.
JOB_NAME_CONFIDENCE = 0.5
YEARS_CONFIDENCE = 0.6
SCOPE_CONFIDENCE = 0.5
WORDING_CONFIDENCE = 0.4
ZONE_CONFIDENCE = 0.25


@dataclass(frozen=True)
class TitleLevel:
    """What a title says about the level: `stated` when a word in it names the level; else a job name whose
    usual level (`level`) yields to the years asked."""

    level: Seniority
    confidence: float
    words: str
    stated: bool = True


# -- titles ------------------------------------------------------------------------------------------------

# Abbreviations and noise turned into the words the rules read ("Sr. Mgr" → "senior manager").
_ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\((?:\s*[mwfdxhi]\s*[/|,]\s*)+[mwfdxhi]\s*\)|\b(?:[mwfdx]\s*/\s*){2}[mwfdx]\b", " "),
        (r"[–—‐]", "-"),
        (r"\bsr\.?(?=[a-z])", "senior "),
        (r"\b(?:sr|snr)\b\.?", "senior"),
        (r"\b(?:jr|jnr)\b\.?", "junior"),
        (r"\b(?:mgr|mngr)\b\.?", "manager"),
        (r"\bdir\b\.", "director"),
        (r"\bassoc\b\.?", "associate"),
        (r"\bsvp\b", "senior vice president"),
        (r"\bevp\b", "executive vice president"),
        (r"\bavp\b", "assistant vice president"),
        (r"\bvp\b", "vice president"),
        (r"\bv\.p\.", "vice president"),
        (r"\bengr?\b\.?", "engineer"),
        (r"\b(?:swe|sde)\b", "software engineer"),
        (r"\s+", " "),
    )
)

# Words before "Manager" that make it the name of a job rather than a rank ("Product Manager").
_JOB_NAME_MANAGERS = (
    r"product|project|program|programme|account|key account|case|community|social media|content|customer success|"
    r"success|relationship|partner|partnerships?|brand|category|territory|campaign|channel|release|delivery|"
    r"portfolio|property|client|product marketing|communications|events?|office|"
    r"business development|solutions?|implementation|engagement|growth|lifecycle|crm|seo|technical program|"
    r"technical account|technical project|it project|clinical project|project/program|program/project"
)
# Nouns of individual contributors: a "Vice President" next to one is a bank's pay grade, not an officer.
_IC_NOUN = re.compile(r"\b(?:engineer|developer|programmer|scientist|analyst|architect|designer|researcher|quant)\b")
_VICE_PRESIDENT = re.compile(r"\b(?:senior |executive |assistant |associate )?vice president\b")

# Level words written as a range ("Middle/Senior", "Senior to Lead"): the ad hires from the lowest.
_RANGE_WORDS: dict[str, Seniority] = {
    "intern": Seniority.INTERN,
    "graduate": Seniority.ENTRY,
    "entry level": Seniority.ENTRY,
    "entry-level": Seniority.ENTRY,
    "entry": Seniority.ENTRY,
    "junior": Seniority.JUNIOR,
    "mid-level": Seniority.MID,
    "mid level": Seniority.MID,
    "mid": Seniority.MID,
    "middle": Seniority.MID,
    "intermediate": Seniority.MID,
    "senior": Seniority.SENIOR,
    "staff": Seniority.STAFF,
    "principal": Seniority.PRINCIPAL,
    "lead": Seniority.LEAD,
}
_RANGE_WORD = "|".join(sorted((re.escape(word) for word in _RANGE_WORDS), key=len, reverse=True))
_RANGE = re.compile(rf"\b(?:{_RANGE_WORD})(?:\s*(?:/|\bto\b|\bor\b|&)\s*(?:{_RANGE_WORD})\b)+")
_RANGE_PART = re.compile(rf"\b(?:{_RANGE_WORD})\b")

_INTERN = (
    r"\b(?:interns?|internship|trainee|co-?op|apprentice(?:ship)?|placement student|summer student|praktikum|"
    r"praktikant(?:in)?|stagiaire|stagiair|alternance|alternant(?:e)?|azubi|ausbildung|becari[oa]|pr[aá]cticas|"
    r"20\d\d intern)\b"
)
_EXECUTIVE = (
    r"\b(?:chief (?:[\w&]+ ){0,3}officer|chief executive|(?<!assistant )(?<!associate )vice president|"
    r"(?<!vice )president|ceo|cto|cfo|coo|cio|ciso|cmo|chro|cxo|c-level|c-suite|"
    r"managing director|executive director|director general|general partner|managing partner|"
    r"equity partner|co-?founder|founder|geschäftsführer(?:in)?|directeur général|directrice générale|"
    r"country (?:manager|head))\b|^partner(?:$|\s*[,(-])|[,(-] ?partner\s*\)?$"
)
_DIRECTOR = (
    r"\b(?:director|directors|directeur|directrice|directora|head of|head,|head -|dean|"
    r"(?:assistant|associate) vice president|associate partner|associate general counsel|"
    r"abteilungsleiter(?:in)?|bereichsleiter(?:in)?|leiter(?:in)? (?:der |des )?\w+|chief of staff|"
    r"general manager|department head)\b|^head(?:$|\s*[,-])|\bhead$"
)
_STAFF_LADDER = (
    r"(?=.*\b(?:engineer|engineering|developer|scientist|designer|researcher|architect|analyst|technologist|"
    r"sre|programmer|software|product|data|ml|ux)\b)"
)
_NOT_STAFF = r"(?! (?:accountant|auditor|nurse|attorney|writer|member|pharmacist|physician|accounting|assistant))"

# (level, confidence, pattern), highest roles first: the first that matches decides.
_TITLE_RULES: tuple[tuple[Seniority, float, re.Pattern[str]], ...] = tuple(
    (level, confidence, re.compile(pattern))
    for level, confidence, pattern in (
        (Seniority.INTERN, TITLE_CONFIDENCE, _INTERN + r"|\b(?:working student|werkstudent(?:in)?|student intern)\b"),
        (Seniority.EXECUTIVE, TITLE_CONFIDENCE, _EXECUTIVE),
        (Seniority.DIRECTOR, TITLE_CONFIDENCE, _DIRECTOR),
        (
            Seniority.PRINCIPAL,
            TITLE_CONFIDENCE,
            r"\b(?:principal|distinguished|(?:technical|engineering|senior|distinguished) fellow|chief architect|"
            r"chief engineer|chief scientist)\b",
        ),
        (Seniority.STAFF, TITLE_CONFIDENCE, rf"\bstaff\b{_NOT_STAFF}{_STAFF_LADDER}|[,(-] ?staff\b{_NOT_STAFF}"),
        (
            Seniority.LEAD,
            TITLE_CONFIDENCE,
            r"\b(?:team lead(?:er)?|tech(?:nical)? lead|lead(?! generation| gen\b)|leader|supervisor|"
            r"supervisory|foreman|forewoman|foreperson|superintendent|charge nurse|teamleiter(?:in)?|"
            r"teamlead|chef d'équipe|group (?:product|program) manager|head (?:chef|nurse|teacher|coach))\b",
        ),
    )
)
_ARCHITECT = re.compile(r"\barchitect\b")
_BELOW_ARCHITECT = re.compile(r"\b(?:junior|graduate|entry|associate|trainee|apprentice)\b")
_MANAGER = re.compile(r"\b(?:manager|managerin|managers|gerente|responsable|co-manager)\b")
_JOB_NAME_MANAGER = re.compile(rf"\b(?:{_JOB_NAME_MANAGERS}) manager\b")
_LOWER_RULES: tuple[tuple[Seniority, float, re.Pattern[str]], ...] = tuple(
    (level, confidence, re.compile(pattern))
    for level, confidence, pattern in (
        (Seniority.SENIOR, TITLE_CONFIDENCE, r"\b(?:senior|expert|experte|expertin)\b"),
        (Seniority.SENIOR, 0.7, r"\b(?:associate|full) professor\b"),
        (Seniority.MID, 0.7, r"\bassistant professor\b"),
        (
            Seniority.MID,
            TITLE_CONFIDENCE,
            r"\b(?:mid[- ]?level|mid[- ]senior|mid(?![- ]?(?:market|size|west|atlantic|day|career))|middle|"
            r"intermediate|medior)\b",
        ),
        (Seniority.JUNIOR, TITLE_CONFIDENCE, r"\b(?:junior|débutant(?:e)?)\b"),
        (
            Seniority.ENTRY,
            TITLE_CONFIDENCE,
            r"\b(?:entry[- ]level|entry|graduate|grad|new[- ]grad(?:uate)?|early[- ]career|campus|university hire|"
            r"berufseinsteiger(?:in)?|absolvent(?:in)?|recent graduate)\b",
        ),
    )
)
_NUMBER_WORDS = {
    "i": Seniority.ENTRY,
    "1": Seniority.ENTRY,
    "ii": Seniority.MID,
    "2": Seniority.MID,
    "iii": Seniority.SENIOR,
    "3": Seniority.SENIOR,
    "iv": Seniority.SENIOR,
    "4": Seniority.SENIOR,
    "v": Seniority.STAFF,
    "5": Seniority.STAFF,
}
# "Engineer II", "Analyst I", "Level 2"; a roman numeral ends the role phrase, a digit follows a role noun.
_NUMBERED = re.compile(
    r"\b(?:level|grade|lvl)\s*(?P<level>[1-5]|iv|v|i{1,3})\b"
    r"|\b[a-z]{3,}\s+(?P<roman>iv|v|i{1,3})(?=\s*(?:$|[,(/|:;-]))"
    r"|\b(?:engineer|developer|programmer|scientist|analyst|specialist|technician|accountant|consultant|"
    r"administrator|designer|associate|representative|coordinator|architect|researcher|auditor|recruiter)"
    r"\s*(?P<digit>[1-5])\b"
)
_ASSOCIATE = re.compile(r"\bassociate\b")
# "Associate" that ends the role phrase is the job itself ("Sales Associate"); alone it is a rank.
_ASSOCIATE_AS_JOB = re.compile(r"\b(?P<before>[a-z][\w -]*?) associate(?=\s*(?:$|[,(/|:;-]|\bat\b|\bfor\b))")
# Job names whose level words are part of the name ("Staff Accountant", "Executive Assistant").
_JOB_NAMES = re.compile(
    rf"\b(?:staff(?:/\w+)? accountant|staff auditor|executive assistant|account executive|assistant (?:\w+ )?manager|"
    rf"(?:{_JOB_NAME_MANAGERS}) manager)\b"
)


def normalise_title(title: str) -> str:
    """The title in lower case with abbreviations written out ("Sr. Mgr" → "senior manager")."""
    text = title.lower()
    for pattern, replacement in _ABBREVIATIONS:
        text = pattern.sub(replacement, text)
    return text.strip()


def _range_level(text: str) -> TitleLevel | None:
    match = _RANGE.search(text)
    if match is None:
        return None
    levels = [_RANGE_WORDS[word] for word in _RANGE_PART.findall(match.group())]
    lowest = min(levels, key=SENIORITY_ORDER.__getitem__)
    return TitleLevel(lowest, TITLE_CONFIDENCE - 0.1, match.group())


def title_level(title: str) -> TitleLevel | None:
    """What a job posting's title says about the level (see the module doc), or None."""
    text = normalise_title(title)
    if not text:
        return None
    if _IC_NOUN.search(text):
        text = _VICE_PRESIDENT.sub(" ", text)  # a grade at a bank: the other words say the level
    for level, confidence, pattern in _TITLE_RULES[:1]:
        match = pattern.search(text)
        if match:
            return TitleLevel(level, confidence, match.group().strip(" ,(-)"))
    in_range = _range_level(text)
    if in_range is not None:
        return in_range
    for level, confidence, pattern in _TITLE_RULES[1:]:
        match = pattern.search(text)
        if match:
            return TitleLevel(level, confidence, match.group().strip(" ,(-)"))
    architect = _ARCHITECT.search(text)
    if architect and not _BELOW_ARCHITECT.search(text):
        return TitleLevel(Seniority.PRINCIPAL, NUMBERED_CONFIDENCE, architect.group())
    manager = _MANAGER.search(text)
    if manager and not _JOB_NAME_MANAGER.search(text) and not _JOB_NAMES.search(text):
        return TitleLevel(Seniority.LEAD, MANAGER_CONFIDENCE, manager.group())
    for level, confidence, pattern in _LOWER_RULES:
        match = pattern.search(text)
        if match:
            return TitleLevel(level, confidence, match.group().strip())
    numbered = _NUMBERED.search(text)
    if numbered:
        number = numbered.group("level") or numbered.group("roman") or numbered.group("digit")
        return TitleLevel(_NUMBER_WORDS[number], NUMBERED_CONFIDENCE, numbered.group().strip())
    if _ASSOCIATE.search(text):
        as_job = _ASSOCIATE_AS_JOB.search(text)
        if as_job is None:
            return TitleLevel(Seniority.JUNIOR, ASSOCIATE_CONFIDENCE, "associate")
        return TitleLevel(Seniority.UNSPECIFIED, 0.0, as_job.group().strip(), stated=False)
    job_name = _JOB_NAMES.search(text)
    if job_name:
        return TitleLevel(Seniority.UNSPECIFIED, 0.0, job_name.group(), stated=False)
    return None


# A resume's title: the highest level word wins, any manager is a lead, an assistant is junior, a student
# entry level; an architect, a professor or a consultant names no level.
_RESUME_RULES: tuple[tuple[Seniority, re.Pattern[str]], ...] = tuple(
    (level, re.compile(pattern))
    for level, pattern in (
        (Seniority.INTERN, _INTERN),
        (Seniority.ENTRY, r"\b(?:students?|undergraduate|working student|werkstudent(?:in)?)\b"),
        (Seniority.EXECUTIVE, _EXECUTIVE + r"|\b(?:owner|co-owner|partner)\b"),
        (Seniority.DIRECTOR, _DIRECTOR),
        (
            Seniority.LEAD,
            r"\b(?:team lead(?:er)?|tech(?:nical)? lead|lead|leader|supervisor|foreman|superintendent|manager|"
            r"managerin|co-manager|gerente|responsable|teamleiter(?:in)?)\b",
        ),
        (Seniority.PRINCIPAL, r"\b(?:principal|distinguished)\b"),
        (Seniority.STAFF, rf"\bstaff\b{_NOT_STAFF}{_STAFF_LADDER}"),
        (Seniority.SENIOR, r"\b(?:senior|expert)\b"),
        (Seniority.MID, r"\b(?:mid[- ]?level|intermediate|medior)\b"),
        (Seniority.JUNIOR, r"\b(?:junior|assistant)\b|^associate\b|\bassociate (?=\w)(?!.*\bassociate$)"),
        (Seniority.ENTRY, r"\b(?:entry[- ]level|graduate|new grad)\b|\b[a-z]{3,} i$"),
    )
)
_NOT_RESUME_LEVELS = re.compile(r"\baccount executive\b|\bstaff (?:accountant|nurse)\b")


def resume_title_level(title: str) -> TitleLevel | None:
    """What a title on a resume says about the level (the highest level word in it), or None."""
    text = _NOT_RESUME_LEVELS.sub(" ", normalise_title(title))
    for level, pattern in _RESUME_RULES:
        match = pattern.search(text)
        if match:
            return TitleLevel(level, TITLE_CONFIDENCE, match.group().strip())
    return None


# -- years -------------------------------------------------------------------------------------------------

# Scraped descriptions glue words together ("preferred5+ years") and write "one or more years"; both are
# spelled the way `find_years` reads before it runs.
_GLUED_NUMBER = re.compile(r"(?<=[a-z:;)])(?=\d{1,2}\s*\+?\s*(?:-|–|to)?\s*\d{0,2}\s*\+?\s*(?:years?|yrs?)\b)")
_OR_MORE = Caseless(r"\b(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten) or more (?P<unit>years?)\b")
_WORD_THEN_DIGIT = Caseless(
    r"\b(?P<word>one|two|three|four|five|six|seven|eight|nine|ten) (?P<n>\d{1,2}) (?P<unit>years?)\b"
)
# "a leader ... with over 35 years of experience": the company's years, not the ones asked of a candidate.
_COMPANY_YEARS = re.compile(
    r"\b(?:we|we've|we're|our|us|company|companies|firm|leader|founded|history|established|serving|in business|"
    r"organization has|has been|have been|proudly|since)\b",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"[.!?\n]\s*(?=[^.!?\n]*$)")
# Years under a "Preferred" heading or followed by "a plus" are wished for, not asked: required ones come first.
_PREFERRED = re.compile(
    r"\b(?:prefer(?:red|s|ably)?|nice[- ]to[- ]have|bonus|desired|desirable|ideally|a plus|pluses|advantageous)\b",
    re.IGNORECASE,
)
_REQUIRED = re.compile(
    r"\b(?:requir(?:ed|es|ements?)|must|minimum|basic qualifications|essential|what you need|qualifications)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]")
MAX_ASKED_YEARS = 20


@dataclass(frozen=True)
class _Years:
    years: float
    company: bool  # the company's own years ("with over 35 years of experience"), or implausibly many
    preferred: bool


def _years_statements(description: str, read: Sequence[YearsStatement] | None = None) -> list[_Years]:
    """Each years statement of a description, in order; `read` is `find_years(description)` when the caller has it."""
    text = _GLUED_NUMBER.sub(" ", description)
    text = _OR_MORE.sub(lambda m: f"{m.group('n')}+ {m.group('unit')}", text)
    text = _WORD_THEN_DIGIT.sub(lambda m: f"{m.group('word')} ({m.group('n')}) {m.group('unit')}", text)
    found = []
    for statement in read if read is not None and text == description else find_years(text):
        before = text[max(0, statement.start - 300) : statement.start]
        sentence_start = _SENTENCE_START.search(before[-200:])
        sentence = before[-200:][sentence_start.end() :] if sentence_start else before[-200:]
        company = statement.text.lower().startswith(("over", "more than")) and bool(_COMPANY_YEARS.search(sentence))
        end = _SENTENCE_END.search(text, statement.end, statement.end + 160)
        after = text[statement.end : end.start() if end else statement.end + 160]
        if _PREFERRED.search(after) or _REQUIRED.search(after):
            preferred = bool(_PREFERRED.search(after)) and not _REQUIRED.search(after)
        else:
            last_preferred = max((m.end() for m in _PREFERRED.finditer(before)), default=-1)
            last_required = max((m.end() for m in _REQUIRED.finditer(before)), default=-1)
            preferred = last_preferred > last_required
        found.append(_Years(statement.years, company or statement.years > MAX_ASKED_YEARS, preferred))
    return found


def asked_years(description: str) -> list[float]:
    """The years of experience a description asks for, required ones first, each in the order stated:
    `find_years` on the text with glued numbers separated ("preferred5+ years", "one or more years"), leaving
    out the company's own years ("with over 35 years of experience investing in people") and anything over
    20."""
    statements = [statement for statement in _years_statements(description) if not statement.company]
    return [s.years for s in statements if not s.preferred] + [s.years for s in statements if s.preferred]


def posting_years(
    min_years: float | None, description: str, read: Sequence[YearsStatement] | None = None
) -> float | None:
    """The minimum years a posting asks for: among the required statements of the description (else the
    preferred ones), the extractor's (`min_years`) when it is one of them, else the first; the extractor's
    alone when the description states no years at all and they are plausible. `read` is `find_years(description)`
    when the caller has it."""
    every = _years_statements(description, read)
    statements = [statement for statement in every if not statement.company]
    for group in ([s.years for s in statements if not s.preferred], [s.years for s in statements if s.preferred]):
        if group:
            return min_years if min_years in group else group[0]
    if min_years is not None and not every and min_years <= MAX_ASKED_YEARS:
        return min_years
    return None


def years_level(years: float) -> Seniority:
    """The level the minimum years of a job point to: <1 entry, 1 junior, 2-4 mid, 5+ senior (higher levels
    need a title or the scope to say so)."""
    if years < 1:
        return Seniority.ENTRY
    if years < 2:
        return Seniority.JUNIOR
    if years < 5:
        return Seniority.MID
    return Seniority.SENIOR


def resume_years_level(years: float) -> Seniority:
    """Total years of a resume, on the same steps as a job's minimum years."""
    return years_level(years)


# -- wording and scope -------------------------------------------------------------------------------------

_WORDING: tuple[tuple[Seniority, Caseless], ...] = tuple(
    (level, Caseless(pattern))
    for level, pattern in (
        (Seniority.INTERN, r"\b(?:internship|intern program|working student|currently (?:enrolled|studying))\b"),
        (
            Seniority.ENTRY,
            r"\b(?:entry[\s-]level|new[\s-]grads?|recent (?:college |university )?graduates?|graduate (?:program|role|"
            r"position)|early[\s-]career|no (?:prior |professional )?experience (?:is )?(?:required|needed|necessary)|"
            r"first (?:job|role) in)\b",
        ),
        (Seniority.JUNIOR, r"\bjunior (?:role|position|developer|engineer|level)\b"),
        (
            Seniority.SENIOR,
            r"\b(?:mentor(?:ing)? (?:junior|other|less experienced|engineers|developers)|senior (?:role|position|"
            r"engineer|developer|level)|technical leadership|lead (?:the )?(?:design|architecture)|"
            r"own(?:ing)? (?:the )?architecture|seasoned|take (?:full )?ownership of|"
            r"(?:trusted )?(?:advisor|adviser) to (?:our |the )?(?:ciso|cto|cio|executives?|leadership)|"
            r"advis(?:e|ing) (?:our |the )?(?:ciso|cto|cio|executives?|leadership)|"
            r"set(?:ting)? (?:and maintaining )?(?:the )?(?:technical )?(?:direction|standards|strategy)|"
            r"(?:set|setting|shape|shaping) (?:the )?technical (?:direction|strategy|vision))\b",
        ),
        (
            Seniority.LEAD,
            r"\b(?:manag(?:e|ing) (?:a|the|our) (?:\w+ )?team|people management|people manager|direct reports|"
            r"line management|line manag(?:e|ing)|hire and grow|grow the team|performance reviews|"
            r"supervis(?:e|ing) (?:a|the) (?:\w+ )?(?:team|staff))\b",
        ),
    )
)
# With 8+ years and no title word, reach across teams makes a staff engineer.
_STAFF_SCOPE = re.compile(
    r"\b(?:cross[\s-]team|org(?:anization)?[\s-]wide|company[\s-]wide|(?:set|setting|shape|shaping) "
    r"(?:the )?technical (?:direction|strategy|vision)|staff[\s-]level|across (?:multiple|several) teams|"
    r"own(?:ing)? (?:the |a )?technical roadmap)\b",
    re.IGNORECASE,
)
# Scope that only a director or an executive has.
_REPORTS_TO_TOP = re.compile(
    r"\breport(?:s|ing)? (?:directly )?(?:in)?to (?:the |our )?(?:ceo|cto|cfo|coo|cio|founders?|co-founders?|"
    r"president|chief \w+ officer|board|managing director|vp|vice president|svp|evp)\b",
    re.IGNORECASE,
)
_RUNS_A_FUNCTION = re.compile(
    r"\b(?:lead|leads|leading|head|heads|build and lead|run|runs|oversee|oversees|overseeing) (?:the |our |a |an )?"
    r"(?:\w+ )?(?:\w+ )?(?:function|department|organi[sz]ation|division|practice|business unit)\b|"
    r"\b(?:manage|managing|lead|leading) (?:a team of )?managers\b|\bmanagers? of managers\b|"
    r"\b(?:own|owns|owning|manage|managing|responsible for) (?:the |a |an )?(?:departmental |annual |"
    r"operating )?budget\b",
    re.IGNORECASE,
)
_EXECUTIVE_SCOPE = re.compile(
    r"\b(?:p&l (?:responsibility|ownership|accountability)|(?:own|owns|owning|full|responsibility for the) p&l|"
    r"member of the (?:executive|senior leadership) (?:team|committee)|executive (?:leadership )?team member|"
    r"c-suite)\b",
    re.IGNORECASE,
)
# "We are looking for a Senior Engineer": a level named in the description's opening.
_HIRING_FOR = re.compile(
    r"\b(?:looking for|seeking|hiring|searching for|recruiting)\s+(?:an?|our)\s+(?:(?:highly |talented |"
    r"motivated |experienced )?)(?P<title>[\w &/-]{3,60})",
    re.IGNORECASE,
)
# Where the role's name ends in "looking for a Senior Engineer to join our team".
_TITLE_END = re.compile(r"\b(?:to|who|with|that|for|in|at|on|and|who's|whose|as)\b", re.IGNORECASE)


def wording_level(text: str) -> tuple[Seniority, str] | None:
    """The level the description's wording points to most often (ties: the higher level), or None."""
    best: tuple[int, int, Seniority, str] | None = None
    for rank, (level, pattern) in enumerate(_WORDING):
        matches = [match.span() for match in pattern.finditer(text)]
        if matches:
            candidate = (len(matches), rank, level, text[matches[0][0] : matches[0][1]])
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return (best[2], best[3]) if best else None


def scope_level(text: str, min_years: float | None) -> tuple[Seniority, str] | None:
    """The level the scope of the role implies (executive, director, lead, staff), with the words that say
    so, or None."""
    top = _REPORTS_TO_TOP.search(text)
    executive = _EXECUTIVE_SCOPE.search(text)
    function = _RUNS_A_FUNCTION.search(text)
    if executive and (top or function) and (min_years is None or min_years >= 8):
        words = [executive.group()] + [m.group() for m in (top, function) if m and m.group() != executive.group()]
        return Seniority.EXECUTIVE, "; ".join(f'"{w}"' for w in words[:2])
    if function and (top or executive):
        second = top or executive
        assert second is not None
        return Seniority.DIRECTOR, f'"{function.group()}"; "{second.group()}"'
    wording = wording_level(text)
    if wording is not None and wording[0] is Seniority.LEAD and (min_years is None or min_years >= 3):
        return Seniority.LEAD, f'"{wording[1]}"'
    staff = _STAFF_SCOPE.search(text)
    if staff is not None and min_years is not None and min_years >= 8:
        return Seniority.STAFF, f'"{staff.group()}"'
    return None


def _hiring_for_level(description: str) -> TitleLevel | None:
    """A level named where the opening says who is being hired ("looking for a Senior Engineer")."""
    match = _HIRING_FOR.search(description[:600])
    if match is None:
        return None
    found = title_level(_TITLE_END.split(match.group("title"), maxsplit=1)[0])
    return found if found is not None and found.stated else None


# -- the zone prior ----------------------------------------------------------------------------------------

_ZONE_LEVEL = {
    1: Seniority.ENTRY,
    2: Seniority.JUNIOR,
    3: Seniority.MID,
    4: Seniority.MID,
    5: Seniority.SENIOR,
}


def zone_level(job_zone: int | None) -> Seniority | None:
    """The level an O*NET job zone (1-5, the preparation an occupation needs) suggests, or None."""
    return _ZONE_LEVEL.get(job_zone) if job_zone is not None else None


def _zone_estimate(job_zone: int | None, fallback_reason: str) -> SeniorityEstimate:
    level = zone_level(job_zone)
    if level is None:
        return SeniorityEstimate(reason=fallback_reason)
    return SeniorityEstimate(
        level=level,
        confidence=ZONE_CONFIDENCE,
        reason=f"{fallback_reason}; the matched occupation is in O*NET job zone {job_zone}, usually {level.value}",
    )


# -- putting it together -----------------------------------------------------------------------------------


def _gap(a: Seniority, b: Seniority) -> int:
    return abs(SENIORITY_ORDER[a] - SENIORITY_ORDER[b])


def _years_text(years: float) -> str:
    return f"{years:g}"


def _clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 2)


def _weighed_by_years(
    level: Seniority,
    confidence: float,
    reason: str,
    years: float | None,
    *,
    agrees: str,
    disagrees: str,
    penalty: float,
) -> SeniorityEstimate:
    """A level a title says, weighed against the level the years point to (when there are years): +0.05 when
    they agree (5+ years agree with any level from senior up), -`penalty` when two or more levels apart, the
    reason saying so (`agrees` and `disagrees` are formatted with `years` and the years' `level`)."""
    if years is not None:
        by_years = years_level(years)
        gap = _gap(level, by_years)
        if gap == 0 or (by_years is Seniority.SENIOR and SENIORITY_ORDER[level] > SENIORITY_ORDER[by_years]):
            confidence += 0.05
            reason += agrees.format(years=_years_text(years), level=by_years.value)
        elif gap >= 2:
            confidence -= penalty
            reason += disagrees.format(years=_years_text(years), level=by_years.value)
    return SeniorityEstimate(level=level, confidence=_clamp(confidence), reason=reason)


_JOB_AGREES = "; asks for {years}+ years, which agrees"
_JOB_DISAGREES = "; but asks for {years}+ years, which points to {level}"


def job_seniority(
    title: str,
    *,
    min_years: float | None = None,
    description: str = "",
    job_zone: int | None = None,
    years_checked: bool = False,
) -> SeniorityEstimate:
    """The seniority of a job posting (see the module doc). `min_years` is what the extractor read, checked
    against the description here (`posting_years`) unless `years_checked` says the caller did; `job_zone` is
    the O*NET job zone (1-5) of the occupation the title matched, when there is one."""
    if not years_checked:
        min_years = posting_years(min_years, description)
    from_title = title_level(title)
    if from_title is not None and from_title.stated:
        return _weighed_by_years(
            from_title.level,
            from_title.confidence,
            f'title "{title.strip()}" says {from_title.level.value} ("{from_title.words}")',
            min_years,
            agrees=_JOB_AGREES,
            disagrees=_JOB_DISAGREES,
            penalty=0.15,
        )
    no_level = (
        f'title "{title.strip()}" names a job ("{from_title.words}"), not a level'
        if from_title is not None
        else "no level in the title"
    )

    scope = scope_level(description, min_years) if description else None
    if scope is not None:
        level, words = scope
        reason = f"{no_level}; the role's scope says {level.value} ({words})"
        if min_years is not None:
            reason += f"; asks for {_years_text(min_years)}+ years"
        return SeniorityEstimate(level=level, confidence=SCOPE_CONFIDENCE, reason=reason)

    wording = wording_level(description) if description else None
    if min_years is not None:
        level = years_level(min_years)
        confidence = YEARS_CONFIDENCE - (0.1 if min_years >= 8 else 0.0)
        reason = f"{no_level}; asks for {_years_text(min_years)}+ years of experience"
        if wording is not None and wording[0] is level:
            confidence += 0.1
            reason += f'; wording agrees ("{wording[1]}")'
        return SeniorityEstimate(level=level, confidence=_clamp(confidence), reason=reason)

    hiring_for = _hiring_for_level(description) if description else None
    if hiring_for is not None:
        return SeniorityEstimate(
            level=hiring_for.level,
            confidence=YEARS_CONFIDENCE,
            reason=f'{no_level}; the description hires for {hiring_for.level.value} ("{hiring_for.words}")',
        )
    if wording is not None:
        return SeniorityEstimate(
            level=wording[0],
            confidence=WORDING_CONFIDENCE,
            reason=f'{no_level} and no years asked; wording: "{wording[1]}"',
        )
    return _zone_estimate(job_zone, f"{no_level}, no years of experience asked, no telling wording")


def resume_seniority(
    recent_titles: Sequence[str], total_years: float | None, *, job_zone: int | None = None
) -> SeniorityEstimate:
    """The seniority a resume shows (see the module doc); `recent_titles` newest first; `job_zone` is the
    O*NET job zone (1-5) of the newest title's occupation, when there is one."""
    if total_years == 0 and not recent_titles:
        total_years = None  # nothing dated was counted
    newest = resume_title_level(recent_titles[0]) if recent_titles else None
    if newest is not None:
        return _weighed_by_years(
            newest.level,
            0.8,
            f'most recent title "{recent_titles[0]}" says {newest.level.value} ("{newest.words}")',
            total_years,
            agrees="; {years} years of experience agree",
            disagrees="; but {years} years of experience",
            penalty=0.2,
        )
    if total_years is not None:
        level = resume_years_level(total_years)
        which = f'most recent title "{recent_titles[0]}" names no level' if recent_titles else "no titles read"
        return SeniorityEstimate(
            level=level, confidence=0.55, reason=f"{_years_text(total_years)} years of dated experience; {which}"
        )
    for title in recent_titles[1:]:
        older = resume_title_level(title)
        if older is not None:
            return SeniorityEstimate(
                level=older.level,
                confidence=0.5,
                reason=f'an earlier title "{title}" says {older.level.value} ("{older.words}"); no dated experience',
            )
    return _zone_estimate(job_zone, "no level in the titles and no dated experience")

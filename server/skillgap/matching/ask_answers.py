"""The offline answer to a question about one job and one resume: the answer to what was asked, from the gap
analysis, the job's details and the lines of both texts that speak to it (`ask_passages`).

Each intent of `questions` has its answer. What the texts do not say is said plainly ("The posting does not
mention video streaming."); the skill delta lists only what the resume does not show (missing or partial), and
what it shows only outside the skills and experience as a line to add; a question outside what the texts can
answer gets a sentence saying so and what can be asked instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from skillgap.jobs.models import Salary
from skillgap.matching.ask_passages import Found, Passage
from skillgap.matching.assess import years_short
from skillgap.matching.models import CoverageStatus, GapAnalysis, GapItem
from skillgap.matching.questions import Intent, Question
from skillgap.skills.models import RequirementLevel, SkillCategory
from skillgap.skills.taxonomy import Taxonomy

__all__ = ["OUT_OF_SCOPE", "offline_answer"]

MAX_SKILLS_ANSWERED: Final = 3
OUT_OF_SCOPE: Final = (
    "I can only answer questions about this job posting and your resume, and they do not answer that one. "
    'You could ask: "Am I a good fit?", "What am I missing?", "Is Kafka required?" or "Is it remote?"'
)
INSTRUCTIONS_REFUSED: Final = (
    "I only answer questions about this job posting and your resume; I do not follow instructions given in a question."
)
_WORKPLACE: Final = {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}
_INTERVAL: Final = {"hour": "an hour", "day": "a day", "week": "a week", "month": "a month", "year": "a year"}
_ASKS_REQUIRED: Final = re.compile(r"\b(?:required|requirement|need|needed|must|mandatory|essential)\b", re.I)
_DELTA: Final = (CoverageStatus.MISSING, CoverageStatus.PARTIAL)

Answer = Callable[[Question, GapAnalysis, Found, Taxonomy], str]


def offline_answer(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    return _ANSWERS[question.intent](question, analysis, found, taxonomy)


def _level(item: GapItem) -> str:
    return "required" if item.assessment.level is RequirementLevel.REQUIRED else "nice to have"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def _quotes(passages: Sequence[Passage], limit: int = 2) -> str:
    return " ".join(p.quote for p in passages[:limit])


# --- the candidate against the job -------------------------------------------------------------------------


def _gaps(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    delta = [i for i in analysis.items if i.assessment.status in _DELTA]
    unlisted = [i for i in analysis.items if i.assessment.status is CoverageStatus.UNLISTED]
    if not analysis.items:
        parts = ["SkillGap read no skills in this posting, so there is no skill delta to show."]
    elif not delta:
        parts = ["No skill delta for this job: your resume shows every skill it asks for."]
    else:
        listed = []
        for item in delta:
            a = item.assessment
            if a.status is CoverageStatus.PARTIAL and a.related is not None:
                related = f"partial: you show {a.related.name}, which it builds on"
                listed.append(f"{a.skill.name} ({_level(item)}; {related})")
            else:
                listed.append(f"{a.skill.name} ({_level(item)})")
        parts = [f"Your skill delta for this job, what your resume does not show: {', '.join(listed)}."]
    if unlisted:
        names = ", ".join(i.assessment.skill.name for i in unlisted)
        parts.append(f"Add to your resume: {names}. You have it, but only outside your skills and experience.")
    parts.extend(analysis.match.caveats)
    return " ".join(parts)


def _learn_first(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    learnable = [i for i in analysis.items if i.assessment.status in _DELTA][:3]
    unlisted = [i.assessment.skill.name for i in analysis.items if i.assessment.status is CoverageStatus.UNLISTED]
    if not learnable:
        answer = "Nothing to learn for this job: your resume shows every skill it asks for."
        return answer + (f" Add {', '.join(unlisted)} to your skills section." if unlisted else "")
    lines = ["Learn in this order:"]
    for rank, gap in enumerate(learnable, start=1):
        first = f" {_sentence(gap.actions[0])}" if gap.actions else ""
        link = f" Start with {gap.resources[0].title} ({gap.resources[0].url})." if gap.resources else ""
        lines.append(f"{rank}. {gap.assessment.skill.name} ({_level(gap)}).{first}{link}")
    if unlisted:
        lines.append(f"And add {', '.join(unlisted)} to your skills section: you have it already.")
    return " ".join(lines)


def _fit(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    match = analysis.match
    b = match.breakdown
    parts = [f"Your match score is {match.score:.0f}/100, the sum of four parts."]
    for label, part in (
        ("Required skills", b.required_coverage),
        ("Meaning (how close the texts are)", b.semantic_similarity),
        ("Seniority", b.seniority_fit),
        ("Nice-to-have skills", b.nice_to_have_coverage),
    ):
        if part.weight > 0:
            parts.append(f"{label}: {part.points:.0f} of {part.weight * 100:.0f} points ({part.explanation}).")
        else:
            parts.append(f"{label}: not counted ({part.explanation}).")
    first = next((i for i in analysis.items if i.assessment.status in _DELTA), None)
    if first is not None:
        parts.append(f"What would raise it most: {first.assessment.skill.name} ({_level(first)}).")
    parts.extend(match.caveats)
    return " ".join(parts)


def _seniority(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    match = analysis.match
    fit = match.breakdown.seniority_fit
    parts = [f"Seniority fit {fit.value:.0%}: {fit.explanation}." if fit.weight > 0 else f"{fit.explanation}."]
    job_skills = match.job.skills
    if job_skills is not None and job_skills.seniority.reason:
        parts.append(f"The posting reads as {job_skills.seniority.level.value}: {job_skills.seniority.reason}.")
    if job_skills is not None and job_skills.min_years_experience is not None:
        parts.append(f"It asks for {job_skills.min_years_experience:g}+ years of experience.")
    parts += [i.summary for i in analysis.items if years_short(i.assessment)][:2]
    return " ".join(parts)


def _skill(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    # all_items: soft skills are listed apart from `items`, but a question may name one.
    by_id = {i.assessment.skill.skill_id: i for i in analysis.all_items if i.assessment.skill.skill_id}
    answers = []
    for skill_id, name in list(zip(question.skill_ids, question.skill_words, strict=True))[:MAX_SKILLS_ANSWERED]:
        item = by_id.get(skill_id)
        if item is not None:
            verdict = ""
            if _ASKS_REQUIRED.search(question.text) and len(question.skill_ids) == 1:
                verdict = "Yes. " if item.assessment.level is RequirementLevel.REQUIRED else "Not required. "
            answers.append(verdict + _asked_skill(item, found, taxonomy))
            continue
        in_job = found.for_skill(skill_id, taxonomy, section="job")
        if in_job is None and len(question.skill_ids) == 1:
            # Named in other words ("we stream live video" for video streaming).
            in_job = next((p for p in found.job if p.full and p.words), None)
        if in_job is not None:
            answer = f"The posting mentions {name}, though not as a skill it asks of you: {in_job.quote}."
        else:
            answer = f"The posting does not mention {name}, so this job does not ask for it."
        in_resume = found.for_skill(skill_id, taxonomy, section="resume")
        if in_resume is not None:
            answer += f" Your resume shows it: {in_resume.quote}."
        answers.append(answer)
    return " ".join(answers)


def _asked_skill(item: GapItem, found: Found, taxonomy: Taxonomy) -> str:
    a = item.assessment
    name = a.skill.name
    years = f", {a.years_asked:g}+ years" if a.years_asked is not None else ""
    job_line = found.for_skill(a.skill.skill_id, taxonomy, section="job")
    said = f": the posting says {job_line.quote}" if job_line is not None else ""
    parts = [f"{name} is {_level(item)} for this job{years}{said}."]
    resume_line = found.for_skill(a.skill.skill_id, taxonomy, section="resume")
    if a.status is CoverageStatus.PARTIAL and a.related is not None:
        related = found.for_skill(a.related.skill_id, taxonomy, section="resume")
        shown = f": {related.quote}" if related is not None else ""
        parts.append(f"Your resume shows {a.related.name}, which {name} builds on, but not {name} itself{shown}.")
    elif a.status is CoverageStatus.MISSING:
        parts.append("Your resume does not show it.")
    elif a.status is CoverageStatus.UNLISTED:
        shown = f": {resume_line.quote}" if resume_line is not None else ""
        parts.append(f"Your resume mentions it only outside your skills and experience{shown}.")
    elif a.related is not None:
        related = found.for_skill(a.related.skill_id, taxonomy, section="resume")
        shown = f": {related.quote}" if related is not None else ""
        parts.append(f"Your resume covers it: {a.via}{shown}.")
    else:
        shown = f": {resume_line.quote}" if resume_line is not None else ""
        parts.append(f"Your resume shows it{shown}.")
    if item.priority > 0:
        parts += [_sentence(action) for action in item.actions[:2]]
    if a.status in _DELTA and item.resources:
        parts.append(f"Start with {item.resources[0].title} ({item.resources[0].url}).")
    return " ".join(parts)


def _interview(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    required = [i for i in analysis.items if i.assessment.level is RequirementLevel.REQUIRED]
    gaps = [i.assessment.skill.name for i in required if i.assessment.status in _DELTA][:3]
    shown = [i.assessment.skill.name for i in required if i.assessment.status not in _DELTA][:4]
    parts = ["Expect questions on what the job requires."]
    if shown:
        parts.append(f"You show {', '.join(shown)}: be ready to explain a design choice you made with each.")
    if gaps:
        parts.append(f"Your resume does not show {', '.join(gaps)}: learn the basics and say honestly how far you got.")
    parts.append("Start a mock interview for this job to practise these, with feedback on each answer.")
    return " ".join(parts)


# --- the job itself ------------------------------------------------------------------------------------------


def _stack(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    technical = [i for i in analysis.items if i.assessment.skill.category is not SkillCategory.SOFT_SKILL]
    if not technical:
        return "SkillGap read no technical skills in this posting. " + (
            f"It says: {_quotes(found.job)}." if found.job else ""
        )
    by_level: dict[str, list[str]] = {"required": [], "nice to have": []}
    for item in technical:
        by_level[_level(item)].append(item.assessment.skill.name)
    said = [f"{', '.join(names)} ({level})" for level, names in by_level.items() if names]
    parts = [f"This job asks for {'; '.join(said)}."]
    missing = [i.assessment.skill.name for i in technical if i.assessment.status in _DELTA]
    if missing:
        parts.append(f"Your resume does not show {', '.join(missing)}.")
    return " ".join(parts)


def _duties(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    if not found.job:
        return "The posting does not describe the work beyond its requirements."
    return f"The posting describes the work as: {_quotes(found.job, 4)}"


def _company(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    company = analysis.match.job.posting.company
    if found.job:
        who = f"The posting is from {company}. " if company else ""
        return f"{who}What it says about the company: {_quotes(found.job, 3)}"
    if company:
        return f"The posting names the company, {company}, and says nothing more about it."
    return "The posting says nothing about the company."


def _workplace(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    posting = analysis.match.job.posting
    kind = _WORKPLACE.get(posting.workplace_type)
    if kind is None:
        if found.job:
            return f"The posting's details do not say; its text says: {_quotes(found.job)}."
        return "The posting does not say whether the job is remote, hybrid or on-site."
    asked = next((k for k, word in _WORKPLACE.items() if k in question.text.lower() or word in question.text.lower()),
                 None)  # fmt: skip
    verdict = "" if asked is None else ("Yes. " if asked == posting.workplace_type else "No. ")
    where = f" ({'; '.join(posting.locations)})" if posting.locations else ""
    answer = f"{verdict}The posting lists this job as {kind}{where}."
    if found.job:
        answer += f" It says: {_quotes(found.job, 1)}."
    return answer


def _salary(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    salary = analysis.match.job.posting.salary
    parts = [f"The posting lists {_money(salary)}."] if salary is not None and _money(salary) else []
    if found.job:
        parts.append(f"It says: {_quotes(found.job)}.")
    if not parts:
        return f"The posting does not mention {question.topic or 'a salary'}."
    return " ".join(parts)


def _money(salary: Salary) -> str:
    unit = f" {salary.currency}" if salary.currency else ""
    per = f" {_INTERVAL.get(salary.interval, 'per ' + salary.interval)}" if salary.interval else ""
    low, high = salary.min_amount, salary.max_amount
    if low is not None and high is not None and low != high:
        return f"a salary of {low:,.0f} to {high:,.0f}{unit}{per}"
    if low is not None:
        return f"a salary {'of' if high == low else 'from'} {low:,.0f}{unit}{per}"
    if high is not None:
        return f"a salary of up to {high:,.0f}{unit}{per}"
    return ""


def _location(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    posting = analysis.match.job.posting
    kind = _WORKPLACE.get(posting.workplace_type)
    parts = []
    if posting.locations:
        parts.append(f"The posting lists {'; '.join(posting.locations)}{f' ({kind})' if kind else ''}.")
    elif kind == "remote":
        parts.append("The posting lists this job as remote, with no location.")
    if found.job:
        parts.append(f"It says: {_quotes(found.job)}.")
    return " ".join(parts) or "The posting does not say where the job is based."


def _employment(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    kind = analysis.match.job.posting.employment_type
    parts = [f"The posting lists it as {kind.replace('_', ' ')}."] if kind != "unspecified" else []
    if found.job:
        parts.append(f"It says: {_quotes(found.job, 1)}.")
    return " ".join(parts) or "The posting does not say whether it is full time, part time or a contract."


def _content(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    topic = question.topic
    answered = [p for p in found.job if p.full]
    if answered:
        parts = [f"On {topic}, the posting says: {_quotes(answered)}."]
    else:
        parts = [f"The posting does not mention {topic}."]
        close = [p for p in found.job if p.words]
        if close:
            words = " and ".join(dict.fromkeys(w for p in close[:2] for w in p.words))
            parts.append(f"It mentions only {words}: {_quotes(close)}.")
    if question.first_person:
        shown = [p for p in found.resume if p.full]
        parts.append(f"Your resume says: {_quotes(shown)}." if shown else f"Your resume does not mention {topic}.")
    return " ".join(parts)


def _out_of_scope(question: Question, analysis: GapAnalysis, found: Found, taxonomy: Taxonomy) -> str:
    return INSTRUCTIONS_REFUSED if question.injected and not question.text else OUT_OF_SCOPE


_ANSWERS: Final[dict[Intent, Answer]] = {
    "fit": _fit,
    "gaps": _gaps,
    "learn_first": _learn_first,
    "seniority": _seniority,
    "skill": _skill,
    "workplace": _workplace,
    "salary": _salary,
    "employment": _employment,
    "location": _location,
    "stack": _stack,
    "duties": _duties,
    "company": _company,
    "content": _content,
    "interview": _interview,
    "out_of_scope": _out_of_scope,
}

"""Plan an interview from the gap analysis of a (resume, job) pair.

Targets, in the order they are asked (the pattern repeats until the plan is full):

    gap, job topic, scenario, experience probe, system design, behavioural, gap, job topic, ...

- gap: a required skill the resume does not show (missing, or only what it builds on), by gap priority;
- job topic: a required skill the resume shows, central to the job: it will be asked about anyway; then the
  bank's technical questions for the job's role families (data, infrastructure, frontend, ...: `JobContext.families`);
- scenario: an incident on the job's own stack ("the consumers of Apache Kafka fall further behind: payments wait
  minutes to be confirmed"), built from the job (`job_questions.py`); skills the resume shows first;
- experience probe: fewer dated years with a required skill than the job asks (the real figures said: years from
  the resume's dated entries, `experience.py`; "fewer" only when they really fall short), a required skill the
  resume lists but no dated job names, a required skill shown only in a side project, or a seniority below the
  job's;
- system design: for jobs from mid level up, about the job's own system (its domain, stack and scale) when the
  posting says enough, else a design question of the bank; behavioural (STAR): every interview with 3 questions
  or more. Of the bank's design and behavioural questions, those for the job's role families come first.

A slot whose target kind has nothing left takes the next kind that has. Difficulty follows the job's
seniority (junior: easy, mid: medium, senior and up: hard), one step easier for a gap (the candidate does
not show the skill yet) and never harder than the job.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from skillgap.interview.bank import BankQuestion, QuestionBank
from skillgap.interview.experience import dated_years
from skillgap.interview.job_context import JobContext, JobTemplates
from skillgap.interview.job_questions import (
    JobQuestion,
    design_question,
    probe_question,
    scenario_question,
    skill_as_said,
)
from skillgap.interview.models import DIFFICULTIES, Difficulty, Question, QuestionKind, Target, TargetKind
from skillgap.matching.models import CoverageStatus, GapAnalysis, GapItem
from skillgap.skills.models import SENIORITY_ORDER, RequirementLevel, ResumeProfile, Seniority, SkillCategory

SENIORITY_PROBE = "probe.seniority"
SIDE_PROJECT_PROBE = "probe.side-project"

PATTERN: tuple[str, ...] = ("gap", "topic", "scenario", "probe", "design", "behavioral", "gap", "topic")
# Incidents on the stack, at most: the same kind of question three times over reads like a template.
MAX_SCENARIOS = 2
FALLBACK_ORDER: tuple[str, ...] = ("gap", "topic", "scenario", "probe", "behavioral", "design")

_JOB_DIFFICULTY: dict[Seniority, Difficulty] = {
    Seniority.INTERN: "easy",
    Seniority.ENTRY: "easy",
    Seniority.JUNIOR: "easy",
    Seniority.MID: "medium",
    Seniority.SENIOR: "hard",
    Seniority.LEAD: "hard",
    Seniority.STAFF: "hard",
    Seniority.PRINCIPAL: "hard",
    Seniority.DIRECTOR: "hard",
    Seniority.EXECUTIVE: "hard",
}


def shifted(difficulty: Difficulty, steps: int) -> Difficulty:
    index = min(max(DIFFICULTIES.index(difficulty) + steps, 0), len(DIFFICULTIES) - 1)
    return DIFFICULTIES[index]


def job_difficulty(analysis: GapAnalysis) -> Difficulty:
    skills = analysis.match.job.skills
    level = skills.seniority.level if skills is not None else Seniority.UNSPECIFIED
    return _JOB_DIFFICULTY.get(level, "medium")


def job_context(analysis: GapAnalysis, templates: JobTemplates) -> JobContext:
    """What the job's own questions are about: its stack, domain and scale."""
    job = analysis.match.job
    return templates.read(job.posting.title, job.posting.description, job.skills)


def plan_interview(
    analysis: GapAnalysis,
    bank: QuestionBank,
    *,
    count: int,
    templates: JobTemplates | None = None,
    profile: ResumeProfile | None = None,
    today: date | None = None,
) -> tuple[Question, ...]:
    """The planned questions, numbered q1, q2, ...; `templates` (the packaged ones by default) build the job's own
    design and scenario questions, `profile` (the resume's) gives the dated years the probes say."""
    base = job_difficulty(analysis)
    templates = templates if templates is not None else JobTemplates.load()
    context = job_context(analysis, templates)
    pools: dict[str, Iterator[Question]] = {
        "gap": _gap_questions(analysis, bank, base),
        "topic": _topic_questions(analysis, bank, base, context.families),
        "scenario": _scenario_questions(analysis, templates, context, base),
        "probe": _probe_questions(analysis, bank, templates, profile, today),
        "design": _design_questions(bank, templates, context, base) if base != "easy" else iter(()),
        "behavioral": _kind_questions(
            bank, "behavioral", base, "job_topic", "how you work with others", families=context.families
        )
        if count >= 3
        else iter(()),
    }
    used: set[str] = set()
    planned: list[Question] = []
    slot = 0
    while len(planned) < count:
        wanted = PATTERN[slot % len(PATTERN)]
        slot += 1
        picked = _next_unused(pools[wanted], used)
        for other in FALLBACK_ORDER:
            if picked is not None:
                break
            picked = _next_unused(pools[other], used)
        if picked is None:
            break  # the bank has nothing left that fits: a shorter interview rather than a repeated question
        used.add(picked.bank_key)
        planned.append(picked.model_copy(update={"question_id": f"q{len(planned) + 1}"}))
    return tuple(planned)


def _next_unused(pool: Iterator[Question], used: set[str]) -> Question | None:
    for candidate in pool:
        if candidate.bank_key not in used:
            return candidate
    return None


def _technical(item: GapItem) -> bool:
    skill = item.assessment.skill
    return bool(skill.skill_id) and skill.category is not SkillCategory.SOFT_SKILL


def _gap_questions(analysis: GapAnalysis, bank: QuestionBank, base: Difficulty) -> Iterator[Question]:
    # Concrete technologies before practices and role words ("backend development"): they make sharper
    # questions, and they are what a screener checks first.
    items = sorted(analysis.items, key=lambda item: item.assessment.skill.category is SkillCategory.PRACTICE)
    for item in items:
        a = item.assessment
        if item.priority <= 0 or a.status not in (CoverageStatus.MISSING, CoverageStatus.PARTIAL):
            continue
        if a.level is not RequirementLevel.REQUIRED or not _technical(item):
            continue
        reason = f"the job requires {a.skill.name}; " + (
            f"the resume shows {a.related.name}, which it builds on" if a.related else "the resume does not show it"
        )
        target = Target(kind="gap", skill=a.skill, reason=reason)
        for question in bank.for_skill(a.skill, difficulty=shifted(base, -1))[:1]:
            yield _question(bank, question, target, skill=a.skill.name)


def _topics(analysis: GapAnalysis) -> list[GapItem]:
    """Required skills the resume shows, those the posting leans on most first: named in the title, or asked for
    in most sentences; concrete technologies before practices."""
    topics = [
        item
        for item in sorted(analysis.items, key=lambda item: item.assessment.skill.category is SkillCategory.PRACTICE)
        if item.priority == 0 and item.assessment.level is RequirementLevel.REQUIRED and _technical(item)
    ]
    topics.sort(
        key=lambda item: (
            not any(e.section == "title" for e in item.assessment.job_evidence),
            -len(item.assessment.job_evidence),
        )
    )
    return topics


def _topic_questions(
    analysis: GapAnalysis, bank: QuestionBank, base: Difficulty, families: tuple[str, ...]
) -> Iterator[Question]:
    """Questions on the job's central skills, then the bank's questions for the job's role families."""
    for item in _topics(analysis):
        a = item.assessment
        target = Target(kind="job_topic", skill=a.skill, reason=f"{a.skill.name} is central to the job")
        for question in bank.for_skill(a.skill, difficulty=base)[:1]:
            yield _question(bank, question, target, skill=a.skill.name)
    for question in bank.of_kind("technical", families=families, difficulty=base):
        if question.families:
            reason = f"the work of a {'/'.join(f for f in question.families if f in families)} role"
            yield _question(bank, question, Target(kind="job_topic", reason=reason))


def _scenario_questions(
    analysis: GapAnalysis, templates: JobTemplates, context: JobContext, base: Difficulty
) -> Iterator[Question]:
    """An incident on each skill of the job's stack: those the resume shows first (the candidate says they have
    them; an incident tests it), then the gaps, one step easier."""
    status = {item.assessment.skill.skill_id: item.assessment.status for item in analysis.items}
    shown = (CoverageStatus.COVERED, CoverageStatus.UNLISTED)
    roles = sorted(context.stack, key=lambda role: status.get(role.skill.skill_id) not in shown)
    for role in roles[:MAX_SCENARIOS]:
        gap = status.get(role.skill.skill_id) not in shown
        reason = f"an incident on the job's own stack: it runs {role.skill.name}" + (
            ", which the resume does not show" if gap else ""
        )
        target = Target(kind="gap" if gap else "job_topic", skill=role.skill, reason=reason)
        yield _built(scenario_question(templates, context, role), target, shifted(base, -1) if gap else base)


def _design_questions(
    bank: QuestionBank, templates: JobTemplates, context: JobContext, base: Difficulty
) -> Iterator[Question]:
    """The design of the job's own system first (its domain, stack and scale); the bank's design questions after
    it, or instead when the posting says too little to build one."""
    built = design_question(templates, context)
    if built is not None:
        about = [context.domain.name] if context.domain is not None else []
        about += [role.skill.name for role in context.stack[:3]]
        reason = "system design for this job" + (f": {', '.join(about)}" if about else "")
        yield _built(built, Target(kind="job_topic", reason=reason), base)
    yield from _kind_questions(
        bank, "system_design", base, "job_topic", "system design for this role", families=context.families
    )


def _years_probe(
    item: GapItem, bank: QuestionBank, templates: JobTemplates, profile: ResumeProfile | None, today: date | None
) -> Question | None:
    """The years probe when the job asks years of the skill and the resume's dated years fall short of them, or
    no dated job names it; None when the dated years are enough (20 dated years of REST for a job asking 8)."""
    a = item.assessment
    if a.years_asked is None or a.status is CoverageStatus.MISSING:
        return None
    # The skill, and the one that implies it when that is how the resume covers it (Django for Python).
    covering = a.related if a.related is not None and a.status is CoverageStatus.COVERED else None
    shown_ids = [a.skill.skill_id] + ([covering.skill_id] if covering is not None else [])
    dated = dated_years(profile, shown_ids, today=today) if profile is not None else None
    years = dated.years if dated is not None else a.years_shown
    if years is not None and years >= a.years_asked:
        return None
    shown = "no dated job that names it" if years is None else _years(years)
    reason = f"the job asks for {a.years_asked:g}+ years of {a.skill.name}; the resume shows {shown}"
    built = probe_question(
        templates,
        skill=skill_as_said(a.skill.name, task=bank.is_task(a.skill.name)),
        skill_id=a.skill.skill_id,
        years_asked=a.years_asked,
        years_shown=years,
        where=dated.where if dated is not None else (),
    )
    return _built(built, Target(kind="experience_mismatch", skill=a.skill, reason=reason), "medium")


def _years(years: float) -> str:
    return f"{years:g} dated year" + ("" if years == 1 else "s")


def _probe_questions(
    analysis: GapAnalysis,
    bank: QuestionBank,
    templates: JobTemplates,
    profile: ResumeProfile | None,
    today: date | None,
) -> Iterator[Question]:
    seniority, side_project = bank.get(SENIORITY_PROBE), bank.get(SIDE_PROJECT_PROBE)
    for item in analysis.items:
        a = item.assessment
        if not _technical(item) or a.level is not RequirementLevel.REQUIRED:
            continue
        probe = _years_probe(item, bank, templates, profile, today)
        if probe is not None:
            yield probe
        elif side_project is not None and a.status is CoverageStatus.UNLISTED:
            sections = " and ".join(sorted({e.section or "other sections" for e in a.resume_evidence}))
            reason = f"the job requires {a.skill.name}; the resume shows it only in {sections}"
            target = Target(kind="experience_mismatch", skill=a.skill, reason=reason)
            yield _question(bank, side_project, target, skill=a.skill.name)
    fit = analysis.match.breakdown.seniority_fit
    if seniority is not None and fit.weight > 0 and fit.value < 0.75 and _below_the_job(analysis, profile):
        yield _question(bank, seniority, Target(kind="experience_mismatch", reason=f"seniority: {fit.explanation}"))


def _below_the_job(analysis: GapAnalysis, profile: ResumeProfile | None) -> bool:
    """The candidate's level is below the job's (a poor seniority fit may also be a principal applying for a
    senior role: "this role expects you to lead" would be no probe for them); unknown levels keep the fit's say."""
    job_skills = analysis.match.job.skills
    job_level = job_skills.seniority.level if job_skills is not None else Seniority.UNSPECIFIED
    own = profile.seniority.level if profile is not None else Seniority.UNSPECIFIED
    if Seniority.UNSPECIFIED in (job_level, own):
        return True
    return SENIORITY_ORDER[own] < SENIORITY_ORDER[job_level]


def _kind_questions(
    bank: QuestionBank,
    kind: QuestionKind,
    base: Difficulty,
    target_kind: TargetKind,
    reason: str,
    *,
    families: tuple[str, ...] = (),
) -> Iterator[Question]:
    """Questions of a kind, those for the job's role families first (`QuestionBank.of_kind`)."""
    for question in bank.of_kind(kind, families=families, difficulty=base):
        yield _question(bank, question, Target(kind=target_kind, reason=reason))


def _built(question: JobQuestion, target: Target, difficulty: Difficulty) -> Question:
    """A job-built question as the plan holds it (numbered when planned)."""
    return Question(
        question_id="",
        text=question.text,
        kind=question.kind,
        difficulty=difficulty,
        target=target,
        points=question.points,
        model_answer=question.model_answer,
        bank_key=question.key,
    )


def _question(bank: QuestionBank, question: BankQuestion, target: Target, *, skill: str = "") -> Question:
    """A bank question rendered for its skill (numbered when planned)."""
    return Question(
        question_id="",
        text=bank.render(question, skill=skill),
        kind=question.kind,
        difficulty=question.difficulty,
        target=target,
        points=bank.rendered_points(question, skill=skill),
        model_answer=bank.render_model_answer(question, skill=skill),
        bank_key=question.key,
    )

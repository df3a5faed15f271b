"""Plan an interview from the gap analysis of a (resume, job) pair.

Targets, in the order they are asked (the pattern repeats until the plan is full):

    gap, job topic, gap, experience probe, system design, behavioural, gap, job topic, ...

- gap: a required skill the resume does not show (missing, or only what it builds on), by gap priority;
- job topic: a required skill the resume shows, central to the job: it will be asked about anyway;
- experience probe: fewer years with a required skill than the job asks, a required skill shown only in a
  side project, or a seniority below the job's;
- system design: for jobs from mid level up; behavioural (STAR): every interview with 3 questions or more.

A slot whose target kind has nothing left takes the next kind that has. Difficulty follows the job's
seniority (junior: easy, mid: medium, senior and up: hard), one step easier for a gap (the candidate does
not show the skill yet) and never harder than the job.
"""

from __future__ import annotations

from collections.abc import Iterator

from skillgap.interview.bank import BankQuestion, QuestionBank
from skillgap.interview.models import DIFFICULTIES, Difficulty, Point, Question, QuestionKind, Target, TargetKind
from skillgap.matching.actions import years_short
from skillgap.matching.models import CoverageStatus, GapAnalysis, GapItem
from skillgap.skills.models import RequirementLevel, Seniority, SkillCategory

YEARS_PROBE = "probe.years"
SENIORITY_PROBE = "probe.seniority"
SIDE_PROJECT_PROBE = "probe.side-project"

PATTERN: tuple[str, ...] = ("gap", "topic", "gap", "probe", "design", "behavioral", "gap", "topic")
FALLBACK_ORDER: tuple[str, ...] = ("gap", "topic", "probe", "behavioral", "design")

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


def plan_interview(analysis: GapAnalysis, bank: QuestionBank, *, count: int) -> tuple[Question, ...]:
    base = job_difficulty(analysis)
    pools: dict[str, Iterator[tuple[BankQuestion, Target, dict[str, object]]]] = {
        "gap": _gap_questions(analysis, bank, base),
        "topic": _topic_questions(analysis, bank, base),
        "probe": _probe_questions(analysis, bank, base),
        "design": _kind_questions(bank, "system_design", base, "job_topic", "system design for this role")
        if base != "easy"
        else iter(()),
        "behavioral": _kind_questions(bank, "behavioral", base, "job_topic", "how you work with others")
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
        question, target, values = picked
        used.add(question.key)
        planned.append(_question(bank, question, target, values, number=len(planned) + 1))
    return tuple(planned)


def _next_unused(
    pool: Iterator[tuple[BankQuestion, Target, dict[str, object]]], used: set[str]
) -> tuple[BankQuestion, Target, dict[str, object]] | None:
    for candidate in pool:
        if candidate[0].key not in used:
            return candidate
    return None


def _technical(item: GapItem) -> bool:
    skill = item.assessment.skill
    return bool(skill.skill_id) and skill.category is not SkillCategory.SOFT_SKILL


def _gap_questions(
    analysis: GapAnalysis, bank: QuestionBank, base: Difficulty
) -> Iterator[tuple[BankQuestion, Target, dict[str, object]]]:
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
        for question in bank.for_skill(a.skill.skill_id, a.skill.category, difficulty=shifted(base, -1))[:1]:
            yield question, target, {"skill": a.skill.name}


def _topic_questions(
    analysis: GapAnalysis, bank: QuestionBank, base: Difficulty
) -> Iterator[tuple[BankQuestion, Target, dict[str, object]]]:
    topics = [
        item
        for item in sorted(analysis.items, key=lambda item: item.assessment.skill.category is SkillCategory.PRACTICE)
        if item.priority == 0 and item.assessment.level is RequirementLevel.REQUIRED and _technical(item)
    ]
    # The skills the posting leans on most: named in the title, or asked for in most sentences.
    topics.sort(
        key=lambda item: (
            not any(e.section == "title" for e in item.assessment.job_evidence),
            -len(item.assessment.job_evidence),
        )
    )
    for item in topics:
        a = item.assessment
        target = Target(kind="job_topic", skill=a.skill, reason=f"{a.skill.name} is central to the job")
        for question in bank.for_skill(a.skill.skill_id, a.skill.category, difficulty=base)[:1]:
            yield question, target, {"skill": a.skill.name}


def _probe_questions(
    analysis: GapAnalysis, bank: QuestionBank, base: Difficulty
) -> Iterator[tuple[BankQuestion, Target, dict[str, object]]]:
    years, seniority, side_project = bank.get(YEARS_PROBE), bank.get(SENIORITY_PROBE), bank.get(SIDE_PROJECT_PROBE)
    for item in analysis.items:
        a = item.assessment
        if not _technical(item) or a.level is not RequirementLevel.REQUIRED:
            continue
        if years is not None and years_short(a):
            shown = "no dated years" if a.years_shown is None else f"{a.years_shown:g} years"
            reason = f"the job asks for {a.years_asked:g}+ years of {a.skill.name}; the resume shows {shown}"
            target = Target(kind="experience_mismatch", skill=a.skill, reason=reason)
            yield years, target, {"skill": a.skill.name, "years_shown": a.years_shown, "years_asked": a.years_asked}
        elif side_project is not None and a.status is CoverageStatus.UNLISTED:
            sections = " and ".join(sorted({e.section or "other sections" for e in a.resume_evidence}))
            reason = f"the job requires {a.skill.name}; the resume shows it only in {sections}"
            yield (
                side_project,
                Target(kind="experience_mismatch", skill=a.skill, reason=reason),
                {"skill": a.skill.name},
            )
    fit = analysis.match.breakdown.seniority_fit
    if seniority is not None and fit.weight > 0 and fit.value < 0.75:
        yield seniority, Target(kind="experience_mismatch", reason=f"seniority: {fit.explanation}"), {}


def _kind_questions(
    bank: QuestionBank, kind: QuestionKind, base: Difficulty, target_kind: TargetKind, reason: str
) -> Iterator[tuple[BankQuestion, Target, dict[str, object]]]:
    for question in bank.of_kind(kind, difficulty=base):
        yield question, Target(kind=target_kind, reason=reason), {}


def _question(
    bank: QuestionBank, question: BankQuestion, target: Target, values: dict[str, object], *, number: int
) -> Question:
    skill = str(values.get("skill") or "")
    years_shown = values.get("years_shown")
    years_asked = values.get("years_asked")
    return Question(
        question_id=f"q{number}",
        text=bank.render(
            question,
            skill=skill,
            years_shown=float(years_shown) if isinstance(years_shown, int | float) else None,
            years_asked=float(years_asked) if isinstance(years_asked, int | float) else None,
        ),
        kind=question.kind,
        difficulty=question.difficulty,
        target=target,
        points=tuple(Point(point=p.point, keywords=p.keywords) for p in question.points),
        # {missed} stays for the follow-up to fill with what the answer left out.
        follow_up_text=question.follow_up.replace("{skill}", skill or "it"),
        model_answer=bank.render_model_answer(question, skill=skill),
        bank_key=question.key,
    )

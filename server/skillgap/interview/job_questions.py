"""Questions about this job, filled from its context (`job_context.JobContext`) with the templates of
`data/job_questions.json`: a system design question on its own stack, domain and scale, a scenario question that
starts from an incident on its stack, and the experience probes that say the resume's real, dated figures.

A design question names up to MAX_DESIGN_ROLES skills of the stack and carries up to five rubric points: the
load, the domain's promise, the first two roles' parts and the failures; a scenario question carries the role's
two points, the domain's and damage control. Every point has its own follow-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from skillgap.interview.job_context import JobContext, JobTemplates, StackRole
from skillgap.interview.job_questions_schema import DomainEntry, GeneralEntry, PointEntry, ProbeEntry
from skillgap.interview.models import Point, QuestionKind

__all__ = [
    "JOB_KEY_PREFIX",
    "JobQuestion",
    "design_question",
    "design_text",
    "probe_question",
    "scenario_question",
    "scenario_text",
    "skill_as_said",
    "years_phrase",
]

# Keys of job-built questions start with this: they are not in the bank, so the difficulty adaptation keeps them.
JOB_KEY_PREFIX: Final = "job."
MAX_DESIGN_ROLES: Final = 3
MAX_ROLE_POINTS: Final = 2


@dataclass(frozen=True)
class JobQuestion:
    """A question built for this job, before the planner gives it its place in the interview."""

    key: str
    kind: QuestionKind
    text: str
    points: tuple[Point, ...]
    model_answer: str


def _listed(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _point(entry: PointEntry, fill: dict[str, str] | None = None) -> Point:
    def filled(text: str) -> str:
        for name, value in (fill or {}).items():
            text = text.replace("{" + name + "}", value)
        return text

    return Point(point=filled(entry.point), keywords=entry.keywords, follow_up=filled(entry.follow_up))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _model_answer(opening: str, points: Sequence[Point]) -> str:
    return f"{opening} Points to make: " + "; ".join(_lower_first(p.point) for p in points) + "."


def design_text(templates: JobTemplates, stack: Sequence[StackRole], domain: GeneralEntry | None, scale: str) -> str:
    """The design question's sentences, filled (see `data/job_questions.yaml`)."""
    about = domain if domain is not None else templates.data.general
    design = templates.data.templates.design
    sentences = [design.intro.replace("{system}", about.system)]
    if scale:
        sentences.append(design.scale.replace("{scale}", scale))
    named = list(stack[:MAX_DESIGN_ROLES])
    if named:
        sentences.append(design.stack.replace("{stack}", _listed([r.fill(r.role.use) for r in named])))
    sentences.append(design.ask.replace("{invariant}", about.invariant))
    return " ".join(sentences)


def scenario_text(templates: JobTemplates, role: StackRole, domain: GeneralEntry | None) -> str:
    about = domain if domain is not None else templates.data.general
    return (
        templates.data.templates.scenario.replace("{incident}", role.fill(role.role.incident))
        .replace("{backlog}", about.backlog)
    )  # fmt: skip


def _key(kind: str, context: JobContext, roles: Sequence[StackRole]) -> str:
    domain = context.domain.id if context.domain is not None else "general"
    return ".".join([JOB_KEY_PREFIX + kind, domain, *(r.skill.skill_id for r in roles)])


def design_question(templates: JobTemplates, context: JobContext) -> JobQuestion | None:
    """The design question about this job's own system, or None when it has no stack and no known business."""
    if not context.designable:
        return None
    general = templates.data.templates.design_points
    about: GeneralEntry | DomainEntry = context.about
    points = [_point(general[0]), _point(about.design_point)]
    for role in context.stack[:MAX_ROLE_POINTS]:
        points.append(_point(role.role.design_point, {"name": role.skill.name}))
    if len(general) > 1:
        points.append(_point(general[-1]))
    return JobQuestion(
        key=_key("design", context, context.stack[:MAX_DESIGN_ROLES]),
        kind="system_design",
        text=design_text(templates, context.stack, context.domain, context.scale),
        points=tuple(points),
        model_answer=_model_answer(templates.data.templates.design_model_answer, points),
    )


def scenario_question(templates: JobTemplates, context: JobContext, role: StackRole) -> JobQuestion:
    """An incident on one skill of the job's stack, with the job's business at stake."""
    fill = {"name": role.skill.name}
    points = [_point(p, fill) for p in role.role.scenario_points]
    points.append(_point(context.about.scenario_point))
    points += [_point(p) for p in templates.data.templates.scenario_points]
    return JobQuestion(
        key=_key("scenario", context, [role]),
        kind="technical",
        text=scenario_text(templates, role, context.domain),
        points=tuple(points),
        model_answer=_model_answer(templates.data.templates.scenario_model_answer, points),
    )


def years_phrase(years: float, *, minimum: bool = False) -> str:
    """Years as a person says them: "3 years", "1 year", "2.5 years", "8 months"; asked years as "5+ years"."""
    if not minimum and years < 1:
        months = max(round(years * 12), 1)
        return f"{months} month" + ("s" if months != 1 else "")
    value = f"{round(max(years, 0.0), 1):g}"
    return f"{value}{'+' if minimum else ''} year" + ("" if value == "1" and not minimum else "s")


def skill_as_said(name: str, *, task: bool) -> str:
    """A skill's name as a question says it: a task-like name ("Adjust hearing aids") quoted as the job's words."""
    return f'"{name}"' if task else name


def probe_question(
    templates: JobTemplates,
    *,
    skill: str,
    skill_id: str = "",
    years_asked: float,
    years_shown: float | None,
    where: Sequence[str] = (),
) -> JobQuestion:
    """The experience probe for a skill the job asks years of: the dated years the resume shows and where
    (`years_short`), or that no dated job mentions it (`years_undated`). `skill` as the question says it
    (`skill_as_said`)."""
    probes = templates.data.probes
    entry: ProbeEntry = probes.years_undated if years_shown is None else probes.years_short
    text = (
        entry.text.replace("{years_shown}", years_phrase(years_shown or 0.0))
        .replace("{years_asked}", years_phrase(years_asked, minimum=True))
        .replace("{where}", _listed(list(where)) or "in your dated jobs")
        .replace("{skill}", skill)
    )
    points = tuple(_point(p, {"skill": skill}) for p in entry.points)
    name = "years-undated" if years_shown is None else "years-short"
    about = skill_id or skill.strip('"').lower()
    return JobQuestion(
        key=f"{JOB_KEY_PREFIX}probe.{name}.{about}",
        kind="experience_probe",
        text=text,
        points=points,
        model_answer=entry.model_answer.replace("{skill}", skill),
    )

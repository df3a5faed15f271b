"""What to do about a gap, as sentences a user can act on. Templates are data, chosen by the skill's category
and the gap's kind; `{name}` is the skill, `{related}` the candidate's related skill."""

from __future__ import annotations

from skillgap.matching.models import CoverageStatus, SkillAssessment
from skillgap.skills.models import RequirementLevel, SkillCategory

BUILD_BY_CATEGORY: dict[SkillCategory, str] = {
    SkillCategory.LANGUAGE: (
        "Build a small project in {name} (a command-line tool or a web API with tests) and link it from your resume"
    ),
    SkillCategory.FRAMEWORK: "Build a small app with {name} end to end (data, API or UI, tests) and publish it",
    SkillCategory.DATABASE: (
        "Model a small schema in {name}, write the queries an app needs, and read a query plan to add the right index"
    ),
    SkillCategory.CLOUD: (
        "Deploy a small service on {name} within its free tier, defined as code, and write down what it costs to run"
    ),
    SkillCategory.DEVOPS: "Set up {name} for one of your own projects and describe the before and after in a bullet",
    SkillCategory.DATA_ML: (
        "Work through one end-to-end {name} exercise on a public dataset and publish the notebook with its results"
    ),
    SkillCategory.TOOL: "Use {name} in a real task of a project and say in one bullet what it let you do",
    SkillCategory.PRACTICE: "Apply {name} in a project and describe the outcome in one resume bullet",
    SkillCategory.SOFT_SKILL: "Prepare a STAR story (situation, task, action, result) that shows {name}",
}
BUILD_DEFAULT = "Learn the basics of {name} and use it in a small project you can show"

ON_TOP_OF_RELATED = "You already know {related}, which {name} builds on: start from there"
LIST_IT = "Add {name} to your skills section: your resume shows it only in {sections}, where screeners may miss it"
SHOW_IT_IN_EXPERIENCE = "Say in an experience bullet what you built with {name} and what came of it"
YEARS_SHORT = (
    "The job asks for {asked:g}+ years of {name} and your resume shows {shown:g}: date your {name} work in your "
    "experience, and count projects and open-source work too"
)
YEARS_UNKNOWN = "The job asks for {asked:g}+ years of {name}: date your {name} experience so the years show"
INTERVIEW_READY = "Expect interview questions on {name}: be ready to explain a design choice you made with it"


def actions_for(assessment: SkillAssessment) -> tuple[str, ...]:
    skill = assessment.skill
    name = skill.name
    related = assessment.related.name if assessment.related is not None else ""
    build = BUILD_BY_CATEGORY.get(skill.category, BUILD_DEFAULT).format(name=name)
    actions: list[str] = []
    if assessment.status is CoverageStatus.MISSING:
        actions.append(build)
        if assessment.level is RequirementLevel.REQUIRED:
            actions.append(INTERVIEW_READY.format(name=name))
    elif assessment.status is CoverageStatus.PARTIAL:
        actions.append(ON_TOP_OF_RELATED.format(related=related, name=name))
        actions.append(build)
    elif assessment.status is CoverageStatus.UNLISTED:
        sections = sorted({e.section or "other sections" for e in assessment.resume_evidence})
        actions.append(LIST_IT.format(name=name, sections=" and ".join(sections) or "passing"))
        actions.append(SHOW_IT_IN_EXPERIENCE.format(name=name))
    if years_short(assessment):
        asked = assessment.years_asked or 0.0
        if assessment.years_shown is None:
            actions.append(YEARS_UNKNOWN.format(asked=asked, name=name))
        else:
            actions.append(YEARS_SHORT.format(asked=asked, shown=assessment.years_shown, name=name))
    return tuple(actions)


def years_short(assessment: SkillAssessment) -> bool:
    """A skill the candidate has, with fewer years than the job asks (or none stated)."""
    if assessment.years_asked is None or assessment.status is CoverageStatus.MISSING:
        return False
    return assessment.years_shown is None or assessment.years_shown < assessment.years_asked


def gap_sentence(assessment: SkillAssessment) -> str:
    """The gap in one sentence."""
    name = assessment.skill.name
    need = "requires" if assessment.level is RequirementLevel.REQUIRED else "would like"
    if assessment.status is CoverageStatus.MISSING:
        return f"The job {need} {name}; your resume does not show it."
    if assessment.status is CoverageStatus.PARTIAL:
        related = assessment.related.name if assessment.related else "a related skill"
        return f"The job {need} {name}; your resume shows {related}, which it builds on, but not {name} itself."
    if assessment.status is CoverageStatus.UNLISTED:
        return f"You have {name}, but your resume shows it only outside your skills and experience."
    if years_short(assessment):
        shown = "no dated years" if assessment.years_shown is None else f"{assessment.years_shown:g} years"
        return f"You have {name}; the job asks for {assessment.years_asked:g}+ years and your resume shows {shown}."
    if assessment.related is not None:
        return f"Covered: {assessment.via}."
    return f"Covered: your resume shows {name}."

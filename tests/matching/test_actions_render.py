"""Every action template rendered for every taxonomy skill it is chosen for, each sentence checked against a table
of rules (what fits which kind of skill) and an offline grammar check. Issue 17: "Snowflake: read a query plan to
add the right index", "SSRS: publish the notebook", "Mentoring: explain a design choice you made with it"."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from skillgap.matching.actions import ActionTemplates, actions_for, gap_sentence
from skillgap.matching.actions_schema import GAP_KINDS
from skillgap.matching.models import CoverageStatus, SkillAssessment
from skillgap.skills.models import Evidence, RequirementLevel, Skill, SkillKind
from skillgap.skills.taxonomy import Taxonomy

TAXONOMY = Taxonomy.load()
TEMPLATES = ActionTemplates.load()
BASE = Skill(skill_id="python", name="Python", kind=SkillKind.LANGUAGE)
# A skill outside the taxonomy (kept as written): only the general fallback applies to it.
OUTSIDE = Skill(skill_id="", name="Frobnicator", normalized=False)

# What the test knows about skills, independently of how actions.yaml selects them.
RELATIONAL = {"postgresql", "mysql", "mariadb", "sql-server", "oracle-database", "sqlite", "db2", "aurora", "rds",
              "oracle-relational-database"}  # fmt: skip
SEARCH_ENGINES = {"elasticsearch", "opensearch", "solr"}
NOTEBOOKS = {"jupyter"}
BI_TOOLS = {"power-bi", "tableau", "looker"}
REPORTING_GROUPS = {"business intelligence and data analysis", "data base reporting"}
NOT_BUILT = {SkillKind.SOFT_SKILL, SkillKind.HUMAN_LANGUAGE, SkillKind.CERTIFICATION, SkillKind.DOMAIN}


def is_bi(skill: Skill) -> bool:
    return skill.skill_id in BI_TOOLS or (skill.kind is SkillKind.FRAMEWORK and skill.group in REPORTING_GROUPS)


@dataclass(frozen=True)
class Rendered:
    skill: Skill
    case: str  # "missing/required", "partial/nice_to_have", ..., "sentence/missing"
    text: str


# --- the rules: (name, the skills it is about, what a sentence for them must not / must say) --------------------
Rule = tuple[str, Callable[[Skill], bool], Callable[[Rendered], bool]]


@functools.cache
def without_name(r: Rendered) -> str:
    """The sentence with the skill's name (or its activity form) as one opaque token: only the template's own
    words are checked."""
    name = r.skill.name
    text = r.text
    for form in (name, name[:1].lower() + name[1:]):
        text = re.sub(rf"(?<![\w-]){re.escape(form)}(?![\w-])", " SKILLNAME ", text)
    return text


def _has(pattern: str) -> Callable[[Rendered], bool]:
    compiled = re.compile(pattern, re.IGNORECASE)
    return lambda r: compiled.search(without_name(r)) is not None


RULES: tuple[Rule, ...] = (
    ("no 'built with' or design choices for what is not built",
     lambda s: s.kind in NOT_BUILT or TEMPLATES.is_activity(s),
     _has(r"\bbuil[td] with\b|design choice|made with it|small app with|small project in\b")),
    ("no query plans or indexes but for relational databases",
     lambda s: s.skill_id not in RELATIONAL, _has(r"query plan|right index")),
    ("no indexing but for databases and search engines",
     lambda s: s.skill_id not in RELATIONAL | SEARCH_ENGINES, _has(r"\bindex(es|ing)?\b")),
    ("no notebook but for notebooks", lambda s: s.skill_id not in NOTEBOOKS, _has(r"\bnotebook")),
    ("no report or dashboard to build but for reporting tools",
     lambda s: not is_bi(s), _has(r"(build|built) and publish a report|report or dashboard")),
    ("no free tier but for platforms", lambda s: s.kind is not SkillKind.PLATFORM, _has(r"free tier")),
    ("no exam but for certifications", lambda s: s.kind is not SkillKind.CERTIFICATION, _has(r"\bexam\b")),
    ("no STAR story but for soft skills", lambda s: s.kind is not SkillKind.SOFT_SKILL, _has(r"\bSTAR story")),
)  # fmt: skip

# Sentences a kind of skill must get, per case: (name, the skills, the case prefix, what one sentence must say).
MUST: tuple[tuple[str, Callable[[Skill], bool], str, Callable[[Rendered], bool]], ...] = (
    ("a missing certification names its exam", lambda s: s.kind is SkillKind.CERTIFICATION, "missing/",
     lambda r: f"{r.skill.name} exam" in r.text),
    ("a missing soft skill asks for an example", lambda s: s.kind is SkillKind.SOFT_SKILL, "missing/",
     lambda r: "give an example in your experience bullets" in r.text.lower()),
    ("a missing reporting tool is built and published as a report", is_bi, "missing/",
     lambda r: "publish a report or dashboard" in r.text),
    ("a missing spoken language asks for the level", lambda s: s.kind is SkillKind.HUMAN_LANGUAGE, "missing/",
     lambda r: "level" in r.text),
)  # fmt: skip

# --- the grammar check ------------------------------------------------------------------------------------------
_WORD = re.compile(r"[A-Za-z][\w'+#.-]*")
_VOWEL_SOUND_EXCEPTIONS = ("one", "uni", "use", "usu", "eu", "ua")  # "a one-off", "a unit", "a user"
_SILENT_H = ("hour", "honest", "honour")


def grammar_problems(r: Rendered) -> list[str]:
    text, name = r.text, r.skill.name
    problems = []
    if not (text[:1].isupper() or text[:1] == '"'):
        problems.append("does not start with a capital")
    if not text.endswith(".") or text.endswith("..") or text.endswith(" ."):
        problems.append("does not end with one period")
    if re.search(r"[{}]", without_name(r)):
        problems.append("an unfilled placeholder")
    if "  " in text or " ," in text or " :" in text:
        problems.append("stray spaces")
    activity = name[:1].lower() + name[1:]
    if name not in text and not (TEMPLATES.is_activity(r.skill) and activity in text):
        problems.append(f"the name is not spelt {name!r}")
    # Grammar of the template's own words: the skill's name is one opaque token.
    words = _WORD.findall(without_name(r))
    for first, second in zip(words, words[1:], strict=False):
        if first.lower() == second.lower():
            problems.append(f"doubled word {first!r}")
        if second == "SKILLNAME":
            continue
        lower = second.lower()
        vowel = lower[:1] in "aeiou" and not lower.startswith(_VOWEL_SOUND_EXCEPTIONS) or lower.startswith(_SILENT_H)
        if first.lower() == "a" and vowel:
            problems.append(f"'a {second}'")
        if first.lower() == "an" and not vowel:
            problems.append(f"'an {second}'")
    if re.search(r"\b(a|an)\s+SKILLNAME\b", without_name(r), re.IGNORECASE) and name[:1].isupper():
        problems.append("an article before a proper name")
    return problems


# --- every skill, every case --------------------------------------------------------------------------------------
def skills() -> list[Skill]:
    return [entry.to_skill() for entry in TAXONOMY] + [OUTSIDE]


def cases(skill: Skill) -> Iterator[tuple[str, SkillAssessment]]:
    projects = (Evidence(text=skill.name, start=0, end=len(skill.name), section="projects"),)
    for level in (RequirementLevel.REQUIRED, RequirementLevel.NICE_TO_HAVE):
        yield f"missing/{level.value}", SkillAssessment(skill=skill, level=level, status=CoverageStatus.MISSING)
        yield f"partial/{level.value}", SkillAssessment(
            skill=skill, level=level, status=CoverageStatus.PARTIAL, related=BASE
        )
    yield "unlisted", SkillAssessment(
        skill=skill, level=RequirementLevel.REQUIRED, status=CoverageStatus.UNLISTED, resume_evidence=projects
    )
    yield "years_short", SkillAssessment(
        skill=skill, level=RequirementLevel.REQUIRED, status=CoverageStatus.COVERED, years_asked=5, years_shown=2
    )
    yield "years_undated", SkillAssessment(
        skill=skill, level=RequirementLevel.REQUIRED, status=CoverageStatus.COVERED, years_asked=3
    )


def render_all() -> list[Rendered]:
    rendered = []
    for skill in skills():
        for case, assessment in cases(skill):
            rendered += [Rendered(skill, case, text) for text in actions_for(assessment, TEMPLATES)]
            rendered.append(Rendered(skill, f"sentence/{case}", gap_sentence(assessment, TEMPLATES)))
    return rendered


RENDERED = render_all()


def _report(failures: list[str]) -> str:
    return f"{len(failures)} sentences do not fit, e.g.:\n" + "\n".join(failures[:25])


def test_every_template_renders_for_every_skill_it_is_chosen_for() -> None:
    used = Counter((TEMPLATES.entry_for(gap, skill), gap) for skill in skills() for gap in GAP_KINDS)
    written = {(entry.key, gap) for entry in TEMPLATES.entries for gap in GAP_KINDS if entry.sentences[gap]}
    # A template no skill ever gets is dead text: say so rather than keep it.
    assert not written - set(used), f"templates no skill is given: {sorted(written - set(used))}"
    assert len({r.skill.name for r in RENDERED}) == len(TAXONOMY) + 1
    assert len(RENDERED) > 10 * len(TAXONOMY)


@pytest.mark.parametrize("rule", RULES, ids=[rule[0] for rule in RULES])
def test_no_sentence_breaks_a_rule(rule: Rule) -> None:
    name, about, broken = rule
    failures = [f"{r.skill.name} [{r.case}]: {r.text}" for r in RENDERED if about(r.skill) and broken(r)]
    assert not failures, _report(failures)


Must = tuple[str, Callable[[Skill], bool], str, Callable[[Rendered], bool]]


@pytest.mark.parametrize("must", MUST, ids=[must[0] for must in MUST])
def test_each_kind_gets_the_sentence_it_needs(must: Must) -> None:
    name, about, case, says = must
    by_skill: dict[str, list[Rendered]] = {}
    for r in RENDERED:
        if about(r.skill) and r.case.startswith(case):
            by_skill.setdefault(r.skill.name, []).append(r)
    assert by_skill, f"no skill for {name!r}"
    failures = [f"{skill}: {[r.text for r in rs]}" for skill, rs in by_skill.items() if not any(says(r) for r in rs)]
    assert not failures, _report(failures)


def test_every_sentence_reads_as_a_sentence() -> None:
    failures = [
        f"{r.skill.name} [{r.case}]: {r.text} -- {', '.join(found)}" for r in RENDERED if (found := grammar_problems(r))
    ]
    assert not failures, _report(failures)


def test_the_grammar_check_catches_what_it_should() -> None:
    skill = Skill(skill_id="x", name="Widget", kind=SkillKind.TOOL)
    bad = {
        "use Widget in a project.": "capital",
        "Use Widget in a project": "period",
        "Use Widget in a {project}.": "placeholder",
        "Use widget in a project.": "spelt",
        "Use Widget in in a project.": "doubled",
        "Use Widget in a own project.": "'a own'",
        "Use Widget in an small project.": "'an small'",
        "Build a Widget.": "article",
    }
    for text, problem in bad.items():
        assert any(problem in p for p in grammar_problems(Rendered(skill, "t", text))), text
    assert grammar_problems(Rendered(skill, "t", "Use Widget in an hour, in a unit test.")) == []

"""The question bank: well-formed questions, real skill ids, and the picking rules the planner relies on."""

from __future__ import annotations

from skillgap.interview.bank import QuestionBank
from skillgap.skills.models import SkillCategory
from skillgap.skills.taxonomy import Taxonomy

BANK = QuestionBank.load()
TAXONOMY = Taxonomy.load()


def test_every_question_is_well_formed_and_renders_without_braces() -> None:
    assert len(BANK) >= 90
    for question in BANK:
        assert all(TAXONOMY.get(skill_id) is not None for skill_id in question.skills), question.key
        text = BANK.render(question, skill="Kubernetes", years_shown=2, years_asked=5)
        assert "{" not in text and "}" not in text, question.key
        assert "{" not in BANK.render_model_answer(question, skill="Go")
        assert "{" not in BANK.render_follow_up(question, skill="Go", missed="the cost on writes")


def test_skill_specific_questions_come_first_then_the_category_templates() -> None:
    picked = BANK.for_skill("kubernetes", SkillCategory.DEVOPS, difficulty="medium")
    assert picked[0].skills == ("kubernetes",) and picked[0].difficulty == "medium"
    assert any(not q.skills and SkillCategory.DEVOPS in q.categories for q in picked)
    unknown = BANK.for_skill("ansible-tower-nonexistent", SkillCategory.DATABASE, difficulty="hard")
    assert unknown and all(SkillCategory.DATABASE in q.categories for q in unknown)
    assert unknown[0].difficulty == "hard"
    assert picked[0].key not in {q.key for q in BANK.for_skill("kubernetes", SkillCategory.DEVOPS,
                                                                exclude=frozenset({picked[0].key}))}  # fmt: skip


def test_every_technical_category_and_kind_has_questions() -> None:
    for category in SkillCategory:
        if category in (SkillCategory.SOFT_SKILL,):
            continue
        assert len(BANK.for_skill("", category)) >= 3, category
    assert len(BANK.of_kind("behavioral")) >= 6
    assert len(BANK.of_kind("system_design")) >= 5
    assert {"probe.years", "probe.seniority", "probe.side-project"} <= {q.key for q in BANK.of_kind("experience_probe")}

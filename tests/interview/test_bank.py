"""The question bank: well-formed questions, real skill ids, the picking rules the planner relies on (a skill's
own questions, then the templates of its kind, never one that does not fit), and the follow-up a weak answer
gets (the missed point's own question, names in their casing)."""

from __future__ import annotations

from skillgap.interview.bank import QuestionBank
from skillgap.interview.engines import CONCRETE_PROBE, follow_up_text
from skillgap.interview.models import Evaluation, Question, Target
from skillgap.skills.models import KIND_OF_SUBKIND, Skill, SkillKind, SkillSubkind
from skillgap.skills.taxonomy import Taxonomy

BANK = QuestionBank.load()
TAXONOMY = Taxonomy.load()

# The kinds of skill the planner asks technical questions about, each with templates at every difficulty.
TECHNICAL_KINDS = (
    SkillKind.LANGUAGE,
    SkillKind.QUERY_LANGUAGE,
    SkillKind.RUNTIME,
    SkillKind.FRAMEWORK,
    SkillKind.DATABASE,
    SkillKind.PLATFORM,
    SkillKind.TOOL,
    SkillKind.PRACTICE,
    SkillKind.DOMAIN,
)


def skill(skill_id: str) -> Skill:
    entry = TAXONOMY.get(skill_id)
    assert entry is not None, skill_id
    return entry.to_skill()


def test_every_question_is_well_formed_and_renders_without_braces() -> None:
    assert len(BANK) >= 100
    for question in BANK:
        assert all(TAXONOMY.get(skill_id) is not None for skill_id in question.skills), question.key
        text = BANK.render(question, skill="Kubernetes", years_shown=2, years_asked=5)
        assert "{" not in text and "}" not in text, question.key
        assert "{" not in BANK.render_model_answer(question, skill="Go")
        for point in BANK.rendered_points(question, skill="Go"):
            assert point.follow_up and "{" not in point.follow_up, question.key


def test_a_skills_own_questions_come_first_then_the_templates_of_its_kind() -> None:
    kubernetes = skill("kubernetes")
    picked = BANK.for_skill(kubernetes, difficulty="medium")
    assert picked[0].skills == ("kubernetes",) and picked[0].difficulty == "medium"
    templates = [q for q in picked if not q.skills]
    assert templates and all(SkillKind.PLATFORM in q.kinds for q in templates)
    # A skill without questions of its own: the templates of its kind, the asked difficulty first.
    unknown = Skill(skill_id="ansible-tower-nonexistent", name="Acme DB", kind=SkillKind.DATABASE)
    found = BANK.for_skill(unknown, difficulty="hard")
    assert found and all(SkillKind.DATABASE in q.kinds for q in found)
    assert found[0].difficulty == "hard"
    rest = BANK.for_skill(kubernetes, exclude=frozenset({picked[0].key}))
    assert picked[0].key not in {q.key for q in rest}


def test_a_template_never_reaches_a_skill_of_another_kind() -> None:
    sql = skill("sql")  # a query language: no "service written in SQL"
    for question in BANK.for_skill(sql):
        assert question.skills == ("sql",) or SkillKind.QUERY_LANGUAGE in question.kinds, question.key
        assert "written in" not in BANK.render(question, skill=sql.name)
    # Without a kind there is no telling what fits: its own questions or nothing.
    unspecified = Skill(skill_id="", name="Frobnicator", kind=SkillKind.UNSPECIFIED)
    assert BANK.for_skill(unspecified) == []


def test_a_skill_named_as_a_task_gets_only_templates_that_quote_it() -> None:
    task = Skill(skill_id="manage-data", name="Manage data", kind=SkillKind.PRACTICE)
    assert BANK.is_task(task.name) and not BANK.is_task("React Native") and not BANK.is_task("Design Patterns")
    picked = BANK.for_skill(task)
    assert picked and all(q.skills == ("manage-data",) or q.quotes_skill for q in picked)
    template = next(q for q in picked if not q.skills)
    assert '"Manage data"' in BANK.render(template, skill=task.name)
    # A probe written for any skill quotes a task's name rather than read it as a noun.
    probe = BANK.get("probe.years")
    assert probe is not None
    assert 'shows 2 years of "Manage data"' in BANK.render(probe, skill=task.name, years_shown=2, years_asked=5)
    assert "shows 2 years of Apache Kafka," in BANK.render(probe, skill="Apache Kafka", years_shown=2)


def test_every_technical_kind_has_templates_at_every_difficulty() -> None:
    # Every kind (for a language, a programming one; for a platform, a cloud or an operating system) at every
    # difficulty, and every other sort of skill the taxonomy holds at two at least: the planner moves up or down.
    everywhere = {(SkillKind.LANGUAGE, SkillSubkind.PROGRAMMING), (SkillKind.PLATFORM, SkillSubkind.CLOUD),
                  (SkillKind.PLATFORM, SkillSubkind.OPERATING_SYSTEM)}  # fmt: skip
    everywhere |= {(kind, SkillSubkind.UNSPECIFIED) for kind in TECHNICAL_KINDS if kind not in KIND_OF_SUBKIND.values()}
    held = {(entry.kind, entry.subkind) for entry in TAXONOMY if entry.kind in TECHNICAL_KINDS}
    assert everywhere <= held
    for kind, subkind in held:
        templates = BANK.for_skill(Skill(name="Something", kind=kind, subkind=subkind))
        difficulties = {q.difficulty for q in templates}
        if (kind, subkind) in everywhere:
            assert difficulties == {"easy", "medium", "hard"}, (kind, subkind)
        else:
            assert len(difficulties) >= 2, (kind, subkind)
    soft = BANK.for_skill(Skill(name="Communication", kind=SkillKind.SOFT_SKILL), kind="behavioral")
    assert soft and all(q.quotes_skill for q in soft)
    assert len(BANK.of_kind("behavioral")) >= 6
    assert len(BANK.of_kind("system_design")) >= 5
    assert {"probe.years", "probe.seniority", "probe.side-project"} <= {q.key for q in BANK.of_kind("experience_probe")}


def test_questions_for_a_role_family_come_first_and_only_for_that_family() -> None:
    data = BANK.of_kind("technical", families=["data"])
    assert data and "data" in data[0].families
    assert not any(q.families and "data" not in q.families for q in data)
    assert not any(q.families for q in BANK.of_kind("technical"))  # no family given: none written for one


def asked(bank_key: str, skill_name: str) -> Question:
    chosen = BANK.get(bank_key)
    assert chosen is not None
    return Question(
        question_id="q1",
        text=BANK.render(chosen, skill=skill_name),
        kind=chosen.kind,
        difficulty=chosen.difficulty,
        target=Target(kind="gap"),
        points=BANK.rendered_points(chosen, skill=skill_name),
        bank_key=chosen.key,
    )


def test_a_weak_answer_gets_the_follow_up_written_for_the_point_it_missed() -> None:
    question = asked("kafka.partitions-ordering", "Apache Kafka")
    first, second = question.points[0], question.points[1]
    evaluation = Evaluation(question_id="q1", score=3, points_missed=(second.point, first.point), vague=True)
    probe = follow_up_text(question, evaluation)
    assert probe == second.follow_up  # the first point the evaluation lists as missed
    assert "Kafka" not in second.point and second.point not in probe
    # A template's follow-up names the skill as the taxonomy writes it.
    template = asked("generic.tool.use", "PostgreSQL")
    missed = Evaluation(question_id="q1", score=2, points_missed=(template.points[0].point,))
    assert follow_up_text(template, missed) == "What was the last real task you did with PostgreSQL?"


def test_an_off_topic_or_empty_answer_gets_a_probe_of_its_own() -> None:
    question = asked("python.gil-concurrency", "Python")
    off = Evaluation(question_id="q1", score=0, points_missed=(question.points[0].point,), off_topic=True)
    assert follow_up_text(question, off).startswith("Let's get back to the question: In Python, how does the GIL")
    vague = Evaluation(question_id="q1", score=5, vague=True)
    assert follow_up_text(question, vague) == CONCRETE_PROBE

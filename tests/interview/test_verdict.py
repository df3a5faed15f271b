"""The verdict at the end of an interview, from answered turns: readiness per topic by the documented rule, the
evidence quoted from the answers, the things to practise first with real catalog links, and a Markdown transcript
that shows what was said and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from skillgap.interview.feedback import feedback_of
from skillgap.interview.models import Evaluation, Point, Question, Session, Target, Turn
from skillgap.interview.transcript import filename, transcript_markdown
from skillgap.learning.catalog import ResourceCatalog
from skillgap.skills.models import Skill, SkillCategory, SkillKind
from skillgap.skills.taxonomy import Taxonomy

CATALOG = ResourceCatalog.load()
TAXONOMY = Taxonomy.load()
KAFKA = Skill(skill_id="kafka", name="Apache Kafka", category=SkillCategory.DATA_ML, kind=SkillKind.FRAMEWORK)
KUBERNETES = Skill(skill_id="kubernetes", name="Kubernetes", category=SkillCategory.DEVOPS, kind=SkillKind.PLATFORM)
NOW = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)


def _points(*names: str) -> tuple[Point, ...]:
    keywords = {
        "Keys each payment's events": ("partition", "key"),
        "Replays after a crash": ("offset", "replay"),
        "Measures the lag": ("lag",),
        "Scales the consumers": ("scale", "consumers"),
        "Reads why pods restart": ("logs", "events"),
        "Rolls back first": ("rollback", "roll back"),
        "Checks the probes": ("readiness", "liveness"),
        "Sizes the memory": ("memory", "limits"),
        "Starts from the load": ("per second", "peak"),
        "Makes charges idempotent": ("idempot",),
        "Names the trade-offs": ("trade-off",),
    }
    return tuple(Point(point=n, keywords=keywords[n], follow_up=f"What about {n.lower()}?") for n in names)


def _turn(qid: str, question: Question, answer: str, covered: tuple[str, ...], score: float, **extra: object) -> Turn:
    missed = tuple(p.point for p in question.points if p.point not in covered)
    evaluation = Evaluation(question_id=qid, score=score, points_covered=covered, points_missed=missed, **extra)
    return Turn(question=question, answer=answer, evaluation=evaluation)


def session_with_turns() -> Session:
    kafka = Question(question_id="q1", text="How do you keep each payment's events in order on Apache Kafka?",
                     kind="technical", difficulty="hard", target=Target(kind="job_topic", skill=KAFKA, reason="Apache "
                     "Kafka is central to the job"),
                     points=_points("Keys each payment's events", "Replays after a crash", "Measures the lag",
                                    "Scales the consumers"))  # fmt: skip
    kube = Question(question_id="q2", text="The services on Kubernetes keep restarting after a deploy. What now?",
                    kind="technical", difficulty="medium", target=Target(kind="gap", skill=KUBERNETES),
                    points=_points("Reads why pods restart", "Rolls back first", "Checks the probes",
                                   "Sizes the memory"))  # fmt: skip
    probe = kube.model_copy(update={"question_id": "q2f", "follow_up": True, "parent_question_id": "q2",
                                    "text": "What about rolls back first?",
                                    "points": kube.points[1:]})  # fmt: skip
    design = Question(question_id="q3", text="Let's design a payment service.", kind="system_design",
                      difficulty="hard", target=Target(kind="job_topic", reason="system design for this job"),
                      points=_points("Starts from the load", "Makes charges idempotent",
                                     "Names the trade-offs"))  # fmt: skip
    turns = (
        _turn(
            "q1",
            kafka,
            "I key the topic by payment id so each partition keeps order. After a crash the consumer "
            "replays from its committed offset. I watch lag per partition. When lag grows I scale the consumers.",
            tuple(p.point for p in kafka.points),
            10.0,
        ),  # fmt: skip
        _turn("q2", kube, "I would read the logs and the events of the pods.", ("Reads why pods restart",), 2.5),
        _turn(
            "q2f",
            probe,
            "I roll back first, then I check the readiness probe and the liveness probe.",
            ("Rolls back first", "Checks the probes"),
            6.7,
        ),  # fmt: skip
        _turn("q3", design, "Not sure, <script>alert(1)</script> **maybe** | a queue?", (), 0.0, vague=True),
    )
    return Session(interview_id="0d9c1f7e-3b1d-4c6e-9a7f-2d5b8e1c0a93", user_id="u", job_id="j", resume_id="r",
                   state="finished", question_count=3, turns=turns, create_time=NOW, update_time=NOW,
                   expire_time=NOW + timedelta(hours=2), job_title="Senior Backend Engineer, Payments",
                   company="Acme <b>Pay</b>")  # fmt: skip


def test_readiness_per_topic_follows_the_rule_with_evidence_from_the_answers() -> None:
    feedback = feedback_of(session_with_turns(), CATALOG, TAXONOMY)
    topics = {t.topic: t for t in feedback.topics}
    assert list(topics) == ["Apache Kafka", "Kubernetes", "System design"]
    kafka, kube, design = topics["Apache Kafka"], topics["Kubernetes"], topics["System design"]
    assert (kafka.readiness, kafka.score) == ("ready", 10.0)
    # 1 of 4 points at first (2.5), 2 more after the follow-up at half credit: 2.5 + 2.5 = 5.0.
    assert (kube.readiness, kube.score) == ("almost", 5.0) and kube.question_ids == ("q2",)
    assert kube.points_missed == ("Sizes the memory",)
    assert (design.readiness, design.score) == ("not_yet", 0.0) and not design.evidence
    quote = '"I key the topic by payment id so each partition keeps order."'
    assert kafka.evidence[0] == f"Keys each payment's events: {quote}"
    assert any("roll back first" in e for e in kube.evidence)  # the follow-up's answer is evidence too


def test_the_weakest_topics_come_first_to_practise_with_catalog_links() -> None:
    feedback = feedback_of(session_with_turns(), CATALOG, TAXONOMY)
    practice = feedback.practice_first
    assert [p.topic for p in practice] == ["System design", "Kubernetes"]
    assert practice[0].practise == ("Starts from the load", "Makes charges idempotent", "Names the trade-offs")
    design_links = {r.url for r in practice[0].resources}
    assert design_links and design_links <= {r.url for r in CATALOG.for_skill("system-design")}
    assert {r.url for r in practice[1].resources} == {r.url for r in CATALOG.for_skill("kubernetes", taxonomy=TAXONOMY)}
    assert feedback.verdict.startswith("Overall: ") and "Ready: Apache Kafka." in feedback.verdict
    assert "Practise System design first, then Kubernetes." in feedback.verdict
    assert feedback.verdict_engine == "offline"


def test_all_ready_still_names_what_to_polish() -> None:
    session = session_with_turns()
    turns = (session.turns[0],)
    feedback = feedback_of(session.model_copy(update={"turns": turns}), CATALOG, TAXONOMY)
    assert [t.readiness for t in feedback.topics] == ["ready"] and feedback.practice_first == ()


def test_the_transcript_is_markdown_that_shows_what_was_said_and_nothing_else() -> None:
    session = session_with_turns()
    markdown = transcript_markdown(session, feedback_of(session, CATALOG, TAXONOMY))
    assert markdown.startswith("# Mock interview: Senior Backend Engineer, Payments at Acme \\<b\\>Pay\\</b\\>\n")
    for words in ("### Question 1: Apache Kafka, technical, hard", "*Why this question: Apache Kafka is central",
                  "**Q.** How do you keep each payment's events in order on Apache Kafka?",
                  "> I key the topic by payment id", "**Evaluation: 10/10**", "#### Follow-up 2: Kubernetes",
                  "- Missed: Sizes the memory", "## Verdict", "| Apache Kafka | ready | 10/10 | 4 of 4 |",
                  "### Evidence", "- **System design**: no point made yet",
                  "### Practise first", "1. **System design**"):  # fmt: skip
        assert words in markdown, words
    assert "<script>" not in markdown and "\\<script\\>" in markdown and "\\*\\*maybe\\*\\*" in markdown
    assert "\\*\\* \\| a queue?" in markdown  # a pipe in an answer cannot open a table cell
    link = CATALOG.for_skill("kubernetes", taxonomy=TAXONOMY)[0]
    assert f"]({link.url})" in markdown
    assert filename(session) == "interview-2026-12-05-senior-backend-engineer-payments.md"

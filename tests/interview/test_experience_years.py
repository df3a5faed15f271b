"""What an experience probe may say about a skill's years: the resume's dated entries that name it, overlaps counted
once, a corrected profile's entries included; "no dated job names it" is not "fewer years". And a question built
for the job keeps its place when the interview adapts its difficulty."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from skillgap.interview.bank import QuestionBank
from skillgap.interview.experience import dated_years
from skillgap.interview.graph import _adapted
from skillgap.interview.models import Point, Question, Session, Target
from skillgap.skills.models import ExperienceItem, ExtractedSkill, MonthDate, ResumeProfile, Skill

TODAY = date(2026, 12, 5)
REST = Skill(skill_id="rest", name="REST")


def _item(
    title: str, company: str, start: tuple[int, int], end: tuple[int, int] | None, *skills: str
) -> ExperienceItem:
    return ExperienceItem(
        title=title,
        company=company,
        start=MonthDate(year=start[0], month=start[1]),
        end=MonthDate(year=end[0], month=end[1]) if end else None,
        current=end is None,
        skill_ids=skills,
    )


def test_twenty_dated_years_from_a_corrected_profile_count_even_without_extracted_years() -> None:
    # UpdateResumeProfile sets entries with their skills; the extracted skill's own years may be stale or absent.
    profile = ResumeProfile(
        skills=(ExtractedSkill(skill=REST),),
        experience=(
            _item("Principal Engineer", "Bigco", (2015, 1), None, "rest", "java"),
            _item("Senior Engineer", "Midco", (2005, 1), (2014, 12), "rest"),
            _item("Consultant", "Sideco", (2010, 1), (2012, 12), "rest"),  # overlaps Midco: counted once
        ),
    )
    years = dated_years(profile, ["rest"], today=TODAY)
    assert years.years == 22.0 and years.where == ("Principal Engineer at Bigco", "Senior Engineer at Midco")


def test_a_skill_no_dated_entry_names_has_no_years_and_a_covering_skill_counts() -> None:
    profile = ResumeProfile(experience=(_item("Backend Engineer", "Acme", (2021, 1), (2023, 12), "django"),))
    assert dated_years(profile, ["python"], today=TODAY).years is None
    assert dated_years(profile, ["python", "django"], today=TODAY).years == 3.0  # Django's entries show Python
    assert dated_years(None, ["python"], today=TODAY).years is None


def test_a_job_built_question_keeps_its_place_when_the_difficulty_adapts() -> None:
    now = datetime.now(UTC)
    point = Point(point="Starts from the load", keywords=("peak",), follow_up="How much traffic?")
    design = Question(question_id="q5", text="Let's design a payment service.", kind="system_design",
                      difficulty="hard", target=Target(kind="job_topic"), bank_key="job.design.payments.kafka",
                      points=(point,))  # fmt: skip
    session = Session(interview_id="i", user_id="u", job_id="j", resume_id="r", question_count=5,
                      difficulty_shift=-1, create_time=now, update_time=now,
                      expire_time=now + timedelta(hours=1))  # fmt: skip
    assert _adapted(design, session, QuestionBank.load()) == design

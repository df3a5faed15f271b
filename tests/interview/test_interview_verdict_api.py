"""Issue 18 as a candidate meets it, over a real gRPC channel and through Envoy: a payments job on Kafka and AWS is
asked to design its own system and to handle an incident on its stack; twenty dated years of REST are never "fewer
years", three are said as three; the feedback ends with readiness per topic, its evidence and what to practise
first with links; the transcript comes back as Markdown for its owner only."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from types import SimpleNamespace

import grpc
import httpx
import pytest
from grpc import aio
from tests.support.interview import WEAK_ANSWER, answer_for
from tests.support.samples import upload
from tests.support.services import job_catalog

from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.v1 import interview_pb2, interview_pb2_grpc

Metadata = tuple[tuple[str, str], ...]
YEAR = datetime.now(UTC).year

TITLE = "Senior Backend Engineer, Payments"
POSTING = """About the role
You will build our payments platform: card payments at checkout for merchants, on Apache Kafka and AWS, processing
millions of transactions per day.

Requirements
- 8+ years of experience building REST APIs
- 5+ years with Kafka
- Java and Spring Boot
- Kafka, AWS, PostgreSQL
"""


def resume(rest_years: int) -> str:
    """A Java engineer whose dated jobs name REST for exactly `rest_years` years (ended last year), and no Kafka."""
    return f"""Sam Lee
Principal Software Engineer

Skills
REST, Java, Spring, PostgreSQL, AWS

Experience
Principal Engineer, Bigco, Jan {YEAR - rest_years - 1} - Dec {YEAR - 2}
- Designed REST APIs in Java and Spring for card payments on PostgreSQL and AWS

Data Analyst, Globex, Jan {YEAR - rest_years - 7} - Dec {YEAR - rest_years - 2}
- Built reports in Excel
"""


# Strong answers to the incidents on the job's stack, by skill: every point of the scenario's rubric, in the words
# an experienced engineer uses; each has a word of its own to find in the evidence.
SAFE_RETRIES = "While the backlog drains, retries keep their idempotency keys, so no payment is charged twice."
DAMAGE_FIRST = "First I limit the damage for users: I roll back the last deploy if it lines up, shed load and post on "
INCIDENTS = {
    "postgresql": (
        "pg_stat_statements",
        DAMAGE_FIRST + "the status page. Then I find the expensive queries from pg_stat_statements and the slow query "
        "log and read their query plans with EXPLAIN ANALYZE. I cancel runaway queries, add the missing index, move "
        "reads to a replica and put PgBouncer connection pooling in front. " + SAFE_RETRIES,
    ),
    "aws": (
        "health checks",
        DAMAGE_FIRST + "the status page. The load balancer health checks move traffic to the other zones and "
        "autoscaling adds capacity there. Our database replica in another zone is promoted, and I check that no "
        "acknowledged write was lost. " + SAFE_RETRIES,
    ),
    "kafka": (
        "per partition",
        DAMAGE_FIRST + "the status page. I measure the consumer lag per partition on the dashboard to see whether "
        "every partition is behind. The consumers wait on a slow downstream call, so I batch those calls and add "
        "consumers, up to the partition count. " + SAFE_RETRIES,
    ),
}


async def _job(resources: Resources) -> str:
    posting = JobPosting(source_kind="greenhouse", source_identifier="verdictco", external_id=uuid.uuid4().hex,
                         title=TITLE, description=POSTING, company=f"Verdictco {uuid.uuid4().hex[:6]}")  # fmt: skip
    return (await job_catalog(resources).add(posting)).job_id


async def _asked(stub: interview_pb2_grpc.InterviewServiceStub, auth: Metadata, job_id: str, resume_id: str,
                 count: int) -> list[interview_pb2.Question]:  # fmt: skip
    """Every question of a whole interview as the candidate sees them, each answered with a substantial answer."""
    started = await stub.StartInterview(
        interview_pb2.StartInterviewRequest(
            job_id=job_id, resume_id=resume_id, options=interview_pb2.InterviewOptions(question_count=count)
        ),
        metadata=auth,
    )
    asked, question = [started.question], started.question
    for _ in range(3 * count):
        reply = await stub.SubmitAnswer(
            interview_pb2.SubmitAnswerRequest(
                interview_id=started.interview.interview_id,
                question_id=question.question_id,
                answer=answer_for(question),
            ),
            metadata=auth,
        )
        if not reply.HasField("next_question"):
            return asked
        question = reply.next_question
        asked.append(question)
    raise AssertionError("the interview did not finish")


async def test_a_payments_job_on_kafka_and_aws_designs_its_own_system(
    channel: aio.Channel, auth: Metadata, resources: Resources
) -> None:
    job_id = await _job(resources)
    resume_id = await upload(channel, auth, resume(20))
    asked = await _asked(interview_pb2_grpc.InterviewServiceStub(channel), auth, job_id, resume_id, count=5)
    designs = [q for q in asked if q.kind == interview_pb2.QUESTION_KIND_SYSTEM_DESIGN]
    assert designs, [q.text for q in asked]
    design = designs[0]
    for words in ("payment", "Apache Kafka", "AWS", "PostgreSQL", "millions of transactions per day", "twice"):
        assert words in design.text, (words, design.text)
    assert "payments" in design.target.reason and "URL shortener" not in design.text
    incidents = [q for q in asked if "busiest hour" in q.text]
    assert incidents and "payments wait minutes to be confirmed" in incidents[0].text
    assert incidents[0].target.skill.skill_id in {"postgresql", "aws", "kafka"}


async def test_twenty_dated_years_of_rest_are_never_fewer_and_three_are_said_as_three(
    channel: aio.Channel, auth: Metadata, resources: Resources
) -> None:
    stub = interview_pb2_grpc.InterviewServiceStub(channel)
    job_id = await _job(resources)
    veteran = await _asked(stub, auth, job_id, await upload(channel, auth, resume(20)), count=5)
    texts = [q.text for q in veteran]
    assert not [t for t in texts if "fewer" in t or "years of REST" in t], texts
    newcomer = await _asked(stub, auth, job_id, await upload(channel, auth, resume(3)), count=5)
    probes = [q for q in newcomer if q.kind == interview_pb2.QUESTION_KIND_EXPERIENCE_PROBE and "REST" in q.text]
    assert probes, [q.text for q in newcomer]
    assert "3 years of REST (Principal Engineer at Bigco)" in probes[0].text and "8+ years" in probes[0].text
    assert probes[0].target.reason == "the job asks for 8+ years of REST; the resume shows 3 dated years"


async def test_the_verdict_and_the_transcript_over_rest(
    gateway_url: str,
    channel: aio.Channel,
    auth: Metadata,
    user_id: str,
    token_for: Callable[..., str],
    resources: Resources,
) -> None:
    job_id = await _job(resources)
    resume_id = await upload(channel, auth, resume(20))
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=60) as http:
        started = await http.post(
            "/api/interview/start", json={"job_id": job_id, "resume_id": resume_id, "options": {"question_count": 3}}
        )
        assert started.status_code == 200, started.text
        interview_id = started.json()["interview"]["interview_id"]
        first = question = started.json()["question"]
        scenario_id = signal = ""
        for _ in range(10):
            if question["question_id"] in (first["question_id"], first["question_id"] + "f"):
                text = WEAK_ANSWER  # the first topic, and its follow-up: not yet
            elif "busiest hour" in question["text"]:
                scenario_id, (signal, text) = (
                    question["question_id"],
                    INCIDENTS[question["target"]["skill"]["skill_id"]],
                )
            else:
                text = answer_for(SimpleNamespace(text=question["text"]))
            reply = await http.post(
                f"/api/interview/{interview_id}/answer", json={"question_id": question["question_id"], "answer": text}
            )
            assert reply.status_code == 200, reply.text
            if reply.json()["interview"]["state"] == "INTERVIEW_STATE_FINISHED":
                break
            question = reply.json()["next_question"]
        feedback = (await http.get(f"/api/interview/{interview_id}/feedback")).json()["feedback"]
        topics = feedback["topics"]
        weak = next(t for t in topics if first["question_id"] in t["question_ids"])
        assert weak["readiness"] == "READINESS_NOT_YET" and weak["points_missed"], weak
        incident = next(t for t in topics if scenario_id in t["question_ids"])
        assert any(signal in e for e in incident["evidence"]), incident
        practice = feedback["practice_first"]
        assert 1 <= len(practice) <= 3 and practice[0]["topic"] == weak["topic"]
        assert practice[0]["practise"] and practice[0]["resources"][0]["url"].startswith("https://")
        assert feedback["verdict"].startswith("Overall: ") and feedback["verdict_engine"] == "offline"

        transcript = await http.get(f"/api/interview/{interview_id}/transcript")
        assert transcript.status_code == 200, transcript.text
        body = transcript.json()
        markdown = body["markdown"]
        assert markdown.startswith(f"# Mock interview: {TITLE} at Verdictco ")
        assert first["text"] in markdown and "> Not sure, maybe." in markdown and "## Verdict" in markdown
        assert "> " + DAMAGE_FIRST.replace("_", "\\_")[:60] in markdown  # the answer, quoted
        assert f"]({practice[0]['resources'][0]['url']})" in markdown
        assert body["filename"].endswith("-senior-backend-engineer-payments.md")

        stranger = {"authorization": f"Bearer {token_for('stranger-' + uuid.uuid4().hex[:6])}"}
        theirs = await http.get(f"/api/interview/{interview_id}/transcript", headers=stranger)
        nobodys = await http.get(f"/api/interview/{uuid.uuid4()}/transcript", headers=stranger)
        assert theirs.status_code == nobodys.status_code == 404
        bad = await http.get("/api/interview/not-an-id/transcript")
        assert bad.status_code == 400 and "interview_id" in bad.json()["message"]


async def test_the_transcript_over_grpc_at_any_time_and_for_its_owner_only(
    channel: aio.Channel, auth: Metadata, token_for: Callable[..., str], resources: Resources
) -> None:
    stub = interview_pb2_grpc.InterviewServiceStub(channel)
    started = await stub.StartInterview(
        interview_pb2.StartInterviewRequest(job_id=await _job(resources), resume_id=await upload(channel, auth)),
        metadata=auth,
    )
    interview_id = started.interview.interview_id
    reply = await stub.GetInterviewTranscript(
        interview_pb2.GetInterviewTranscriptRequest(interview_id=interview_id), metadata=auth
    )
    assert reply.interview.interview_id == interview_id
    assert "No answers yet." in reply.markdown and started.question.text in reply.markdown
    assert "### Waiting for your answer" in reply.markdown
    stranger = (("authorization", f"Bearer {token_for('stranger-' + uuid.uuid4().hex[:6])}"),)
    for request, metadata, code in (
        (interview_pb2.GetInterviewTranscriptRequest(interview_id=interview_id), stranger, grpc.StatusCode.NOT_FOUND),
        (interview_pb2.GetInterviewTranscriptRequest(interview_id="q1"), auth, grpc.StatusCode.INVALID_ARGUMENT),
        (interview_pb2.GetInterviewTranscriptRequest(), auth, grpc.StatusCode.INVALID_ARGUMENT),
    ):
        with pytest.raises(aio.AioRpcError) as err:
            await stub.GetInterviewTranscript(request, metadata=metadata)
        assert err.value.code() == code, err.value.details()
        if code == grpc.StatusCode.INVALID_ARGUMENT:
            assert "interview_id" in (err.value.details() or "")

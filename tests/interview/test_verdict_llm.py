"""The LLM engine words the verdict of an interview it ran (issue 18): from the verdict's facts between markers,
never from the answers; the readiness and scores stay the offline ones; a failing model keeps the offline wording."""

from __future__ import annotations

import openai
import pytest
from grpc import aio
from tests.support.interview import GOOD_ANSWERS
from tests.support.llm import FakeServer, Reply, completion, streamed
from tests.support.samples import upload

from skillgap.app import App
from skillgap.interview.bank import QuestionBank
from skillgap.interview.engines import OfflineEngine
from skillgap.interview.grading import OfflineGrader
from skillgap.interview.llm import LlmEngine
from skillgap.interview.readiness import topic_readiness
from skillgap.interview.service import InterviewService
from skillgap.interview.verdict_llm import VerdictWriter
from skillgap.llm import ChatModel
from skillgap.storage.interviews import InterviewRepository

Metadata = tuple[tuple[str, str], ...]
VERDICT_WORDS = ["You are ", "ready on ", "this topic; ", "keep practising."]


def model(verdict: Reply) -> object:
    """A fake model: words questions, judges every rubric point covered, and answers the verdict with `verdict`."""

    def reply(request: dict[str, object]) -> Reply:
        messages = request["messages"]
        assert isinstance(messages, list)
        if "interview coach" in messages[0]["content"]:
            return verdict
        if request.get("stream"):
            return streamed(["Tell me ", "about it?"])
        return completion({"covered": [1, 2, 3, 4, 5], "rationale": "Complete."})

    return reply


@pytest.fixture
async def service(app: App, fake: FakeServer) -> object:
    client = openai.AsyncOpenAI(base_url=fake.base_url, api_key="not-needed", max_retries=0)
    resources = app.resources
    offline = OfflineEngine(OfflineGrader(resources.embedder))
    yield InterviewService(
        InterviewRepository(resources.pool),
        app.services.matcher,
        QuestionBank.load(),
        offline,
        llm=LlmEngine(client, model="fake-model", fallback=offline, timeout_seconds=5.0),
        catalog=resources.catalog,
        taxonomy=resources.taxonomy,
        resumes=app.services.resumes,
        verdict_writer=VerdictWriter(ChatModel(client, model="fake-model", timeout_seconds=5.0)),
    )
    await client.close()


async def _finish(service: InterviewService, channel: aio.Channel, auth: Metadata, user_id: str, job_id: str) -> object:
    resume_id = await upload(channel, auth)
    session, question = await service.start(user_id, job_id, resume_id, question_count=1, engine="llm")
    for _ in range(3):
        result = await service.answer(user_id, session.interview_id, question.question_id, GOOD_ANSWERS["technical"])
        if result.feedback is not None:
            return result
        assert result.next_question is not None
        question = result.next_question
    raise AssertionError("the interview did not finish")


async def test_the_model_words_the_verdict_and_the_words_are_kept(
    service: InterviewService, fake: FakeServer, channel: aio.Channel, auth: Metadata, user_id: str, job_id: str
) -> None:
    fake.reply = model(streamed(VERDICT_WORDS))  # type: ignore[assignment]
    result = await _finish(service, channel, auth, user_id, job_id)
    feedback = result.feedback  # type: ignore[attr-defined]
    assert feedback.verdict == "You are ready on this topic; keep practising."
    assert feedback.verdict_engine == "llm:fake-model"
    assert feedback.topics and feedback.topics == topic_readiness(feedback.turns)  # the rule's, not the model's
    asked = next(r for r in fake.requests if "interview coach" in r["messages"][0]["content"])
    facts = asked["messages"][1]["content"]
    assert "<<<DATA-" in facts and feedback.topics[0].topic in facts
    assert GOOD_ANSWERS["technical"][:40] not in facts  # the answers never reach the verdict's prompt
    calls = len(fake.requests)
    _, again = await service.feedback(user_id, result.session.interview_id)  # type: ignore[attr-defined]
    assert again.verdict == feedback.verdict and len(fake.requests) == calls  # stored: worded once


async def test_a_failing_model_keeps_the_offline_verdict(
    service: InterviewService, fake: FakeServer, channel: aio.Channel, auth: Metadata, user_id: str, job_id: str
) -> None:
    fake.reply = model(Reply(status=500, body={"error": {"message": "boom"}}))  # type: ignore[assignment]
    result = await _finish(service, channel, auth, user_id, job_id)
    feedback = result.feedback  # type: ignore[attr-defined]
    assert feedback.verdict.startswith("Overall: ") and feedback.verdict_engine == "offline"

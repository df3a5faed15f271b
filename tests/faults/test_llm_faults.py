"""The LLM server slow, down, or answering garbage, under every feature that uses it: skill extraction (a
job's and a resume's), questions about a job, and the mock interview (questions and grading).

The model server is a local HTTP server that speaks the OpenAI chat completions API badly (see
`support.BadLlm`), configured as production configures a real one (`SKILLGAP_LLM_BASE_URL`, the client
`build_chat_model` makes). What a user notices: every call still answers, from the offline engine, within a
bounded time (the configured LLM timeout, per model call), and the response says the LLM was not used and
why, in words (not a Python error).
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import pytest

from skillgap.jobs.models import JobPosting
from skillgap.llm import build_chat_model
from skillgap.resources import Resources
from skillgap.skills.engines import build_extractor, close_extractor
from skillgap.skills.taxonomy import Taxonomy
from skillgap.v1 import interview_pb2, interview_pb2_grpc, job_pb2, job_pb2_grpc, resume_pb2, resume_pb2_grpc
from tests.faults.support import BadLlm, serving
from tests.support.interview import answer_for
from tests.support.samples import BACKEND, RESUME
from tests.support.services import job_catalog

MODEL = "bad-model"
TIMEOUT = 1.5  # SKILLGAP_LLM_TIMEOUT_SECONDS for these tests
SLACK = 2.0  # the rest of the work of a call (the offline engine, storage), on a busy machine
# What a fallback says, after "(llm fallback: ": a reason in words; once the server failed, the features that
# come after skip it for a while (SKILLGAP_LLM_RETRY_SECONDS) and say that, with the first failure's reason.
FAILURE = (
    r"(timed out|timeout after [\d.]+ s|server unreachable|connection error: .+|server answered 5\d\d|"
    r"server error: HTTP 5\d\d|invalid output|invalid JSON .+|output does not match the schema .+|"
    r"no choices in the response|empty output|the model returned an empty answer|empty question)"
)
SKIPPED = r"not tried: the model failed \d+ s ago \(" + FAILURE + r"\), next try in \d+ s"
READABLE = re.compile(f"^({FAILURE}|{SKIPPED})$")


def fallback_reason(engine: str, offline: str) -> str:
    """The reason in `offline (llm fallback: reason)`; fails when `engine` is anything else."""
    match = re.fullmatch(re.escape(offline) + r" \(llm fallback: (.+)\)", engine)
    assert match, f"{engine!r} does not say the {offline} engine answered instead of the LLM"
    return match.group(1)


def resume_upload() -> resume_pb2.UploadResumeRequest:
    return resume_pb2.UploadResumeRequest(filename="cv.txt", content_type="text/plain", content=RESUME.encode())


def good_answer(interview_id: str, question: interview_pb2.Question) -> interview_pb2.SubmitAnswerRequest:
    """A substantial answer on that question's topic: the model, when used, has something to grade (an answer the
    offline grader finds off-topic is never sent to a model)."""
    return interview_pb2.SubmitAnswerRequest(
        interview_id=interview_id, question_id=question.question_id, answer=answer_for(question)
    )


@asynccontextmanager
async def llm_configured(
    resources: Resources, base_url: str, *, retry_seconds: float = 30.0
) -> AsyncIterator[Resources]:
    """The session's resources as a deployment with this LLM server configures them."""
    settings = resources.settings.model_copy(
        update={
            "llm_base_url": base_url,
            "llm_model": MODEL,
            "llm_timeout_seconds": TIMEOUT,
            "llm_retry_seconds": retry_seconds,
            "extractor": "auto",
        }
    )
    llm = build_chat_model(settings)
    assert llm is not None
    extractor = build_extractor(settings, Taxonomy.load(), model=llm)
    try:
        yield dataclasses.replace(resources, settings=settings, llm=llm, extractor=extractor)
    finally:
        await close_extractor(extractor)
        await llm.aclose()


class Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @asynccontextmanager
    async def bounded(self, what: str, model_calls: int) -> AsyncIterator[None]:
        """The step may wait for the model `model_calls` times, each at most TIMEOUT, and no more."""
        started = time.monotonic()
        yield
        took = self.timings[what] = time.monotonic() - started
        assert took < model_calls * TIMEOUT + SLACK, f"{what} took {took:.1f} s"


@pytest.mark.parametrize("mode", BadLlm.MODES)
async def test_every_llm_feature_falls_back_to_offline_in_bounded_time(
    mode: str, resources: Resources, token_for: Callable[..., str], user_id: str
) -> None:
    auth = (("authorization", f"Bearer {token_for(user_id)}"),)
    clock = Clock()
    async with (
        BadLlm(mode) as llm,
        llm_configured(resources, llm.base_url) as configured,
        serving(configured) as channel,
    ):
        # A scraped job's skills (workers extract them as they store postings).
        posting = JobPosting(
            source_kind="greenhouse",
            source_identifier="faults-llm",
            external_id=uuid.uuid4().hex,
            title="Senior Backend Engineer",
            description=BACKEND,
            company=f"Llmfaults {uuid.uuid4().hex[:6]}",
        )
        async with clock.bounded("job extraction", 1):
            job_id = (await job_catalog(configured).add(posting)).job_id
        skills = await job_pb2_grpc.JobServiceStub(channel).GetJobSkills(
            job_pb2.GetJobSkillsRequest(job_id=job_id), metadata=auth, timeout=10
        )
        reasons = {"job extraction": fallback_reason(skills.skills.extractor, "taxonomy")}
        assert skills.skills.required_skills, "the offline extraction found no skill"

        # A resume upload.
        async with clock.bounded("resume upload", 1):
            uploaded = await resume_pb2_grpc.ResumeServiceStub(channel).UploadResume(
                resume_upload(),
                metadata=auth,
                timeout=30,
            )
        reasons["resume extraction"] = fallback_reason(uploaded.resume.profile.extractor, "taxonomy")
        assert uploaded.resume.profile.skills
        resume_id = uploaded.resume.resume_id

        # A question about the job: the offline answer, streamed, and the last message says so.
        async with clock.bounded("AskAboutJob", 1):
            parts = [
                part
                async for part in job_pb2_grpc.JobServiceStub(channel).AskAboutJob(
                    job_pb2.AskAboutJobRequest(
                        job_id=job_id, resume_id=resume_id, question="What should I learn first?"
                    ),
                    metadata=auth,
                    timeout=30,
                )
            ]
        assert parts[-1].done and "".join(p.text_delta for p in parts).strip()
        reasons["AskAboutJob"] = fallback_reason(parts[-1].engine, "offline")

        # A mock interview on the LLM engine (the server's default once an LLM is configured).
        interviews = interview_pb2_grpc.InterviewServiceStub(channel)
        async with clock.bounded("StartInterview", 1):
            started = await interviews.StartInterview(
                interview_pb2.StartInterviewRequest(
                    job_id=job_id, resume_id=resume_id, options=interview_pb2.InterviewOptions(question_count=2)
                ),
                metadata=auth,
                timeout=30,
            )
        assert started.interview.engine == f"llm:{MODEL}"
        assert started.question.text.strip().endswith("?"), started.question.text  # the bank's wording
        reasons["interview question"] = fallback_reason(started.question.engine, "offline")
        async with clock.bounded("SubmitAnswer", 2):  # grading, then wording the next question
            answered = await interviews.SubmitAnswer(
                good_answer(started.interview.interview_id, started.question),
                metadata=auth,
                timeout=30,
            )
        assert answered.evaluation.points_covered or answered.evaluation.points_missed
        reasons["interview grading"] = fallback_reason(answered.evaluation.engine, "offline")
        assert answered.next_question.text.strip()
        reasons["next interview question"] = fallback_reason(answered.next_question.engine, "offline")

    assert llm.mode == "refused" or llm.requests, "the LLM server was never asked"
    unreadable = {what: reason for what, reason in reasons.items() if not READABLE.match(reason)}
    assert not unreadable, f"fallback reasons that are not words: {unreadable}"
    print(f"{mode}: {reasons}; timings { ({k: round(v, 1) for k, v in clock.timings.items()}) }")


async def test_after_the_model_failed_every_feature_stops_waiting_for_it_until_the_retry_time(
    resources: Resources, token_for: Callable[..., str], user_id: str
) -> None:
    """One timeout, then the rest of the interview and the other features answer offline at once (not one
    timeout per model call), saying why; after the retry time the model is asked again."""
    retry = 4.0
    auth = (("authorization", f"Bearer {token_for(user_id)}"),)
    async with (
        BadLlm("slow") as llm,
        llm_configured(resources, llm.base_url, retry_seconds=retry) as configured,
        serving(configured) as channel,
    ):
        posting = JobPosting("greenhouse", "faults-outage", uuid.uuid4().hex, "Senior Backend Engineer", BACKEND,
                             company=f"Outage {uuid.uuid4().hex[:6]}")  # fmt: skip
        job_id = (await job_catalog(configured).add(posting)).job_id  # waits out one timeout
        failed_at = time.monotonic()
        interviews = interview_pb2_grpc.InterviewServiceStub(channel)
        asked = len(llm.requests)
        began = time.monotonic()
        uploaded = await resume_pb2_grpc.ResumeServiceStub(channel).UploadResume(
            resume_upload(),
            metadata=auth,
            timeout=30,
        )
        started = await interviews.StartInterview(
            interview_pb2.StartInterviewRequest(
                job_id=job_id,
                resume_id=uploaded.resume.resume_id,
                options=interview_pb2.InterviewOptions(question_count=3),
            ),
            metadata=auth,
            timeout=30,
        )
        answered = await interviews.SubmitAnswer(
            good_answer(started.interview.interview_id, started.question),
            metadata=auth,
            timeout=30,
        )
        took = time.monotonic() - began
        # Four model calls skipped (resume extraction, two questions, one grading): none waited for the model.
        assert took < TIMEOUT, f"an upload, a start and an answer took {took:.1f} s after the model failed"
        assert len(llm.requests) == asked, "the model was asked while it was known to be down"
        for engine, offline in (
            (uploaded.resume.profile.extractor, "taxonomy"),
            (started.question.engine, "offline"),
            (answered.evaluation.engine, "offline"),
            (answered.next_question.engine, "offline"),
        ):
            reason = fallback_reason(engine, offline)
            assert re.fullmatch(SKIPPED, reason), reason
            assert "timeout after 1.5 s" in reason or "timed out" in reason

        # After the retry time the model is asked again (and, still slow, times out again).
        await asyncio.sleep(max(0.0, failed_at + retry + 0.2 - time.monotonic()))
        again = await interviews.SubmitAnswer(
            good_answer(started.interview.interview_id, answered.next_question),
            metadata=auth,
            timeout=30,
        )
        assert len(llm.requests) > asked
        assert again.next_question.question_id  # 3 planned, 2 answered
        # The first call after the retry time (grading this answer) asks the model and times out; the wording of
        # the next question, right after, does not wait for it again.
        assert fallback_reason(again.evaluation.engine, "offline") == "timed out"
        assert re.fullmatch(SKIPPED, fallback_reason(again.next_question.engine, "offline"))

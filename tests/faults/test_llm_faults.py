"""The LLM server slow, down, or answering garbage, under every feature that uses it: skill extraction (a
job's and a resume's), questions about a job, and the mock interview (questions and grading).

The model server is a local HTTP server that speaks the OpenAI chat completions API badly (see
`support.BadLlm`), configured as production configures a real one (`SKILLGAP_LLM_BASE_URL`, the client
`build_llm_client` makes). What a user notices: every call still answers, from the offline engine, within a
bounded time (the configured LLM timeout, per model call), and the response says the LLM was not used and
why, in words (not a Python error).
"""

from __future__ import annotations

import dataclasses
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import pytest

from skillgap.jobs.models import JobPosting
from skillgap.jobs.service import JobCatalog
from skillgap.resources import Resources
from skillgap.skills.engines import build_extractor, build_llm_client, close_extractor
from skillgap.skills.taxonomy import Taxonomy
from skillgap.v1 import interview_pb2, interview_pb2_grpc, job_pb2, job_pb2_grpc, resume_pb2, resume_pb2_grpc
from tests.api.test_job_matching import BACKEND, RESUME
from tests.faults.support import BadLlm, serving
from tests.interview.test_interview_api import GOOD_ANSWERS

MODEL = "bad-model"
TIMEOUT = 1.5  # SKILLGAP_LLM_TIMEOUT_SECONDS for these tests
SLACK = 2.0  # the rest of the work of a call (the offline engine, storage), on a busy machine
# What a fallback says, after "(llm fallback: ": a reason in words.
READABLE = re.compile(
    r"^(timed out|timeout after [\d.]+ s|server unreachable|connection error: .+|server answered 5\d\d|"
    r"server error: HTTP 5\d\d|invalid output|invalid JSON .+|output does not match the schema .+|"
    r"no choices in the response|empty output|the model returned an empty answer|empty question)$"
)


def fallback_reason(engine: str, offline: str) -> str:
    """The reason in `offline (llm fallback: reason)`; fails when `engine` is anything else."""
    match = re.fullmatch(re.escape(offline) + r" \(llm fallback: (.+)\)", engine)
    assert match, f"{engine!r} does not say the {offline} engine answered instead of the LLM"
    return match.group(1)


@asynccontextmanager
async def llm_configured(resources: Resources, base_url: str) -> AsyncIterator[Resources]:
    """The session's resources as a deployment with this LLM server configures them."""
    settings = resources.settings.model_copy(
        update={"llm_base_url": base_url, "llm_model": MODEL, "llm_timeout_seconds": TIMEOUT, "extractor": "auto"}
    )
    client = build_llm_client(settings)
    assert client is not None
    extractor = build_extractor(settings, Taxonomy.load())
    try:
        yield dataclasses.replace(resources, settings=settings, llm=client, extractor=extractor)
    finally:
        await close_extractor(extractor)
        await client.close()


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
            job_id = (await JobCatalog.from_resources(configured).add(posting)).job_id
        skills = await job_pb2_grpc.JobServiceStub(channel).GetJobSkills(
            job_pb2.GetJobSkillsRequest(job_id=job_id), metadata=auth, timeout=10
        )
        reasons = {"job extraction": fallback_reason(skills.skills.extractor, "taxonomy")}
        assert skills.skills.required_skills, "the offline extraction found no skill"

        # A resume upload.
        async with clock.bounded("resume upload", 1):
            uploaded = await resume_pb2_grpc.ResumeServiceStub(channel).UploadResume(
                resume_pb2.UploadResumeRequest(filename="cv.txt", content_type="text/plain", content=RESUME.encode()),
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
                interview_pb2.SubmitAnswerRequest(
                    interview_id=started.interview.interview_id,
                    question_id=started.question.question_id,
                    answer=GOOD_ANSWERS["technical"],
                ),
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

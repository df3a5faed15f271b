from __future__ import annotations

from collections.abc import AsyncIterator

from grpc import aio

from skillgap.api.call_context import current_principal
from skillgap.api.convert import (
    evidence_messages,
    job_message,
    job_skills_message,
    job_summary_message,
    source_kind_of,
)
from skillgap.api.convert_matching import (
    gap_analysis_message,
    gap_summary_message,
    job_filter,
    job_match_message,
)
from skillgap.jobs.listing import ListJobsRequest
from skillgap.jobs.models import StoredJob
from skillgap.jobs.service import JobCatalog
from skillgap.lru import Lru
from skillgap.matching.ask import JobQuestions
from skillgap.matching.service import JobMatcher, SearchRequest
from skillgap.v1 import job_pb2, job_pb2_grpc


class JobServicer(job_pb2_grpc.JobServiceServicer):
    """Jobs are shared: any signed-in user reads any job. Resumes are the caller's own."""

    def __init__(
        self, jobs: JobCatalog, matcher: JobMatcher, questions: JobQuestions, *, cached_messages: int = 0
    ) -> None:
        self._jobs = jobs
        self._matcher = matcher
        self._questions = questions
        # GetJob's reply per job, built once for the very job object the catalog returned (its cache hands out
        # the same object until the job changes): converting a job's ~20 skills costs more than the read.
        self._replies: Lru[str, tuple[StoredJob, job_pb2.GetJobResponse]] = Lru(cached_messages)

    async def AskAboutJob(
        self, request: job_pb2.AskAboutJobRequest, context: aio.ServicerContext
    ) -> AsyncIterator[job_pb2.AskAboutJobResponse]:
        principal = current_principal()
        async for part in self._questions.ask(principal.user_id, request.job_id, request.resume_id, request.question):
            yield job_pb2.AskAboutJobResponse(
                text_delta=part.text_delta,
                citations=evidence_messages(part.citations),
                engine=part.engine,
                done=part.done,
            )

    async def SearchJobs(
        self, request: job_pb2.SearchJobsRequest, context: aio.ServicerContext
    ) -> job_pb2.SearchJobsResponse:
        principal = current_principal()
        result = await self._matcher.search(
            principal.user_id,
            SearchRequest(
                resume_id=request.resume_id,
                query=request.query,
                filter=job_filter(request.filter),
                page_size=request.page_size,
                page_token=request.page_token,
            ),
        )
        return job_pb2.SearchJobsResponse(
            matches=[job_match_message(m) for m in result.matches],
            next_page_token=result.next_page_token,
            caveats=list(result.caveats),
        )

    async def ListJobs(
        self, request: job_pb2.ListJobsRequest, context: aio.ServicerContext
    ) -> job_pb2.ListJobsResponse:
        current_principal()  # jobs are shared: any signed-in user lists the same ones
        wanted = job_filter(request.filter)
        page = await self._jobs.list_jobs(
            ListJobsRequest(
                filter=wanted,
                source_kind=source_kind_of("source.kind", request.source.kind),
                source_identifier=request.source.identifier,
                external_id=request.source.external_id,
                run_id=request.run_id,
                page_size=request.page_size,
                page_token=request.page_token,
            ),
            self._matcher.vector_filter(wanted),
        )
        return job_pb2.ListJobsResponse(
            jobs=[job_summary_message(job) for job in page.jobs], next_page_token=page.next_page_token
        )

    async def GetJob(self, request: job_pb2.GetJobRequest, context: aio.ServicerContext) -> job_pb2.GetJobResponse:
        principal = current_principal()
        if request.resume_id:
            analysis = await self._matcher.gap_analysis(principal.user_id, request.job_id, request.resume_id)
            return job_pb2.GetJobResponse(
                job=job_message(analysis.match.job), gap_analysis=gap_analysis_message(analysis)
            )
        job = await self._jobs.get(request.job_id)
        built = self._replies.get(job.job_id)
        if built is not None and built[0] is job:
            return built[1]
        reply = job_pb2.GetJobResponse(job=job_message(job))
        self._replies.put(job.job_id, (job, reply))
        return reply

    async def GetJobSkills(
        self, request: job_pb2.GetJobSkillsRequest, context: aio.ServicerContext
    ) -> job_pb2.GetJobSkillsResponse:
        current_principal()
        skills = await self._jobs.skills(request.job_id)
        return job_pb2.GetJobSkillsResponse(job_id=request.job_id, skills=job_skills_message(skills))

    async def GetGapSummary(
        self, request: job_pb2.GetGapSummaryRequest, context: aio.ServicerContext
    ) -> job_pb2.GetGapSummaryResponse:
        principal = current_principal()
        summary = await self._matcher.gap_summary(
            principal.user_id,
            request.resume_id,
            top_matches=request.top_matches,
            wanted=job_filter(request.filter),
        )
        return gap_summary_message(summary)

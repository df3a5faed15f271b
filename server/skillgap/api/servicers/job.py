from __future__ import annotations

from grpc import aio

from skillgap.api.call_context import current_principal
from skillgap.api.convert import job_message, job_skills_message
from skillgap.api.servicers.pending import PendingJobServicer
from skillgap.errors import NotImplementedYet
from skillgap.jobs.service import JobCatalog
from skillgap.v1 import job_pb2


class JobServicer(PendingJobServicer):
    """Jobs are shared: any signed-in user reads any job."""

    def __init__(self, jobs: JobCatalog) -> None:
        self._jobs = jobs

    async def GetJob(self, request: job_pb2.GetJobRequest, context: aio.ServicerContext) -> job_pb2.GetJobResponse:
        current_principal()
        if request.resume_id:
            raise NotImplementedYet(
                "GetJob with resume_id (the gap analysis) is not built yet: it arrives in a later release; "
                "call GetJob without resume_id for the job and its skills",
                reason="NOT_IMPLEMENTED",
                metadata={"rpc": "GetJob", "field": "resume_id"},
            )
        job = await self._jobs.get(request.job_id)
        return job_pb2.GetJobResponse(job=job_message(job))

    async def GetJobSkills(
        self, request: job_pb2.GetJobSkillsRequest, context: aio.ServicerContext
    ) -> job_pb2.GetJobSkillsResponse:
        current_principal()
        skills = await self._jobs.skills(request.job_id)
        return job_pb2.GetJobSkillsResponse(job_id=request.job_id, skills=job_skills_message(skills))

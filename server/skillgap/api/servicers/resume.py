from __future__ import annotations

from grpc import aio

from skillgap.api.call_context import current_principal
from skillgap.api.convert import profile_from_message, profile_paths_present, resume_message
from skillgap.resumes.service import ResumeService
from skillgap.v1 import resume_pb2, resume_pb2_grpc


class ResumeServicer(resume_pb2_grpc.ResumeServiceServicer):
    def __init__(self, resumes: ResumeService) -> None:
        self._resumes = resumes

    async def UploadResume(
        self, request: resume_pb2.UploadResumeRequest, context: aio.ServicerContext
    ) -> resume_pb2.UploadResumeResponse:
        document = request.WhichOneof("document")
        result = await self._resumes.upload(
            current_principal().user_id,
            filename=request.filename,
            content_type=request.content_type,
            content=request.content if document == "content" else None,
            text=request.text if document == "text" else None,
        )
        return resume_pb2.UploadResumeResponse(
            resume=resume_message(result.resume), already_existed=result.already_existed
        )

    async def GetResume(
        self, request: resume_pb2.GetResumeRequest, context: aio.ServicerContext
    ) -> resume_pb2.GetResumeResponse:
        resume = await self._resumes.get(current_principal().user_id, request.resume_id)
        return resume_pb2.GetResumeResponse(resume=resume_message(resume))

    async def ListResumes(
        self, request: resume_pb2.ListResumesRequest, context: aio.ServicerContext
    ) -> resume_pb2.ListResumesResponse:
        page, token = await self._resumes.list(
            current_principal().user_id, page_size=request.page_size, page_token=request.page_token
        )
        return resume_pb2.ListResumesResponse(
            resumes=[resume_message(r) for r in page], next_page_token=token
        )

    async def UpdateResumeProfile(
        self, request: resume_pb2.UpdateResumeProfileRequest, context: aio.ServicerContext
    ) -> resume_pb2.UpdateResumeProfileResponse:
        paths = list(request.update_mask.paths) or profile_paths_present(request.profile)
        resume = await self._resumes.update_profile(
            current_principal().user_id, request.resume_id, profile_from_message(request.profile, paths), paths
        )
        return resume_pb2.UpdateResumeProfileResponse(resume=resume_message(resume))

    async def DeleteResume(
        self, request: resume_pb2.DeleteResumeRequest, context: aio.ServicerContext
    ) -> resume_pb2.DeleteResumeResponse:
        await self._resumes.delete(current_principal().user_id, request.resume_id)
        return resume_pb2.DeleteResumeResponse(resume_id=request.resume_id)

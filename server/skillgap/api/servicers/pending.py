"""Servicers of the RPCs a later release builds.

They answer UNIMPLEMENTED with a sentence saying what is coming, after authentication (and the
admin check for admin RPCs), so clients can already code against the full contract.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, NoReturn

from grpc import aio

from skillgap.errors import NotImplementedYet
from skillgap.v1 import interview_pb2_grpc


def _pending(rpc: str, feature: str) -> NoReturn:
    raise NotImplementedYet(
        f"{rpc} is part of the API but not built yet: {feature} arrives in a later release",
        reason="NOT_IMPLEMENTED",
        metadata={"rpc": rpc},
    )


class InterviewServicer(interview_pb2_grpc.InterviewServiceServicer):
    async def StartInterview(self, request: Any, context: aio.ServicerContext) -> Any:
        _pending("StartInterview", "the mock interview")

    async def SubmitAnswer(self, request: Any, context: aio.ServicerContext) -> Any:
        _pending("SubmitAnswer", "the mock interview")

    async def GetFeedback(self, request: Any, context: aio.ServicerContext) -> Any:
        _pending("GetFeedback", "the mock interview")

    async def Converse(self, request_iterator: Any, context: aio.ServicerContext) -> AsyncIterator[Any]:
        _pending("Converse", "the live mock interview")
        yield None  # unreachable; makes this an async generator

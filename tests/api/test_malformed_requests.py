"""Request bytes that are not the method's message: a clear INVALID_ARGUMENT, never UNKNOWN naming a class."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import grpc
import httpx
import pytest
from grpc import aio

from skillgap.v1 import resume_pb2
from tests.support.rpc_log import RPC_LOGGER, rpc_log_line

LIST_RESUMES = "/skillgap.v1.ResumeService/ListResumes"
CONVERSE = "/skillgap.v1.InterviewService/Converse"

# ListResumesRequest: page_size = 1 (varint), page_token = 2 (length-delimited).
INVALID_UTF8_TOKEN = bytes([0x12, 0x02, 0x00, 0xFF])
TRUNCATED = resume_pb2.ListResumesRequest(page_size=5, page_token="x" * 40).SerializeToString()[:-10]
GARBAGE = bytes(range(256)) * 4
BAD_WIRE_TYPE = bytes([0x0F, 0x01])  # field 1 with wire type 7, which does not exist


def raw_unary(channel: aio.Channel, method: str) -> aio.UnaryUnaryMultiCallable:
    return channel.unary_unary(method, request_serializer=None, response_deserializer=None)


@pytest.mark.parametrize(
    "payload", [INVALID_UTF8_TOKEN, TRUNCATED, GARBAGE, BAD_WIRE_TYPE], ids=["utf8", "truncated", "garbage", "wire"]
)
async def test_undecodable_request_is_invalid_argument(
    channel: aio.Channel, auth, payload: bytes, grpc_status_details, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger=RPC_LOGGER)
    with pytest.raises(aio.AioRpcError) as caught:
        await raw_unary(channel, LIST_RESUMES)(payload, metadata=auth)
    error = caught.value
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT, error.details()
    assert "could not be read" in error.details() and "ListResumes" in error.details()
    assert "DecodeError" not in error.details() and "class" not in error.details()
    [info] = [d for d in grpc_status_details(error).details if d.type_url.endswith("ErrorInfo")]
    assert b"MALFORMED_REQUEST" in info.value
    # The call went through the request log like any other, and its line says why it failed.
    line = await rpc_log_line(caplog, lambda r: "ListResumes" in r.getMessage())
    assert "status=INVALID_ARGUMENT reason=MALFORMED_REQUEST" in line.getMessage()
    assert getattr(line, "reason", None) == "MALFORMED_REQUEST"


async def test_a_valid_request_still_works_after_malformed_ones(channel: aio.Channel, auth) -> None:
    with pytest.raises(aio.AioRpcError):
        await raw_unary(channel, LIST_RESUMES)(GARBAGE, metadata=auth)
    reply = await raw_unary(channel, LIST_RESUMES)(resume_pb2.ListResumesRequest().SerializeToString(), metadata=auth)
    assert resume_pb2.ListResumesResponse.FromString(reply).next_page_token == ""


async def test_undecodable_message_on_the_interview_stream_ends_it_with_invalid_argument(
    channel: aio.Channel, auth
) -> None:
    stream = channel.stream_stream(CONVERSE, request_serializer=None, response_deserializer=None)

    async def requests() -> AsyncIterator[bytes]:
        yield GARBAGE

    call = stream(requests(), metadata=auth)
    with pytest.raises(aio.AioRpcError) as caught:
        async for _ in call:
            pass
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "Converse" in caught.value.details()


@pytest.mark.rest
async def test_rest_query_with_bytes_that_are_not_utf8_is_400(
    gateway_url: str, token_for: Callable[..., str], user_id: str
) -> None:
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=30) as http:
        reply = await http.get("/api/resume?page_token=%00%ff")
    assert reply.status_code == 400, reply.text
    body = reply.json()
    assert body["code"] == 3 and "could not be read" in body["message"]

"""The rich error status: grpcio-status puts it in the trailers, byte for byte the google.rpc.Status the REST
bodies and clients have always read, and grpcio-status' client side reads it back in agreement with the call's
own code and message."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2
from grpc import aio
from grpc_status import rpc_status

from skillgap import errors
from skillgap.api import errors as api_errors
from skillgap.api.ratelimit import GROUPS, Limit, RateLimited, refusal_status
from skillgap.v1 import job_pb2, job_pb2_grpc

Metadata = tuple[tuple[str, str], ...]


def _packed(*details: object) -> list[any_pb2.Any]:
    found = []
    for detail in details:
        packed = any_pb2.Any()
        packed.Pack(detail)
        found.append(packed)
    return found


def test_a_bad_request_travels_as_the_status_it_always_was() -> None:
    error = errors.InvalidArgument(
        "bad filter",
        reason="INVALID_FILTER",
        violations=[errors.FieldViolation("filter.location", "at most 200 characters")],
        metadata={"field": "filter.location"},
    )
    status = api_errors.rich_status(grpc.StatusCode.INVALID_ARGUMENT, error.message, error)
    # How the status was packed by hand before grpcio-status: the same bytes.
    expected = status_pb2.Status(
        code=grpc.StatusCode.INVALID_ARGUMENT.value[0],
        message="bad filter",
        details=_packed(
            error_details_pb2.ErrorInfo(
                reason="INVALID_FILTER", domain=api_errors.ERROR_DOMAIN, metadata={"field": "filter.location"}
            ),
            error_details_pb2.BadRequest(
                field_violations=[
                    error_details_pb2.BadRequest.FieldViolation(
                        field="filter.location", description="at most 200 characters"
                    )
                ]
            ),
        ),
    )
    assert status.SerializeToString() == expected.SerializeToString()
    assert api_errors.trailing_metadata(status, "req-1") == (
        ("grpc-status-details-bin", expected.SerializeToString()),
        ("x-request-id", "req-1"),
    )


def test_a_refusal_carries_its_error_info_then_its_retry_info() -> None:
    refusal = RateLimited(GROUPS["upload"], Limit(per_minute=6, burst=2), retry_after=2.5)
    delay = duration_pb2.Duration()
    delay.FromNanoseconds(2_500_000_000)
    info = error_details_pb2.ErrorInfo(reason=refusal.reason, domain=api_errors.ERROR_DOMAIN, metadata=refusal.metadata)
    expected = status_pb2.Status(
        code=grpc.StatusCode.RESOURCE_EXHAUSTED.value[0],
        message=refusal.message,
        details=_packed(info, error_details_pb2.RetryInfo(retry_delay=delay)),
    )
    assert refusal_status(refusal).SerializeToString() == expected.SerializeToString()


async def test_grpcio_status_reads_the_details_of_a_real_call(channel: aio.Channel, auth: Metadata) -> None:
    stub = job_pb2_grpc.JobServiceStub(channel)
    call = stub.SearchJobs(
        job_pb2.SearchJobsRequest(query="python", filter=job_pb2.JobFilter(required_skills=["x" * 500])),
        metadata=auth,
    )
    with pytest.raises(aio.AioRpcError) as caught:
        await call
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    # from_call raises ValueError when the details disagree with the call's code or message.
    status = await rpc_status.aio.from_call(call)
    assert status is not None and status.message == caught.value.details()
    info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(info) and info.domain == api_errors.ERROR_DOMAIN
    bad_request = error_details_pb2.BadRequest()
    assert status.details[1].Unpack(bad_request)
    assert bad_request.field_violations and all("required_skills" in v.field for v in bad_request.field_violations)

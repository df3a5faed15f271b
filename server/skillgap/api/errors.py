"""The one place where domain errors become gRPC statuses (AIP-193).

Each status carries a google.rpc.Status in `grpc-status-details-bin` with an ErrorInfo (reason,
domain, metadata) and, for bad requests, a BadRequest listing the fields at fault. Envoy renders
that as the JSON body of the REST error. grpcio-status (`grpc_status.rpc_status`) puts the Status in
the trailers, as its clients (`rpc_status.from_call`) read it back.
"""

from __future__ import annotations

from collections.abc import Iterable

import grpc
from google.protobuf.message import Message
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from skillgap import errors

ERROR_DOMAIN = "skillgap.dev"
# The trailer rpc_status.to_status writes the Status into.
STATUS_DETAILS_KEY = "grpc-status-details-bin"

_CODES: list[tuple[type[errors.SkillGapError], grpc.StatusCode]] = [
    (errors.InvalidArgument, grpc.StatusCode.INVALID_ARGUMENT),
    (errors.NotFound, grpc.StatusCode.NOT_FOUND),
    (errors.AlreadyExists, grpc.StatusCode.ALREADY_EXISTS),
    (errors.FailedPrecondition, grpc.StatusCode.FAILED_PRECONDITION),
    (errors.Unauthenticated, grpc.StatusCode.UNAUTHENTICATED),
    (errors.PermissionDenied, grpc.StatusCode.PERMISSION_DENIED),
    (errors.ResourceExhausted, grpc.StatusCode.RESOURCE_EXHAUSTED),
    (errors.Unavailable, grpc.StatusCode.UNAVAILABLE),
    (errors.NotImplementedYet, grpc.StatusCode.UNIMPLEMENTED),
]


def status_code_for(error: errors.SkillGapError) -> grpc.StatusCode:
    for error_type, code in _CODES:
        if isinstance(error, error_type):
            return code
    return grpc.StatusCode.INTERNAL


# Bounds on what an error carries back, whatever raised it: the status travels in trailers, and a message or a
# detail that quoted a 1 MB field broke them (a 502 through Envoy, RESOURCE_EXHAUSTED over gRPC).
MAX_MESSAGE_CHARS = 2_000
MAX_DETAIL_CHARS = 300


def bounded(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def rich_status(
    code: grpc.StatusCode, message: str, error: errors.SkillGapError | None, *, extra: Iterable[Message] = ()
) -> status_pb2.Status:
    """The Status of `error`: its ErrorInfo, its BadRequest when it names fields, then the `extra` details."""
    status = status_pb2.Status(code=code.value[0], message=bounded(message, MAX_MESSAGE_CHARS))
    details: list[Message] = []
    if error is not None:
        metadata = {
            bounded(key, MAX_DETAIL_CHARS): bounded(value, MAX_DETAIL_CHARS) for key, value in error.metadata.items()
        }
        details.append(error_details_pb2.ErrorInfo(reason=error.reason, domain=ERROR_DOMAIN, metadata=metadata))
        if isinstance(error, errors.InvalidArgument) and error.violations:
            details.append(
                error_details_pb2.BadRequest(
                    field_violations=[
                        error_details_pb2.BadRequest.FieldViolation(
                            field=bounded(v.field, MAX_DETAIL_CHARS),
                            description=bounded(v.description, MAX_DETAIL_CHARS),
                        )
                        for v in error.violations
                    ]
                )
            )
    for detail in (*details, *extra):
        status.details.add().Pack(detail)
    return status


def internal_status(request_id: str) -> tuple[grpc.StatusCode, str, status_pb2.Status]:
    message = f"internal error; quote request id {request_id} when reporting it"
    status = status_pb2.Status(code=code_pb2.INTERNAL, message=message)
    return grpc.StatusCode.INTERNAL, message, status


def trailing_metadata(status: status_pb2.Status, request_id: str | None = None) -> tuple[tuple[str, str | bytes], ...]:
    """The status details, and the request id when given (a stream that failed before its first message sent
    no initial metadata to carry it)."""
    details: tuple[tuple[str, str | bytes], ...] = tuple(rpc_status.to_status(status).trailing_metadata)
    return details + ((("x-request-id", request_id),) if request_id else ())

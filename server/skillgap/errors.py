"""Typed domain errors.

The core raises these; exactly one place (skillgap.api.errors) maps them to gRPC status codes, so
an expected failure (bad input, not found) is never reported as an internal error.
"""

from __future__ import annotations

from dataclasses import dataclass

# How much of a caller's value an error may quote back: enough to recognise it, never a megabyte in a trailer.
QUOTE_LIMIT = 100


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """A caller's value as an error message quotes it: repr'd, and cut to `limit` characters with its length
    said when longer ('abc…' (1,048,576 characters))."""
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} characters)"


@dataclass(frozen=True)
class FieldViolation:
    """One bad field of a request: which field, and what was wrong with it."""

    field: str
    description: str


class SkillGapError(Exception):
    """Base of every error the domain raises on purpose.

    `reason` is a stable UPPER_SNAKE_CASE token clients can switch on; `message` is for humans.
    """

    default_reason = "ERROR"

    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        metadata: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason or self.default_reason
        self.metadata = dict(metadata or {})


class InvalidArgument(SkillGapError):
    """The request is malformed or breaks a documented limit."""

    default_reason = "INVALID_ARGUMENT"

    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        metadata: dict[str, str] | None = None,
        violations: list[FieldViolation] | None = None,
    ) -> None:
        super().__init__(message, reason=reason, metadata=metadata)
        self.violations = list(violations or [])


class NotFound(SkillGapError):
    """The resource does not exist, or belongs to someone else (indistinguishable on purpose)."""

    default_reason = "NOT_FOUND"


class AlreadyExists(SkillGapError):
    default_reason = "ALREADY_EXISTS"


class FailedPrecondition(SkillGapError):
    """The request is valid but the resource is not in a state that allows it."""

    default_reason = "FAILED_PRECONDITION"


class Unauthenticated(SkillGapError):
    """No credentials, or credentials that do not verify."""

    default_reason = "UNAUTHENTICATED"


class PermissionDenied(SkillGapError):
    """The caller is known but may not do this (for example a non-admin triggering a scrape)."""

    default_reason = "PERMISSION_DENIED"


class ResourceExhausted(SkillGapError):
    default_reason = "RESOURCE_EXHAUSTED"


class Unavailable(SkillGapError):
    """A dependency (database, queue, model server) cannot be reached right now; retry later."""

    default_reason = "UNAVAILABLE"


class NotImplementedYet(SkillGapError):
    """A documented RPC whose behaviour a later release builds."""

    default_reason = "NOT_IMPLEMENTED"

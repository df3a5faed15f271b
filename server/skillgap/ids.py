"""Resource ids from clients: UUIDs, checked once, with an error that names the field."""

from __future__ import annotations

import uuid

from skillgap.errors import FieldViolation, InvalidArgument, quoted


def parse_resource_id(value: str, *, field: str, reason: str, hint: str = "") -> uuid.UUID:
    """The UUID in `value`; InvalidArgument naming `field` (and how to get a valid id) otherwise."""
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError) as exc:
        raise InvalidArgument(
            f"{field} must be a UUID{hint} (got {quoted(value, 64)})",
            reason=reason,
            violations=[FieldViolation(field, "not a UUID")],
        ) from exc

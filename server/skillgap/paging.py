"""AIP-158 paging: page sizes and opaque page tokens, shared by every list RPC."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from skillgap.errors import FieldViolation, InvalidArgument


def resolve_page_size(page_size: int, *, default: int, maximum: int) -> int:
    """0 means the default; above the maximum is coerced down (AIP-158); negative is an error."""
    if page_size < 0:
        raise InvalidArgument(
            f"page_size must not be negative (got {page_size}); use 0 for the default of {default}",
            reason="INVALID_PAGE_SIZE",
            violations=[FieldViolation("page_size", "must be >= 0")],
        )
    if page_size == 0:
        return default
    return min(page_size, maximum)


def encode_page_token(position: dict[str, Any]) -> str:
    """An opaque token for the position after the last item of a page."""
    raw = json.dumps(position, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page_token(token: str, *, required_keys: set[str]) -> dict[str, Any] | None:
    """The position in a token, None for the empty token (first page); InvalidArgument if forged."""
    if not token:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        position = json.loads(raw)
    except (binascii.Error, ValueError) as exc:
        raise _bad_token() from exc
    if not isinstance(position, dict) or not required_keys <= position.keys():
        raise _bad_token()
    return position


def _bad_token() -> InvalidArgument:
    return InvalidArgument(
        "page_token is not a token this server issued; pass next_page_token from the previous response",
        reason="INVALID_PAGE_TOKEN",
        violations=[FieldViolation("page_token", "malformed")],
    )

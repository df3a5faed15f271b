"""Per-call facts the interceptors establish and handlers read: who calls, under which request id."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

from skillgap.auth.tokens import Principal
from skillgap.errors import PermissionDenied, Unauthenticated


@dataclass
class CallInfo:
    method: str
    request_id: str
    principal: Principal | None = None
    # Status code name the error mapping chose, and the error's ErrorInfo reason, for the call's log line.
    status: str | None = None
    reason: str = ""


_current: contextvars.ContextVar[CallInfo | None] = contextvars.ContextVar("skillgap_call", default=None)


def set_call(info: CallInfo) -> contextvars.Token[CallInfo | None]:
    return _current.set(info)


def reset_call(token: contextvars.Token[CallInfo | None]) -> None:
    _current.reset(token)


def current_call() -> CallInfo | None:
    return _current.get()


def current_principal() -> Principal:
    """The authenticated caller; handlers of authenticated methods can rely on it."""
    info = _current.get()
    if info is None or info.principal is None:
        raise Unauthenticated("missing credentials", reason="MISSING_CREDENTIALS")
    return info.principal


def require_role(role: str) -> Principal:
    principal = current_principal()
    if not principal.has_role(role):
        raise PermissionDenied(
            f"this action needs the '{role}' role in your token", reason="ROLE_REQUIRED", metadata={"role": role}
        )
    return principal

"""Checks of free-text request fields shared by the use cases: one wording of the error, naming the field
and the limit."""

from __future__ import annotations

from skillgap.errors import FieldViolation, InvalidArgument


def refuse_nul(value: str, *, field: str, reason: str = "NUL_CHARACTER") -> None:
    """InvalidArgument (`reason`) naming the field when the text holds U+0000, which PostgreSQL cannot store in text
    or jsonb: refused here, in words, rather than by the database as an internal error."""
    if "\x00" in value:
        raise InvalidArgument(
            f"{field} contains a NUL character (U+0000)",
            reason=reason,
            violations=[FieldViolation(field, "must not contain NUL characters")],
        )


def bounded_text(value: str, *, field: str, limit: int, reason: str) -> str:
    """The text stripped; InvalidArgument (`reason`) naming the limit when it is longer than `limit`
    characters, or (NUL_CHARACTER) when it holds U+0000."""
    if len(value) > limit:
        raise InvalidArgument(
            f"{field} is {len(value)} characters long; the limit is {limit}",
            reason=reason,
            violations=[FieldViolation(field, f"at most {limit} characters")],
        )
    refuse_nul(value, field=field)
    return value.strip()


def required_text(value: str, *, field: str, limit: int, what_to_send: str, noun: str) -> str:
    """A text that must not be empty: EMPTY_<NOUN> with a hint of what to send, <NOUN>_TOO_LONG above the
    limit."""
    text = bounded_text(value, field=field, limit=limit, reason=f"{noun.upper()}_TOO_LONG")
    if not text:
        raise InvalidArgument(
            f"{field} is empty; {what_to_send}",
            reason=f"EMPTY_{noun.upper()}",
            violations=[FieldViolation(field, "empty")],
        )
    return text

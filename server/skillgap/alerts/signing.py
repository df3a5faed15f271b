"""Webhook signatures: HMAC-SHA256 over the raw body with the user's secret, sent as
``X-SkillGap-Signature: sha256=<hex digest>``.

The body carries its own `delivery_id` and `sent_at`, so a receiver that keeps the delivery ids it accepted (or
refuses an old `sent_at`) is safe from replays: both are covered by the signature. The README has the receiver's
side (verify the digest of the bytes received, before parsing them, with a constant-time comparison).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

SIGNATURE_HEADER = "X-SkillGap-Signature"
DELIVERY_HEADER = "X-SkillGap-Delivery"
EVENT_HEADER = "X-SkillGap-Event"
EVENT = "alerts"
_PREFIX = "sha256="
# 32 random bytes, as the hex text the user copies: the key HMAC uses is the text's UTF-8 bytes.
SECRET_BYTES = 32


def new_secret() -> str:
    return f"whsec_{secrets.token_hex(SECRET_BYTES)}"


def signature(secret: str, body: bytes) -> str:
    """The `X-SkillGap-Signature` value of `body`."""
    return _PREFIX + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """Whether `header` is the signature of `body` with `secret` (what a receiver checks)."""
    return hmac.compare_digest(signature(secret, body), header.strip())

"""JWT verification and issuing.

Tokens are verified with an HS256 shared secret, a PEM public key, or a JWKS endpoint of a real
identity provider. `sub` is the user id; the `roles` claim carries the admin role.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt

from skillgap.config import Settings
from skillgap.errors import Unauthenticated
from skillgap.lru import Lru

# Asymmetric algorithms accepted with a public key or JWKS. "none" and HS* are never accepted with
# a public key: that is the classic algorithm-confusion attack.
ASYMMETRIC_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256", "EdDSA"]
MAX_USER_ID_LENGTH = 200
# Verified tokens kept per process, and for how long at most: verifying one costs about half a millisecond of
# CPU, most of a cheap call's budget, and a client sends the same token on every call. A token is never kept
# past its own `exp`.
VERIFIED_TOKENS_KEPT = 10_000
VERIFIED_TOKEN_SECONDS = 300.0


@dataclass(frozen=True)
class Principal:
    """The authenticated caller."""

    user_id: str
    roles: frozenset[str]

    def has_role(self, role: str) -> bool:
        return role in self.roles


class TokenVerifier:
    """Verifies bearer tokens against the configured key material.

    `clock` is now as Unix time (default `time.time`). Every time check uses it: a token's `exp`, `nbf` and
    `iat`, and how long a verified token is remembered. So the clock that says a token expired is the one that
    stops trusting the remembered copy, and a test can move it forward instead of waiting.
    """

    def __init__(self, settings: Settings, *, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._secret = settings.effective_jwt_secret
        self._public_key = settings.jwt_public_key
        self._jwks = jwt.PyJWKClient(settings.jwt_jwks_url, cache_keys=True) if settings.jwt_jwks_url else None
        self._audience = settings.jwt_audience
        self._issuer = settings.jwt_issuer
        if not (self._secret or self._public_key or self._jwks):
            raise ValueError("no JWT key configured: set SKILLGAP_JWT_SECRET, _PUBLIC_KEY or _JWKS_URL")
        # token -> (principal, the clock's time it stops being trusted without verifying again). On the same
        # clock as `exp`, not a monotonic one: the entry must end exactly when the token does. A wall clock set
        # back can stretch VERIFIED_TOKEN_SECONDS, never past `exp` as that same clock reads it.
        self._verified: Lru[str, tuple[Principal, float]] = Lru(VERIFIED_TOKENS_KEPT)

    async def verify(self, authorization: str | None) -> Principal:
        """Verify an `authorization` header value ("Bearer <jwt>")."""
        token = _bearer_token(authorization)
        known = self._verified.get(token)
        if known is not None:
            principal, until = known
            if self._clock() < until:
                return principal
            self._verified.pop(token)
        if self._jwks is not None:
            # PyJWKClient fetches keys over blocking HTTP (then caches them): keep it off the loop.
            principal, expires = await asyncio.to_thread(self._verify_with_jwks, token)
        else:
            principal, expires = self._verify(token, self._key_candidates())
        now = self._clock()
        until = min(now + VERIFIED_TOKEN_SECONDS, expires)
        if until > now:
            self._verified.put(token, (principal, until))
        return principal

    def _key_candidates(self) -> list[tuple[Any, list[str]]]:
        candidates: list[tuple[Any, list[str]]] = []
        if self._public_key:
            candidates.append((self._public_key, ASYMMETRIC_ALGORITHMS))
        if self._secret:
            candidates.append((self._secret, ["HS256"]))
        return candidates

    def _verify_with_jwks(self, token: str) -> tuple[Principal, float]:
        assert self._jwks is not None
        try:
            key = self._jwks.get_signing_key_from_jwt(token).key
        except jwt.PyJWKClientError as exc:
            raise Unauthenticated(
                f"token signing key not found at the identity provider: {exc}", reason="UNKNOWN_SIGNING_KEY"
            ) from exc
        except jwt.InvalidTokenError as exc:
            raise Unauthenticated(f"malformed token: {exc}", reason="INVALID_TOKEN") from exc
        return self._verify(token, [(key, ASYMMETRIC_ALGORITHMS), *self._key_candidates()])

    def _verify(self, token: str, candidates: list[tuple[Any, list[str]]]) -> tuple[Principal, float]:
        """The token's caller and its `exp` (Unix time)."""
        last_error: jwt.InvalidTokenError | None = None
        for key, algorithms in candidates:
            try:
                claims = jwt.decode(
                    token,
                    key,
                    algorithms=algorithms,
                    audience=self._audience,
                    issuer=self._issuer,
                    options={
                        "require": ["sub", "exp"],
                        "verify_aud": self._audience is not None,
                        # PyJWT would read the real time itself: the times are checked below, on our clock.
                        "verify_exp": False,
                        "verify_nbf": False,
                        "verify_iat": False,
                    },
                )
            except jwt.MissingRequiredClaimError as exc:
                raise Unauthenticated(f"token is missing a claim: {exc}", reason="INVALID_TOKEN") from exc
            except jwt.exceptions.InvalidSubjectError as exc:
                # Checked once the signature verified, so it is this key's token: say which claim is wrong.
                raise Unauthenticated(
                    f"token `sub` must be a non-empty string of at most {MAX_USER_ID_LENGTH} characters",
                    reason="INVALID_TOKEN",
                ) from exc
            except jwt.InvalidTokenError as exc:
                last_error = exc
                continue
            # The signature verified: this key's token, so its times are final (no other key to try).
            expires = _check_times(claims, self._clock())
            return _principal(claims), expires
        raise Unauthenticated(f"token does not verify: {last_error}", reason="INVALID_TOKEN")


def _check_times(claims: dict[str, Any], now: float) -> float:
    """The token's `exp`, once `exp`, `nbf` and `iat` hold at `now`; the checks PyJWT makes, no leeway."""
    expires = _time_claim(claims, "exp")
    assert expires is not None  # a required claim: decode refused a token without it
    if expires <= now:
        raise Unauthenticated("token has expired; get a new one", reason="TOKEN_EXPIRED")
    for name in ("nbf", "iat"):
        starts = _time_claim(claims, name)
        if starts is not None and starts > now:
            raise Unauthenticated(f"token is not yet valid (`{name}` is in the future)", reason="INVALID_TOKEN")
    return float(expires)


def _time_claim(claims: dict[str, Any], name: str) -> int | None:
    if claims.get(name) is None:
        return None
    try:
        return int(claims[name])
    except (ValueError, TypeError, OverflowError) as exc:
        raise Unauthenticated(f"token `{name}` must be an integer (Unix time)", reason="INVALID_TOKEN") from exc


def _bearer_token(authorization: str | None) -> str:
    if not authorization:
        raise Unauthenticated(
            "missing credentials: send 'authorization: Bearer <token>'", reason="MISSING_CREDENTIALS"
        )
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated(
            "authorization must be 'Bearer <token>'", reason="MISSING_CREDENTIALS"
        )
    return token.strip()


def _principal(claims: dict[str, Any]) -> Principal:
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub.strip() or len(sub) > MAX_USER_ID_LENGTH:
        raise Unauthenticated(
            f"token `sub` must be a non-empty string of at most {MAX_USER_ID_LENGTH} characters",
            reason="INVALID_TOKEN",
        )
    raw_roles = claims.get("roles", [])
    if isinstance(raw_roles, str):
        raw_roles = raw_roles.split()
    roles = frozenset(r for r in raw_roles if isinstance(r, str)) if isinstance(raw_roles, list) else frozenset()
    return Principal(user_id=sub, roles=roles)


def issue_token(
    secret: str,
    user_id: str,
    *,
    roles: list[str] | None = None,
    ttl_seconds: int = 30 * 24 * 3600,
    audience: str | None = None,
    issuer: str | None = None,
) -> str:
    """An HS256 token for `user_id`: what `skillgap token` prints for development."""
    now = int(time.time())
    claims: dict[str, Any] = {"sub": user_id, "iat": now, "exp": now + ttl_seconds, "roles": roles or []}
    if audience:
        claims["aud"] = audience
    if issuer:
        claims["iss"] = issuer
    return jwt.encode(claims, secret, algorithm="HS256")

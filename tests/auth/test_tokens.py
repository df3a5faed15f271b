"""Token verification with each kind of key material a deployment can configure."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from skillgap.auth.tokens import TokenVerifier, issue_token
from skillgap.config import Settings
from skillgap.errors import Unauthenticated

SECRET = "s" * 40


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def claims(**extra: object) -> dict[str, object]:
    return {"sub": "alice", "exp": int(time.time()) + 300, **extra}


@pytest.fixture(scope="module")
def jwks_url(rsa_key: rsa.RSAPrivateKey) -> Iterator[str]:
    """An identity provider's JWKS endpoint, served on 127.0.0.1."""
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": "key-1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


async def test_hs256_secret_and_roles() -> None:
    verifier = TokenVerifier(Settings(env="prod", jwt_secret=SECRET))
    principal = await verifier.verify("Bearer " + issue_token(SECRET, "alice", roles=["admin"]))
    assert principal.user_id == "alice" and principal.has_role("admin")
    plain = await verifier.verify("bearer " + issue_token(SECRET, "bob"))
    assert plain.user_id == "bob" and not plain.has_role("admin")


async def test_public_key(rsa_key: rsa.RSAPrivateKey) -> None:
    verifier = TokenVerifier(Settings(env="prod", jwt_public_key=public_pem(rsa_key)))
    token = jwt.encode(claims(roles=["admin"]), rsa_key, algorithm="RS256")
    assert (await verifier.verify(f"Bearer {token}")).has_role("admin")


async def test_public_key_refuses_algorithm_confusion(rsa_key: rsa.RSAPrivateKey) -> None:
    """A token 'signed' with HS256 using the public key as the secret must not verify."""
    pem = public_pem(rsa_key)
    verifier = TokenVerifier(Settings(env="prod", jwt_public_key=pem))
    import base64
    import hashlib
    import hmac

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64(json.dumps(claims()).encode())
    signature = b64(hmac.new(pem.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest())
    with pytest.raises(Unauthenticated):
        await verifier.verify(f"Bearer {header}.{payload}.{signature}")


async def test_jwks(rsa_key: rsa.RSAPrivateKey, jwks_url: str) -> None:
    verifier = TokenVerifier(Settings(env="prod", jwt_jwks_url=jwks_url))
    token = jwt.encode(claims(), rsa_key, algorithm="RS256", headers={"kid": "key-1"})
    assert (await verifier.verify(f"Bearer {token}")).user_id == "alice"
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(claims(), other_key, algorithm="RS256", headers={"kid": "key-1"})
    with pytest.raises(Unauthenticated):
        await verifier.verify(f"Bearer {forged}")
    unknown_kid = jwt.encode(claims(), rsa_key, algorithm="RS256", headers={"kid": "key-2"})
    with pytest.raises(Unauthenticated, match="signing key"):
        await verifier.verify(f"Bearer {unknown_kid}")


async def test_audience_and_issuer_are_enforced_when_configured() -> None:
    verifier = TokenVerifier(
        Settings(env="prod", jwt_secret=SECRET, jwt_audience="skillgap", jwt_issuer="https://id.example")
    )
    good = jwt.encode(claims(aud="skillgap", iss="https://id.example"), SECRET, algorithm="HS256")
    assert (await verifier.verify(f"Bearer {good}")).user_id == "alice"
    for bad in (claims(aud="other", iss="https://id.example"), claims(aud="skillgap", iss="https://evil")):
        with pytest.raises(Unauthenticated):
            await verifier.verify("Bearer " + jwt.encode(bad, SECRET, algorithm="HS256"))


@pytest.mark.parametrize("sub", ["", "   ", "x" * 201, 42])
async def test_unusable_subject_is_refused(sub: object) -> None:
    verifier = TokenVerifier(Settings(env="prod", jwt_secret=SECRET))
    with pytest.raises(Unauthenticated):
        await verifier.verify("Bearer " + jwt.encode(claims(sub=sub), SECRET, algorithm="HS256"))


def test_prod_refuses_the_dev_secret_and_short_secrets() -> None:
    from pydantic import ValidationError

    from skillgap.config import DEV_JWT_SECRET

    for secret in (DEV_JWT_SECRET, "short"):
        with pytest.raises(ValidationError, match="SKILLGAP_JWT_SECRET"):
            Settings(env="prod", jwt_secret=secret)
    with pytest.raises(ValidationError, match="SKILLGAP_JWT_SECRET"):
        Settings(env="prod")


class Clock:
    """The verifier's now (Unix time), moved by the test instead of waiting: no sleeping on the event loop the
    in-process server shares."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def test_a_verified_token_is_not_trusted_past_its_expiry() -> None:
    # Verified tokens are remembered (a client sends the same one on every call), but never past `exp`.
    clock = Clock(time.time())
    verifier = TokenVerifier(Settings(jwt_secret=SECRET), clock=clock)
    expires = int(clock.now) + 2
    token = jwt.encode({"sub": "alice", "exp": expires}, SECRET, algorithm="HS256")
    for _ in range(3):
        assert (await verifier.verify(f"Bearer {token}")).user_id == "alice"
    clock.now = expires - 0.01
    assert (await verifier.verify(f"Bearer {token}")).user_id == "alice"
    clock.now = expires  # `exp` itself is the first moment the token is no longer valid
    with pytest.raises(Unauthenticated) as refused:
        await verifier.verify(f"Bearer {token}")
    assert refused.value.reason == "TOKEN_EXPIRED"


async def test_a_token_is_judged_by_the_verifiers_clock_not_the_machines() -> None:
    """`nbf`, `iat` and `exp` are all read on the one clock (PyJWT on its own reads the machine's time): a
    token that clock calls current verifies though the machine's time says it expired an hour ago."""
    clock = Clock(time.time() - 3600)
    verifier = TokenVerifier(Settings(jwt_secret=SECRET), clock=clock)
    issued = int(clock.now)
    token = jwt.encode({"sub": "alice", "iat": issued, "nbf": issued + 10, "exp": issued + 60}, SECRET)
    with pytest.raises(Unauthenticated, match="nbf") as early:
        await verifier.verify(f"Bearer {token}")
    assert early.value.reason == "INVALID_TOKEN"
    clock.now = issued + 10
    assert (await verifier.verify(f"Bearer {token}")).user_id == "alice"
    clock.now = issued + 60
    with pytest.raises(Unauthenticated) as expired:
        await verifier.verify(f"Bearer {token}")
    assert expired.value.reason == "TOKEN_EXPIRED"
    future = jwt.encode({"sub": "alice", "iat": int(clock.now) + 30, "exp": int(clock.now) + 90}, SECRET)
    with pytest.raises(Unauthenticated, match="iat"):
        await verifier.verify(f"Bearer {future}")


async def test_a_remembered_token_does_not_vouch_for_a_tampered_copy() -> None:
    verifier = TokenVerifier(Settings(jwt_secret=SECRET))
    token = issue_token(SECRET, "alice")
    assert (await verifier.verify(f"Bearer {token}")).user_id == "alice"
    header, payload, signature = token.split(".")
    forged_payload = jwt.utils.base64url_encode(json.dumps(claims(sub="mallory")).encode()).decode()
    with pytest.raises(Unauthenticated):
        await verifier.verify(f"Bearer {header}.{forged_payload}.{signature}")

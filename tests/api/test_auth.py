"""Authentication and authorization as a client sees them."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import grpc
import jwt
import pytest
from grpc import aio

from skillgap.config import Settings
from skillgap.v1 import resume_pb2, resume_pb2_grpc, scrape_pb2, scrape_pb2_grpc


def _claims(**overrides: object) -> dict[str, object]:
    claims: dict[str, object] = {"sub": "mallory", "exp": int(time.time()) + 600}
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer not.a.jwt",
        "Bearer " + jwt.encode(_claims(), "a-different-secret-that-is-long-enough", algorithm="HS256"),
        "Bearer " + jwt.encode(_claims(), None, algorithm="none"),
        "Bearer " + jwt.encode(_claims(exp=int(time.time()) - 10), "x" * 40, algorithm="HS256"),
    ],
    ids=["missing", "empty-bearer", "basic", "garbage", "wrong-secret", "alg-none", "expired"],
)
async def test_bad_credentials_are_unauthenticated(channel: aio.Channel, authorization: str | None) -> None:
    stub = resume_pb2_grpc.ResumeServiceStub(channel)
    metadata = (("authorization", authorization),) if authorization is not None else ()
    with pytest.raises(aio.AioRpcError) as err:
        await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=metadata)
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.parametrize("missing", ["sub", "exp"])
async def test_token_missing_a_claim_is_unauthenticated(channel: aio.Channel, settings: Settings, missing: str) -> None:
    secret = settings.effective_jwt_secret
    assert secret
    token = jwt.encode(_claims(**{missing: None}), secret, algorithm="HS256")
    stub = resume_pb2_grpc.ResumeServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=(("authorization", f"Bearer {token}"),))
    assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert missing in (err.value.details() or "")


async def test_trigger_scrape_needs_admin(channel: aio.Channel, token_for: Callable[..., str]) -> None:
    stub = scrape_pb2_grpc.ScrapeServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.TriggerScrape(
            scrape_pb2.TriggerScrapeRequest(), metadata=(("authorization", f"Bearer {token_for('bob')}"),)
        )
    assert err.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(aio.AioRpcError) as err:
        await stub.TriggerScrape(
            scrape_pb2.TriggerScrapeRequest(),
            metadata=(("authorization", f"Bearer {token_for('root', admin=True)}"),),
        )
    # The admin gets through to the RPC, which refuses an empty trigger when no source is configured.
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT


# --- more token shapes, and every RPC --------------------------------------------------------------


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unsigned(header: dict[str, object], claims: dict[str, object]) -> str:
    import json

    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}."


def _rs256_token() -> str:
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(_claims(), key, algorithm="RS256")


def _reason(error: aio.AioRpcError) -> str:
    from google.rpc import error_details_pb2, status_pb2

    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            info = error_details_pb2.ErrorInfo()
            assert status_pb2.Status.FromString(value).details[0].Unpack(info)
            return info.reason
    raise AssertionError("no status details")


async def _list_resumes(channel: aio.Channel, token: str) -> aio.AioRpcError:
    stub = resume_pb2_grpc.ResumeServiceStub(channel)
    with pytest.raises(aio.AioRpcError) as err:
        await stub.ListResumes(resume_pb2.ListResumesRequest(), metadata=(("authorization", f"Bearer {token}"),))
    return err.value


@pytest.mark.parametrize(
    "token",
    [
        _unsigned({"alg": "none", "typ": "JWT"}, _claims()),
        _unsigned({"alg": "NONE", "typ": "JWT"}, _claims()),
        _unsigned({"alg": "None"}, _claims()),
        # A correctly shaped HS256 token with its signature cut off.
        _unsigned({"alg": "HS256", "typ": "JWT"}, _claims()),
        _rs256_token(),
        _unsigned({"alg": "HS256", "typ": "JWT"}, _claims())[:-1],  # two segments only
        "a.b.c.d",
        "x" * 4_000,  # under the transport's 8 KiB metadata soft limit (beyond, it answers RESOURCE_EXHAUSTED)
    ],
    ids=[
        "alg-none-unsigned",
        "alg-NONE",
        "alg-None",
        "hs256-signature-stripped",
        "rs256-unknown-key",
        "two-segments",
        "four-segments",
        "huge-garbage",
    ],
)
async def test_forged_tokens_are_unauthenticated(channel: aio.Channel, token: str) -> None:
    error = await _list_resumes(channel, token)
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    assert _reason(error) in {"INVALID_TOKEN", "MISSING_CREDENTIALS"}


@pytest.mark.parametrize(
    ("claims", "says"),
    [
        ({"nbf": int(time.time()) + 600}, "not yet valid"),
        ({"exp": "tomorrow"}, "exp"),
        ({"sub": ""}, "sub"),
        ({"sub": 12345}, "sub"),
        ({"sub": "x" * 201}, "sub"),
        ({"iat": "yesterday"}, "iat"),
    ],
    ids=["not-before-in-the-future", "exp-not-a-number", "sub-empty", "sub-not-a-string", "sub-too-long", "iat-junk"],
)
async def test_well_signed_tokens_with_bad_claims_are_unauthenticated(
    channel: aio.Channel, settings: Settings, claims: dict[str, object], says: str
) -> None:
    secret = settings.effective_jwt_secret
    assert secret
    error = await _list_resumes(channel, jwt.encode(_claims(**claims), secret, algorithm="HS256"))
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    assert says in (error.details() or "")


async def test_expired_token_says_so(channel: aio.Channel, settings: Settings) -> None:
    secret = settings.effective_jwt_secret
    assert secret
    error = await _list_resumes(channel, jwt.encode(_claims(exp=int(time.time()) - 1), secret, algorithm="HS256"))
    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    assert _reason(error) == "TOKEN_EXPIRED"
    assert "expired" in (error.details() or "")


def _every_rpc() -> list[tuple[str, Any]]:
    """(path, method descriptor) of every RPC in proto/skillgap/v1/*.proto."""
    import importlib
    from pathlib import Path

    rpcs = []
    for proto in sorted((Path(__file__).resolve().parents[2] / "proto" / "skillgap" / "v1").glob("*.proto")):
        module = importlib.import_module(f"skillgap.v1.{proto.stem}_pb2")
        for service in module.DESCRIPTOR.services_by_name.values():
            rpcs += [(f"/{service.full_name}/{method.name}", method) for method in service.methods]
    return rpcs


def _bad_tokens(secret: str) -> dict[str, str]:
    now = int(time.time())
    return {
        "expired": jwt.encode(_claims(exp=now - 10), secret, algorithm="HS256"),
        "alg-none": jwt.encode(_claims(), None, algorithm="none"),
        "wrong-secret": jwt.encode(_claims(), "another-secret-that-is-long-enough-32", algorithm="HS256"),
        "no-sub": jwt.encode(_claims(sub=None), secret, algorithm="HS256"),
        "no-exp": jwt.encode(_claims(exp=None), secret, algorithm="HS256"),
    }


async def _call_any(channel: aio.Channel, path: str, method: Any, metadata: tuple[tuple[str, str], ...]) -> None:
    """Call any RPC with an empty request, whatever its streaming shape."""
    from google.protobuf.message_factory import GetMessageClass

    request = GetMessageClass(method.input_type)()
    serialize = type(request).SerializeToString
    if method.client_streaming:

        async def requests() -> Any:
            yield request

        call = channel.stream_stream(path, request_serializer=serialize)(requests(), metadata=metadata, timeout=10)
        async for _ in call:
            pass
    elif method.server_streaming:
        async for _ in channel.unary_stream(path, request_serializer=serialize)(request, metadata=metadata, timeout=10):
            pass
    else:
        await channel.unary_unary(path, request_serializer=serialize)(request, metadata=metadata, timeout=10)


async def test_every_rpc_refuses_bad_tokens(channel: aio.Channel, settings: Settings) -> None:
    """Whatever the RPC (unary, server-streaming, bidi), a missing, expired, unsigned, wrongly signed or
    incomplete token is UNAUTHENTICATED before the RPC does anything."""
    secret = settings.effective_jwt_secret
    assert secret
    rpcs = _every_rpc()
    assert len(rpcs) >= 16
    tokens: dict[str, str | None] = {"missing": None, **_bad_tokens(secret)}
    failures = []
    for path, method in rpcs:
        for kind, token in tokens.items():
            metadata = (("authorization", f"Bearer {token}"),) if token else ()
            try:
                await _call_any(channel, path, method, metadata)
                failures.append(f"{path} {kind}: OK")
            except aio.AioRpcError as error:
                if error.code() != grpc.StatusCode.UNAUTHENTICATED:
                    failures.append(f"{path} {kind}: {error.code().name} {error.details()}")
    assert not failures


async def test_health_needs_no_token(channel: aio.Channel) -> None:
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    reply = await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=""))
    assert reply.status == health_pb2.HealthCheckResponse.SERVING

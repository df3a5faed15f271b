"""Authentication and authorization as a client sees them."""

from __future__ import annotations

import time
from collections.abc import Callable

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
async def test_token_missing_a_claim_is_unauthenticated(
    channel: aio.Channel, settings: Settings, missing: str
) -> None:
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

"""Big request headers through the real gateway and server: served up to the gateway's limit, refused above it
with a 431 that says so, never a 429 that reads like a rate limit."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from skillgap.gateway.config import MAX_REQUEST_HEADERS_KB

pytestmark = pytest.mark.rest


@pytest.fixture
async def http(gateway_url: str, token_for: Callable[..., str], user_id: str) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=30) as client:
        yield client


@pytest.mark.parametrize("kib", [9, 12, 20, MAX_REQUEST_HEADERS_KB - 4])
async def test_headers_under_the_gateway_limit_reach_the_server(http: httpx.AsyncClient, kib: int) -> None:
    # grpc's own defaults refused metadata above 8 KiB at random and above 16 KiB always (as a 429): every call
    # here must reach the handler, which answers NOT_FOUND for a resume that does not exist.
    for _ in range(10):
        reply = await http.get(f"/api/resume/{uuid.uuid4()}", headers={"x-client-context": "a" * (kib * 1024)})
        assert reply.status_code == 404, reply.text
        assert reply.json()["code"] == 5


async def test_headers_over_the_gateway_limit_get_431_naming_it(http: httpx.AsyncClient) -> None:
    reply = await http.get(f"/api/resume/{uuid.uuid4()}", headers={"x-client-context": "a" * (40 * 1024)})
    assert reply.status_code == 431
    body = reply.json()
    assert body["code"] == 3
    assert f"request headers larger than the gateway limit of {MAX_REQUEST_HEADERS_KB} KiB" in body["message"]
    # Refused before Envoy gave the request an id; the answer has one all the same.
    assert reply.headers.get("x-request-id")
    [info] = body["details"]
    assert info["reason"] == "REQUEST_HEADERS_TOO_LARGE" and info["domain"] == "skillgap.dev"
    assert info["metadata"] == {"limit_kib": str(MAX_REQUEST_HEADERS_KB)}

"""The Resume service over REST, through the real Envoy gRPC-JSON transcoder."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from tests.fixtures.documents import make_encrypted_pdf, make_resume_pdf, make_resume_text, random_bytes

pytestmark = pytest.mark.rest
MIB = 1024 * 1024


@pytest.fixture
async def http(gateway_url: str, token_for: Callable[..., str], user_id: str) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=60) as client:
        yield client


def pdf_body(pdf: bytes, filename: str = "cv.pdf") -> dict[str, str]:
    return {"filename": filename, "content_type": "application/pdf", "content": base64.b64encode(pdf).decode()}


async def test_pdf_round_trip_over_rest(http: httpx.AsyncClient) -> None:
    reply = await http.post("/api/resume/upload", json=pdf_body(make_resume_pdf(name="Linus Torvalds", seed=20)))
    assert reply.status_code == 200, reply.text
    resume = reply.json()["resume"]
    assert reply.json()["already_existed"] is False
    assert resume["page_count"] == 2 and "Linus Torvalds" in resume["text"]
    resume_id = resume["resume_id"]

    got = await http.get(f"/api/resume/{resume_id}")
    assert got.status_code == 200
    assert got.json()["resume"]["text"] == resume["text"]
    assert "x-request-id" in got.headers

    listed = await http.get("/api/resume", params={"page_size": 10})
    assert [r["resume_id"] for r in listed.json()["resumes"]] == [resume_id]

    deleted = await http.delete(f"/api/resume/{resume_id}")
    assert deleted.status_code == 200 and deleted.json() == {"resume_id": resume_id}
    gone = await http.get(f"/api/resume/{resume_id}")
    assert gone.status_code == 404
    assert "not found" in gone.json()["message"]


async def test_text_upload_and_duplicate_over_rest(http: httpx.AsyncClient) -> None:
    body = {"text": make_resume_text(name="Margaret Hamilton", seed=21)}
    first = await http.post("/api/resume/upload", json=body)
    second = await http.post("/api/resume/upload", json=body)
    assert first.status_code == second.status_code == 200
    assert second.json()["already_existed"] is True
    assert second.json()["resume"]["resume_id"] == first.json()["resume"]["resume_id"]
    assert "Margaret Hamilton" in first.json()["resume"]["text"]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"%PDF-1.7\n" + b"1" * (11 * MIB), "10 MiB"),
        (random_bytes(2048, seed=22), "PDF"),
        (None, "encrypted"),
    ],
    ids=["11MiB", "random-bytes", "encrypted"],
)
async def test_bad_uploads_are_400_over_rest(http: httpx.AsyncClient, content: bytes | None, says: str) -> None:
    reply = await http.post("/api/resume/upload", json=pdf_body(content or make_encrypted_pdf()))
    assert reply.status_code == 400, reply.text
    assert says.lower() in reply.json()["message"].lower()
    assert (await http.get("/api/resume")).json()["resumes"] == []


async def test_other_users_resume_is_404_over_rest(
    http: httpx.AsyncClient, gateway_url: str, token_for: Callable[..., str]
) -> None:
    resume_id = (await http.post("/api/resume/upload", json={"text": make_resume_text(seed=23)})).json()["resume"][
        "resume_id"
    ]
    intruder = {"authorization": f"Bearer {token_for('rest-intruder')}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=intruder) as other:
        assert (await other.get(f"/api/resume/{resume_id}")).status_code == 404
        assert (await other.delete(f"/api/resume/{resume_id}")).status_code == 404
    assert (await http.get(f"/api/resume/{resume_id}")).status_code == 200


async def test_no_token_is_401_over_rest(gateway_url: str) -> None:
    async with httpx.AsyncClient(base_url=gateway_url) as anonymous:
        reply = await anonymous.get("/api/resume")
    assert reply.status_code == 401
    assert "credentials" in reply.json()["message"]


async def test_trigger_scrape_over_rest_needs_admin(
    http: httpx.AsyncClient, gateway_url: str, token_for: Callable[..., str]
) -> None:
    assert (await http.post("/api/scrape/trigger", json={})).status_code == 403
    admin = {"authorization": f"Bearer {token_for('rest-admin', admin=True)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=admin) as client:
        # No source given and none configured.
        assert (await client.post("/api/scrape/trigger", json={})).status_code == 400

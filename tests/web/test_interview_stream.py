"""The interview page on the Converse stream (gRPC-Web through the gateway): each question is seen being written,
a piece at a time, ends as the saved session has it, and after a reload the session's question comes back; where
the stream cannot be reached the page says so and works on the unary calls."""

from __future__ import annotations

import re
import struct
from typing import Any

import httpx
import pytest
from playwright.async_api import Page, Request, Route, expect

from tests.web.browser import sign_in_with_token, user_token
from tests.web.site import WebSystem
from tests.web.test_interview import ANSWER, _resume_and_job

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]

CONVERSE = "/skillgap.v1.InterviewService/Converse"
# Installed before the app runs: every value the current question's text takes on screen, and whether the page
# said it was still being written (aria-busy), in order.
RECORD_QUESTION = """
window.__questionTexts = [];
new MutationObserver(() => {
  const question = document.getElementById("current-question");
  if (!question) return;
  const seen = { text: question.textContent, writing: question.getAttribute("aria-busy") === "true" };
  const last = window.__questionTexts[window.__questionTexts.length - 1];
  if (!last || last.text !== seen.text || last.writing !== seen.writing) window.__questionTexts.push(seen);
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
"""


async def _written_question(page: Page, after: str = "") -> tuple[str, list[str]]:
    """Waits for the current question to be whole (and, with `after`, to be another than that one: under load the
    page may still show the answered question when the evaluation is already shown); its text and the shorter texts
    it showed on the way there (the record is then cleared for the next question)."""
    question = page.locator("#current-question")
    if after:
        await expect(question).not_to_have_text(after, timeout=30_000)
    await expect(question).to_have_attribute("aria-busy", "false", timeout=30_000)
    final = await question.text_content() or ""
    seen: list[dict[str, Any]] = await page.evaluate("window.__questionTexts.splice(0)")
    assert seen and seen[-1] == {"text": final, "writing": False}, seen[-3:]
    written = [s["text"] for s in seen if s["writing"] and s["text"]]
    partial = [text for text in written if text != final and final.startswith(text)]
    return final, partial


def _assert_written(final: str, partial: list[str]) -> None:
    # Text only grows while it is written, and a person sees most of the words arrive: the page shows at most one
    # piece per frame, however fast the server writes (the offline engine writes a question in milliseconds).
    assert partial == sorted(partial, key=len) and len(set(partial)) == len(partial), partial
    assert len(partial) >= max(3, len(final.split()) // 2), (final, partial)


async def _interview_api(web: WebSystem, token: str, interview_id: str) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=web.url, headers=headers, timeout=30, trust_env=False) as http:
        reply = await http.get(f"/api/interview/{interview_id}")
        assert reply.status_code == 200, reply.text
        got: dict[str, Any] = reply.json()
        return got


async def test_questions_are_seen_being_written_and_a_reload_resumes_the_same_one(page: Page, web: WebSystem) -> None:
    token = user_token("streaming-sam")
    resume, job = await _resume_and_job(web, token)
    calls: list[str] = []
    page.on("request", lambda request: calls.append(f"{request.method} {request.url.removeprefix(web.url)}"))
    await page.add_init_script(RECORD_QUESTION)
    await sign_in_with_token(page, token)
    await page.goto(f"/jobs/{job}?resume={resume}")
    await page.get_by_label("Questions").select_option("3")
    await page.get_by_role("button", name="Start a mock interview").click()

    first, partial = await _written_question(page)
    _assert_written(first, partial)
    interview_id = page.url.rsplit("/", 1)[1]
    saved = await _interview_api(web, token, interview_id)
    assert saved["current_question"]["text"] == first

    await page.get_by_label("Your answer").fill(ANSWER)
    await page.get_by_role("button", name="Submit answer").click()
    await expect(page.get_by_role("heading", name="Your last answer")).to_be_visible(timeout=30_000)
    await expect(page.locator(".evaluation").first).to_contain_text(re.compile(r"\d+\.\d/10"))
    second, partial = await _written_question(page, after=first)
    assert second != first
    _assert_written(second, partial)
    await expect(page.locator(".turn")).to_have_count(1)
    saved = await _interview_api(web, token, interview_id)
    assert saved["current_question"]["text"] == second
    assert saved["interview"]["answered_count"] == 1

    # Reload in the middle: the stream's resume brings back the question the saved session waits on.
    await page.reload()
    await expect(page.locator("#current-question")).to_have_text(second, timeout=30_000)
    await expect(page.locator("#current-question")).to_have_attribute("aria-busy", "false")
    await expect(page.locator(".turn")).to_have_count(1)
    await expect(page.get_by_text("live question stream cannot be reached")).to_have_count(0)

    # All of it went over the stream: no unary start or answer.
    assert calls.count(f"POST {CONVERSE}") == 3, calls
    assert not [c for c in calls if c.startswith("POST /api/interview/")], calls


async def test_without_the_stream_the_page_says_so_and_uses_the_unary_calls(page: Page, web: WebSystem) -> None:
    token = user_token("unary-una")
    resume, job = await _resume_and_job(web, token)

    async def refuse(route: Route, request: Request) -> None:
        # As a gateway without gRPC-Web answers: not a gRPC-Web response at all.
        await route.fulfill(status=404, content_type="application/json", body='{"code":5,"message":"no route"}')

    await page.route(f"**{CONVERSE}", refuse)
    await sign_in_with_token(page, token)
    await page.goto(f"/jobs/{job}?resume={resume}")
    await page.get_by_label("Questions").select_option("3")
    await page.get_by_role("button", name="Start a mock interview").click()
    await expect(page.get_by_text("live question stream cannot be reached")).to_be_visible(timeout=30_000)
    interview_id = page.url.rsplit("/", 1)[1]
    saved = await _interview_api(web, token, interview_id)
    await expect(page.locator("#current-question")).to_have_text(saved["current_question"]["text"])

    await page.get_by_label("Your answer").fill(ANSWER)
    await page.get_by_role("button", name="Submit answer").click()
    await expect(page.get_by_role("heading", name="Your last answer")).to_be_visible(timeout=30_000)
    await expect(page.locator(".turn")).to_have_count(1)
    saved = await _interview_api(web, token, interview_id)
    assert saved["interview"]["answered_count"] == 1
    await expect(page.locator("#current-question")).to_have_text(saved["current_question"]["text"])


def _frame(flags: int, body: bytes) -> bytes:
    return bytes([flags]) + struct.pack(">I", len(body)) + body


def _without_trailers(body: bytes) -> bytes:
    """A gRPC-Web body cut before its trailers frame, as a dropped connection leaves it."""
    at = 0
    while at < len(body):
        flags, length = body[at], struct.unpack(">I", body[at + 1 : at + 5])[0]
        if flags & 0x80:
            return body[:at]
        at += 5 + length
    raise AssertionError("the body has no trailers frame")


async def _start(page: Page, web: WebSystem, token: str) -> None:
    resume, job = await _resume_and_job(web, token)
    await sign_in_with_token(page, token)
    await page.goto(f"/jobs/{job}?resume={resume}")
    await page.get_by_label("Questions").select_option("3")
    await page.get_by_role("button", name="Start a mock interview").click()


async def test_an_error_status_in_the_trailers_is_shown_in_plain_words(page: Page, web: WebSystem) -> None:
    async def too_many(route: Route, request: Request) -> None:
        # The gateway's answer when the server ends the call with RESOURCE_EXHAUSTED: no message, only trailers,
        # the message percent-encoded.
        trailers = b"grpc-status: 8\r\ngrpc-message: too many interviews at once%3A wait a minute\r\n"
        await route.fulfill(status=200, content_type="application/grpc-web+proto", body=_frame(0x80, trailers))

    calls: list[str] = []
    page.on("request", lambda request: calls.append(f"{request.method} {request.url.removeprefix(web.url)}"))
    await page.route(f"**{CONVERSE}", too_many)
    await _start(page, web, user_token("limited-lee"))
    alert = page.get_by_role("alert")
    await expect(alert).to_contain_text("Too many requests: wait a moment")
    await expect(alert).to_contain_text("Too many interviews at once: wait a minute")
    # An error the API chose is not worked around with the unary calls.
    assert "POST /api/interview/start" not in calls, calls


async def test_a_stream_cut_short_keeps_its_interview_and_goes_on_with_the_unary_calls(
    page: Page, web: WebSystem
) -> None:
    async def cut(route: Route, request: Request) -> None:
        response = await route.fetch()
        await route.fulfill(response=response, body=_without_trailers(await response.body()))

    token = user_token("dropped-dora")
    calls: list[str] = []
    page.on("request", lambda request: calls.append(f"{request.method} {request.url.removeprefix(web.url)}"))
    await page.route(f"**{CONVERSE}", cut)
    await _start(page, web, token)
    await expect(page.get_by_text("live question stream cannot be reached")).to_be_visible(timeout=30_000)
    interview_id = page.url.rsplit("/", 1)[1]
    saved = await _interview_api(web, token, interview_id)
    await expect(page.locator("#current-question")).to_have_text(saved["current_question"]["text"])
    # The interview the stream started is the one the page goes on with: none is started again.
    assert "POST /api/interview/start" not in calls, calls

"""A mock interview in the browser: started from a job, answered turn by turn with each evaluation shown, left
and taken up again (in another browser too: the same saved session), and finished to its feedback."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from tests.support import samples
from tests.web.browser import DESKTOP, sign_in_with_token, user_token
from tests.web.site import WebSystem

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]

ANSWER = (
    "I would start from the requirements, measure the current behaviour, then change one thing at a time: for "
    "example I moved our Python services to Kubernetes with readiness probes, resource limits and a rollback plan."
)


async def _resume_and_job(web: WebSystem, token: str) -> tuple[str, str]:
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=web.url, headers=headers, timeout=60, trust_env=False) as http:
        uploaded = await http.post("/api/resume/upload", json={"filename": "cv.txt", "text": samples.RESUME})
        resume = uploaded.json()["resume"]["resume_id"]
        matches = await http.post("/api/jobs/search", json={"resume_id": resume, "page_size": 1})
        return resume, matches.json()["matches"][0]["job"]["job_id"]


async def _answer_current(page: Page) -> str:
    question = page.get_by_role("region", name=re.compile(r"^Question \d+$"))
    # The question is shown as the server writes it: read it whole.
    await expect(question.locator(".question")).to_have_attribute("aria-busy", "false", timeout=30_000)
    text = await question.locator(".question").inner_text()
    await page.get_by_label("Your answer").fill(ANSWER)
    await page.get_by_role("button", name="Submit answer").click()
    return text


async def test_an_interview_is_answered_left_resumed_and_finished(page: Page, browser: Browser, web: WebSystem) -> None:
    token = user_token("interviewee-ida")
    resume, job = await _resume_and_job(web, token)
    await sign_in_with_token(page, token)
    await page.goto(f"/jobs/{job}?resume={resume}")
    await page.get_by_label("Questions").select_option("3")
    await page.get_by_role("button", name="Start a mock interview").click()
    await expect(page.get_by_role("heading", name="Mock interview")).to_be_visible()
    interview_url = page.url

    first = await _answer_current(page)
    await expect(page.get_by_role("heading", name="Your last answer")).to_be_visible(timeout=30_000)
    await expect(page.locator(".evaluation").first).to_contain_text(re.compile(r"\d+\.\d/10"))
    await expect(page.locator(".turn")).to_have_count(1)
    await expect(page.locator("#current-question")).to_have_attribute("aria-busy", "false", timeout=30_000)
    waiting = await page.locator("#current-question").inner_text()
    assert waiting != first

    # Leave: the home page offers the interview back, with the same question waiting.
    await page.get_by_role("navigation", name="Main").get_by_role("link", name="Your resumes").click()
    await page.get_by_role("region", name="Your interviews").get_by_role("link").first.click()
    await expect(page.locator("#current-title ~ .question")).to_have_text(waiting)
    # And another browser (another device) of the same user takes up the same saved session.
    other = await browser.new_context(viewport=DESKTOP, base_url=web.url)
    try:
        elsewhere = await other.new_page()
        await sign_in_with_token(elsewhere, token)
        await elsewhere.goto(interview_url)
        await expect(elsewhere.locator("#current-title ~ .question")).to_have_text(waiting)
        await expect(elsewhere.locator(".turn")).to_have_count(1)
    finally:
        await other.close()

    # Answer until the feedback comes (follow-ups may add turns to the three planned questions).
    for _ in range(12):
        if await page.get_by_role("heading", name="Your feedback").count():
            break
        await _answer_current(page)
        await expect(
            page.get_by_role("button", name="Submit answer").or_(page.get_by_role("heading", name="Your feedback"))
        ).to_be_visible(timeout=30_000)
    feedback = page.get_by_role("region", name="Your feedback")
    await expect(feedback).to_be_visible()
    await expect(feedback.locator(".score-value")).to_have_text(re.compile(r"^\d+\.\d$"))
    await expect(feedback.get_by_role("heading", name="Topic by topic")).to_be_visible()
    assert await feedback.locator(".resources a").count() > 0
    await expect(page.get_by_label("Your answer")).to_have_count(0)
    async with page.expect_download() as download:
        await page.get_by_role("button", name="Download the transcript").click()
    assert (await download.value).suggested_filename.endswith(".md")

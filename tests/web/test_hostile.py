"""A posting is hostile input: markup in it is shown as text and never runs, under a policy that would stop it
anyway; and the app's pages carry the security headers a careful web app sends."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.web.browser import sign_in_with_token, user_token
from tests.web.site import HOSTILE_TEXT, WebSystem

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]


async def test_markup_in_a_posting_is_shown_as_text_and_never_runs(page: Page, web: WebSystem) -> None:
    # The stored posting carries the markup as text (else this test would prove nothing).
    async with httpx.AsyncClient(base_url=web.url, trust_env=False) as http:
        reply = await http.get(f"/api/jobs/{web.hostile_job_id}", headers={"authorization": f"Bearer {web.token}"})
    assert "<script>window.__pwned" in reply.json()["job"]["description"]

    await sign_in_with_token(page, user_token("hostile-reader"))
    await page.goto(f"/jobs/{web.hostile_job_id}")
    posting = page.locator(".posting")
    await expect(posting).to_contain_text(HOSTILE_TEXT)
    # Nothing became an element, nothing ran, no javascript: link exists anywhere on the page.
    assert await posting.locator("script, img, iframe, a").count() == 0
    assert await page.locator('a[href^="javascript:" i]').count() == 0
    assert await page.locator("img").count() == 0
    await page.get_by_role("heading", name="The posting").click()  # any handler would have fired by now
    assert await page.evaluate("window.__pwned") is None
    for link in await page.locator("a[href]").all():
        href = await link.get_attribute("href")
        assert href is not None and href.startswith(("/", "#", "https://", "http://")), href


REQUIRED_APP_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


async def test_pages_and_api_answers_carry_the_security_headers(web: WebSystem) -> None:
    async with httpx.AsyncClient(base_url=web.url, trust_env=False) as http:
        page = await http.get("/", headers={"accept": "text/html"})
        deep = await http.get("/jobs/some-job", headers={"accept": "text/html"})
        api = await http.get("/api/resume")
        asset = next(line for line in page.text.split('"') if line.startswith("/assets/") and line.endswith(".js"))
        script = await http.get(asset)

    for reply in (page, deep, script):
        assert reply.status_code == 200
        for name, value in REQUIRED_APP_HEADERS.items():
            assert reply.headers[name] == value, (reply.url, name)
        policy = reply.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'"  # no inline script, no eval
        assert directives["default-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["require-trusted-types-for"] == "'script'"
        assert "unsafe" not in policy
    assert page.headers["content-type"].startswith("text/html")
    assert deep.text == page.text  # any page of the app opened directly
    assert page.headers["cache-control"] == "no-cache"
    assert script.headers["content-type"].startswith("text/javascript")
    assert "immutable" in script.headers["cache-control"]
    # The API's answers are JSON as before, and may not be framed or sniffed either.
    assert api.status_code == 401 and api.json()["details"][0]["reason"] == "MISSING_CREDENTIALS"
    assert api.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in api.headers["content-security-policy"]

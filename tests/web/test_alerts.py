"""Job alerts in the browser: a user creates one from a saved search, is told in plain words why a webhook
inside the network is refused, gets the signing secret once (never again on the page), changes the alert and
deletes it."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import Page, expect

from tests.support import samples
from tests.web.browser import sign_in_with_token, user_token
from tests.web.site import WebSystem

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

# A webhook inside the network (not on the test server's allowed list): SkillGap must refuse to POST there.
INTERNAL_HOOK = "http://10.0.0.5/hook"
# This machine, which the test server allows webhooks to reach (tests/web/site.py).
ALLOWED_HOOK = "http://127.0.0.1:9/skillgap-hook"


def _api(web: WebSystem, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=web.url, headers={"authorization": f"Bearer {token}"}, timeout=60, trust_env=False
    )


async def test_an_alert_is_created_from_a_saved_search_listed_changed_and_deleted(page: Page, web: WebSystem) -> None:
    token = user_token("alert-alma")
    async with _api(web, token) as http:
        uploaded = await http.post("/api/resume/upload", json={"filename": "alma.txt", "text": samples.RESUME})
        assert uploaded.status_code == 200, uploaded.text
        saved = await http.post(
            "/api/saved-searches",
            json={"display_name": "Backend in Berlin", "keywords": ["python"], "locations": ["Berlin"]},
        )
        assert saved.status_code == 200, saved.text

    await sign_in_with_token(page, token)
    await page.get_by_role("navigation", name="Main").get_by_role("link", name="Alerts").click()
    await expect(page.get_by_role("heading", name="Job alerts")).to_be_visible()
    await expect(page.get_by_role("region", name="Your alerts")).to_contain_text("No alert yet.")

    form = page.get_by_role("form", name="Create an alert")
    await form.get_by_label("Start from a saved search").select_option(label="Backend in Berlin")
    await expect(form.get_by_label(re.compile("^Location"))).to_have_value("Berlin")
    await form.get_by_label(re.compile("^Least match score")).fill("55")

    # A webhook inside the network: the API's refusal in plain words, and nothing created.
    await form.get_by_label(re.compile("^Webhook URL")).fill(INTERNAL_HOOK)
    await form.get_by_role("button", name="Create the alert").click()
    refusal = form.get_by_role("alert")
    await expect(refusal).to_contain_text("SkillGap will not send anything to this address")
    await expect(refusal).to_contain_text("private address")
    await expect(page.locator(".subscription")).to_have_count(0)

    # An allowed webhook: created, and the signing secret shown this once.
    await form.get_by_label(re.compile("^Webhook URL")).fill(ALLOWED_HOOK)
    await form.get_by_role("button", name="Create the alert").click()
    card = page.locator(".subscription")
    await expect(card).to_have_count(1)
    await expect(card).to_contain_text("in Berlin")
    await expect(card).to_contain_text("score 55 or more")
    await expect(card).to_contain_text("Webhook: 127.0.0.1:9")
    secret = (await page.locator("code.secret").inner_text()).strip()
    assert len(secret) >= 20, secret
    await page.get_by_role("button", name="I have kept it").click()
    await expect(page.locator("code.secret")).to_have_count(0)
    assert secret not in await page.content()
    # Nor after a reload: the page has no way to fetch it again.
    await page.reload()
    await expect(page.locator(".subscription")).to_have_count(1)
    assert secret not in await page.content()

    # Changed: a higher score and no webhook any more.
    await page.locator(".subscription").get_by_role("button", name="Change").click()
    edit = page.get_by_role("form", name=re.compile("^Change Alert for"))
    await edit.get_by_label(re.compile("^Least match score")).fill("70")
    await edit.get_by_label(re.compile("^Webhook URL")).fill("")
    await edit.get_by_role("button", name="Save the changes").click()
    await expect(page.locator(".subscription")).to_contain_text("score 70 or more")
    await expect(page.locator(".subscription")).to_contain_text("No webhook")

    # Deleted: gone from the page and from the API.
    await page.locator(".subscription").get_by_role("button", name="Delete").click()
    await expect(page.locator(".subscription")).to_have_count(0)
    await expect(page.get_by_role("region", name="Your alerts")).to_contain_text("No alert yet.")
    async with _api(web, token) as http:
        listed = await http.get("/api/alerts/subscriptions")
        assert listed.json()["subscriptions"] == []

"""Chromium for the browser tests and the screenshots: Debian's /usr/bin/chromium driven by Playwright, with no
browser download (.ci/run installs the package), and the steps every test takes: signing in, reading axe."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, async_playwright

from skillgap.auth.tokens import issue_token
from skillgap.config import DEV_JWT_SECRET

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's services, which on a closed
# network makes every start and page slow.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def need(ready: bool, message: str) -> None:
    """Skip without `ready` locally; fail in CI, where .ci/run installs what the browser tests need."""
    if not ready:
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    need(CHROMIUM.is_file(), "Chromium is not installed: apt-get install -y chromium (.ci/run does)")
    async with async_playwright() as playwright:
        # Each test's own profile: Playwright makes a fresh one per context.
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            yield browser
        finally:
            await browser.close()


def user_token(user_id: str, *, admin: bool = False) -> str:
    """A token for a user of the test's own, as `skillgap token --user` prints it."""
    return issue_token(DEV_JWT_SECRET, user_id, roles=["admin"] if admin else [])


async def sign_in_with_token(page: Page, token: str) -> None:
    """Sign in as a person with a token from elsewhere does: the token form of the sign-in page."""
    await page.goto("/sign-in")
    await page.get_by_text("Sign in with another token").click()
    await page.get_by_label("Access token").fill(token)
    await page.get_by_role("button", name="Sign in", exact=True).click()
    await page.get_by_role("heading", name="Your resumes").wait_for()


async def serious_accessibility_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now (the context must bypass the app's
    CSP, which would refuse the injected script)."""
    need(AXE.is_file(), "axe-core is missing: run `npm ci`")
    await page.evaluate(AXE.read_text())
    result = await page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]

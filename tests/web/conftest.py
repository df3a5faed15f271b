"""The browser tests' system: one `skillgap up` for the session, with jobs scraped from a stand-in board and
questions about a job answered by a slowly streaming stand-in model, and Chromium."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, BrowserContext, Page

from tests.web.browser import DESKTOP, chromium
from tests.web.site import WebSystem, running_system


@pytest.fixture(scope="session")
async def web(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[WebSystem]:
    async with running_system(tmp_path_factory.mktemp("web") / "data", streaming_llm=True) as system:
        yield system


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    async with chromium() as opened:
        yield opened


@pytest.fixture
async def context(browser: Browser, web: WebSystem) -> AsyncIterator[BrowserContext]:
    opened = await browser.new_context(viewport=DESKTOP, base_url=web.url)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def page(context: BrowserContext) -> AsyncIterator[Page]:
    """A page whose uncaught errors and CSP refusals fail the test: the app must run clean under its policy."""
    opened = await context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    opened.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and ("Content Security Policy" in message.text or "Trusted Type" in message.text)
            else None
        ),
    )
    opened.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), asyncio.ensure_future(dialog.dismiss()))
    )
    yield opened
    assert problems == [], problems

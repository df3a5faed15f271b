"""An admin starts a scrape of a board from the page and watches it: queued or running, then done with its
counts, and a source that fails says why."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Page, expect

from tests.web.browser import sign_in_with_token, user_token
from tests.web.site import POSTINGS, WebSystem, board_token, greenhouse_board

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]


async def test_an_admin_scrapes_a_board_and_watches_its_progress(page: Page, web: WebSystem) -> None:
    board = board_token()
    web.boards.greenhouse[board] = greenhouse_board(board, "Slowco", POSTINGS[:3])
    web.boards.delays[board] = 3.0  # a big board's listing takes a while: the run is seen in progress

    await sign_in_with_token(page, user_token("admin-ann", admin=True))
    await page.get_by_role("link", name="Scraping").click()
    await page.get_by_label("Kind of source").select_option(label="Greenhouse")
    await page.get_by_label(re.compile("^Identifier")).fill(board)
    await page.get_by_label(re.compile("API address")).fill(web.boards.api("greenhouse"))
    await page.get_by_role("button", name="Scrape this source").click()

    run = page.locator(".run").filter(has_text=board).first
    await expect(run.locator("h3 .status")).to_have_text(re.compile("Queued|Running"), timeout=15_000)
    await expect(run.locator("h3 .status")).to_have_text("Succeeded", timeout=60_000)
    await expect(run).to_contain_text("3 new")
    await run.get_by_role("link", name="the jobs it stored").click()
    await expect(page.get_by_role("heading", name="Jobs this scrape run stored")).to_be_visible()
    await expect(page.locator("table.jobs tbody tr")).to_have_count(3)

    # A board that does not exist: the run fails, and the page says why.
    await page.get_by_role("link", name="Scraping").click()
    missing = board_token()
    await page.get_by_label("Kind of source").select_option(label="Greenhouse")
    await page.get_by_label(re.compile("^Identifier")).fill(missing)
    await page.get_by_label(re.compile("API address")).fill(web.boards.api("greenhouse"))
    await page.get_by_role("button", name="Scrape this source").click()
    failed = page.locator(".run").filter(has_text=missing).first
    await expect(failed.locator("h3 .status")).to_have_text("Failed", timeout=60_000)
    await expect(failed.get_by_role("alert")).to_contain_text(re.compile(r"\w+"))


async def test_a_user_who_is_not_an_admin_sees_no_scrape_controls(page: Page, web: WebSystem) -> None:
    await sign_in_with_token(page, user_token("plain-pat"))
    await expect(page.get_by_role("link", name="Scraping")).to_have_count(0)
    await page.goto("/admin")
    await expect(page.get_by_text("Only admins can start a scrape")).to_be_visible()
    await expect(page.get_by_role("button", name="Scrape this source")).to_have_count(0)


async def test_a_user_saves_a_search(page: Page, web: WebSystem) -> None:
    await sign_in_with_token(page, user_token("searcher-sam"))
    await page.get_by_role("link", name="Saved searches").click()
    await page.get_by_label("Name (optional)").fill("Remote Python backend")
    await page.get_by_label(re.compile("^Words every job has")).fill("python, backend")
    await page.get_by_label(re.compile("^Places")).fill("Berlin, Remote")
    await page.get_by_role("button", name="Save the search").click()
    saved = page.locator(".card").filter(has=page.get_by_role("heading", name="Remote Python backend"))
    await expect(saved).to_contain_text("words: python, backend")
    await expect(saved).to_contain_text("in: Berlin, Remote")
    await expect(page.get_by_text(re.compile(r"1 of \d+ searches"))).to_be_visible()

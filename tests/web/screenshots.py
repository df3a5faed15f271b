"""Screenshots of each main page of the web app, as the README shows them: one command regenerates them all,

    .venv/bin/python -m tests.web.screenshots          # writes docs/web/*.png (about two minutes)

on a `skillgap up` of its own, on its offline default, with the stand-in board's jobs scraped in. The same
`capture` runs in tests/web/test_screenshots.py, which fails when a page's screenshot can no longer be made.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
from pathlib import Path

from playwright.async_api import Browser, Page, expect

from tests.web.browser import DESKTOP, PHONE, chromium
from tests.web.site import WebSystem, resume_pdf, running_system

DOCS = Path(__file__).resolve().parents[2] / "docs" / "web"
# name -> what it shows; the README's table lists them in this order.
PAGES = {
    "sign-in": "Sign in: one click on the embedded default",
    "upload": "Upload a resume: drop a PDF or paste text",
    "profile": "What SkillGap read: titles, dated experience, years, seniority, skills with their lines",
    "matches": "Matches: filters, the score drawn part by part, skills you have and miss",
    "job": "A job: the gap analysis for your resume, its skills and the posting",
    "ask": "Ask about the job: the answer appears as it is written",
    "gaps": "Learn these next: the skills that unlock the most jobs stand out",
    "interview": "A mock interview: each answer graded, follow-ups, leave and come back",
    "feedback": "The interview's feedback: readiness by topic, what to practise, resources",
    "browse": "Browse every job, newest first",
    "admin": "Scraping (admins): sources and runs with live progress and errors",
    "alerts": "Job alerts: new jobs that pass your filters and score high enough, with an optional webhook",
    "matches-phone": "Matches on a phone",
}
ANSWER = (
    "I would measure first, then change one thing at a time: I moved our Python services to Kubernetes with "
    "readiness probes, resource limits and a rollback plan, and watched the error rate while rolling out."
)


async def _shot(page: Page, out_dir: Path, name: str) -> Path:
    path = out_dir / f"web-{name}.png"
    await page.screenshot(path=str(path), animations="disabled", caret="initial")
    return path


async def capture(browser: Browser, web: WebSystem, out_dir: Path) -> dict[str, Path]:
    """Drive the app through its main pages as a job seeker and an admin do, and screenshot each; name -> file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots: dict[str, Path] = {}
    context = await browser.new_context(viewport=DESKTOP, base_url=web.url, reduced_motion="reduce")
    try:
        page = await context.new_page()
        await page.goto("/")
        sign_in = page.get_by_role("button", name="Continue as dev-user")
        await sign_in.wait_for()
        shots["sign-in"] = await _shot(page, out_dir, "sign-in")
        await sign_in.click()

        await page.goto("/upload")
        await page.locator(".dropzone").wait_for()
        shots["upload"] = await _shot(page, out_dir, "upload")
        await page.locator("#resume-file").set_input_files(
            {"name": "jane.pdf", "mimeType": "application/pdf", "buffer": resume_pdf()}
        )
        await page.get_by_role("heading", name="What SkillGap read: jane.pdf").wait_for(timeout=60_000)
        shots["profile"] = await _shot(page, out_dir, "profile")
        resume = page.url.split("/resumes/")[1].split("?")[0]

        await page.get_by_role("link", name="See matching jobs").click()
        await page.locator(".match").first.wait_for(timeout=30_000)
        shots["matches"] = await _shot(page, out_dir, "matches")

        await page.locator(".match h2 a").first.click()
        await page.get_by_role("region", name="Your gaps for this job").wait_for(timeout=30_000)
        shots["job"] = await _shot(page, out_dir, "job")
        await page.get_by_label("Your question").fill("What should I learn first?")
        await page.get_by_role("button", name="Ask", exact=True).click()
        await expect(page.locator(".answer")).to_have_attribute("data-state", "done", timeout=30_000)
        await page.get_by_role("region", name="Ask about this job").scroll_into_view_if_needed()
        shots["ask"] = await _shot(page, out_dir, "ask")

        await page.get_by_label("Questions").select_option("3")
        await page.get_by_role("button", name="Start a mock interview").click()
        await page.get_by_label("Your answer").wait_for(timeout=30_000)
        await page.get_by_label("Your answer").fill(ANSWER)
        await page.get_by_role("button", name="Submit answer").click()
        await page.get_by_role("heading", name="Your last answer").wait_for(timeout=30_000)
        # The next question whole: it is shown as the server writes it.
        await expect(page.locator("#current-question")).to_have_attribute("aria-busy", "false", timeout=30_000)
        shots["interview"] = await _shot(page, out_dir, "interview")
        feedback = page.get_by_role("heading", name="Your feedback")
        for _ in range(12):
            if await feedback.count():
                break
            await page.get_by_label("Your answer").fill(ANSWER)
            await page.get_by_role("button", name="Submit answer").click()
            await expect(page.get_by_role("button", name="Submit answer").or_(feedback)).to_be_visible(timeout=30_000)
        await feedback.scroll_into_view_if_needed()
        shots["feedback"] = await _shot(page, out_dir, "feedback")

        await page.goto(f"/resumes/{resume}/gaps")
        await page.locator(".learn").first.wait_for(timeout=30_000)
        shots["gaps"] = await _shot(page, out_dir, "gaps")
        await page.goto("/jobs")
        await page.locator("table.jobs").wait_for(timeout=30_000)
        shots["browse"] = await _shot(page, out_dir, "browse")
        await page.goto("/admin")
        await page.locator(".run").first.wait_for(timeout=30_000)
        shots["admin"] = await _shot(page, out_dir, "admin")
        await page.goto("/alerts")
        create = page.get_by_role("form", name="Create an alert")
        await create.get_by_label(re.compile("^Location")).fill("Berlin")
        await create.get_by_label(re.compile("^Least match score")).fill("50")
        await create.get_by_role("button", name="Create the alert").click()
        await page.locator(".subscription").first.wait_for(timeout=30_000)
        shots["alerts"] = await _shot(page, out_dir, "alerts")

        await page.set_viewport_size(PHONE)
        await page.goto(f"/resumes/{resume}/matches")
        await page.locator(".match").first.wait_for(timeout=30_000)
        await expect(page.get_by_role("heading", name=re.compile("Jobs that fit"))).to_be_visible()
        shots["matches-phone"] = await _shot(page, out_dir, "matches-phone")
    finally:
        await context.close()
    return shots


async def _main(out_dir: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="skillgap-screenshots-") as tmp:
        async with running_system(Path(tmp) / "data", streaming_llm=False) as web, chromium() as browser:
            shots = await capture(browser, web, out_dir)
    for name, path in shots.items():
        print(f"{path}  {PAGES[name]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DOCS, help=f"where to write them (default {DOCS})")
    asyncio.run(_main(parser.parse_args().out))

"""Every main page, on a desktop and on a phone-sized screen: axe-core finds no serious or critical
accessibility violation, and nothing is wider than the screen. And the first page's cost: how long until it can
be used, and how many bytes it downloads, by the browser's own timing."""

from __future__ import annotations

import httpx
import pytest
from playwright.async_api import Browser, Page

from tests.support import samples
from tests.web.browser import DESKTOP, PHONE, serious_accessibility_violations, sign_in_with_token, user_token
from tests.web.site import WebSystem

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

# What each page shows once it has loaded: the check runs on the page a person sees, not a loading state.
PAGES = [
    ("/", ".card"),
    ("/upload", ".dropzone"),
    ("/resumes/{resume}", ".skills"),
    ("/resumes/{resume}/matches", ".match"),
    ("/jobs/{job}?resume={resume}", ".gap"),
    ("/resumes/{resume}/gaps", ".learn"),
    ("/jobs", "table.jobs"),
    ("/admin", ".run"),
    ("/saved-searches", "#new-search-title"),
    ("/alerts", "#new-alert-title"),
    # The question whole: it is shown as the server writes it.
    ("/interviews/{interview}", "#current-question[aria-busy=false]"),
    ("/nowhere", "h1"),
]


async def _resume_job_and_interview(web: WebSystem, token: str) -> tuple[str, str, str]:
    headers = {"authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=web.url, headers=headers, timeout=60, trust_env=False) as http:
        uploaded = await http.post("/api/resume/upload", json={"filename": "cv.txt", "text": samples.RESUME})
        resume = uploaded.json()["resume"]["resume_id"]
        matches = await http.post("/api/jobs/search", json={"resume_id": resume, "page_size": 1})
        job = matches.json()["matches"][0]["job"]["job_id"]
        started = await http.post(
            "/api/interview/start", json={"job_id": job, "resume_id": resume, "options": {"question_count": 3}}
        )
        return resume, job, started.json()["interview"]["interview_id"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
async def test_main_pages_have_no_serious_accessibility_violations(
    browser: Browser, web: WebSystem, viewport: dict[str, int]
) -> None:
    token = user_token(f"axe-{viewport['width']}", admin=True)
    resume, job, interview = await _resume_job_and_interview(web, token)
    # axe is injected into the page: only this check's context lets a script past the app's policy.
    context = await browser.new_context(viewport=viewport, base_url=web.url, bypass_csp=True)
    try:
        page = await context.new_page()
        await page.goto("/sign-in")
        found = {"/sign-in": await serious_accessibility_violations(page)}
        await sign_in_with_token(page, token)
        for path, ready in PAGES:
            url = path.format(resume=resume, job=job, interview=interview)
            await page.goto(url)
            await page.locator(ready).first.wait_for(timeout=30_000)
            found[url] = await serious_accessibility_violations(page)
            if viewport is PHONE:
                overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{url} is {overflow} px wider than a phone's screen"
        assert {url: v for url, v in found.items() if v} == {}
    finally:
        await context.close()


async def test_the_first_page_is_usable_quickly_and_small(page: Page, web: WebSystem) -> None:
    """A first visit with nothing cached: the sign-in button is there to click in under 3 s, for under 100 KB."""
    await page.goto("/")
    await page.get_by_role("button", name="Continue as dev-user").wait_for()
    # The app marks the moment its sign-in can be used (User Timing), on the browser's clock from navigation.
    usable_ms = await page.evaluate("performance.getEntriesByName('skillgap:sign-in-usable')[0].startTime")
    timing = await page.evaluate(
        """() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const resources = performance.getEntriesByType('resource');
          return {
            dom_content_loaded_ms: nav.domContentLoadedEventEnd,
            load_ms: nav.loadEventEnd,
            transferred_bytes: nav.transferSize + resources.reduce((n, r) => n + r.transferSize, 0),
            decoded_bytes: nav.decodedBodySize + resources.reduce((n, r) => n + r.decodedBodySize, 0),
            requests: 1 + resources.length,
          };
        }"""
    )
    print(f"\nfirst page usable after {usable_ms:.0f} ms; {timing}")
    assert usable_ms < 3000, timing
    assert timing["transferred_bytes"] < 100_000, timing

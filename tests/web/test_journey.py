"""A job seeker's day in the browser, through the real `skillgap up`: sign in with one click, drop a PDF, read
the profile, open a match, read its gaps, ask a question and watch the answer arrive."""

from __future__ import annotations

import base64
import re

import pytest
from playwright.async_api import Page, expect

from skillgap.resumes.docx import DOCX
from tests.fixtures.documents import write_docx
from tests.web.llm_standin import ANSWER, MODEL
from tests.web.site import POSTINGS, WebSystem, resume_pdf

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]

# Records what the page shows while it changes: the texts of its status messages, and each length the streamed
# answer had. Installed before the action it watches.
WATCH = """() => {
  window.__statuses = [];
  window.__answerLengths = [];
  new MutationObserver(() => {
    for (const s of document.querySelectorAll('[role=status]')) window.__statuses.push(s.textContent);
    const answer = document.querySelector('.answer-text');
    if (answer) window.__answerLengths.push(answer.textContent.length);
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""

DROP_PDF = """([name, base64]) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, {type: 'application/pdf'}));
  return transfer;
}"""


async def sign_in_by_keyboard(page: Page) -> None:
    """Tab to the one-click sign-in and press Enter, as a keyboard user does."""
    button = page.get_by_role("button", name="Continue as dev-user")
    await button.wait_for()
    for _ in range(15):
        await page.keyboard.press("Tab")
        if await button.evaluate("(b) => b === document.activeElement"):
            break
    else:
        pytest.fail("the sign-in button cannot be reached with Tab")
    await page.keyboard.press("Enter")


async def test_sign_in_upload_profile_match_gaps_and_a_streamed_answer(page: Page, web: WebSystem) -> None:
    await page.goto("/")
    # Signed out: the app sends the newcomer to sign in, with no token to paste.
    await expect(page).to_have_url(re.compile(r"/sign-in"))
    await expect(page.get_by_label("Access token")).to_be_hidden()
    await sign_in_by_keyboard(page)
    await expect(page.get_by_role("heading", name="Your resumes")).to_be_visible()
    await expect(page.get_by_role("button", name=re.compile("Sign out"))).to_contain_text("dev-user")

    # Drop the PDF on the page, and see the progress while SkillGap reads it.
    await page.evaluate(WATCH)
    transfer = await page.evaluate_handle(DROP_PDF, ["jane.pdf", base64.b64encode(resume_pdf()).decode()])
    await page.dispatch_event(".dropzone", "drop", {"dataTransfer": transfer})
    profile_title = page.get_by_role("heading", name="What SkillGap read: jane.pdf")
    await expect(profile_title).to_be_visible(timeout=60_000)
    statuses = await page.evaluate("window.__statuses")
    assert any("reading your resume" in s for s in statuses), statuses

    # The profile: titles, dated experience, total years, seniority, skills with the lines that show them.
    facts = page.locator(".facts")
    await expect(facts).to_contain_text("Platform Engineer")
    await expect(facts).to_contain_text(re.compile(r"\d+(\.\d)? years"))
    await expect(facts).to_contain_text("Senior")
    await expect(page.locator(".timeline")).to_contain_text("present")
    python = page.locator(".skills li").filter(has=page.locator("strong", has_text=re.compile("^Python$")))
    await expect(python.locator("blockquote").first).to_contain_text("Python")

    # Matches: the best first, each score drawn part by part, matched and missing skills.
    await page.get_by_role("link", name="See matching jobs").click()
    first = page.locator(".match").first
    await expect(first).to_be_visible(timeout=30_000)
    await expect(first.get_by_role("img", name=re.compile(r"^Required skills: [\d.]+ of \d+ points$"))).to_be_visible()
    await expect(first.locator(".chip-have").first).to_be_visible()
    # Every job the board listed is ranked (other tests may add more).
    for posting in POSTINGS:
        await expect(page.locator(".match h2 a", has_text=posting.title).first).to_be_visible()
    title = await first.locator("h2 a").inner_text()

    # The job: posting, its skills, and the gaps for this resume, with actions and resources to follow.
    await first.locator("h2 a").click()
    await expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    gaps = page.get_by_role("region", name="Your gaps for this job")
    await expect(gaps).to_be_visible(timeout=30_000)
    await expect(gaps.locator(".gap").first.locator(".status")).to_have_text(re.compile("You have it|Missing|Partly"))
    resource = gaps.locator(".resources a").first
    await expect(resource).to_have_attribute("href", re.compile(r"^https?://"))
    await expect(resource).to_have_attribute("rel", re.compile("noopener"))
    await expect(page.locator(".posting")).to_contain_text("Requirements")
    await expect(page.get_by_role("heading", name="What the job asks for")).to_be_visible()

    # Ask: the answer shows while the model is still writing it.
    await page.evaluate(WATCH)
    await page.get_by_label("Your question").fill("What should I learn first?")
    await page.get_by_role("button", name="Ask", exact=True).click()
    answer = page.locator(".answer")
    await expect(answer).to_have_attribute("data-state", "streaming")
    await expect(answer).to_have_attribute("data-state", "done", timeout=30_000)
    await expect(page.locator(".answer-text")).to_have_text(ANSWER)
    await expect(answer).to_contain_text(f"llm:{MODEL}")
    lengths = sorted(set(await page.evaluate("window.__answerLengths")))
    partial = [n for n in lengths if 0 < n < len(ANSWER)]
    assert len(partial) >= 3, f"the answer appeared in too few steps: {lengths}"


async def test_a_word_document_chosen_in_the_file_picker_is_read(page: Page, web: WebSystem) -> None:
    # Most people keep their resume in Word: the picker offers .docx and the profile shows the jobs read from it.
    await page.goto("/upload")
    await sign_in_by_keyboard(page)
    await page.goto("/upload")
    picker = page.locator("#resume-file")
    assert ".docx" in (await picker.get_attribute("accept") or "")
    await expect(page.locator(".dropzone")).to_contain_text("Word document")
    document = write_docx(
        "Ana Souza\nEXPERIENCE\nWarehouse Supervisor\tMar 2019 - Present\nNorthwind Logistics, Reno, NV\n"
        "- Ran inventory management with SAP\nForklift Operator\tJan 2015 - Feb 2019\nAcme Freight, Reno, NV"
    )
    await picker.set_input_files({"name": "ana.docx", "mimeType": DOCX, "buffer": document})
    await expect(page.get_by_role("heading", name="What SkillGap read: ana.docx")).to_be_visible(timeout=60_000)
    await expect(page.locator(".facts")).to_contain_text("Warehouse Supervisor")
    await expect(page.locator(".timeline")).to_contain_text("Forklift Operator")

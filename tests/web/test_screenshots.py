"""Every main page's screenshot can still be made (`python -m tests.web.screenshots` regenerates the README's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import Browser

from tests.web.screenshots import DOCS, PAGES, capture
from tests.web.site import WebSystem

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]

PNG = b"\x89PNG\r\n\x1a\n"


async def test_every_main_page_can_be_screenshotted(browser: Browser, web: WebSystem, tmp_path: Path) -> None:
    shots = await capture(browser, web, tmp_path)
    assert set(shots) == set(PAGES)
    for name, path in shots.items():
        data = path.read_bytes()
        assert data.startswith(PNG) and len(data) > 10_000, name
        # The README shows the committed one of every page.
        assert (DOCS / path.name).is_file(), f"docs/web/{path.name} is missing: run python -m tests.web.screenshots"

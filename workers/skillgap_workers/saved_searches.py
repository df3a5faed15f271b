"""Scheduled saved searches: every minute, queue a run of each saved search whose interval has passed (within its
owner's hourly quota). The runs themselves are scrape runs: `scrape_run` runs them."""

from __future__ import annotations

import logging
from typing import Any

from skillgap.app import App

log = logging.getLogger(__name__)


async def queue_due_saved_searches(ctx: dict[str, Any]) -> list[str]:
    """Idempotent per minute: a search is due only once its interval has passed since its last run."""
    app: App = ctx["app"]
    queued = await app.services.saved_searches.trigger_due()
    if queued:
        log.info("queued %d scheduled saved search runs", len(queued))
    return queued

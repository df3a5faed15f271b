"""Scheduled scraping: every minute, queue a run of the configured sources that are due."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from skillgap.app import App

log = logging.getLogger(__name__)


async def queue_due_scrapes(ctx: dict[str, Any]) -> str | None:
    """Idempotent per minute: a source is due only once its interval has passed since it was queued."""
    app: App = ctx["app"]
    run = await app.services.scrapes.trigger_due(datetime.now(UTC))
    if run is None:
        return None
    log.info("queued scheduled scrape run %s (%d sources)", run.run_id, len(run.sources))
    return run.run_id

"""Alert subscriptions are matched against every scrape run's jobs, whichever test runs it: each alert test removes
the subscriptions it made, so later tests' runs neither alert for them nor wait on their webhooks' retries."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from skillgap.resources import Resources


@pytest.fixture(autouse=True)
async def subscriptions_removed_after(resources: Resources) -> AsyncIterator[None]:
    started = await resources.pool.fetchval("SELECT clock_timestamp()")
    yield
    await resources.pool.execute("DELETE FROM alert_subscriptions WHERE create_time >= $1", started)

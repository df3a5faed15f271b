"""Waiting for the server's one request-log line of a call.

The server writes a call's line when the call ends, which for an error is after the status has gone out: the
client may hold its answer a moment before the line exists. Tests set the `skillgap.rpc` level for the whole
test (`caplog.set_level`), never in a block the wait falls outside of, or a line written late is dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import pytest

RPC_LOGGER = "skillgap.rpc"


async def rpc_log_line(
    caplog: pytest.LogCaptureFixture, matches: Callable[[logging.LogRecord], bool], seconds: float = 5.0
) -> logging.LogRecord:
    """The one `skillgap.rpc` line `matches` picks, once it has been written."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while True:
        lines = [r for r in caplog.records if r.name == RPC_LOGGER and matches(r)]
        if lines or loop.time() > deadline:
            break
        await asyncio.sleep(0.01)
    assert len(lines) == 1, f"expected one request-log line, found {len(lines)}"
    return lines[0]

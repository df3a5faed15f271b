"""Node.js for the tests that run JavaScript clients against the server (the Node client, the TypeScript SDK)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the repository, where `npm ci` installs node_modules


def node_ready() -> str | None:
    """The `node` binary, once node and @grpc/grpc-js are installed. Without them the test skips, except in CI,
    where they are installed, so a missing one there is a failure rather than a silently skipped test."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "@grpc" / "grpc-js").is_dir():
        message = "node and `npm ci` (for @grpc/grpc-js) are needed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node

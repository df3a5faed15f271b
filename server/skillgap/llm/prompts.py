"""Prompt pieces every LLM feature shares: the markers around untrusted data.

A question, an answer, a job posting or a resume goes to the model between `<<<TAG>>>` and `<<<END TAG>>>`,
and the system prompt says that what is inside is data, never instructions. The tag is one the texts do not
contain, and marker syntax inside them is broken up, so they cannot close the block early.
"""

from __future__ import annotations

import hashlib


def marker_tag(*texts: str) -> str:
    """A tag the untrusted texts do not contain, so they cannot close the data block early."""
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:8].upper()
    return f"DATA-{digest}"


def strip_markers(text: str) -> str:
    """The text with marker syntax broken up, so it can neither open nor close a block."""
    return text.replace("<<<", "< < <").replace(">>>", "> > >")

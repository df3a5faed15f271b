"""What a stored resume is, independent of storage and transport."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class StoredResume:
    resume_id: str
    user_id: str
    filename: str
    content_type: str
    size_bytes: int
    page_count: int
    text: str
    text_length: int
    content_sha256: str
    create_time: datetime
    update_time: datetime
    profile: dict[str, Any] = field(default_factory=dict)

"""What a stored resume is, independent of storage and transport."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skillgap.skills.models import ResumeProfile


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
    # None until skills were extracted (resumes stored before extraction existed).
    profile: ResumeProfile | None = None

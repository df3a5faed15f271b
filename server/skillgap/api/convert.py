"""Domain objects to protobuf messages."""

from __future__ import annotations

from datetime import datetime

from google.protobuf import timestamp_pb2

from skillgap.resumes.models import StoredResume
from skillgap.v1 import resume_pb2


def timestamp(value: datetime) -> timestamp_pb2.Timestamp:
    ts = timestamp_pb2.Timestamp()
    ts.FromDatetime(value)
    return ts


def resume_message(resume: StoredResume) -> resume_pb2.Resume:
    return resume_pb2.Resume(
        resume_id=resume.resume_id,
        filename=resume.filename,
        content_type=resume.content_type,
        size_bytes=resume.size_bytes,
        page_count=resume.page_count,
        text=resume.text,
        text_length=resume.text_length,
        content_sha256=resume.content_sha256,
        create_time=timestamp(resume.create_time),
        update_time=timestamp(resume.update_time),
    )

"""Arq jobs. Each is idempotent: a retry, or the same job on another worker, is harmless."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from skillgap.app import App
from skillgap.resumes.service import search_payload
from skillgap.storage.resumes import ResumeRepository

log = logging.getLogger(__name__)

REINDEX_BATCH = 32


async def reindex_resumes(ctx: dict[str, Any]) -> int:
    """Re-embed every resume whose vector is missing or from another model (after a model change
    or a restored index). Returns how many were re-indexed."""
    app: App = ctx["app"]
    resources = app.resources
    repository = ResumeRepository(resources.pool)
    model = resources.embedder.model_name
    done = 0
    while batch := await repository.stale_index_entries(model, limit=REINDEX_BATCH):
        for resume in batch:
            vector = await asyncio.to_thread(resources.embedder.embed_document, resume.text)
            await resources.vectors.upsert_resume(resume.resume_id, resume.user_id, vector, search_payload(resume))
            await repository.mark_indexed(resume.resume_id, model)
            done += 1
    log.info("re-indexed %d resumes with %s", done, model)
    return done


async def expire_interviews(ctx: dict[str, Any]) -> int:
    """Mark interviews nobody answered within SKILLGAP_INTERVIEW_TTL_MINUTES expired (reads do it too; this
    keeps the table honest for sessions nobody reads again). Returns how many."""
    from datetime import UTC, datetime

    from skillgap.storage.interviews import InterviewRepository

    app: App = ctx["app"]
    expired = await InterviewRepository(app.resources.pool).expire_abandoned(datetime.now(UTC))
    if expired:
        log.info("expired %d abandoned interviews", expired)
    return expired

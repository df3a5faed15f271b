"""After a scrape run: its new and changed jobs against every subscription, with the search's own scorer.

A run's jobs are those it created or changed (`scrape_run_jobs`, what ListJobs' `run_id` lists), still open and
indexed; a board copy matched to a stored job (cross-source dedupe) changes nothing and alerts nothing. Each
subscription's resume is read once per run and scored against those jobs exactly as SearchJobs scores them: the
filters applied to the vector index's payload (`JobSearchFilter.matches`, the index's own semantics), then
`matching.scoring.score` on the payload's facts with the cosine of the two vectors. A job at or above the
subscription's `min_score` becomes an alert, once per subscription and job (a later change of the job, or
another board listing it, alerts nothing new).

Bounded: at most `MAX_JOBS_PER_RUN` of a run's jobs (the newest; the rest are counted as skipped), subscriptions
read `SUBSCRIPTIONS_PER_BATCH` at a time. One subscription that fails (its resume deleted meanwhile, a vector the
index cannot return) is logged and skipped; the others go on. Nothing here can fail or hold up the scrape: it
runs in its own worker job after the run finished.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from skillgap.alerts.models import (
    MAX_JOBS_PER_RUN,
    SUBSCRIPTIONS_PER_BATCH,
    AlertSubscription,
    NewAlert,
    RunMatch,
)
from skillgap.alerts.signing import EVENT
from skillgap.embedding.embedder import Embedder
from skillgap.errors import NotFound
from skillgap.jobs.service import JobCatalog
from skillgap.matching.facts import candidate_from_profile, facts_from_payload
from skillgap.matching.models import ScoreBreakdown, ScoreComponent
from skillgap.matching.scoring import CoverageIndex, score
from skillgap.matching.service import JobMatcher
from skillgap.occupations.index import OccupationIndex
from skillgap.resumes.service import ResumeService
from skillgap.skills.taxonomy import Taxonomy
from skillgap.storage.alerts import AlertRepository
from skillgap.vectors.store import VectorStore

log = logging.getLogger(__name__)


def reasons_of(breakdown: ScoreBreakdown) -> tuple[str, ...]:
    """Why a job scored what it did: each assessed part, most points first, with its points and sentence; then the
    score's caveats."""
    parts: list[tuple[str, ScoreComponent]] = [
        ("Role fit", breakdown.role_fit),
        ("Required skills", breakdown.required_coverage),
        ("Similarity", breakdown.semantic_similarity),
        ("Seniority", breakdown.seniority_fit),
        ("Nice-to-have skills", breakdown.nice_to_have_coverage),
    ]
    assessed = sorted((p for p in parts if p[1].weight > 0), key=lambda p: -p[1].points)
    lines = [
        f"{name}: {part.points:.0f} of {part.weight * 100:.0f} points ({part.explanation})" for name, part in assessed
    ]
    return (*lines, *breakdown.caveats)


class AlertMatcher:
    def __init__(
        self,
        repository: AlertRepository,
        jobs: JobCatalog,
        resumes: ResumeService,
        matcher: JobMatcher,
        vectors: VectorStore,
        embedder: Embedder,
        taxonomy: Taxonomy,
        occupations: OccupationIndex | None = None,
    ) -> None:
        self._repository = repository
        self._jobs = jobs
        self._resumes = resumes
        self._matcher = matcher
        self._vectors = vectors
        self._embedder = embedder
        self._taxonomy = taxonomy
        self._occupations = occupations

    async def match_run(self, run_id: str) -> RunMatch:
        """Make the alerts of one finished scrape run, and the webhook deliveries that carry them (queued by the
        caller). Idempotent: an alert is made once per subscription and job, a delivery only for new alerts."""
        run = uuid.UUID(run_id)
        job_ids, total = await self._repository.run_jobs(run, limit=MAX_JOBS_PER_RUN)
        created = 0
        deliveries: list[str] = []
        after: uuid.UUID | None = None
        while job_ids and (batch := await self._repository.subscriptions_after(after, limit=SUBSCRIPTIONS_PER_BATCH)):
            after = uuid.UUID(batch[-1].subscription_id)
            for subscription in batch:
                try:
                    found = await self._match(subscription, job_ids)
                except NotFound:
                    continue  # its resume was deleted meanwhile (the subscription goes with it)
                except Exception:
                    log.exception("alerts of run %s: subscription %s failed", run_id, subscription.subscription_id)
                    continue
                stored = await self._repository.insert_alerts(found, run)
                created += len(stored)
                if stored and subscription.webhook_url:
                    deliveries.append(await self._delivery(subscription, run_id, found, stored))
        if total > len(job_ids):
            log.warning(
                "alerts of run %s: %d of its %d new or changed jobs matched, the rest skipped (at most %d a run)",
                run_id,
                len(job_ids),
                total,
                MAX_JOBS_PER_RUN,
            )
        await self._repository.record_run(run, considered=len(job_ids), skipped=total - len(job_ids), created=created)
        log.info(
            "alerts of run %s: %d jobs, %d alerts, %d webhook deliveries",
            run_id,
            len(job_ids),
            created,
            len(deliveries),
        )
        return RunMatch(run_id, len(job_ids), total - len(job_ids), created, tuple(deliveries))

    async def _match(self, subscription: AlertSubscription, job_ids: Sequence[str]) -> list[NewAlert]:
        """The jobs that pass the subscription's filters and score at least its minimum, as SearchJobs scores them
        for its resume."""
        resume = await self._resumes.get(subscription.user_id, subscription.resume_id)
        vector = await self._vectors.get_resume_vector(resume.resume_id, subscription.user_id)
        if vector is None:  # stored but not indexed yet (the re-index job repairs it)
            vector = await self._embedder.aembed_document(resume.text)
        where = self._matcher.vector_filter(subscription.filter)
        index = CoverageIndex(candidate_from_profile(resume.profile, resume.text), self._taxonomy, self._occupations)
        found = []
        for job_id, hit in (await self._vectors.job_hits(job_ids, vector)).items():
            if not where.matches(hit.payload):
                continue
            breakdown = score(facts_from_payload(job_id, hit.payload), index, hit.similarity)
            if breakdown.score >= subscription.min_score:
                found.append(
                    NewAlert(
                        subscription.subscription_id,
                        subscription.user_id,
                        job_id,
                        breakdown.score,
                        reasons_of(breakdown),
                    )
                )
        return found

    async def _delivery(
        self,
        subscription: AlertSubscription,
        run_id: str,
        found: Sequence[NewAlert],
        stored: Sequence[tuple[str, str, str]],
    ) -> str:
        """Store the webhook body of the alerts just made for the subscription; its delivery id."""
        delivery_id = uuid.uuid4()
        by_job = {alert.job_id: alert for alert in found}
        jobs = await self._jobs.get_many([job_id for _, _, job_id in stored])
        alerts = []
        for alert_id, _, job_id in stored:
            job = jobs.get(job_id)
            alert = by_job[job_id]
            alerts.append(
                {
                    "alert_id": alert_id,
                    "job_id": job_id,
                    "title": job.posting.title if job else "",
                    "company": job.posting.company if job else "",
                    "url": job.posting.url if job else "",
                    "score": alert.score,
                    "reasons": list(alert.reasons),
                }
            )
        body = json.dumps(
            {
                "event": EVENT,
                "delivery_id": str(delivery_id),
                "created_at": datetime.now(UTC).isoformat(),
                "subscription_id": subscription.subscription_id,
                "run_id": run_id,
                "alerts": alerts,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        await self._repository.create_delivery(delivery_id, subscription, body, [alert_id for alert_id, _, _ in stored])
        return str(delivery_id)

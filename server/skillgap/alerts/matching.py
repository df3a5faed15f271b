"""After a scrape run: its new and changed jobs against every subscription, with the search's own scorer.

A run's jobs are those it created or changed (`scrape_run_jobs`, what ListJobs' `run_id` lists), still open and
indexed; a board copy matched to a stored job (cross-source dedupe) changes nothing and alerts nothing. Each
subscription's resume is read once per run and scored against those jobs exactly as SearchJobs scores them: the
filters applied to the vector index's payload (`JobSearchFilter.matches`, the index's own semantics), then
`matching.scoring.score` on the payload's facts with the cosine of the two vectors. A job at or above the
subscription's `min_score` becomes an alert, once per subscription and job (a later change of the job, or
another board listing it, alerts nothing new).

Bounded (see `models.MAX_JOBS_PER_RUN`): at most `MAX_JOBS_PER_RUN` of a run's jobs (the newest; the rest are
counted as skipped). Subscriptions are read `SUBSCRIPTIONS_PER_BATCH` at a time grouped by resume, and each resume
is read, compared with the run's jobs and scored once for all its subscriptions (`_Candidate`); each subscription
then considers at most `MAX_JOBS_PER_SUBSCRIPTION` of the jobs that pass its filters, the most similar to its resume
first, and a log line counts the subscriptions that had more. One subscription or resume that fails (its resume
deleted meanwhile, a vector the index cannot return) is logged and skipped; the others go on. Nothing here can fail
or hold up the scrape: it runs in its own worker job after the run finished.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from skillgap.alerts.models import (
    MAX_JOBS_PER_RUN,
    MAX_JOBS_PER_SUBSCRIPTION,
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
from skillgap.matching.service import JobFilter, JobMatcher
from skillgap.occupations.index import OccupationIndex
from skillgap.resumes.service import ResumeService
from skillgap.skills.taxonomy import Taxonomy
from skillgap.storage.alerts import AlertRepository
from skillgap.vectors.store import JobHit, VectorStore

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


@dataclass
class _Candidate:
    """One resume as matching reads it once per run for all its subscriptions: its coverage index, the run's jobs
    as the index returns them for its vector (most similar first), and the scores computed so far."""

    index: CoverageIndex
    hits: list[JobHit]
    # job id -> its score and the reasons an alert gives for it
    scores: dict[str, tuple[float, tuple[str, ...]]] = field(default_factory=dict)

    def score(self, hit: JobHit) -> tuple[float, tuple[str, ...]]:
        found = self.scores.get(hit.job_id)
        if found is None:
            breakdown = score(facts_from_payload(hit.job_id, hit.payload), self.index, hit.similarity)
            found = self.scores[hit.job_id] = (breakdown.score, reasons_of(breakdown))
        return found


@dataclass
class _Tally:
    """What one run's matching did, for its log lines."""

    subscriptions: int = 0
    resumes: int = 0
    scored: int = 0
    capped: int = 0  # subscriptions with more passing jobs than MAX_JOBS_PER_SUBSCRIPTION
    beyond_cap: int = 0  # the jobs those subscriptions did not consider


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
        tally = _Tally()
        # The resume being matched: subscriptions come grouped by resume, so only the current one is kept.
        current: tuple[tuple[str, str], _Candidate | None] | None = None
        # Which of the run's jobs pass a filter, per filter: many subscriptions share theirs (none, a location).
        passing: dict[JobFilter, frozenset[str]] = {}
        after: tuple[str, uuid.UUID, uuid.UUID] | None = None
        while job_ids and (
            batch := await self._repository.subscriptions_by_resume(after, limit=SUBSCRIPTIONS_PER_BATCH)
        ):
            last = batch[-1]
            after = (last.user_id, uuid.UUID(last.resume_id), uuid.UUID(last.subscription_id))
            found: dict[str, tuple[AlertSubscription, list[NewAlert]]] = {}
            for subscription in batch:
                key = (subscription.user_id, subscription.resume_id)
                if current is None or current[0] != key:
                    current = (key, await self._candidate(subscription, job_ids, run_id))
                    tally.resumes += current[1] is not None
                candidate = current[1]
                if candidate is None:
                    continue  # its resume was deleted meanwhile, or could not be read (logged)
                tally.subscriptions += 1
                try:
                    found[subscription.subscription_id] = (
                        subscription,
                        self._match(subscription, candidate, passing, tally),
                    )
                except Exception:
                    log.exception("alerts of run %s: subscription %s failed", run_id, subscription.subscription_id)
            # One statement stores the batch's alerts; each subscription's webhook carries those stored for it.
            stored = await self._repository.insert_alerts([a for _, alerts in found.values() for a in alerts], run)
            created += len(stored)
            by_subscription: dict[str, list[tuple[str, str, str]]] = {}
            for row in stored:
                by_subscription.setdefault(row[1], []).append(row)
            for subscription_id, rows in by_subscription.items():
                subscription, alerts = found[subscription_id]
                if subscription.webhook_url:
                    deliveries.append(await self._delivery(subscription, run_id, alerts, rows))
        if total > len(job_ids):
            log.warning(
                "alerts of run %s: %d of its %d new or changed jobs matched, the rest skipped (at most %d a run)",
                run_id,
                len(job_ids),
                total,
                MAX_JOBS_PER_RUN,
            )
        if tally.capped:
            log.warning(
                "alerts of run %s: %d subscription(s) considered only their %d most similar passing jobs; %d "
                "(subscription, job) pairs beyond that were not scored",
                run_id,
                tally.capped,
                MAX_JOBS_PER_SUBSCRIPTION,
                tally.beyond_cap,
            )
        await self._repository.record_run(run, considered=len(job_ids), skipped=total - len(job_ids), created=created)
        log.info(
            "alerts of run %s: %d jobs, %d subscriptions over %d resumes, %d scorings, %d alerts, %d webhook "
            "deliveries",
            run_id,
            len(job_ids),
            tally.subscriptions,
            tally.resumes,
            tally.scored,
            created,
            len(deliveries),
        )
        return RunMatch(run_id, len(job_ids), total - len(job_ids), created, tuple(deliveries))

    async def _candidate(
        self, subscription: AlertSubscription, job_ids: Sequence[str], run_id: str
    ) -> _Candidate | None:
        """The subscription's resume, read once for the run: None when it is gone or cannot be read (logged)."""
        try:
            resume = await self._resumes.get(subscription.user_id, subscription.resume_id)
            vector = await self._vectors.get_resume_vector(resume.resume_id, subscription.user_id)
            if vector is None:  # stored but not indexed yet (the re-index job repairs it)
                vector = await self._embedder.aembed_document(resume.text)
            index = CoverageIndex(
                candidate_from_profile(resume.profile, resume.text), self._taxonomy, self._occupations
            )
            hits = await self._vectors.job_hits(job_ids, vector)
        except NotFound:
            return None  # deleted meanwhile (its subscriptions go with it)
        except Exception:
            log.exception("alerts of run %s: resume %s failed", run_id, subscription.resume_id)
            return None
        # Most similar first (ties by id: the same order every time), so a capped subscription keeps the best.
        return _Candidate(index, sorted(hits.values(), key=lambda hit: (-hit.similarity, hit.job_id)))

    def _match(
        self,
        subscription: AlertSubscription,
        candidate: _Candidate,
        passing: dict[JobFilter, frozenset[str]],
        tally: _Tally,
    ) -> list[NewAlert]:
        """The jobs that pass the subscription's filters and score at least its minimum, as SearchJobs scores them
        for its resume; at most MAX_JOBS_PER_SUBSCRIPTION of them considered, the most similar first."""
        wanted = subscription.filter
        allowed = passing.get(wanted)
        if allowed is None:
            where = self._matcher.vector_filter(wanted)
            # The payloads are the jobs' own, whichever resume's hits they came with.
            allowed = passing[wanted] = frozenset(hit.job_id for hit in candidate.hits if where.matches(hit.payload))
        considered = [hit for hit in candidate.hits if hit.job_id in allowed]
        if len(considered) > MAX_JOBS_PER_SUBSCRIPTION:
            tally.capped += 1
            tally.beyond_cap += len(considered) - MAX_JOBS_PER_SUBSCRIPTION
            considered = considered[:MAX_JOBS_PER_SUBSCRIPTION]
        found = []
        for hit in considered:
            tally.scored += hit.job_id not in candidate.scores
            points, reasons = candidate.score(hit)
            if points >= subscription.min_score:
                found.append(NewAlert(subscription.subscription_id, subscription.user_id, hit.job_id, points, reasons))
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

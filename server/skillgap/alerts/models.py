"""What alerts are, independent of storage and transport, and the limits on what a user may ask for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skillgap.jobs.models import JobSummary
from skillgap.matching.service import JobFilter

# What one user may subscribe, and what a request may carry; the proto's comments say the same.
MAX_SUBSCRIPTIONS_PER_USER = 20
MAX_WEBHOOK_URL_CHARS = 2048
MIN_SCORE, MAX_SCORE = 0.0, 100.0
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

# What matching one scrape run may cost. At most MAX_JOBS_PER_RUN of the run's new and changed jobs are matched
# (the newest first; the rest are counted as skipped); subscriptions are read SUBSCRIPTIONS_PER_BATCH at a time,
# grouped by resume. Each resume is read, compared with the jobs (one cosine each) and scored once per run for all
# its subscriptions; each subscription considers at most MAX_JOBS_PER_SUBSCRIPTION of the jobs that pass its
# filters, the most similar to its resume first (the rest are logged as skipped). So a run costs at most
# resumes x MAX_JOBS_PER_SUBSCRIPTION x (subscriptions of a resume) scorings, shared between a resume's
# subscriptions, not subscriptions x jobs. Scoring is the search's rerank (no model call): about 0.1 ms a job.
MAX_JOBS_PER_RUN = 2000
MAX_JOBS_PER_SUBSCRIPTION = 200
SUBSCRIPTIONS_PER_BATCH = 200

DELIVERY_STATES = ("pending", "delivered", "failed")


@dataclass(frozen=True)
class AlertSubscription:
    subscription_id: str
    user_id: str
    resume_id: str
    filter: JobFilter
    min_score: float
    webhook_url: str
    create_time: datetime
    update_time: datetime
    unseen_count: int = 0


@dataclass(frozen=True)
class SubscriptionChange:
    """What a create or an update sets; on update, only the fields in `paths`."""

    resume_id: str = ""
    filter: JobFilter = JobFilter()
    min_score: float = 0.0
    webhook_url: str = ""


@dataclass(frozen=True)
class WebhookDelivery:
    delivery_id: str
    state: str  # one of DELIVERY_STATES
    attempts: int
    last_status: int
    last_error: str
    deliver_time: datetime | None


@dataclass(frozen=True)
class Alert:
    alert_id: str
    subscription_id: str
    job: JobSummary
    score: float
    reasons: tuple[str, ...]
    create_time: datetime
    seen: bool
    """Whether a ListAlerts call had returned it before the one that reads it now."""
    delivery: WebhookDelivery | None = None


@dataclass(frozen=True)
class AlertPage:
    alerts: tuple[Alert, ...]
    next_page_token: str
    unseen_count: int


@dataclass(frozen=True)
class NewAlert:
    """An alert matching made, before it is stored."""

    subscription_id: str
    user_id: str
    job_id: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class RunMatch:
    """What matching one scrape run did."""

    run_id: str
    jobs_considered: int
    jobs_skipped: int
    alerts_created: int
    deliveries: tuple[str, ...] = ()
    """The webhook deliveries queued (their ids)."""

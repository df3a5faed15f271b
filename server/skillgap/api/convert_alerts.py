"""Alerts to protobuf messages, and subscription changes from their requests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from skillgap.alerts.models import Alert, AlertSubscription, SubscriptionChange, WebhookDelivery
from skillgap.api.convert import (
    _SENIORITY_VALUES,
    _SOURCE_KINDS,
    _WORKPLACE_TYPES,
    job_summary_message,
    timestamp,
)
from skillgap.api.convert_matching import job_filter
from skillgap.matching.service import JobFilter
from skillgap.v1 import alert_pb2, job_pb2

_DELIVERY_STATES: dict[str, Any] = {
    "pending": alert_pb2.WEBHOOK_DELIVERY_STATE_PENDING,
    "delivered": alert_pb2.WEBHOOK_DELIVERY_STATE_DELIVERED,
    "failed": alert_pb2.WEBHOOK_DELIVERY_STATE_FAILED,
}


def job_filter_message(wanted: JobFilter) -> job_pb2.JobFilter:
    """The filter as the user set it (the inverse of `convert_matching.job_filter`)."""
    return job_pb2.JobFilter(
        location=wanted.location,
        workplace_types=[_WORKPLACE_TYPES[name] for name in wanted.workplace_types if name in _WORKPLACE_TYPES],
        seniorities=[_SENIORITY_VALUES[name] for name in wanted.seniorities if name in _SENIORITY_VALUES],
        required_skills=list(wanted.required_skills),
        companies=list(wanted.companies),
        source_kinds=[_SOURCE_KINDS[name] for name in wanted.source_kinds if name in _SOURCE_KINDS],
        posted_within_days=wanted.posted_within_days,
    )


def change_of(request: Any, paths: Sequence[str] | None = None) -> SubscriptionChange:
    """What a Create- or UpdateAlertSubscriptionRequest asks for (INVALID_ARGUMENT for unknown enum values). With
    `paths` (an update's mask), a filter the mask does not name is neither read nor refused (AIP-134)."""
    return SubscriptionChange(
        resume_id=request.resume_id,
        filter=job_filter(request.filter) if paths is None or "filter" in paths else JobFilter(),
        min_score=request.min_score,
        webhook_url=request.webhook_url.strip(),
    )


def present_paths(request: alert_pb2.UpdateAlertSubscriptionRequest) -> list[str]:
    """The fields an update without a mask sets: those it populates (AIP-134's implied mask)."""
    present = {
        "resume_id": bool(request.resume_id),
        "filter": request.HasField("filter"),
        "min_score": request.min_score != 0,
        "webhook_url": bool(request.webhook_url.strip()),
    }
    return [name for name, given in present.items() if given]


def subscription_message(subscription: AlertSubscription) -> alert_pb2.AlertSubscription:
    return alert_pb2.AlertSubscription(
        subscription_id=subscription.subscription_id,
        resume_id=subscription.resume_id,
        filter=job_filter_message(subscription.filter),
        min_score=subscription.min_score,
        webhook_url=subscription.webhook_url,
        create_time=timestamp(subscription.create_time),
        update_time=timestamp(subscription.update_time),
        unseen_count=subscription.unseen_count,
    )


def delivery_message(delivery: WebhookDelivery) -> alert_pb2.WebhookDelivery:
    message = alert_pb2.WebhookDelivery(
        delivery_id=delivery.delivery_id,
        state=_DELIVERY_STATES.get(delivery.state, alert_pb2.WEBHOOK_DELIVERY_STATE_UNSPECIFIED),
        attempts=delivery.attempts,
        last_status=delivery.last_status,
        last_error=delivery.last_error,
    )
    if delivery.deliver_time is not None:
        message.deliver_time.CopyFrom(timestamp(delivery.deliver_time))
    return message


def alert_message(alert: Alert) -> alert_pb2.Alert:
    message = alert_pb2.Alert(
        alert_id=alert.alert_id,
        subscription_id=alert.subscription_id,
        job=job_summary_message(alert.job),
        score=alert.score,
        reasons=list(alert.reasons),
        create_time=timestamp(alert.create_time),
        seen=alert.seen,
    )
    if alert.delivery is not None:
        message.webhook_delivery.CopyFrom(delivery_message(alert.delivery))
    return message

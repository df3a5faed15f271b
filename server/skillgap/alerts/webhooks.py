"""Webhook deliveries: POST a delivery's body, signed, through the SSRF-guarded fetcher; record how it went.

One attempt per call (the worker's job retries it later, `RETRY_DELAYS` apart): the fetcher refuses private,
loopback and link-local addresses unless SKILLGAP_WEBHOOK_ALLOWED_HOSTS admits them (checked again at every
attempt: a host may resolve elsewhere since the subscription was made), pins the connection to the address it
checked, follows no redirect and reads at most 64 KiB of the answer. A 2xx answer delivers it; anything else,
or no answer, is a failed attempt; after the last one the delivery is failed for good. Each attempt goes to the
subscription's webhook URL as it is then (a removed webhook fails the delivery) and is signed with the user's
secret as it is then (a rotated secret signs the retries), opened from its sealed form (`secret_box`).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import Literal

from skillgap.alerts.secret_box import SecretBox, SecretUnreadable
from skillgap.alerts.signing import DELIVERY_HEADER, EVENT, EVENT_HEADER, SIGNATURE_HEADER, signature
from skillgap.scraping.fetch import Fetcher, FetchError, FetchPolicy
from skillgap.storage.alerts import AlertRepository

log = logging.getLogger(__name__)

WEBHOOK_ALLOWED_HOSTS_SETTING = "SKILLGAP_WEBHOOK_ALLOWED_HOSTS"

# Seconds before each retry: about 2.5 hours from the first attempt to the last, six attempts in all.
RETRY_DELAYS: tuple[float, ...] = (10.0, 60.0, 300.0, 1800.0, 7200.0)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
ATTEMPT_TIMEOUT_SECONDS = 10.0
MAX_ERROR_CHARS = 300

Outcome = Literal["delivered", "retry", "failed", "gone"]


@dataclass(frozen=True)
class Attempt:
    outcome: Outcome
    status: int = 0
    error: str = ""


def webhook_policy(allowed_hosts: str) -> FetchPolicy:
    """The fetcher's policy for webhooks: their own allow-list, one attempt, a short timeout."""
    return FetchPolicy.from_setting(
        allowed_hosts,
        setting=WEBHOOK_ALLOWED_HOSTS_SETTING,
        max_retries=0,
        attempt_timeout_seconds=ATTEMPT_TIMEOUT_SECONDS,
        read_timeout_seconds=ATTEMPT_TIMEOUT_SECONDS,
        per_host_min_interval_seconds=0.0,
    )


class WebhookSender:
    def __init__(self, repository: AlertRepository, *, secrets: SecretBox, allowed_hosts: str) -> None:
        self._repository = repository
        self._secrets = secrets  # opens the user's secret, stored sealed
        self._allowed_hosts = allowed_hosts

    async def attempt(self, delivery_id: str) -> Attempt:
        """One attempt of a pending delivery; "retry" when another one is due later."""
        key = uuid.UUID(delivery_id)
        found = await self._repository.delivery_to_send(key)
        if found is None:
            return Attempt("gone")  # its subscription was deleted
        url, body, stored, attempts, state = found
        if state != "pending":
            return Attempt("gone")  # delivered or given up already (a duplicate job)
        status, error, secret = 0, "", ""
        if not url:
            await self._repository.record_attempt(
                key, state="failed", status=0, error="the subscription's webhook was removed before it was delivered"
            )
            return Attempt("failed")
        try:
            secret = self._secrets.open(stored)
        except SecretUnreadable as exc:
            error = str(exc)
        if not stored:  # never sent unsigned; RotateWebhookSecret makes one
            error = "you have no webhook signing secret: make one with RotateWebhookSecret"
        elif secret:
            headers = {
                "Content-Type": "application/json",
                EVENT_HEADER: EVENT,
                DELIVERY_HEADER: delivery_id,
                SIGNATURE_HEADER: signature(secret, body),
            }
            async with Fetcher(webhook_policy(self._allowed_hosts)) as fetcher:
                try:
                    answer = await fetcher.post(url, body, headers=headers)
                except FetchError as exc:
                    error = exc.message
                else:
                    status = answer.status
                    if not 200 <= status < 300:
                        text = answer.body.decode("utf-8", errors="replace").strip()
                        error = f"the webhook answered HTTP {status}" + (f": {text}" if text else "")
        error = error[:MAX_ERROR_CHARS]
        last = attempts + 1 >= MAX_ATTEMPTS
        outcome: Outcome = "delivered" if not error else "failed" if last else "retry"
        await self._repository.record_attempt(
            key, state="pending" if outcome == "retry" else outcome, status=status, error=error
        )
        if error:
            log.warning("webhook delivery %s attempt %d: %s", delivery_id, attempts + 1, error)
        return Attempt(outcome, status, error)


def retry_delay(attempts_made: int) -> float:
    """The pause before the next attempt, after `attempts_made` attempts (at least 1)."""
    return RETRY_DELAYS[min(max(attempts_made, 1), len(RETRY_DELAYS)) - 1]

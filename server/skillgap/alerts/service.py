"""A user's alert subscriptions and alerts: create, list, update, delete, read. No gRPC here.

Everything is the caller's own: another user's subscription id, or another user's resume id in a subscription,
answers NOT_FOUND exactly as an id that never existed. Bad input is INVALID_ARGUMENT naming the field and its
limit; a user at MAX_SUBSCRIPTIONS_PER_USER is FAILED_PRECONDITION.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from skillgap.alerts.models import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_SCORE,
    MAX_SUBSCRIPTIONS_PER_USER,
    MAX_WEBHOOK_URL_CHARS,
    MIN_SCORE,
    AlertPage,
    AlertSubscription,
    SubscriptionChange,
)
from skillgap.alerts.secret_box import SEALED_PREFIX, SecretBox
from skillgap.alerts.signing import new_secret
from skillgap.alerts.webhooks import WEBHOOK_ALLOWED_HOSTS_SETTING
from skillgap.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    Unavailable,
    quoted,
)
from skillgap.ids import parse_resource_id
from skillgap.matching.service import JobMatcher
from skillgap.paging import decode_page_token, encode_page_token, resolve_page_size
from skillgap.resumes.service import ResumeService
from skillgap.scraping.fetch import AllowedHosts, ConnectionFailed, HostNotFound, UnsafeUrl, UrlChecker
from skillgap.storage.alerts import AlertRepository

log = logging.getLogger(__name__)

UPDATABLE_FIELDS = ("resume_id", "filter", "min_score", "webhook_url")


class AlertService:
    def __init__(
        self,
        repository: AlertRepository,
        resumes: ResumeService,
        matcher: JobMatcher,
        *,
        secrets: SecretBox,
        webhook_allowed_hosts: str = "",
    ) -> None:
        self._repository = repository
        # Webhook secrets are stored sealed with the server's key (`secret_box`); the user sees theirs once.
        self._secrets = secrets
        self._resumes = resumes
        # The filters are checked (and later applied) exactly as SearchJobs checks them.
        self._matcher = matcher
        self._webhooks = UrlChecker(AllowedHosts.parse(webhook_allowed_hosts, setting=WEBHOOK_ALLOWED_HOSTS_SETTING))

    # --- subscriptions ------------------------------------------------------------------------------------

    async def create(self, user_id: str, change: SubscriptionChange) -> tuple[AlertSubscription, str]:
        """The new subscription, and the user's webhook secret when this call made it (else "")."""
        await self._check(user_id, change, UPDATABLE_FIELDS)
        created = await self._repository.create_subscription(user_id, change, limit=MAX_SUBSCRIPTIONS_PER_USER)
        if created is None:
            raise FailedPrecondition(
                f"you have {MAX_SUBSCRIPTIONS_PER_USER} alert subscriptions, the most one user may have; "
                "delete one first",
                reason="TOO_MANY_SUBSCRIPTIONS",
                metadata={"limit": str(MAX_SUBSCRIPTIONS_PER_USER)},
            )
        log.info("user %s subscribed resume %s to alerts (%s)", user_id, change.resume_id, created.subscription_id)
        return created, await self._secret_if_new(user_id, created.webhook_url)

    async def list(self, user_id: str, *, page_size: int, page_token: str) -> tuple[list[AlertSubscription], str]:
        limit = resolve_page_size(page_size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        after = _position(page_token, scope="")
        rows = await self._repository.list_subscriptions(user_id, limit=limit + 1, after=after)
        page = rows[:limit]
        token = _token(page[-1].create_time, page[-1].subscription_id, scope="") if len(rows) > limit else ""
        return page, token

    async def update(
        self, user_id: str, subscription_id: str, change: SubscriptionChange, paths: Sequence[str]
    ) -> tuple[AlertSubscription, str]:
        """Set the fields `paths` names (none: nothing changes); the subscription, and the user's webhook secret
        when this call made it."""
        key = _subscription_key(subscription_id, "subscription_id")
        paths = _checked_paths(paths)
        current = await self._repository.get_subscription(user_id, key)
        if current is None:
            raise _not_found(subscription_id)
        if not paths:
            return current, ""
        await self._check(user_id, change, paths)
        updated = await self._repository.update_subscription(user_id, key, change, paths)
        if updated is None:  # deleted meanwhile
            raise _not_found(subscription_id)
        secret = await self._secret_if_new(user_id, updated.webhook_url) if "webhook_url" in paths else ""
        return updated, secret

    async def delete(self, user_id: str, subscription_id: str) -> None:
        key = _subscription_key(subscription_id, "subscription_id")
        if not await self._repository.delete_subscription(user_id, key):
            raise _not_found(subscription_id)

    async def rotate_secret(self, user_id: str) -> str:
        secret = new_secret()
        await self._repository.replace_secret(user_id, self._secrets.seal(secret))
        log.info("user %s rotated their webhook secret", user_id)
        return secret

    # --- alerts ----------------------------------------------------------------------------------------------

    async def read(self, user_id: str, *, subscription_id: str, page_size: int, page_token: str) -> AlertPage:
        """A page of the user's alerts, newest first; returning them is reading them: they are seen from now on."""
        key = _subscription_key(subscription_id, "subscription_id") if subscription_id else None
        limit = resolve_page_size(page_size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
        after = _position(page_token, scope=subscription_id)
        if key is not None and await self._repository.get_subscription(user_id, key) is None:
            raise _not_found(subscription_id)
        alerts, more, unseen = await self._repository.read_alerts(
            user_id, subscription_id=key, limit=limit, after=after
        )
        token = _token(alerts[-1].create_time, alerts[-1].alert_id, scope=subscription_id) if more else ""
        return AlertPage(alerts=tuple(alerts), next_page_token=token, unseen_count=unseen)

    # --- checks ----------------------------------------------------------------------------------------------

    async def _check(self, user_id: str, change: SubscriptionChange, paths: Sequence[str]) -> None:
        """INVALID_ARGUMENT naming the field and its limit; NOT_FOUND for a resume that is not the user's."""
        if "min_score" in paths and not MIN_SCORE <= change.min_score <= MAX_SCORE:
            raise _invalid("min_score", f"must be from {MIN_SCORE:g} to {MAX_SCORE:g}, got {change.min_score:g}")
        if "filter" in paths:
            self._matcher.vector_filter(replace(change.filter, include_closed=False))
        if "webhook_url" in paths and change.webhook_url:
            await self._check_webhook(change.webhook_url)
        if "resume_id" in paths:
            if not change.resume_id:
                raise _invalid("resume_id", "required: the id of one of your resumes")
            await self._resumes.get(user_id, change.resume_id)

    async def _check_webhook(self, url: str) -> None:
        if len(url) > MAX_WEBHOOK_URL_CHARS:
            raise _invalid("webhook_url", f"at most {MAX_WEBHOOK_URL_CHARS} characters, got {len(url):,}")
        try:
            await self._webhooks.check(url.strip())
        except (UnsafeUrl, HostNotFound) as exc:
            raise InvalidArgument(
                f"webhook_url: {exc.message}",
                reason=exc.reason,
                violations=[FieldViolation("webhook_url", exc.message)],
            ) from None
        except ConnectionFailed as exc:
            raise Unavailable(
                f"webhook_url: {exc.message}; try again in a moment", reason="HOST_LOOKUP_FAILED"
            ) from None

    async def _secret_if_new(self, user_id: str, webhook_url: str) -> str:
        """The user's signing secret when their first webhook needs one made now (shown once); else ""."""
        if not webhook_url:
            return ""
        secret = new_secret()
        return secret if await self._repository.keep_secret(user_id, self._secrets.seal(secret)) else ""

    async def seal_plain_secrets(self, *, batch: int = 500) -> int:
        """Seal the secrets stored in plain text before secrets were encrypted (a process does it when it starts);
        how many it sealed. A secret rotated meanwhile is left as its rotation stored it (sealed)."""
        sealed = 0
        try:
            while found := await self._repository.unsealed_secrets(SEALED_PREFIX, limit=batch):
                for user_id, plain in found:
                    sealed += await self._repository.reseal_secret(user_id, plain, self._secrets.seal(plain))
                if len(found) < batch:
                    break
        except Exception:
            # A start-up never fails on it: a plain secret still signs (`SecretBox.open` passes it through), and
            # the next process to start seals it.
            log.warning("could not seal the webhook secrets stored in plain text now", exc_info=True)
        if sealed:
            log.info("sealed %d webhook secret(s) stored in plain text with the server's key", sealed)
        return sealed


def _checked_paths(paths: Sequence[str]) -> list[str]:
    unknown = [path for path in paths if path not in UPDATABLE_FIELDS]
    if unknown:
        raise _invalid(
            "update_mask", f"{quoted(unknown[0], 60)} is not a field you can update; use {', '.join(UPDATABLE_FIELDS)}"
        )
    return list(dict.fromkeys(paths))


def _subscription_key(value: str, field: str) -> uuid.UUID:
    return parse_resource_id(value, field=field, reason="INVALID_SUBSCRIPTION_ID")


def _not_found(subscription_id: str) -> NotFound:
    return NotFound(
        f"alert subscription {subscription_id} not found",
        reason="ALERT_SUBSCRIPTION_NOT_FOUND",
        metadata={"subscription_id": subscription_id},
    )


def _invalid(field: str, problem: str) -> InvalidArgument:
    return InvalidArgument(
        f"{field}: {problem}", reason="INVALID_ALERT_SUBSCRIPTION", violations=[FieldViolation(field, problem)]
    )


def _token(create_time: datetime, item_id: str, *, scope: str) -> str:
    return encode_page_token({"t": create_time.isoformat(), "id": item_id, "s": scope})


def _position(page_token: str, *, scope: str) -> tuple[datetime, uuid.UUID] | None:
    position = decode_page_token(page_token, required_keys={"t", "id", "s"})
    if position is None:
        return None
    try:
        if position["s"] != scope:
            raise ValueError("another listing")
        moment = datetime.fromisoformat(str(position["t"]))
        if moment.tzinfo is None:
            raise ValueError("naive")
        return moment, uuid.UUID(str(position["id"]))
    except (TypeError, ValueError):
        raise InvalidArgument(
            "page_token is not a token this server issued for this listing; pass next_page_token from the previous "
            "response with the same subscription_id",
            reason="INVALID_PAGE_TOKEN",
            violations=[FieldViolation("page_token", "malformed or issued for another listing")],
        ) from None

"""Alert subscriptions, alerts, webhook secrets and deliveries in PostgreSQL (migration 0014).

Every read and write of a user's subscriptions and alerts is scoped by user_id: a user never reaches another's
rows. Matching (the worker) reads across users, through the methods that say so.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

import asyncpg

from skillgap.alerts.models import (
    Alert,
    AlertSubscription,
    NewAlert,
    SubscriptionChange,
    WebhookDelivery,
)
from skillgap.matching.service import JobFilter
from skillgap.storage.jobs import _SUMMARY_COLUMNS, _to_summary

_SUBSCRIPTION_FIELDS = """s.subscription_id, s.user_id, s.resume_id, s.filter, s.min_score, s.webhook_url,
    s.create_time, s.update_time"""
# A subscription as its user reads it: with its alerts no ListAlerts call has returned yet.
_SUBSCRIPTION_COLUMNS = f"""{_SUBSCRIPTION_FIELDS},
    (SELECT count(*) FROM alerts a WHERE a.subscription_id = s.subscription_id AND a.seen_time IS NULL)
        AS unseen_count"""


def filter_json(wanted: JobFilter) -> dict[str, Any]:
    return asdict(wanted)


def _filter_of(value: object) -> JobFilter:
    data = value if isinstance(value, dict) else {}
    return JobFilter(
        location=str(data.get("location") or ""),
        workplace_types=tuple(data.get("workplace_types") or ()),
        seniorities=tuple(data.get("seniorities") or ()),
        required_skills=tuple(data.get("required_skills") or ()),
        companies=tuple(data.get("companies") or ()),
        source_kinds=tuple(data.get("source_kinds") or ()),
        posted_within_days=int(data.get("posted_within_days") or 0),
        include_closed=False,
    )


def _to_subscription(row: asyncpg.Record) -> AlertSubscription:
    return AlertSubscription(
        subscription_id=str(row["subscription_id"]),
        user_id=row["user_id"],
        resume_id=str(row["resume_id"]),
        filter=_filter_of(row["filter"]),
        min_score=float(row["min_score"]),
        webhook_url=row["webhook_url"],
        create_time=row["create_time"],
        update_time=row["update_time"],
        unseen_count=int(row["unseen_count"]),
    )


def _to_delivery(row: asyncpg.Record, prefix: str = "") -> WebhookDelivery | None:
    if row[f"{prefix}delivery_id"] is None:
        return None
    return WebhookDelivery(
        delivery_id=str(row[f"{prefix}delivery_id"]),
        state=row[f"{prefix}state"],
        attempts=row[f"{prefix}attempts"],
        last_status=row[f"{prefix}last_status"],
        last_error=row[f"{prefix}last_error"],
        deliver_time=row[f"{prefix}deliver_time"],
    )


class AlertRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    # --- subscriptions (one user's) -----------------------------------------------------------------------

    async def create_subscription(
        self, user_id: str, change: SubscriptionChange, *, limit: int
    ) -> AlertSubscription | None:
        """Insert a subscription unless the user has `limit` already (None then). The user's row is locked while
        counting, so two creates at once cannot pass the limit together."""
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT 1 FROM users WHERE user_id = $1 FOR UPDATE", user_id)
            count = await conn.fetchval("SELECT count(*) FROM alert_subscriptions WHERE user_id = $1", user_id)
            if count >= limit:
                return None
            row = await conn.fetchrow(
                f"""WITH s AS (
                        INSERT INTO alert_subscriptions (subscription_id, user_id, resume_id, filter, min_score,
                                                         webhook_url)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING *
                    )
                    SELECT {_SUBSCRIPTION_FIELDS}, 0 AS unseen_count FROM s""",
                uuid.uuid4(),
                user_id,
                uuid.UUID(change.resume_id),
                filter_json(change.filter),
                change.min_score,
                change.webhook_url,
            )
        assert row is not None
        return _to_subscription(row)

    async def get_subscription(self, user_id: str, subscription_id: uuid.UUID) -> AlertSubscription | None:
        row = await self._pool.fetchrow(
            f"""SELECT {_SUBSCRIPTION_COLUMNS} FROM alert_subscriptions s
                WHERE s.user_id = $1 AND s.subscription_id = $2""",
            user_id,
            subscription_id,
        )
        return _to_subscription(row) if row else None

    async def list_subscriptions(
        self, user_id: str, *, limit: int, after: tuple[datetime, uuid.UUID] | None
    ) -> list[AlertSubscription]:
        """Up to `limit` of the user's subscriptions, newest first, after the (create_time, id) `after`."""
        rows = await self._pool.fetch(
            f"""SELECT {_SUBSCRIPTION_COLUMNS} FROM alert_subscriptions s
                WHERE s.user_id = $1
                  AND ($2::timestamptz IS NULL OR (s.create_time, s.subscription_id) < ($2, $3::uuid))
                ORDER BY s.create_time DESC, s.subscription_id DESC LIMIT $4""",
            user_id,
            after[0] if after else None,
            after[1] if after else None,
            limit,
        )
        return [_to_subscription(r) for r in rows]

    async def update_subscription(
        self, user_id: str, subscription_id: uuid.UUID, change: SubscriptionChange, paths: Sequence[str]
    ) -> AlertSubscription | None:
        """Set the fields `paths` names; None when the user has no such subscription."""
        row = await self._pool.fetchrow(
            f"""WITH s AS (
                    UPDATE alert_subscriptions SET
                        resume_id = CASE WHEN 'resume_id' = ANY($3::text[]) THEN $4 ELSE resume_id END,
                        filter = CASE WHEN 'filter' = ANY($3::text[]) THEN $5 ELSE filter END,
                        min_score = CASE WHEN 'min_score' = ANY($3::text[]) THEN $6 ELSE min_score END,
                        webhook_url = CASE WHEN 'webhook_url' = ANY($3::text[]) THEN $7 ELSE webhook_url END,
                        update_time = now()
                    WHERE user_id = $1 AND subscription_id = $2
                    RETURNING *
                )
                SELECT {_SUBSCRIPTION_COLUMNS} FROM s""",
            user_id,
            subscription_id,
            list(paths),
            uuid.UUID(change.resume_id) if change.resume_id else uuid.UUID(int=0),
            filter_json(change.filter),
            change.min_score,
            change.webhook_url,
        )
        return _to_subscription(row) if row else None

    async def delete_subscription(self, user_id: str, subscription_id: uuid.UUID) -> bool:
        status = await self._pool.execute(
            "DELETE FROM alert_subscriptions WHERE user_id = $1 AND subscription_id = $2", user_id, subscription_id
        )
        return bool(status == "DELETE 1")

    # --- webhook secrets ------------------------------------------------------------------------------------

    async def keep_secret(self, user_id: str, secret: str) -> bool:
        """Store `secret` as the user's unless they have one; whether it was stored (so is to be shown)."""
        stored = await self._pool.fetchval(
            """INSERT INTO alert_webhook_secrets (user_id, secret) VALUES ($1, $2)
               ON CONFLICT (user_id) DO NOTHING RETURNING true""",
            user_id,
            secret,
        )
        return bool(stored)

    async def replace_secret(self, user_id: str, secret: str) -> None:
        await self._pool.execute(
            """INSERT INTO users (user_id) VALUES ($1) ON CONFLICT DO NOTHING""",
            user_id,
        )
        await self._pool.execute(
            """INSERT INTO alert_webhook_secrets (user_id, secret) VALUES ($1, $2)
               ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, create_time = now()""",
            user_id,
            secret,
        )

    async def unsealed_secrets(self, sealed_prefix: str, *, limit: int) -> list[tuple[str, str]]:
        """(user id, secret) of up to `limit` secrets stored before secrets were sealed (without `sealed_prefix`)."""
        rows = await self._pool.fetch(
            """SELECT user_id, secret FROM alert_webhook_secrets
               WHERE left(secret, length($1)) <> $1 ORDER BY user_id LIMIT $2""",
            sealed_prefix,
            limit,
        )
        return [(r["user_id"], r["secret"]) for r in rows]

    async def reseal_secret(self, user_id: str, stored: str, sealed: str) -> bool:
        """Replace the user's secret as stored by `sealed`, unless it changed since it was read (a rotation)."""
        status = await self._pool.execute(
            "UPDATE alert_webhook_secrets SET secret = $3 WHERE user_id = $1 AND secret = $2", user_id, stored, sealed
        )
        return bool(status == "UPDATE 1")

    # --- alerts (one user's) -----------------------------------------------------------------------------------

    async def read_alerts(
        self,
        user_id: str,
        *,
        subscription_id: uuid.UUID | None,
        limit: int,
        after: tuple[datetime, uuid.UUID] | None,
    ) -> tuple[list[Alert], bool, int]:
        """Up to `limit` of the user's alerts (of one subscription, or all), newest first after `after`, marked
        seen in the same transaction; whether more follow; and how many of the user's alerts are still unseen
        after that. Each alert's `seen` is its state before this read."""
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(
                f"""SELECT a.alert_id, a.subscription_id, a.score, a.reasons, a.create_time AS alert_time,
                           a.seen_time, j.*,
                           d.delivery_id AS d_delivery_id, d.state AS d_state, d.attempts AS d_attempts,
                           d.last_status AS d_last_status, d.last_error AS d_last_error,
                           d.deliver_time AS d_deliver_time
                    FROM alerts a
                    CROSS JOIN LATERAL (SELECT {_SUMMARY_COLUMNS} FROM jobs WHERE jobs.job_id = a.job_id) j
                    LEFT JOIN alert_deliveries d ON d.delivery_id = a.delivery_id
                    WHERE a.user_id = $1 AND ($2::uuid IS NULL OR a.subscription_id = $2)
                      AND ($3::timestamptz IS NULL OR (a.create_time, a.alert_id) < ($3, $4::uuid))
                    ORDER BY a.create_time DESC, a.alert_id DESC
                    LIMIT $5""",
                user_id,
                subscription_id,
                after[0] if after else None,
                after[1] if after else None,
                limit + 1,
            )
            more = len(rows) > limit
            rows = rows[:limit]
            unseen = [r["alert_id"] for r in rows if r["seen_time"] is None]
            if unseen:
                await conn.execute(
                    "UPDATE alerts SET seen_time = now() WHERE user_id = $1 AND alert_id = ANY($2::uuid[])",
                    user_id,
                    unseen,
                )
            remaining = await conn.fetchval(
                "SELECT count(*) FROM alerts WHERE user_id = $1 AND seen_time IS NULL", user_id
            )
        alerts = [
            Alert(
                alert_id=str(r["alert_id"]),
                subscription_id=str(r["subscription_id"]),
                job=_to_summary(r),
                score=float(r["score"]),
                reasons=tuple(str(reason) for reason in (r["reasons"] or ())),
                create_time=r["alert_time"],
                seen=r["seen_time"] is not None,
                delivery=_to_delivery(r, "d_"),
            )
            for r in rows
        ]
        return alerts, more, int(remaining)

    # --- matching (the worker, across users) --------------------------------------------------------------------

    async def run_jobs(self, run_id: uuid.UUID, *, limit: int) -> tuple[list[str], int]:
        """The open jobs the scrape run created or changed, newest first, at most `limit`; and how many there are."""
        rows = await self._pool.fetch(
            """SELECT j.job_id, count(*) OVER () AS total
               FROM scrape_run_jobs r JOIN jobs j ON j.job_id = r.job_id
               WHERE r.run_id = $1 AND j.state = 'open' AND j.content_hash <> ''
               ORDER BY coalesce(j.post_time, '-infinity'::timestamptz) DESC, j.job_id DESC
               LIMIT $2""",
            run_id,
            limit,
        )
        return [str(r["job_id"]) for r in rows], int(rows[0]["total"]) if rows else 0

    async def subscriptions_by_resume(
        self, after: tuple[str, uuid.UUID, uuid.UUID] | None, *, limit: int
    ) -> list[AlertSubscription]:
        """Every user's subscriptions in (user, resume, subscription) order, after the `after` of the last page:
        matching reads each resume once for all its subscriptions (migration 0015 indexes this order)."""
        rows = await self._pool.fetch(
            f"""SELECT {_SUBSCRIPTION_FIELDS}, 0 AS unseen_count
                FROM alert_subscriptions s
                WHERE $1::text IS NULL OR (s.user_id, s.resume_id, s.subscription_id) > ($1, $2::uuid, $3::uuid)
                ORDER BY s.user_id, s.resume_id, s.subscription_id LIMIT $4""",
            after[0] if after else None,
            after[1] if after else None,
            after[2] if after else None,
            limit,
        )
        return [_to_subscription(r) for r in rows]

    async def insert_alerts(self, alerts: Sequence[NewAlert], run_id: uuid.UUID) -> list[tuple[str, str, str]]:
        """Store the alerts not made before (one per subscription and job, ever); (alert id, subscription id, job
        id) of those stored now."""
        if not alerts:
            return []
        rows = await self._pool.fetch(
            """INSERT INTO alerts (alert_id, user_id, subscription_id, job_id, run_id, score, reasons)
               SELECT a.alert_id, a.user_id, a.subscription_id, a.job_id, $7, a.score, a.reasons::jsonb
               FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::real[], $6::text[])
                    AS a(alert_id, user_id, subscription_id, job_id, score, reasons)
               WHERE EXISTS (SELECT 1 FROM alert_subscriptions s WHERE s.subscription_id = a.subscription_id)
               ON CONFLICT (subscription_id, job_id) DO NOTHING
               RETURNING alert_id, subscription_id, job_id""",
            [uuid.uuid4() for _ in alerts],
            [a.user_id for a in alerts],
            [uuid.UUID(a.subscription_id) for a in alerts],
            [uuid.UUID(a.job_id) for a in alerts],
            [a.score for a in alerts],
            [json.dumps(list(a.reasons)) for a in alerts],
            run_id,
        )
        return [(str(r["alert_id"]), str(r["subscription_id"]), str(r["job_id"])) for r in rows]

    async def create_delivery(
        self, delivery_id: uuid.UUID, subscription: AlertSubscription, body: bytes, alert_ids: Sequence[str]
    ) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(
                """INSERT INTO alert_deliveries (delivery_id, user_id, subscription_id, url, body)
                   VALUES ($1, $2, $3, $4, $5)""",
                delivery_id,
                subscription.user_id,
                uuid.UUID(subscription.subscription_id),
                subscription.webhook_url,
                body,
            )
            await conn.execute(
                "UPDATE alerts SET delivery_id = $1 WHERE alert_id = ANY($2::uuid[])",
                delivery_id,
                [uuid.UUID(a) for a in alert_ids],
            )

    async def record_run(self, run_id: uuid.UUID, *, considered: int, skipped: int, created: int) -> None:
        await self._pool.execute(
            """INSERT INTO alert_runs (run_id, jobs_considered, jobs_skipped, alerts_created) VALUES ($1, $2, $3, $4)
               ON CONFLICT (run_id) DO UPDATE SET jobs_considered = EXCLUDED.jobs_considered,
                   jobs_skipped = EXCLUDED.jobs_skipped,
                   alerts_created = alert_runs.alerts_created + EXCLUDED.alerts_created, match_time = now()""",
            run_id,
            considered,
            skipped,
            created,
        )

    async def runs_to_match(self, *, finished_after: datetime, limit: int) -> list[str]:
        """Finished scrape runs since `finished_after` whose jobs were not matched yet (their queued matching
        was lost), oldest first."""
        rows = await self._pool.fetch(
            """SELECT r.run_id FROM scrape_runs r
               WHERE r.finish_time IS NOT NULL AND r.finish_time > $1
                 AND NOT EXISTS (SELECT 1 FROM alert_runs m WHERE m.run_id = r.run_id)
               ORDER BY r.finish_time LIMIT $2""",
            finished_after,
            limit,
        )
        return [str(r["run_id"]) for r in rows]

    # --- deliveries (the worker) ---------------------------------------------------------------------------------

    async def delivery_to_send(self, delivery_id: uuid.UUID) -> tuple[str, bytes, str, int, str] | None:
        """(url, body, the user's current secret, attempts so far, state) of a delivery; None when it is gone. The
        URL is the subscription's webhook now (changed or removed since the delivery was made: the new one, or "")."""
        row = await self._pool.fetchrow(
            """SELECT s.webhook_url AS url, d.body, d.attempts, d.state, coalesce(k.secret, '') AS secret
               FROM alert_deliveries d
               JOIN alert_subscriptions s ON s.subscription_id = d.subscription_id
               LEFT JOIN alert_webhook_secrets k ON k.user_id = d.user_id
               WHERE d.delivery_id = $1""",
            delivery_id,
        )
        if row is None:
            return None
        return row["url"], bytes(row["body"]), row["secret"], row["attempts"], row["state"]

    async def record_attempt(self, delivery_id: uuid.UUID, *, state: str, status: int, error: str) -> None:
        await self._pool.execute(
            """UPDATE alert_deliveries SET attempts = attempts + 1, state = $2, last_status = $3, last_error = $4,
                   update_time = now(), deliver_time = CASE WHEN $2 = 'delivered' THEN now() ELSE deliver_time END
               WHERE delivery_id = $1""",
            delivery_id,
            state,
            status,
            error,
        )

    async def delivery(self, delivery_id: uuid.UUID) -> WebhookDelivery | None:
        row = await self._pool.fetchrow(
            """SELECT delivery_id, state, attempts, last_status, last_error, deliver_time
               FROM alert_deliveries WHERE delivery_id = $1""",
            delivery_id,
        )
        return _to_delivery(row) if row else None

"""Webhook signing secrets are encrypted at rest: the row in PostgreSQL holds the secret sealed with the server's
key, never the secret itself, and a receiver still verifies every delivery with the secret it was shown once. A
secret stored in plain text before (migration 0014) is sealed when a process starts, and keeps verifying."""

from __future__ import annotations

import os
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from grpc import aio

from skillgap.alerts.secret_box import KEY_FILE, KEY_SETTING, SecretBox, SecretUnreadable, secret_box
from skillgap.alerts.signing import SIGNATURE_HEADER, new_secret, verify
from skillgap.app import App
from skillgap.config import Settings
from skillgap.resources import Resources
from skillgap.v1 import alert_pb2, alert_pb2_grpc
from tests.alerts.test_alert_pipeline import THRESHOLD, board_of, subscribe
from tests.support.samples import upload
from tests.support.standin_site import Site, serving
from tests.support.worker_scrapes import WorkerScrapes

Metadata = tuple[tuple[str, str], ...]


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


@pytest.fixture
def alerts(channel: aio.Channel) -> alert_pb2_grpc.AlertServiceStub:
    return alert_pb2_grpc.AlertServiceStub(channel)


async def stored_secret(resources: Resources, user_id: str) -> str:
    return str(await resources.pool.fetchval("SELECT secret FROM alert_webhook_secrets WHERE user_id = $1", user_id))


def verified_by(site: Site, hook: str, secret: str) -> bool:
    attempts = site.deliveries[hook]
    return bool(attempts) and all(
        verify(secret, a.body, {k.lower(): v for k, v in a.headers.items()}[SIGNATURE_HEADER.lower()]) for a in attempts
    )


async def test_the_database_holds_the_secret_sealed_and_webhooks_verify_with_it(
    site: Site,
    scrapes: WorkerScrapes,
    alerts: alert_pb2_grpc.AlertServiceStub,
    channel: aio.Channel,
    auth: Metadata,
    resources: Resources,
    user_id: str,
) -> None:
    hook = uuid.uuid4().hex[:8]
    resume_id = await upload(channel, auth)
    created = await subscribe(alerts, auth, resume_id, THRESHOLD, webhook_url=site.url(f"/hooks/{hook}"))
    secret = created.webhook_secret
    assert secret.startswith("whsec_")

    stored = await stored_secret(resources, user_id)
    assert secret not in stored and secret.removeprefix("whsec_") not in stored
    assert stored.startswith("fernet:")
    # Shown once: no later answer carries it.
    listed = await alerts.ListAlertSubscriptions(alert_pb2.ListAlertSubscriptionsRequest(), metadata=auth)
    assert listed.subscriptions and secret not in str(listed)

    _, source = board_of(site)
    await scrapes.run(source)
    assert verified_by(site, hook, secret)

    rotated = (await alerts.RotateWebhookSecret(alert_pb2.RotateWebhookSecretRequest(), metadata=auth)).webhook_secret
    assert rotated != secret and rotated not in await stored_secret(resources, user_id)


async def test_a_secret_stored_in_plain_text_is_sealed_when_a_process_starts_and_still_verifies(
    site: Site,
    scrapes: WorkerScrapes,
    alerts: alert_pb2_grpc.AlertServiceStub,
    channel: aio.Channel,
    auth: Metadata,
    resources: Resources,
    user_id: str,
) -> None:
    hook = uuid.uuid4().hex[:8]
    resume_id = await upload(channel, auth)
    await subscribe(alerts, auth, resume_id, THRESHOLD, webhook_url=site.url(f"/hooks/{hook}"))
    legacy = new_secret()  # as migration 0014 stored them
    await resources.pool.execute("UPDATE alert_webhook_secrets SET secret = $2 WHERE user_id = $1", user_id, legacy)

    async with await App.over(resources, listen_for_job_changes=False):  # another process starts
        pass

    stored = await stored_secret(resources, user_id)
    assert stored.startswith("fernet:") and legacy not in stored
    _, source = board_of(site)
    await scrapes.run(source)
    assert verified_by(site, hook, legacy)


def test_the_key_is_made_once_in_the_data_dir_and_a_configured_key_wins(tmp_path: Path) -> None:
    first = secret_box(None, tmp_path)
    sealed = first.seal("whsec_abc")
    assert secret_box(None, tmp_path).open(sealed) == "whsec_abc"  # the same key, read back
    assert stat.S_IMODE(os.stat(tmp_path / KEY_FILE).st_mode) == 0o600
    assert first.seal("whsec_abc") != sealed  # a fresh token each time

    other = SecretBox.from_setting(SecretBox.new_key())
    with pytest.raises(SecretUnreadable, match="RotateWebhookSecret"):
        other.open(sealed)
    key = (tmp_path / KEY_FILE).read_text().strip()
    rotated = secret_box(f"{SecretBox.new_key()},{key}", tmp_path / "elsewhere")
    assert rotated.open(sealed) == "whsec_abc"  # the old key still opens while it is listed


def test_a_malformed_key_setting_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=KEY_SETTING):
        Settings(data_dir=tmp_path, webhook_secret_key="not-a-fernet-key")

"""Job alerts end to end, as a user lives them: subscribe a resume over gRPC, a scrape runs through the real worker
against local boards on 127.0.0.1, the run's new jobs that score enough become alerts (once), listing them marks
them seen, and a webhook receives them signed, retried after a failure."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from grpc import aio

from skillgap.alerts import webhooks
from skillgap.alerts.signing import DELIVERY_HEADER, SIGNATURE_HEADER, verify
from skillgap.scraping.sources.base import prettify_token
from skillgap.v1 import alert_pb2, alert_pb2_grpc, job_pb2, job_pb2_grpc, scrape_pb2
from tests.support.boards import greenhouse_board
from tests.support.samples import upload
from tests.support.standin_site import Site, remoteok_copy, serving
from tests.support.worker_scrapes import WorkerScrapes

Metadata = tuple[tuple[str, str], ...]

# Between the two jobs of the board for the sample backend resume: the backend job scores above it, the data
# analyst job below (asserted below against the scores GetJob shows, so a change of the scorer shows here).
THRESHOLD = 50.0


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


@pytest.fixture
def alerts(channel: aio.Channel) -> alert_pb2_grpc.AlertServiceStub:
    return alert_pb2_grpc.AlertServiceStub(channel)


def board_of(site: Site) -> tuple[str, scrape_pb2.ScrapeSource]:
    board = f"alerts-{uuid.uuid4().hex[:8]}"
    site.greenhouse[board] = greenhouse_board(board)
    return board, scrape_pb2.ScrapeSource(
        kind=job_pb2.SOURCE_KIND_GREENHOUSE, identifier=board, base_url=site.url("/greenhouse")
    )


async def subscribe(
    alerts: alert_pb2_grpc.AlertServiceStub, auth: Metadata, resume_id: str, min_score: float, **fields: Any
) -> alert_pb2.CreateAlertSubscriptionResponse:
    return await alerts.CreateAlertSubscription(
        alert_pb2.CreateAlertSubscriptionRequest(resume_id=resume_id, min_score=min_score, **fields), metadata=auth
    )


async def job_ids_of(channel: aio.Channel, auth: Metadata, kind: int, identifier: str) -> dict[str, str]:
    """external id -> job id of a source's jobs."""
    listed = await job_pb2_grpc.JobServiceStub(channel).ListJobs(
        job_pb2.ListJobsRequest(source=job_pb2.JobSource(kind=kind, identifier=identifier), page_size=100),
        metadata=auth,
    )
    return {job.source.external_id: job.job_id for job in listed.jobs}


async def score_of(channel: aio.Channel, auth: Metadata, job_id: str, resume_id: str) -> float:
    reply = await job_pb2_grpc.JobServiceStub(channel).GetJob(
        job_pb2.GetJobRequest(job_id=job_id, resume_id=resume_id), metadata=auth
    )
    return reply.gap_analysis.match.score


def by_subscription(listed: alert_pb2.ListAlertsResponse) -> dict[str, list[alert_pb2.Alert]]:
    found: dict[str, list[alert_pb2.Alert]] = {}
    for alert in listed.alerts:
        found.setdefault(alert.subscription_id, []).append(alert)
    return found


async def test_new_jobs_that_score_enough_alert_once_and_are_seen_once_listed(
    site: Site, scrapes: WorkerScrapes, alerts: alert_pb2_grpc.AlertServiceStub, channel: aio.Channel, auth: Metadata
) -> None:
    resume_id = await upload(channel, auth)
    board, source = board_of(site)
    everything = (await subscribe(alerts, auth, resume_id, 0)).subscription.subscription_id
    enough = (await subscribe(alerts, auth, resume_id, THRESHOLD)).subscription.subscription_id
    perfect = (await subscribe(alerts, auth, resume_id, 100)).subscription.subscription_id
    other_company = (
        await subscribe(alerts, auth, resume_id, 0, filter=job_pb2.JobFilter(companies=["Nobody Inc"]))
    ).subscription.subscription_id

    await scrapes.run(source)

    jobs = await job_ids_of(channel, auth, job_pb2.SOURCE_KIND_GREENHOUSE, board)
    backend, analyst = jobs["4012345"], jobs["4012399"]
    scores = {job_id: await score_of(channel, auth, job_id, resume_id) for job_id in (backend, analyst)}
    assert scores[backend] >= THRESHOLD > scores[analyst], scores

    listed = await alerts.ListAlerts(alert_pb2.ListAlertsRequest(), metadata=auth)
    found = by_subscription(listed)
    assert {a.job.job_id for a in found[everything]} == {backend, analyst}
    assert [a.job.job_id for a in found[enough]] == [backend]
    assert perfect not in found and other_company not in found  # below the threshold, outside the filter
    for alert in listed.alerts:
        assert alert.score == pytest.approx(scores[alert.job.job_id], abs=0.15)  # the search's own score
        assert not alert.seen
        assert alert.reasons and any(reason.startswith("Required skills: ") for reason in alert.reasons)
        assert not alert.HasField("webhook_delivery")
    (backend_alert,) = found[enough]
    assert (backend_alert.job.title, backend_alert.job.company) == ("Senior Backend Engineer", prettify_token(board))
    assert backend_alert.job.url == f"https://boards.greenhouse.io/{board}/jobs/4012345"
    # Returned once: seen from now on.
    assert listed.unseen_count == 0
    again = await alerts.ListAlerts(alert_pb2.ListAlertsRequest(), metadata=auth)
    assert [a.alert_id for a in again.alerts] == [a.alert_id for a in listed.alerts]
    assert all(a.seen for a in again.alerts)

    # The backend job changes, a new backend job is posted: only the new one alerts.
    payload = site.greenhouse[board]
    payload["jobs"][0]["content"] += "&lt;p&gt;We also use Terraform.&lt;/p&gt;"
    payload["jobs"][0]["updated_at"] = "2026-12-01T09:00:00Z"
    newcomer = {**payload["jobs"][0], "id": 4012500, "title": "Staff Backend Engineer"}
    newcomer["absolute_url"] = f"https://boards.greenhouse.io/{board}/jobs/4012500"
    payload["jobs"].insert(0, newcomer)
    run = await scrapes.run(source)
    assert (run.totals.updated, run.totals.created) == (1, 1)

    fresh = await alerts.ListAlerts(alert_pb2.ListAlertsRequest(subscription_id=everything), metadata=auth)
    staff = (await job_ids_of(channel, auth, job_pb2.SOURCE_KIND_GREENHOUSE, board))["4012500"]
    assert [a.job.job_id for a in fresh.alerts if not a.seen] == [staff]
    assert sorted(a.job.job_id for a in fresh.alerts) == sorted([backend, analyst, staff])
    subscriptions = await alerts.ListAlertSubscriptions(alert_pb2.ListAlertSubscriptionsRequest(), metadata=auth)
    unseen = {s.subscription_id: s.unseen_count for s in subscriptions.subscriptions}
    assert unseen[everything] == 0 and unseen[enough] == 1  # the Staff job, not listed yet for `enough`


@pytest.mark.parametrize("first", ["greenhouse", "remoteok"])
async def test_the_same_role_on_two_boards_alerts_once(
    site: Site,
    scrapes: WorkerScrapes,
    alerts: alert_pb2_grpc.AlertServiceStub,
    channel: aio.Channel,
    auth: Metadata,
    first: str,
) -> None:
    resume_id = await upload(channel, auth)
    subscription = (await subscribe(alerts, auth, resume_id, THRESHOLD)).subscription.subscription_id
    board, greenhouse = board_of(site)
    tag = f"alerts-{uuid.uuid4().hex[:8]}"
    site.remoteok[tag] = [remoteok_copy(board)]
    remoteok = scrape_pb2.ScrapeSource(
        kind=job_pb2.SOURCE_KIND_REMOTEOK, identifier=tag, base_url=site.url("/remoteok")
    )

    await scrapes.run(*((greenhouse, remoteok) if first == "greenhouse" else (remoteok, greenhouse)))
    await scrapes.run(remoteok)  # listed again on the board alone: nothing new

    listed = await alerts.ListAlerts(alert_pb2.ListAlertsRequest(subscription_id=subscription), metadata=auth)
    (alert,) = [a for a in listed.alerts if a.job.title == "Senior Backend Engineer"]
    job = (await job_pb2_grpc.JobServiceStub(channel).GetJob(
        job_pb2.GetJobRequest(job_id=alert.job.job_id), metadata=auth
    )).job  # fmt: skip
    listings = {(job.source.kind, job.source.identifier)} | {
        (li.source.kind, li.source.identifier) for li in job.also_listed_on
    }
    assert listings == {(job_pb2.SOURCE_KIND_GREENHOUSE, board), (job_pb2.SOURCE_KIND_REMOTEOK, tag)}


async def test_a_webhook_receives_the_alerts_signed_and_is_retried_after_a_500(
    site: Site,
    scrapes: WorkerScrapes,
    alerts: alert_pb2_grpc.AlertServiceStub,
    channel: aio.Channel,
    auth: Metadata,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(webhooks, "RETRY_DELAYS", (0.2,) * len(webhooks.RETRY_DELAYS))
    hook = uuid.uuid4().hex[:8]
    site.hook_statuses[hook] = [500]
    resume_id = await upload(channel, auth)
    created = await subscribe(alerts, auth, resume_id, THRESHOLD, webhook_url=site.url(f"/hooks/{hook}"))
    secret = created.webhook_secret
    assert secret.startswith("whsec_")
    second = await subscribe(alerts, auth, resume_id, 0, webhook_url=site.url(f"/hooks/{hook}-other"))
    assert second.webhook_secret == ""  # one secret per user, shown once
    board, source = board_of(site)

    await scrapes.run(source)

    attempts = site.deliveries[hook]
    assert len(attempts) == 2  # a 500, then accepted
    assert attempts[0].body == attempts[1].body
    for attempt in attempts:
        headers = {name.lower(): value for name, value in attempt.headers.items()}
        assert headers["content-type"] == "application/json"
        assert verify(secret, attempt.body, headers[SIGNATURE_HEADER.lower()])
        assert not verify("whsec_" + "0" * 64, attempt.body, headers[SIGNATURE_HEADER.lower()])
    body = json.loads(attempts[0].body)
    assert body["event"] == "alerts" and body["subscription_id"] == created.subscription.subscription_id
    assert headers[DELIVERY_HEADER.lower()] == body["delivery_id"]
    (sent,) = body["alerts"]
    assert (sent["title"], sent["url"]) == (
        "Senior Backend Engineer",
        f"https://boards.greenhouse.io/{board}/jobs/4012345",
    )
    assert sent["score"] >= THRESHOLD and sent["reasons"]

    listed = await alerts.ListAlerts(
        alert_pb2.ListAlertsRequest(subscription_id=created.subscription.subscription_id), metadata=auth
    )
    (alert,) = listed.alerts
    delivery = alert.webhook_delivery
    assert alert.alert_id == sent["alert_id"] and delivery.delivery_id == body["delivery_id"]
    assert delivery.state == alert_pb2.WEBHOOK_DELIVERY_STATE_DELIVERED
    assert (delivery.attempts, delivery.last_status, delivery.last_error) == (2, 200, "")
    assert delivery.HasField("deliver_time")


async def test_a_webhook_that_keeps_failing_is_marked_failed(
    site: Site,
    scrapes: WorkerScrapes,
    alerts: alert_pb2_grpc.AlertServiceStub,
    channel: aio.Channel,
    auth: Metadata,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(webhooks, "RETRY_DELAYS", (0.1,) * len(webhooks.RETRY_DELAYS))
    hook = uuid.uuid4().hex[:8]
    site.hook_statuses[hook] = [503] * webhooks.MAX_ATTEMPTS
    resume_id = await upload(channel, auth)
    created = await subscribe(alerts, auth, resume_id, THRESHOLD, webhook_url=site.url(f"/hooks/{hook}"))
    _, source = board_of(site)

    run = await scrapes.run(source)

    assert run.state == scrape_pb2.SCRAPE_STATE_SUCCEEDED  # a failing webhook never touches the scrape
    assert len(site.deliveries[hook]) == webhooks.MAX_ATTEMPTS
    (alert,) = (
        await alerts.ListAlerts(
            alert_pb2.ListAlertsRequest(subscription_id=created.subscription.subscription_id), metadata=auth
        )
    ).alerts
    delivery = alert.webhook_delivery
    assert delivery.state == alert_pb2.WEBHOOK_DELIVERY_STATE_FAILED
    assert (delivery.attempts, delivery.last_status) == (webhooks.MAX_ATTEMPTS, 503)
    assert "HTTP 503" in delivery.last_error

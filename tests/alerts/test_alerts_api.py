"""AlertService's contract over real gRPC and through the real Envoy gateway: what a user may subscribe, the limits
named in INVALID_ARGUMENT, webhooks that may not reach internal addresses, and only ever one's own."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
import httpx
import pytest
from google.protobuf import field_mask_pb2
from grpc import aio

from skillgap.alerts.models import MAX_SUBSCRIPTIONS_PER_USER
from skillgap.v1 import alert_pb2, alert_pb2_grpc, job_pb2
from tests.support.samples import upload

Metadata = tuple[tuple[str, str], ...]


@pytest.fixture
def alerts(channel: aio.Channel) -> alert_pb2_grpc.AlertServiceStub:
    return alert_pb2_grpc.AlertServiceStub(channel)


@pytest.fixture
async def resume_id(channel: aio.Channel, auth: Metadata) -> str:
    return await upload(channel, auth)


async def refused(call: Any, grpc_status_details: Callable[..., Any]) -> tuple[grpc.StatusCode, str, list[str]]:
    """The code, message and field violations of a call that must fail."""
    from google.rpc import error_details_pb2

    with pytest.raises(aio.AioRpcError) as caught:
        await call
    fields = []
    for detail in grpc_status_details(caught.value).details:
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            fields += [v.field for v in bad.field_violations]
    return caught.value.code(), caught.value.details() or "", fields


def create(resume_id: str, **fields: Any) -> alert_pb2.CreateAlertSubscriptionRequest:
    return alert_pb2.CreateAlertSubscriptionRequest(resume_id=resume_id, **{"min_score": 60, **fields})


async def test_subscribe_list_update_delete(
    alerts: alert_pb2_grpc.AlertServiceStub, auth: Metadata, resume_id: str
) -> None:
    wanted = job_pb2.JobFilter(
        location="Berlin",
        workplace_types=[job_pb2.WORKPLACE_TYPE_REMOTE],
        required_skills=["Python"],
        companies=["Acme"],
        source_kinds=[job_pb2.SOURCE_KIND_GREENHOUSE],
        posted_within_days=30,
    )
    made = (await alerts.CreateAlertSubscription(create(resume_id, filter=wanted), metadata=auth)).subscription
    assert (made.resume_id, made.min_score, made.filter, made.webhook_url) == (resume_id, 60, wanted, "")
    assert made.unseen_count == 0 and made.HasField("create_time")

    listed = await alerts.ListAlertSubscriptions(alert_pb2.ListAlertSubscriptionsRequest(), metadata=auth)
    assert [s.subscription_id for s in listed.subscriptions] == [made.subscription_id]

    updated = await alerts.UpdateAlertSubscription(
        alert_pb2.UpdateAlertSubscriptionRequest(
            subscription_id=made.subscription_id,
            min_score=85,
            filter=job_pb2.JobFilter(location="ignored: not in the mask"),
            update_mask=field_mask_pb2.FieldMask(paths=["min_score"]),
        ),
        metadata=auth,
    )
    assert updated.subscription.min_score == 85 and updated.subscription.filter == wanted

    await alerts.DeleteAlertSubscription(
        alert_pb2.DeleteAlertSubscriptionRequest(subscription_id=made.subscription_id), metadata=auth
    )
    listed = await alerts.ListAlertSubscriptions(alert_pb2.ListAlertSubscriptionsRequest(), metadata=auth)
    assert listed.subscriptions == []
    empty = await alerts.ListAlerts(alert_pb2.ListAlertsRequest(), metadata=auth)
    assert (list(empty.alerts), empty.next_page_token, empty.unseen_count) == ([], "", 0)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"min_score": 101}, "min_score", "from 0 to 100"),
        ({"min_score": -1}, "min_score", "from 0 to 100"),
        ({"filter": job_pb2.JobFilter(location="x" * 201)}, "filter.location", "at most 200 characters"),
        ({"filter": job_pb2.JobFilter(companies=["c"] * 51)}, "filter.companies", "at most 50 values"),
        (
            {"filter": job_pb2.JobFilter(required_skills=["Quantum Basket Weaving"])},
            "filter.required_skills",
            "not a skill",
        ),
        ({"filter": job_pb2.JobFilter(posted_within_days=4000)}, "filter.posted_within_days", "3650"),
        ({"webhook_url": "https://hooks.example.com/" + "a" * 2048}, "webhook_url", "at most 2048 characters"),
        ({"webhook_url": "ftp://hooks.example.com/x"}, "webhook_url", "only http and https"),
        ({"resume_id": "not-a-uuid"}, "resume_id", "UUID"),
    ],
)
async def test_bad_input_is_invalid_argument_naming_the_field_and_limit(
    alerts: alert_pb2_grpc.AlertServiceStub,
    auth: Metadata,
    resume_id: str,
    grpc_status_details: Callable[..., Any],
    fields: dict[str, Any],
    field: str,
    words: str,
) -> None:
    code, message, violations = await refused(
        alerts.CreateAlertSubscription(create(fields.pop("resume_id", resume_id), **fields), metadata=auth),
        grpc_status_details,
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT
    assert field in message and words in message and violations == [field]


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.7/hook",  # private
        "http://169.254.169.254/latest/meta-data",  # link-local: cloud metadata
        "http://127.0.0.2:8080/hook",  # loopback (only 127.0.0.1 is allowed in the tests)
        "http://[::1]/hook",
        "http://user:secret@hooks.example.com/hook",  # credentials in the URL
    ],
)
async def test_a_webhook_to_an_internal_address_is_refused(
    alerts: alert_pb2_grpc.AlertServiceStub,
    auth: Metadata,
    resume_id: str,
    grpc_status_details: Callable[..., Any],
    url: str,
) -> None:
    code, message, violations = await refused(
        alerts.CreateAlertSubscription(create(resume_id, webhook_url=url), metadata=auth), grpc_status_details
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations == ["webhook_url"]
    assert "refusing" in message
    if "@" not in url:
        assert "SKILLGAP_WEBHOOK_ALLOWED_HOSTS" in message


async def test_a_user_has_at_most_so_many_subscriptions(
    alerts: alert_pb2_grpc.AlertServiceStub, auth: Metadata, resume_id: str, grpc_status_details: Callable[..., Any]
) -> None:
    for _ in range(MAX_SUBSCRIPTIONS_PER_USER):
        await alerts.CreateAlertSubscription(create(resume_id), metadata=auth)
    code, message, _ = await refused(
        alerts.CreateAlertSubscription(create(resume_id), metadata=auth), grpc_status_details
    )
    assert code == grpc.StatusCode.FAILED_PRECONDITION and str(MAX_SUBSCRIPTIONS_PER_USER) in message
    first = await alerts.ListAlertSubscriptions(alert_pb2.ListAlertSubscriptionsRequest(page_size=15), metadata=auth)
    rest = await alerts.ListAlertSubscriptions(
        alert_pb2.ListAlertSubscriptionsRequest(page_size=15, page_token=first.next_page_token), metadata=auth
    )
    ids = [s.subscription_id for s in (*first.subscriptions, *rest.subscriptions)]
    assert len(ids) == len(set(ids)) == MAX_SUBSCRIPTIONS_PER_USER and rest.next_page_token == ""


async def test_an_update_mask_names_known_fields(
    alerts: alert_pb2_grpc.AlertServiceStub, auth: Metadata, resume_id: str, grpc_status_details: Callable[..., Any]
) -> None:
    made = (await alerts.CreateAlertSubscription(create(resume_id), metadata=auth)).subscription
    code, message, violations = await refused(
        alerts.UpdateAlertSubscription(
            alert_pb2.UpdateAlertSubscriptionRequest(
                subscription_id=made.subscription_id, update_mask=field_mask_pb2.FieldMask(paths=["user_id"])
            ),
            metadata=auth,
        ),
        grpc_status_details,
    )
    assert code == grpc.StatusCode.INVALID_ARGUMENT and violations == ["update_mask"], message
    # Without a mask, what the request populates is set (AIP-134); with nothing populated, nothing changes.
    implied = await alerts.UpdateAlertSubscription(
        alert_pb2.UpdateAlertSubscriptionRequest(subscription_id=made.subscription_id, min_score=75), metadata=auth
    )
    assert implied.subscription.min_score == 75 and implied.subscription.filter == made.filter
    unchanged = await alerts.UpdateAlertSubscription(
        alert_pb2.UpdateAlertSubscriptionRequest(subscription_id=made.subscription_id), metadata=auth
    )
    assert unchanged.subscription == implied.subscription


async def test_another_users_ids_are_not_found_like_missing_ones(
    alerts: alert_pb2_grpc.AlertServiceStub,
    channel: aio.Channel,
    token_for: Callable[..., str],
    auth: Metadata,
    resume_id: str,
    grpc_status_details: Callable[..., Any],
) -> None:
    mine = (await alerts.CreateAlertSubscription(create(resume_id), metadata=auth)).subscription.subscription_id
    bob: Metadata = (("authorization", f"Bearer {token_for(f'bob-{uuid.uuid4().hex[:8]}')}"),)
    bobs_resume = await upload(channel, bob)
    bobs = (await alerts.CreateAlertSubscription(create(bobs_resume), metadata=bob)).subscription.subscription_id
    missing = str(uuid.uuid4())

    calls: list[Callable[[str], Any]] = [
        lambda id_: alerts.CreateAlertSubscription(create(id_), metadata=bob),
        lambda id_: alerts.UpdateAlertSubscription(
            alert_pb2.UpdateAlertSubscriptionRequest(
                subscription_id=bobs, resume_id=id_, update_mask=field_mask_pb2.FieldMask(paths=["resume_id"])
            ),
            metadata=bob,
        ),
    ]
    for call in calls:  # my resume in Bob's subscription
        theirs = await refused(call(resume_id), grpc_status_details)
        nobodys = await refused(call(missing), grpc_status_details)
        assert theirs[0] == nobodys[0] == grpc.StatusCode.NOT_FOUND
        assert theirs[1].replace(resume_id, "<id>") == nobodys[1].replace(missing, "<id>")
    subscription_calls: list[Callable[[str], Any]] = [
        lambda id_: alerts.DeleteAlertSubscription(
            alert_pb2.DeleteAlertSubscriptionRequest(subscription_id=id_), metadata=bob
        ),
        lambda id_: alerts.ListAlerts(alert_pb2.ListAlertsRequest(subscription_id=id_), metadata=bob),
        lambda id_: alerts.UpdateAlertSubscription(
            alert_pb2.UpdateAlertSubscriptionRequest(
                subscription_id=id_, min_score=1, update_mask=field_mask_pb2.FieldMask(paths=["min_score"])
            ),
            metadata=bob,
        ),
    ]
    for call in subscription_calls:  # my subscription, as Bob
        theirs = await refused(call(mine), grpc_status_details)
        nobodys = await refused(call(missing), grpc_status_details)
        assert theirs[0] == nobodys[0] == grpc.StatusCode.NOT_FOUND
        assert theirs[1].replace(mine, "<id>") == nobodys[1].replace(missing, "<id>")
    listed = await alerts.ListAlertSubscriptions(alert_pb2.ListAlertSubscriptionsRequest(), metadata=bob)
    assert [s.subscription_id for s in listed.subscriptions] == [bobs]
    still = await alerts.ListAlertSubscriptions(alert_pb2.ListAlertSubscriptionsRequest(), metadata=auth)
    assert [(s.subscription_id, s.min_score) for s in still.subscriptions] == [(mine, 60)]


async def test_rotating_the_webhook_secret_gives_a_new_one(
    alerts: alert_pb2_grpc.AlertServiceStub, auth: Metadata
) -> None:
    first = (await alerts.RotateWebhookSecret(alert_pb2.RotateWebhookSecretRequest(), metadata=auth)).webhook_secret
    second = (await alerts.RotateWebhookSecret(alert_pb2.RotateWebhookSecretRequest(), metadata=auth)).webhook_secret
    assert first.startswith("whsec_") and second.startswith("whsec_") and first != second


# --- REST through Envoy -----------------------------------------------------------------------------------------


@pytest.fixture
async def http(gateway_url: str, token_for: Callable[..., str], user_id: str) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=60) as client:
        yield client


@pytest.mark.rest
async def test_alerts_over_rest(http: httpx.AsyncClient, resume_id: str) -> None:
    made = await http.post(
        "/api/alerts/subscriptions",
        json={"resume_id": resume_id, "min_score": 70, "filter": {"workplace_types": ["WORKPLACE_TYPE_REMOTE"]}},
    )
    assert made.status_code == 200, made.text
    subscription = made.json()["subscription"]
    assert subscription["min_score"] == 70 and subscription["filter"]["workplace_types"] == ["WORKPLACE_TYPE_REMOTE"]
    subscription_id = subscription["subscription_id"]

    listed = await http.get("/api/alerts/subscriptions", params={"page_size": 5})
    assert [s["subscription_id"] for s in listed.json()["subscriptions"]] == [subscription_id]
    patched = await http.patch(
        f"/api/alerts/subscriptions/{subscription_id}", json={"min_score": 90, "update_mask": "min_score"}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["subscription"]["min_score"] == 90

    alerts = await http.get("/api/alerts", params={"subscription_id": subscription_id, "page_size": 10})
    assert alerts.status_code == 200, alerts.text
    assert alerts.json().get("alerts", []) == []

    bad = await http.post("/api/alerts/subscriptions", json={"resume_id": resume_id, "min_score": 300})
    assert bad.status_code == 400 and "min_score" in bad.json()["message"]
    private = await http.post(
        "/api/alerts/subscriptions", json={"resume_id": resume_id, "min_score": 1, "webhook_url": "http://10.1.2.3/"}
    )
    assert private.status_code == 400 and "webhook_url" in private.json()["message"]
    missing = await http.get("/api/alerts", params={"subscription_id": str(uuid.uuid4())})
    assert missing.status_code == 404

    deleted = await http.delete(f"/api/alerts/subscriptions/{subscription_id}")
    assert deleted.status_code == 200 and deleted.json() == {"subscription_id": subscription_id}

"""AlertService: a user's alert subscriptions and alerts."""

from __future__ import annotations

from grpc import aio

from skillgap.alerts.service import AlertService
from skillgap.api.call_context import current_principal
from skillgap.api.convert_alerts import alert_message, change_of, present_paths, subscription_message
from skillgap.v1 import alert_pb2, alert_pb2_grpc


class AlertServicer(alert_pb2_grpc.AlertServiceServicer):
    def __init__(self, alerts: AlertService) -> None:
        self._alerts = alerts

    async def CreateAlertSubscription(
        self, request: alert_pb2.CreateAlertSubscriptionRequest, context: aio.ServicerContext
    ) -> alert_pb2.CreateAlertSubscriptionResponse:
        subscription, secret = await self._alerts.create(current_principal().user_id, change_of(request))
        return alert_pb2.CreateAlertSubscriptionResponse(
            subscription=subscription_message(subscription), webhook_secret=secret
        )

    async def ListAlertSubscriptions(
        self, request: alert_pb2.ListAlertSubscriptionsRequest, context: aio.ServicerContext
    ) -> alert_pb2.ListAlertSubscriptionsResponse:
        page, token = await self._alerts.list(
            current_principal().user_id, page_size=request.page_size, page_token=request.page_token
        )
        return alert_pb2.ListAlertSubscriptionsResponse(
            subscriptions=[subscription_message(s) for s in page], next_page_token=token
        )

    async def UpdateAlertSubscription(
        self, request: alert_pb2.UpdateAlertSubscriptionRequest, context: aio.ServicerContext
    ) -> alert_pb2.UpdateAlertSubscriptionResponse:
        paths = list(request.update_mask.paths) or present_paths(request)
        subscription, secret = await self._alerts.update(
            current_principal().user_id, request.subscription_id, change_of(request, paths), paths
        )
        return alert_pb2.UpdateAlertSubscriptionResponse(
            subscription=subscription_message(subscription), webhook_secret=secret
        )

    async def DeleteAlertSubscription(
        self, request: alert_pb2.DeleteAlertSubscriptionRequest, context: aio.ServicerContext
    ) -> alert_pb2.DeleteAlertSubscriptionResponse:
        await self._alerts.delete(current_principal().user_id, request.subscription_id)
        return alert_pb2.DeleteAlertSubscriptionResponse(subscription_id=request.subscription_id)

    async def ListAlerts(
        self, request: alert_pb2.ListAlertsRequest, context: aio.ServicerContext
    ) -> alert_pb2.ListAlertsResponse:
        page = await self._alerts.read(
            current_principal().user_id,
            subscription_id=request.subscription_id,
            page_size=request.page_size,
            page_token=request.page_token,
        )
        return alert_pb2.ListAlertsResponse(
            alerts=[alert_message(a) for a in page.alerts],
            next_page_token=page.next_page_token,
            unseen_count=page.unseen_count,
        )

    async def RotateWebhookSecret(
        self, request: alert_pb2.RotateWebhookSecretRequest, context: aio.ServicerContext
    ) -> alert_pb2.RotateWebhookSecretResponse:
        return alert_pb2.RotateWebhookSecretResponse(
            webhook_secret=await self._alerts.rotate_secret(current_principal().user_id)
        )

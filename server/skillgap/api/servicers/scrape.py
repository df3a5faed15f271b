"""ScrapeService: trigger scrape runs (admin), read their status and the configured sources."""

from __future__ import annotations

from typing import Any

from grpc import aio

from skillgap.api.call_context import current_principal, require_role
from skillgap.api.convert import scrape_run_message, scrape_source_message, source_kind_messages, source_spec
from skillgap.scraping.service import ScrapeService, check_source_count
from skillgap.v1 import scrape_pb2, scrape_pb2_grpc


class ScrapeServicer(scrape_pb2_grpc.ScrapeServiceServicer):
    def __init__(self, service: ScrapeService, admin_role: str) -> None:
        self._service = service
        self._admin_role = admin_role

    async def TriggerScrape(self, request: Any, context: aio.ServicerContext) -> Any:
        principal = require_role(self._admin_role)
        check_source_count(len(request.sources))  # before converting thousands of them
        run = await self._service.trigger(principal.user_id, [source_spec(s) for s in request.sources])
        return scrape_pb2.TriggerScrapeResponse(run=scrape_run_message(run))

    async def GetScrapeStatus(self, request: Any, context: aio.ServicerContext) -> Any:
        principal = current_principal()
        runs, token = await self._service.status(
            request.run_id, page_size=request.page_size, page_token=request.page_token
        )
        messages = [scrape_run_message(r) for r in runs]
        if not principal.has_role(self._admin_role):
            for message in messages:  # who asked for a run is for admins only
                message.requested_by = ""
        return scrape_pb2.GetScrapeStatusResponse(runs=messages, next_page_token=token)

    async def ListScrapeSources(self, request: Any, context: aio.ServicerContext) -> Any:
        current_principal()
        return scrape_pb2.ListScrapeSourcesResponse(
            sources=[scrape_source_message(s) for s in self._service.sources()], kinds=source_kind_messages()
        )

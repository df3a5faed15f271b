"""SourceDiscoveryService: find a company's job board from its careers page (admin)."""

from __future__ import annotations

from grpc import aio

from skillgap.api.call_context import require_role
from skillgap.api.convert_search import discovery_message
from skillgap.scraping.discovery.service import DiscoveryService
from skillgap.v1 import search_pb2, search_pb2_grpc


class SourceDiscoveryServicer(search_pb2_grpc.SourceDiscoveryServiceServicer):
    def __init__(self, discovery: DiscoveryService, admin_role: str) -> None:
        self._discovery = discovery
        self._admin_role = admin_role

    async def DiscoverCompanySource(
        self, request: search_pb2.DiscoverCompanySourceRequest, context: aio.ServicerContext
    ) -> search_pb2.DiscoverCompanySourceResponse:
        require_role(self._admin_role)
        return discovery_message(await self._discovery.discover(request.url))

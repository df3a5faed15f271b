"""SavedSearchService: a signed-in user's own saved searches and their runs."""

from __future__ import annotations

from grpc import aio

from skillgap.api.call_context import current_principal
from skillgap.api.convert import scrape_run_message
from skillgap.api.convert_search import quota_message, saved_search_message, search_definition
from skillgap.scraping.saved_search_service import SavedSearchService
from skillgap.v1 import search_pb2, search_pb2_grpc


class SavedSearchServicer(search_pb2_grpc.SavedSearchServiceServicer):
    def __init__(self, searches: SavedSearchService) -> None:
        self._searches = searches

    async def CreateSavedSearch(
        self, request: search_pb2.CreateSavedSearchRequest, context: aio.ServicerContext
    ) -> search_pb2.CreateSavedSearchResponse:
        user_id = current_principal().user_id
        saved = await self._searches.create(user_id, search_definition(request.search))
        return search_pb2.CreateSavedSearchResponse(saved_search=saved_search_message(saved))

    async def ListSavedSearches(
        self, request: search_pb2.ListSavedSearchesRequest, context: aio.ServicerContext
    ) -> search_pb2.ListSavedSearchesResponse:
        page, token, quota = await self._searches.list_page(
            current_principal().user_id, page_size=request.page_size, page_token=request.page_token
        )
        return search_pb2.ListSavedSearchesResponse(
            saved_searches=[saved_search_message(s) for s in page], next_page_token=token, quota=quota_message(quota)
        )

    async def GetSavedSearch(
        self, request: search_pb2.GetSavedSearchRequest, context: aio.ServicerContext
    ) -> search_pb2.GetSavedSearchResponse:
        found = await self._searches.get(current_principal().user_id, request.saved_search_id)
        return search_pb2.GetSavedSearchResponse(saved_search=saved_search_message(found))

    async def UpdateSavedSearch(
        self, request: search_pb2.UpdateSavedSearchRequest, context: aio.ServicerContext
    ) -> search_pb2.UpdateSavedSearchResponse:
        user_id = current_principal().user_id
        saved = await self._searches.update(
            user_id, request.saved_search_id, search_definition(request.search), list(request.update_mask.paths)
        )
        return search_pb2.UpdateSavedSearchResponse(saved_search=saved_search_message(saved))

    async def DeleteSavedSearch(
        self, request: search_pb2.DeleteSavedSearchRequest, context: aio.ServicerContext
    ) -> search_pb2.DeleteSavedSearchResponse:
        await self._searches.delete(current_principal().user_id, request.saved_search_id)
        return search_pb2.DeleteSavedSearchResponse(saved_search_id=request.saved_search_id)

    async def RunSavedSearch(
        self, request: search_pb2.RunSavedSearchRequest, context: aio.ServicerContext
    ) -> search_pb2.RunSavedSearchResponse:
        run = await self._searches.run(current_principal().user_id, request.saved_search_id)
        return search_pb2.RunSavedSearchResponse(run=scrape_run_message(run))

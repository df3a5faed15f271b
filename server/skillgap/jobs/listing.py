"""ListJobs' request, its limits and its page tokens (AIP-158): what `JobCatalog.list_jobs` reads.

Jobs come newest first (posting time, then id; no posting time last). A page token holds where the page
ended, (post_time, job_id), and a fingerprint of the request that issued it: it fits only that request
(`page_size` may change between pages), and a page never repeats or skips a job that existed when the
previous page was read.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from skillgap.errors import FieldViolation, InvalidArgument, quoted
from skillgap.ids import parse_resource_id
from skillgap.jobs.models import JobSummary
from skillgap.paging import decode_page_token, encode_page_token, resolve_page_size
from skillgap.storage.jobs import JobListing
from skillgap.validation import refuse_nul
from skillgap.vectors.filters import JobSearchFilter

if TYPE_CHECKING:
    from skillgap.matching.service import JobFilter

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# A job page's URL can be long; board tokens and posting ids are short.
MAX_SOURCE_CHARS = 2_048
SOURCE_KINDS = ("greenhouse", "lever", "ashby", "workable", "smartrecruiters", "job_page", "manual")


@dataclass(frozen=True)
class ListJobsRequest:
    """The request as the user sent it; `filter` as SearchJobs takes it."""

    filter: JobFilter
    source_kind: str = ""
    source_identifier: str = ""
    external_id: str = ""
    run_id: str = ""
    page_size: int = 0
    page_token: str = ""


@dataclass(frozen=True)
class JobPage:
    jobs: tuple[JobSummary, ...]
    next_page_token: str = ""


def listing_of(request: ListJobsRequest, where: JobSearchFilter) -> tuple[JobListing, int]:
    """The storage query for a request whose filter `where` has been checked, and the page size;
    InvalidArgument naming the field and the limit otherwise."""
    size = resolve_page_size(request.page_size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
    _no_nul("filter.location", where.location)
    for company in where.companies:
        _no_nul("filter.companies", company)
    kind, identifier, external_id = request.source_kind, request.source_identifier, request.external_id
    if kind and kind not in SOURCE_KINDS:
        raise _bad("source.kind", f"{quoted(kind)} is not one of {', '.join(SOURCE_KINDS)}")
    for name, value in (("source.identifier", identifier), ("source.external_id", external_id)):
        if len(value) > MAX_SOURCE_CHARS:
            raise _bad(name, f"at most {MAX_SOURCE_CHARS} characters, got {len(value)}")
        _no_nul(name, value)
    if identifier and not kind:
        raise _bad("source.identifier", "set source.kind too: an identifier names a board of one kind")
    if external_id and not identifier:
        raise _bad("source.external_id", "set source.identifier too: a posting id is unique within its board")
    run_id = (
        parse_resource_id(
            request.run_id, field="run_id", reason="INVALID_RUN_ID", hint=" (a run_id of GetScrapeStatus)"
        )
        if request.run_id
        else None
    )
    listing = JobListing(
        where=where,
        source_kind=kind,
        source_identifier=identifier,
        external_id=external_id,
        run_id=run_id,
        after=_position(request),
    )
    return listing, size


def next_page_token(request: ListJobsRequest, last: JobSummary) -> str:
    """The token for the page after the one that ends with `last`."""
    return encode_page_token(
        {
            "t": last.post_time.isoformat() if last.post_time is not None else None,
            "id": last.job_id,
            "r": _fingerprint(request),
        }
    )


def _position(request: ListJobsRequest) -> tuple[datetime | None, uuid.UUID] | None:
    position = decode_page_token(request.page_token, required_keys={"t", "id", "r"})
    if position is None:
        return None
    if position["r"] != _fingerprint(request):
        raise InvalidArgument(
            "page_token belongs to another request: send the same filters, source and run_id with it "
            "(only page_size may change), or leave it empty for the first page",
            reason="INVALID_PAGE_TOKEN",
            violations=[FieldViolation("page_token", "issued for another request")],
        )
    try:
        post_time = _parse_time(position["t"])
        job_id = uuid.UUID(str(position["id"]))
    except (TypeError, ValueError):
        raise InvalidArgument(
            "page_token is not a token this server issued; pass next_page_token from the previous response",
            reason="INVALID_PAGE_TOKEN",
            violations=[FieldViolation("page_token", "malformed")],
        ) from None
    return post_time, job_id


def _parse_time(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError("naive time")
    return moment


def _fingerprint(request: ListJobsRequest) -> str:
    """Binds a page token to the request that issued it: everything but the paging fields."""
    body = json.dumps(
        {
            "filter": asdict(request.filter),
            "source": [request.source_kind, request.source_identifier, request.external_id],
            "run_id": request.run_id,
        },
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def _no_nul(name: str, value: str) -> None:
    refuse_nul(value, field=name, reason="INVALID_FILTER" if name.startswith("filter.") else "INVALID_SOURCE")


def _bad(name: str, problem: str) -> InvalidArgument:
    return InvalidArgument(
        f"{name}: {problem}",
        reason="INVALID_FILTER" if name.startswith("filter.") else "INVALID_SOURCE",
        violations=[FieldViolation(name, problem)],
    )

"""Company discovery as an admin sees it, over real gRPC (and REST through Envoy): careers pages served on 127.0.0.1,
written as real careers pages embed each ATS (the markup of the embeds' documentation and of public sites that use
them), lead to the board to scrape with the markup that showed it; a page without any leads to its schema.org
JobPosting pages; a domain's home page leads to its careers page. Hostile and private targets are refused or
bounded: a private address (also behind a redirect), a page over the size limit, robots.txt, deep or huge markup.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest
from google.rpc import error_details_pb2, status_pb2
from grpc import StatusCode, aio

from skillgap.app import App
from skillgap.scraping.runs import SourceSpec
from skillgap.v1 import job_pb2, search_pb2, search_pb2_grpc
from tests.support.boards import LocalBoards, fallback_page, json_ld_page, token
from tests.support.scraping import admin

Metadata = tuple[tuple[str, str], ...]

# Careers pages as companies publish them, one per ATS. The embeds are the ones each ATS documents and that public
# sites carry: Greenhouse's #grnhse_app and job_board/js script, Lever's leverJobsOptions with the jobs-embed
# script, Ashby's #ashby_embed and embed script, a Workable careers page link, SmartRecruiters' job widget.
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Careers at {company}</title>
<link rel="stylesheet" href="/assets/site.css"><script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>
</head><body><nav><a href="/">Home</a> <a href="/about">About</a> <a href="/blog">Blog</a></nav>
<main><h1>Join {company}</h1><p>We build robots for warehouses. See our open roles below.</p>
{embed}
</main><footer><a href="https://www.linkedin.com/company/{company}">LinkedIn</a></footer></body></html>
"""

EMBEDS = {
    "greenhouse": (
        '<div id="grnhse_app"></div>\n'
        '<script src="https://boards.greenhouse.io/embed/job_board/js?for={identifier}"></script>'
    ),
    "lever": (
        '<div id="lever-jobs-container"></div>\n'
        "<script type='text/javascript'>window.leverJobsOptions = {{accountName: '{identifier}', includeCss: true}};"
        "</script>\n"
        "<script type='text/javascript' src='https://andreasmb.github.io/lever-jobs-embed/index.js'></script>"
    ),
    "ashby": (
        '<div id="ashby_embed"></div>\n<script src="https://jobs.ashbyhq.com/{identifier}/embed?version=2"></script>'
    ),
    "workable": '<p><a class="button" href="https://apply.workable.com/{identifier}/">View our open positions</a></p>',
    "smartrecruiters": (
        '<script type="text/javascript" src="https://static.smartrecruiters.com/job-widget/1.6.1/script/'
        'smart_widget.js"></script>\n<script type="text/javascript">widget({{"company_code": "{identifier}", '
        '"bg_color_widget": "#ffffff", "job_ad_url": "https://jobs.smartrecruiters.com"}});</script>'
    ),
}


@pytest.fixture
def stub(channel: aio.Channel) -> search_pb2_grpc.SourceDiscoveryServiceStub:
    return search_pb2_grpc.SourceDiscoveryServiceStub(channel)


@pytest.fixture
def as_admin(token_for: Callable[..., str]) -> Metadata:
    return admin(token_for)


async def discover(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, auth: Metadata, url: str
) -> search_pb2.DiscoverCompanySourceResponse:
    return await stub.DiscoverCompanySource(search_pb2.DiscoverCompanySourceRequest(url=url), metadata=auth)


def found(reply: search_pb2.DiscoverCompanySourceResponse) -> list[tuple[str, str, str]]:
    return [(job_pb2.SourceKind.Name(s.source.kind), s.source.identifier, s.source.base_url) for s in reply.sources]


def reason_and_fields(error: aio.AioRpcError) -> tuple[str, list[str]]:
    reason, fields = "", []
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            for detail in status_pb2.Status.FromString(value).details:
                info, bad = error_details_pb2.ErrorInfo(), error_details_pb2.BadRequest()
                if detail.Unpack(info):
                    reason = info.reason
                elif detail.Unpack(bad):
                    fields = [v.field for v in bad.field_violations]
    return reason, fields


@pytest.mark.parametrize("kind", sorted(EMBEDS))
async def test_a_careers_page_leads_to_the_board_its_ats_embed_shows(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, boards: LocalBoards, kind: str
) -> None:
    identifier = token().replace("acme-", "Acme")  # SmartRecruiters spells ids in CamelCase; all take it
    path = f"/{token()}/careers"
    boards.pages[path] = PAGE.format(company="Acme Robotics", embed=EMBEDS[kind].format(identifier=identifier))
    reply = await discover(stub, as_admin, boards.page_url(path))
    assert found(reply) == [(f"SOURCE_KIND_{kind.upper()}", identifier, "")]
    [evidence] = reply.sources[0].evidence
    assert evidence.page_url == boards.page_url(path)
    # The tag as the page has it, or the embed's inline configuration.
    assert identifier in evidence.snippet
    assert evidence.snippet.startswith({"lever": "leverJobsOptions", "smartrecruiters": "company_code"}.get(kind, "<"))
    assert list(reply.pages_read) == [boards.page_url(path)]
    assert not reply.sources[0].already_configured


async def test_an_eu_board_comes_with_the_ats_regional_api(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, boards: LocalBoards
) -> None:
    path = f"/{token()}/careers"
    links = (
        '<a href="https://job-boards.eu.greenhouse.io/acme-eu">Engineering roles</a>'
        '<a href="https://jobs.eu.lever.co/acme-eu2/6b2f?lever-source=careers">Designer</a>'
        '<a href="https://job-boards.eu.greenhouse.io/acme-eu/jobs/4455">Backend Engineer</a>'
    )
    boards.pages[path] = PAGE.format(company="Acme", embed=links)
    reply = await discover(stub, as_admin, boards.page_url(path))
    assert found(reply) == [
        ("SOURCE_KIND_GREENHOUSE", "acme-eu", "https://boards-api.eu.greenhouse.io"),
        ("SOURCE_KIND_LEVER", "acme-eu2", "https://api.eu.lever.co"),
    ]
    assert len(reply.sources[0].evidence) == 2  # both links to the board


async def test_a_configured_board_is_said_to_be_configured(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub,
    as_admin: Metadata,
    boards: LocalBoards,
    app: App,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    board = token()
    monkeypatch.setattr(app.services.discovery, "configured", (SourceSpec("greenhouse", board),))
    path = f"/{token()}/careers"
    boards.pages[path] = PAGE.format(company="Acme", embed=EMBEDS["greenhouse"].format(identifier=board))
    reply = await discover(stub, as_admin, boards.page_url(path))
    assert found(reply) == [("SOURCE_KIND_GREENHOUSE", board, "")] and reply.sources[0].already_configured


async def test_a_domain_leads_from_its_home_page_to_its_careers_page(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, boards: LocalBoards
) -> None:
    board = token()
    boards.pages["/"] = PAGE.format(
        company="Acme",
        embed='<p>Read <a href="/about/team">our story</a> or <a href="/company/careers">Careers</a></p>',
    )
    boards.pages["/company/careers"] = PAGE.format(company="Acme", embed=EMBEDS["ashby"].format(identifier=board))
    reply = await discover(stub, as_admin, boards.page_url("/"))
    assert found(reply) == [("SOURCE_KIND_ASHBY", board, "")]
    assert list(reply.pages_read) == [boards.page_url("/"), boards.page_url("/company/careers")]
    assert reply.sources[0].evidence[0].page_url == boards.page_url("/company/careers")


async def test_a_board_url_given_is_the_board(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata
) -> None:
    reply = await discover(stub, as_admin, "https://jobs.lever.co/leverdemo")
    assert found(reply) == [("SOURCE_KIND_LEVER", "leverdemo", "")]
    assert list(reply.pages_read) == []  # nothing fetched


async def test_a_page_without_an_ats_gives_its_json_ld_job_pages(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, boards: LocalBoards
) -> None:
    site = f"/{token()}"
    listing = (
        "<ul>"
        f'<li><a href="{site}/jobs/staff-data-engineer">Staff Data Engineer</a></li>'
        f'<li><a href="{site}/jobs/frontend-developer">Frontend Developer</a></li>'
        f'<li><a href="{site}/about">About us</a></li>'
        "</ul>"
    )
    boards.pages[f"{site}/careers"] = PAGE.format(company="Globex", embed=listing)
    boards.pages[f"{site}/jobs/staff-data-engineer"] = json_ld_page("Globex", "staff-data-engineer")
    boards.pages[f"{site}/jobs/frontend-developer"] = fallback_page("Initech Careers")  # no JobPosting data
    reply = await discover(stub, as_admin, boards.page_url(f"{site}/careers"))
    assert found(reply) == [("SOURCE_KIND_JOB_PAGE", boards.page_url(f"{site}/jobs/staff-data-engineer"), "")]
    assert reply.sources[0].evidence[0].snippet == "JobPosting data on the page"
    assert boards.page_url(f"{site}/jobs/frontend-developer") in reply.pages_read
    assert boards.page_url(f"{site}/about") not in reply.pages_read  # not a job link


async def test_a_page_with_nothing_says_so_and_a_workable_widget_without_a_slug_is_a_note(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, boards: LocalBoards
) -> None:
    path = f"/{token()}/careers"
    widget = (
        "<script src='https://www.workable.com/assets/embed.js' type='text/javascript'></script>"
        "<script type='text/javascript' charset='utf-8'>whr(document).ready(function(){whr_embed(407621, "
        "{detail: 'titles', base: 'jobs', zoom: 'country', grouping: 'none'});});</script>"
        '<div id="whr_embed_hook"></div>'
    )
    boards.pages[path] = PAGE.format(company="Acme", embed=widget)
    reply = await discover(stub, as_admin, boards.page_url(path))
    assert list(reply.sources) == []
    assert any("account 407621" in note for note in reply.notes)
    assert any("no job board and no page with schema.org JobPosting data" in note for note in reply.notes)


# --- hostile pages and private addresses -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://10.1.2.3/careers", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/careers"]
)
async def test_a_private_address_is_refused_before_any_connection(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, url: str
) -> None:
    started = time.perf_counter()
    with pytest.raises(aio.AioRpcError) as refused:
        await discover(stub, as_admin, url)
    assert refused.value.code() == StatusCode.INVALID_ARGUMENT
    assert reason_and_fields(refused.value) == ("UNSAFE_URL", ["url"])
    assert time.perf_counter() - started < 2.0


async def test_a_redirect_to_a_private_address_is_refused(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, boards: LocalBoards
) -> None:
    path = f"/{token()}/careers"
    boards.redirects[path] = "http://10.20.30.40/careers"
    with pytest.raises(aio.AioRpcError) as refused:
        await discover(stub, as_admin, boards.page_url(path))
    assert refused.value.code() == StatusCode.INVALID_ARGUMENT
    assert "10.20.30.40" in (refused.value.details() or "") and reason_and_fields(refused.value)[1] == ["url"]


async def test_a_page_over_the_size_limit_is_refused_and_robots_txt_is_obeyed(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, boards: LocalBoards
) -> None:
    path = f"/{token()}/careers"
    boards.pages[path] = PAGE.format(company="Acme", embed="<p>" + "x" * (3 * 1024 * 1024) + "</p>")
    with pytest.raises(aio.AioRpcError) as too_large:
        await discover(stub, as_admin, boards.page_url(path))
    assert too_large.value.code() == StatusCode.FAILED_PRECONDITION
    assert reason_and_fields(too_large.value)[0] == "RESPONSE_TOO_LARGE"
    boards.pages["/private/careers"] = PAGE.format(company="Acme", embed=EMBEDS["lever"].format(identifier="x"))
    with pytest.raises(aio.AioRpcError) as disallowed:
        await discover(stub, as_admin, boards.page_url("/private/careers"))
    assert disallowed.value.code() == StatusCode.FAILED_PRECONDITION
    assert reason_and_fields(disallowed.value)[0] == "ROBOTS_DISALLOWED"


async def test_hostile_markup_costs_a_bounded_time_and_still_shows_the_board(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, boards: LocalBoards
) -> None:
    board = token()
    hostile = (
        "<div>" * 50_000  # nesting far past what a parser should follow
        + '<a href="https://jobs.lever.co/">' * 2_000  # ATS links without a board
        + "<a href=/x>" * 30_000
        + "leverJobsOptions = {" + " " * 300_000
        + EMBEDS["greenhouse"].format(identifier=board)
    )  # fmt: skip
    path = f"/{token()}/careers"
    boards.pages[path] = hostile
    assert len(hostile.encode()) < 2 * 1024 * 1024
    started = time.perf_counter()
    reply = await discover(stub, as_admin, boards.page_url(path))
    assert time.perf_counter() - started < 10.0
    assert found(reply) == [("SOURCE_KIND_GREENHOUSE", board, "")]


@pytest.mark.parametrize(
    ("url", "reason"),
    [("", "EMPTY_URL"), ("ftp://acme.example/careers", "INVALID_URL"), ("https://" + "a" * 2100, "URL_TOO_LONG")],
)
async def test_a_malformed_url_is_refused_naming_the_field(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, as_admin: Metadata, url: str, reason: str
) -> None:
    with pytest.raises(aio.AioRpcError) as refused:
        await discover(stub, as_admin, url)
    assert refused.value.code() == StatusCode.INVALID_ARGUMENT
    assert reason_and_fields(refused.value) == (reason, ["url"])


async def test_discovery_is_for_admins(
    stub: search_pb2_grpc.SourceDiscoveryServiceStub, auth: Metadata, boards: LocalBoards
) -> None:
    path = f"/{token()}/careers"
    boards.pages[path] = PAGE.format(company="Acme", embed=EMBEDS["lever"].format(identifier="acme"))
    boards.take_requests(path)
    with pytest.raises(aio.AioRpcError) as refused:
        await discover(stub, auth, boards.page_url(path))
    assert refused.value.code() == StatusCode.PERMISSION_DENIED
    assert boards.take_requests(path) == []  # nothing fetched for a caller who may not


@pytest.mark.rest
async def test_discovery_over_rest(
    gateway_url: str, token_for: Callable[..., str], user_id: str, boards: LocalBoards
) -> None:
    board = token()
    path = f"/{token()}/careers"
    boards.pages[path] = PAGE.format(company="Acme", embed=EMBEDS["workable"].format(identifier=board))
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=30.0) as http:
        reply = await http.post(
            "/api/scrape/sources/discover",
            json={"url": boards.page_url(path)},
            headers={"authorization": f"Bearer {token_for('discovery-admin', admin=True)}"},
        )
        assert reply.status_code == 200, reply.text
        [source] = reply.json()["sources"]
        assert source["source"]["kind"] == "SOURCE_KIND_WORKABLE" and source["source"]["identifier"] == board
        assert source["evidence"][0]["snippet"].startswith('<a class="button" href="https://apply.workable.com/')
        refused = await http.post(
            "/api/scrape/sources/discover",
            json={"url": boards.page_url(path)},
            headers={"authorization": f"Bearer {token_for(user_id)}"},
        )
        assert refused.status_code == 403

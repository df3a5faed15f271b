"""The fetcher's conditional requests and webhook POSTs, against real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from skillgap.scraping.fetch import Fetcher, FetchPolicy, NotModified, UnsafeUrl, Validators
from tests.support.standin_site import Page, Site, serving


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


def fetcher(**overrides: object) -> Fetcher:
    return Fetcher(FetchPolicy.from_setting("127.0.0.1", **overrides))


async def test_a_page_fetched_with_its_validators_raises_not_modified(site: Site) -> None:
    site.pages["/pages/cond/a"] = Page("<html><body><h1>Backend Engineer</h1></body></html>")
    async with fetcher() as f:
        page = await f.get_text(site.url("/pages/cond/a"), html_page=True)
        assert page.validators.etag == site.pages["/pages/cond/a"].etag
        assert page.validators.last_modified == site.pages["/pages/cond/a"].last_modified
        with pytest.raises(NotModified):
            await f.get_text(site.url("/pages/cond/a"), html_page=True, validators=page.validators)
        # Changed: read in full, with its new validators.
        site.pages["/pages/cond/a"] = Page("<html><body><h1>Staff Backend Engineer</h1></body></html>")
        again = await f.get_text(site.url("/pages/cond/a"), html_page=True, validators=page.validators)
    assert "Staff" in again.text and again.validators.etag != page.validators.etag
    sent = site.logged("/pages/cond/a")
    assert [r.if_none_match for r in sent] == ["", page.validators.etag, page.validators.etag]


def test_validators_come_from_the_response_and_go_back_as_conditions() -> None:
    found = Validators.of({"etag": 'W/"abc"', "last-modified": "Mon, 30 Nov 2026 09:00:00 GMT"})
    assert found.request_headers() == {
        "If-None-Match": 'W/"abc"',
        "If-Modified-Since": "Mon, 30 Nov 2026 09:00:00 GMT",
    }
    assert not Validators.of({"etag": "x" * 600})  # an absurd validator is not echoed back
    assert not Validators()


async def test_robots_txt_does_not_make_the_page_wait_for_the_pacing(site: Site) -> None:
    site.pages["/pages/cond/paced"] = Page("<html><body>a page</body></html>")
    async with fetcher(per_host_min_interval_seconds=2.0) as f:
        started = time.monotonic()
        await f.get_text(site.url("/pages/cond/paced"), html_page=True)  # robots.txt, then the page
        assert time.monotonic() - started < 1.5
        await f.get_text(site.url("/pages/cond/paced"), html_page=True)  # the next page waits its turn
        assert time.monotonic() - started >= 2.0


async def test_post_sends_the_body_once_and_reports_the_status(site: Site) -> None:
    site.hook_statuses["cond"] = [500]
    async with fetcher() as f:
        failed = await f.post(site.url("/hooks/cond"), b'{"a": 1}', headers={"X-Test": "yes"})
        accepted = await f.post(site.url("/hooks/cond"), b'{"a": 1}', headers={"X-Test": "yes"})
    assert (failed.status, accepted.status) == (500, 200)  # no retry inside: the caller decides
    (first, second) = site.deliveries["cond"]
    assert first.body == second.body == b'{"a": 1}'
    assert first.headers["X-Test"] == "yes" and first.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("url", ["http://10.9.8.7/hook", "http://169.254.169.254/", "http://127.0.0.3/hook"])
async def test_post_refuses_internal_addresses_before_connecting(url: str) -> None:
    async with fetcher() as f:
        with pytest.raises(UnsafeUrl) as refused:
            await f.post(url, b"{}", headers={})
        assert f.dialled == []
    assert "refusing" in refused.value.message

"""The safe fetcher against a real HTTP server on 127.0.0.1.

No test ever connects to a non-loopback address: private and metadata addresses are refused before
any connection, and the fetcher's `dialled` log proves nothing was dialled.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest

from skillgap.scraping.fetch import (
    AllowedHosts,
    BadContent,
    ConnectionFailed,
    Fetcher,
    FetchPolicy,
    FetchTimeout,
    HttpStatusError,
    RobotsDisallowed,
    TlsError,
    TooLarge,
    UnsafeUrl,
    blocked_reason,
    decode_body,
    parse_retry_after,
)

HUGE_TOTAL = 200 * 1024 * 1024


@dataclass
class Request:
    path: str
    host: str
    user_agent: str


@dataclass
class LocalServer:
    port: int = 0
    log: list[Request] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)
    huge_sent: int = 0
    active: int = 0
    max_active: int = 0
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def paths(self) -> list[str]:
        return [r.path for r in self.log]

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.tasks.add(task)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            _method, path, _version = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                if ":" in line:
                    key, value = line.split(":", 1)
                    headers[key.strip().lower()] = value.strip()
            self.log.append(Request(path, headers.get("host", ""), headers.get("user-agent", "")))
            self.hits[path] += 1
            await self.route(path, headers.get("host", ""), writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            self.tasks.discard(task)

    async def respond(
        self, writer: asyncio.StreamWriter, status: int, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> None:
        all_headers = {"Content-Length": str(len(body)), "Connection": "close", **(headers or {})}
        head = f"HTTP/1.1 {status} X\r\n" + "".join(f"{k}: {v}\r\n" for k, v in all_headers.items()) + "\r\n"
        writer.write(head.encode("latin-1") + body)
        await writer.drain()

    async def route(self, path: str, host: str, writer: asyncio.StreamWriter) -> None:
        json_ok = {"Content-Type": "application/json"}
        count = self.hits[path]
        if path == "/json":
            await self.respond(writer, 200, json.dumps({"ok": True, "jobs": [1, 2]}).encode(), json_ok)
        elif path == "/ratelimited":
            if count == 1:
                await self.respond(writer, 429, b"slow down", {"Retry-After": "1"})
            else:
                await self.respond(writer, 200, b'{"ok": true}', json_ok)
        elif path == "/flaky":
            if count <= 2:
                await self.respond(writer, 503, b"busy")
            else:
                await self.respond(writer, 200, b'{"ok": "finally"}', json_ok)
        elif path == "/always-503":
            await self.respond(writer, 503, b"busy")
        elif path == "/retry-later":
            await self.respond(writer, 503, b"busy", {"Retry-After": "3600"})
        elif path.startswith("/gate"):
            self.active += 1
            self.max_active = max(self.max_active, self.active)
            await asyncio.sleep(0.1)
            self.active -= 1
            await self.respond(writer, 200, b"{}", json_ok)
        elif path == "/bad-json":
            await self.respond(writer, 200, b"{not json", json_ok)
        elif path == "/slow":
            await asyncio.sleep(30)
            await self.respond(writer, 200, b"late")
        elif path == "/huge":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n")
            chunk = b"x" * (1024 * 1024)
            while self.huge_sent < HUGE_TOTAL:
                writer.write(chunk)
                await writer.drain()
                self.huge_sent += len(chunk)
        elif path == "/huge-declared":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\nConnection: close\r\n\r\nxxxx")
            await writer.drain()
            await asyncio.sleep(30)
        elif path == "/latin1":
            page = '<html><head><meta charset="iso-8859-1"><title>Café</title></head><body>Crème brûlée</body></html>'
            await self.respond(writer, 200, page.encode("latin-1"), {"Content-Type": "text/html"})
        elif path == "/lying-charset":
            page = "<html><body>Caf\xe9 na\xefve</body></html>"
            await self.respond(writer, 200, page.encode("latin-1"), {"Content-Type": "text/html; charset=utf-8"})
        elif path == "/bogus-charset":
            await self.respond(writer, 200, b"<p>hello</p>", {"Content-Type": "text/html; charset=rot13"})
        elif path == "/redirect-internal":
            await self.respond(writer, 302, b"", {"Location": "http://10.0.0.1/secret"})
        elif path == "/redirect-metadata":
            await self.respond(writer, 302, b"", {"Location": "http://169.254.169.254/latest/meta-data"})
        elif path == "/redirect-ok":
            await self.respond(writer, 302, b"", {"Location": "/json"})
        elif path.startswith("/redirect-to-port/"):
            port = path.rsplit("/", 1)[1]
            await self.respond(writer, 302, b"", {"Location": f"http://127.0.0.1:{port}/json"})
        elif path == "/redirect-loop":
            await self.respond(writer, 302, b"", {"Location": "/redirect-loop"})
        elif path == "/robots.txt" and host.startswith("norobots."):
            await self.respond(writer, 404, b"no robots here")
        elif path == "/robots.txt" and host.startswith("brokenrobots."):
            await self.respond(writer, 500, b"oops")
        elif path == "/robots.txt":
            await self.respond(writer, 200, b"User-agent: *\nDisallow: /private\n", {"Content-Type": "text/plain"})
        elif path in ("/public", "/private"):
            await self.respond(writer, 200, b"<html><body>page</body></html>", {"Content-Type": "text/html"})
        else:
            await self.respond(writer, 404, b"not found")


@asynccontextmanager
async def serving() -> AsyncIterator[LocalServer]:
    local = LocalServer()
    srv = await asyncio.start_server(local.handle, "127.0.0.1", 0)
    local.port = srv.sockets[0].getsockname()[1]
    try:
        yield local
    finally:
        srv.close()
        for task in list(local.tasks):
            task.cancel()
        await asyncio.gather(*local.tasks, return_exceptions=True)
        await srv.wait_closed()


@pytest.fixture
async def server() -> AsyncIterator[LocalServer]:
    async with serving() as local:
        yield local


@pytest.fixture
async def other_server() -> AsyncIterator[LocalServer]:
    """A second server on 127.0.0.1, on another port."""
    async with serving() as local:
        yield local


class SleepRecorder:
    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        await asyncio.sleep(0)


def policy(allowed: str = "127.0.0.1", **overrides: Any) -> FetchPolicy:
    defaults: dict[str, Any] = {"per_host_min_interval_seconds": 0.0, "read_timeout_seconds": 5.0}
    return FetchPolicy.from_setting(allowed, **{**defaults, **overrides})


# --- Reachability and retries -------------------------------------------------------------------


async def test_json_ok_with_allowed_loopback(server: LocalServer) -> None:
    async with Fetcher(policy()) as fetcher:
        assert await fetcher.get_json(f"{server.base}/json") == {"ok": True, "jobs": [1, 2]}
        assert fetcher.dialled == [("127.0.0.1", server.port)]
    assert server.log[0].user_agent == "SkillGapBot/0.1 (+https://skillgap.dev/bot)"


async def test_429_honours_retry_after(server: LocalServer) -> None:
    sleep = SleepRecorder()
    async with Fetcher(policy(), sleep=sleep) as fetcher:
        assert await fetcher.get_json(f"{server.base}/ratelimited") == {"ok": True}
    assert sleep.calls == [1.0]
    assert server.hits["/ratelimited"] == 2


async def test_503_twice_then_success_with_capped_backoff(server: LocalServer) -> None:
    sleep = SleepRecorder()
    async with Fetcher(policy(backoff_base_seconds=0.5), sleep=sleep) as fetcher:
        assert await fetcher.get_json(f"{server.base}/flaky") == {"ok": "finally"}
    assert server.hits["/flaky"] == 3
    assert len(sleep.calls) == 2
    assert 0 <= sleep.calls[0] <= 0.5 and 0 <= sleep.calls[1] <= 1.0


async def test_persistent_503_gives_up_with_status(server: LocalServer) -> None:
    sleep = SleepRecorder()
    async with Fetcher(policy(max_retries=2), sleep=sleep) as fetcher:
        with pytest.raises(HttpStatusError) as caught:
            await fetcher.get_json(f"{server.base}/always-503")
    assert caught.value.status == 503
    assert server.hits["/always-503"] == 3


async def test_retry_after_above_cap_gives_up(server: LocalServer) -> None:
    sleep = SleepRecorder()
    async with Fetcher(policy(), sleep=sleep) as fetcher:
        with pytest.raises(HttpStatusError, match="retry after 3600 s"):
            await fetcher.get_json(f"{server.base}/retry-later")
    assert sleep.calls == []


async def test_404_is_not_retried(server: LocalServer) -> None:
    sleep = SleepRecorder()
    async with Fetcher(policy(), sleep=sleep) as fetcher:
        with pytest.raises(HttpStatusError) as caught:
            await fetcher.get_text(f"{server.base}/missing")
    assert caught.value.status == 404
    assert server.hits["/missing"] == 1
    assert sleep.calls == []


async def test_invalid_json_is_bad_content(server: LocalServer) -> None:
    async with Fetcher(policy()) as fetcher:
        with pytest.raises(BadContent, match="valid JSON"):
            await fetcher.get_json(f"{server.base}/bad-json")


async def test_slow_response_times_out(server: LocalServer) -> None:
    sleep = SleepRecorder()
    async with Fetcher(policy(read_timeout_seconds=0.2, max_retries=1), sleep=sleep) as fetcher:
        with pytest.raises(FetchTimeout):
            await fetcher.get_text(f"{server.base}/slow")
    assert server.hits["/slow"] == 2
    assert len(sleep.calls) == 1


async def test_huge_body_stops_at_cap(server: LocalServer) -> None:
    async with Fetcher(policy(max_response_bytes=256 * 1024)) as fetcher:
        with pytest.raises(TooLarge, match="256 KiB"):
            await fetcher.get_text(f"{server.base}/huge")
    assert server.huge_sent < HUGE_TOTAL // 4


async def test_declared_content_length_above_cap_refused_up_front(server: LocalServer) -> None:
    async with Fetcher(policy(max_response_bytes=1024 * 1024)) as fetcher:
        with pytest.raises(TooLarge, match="1 MiB"):
            await fetcher.get_text(f"{server.base}/huge-declared")


# --- Charsets -----------------------------------------------------------------------------------


async def test_meta_charset_latin1_decodes(server: LocalServer) -> None:
    async with Fetcher(policy(respect_robots=False)) as fetcher:
        page = await fetcher.get_text(f"{server.base}/latin1", html_page=True)
    assert "Crème brûlée" in page.text and "Café" in page.text
    assert page.charset == "iso8859-1"
    assert page.content_type == "text/html"


async def test_wrong_and_bogus_charsets_never_crash(server: LocalServer) -> None:
    async with Fetcher(policy(respect_robots=False)) as fetcher:
        lying = await fetcher.get_text(f"{server.base}/lying-charset", html_page=True)
        bogus = await fetcher.get_text(f"{server.base}/bogus-charset", html_page=True)
    assert "Caf\ufffd" in lying.text
    assert bogus.text == "<p>hello</p>" and bogus.charset == "utf-8"


def test_decode_body_precedence() -> None:
    assert decode_body(b"\xef\xbb\xbfhi", "text/html; charset=latin-1", sniff_html=True) == ("hi", "utf-8-sig")
    assert decode_body("é".encode("cp1252"), "text/plain; charset=windows-1252", sniff_html=False)[0] == "é"
    assert decode_body(b"\xff\xfe", "", sniff_html=False)[1] == "utf-16"
    assert decode_body(b"\x80abc", "", sniff_html=False) == ("\ufffdabc", "utf-8")


# --- Redirects and robots -----------------------------------------------------------------------


async def test_redirect_followed_and_final_url_reported(server: LocalServer) -> None:
    async with Fetcher(policy()) as fetcher:
        page = await fetcher.get_text(f"{server.base}/redirect-ok")
    assert page.url == f"{server.base}/json"
    assert server.paths() == ["/redirect-ok", "/json"]


@pytest.mark.parametrize("path", ["/redirect-internal", "/redirect-metadata"])
async def test_redirect_to_internal_address_refused(server: LocalServer, path: str) -> None:
    async with Fetcher(policy()) as fetcher:
        with pytest.raises(UnsafeUrl, match="refusing"):
            await fetcher.get_text(f"{server.base}{path}")
        assert fetcher.dialled == [("127.0.0.1", server.port)]


async def test_redirect_loop_gives_up(server: LocalServer) -> None:
    async with Fetcher(policy(max_redirects=3)) as fetcher:
        with pytest.raises(Exception, match="more than 3 times"):
            await fetcher.get_text(f"{server.base}/redirect-loop")
    assert server.hits["/redirect-loop"] == 4


async def test_robots_disallow_and_cache(server: LocalServer) -> None:
    async with Fetcher(policy()) as fetcher:
        assert (await fetcher.get_text(f"{server.base}/public", html_page=True)).text.startswith("<html>")
        with pytest.raises(RobotsDisallowed):
            await fetcher.get_text(f"{server.base}/private", html_page=True)
        # API payloads are not pages: robots.txt does not apply to them.
        assert (await fetcher.get_text(f"{server.base}/private")).status == 200
    assert server.hits["/robots.txt"] == 1
    assert server.hits["/private"] == 1


@pytest.mark.parametrize(("host", "allowed"), [("norobots.test", True), ("brokenrobots.test", False)])
async def test_robots_missing_allows_unreachable_disallows(server: LocalServer, host: str, allowed: bool) -> None:
    async def resolver(name: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    sleep = SleepRecorder()
    async with Fetcher(policy(), resolver=resolver, sleep=sleep) as fetcher:
        url = f"http://{host}:{server.port}/private"
        if allowed:
            assert (await fetcher.get_text(url, html_page=True)).status == 200
        else:
            with pytest.raises(RobotsDisallowed):
                await fetcher.get_text(url, html_page=True)
    assert server.hits["/private"] == (1 if allowed else 0)


# --- SSRF ---------------------------------------------------------------------------------------


async def test_loopback_refused_with_empty_allow_list(server: LocalServer) -> None:
    async with Fetcher(policy("")) as fetcher:
        with pytest.raises(UnsafeUrl, match="loopback"):
            await fetcher.get_json(f"{server.base}/json")
        assert fetcher.dialled == []
    assert server.log == []


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://10.0.0.1/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("file:///etc/passwd", "only http and https"),
        ("gopher://example.com/", "only http and https"),
        ("http://user:pass@example.com/", "credentials"),
    ],
)
async def test_unsafe_urls_refused_before_connecting(url: str, why: str) -> None:
    resolved: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        resolved.append(host)
        return ["203.0.113.9"]  # never reached: literals are not resolved, bad schemes fail first

    async with Fetcher(policy(""), resolver=resolver) as fetcher:
        with pytest.raises(UnsafeUrl, match=why):
            await fetcher.get_text(url)
        with pytest.raises(UnsafeUrl, match=why):  # refused as unsafe, not as "robots.txt unreachable"
            await fetcher.get_text(url, html_page=True)
        assert fetcher.dialled == []
    assert resolved == []


async def test_name_resolving_to_private_address_refused() -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "10.1.2.3"]  # one bad address among good ones is enough to refuse

    async with Fetcher(policy(""), resolver=resolver) as fetcher:
        with pytest.raises(UnsafeUrl) as caught:
            await fetcher.get_json("http://jobs.example.com/api")
        assert fetcher.dialled == []
    assert caught.value.message == (
        "refusing to fetch from host jobs.example.com: it resolves to a private address "
        "(to allow it, add jobs.example.com:80 to SKILLGAP_SCRAPE_ALLOWED_HOSTS)"
    )


async def test_dns_rebinding_connects_to_the_checked_address(server: LocalServer) -> None:
    answers = [["127.0.0.1"], ["10.0.0.1"]]
    calls: list[tuple[str, int]] = []

    async def resolver(host: str, port: int) -> list[str]:
        calls.append((host, port))
        return answers[min(len(calls), len(answers)) - 1]

    async with Fetcher(policy("127.0.0.1"), resolver=resolver) as fetcher:
        assert await fetcher.get_json(f"http://rebind.test:{server.port}/json") == {"ok": True, "jobs": [1, 2]}
        assert calls == [("rebind.test", server.port)]  # resolved once; the connection used that answer
        assert fetcher.dialled == [("127.0.0.1", server.port)]
        # The next resolution answers a private address: refused, nothing dialled.
        with pytest.raises(UnsafeUrl, match="rebind.test"):
            await fetcher.get_json(f"http://rebind.test:{server.port}/json")
        assert fetcher.dialled == [("127.0.0.1", server.port)]
    assert server.log[0].host == f"rebind.test:{server.port}"
    assert len(server.log) == 1


async def test_allowed_host_name_skips_address_check(server: LocalServer) -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    async with Fetcher(policy("board.internal"), resolver=resolver) as fetcher:
        assert (await fetcher.get_json(f"http://board.internal:{server.port}/json"))["ok"] is True


def test_allowed_hosts_parse() -> None:
    allowed = AllowedHosts.parse(" 127.0.0.1, 10.0.0.0/8 ,Board.Internal., [::1],")
    assert allowed.names == frozenset({"board.internal"})
    assert [str(n) for n in allowed.networks] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]
    assert AllowedHosts.parse("") == AllowedHosts()
    with pytest.raises(ValueError, match="neither"):
        AllowedHosts.parse("bad host/with slash")


def test_allowed_hosts_parse_host_port_entries() -> None:
    allowed = AllowedHosts.parse("127.0.0.1:8000, Board.Internal.:8443, [::1]:9000, 10.0.0.0/8, other.internal")
    assert allowed.names == frozenset({"other.internal"})
    assert [str(n) for n in allowed.networks] == ["10.0.0.0/8"]
    assert allowed.allows_name("board.internal", 8443) and not allowed.allows_name("board.internal", 443)
    assert allowed.allows_name("other.internal", 1)
    loopback = ipaddress.ip_address("127.0.0.1")
    assert allowed.allows_address(loopback, 8000) and not allowed.allows_address(loopback, 8001)
    assert allowed.allows_address(ipaddress.ip_address("::1"), 9000)
    assert allowed.allows_address(ipaddress.ip_address("10.9.8.7"), 22)
    for bad in ("127.0.0.1:0", "board.internal:65536", "board.internal:http", "10.0.0.0/8:80"):
        with pytest.raises(ValueError, match="port"):
            AllowedHosts.parse(bad)


async def test_an_allowed_host_port_admits_that_port_only(server: LocalServer, other_server: LocalServer) -> None:
    async with Fetcher(policy(f"127.0.0.1:{server.port}")) as fetcher:
        assert (await fetcher.get_json(f"{server.base}/json"))["ok"] is True
        with pytest.raises(UnsafeUrl) as caught:
            await fetcher.get_json(f"{other_server.base}/json")
        assert fetcher.dialled == [("127.0.0.1", server.port)]
    message = caught.value.message
    assert "loopback" in message and "SKILLGAP_SCRAPE_ALLOWED_HOSTS" in message, message
    assert f"127.0.0.1:{other_server.port}" in message, message
    assert other_server.log == []


async def test_an_allowed_name_with_a_port_admits_that_port_only(
    server: LocalServer, other_server: LocalServer
) -> None:
    async def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    async with Fetcher(policy(f"board.internal:{server.port}"), resolver=resolver) as fetcher:
        assert (await fetcher.get_json(f"http://board.internal:{server.port}/json"))["ok"] is True
        with pytest.raises(UnsafeUrl, match="SKILLGAP_SCRAPE_ALLOWED_HOSTS"):
            await fetcher.get_json(f"http://board.internal:{other_server.port}/json")
    assert other_server.log == []


async def test_each_redirect_hop_must_match_the_allow_list_port(server: LocalServer, other_server: LocalServer) -> None:
    url = f"{server.base}/redirect-to-port/{other_server.port}"
    async with Fetcher(policy(f"127.0.0.1:{server.port}")) as fetcher:
        with pytest.raises(UnsafeUrl, match=f"127.0.0.1:{other_server.port}"):
            await fetcher.get_json(url)
    assert other_server.log == []
    # A bare host still means every port (as before host:port entries existed).
    async with Fetcher(policy("127.0.0.1")) as fetcher:
        assert (await fetcher.get_json(url))["ok"] is True
    assert other_server.paths() == ["/json"]


async def test_a_refused_internal_address_names_the_setting_that_allows_it() -> None:
    async with Fetcher(policy("")) as fetcher:
        with pytest.raises(UnsafeUrl) as caught:
            await fetcher.check_url("http://10.1.2.3:8080/jobs")
    assert caught.value.message == (
        "refusing to fetch from host 10.1.2.3: it is a private address "
        "(to allow it, add 10.1.2.3:8080 to SKILLGAP_SCRAPE_ALLOWED_HOSTS)"
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://no-such-host.invalid/", "host no-such-host.invalid does not resolve"),
        ("http://LOCALHOST.:8000/", "host localhost. does not resolve"),
        ("http://127.0.0.1%09:8000/", "characters a host name cannot have"),
        ("http://" + "a" * 300 + ".com/", "longer than 253 characters"),
    ],
)
async def test_a_host_that_cannot_resolve_is_invalid_argument(url: str, words: str) -> None:
    from skillgap.errors import InvalidArgument

    async with Fetcher(policy("")) as fetcher:
        with pytest.raises(InvalidArgument) as caught:
            await fetcher.check_url(url)
        assert isinstance(caught.value, ConnectionFailed | UnsafeUrl)  # a fetch error to the worker
        assert fetcher.dialled == []
    assert words in caught.value.message and len(caught.value.message) < 250, caught.value.message


def test_blocked_reason_covers_embedded_ipv4() -> None:
    import ipaddress

    assert blocked_reason(ipaddress.ip_address("2002:a00:1::")) == "a private address"  # 6to4 of 10.0.0.1
    assert blocked_reason(ipaddress.ip_address("64:ff9b::a9fe:a9fe")) == "a link-local address"
    assert blocked_reason(ipaddress.ip_address("100.64.0.1")) is not None  # carrier-grade NAT
    assert blocked_reason(ipaddress.ip_address("93.184.215.14")) is None


def test_parse_retry_after() -> None:
    assert parse_retry_after("7", now=0.0) == 7.0
    assert parse_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", now=40.0) == 60.0
    assert parse_retry_after("soon", now=0.0) is None
    assert parse_retry_after(None, now=0.0) is None


# --- Per-host limits ----------------------------------------------------------------------------


async def test_per_host_concurrency_is_bounded(server: LocalServer) -> None:
    async with Fetcher(policy(per_host_concurrency=2)) as fetcher:
        results = await asyncio.gather(*(fetcher.get_json(f"{server.base}/gate{i}") for i in range(6)))
    assert results == [{}] * 6
    assert server.max_active == 2


async def test_per_host_min_interval_between_starts(server: LocalServer) -> None:
    sleep = SleepRecorder()
    async with Fetcher(policy(per_host_min_interval_seconds=0.5), sleep=sleep, clock=lambda: 100.0) as fetcher:
        await fetcher.get_json(f"{server.base}/json")
        await fetcher.get_json(f"{server.base}/json")
    assert sleep.calls == [0.5]


# --- More SSRF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["localhost", "2130706433", "0x7f.1", "127.1"])
async def test_loopback_spellings_refused_by_the_system_resolver(server: LocalServer, host: str) -> None:
    async with Fetcher(policy("")) as fetcher:
        with pytest.raises(UnsafeUrl, match="loopback"):
            await fetcher.get_json(f"http://{host}:{server.port}/json")
        assert fetcher.dialled == []
    assert server.log == []


async def test_check_url_and_invalid_argument() -> None:
    from skillgap.errors import InvalidArgument

    async with Fetcher(policy("")) as fetcher:
        with pytest.raises(InvalidArgument):
            await fetcher.check_url("http://169.254.169.254/")
        await fetcher.check_url("https://93.184.215.14/jobs")  # a public literal: fine, and no traffic
        assert fetcher.dialled == []


async def test_idn_host_is_resolved_in_punycode(server: LocalServer) -> None:
    names: list[str] = []

    async def resolver(host: str, port: int) -> list[str]:
        names.append(host)
        return ["127.0.0.1"]

    async with Fetcher(policy("127.0.0.1"), resolver=resolver) as fetcher:
        assert (await fetcher.get_json(f"http://bücher.test:{server.port}/json"))["ok"] is True
    assert names == ["xn--bcher-kva.test"]


# --- HTTPS: the pinned connection keeps SNI and certificate verification ------------------------


def _self_signed(name: str) -> tuple[bytes, bytes]:
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


async def test_https_pinned_with_sni_and_verification(tmp_path: Any) -> None:
    import ssl

    cert_pem, key_pem = _self_signed("pinned.test")
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "key.pem").write_bytes(key_pem)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    client_ctx = ssl.create_default_context(cadata=cert_pem.decode())

    local = LocalServer()
    srv = await asyncio.start_server(local.handle, "127.0.0.1", 0, ssl=server_ctx)
    local.port = srv.sockets[0].getsockname()[1]

    async def resolver(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    try:
        async with Fetcher(policy("127.0.0.1", max_retries=0), resolver=resolver, verify=client_ctx) as fetcher:
            assert await fetcher.get_json(f"https://pinned.test:{local.port}/json") == {"ok": True, "jobs": [1, 2]}
            assert fetcher.dialled == [("127.0.0.1", local.port)]
            with pytest.raises(TlsError, match="other.test"):
                await fetcher.get_json(f"https://other.test:{local.port}/json")
        assert [r.host for r in local.log] == [f"pinned.test:{local.port}"]
    finally:
        srv.close()
        for task in list(local.tasks):
            task.cancel()
        await asyncio.gather(*local.tasks, return_exceptions=True)
        await srv.wait_closed()

"""A safe HTTP fetcher for job-board APIs and job pages.

Safety first: a URL is fetched only when its scheme is http(s), it carries no credentials and every
address its host resolves to is public (or explicitly allowed). The fetcher resolves the host itself
and then connects to exactly the address it checked (the connection is pinned through a network
backend), so a DNS answer that changes between the check and the connect (DNS rebinding) cannot
redirect it to an internal service. Redirects are followed by hand, each hop checked again.

Around that: per-host concurrency and a minimum interval between request starts, retries with
exponential backoff and full jitter on 429/5xx/timeouts/connection errors (honouring Retry-After),
a response size cap enforced while streaming, charset handling that never raises, and robots.txt
for HTML pages (robots.txt itself is fetched outside the per-host pacing: it is one small file per host and run,
and the page it clears should not wait behind it).

Conditional requests: given the validators a page came with last time (`Validators`: ETag, Last-Modified),
`get_text` sends If-None-Match / If-Modified-Since and raises `NotModified` on a 304, so an unchanged page costs a
request and no body. `post` sends a webhook: one attempt, no redirects followed, through the same address checks.
"""

from __future__ import annotations

import asyncio
import codecs
import contextvars
import email.utils
import ipaddress
import json
import random
import re
import socket
import ssl
import time
import urllib.robotparser
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self
from urllib.parse import urljoin

import httpcore
import httpx

from skillgap.errors import InvalidArgument, SkillGapError, quoted

MIB = 1024 * 1024
USER_AGENT = "SkillGapBot/0.1 (+https://skillgap.dev/bot)"

Resolver = Callable[[str, int], Awaitable[list[str]]]
"""Resolves (host, port) to IP address strings."""
Sleep = Callable[[float], Awaitable[None]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_DISALLOW_ALL = ["User-agent: *", "Disallow: /"]
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


# --- Errors -------------------------------------------------------------------------------------


class FetchError(SkillGapError):
    """A URL could not be fetched; `message` says why in words fit for the user who supplied it."""

    default_reason = "FETCH_FAILED"


class UnsafeUrl(FetchError, InvalidArgument):
    """The URL is refused before any connection: bad scheme, credentials, or a non-public address.

    Also an InvalidArgument, so an RPC that checks a user-supplied URL reports INVALID_ARGUMENT.
    """

    default_reason = "UNSAFE_URL"


class TooLarge(FetchError):
    default_reason = "RESPONSE_TOO_LARGE"


class RobotsDisallowed(FetchError):
    default_reason = "ROBOTS_DISALLOWED"


class HttpStatusError(FetchError):
    """The server answered with an error status (after retries, for the retryable ones)."""

    default_reason = "HTTP_STATUS"

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message, metadata={"status": str(status)})
        self.status = status


class FetchTimeout(FetchError):
    default_reason = "FETCH_TIMEOUT"


class ConnectionFailed(FetchError):
    """The host could not be resolved or connected to (after retries)."""

    default_reason = "CONNECTION_FAILED"


class HostNotFound(ConnectionFailed, InvalidArgument):
    """The URL's host has no address (DNS says no such name): the URL is wrong, so INVALID_ARGUMENT for an RPC
    that checks a user-supplied URL, and a failed fetch for the worker."""

    default_reason = "HOST_NOT_FOUND"


class TlsError(ConnectionFailed):
    """The TLS handshake failed (for example the certificate does not match the host): not retried."""

    default_reason = "TLS_FAILED"


class TooManyRedirects(FetchError):
    default_reason = "TOO_MANY_REDIRECTS"


class BadContent(FetchError):
    """The body is not what was asked for: invalid JSON, or not a text document."""

    default_reason = "BAD_CONTENT"


class NotModified(FetchError):
    """The server answered 304 to a conditional request: the resource is as it was when its validators were
    taken. Not a failure: the caller keeps what it stored."""

    default_reason = "NOT_MODIFIED"


# --- Policy -------------------------------------------------------------------------------------


ALLOWED_HOSTS_SETTING = "SKILLGAP_SCRAPE_ALLOWED_HOSTS"
_HOST_PORT = re.compile(r"(?P<host>[^:\[\]]+|\[[^\]]+\]):(?P<port>[^:]*)")


@dataclass(frozen=True)
class AllowedHosts:
    """Hosts and networks exempt from the private-address refusal (tests, trusted internal boards).

    An entry without a port admits its host on every port (``names``, ``networks``); a ``host:port`` entry
    admits that port only (``name_ports``, ``network_ports``). Every request is checked, each redirect hop too:
    a hop to another port of a ``host:port`` entry is refused."""

    names: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()
    name_ports: frozenset[tuple[str, int]] = frozenset()
    network_ports: tuple[tuple[IPNetwork, int], ...] = ()
    setting: str = ALLOWED_HOSTS_SETTING
    """The setting the list comes from, which a refusal names (webhooks have their own)."""

    @classmethod
    def parse(cls, value: str, *, setting: str = ALLOWED_HOSTS_SETTING) -> AllowedHosts:
        """Parse the comma-separated setting: host names, IP addresses and CIDRs, each optionally as
        ``host:port`` (``[v6-address]:port`` for IPv6)."""
        names: set[str] = set()
        networks: list[IPNetwork] = []
        name_ports: set[tuple[str, int]] = set()
        network_ports: list[tuple[IPNetwork, int]] = []
        for raw in value.split(","):
            entry = raw.strip().lower()
            if not entry:
                continue
            port: int | None = None
            try:
                ipaddress.ip_network(entry, strict=False)  # a bare IPv6 address or CIDR has colons but no port
            except ValueError:
                match = _HOST_PORT.fullmatch(entry)
                if match is not None:
                    entry, port = match["host"], _port_of(match["port"], raw.strip())
            candidate = entry[1:-1] if entry.startswith("[") and entry.endswith("]") else entry
            try:
                network = ipaddress.ip_network(candidate, strict=False)
            except ValueError:
                network = None
            if network is not None:
                if port is not None and "/" in candidate:
                    raise ValueError(f"allowed host {raw.strip()!r}: a CIDR takes no port; list its hosts as host:port")
                if port is None:
                    networks.append(network)
                else:
                    network_ports.append((network, port))
                continue
            name = entry.rstrip(".")
            if "/" in name or not re.fullmatch(r"[a-z0-9_.-]+", name):
                raise ValueError(
                    f"allowed host {quoted(raw.strip())} is neither a host name, an IP address nor a CIDR "
                    "(optionally with :port)"
                )
            if port is None:
                names.add(name)
            else:
                name_ports.add((name, port))
        return cls(frozenset(names), tuple(networks), frozenset(name_ports), tuple(network_ports), setting)

    def allows_name(self, host: str, port: int | None = None) -> bool:
        name = host.lower().rstrip(".")
        return name in self.names or (port is not None and (name, port) in self.name_ports)

    def allows_address(self, address: IPAddress, port: int | None = None) -> bool:
        if any(address.version == net.version and address in net for net in self.networks):
            return True
        return port is not None and any(
            address.version == net.version and address in net and port == allowed for net, allowed in self.network_ports
        )


def _port_of(text: str, entry: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(f"allowed host {quoted(entry)}: the port must be a number from 1 to 65535")
    return int(text)


@dataclass(frozen=True)
class FetchPolicy:
    allowed_hosts: AllowedHosts = field(default_factory=AllowedHosts)
    connect_timeout_seconds: float = 5.0
    read_timeout_seconds: float = 15.0
    # Longest one attempt (connect + headers + whole body) may take: defeats slow-drip bodies.
    attempt_timeout_seconds: float = 60.0
    max_response_bytes: int = 5 * MIB
    max_redirects: int = 5
    max_retries: int = 3
    backoff_base_seconds: float = 0.5
    backoff_cap_seconds: float = 30.0
    # A Retry-After longer than this is not waited for: the fetch fails with HttpStatusError.
    max_retry_after_seconds: float = 60.0
    per_host_concurrency: int = 2
    per_host_min_interval_seconds: float = 0.5
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    robots_ttl_seconds: float = 3600.0
    robots_error_ttl_seconds: float = 600.0
    robots_max_bytes: int = 512 * 1024

    @classmethod
    def from_setting(cls, allowed_hosts: str, *, setting: str = ALLOWED_HOSTS_SETTING, **overrides: Any) -> FetchPolicy:
        """A policy from the SKILLGAP_SCRAPE_ALLOWED_HOSTS value (comma-separated hosts/CIDRs), or from the
        `setting` named."""
        return cls(allowed_hosts=AllowedHosts.parse(allowed_hosts, setting=setting), **overrides)


# Longest validator kept: a server sending a huge ETag gets no conditional requests rather than echoes of it.
MAX_VALIDATOR_CHARS = 512


@dataclass(frozen=True)
class Validators:
    """What a response said to revalidate it with (RFC 9110 section 13): its ETag and Last-Modified, as sent."""

    etag: str = ""
    last_modified: str = ""

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)

    @classmethod
    def of(cls, headers: Mapping[str, str]) -> Validators:
        etag = (headers.get("etag") or "").strip()
        last_modified = (headers.get("last-modified") or "").strip()
        return cls(
            etag if len(etag) <= MAX_VALIDATOR_CHARS and etag.isprintable() else "",
            last_modified if len(last_modified) <= MAX_VALIDATOR_CHARS and last_modified.isprintable() else "",
        )

    def request_headers(self) -> dict[str, str]:
        """The conditional request's headers: If-None-Match wins when both are known (RFC 9110 13.2.2)."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class FetchedText:
    url: str
    """The final URL, after redirects."""
    status: int
    text: str
    content_type: str
    """The media type without parameters, lower-case; empty when the server sent none."""
    charset: str
    """The codec the body was decoded with."""
    validators: Validators = Validators()
    """The response's ETag and Last-Modified, for a conditional request next time."""


@dataclass(frozen=True)
class Posted:
    """A POST's answer: the status (2xx: accepted) and the first bytes of the body, for the delivery's record."""

    status: int
    body: bytes


# --- Address checks -----------------------------------------------------------------------------


def blocked_reason(address: IPAddress) -> str | None:
    """Why an address must not be fetched from, or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded: ipaddress.IPv4Address | None = address.ipv4_mapped or address.sixtofour
        if embedded is None and address.teredo is not None:
            embedded = address.teredo[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            inner = blocked_reason(embedded)
            if inner is not None:
                return inner
    if address.is_unspecified:
        return "an unspecified address"
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_private:
        return "a private address"
    if address.is_reserved or not address.is_global:
        return "a reserved, non-public address"
    return None


async def _system_resolver(host: str, port: int) -> list[str]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


_HOST_NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?")
_MAX_HOST_CHARS = 253
_NOT_FOUND_ERRNOS = frozenset(
    code for code in (getattr(socket, name, None) for name in ("EAI_NONAME", "EAI_NODATA", "EAI_ADDRFAMILY")) if code
)
# Host name lookups one checker runs at once (each takes a thread of the default executor).
MAX_CONCURRENT_LOOKUPS = 8


@dataclass(frozen=True)
class _Target:
    url: httpx.URL
    host: str
    port: int


class UrlChecker:
    """Decides whether a URL may be fetched, without any HTTP: scheme, credentials, host syntax, and every
    address the host resolves to (unless the allow-list admits it). Cheap to build and to keep: no HTTP
    client, no TLS context. Lookups run in the default executor, at most MAX_CONCURRENT_LOOKUPS at once."""

    def __init__(self, allowed_hosts: AllowedHosts | None = None, *, resolver: Resolver | None = None) -> None:
        self.allowed_hosts = allowed_hosts or AllowedHosts()
        self._resolver = resolver or _system_resolver
        self._lookups = asyncio.Semaphore(MAX_CONCURRENT_LOOKUPS)

    async def check(self, url: str) -> None:
        """Raise UnsafeUrl (an InvalidArgument; HostNotFound when the host has no address) unless `url` may
        be fetched; ConnectionFailed when DNS could not answer. No traffic but the DNS lookup."""
        await self.address(self.target(url))

    def target(self, url: str) -> _Target:
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError, ValueError):
            raise UnsafeUrl("refusing to fetch a malformed URL") from None
        if parsed.scheme not in ("http", "https"):
            raise UnsafeUrl(
                f"refusing to fetch a {parsed.scheme[:20] or 'scheme-less'} URL: only http and https are allowed"
            )
        if parsed.userinfo:
            raise UnsafeUrl(f"refusing to fetch a URL with credentials in it (host {quoted(parsed.host or '?')})")
        if not parsed.host:
            raise UnsafeUrl("refusing to fetch a URL without a host")
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        # raw_host is the IDNA (punycode) form: what DNS resolves and what httpcore connects to.
        host = parsed.raw_host.decode("ascii", errors="replace").lower()
        return _Target(parsed.copy_with(fragment=None), host, port)

    async def address(self, target: _Target) -> str:
        """Resolve the host once, check every address, return the one to connect to."""
        host = target.host
        try:
            literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            literal = None
        if literal is not None:
            addresses = [literal]
        else:
            _check_host_name(host)
            addresses = await self._resolve(host, target.port)
        allowed = self.allowed_hosts
        if literal is None and allowed.allows_name(host, target.port):
            return str(addresses[0])
        for address in addresses:
            if allowed.allows_address(address, target.port):
                continue
            reason = blocked_reason(address)
            if reason is not None:
                what = "is" if literal is not None else "resolves to"
                entry = f"[{host.strip('[]')}]" if literal is not None and literal.version == 6 else host
                raise UnsafeUrl(
                    f"refusing to fetch from host {_cut(host)}: it {what} {reason} "
                    f"(to allow it, add {_cut(entry)}:{target.port} to {allowed.setting})"
                )
        return str(addresses[0])

    async def _resolve(self, host: str, port: int) -> list[IPAddress]:
        try:
            async with self._lookups:
                answers = await self._resolver(host, port)
            addresses = [ipaddress.ip_address(a) for a in answers]
        except socket.gaierror as exc:
            if exc.errno in _NOT_FOUND_ERRNOS:
                raise HostNotFound(f"host {_cut(host)} does not resolve: there is no such host name") from None
            raise ConnectionFailed(
                f"could not resolve host {_cut(host)}: DNS did not answer ({exc.strerror})"
            ) from None
        except UnicodeError:  # a label the resolver cannot encode (too long, empty)
            raise HostNotFound(f"host {quoted(host)} is not a valid host name") from None
        except (OSError, ValueError):
            raise ConnectionFailed(f"could not resolve host {_cut(host)}") from None
        if not addresses:
            raise HostNotFound(f"host {_cut(host)} does not resolve: it has no address")
        return addresses


def _cut(host: str) -> str:
    """A host for a message: at most 100 characters of it."""
    return host if len(host) <= 100 else f"{host[:100]}..."


def _check_host_name(host: str) -> None:
    """Refuse a host no DNS name can be: characters outside letters, digits, '-', '_' and dots, or too long."""
    if len(host.rstrip(".")) > _MAX_HOST_CHARS:
        raise UnsafeUrl(
            f"refusing to fetch from a host name longer than {_MAX_HOST_CHARS} characters ({len(host)})",
            reason="INVALID_HOST",
        )
    if not _HOST_NAME.fullmatch(host):
        bad = sorted({c for c in host if not (c.isascii() and (c.isalnum() or c in "._-"))})
        which = ", ".join(repr(c) for c in bad[:5]) if bad else "empty labels"
        raise UnsafeUrl(
            f"refusing to fetch from host {quoted(host)}: it has characters a host name cannot have ({which})",
            reason="INVALID_HOST",
        )


# --- Connection pinning -------------------------------------------------------------------------

# (host, port, address) the current task may connect to; set around each request.
_PIN: contextvars.ContextVar[tuple[str, int, str] | None] = contextvars.ContextVar("skillgap_fetch_pin", default=None)


class _PinnedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to the address the fetcher checked for this request; refuses anything else."""

    def __init__(self) -> None:
        self._inner = httpcore.AnyIOBackend()
        self.dialled: deque[tuple[str, int]] = deque(maxlen=100)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]]
        | None = None,
    ) -> httpcore.AsyncNetworkStream:
        pin = _PIN.get()
        if pin is None or pin[0] != host.lower().strip("[]") or pin[1] != port:
            raise httpcore.ConnectError("connection to an address that was not checked refused")
        self.dialled.append((pin[2], port))
        return await self._inner.connect_tcp(pin[2], port, timeout, local_address, socket_options)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]]
        | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not used by the fetcher")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


# --- Helpers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Request:
    """What one request sends and how its answer is read: `max_bytes` caps the body (None: the policy's), `truncate`
    keeps the first bytes instead of failing, `paced` waits for the host's pacing (robots.txt does not)."""

    accept: str
    method: str = "GET"
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes | None = None
    max_bytes: int | None = None
    truncate: bool = False
    paced: bool = True


@dataclass(frozen=True)
class _Response:
    url: str
    status: int
    headers: httpx.Headers
    body: bytes


@dataclass
class _RobotsEntry:
    parser: urllib.robotparser.RobotFileParser
    expires: float


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
        b"".decode(info.name)  # refuses non-text codecs such as rot13 or base64
    except (LookupError, ValueError):
        return None
    return info.name


def _charset_param(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip()
    return None


def _bom_codec(body: bytes) -> str | None:
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def decode_body(body: bytes, content_type: str, *, sniff_html: bool) -> tuple[str, str]:
    """Decode with the BOM, the Content-Type charset, a <meta> charset (HTML) or UTF-8; never raises."""
    charset = _bom_codec(body) or _codec(_charset_param(content_type))
    if charset is None and sniff_html:
        match = _META_CHARSET.search(body[:_SNIFF_BYTES])
        if match:
            charset = _codec(match.group(1).decode("ascii", "replace"))
    charset = charset or "utf-8"
    try:
        return body.decode(charset, errors="replace"), charset
    except (LookupError, ValueError):  # pragma: no cover - _codec already refused such codecs
        return body.decode("utf-8", errors="replace"), "utf-8"


def parse_retry_after(value: str | None, *, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None if absent/bad."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


# --- The fetcher --------------------------------------------------------------------------------


class Fetcher:
    """Fetches JSON and text safely. Owns one httpx.AsyncClient: use `async with` or `aclose()`."""

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        resolver: Resolver | None = None,
        sleep: Sleep | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        rng: random.Random | None = None,
        verify: ssl.SSLContext | bool = True,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._checker = UrlChecker(self.policy.allowed_hosts, resolver=resolver)
        self._sleep = sleep or asyncio.sleep
        self._clock = clock
        self._wall_clock = wall_clock
        self._rng = rng or random.Random()
        self._backend = _PinnedBackend()
        transport = httpx.AsyncHTTPTransport(verify=verify, trust_env=False, retries=0)
        pool = transport._pool
        if not isinstance(pool, httpcore.AsyncConnectionPool):  # pragma: no cover - httpx internals changed
            raise RuntimeError("unexpected httpx transport internals: cannot pin connections")
        pool._network_backend = self._backend
        p = self.policy
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(
                connect=p.connect_timeout_seconds,
                read=p.read_timeout_seconds,
                write=p.read_timeout_seconds,
                pool=p.attempt_timeout_seconds,
            ),
            headers={"User-Agent": p.user_agent},
        )
        self._semaphores: dict[str, asyncio.Semaphore] = {}
        self._interval_locks: dict[str, asyncio.Lock] = {}
        self._next_start: dict[str, float] = {}
        self._robots: dict[str, _RobotsEntry] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    @property
    def dialled(self) -> list[tuple[str, int]]:
        """The (address, port) pairs of the most recent connections made (for diagnostics and tests)."""
        return list(self._backend.dialled)

    # --- Public API ---

    async def check_url(self, url: str) -> None:
        """Raise UnsafeUrl unless `url` may be fetched (scheme, credentials, resolved addresses); no traffic.
        See UrlChecker.check, which does it without building an HTTP client."""
        await self._checker.check(url)

    async def get_json(self, url: str) -> Any:
        response = await self._fetch(url, _Request(accept="application/json"), html_page=False)
        self._raise_for_status(response)
        charset = _bom_codec(response.body) or _codec(_charset_param(response.headers.get("content-type", "")))
        try:
            payload: str | bytes = response.body.decode(charset) if charset else response.body
            return json.loads(payload)
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise BadContent(f"{_host_of(response.url)} did not return valid JSON") from None

    async def get_text(self, url: str, *, html_page: bool = False, validators: Validators | None = None) -> FetchedText:
        """The text at `url`. With `validators` (from the FetchedText of an earlier fetch), the request is
        conditional and a 304 answer raises NotModified instead of downloading the page again."""
        accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5" if html_page else "*/*"
        conditional = validators.request_headers() if validators else {}
        response = await self._fetch(url, _Request(accept=accept, headers=conditional), html_page=html_page)
        if response.status == 304 and conditional:
            raise NotModified(f"{_host_of(response.url)} says the page has not changed")
        self._raise_for_status(response)
        content_type = response.headers.get("content-type", "")
        media_type = _media_type(content_type)
        if html_page and media_type and not _is_textual(media_type):
            raise BadContent(f"{_host_of(response.url)} returned {media_type}, not a web page")
        text, charset = decode_body(response.body, content_type, sniff_html=html_page or "html" in media_type)
        return FetchedText(response.url, response.status, text, media_type, charset, Validators.of(response.headers))

    async def post(self, url: str, body: bytes, *, headers: Mapping[str, str], max_bytes: int = 64 * 1024) -> Posted:
        """POST `body` to `url` once (a webhook: the caller retries, later): the same address checks and pinning
        as a fetch, no redirect followed (a redirected POST would repeat the body elsewhere), no robots.txt. The
        answer's status, 2xx or not, and the first `max_bytes` of its body; FetchError when there is no answer
        (UnsafeUrl for a refused address, FetchTimeout, ConnectionFailed)."""
        target = self._checker.target(url)
        address = await self._checker.address(target)
        request = _Request(
            method="POST",
            accept="*/*",
            headers={**headers, "Content-Type": headers.get("Content-Type", "application/json")},
            content=body,
            max_bytes=max_bytes,
            truncate=True,
        )
        response = await self._attempt(target, address, request)
        return Posted(response.status, response.body)

    # --- Internals ---

    def _raise_for_status(self, response: _Response) -> None:
        if response.status >= 400 or response.status < 200 or response.status == 304:
            raise HttpStatusError(f"{_host_of(response.url)} answered HTTP {response.status}", status=response.status)
        if response.status in _REDIRECT_STATUSES:
            raise HttpStatusError(
                f"{_host_of(response.url)} sent a redirect without a Location", status=response.status
            )

    async def _fetch(self, url: str, request: _Request, *, html_page: bool) -> _Response:
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            target = self._checker.target(current)
            address = await self._checker.address(target)
            if html_page and self.policy.respect_robots:
                await self._check_robots(target)
            response = await self._with_retries(target, address, request)
            location = response.headers.get("location")
            if response.status in _REDIRECT_STATUSES and location:
                current = urljoin(str(target.url), location.strip())
                continue
            return response
        raise TooManyRedirects(f"{_host_of(url)} redirected more than {self.policy.max_redirects} times")

    def _backoff(self, attempt: int) -> float:
        p = self.policy
        return self._rng.uniform(0.0, min(p.backoff_cap_seconds, p.backoff_base_seconds * 2**attempt))

    async def _with_retries(self, target: _Target, address: str, request: _Request) -> _Response:
        p = self.policy
        attempt = 0
        while True:
            try:
                response = await self._attempt(target, address, request)
            except (FetchTimeout, ConnectionFailed) as exc:
                if attempt >= p.max_retries or isinstance(exc, TlsError):
                    raise
                delay = self._backoff(attempt)
            else:
                if response.status not in _RETRY_STATUSES:
                    return response
                if attempt >= p.max_retries:
                    raise HttpStatusError(
                        f"{target.host} answered HTTP {response.status} on all {attempt + 1} attempts",
                        status=response.status,
                    )
                retry_after = parse_retry_after(response.headers.get("retry-after"), now=self._wall_clock())
                if retry_after is not None and retry_after > p.max_retry_after_seconds:
                    raise HttpStatusError(
                        f"{target.host} answered HTTP {response.status} and asks to retry after "
                        f"{retry_after:.0f} s, longer than the {p.max_retry_after_seconds:.0f} s we wait",
                        status=response.status,
                    )
                delay = retry_after if retry_after is not None else self._backoff(attempt)
            attempt += 1
            await self._sleep(delay)

    @asynccontextmanager
    async def _host_slot(self, host: str, *, paced: bool = True) -> AsyncIterator[None]:
        p = self.policy
        semaphore = self._semaphores.setdefault(host, asyncio.Semaphore(max(1, p.per_host_concurrency)))
        async with semaphore:
            if paced and p.per_host_min_interval_seconds > 0:
                async with self._interval_locks.setdefault(host, asyncio.Lock()):
                    now = self._clock()
                    wait = self._next_start.get(host, now) - now
                    if wait > 0:
                        await self._sleep(wait)
                        now += wait
                    self._next_start[host] = now + p.per_host_min_interval_seconds
            yield

    async def _attempt(self, target: _Target, address: str, request: _Request) -> _Response:
        cap = self.policy.max_response_bytes if request.max_bytes is None else request.max_bytes
        token = _PIN.set((target.host.strip("[]"), target.port, address))
        try:
            async with self._host_slot(target.host, paced=request.paced):
                async with asyncio.timeout(self.policy.attempt_timeout_seconds):
                    built = self._client.build_request(
                        request.method,
                        target.url,
                        headers={"Accept": request.accept, **request.headers},
                        content=request.content,
                    )
                    response = await self._client.send(built, stream=True)
                    try:
                        return await self._read(target, response, cap, request.truncate)
                    finally:
                        await response.aclose()
        except (httpx.TimeoutException, TimeoutError):
            raise FetchTimeout(f"{target.host} did not answer in time") from None
        except httpx.TransportError as exc:
            if _caused_by_tls(exc):
                raise TlsError(f"the TLS handshake with {target.host} failed") from None
            raise ConnectionFailed(f"could not connect to {target.host}") from None
        except httpx.DecodingError:
            raise BadContent(f"{target.host} sent a body that could not be decompressed") from None
        finally:
            _PIN.reset(token)

    async def _read(self, target: _Target, response: httpx.Response, cap: int, truncate: bool) -> _Response:
        status = response.status_code
        final_url = str(response.request.url)
        if status in _REDIRECT_STATUSES or status in _RETRY_STATUSES:
            return _Response(final_url, status, response.headers, b"")
        declared = response.headers.get("content-length", "")
        if declared.strip().isdigit() and int(declared) > cap and not truncate:
            raise TooLarge(f"{target.host} sent a response larger than the {_size(cap)} limit")
        body = bytearray()
        async for chunk in response.aiter_bytes():  # decompressed incrementally: caps gzip bombs too
            body += chunk
            if len(body) > cap:
                if truncate:
                    del body[cap:]
                    break
                raise TooLarge(f"{target.host} sent a response larger than the {_size(cap)} limit")
        return _Response(final_url, status, response.headers, bytes(body))

    # --- robots.txt ---

    async def _check_robots(self, target: _Target) -> None:
        url = target.url
        key = f"{url.scheme}://{target.host}:{target.port}"
        async with self._robots_locks.setdefault(key, asyncio.Lock()):
            entry = self._robots.get(key)
            if entry is None or entry.expires <= self._clock():
                entry = await self._load_robots(url)
                self._robots[key] = entry
        if not entry.parser.can_fetch(self.policy.user_agent, str(url)):
            raise RobotsDisallowed(f"robots.txt of {target.host} does not allow fetching {url.path}")

    async def _load_robots(self, page: httpx.URL) -> _RobotsEntry:
        p = self.policy
        parser = urllib.robotparser.RobotFileParser()
        robots_url = str(page.copy_with(path="/robots.txt", query=None, fragment=None))
        try:
            response = await self._fetch(
                robots_url,
                _Request(accept="text/plain", max_bytes=p.robots_max_bytes, truncate=True, paced=False),
                html_page=False,
            )
        except FetchError:
            # RFC 9309: an unreachable robots.txt means "disallow everything" for now.
            parser.parse(_DISALLOW_ALL)
            return _RobotsEntry(parser, self._clock() + p.robots_error_ttl_seconds)
        if 200 <= response.status < 300:
            text, _ = decode_body(response.body, response.headers.get("content-type", ""), sniff_html=False)
            parser.parse(text.splitlines())
        elif 400 <= response.status < 500:
            parser.parse([])  # no robots.txt: everything is allowed
        else:
            parser.parse(_DISALLOW_ALL)
            return _RobotsEntry(parser, self._clock() + p.robots_error_ttl_seconds)
        return _RobotsEntry(parser, self._clock() + p.robots_ttl_seconds)


def _caused_by_tls(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _is_textual(media_type: str) -> bool:
    return media_type.startswith("text/") or media_type.endswith(("+xml", "/xml", "/json", "+json"))


def _host_of(url: str) -> str:
    try:
        return httpx.URL(url).host or "the server"
    except (httpx.InvalidURL, TypeError, ValueError):
        return "the server"


def _size(n: int) -> str:
    if n >= MIB and n % MIB == 0:
        return f"{n // MIB} MiB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n} bytes"

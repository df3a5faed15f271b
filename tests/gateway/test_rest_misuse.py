"""REST requests the API cannot mean, through the real gateway and server: refused with 400 INVALID_ARGUMENT in the
google.rpc.Status JSON shape every REST error has (ErrorInfo reason, BadRequest naming the field), never silently
turned into another request.

Envoy's transcoder used to drop JSON fields it did not know: `{"query": "python", "page_sise": 1}` ran a search
with the default page size and answered 200, and `{"resume_id": "B"}` on `GET /api/resume/A` read resume B.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.rest

ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo"
BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"
WORKPLACE_TYPES = ("WORKPLACE_TYPE_ONSITE", "WORKPLACE_TYPE_HYBRID", "WORKPLACE_TYPE_REMOTE")


@pytest.fixture
async def http(gateway_url: str, token_for: Callable[..., str], user_id: str) -> AsyncIterator[httpx.AsyncClient]:
    headers = {"authorization": f"Bearer {token_for(user_id)}"}
    async with httpx.AsyncClient(base_url=gateway_url, headers=headers, timeout=30, trust_env=False) as client:
        yield client


def refusal(reply: httpx.Response, reason: str, status: int = 400) -> tuple[str, dict[str, Any], list[dict[str, str]]]:
    """The message, the ErrorInfo metadata and the BadRequest violations of an error in the gateway's JSON shape."""
    assert reply.status_code == status, reply.text
    assert reply.headers["content-type"] == "application/json"
    assert reply.headers.get("x-request-id")
    body = reply.json()
    assert set(body) == {"code", "message", "details"}, body
    assert body["code"] == {400: 3, 404: 5}[status]
    infos = [d for d in body["details"] if d["@type"] == ERROR_INFO]
    assert len(infos) == 1, body
    assert infos[0]["reason"] == reason and infos[0]["domain"] == "skillgap.dev", body
    violations = [v for d in body["details"] if d["@type"] == BAD_REQUEST for v in d["field_violations"]]
    return body["message"], infos[0]["metadata"], violations


@pytest.mark.parametrize(
    ("body", "field", "suggestion"),
    [
        ({"query": "python developer", "page_sise": 1}, "page_sise", "page_size"),
        ({"querry": "python developer"}, "querry", "query"),
        ({"resumeid": str(uuid.uuid4())}, "resumeid", "resume_id"),
        (
            {"query": "python developer", "filter": {"workplace_type": ["WORKPLACE_TYPE_REMOTE"]}},
            "filter.workplace_type",
            "workplace_types",
        ),
    ],
)
async def test_a_misspelled_body_field_is_refused_naming_it_and_the_right_one(
    http: httpx.AsyncClient, body: dict[str, Any], field: str, suggestion: str
) -> None:
    reply = await http.post("/api/jobs/search", json=body)
    message, metadata, violations = refusal(reply, "UNKNOWN_FIELD")
    given = field.rsplit(".", 1)[-1]
    assert f'no field "{given}"' in message and f'did you mean "{suggestion}"' in message, message
    assert metadata["field"] == field and metadata["suggestion"] == suggestion
    assert violations == [{"field": field, "description": "unknown field", "reason": "UNKNOWN_FIELD"}]
    # Spelled right, as the proto name or as the lowerCamelCase JSON name, the same request is served.
    camel = suggestion.split("_")[0] + "".join(part.capitalize() for part in suggestion.split("_")[1:])
    for spelling in (suggestion, camel):
        fixed = _rename(body, given, spelling)
        served = await http.post("/api/jobs/search", json=fixed)
        # A search (200), or for a resume id that is none of this user's the server's own NOT_FOUND.
        assert served.status_code in (200, 404), served.text
        assert served.status_code == 200 or served.json()["details"][0]["reason"] == "RESUME_NOT_FOUND"


def _rename(body: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """`body` with the key `old` renamed to `new`, at whatever depth it is."""
    return {
        (new if key == old else key): _rename(value, old, new) if isinstance(value, dict) else value
        for key, value in body.items()
    }


async def test_a_field_given_in_both_spellings_is_refused(http: httpx.AsyncClient) -> None:
    reply = await http.post("/api/jobs/search", json={"query": "go", "page_size": 1, "pageSize": 50})
    message, metadata, _ = refusal(reply, "DUPLICATE_FIELD")
    assert message == 'page_size is given twice (as "page_size" and "pageSize"); give it once'
    assert metadata == {"field": "page_size"}


async def test_an_unknown_query_parameter_is_refused_naming_it(http: httpx.AsyncClient) -> None:
    reply = await http.get("/api/resume", params={"page_sise": "5"})
    message, metadata, violations = refusal(reply, "UNKNOWN_QUERY_PARAMETER")
    assert message == (
        'GET /api/resume has no query parameter "page_sise" (did you mean page_size? it takes page_size, page_token)'
    )
    assert metadata == {"parameter": "page_sise", "suggestion": "page_size"}
    assert violations == [
        {"field": "page_sise", "description": "unknown query parameter", "reason": "UNKNOWN_QUERY_PARAMETER"}
    ]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "field", "given"),
    [
        (
            "POST",
            "/api/jobs/search",
            {"json": {"filter": {"workplace_types": ["REMOTE"]}}},
            "filter.workplace_types[0]",
            "REMOTE",
        ),
        (
            "GET",
            f"/api/resume/{uuid.uuid4()}/gaps",
            {"params": {"filter.workplace_types": "remote"}},
            "filter.workplace_types",
            "remote",
        ),
    ],
    ids=["body", "query"],
)
async def test_a_bad_enum_value_names_the_field_and_lists_the_valid_ones(
    http: httpx.AsyncClient, method: str, path: str, kwargs: dict[str, Any], field: str, given: str
) -> None:
    reply = await http.request(method, path, **kwargs)
    message, metadata, violations = refusal(reply, "INVALID_ENUM_VALUE")
    assert message == (
        f'{field}: "{given}" is not a WorkplaceType; use one of {", ".join(WORKPLACE_TYPES)} '
        "(did you mean WORKPLACE_TYPE_REMOTE?)"
    )
    assert metadata["field"] == field and metadata["allowed"] == ", ".join(WORKPLACE_TYPES)
    description = f"must be one of {', '.join(WORKPLACE_TYPES)}"
    assert violations == [{"field": field, "description": description, "reason": "INVALID_ENUM_VALUE"}]
    # With a valid name the request reaches the server.
    if method == "POST":
        served = await http.post("/api/jobs/search", json={"query": "go", "filter": {"workplaceTypes": ["REMOTE"]}})
        assert served.status_code == 400  # camelCase is checked the same way
        served = await http.post(
            "/api/jobs/search", json={"query": "go", "filter": {"workplaceTypes": ["WORKPLACE_TYPE_REMOTE"]}}
        )
        assert served.status_code == 200, served.text
    else:
        served = await http.get(
            path,
            params=[
                ("filter.workplace_types", "WORKPLACE_TYPE_REMOTE"),
                ("filter.workplaceTypes", "WORKPLACE_TYPE_HYBRID"),
                ("filter.companies", "Acme Robotics"),
                ("topMatches", "5"),
            ],
        )
        # This resume does not exist: the server's own answer, so the gateway let the request through.
        assert served.status_code == 404 and served.json()["details"][0]["reason"] == "RESUME_NOT_FOUND", served.text


async def test_malformed_json_says_what_and_where(http: httpx.AsyncClient) -> None:
    reply = await http.post(
        "/api/jobs/search",
        content=b'{\n  "query": "go",\n  "page_size": 5\n',
        headers={"content-type": "application/json"},
    )
    message, metadata, _ = refusal(reply, "MALFORMED_JSON")
    assert (
        message
        == "the request body is not valid JSON: the body ends inside an object (a } is missing) (line 4, column 1)"
    )
    assert metadata == {"line": "4", "column": "1"}

    single_quotes = await http.post(
        "/api/jobs/search", content=b"{'query': 'go'}", headers={"content-type": "application/json"}
    )
    message, _, _ = refusal(single_quotes, "MALFORMED_JSON")
    assert "a field name in double quotes was expected (line 1, column 2" in message, message


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"query": 5}, "query must be a string, not the number 5"),
        (
            {"query": "go", "page_size": "ten"},
            'page_size must be a whole number from -2147483648 to 2147483647, not the string "ten"',
        ),
        (
            {"query": "go", "filter": {"include_closed": "maybe"}},
            'filter.include_closed must be true or false, not the string "maybe"',
        ),
        ({"query": "go", "filter": ["x"]}, "filter must be an object (a JobFilter), not a list"),
    ],
)
async def test_a_value_of_the_wrong_type_is_refused_saying_what_it_must_be(
    http: httpx.AsyncClient, body: dict[str, Any], expected: str
) -> None:
    message, _, violations = refusal(await http.post("/api/jobs/search", json=body), "INVALID_FIELD_VALUE")
    assert message == expected
    assert len(violations) == 1


async def test_a_body_or_query_contradicting_the_path_is_refused(http: httpx.AsyncClient) -> None:
    mine, other = str(uuid.uuid4()), str(uuid.uuid4())
    # The transcoder let the body (or the query) win over the path: the call read, or answered, another id.
    for reply in (
        await http.request("GET", f"/api/resume/{mine}", json={"resume_id": other}),
        await http.get(f"/api/resume/{mine}", params={"resume_id": other}),
        await http.post(
            f"/api/interview/{mine}/answer", json={"interviewId": other, "question_id": "q1", "answer": "x"}
        ),
    ):
        message, metadata, _ = refusal(reply, "PATH_FIELD_CONFLICT")
        assert f'"{mine}" in the path but "{other}" in the' in message, message
    # The same value in both places is no contradiction: the server answers (this resume does not exist).
    same = await http.get(f"/api/resume/{mine}", params={"resume_id": mine})
    assert same.status_code == 404 and same.json()["details"][0]["reason"] == "RESUME_NOT_FOUND", same.text


async def test_two_alternatives_of_a_oneof_are_refused(http: httpx.AsyncClient) -> None:
    reply = await http.post("/api/resume/upload", json={"text": "Jane Doe, Python", "content": "SmFuZQ=="})
    message, metadata, _ = refusal(reply, "ONEOF_CONFLICT")
    assert message == "content and text are alternatives (document): give only one of them"


async def test_a_wrong_method_on_a_known_path_names_the_ones_it_takes(http: httpx.AsyncClient) -> None:
    reply = await http.put(f"/api/resume/{uuid.uuid4()}", json={})
    message, metadata, _ = refusal(reply, "ROUTE_NOT_FOUND", status=404)
    assert message.endswith(": this path takes GET, DELETE"), message
    assert metadata["allowed_methods"] == "GET, DELETE"


async def test_an_unknown_path_is_404_in_the_error_shape(http: httpx.AsyncClient) -> None:
    message, metadata, _ = refusal(await http.get("/api/nothing?x=1"), "ROUTE_NOT_FOUND", status=404)
    assert message.startswith("no REST endpoint GET /api/nothing"), message
    assert metadata == {"method": "GET", "path": "/api/nothing"}

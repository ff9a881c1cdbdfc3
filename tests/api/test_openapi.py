"""The published OpenAPI document (/schema/openapi.json) says what the API does (DESIGN "Auth", api/problems.py).

Every operation under /v1 is secured by the bearer API key and documents its refusals as RFC 9457 problem
details: 400, 401 and 403 everywhere, 409, 413 and 422 on every write (too many writers can meet on a record,
a body can be too large, a code unknown), 503 wherever `min_position` can make the read wait and give up.
/health and /ready are public. Every `application/problem+json` response is the one Problem schema.

The document is fetched once per store (module scope), from the app as served.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from litestar.testing import TestClient

from api.app import V1_HANDLERS, create_app
from api.problems import PROBLEM_JSON
from infra.store import Store
from tests.conftest import BACKENDS, make_settings

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
WRITES = ("post", "put", "patch", "delete")

Operations = dict[tuple[str, str], dict[str, Any]]


@pytest.fixture(scope="module", params=BACKENDS)
def schema(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with contextmanager(make_settings)(request.param, tmp_path_factory.mktemp(request.param)) as settings:
        store = Store(settings)
        try:
            app = create_app(store=store, run_projections=False, configure_logs=False)
            with TestClient(app) as client:
                response = client.get("/schema/openapi.json")
            assert response.status_code == 200, response.text
            assert "www-authenticate" not in response.headers
            document: dict[str, Any] = response.json()
            yield document
        finally:
            store.close()


def operations(schema: dict[str, Any], prefix: str = "/v1/") -> Operations:
    return {
        (method.upper(), path): operation
        for path, item in schema["paths"].items()
        if path.startswith(prefix)
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


def problem_media(operation: dict[str, Any], status: int) -> dict[str, Any] | None:
    """The `application/problem+json` media type of the response documented for `status`, if any."""
    response = operation.get("responses", {}).get(str(status))
    if response is None:
        return None
    media: dict[str, Any] | None = (response.get("content") or {}).get(PROBLEM_JSON)
    return media


def missing(ops: Operations, statuses: tuple[int, ...]) -> list[str]:
    return [
        f"{method} {path}: {status}"
        for (method, path), operation in sorted(ops.items())
        for status in statuses
        if problem_media(operation, status) is None
    ]


def test_the_schema_lists_every_v1_route(schema: dict[str, Any]) -> None:
    """No route escapes the checks below by being left out of the document (nor the other way round)."""
    served = {
        (method, re.sub(r"\{(\w+):\w+\}", r"{\1}", path))
        for handler in V1_HANDLERS
        for path in handler.paths
        for method in handler.http_methods
    }
    documented = set(operations(schema))
    assert served == documented, {"not documented": served - documented, "not served": documented - served}
    assert len(documented) == len(V1_HANDLERS)


def test_every_v1_operation_is_secured_by_the_bearer_key(schema: dict[str, Any]) -> None:
    schemes = schema["components"]["securitySchemes"]
    ops = operations(schema)
    assert ops
    unsecured = []
    for (method, path), operation in sorted(ops.items()):
        requirements = operation.get("security") or []
        names = {name for requirement in requirements for name in requirement}
        if not names or not names <= set(schemes):
            unsecured.append(f"{method} {path}: {requirements}")
        for name in names & set(schemes):
            assert schemes[name]["type"] == "http", schemes[name]
            assert schemes[name]["scheme"].lower() == "bearer", schemes[name]
    assert not unsecured


def test_every_v1_operation_documents_400_401_and_403_as_problems(schema: dict[str, Any]) -> None:
    assert not missing(operations(schema), (400, 401, 403))


def test_every_write_documents_409_413_and_422_as_problems(schema: dict[str, Any]) -> None:
    writes = {key: op for key, op in operations(schema).items() if key[0].lower() in WRITES}
    assert {method for method, _ in writes} == {"POST", "PUT"}
    assert not missing(writes, (409, 413, 422))


def test_every_read_that_waits_for_min_position_documents_503(schema: dict[str, Any]) -> None:
    waiting = {
        key: op
        for key, op in operations(schema).items()
        if any(p["name"] == "min_position" for p in op.get("parameters", []))
    }
    assert len(waiting) >= 10  # the read models: ledgers, lists, statistics, reports, registries, libraries
    for (method, path), operation in waiting.items():
        (parameter,) = [p for p in operation["parameters"] if p["name"] == "min_position"]
        assert parameter["in"] == "query", (method, path)
        assert not parameter.get("required"), (method, path)
    assert not missing(waiting, (503,))


@pytest.mark.parametrize("path", ["/health", "/ready"])
def test_health_and_ready_carry_no_security_requirement(schema: dict[str, Any], path: str) -> None:
    assert not schema.get("security"), "a document-wide requirement would apply to /health and /ready too"
    (operation,) = operations(schema, path).values()
    assert not operation.get("security"), operation.get("security")


def test_every_problem_response_is_the_one_problem_schema(schema: dict[str, Any]) -> None:
    refs: dict[str, list[str]] = {}
    for (method, path), operation in sorted(operations(schema, "/").items()):
        for status, response in operation.get("responses", {}).items():
            media = (response.get("content") or {}).get(PROBLEM_JSON)
            if media is not None:
                ref = media.get("schema", {}).get("$ref", repr(media.get("schema")))
                refs.setdefault(ref, []).append(f"{method} {path}: {status}")
    assert len(refs) == 1, {ref: where[:5] for ref, where in refs.items()}
    (ref,) = refs
    assert ref.startswith("#/components/schemas/"), ref
    problem = schema["components"]["schemas"][ref.removeprefix("#/components/schemas/")]
    assert {"type", "title", "status", "detail", "instance", "errors"} <= set(problem["properties"])
    assert {"type", "title", "status"} <= set(problem.get("required", []))


def test_no_error_response_of_v1_is_documented_as_plain_json(schema: dict[str, Any]) -> None:
    """An error documented with another media type would contradict the problem responses actually sent."""
    others = [
        f"{method} {path}: {status} {media_type}"
        for (method, path), operation in sorted(operations(schema).items())
        for status, response in operation.get("responses", {}).items()
        if status.startswith(("4", "5"))
        for media_type in (response.get("content") or {})
        if media_type != PROBLEM_JSON
    ]
    assert not others


def test_every_write_documents_its_answer_under_the_one_status_it_answers_with(schema: dict[str, Any]) -> None:
    """Writes send their answer as a plain ASGI app (api/routes/common.WriteAnswer), which Litestar cannot
    document from the handler: each documents it by hand, under the status its handler gives (a revision's 200)."""
    answered = {
        (str(method), re.sub(r":\w+}", "}", path)): handler.status_code
        for handler in V1_HANDLERS
        for path in handler.paths
        for method in handler.http_methods
    }
    writes = {key: op for key, op in operations(schema).items() if key[0].lower() in WRITES}
    documented = {
        key: sorted(int(status) for status in op["responses"] if status.startswith("2")) for key, op in writes.items()
    }
    assert documented == {key: [answered[key]] for key in writes}
    assert documented[("PUT", "/v1/registries/{kind}/{record_id}")] == [200]


def test_every_write_documents_the_idempotency_key_it_accepts(schema: dict[str, Any]) -> None:
    writes = {key: op for key, op in operations(schema).items() if key[0].lower() in WRITES}
    undocumented = [
        f"{method} {path}"
        for (method, path), op in sorted(writes.items())
        if "Idempotency-Key" not in {p["name"] for p in op.get("parameters", []) if p["in"] == "header"}
    ]
    assert not undocumented


def test_every_write_documents_the_headers_of_its_answer(schema: dict[str, Any]) -> None:
    """ETag and Idempotent-Replayed on every write's answer; Location where the answer names the record written."""
    writes = {key: op for key, op in operations(schema).items() if key[0].lower() in WRITES}
    documented = {
        key: sorted(
            header for code, answer in op["responses"].items() if code.startswith("2") for header in answer["headers"]
        )
        for key, op in writes.items()
    }
    answers = {"ETag", "Idempotent-Replayed"}
    assert all(answers <= set(headers) for headers in documented.values())
    assert "Location" in documented[("POST", "/v1/cases")]
    assert "Location" not in documented[("POST", "/v1/cases/{case_id}/steps")]

"""Parameters are held to their documented limits before they reach SQL, on each store (issue 12, item 6).

Every integer parameter of the published OpenAPI document has a minimum and a maximum, the maximum written
exactly and below 2^63 (what SQLite's INTEGER and PostgreSQL's BIGINT hold). One past it, 2^63, or 5,000
digits (past Python's int-parsing limit) is 400 naming the parameter; the maximum itself gets an answer the
document lists, never a 500. A NUL in any query parameter, or in a text segment of the path, is 400 (PostgreSQL
text cannot hold one). If-Match is bounded the same way. A 405 and an OPTIONS answer name every method of the
path. The CSV export names its charset once, and the document lists the export's media types.

The parameters come from the document itself, so a parameter added later is held to the same limits.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest

from api.exports import CSV, XLSX
from api.parameters import MAX_INTEGER
from api.problems import PROBLEM_JSON
from tests.api.conftest import World, published_document

BIGINT_PAST = 2**63
DIGITS_5000 = "9" * 5000
DOCUMENT = published_document()

Parameter = tuple[str, str, dict[str, Any]]
"""(method, path template, the parameter as documented)"""


def parameters(location: str) -> Iterator[Parameter]:
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == location:
                    yield method.upper(), path, parameter


def is_integer(parameter: dict[str, Any]) -> bool:
    schema = parameter["schema"]
    return bool(schema.get("type") == "integer" or {"type": "integer"} in schema.get("oneOf", []))


INTEGER_QUERIES = [p for p in parameters("query") if is_integer(p[2])]
QUERIES = list(parameters("query"))


def concrete(world: World, path: str, case_id: UUID) -> str:
    """The path with ids that exist (an unknown one would be refused before the parameter is used)."""
    known = {"case_id": case_id, "institution_id": world.institution_a, "client_id": world.client_id}
    names = {"kind": "staff", "record_id": uuid4(), "evaluation_id": uuid4(), "action_id": uuid4()}
    return path.format(**known, **names)


def alone(method: str, path: str, name: str, value: str) -> dict[str, str]:
    """The parameter with that value, and the operation's other required query parameters at their minimum: so
    that the answer is about this one."""
    required = {
        p["name"]: str(p["schema"].get("minimum", 1))
        for m, pth, p in QUERIES
        if (m, pth) == (method, path) and p.get("required") and p["name"] != name
    }
    return {**required, name: value}


def documented(method: str, path: str, response: httpx.Response) -> bool:
    return str(response.status_code) in DOCUMENT["paths"][path][method.lower()]["responses"]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    return problem


def named(problem: dict[str, Any]) -> set[str]:
    return {error["field"] for error in problem.get("errors") or []}


def test_every_integer_parameter_documents_a_minimum_and_a_maximum_a_bigint_holds() -> None:
    unbounded = [
        f"{method} {path} {p['name']}: {p['schema']}"
        for method, path, p in INTEGER_QUERIES + [q for q in parameters("path") if is_integer(q[2])]
        if not ("minimum" in p["schema"] and p["schema"].get("maximum", BIGINT_PAST) < BIGINT_PAST)
        or p["schema"]["maximum"] != int(p["schema"]["maximum"])
    ]
    assert not unbounded
    names = {p["name"] for _, _, p in INTEGER_QUERIES}
    assert {"offset", "limit", "after", "version", "min_position", "top"} <= names
    assert {p["schema"]["minimum"] for _, _, p in INTEGER_QUERIES if p["name"] == "min_position"} == {0}


def test_an_integer_past_its_maximum_is_400_naming_it(world: World, subtests: pytest.Subtests) -> None:
    case_id = world.open_case()
    for method, path, parameter in INTEGER_QUERIES:
        name = parameter["name"]
        for value in (str(int(parameter["schema"]["maximum"]) + 1), str(BIGINT_PAST), DIGITS_5000):
            with subtests.test(msg=f"{method} {path}?{name}={value[:24]}"):
                url = concrete(world, path, case_id)
                response = world.client.request(
                    method, url, params=alone(method, path, name, value), headers=world.headers("admin")
                )
                assert named(assert_problem(response, 400)) == {name}


def test_an_integer_at_its_maximum_gets_a_documented_answer(world: World, subtests: pytest.Subtests) -> None:
    case_id = world.open_case()
    for method, path, parameter in INTEGER_QUERIES:
        name, maximum = parameter["name"], int(parameter["schema"]["maximum"])
        with subtests.test(msg=f"{method} {path}?{name}={maximum}"):
            url = concrete(world, path, case_id)
            started = time.monotonic()
            response = world.client.request(
                method, url, params=alone(method, path, name, str(maximum)), headers=world.headers("admin")
            )
            assert response.status_code < 500, response.text
            assert documented(method, path, response), response.status_code
            assert time.monotonic() - started < 1, "a min_position past the log is refused at once, not waited for"


def test_a_nul_in_any_query_parameter_is_400_naming_it(world: World, subtests: pytest.Subtests) -> None:
    case_id = world.open_case()
    position = world.store.max_position()
    for method, path, parameter in QUERIES:
        name = parameter["name"]
        with subtests.test(msg=f"{method} {path}?{name}=NUL"):
            url = concrete(world, path, case_id)
            response = world.client.request(
                method, url, params=alone(method, path, name, "a\x00b"), headers=world.headers("admin")
            )
            assert named(assert_problem(response, 400)) == {name}
    assert world.store.max_position() == position


def test_a_nul_in_a_text_path_parameter_is_400(world: World) -> None:
    """(A NUL in a uuid segment matches no route: 404.)"""
    assert_problem(world.client.get("/v1/registries/sta%00ff", headers=world.headers("admin")), 400)


def test_an_if_match_past_a_bigint_is_400_naming_the_header(world: World, subtests: pytest.Subtests) -> None:
    case_id = world.open_case()
    step = {"step": "routes_explained", "recommended": "mediation"}
    order = [kind["code"] for kind in world.client.get("/v1/catalogue", headers=world.headers("admin")).json()]
    writes = [
        ("POST", f"/v1/cases/{case_id}/steps", step, "staff_a"),
        ("PUT", "/v1/catalogue/priority", {"order": order}, "admin"),
    ]
    position = world.store.max_position()
    for method, url, body, who in writes:
        # The key sends the step through the handler; without one it is tried on the event loop first.
        for extra in ({}, {"Idempotency-Key": str(uuid4())}):
            for value in (DIGITS_5000, f'"{DIGITS_5000}"', str(MAX_INTEGER + 1), f'W/"{BIGINT_PAST}"'):
                with subtests.test(msg=f"{method} {url} If-Match: {value[:24]} {extra}"):
                    headers = world.headers(who, **extra, **{"If-Match": value})
                    response = world.client.request(method, url, json=body, headers=headers)
                    assert named(assert_problem(response, 400)) == {"If-Match"}
            with subtests.test(msg=f"{method} {url} If-Match: {MAX_INTEGER} {extra}"):
                headers = world.headers(who, **extra, **{"If-Match": f'"{MAX_INTEGER}"'})
                assert_problem(world.client.request(method, url, json=body, headers=headers), 412)
    assert world.store.max_position() == position


def test_a_min_position_past_the_log_is_400_at_once(world: World) -> None:
    head = world.store.max_position()
    started = time.monotonic()
    response = world.client.get(
        "/v1/ledgers/services", params={"min_position": head + 1}, headers=world.headers("admin")
    )
    assert named(assert_problem(response, 400)) == {"min_position"}
    assert time.monotonic() - started < 1
    caught_up = world.client.get("/v1/ledgers/services", params={"min_position": head}, headers=world.headers("admin"))
    assert caught_up.status_code == 200, caught_up.text


def test_a_405_and_an_options_answer_name_every_method_of_the_path(world: World, subtests: pytest.Subtests) -> None:
    case_id = world.open_case()
    for path, item in DOCUMENT["paths"].items():
        served = {method.upper() for method in item} | {"OPTIONS"}
        url = concrete(world, path, case_id)
        with subtests.test(msg=f"OPTIONS {path}"):
            response = world.client.options(url, headers=world.headers("admin"))
            assert response.status_code == 204, response.text
            assert set(response.headers["allow"].split(", ")) == served
        for method in sorted({"GET", "POST", "PUT", "DELETE", "PATCH"} - served):
            with subtests.test(msg=f"{method} {path}"):
                response = world.client.request(method, url, headers=world.headers("admin"))
                assert_problem(response, 405)
                assert set(response.headers["allow"].split(", ")) == served


def test_the_exports_are_documented_and_the_csv_names_its_charset_once(world: World) -> None:
    content = DOCUMENT["paths"]["/v1/ledgers/services"]["get"]["responses"]["200"]["content"]
    assert set(content) == {"application/json", CSV, XLSX}
    for format, media_type in (("csv", "text/csv; charset=utf-8"), ("xlsx", XLSX)):
        response = world.client.get("/v1/ledgers/services", params={"format": format}, headers=world.headers("admin"))
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == media_type


def test_an_unknown_service_type_of_the_typical_cases_is_a_documented_422(world: World) -> None:
    response = world.client.get("/v1/typical-cases", params={"service_type": "null"}, headers=world.headers("admin"))
    assert assert_problem(response, 422)["known"]
    assert documented("GET", "/v1/typical-cases", response)

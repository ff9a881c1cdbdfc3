"""Every bad input answers an RFC 9457 `application/problem+json` with the right status, and writes nothing.

"Writes nothing" is checked on the global position of the store (`max_position`) and, where a case is the
target, on the case's version. The statuses are those of DESIGN's API contract and of the problem responses
documented in the OpenAPI schema (api/problems.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from litestar.testing import TestClient

from api.app import MAX_BODY_BYTES
from api.problems import PROBLEM_JSON
from domain.catalogue import SERVICE_TYPES
from tests.api.conftest import World

DISPUTE_STEPS = [
    "routes_explained", "mediation_session", "expert_consultation", "mediation_committee_referral",
    "evidence_referral", "litigation_guidance", "parties_followed_up", "archived", "typical_case_written",
]  # fmt: skip
AFTER_ROUTES_EXPLAINED = [
    "mediation_session", "expert_consultation", "mediation_committee_referral", "evidence_referral",
    "litigation_guidance", "parties_followed_up",
]  # fmt: skip


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON), response.headers
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    assert problem["type"]
    assert problem["title"]
    return problem


def error_fields(problem: dict[str, Any]) -> set[str]:
    return {error["field"] for error in problem.get("errors") or []}


@contextmanager
def writes_nothing(world: World, case_id: UUID | None = None) -> Iterator[None]:
    """The store's global position (and the case's version) are the same after the block as before it."""
    position = world.store.max_position()
    version = case_version(world, case_id) if case_id else None
    yield
    assert world.store.max_position() == position, "a refused request must not write"
    if case_id:
        assert case_version(world, case_id) == version


def case_version(world: World, case_id: UUID) -> int:
    response = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("admin"))
    assert response.status_code == 200, response.text
    version: int = response.json()["version"]
    return version


def write_paths(case_id: UUID) -> list[tuple[str, str]]:
    """Every write endpoint, with a key allowed to use it."""
    return [
        ("/v1/institutions", "admin"),
        ("/v1/clients", "staff_a"),
        ("/v1/cases", "staff_a"),
        (f"/v1/cases/{case_id}/steps", "staff_a"),
    ]


def post_raw(world: World, path: str, who: str | None, content: bytes, **headers: str) -> httpx.Response:
    auth = world.headers(who) if who else {}
    return world.client.post(path, content=content, headers={**auth, "Content-Type": "application/json", **headers})


def open_case_body(world: World, **fields: Any) -> dict[str, Any]:
    return {
        "service_type": "dispute_guidance",
        "institution_id": str(world.institution_a),
        "client_id": str(world.client_id),
        "dispute_kind": "infringement",
        "ip_type": "patent",
        **fields,
    }


def explained(world: World) -> UUID:
    """A dispute case at version 2: routes explained."""
    case_id = world.open_case()
    response = world.step(case_id, "routes_explained", recommended="mediation")
    assert response.status_code == 201, response.text
    return case_id


# --- malformed bodies ---------------------------------------------------------------------------------------------

MALFORMED = {
    "truncated": b'{"step": ',
    "unquoted key": b"{bad}",
    "trailing comma": b'{"step": "routes_explained",}',
    "single quotes": b"{'step': 'x'}",
    "empty": b"",
    "two documents": b"{} {}",
    "nan": b"NaN",
}
NOT_AN_OBJECT = {
    "empty array": b"[]",
    "array of object": b'[{"step": "routes_explained"}]',
    "string": b'"routes_explained"',
    "number": b"42",
    "null": b"null",
    "true": b"true",
}


def test_malformed_json_is_400(world: World, subtests: pytest.Subtests) -> None:
    case_id = world.open_case()
    with writes_nothing(world, case_id):
        for label, content in MALFORMED.items():
            for path, who in write_paths(case_id):
                with subtests.test(msg=f"{label} to {path}"):
                    assert_problem(post_raw(world, path, who, content), 400)


def test_json_that_is_not_an_object_is_400(world: World, subtests: pytest.Subtests) -> None:
    case_id = world.open_case()
    with writes_nothing(world, case_id):
        for label, content in NOT_AN_OBJECT.items():
            for path, who in write_paths(case_id):
                with subtests.test(msg=f"{label} to {path}"):
                    assert_problem(post_raw(world, path, who, content), 400)


# --- missing and mistyped fields: every one named -----------------------------------------------------------------


def test_opening_a_case_names_every_missing_or_mistyped_field(world: World) -> None:
    with writes_nothing(world):
        body = open_case_body(world, institution_id="x")
        del body["client_id"]
        problem = assert_problem(world.client.post("/v1/cases", json=body, headers=world.headers("staff_a")), 400)
        assert error_fields(problem) == {"institution_id", "client_id"}

        body = open_case_body(world, institution_id="x", dispute_kind="nope", ip_type=3, effective_at="yesterday")
        problem = assert_problem(world.client.post("/v1/cases", json=body, headers=world.headers("staff_a")), 400)
        assert error_fields(problem) == {"institution_id", "dispute_kind", "ip_type", "effective_at"}

        body = open_case_body(world)
        del body["dispute_kind"], body["ip_type"]
        problem = assert_problem(world.client.post("/v1/cases", json=body, headers=world.headers("staff_a")), 400)
        assert error_fields(problem) == {"dispute_kind", "ip_type"}


def test_a_step_names_every_faulty_field(world: World) -> None:
    case_id = explained(world)
    with writes_nothing(world, case_id):
        problem = assert_problem(world.step(case_id, "mediation_session", mediator=1, outcome="bogus"), 400)
        assert error_fields(problem) == {"mediator", "outcome"}

        problem = assert_problem(
            world.step(case_id, "mediation_session", outcome="agreement", colour="red", parties_present="甲方"), 400
        )
        assert error_fields(problem) == {"mediator", "colour", "parties_present"}

        problem = assert_problem(
            world.client.post(f"/v1/cases/{case_id}/steps", json={"mediator": "王"}, headers=world.headers("staff_a")),
            400,
        )
        assert error_fields(problem) == {"step"}


def test_a_step_names_faulty_envelope_and_payload_fields_together(world: World) -> None:
    case_id = explained(world)
    with writes_nothing(world, case_id):
        problem = assert_problem(
            world.step(case_id, "mediation_session", mediator=1, outcome="bogus", effective_at=5), 400
        )
        assert error_fields(problem) == {"effective_at", "mediator", "outcome"}


def test_a_registration_names_every_faulty_field(world: World) -> None:
    with writes_nothing(world):
        problem = assert_problem(
            world.client.post("/v1/institutions", json={"name": 5, "kind": "bogus"}, headers=world.headers("admin")),
            400,
        )
        assert error_fields(problem) == {"name", "kind"}

        problem = assert_problem(
            world.client.post(
                "/v1/clients", json={"kind": "alien", "designations": "x"}, headers=world.headers("staff_a")
            ),
            400,
        )
        assert error_fields(problem) == {"name", "kind", "designations"}


def test_a_blank_name_is_named(world: World) -> None:
    with writes_nothing(world):
        for path, who, body in [
            ("/v1/institutions", "admin", {"name": "  ", "kind": "tisc"}),
            ("/v1/clients", "staff_a", {"name": "", "kind": "public"}),
        ]:
            problem = assert_problem(world.client.post(path, json=body, headers=world.headers(who)), 400)
            assert error_fields(problem) == {"name"}


# --- unknown codes, refused steps ---------------------------------------------------------------------------------


def test_unknown_service_type_is_422(world: World) -> None:
    with writes_nothing(world):
        response = world.client.post(
            "/v1/cases", json=open_case_body(world, service_type="patent_pooling"), headers=world.headers("staff_a")
        )
        problem = assert_problem(response, 422)
        assert set(problem["known"]) == set(SERVICE_TYPES)
        assert {"dispute_guidance", "rights_assistance"} <= set(problem["known"])


def test_unknown_step_is_422(world: World) -> None:
    case_id = world.open_case()
    with writes_nothing(world, case_id):
        problem = assert_problem(world.step(case_id, "mediated_by_magic"), 422)
        assert problem["known"] == DISPUTE_STEPS


def test_a_step_the_state_does_not_allow_is_409_with_the_allowed_steps(world: World) -> None:
    case_id = world.open_case()
    with writes_nothing(world, case_id):
        problem = assert_problem(world.step(case_id, "archived", archive_no="XN-1", resolution="调解结案"), 409)
        assert problem["allowed_steps"] == ["routes_explained"]

    assert world.step(case_id, "routes_explained").status_code == 201
    with writes_nothing(world, case_id):
        problem = assert_problem(world.step(case_id, "routes_explained"), 409)  # not repeatable
        assert problem["allowed_steps"] == AFTER_ROUTES_EXPLAINED
        state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
        assert problem["allowed_steps"] == [s["code"] for s in state["allowed_next_steps"]]


def test_a_closed_case_allows_only_its_write_up(world: World) -> None:
    case_id = explained(world)
    assert world.step(case_id, "parties_followed_up", contacted=["申请人"], result="已和解").status_code == 201
    assert world.step(case_id, "archived", archive_no="XN-2", resolution="和解").status_code == 201
    with writes_nothing(world, case_id):
        problem = assert_problem(world.step(case_id, "mediation_session", mediator="王", outcome="agreement"), 409)
        assert problem["allowed_steps"] == ["typical_case_written"]


# --- unknown ids, other institutions ------------------------------------------------------------------------------


def test_unknown_ids_are_404(world: World) -> None:
    unknown = uuid4()
    with writes_nothing(world):
        for path in [
            f"/v1/cases/{unknown}",
            f"/v1/cases/{unknown}/history",
            f"/v1/institutions/{unknown}",
            f"/v1/clients/{unknown}",
            f"/v1/cases/{world.institution_a}",
            f"/v1/clients/{world.institution_a}",
            f"/v1/institutions/{world.client_id}",
            "/v1/cases/not-a-uuid",
        ]:
            assert_problem(world.client.get(path, headers=world.headers("admin")), 404)
        assert_problem(world.step(unknown, "routes_explained", who="admin"), 404)
        assert_problem(world.step(world.institution_a, "routes_explained", who="admin"), 404)


def test_a_problem_carries_the_request_id(world: World) -> None:
    response = world.client.get(f"/v1/cases/{uuid4()}", headers=world.headers("admin"))
    problem = assert_problem(response, 404)
    assert problem["request_id"]
    assert response.headers["x-request-id"] == problem["request_id"]


def test_a_routing_problem_carries_the_request_id(world: World) -> None:
    for response, status in [
        (world.client.get("/v1/cases/not-a-uuid", headers=world.headers("admin")), 404),
        (world.client.delete("/v1/cases", headers=world.headers("admin")), 405),
    ]:
        problem = assert_problem(response, status)
        assert response.headers.get("x-request-id")
        assert problem.get("request_id") == response.headers["x-request-id"]


def test_opening_a_case_for_an_unknown_institution_or_client_is_404(world: World) -> None:
    with writes_nothing(world):
        for field in ("institution_id", "client_id"):
            response = world.client.post(
                "/v1/cases", json=open_case_body(world, **{field: str(uuid4())}), headers=world.headers("admin")
            )
            problem = assert_problem(response, 404)
            assert error_fields(problem) == {field}


def test_another_institutions_case_is_404_and_unchanged(world: World) -> None:
    case_id = explained(world)
    with writes_nothing(world, case_id):
        assert_problem(world.step(case_id, "mediation_session", who="staff_b", mediator="王", outcome="agreement"), 404)
        response = world.client.post(
            f"/v1/cases/{case_id}/steps",
            json={"step": "mediation_session"},
            headers=world.headers("staff_b", **{"If-Match": '"2"'}),
        )
        assert_problem(response, 404)  # not 412: the version of a confidential case is not disclosed either
        assert_problem(world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_b")), 404)


# --- size, preconditions, keys ------------------------------------------------------------------------------------


def padded(body: dict[str, Any], size: int) -> bytes:
    """`body` with a `note` long enough that the encoded JSON is exactly `size` bytes."""
    bare = len(json.dumps({**body, "note": ""}).encode())
    content = json.dumps({**body, "note": "x" * (size - bare)}).encode()
    assert len(content) == size
    return content


def test_a_body_over_1_mib_is_413(world: World) -> None:
    case_id = world.open_case()
    with writes_nothing(world, case_id):
        for path, who in write_paths(case_id):
            problem = assert_problem(post_raw(world, path, who, padded({"step": "nope"}, MAX_BODY_BYTES + 1)), 413)
            assert "1 MiB" in problem["detail"]
        # exactly 1 MiB is read (and refused for what it says, here an unknown step)
        assert_problem(
            post_raw(world, f"/v1/cases/{case_id}/steps", "staff_a", padded({"step": "nope"}, MAX_BODY_BYTES)), 422
        )


def test_a_streamed_body_over_1_mib_is_413(world: World) -> None:
    case_id = world.open_case()
    chunks = [b'{"step": "routes_explained", "note": "', *[b"x" * 65536] * 17, b'"}']
    with writes_nothing(world, case_id):
        response = world.client.post(
            f"/v1/cases/{case_id}/steps",
            content=iter(chunks),
            headers=world.headers("staff_a", **{"Content-Type": "application/json"}),
        )
        assert_problem(response, 413)


def test_a_stale_if_match_is_412_and_a_malformed_one_400(world: World) -> None:
    case_id = explained(world)
    body = {"step": "mediation_session", "mediator": "王调解员", "outcome": "adjourned"}
    with writes_nothing(world, case_id):
        for stale in ['"1"', "1", 'W/"1"', '"3"']:
            response = world.client.post(
                f"/v1/cases/{case_id}/steps", json=body, headers=world.headers("staff_a", **{"If-Match": stale})
            )
            problem = assert_problem(response, 412)
            assert problem["current_version"] == 2
        for malformed in ['"abc"', "abc", "", '"2"x']:
            response = world.client.post(
                f"/v1/cases/{case_id}/steps", json=body, headers=world.headers("staff_a", **{"If-Match": malformed})
            )
            assert error_fields(assert_problem(response, 400)) == {"If-Match"}
    response = world.client.post(
        f"/v1/cases/{case_id}/steps", json=body, headers=world.headers("staff_a", **{"If-Match": '"2"'})
    )
    assert response.status_code == 201, response.text


def test_no_key_or_a_bad_key_is_401(world: World) -> None:
    case_id = world.open_case()
    valid = {
        "/v1/institutions": {"name": "新机构", "kind": "tisc"},
        "/v1/clients": {"name": "王五", "kind": "public"},
        "/v1/cases": open_case_body(world),
        f"/v1/cases/{case_id}/steps": {"step": "routes_explained"},
    }
    with writes_nothing(world, case_id):
        for path, body in valid.items():
            for headers in [{}, {"Authorization": "Bearer ipps_nope_nope"}, {"Authorization": "Basic YTpi"}]:
                response = world.client.post(path, json=body, headers=headers)
                assert_problem(response, 401)
                assert response.headers["www-authenticate"].lower().startswith("bearer")


def test_an_idempotency_key_reused_for_another_request_is_422(world: World) -> None:
    case_id = explained(world)
    key = {"Idempotency-Key": "step-1"}
    first = world.client.post(
        f"/v1/cases/{case_id}/steps",
        headers=world.headers("staff_a", **key),
        json={"step": "mediation_session", "mediator": "王", "outcome": "adjourned"},
    )
    assert first.status_code == 201, first.text
    with writes_nothing(world, case_id):
        response = world.client.post(
            f"/v1/cases/{case_id}/steps",
            headers=world.headers("staff_a", **key),
            json={"step": "mediation_session", "mediator": "王", "outcome": "agreement"},
        )
        assert_problem(response, 422)
        response = world.client.post(
            f"/v1/cases/{case_id}/steps",
            json={"step": "expert_consultation"},
            headers=world.headers("staff_a", **{"Idempotency-Key": "k" * 256}),
        )
        assert_problem(response, 400)


# --- effective time -----------------------------------------------------------------------------------------------


def test_effective_at_in_the_future_or_before_the_case_was_opened_is_422(world: World) -> None:
    case_id = world.open_case()
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    long_ago = "2020-01-01T09:00:00+08:00"
    with writes_nothing(world, case_id):
        assert_problem(world.step(case_id, "routes_explained", effective_at=future), 422)
        assert_problem(world.step(case_id, "routes_explained", effective_at=long_ago), 422)
        response = world.client.post(
            "/v1/cases", json=open_case_body(world, effective_at=future), headers=world.headers("staff_a")
        )
        assert_problem(response, 422)


def test_a_naive_effective_at_is_400_naming_the_field(world: World) -> None:
    case_id = world.open_case()
    with writes_nothing(world, case_id):
        problem = assert_problem(world.step(case_id, "routes_explained", effective_at="2026-01-05T09:00:00"), 400)
        assert error_fields(problem) == {"effective_at"}
        response = world.client.post(
            "/v1/cases",
            json=open_case_body(world, effective_at="2026-01-05T09:00:00"),
            headers=world.headers("staff_a"),
        )
        assert error_fields(assert_problem(response, 400)) == {"effective_at"}


# --- query parameters ---------------------------------------------------------------------------------------------

BAD_QUERIES = [
    ("/v1/ledgers/services", "limit=0", "limit"),
    ("/v1/ledgers/services", "limit=abc", "limit"),
    ("/v1/ledgers/services", "limit=1001", "limit"),
    ("/v1/ledgers/services", "limit=", "limit"),
    ("/v1/ledgers/services", "offset=-1", "offset"),
    ("/v1/ledgers/services", "sort=bogus", "sort"),
    ("/v1/ledgers/services", "format=pdf", "format"),
    ("/v1/ledgers/services", "institution_id=nope", "institution_id"),
    ("/v1/ledgers/services", "client_id=1", "client_id"),
    ("/v1/ledgers/services", "min_position=-1", "min_position"),
    ("/v1/ledgers/services", "opened_from=last-week", "opened_from"),
    ("/v1/ledgers/services", "opened_to=2026-01-01T00:00:00", "opened_to"),
    ("/v1/events", "limit=0", "limit"),
    ("/v1/events", "after=-1", "after"),
    ("/v1/events", "after=abc", "after"),
    ("/v1/institutions", "kind=bank", "kind"),
    ("/v1/institutions", "min_position=abc", "min_position"),
    ("/v1/cases/{case}", "version=0", "version"),
    ("/v1/cases/{case}", "version=-1", "version"),
    ("/v1/cases/{case}", "version=abc", "version"),
    ("/v1/cases/{case}", "as_of=yesterday", "as_of"),
]


def test_bad_query_parameters_are_400_naming_the_parameter(world: World, subtests: pytest.Subtests) -> None:
    case_id = world.open_case()
    for path, query, name in BAD_QUERIES:
        with subtests.test(msg=f"{path}?{query}"):
            response = world.client.get(f"{path.format(case=case_id)}?{query}", headers=world.headers("admin"))
            assert error_fields(assert_problem(response, 400)) == {name}


def test_a_naive_as_of_is_400_naming_the_parameter(world: World) -> None:
    case_id = world.open_case()
    response = world.client.get(
        f"/v1/cases/{case_id}", params={"as_of": "2026-01-05T09:00:00"}, headers=world.headers("admin")
    )
    assert error_fields(assert_problem(response, 400)) == {"as_of"}


def test_unknown_codes_in_ledger_filters_are_422(world: World) -> None:
    for query in ("service_type=patent_pooling", "status=pending"):
        problem = assert_problem(world.client.get(f"/v1/ledgers/services?{query}", headers=world.headers("admin")), 422)
        assert problem["known"]


def test_as_of_before_the_case_existed_is_404(world: World) -> None:
    case_id = world.open_case()
    response = world.client.get(
        f"/v1/cases/{case_id}", params={"as_of": "2020-01-01T00:00:00+08:00"}, headers=world.headers("staff_a")
    )
    assert_problem(response, 404)


def test_a_version_the_case_has_not_reached_is_404(world: World) -> None:
    case_id = explained(world)
    response = world.client.get(f"/v1/cases/{case_id}", params={"version": 3}, headers=world.headers("staff_a"))
    assert_problem(response, 404)


# --- the OpenAPI schema documents the problems --------------------------------------------------------------------


def test_openapi_documents_the_problems_of_recording_a_step(api: TestClient[Any]) -> None:
    schema = api.get("/schema/openapi.json").json()
    responses = schema["paths"]["/v1/cases/{case_id}/steps"]["post"]["responses"]
    for status in ("400", "401", "403", "404", "409", "412", "413", "422"):
        assert status in responses, status
        assert list(responses[status]["content"]) == [PROBLEM_JSON], status
        assert responses[status]["description"]
    for path, operations in schema["paths"].items():
        if path.startswith("/v1/"):
            for method, operation in operations.items():
                for status in ("401", "403"):
                    assert PROBLEM_JSON in operation["responses"][status]["content"], (method, path, status)
                if method == "post":
                    for status in ("400", "413", "422"):
                        assert PROBLEM_JSON in operation["responses"][status]["content"], (method, path, status)


# --- robustness sweep ---------------------------------------------------------------------------------------------

ODD_BODIES: dict[str, bytes] = {
    "null": b"null",
    "zero": b"0",
    "empty string": b'""',
    "empty object": b"{}",
    "false": b"false",
    "step null": b'{"step": null}',
    "step 1": b'{"step": 1}',
    "step list": b'{"step": ["routes_explained"]}',
    "step object": b'{"step": {"code": "routes_explained"}}',
    "everything null": json.dumps(
        dict.fromkeys(["service_type", "institution_id", "client_id", "name", "kind", "step", "effective_at", "note"])
    ).encode(),
    "wrong types everywhere": json.dumps(
        {
            "service_type": 1,
            "institution_id": 2,
            "client_id": [],
            "name": {},
            "kind": 3.5,
            "step": False,
            "effective_at": "yesterday",
        }
    ).encode(),
    "nested junk": json.dumps(
        {
            "step": {"a": [1, {"b": [None, {"c": [[[[{}]]]]}]}]},
            "name": {"x": [1.5, -0.0]},
            "kind": [[["tisc"]]],
            "service_type": {"": {"": {}}},
            "note": [[[[[[]]]]]],
        }
    ).encode(),
    "moderately deep": b'{"step": "routes_explained", "note": ' + b"[" * 200 + b"]" * 200 + b"}",
    "10k-char fields": json.dumps(
        {key: "x" * 10_000 for key in ["step", "service_type", "name", "kind", "institution_id", "client_id"]}
    ).encode(),
    "10k-char name": json.dumps(
        {"name": "名" * 10_000, "kind": "public", "step": "routes_explained", "mediator": "x" * 10_000}
    ).encode(),
    "unicode": json.dumps(
        {
            "step": "调解🙂",
            "service_type": "纠纷应对指导",
            "name": "知识产权\u200b工作站",
            "kind": "工作站",
            "note": "\u202e\ufeff",
        },
        ensure_ascii=False,
    ).encode(),
    "escaped unicode": json.dumps({"step": "调解🙂", "kind": "公众", "name": "李"}, ensure_ascii=True).encode(),
    "lone surrogate": b'{"step": "\\ud800", "name": "\\udfff", "kind": "public"}',
    "huge numbers": b'{"step": 1e400, "name": 123456789012345678901234567890, "institution_id": -1e-400}',
    "duplicate keys": b'{"step": "routes_explained", "step": "nope", "kind": "tisc", "kind": 5}',
    "byte order mark": b'\xef\xbb\xbf{"step": "routes_explained"}',
    "control characters": b'{"step": "routes\x01explained"}',
}


def test_odd_bodies_never_cause_a_500(world: World, subtests: pytest.Subtests) -> None:
    case_id = explained(world)
    for path, who in write_paths(case_id):
        for label, content in ODD_BODIES.items():
            with subtests.test(msg=f"{label} to {path}"):
                response = post_raw(world, path, who, content)
                assert response.status_code < 500, response.text
                if response.status_code >= 400:
                    assert_problem(response, response.status_code)


def test_deeply_nested_json_is_400_not_500(world: World) -> None:
    case_id = world.open_case()
    deep_array = b"[" * 10_000 + b"]" * 10_000
    deep_in_field = b'{"step": "routes_explained", "note": ' + b'{"a": ' * 5_000 + b"1" + b"}" * 5_001
    with writes_nothing(world, case_id):
        for path, who in write_paths(case_id):
            for content in (deep_array, deep_in_field):
                assert_problem(post_raw(world, path, who, content), 400)


def test_a_body_that_is_not_utf8_is_400_not_500(world: World) -> None:
    case_id = world.open_case()
    with writes_nothing(world, case_id):
        for path, who in write_paths(case_id):
            for content in (b'{"name": "\xff\xfe", "kind": "tisc"}', b'{"step": "\xc3"}', b'"\xe8\xb0"'):
                assert_problem(post_raw(world, path, who, content), 400)


def test_a_nul_character_does_not_poison_the_read_models(world: World) -> None:
    """A NUL (\\u0000) is valid JSON. Either it is refused (400) or it is stored and the read models stay live."""
    response = world.client.post(
        "/v1/institutions", json={"name": "西宁\u0000工作站", "kind": "tisc"}, headers=world.headers("admin")
    )
    if response.status_code >= 400:
        assert error_fields(assert_problem(response, 400)) == {"name"}
        return
    assert response.status_code == 201, response.text
    created = response.json()["id"]
    deadline = time.monotonic() + 5
    while True:  # until the registry shows it; a stopped projection makes /ready 503 at once
        ready = world.client.get("/ready")
        assert ready.status_code == 200, ready.text
        listed = world.client.get("/v1/institutions", headers=world.headers("admin"))
        assert listed.status_code == 200, listed.text
        if created in {row["id"] for row in listed.json()}:
            break
        assert time.monotonic() < deadline, "the registry read model never showed the institution"
        time.sleep(0.02)

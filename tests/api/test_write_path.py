"""Opening a case and recording a step over HTTP: one handler each, one command path, the same answer whether
this process kept the case (and its institution and client) or read them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from httpx import Response

from tests.api.conftest import World

NEED = {"description": "外观设计被仿冒，需取证指导"}
PER_REQUEST = {"x-request-id", "x-correlation-id"}
JSON = "application/json"


def post_open(world: World, who: str = "staff_a", **headers: str) -> Response:
    return world.client.post(
        "/v1/cases", json=world.case_body("rights_assistance"), headers=world.headers(who, **headers)
    )


def answer(response: Response) -> tuple[int, dict[str, str], dict[str, Any]]:
    """What a client sees, but for the ids that differ from request to request."""
    body = response.json()
    headers = {k: v for k, v in response.headers.items() if k not in PER_REQUEST}
    if "location" in headers:
        assert headers.pop("location") == f"/v1/cases/{body['id']}"
    assert int(headers.pop("content-length")) == len(response.content)
    return response.status_code, headers, {"version": body["version"], "positioned": body["position"] > 0}


def test_a_write_is_answered_alike_whatever_this_process_kept(world: World) -> None:
    read = post_open(world)  # its institution and client are read from the store, and kept from here on
    kept = post_open(world)
    case_id = UUID(kept.json()["id"])
    stepped_kept = world.step(case_id, "need_collected", **NEED)  # the case as this process saved it
    assert world.store.cases.check_out(UUID(read.json()["id"])) is not None
    stepped_read = world.step(UUID(read.json()["id"]), "need_collected", **NEED)  # the case read from the store

    opened_answer = (201, {"etag": '"1"', "content-type": JSON}, {"version": 1, "positioned": True})
    assert answer(read) == answer(kept) == opened_answer
    stepped_answer = (201, {"etag": '"2"', "content-type": JSON}, {"version": 2, "positioned": True})
    assert answer(stepped_kept) == answer(stepped_read) == stepped_answer
    assert kept.headers["x-request-id"] != stepped_kept.headers["x-request-id"]

    history = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("staff_a")).json()
    assert [e["position"] for e in history["events"]] == [kept.json()["position"], stepped_kept.json()["position"]]
    assert [e["correlation_id"] for e in history["events"]] == [
        r.headers["x-correlation-id"] for r in (kept, stepped_kept)
    ]
    assert [e["causation_id"] for e in history["events"]] == [r.headers["x-request-id"] for r in (kept, stepped_kept)]
    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    assert [(s["code"], s["payload"]["description"]) for s in state["steps"]] == [
        ("need_collected", NEED["description"])
    ]


def test_refusals_on_a_kept_case_save_nothing_and_the_next_write_lands(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")  # kept, just opened

    refused = world.step(case_id, "guidance_given", kind="evidence", content="先取证")  # the need comes first
    assert refused.status_code == 409, refused.text
    assert refused.json()["allowed_steps"] == ["need_collected"]
    faulty = world.step(case_id, "need_collected", description=7, colour="red")
    assert faulty.status_code == 400, faulty.text
    assert {e["field"] for e in faulty.json()["errors"]} == {"description", "colour"}
    stale = world.client.post(
        f"/v1/cases/{case_id}/steps",
        json={"step": "need_collected", **NEED},
        headers=world.headers("staff_a", **{"If-Match": '"5"'}),
    )
    assert stale.status_code == 412, stale.text
    assert stale.json()["current_version"] == 1

    done = world.step(case_id, "need_collected", **NEED)
    assert done.status_code == 201, done.text
    assert done.json()["version"] == 2
    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    assert [(s["code"], s["payload"]["description"]) for s in state["steps"]] == [
        ("need_collected", NEED["description"])
    ]  # nothing else saved


def test_a_request_with_an_idempotency_key_is_answered_once_and_then_replayed(world: World) -> None:
    world.open_case(service_type="rights_assistance")
    first, again = (post_open(world, **{"Idempotency-Key": "open-1"}) for _ in range(2))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers


def test_keys_and_permissions_are_checked_before_anything_is_decided(world: World) -> None:
    world.open_case(service_type="rights_assistance")
    world.keys["unknown"] = "nope"
    unknown, viewer = post_open(world, "unknown"), post_open(world, "viewer")
    assert (unknown.status_code, viewer.status_code) == (401, 403)
    other_institution = post_open(world, "staff_b")
    assert other_institution.status_code == 403, other_institution.text
    assert other_institution.json()["detail"] == "this key may open cases only for its own institution"

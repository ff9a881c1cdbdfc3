"""Idempotency-Key on every write: same key and body -> the first answer, no new event; other body -> 422."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import World
from tests.api.test_concurrency import race


def test_replayed_open_case_returns_first_answer_and_no_new_event(world: World) -> None:
    body = {
        "service_type": "rights_assistance",
        "institution_id": str(world.institution_a),
        "client_id": str(world.client_id),
        "ip_type": "copyright",
    }
    headers = world.headers("staff_a", **{"Idempotency-Key": "open-0001"})
    first = world.client.post("/v1/cases", json=body, headers=headers)
    head = world.store.max_position()
    again = world.client.post("/v1/cases", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert world.store.max_position() == head


def test_replayed_step_returns_first_answer_and_no_new_event(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    body = {"step": "need_collected", "description": "集成电路布图设计被复制"}
    headers = world.headers("staff_a", **{"Idempotency-Key": "step-0001"})
    first = world.client.post(f"/v1/cases/{case_id}/steps", json=body, headers=headers)
    # Same key and body even after other steps: still the first answer, not a refusal of the state.
    assert world.step(case_id, "guidance_given", kind="evidence_collection", content="取证").status_code == 201
    again = world.client.post(f"/v1/cases/{case_id}/steps", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() == {"id": str(case_id), "version": 2, "position": first.json()["position"]}
    history = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("staff_a")).json()
    assert [e["step"] for e in history["events"]] == [None, "need_collected", "guidance_given"]
    assert history["events"][1]["causation_id"] == "step-0001"


def test_same_key_other_body_is_422_and_stores_nothing(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    headers = world.headers("staff_a", **{"Idempotency-Key": "step-0002"})
    first = world.client.post(
        f"/v1/cases/{case_id}/steps", json={"step": "need_collected", "description": "甲"}, headers=headers
    )
    assert first.status_code == 201
    head = world.store.max_position()
    other = world.client.post(
        f"/v1/cases/{case_id}/steps", json={"step": "need_collected", "description": "乙"}, headers=headers
    )
    assert other.status_code == 422
    assert other.headers["content-type"] == "application/problem+json"
    assert world.store.max_position() == head


def test_keys_belong_to_their_principal(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    body = {"step": "need_collected", "description": "同一个键"}
    a = world.client.post(
        f"/v1/cases/{case_id}/steps", json=body, headers=world.headers("staff_a", **{"Idempotency-Key": "k"})
    )
    b = world.client.post(
        f"/v1/cases/{case_id}/steps", json=body, headers=world.headers("integration_a", **{"Idempotency-Key": "k"})
    )
    assert a.status_code == 201
    assert b.status_code == 409  # a new request of another principal: need_collected is done already


def test_concurrent_requests_with_one_key_make_one_event(world: World) -> None:
    for n in range(5):
        case_id = world.open_case(service_type="rights_assistance")
        assert world.step(case_id, "need_collected", description="并发").status_code == 201
        body = {"step": "guidance_given", "kind": "procedure_consultation", "content": "同时提交"}
        headers = world.headers("staff_a", **{"Idempotency-Key": f"race-{n}"})

        def send(case_id: Any = case_id, body: Any = body, headers: Any = headers) -> Any:
            return world.client.post(f"/v1/cases/{case_id}/steps", json=body, headers=headers)

        first, second = race(send, send)
        assert first.status_code == second.status_code == 201
        assert first.json() == second.json()
        state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
        assert state["version"] == 3

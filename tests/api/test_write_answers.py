"""What a write answers, on both stores: the id (and Location) of what it wrote, and `position`, the global
position of the LAST event it wrote, so that `min_position=position` on any read model waits for all of it;
a replay under the same Idempotency-Key answers the same."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tests.api.conftest import World
from tests.api.test_rule_ip_ledger import ENTRY, open_guidance

GOOD = {"professional_level": 5, "attitude": 5, "content": 4, "quality": 4, "satisfaction": 5}
LOW = {**GOOD, "attitude": 1}


def head(world: World) -> int:
    position: int = world.client.get("/v1/events", params={"limit": 1}, headers=world.headers("supervisor")).json()[
        "head"
    ]
    return position


def post(world: World, path: str, body: dict[str, Any], key: str | None = None) -> Any:
    headers = world.headers("staff_a", **({"Idempotency-Key": key} if key else {}))
    response = world.client.post(path, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response


def test_an_evaluation_answers_its_own_id_and_location(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    form = {"respondent": "钱六", "channel": "phone", "comment": "等待时间太长", **LOW}
    response = post(world, f"/v1/cases/{case_id}/evaluations", form)
    answer = response.json()
    (listed,) = world.client.get(f"/v1/cases/{case_id}/evaluations", headers=world.headers("staff_a")).json()
    assert answer["id"] == listed["id"]
    assert response.headers["location"] == f"/v1/cases/{case_id}/evaluations/{listed['id']}"
    addressed = world.client.get(response.headers["location"], headers=world.headers("staff_a"))
    assert addressed.status_code == 200, addressed.text
    assert addressed.json() == listed
    # the low score's corrective action was written last: the answer's position is its event's
    assert answer["position"] == head(world)
    actions = world.client.get(
        "/v1/corrective-actions", params={"min_position": answer["position"]}, headers=world.headers("staff_a")
    ).json()
    assert [a["proposed_by_evaluation"] for a in actions] == [True]

    visit = post(
        world,
        f"/v1/cases/{case_id}/evaluations/{answer['id']}/follow-ups",
        {"visited_by": "孙主任", "outcome": "已道歉", "resolved": True},
    )
    assert visit.json()["id"] == answer["id"]
    assert visit.headers["location"] == response.headers["location"]
    assert visit.json()["position"] == head(world)
    followed = world.client.get(response.headers["location"], headers=world.headers("staff_a")).json()
    assert followed["follow_ups"][0]["visited_by"] == "孙主任"


def test_an_evaluation_is_addressed_within_its_case_and_scope(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    evaluation = post(world, f"/v1/cases/{case_id}/evaluations", {"respondent": "张三", "channel": "phone", **GOOD})
    location = evaluation.headers["location"]
    assert world.client.get(location, headers=world.headers("staff_b")).status_code == 404
    other_case = world.open_case(service_type="rights_assistance")
    elsewhere = f"/v1/cases/{other_case}/evaluations/{evaluation.json()['id']}"
    assert world.client.get(elsewhere, headers=world.headers("staff_a")).status_code == 404


def test_a_step_with_a_companion_answers_the_position_of_its_last_event(world: World) -> None:
    case_id = open_guidance(world, world.client_id)
    step = {"step": "ledger_entry_recorded", **ENTRY, "application_no": "CN202510234567.8"}
    answer = post(world, f"/v1/cases/{case_id}/steps", step).json()
    assert answer["id"] == str(case_id)
    assert answer["version"] == 2
    assert answer["position"] == head(world)
    ledger = world.client.get(
        f"/v1/clients/{world.client_id}/ip-ledger",
        params={"min_position": answer["position"]},
        headers=world.headers("staff_a"),
    )
    assert ledger.status_code == 200, ledger.text
    assert "202510234567.8" in ledger.text


def test_a_replay_answers_what_the_write_answered(world: World) -> None:
    """The same key and body again: the same id, version and position (the last event's), though other writes
    came in between."""
    case_id = open_guidance(world, world.client_id)
    step = {"step": "ledger_entry_recorded", **ENTRY, "application_no": "CN202510234567.8"}
    first = post(world, f"/v1/cases/{case_id}/steps", step, key="ledger-1").json()
    rated = world.open_case(service_type="rights_assistance")
    form = {"respondent": "钱六", "channel": "phone", "comment": "等待时间太长", **LOW}
    evaluation = post(world, f"/v1/cases/{rated}/evaluations", form, key="evaluation-1")
    world.open_case()  # a later write: the replays must not answer the head
    again = world.client.post(
        f"/v1/cases/{case_id}/steps", json=step, headers=world.headers("staff_a", **{"Idempotency-Key": "ledger-1"})
    )
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json() == first
    replayed = world.client.post(
        f"/v1/cases/{rated}/evaluations",
        json=form,
        headers=world.headers("staff_a", **{"Idempotency-Key": "evaluation-1"}),
    )
    assert replayed.headers.get("idempotent-replayed") == "true"
    assert replayed.json() == evaluation.json()
    assert replayed.headers["location"] == evaluation.headers["location"]
    assert UUID(replayed.json()["id"]) != rated


def test_position_is_documented(world: World) -> None:
    schema = world.client.get("/schema/openapi.json").json()
    described = schema["components"]["schemas"]["WriteResponse"]["properties"]
    assert "last event" in described["position"]["description"]
    assert "min_position" in described["position"]["description"]
    assert described["id"]["description"]

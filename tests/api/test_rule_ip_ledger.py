"""5.1.5.a through the API, on both stores: a right (by its application number) is in a client's IP ledger
once, whichever case records it. The second recording is a 409 problem and leaves nothing behind; another
client may hold the same number; two cases racing to record the same right land exactly once."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from domain.ip_ledger import ClientIpLedger
from tests.api.conftest import World
from tests.api.test_concurrency import race

ROUNDS = 5
ENTRY = {
    "ip_type": "patent",
    "title": "一种盐湖卤水提锂吸附剂及其制备方法",
    "status": "examining",
    "filed_on": "2025-02-18",
}


def register_client(world: World, name: str) -> UUID:
    body = {"name": name, "kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "medium"}
    response = world.client.post("/v1/clients", json=body, headers=world.headers("staff_a"))
    assert response.status_code == 201, response.text
    return UUID(response.json()["id"])


def open_guidance(world: World, client_id: UUID) -> UUID:
    body = {
        "service_type": "application_guidance",
        "institution_id": str(world.institution_a),
        "client_id": str(client_id),
        "has_ip_activity": True,
        "summary": "企业专利台账整理",
    }
    response = world.client.post("/v1/cases", json=body, headers=world.headers("staff_a"))
    assert response.status_code == 201, response.text
    return UUID(response.json()["id"])


def record(world: World, case_id: UUID, application_no: str) -> Any:
    return world.step(case_id, "ledger_entry_recorded", **ENTRY, application_no=application_no)


def ledger_of(world: World, client_id: UUID) -> ClientIpLedger:
    ledger = world.store.get(ClientIpLedger.create_id(client_id), ClientIpLedger)
    assert ledger is not None
    return ledger


def case_state(world: World, case_id: UUID) -> dict[str, Any]:
    body: dict[str, Any] = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    return body


def test_5_1_5_a_a_right_in_the_ledger_is_refused_to_another_case_of_the_client(world: World) -> None:
    first, second = open_guidance(world, world.client_id), open_guidance(world, world.client_id)
    assert record(world, first, "CN202510234567.8").status_code == 201
    refused = record(world, second, "202510234567.8")
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["type"] == "/problems/rule-broken"
    assert "5.1.5.a" in problem["detail"]
    assert "202510234567.8" in problem["detail"]
    state = case_state(world, second)
    assert state["version"] == 1
    assert state["steps"] == []
    history = world.client.get(f"/v1/cases/{second}/history", headers=world.headers("supervisor")).json()
    assert len(history["events"]) == 1
    ledger = ledger_of(world, world.client_id)
    assert list(ledger.entries) == ["202510234567.8"]
    assert ledger.version == 2


def test_5_1_5_a_the_ledger_events_are_in_the_feed_with_their_clause(world: World) -> None:
    case_id = open_guidance(world, world.client_id)
    assert record(world, case_id, "CN202510234567.8").status_code == 201
    feed = world.client.get("/v1/events", headers=world.headers("supervisor")).json()
    ledger_id = str(ClientIpLedger.create_id(world.client_id))
    mine = [e for e in feed["events"] if e["aggregate_id"] == ledger_id]
    assert [(e["event"], e["clause"]) for e in mine] == [("started", "5.1.5.a"), ("entry_recorded", "5.1.5.a")]
    assert mine[1]["data"]["entry"]["application_no"] == "CN202510234567.8"


def test_5_1_5_a_other_rights_and_other_clients_are_not_refused(world: World) -> None:
    other_client = register_client(world, "西宁高原生物制药有限公司")
    case_id = open_guidance(world, world.client_id)
    assert record(world, case_id, "CN202510234567.8").status_code == 201
    assert record(world, case_id, "CN202510234568.6").status_code == 201
    theirs = open_guidance(world, other_client)
    assert record(world, theirs, "CN202510234567.8").status_code == 201
    assert sorted(ledger_of(world, world.client_id).entries) == ["202510234567.8", "202510234568.6"]
    assert list(ledger_of(world, other_client).entries) == ["202510234567.8"]


def test_5_1_5_a_two_cases_racing_for_a_new_ledger_record_the_right_once(world: World) -> None:
    for n in range(ROUNDS):
        client_id = register_client(world, f"青海光伏新能源科技有限公司{n}")  # no ledger yet: both make it
        first, second = open_guidance(world, client_id), open_guidance(world, client_id)
        results = race(
            partial(record, world, first, "CN202510000001.X"), partial(record, world, second, "CN202510000001.X")
        )
        assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
        loser = second if results[1].status_code == 409 else first
        assert case_state(world, loser)["steps"] == []
        ledger = ledger_of(world, client_id)
        assert list(ledger.entries) == ["202510000001.X"]
        assert ledger.version == 2


def test_5_1_5_a_two_cases_racing_on_an_existing_ledger_record_the_right_once(world: World) -> None:
    seed = open_guidance(world, world.client_id)
    assert record(world, seed, "CN202410999999.1").status_code == 201
    for n in range(ROUNDS):
        number = f"CN20251000000{n}.0"
        first, second = open_guidance(world, world.client_id), open_guidance(world, world.client_id)
        results = race(partial(record, world, first, number), partial(record, world, second, number))
        assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
        assert sum(len(case_state(world, c)["steps"]) for c in (first, second)) == 1
        ledger = ledger_of(world, world.client_id)
        assert len(ledger.entries) == n + 2
        assert ledger.version == n + 3

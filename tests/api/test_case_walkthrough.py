"""The README's walk-through, on both stores: open a dispute, record its steps, read history and ledger."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import World


def test_5_1_7_dispute_walkthrough_history_and_ledger(world: World) -> None:
    case_id = world.open_case()
    steps: list[tuple[str, dict[str, Any]]] = [
        ("routes_explained", {"recommended": "mediation"}),
        ("mediation_session", {"mediator": "李调解员", "outcome": "adjourned"}),
        ("mediation_session", {"mediator": "李调解员", "outcome": "agreement"}),
        ("parties_followed_up", {"contacted": ["申请人"], "result": "已履行调解协议"}),
        ("archived", {"archive_no": "XN-2026-001", "resolution": "调解结案"}),
        (
            "typical_case_written",
            {"title": "光伏组件专利侵权纠纷调解案", "summary": "经两次调解达成协议", "tags": ["光伏"]},
        ),
    ]
    position = 0
    for version, (code, payload) in enumerate(steps, start=2):
        response = world.step(case_id, code, **payload)
        assert response.status_code == 201, response.text
        assert response.json()["version"] == version
        assert response.headers["etag"] == f'"{version}"'
        position = response.json()["position"]

    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    assert state["status"]["code"] == "closed"
    assert state["status"]["name"]["zh"] == "已办结"
    assert [s["code"] for s in state["steps"]] == [code for code, _ in steps]
    assert state["allowed_next_steps"] == []

    history = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("supervisor")).json()
    events = history["events"]
    assert [e["version"] for e in events] == list(range(1, len(steps) + 2))
    assert [e["clause"] for e in events] == ["5.1.7", "5.1.7.a", "5.1.7.b", "5.1.7.b", "5.1.7.f", "5.1.7.f", "5.1.7.f"]
    assert all(e["actor"]["role"] == "staff" for e in events)
    assert all(e["actor"]["institution_id"] == str(world.institution_a) for e in events)
    assert events[2]["data"]["payload"]["outcome"] == "adjourned"
    assert events[0]["recorded_at"].endswith("+08:00")

    ledger = world.client.get(
        "/v1/ledgers/services", params={"min_position": position}, headers=world.headers("viewer")
    ).json()
    (row,) = [r for r in ledger["items"] if r["case_id"] == str(case_id)]
    assert row["status"]["code"] == "closed"
    assert row["step_count"] == len(steps)
    assert row["last_step"]["code"] == "typical_case_written"
    assert ledger["position"] >= position


def test_case_state_at_version_and_as_of(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    assert world.step(case_id, "need_collected", description="外观设计被仿冒").status_code == 201
    before = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("staff_a")).json()
    first_recorded = before["events"][0]["recorded_at"]
    assert world.step(case_id, "guidance_given", kind="evidence_collection", content="公证购买").status_code == 201

    at_v2 = world.client.get(f"/v1/cases/{case_id}", params={"version": 2}, headers=world.headers("staff_a")).json()
    assert at_v2["version"] == 2
    assert [s["code"] for s in at_v2["steps"]] == ["need_collected"]

    as_of = world.client.get(
        f"/v1/cases/{case_id}", params={"as_of": first_recorded}, headers=world.headers("staff_a")
    ).json()
    assert as_of["version"] == 1
    assert as_of["steps"] == []
    assert [s["code"] for s in as_of["allowed_next_steps"]] == ["need_collected"]


def test_projection_status_shows_positions_and_lag(world: World) -> None:
    case_id = world.open_case()
    position = world.step(case_id, "routes_explained").json()["position"]
    ledger = world.client.get(
        "/v1/ledgers/services", params={"min_position": position}, headers=world.headers("viewer")
    )
    assert ledger.status_code == 200
    statuses = {p["name"]: p for p in world.client.get("/v1/projections", headers=world.headers("viewer")).json()}
    assert {"service_ledger", "registry", "corrective_actions"} <= set(statuses)
    ledger_status = statuses["service_ledger"]
    assert ledger_status["position"] >= position
    assert ledger_status["head"] >= position
    assert ledger_status["running"] is True
    assert ledger_status["error"] is None

"""5.1.3.c through the API, on both stores: the risk search and early-warning analysis is free for micro,
small and medium enterprises (a fee above zero is a 422 problem and nothing is recorded); a large enterprise
may be charged, and the fee is kept exactly."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tests.api.conftest import World

SEARCH: dict[str, Any] = {
    "subject": "钙钛矿光伏组件封装工艺",
    "ip_types": ["patent"],
    "databases": ["国家知识产权局专利检索及分析系统"],
    "risk_level": "medium",
    "findings": "两件在审发明申请与封装胶膜配方相近",
}


def open_risk_case(world: World, client_id: UUID) -> UUID:
    body = {
        "service_type": "risk_prevention",
        "institution_id": str(world.institution_a),
        "client_id": str(client_id),
        "risk_areas": ["infringement"],
    }
    response = world.client.post("/v1/cases", json=body, headers=world.headers("staff_a"))
    assert response.status_code == 201, response.text
    return UUID(response.json()["id"])


def state(world: World, case_id: UUID) -> dict[str, Any]:
    body: dict[str, Any] = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    return body


def test_5_1_3_c_risk_search_is_free_for_smes(world: World) -> None:
    case_id = open_risk_case(world, world.client_id)  # a small enterprise
    refused = world.step(case_id, "risk_search_analysed", **SEARCH, fee_cny="800.00")
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"] == "/problems/fee-not-allowed"
    assert "5.1.3.c" in refused.json()["detail"]
    assert state(world, case_id)["version"] == 1
    assert world.step(case_id, "risk_search_analysed", **SEARCH, fee_cny="0").status_code == 201
    assert world.step(case_id, "risk_search_analysed", **SEARCH).status_code == 201
    assert [s["payload"]["fee_cny"] for s in state(world, case_id)["steps"]] == ["0", "0"]


def test_5_1_3_c_a_large_enterprise_may_be_charged_for_the_risk_search(world: World) -> None:
    body = {"name": "青海黄河水电新能源股份有限公司", "kind": "innovator", "innovator_kind": "enterprise"}
    client = world.client.post(
        "/v1/clients", json={**body, "enterprise_size": "large"}, headers=world.headers("staff_a")
    )
    assert client.status_code == 201, client.text
    case_id = open_risk_case(world, UUID(client.json()["id"]))
    charged = world.step(case_id, "risk_search_analysed", **SEARCH, fee_cny="1500.50")
    assert charged.status_code == 201, charged.text
    assert state(world, case_id)["steps"][0]["payload"]["fee_cny"] == "1500.50"

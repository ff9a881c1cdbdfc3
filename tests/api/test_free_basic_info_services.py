"""5.1.8.c and 5.1.9.c through the API on both stores: the basic search and the basic analysis are free
for every client (a fee above zero is a 422 problem and nothing is recorded); the same work done with a
professional agency (5.1.8.d, 5.1.9.d) may be charged, and the fee is kept exactly."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from tests.api.conftest import World

LARGE = {
    "name": "青海某大型化工集团有限公司",
    "kind": "innovator",
    "innovator_kind": "enterprise",
    "enterprise_size": "large",
}
PUBLIC = {"name": "王女士", "kind": "public"}

CASES: dict[str, dict[str, Any]] = {
    "info_search": {
        "clause": "5.1.8.c",
        "intake": {"ip_type": "trademark", "purpose": "trademark_clearance", "subject": "“昆仑雪”商标近似查询"},
        "first": [],
        "basic": (
            "basic_search_performed",
            {"platforms": ["china_trademark"], "query": "昆仑雪 第32类", "hits": 14},
        ),
        "joint": ("joint_search_arranged", {"agency": "青海某商标事务所", "scope": "全类别近似检索及注册风险评估"}),
    },
    "info_analysis": {
        "clause": "5.1.9.c",
        "intake": {"purpose": "competitor", "subject": "碳酸锂生产工艺竞争对手分析"},
        "first": [("information_organised", {"categories": ["patent"], "records": 860})],
        "basic": (
            "basic_analysis_performed",
            {"kinds": ["applicants", "trend"], "records_analysed": 860, "conclusions": "前五名申请人占比逾四成"},
        ),
        "joint": (
            "joint_analysis_arranged",
            {"agency": "某知识产权运营中心", "scope": "竞争对手专利布局分析", "deliverable": "竞争对手分析报告"},
        ),
    },
}


def open_case(world: World, code: str, client: dict[str, Any]) -> UUID:
    made = world.client.post("/v1/clients", json=client, headers=world.headers("staff_a"))
    assert made.status_code == 201, made.text
    body = {
        "service_type": code,
        "institution_id": str(world.institution_a),
        "client_id": made.json()["id"],
        **CASES[code]["intake"],
    }
    opened = world.client.post("/v1/cases", json=body, headers=world.headers("staff_a"))
    assert opened.status_code == 201, opened.text
    case_id = UUID(opened.json()["id"])
    for step, payload in CASES[code]["first"]:
        assert world.step(case_id, step, **payload).status_code == 201
    return case_id


@pytest.mark.parametrize("client", [LARGE, PUBLIC], ids=["large_enterprise", "public"])
@pytest.mark.parametrize("code", sorted(CASES))
def test_5_1_8_c_and_5_1_9_c_a_fee_for_the_basic_service_is_refused(
    world: World, code: str, client: dict[str, Any]
) -> None:
    case_id = open_case(world, code, client)
    before = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()["version"]
    step, payload = CASES[code]["basic"]
    refused = world.step(case_id, step, **payload, fee_cny="80.00")
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["type"] == "/problems/fee-not-allowed"
    assert problem["detail"].startswith(f"{CASES[code]['clause']}: ")
    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    assert state["version"] == before
    free = world.step(case_id, step, **payload, fee_cny="0")
    assert free.status_code == 201, free.text


@pytest.mark.parametrize("code", sorted(CASES))
def test_5_1_8_d_and_5_1_9_d_work_with_an_agency_may_be_charged(world: World, code: str) -> None:
    case_id = open_case(world, code, LARGE)
    step, payload = CASES[code]["joint"]
    charged = world.step(case_id, step, **payload, fee_cny="2500.50")
    assert charged.status_code == 201, charged.text
    history = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("supervisor")).json()
    assert history["events"][-1]["data"]["payload"]["fee_cny"] == "2500.50"

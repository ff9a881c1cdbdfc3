"""Clause 7 and the catalogue order through the API, on both stores: evaluations (7.1), the return visit
after a low one, corrective actions (7.2), and the event-sourced priority order (5.1.1)."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from domain.catalogue import SERVICE_TYPES
from tests.api.conftest import World
from tests.api.test_concurrency import race

GOOD = {"professional_level": 5, "attitude": 5, "content": 4, "quality": 4, "satisfaction": 5}


def evaluate(world: World, case_id: UUID, **form: Any) -> Any:
    return world.client.post(f"/v1/cases/{case_id}/evaluations", json=form, headers=world.headers("staff_a"))


def test_7_1_an_evaluation_on_five_indicators_with_labels(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    response = evaluate(world, case_id, respondent="张三", channel="phone", **GOOD)
    assert response.status_code == 201, response.text
    (evaluation,) = world.client.get(f"/v1/cases/{case_id}/evaluations", headers=world.headers("supervisor")).json()
    assert evaluation["respondent"] == "张三"
    assert evaluation["low"] is False
    assert [(s["indicator"]["code"], s["score"]) for s in evaluation["scores"]] == list(GOOD.items())
    assert evaluation["scores"][0]["indicator"]["name"]["zh"] == "专业水平"
    assert evaluation["scores"][2]["level"]["zh"] == "满意"
    history = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("supervisor")).json()
    assert history["events"][-1]["clause"] == "7.1"
    assert history["events"][-1]["event"] == "evaluated"


def test_7_1_one_evaluation_per_respondent_per_case(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    assert evaluate(world, case_id, respondent="李四", **GOOD).status_code == 201
    again = evaluate(world, case_id, respondent=" 李四 ", **GOOD)
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    other_case = world.open_case(service_type="rights_assistance")
    assert evaluate(world, other_case, respondent="李四", **GOOD).status_code == 201


def test_7_1_one_evaluation_per_respondent_under_concurrency(world: World) -> None:
    for n in range(4):
        case_id = world.open_case(service_type="rights_assistance")
        first, second = race(
            partial(evaluate, world, case_id, respondent=f"王{n}", **GOOD),
            partial(evaluate, world, case_id, respondent=f"王{n}", **{**GOOD, "attitude": 3}),
        )
        assert sorted([first.status_code, second.status_code]) == [201, 409]
        evaluations = world.client.get(f"/v1/cases/{case_id}/evaluations", headers=world.headers("staff_a")).json()
        assert len(evaluations) == 1


def test_7_1_a_low_score_needs_a_comment(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    response = evaluate(world, case_id, respondent="赵五", **{**GOOD, "attitude": 2})
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == ["comment"]
    bad = evaluate(world, case_id, respondent="赵五", **{**GOOD, "quality": 6, "content": "好"})
    assert {e["field"] for e in bad.json()["errors"]} == {"quality", "content"}


def test_7_1_a_low_score_proposes_a_corrective_action_and_takes_a_return_visit(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    response = evaluate(world, case_id, respondent="钱六", comment="等待时间太长", **{**GOOD, "attitude": 1})
    assert response.status_code == 201, response.text
    position = response.json()["position"]
    actions = world.client.get(
        "/v1/corrective-actions", params={"min_position": position, "status": "open"}, headers=world.headers("staff_a")
    ).json()
    (action,) = [a for a in actions if a["proposed_by_evaluation"]]
    assert "服务态度" in action["problem"]
    assert "等待时间太长" in action["problem"]
    detail = world.client.get(f"/v1/corrective-actions/{action['id']}", headers=world.headers("staff_a")).json()
    assert detail["problem"]["case_ids"] == [str(case_id)]

    (evaluation,) = world.client.get(f"/v1/cases/{case_id}/evaluations", headers=world.headers("staff_a")).json()
    visit = world.client.post(
        f"/v1/cases/{case_id}/evaluations/{evaluation['id']}/follow-ups",
        json={"visited_by": "孙主任", "outcome": "已道歉并说明改进措施", "resolved": True},
        headers=world.headers("staff_a"),
    )
    assert visit.status_code == 201, visit.text
    (evaluation,) = world.client.get(f"/v1/cases/{case_id}/evaluations", headers=world.headers("staff_a")).json()
    assert evaluation["follow_ups"][0]["visited_by"] == "孙主任"
    # Another institution does not see the action.
    assert (
        world.client.get(f"/v1/corrective-actions/{action['id']}", headers=world.headers("staff_b")).status_code == 404
    )


def test_7_1_only_a_low_evaluation_is_followed_up(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    assert evaluate(world, case_id, respondent="周七", **GOOD).status_code == 201
    (evaluation,) = world.client.get(f"/v1/cases/{case_id}/evaluations", headers=world.headers("staff_a")).json()
    visit = world.client.post(
        f"/v1/cases/{case_id}/evaluations/{evaluation['id']}/follow-ups",
        json={"visited_by": "孙主任", "outcome": "无"},
        headers=world.headers("staff_a"),
    )
    assert visit.status_code == 409


def test_7_2_corrective_action_lifecycle(world: World) -> None:
    opened = world.client.post(
        "/v1/corrective-actions",
        json={"institution_id": str(world.institution_a), "problem": "咨询答复不及时"},
        headers=world.headers("staff_a"),
    )
    assert opened.status_code == 201, opened.text
    action = opened.json()["id"]

    def step(step: str, **payload: Any) -> Any:
        return world.client.post(
            f"/v1/corrective-actions/{action}/steps", json={"step": step, **payload}, headers=world.headers("staff_a")
        )

    plan = {"measures": ["设立首问负责制"], "plan": "两周内上线", "owner": "综合科"}
    assert step("measures_planned", **plan, due="2020-01-31").status_code == 201
    overdue = world.client.get(
        "/v1/corrective-actions",
        params={"status": "overdue", "min_position": world.store.max_position()},
        headers=world.headers("staff_a"),
    ).json()
    assert [a["id"] for a in overdue] == [action]
    assert step("implemented", done="已上线").status_code == 201
    assert step("effect_reviewed", effective=False, findings="仍有投诉").status_code == 201
    refused = step("closed", summary="完成")
    assert refused.status_code == 409
    assert step("measures_planned", **plan, due="2099-01-31").status_code == 201
    assert step("implemented", done="增加人手").status_code == 201
    assert step("effect_reviewed", effective=True, findings="投诉归零").status_code == 201
    closed = step("closed", summary="整改完成")
    assert closed.status_code == 201
    listed = world.client.get(
        "/v1/corrective-actions",
        params={"status": "closed", "min_position": closed.json()["position"]},
        headers=world.headers("supervisor"),
    ).json()
    assert [(a["id"], a["effective"]) for a in listed] == [(action, True)]
    stale = world.client.post(
        f"/v1/corrective-actions/{action}/steps",
        json={"step": "closed", "summary": "x"},
        headers=world.headers("staff_a", **{"If-Match": '"2"'}),
    )
    assert stale.status_code == 412


def test_7_2_a_corrective_action_for_another_institution_is_forbidden(world: World) -> None:
    response = world.client.post(
        "/v1/corrective-actions",
        json={"institution_id": str(world.institution_b), "problem": "越权"},
        headers=world.headers("staff_a"),
    )
    assert response.status_code == 403
    viewer = world.client.post(
        "/v1/corrective-actions",
        json={"institution_id": str(world.institution_a), "problem": "无权"},
        headers=world.headers("viewer"),
    )
    assert viewer.status_code == 403


def test_5_1_1_the_priority_order_is_event_sourced_data(world: World) -> None:
    default = [t["code"] for t in world.client.get("/v1/catalogue", headers=world.headers("viewer")).json()]
    assert sorted(default) == sorted(SERVICE_TYPES)
    reordered = list(reversed(default))
    response = world.client.put(
        "/v1/catalogue/priority", json={"order": reordered}, headers=world.headers("admin", **{"If-Match": '"0"'})
    )
    assert response.status_code == 201, response.text
    catalogue = world.client.get("/v1/catalogue", headers=world.headers("staff_a")).json()
    assert [t["code"] for t in catalogue] == reordered
    assert [t["priority"] for t in catalogue] == list(range(1, len(reordered) + 1))
    priority = world.client.get("/v1/catalogue/priority", headers=world.headers("supervisor")).json()
    assert priority["version"] == 1
    assert priority["changed_by"]["role"] == "admin"
    assert priority["history"][0]["clause"] == "5.1.1"
    stale = world.client.put(
        "/v1/catalogue/priority", json={"order": default}, headers=world.headers("admin", **{"If-Match": '"0"'})
    )
    assert stale.status_code == 412
    assert (
        world.client.put(
            "/v1/catalogue/priority", json={"order": default}, headers=world.headers("staff_a")
        ).status_code
        == 403
    )
    incomplete = world.client.put(
        "/v1/catalogue/priority", json={"order": [*default[1:], "nope"]}, headers=world.headers("admin")
    )
    assert incomplete.status_code == 400
    assert {e["field"] for e in incomplete.json()["errors"]} == {f"order[{len(default) - 1}]", "order"}

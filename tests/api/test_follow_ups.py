"""The follow-up queue on both stores: due dates in working days on China's 2026 calendar, due and
overdue flags, and items that leave the queue when their follow-up is recorded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import World
from tests.calendar_files import ship_only


def queue(world: World, who: str = "staff_a", **params: Any) -> list[dict[str, Any]]:
    response = world.client.get(
        "/v1/follow-ups", params={"min_position": world.store.max_position(), **params}, headers=world.headers(who)
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_5_1_4_e_return_visit_due_ten_working_days_later_across_national_day(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance", effective_at="2026-09-29T10:00:00+08:00")
    world.step(case_id, "need_collected", description="需求", effective_at="2026-09-29T11:00:00+08:00")
    world.step(
        case_id, "guidance_given", kind="evidence_collection", content="取证", effective_at="2026-09-30T10:00:00+08:00"
    )
    (item,) = queue(world, view="all")
    assert item["kind"]["code"] == "assistance_return_visit"
    assert item["kind"]["clause"] == "5.1.4.e"
    # Oct 1-7 are holidays; Saturday Oct 10 is an adjusted working day.
    assert item["due_date"] == "2026-10-20"
    assert item["overdue"] is True
    assert [i["id"] for i in queue(world, view="overdue")] == [item["id"]]
    # More help while one is open raises no second visit.
    world.step(case_id, "referred", target="lawyer_group", body_name="律师团", effective_at="2026-10-09T10:00:00+08:00")
    assert len(queue(world, view="all")) == 1
    world.step(case_id, "return_visit", outcome="resolved", satisfaction=5, effective_at="2026-10-19T10:00:00+08:00")
    assert queue(world) == []
    (done,) = queue(world, view="done")
    assert done["done_on_time"] is True


def test_5_1_7_f_party_follow_up_is_open_but_not_yet_due(world: World) -> None:
    case_id = world.open_case()
    world.step(case_id, "routes_explained")
    assert queue(world) == []
    world.step(case_id, "mediation_session", mediator="马调解员", outcome="agreement")
    (item,) = queue(world)
    assert item["kind"]["code"] == "dispute_party_follow_up"
    assert (item["due"], item["overdue"]) == (False, False)
    assert item["working_days_left"] == 10
    assert queue(world, view="due") == []
    assert queue(world, who="staff_b") == []
    world.step(case_id, "parties_followed_up", contacted=["申请人"], result="已履行")
    assert queue(world) == []


def test_7_1_a_low_evaluation_raises_a_return_visit(world: World) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    scores = {"professional_level": 2, "attitude": 4, "content": 4, "quality": 4, "satisfaction": 3}
    evaluated = world.client.post(
        f"/v1/cases/{case_id}/evaluations",
        json={"respondent": "甲", "comment": "不够专业", **scores},
        headers=world.headers("staff_a"),
    )
    assert evaluated.status_code == 201
    (item,) = queue(world)
    assert item["kind"]["code"] == "evaluation_return_visit"
    assert item["kind"]["clause"] == "7.1"
    assert item["working_days_left"] == 5
    visit = world.client.post(
        f"/v1/cases/{case_id}/evaluations/{item['id']}/follow-ups",
        json={"visited_by": "主任", "outcome": "已改进"},
        headers=world.headers("staff_a"),
    )
    assert visit.status_code == 201, visit.text
    assert queue(world) == []


def test_a_due_date_past_the_calendars_data_is_marked_estimated(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = ship_only(monkeypatch, tmp_path / "calendar", 2025)
    within = world.open_case(service_type="rights_assistance", effective_at="2025-06-02T10:00:00+08:00")
    world.step(within, "need_collected", description="需求", effective_at="2025-06-02T11:00:00+08:00")
    world.step(
        within, "guidance_given", kind="evidence_collection", content="取证", effective_at="2025-06-03T10:00:00+08:00"
    )
    beyond = world.open_case(service_type="rights_assistance", effective_at="2025-12-22T10:00:00+08:00")
    world.step(beyond, "need_collected", description="需求", effective_at="2025-12-22T11:00:00+08:00")
    world.step(
        beyond, "guidance_given", kind="evidence_collection", content="取证", effective_at="2025-12-23T10:00:00+08:00"
    )
    response = world.client.get(
        "/v1/follow-ups",
        params={"view": "all", "min_position": world.store.max_position()},
        headers=world.headers("staff_a"),
    )
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["calendar_last_day"] == last.isoformat()
    items = {item["case_id"]: item for item in page["items"]}
    assert items[str(within)]["due_date"] <= last.isoformat()
    assert items[str(within)]["due_estimated"] is False
    assert items[str(beyond)]["due_date"] > last.isoformat()
    assert items[str(beyond)]["due_estimated"] is True
    (row,) = world.store.db.query("SELECT due_estimated FROM follow_ups WHERE case_id = :case", {"case": str(beyond)})
    assert bool(row["due_estimated"]) is True


def test_the_follow_up_queue_documents_the_estimate_and_the_calendars_last_day(world: World) -> None:
    schemas = world.client.get("/schema/openapi.json").json()["components"]["schemas"]
    item = next(s for name, s in schemas.items() if name.endswith("FollowUpOut"))
    page = next(s for name, s in schemas.items() if name.endswith("FollowUpPage"))
    assert "due_estimated" in item["required"]
    assert item["properties"]["due_estimated"]["description"]
    assert "calendar_last_day" in page["required"]
    assert page["properties"]["calendar_last_day"]["description"]

"""Evaluation statistics (7.1) against figures worked out by hand for a small fixture, on both stores."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from tests.api.conftest import World

T = "2026-{}T{}+08:00"


def at(day: str, time: str = "09:00:00") -> str:
    return T.format(day, time)


def step(world: World, case_id: UUID, code: str, when: str, **payload: Any) -> None:
    response = world.step(case_id, code, effective_at=when, **payload)
    assert response.status_code == 201, response.text


def evaluate(world: World, case_id: UUID, who: str, when: str, scores: tuple[int, ...], **extra: Any) -> None:
    names = ("professional_level", "attitude", "content", "quality", "satisfaction")
    body = {"respondent": who, "effective_at": when, **dict(zip(names, scores, strict=True)), **extra}
    response = world.client.post(f"/v1/cases/{case_id}/evaluations", json=body, headers=world.headers("staff_a"))
    assert response.status_code == 201, response.text


@pytest.fixture
def fixture_world(world: World) -> World:
    one = world.open_case(service_type="rights_assistance", effective_at=at("01-10"))
    step(world, one, "need_collected", at("01-10", "15:00:00"), description="需求")  # 6 hours to first step
    step(world, one, "guidance_given", at("01-12"), kind="evidence_collection", content="取证")
    step(world, one, "return_visit", at("01-20"), outcome="resolved", satisfaction=5)  # closed after 10 days
    evaluate(world, one, "甲", at("01-21"), (5, 5, 4, 4, 5))
    evaluate(world, one, "乙", at("01-22"), (3, 4, 4, 3, 3))

    two = world.open_case(service_type="rights_assistance", effective_at=at("01-15"))
    step(world, two, "need_collected", at("01-16"), description="需求")  # 24 hours
    step(world, two, "referred", at("01-20"), target="lawyer_group", body_name="律师团")
    step(world, two, "return_visit", at("02-14"), outcome="resolved", satisfaction=4)  # closed after 30 days

    three = world.open_case(effective_at=at("02-01"))
    step(world, three, "routes_explained", at("02-01", "11:00:00"))
    evaluate(world, three, "丙", at("02-10"), (1, 2, 2, 2, 1), comment="答复含糊")
    return world


def statistics(world: World, **params: Any) -> dict[str, Any]:
    response = world.client.get(
        "/v1/statistics/evaluations",
        params={"min_position": world.store.max_position(), **params},
        headers=world.headers("supervisor"),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def means(group: dict[str, Any]) -> list[float | None]:
    return [m["mean"] for m in group["means"]]


def test_7_1_by_institution_service_type_and_month(fixture_world: World) -> None:
    world = fixture_world
    groups = {(g["service_type"], g["period"]): g for g in statistics(world)["groups"]}
    assert set(groups) == {
        ("rights_assistance", "2026-01"),
        ("rights_assistance", "2026-02"),
        ("dispute_guidance", "2026-02"),
    }
    january = groups["rights_assistance", "2026-01"]
    assert january["institution_id"] == str(world.institution_a)
    assert january["evaluations"] == 2
    assert means(january) == [4.0, 4.5, 4.0, 3.5, 4.0]
    assert january["satisfaction_rate"] == 0.5
    assert (january["closed_cases"], january["evaluated_closed_cases"], january["response_rate"]) == (1, 1, 1.0)
    assert january["mean_hours_to_first_step"] == 6.0
    assert january["mean_days_to_close"] == 10.0
    # The return visit raised on 01-12 was due ten working days later and done on 01-20: on time.
    assert (january["follow_ups_done"], january["follow_ups_on_time"], january["on_time_rate"]) == (1, 1, 1.0)
    february = groups["rights_assistance", "2026-02"]
    assert february["evaluations"] == 0
    assert means(february) == [None] * 5
    assert (february["closed_cases"], february["response_rate"]) == (1, 0.0)
    assert february["mean_hours_to_first_step"] == 24.0
    assert february["mean_days_to_close"] == 30.0
    # Raised on 01-20, due 02-03 (ten working days); done on 02-14: late.
    assert (february["follow_ups_done"], february["follow_ups_on_time"], february["on_time_rate"]) == (1, 0, 0.0)
    dispute = groups["dispute_guidance", "2026-02"]
    assert means(dispute) == [1.0, 2.0, 2.0, 2.0, 1.0]
    assert dispute["satisfaction_rate"] == 0.0
    assert dispute["closed_cases"] == 0
    assert dispute["response_rate"] is None


def test_7_1_by_institution_alone_and_by_quarter(fixture_world: World) -> None:
    world = fixture_world
    (group,) = statistics(world, group_by="institution")["groups"]
    assert group["evaluations"] == 3
    assert means(group) == [3.0, 3.667, 3.333, 3.0, 3.0]
    assert group["satisfaction_rate"] == 0.3333
    assert (group["closed_cases"], group["evaluated_closed_cases"], group["response_rate"]) == (2, 1, 0.5)
    assert group["mean_hours_to_first_step"] == 15.0
    assert group["mean_days_to_close"] == 20.0
    (quarter,) = statistics(world, group_by="period", period="quarter")["groups"]
    assert quarter["period"] == "2026-Q1"
    assert quarter["evaluations"] == 3
    only_february = statistics(world, group_by="period", **{"from": "2026-02", "to": "2026-02"})["groups"]
    assert [(g["period"], g["evaluations"], g["closed_cases"]) for g in only_february] == [("2026-02", 1, 1)]


def test_a_scoped_key_sees_only_its_institution(fixture_world: World) -> None:
    world = fixture_world
    response = world.client.get(
        "/v1/statistics/evaluations",
        params={"min_position": world.store.max_position()},
        headers=world.headers("staff_b"),
    )
    assert response.json()["groups"] == []
    forbidden = world.client.get(
        "/v1/statistics/evaluations",
        params={"institution_id": str(world.institution_a)},
        headers=world.headers("staff_b"),
    )
    assert forbidden.status_code == 403

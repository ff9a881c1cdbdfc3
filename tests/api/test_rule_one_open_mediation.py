"""5.1.7.b: one open mediation per dispute case — in the domain, through the API, and under concurrency."""

from __future__ import annotations

from functools import partial

import pytest

from domain.errors import RuleBroken
from tests.api.conftest import World
from tests.api.test_concurrency import race
from tests.domain.helpers import DISPUTE, meta, walk


def session(mediator: str, outcome: str) -> dict[str, str]:
    return {"mediator": mediator, "outcome": outcome}


def test_an_adjourned_mediation_is_continued_by_its_mediator_only() -> None:
    case = walk(DISPUTE, ["routes_explained"])
    case.record_step("mediation_session", session("马调解员", "adjourned"), meta())
    with pytest.raises(RuleBroken) as refused:
        case.record_step("mediation_session", session("韩调解员", "adjourned"), meta())
    assert refused.value.clause == "5.1.7.b"
    with pytest.raises(RuleBroken):
        case.record_step("mediation_committee_referral", {"committee": "青海省知识产权人民调解委员会"}, meta())
    case.record_step("parties_followed_up", {"contacted": ["申请人"], "result": "等待下次调解"}, meta())
    with pytest.raises(RuleBroken):  # not archived while the mediation is open
        case.record_step("archived", {"archive_no": "XN-1", "resolution": "未结"}, meta())
    case.record_step("mediation_session", session("马调解员", "no_agreement"), meta())
    # Concluded: a new mediation may start, in the room or at the committee.
    case.record_step("mediation_session", session("韩调解员", "adjourned"), meta())
    assert [p["mediator"] for code, p in case.recorded if code == "mediation_session"] == [
        "马调解员",
        "马调解员",
        "韩调解员",
    ]


def test_through_the_api_the_second_mediation_is_409_and_stores_nothing(world: World) -> None:
    case_id = world.open_case()
    world.step(case_id, "routes_explained")
    assert world.step(case_id, "mediation_session", **session("马调解员", "adjourned")).status_code == 201
    head = world.store.max_position()
    refused = world.step(case_id, "mediation_session", **session("韩调解员", "adjourned"))
    assert refused.status_code == 409
    assert "马调解员" in refused.json()["detail"]
    assert world.store.max_position() == head


def test_two_mediations_started_at_once_one_lands(world: World) -> None:
    for _ in range(5):
        case_id = world.open_case()
        world.step(case_id, "routes_explained")
        results = race(
            partial(world.step, case_id, "mediation_session", **session("马调解员", "adjourned")),
            partial(world.step, case_id, "mediation_session", **session("韩调解员", "adjourned")),
        )
        assert sorted(r.status_code for r in results) == [201, 409]
        state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
        assert [s["code"] for s in state["steps"]] == ["routes_explained", "mediation_session"]

"""Two writers on one case: with If-Match the loser gets 412; without it both land when the state
allows both, else the loser gets 409. Nothing is lost and nothing overwritten. Both stores."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any
from uuid import UUID

from tests.api.conftest import World

ROUNDS = 5


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Start the calls together (a barrier releases them at once) and return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(n: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        results[n] = call()

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def history_steps(world: World, case_id: UUID) -> list[str]:
    body = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("supervisor")).json()
    return [e["step"] for e in body["events"] if e["step"]]


def test_concurrent_if_match_loser_gets_412(world: World) -> None:
    for _ in range(ROUNDS):
        case_id = world.open_case(service_type="rights_assistance")
        assert world.step(case_id, "need_collected", description="商标被抢注").status_code == 201

        def guided(content: str, case_id: UUID = case_id) -> Callable[[], Any]:
            return lambda: world.client.post(
                f"/v1/cases/{case_id}/steps",
                json={"step": "guidance_given", "kind": "procedure_consultation", "content": content},
                headers=world.headers("staff_a", **{"If-Match": '"2"'}),
            )

        first, second = race(guided("甲"), guided("乙"))
        assert sorted([first.status_code, second.status_code]) == [201, 412]
        loser = first if first.status_code == 412 else second
        assert loser.headers["content-type"] == "application/problem+json"
        assert history_steps(world, case_id) == ["need_collected", "guidance_given"]
        state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
        winner_content = (first if first.status_code == 201 else second).request.content
        assert state["version"] == 3
        assert state["steps"][-1]["payload"]["content"] in winner_content.decode()


def test_concurrent_writers_without_if_match_both_land_when_allowed(world: World) -> None:
    for _ in range(ROUNDS):
        case_id = world.open_case(service_type="rights_assistance")
        assert world.step(case_id, "need_collected", description="专利被侵权").status_code == 201
        results = race(
            partial(world.step, case_id, "guidance_given", kind="evidence_collection", content="甲"),
            partial(world.step, case_id, "guidance_given", kind="dispute_mediation", content="乙"),
        )
        assert [r.status_code for r in results] == [201, 201]
        assert sorted(r.json()["version"] for r in results) == [3, 4]
        state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
        assert sorted(s["payload"]["content"] for s in state["steps"][1:]) == ["乙", "甲"]


def test_concurrent_writers_without_if_match_loser_gets_409_when_state_forbids(world: World) -> None:
    for _ in range(ROUNDS):
        case_id = world.open_case()
        assert world.step(case_id, "routes_explained").status_code == 201
        assert world.step(case_id, "parties_followed_up", contacted=["申请人"], result="同意结案").status_code == 201
        # archived closes the case and is not repeatable: only one of two can land.
        results = race(
            partial(world.step, case_id, "archived", archive_no="XN-1", resolution="调解结案"),
            partial(world.step, case_id, "archived", archive_no="XN-2", resolution="撤回"),
        )
        assert sorted(r.status_code for r in results) == [201, 409]
        loser = next(r for r in results if r.status_code == 409)
        assert loser.json()["allowed_steps"] == ["typical_case_written"]
        assert history_steps(world, case_id) == ["routes_explained", "parties_followed_up", "archived"]

"""Every service type of the catalogue, walked through the API on both stores: each path lands step by
step and the first ends the case; a step out of order is refused with the allowed steps listed."""

from __future__ import annotations

from typing import Any

import pytest

from domain.catalogue import SERVICE_TYPES
from tests.api.conftest import World
from tests.walks import Walk, all_walks

WALKS = all_walks()


def test_every_service_type_has_a_walk_that_visits_every_step() -> None:
    assert sorted(WALKS) == sorted(SERVICE_TYPES)
    for code, walk in WALKS.items():
        visited = {step for path in walk.paths for step, _ in path}
        assert visited == {s.code for s in SERVICE_TYPES[code].steps}, code


def open_for(world: World, walk: Walk) -> str:
    client = world.client.post("/v1/clients", json=walk.client, headers=world.headers("staff_a"))
    assert client.status_code == 201, client.text
    body: dict[str, Any] = {
        "service_type": walk.service_type,
        "institution_id": str(world.institution_a),
        "client_id": client.json()["id"],
        **walk.intake,
    }
    opened = world.client.post("/v1/cases", json=body, headers=world.headers("staff_a"))
    assert opened.status_code == 201, opened.text
    return str(opened.json()["id"])


@pytest.mark.parametrize("code", sorted(WALKS))
def test_happy_paths_through_the_api(world: World, code: str) -> None:
    walk = WALKS[code]
    for n, path in enumerate(walk.paths):
        case_id = open_for(world, walk)
        for step, payload in path:
            response = world.client.post(
                f"/v1/cases/{case_id}/steps", json={"step": step, **payload}, headers=world.headers("staff_a")
            )
            assert response.status_code == 201, f"{code} {step}: {response.text}"
        state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
        assert [s["code"] for s in state["steps"]] == [step for step, _ in path]
        if n == 0:
            assert state["status"]["code"] == "closed", code
        history = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("supervisor")).json()
        kind = SERVICE_TYPES[code]
        assert [e["clause"] for e in history["events"][1:]] == [kind.step(s).clause for s, _ in path]


@pytest.mark.parametrize("code", sorted(WALKS))
def test_a_step_out_of_order_is_refused(world: World, code: str) -> None:
    walk = WALKS[code]
    case_id = open_for(world, walk)
    step, payload = walk.refused
    response = world.client.post(
        f"/v1/cases/{case_id}/steps", json={"step": step, **payload}, headers=world.headers("staff_a")
    )
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["allowed_steps"] == SERVICE_TYPES[code].allowed_next([])
    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    assert state["version"] == 1

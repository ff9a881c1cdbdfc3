"""Opening a case and recording a step, answered by the loop middleware (`api/routes/on_the_loop.py`) where the
store allows it (PostgreSQL), and by the handler otherwise: the client cannot tell which answered."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest
from httpx import Response

from api.services import Services
from infra.store import Store
from tests.api.conftest import World

NEED = {"description": "外观设计被仿冒，需取证指导"}
PER_REQUEST = {"x-request-id", "x-correlation-id"}
JSON = "application/json"


def post_open(world: World, who: str = "staff_a", **headers: str) -> Response:
    return world.client.post(
        "/v1/cases", json=world.case_body("rights_assistance"), headers=world.headers(who, **headers)
    )


def answer(response: Response) -> tuple[int, dict[str, str], dict[str, Any]]:
    """What a client sees, but for the ids that differ from request to request."""
    body = response.json()
    headers = {k: v for k, v in response.headers.items() if k not in PER_REQUEST}
    if "location" in headers:
        assert headers.pop("location") == f"/v1/cases/{body['id']}"
    assert int(headers.pop("content-length")) == len(response.content)
    return response.status_code, headers, {"version": body["version"], "positioned": body["position"] > 0}


@pytest.fixture
def handler_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The commands that reached their Litestar handler (which always goes through `Services.command`)."""
    calls: list[str] = []
    command = Services.command

    async def counted(self: Services, soon: Any, in_thread: Any, *args: Any) -> Any:
        calls.append(in_thread.__name__)
        return await command(self, soon, in_thread, *args)

    monkeypatch.setattr(Services, "command", counted)
    return calls


def test_the_loop_answers_as_the_handler_would(
    world: World, handler_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = post_open(world)
    assert first.status_code == 201, first.text  # the institution and client are in memory from here on
    handler_calls.clear()

    opened = post_open(world)
    case_id = UUID(opened.json()["id"])
    stepped = world.step(case_id, "need_collected", **NEED)
    on_the_loop = world.store.dialect == "postgres"
    assert handler_calls == ([] if on_the_loop else ["open_case", "record_step"])

    monkeypatch.setattr(Store, "saves_soon", property(lambda _: False))  # every request to the handler
    handler_calls.clear()
    by_handler = post_open(world)
    stepped_by_handler = world.step(UUID(by_handler.json()["id"]), "need_collected", **NEED)
    assert handler_calls == ["open_case", "record_step"]

    opened_answer = (201, {"etag": '"1"', "content-type": JSON}, {"version": 1, "positioned": True})
    assert answer(opened) == answer(by_handler) == opened_answer
    stepped_answer = (201, {"etag": '"2"', "content-type": JSON}, {"version": 2, "positioned": True})
    assert answer(stepped) == answer(stepped_by_handler) == stepped_answer
    assert opened.headers["x-request-id"] != stepped.headers["x-request-id"]

    history = world.client.get(f"/v1/cases/{case_id}/history", headers=world.headers("staff_a")).json()
    assert [e["position"] for e in history["events"]] == [opened.json()["position"], stepped.json()["position"]]
    assert [e["correlation_id"] for e in history["events"]] == [
        r.headers["x-correlation-id"] for r in (opened, stepped)
    ]
    assert [e["causation_id"] for e in history["events"]] == [r.headers["x-request-id"] for r in (opened, stepped)]
    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    assert [(s["code"], s["payload"]["description"]) for s in state["steps"]] == [
        ("need_collected", NEED["description"])
    ]


def test_a_body_the_loop_read_is_answered_by_the_handler_when_the_loop_cannot_decide(
    world: World, handler_calls: list[str]
) -> None:
    case_id = world.open_case(service_type="rights_assistance")
    handler_calls.clear()

    refused = world.step(case_id, "guidance_given", kind="evidence", content="先取证")  # the need comes first
    assert refused.status_code == 409, refused.text
    assert refused.json()["allowed_steps"] == ["need_collected"]
    faulty = world.step(case_id, "need_collected", description=7, colour="red")
    assert faulty.status_code == 400, faulty.text
    assert {e["field"] for e in faulty.json()["errors"]} == {"description", "colour"}
    stale = world.client.post(
        f"/v1/cases/{case_id}/steps",
        json={"step": "need_collected", **NEED},
        headers=world.headers("staff_a", **{"If-Match": '"5"'}),
    )
    assert stale.status_code == 412, stale.text
    assert handler_calls == ["record_step"] * 3

    done = world.step(case_id, "need_collected", **NEED)
    assert done.status_code == 201, done.text
    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    assert [(s["code"], s["payload"]["description"]) for s in state["steps"]] == [
        ("need_collected", NEED["description"])
    ]  # nothing else saved


def test_a_request_with_an_idempotency_key_goes_to_the_handler(world: World, handler_calls: list[str]) -> None:
    world.open_case(service_type="rights_assistance")
    handler_calls.clear()
    first, again = (post_open(world, **{"Idempotency-Key": "open-1"}) for _ in range(2))
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert handler_calls == ["open_case", "open_case"]


def test_keys_and_permissions_are_checked_before_the_loop(world: World, handler_calls: list[str]) -> None:
    world.open_case(service_type="rights_assistance")
    handler_calls.clear()
    world.keys["unknown"] = "nope"
    unknown, viewer = post_open(world, "unknown"), post_open(world, "viewer")
    assert (unknown.status_code, viewer.status_code) == (401, 403)
    assert handler_calls == []  # turned away by the key middleware, before the route
    other_institution = post_open(world, "staff_b")
    assert other_institution.status_code == 403, other_institution.text
    assert handler_calls == ["open_case"]  # the loop declined it; the handler said why

"""Every id a command carries names a record that exists and that the key may see, on both stores.

A missing id is a 404 problem naming every missing id at once (one `errors` entry per field); another
institution's case is refused exactly as a missing one (its existence is confidential, as when it is read);
a case of another institution than the corrective action's is an invalid field. A refusal saves nothing.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from tests.api.conftest import World

GOOD = {"professional_level": 5, "attitude": 5, "content": 4, "quality": 4, "satisfaction": 5}


def evaluated_case(world: World, who: str, institution: UUID, respondent: str) -> tuple[UUID, UUID]:
    case_id = world.open_case(who, service_type="rights_assistance", institution_id=institution)
    response = world.client.post(
        f"/v1/cases/{case_id}/evaluations", json={"respondent": respondent, **GOOD}, headers=world.headers(who)
    )
    assert response.status_code == 201, response.text
    (evaluation,) = world.client.get(f"/v1/cases/{case_id}/evaluations", headers=world.headers(who)).json()
    return case_id, UUID(evaluation["id"])


def open_action(world: World, who: str, institution: UUID, **refs: list[UUID]) -> Any:
    ids = {name: [str(i) for i in named] for name, named in refs.items()}
    body = {"institution_id": str(institution), "problem": "答复不及时", **ids}
    return world.client.post("/v1/corrective-actions", json=body, headers=world.headers(who))


def refused(world: World, response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    return problem


def errors_of(problem: dict[str, Any]) -> dict[str, str]:
    return {e["field"]: e["message"] for e in problem["errors"]}


def actions(world: World) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = world.client.get(
        "/v1/corrective-actions", params={"min_position": world.store.max_position()}, headers=world.headers("admin")
    ).json()
    return listed


def test_7_2_unknown_cases_and_evaluations_are_404_naming_each_and_nothing_is_saved(world: World) -> None:
    case_a, evaluation_a = evaluated_case(world, "staff_a", world.institution_a, "张三")
    before = world.store.max_position()
    ghosts = [uuid4(), uuid4(), uuid4()]
    response = open_action(
        world,
        "staff_a",
        world.institution_a,
        case_ids=[case_a, ghosts[0], ghosts[1]],
        evaluation_ids=[evaluation_a, ghosts[2]],
    )
    problem = refused(world, response, 404)
    errors = errors_of(problem)
    assert set(errors) == {"case_ids[1]", "case_ids[2]", "evaluation_ids[1]"}
    assert str(ghosts[0]) in errors["case_ids[1]"]
    assert str(ghosts[1]) in errors["case_ids[2]"]
    assert str(ghosts[2]) in errors["evaluation_ids[1]"]
    assert all(str(g) in problem["detail"] for g in ghosts)
    assert world.store.max_position() == before
    assert actions(world) == []


def test_7_2_another_institutions_case_is_refused_as_if_it_did_not_exist(world: World) -> None:
    case_b, evaluation_b = evaluated_case(world, "staff_b", world.institution_b, "李四")
    ghost = uuid4()
    before = world.store.max_position()
    theirs = refused(
        world,
        open_action(world, "staff_a", world.institution_a, case_ids=[case_b], evaluation_ids=[evaluation_b]),
        404,
    )
    absent = refused(world, open_action(world, "staff_a", world.institution_a, case_ids=[ghost]), 404)
    assert set(errors_of(theirs)) == {"case_ids[0]", "evaluation_ids[0]"}
    assert errors_of(theirs)["case_ids[0]"] == errors_of(absent)["case_ids[0]"].replace(str(ghost), str(case_b))
    assert theirs["type"] == absent["type"]
    assert world.store.max_position() == before
    assert actions(world) == []


def test_7_2_an_evaluation_must_be_one_of_the_named_cases(world: World) -> None:
    case_a, evaluation_a = evaluated_case(world, "staff_a", world.institution_a, "王五")
    other_case, other_evaluation = evaluated_case(world, "staff_a", world.institution_a, "赵六")
    before = world.store.max_position()
    problem = refused(
        world,
        open_action(world, "staff_a", world.institution_a, case_ids=[case_a], evaluation_ids=[other_evaluation]),
        404,
    )
    assert set(errors_of(problem)) == {"evaluation_ids[0]"}
    assert world.store.max_position() == before
    opened = open_action(
        world, "staff_a", world.institution_a, case_ids=[case_a, other_case], evaluation_ids=[evaluation_a]
    )
    assert opened.status_code == 201, opened.text
    (listed,) = actions(world)
    assert listed["id"] == opened.json()["id"]
    assert listed["proposed_by_evaluation"] is True


def test_7_2_an_admin_may_not_tie_one_institutions_case_to_anothers_action(world: World) -> None:
    case_b, _ = evaluated_case(world, "staff_b", world.institution_b, "钱七")
    before = world.store.max_position()
    problem = refused(world, open_action(world, "admin", world.institution_a, case_ids=[case_b]), 400)
    assert set(errors_of(problem)) == {"case_ids[0]"}
    nowhere = refused(world, open_action(world, "admin", uuid4(), case_ids=[uuid4()]), 404)
    assert set(errors_of(nowhere)) == {"institution_id", "case_ids[0]"}
    assert world.store.max_position() == before
    assert actions(world) == []


def test_opening_a_case_names_every_missing_reference_at_once(world: World) -> None:
    before = world.store.max_position()
    body = {**world.case_body(), "institution_id": str(uuid4()), "client_id": str(uuid4())}
    response = world.client.post("/v1/cases", json=body, headers=world.headers("admin"))
    problem = refused(world, response, 404)
    assert set(errors_of(problem)) == {"institution_id", "client_id"}
    assert world.store.max_position() == before


def test_7_1_a_return_visit_to_an_unknown_evaluation_is_404(world: World) -> None:
    case_id, _ = evaluated_case(world, "staff_a", world.institution_a, "孙八")
    before = world.store.max_position()
    response = world.client.post(
        f"/v1/cases/{case_id}/evaluations/{uuid4()}/follow-ups",
        json={"visited_by": "孙主任", "outcome": "无"},
        headers=world.headers("staff_a"),
    )
    refused(world, response, 404)
    assert world.store.max_position() == before

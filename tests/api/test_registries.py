"""The registries of clause 6 through the HTTP API, on both stores.

Staff (6.1.1, 6.1.2), experts (6.3.b), knowledge base (6.3.d) and outside bodies (6.3.a): registered, read,
revised under If-Match, retired, listed with filters from the read model; staff training records (6.1.3);
the staffing check of 6.1.1; scoping (an institution's keys manage its own records, admin the city-wide
ones); Idempotency-Key replays; and a rebuild of the read model equal to the live tables.

Until the lead wires them into api/app.py, the routes and the projection are added here (the `api` fixture
below replaces tests/api/conftest.py's for this module).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from litestar.testing import TestClient

import api.app as app_module
from api.problems import PROBLEM_JSON
from api.routes.registries import ROUTES
from infra.store import Store
from projections.base import Projection
from projections.registries import REGISTRIES
from projections.runner import ALL_PROJECTIONS, Runner
from tests.api.conftest import World
from tests.api.test_bad_input import MALFORMED, NOT_AN_OBJECT, ODD_BODIES
from tests.api.test_concurrency import race


class RunnerWithRegistries(Runner):
    def __init__(self, store: Store, projections: Sequence[Projection] = ALL_PROJECTIONS, **kwargs: Any) -> None:
        named = {p.name: p for p in projections} | {REGISTRIES.name: REGISTRIES}
        super().__init__(store, list(named.values()), **kwargs)


@pytest.fixture
def api(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient[Any]]:
    handlers = [*app_module.V1_HANDLERS, *(r for r in ROUTES if r not in app_module.V1_HANDLERS)]
    monkeypatch.setattr(app_module, "V1_HANDLERS", handlers)
    monkeypatch.setattr(app_module, "Runner", RunnerWithRegistries)
    with TestClient(app_module.create_app(store=store, configure_logs=False)) as client:
        yield client


def staff_profile(name: str = "马晓东", employment: str = "full_time", **more: Any) -> dict[str, Any]:
    return {
        "name": name,
        "employment": employment,
        "education": "bachelor",
        "background": "ip",
        "duties": "知识产权咨询与维权援助",
        **more,
    }


EXPERT = {"name": "王建国", "field": "光伏材料", "contact": "0971-0000000", "ip_types": ["patent"]}
KNOWLEDGE = {"title": "专利侵权纠纷行政裁决办事指南", "category": "guide", "content": "申请条件与材料清单"}
BODY = {"name": "西宁仲裁委员会", "body_kind": "arbitration_commission", "district": "城中区"}
TRAINING = {
    "kind": "hearing_observation",
    "date": "2026-01-20",
    "hours": 3,
    "provider": "西宁中院",
    "topic": "庭审旁听",
}


def register(world: World, kind: str, body: dict[str, Any], who: str = "admin", **headers: str) -> httpx.Response:
    return world.client.post(f"/v1/registries/{kind}", json=body, headers=world.headers(who, **headers))


def registered(world: World, kind: str, body: dict[str, Any], who: str = "admin") -> tuple[UUID, int]:
    response = register(world, kind, body, who)
    assert response.status_code == 201, response.text
    return UUID(response.json()["id"]), int(response.json()["position"])


def staff(world: World, employment: str, institution: UUID | None = None, name: str = "马晓东") -> tuple[UUID, int]:
    body = {"institution_id": str(institution or world.institution_a), **staff_profile(name, employment)}
    return registered(world, "staff", body)


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status
    return problem


def fields(problem: dict[str, Any]) -> set[str]:
    return {e["field"] for e in problem.get("errors") or []}


def staffing(world: World, position: int, institution: UUID | None = None, who: str = "viewer") -> dict[str, Any]:
    response = world.client.get(
        f"/v1/institutions/{institution or world.institution_a}/staffing",
        params={"min_position": position},
        headers=world.headers(who),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def listing(world: World, kind: str, position: int, who: str = "viewer", **params: Any) -> dict[str, Any]:
    response = world.client.get(
        f"/v1/registries/{kind}", params={"min_position": position, **params}, headers=world.headers(who)
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# Registration and reading ----------------------------------------------------------------------------------------


def test_6_1_1_a_staff_member_is_registered_and_read_back_with_labels(world: World) -> None:
    body = {"institution_id": str(world.institution_a), **staff_profile(certificates=["专利代理师资格证"])}
    response = register(world, "staff", body, "staff_a")
    assert response.status_code == 201, response.text
    record_id = response.json()["id"]
    assert response.headers["location"] == f"/v1/registries/staff/{record_id}"
    assert response.headers["etag"] == '"1"'

    shown = world.client.get(f"/v1/registries/staff/{record_id}", headers=world.headers("viewer"))
    assert shown.status_code == 200, shown.text
    assert shown.headers["etag"] == '"1"'
    record = shown.json()
    assert record["kind"] == {
        "code": "staff",
        "name": {"zh": "知识产权服务人员", "en": "IP service staff"},
        "clause": "6.1.1",
    }
    assert record["institution_id"] == str(world.institution_a)
    assert record["name"] == "马晓东"
    assert record["status"]["code"] == "active"
    assert record["status"]["name"]["zh"] == "在岗"
    assert record["profile"]["certificates"] == ["专利代理师资格证"]
    assert record["labels"]["employment"]["full_time"]["zh"] == "专职"
    assert record["labels"]["education"]["bachelor"]["zh"] == "本科"
    assert record["trainings"] == []


@pytest.mark.parametrize(
    ("kind", "body", "clause"),
    [("experts", EXPERT, "6.3.b"), ("knowledge", KNOWLEDGE, "6.3.d"), ("outside_bodies", BODY, "6.3.a")],
)
def test_6_3_city_wide_resources_are_registered_by_admin_with_their_clause(
    world: World, kind: str, body: dict[str, Any], clause: str
) -> None:
    record_id, position = registered(world, kind, body)
    record = world.client.get(f"/v1/registries/{kind}/{record_id}", headers=world.headers("staff_b")).json()
    assert record["institution_id"] is None
    assert record["kind"]["clause"] == clause
    assert record["trainings"] is None
    feed = world.client.get("/v1/events", params={"after": position - 1}, headers=world.headers("supervisor")).json()
    [event] = feed["events"]
    assert (event["aggregate_id"], event["event"], event["clause"]) == (str(record_id), "registered", clause)


def test_the_kinds_are_listed_with_their_profile_schema_and_vocabularies(world: World) -> None:
    response = world.client.get("/v1/registries", headers=world.headers("viewer"))
    assert response.status_code == 200, response.text
    kinds = {k["code"]: k for k in response.json()}
    assert list(kinds) == ["staff", "experts", "knowledge", "outside_bodies"]
    assert kinds["staff"]["institution_required"] is True
    assert kinds["staff"]["vocabularies"]["education"]["junior_college"]["zh"] == "大专"
    assert {k["code"]: k["clause"] for k in kinds["staff"]["training_kinds"]}["pre_job"] == "6.1.3.a"
    assert "duties" in kinds["staff"]["profile_schema"]["$defs"]["StaffProfile"]["required"]
    assert kinds["outside_bodies"]["vocabularies"]["body_kind"]["notary"]["zh"] == "公证机构"


def test_a_registration_names_every_faulty_field(world: World) -> None:
    before = world.store.max_position()
    response = register(
        world,
        "staff",
        {"name": " ", "employment": "sometimes", "education": "high_school", "background": "ip", "salary": 1},
    )
    problem = assert_problem(response, 400)
    assert fields(problem) == {"institution_id", "name", "employment", "education", "duties", "salary"}
    bad_envelope = register(world, "experts", {"institution_id": "nope", **EXPERT, "ip_types": []})
    assert fields(assert_problem(bad_envelope, 400)) == {"institution_id", "ip_types"}
    assert world.store.max_position() == before


def test_an_unknown_kind_is_400_naming_it_and_an_unknown_record_404(world: World) -> None:
    assert fields(assert_problem(register(world, "astrologers", {"name": "x"}), 400)) == {"kind"}
    assert_problem(world.client.get(f"/v1/registries/staff/{uuid4()}", headers=world.headers("admin")), 404)
    expert_id, _ = registered(world, "experts", EXPERT)
    # A record is found under its own kind only.
    assert_problem(world.client.get(f"/v1/registries/staff/{expert_id}", headers=world.headers("admin")), 404)


def test_registering_for_an_unknown_institution_is_404(world: World) -> None:
    response = register(world, "staff", {"institution_id": str(uuid4()), **staff_profile()})
    assert fields(assert_problem(response, 404)) == {"institution_id"}


# Revision, retirement ---------------------------------------------------------------------------------------------


def test_6_a_revision_under_if_match_and_a_stale_one_412(world: World) -> None:
    record_id, _ = staff(world, "part_time")
    url = f"/v1/registries/staff/{record_id}"
    revised = world.client.put(
        url,
        json=staff_profile(employment="full_time", phone="0971-1"),
        headers=world.headers("staff_a", **{"If-Match": '"1"'}),
    )
    assert revised.status_code == 200, revised.text
    assert revised.json()["version"] == 2
    assert revised.headers["etag"] == '"2"'
    before = world.store.max_position()
    stale = world.client.put(
        url, json=staff_profile(employment="part_time"), headers=world.headers("staff_a", **{"If-Match": '"1"'})
    )
    assert assert_problem(stale, 412)["current_version"] == 2
    malformed = world.client.put(url, json=staff_profile(), headers=world.headers("staff_a", **{"If-Match": "v1"}))
    assert fields(assert_problem(malformed, 400)) == {"If-Match"}
    unpinned = world.client.put(url, json=staff_profile(), headers=world.headers("staff_a"))
    assert assert_problem(unpinned, 428)["status"] == 428
    invalid = world.client.put(url, json={"name": "马晓东"}, headers=world.headers("staff_a"))
    assert fields(assert_problem(invalid, 400)) == {"employment", "education", "background", "duties"}
    assert world.store.max_position() == before
    record = world.client.get(url, headers=world.headers("staff_a")).json()
    assert (record["version"], record["profile"]["employment"], record["profile"]["phone"]) == (
        2,
        "full_time",
        "0971-1",
    )


def test_6_a_retired_record_shows_its_status_and_refuses_changes(world: World) -> None:
    record_id, _ = staff(world, "full_time")
    url = f"/v1/registries/staff/{record_id}"
    retired = world.client.post(
        f"{url}/retire", json={"reason": "调往其他单位"}, headers=world.headers("staff_a", **{"If-Match": '"1"'})
    )
    assert retired.status_code == 201, retired.text
    record = world.client.get(url, headers=world.headers("staff_a")).json()
    assert record["status"] == {"code": "retired", "name": {"zh": "已离岗", "en": "Left"}, "clause": None}
    assert record["retirement"]["reason"] == "调往其他单位"
    assert record["retired_at"] is not None
    before = world.store.max_position()
    assert_problem(world.client.post(f"{url}/retire", json={}, headers=world.headers("staff_a")), 409)
    assert_problem(world.client.put(url, json=staff_profile(), headers=world.headers("staff_a")), 409)
    assert_problem(world.client.post(f"{url}/trainings", json=TRAINING, headers=world.headers("staff_a")), 409)
    assert world.store.max_position() == before


# Listing ---------------------------------------------------------------------------------------------------------


def test_listing_filters_by_institution_name_activity_category_and_pages(world: World) -> None:
    registered(world, "experts", {**EXPERT, "name": "王建国"})
    registered(world, "experts", {**EXPERT, "name": "Dr. Alice Ma", "availability": "by_appointment"})
    own, _ = registered(
        world, "experts", {"institution_id": str(world.institution_a), **EXPERT, "name": "李100%"}, who="staff_a"
    )
    gone, _ = registered(world, "experts", {**EXPERT, "name": "赵退休"})
    retired = world.client.post(f"/v1/registries/experts/{gone}/retire", json={}, headers=world.headers("admin"))
    position = retired.json()["position"]

    def names(**params: Any) -> list[str]:
        return [item["name"] for item in listing(world, "experts", position, **params)["items"]]

    assert sorted(names()) == sorted(["王建国", "Dr. Alice Ma", "李100%", "赵退休"])
    assert names(institution_id=str(world.institution_a)) == ["李100%"]
    assert sorted(names(city_wide="true")) == sorted(["王建国", "Dr. Alice Ma", "赵退休"])
    assert names(q="alice") == ["Dr. Alice Ma"]
    assert names(q="ALICE MA") == ["Dr. Alice Ma"]
    assert names(q="0%") == ["李100%"]
    assert names(q="_") == []
    assert names(q="建国") == ["王建国"]
    assert "赵退休" not in names(active="true")
    assert names(active="false") == ["赵退休"]
    assert names(category="by_appointment") == ["Dr. Alice Ma"]
    page = listing(world, "experts", position, limit=2, offset=1)
    assert (page["total"], len(page["items"]), page["limit"], page["offset"]) == (4, 2, 2, 1)
    assert page["position"] >= position
    item = next(i for i in listing(world, "experts", position)["items"] if i["id"] == str(own))
    assert item["institution_id"] == str(world.institution_a)
    assert item["category"]["name"]["zh"] == "可邀请"
    assert item["labels"]["ip_types"]["patent"]["zh"] == "专利"
    assert item["training_count"] is None
    unknown = world.client.get("/v1/registries/experts", params={"category": "asleep"}, headers=world.headers("viewer"))
    assert fields(assert_problem(unknown, 400)) == {"category"}


# 6.1.1 the staffing check ----------------------------------------------------------------------------------------


def test_6_1_1_no_staff_is_not_compliant(world: World) -> None:
    check = staffing(world, world.store.max_position())
    assert (check["compliant"], check["full_time"], check["part_time"], check["staff"]) == (False, 0, 0, [])
    assert check["status"] == {
        "code": "not_compliant",
        "name": {"zh": "未达标", "en": "Not compliant"},
        "clause": "6.1.1",
    }
    assert check["rule"]["zh"].startswith("配备1名及以上专职")


def test_6_1_1_one_full_time_staff_member_is_compliant(world: World) -> None:
    _, position = staff(world, "full_time", world.institution_b)
    check = staffing(world, position, world.institution_b)
    assert (check["compliant"], check["full_time"], check["part_time"]) == (True, 1, 0)
    assert check["status"]["name"]["zh"] == "达标"
    [member] = check["staff"]
    assert member["employment"]["name"]["zh"] == "专职"
    assert member["education"]["name"]["zh"] == "本科"
    assert not staffing(world, position)["compliant"]  # institution A has nobody


def test_6_1_1_part_time_staff_count_from_two_and_retired_ones_do_not_count(world: World) -> None:
    first, position = staff(world, "part_time", name="甲")
    assert staffing(world, position)["compliant"] is False
    _, position = staff(world, "part_time", name="乙")
    check = staffing(world, position)
    assert (check["compliant"], check["full_time"], check["part_time"]) == (True, 0, 2)
    _, position = staff(world, "part_time", institution=world.institution_b, name="丙")  # another institution's
    retired = world.client.post(
        f"/v1/registries/staff/{first}/retire", json={"reason": "离职"}, headers=world.headers("staff_a")
    )
    check = staffing(world, retired.json()["position"])
    assert (check["compliant"], check["full_time"], check["part_time"]) == (False, 0, 1)
    assert [(m["name"], m["active"], m["status"]["name"]["zh"]) for m in check["staff"]] == [
        ("乙", True, "在岗"),
        ("甲", False, "已离岗"),
    ]


def test_6_1_1_a_revised_employment_changes_the_check(world: World) -> None:
    record_id, position = staff(world, "part_time")
    assert staffing(world, position)["compliant"] is False
    revised = world.client.put(
        f"/v1/registries/staff/{record_id}",
        json=staff_profile(employment="full_time"),
        headers=world.headers("admin", **{"If-Match": '"1"'}),
    )
    assert staffing(world, revised.json()["position"])["compliant"] is True


def test_6_1_1_staffing_of_an_unknown_institution_is_404(world: World) -> None:
    assert_problem(world.client.get(f"/v1/institutions/{uuid4()}/staffing", headers=world.headers("viewer")), 404)


# 6.1.3 training records ------------------------------------------------------------------------------------------


def test_6_1_3_trainings_are_recorded_on_the_staff_member_and_in_the_institutions_ledger(world: World) -> None:
    record_id, _ = staff(world, "full_time")
    other, _ = staff(world, "part_time", name="李娜")
    url = f"/v1/registries/staff/{record_id}/trainings"
    for body in (
        {**TRAINING, "kind": "pre_job", "date": "2025-09-01", "hours": 16, "provider": "市知识产权局", "topic": "岗前"},
        TRAINING,
        {**TRAINING, "kind": "study", "date": "2026-02-03", "hours": 1.5, "topic": "新修订专利法"},
    ):
        response = world.client.post(url, json=body, headers=world.headers("staff_a"))
        assert response.status_code == 201, response.text
    response = world.client.post(
        f"/v1/registries/staff/{other}/trainings", json=TRAINING, headers=world.headers("integration_a")
    )
    assert response.status_code == 201, response.text
    position = response.json()["position"]

    record = world.client.get(f"/v1/registries/staff/{record_id}", headers=world.headers("viewer")).json()
    assert record["version"] == 4
    assert [(t["kind"]["code"], t["kind"]["clause"], t["version"]) for t in record["trainings"]] == [
        ("pre_job", "6.1.3.a", 2),
        ("hearing_observation", "6.1.3.b", 3),
        ("study", "6.1.3.c", 4),
    ]
    assert record["trainings"][1]["kind"]["name"]["zh"] == "庭审旁听"

    ledger_url = f"/v1/institutions/{world.institution_a}/trainings"
    ledger = world.client.get(ledger_url, params={"min_position": position}, headers=world.headers("viewer")).json()
    assert (ledger["total"], ledger["total_hours"]) == (4, 23.5)
    assert [row["date"] for row in ledger["items"]] == ["2026-02-03", "2026-01-20", "2026-01-20", "2025-09-01"]
    mine = world.client.get(
        ledger_url, params={"staff_id": str(record_id), "from": "2026-01-01"}, headers=world.headers("viewer")
    ).json()
    assert [(r["kind"]["code"], r["staff_name"]) for r in mine["items"]] == [
        ("study", "马晓东"),
        ("hearing_observation", "马晓东"),
    ]
    hearings = world.client.get(
        ledger_url, params={"kind": "hearing_observation", "to": "2026-01-20"}, headers=world.headers("viewer")
    ).json()
    assert hearings["total"] == 2
    check = staffing(world, position)
    assert {m["name"]: (m["training_count"], m["training_hours"]) for m in check["staff"]} == {
        "马晓东": (3, 20.5),
        "李娜": (1, 3.0),
    }


def test_6_1_3_a_training_names_its_faulty_fields_and_is_not_dated_in_the_future(world: World) -> None:
    record_id, _ = staff(world, "full_time")
    url = f"/v1/registries/staff/{record_id}/trainings"
    before = world.store.max_position()
    faulty = world.client.post(
        url, json={"kind": "nap", "hours": -1, "effective_at": "soon"}, headers=world.headers("staff_a")
    )
    assert fields(assert_problem(faulty, 400)) == {"effective_at", "kind", "date", "hours", "provider", "topic"}
    future = world.client.post(url, json={**TRAINING, "date": "2999-01-01"}, headers=world.headers("staff_a"))
    assert fields(assert_problem(future, 400)) == {"date"}
    assert world.store.max_position() == before


def test_6_1_3_only_staff_keep_trainings(world: World) -> None:
    expert_id, _ = registered(world, "experts", EXPERT)
    response = world.client.post(
        f"/v1/registries/experts/{expert_id}/trainings", json=TRAINING, headers=world.headers("admin")
    )
    assert "only staff" in assert_problem(response, 404)["detail"]


# Scoping ---------------------------------------------------------------------------------------------------------


def test_staff_of_one_institution_cannot_register_or_change_anothers_records(world: World) -> None:
    before = world.store.max_position()
    body = {"institution_id": str(world.institution_a), **staff_profile()}
    assert_problem(register(world, "staff", body, "staff_b"), 403)
    assert world.store.max_position() == before
    record_id, _ = registered(world, "staff", body, "staff_a")
    before = world.store.max_position()
    url = f"/v1/registries/staff/{record_id}"
    assert_problem(world.client.put(url, json=staff_profile(), headers=world.headers("staff_b")), 403)
    assert_problem(world.client.post(f"{url}/retire", json={}, headers=world.headers("staff_b")), 403)
    assert_problem(world.client.post(f"{url}/trainings", json=TRAINING, headers=world.headers("staff_b")), 403)
    assert world.store.max_position() == before
    # Registries are read city-wide.
    assert world.client.get(url, headers=world.headers("staff_b")).status_code == 200


def test_city_wide_records_need_an_admin_key(world: World) -> None:
    before = world.store.max_position()
    assert_problem(register(world, "knowledge", KNOWLEDGE, "staff_a"), 403)
    assert_problem(register(world, "knowledge", KNOWLEDGE, "integration_a"), 403)
    assert world.store.max_position() == before
    entry, _ = registered(world, "knowledge", KNOWLEDGE)
    url = f"/v1/registries/knowledge/{entry}"
    assert_problem(world.client.put(url, json=KNOWLEDGE, headers=world.headers("staff_a")), 403)
    revised = world.client.put(
        url, json={**KNOWLEDGE, "tags": ["行政裁决"]}, headers=world.headers("admin", **{"If-Match": '"1"'})
    )
    assert revised.is_success


@pytest.mark.parametrize("who", ["supervisor", "integration_city", "viewer", "viewer_a"])
def test_keys_without_manage_registries_cannot_write(world: World, who: str) -> None:
    body = {"institution_id": str(world.institution_a), **staff_profile()}
    assert_problem(register(world, "staff", body, who), 403)
    assert world.client.get("/v1/registries/staff", headers=world.headers(who)).status_code == 200
    assert (
        world.client.get(f"/v1/institutions/{world.institution_a}/staffing", headers=world.headers(who)).status_code
        == 200
    )


def test_no_key_is_401(world: World) -> None:
    assert_problem(world.client.get("/v1/registries/staff"), 401)
    assert_problem(world.client.post("/v1/registries/experts", json=EXPERT), 401)


# Idempotency -----------------------------------------------------------------------------------------------------


def test_a_replayed_registration_answers_as_the_first_and_writes_nothing(world: World) -> None:
    first = register(world, "outside_bodies", BODY, **{"Idempotency-Key": "body-1"})
    head = world.store.max_position()
    again = register(world, "outside_bodies", BODY, **{"Idempotency-Key": "body-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert world.store.max_position() == head
    other = register(world, "outside_bodies", {**BODY, "name": "西宁市公证处"}, **{"Idempotency-Key": "body-1"})
    assert_problem(other, 422)
    assert world.store.max_position() == head


def test_replayed_revision_and_training_answer_as_the_first(world: World) -> None:
    record_id, _ = staff(world, "part_time")
    url = f"/v1/registries/staff/{record_id}"
    headers = world.headers("staff_a", **{"Idempotency-Key": "rev-1", "If-Match": '"1"'})
    first = world.client.put(url, json=staff_profile(employment="full_time"), headers=headers)
    again = world.client.put(url, json=staff_profile(employment="full_time"), headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    headers = world.headers("staff_a", **{"Idempotency-Key": "train-1"})
    trained = world.client.post(f"{url}/trainings", json=TRAINING, headers=headers)
    head = world.store.max_position()
    replayed = world.client.post(f"{url}/trainings", json=TRAINING, headers=headers)
    assert trained.status_code == replayed.status_code == 201
    assert replayed.json() == trained.json()
    assert world.store.max_position() == head
    record = world.client.get(url, headers=world.headers("staff_a")).json()
    assert record["version"] == 3
    assert len(record["trainings"]) == 1
    history = world.client.get("/v1/events", params={"after": 0, "limit": 1000}, headers=world.headers("admin"))
    causes = [e["causation_id"] for e in history.json()["events"] if e["aggregate_id"] == str(record_id)]
    assert causes[1:] == ["rev-1", "train-1"]


# The read model --------------------------------------------------------------------------------------------------


def test_a_rebuild_of_the_read_model_equals_the_live_tables(world: World) -> None:
    first, _ = staff(world, "part_time", name="甲")
    staff(world, "full_time", institution=world.institution_b, name="乙")
    registered(world, "experts", EXPERT)
    registered(world, "knowledge", KNOWLEDGE)
    url = f"/v1/registries/staff/{first}"
    world.client.post(f"{url}/trainings", json=TRAINING, headers=world.headers("staff_a"))
    world.client.put(
        url, json=staff_profile("甲", "full_time"), headers=world.headers("staff_a", **{"If-Match": '"2"'})
    )
    position = world.client.post(f"{url}/retire", json={}, headers=world.headers("staff_a")).json()["position"]
    listing(world, "staff", position)  # the live tables have caught up

    def tables() -> tuple[list[dict[str, Any]], ...]:
        return tuple(
            world.store.db.query(f"SELECT * FROM {t} ORDER BY record_id, version")
            for t in ("registries_records", "registries_trainings")
        )

    live = tables()
    runner = Runner(world.store, projections=[REGISTRIES])
    assert runner.rebuild("registries") == world.store.max_position()
    assert tables() == live
    assert len(live[0]) == 4
    assert len(live[1]) == 1


def test_openapi_documents_the_problems_of_every_registry_route(api: TestClient[Any]) -> None:
    schema = api.get("/schema/openapi.json").json()
    paths = {p: ops for p, ops in schema["paths"].items() if "registries" in p or p.endswith(("staffing", "trainings"))}
    assert len(paths) == 7
    for path, operations in paths.items():
        for method, operation in operations.items():
            expected = {"400", "401", "403"} | ({"404", "413", "422"} if method in {"post", "put"} else set())
            if method == "put" or (path.endswith(("retire", "trainings")) and method == "post"):
                expected |= {"409", "412"}
            for status in expected:
                assert PROBLEM_JSON in operation["responses"][status]["content"], (method, path, status)


# Robustness and concurrency --------------------------------------------------------------------------------------


def test_odd_malformed_or_non_object_bodies_never_cause_a_500_nor_a_write(world: World) -> None:
    record_id, _ = staff(world, "full_time")
    expert_id, _ = registered(world, "experts", EXPERT)
    bodies = {**ODD_BODIES, **MALFORMED, **NOT_AN_OBJECT}
    requests = [
        ("POST", "/v1/registries/staff"),
        ("POST", "/v1/registries/experts"),
        ("PUT", f"/v1/registries/staff/{record_id}"),
        ("PUT", f"/v1/registries/experts/{expert_id}"),
        ("POST", f"/v1/registries/staff/{record_id}/trainings"),
        ("POST", f"/v1/registries/staff/{record_id}/retire"),  # last: `{}` is a valid retirement
    ]
    before = world.store.max_position()
    for method, path in requests:
        for label, content in bodies.items():
            response = world.client.request(
                method, path, content=content, headers=world.headers("staff_a", **{"Content-Type": "application/json"})
            )
            if path.endswith("retire") and response.status_code == 201:
                continue
            assert 400 <= response.status_code < 500, (label, method, path, response.text)
            assert_problem(response, response.status_code)
    retired = world.client.get(f"/v1/registries/staff/{record_id}", headers=world.headers("admin")).json()
    written = world.store.max_position() - before
    assert written == (1 if retired["status"]["code"] == "retired" else 0)


def test_concurrent_revisions_under_one_if_match_one_wins_the_other_412(world: World) -> None:
    for n in range(3):
        record_id, _ = staff(world, "part_time", name=f"并发{n}")
        url = f"/v1/registries/staff/{record_id}"

        def revise(phone: str, url: str = url) -> Callable[[], httpx.Response]:
            return lambda: world.client.put(
                url, json=staff_profile(phone=phone), headers=world.headers("staff_a", **{"If-Match": '"1"'})
            )

        first, second = race(revise("甲"), revise("乙"))
        assert sorted([first.status_code, second.status_code]) == [200, 412]
        record = world.client.get(url, headers=world.headers("staff_a")).json()
        winner = first if first.status_code == 200 else second
        assert record["version"] == 2
        assert record["profile"]["phone"] in winner.request.content.decode()

"""5.2.3.a The annual key-enterprise directory through the API, on both stores: an enterprise is listed at
most once a year, whichever case lists it, even when two cases list it at the same moment."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from domain.key_enterprise_directory import KeyEnterpriseDirectory
from tests.api.conftest import World
from tests.api.test_concurrency import race

ROUNDS = 5


def register(world: World, name: str, **profile: Any) -> UUID:
    body = {
        "name": name,
        "kind": "innovator",
        "innovator_kind": "enterprise",
        "enterprise_size": "medium",
        "designations": ["specialised_sme", "going_global"],
        **profile,
    }
    response = world.client.post("/v1/clients", json=body, headers=world.headers("staff_a"))
    assert response.status_code == 201, response.text
    return UUID(response.json()["id"])


def open_case(world: World, client_id: UUID) -> UUID:
    body = {
        "service_type": "key_enterprise",
        "institution_id": str(world.institution_a),
        "client_id": str(client_id),
        "summary": "年度重点服务企业",
    }
    response = world.client.post("/v1/cases", json=body, headers=world.headers("staff_a"))
    assert response.status_code == 201, response.text
    return UUID(response.json()["id"])


def list_for(world: World, case_id: UUID, year: int) -> Any:
    return world.step(case_id, "directory_listed", year=year, industry="photovoltaic", basis="光伏产业链核心企业")


def steps_of(world: World, case_id: UUID) -> list[str]:
    state = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a")).json()
    return [s["code"] for s in state["steps"]]


def directory(world: World, year: int) -> KeyEnterpriseDirectory | None:
    return world.store.get(KeyEnterpriseDirectory.create_id(year), KeyEnterpriseDirectory)


def test_5_2_3_a_second_listing_of_an_enterprise_in_a_year_is_409_and_stores_nothing(world: World) -> None:
    enterprise = register(world, "青海高原光伏材料股份有限公司")
    first, second = open_case(world, enterprise), open_case(world, enterprise)
    assert list_for(world, first, 2026).status_code == 201
    listed = directory(world, 2026)
    assert listed is not None
    version = listed.version

    refused = list_for(world, second, 2026)
    assert refused.status_code == 409, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/rule-broken")
    assert "5.2.3.a" in refused.json()["detail"]
    assert steps_of(world, second) == []
    after = directory(world, 2026)
    assert after is not None
    assert after.version == version
    assert list(after.entries) == [enterprise]
    assert after.entries[enterprise]["designations"] == ["specialised_sme", "going_global"]


def test_5_2_3_a_the_enterprise_may_be_listed_for_another_year(world: World) -> None:
    enterprise = register(world, "西宁锂源新材料有限公司")
    first, second = open_case(world, enterprise), open_case(world, enterprise)
    assert list_for(world, first, 2026).status_code == 201
    assert list_for(world, second, 2027).status_code == 201
    for year in (2026, 2027):
        found = directory(world, year)
        assert found is not None
        assert found.lists(enterprise)
    assert steps_of(world, second) == ["directory_listed"]


def test_5_2_3_a_other_enterprises_share_the_year_directory(world: World) -> None:
    enterprises = [register(world, f"青海盐湖化工企业{n}号有限公司") for n in range(3)]
    for enterprise in enterprises:
        assert list_for(world, open_case(world, enterprise), 2026).status_code == 201
    found = directory(world, 2026)
    assert found is not None
    assert set(found.entries) == set(enterprises)


def test_5_2_3_a_only_innovator_enterprises_are_listed(world: World) -> None:
    university = register(world, "青海民族大学", innovator_kind="university", enterprise_size=None, designations=[])
    case_id = open_case(world, university)
    refused = list_for(world, case_id, 2026)
    assert refused.status_code == 409, refused.text
    assert "innovator enterprises" in refused.json()["detail"]
    assert steps_of(world, case_id) == []
    assert directory(world, 2026) is None


def test_5_2_3_a_two_cases_listing_one_enterprise_at_once_exactly_one_lands(world: World) -> None:
    # The first round races to create the year's directory, the later ones to append to it.
    for n in range(ROUNDS):
        enterprise = register(world, f"青海光伏组件制造{n}号有限公司")
        cases = [open_case(world, enterprise), open_case(world, enterprise)]
        results = race(*(partial(list_for, world, case_id, 2026) for case_id in cases))
        assert sorted(r.status_code for r in results) == [201, 409], [r.text for r in results]
        winner = cases[[r.status_code for r in results].index(201)]
        loser = cases[[r.status_code for r in results].index(409)]
        assert steps_of(world, winner) == ["directory_listed"]
        assert steps_of(world, loser) == []
        found = directory(world, 2026)
        assert found is not None
        assert found.lists(enterprise)
        assert len(found.entries) == n + 1
        assert found.version == n + 2  # started once, then one listing per round


def test_5_2_3_a_the_directory_events_reach_the_global_event_feed(world: World) -> None:
    enterprise = register(world, "青海绿色算力科技有限公司")
    assert list_for(world, open_case(world, enterprise), 2026).status_code == 201
    feed = world.client.get("/v1/events", params={"limit": 1000}, headers=world.headers("supervisor"))
    assert feed.status_code == 200, feed.text
    directory_id = str(KeyEnterpriseDirectory.create_id(2026))
    events = [e for e in feed.json()["events"] if e["aggregate_id"] == directory_id]
    assert [(e["event"], e["clause"], e["version"]) for e in events] == [
        ("started", "5.2.3.a", 1),
        ("enterprise_listed", "5.2.3.a", 2),
    ]
    assert events[1]["data"]["client_id"] == str(enterprise)
    assert events[1]["data"]["designations"] == ["specialised_sme", "going_global"]

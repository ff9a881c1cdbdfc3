"""The client register is city-wide, but what an institution recorded about a client is its own (DESIGN
"Scope"), on both stores: a key scoped to an institution reads only the case-derived records of its
institution about a client; admin, supervisor and city-wide keys read every institution's."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from tests.api.conftest import World

ENTRY = {"ip_type": "patent", "status": "examining", "filed_on": "2025-02-18"}
EVERY_INSTITUTION = ("admin", "supervisor", "integration_city")
OWN_INSTITUTION = {"staff_a": "a", "integration_a": "a", "staff_b": "b"}


def guided_entry(world: World, who: str, institution: UUID, application_no: str, title: str) -> None:
    """A case of `institution` records a right in the world client's IP ledger."""
    body = {
        "service_type": "application_guidance",
        "institution_id": str(institution),
        "client_id": str(world.client_id),
        "has_ip_activity": True,
        "summary": "企业专利台账整理",
    }
    opened = world.client.post("/v1/cases", json=body, headers=world.headers(who))
    assert opened.status_code == 201, opened.text
    case_id = UUID(opened.json()["id"])
    response = world.step(case_id, "ledger_entry_recorded", who, **ENTRY, application_no=application_no, title=title)
    assert response.status_code == 201, response.text


@pytest.fixture
def recorded(world: World) -> dict[str, Any]:
    """A right recorded by institution A and another by B, for the same client."""
    guided_entry(world, "staff_a", world.institution_a, "CN202510000001.1", "一种盐湖提锂方法")
    guided_entry(world, "staff_b", world.institution_b, "CN202520000002.2", "一种光伏支架")
    return {"a": ("CN202510000001.1", str(world.institution_a)), "b": ("CN202520000002.2", str(world.institution_b))}


def ip_ledger(world: World, who: str) -> list[tuple[str, str]]:
    response = world.client.get(
        f"/v1/clients/{world.client_id}/ip-ledger",
        params={"min_position": world.store.max_position()},
        headers=world.headers(who),
    )
    assert response.status_code == 200, response.text
    return sorted((e["entry"]["application_no"], e["institution_id"]) for e in response.json())


def service_ledger(world: World, who: str) -> list[str]:
    response = world.client.get(
        "/v1/ledgers/services",
        params={"client_id": str(world.client_id), "min_position": world.store.max_position()},
        headers=world.headers(who),
    )
    assert response.status_code == 200, response.text
    return sorted({item["institution_id"] for item in response.json()["items"]})


@pytest.mark.parametrize("who", list(OWN_INSTITUTION))
def test_5_1_5_a_a_scoped_key_reads_only_its_institutions_entries_of_a_clients_ip_ledger(
    world: World, recorded: dict[str, Any], who: str
) -> None:
    assert ip_ledger(world, who) == [recorded[OWN_INSTITUTION[who]]]


@pytest.mark.parametrize("who", EVERY_INSTITUTION)
def test_5_1_5_a_city_wide_keys_read_every_institutions_entries(
    world: World, recorded: dict[str, Any], who: str
) -> None:
    assert ip_ledger(world, who) == sorted(recorded.values())


def test_the_client_register_stays_city_wide_and_the_service_ledger_scoped(
    world: World, recorded: dict[str, Any]
) -> None:
    for who in (*OWN_INSTITUTION, *EVERY_INSTITUTION):
        response = world.client.get(f"/v1/clients/{world.client_id}", headers=world.headers(who))
        assert response.status_code == 200, response.text
        assert response.json()["profile"]["name"] == "青海盐湖新材料有限公司"
    for who, own in OWN_INSTITUTION.items():
        assert service_ledger(world, who) == [recorded[own][1]]
    assert service_ledger(world, "supervisor") == sorted(institution for _, institution in recorded.values())

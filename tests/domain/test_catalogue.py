"""The catalogue as a whole (4.2, 5.1.1): every service type of the standard, well formed."""

from __future__ import annotations

import msgspec
import pytest

from domain.catalogue import DEFAULT_PRIORITY, SERVICE_TYPES, in_priority_order

STANDARD = {
    "policy_promotion": "5.1.2",
    "risk_prevention": "5.1.3",
    "rights_assistance": "5.1.4",
    "fast_examination_liaison": "5.1.1",
    "application_guidance": "5.1.5",
    "consultation": "5.1.6",
    "dispute_guidance": "5.1.7",
    "info_search": "5.1.8",
    "info_analysis": "5.1.9",
    "training": "5.1.10",
    "publicity": "5.1.11",
    "compliance_guidance": "5.1.12",
    "ip_finance": "5.1.13",
    "transfer_license": "5.1.14",
    "data_ip_registration": "5.1.1",
    "electronic_evidence": "5.1.1",
    "qinghai_industry_assistance": "5.1.1",
    "key_industry": "5.2.2",
    "key_enterprise": "5.2.3",
    "four_places": "5.2.4",
}


def test_4_2_the_catalogue_holds_the_twenty_services_of_the_standard() -> None:
    assert {code: kind.clause for code, kind in SERVICE_TYPES.items()} == STANDARD


def test_5_1_1_the_default_order_is_the_standards_order() -> None:
    assert list(DEFAULT_PRIORITY) == list(STANDARD)
    assert [t.code for t in in_priority_order()] == list(STANDARD)


@pytest.mark.parametrize("code", sorted(SERVICE_TYPES))
def test_every_type_is_well_formed(code: str) -> None:
    kind = SERVICE_TYPES[code]
    assert kind.name.zh.strip()
    assert kind.name.en.strip()
    msgspec.json.schema(kind.intake)
    assert kind.closing_steps, f"{code}: a case must be closable"
    assert kind.allowed_next([]), f"{code}: a case must have a first step"
    for step in kind.steps:
        assert step.name.zh.strip()
        assert step.name.en.strip()
        assert step.clause == kind.clause or step.clause.startswith(kind.clause + "."), step
        msgspec.json.schema(step.payload)

"""Opening a case: what each service type asks at intake, and unknown codes named with the known ones."""

from __future__ import annotations

from typing import Any

import pytest

from domain.case import OPEN, ServiceCase
from domain.catalogue import SERVICE_TYPES
from domain.errors import InvalidPayload, UnknownCode
from tests.domain.helpers import ASSISTANCE, CLIENT_ID, DISPUTE, INSTITUTION_ID, NOW, meta, open_case, walk
from tests.domain.test_catalogue import STANDARD

ASSISTANCE_STEPS = ("need_collected", "guidance_given", "expert_panel_advice", "referred", "return_visit")
IP_TYPES = ["patent", "copyright", "ic_layout", "trade_secret", "trademark", "data_ip"]


def open_with(type_code: str, intake: dict[str, Any]) -> ServiceCase:
    return ServiceCase.open(type_code, INSTITUTION_ID, CLIENT_ID, intake, meta())


@pytest.mark.parametrize("dispute_kind", ["infringement", "contract", "ownership"])
def test_5_1_7_dispute_opens_with_each_of_the_three_dispute_kinds(dispute_kind: str) -> None:
    case = open_with(DISPUTE, {"dispute_kind": dispute_kind, "ip_type": "copyright"})
    assert case.intake["dispute_kind"] == dispute_kind
    assert type(case.intake["dispute_kind"]) is str
    assert case.intake["ip_type"] == "copyright"


def test_5_1_7_dispute_kind_is_required() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        open_with(DISPUTE, {"ip_type": "patent"})
    assert [e.field for e in invalid.value.errors] == ["dispute_kind"]


@pytest.mark.parametrize("dispute_kind", ["criminal", "labour", "Infringement", ""])
def test_5_1_7_a_dispute_kind_outside_the_three_is_refused(dispute_kind: str) -> None:
    with pytest.raises(InvalidPayload) as invalid:
        open_with(DISPUTE, {"dispute_kind": dispute_kind, "ip_type": "patent"})
    assert [e.field for e in invalid.value.errors] == ["dispute_kind"]


def test_5_1_7_dispute_without_kind_nor_ip_type_names_both() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        open_with(DISPUTE, {"summary": "?"})
    assert {e.field for e in invalid.value.errors} == {"dispute_kind", "ip_type"}


@pytest.mark.parametrize("type_code", [DISPUTE, ASSISTANCE])
def test_ip_type_is_required_at_intake(type_code: str) -> None:
    intake = {"dispute_kind": "contract"} if type_code == DISPUTE else {}
    with pytest.raises(InvalidPayload) as invalid:
        open_with(type_code, intake)
    assert [e.field for e in invalid.value.errors] == ["ip_type"]


@pytest.mark.parametrize("type_code", [DISPUTE, ASSISTANCE])
@pytest.mark.parametrize("ip_type", IP_TYPES)
def test_every_right_in_scope_is_accepted_at_intake(type_code: str, ip_type: str) -> None:
    intake = {"ip_type": ip_type, **({"dispute_kind": "ownership"} if type_code == DISPUTE else {})}
    assert open_with(type_code, intake).intake["ip_type"] == ip_type


@pytest.mark.parametrize("type_code", [DISPUTE, ASSISTANCE])
def test_a_right_outside_scope_is_refused_at_intake(type_code: str) -> None:
    intake = {"ip_type": "plant_variety", **({"dispute_kind": "ownership"} if type_code == DISPUTE else {})}
    with pytest.raises(InvalidPayload) as invalid:
        open_with(type_code, intake)
    assert [e.field for e in invalid.value.errors] == ["ip_type"]


def test_5_1_4_rights_assistance_does_not_take_a_dispute_kind() -> None:
    with pytest.raises(InvalidPayload) as invalid:
        open_with(ASSISTANCE, {"ip_type": "patent", "dispute_kind": "infringement"})
    assert [(e.field, e.message) for e in invalid.value.errors] == [("dispute_kind", "unknown field")]


def test_5_1_4_rights_assistance_opens_with_ip_type_only() -> None:
    case = open_with(ASSISTANCE, {"ip_type": "ic_layout"})
    assert case.intake == {"note": None, "summary": "", "ip_type": "ic_layout"}


# type -> the steps a case of that type may start with, in the order of its table
FIRST_STEPS: dict[str, list[str]] = {
    "policy_promotion": ["policies_collected"],
    "risk_prevention": ["rules_improved", "risk_training_held", "risk_search_analysed"],
    ASSISTANCE: ["need_collected"],
    "fast_examination_liaison": ["service_delivered"],
    "application_guidance": ["ledger_entry_recorded", "application_guided", "basic_training_given"],
    "consultation": ["question_recorded"],
    DISPUTE: ["routes_explained"],
    "info_search": ["basic_search_performed", "joint_search_arranged"],
    "info_analysis": ["information_organised"],
    "training": ["needs_surveyed"],
    "publicity": ["publicity_planned"],
    "compliance_guidance": ["compliance_surveyed"],
    "ip_finance": ["enterprise_visited"],
    "transfer_license": ["valuation_referred", "contract_guided"],
    "data_ip_registration": ["service_delivered"],
    "electronic_evidence": ["service_delivered"],
    "qinghai_industry_assistance": ["service_delivered"],
    "key_industry": ["industry_surveyed"],
    "key_enterprise": ["directory_listed"],
    "four_places": ["capability_built"],
}


def test_first_steps_are_written_for_every_type_of_the_standard() -> None:
    assert set(FIRST_STEPS) == set(STANDARD) == set(SERVICE_TYPES)


@pytest.mark.parametrize(("type_code", "first"), sorted(FIRST_STEPS.items()))
def test_an_opened_case_is_open_with_no_steps_and_its_first_steps_allowed(type_code: str, first: list[str]) -> None:
    case = open_case(type_code)
    assert case.service_type == type_code
    assert case.institution_id == INSTITUTION_ID
    assert case.client_id == CLIENT_ID
    assert case.status == OPEN
    assert case.closed_at is None
    assert case.steps == []
    assert case.allowed_next_steps() == first
    assert case.opened_at == NOW
    assert case.version == 1


@pytest.mark.parametrize("code", ["no_such_service", "", "Dispute_Guidance", "5.1.7"])
def test_unknown_service_type_is_refused_listing_the_known_types(code: str) -> None:
    with pytest.raises(UnknownCode) as unknown:
        open_with(code, {"ip_type": "patent"})
    assert unknown.value.kind == "service type"
    assert unknown.value.code == code
    assert set(unknown.value.known) == set(SERVICE_TYPES) == set(STANDARD)
    assert len(unknown.value.known) == len(STANDARD)
    for known in STANDARD:
        assert known in unknown.value.detail


@pytest.mark.parametrize(
    ("type_code", "code", "known"),
    [
        (
            DISPUTE,
            "need_collected",
            (
                "routes_explained",
                "mediation_session",
                "expert_consultation",
                "mediation_committee_referral",
                "evidence_referral",
                "litigation_guidance",
                "parties_followed_up",
                "archived",
                "typical_case_written",
            ),
        ),
        (ASSISTANCE, "archived", ASSISTANCE_STEPS),
        (ASSISTANCE, "no_such_step", ASSISTANCE_STEPS),
    ],
)
def test_unknown_step_code_is_refused_listing_the_steps_of_the_case_type(
    type_code: str, code: str, known: tuple[str, ...]
) -> None:
    case = walk(type_code, [])
    with pytest.raises(UnknownCode) as unknown:
        case.record_step(code, {}, meta())
    assert unknown.value.kind == "step"
    assert unknown.value.code == code
    assert unknown.value.known == known
    assert case.version == 1

"""5.1.3 风险防控: the steps of a risk-prevention case, and the free risk search for SMEs.

a) rules, b) training and c) the risk search may come first, in any order and as often as needed; d) the
referral to a patent agency or law firm needs some of them first; the conclusion closes the case. The risk
search and early-warning analysis is free of charge for micro, small and medium enterprises: a fee above
zero is refused for them; a large enterprise may be charged.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from domain.case import CLOSED, ServiceCase
from domain.catalogue import service_type
from domain.errors import FeeNotAllowed, InvalidPayload
from domain.lifecycle import OPENED, Charged
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, NOW, meta
from tests.domain.transitions import check_transition

CODE = "risk_prevention"
START = NOW - timedelta(days=30)
INTAKE = {"risk_areas": ["infringement"], "ip_types": ["patent"], "summary": "新产品上市前风险排查"}


def enterprise(size: str) -> dict[str, Any]:
    return {"kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": size}


VALID: dict[str, dict[str, Any]] = {
    "rules_improved": {"systems": ["confidentiality"], "documents": ["《技术秘密保密管理规定》"]},
    "risk_training_held": {
        "partners": ["青海大学TISC"],
        "audiences": ["rd_team"],
        "topic": "研发中的侵权风险",
        "lecturers": ["王律师"],
        "trainees": 18,
    },
    "risk_search_analysed": {
        "subject": "磷酸铁锂正极材料",
        "ip_types": ["patent"],
        "databases": ["国家知识产权局专利检索及分析系统"],
        "risk_level": "high",
        "findings": "一件有效专利覆盖烧结工艺",
    },
    "referred_to_agency": {"agency_kind": "patent_agency", "agency_name": "西宁知远专利代理所", "services": "规避设计"},
    "concluded": {"outcome": "已调整工艺"},
}

PREVENTING = {"rules_improved", "risk_training_held", "risk_search_analysed", "referred_to_agency"}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "rules_improved": ("5.1.3.a", PREVENTING | {OPENED}, True, False),
    "risk_training_held": ("5.1.3.b", PREVENTING | {OPENED}, True, False),
    "risk_search_analysed": ("5.1.3.c", PREVENTING | {OPENED}, True, False),
    "referred_to_agency": ("5.1.3.d", PREVENTING, True, False),
    "concluded": ("5.1.3", PREVENTING, False, True),
}

PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "rules_improved": ("rules_improved",),
    "risk_training_held": ("risk_training_held",),
    "risk_search_analysed": ("risk_search_analysed",),
    "referred_to_agency": ("risk_search_analysed", "referred_to_agency"),
    "concluded": ("rules_improved", "concluded"),
}


def walk(history: tuple[str, ...] | list[str], client: dict[str, Any] | None = None) -> ServiceCase:
    case = ServiceCase.open(
        CODE, INSTITUTION_ID, CLIENT_ID, dict(INTAKE), meta(effective_at=START), client or enterprise("small")
    )
    for hour, code in enumerate(history, start=1):
        case.record_step(code, dict(VALID[code]), meta(effective_at=START + timedelta(hours=hour)))
    return case


def test_5_1_3_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(CODE)
    assert kind.clause == "5.1.3"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED
    assert [s.code for s in kind.steps if s.free is not None] == ["risk_search_analysed"]


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_3_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(
        EXPECTED, PATH_TO, last, step, walk, lambda case, step: case.record_step(step, dict(VALID[step]), meta())
    )


def test_5_1_3_full_prevention_from_rules_to_conclusion() -> None:
    history = [
        "rules_improved",
        "risk_training_held",
        "risk_training_held",
        "risk_search_analysed",
        "referred_to_agency",
        "risk_search_analysed",
        "concluded",
    ]
    case = walk(history)
    assert case.steps == history
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []


def test_5_1_3_c_the_risk_search_payload_may_carry_a_fee() -> None:
    assert issubclass(service_type(CODE).step("risk_search_analysed").payload, Charged)


@pytest.mark.parametrize("size", ["micro", "small", "medium"])
def test_5_1_3_c_risk_search_is_free_for_smes(size: str) -> None:
    case = walk([], client=enterprise(size))
    with pytest.raises(FeeNotAllowed) as refused:
        case.record_step("risk_search_analysed", {**VALID["risk_search_analysed"], "fee_cny": "0.01"}, meta())
    assert "5.1.3.c" in refused.value.detail
    assert case.steps == []
    assert case.version == 1
    case.record_step("risk_search_analysed", {**VALID["risk_search_analysed"], "fee_cny": "0"}, meta())
    assert case.recorded[-1][1]["fee_cny"] == "0"


def test_5_1_3_c_risk_search_without_a_fee_records_zero_for_an_sme() -> None:
    case = walk(["risk_search_analysed"], client=enterprise("micro"))
    assert Decimal(case.recorded[-1][1]["fee_cny"]) == 0


def test_5_1_3_c_a_large_enterprise_may_be_charged_for_the_risk_search() -> None:
    case = walk([], client=enterprise("large"))
    case.record_step("risk_search_analysed", {**VALID["risk_search_analysed"], "fee_cny": "1500.00"}, meta())
    assert Decimal(case.recorded[-1][1]["fee_cny"]) == Decimal("1500.00")


def test_5_1_3_c_a_fee_is_never_negative() -> None:
    case = walk([], client=enterprise("large"))
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("risk_search_analysed", {**VALID["risk_search_analysed"], "fee_cny": "-1"}, meta())
    assert refused.value.field == "fee_cny"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"risk_level": "extreme"}, "risk_level"),
        ({"ip_types": []}, "ip_types"),
        ({"databases": []}, "databases"),
        ({"findings": "  "}, "findings"),
        ({"fee_cny": "一千"}, "fee_cny"),
    ],
)
def test_5_1_3_c_the_analysis_names_what_was_searched_where_and_the_risk_found(
    changes: dict[str, Any], field: str
) -> None:
    case = walk([], client=enterprise("large"))
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("risk_search_analysed", {**VALID["risk_search_analysed"], **changes}, meta())
    assert field in {e.field for e in refused.value.errors}


@pytest.mark.parametrize(
    ("step", "changes", "field"),
    [
        ("rules_improved", {"systems": []}, "systems"),
        ("rules_improved", {"systems": ["hr"]}, "systems[0]"),
        ("risk_training_held", {"audiences": ["students"]}, "audiences[0]"),
        ("risk_training_held", {"trainees": 0}, "trainees"),
        ("risk_training_held", {"partners": []}, "partners"),
    ],
)
def test_5_1_3_a_b_rules_and_training_name_their_systems_and_audiences(
    step: str, changes: dict[str, Any], field: str
) -> None:
    case = walk([])
    with pytest.raises(InvalidPayload) as refused:
        case.record_step(step, {**VALID[step], **changes}, meta())
    assert field in {e.field for e in refused.value.errors}


def test_5_1_3_d_referral_is_to_a_patent_agency_or_a_law_firm() -> None:
    case = walk(["risk_search_analysed"])
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("referred_to_agency", {**VALID["referred_to_agency"], "agency_kind": "bank"}, meta())
    assert refused.value.field == "agency_kind"
    case.record_step("referred_to_agency", {**VALID["referred_to_agency"], "agency_kind": "law_firm"}, meta())
    assert case.steps[-1] == "referred_to_agency"

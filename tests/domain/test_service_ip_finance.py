"""5.1.13 知识产权金融: the table written out by hand, the financing amounts and the rules across steps.

a) periodic visits to learn the need, at any stage; b) special training with financial institutions;
c) matching, point-to-point service and tracking the financing, only once an institution is matched; the
case closes when the financing is no longer pending.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from domain.case import CLOSED, OPEN, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload, RuleBroken, StepNotAllowed
from domain.lifecycle import OPENED
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, NOW, meta

TYPE = "ip_finance"
START = NOW - timedelta(days=60)
BANK = "青海银行西宁分行"

INTAKE: dict[str, Any] = {"finance_kind": "credit", "pledge_loan": True, "summary": "专利质押贷款扩建产线"}

VALID: dict[str, dict[str, Any]] = {
    "enterprise_visited": {
        "visited_on": "2026-03-02",
        "visitors": ["马晓梅"],
        "needs": ["credit"],
        "findings": "资金缺口约800万元，有质押融资意向",
    },
    "special_training_held": {
        "held_on": "2026-03-18",
        "institutions": [BANK, "西宁市融资担保有限公司"],
        "topic": "知识产权质押融资实务",
        "attendees": 40,
    },
    "institution_matched": {"institution": BANK, "product": "知识产权质押贷款"},
    "point_to_point_service": {"institution": BANK, "served_on": "2026-03-25", "content": "协助准备贷款材料"},
    "financing_tracked": {
        "institution": BANK,
        "amount_applied_cny": "8000000.00",
        "amount_granted_cny": "8000000.00",
        "applied_on": "2026-04-01",
        "granted_on": "2026-04-20",
        "outcome": "granted",
    },
    "financing_concluded": {"summary": "获批质押贷款800万元"},
}

ENGAGED = {
    "enterprise_visited",
    "special_training_held",
    "institution_matched",
    "point_to_point_service",
    "financing_tracked",
}
MATCHED = {"institution_matched", "point_to_point_service", "financing_tracked"}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "enterprise_visited": ("5.1.13.a", {OPENED} | ENGAGED, True, False),
    "special_training_held": ("5.1.13.b", ENGAGED, True, False),
    "institution_matched": ("5.1.13.c", ENGAGED, True, False),
    "point_to_point_service": ("5.1.13.c", MATCHED, True, False),
    "financing_tracked": ("5.1.13.c", MATCHED, True, False),
    "financing_concluded": ("5.1.13.c", {"financing_tracked"}, False, True),
}

PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "enterprise_visited": ("enterprise_visited",),
    "special_training_held": ("enterprise_visited", "special_training_held"),
    "institution_matched": ("enterprise_visited", "institution_matched"),
    "point_to_point_service": ("enterprise_visited", "institution_matched", "point_to_point_service"),
    "financing_tracked": ("enterprise_visited", "institution_matched", "financing_tracked"),
    "financing_concluded": ("enterprise_visited", "institution_matched", "financing_tracked", "financing_concluded"),
}


def open_case(intake: dict[str, Any] | None = None) -> ServiceCase:
    return ServiceCase.open(TYPE, INSTITUTION_ID, CLIENT_ID, dict(intake or INTAKE), meta(effective_at=START))


def record(case: ServiceCase, code: str, payload: dict[str, Any] | None = None, **changes: Any) -> None:
    at = START + timedelta(hours=len(case.steps) + 1)
    case.record_step(code, {**(payload or VALID[code]), **changes}, meta(effective_at=at))


def walk(steps: tuple[str, ...]) -> ServiceCase:
    case = open_case()
    for code in steps:
        record(case, code)
    return case


def tracked(**changes: Any) -> dict[str, Any]:
    return {**VALID["financing_tracked"], **changes}


def faults(payload: dict[str, Any]) -> dict[str, str]:
    case = walk(("enterprise_visited", "institution_matched"))
    with pytest.raises(InvalidPayload) as refused:
        record(case, "financing_tracked", payload)
    return {e.field: e.message for e in refused.value.errors}


def test_5_1_13_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(TYPE)
    assert kind.clause == "5.1.13"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_13_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    history = PATH_TO[last]
    case = walk(history)
    _, follows, repeatable, _ = EXPECTED[step]
    if last in follows and (repeatable or step not in history):
        record(case, step)
        assert case.steps == [*history, step]
    else:
        with pytest.raises(StepNotAllowed):
            record(case, step)
        assert case.steps == list(history)


def test_5_1_13_intake_names_the_kind_of_finance() -> None:
    case = open_case({"finance_kind": "insurance"})
    assert case.intake["finance_kind"] == "insurance"
    assert case.intake["pledge_loan"] is False
    with pytest.raises(InvalidPayload) as unknown:
        open_case({"finance_kind": "crowdfunding"})
    assert unknown.value.field == "finance_kind"


def test_5_1_13_a_pledge_loan_is_a_kind_of_credit() -> None:
    with pytest.raises(InvalidPayload) as refused:
        open_case({"finance_kind": "guarantee", "pledge_loan": True})
    assert refused.value.field == "pledge_loan"


def test_5_1_13_a_periodic_visits_go_on_while_the_financing_is_tracked() -> None:
    case = walk(("enterprise_visited", "institution_matched", "financing_tracked", "enterprise_visited"))
    record(case, "enterprise_visited", needs=["insurance"], findings="新增专利保险需求")
    assert case.steps.count("enterprise_visited") == 3
    assert case.status == OPEN


def test_5_1_13_c_financing_amounts_are_kept_as_exact_decimal_text() -> None:
    case = walk(("enterprise_visited", "institution_matched"))
    record(case, "financing_tracked", tracked(amount_applied_cny="1234567.89", amount_granted_cny="1234567.89"))
    stored = case.recorded[-1][1]
    assert stored["amount_applied_cny"] == "1234567.89"
    assert Decimal(stored["amount_granted_cny"]) == Decimal("1234567.89")


def test_5_1_13_c_amount_granted_cannot_exceed_amount_applied_for() -> None:
    assert "amount_granted_cny" in faults(tracked(amount_granted_cny="8000000.01", outcome="granted"))


@pytest.mark.parametrize(
    ("outcome", "granted", "granted_on", "field"),
    [
        ("granted", "5000000.00", "2026-04-20", "amount_granted_cny"),  # in full means the whole amount
        ("granted", "8000000.00", None, "granted_on"),
        ("partly_granted", "8000000.00", "2026-04-20", "amount_granted_cny"),
        ("partly_granted", "0", "2026-04-20", "amount_granted_cny"),
        ("refused", "100.00", None, "amount_granted_cny"),
        ("refused", "0", "2026-04-20", "granted_on"),
        ("pending", "0", "2026-04-20", "granted_on"),
        ("granted", "8000000.00", "2026-03-01", "granted_on"),  # granted before it was applied for
    ],
)
def test_5_1_13_c_outcome_agrees_with_the_amount_and_date_granted(
    outcome: str, granted: str, granted_on: str | None, field: str
) -> None:
    payload = tracked(outcome=outcome, amount_granted_cny=granted, granted_on=granted_on)
    assert field in faults(payload)


@pytest.mark.parametrize("amount", ["-1", "NaN", "Infinity", "100.001"])
def test_5_1_13_c_an_amount_is_a_finite_non_negative_sum_in_fen(amount: str) -> None:
    assert "amount_applied_cny" in faults(
        tracked(amount_applied_cny=amount, amount_granted_cny="0", outcome="pending", granted_on=None)
    )


def test_5_1_13_c_pending_refused_and_partly_granted_are_recorded_as_they_are() -> None:
    case = walk(("enterprise_visited", "institution_matched"))
    record(case, "financing_tracked", tracked(outcome="pending", amount_granted_cny="0", granted_on=None))
    record(case, "financing_tracked", tracked(outcome="refused", amount_granted_cny="0", granted_on=None))
    record(case, "financing_tracked", tracked(outcome="partly_granted", amount_granted_cny="5000000.00"))
    assert [p["outcome"] for p in case.view.payloads("financing_tracked")] == ["pending", "refused", "partly_granted"]


@pytest.mark.parametrize("step", ["point_to_point_service", "financing_tracked"])
def test_5_1_13_c_service_and_tracking_name_an_institution_the_client_was_matched_with(step: str) -> None:
    case = walk(("enterprise_visited", "institution_matched"))
    with pytest.raises(RuleBroken) as refused:
        record(case, step, institution="国家开发银行青海省分行")
    assert refused.value.clause == "5.1.13.c"
    assert BANK in refused.value.detail
    record(case, "institution_matched", institution="国家开发银行青海省分行", product="科技贷")
    record(case, step, institution="国家开发银行青海省分行")
    assert case.steps[-1] == step


def test_5_1_13_c_case_does_not_close_while_the_financing_is_pending() -> None:
    case = walk(("enterprise_visited", "institution_matched"))
    record(case, "financing_tracked", tracked(outcome="pending", amount_granted_cny="0", granted_on=None))
    with pytest.raises(RuleBroken) as refused:
        record(case, "financing_concluded")
    assert refused.value.clause == "5.1.13.c"
    assert case.status == OPEN
    record(case, "financing_tracked")
    record(case, "financing_concluded")
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []

"""5.1.14 转让、许可: the table written out by hand and what the valuation and the contract record.

a) the valuation comes before the deal, so only as the first step; b) the contract may be drafted with
or without a valuation, in several rounds; the case is archived whether the deal was signed or dropped;
c) the typical case is written up after archiving, and is then the only step left.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from domain.case import CLOSED, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload, StepNotAllowed
from domain.lifecycle import OPENED
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, NOW, meta

TYPE = "transfer_license"
START = NOW - timedelta(days=60)
RIGHT = {"ip_type": "patent", "number": "ZL202110345678.9", "title": "一种红景天提取物的制备方法"}

VALID: dict[str, dict[str, Any]] = {
    "valuation_referred": {
        "institution": "青海正信资产评估有限公司",
        "method": "income",
        "valuation_cny": "1260000.00",
        "valued_on": "2026-02-10",
    },
    "contract_guided": {
        "contract_kind": "exclusive_licence",
        "counterparty": "青海雪域藏药制药有限公司",
        "rights": [RIGHT],
        "consideration_cny": "1200000.00",
        "term_from": "2026-04-01",
        "term_to": "2031-03-31",
        "territory": "中国大陆",
        "advice": "明确改进技术归属与保密义务",
    },
    "archived": {"outcome": "signed", "signed_on": "2026-03-28", "archive_no": "XN-ZX-2026-007"},
    "typical_case_written": {"title": "红景天提取工艺专利独占许可案", "summary": "评估定价后签约并备案"},
}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "valuation_referred": ("5.1.14.a", {OPENED}, False, False),
    "contract_guided": ("5.1.14.b", {OPENED, "valuation_referred", "contract_guided"}, True, False),
    "archived": ("5.1.14", {"valuation_referred", "contract_guided"}, False, True),
    "typical_case_written": ("5.1.14.c", {"archived"}, False, False),
}

PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "valuation_referred": ("valuation_referred",),
    "contract_guided": ("contract_guided",),
    "archived": ("valuation_referred", "archived"),
    "typical_case_written": ("valuation_referred", "contract_guided", "archived", "typical_case_written"),
}


def open_case() -> ServiceCase:
    intake = {"ip_type": "patent", "client_side": "grantor"}
    return ServiceCase.open(TYPE, INSTITUTION_ID, CLIENT_ID, intake, meta(effective_at=START))


def record(case: ServiceCase, code: str, **changes: Any) -> None:
    at = START + timedelta(hours=len(case.steps) + 1)
    case.record_step(code, {**VALID[code], **changes}, meta(effective_at=at))


def walk(steps: tuple[str, ...]) -> ServiceCase:
    case = open_case()
    for code in steps:
        record(case, code)
    return case


def faults(code: str, history: tuple[str, ...] = (), **changes: Any) -> dict[str, str]:
    case = walk(history)
    with pytest.raises(InvalidPayload) as refused:
        record(case, code, **changes)
    return {e.field: e.message for e in refused.value.errors}


def test_5_1_14_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(TYPE)
    assert kind.clause == "5.1.14"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_14_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
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


def test_5_1_14_a_valuation_comes_before_the_deal_not_after_the_contract() -> None:
    case = walk(("contract_guided",))
    assert "valuation_referred" not in case.allowed_next_steps()


def test_5_1_14_a_valuation_is_an_exact_amount_in_cny() -> None:
    case = walk(("valuation_referred",))
    assert case.recorded[0][1]["valuation_cny"] == "1260000.00"
    assert "valuation_cny" in faults("valuation_referred", valuation_cny="-5")
    assert "valuation_cny" in faults("valuation_referred", valuation_cny="NaN")


def test_5_1_14_b_contract_names_its_kind_counterparty_rights_and_consideration() -> None:
    found = faults("contract_guided", contract_kind="sublicence", rights=[], consideration_cny="-1", counterparty=" ")
    assert {"contract_kind", "rights", "counterparty"} <= set(found)
    assert "consideration_cny" in faults("contract_guided", consideration_cny="-1")


def test_5_1_14_b_every_kind_of_contract_the_standard_means_is_known() -> None:
    case = walk(("contract_guided",))
    for kind in ("sole_licence", "non_exclusive_licence"):
        record(case, "contract_guided", contract_kind=kind)
    record(case, "contract_guided", contract_kind="assignment", term_from=None, term_to=None, territory=None)
    assert [p["contract_kind"] for p in case.view.payloads("contract_guided")] == [
        "exclusive_licence",
        "sole_licence",
        "non_exclusive_licence",
        "assignment",
    ]


def test_5_1_14_b_an_assignment_has_no_licence_term_or_territory() -> None:
    assert {"term_from", "term_to", "territory"} <= set(faults("contract_guided", contract_kind="assignment"))


def test_5_1_14_b_licence_term_ends_after_it_starts_and_a_right_is_named_once() -> None:
    assert "term_to" in faults("contract_guided", term_to="2026-04-01")
    assert "rights" in faults("contract_guided", rights=[RIGHT, {**RIGHT, "title": None}])
    assert "rights[0].ip_type" in faults("contract_guided", rights=[{"ip_type": "know_how", "number": "X"}])


def test_5_1_14_archived_outcome_agrees_with_signing() -> None:
    history = ("contract_guided",)
    assert "signed_on" in faults("archived", history, signed_on=None)
    found = faults("archived", history, outcome="abandoned", recorded_with_authority=True)
    assert {"signed_on", "recorded_with_authority"} <= set(found)


def test_5_1_14_c_typical_case_is_written_after_the_case_is_otherwise_done() -> None:
    case = walk(("valuation_referred", "contract_guided"))
    assert "typical_case_written" not in case.allowed_next_steps()
    record(case, "archived")
    assert case.status == CLOSED
    assert case.allowed_next_steps() == ["typical_case_written"]
    record(case, "typical_case_written", tags=["专利许可"])
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []

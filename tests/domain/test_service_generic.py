"""5.1.1: the four basic services without steps in the text, as generic cases: intake → service delivered
(as often as needed) → followed up (as often as needed, service may resume after it) → closed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from domain.case import CLOSED, OPEN, ServiceCase
from domain.catalogue import DEFAULT_PRIORITY, service_type
from domain.errors import InvalidPayload, StepNotAllowed
from domain.labels import Label
from domain.lifecycle import OPENED
from domain.services.generic import generic_service
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, NOW, meta

START = NOW - timedelta(days=30)

GENERIC: dict[str, Label] = {
    "fast_examination_liaison": Label(
        "快速预审与优先审查对接", "Fast pre-examination and priority-examination liaison"
    ),
    "data_ip_registration": Label("数据知识产权登记引导", "Data-IP registration guidance"),
    "electronic_evidence": Label("电子存证指导", "Electronic evidence preservation guidance"),
    "qinghai_industry_assistance": Label(
        "涉青特色产业知识产权帮扶", "IP assistance for Qinghai characteristic industries"
    ),
}

VALID: dict[str, dict[str, Any]] = {
    "service_delivered": {"delivered_on": "2026-04-01", "delivered_by": ["王婧"], "content": "指导提交预审申请"},
    "followed_up": {"method": "phone", "result": "已授权", "satisfaction": 5},
    "closed": {"outcome": "办结"},
}

# step -> (steps it may directly follow, repeatable, closes the case); every clause is 5.1.1
EXPECTED: dict[str, tuple[set[str], bool, bool]] = {
    "service_delivered": ({OPENED, "service_delivered", "followed_up"}, True, False),
    "followed_up": ({"service_delivered", "followed_up"}, True, False),
    "closed": ({"followed_up"}, False, True),
}

PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "service_delivered": ("service_delivered",),
    "followed_up": ("service_delivered", "followed_up"),
    "closed": ("service_delivered", "followed_up", "closed"),
}


def open_case(code: str, **intake: Any) -> ServiceCase:
    body = {"need": "数据集拟申请数据知识产权登记", **intake}
    return ServiceCase.open(code, INSTITUTION_ID, CLIENT_ID, body, meta(effective_at=START))


def record(case: ServiceCase, step: str, **changes: Any) -> None:
    at = START + timedelta(hours=len(case.steps) + 1)
    case.record_step(step, {**VALID[step], **changes}, meta(effective_at=at))


def walk(code: str, steps: tuple[str, ...]) -> ServiceCase:
    case = open_case(code)
    for step in steps:
        record(case, step)
    return case


@pytest.mark.parametrize("code", sorted(GENERIC))
def test_5_1_1_each_generic_service_is_in_the_catalogue_with_its_name_and_clause(code: str) -> None:
    kind = service_type(code)
    assert kind.clause == "5.1.1"
    assert kind.name == GENERIC[code]
    assert code in DEFAULT_PRIORITY


@pytest.mark.parametrize("code", sorted(GENERIC))
def test_5_1_1_generic_table_is_intake_delivery_follow_up_close(code: str) -> None:
    kind = service_type(code)
    assert {s.code: (set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED
    assert {s.clause for s in kind.steps} == {"5.1.1"}


@pytest.mark.parametrize(
    ("code", "last", "step"), [(c, last, step) for c in sorted(GENERIC) for last in PATH_TO for step in EXPECTED]
)
def test_5_1_1_step_allowed_exactly_after_the_steps_it_follows(code: str, last: str, step: str) -> None:
    history = PATH_TO[last]
    case = walk(code, history)
    follows, repeatable, _ = EXPECTED[step]
    if last in follows and (repeatable or step not in history):
        record(case, step)
        assert case.steps == [*history, step]
    else:
        with pytest.raises(StepNotAllowed):
            record(case, step)
        assert case.steps == list(history)


def test_5_1_1_service_resumes_after_a_follow_up_and_closes_only_after_one() -> None:
    case = walk("fast_examination_liaison", ("service_delivered", "followed_up", "service_delivered"))
    assert "closed" not in case.allowed_next_steps()
    record(case, "followed_up", method="visit", next_follow_up_on="2026-05-10")
    assert case.status == OPEN
    record(case, "closed")
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []


def test_5_1_1_intake_states_the_need() -> None:
    with pytest.raises(InvalidPayload) as refused:
        open_case("electronic_evidence", need=" ", ip_type="plant_variety")
    assert {e.field for e in refused.value.errors} == {"need", "ip_type"}
    assert open_case("data_ip_registration", ip_type="data_ip").intake["ip_type"] == "data_ip"


def test_5_1_1_delivery_names_who_and_what_and_a_follow_up_its_method() -> None:
    case = walk("qinghai_industry_assistance", ())
    with pytest.raises(InvalidPayload) as refused:
        record(case, "service_delivered", delivered_by=[], content="", delivered_on="下周")
    assert {e.field for e in refused.value.errors} == {"delivered_by", "content", "delivered_on"}
    record(case, "service_delivered")
    with pytest.raises(InvalidPayload) as wrong:
        record(case, "followed_up", method="letter", satisfaction=6)
    assert {e.field for e in wrong.value.errors} == {"method", "satisfaction"}


def test_5_1_1_the_factory_makes_independent_types_from_a_code_and_a_name() -> None:
    made = generic_service("digital_economy", Label("数字经济领域服务", "Digital economy"))
    assert made.code == "digital_economy"
    assert made.name.zh == "数字经济领域服务"
    assert [s.code for s in made.steps] == ["service_delivered", "followed_up", "closed"]
    assert made.closing_steps == {"closed"}

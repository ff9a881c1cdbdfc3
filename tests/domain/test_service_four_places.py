"""5.2.4 “四地”产业服务: the table written out by hand, and the four places as the intake's vocabulary.

a) the institution builds its capability first (as often as it takes); b) then the targeted service plan,
revised and delivered as needed; c) individual needs are referred to agencies; the service is concluded
after delivery or a referral.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from domain.case import CLOSED, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload, StepNotAllowed
from domain.lifecycle import OPENED
from domain.services.four_places import FOUR_PLACE_LABELS, FourPlace
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, NOW, meta

TYPE = "four_places"
START = NOW - timedelta(days=60)

VALID: dict[str, dict[str, Any]] = {
    "capability_built": {"completed_on": "2026-01-20", "staff": ["孙立"], "topics": ["盐湖镁资源专利技术脉络"]},
    "service_plan_designed": {"title": "盐湖镁基新材料服务方案", "needs": ["专利挖掘"], "measures": ["专利挖掘会"]},
    "plan_delivered": {"delivered_on": "2026-03-05", "content": "召开专利挖掘会", "delivered_by": ["孙立"]},
    "agency_referred": {"need": "海外专利布局", "agency": "青海智诚专利代理事务所"},
    "service_concluded": {"results": "提交发明专利申请6件"},
}

DELIVERING = {"service_plan_designed", "plan_delivered", "agency_referred"}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "capability_built": ("5.2.4.a", {OPENED, "capability_built"}, True, False),
    "service_plan_designed": ("5.2.4.b", DELIVERING | {"capability_built"}, True, False),
    "plan_delivered": ("5.2.4.b", DELIVERING, True, False),
    "agency_referred": ("5.2.4.c", DELIVERING, True, False),
    "service_concluded": ("5.2.4", {"plan_delivered", "agency_referred"}, False, True),
}

PLANNED = ("capability_built", "service_plan_designed")
PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "capability_built": ("capability_built",),
    "service_plan_designed": PLANNED,
    "plan_delivered": (*PLANNED, "plan_delivered"),
    "agency_referred": (*PLANNED, "agency_referred"),
    "service_concluded": (*PLANNED, "plan_delivered", "service_concluded"),
}


def open_case(**intake: Any) -> ServiceCase:
    body = {"place": "clean_energy", **intake}
    return ServiceCase.open(TYPE, INSTITUTION_ID, CLIENT_ID, body, meta(effective_at=START))


def record(case: ServiceCase, code: str, **changes: Any) -> None:
    at = START + timedelta(hours=len(case.steps) + 1)
    case.record_step(code, {**VALID[code], **changes}, meta(effective_at=at))


def walk(steps: tuple[str, ...]) -> ServiceCase:
    case = open_case()
    for code in steps:
        record(case, code)
    return case


def test_5_2_4_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(TYPE)
    assert kind.clause == "5.2.4"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_2_4_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
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


def test_5_2_4_the_four_places_of_qinghai_are_the_intake_vocabulary() -> None:
    assert {label.zh for label in FOUR_PLACE_LABELS.values()} == {
        "世界级盐湖产业基地",
        "国家清洁能源产业高地",
        "国际生态旅游目的地",
        "绿色有机农畜产品输出地",
    }
    assert set(FOUR_PLACE_LABELS) == set(FourPlace)
    for place in FourPlace:
        assert open_case(place=place.value).intake["place"] == place.value
    with pytest.raises(InvalidPayload) as refused:
        open_case(place="tibetan_medicine", novelty=["new_fashion"])
    assert {e.field for e in refused.value.errors} == {"place", "novelty[0]"}


def test_5_2_4_b_the_plan_is_revised_and_delivered_with_referrals_between() -> None:
    case = walk((*PLANNED, "plan_delivered", "agency_referred"))
    record(case, "service_plan_designed", title="修订后的服务方案")
    record(case, "plan_delivered")
    record(case, "agency_referred", solution="代理机构提交PCT申请2件")
    record(case, "service_concluded", satisfaction=4)
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []


def test_5_2_4_b_a_plan_names_the_needs_and_the_measures() -> None:
    case = walk(("capability_built",))
    with pytest.raises(InvalidPayload) as refused:
        record(case, "service_plan_designed", needs=[], measures=[""], title="")
    assert {e.field for e in refused.value.errors} == {"needs", "measures[0]", "title"}

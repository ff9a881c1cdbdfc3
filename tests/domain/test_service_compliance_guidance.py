"""5.1.12 合规管理引导: the step table and what the periodic follow-up records.

a) the survey comes first, b) then the analysis of the difficulties, c) then the guidance to build a
compliance system; d) follow-ups repeat, each naming the next date; a follow-up that finds the system not
running may lead to more guidance; ending the follow-ups closes the case.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from domain.case import CLOSED, OPEN, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload, StepNotAllowed
from domain.lifecycle import OPENED
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, meta
from tests.domain.transitions import check_transition

CODE = "compliance_guidance"
INTAKE: dict[str, Any] = {"summary": "企业拟建立知识产权合规管理体系"}
VALID: dict[str, dict[str, Any]] = {
    "compliance_surveyed": {
        "methods": ["on_site"],
        "areas": ["policies", "employee_inventions"],
        "findings": "未设专职岗位，职务发明奖酬制度缺失",
    },
    "difficulties_analysed": {
        "difficulties": ["缺少专职知识产权管理人员"],
        "risk_level": "medium",
        "analysis": "制度建设滞后于研发投入",
    },
    "system_guided": {"measures": ["制定知识产权管理手册", "设立知识产权专员岗位"]},
    "compliance_followed_up": {
        "running": "partly_running",
        "observations": "手册已发布，研发记录未落实",
        "next_follow_up": "2026-07-15",
    },
    "follow_up_ended": {"reason": "system_running", "summary": "体系稳定运行"},
}
SME = {"kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "medium"}

EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "compliance_surveyed": ("5.1.12.a", {OPENED}, False, False),
    "difficulties_analysed": ("5.1.12.b", {"compliance_surveyed"}, False, False),
    "system_guided": (
        "5.1.12.c",
        {"difficulties_analysed", "system_guided", "compliance_followed_up"},
        True,
        False,
    ),
    "compliance_followed_up": ("5.1.12.d", {"system_guided", "compliance_followed_up"}, True, False),
    "follow_up_ended": ("5.1.12.d", {"compliance_followed_up"}, False, True),
}
_GUIDED = ("compliance_surveyed", "difficulties_analysed", "system_guided")
PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "compliance_surveyed": _GUIDED[:1],
    "difficulties_analysed": _GUIDED[:2],
    "system_guided": _GUIDED,
    "compliance_followed_up": (*_GUIDED, "compliance_followed_up"),
    "follow_up_ended": (*_GUIDED, "compliance_followed_up", "follow_up_ended"),
}


def open_case() -> ServiceCase:
    return ServiceCase.open(CODE, INSTITUTION_ID, CLIENT_ID, dict(INTAKE), meta(), client_profile=SME)


def record(case: ServiceCase, step: str, payload: dict[str, Any] | None = None) -> None:
    case.record_step(step, dict(VALID[step] if payload is None else payload), meta())


def walk(steps: tuple[str, ...] | list[str]) -> ServiceCase:
    case = open_case()
    for step in steps:
        record(case, step)
    return case


def test_5_1_12_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(CODE)
    assert kind.clause == "5.1.12"
    assert kind.name.zh == "合规管理引导"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_12_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(EXPECTED, PATH_TO, last, step, walk, record)


def test_5_1_12_a_the_survey_names_how_and_what_was_checked() -> None:
    with pytest.raises(InvalidPayload) as refused:
        record(open_case(), "compliance_surveyed", {"methods": [], "areas": [], "findings": " "})
    assert {e.field for e in refused.value.errors} == {"methods", "areas", "findings"}


def test_5_1_12_b_the_analysis_names_at_least_one_difficulty_and_a_risk_level() -> None:
    case = walk(_GUIDED[:1])
    with pytest.raises(InvalidPayload) as refused:
        record(case, "difficulties_analysed", {"difficulties": [], "risk_level": "severe", "analysis": "略"})
    assert {e.field for e in refused.value.errors} == {"difficulties", "risk_level"}


def test_5_1_12_c_guidance_names_the_measures_to_build_the_system() -> None:
    case = walk(_GUIDED[:2])
    with pytest.raises(InvalidPayload) as refused:
        record(case, "system_guided", {"measures": []})
    assert refused.value.field == "measures"
    record(
        case,
        "system_guided",
        {
            "measures": ["规范研发记录与技术合同审查"],
            "reference_standard": "GB/T 29490-2023",
            "target_date": "2026-09-30",
        },
    )
    assert case.recorded[-1][1]["target_date"] == "2026-09-30"


def test_5_1_12_d_every_follow_up_names_the_next_one() -> None:
    case = walk(_GUIDED)
    without = {k: v for k, v in VALID["compliance_followed_up"].items() if k != "next_follow_up"}
    with pytest.raises(InvalidPayload) as refused:
        record(case, "compliance_followed_up", without)
    assert refused.value.field == "next_follow_up"
    record(case, "compliance_followed_up")
    assert date.fromisoformat(case.recorded[-1][1]["next_follow_up"]) == date(2026, 7, 15)


def test_5_1_12_d_periodic_follow_ups_repeat_and_may_lead_to_more_guidance() -> None:
    case = walk([*_GUIDED, "compliance_followed_up", "compliance_followed_up", "system_guided"])
    record(
        case,
        "compliance_followed_up",
        {"running": "running_well", "observations": "制度运行正常", "next_follow_up": "2026-10-15"},
    )
    assert case.status == OPEN
    assert [p["next_follow_up"] for c, p in case.recorded if c == "compliance_followed_up"] == [
        "2026-07-15",
        "2026-07-15",
        "2026-10-15",
    ]


def test_5_1_12_d_ending_the_follow_ups_closes_the_case() -> None:
    case = walk(_GUIDED)
    with pytest.raises(StepNotAllowed):
        record(case, "follow_up_ended")
    record(case, "compliance_followed_up")
    record(case, "follow_up_ended")
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []

"""5.1.2 政策宣贯: the steps of a policy-promotion case.

a) the policies are collected first, and again when new ones appear; b) the compilation is pushed, c) key-
industry policies tracked, d) project applications assisted, in any order and as often as needed; the expert
interpretation session (c) follows the tracking of the policies it interprets; the conclusion closes the case,
after something has been delivered. Only innovators apply for projects.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from domain.case import CLOSED, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload, RuleBroken, StepNotAllowed
from domain.lifecycle import OPENED
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, NOW, meta
from tests.domain.transitions import check_transition

CODE = "policy_promotion"
START = NOW - timedelta(days=30)
ENTERPRISE = {"kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "medium"}
UNIVERSITY = {"kind": "innovator", "innovator_kind": "university"}
PUBLIC = {"kind": "public"}
INTAKE = {"industries": ["biomedicine"], "interests": ["reward"]}

VALID: dict[str, dict[str, Any]] = {
    "policies_collected": {
        "policies": [{"title": "西宁市专利资助办法", "level": "xining", "kind": "support"}],
    },
    "compilation_pushed": {
        "title": "西宁市知识产权惠企政策汇编",
        "version": "2025版",
        "channels": ["service_point"],
        "policy_count": 31,
    },
    "industry_policies_tracked": {"industries": ["biomedicine"], "policies": ["青海省支持藏药产业发展若干措施"]},
    "interpretation_session_held": {
        "topic": "生物医药产业知识产权政策解读",
        "industries": ["biomedicine"],
        "experts": ["马教授"],
        "attendees": 30,
    },
    "project_application_assisted": {
        "project": "青海省知识产权优势企业培育项目",
        "level": "qinghai",
        "authority": "青海省知识产权局",
        "materials": ["申报书"],
        "submitted_on": "2025-04-01",
    },
    "concluded": {"outcome": "企业已完成申报"},
}

PROMOTING = {
    "policies_collected",
    "compilation_pushed",
    "industry_policies_tracked",
    "interpretation_session_held",
    "project_application_assisted",
}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "policies_collected": ("5.1.2.a", PROMOTING | {OPENED}, True, False),
    "compilation_pushed": ("5.1.2.b", PROMOTING, True, False),
    "industry_policies_tracked": ("5.1.2.c", PROMOTING, True, False),
    "interpretation_session_held": (
        "5.1.2.c",
        {"industry_policies_tracked", "interpretation_session_held"},
        True,
        False,
    ),
    "project_application_assisted": ("5.1.2.d", PROMOTING, True, False),
    "concluded": ("5.1.2", PROMOTING - {"policies_collected"}, False, True),
}

PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "policies_collected": ("policies_collected",),
    "compilation_pushed": ("policies_collected", "compilation_pushed"),
    "industry_policies_tracked": ("policies_collected", "industry_policies_tracked"),
    "interpretation_session_held": ("policies_collected", "industry_policies_tracked", "interpretation_session_held"),
    "project_application_assisted": ("policies_collected", "project_application_assisted"),
    "concluded": ("policies_collected", "compilation_pushed", "concluded"),
}


def walk(history: tuple[str, ...] | list[str], client: dict[str, Any] | None = None) -> ServiceCase:
    case = ServiceCase.open(
        CODE, INSTITUTION_ID, CLIENT_ID, dict(INTAKE), meta(effective_at=START), dict(client or ENTERPRISE)
    )
    for hour, code in enumerate(history, start=1):
        case.record_step(code, dict(VALID[code]), meta(effective_at=START + timedelta(hours=hour)))
    return case


def test_5_1_2_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(CODE)
    assert kind.clause == "5.1.2"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_2_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(
        EXPECTED, PATH_TO, last, step, walk, lambda case, step: case.record_step(step, dict(VALID[step]), meta())
    )


def test_5_1_2_full_promotion_to_an_enterprise() -> None:
    history = [
        "policies_collected",
        "compilation_pushed",
        "industry_policies_tracked",
        "interpretation_session_held",
        "interpretation_session_held",
        "policies_collected",
        "compilation_pushed",
        "project_application_assisted",
        "project_application_assisted",
        "concluded",
    ]
    case = walk(history)
    assert case.steps == history
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []


def test_5_1_2_a_promotion_starts_with_collecting_the_policies() -> None:
    assert walk([]).allowed_next_steps() == ["policies_collected"]


def test_5_1_2_a_each_policy_has_its_level_and_kind() -> None:
    case = walk([])
    policies = [
        {"title": "国家知识产权强国建设纲要", "level": "national", "kind": "support"},
        {"title": "青海省专利奖评奖办法", "level": "qinghai", "kind": "reward", "issuer": "青海省人民政府"},
        {"title": "西宁市知识产权试点园区申报通知", "level": "xining", "kind": "pilot_application"},
    ]
    case.record_step("policies_collected", {"policies": policies}, meta())
    recorded = case.recorded[-1][1]["policies"]
    assert [(p["level"], p["kind"]) for p in recorded] == [
        ("national", "support"),
        ("qinghai", "reward"),
        ("xining", "pilot_application"),
    ]


@pytest.mark.parametrize(
    ("policies", "field"),
    [
        ([], "policies"),
        ([{"title": "某政策", "level": "county", "kind": "support"}], "policies[0].level"),
        ([{"title": "某政策", "level": "xining", "kind": "tax"}], "policies[0].kind"),
        ([{"title": " ", "level": "xining", "kind": "support"}], "policies[0].title"),
        ([{"level": "xining", "kind": "support"}], "policies[0].title"),
    ],
)
def test_5_1_2_a_a_collected_policy_is_from_the_standards_levels_and_kinds(
    policies: list[dict[str, Any]], field: str
) -> None:
    case = walk([])
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("policies_collected", {"policies": policies}, meta())
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"channels": []}, "channels"),
        ({"channels": ["wechat"]}, "channels[0]"),
        ({"version": ""}, "version"),
        ({"policy_count": 0}, "policy_count"),
    ],
)
def test_5_1_2_b_the_compilation_names_its_version_and_push_channels(changes: dict[str, Any], field: str) -> None:
    case = walk(["policies_collected"])
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("compilation_pushed", {**VALID["compilation_pushed"], **changes}, meta())
    assert field in {e.field for e in refused.value.errors}


def test_5_1_2_b_each_update_of_the_compilation_is_pushed_again() -> None:
    case = walk(["policies_collected", "compilation_pushed"])
    update = {**VALID["compilation_pushed"], "version": "2025版第二次更新", "channels": ["government_platform"]}
    case.record_step("compilation_pushed", update, meta())
    assert [p["version"] for p in case.view.payloads("compilation_pushed")] == ["2025版", "2025版第二次更新"]


def test_5_1_2_c_an_interpretation_session_follows_the_tracking_of_industry_policies() -> None:
    case = walk(["policies_collected", "compilation_pushed"])
    with pytest.raises(StepNotAllowed):
        case.record_step("interpretation_session_held", dict(VALID["interpretation_session_held"]), meta())


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"experts": []}, "experts"), ({"attendees": 0}, "attendees"), ({"industries": ["tourism"]}, "industries[0]")],
)
def test_5_1_2_c_a_session_names_its_experts_industries_and_attendance(changes: dict[str, Any], field: str) -> None:
    case = walk(["policies_collected", "industry_policies_tracked"])
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("interpretation_session_held", {**VALID["interpretation_session_held"], **changes}, meta())
    assert field in {e.field for e in refused.value.errors}


def test_5_1_2_d_a_member_of_the_public_applies_for_no_project() -> None:
    case = walk(["policies_collected", "compilation_pushed"], client=PUBLIC)
    with pytest.raises(RuleBroken) as refused:
        case.record_step("project_application_assisted", dict(VALID["project_application_assisted"]), meta())
    assert refused.value.clause == "5.1.2.d"
    assert case.steps == ["policies_collected", "compilation_pushed"]
    case.record_step("concluded", {"outcome": "已推送政策汇编"}, meta())
    assert case.status == CLOSED


@pytest.mark.parametrize("client", [ENTERPRISE, UNIVERSITY])
def test_5_1_2_d_innovators_are_assisted_with_project_applications(client: dict[str, Any]) -> None:
    case = walk(["policies_collected", "project_application_assisted"], client=client)
    assert case.steps[-1] == "project_application_assisted"


def test_5_1_2_d_materials_submitted_after_the_deadline_are_refused() -> None:
    case = walk(["policies_collected"])
    late = {**VALID["project_application_assisted"], "deadline": "2025-03-31"}
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("project_application_assisted", late, meta())
    assert refused.value.field == "submitted_on"
    on_time = {**late, "submitted_on": "2025-03-31"}
    case.record_step("project_application_assisted", on_time, meta())
    assert case.recorded[-1][1]["deadline"] == "2025-03-31"


def test_5_1_2_the_case_cannot_conclude_on_collection_alone() -> None:
    case = walk(["policies_collected"])
    with pytest.raises(StepNotAllowed):
        case.record_step("concluded", dict(VALID["concluded"]), meta())

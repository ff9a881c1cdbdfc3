"""5.1.9 信息分析利用: the step table and the free basic analysis.

a) the information is classified and organised first; b) how to obtain each kind may be explained then;
c) the basic analysis is free for every client; d) an analysis run with an agency may be charged; the
analysis is delivered after an analysis and closes the case.
"""

from __future__ import annotations

from typing import Any

import pytest

from domain.case import CLOSED, OPEN, ServiceCase
from domain.catalogue import service_type
from domain.errors import FeeNotAllowed, InvalidPayload
from domain.lifecycle import OPENED
from domain.services.info_analysis import INFO_CATEGORY_LABELS, InfoCategory
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, meta
from tests.domain.transitions import check_transition

CODE = "info_analysis"
INTAKE: dict[str, Any] = {"purpose": "technology_trend", "subject": "牦牛乳制品加工技术"}
VALID: dict[str, dict[str, Any]] = {
    "information_organised": {"categories": ["patent", "legal_status"], "records": 2360, "scheme": "ipc"},
    "acquisition_explained": {
        "methods": [
            {"category": "patent", "how": "按 IPC A23C 与关键词组合检索", "platform": "cnipa_patent_search"},
            {"category": "policy", "how": "查阅国家知识产权局政策法规栏目"},
        ],
        "explained_to": ["技术中心 马主任"],
    },
    "basic_analysis_performed": {
        "kinds": ["trend", "applicants"],
        "records_analysed": 2360,
        "conclusions": "发酵乳工艺为热点",
    },
    "joint_analysis_arranged": {
        "agency": "某知识产权运营中心",
        "scope": "功能性成分提取专利导航",
        "deliverable": "专利导航分析报告",
        "fee_cny": "30000",
    },
    "analysis_delivered": {
        "report_title": "牦牛乳制品加工技术专利态势分析",
        "delivered_to": "青海高原乳业有限公司",
        "channel": "in_person",
    },
}
PUBLIC = {"kind": "public"}
SME = {"kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "micro"}
LARGE = {"kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "large"}

PREPARED = {"information_organised", "acquisition_explained"}
ANALYSES = {"basic_analysis_performed", "joint_analysis_arranged"}
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "information_organised": ("5.1.9.a", {OPENED}, False, False),
    "acquisition_explained": ("5.1.9.b", {"information_organised"}, False, False),
    "basic_analysis_performed": ("5.1.9.c", PREPARED | ANALYSES, True, False),
    "joint_analysis_arranged": ("5.1.9.d", PREPARED | ANALYSES, True, False),
    "analysis_delivered": ("5.1.9.c", ANALYSES, False, True),
}
PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "information_organised": ("information_organised",),
    "acquisition_explained": ("information_organised", "acquisition_explained"),
    "basic_analysis_performed": ("information_organised", "basic_analysis_performed"),
    "joint_analysis_arranged": ("information_organised", "joint_analysis_arranged"),
    "analysis_delivered": ("information_organised", "basic_analysis_performed", "analysis_delivered"),
}


def open_case(client: dict[str, Any] | None = None) -> ServiceCase:
    return ServiceCase.open(CODE, INSTITUTION_ID, CLIENT_ID, dict(INTAKE), meta(), client_profile=client or SME)


def record(case: ServiceCase, step: str, payload: dict[str, Any] | None = None) -> None:
    case.record_step(step, dict(VALID[step] if payload is None else payload), meta())


def walk(steps: tuple[str, ...] | list[str], client: dict[str, Any] | None = None) -> ServiceCase:
    case = open_case(client)
    for step in steps:
        record(case, step)
    return case


def test_5_1_9_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(CODE)
    assert kind.clause == "5.1.9"
    assert kind.name.zh == "信息分析利用"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED
    assert kind.step("basic_analysis_performed").free is not None
    assert kind.step("joint_analysis_arranged").free is None


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_9_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(EXPECTED, PATH_TO, last, step, walk, record)


def test_5_1_9_a_every_kind_of_information_has_a_label() -> None:
    assert set(INFO_CATEGORY_LABELS) == set(InfoCategory)


def test_5_1_9_a_the_information_is_organised_into_at_least_one_category() -> None:
    with pytest.raises(InvalidPayload) as refused:
        record(open_case(), "information_organised", {"categories": [], "records": 10})
    assert refused.value.field == "categories"


def test_5_1_9_b_each_kind_of_information_is_explained_once() -> None:
    case = walk(["information_organised"])
    twice = {"category": "patent", "how": "另一种方法"}
    payload = {**VALID["acquisition_explained"], "methods": [*VALID["acquisition_explained"]["methods"], twice]}
    with pytest.raises(InvalidPayload) as refused:
        record(case, "acquisition_explained", payload)
    assert refused.value.field == "methods[2].category"
    record(case, "acquisition_explained")
    assert [m["category"] for m in case.recorded[-1][1]["methods"]] == ["patent", "policy"]


@pytest.mark.parametrize("client", [PUBLIC, SME, LARGE], ids=["public", "sme", "large"])
def test_5_1_9_c_basic_analysis_is_free_for_every_client(client: dict[str, Any]) -> None:
    case = walk(["information_organised"], client)
    with pytest.raises(FeeNotAllowed, match=r"^5\.1\.9\.c: "):
        record(case, "basic_analysis_performed", {**VALID["basic_analysis_performed"], "fee_cny": "500"})
    assert case.steps == ["information_organised"]
    record(case, "basic_analysis_performed")
    assert case.recorded[-1][1]["fee_cny"] == "0"


@pytest.mark.parametrize("client", [PUBLIC, SME, LARGE], ids=["public", "sme", "large"])
def test_5_1_9_d_an_analysis_with_an_agency_may_be_charged(client: dict[str, Any]) -> None:
    case = walk(["information_organised", "joint_analysis_arranged"], client)
    assert case.recorded[-1][1]["fee_cny"] == "30000"


def test_5_1_9_c_analysis_delivered_after_basic_and_joint_analyses_closes_the_case() -> None:
    case = walk(
        [
            "information_organised",
            "acquisition_explained",
            "basic_analysis_performed",
            "joint_analysis_arranged",
            "basic_analysis_performed",
        ]
    )
    assert case.status == OPEN
    record(case, "analysis_delivered")
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []

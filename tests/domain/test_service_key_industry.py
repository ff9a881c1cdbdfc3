"""5.2.2 重点产业特色服务: the table written out by hand, and what the SEP guidance records.

a) the industry is surveyed first, then navigated; b)-f) build on the navigation, in any order and as
often as needed; the service is concluded after any of them.
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

TYPE = "key_industry"
START = NOW - timedelta(days=90)

VALID: dict[str, dict[str, Any]] = {
    "industry_surveyed": {
        "surveyed_on": "2026-01-15",
        "enterprises": ["青海盐湖锂业科技有限公司"],
        "current_state": "提锂产能快速扩张",
        "problems": "海外布局空白",
    },
    "patent_navigation_done": {
        "report_title": "西宁市锂电产业专利导航分析报告",
        "completed_on": "2026-02-28",
        "patents_analysed": 18436,
        "findings": "膜法提锂存在布局空白点",
    },
    "patent_database_built": {
        "database_name": "锂电产业专利数据库",
        "records": 18436,
        "tagging_scheme": "按技术分支标引",
    },
    "courses_designed": {"courses": ["锂电产业专利态势解读"], "audience": "企业研发人员"},
    "portfolio_planned": {"technology_areas": ["膜法提锂"], "planned_filings": 12, "plan": "构建核心专利组合"},
    "high_value_patent_cultivated": {
        "project": "高镁锂比卤水提锂高价值专利培育",
        "patents": ["ZL202310456789.1"],
        "criteria": "技术先进、权利稳定",
    },
    "sep_guidance_given": {"topics": ["filing"], "standard": "GB/T 34131", "advice": "在标准制定阶段同步提交专利申请"},
    "brand_cultivation_guided": {"brands": ["昆仑锂源"], "nice_classes": [1, 9], "strategy": "商标全类注册"},
    "service_concluded": {"results": "完成导航报告和数据库"},
}

WORK = {
    "patent_navigation_done",
    "patent_database_built",
    "courses_designed",
    "portfolio_planned",
    "high_value_patent_cultivated",
    "sep_guidance_given",
    "brand_cultivation_guided",
}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "industry_surveyed": ("5.2.2.a", {OPENED}, False, False),
    "patent_navigation_done": ("5.2.2.a", {"industry_surveyed"}, False, False),
    "patent_database_built": ("5.2.2.b", WORK, True, False),
    "courses_designed": ("5.2.2.c", WORK, True, False),
    "portfolio_planned": ("5.2.2.d", WORK, True, False),
    "high_value_patent_cultivated": ("5.2.2.d", WORK, True, False),
    "sep_guidance_given": ("5.2.2.e", WORK, True, False),
    "brand_cultivation_guided": ("5.2.2.f", WORK, True, False),
    "service_concluded": ("5.2.2", WORK, False, True),
}

NAVIGATED = ("industry_surveyed", "patent_navigation_done")
PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "industry_surveyed": ("industry_surveyed",),
    "patent_navigation_done": NAVIGATED,
    **{step: (*NAVIGATED, step) for step in WORK - {"patent_navigation_done"}},
    "service_concluded": (*NAVIGATED, "service_concluded"),
}


def open_case(**intake: Any) -> ServiceCase:
    body = {"industry": "lithium_battery", **intake}
    return ServiceCase.open(TYPE, INSTITUTION_ID, CLIENT_ID, body, meta(effective_at=START))


def record(case: ServiceCase, code: str, **changes: Any) -> None:
    at = START + timedelta(hours=len(case.steps) + 1)
    case.record_step(code, {**VALID[code], **changes}, meta(effective_at=at))


def walk(steps: tuple[str, ...]) -> ServiceCase:
    case = open_case()
    for code in steps:
        record(case, code)
    return case


def sep_faults(**changes: Any) -> set[str]:
    case = walk(NAVIGATED)
    with pytest.raises(InvalidPayload) as refused:
        record(case, "sep_guidance_given", **changes)
    return {e.field for e in refused.value.errors}


def test_5_2_2_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(TYPE)
    assert kind.clause == "5.2.2"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_2_2_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
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


def test_5_2_2_intake_names_a_key_industry_of_qinghai() -> None:
    assert open_case(industry="salt_lake_chemicals", chain_segment="钾肥").intake["industry"] == "salt_lake_chemicals"
    with pytest.raises(InvalidPayload) as refused:
        open_case(industry="shipbuilding")
    assert refused.value.field == "industry"


def test_5_2_2_a_b_the_database_is_built_from_the_navigation_and_kept_up_to_date() -> None:
    case = walk(NAVIGATED)
    record(case, "patent_database_built")
    record(case, "patent_database_built", records=19002)
    assert [p["records"] for p in case.view.payloads("patent_database_built")] == [18436, 19002]
    with pytest.raises(InvalidPayload):
        record(case, "patent_database_built", records=-1)


def test_5_2_2_e_every_sep_topic_of_the_standard_is_known() -> None:
    case = walk(NAVIGATED)
    record(case, "sep_guidance_given", topics=["filing", "licence_terms", "frand_compliance"])
    assert case.steps[-1] == "sep_guidance_given"
    assert "topics" in sep_faults(topics=[])
    assert "topics[0]" in sep_faults(topics=["patent_pool"])


def test_5_2_2_e_royalty_calculation_records_an_exact_rate_and_base() -> None:
    case = walk(NAVIGATED)
    record(
        case,
        "sep_guidance_given",
        topics=["royalty_calculation"],
        royalty_rate="0.0325",
        royalty_base_cny="3200000.00",
    )
    stored = case.recorded[-1][1]
    assert (stored["royalty_rate"], stored["royalty_base_cny"]) == ("0.0325", "3200000.00")
    assert sep_faults(topics=["royalty_calculation"]) == {"royalty_rate", "royalty_base_cny"}
    assert sep_faults(royalty_rate="0.02", royalty_base_cny="100.00") == {"royalty_rate", "royalty_base_cny"}
    assert "royalty_rate" in sep_faults(topics=["royalty_calculation"], royalty_rate="1.5", royalty_base_cny="1")
    assert "royalty_base_cny" in sep_faults(topics=["royalty_calculation"], royalty_rate="0.1", royalty_base_cny="-1")


def test_5_2_2_e_international_jurisdiction_names_the_jurisdictions() -> None:
    assert "jurisdictions" in sep_faults(topics=["jurisdiction"])
    case = walk(NAVIGATED)
    record(case, "sep_guidance_given", topics=["jurisdiction"], jurisdictions=["中国", "德国", "英国"])
    assert case.recorded[-1][1]["jurisdictions"] == ["中国", "德国", "英国"]


def test_5_2_2_f_brand_cultivation_names_nice_classes_1_to_45() -> None:
    case = walk(NAVIGATED)
    for wrong in (0, 46):
        with pytest.raises(InvalidPayload) as refused:
            record(case, "brand_cultivation_guided", nice_classes=[35, wrong])
        assert refused.value.field == "nice_classes[1]"
    record(case, "brand_cultivation_guided", nice_classes=[1, 45])
    assert case.steps[-1] == "brand_cultivation_guided"


def test_5_2_2_service_concludes_after_the_work_and_closes_the_case() -> None:
    case = walk((*NAVIGATED, "portfolio_planned", "high_value_patent_cultivated"))
    record(case, "service_concluded", satisfaction=5)
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []

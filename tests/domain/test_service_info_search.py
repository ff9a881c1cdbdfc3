"""5.1.8 信息查询检索: the step table, the platform catalogue, and the free basic search.

a) the common platforms are a catalogue (data) the search steps name their platforms from; b) staff
skills are not a step; c) the basic search is free for every client, and the results are delivered
after a search; d) a search run with an agency may be charged. Searches repeat in any order.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from domain.case import CLOSED, OPEN, ServiceCase
from domain.catalogue import service_type
from domain.errors import FeeNotAllowed, InvalidPayload, StepNotAllowed
from domain.lifecycle import OPENED
from domain.services.common import IpType
from domain.services.info_search import SEARCH_PLATFORMS, SearchPlatform
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, meta
from tests.domain.transitions import check_transition

CODE = "info_search"
INTAKE: dict[str, Any] = {
    "ip_type": "patent",
    "purpose": "novelty",
    "subject": "一种盐湖卤水提锂用铝系吸附剂",
    "summary": "申请前查新",
}
VALID: dict[str, dict[str, Any]] = {
    "basic_search_performed": {
        "platforms": ["cnipa_patent_search", "wipo_patentscope"],
        "query": "提锂 AND 吸附剂 AND 卤水",
        "hits": 137,
        "relevant_hits": 9,
    },
    "joint_search_arranged": {
        "agency": "青海智汇知识产权代理有限公司",
        "scope": "全球新颖性检索",
        "fee_cny": "1800.00",
    },
    "results_delivered": {"delivered_to": "研发部 李工", "channel": "email", "conclusion": "未发现破坏新颖性的文献"},
}
PUBLIC = {"kind": "public"}
SME = {"kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "small"}
LARGE = {"kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "large"}
UNIVERSITY = {"kind": "innovator", "innovator_kind": "university"}

SEARCHES = {"basic_search_performed", "joint_search_arranged"}
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "basic_search_performed": ("5.1.8.c", {OPENED} | SEARCHES, True, False),
    "joint_search_arranged": ("5.1.8.d", {OPENED} | SEARCHES, True, False),
    "results_delivered": ("5.1.8.c", SEARCHES, False, True),
}
PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "basic_search_performed": ("basic_search_performed",),
    "joint_search_arranged": ("joint_search_arranged",),
    "results_delivered": ("basic_search_performed", "results_delivered"),
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


def test_5_1_8_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(CODE)
    assert kind.clause == "5.1.8"
    assert (kind.name.zh, kind.name.en) == ("信息查询检索", "IP information search")
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED
    assert kind.step("basic_search_performed").free is not None
    assert kind.step("joint_search_arranged").free is None


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_8_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(EXPECTED, PATH_TO, last, step, walk, record)


def test_5_1_8_a_every_platform_of_the_catalogue_has_labels_an_address_and_the_rights_it_covers() -> None:
    assert set(SEARCH_PLATFORMS) == set(SearchPlatform)
    for platform, info in SEARCH_PLATFORMS.items():
        assert info.name.zh, platform
        assert info.name.en, platform
        assert info.url.startswith(("https://", "http://")), platform
        assert info.covers, platform
        assert info.covers <= set(IpType), platform
    assert IpType.TRADEMARK in SEARCH_PLATFORMS[SearchPlatform.CHINA_TRADEMARK].covers
    assert SEARCH_PLATFORMS[SearchPlatform.INCOPAT].subscription


def test_5_1_8_a_a_platform_outside_the_catalogue_is_refused_unless_named_as_another_platform() -> None:
    case = open_case()
    with pytest.raises(InvalidPayload) as refused:
        record(case, "basic_search_performed", {**VALID["basic_search_performed"], "platforms": ["baidu"]})
    assert refused.value.field == "platforms[0]"
    record(
        case, "basic_search_performed", {"other_platforms": ["青海省专利信息服务平台"], "query": "牦牛 乳清", "hits": 4}
    )
    assert case.recorded[-1][1]["other_platforms"] == ["青海省专利信息服务平台"]


def test_5_1_8_c_basic_search_records_the_platforms_the_query_and_the_hits() -> None:
    case = walk(["basic_search_performed"])
    payload = case.recorded[-1][1]
    assert payload["platforms"] == ["cnipa_patent_search", "wipo_patentscope"]
    assert (payload["query"], payload["hits"], payload["relevant_hits"]) == ("提锂 AND 吸附剂 AND 卤水", 137, 9)
    assert payload["fee_cny"] == "0"


def test_5_1_8_c_basic_search_names_a_platform_and_cannot_have_more_relevant_hits_than_hits() -> None:
    with pytest.raises(InvalidPayload) as refused:
        record(open_case(), "basic_search_performed", {"query": "提锂", "hits": 3, "relevant_hits": 4})
    assert {e.field for e in refused.value.errors} == {"platforms", "relevant_hits"}


@pytest.mark.parametrize("client", [PUBLIC, SME, LARGE, UNIVERSITY], ids=["public", "sme", "large", "university"])
@pytest.mark.parametrize("fee", ["0.01", "200", 50])
def test_5_1_8_c_basic_search_is_free_for_every_client(client: dict[str, Any], fee: Any) -> None:
    case = open_case(client)
    with pytest.raises(FeeNotAllowed, match=r"^5\.1\.8\.c: "):
        record(case, "basic_search_performed", {**VALID["basic_search_performed"], "fee_cny": fee})
    assert case.steps == []
    assert case.version == 1
    record(case, "basic_search_performed", {**VALID["basic_search_performed"], "fee_cny": "0.00"})
    assert case.steps == ["basic_search_performed"]


@pytest.mark.parametrize("fee", ["-1", "NaN", "Infinity"])
def test_5_1_8_c_a_fee_is_a_finite_amount_not_below_zero(fee: str) -> None:
    with pytest.raises(InvalidPayload) as refused:
        record(open_case(), "basic_search_performed", {**VALID["basic_search_performed"], "fee_cny": fee})
    assert refused.value.field == "fee_cny"


@pytest.mark.parametrize("client", [PUBLIC, SME, LARGE], ids=["public", "sme", "large"])
def test_5_1_8_d_a_search_with_an_agency_may_be_charged(client: dict[str, Any]) -> None:
    case = walk(["basic_search_performed", "joint_search_arranged"], client)
    assert case.recorded[-1][1]["fee_cny"] == "1800.00"
    assert Decimal(case.recorded[-1][1]["fee_cny"]) == Decimal(1800)


def test_5_1_8_c_results_are_delivered_after_a_search_and_close_the_case() -> None:
    case = open_case()
    with pytest.raises(StepNotAllowed):
        record(case, "results_delivered")
    for step in ["joint_search_arranged", "basic_search_performed", "basic_search_performed"]:
        record(case, step)
        assert case.status == OPEN
    record(case, "results_delivered")
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []

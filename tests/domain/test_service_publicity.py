"""5.1.11 知识宣传: the step table and what each step records.

a) the plan comes first; b) materials are prepared before any activity, and again between activities;
c) campaigns at the key dates and major exhibitions and d) daily publicity repeat in any order; e) the
photos, audio and video are kept as references (never the files); f) the report follows the media
collected and closes the case.
"""

from __future__ import annotations

from typing import Any

import pytest

from domain.case import CLOSED, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload, StepNotAllowed
from domain.lifecycle import OPENED
from domain.services.publicity import KEY_OCCASIONS, KeyOccasion
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, meta
from tests.domain.transitions import check_transition

CODE = "publicity"
INTAKE: dict[str, Any] = {"summary": "“4·26”知识产权宣传周系列活动"}
VALID: dict[str, dict[str, Any]] = {
    "publicity_planned": {
        "title": "2026年“4·26”知识产权宣传周活动方案",
        "theme": "全面加强知识产权保护",
        "starts_on": "2026-04-20",
        "ends_on": "2026-04-26",
        "occasions": ["ip_week"],
    },
    "materials_prepared": {"materials": [{"kind": "brochure", "title": "知识产权保护知识手册", "quantity": 2000}]},
    "key_date_campaign_held": {"occasion": "ip_week", "venue": "西宁市中心广场", "activities": "设咨询台发放手册"},
    "daily_publicity_posted": {"channels": ["wechat"], "topic": "laws", "title": "一图读懂专利法实施细则"},
    "media_collected": {"items": [{"kind": "photo", "archive_no": "XN-XC-2026-014-P01"}]},
    "activity_reported": {"summary": "开展集中宣传1场", "outlets": ["西宁晚报"], "people_reached": 600},
}

ACTIVE = {"materials_prepared", "key_date_campaign_held", "daily_publicity_posted", "media_collected"}
ACTIVITIES = {"key_date_campaign_held", "daily_publicity_posted"}
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "publicity_planned": ("5.1.11.a", {OPENED}, False, False),
    "materials_prepared": ("5.1.11.b", ACTIVE | {"publicity_planned"}, True, False),
    "key_date_campaign_held": ("5.1.11.c", ACTIVE, True, False),
    "daily_publicity_posted": ("5.1.11.d", ACTIVE, True, False),
    "media_collected": ("5.1.11.e", ACTIVITIES | {"media_collected"}, True, False),
    "activity_reported": ("5.1.11.f", {"media_collected"}, False, True),
}
_READY = ("publicity_planned", "materials_prepared")
PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "publicity_planned": ("publicity_planned",),
    "materials_prepared": _READY,
    "key_date_campaign_held": (*_READY, "key_date_campaign_held"),
    "daily_publicity_posted": (*_READY, "daily_publicity_posted"),
    "media_collected": (*_READY, "daily_publicity_posted", "media_collected"),
    "activity_reported": (*_READY, "daily_publicity_posted", "media_collected", "activity_reported"),
}


def open_case() -> ServiceCase:
    return ServiceCase.open(CODE, INSTITUTION_ID, CLIENT_ID, dict(INTAKE), meta(), client_profile={"kind": "public"})


def record(case: ServiceCase, step: str, payload: dict[str, Any] | None = None) -> None:
    case.record_step(step, dict(VALID[step] if payload is None else payload), meta())


def walk(steps: tuple[str, ...] | list[str]) -> ServiceCase:
    case = open_case()
    for step in steps:
        record(case, step)
    return case


def test_5_1_11_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(CODE)
    assert kind.clause == "5.1.11"
    assert kind.name.zh == "知识宣传"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_11_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(EXPECTED, PATH_TO, last, step, walk, record)


def test_5_1_11_a_a_plan_cannot_end_before_it_starts() -> None:
    with pytest.raises(InvalidPayload) as refused:
        record(open_case(), "publicity_planned", {**VALID["publicity_planned"], "ends_on": "2026-04-19"})
    assert refused.value.field == "ends_on"


def test_5_1_11_b_materials_name_their_kind_and_title() -> None:
    case = walk(["publicity_planned"])
    with pytest.raises(InvalidPayload) as refused:
        record(case, "materials_prepared", {"materials": [{"kind": "balloon", "title": " ", "quantity": 0}]})
    assert refused.value.field == "materials[0].kind"
    with pytest.raises(InvalidPayload):
        record(case, "materials_prepared", {"materials": []})
    record(case, "materials_prepared", {"materials": [{"kind": "poster", "title": "打击侵权假冒"}]})
    assert case.recorded[-1][1]["materials"] == [{"kind": "poster", "title": "打击侵权假冒", "quantity": None}]


def test_5_1_11_c_the_key_dates_of_the_standard_are_a_labelled_vocabulary() -> None:
    assert set(KEY_OCCASIONS) == set(KeyOccasion)
    assert {o.value for o in KeyOccasion} == {
        "ip_week",
        "patent_week",
        "china_brand_day",
        "mass_innovation_week",
        "major_exhibition",
    }
    assert "5月10日" in KEY_OCCASIONS[KeyOccasion.CHINA_BRAND_DAY].zh
    assert "4·26" in KEY_OCCASIONS[KeyOccasion.IP_WEEK].zh


def test_5_1_11_c_a_campaign_at_a_major_exhibition_names_the_exhibition() -> None:
    case = walk(_READY)
    payload = {"occasion": "major_exhibition", "venue": "青海国际会展中心", "activities": "设保护展区"}
    with pytest.raises(InvalidPayload) as refused:
        record(case, "key_date_campaign_held", payload)
    assert refused.value.field == "exhibition"
    record(case, "key_date_campaign_held", {**payload, "exhibition": "中国·青海绿色发展投资贸易洽谈会"})
    record(case, "key_date_campaign_held", {**VALID["key_date_campaign_held"], "occasion": "china_brand_day"})
    assert [p["occasion"] for _, p in case.recorded[2:]] == ["major_exhibition", "china_brand_day"]


def test_5_1_11_d_daily_publicity_repeats_on_several_channels() -> None:
    case = walk([*_READY, "daily_publicity_posted"])
    with pytest.raises(InvalidPayload) as refused:
        record(case, "daily_publicity_posted", {**VALID["daily_publicity_posted"], "channels": []})
    assert refused.value.field == "channels"
    record(case, "daily_publicity_posted", {**VALID["daily_publicity_posted"], "channels": ["website", "poster_board"]})
    assert case.steps.count("daily_publicity_posted") == 2


def test_5_1_11_e_media_are_kept_as_references_never_as_the_files() -> None:
    case = walk([*_READY, "key_date_campaign_held"])
    with pytest.raises(InvalidPayload) as refused:
        record(case, "media_collected", {"items": [{"kind": "photo", "caption": "现场"}]})
    assert refused.value.field == "items[0]"
    for inline in ["data:image/jpeg;base64,/9j/4AAQSkZJRg==", "DATA:video/mp4;base64,AAAA"]:
        with pytest.raises(InvalidPayload) as refused:
            record(case, "media_collected", {"items": [{"kind": "photo", "uri": inline}]})
        assert refused.value.field == "items[0].uri"
    record(
        case,
        "media_collected",
        {
            "items": [
                {"kind": "photo", "uri": "https://files.example.cn/xnip/2026/426-01.jpg"},
                {"kind": "audio", "archive_no": "XN-XC-2026-014-A01"},
                {"kind": "video", "uri": "smb://nas.xnip.local/宣传/2026/426.mp4", "caption": "宣传片"},
            ]
        },
    )
    assert [i["kind"] for i in case.recorded[-1][1]["items"]] == ["photo", "audio", "video"]


def test_5_1_11_f_the_report_follows_the_media_collected_and_closes_the_case() -> None:
    case = walk([*_READY, "key_date_campaign_held"])
    with pytest.raises(StepNotAllowed):
        record(case, "activity_reported")
    record(case, "media_collected")
    record(case, "activity_reported", {**VALID["activity_reported"], "online_views": 12400})
    assert case.status == CLOSED
    assert case.recorded[-1][1]["online_views"] == 12400
    assert case.allowed_next_steps() == []

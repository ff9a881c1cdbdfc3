"""5.1.10 基础知识培训: the step table, and the rules that bind its steps together.

a) needs are surveyed (questionnaires, visits), as often as needed; b) the plan names its lecturers and
whether they confirmed the courseware; no session is held on a plan whose courseware is unconfirmed, and
a revised plan may confirm it; c) each session is followed by a satisfaction questionnaire answered by at
most those who attended; a series may plan and hold further sessions; d) the records close the case.
"""

from __future__ import annotations

from typing import Any

import pytest

from domain.case import CLOSED, OPEN, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload, RuleBroken, StepNotAllowed
from domain.lifecycle import OPENED
from domain.services.training import COURSES, Course
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, meta
from tests.domain.transitions import check_transition

CODE = "training"
INTAKE: dict[str, Any] = {"summary": "园区企业知识产权基础培训"}
PLAN: dict[str, Any] = {
    "title": "中小企业知识产权基础知识培训班",
    "planned_on": "2026-05-20",
    "lecturers": ["张明（专利代理师）"],
    "courses": ["ip_basics", "patent_application"],
}
VALID: dict[str, dict[str, Any]] = {
    "needs_surveyed": {"methods": ["questionnaire", "visit"], "respondents": 48, "courses_wanted": ["trade_secrets"]},
    "training_planned": {**PLAN, "courseware_confirmed": True},
    "session_held": {"venue": "西宁市知识产权保护中心培训室", "attendees_count": 62, "attendees": ["王海军"]},
    "satisfaction_surveyed": {"responses": 55, "mean_score": "4.6", "satisfied_percent": "94.5"},
    "records_kept": {"archive_no": "XN-PX-2026-005", "follow_up_needs": ["专利质押融资"]},
}

EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "needs_surveyed": ("5.1.10.a", {OPENED, "needs_surveyed"}, True, False),
    "training_planned": ("5.1.10.b", {"needs_surveyed", "training_planned", "satisfaction_surveyed"}, True, False),
    "session_held": ("5.1.10.c", {"training_planned", "satisfaction_surveyed"}, True, False),
    "satisfaction_surveyed": ("5.1.10.c", {"session_held"}, True, False),
    "records_kept": ("5.1.10.d", {"satisfaction_surveyed"}, False, True),
}
PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "needs_surveyed": ("needs_surveyed",),
    "training_planned": ("needs_surveyed", "training_planned"),
    "session_held": ("needs_surveyed", "training_planned", "session_held"),
    "satisfaction_surveyed": ("needs_surveyed", "training_planned", "session_held", "satisfaction_surveyed"),
    "records_kept": (
        "needs_surveyed",
        "training_planned",
        "session_held",
        "satisfaction_surveyed",
        "records_kept",
    ),
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


def test_5_1_10_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(CODE)
    assert kind.clause == "5.1.10"
    assert kind.name.zh == "基础知识培训"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_10_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(EXPECTED, PATH_TO, last, step, walk, record)


def test_5_1_10_every_course_has_a_zh_and_en_title() -> None:
    assert set(COURSES) == set(Course)
    assert all(label.zh.strip() and label.en.strip() for label in COURSES.values())


def test_5_1_10_a_needs_name_a_survey_method_and_a_course_or_topic() -> None:
    with pytest.raises(InvalidPayload) as refused:
        record(open_case(), "needs_surveyed", {"methods": [], "respondents": 0})
    assert {e.field for e in refused.value.errors} == {"methods", "respondents"}
    with pytest.raises(InvalidPayload) as refused:
        record(open_case(), "needs_surveyed", {"methods": ["visit"], "respondents": 3})
    assert refused.value.field == "courses_wanted"


def test_5_1_10_a_needs_are_surveyed_by_questionnaire_and_repeated_visits() -> None:
    case = walk(["needs_surveyed"])
    record(case, "needs_surveyed", {"methods": ["visit"], "respondents": 5, "topics_wanted": ["职务发明奖酬"]})
    assert [p["methods"] for _, p in case.recorded] == [["questionnaire", "visit"], ["visit"]]


def test_5_1_10_b_a_plan_names_its_lecturers_and_a_course_or_topic() -> None:
    case = walk(["needs_surveyed"])
    with pytest.raises(InvalidPayload) as refused:
        record(case, "training_planned", {**PLAN, "lecturers": [], "courses": ["ip_law_101"]})
    assert {e.field for e in refused.value.errors} == {"lecturers", "courses[0]"}
    with pytest.raises(InvalidPayload) as refused:
        record(case, "training_planned", {**PLAN, "courses": []})
    assert refused.value.field == "courses"


def test_5_1_10_b_no_session_on_a_plan_whose_courseware_is_not_confirmed() -> None:
    case = walk(["needs_surveyed"])
    record(case, "training_planned", PLAN)
    assert case.recorded[-1][1]["courseware_confirmed"] is False
    assert "session_held" in case.allowed_next_steps()
    with pytest.raises(RuleBroken) as refused:
        record(case, "session_held")
    assert refused.value.clause == "5.1.10.b"
    assert case.steps == ["needs_surveyed", "training_planned"]


def test_5_1_10_b_a_revised_plan_confirms_the_courseware_and_the_session_may_be_held() -> None:
    case = walk(["needs_surveyed"])
    record(case, "training_planned", PLAN)
    record(case, "training_planned", {**PLAN, "courseware_confirmed": True})
    record(case, "session_held")
    assert case.steps[-1] == "session_held"


def test_5_1_10_b_the_next_session_of_a_series_needs_its_new_plan_confirmed() -> None:
    case = walk(["needs_surveyed", "training_planned", "session_held", "satisfaction_surveyed"])
    record(case, "session_held", {"venue": "线上（腾讯会议）", "attendees_count": 120})
    record(case, "satisfaction_surveyed", {"responses": 80, "mean_score": "4.3", "satisfied_percent": "88"})
    record(case, "training_planned", {**PLAN, "title": "第二期：商业秘密保护", "courseware_confirmed": False})
    with pytest.raises(RuleBroken):
        record(case, "session_held")


def test_5_1_10_c_a_session_lists_no_more_names_than_its_head_count() -> None:
    case = walk(["needs_surveyed", "training_planned"])
    with pytest.raises(InvalidPayload) as refused:
        record(case, "session_held", {"venue": "培训室", "attendees_count": 1, "attendees": ["甲", "乙"]})
    assert refused.value.field == "attendees"


def test_5_1_10_c_satisfaction_scores_and_percentages_stay_in_range() -> None:
    case = walk(["needs_surveyed", "training_planned", "session_held"])
    with pytest.raises(InvalidPayload) as refused:
        record(case, "satisfaction_surveyed", {"responses": 10, "mean_score": "5.5", "satisfied_percent": "101"})
    assert {e.field for e in refused.value.errors} == {"mean_score", "satisfied_percent"}
    with pytest.raises(InvalidPayload) as refused:
        record(case, "satisfaction_surveyed", {"responses": 10, "mean_score": "NaN", "satisfied_percent": "90"})
    assert refused.value.field == "mean_score"


def test_5_1_10_c_no_more_questionnaire_responses_than_attendees_of_the_session() -> None:
    case = walk(["needs_surveyed", "training_planned"])
    record(case, "session_held", {"venue": "培训室", "attendees_count": 30})
    with pytest.raises(RuleBroken) as refused:
        record(case, "satisfaction_surveyed", {"responses": 31, "mean_score": "4", "satisfied_percent": "90"})
    assert refused.value.clause == "5.1.10.c"
    record(case, "satisfaction_surveyed", {"responses": 30, "mean_score": "4", "satisfied_percent": "90"})
    assert case.recorded[-1][1]["mean_score"] == "4"


def test_5_1_10_d_records_are_kept_after_the_questionnaire_and_close_the_case() -> None:
    case = walk(["needs_surveyed", "training_planned", "session_held"])
    with pytest.raises(StepNotAllowed):
        record(case, "records_kept")
    record(case, "satisfaction_surveyed")
    assert case.status == OPEN
    record(
        case,
        "records_kept",
        {
            "archive_no": "XN-PX-2026-005",
            "attendee_records": [{"name": "王海军", "organisation": "青海某生物科技有限公司"}, {"name": "陈晓燕"}],
            "questions_collected": ["软件著作权登记需要多长时间"],
            "follow_up_needs": ["高价值专利培育"],
        },
    )
    assert case.status == CLOSED
    assert case.recorded[-1][1]["attendee_records"][1] == {"name": "陈晓燕", "organisation": None}

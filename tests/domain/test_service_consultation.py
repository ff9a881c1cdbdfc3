"""5.1.6 业务办理咨询: the steps of a consultation.

a) the channel is part of the intake; b) the questions are recorded first, one or several, with the topics and
tags of the consultation archive; c) the answer, rated for satisfaction, closes the case; d) a referral to a
professional agency, before the answer (the question needs a specialist) or after it (the client needs more).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from domain.case import CLOSED, OPEN, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload, StepNotAllowed
from domain.lifecycle import OPENED
from tests.domain.helpers import CLIENT_ID, INSTITUTION_ID, NOW, meta
from tests.domain.transitions import check_transition

CODE = "consultation"
START = NOW - timedelta(days=2)
PUBLIC = {"kind": "public"}

VALID: dict[str, dict[str, Any]] = {
    "question_recorded": {
        "question": "个人发明可以申请专利资助吗？",
        "topics": ["application"],
        "ip_types": ["patent"],
        "tags": ["专利资助"],
    },
    "answered": {"answer": "可以，按西宁市专利资助办法申报", "answered_by": "刘咨询员", "satisfaction": 5},
    "referred_to_agency": {"agency_kind": "patent_agency", "agency_name": "青海智诚专利代理所", "reason": "代为撰写"},
}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "question_recorded": ("5.1.6.b", {OPENED, "question_recorded"}, True, False),
    "answered": ("5.1.6.c", {"question_recorded", "referred_to_agency"}, False, True),
    "referred_to_agency": ("5.1.6.d", {"question_recorded", "answered"}, False, False),
}

PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "question_recorded": ("question_recorded",),
    "answered": ("question_recorded", "answered"),
    "referred_to_agency": ("question_recorded", "referred_to_agency"),
    "referred_after_answer": ("question_recorded", "answered", "referred_to_agency"),
}


def walk(history: tuple[str, ...] | list[str], channel: str = "phone") -> ServiceCase:
    case = ServiceCase.open(
        CODE, INSTITUTION_ID, CLIENT_ID, {"channel": channel}, meta(effective_at=START), dict(PUBLIC)
    )
    for hour, code in enumerate(history, start=1):
        case.record_step(code, dict(VALID[code]), meta(effective_at=START + timedelta(hours=hour)))
    return case


def test_5_1_6_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(CODE)
    assert kind.clause == "5.1.6"
    assert {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps} == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_6_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(
        EXPECTED, PATH_TO, last, step, walk, lambda case, step: case.record_step(step, dict(VALID[step]), meta())
    )


@pytest.mark.parametrize("channel", ["phone", "website", "face_to_face", "social_media"])
def test_5_1_6_a_a_consultation_comes_through_one_of_the_four_channels(channel: str) -> None:
    case = walk([], channel=channel)
    assert case.intake["channel"] == channel


@pytest.mark.parametrize("intake", [{}, {"channel": "letter"}, {"channel": None}])
def test_5_1_6_a_the_channel_is_required_and_from_the_standards_list(intake: dict[str, Any]) -> None:
    with pytest.raises(InvalidPayload) as refused:
        ServiceCase.open(CODE, INSTITUTION_ID, CLIENT_ID, intake, meta())
    assert refused.value.field == "channel"


def test_5_1_6_b_questions_are_recorded_for_the_archive_with_topics_and_tags() -> None:
    case = walk(["question_recorded"])
    case.record_step(
        "question_recorded",
        {"question": "商标被抢注怎么办？", "topics": ["protection", "dispute"], "tags": ["商标抢注", "无效宣告"]},
        meta(),
    )
    archived = case.view.payloads("question_recorded")
    assert [q["topics"] for q in archived] == [["application"], ["protection", "dispute"]]
    assert archived[1]["tags"] == ["商标抢注", "无效宣告"]
    assert archived[1]["ip_types"] == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"question": ""}, "question"),
        ({"topics": []}, "topics"),
        ({"topics": ["gossip"]}, "topics[0]"),
        ({"tags": [" "]}, "tags[0]"),
        ({"ip_types": ["recipe"]}, "ip_types[0]"),
    ],
)
def test_5_1_6_b_a_question_needs_its_text_and_a_topic_of_the_standard(changes: dict[str, Any], field: str) -> None:
    case = walk([])
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("question_recorded", {**VALID["question_recorded"], **changes}, meta())
    assert field in {e.field for e in refused.value.errors}


def test_5_1_6_c_the_answer_is_rated_and_closes_the_consultation() -> None:
    case = walk(["question_recorded", "question_recorded"])
    answered_at = NOW - timedelta(hours=1)
    case.record_step("answered", dict(VALID["answered"]), meta(effective_at=answered_at))
    assert case.status == CLOSED
    assert case.closed_at == answered_at
    assert case.recorded[-1][1]["satisfaction"] == 5


@pytest.mark.parametrize("satisfaction", [0, 6, "5", None])
def test_5_1_6_c_satisfaction_is_an_integer_from_1_to_5(satisfaction: Any) -> None:
    case = walk(["question_recorded"])
    with pytest.raises(InvalidPayload) as refused:
        case.record_step("answered", {**VALID["answered"], "satisfaction": satisfaction}, meta())
    assert refused.value.field == "satisfaction"
    assert case.status == OPEN


def test_5_1_6_c_an_answer_needs_a_question_first() -> None:
    case = walk([])
    with pytest.raises(StepNotAllowed) as refused:
        case.record_step("answered", dict(VALID["answered"]), meta())
    assert refused.value.allowed == ("question_recorded",)


def test_5_1_6_d_a_referral_before_the_answer_leaves_the_case_open_until_answered() -> None:
    case = walk(["question_recorded", "referred_to_agency"])
    assert case.status == OPEN
    assert case.allowed_next_steps() == ["answered"]
    case.record_step("answered", dict(VALID["answered"]), meta())
    assert case.status == CLOSED
    assert case.allowed_next_steps() == []


def test_5_1_6_d_a_referral_after_the_answer_is_recorded_on_the_closed_case() -> None:
    case = walk(["question_recorded", "answered"])
    closed_at = case.closed_at
    case.record_step("referred_to_agency", dict(VALID["referred_to_agency"]), meta())
    assert case.steps[-1] == "referred_to_agency"
    assert case.closed_at == closed_at
    assert case.allowed_next_steps() == []

"""5.1.4 维权援助: the order of a rights-assistance case's steps, written out by hand from the standard.

a) the need is collected first; b) guidance, c) the expert panel and d) referrals, in any order and as
often as needed; e) the return visit tracks outcome and satisfaction and closes the case. A return visit
needs some help to have been given, so it cannot come straight after the need was collected. Only a
further return visit may follow one (to track an outcome that was still pending); the case stays closed
as of the first visit.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.case import CLOSED, OPEN
from domain.catalogue import service_type
from domain.errors import StepNotAllowed
from domain.lifecycle import OPENED
from tests.domain.helpers import ASSISTANCE, NOW, meta, record, walk
from tests.domain.transitions import check_transition

HELP = {"guidance_given", "expert_panel_advice", "referred"}

# step -> (clause, steps it may directly follow, repeatable, closes the case)
EXPECTED: dict[str, tuple[str, set[str], bool, bool]] = {
    "need_collected": ("5.1.4.a", {OPENED}, False, False),
    "guidance_given": ("5.1.4.b", {"need_collected"} | HELP, True, False),
    "expert_panel_advice": ("5.1.4.c", {"need_collected"} | HELP, True, False),
    "referred": ("5.1.4.d", {"need_collected"} | HELP, True, False),
    "return_visit": ("5.1.4.e", HELP | {"return_visit"}, True, True),
}

PATH_TO: dict[str, tuple[str, ...]] = {
    OPENED: (),
    "need_collected": ("need_collected",),
    "guidance_given": ("need_collected", "guidance_given"),
    "expert_panel_advice": ("need_collected", "expert_panel_advice"),
    "referred": ("need_collected", "referred"),
    "return_visit": ("need_collected", "guidance_given", "return_visit"),
}


def test_5_1_4_table_has_exactly_the_steps_clauses_and_rules_of_the_standard() -> None:
    kind = service_type(ASSISTANCE)
    assert kind.clause == "5.1.4"
    actual = {s.code: (s.clause, set(s.follows), s.repeatable, s.closes) for s in kind.steps}
    assert actual == EXPECTED


@pytest.mark.parametrize(("last", "step"), [(last, step) for last in PATH_TO for step in EXPECTED])
def test_5_1_4_step_allowed_exactly_after_the_steps_it_follows(last: str, step: str) -> None:
    check_transition(EXPECTED, PATH_TO, last, step, lambda history: walk(ASSISTANCE, history), record, versioned=True)


def test_5_1_4_a_rights_assistance_must_start_with_collecting_the_need() -> None:
    case = walk(ASSISTANCE, [])
    assert case.allowed_next_steps() == ["need_collected"]
    for step in EXPECTED.keys() - {"need_collected"}:
        with pytest.raises(StepNotAllowed) as refused:
            record(case, step)
        assert refused.value.allowed == ("need_collected",)


def test_5_1_4_a_the_need_is_collected_once() -> None:
    case = walk(ASSISTANCE, ["need_collected"])
    with pytest.raises(StepNotAllowed) as refused:
        record(case, "need_collected")
    assert refused.value.allowed == ("guidance_given", "expert_panel_advice", "referred")


@pytest.mark.parametrize("step", sorted(HELP))
def test_5_1_4_b_to_d_help_steps_are_repeatable_in_a_row_and_interleaved(step: str) -> None:
    history = ["need_collected", step, step, *(sorted(HELP - {step})), step]
    case = walk(ASSISTANCE, history)
    assert case.steps == history
    assert case.status == OPEN


def test_5_1_4_e_return_visit_cannot_come_straight_after_need_collected() -> None:
    case = walk(ASSISTANCE, ["need_collected"])
    with pytest.raises(StepNotAllowed) as refused:
        record(case, "return_visit")
    assert "return_visit" not in refused.value.allowed
    assert case.status == OPEN


@pytest.mark.parametrize("helped", sorted(HELP))
def test_5_1_4_e_return_visit_after_any_help_closes_the_case_at_its_effective_time(helped: str) -> None:
    case = walk(ASSISTANCE, ["need_collected", helped])
    assert "return_visit" in case.allowed_next_steps()
    assert case.closed_at is None
    visited_at = NOW - timedelta(days=1)
    record(case, "return_visit", effective_at=visited_at)
    assert case.status == CLOSED
    assert case.closed_at == visited_at


def test_5_1_4_e_after_the_return_visit_only_another_return_visit_may_be_recorded() -> None:
    case = walk(ASSISTANCE, PATH_TO["return_visit"])
    assert case.allowed_next_steps() == ["return_visit"]
    for step in EXPECTED.keys() - {"return_visit"}:
        with pytest.raises(StepNotAllowed) as refused:
            record(case, step)
        assert refused.value.allowed == ("return_visit",)
    assert case.steps == list(PATH_TO["return_visit"])


def test_5_1_4_e_a_later_return_visit_records_the_outcome_that_was_pending() -> None:
    case = walk(ASSISTANCE, ["need_collected", "referred"])
    case.record_step("return_visit", {"outcome": "in_progress_elsewhere", "satisfaction": 4}, meta())
    case.record_step("return_visit", {"outcome": "resolved", "satisfaction": 5, "visited_by": "李四"}, meta())
    assert case.steps == ["need_collected", "referred", "return_visit", "return_visit"]
    assert [(p["outcome"], p["satisfaction"]) for _, p in case.recorded[-2:]] == [
        ("in_progress_elsewhere", 4),
        ("resolved", 5),
    ]
    assert case.allowed_next_steps() == ["return_visit"]


def test_5_1_4_e_later_return_visits_keep_the_case_closed_at_the_first_visit() -> None:
    case = walk(ASSISTANCE, ["need_collected", "guidance_given"])
    first = NOW - timedelta(days=10)
    record(case, "return_visit", effective_at=first)
    record(case, "return_visit", effective_at=NOW - timedelta(days=3))
    record(case, "return_visit", effective_at=NOW)
    assert case.status == CLOSED
    assert case.closed_at == first
    assert case.step_times[-3:] == [first, NOW - timedelta(days=3), NOW]


def test_5_1_4_full_assistance_from_need_to_return_visit() -> None:
    history = [
        "need_collected",
        "guidance_given",
        "expert_panel_advice",
        "referred",
        "guidance_given",
        "return_visit",
        "return_visit",
    ]
    case = walk(ASSISTANCE, history)
    assert case.steps == history
    assert case.status == CLOSED
    assert case.version == len(history) + 1

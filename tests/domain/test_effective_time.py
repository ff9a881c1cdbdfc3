"""Effective time: when a thing happened in the world, which staff may back-date but not post-date.

A step may not be dated before the case was opened, nor before the step recorded just before it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from domain.errors import InvalidEffectiveTime
from domain.provenance import CLOCK_SKEW, Actor, Provenance
from tests.domain.helpers import ASSISTANCE, DISPUTE, NOW, STAFF, meta, open_case, record, walk

XINING = timezone(timedelta(hours=8))


def test_effective_time_defaults_to_now() -> None:
    assert Provenance(actor=STAFF, now=NOW).effective() == NOW


def test_effective_time_in_the_past_is_kept() -> None:
    earlier = NOW - timedelta(days=3)
    assert meta(effective_at=earlier).effective() == earlier


def test_effective_time_within_the_clock_skew_is_still_now() -> None:
    at_edge = NOW + CLOCK_SKEW
    assert meta(effective_at=at_edge).effective() == at_edge


@pytest.mark.parametrize("ahead", [CLOCK_SKEW + timedelta(microseconds=1), timedelta(hours=1), timedelta(days=365)])
def test_effective_time_in_the_future_beyond_the_skew_is_refused(ahead: timedelta) -> None:
    with pytest.raises(InvalidEffectiveTime, match="future"):
        meta(effective_at=NOW + ahead).effective()


def test_effective_time_without_a_time_zone_is_refused() -> None:
    naive = NOW.replace(tzinfo=None) - timedelta(hours=1)
    with pytest.raises(InvalidEffectiveTime, match="time-zone"):
        meta(effective_at=naive).effective()


def test_effective_time_with_another_offset_is_the_same_instant() -> None:
    local = (NOW - timedelta(hours=1)).astimezone(XINING)
    assert meta(effective_at=local).effective() == NOW - timedelta(hours=1)
    assert meta(effective_at=NOW.astimezone(XINING) + CLOCK_SKEW).effective() == NOW + CLOCK_SKEW


def test_effective_time_before_the_lower_bound_is_refused_and_at_it_accepted() -> None:
    opened = NOW - timedelta(days=1)
    assert meta(effective_at=opened).effective(not_before=opened) == opened
    with pytest.raises(InvalidEffectiveTime, match="before the case was opened"):
        meta(effective_at=opened - timedelta(seconds=1)).effective(not_before=opened)


def test_a_case_may_be_opened_back_dated() -> None:
    opened = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    case = open_case(DISPUTE, effective_at=opened)
    assert case.opened_at == opened


def test_a_case_cannot_be_opened_in_the_future() -> None:
    with pytest.raises(InvalidEffectiveTime):
        open_case(DISPUTE, effective_at=NOW + timedelta(days=1))


def test_a_case_cannot_be_opened_with_a_naive_time() -> None:
    with pytest.raises(InvalidEffectiveTime):
        open_case(DISPUTE, effective_at=datetime(2026, 1, 5, 8, 0))  # noqa: DTZ001


def test_a_step_defaults_to_now_and_is_kept_in_step_times() -> None:
    case = walk(DISPUTE, [])
    record(case, "routes_explained")
    assert case.step_times == [NOW]


def test_a_step_before_the_case_was_opened_is_refused_and_not_recorded() -> None:
    case = walk(DISPUTE, [])
    with pytest.raises(InvalidEffectiveTime):
        record(case, "routes_explained", effective_at=case.opened_at - timedelta(minutes=1))
    assert case.steps == []
    assert case.version == 1


def test_a_step_at_the_moment_the_case_was_opened_is_accepted() -> None:
    case = walk(DISPUTE, [])
    record(case, "routes_explained", effective_at=case.opened_at)
    assert case.step_times == [case.opened_at]


@pytest.mark.parametrize("behind", [timedelta(microseconds=1), timedelta(minutes=1), timedelta(minutes=59)])
def test_a_step_before_the_previous_step_is_refused_and_not_recorded(behind: timedelta) -> None:
    case = walk(DISPUTE, ["routes_explained", "mediation_session"])
    previous = case.step_times[-1]
    assert previous - behind > case.step_times[-2] > case.opened_at  # only the previous step is later
    version = case.version
    with pytest.raises(InvalidEffectiveTime, match="previous step"):
        record(case, "expert_consultation", effective_at=previous - behind)
    assert case.steps == ["routes_explained", "mediation_session"]
    assert case.version == version
    assert case.step_times[-1] == previous


def test_a_step_at_the_moment_of_the_previous_step_is_accepted() -> None:
    case = walk(DISPUTE, ["routes_explained"])
    previous = case.step_times[-1]
    record(case, "mediation_session", effective_at=previous)
    assert case.step_times[-2:] == [previous, previous]


def test_a_back_dated_step_after_the_previous_step_is_accepted() -> None:
    case = walk(DISPUTE, ["routes_explained"])
    later = case.step_times[-1] + timedelta(minutes=1)
    assert later < NOW
    record(case, "mediation_session", effective_at=later)
    assert case.step_times[-1] == later


def test_5_1_7_f_archiving_dated_before_the_follow_up_is_refused_and_leaves_the_case_open() -> None:
    case = walk(DISPUTE, ["routes_explained", "parties_followed_up"])
    with pytest.raises(InvalidEffectiveTime):
        record(case, "archived", effective_at=case.step_times[-1] - timedelta(hours=1))
    assert case.status == "open"
    assert case.closed_at is None


def test_5_1_4_e_a_later_return_visit_dated_before_the_first_is_refused() -> None:
    case = walk(ASSISTANCE, ["need_collected", "guidance_given", "return_visit"])
    first = case.step_times[-1]
    with pytest.raises(InvalidEffectiveTime):
        record(case, "return_visit", effective_at=first - timedelta(minutes=5))
    assert case.steps.count("return_visit") == 1
    assert case.closed_at == first


@pytest.mark.parametrize("ahead", [timedelta(minutes=3), timedelta(days=1)])
def test_a_step_in_the_future_is_refused_and_not_recorded(ahead: timedelta) -> None:
    case = walk(DISPUTE, ["routes_explained", "parties_followed_up"])
    with pytest.raises(InvalidEffectiveTime):
        record(case, "archived", effective_at=NOW + ahead)
    assert case.status == "open"
    assert case.closed_at is None


def test_a_step_with_a_naive_time_is_refused() -> None:
    case = walk(DISPUTE, [])
    with pytest.raises(InvalidEffectiveTime):
        record(case, "routes_explained", effective_at=NOW.replace(tzinfo=None))


def test_the_server_clock_bounds_the_future_not_the_wall_clock() -> None:
    later = NOW + timedelta(days=10)
    assert Provenance(actor=Actor("k", "staff"), now=later, effective_at=NOW + timedelta(days=9)).effective() == (
        NOW + timedelta(days=9)
    )

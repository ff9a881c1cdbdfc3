"""The working-day calendar's data: every shipped year is read (2027 included), IPPS_CALENDAR_FILE adds or
replaces whole years, and the calendar says how far its data reaches and warns before it runs out."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from infra.calendar import SHIPPED, WARN_DAYS, horizon_warning, load_calendar, working_calendar
from infra.settings import Settings
from infra.store import Store
from tests.calendar_files import ship_only, write_calendar


def shipped_files() -> list[dict[str, dict[str, str]]]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(SHIPPED.glob("*.json"))]


def test_the_loader_reads_every_shipped_day_of_every_shipped_year() -> None:
    calendar = load_calendar()
    years = set()
    for data in shipped_files():
        for day in data["holidays"]:
            assert not calendar.is_working_day(date.fromisoformat(day)), day
            years.add(int(day[:4]))
        for day in data["working_days"]:
            assert calendar.is_working_day(date.fromisoformat(day)), day
    assert {2025, 2026, 2027} <= years
    assert calendar.last_day == date(max(years), 12, 31)


def test_spring_festival_2027_is_not_working_days() -> None:
    calendar = load_calendar()
    # 除夕 is Friday 5 February 2027; 初一 to 初三 fall on Saturday to Monday, so Tuesday and Wednesday are
    # the weekdays given in lieu.
    for day in range(5, 11):
        assert not calendar.is_working_day(date(2027, 2, day)), day
    assert calendar.add_working_days(date(2027, 2, 4), 1) == date(2027, 2, 11)
    assert calendar.working_days_between(date(2027, 1, 31), date(2027, 2, 28)) == 20 - 4
    assert not calendar.is_working_day(date(2027, 10, 5))
    assert calendar.is_working_day(date(2027, 10, 6))


def test_an_adjusted_working_saturday_is_a_working_day() -> None:
    calendar = load_calendar()
    assert date(2026, 2, 14).weekday() == 5
    assert calendar.is_working_day(date(2026, 2, 14))
    assert not calendar.is_working_day(date(2026, 2, 21))


def test_2027_is_marked_provisional_with_its_source_and_earlier_years_are_not() -> None:
    calendar = load_calendar()
    assert set(calendar.provisional) == {2027}
    assert "国务院令第795号" in calendar.provisional[2027]
    provisional = [data for data in shipped_files() if data.get("provisional")]
    assert [sorted({day[:4] for day in data["holidays"]}) for data in provisional] == [["2027"]]


def test_an_official_file_replaces_a_shipped_year_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    official = write_calendar(
        tmp_path / "cn-2027-official.json",
        2027,
        holidays={f"2027-02-{day:02d}": "春节" for day in range(5, 14)},
        working_days={"2027-02-20": "春节调休上班"},
    )
    monkeypatch.setenv("IPPS_CALENDAR_FILE", str(official))
    calendar = working_calendar()
    assert not calendar.is_working_day(date(2027, 2, 12))
    assert calendar.is_working_day(date(2027, 2, 20))  # a Saturday
    # The shipped 2027 is gone whole: its 劳动节 days in lieu are working days now; 2026 is kept.
    assert calendar.is_working_day(date(2027, 5, 4))
    assert calendar.is_working_day(date(2026, 2, 14))
    assert not calendar.is_working_day(date(2026, 10, 7))
    assert calendar.provisional == {}
    assert calendar.last_day == date(2027, 12, 31)


def test_a_file_with_the_next_year_moves_the_last_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPS_CALENDAR_FILE", str(write_calendar(tmp_path / "cn-2028.json", 2028)))
    calendar = working_calendar()
    assert calendar.last_day == date(2028, 12, 31)
    assert not calendar.is_working_day(date(2027, 2, 8))
    assert set(calendar.provisional) == {2027}


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (lambda path: write_calendar(path, 2030), "2028"),  # a gap after the shipped years
        (lambda path: path.write_text("{not json", encoding="utf-8"), "JSON"),
        (lambda path: write_calendar(path, 2028, holidays={"2028-02-30": "春节"}), "2028-02-30"),
        (lambda path: path, "No such file"),
    ],
)
def test_a_calendar_file_that_cannot_be_used_is_refused_naming_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: object, message: str
) -> None:
    path = tmp_path / "calendar.json"
    write(path)  # type: ignore[operator]
    monkeypatch.setenv("IPPS_CALENDAR_FILE", str(path))
    with pytest.raises(ValueError, match="IPPS_CALENDAR_FILE") as refused:
        working_calendar()
    assert message in str(refused.value)


def test_the_horizon_warning_starts_sixty_days_before_the_last_day_and_not_earlier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = ship_only(monkeypatch, tmp_path / "shipped", 2031, 2032)
    assert WARN_DAYS == 60
    assert horizon_warning(last - timedelta(days=61)) is None
    assert horizon_warning(date(2031, 6, 1)) is None
    for today in (last - timedelta(days=60), last - timedelta(days=1), last):
        warning = horizon_warning(today)
        assert warning is not None, today
        assert "2032-12-31" in warning
        assert "IPPS_CALENDAR_FILE" in warning
    ended = horizon_warning(last + timedelta(days=1))
    assert ended is not None
    assert "2032-12-31" in ended
    assert "estimated" in ended


def test_a_provisional_year_is_warned_of_from_sixty_days_before_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "shipped"
    ship_only(monkeypatch, directory, 2031)
    write_calendar(directory / "cn-2032.json", 2032, provisional=True, source="推算")
    write_calendar(directory / "cn-2033.json", 2033)
    assert horizon_warning(date(2031, 11, 1)) is None
    for today in (date(2031, 11, 2), date(2032, 12, 31)):
        warning = horizon_warning(today)
        assert warning is not None, today
        assert "2032" in warning
        assert "provisional" in warning
    assert horizon_warning(date(2033, 1, 1)) is None


def test_a_store_does_not_open_on_a_calendar_file_that_cannot_be_used(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPPS_CALENDAR_FILE", str(tmp_path / "missing.json"))
    with pytest.raises(ValueError, match="IPPS_CALENDAR_FILE"):
        Store(settings)

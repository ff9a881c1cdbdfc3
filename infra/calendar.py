"""The working-day calendar, loaded from data: the shipped files (infra/calendars/*.json), then the file
IPPS_CALENDAR_FILE names over them. A year a file holds replaces that year whole, so the State Council's
notice for a year drops in over a provisional one, and next year's adds to the calendar.

A file: {"name", "source", "provisional": true while the year is not the official arrangement (optional),
"holidays": {day: name}, "working_days": {weekend day worked (调休): name}}. Its years are those its days
fall in (every year has New Year's Day off). The years must follow one another: the data covers up to the
last one's 31 December, past which only weekends are known, so due dates there are estimates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from domain.working_days import WorkingCalendar
from infra.settings import setting

SHIPPED = Path(__file__).parent / "calendars"
WARN_DAYS = 60  # before the data runs out (or a provisional year starts): time to install the next notice
SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class _Year:
    holidays: dict[date, str]
    working_days: dict[date, str]
    provisional: str | None  # the source of a provisional year's data


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a day (YYYY-MM-DD)") from None


def _read(path: Path) -> dict[int, _Year]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise ValueError(f"{path} is not JSON: {exc}") from exc
    try:
        holidays = {_day(k): str(v) for k, v in data["holidays"].items()}
        working = {_day(k): str(v) for k, v in data.get("working_days", {}).items()}
        provisional = str(data.get("source") or path.name) if data.get("provisional") else None
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path} is not a calendar file: {exc}") from exc
    return {
        year: _Year(
            {d: n for d, n in holidays.items() if d.year == year},
            {d: n for d, n in working.items() if d.year == year},
            provisional,
        )
        for year in {d.year for d in [*holidays, *working]}
    }


@cache
def load_calendar(extra: Path | None = None, shipped: Path = SHIPPED) -> WorkingCalendar:
    """The shipped years with `extra`'s over them (each pair of arguments read once)."""
    years: dict[int, _Year] = {}
    try:
        for path in [*sorted(shipped.glob("*.json")), *([extra] if extra else [])]:
            years |= _read(path)
        if not years:
            raise ValueError("no calendar data")
        missing = sorted(set(range(min(years), max(years) + 1)) - set(years))
        if missing:
            raise ValueError(
                f"no data for {', '.join(map(str, missing))}: the calendar's years must follow one another"
            )
    except ValueError as exc:
        where = f"IPPS_CALENDAR_FILE={extra}" if extra else "the shipped calendar (IPPS_CALENDAR_FILE unset)"
        raise ValueError(f"{where}: {exc}") from exc
    return WorkingCalendar(
        holidays={d: n for year in years.values() for d, n in year.holidays.items()},
        working_weekend_days={d: n for year in years.values() for d, n in year.working_days.items()},
        last_day=date(max(years), 12, 31),
        provisional={n: year.provisional for n, year in sorted(years.items()) if year.provisional},
    )


def working_calendar() -> WorkingCalendar:
    """The calendar in use. IPPS_CALENDAR_FILE is read when it is used, so that the read models' handlers
    (process-wide) and the routes count on the same data."""
    extra = setting("IPPS_CALENDAR_FILE")
    return load_calendar(Path(extra) if extra else None, SHIPPED)


def horizon_warning(today: date | None = None) -> str | None:
    """What an operator must do about the calendar's data, from WARN_DAYS before it runs out or before a
    provisional year starts (today: China's); None while nothing is due."""
    calendar = working_calendar()
    today = today or datetime.now(SHANGHAI).date()
    last, left = calendar.last_day, (calendar.last_day - today).days
    install = f"set IPPS_CALENDAR_FILE to a calendar file with {last.year + 1}'s holidays and working days"
    warnings = []
    if left < 0:
        warnings.append(
            f"the working-day calendar ended on {last}: due dates after it are estimated (weekdays only); {install}"
        )
    elif left <= WARN_DAYS:
        warnings.append(
            f"the working-day calendar ends on {last}, in {left} days: due dates after it will be estimated; {install}"
        )
    warnings += [
        f"the working-day calendar's {year} is provisional, not the official arrangement: set IPPS_CALENDAR_FILE"
        f" to a calendar file with the State Council's {year} once it is published"
        for year in calendar.provisional
        if (date(year, 1, 1) - today).days <= WARN_DAYS and today <= date(year, 12, 31)
    ]
    return "; ".join(warnings) or None

"""Working days on a calendar that is data: weekends off, statutory holidays off, adjusted working days on.

Follow-up due dates count working days (China's public holidays and 调休 working days change every year,
so the calendar is loaded from data, not written here). Past the data's last day only weekends are known:
a date counted there is an estimate, and says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: Mapping[date, str]
    working_weekend_days: Mapping[date, str]
    last_day: date
    """The last day the data covers."""
    provisional: Mapping[int, str] = field(default_factory=dict)
    """Years whose data is not the official arrangement yet, with where it came from."""

    def is_estimated(self, day: date) -> bool:
        """Whether counting working days up to `day` goes past the data (weekdays only from there)."""
        return day > self.last_day

    def is_working_day(self, day: date) -> bool:
        if day in self.working_weekend_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (start itself not counted)."""
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=n)))

"""The working-day calendar, loaded from a JSON data file (IPPS_CALENDAR_FILE, or the shipped one for 2025 and 2026)."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

from domain.working_days import WorkingCalendar

SHIPPED = Path(__file__).parent / "calendars" / "cn-2025-2026.json"


@cache
def load_calendar(path: Path = SHIPPED) -> WorkingCalendar:
    data = json.loads(path.read_text(encoding="utf-8"))
    return WorkingCalendar(
        holidays={date.fromisoformat(k): v for k, v in data["holidays"].items()},
        working_weekend_days={date.fromisoformat(k): v for k, v in data["working_days"].items()},
    )

"""Working-day calendars for tests: data files written to a test's own directory, in the shipped format."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import infra.calendar


def write_calendar(path: Path, *years: int, **fields: Any) -> Path:
    """A calendar file for `years` with New Year's Day off in each (every year has it), plus `fields`."""
    data = {"name": "test", "source": "test", "holidays": {}, "working_days": {}, **fields}
    data["holidays"] = {f"{year}-01-01": "元旦" for year in years} | data["holidays"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def ship_only(monkeypatch: pytest.MonkeyPatch, directory: Path, *years: int) -> date:
    """Make the shipped calendar one covering only `years` (so that it ends when a test needs it to);
    returns its last day."""
    directory.mkdir(parents=True, exist_ok=True)
    write_calendar(directory / "cn-test.json", *years)
    monkeypatch.setattr(infra.calendar, "SHIPPED", directory)
    monkeypatch.delenv("IPPS_CALENDAR_FILE", raising=False)
    return date(max(years), 12, 31)

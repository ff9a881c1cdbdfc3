"""/ready warns, without changing readiness, when the working-day calendar's data runs out (both stores)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.api.conftest import World
from tests.calendar_files import ship_only

THIS_YEAR = datetime.now(ZoneInfo("Asia/Shanghai")).year


def test_ready_warns_when_the_calendar_has_run_out(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = ship_only(monkeypatch, tmp_path / "calendar", THIS_YEAR - 1)
    response = world.client.get("/ready")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready"
    (warning,) = body["warnings"]
    assert last.isoformat() in warning
    assert "IPPS_CALENDAR_FILE" in warning


def test_ready_has_no_warning_while_the_calendar_reaches_far(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ship_only(monkeypatch, tmp_path / "calendar", THIS_YEAR, THIS_YEAR + 1)
    response = world.client.get("/ready")
    assert response.status_code == 200, response.text
    assert response.json()["warnings"] == []

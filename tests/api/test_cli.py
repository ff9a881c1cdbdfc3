"""The `ipps` command line on each store: keys (printed alone on the last line), demo, projections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import structlog

from api.cli import main
from infra.keys import verify_key
from infra.settings import Settings
from infra.store import Store
from tests.calendar_files import ship_only


@pytest.fixture(autouse=True)
def _restore_logging() -> Iterator[None]:
    yield
    structlog.reset_defaults()  # main() configures logging for the process; leave it as it was


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    if settings.database_url:
        monkeypatch.setenv("IPPS_DATABASE_URL", settings.database_url)
        monkeypatch.setenv("IPPS_DB_SCHEMA", settings.db_schema or "public")
    else:
        monkeypatch.delenv("IPPS_DATABASE_URL", raising=False)
        monkeypatch.setenv("IPPS_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("IPPS_LOG_FORMAT", "console")
    return settings


def last_line(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_keys_create_prints_a_working_key_on_the_last_line(env: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "create", "--role", "admin"]) == 0
    key = last_line(capsys)
    store = Store(env)
    try:
        record = verify_key(store.db, key)
        assert record is not None
        assert record.role == "admin"
    finally:
        store.close()


def test_keys_create_refuses_a_scope_that_cannot_be(env: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "create", "--role", "staff"]) == 2
    assert "must name an institution" in capsys.readouterr().err
    assert main(["keys", "create", "--role", "staff", "--institution", "00000000-0000-4000-8000-000000000009"]) == 2
    assert "no institution" in capsys.readouterr().err


def test_demo_then_projections_rebuild_and_status(env: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--cases", "20"]) == 0
    assert "20 cases" in capsys.readouterr().out
    assert main(["demo", "--if-empty"]) == 0
    assert "already holds events" in capsys.readouterr().out
    assert main(["projections", "rebuild", "service_ledger"]) == 0
    assert "service_ledger: rebuilt up to position" in capsys.readouterr().out
    assert main(["projections", "status"]) == 1  # up to date, but no runner is keeping it so
    status = capsys.readouterr().out
    assert "service_ledger: position" in status
    assert "0 behind, not running" in status.split("service_ledger:")[1]
    assert main(["projections", "rebuild", "nope"]) == 2


def test_projections_status_warns_when_the_calendar_has_run_out(
    env: Settings, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    this_year = datetime.now(ZoneInfo("Asia/Shanghai")).year
    ship_only(monkeypatch, tmp_path / "far", this_year, this_year + 1)
    without_warning = main(["projections", "status"])
    assert "warning" not in capsys.readouterr().out
    last = ship_only(monkeypatch, tmp_path / "ended", this_year - 1)
    assert main(["projections", "status"]) == without_warning  # a warning, not a failure
    out = capsys.readouterr().out
    (warning,) = [line for line in out.splitlines() if line.startswith("warning: ")]
    assert last.isoformat() in warning
    assert "IPPS_CALENDAR_FILE" in warning


def test_signing_checkpoints_and_verify_from_the_command_line(
    env: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    key_file = tmp_path / "keys" / "signing.key"
    monkeypatch.setenv("IPPS_SIGNING_KEY_FILE", str(key_file))
    assert main(["checkpoints", "make"]) == 2
    assert "ipps signing init" in capsys.readouterr().err
    assert main(["signing", "init"]) == 0
    public_key = last_line(capsys)
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert main(["signing", "init"]) == 2  # never over an existing key
    assert "never overwritten" in capsys.readouterr().err
    assert main(["signing", "show"]) == 0
    assert last_line(capsys) == public_key
    assert main(["demo", "--cases", "10"]) == 0
    assert main(["checkpoints", "make"]) == 0
    assert last_line(capsys).startswith("checkpoint ")
    assert main(["chain", "backfill"]) == 0
    assert "just now" not in capsys.readouterr().out  # nothing was left to chain, and a checkpoint exists
    assert main(["verify", "--store"]) == 0
    assert last_line(capsys).startswith("verified: ")
    store = Store(env)
    try:
        store.db.execute(f"UPDATE {store.events_table} SET topic = topic || ' ' WHERE originator_version = 2")
    finally:
        store.close()
    assert main(["verify", "--store"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("NOT VERIFIED: case ")
    assert "NOT verified" in out.splitlines()[-1]

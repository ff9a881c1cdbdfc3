"""Issue 12, item 9: what someone at the command line can put right is told in one line, exit status 2,
without a traceback (unless `--debug`), for every command including `ipps serve`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog

from api.cli import main
from tests.conftest import PG_URL, postgres_or_skip

UNREACHABLE = "postgresql://ipps:s3cret@127.0.0.1:1/nowhere"  # port 1: nothing listens there


@pytest.fixture(autouse=True)
def _restore_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Loggers cache their configuration on first use: what main() configures outlives reset_defaults, so it
    # is the console renderer the other tests use.
    monkeypatch.setenv("IPPS_LOG_FORMAT", "console")
    yield
    structlog.reset_defaults()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("IPPS_DATABASE_URL", raising=False)
    monkeypatch.setenv("IPPS_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("IPPS_LOG_FORMAT", "console")
    return tmp_path / "var"


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_a_malformed_institution_is_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["keys", "create", "--role", "staff", "--institution", "not-a-uuid"])
    assert exited.value.code == 2
    line = one_line_error(capsys)
    assert "--institution" in line
    assert "'not-a-uuid' is not an id" in line


def test_an_unknown_command_is_one_line(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["projections", "replay"])
    assert exited.value.code == 2
    assert "invalid choice" in one_line_error(capsys)


@pytest.mark.parametrize(
    "argv",
    [["projections", "status"], ["keys", "revoke", "k"], ["demo", "--cases", "1"], ["projections", "rebuild"]],
)
def test_an_unreachable_postgres_is_one_line_without_the_password(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IPPS_DATABASE_URL", UNREACHABLE)
    assert main(argv) == 2
    line = one_line_error(capsys)
    assert line.startswith("error: PostgreSQL at 127.0.0.1:1/nowhere (IPPS_DATABASE_URL) cannot be used:")
    assert "s3cret" not in line
    assert "ipps:" not in line


def test_a_missing_postgres_database_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    postgres_or_skip()
    monkeypatch.setenv("IPPS_DATABASE_URL", PG_URL.rsplit("/", 1)[0] + "/ipps_no_such_database")
    assert main(["projections", "status"]) == 2
    line = one_line_error(capsys)
    assert "ipps_no_such_database" in line
    assert "does not exist" in line


def test_an_unusable_data_directory_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.delenv("IPPS_DATABASE_URL", raising=False)
    monkeypatch.setenv("IPPS_DATA_DIR", str(blocker / "var"))  # a directory below a file cannot be made, even by root
    assert main(["keys", "create", "--role", "admin"]) == 2
    line = one_line_error(capsys)
    assert str(blocker / "var") in line
    assert "IPPS_DATA_DIR" in line


def test_a_refused_setting_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("IPPS_DATABASE_URL", "mysql://root@db/ipps")
    assert main(["projections", "status"]) == 2
    assert "IPPS_DATABASE_URL must be a PostgreSQL URL" in one_line_error(capsys)


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPPS_DATABASE_URL", UNREACHABLE)
    with pytest.raises(Exception, match=r"Connection refused|connection failed"):
        main(["projections", "status", "--debug"])
    with pytest.raises(Exception, match=r"Connection refused|connection failed"):
        main(["--debug", "projections", "status"])


@pytest.mark.parametrize(
    ("env", "told"),
    [
        ({"IPPS_DATABASE_URL": UNREACHABLE}, "PostgreSQL at 127.0.0.1:1/nowhere"),
        ({"IPPS_DATA_DIR": "/dev/null/var"}, "/dev/null/var"),
    ],
)
def test_serve_that_cannot_start_says_why_in_one_line(env: dict[str, str], told: str, tmp_path: Path) -> None:
    # A real process: the server's own start-up (uvicorn, the app's lifespan) must not get to print its traceback.
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "IPPS_LOG_FORMAT": "console", **env}
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "serve", "--port", "0"],
        env=clean,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert told in lines[0]

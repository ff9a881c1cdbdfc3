"""Settings from the environment: a database URL that is set must be PostgreSQL's, never quietly SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest

from infra.settings import Settings, SettingsError

REFUSED = [
    "mysql://ipps:s3cret@db.example:3306/ipps",
    "garbage",
    "postgresql+psycopg://ipps:s3cret@db.example:5432/ipps",
    "sqlite:///var/ipps.sqlite3",
    " postgresql://ipps:s3cret@db.example/ipps",
]


@pytest.mark.parametrize("url", REFUSED)
def test_a_database_url_that_is_not_postgresql_is_refused_in_one_line(url: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({"IPPS_DATABASE_URL": url})
    message = str(refused.value)
    assert "IPPS_DATABASE_URL" in message
    assert "\n" not in message
    assert "s3cret" not in message  # a password in the URL is not repeated
    with pytest.raises(SettingsError):
        Settings(database_url=url)  # settings made in code are held to the same rule


@pytest.mark.parametrize("url", ["postgresql://ipps:s3cret@db.example:5432/ipps", "postgres://db.example/ipps"])
def test_postgresql_urls_mean_postgresql(url: str) -> None:
    settings = Settings.from_env({"IPPS_DATABASE_URL": url})
    assert settings.database_url == url
    assert settings.is_postgres


@pytest.mark.parametrize("environ", [{}, {"IPPS_DATABASE_URL": ""}], ids=["unset", "empty"])
def test_no_database_url_means_the_sqlite_file(environ: dict[str, str], tmp_path: Path) -> None:
    settings = Settings.from_env({**environ, "IPPS_DATA_DIR": str(tmp_path)})
    assert settings.database_url is None
    assert not settings.is_postgres
    assert settings.sqlite_path == tmp_path / "ipps.sqlite3"


@pytest.mark.parametrize("name", ["IPPS_PORT", "IPPS_POOL_SIZE", "IPPS_HISTORY_CACHE_MB", "IPPS_CASE_CACHE_EVENTS"])
def test_a_number_that_is_not_one_is_refused_naming_the_setting(name: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: "eight"})

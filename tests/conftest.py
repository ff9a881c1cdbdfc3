"""Fixtures shared by every test that touches a store: each runs on SQLite and on PostgreSQL.

PostgreSQL tests read IPPS_TEST_POSTGRES_URL (default: the local server). They skip loudly when it is
unreachable, except under CI=true or IPPS_REQUIRE_POSTGRES=1, where that is a failure. Each test gets a
schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from infra.settings import Settings
from infra.store import Store

PG_URL = os.environ.get("IPPS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("CI", "").lower() == "true" or os.environ.get("IPPS_REQUIRE_POSTGRES") == "1"
BACKENDS = ["sqlite", "postgres"]


def _postgres_problem() -> str | None:
    try:
        with psycopg.connect(PG_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL at {PG_URL} is unreachable: {exc}"
    return None


_PG_PROBLEM: list[str | None] = []


def postgres_or_skip() -> None:
    if not _PG_PROBLEM:
        _PG_PROBLEM.append(_postgres_problem())
    problem = _PG_PROBLEM[0]
    if problem is None:
        return
    if REQUIRE_PG:
        pytest.fail(f"{problem} (required: CI=true or IPPS_REQUIRE_POSTGRES=1)")
    pytest.skip(f"SKIPPING POSTGRES TEST — {problem}")


def make_settings(backend: str, tmp_path: Path) -> Iterator[Settings]:
    if backend == "sqlite":
        yield Settings(data_dir=tmp_path, projection_poll_seconds=0.02, log_format="console")
        return
    postgres_or_skip()
    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield Settings(
            database_url=PG_URL, db_schema=schema, pool_size=8, projection_poll_seconds=0.02, log_format="console"
        )
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    yield from make_settings(request.param, tmp_path)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store(settings)
    try:
        yield opened
    finally:
        opened.close()

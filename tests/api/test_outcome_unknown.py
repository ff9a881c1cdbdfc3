"""Issue 12, item 3: a write whose outcome is unknown is not reported as "nothing changed".

For real on PostgreSQL: the test holds the events table's lock, so that the group-commit writer's batch waits
inside the server, then ends the writer's backend (`pg_terminate_backend`) or lets the request's wait run out.
What the client is told must be what the store holds: 503 `store-busy` only for what is known not written,
504 `outcome-unknown` (with the record to read) when the write may have landed — and it may, here, land after.
On SQLite a write is a local transaction: a write that fails is known not written (tested beside)."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import psycopg
import pytest
from litestar.testing import TestClient

from api.app import create_app
from infra.db import application_name
from infra.store import Store
from tests.api.conftest import World, build_world
from tests.conftest import PG_URL, make_settings

STEP = {"step": "routes_explained", "recommended": "mediation"}


@pytest.fixture
def pg_world(tmp_path: Path) -> Iterator[World]:
    for settings in make_settings("postgres", tmp_path):
        store = Store(settings)
        try:
            with TestClient(create_app(store=store, configure_logs=False)) as client:
                yield build_world(client, store)
        finally:
            store.close()


@contextmanager
def events_table_held(world: World) -> Iterator[None]:
    """The events table locked as a batch of the writer would lock it: a batch sent meanwhile waits there."""
    schema = world.store.settings.db_schema
    with psycopg.connect(PG_URL) as conn:
        conn.execute(f'LOCK TABLE "{schema}".ipps_events IN EXCLUSIVE MODE')
        yield
        conn.rollback()


def writer_waiting(world: World, timeout: float = 10.0) -> int:
    """The pid of the writer's backend once it waits on the held lock."""
    name = application_name("events", world.store.settings.db_schema or "public")
    deadline = time.monotonic() + timeout
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND wait_event_type = 'Lock'", (name,)
            ).fetchone()
            if row is not None:
                return int(row[0])
            time.sleep(0.01)
    raise AssertionError("the writer never waited on the events table")


def in_background(call: Callable[[], httpx.Response]) -> Callable[[], httpx.Response]:
    """Start `call` in a thread; the returned function waits for its response."""
    answered: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: answered.append(call()), daemon=True)
    thread.start()

    def response() -> httpx.Response:
        thread.join(30)
        assert answered, "no answer within 30 s"
        return answered[0]

    return response


def record(world: World, case_id: UUID, key: str | None) -> Callable[[], httpx.Response]:
    headers = world.headers("staff_a", **({"Idempotency-Key": key} if key else {}))
    return lambda: world.client.post(f"/v1/cases/{case_id}/steps", json=STEP, headers=headers)


def version(world: World, case_id: UUID) -> int:
    response = world.client.get(f"/v1/cases/{case_id}", headers=world.headers("staff_a"))
    assert response.status_code == 200, response.text
    return int(response.json()["version"])


def problem_type(response: httpx.Response) -> str:
    assert response.headers["content-type"].startswith("application/problem+json"), response.text
    return str(response.json()["type"])


# With a key the command runs in a worker thread; without, on the event loop (a kept case): both paths.
KEYS = pytest.mark.parametrize("key", [None, "retry-me"], ids=["on-the-loop", "with-a-key"])


@KEYS
def test_a_write_whose_connection_is_ended_is_found_not_written(pg_world: World, key: str | None) -> None:
    world = pg_world
    case_id = world.open_case()
    before = version(world, case_id)
    with events_table_held(world):
        answer = in_background(record(world, case_id, key))
        pid = writer_waiting(world)
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        refused = answer()  # the writer finds out while the table is still held: a read needs no lock
    assert refused.status_code == 503, refused.text
    assert problem_type(refused) == "/problems/store-busy"
    assert "Retry-After" in refused.headers
    assert version(world, case_id) == before  # "nothing was changed" is true
    retried = record(world, case_id, key)()
    assert retried.status_code == 201, retried.text
    assert version(world, case_id) == before + 1


@KEYS
def test_a_write_the_writer_sent_but_did_not_confirm_in_time_is_outcome_unknown(
    pg_world: World, key: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = pg_world
    monkeypatch.setattr("infra.group_commit.WAIT_SECONDS", 1.0)  # the store's lock wait (10 s) outlasts it
    case_id = world.open_case()
    before = version(world, case_id)
    with events_table_held(world):
        answer = in_background(record(world, case_id, key))
        writer_waiting(world)
        unknown = answer()
    assert unknown.status_code == 504, unknown.text
    assert problem_type(unknown) == "/problems/outcome-unknown"
    body: dict[str, Any] = unknown.json()
    assert (body["record_id"], body["record_version"]) == (str(case_id), before + 1)
    assert "Retry-After" not in unknown.headers  # a blind retry is what must not happen
    told = "retry with the same Idempotency-Key" if key is not None else f"read record {case_id}"
    assert told in body["detail"]
    # The lock released, the batch commits: the write landed after all, so "nothing changed" would have been false.
    deadline = time.monotonic() + 10
    while version(world, case_id) == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert version(world, case_id) == before + 1
    if key is not None:
        replayed = record(world, case_id, key)()
        assert replayed.status_code == 201, replayed.text
        assert replayed.headers.get("Idempotent-Replayed") == "true"
        assert version(world, case_id) == before + 1  # recorded once


def test_a_write_still_queued_when_its_caller_gives_up_is_never_written(
    pg_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = pg_world
    monkeypatch.setattr("infra.group_commit.WAIT_SECONDS", 1.0)
    sent, queued = world.open_case(), world.open_case()
    versions = {case_id: version(world, case_id) for case_id in (sent, queued)}
    with events_table_held(world):
        first = in_background(record(world, sent, None))
        writer_waiting(world)  # the writer holds `sent`'s batch: `queued` waits in its queue
        second = in_background(record(world, queued, None))
        unknown, refused = first(), second()
    assert (unknown.status_code, problem_type(unknown)) == (504, "/problems/outcome-unknown")
    assert (refused.status_code, problem_type(refused)) == (503, "/problems/store-busy")
    world.open_case()  # queued behind both: once it is opened, the writer has passed `queued` by
    assert version(world, sent) == versions[sent] + 1
    assert version(world, queued) == versions[queued]


def test_a_write_refused_by_sqlite_is_known_not_written(tmp_path: Path) -> None:
    """SQLite's write is local and atomic: one that fails (the file locked by another writer past the store's
    wait) changed nothing and is told so, 503 store-busy."""
    for settings in make_settings("sqlite", tmp_path):
        store = Store(dataclasses.replace(settings, sqlite_lock_seconds=1))
        try:
            with TestClient(create_app(store=store, configure_logs=False)) as client:
                world = build_world(client, store)
                case_id = world.open_case()
                before = version(world, case_id)
                blocker = sqlite3.connect(settings.sqlite_path, timeout=10)
                blocker.execute("BEGIN EXCLUSIVE")
                try:
                    refused = record(world, case_id, f"k-{uuid.uuid4()}")()
                finally:
                    blocker.rollback()
                    blocker.close()
                assert refused.status_code == 503, refused.text
                assert problem_type(refused) == "/problems/store-busy"
                assert version(world, case_id) == before
        finally:
            store.close()

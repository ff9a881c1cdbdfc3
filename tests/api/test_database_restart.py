"""The server and its projector survive their PostgreSQL connections being ended under them (what a database
restart or failover does to them), for real: `pg_terminate_backend` on every connection of the schema, by the
`application_name` each kind carries, while commands flow. Afterwards no acknowledged write is missing, the
read models catch up by themselves, and they equal a rebuild from zero. In both layouts: compose's (API and
projector as two processes) and `make serve`'s (the runner in a thread of the API)."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from bench.server import Server
from infra.db import application_name
from infra.settings import Settings
from infra.store import Store
from projections.runner import ALL_PROJECTIONS, Runner
from tests.conftest import PG_URL, postgres_or_skip
from tests.projections.test_all_projections import tables

ENDINGS = 4  # how many times every connection is ended while the commands flow


@pytest.fixture
def schema() -> Iterator[str]:
    postgres_or_skip()
    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield name
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def end_connections(schema: str) -> list[str]:
    """Ends every connection of this schema's processes; the kinds it ended."""
    kinds = [application_name(kind, schema) for kind in ("tables", "events", "listen")]
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT application_name, pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE application_name = ANY(%s) AND pid <> pg_backend_pid()",
            (kinds,),
        ).fetchall()
    return sorted({row[0].split()[1] for row in rows})


class Commands:
    """Opens cases and records steps until stopped; keeps every case version the API acknowledged."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.acknowledged: dict[str, int] = {}
        self.acknowledged_at: list[float] = []  # time.monotonic() of every acknowledged write
        self.refused: list[int] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.server.base, headers=self.server.headers(), timeout=30.0) as http:
            while not self.stop.is_set():
                opened = http.post(
                    "/v1/cases",
                    json={
                        "service_type": "dispute_guidance",
                        "institution_id": str(self.server.institution_id),
                        "client_id": str(self.server.client_id),
                        "dispute_kind": "infringement",
                        "ip_type": "patent",
                    },
                )
                if opened.status_code != 201:
                    self.refused.append(opened.status_code)
                    continue
                case = opened.json()
                self.acknowledged[case["id"]] = case["version"]
                self.acknowledged_at.append(time.monotonic())
                stepped = http.post(
                    f"/v1/cases/{case['id']}/steps", json={"step": "routes_explained", "recommended": "mediation"}
                )
                if stepped.status_code == 201:
                    self.acknowledged[case["id"]] = stepped.json()["version"]
                    self.acknowledged_at.append(time.monotonic())
                else:
                    self.refused.append(stepped.status_code)

    def __enter__(self) -> Commands:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(60)


def wait_caught_up(server: Server, timeout: float = 60.0) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    statuses: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        response = httpx.get(f"{server.base}/v1/projections", headers=server.headers(), timeout=10.0)
        statuses = response.json() if response.status_code == 200 else []
        if statuses and all(s["events_behind"] == 0 and s["error"] is None for s in statuses):
            return statuses
        time.sleep(0.2)
    raise AssertionError(f"the read models did not catch up within {timeout:.0f} s: {statuses}")


@pytest.mark.parametrize("embedded", [False, True], ids=["compose", "embedded"])
def test_connections_ended_under_load_lose_no_write_and_the_read_models_catch_up(
    schema: str, tmp_path: Path, embedded: bool
) -> None:
    log_path = tmp_path / "server.log"
    with Server(PG_URL, schema, log_path, embedded=embedded) as server:
        ended: set[str] = set()
        endings: list[float] = []
        with Commands(server) as commands:
            for _ in range(ENDINGS):
                time.sleep(0.7)
                ended.update(end_connections(schema))
                endings.append(time.monotonic())
            time.sleep(1.0)  # commands go on after the last ending
            stopped = time.monotonic()
        # The event writer's connections are in use most of the time and not always caught between statements.
        assert {"listen", "tables"} <= ended, "the runner's and the pool's connections were ended"
        # Writes are acknowledged again after every ending, however slow the machine is.
        for since, until in zip(endings, [*endings[1:], stopped], strict=True):
            assert any(since < at <= until for at in commands.acknowledged_at), "no write landed after an ending"
        # Said, never a 500: 503 known not written, or 504 when the writer's connection was ended again while
        # it found out what became of a batch.
        assert set(commands.refused) <= {503, 504}, commands.refused

        wait_caught_up(server)
        for process in (server.process, server.projector):
            assert process is None or process.poll() is None, "the API and the projector are still running"
        with httpx.Client(base_url=server.base, headers=server.headers(), timeout=10.0) as http:
            for case_id, version in commands.acknowledged.items():
                assert http.get(f"/v1/cases/{case_id}").json()["version"] >= version, f"case {case_id} lost a write"
            ledger = http.get("/v1/ledgers/services", params={"limit": 1}).json()
            assert ledger["total"] >= len(commands.acknowledged)

    log = log_path.read_text(encoding="utf-8")
    assert "projection_runner_lost_database" in log
    assert "projection_runner_recovered" in log

    store = Store(Settings(database_url=PG_URL, db_schema=schema, log_format="console"))
    try:
        runner = Runner(store)
        for projection in ALL_PROJECTIONS:
            live = tables(store, projection)
            runner.rebuild(projection.name)
            assert tables(store, projection) == live, f"{projection.name} equals its rebuild"
    finally:
        store.close()

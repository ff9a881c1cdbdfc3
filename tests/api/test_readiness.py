"""Readiness tells the truth in every layout (issue 12, item 2). The API alone (`ipps serve --no-projections`)
and a projector beside it, as compose runs them: the API knows of the projector only by the heartbeat it leaves
in the store, so a projector that died is seen as not running, and one far behind as stale, by `/ready`,
`/v1/projections` and `ipps projections status` alike."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from api.app import create_app
from api.cli import main
from infra.settings import Settings
from infra.store import Store
from projections import runner as runner_module
from projections.runner import Runner
from tests.api.conftest import World, build_world

STALE_AFTER = 0.5  # seconds, for the test: a runner beats every HEARTBEAT_SECONDS


class Projector:
    """A projector as its own process would run it: a Runner on a store of its own, in a thread."""

    def __init__(self, settings: Settings) -> None:
        self.store = Store(settings)
        self.runner = Runner.live(self.store)
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self.runner.run, args=(self.stop_event,), daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.runner.wake()
        self.thread.join(10)
        self.store.close()


@pytest.fixture
def api_alone(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.setattr(runner_module, "STALE_AFTER_SECONDS", STALE_AFTER)
    monkeypatch.setattr(runner_module, "HEARTBEAT_SECONDS", 0.1)
    app = create_app(store=store, run_projections=False, configure_logs=False)
    with TestClient(app) as client:
        yield build_world(client, store)


def projections(world: World) -> dict[str, dict[str, Any]]:
    response = world.client.get("/v1/projections", headers=world.headers("viewer"))
    assert response.status_code == 200, response.text
    return {p["name"]: p for p in response.json()}


def wait_for(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.05)


def test_a_projector_beside_the_api_is_ready_while_it_runs_and_not_once_it_died(
    api_alone: World, settings: Settings
) -> None:
    world = api_alone
    assert world.client.get("/ready").status_code == 503, "no runner anywhere: not ready"
    assert not any(p["running"] for p in projections(world).values())

    projector = Projector(settings)
    projector.start()
    try:
        wait_for(lambda: world.client.get("/ready").status_code == 200)
        statuses = projections(world)
        assert all(p["running"] and p["state"] == "running" and p["heartbeat_at"] for p in statuses.values())
    finally:
        projector.stop()

    for _ in range(20):  # the log moves on without it
        world.open_case()
    time.sleep(STALE_AFTER + 0.2)
    ready = world.client.get("/ready")
    assert ready.status_code == 503, ready.text
    assert ready.json()["projections"]["service_ledger"].startswith("not running")
    ledger = projections(world)["service_ledger"]
    assert ledger["running"] is False
    assert ledger["events_behind"] > 0


def test_a_runner_that_beats_but_has_fallen_far_behind_is_stale(
    api_alone: World, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = api_alone
    monkeypatch.setattr(runner_module, "LAG_LIMIT_SECONDS", 0.3)
    world.open_case()
    time.sleep(0.4)
    Runner(store).beat()  # alive, but not applying (a cycle that hangs, a backlog it cannot work off)
    ready = world.client.get("/ready")
    assert ready.status_code == 503, ready.text
    assert ready.json()["projections"]["service_ledger"].startswith("stale")
    ledger = projections(world)["service_ledger"]
    assert ledger["running"] is True
    assert ledger["stale"] is True


def test_projections_status_exits_non_zero_unless_every_read_model_is_running_and_current(
    api_alone: World, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in settings.__dict__.items():  # the CLI reads the same settings from the environment
        if name == "database_url" and value:
            monkeypatch.setenv("IPPS_DATABASE_URL", value)
    monkeypatch.setenv("IPPS_DATA_DIR", str(settings.data_dir))
    if settings.db_schema:
        monkeypatch.setenv("IPPS_DB_SCHEMA", settings.db_schema)
    assert main(["projections", "status"]) == 1
    assert "not running" in capsys.readouterr().out

    projector = Projector(settings)
    projector.start()
    try:
        wait_for(lambda: api_alone.client.get("/ready").status_code == 200)
        assert main(["projections", "status"]) == 0
        assert "not running" not in capsys.readouterr().out
    finally:
        projector.stop()

"""5. Reading a 1,000-event case: its history, its current state and its audit bundle, over HTTP (the served API) and
in-process (Store.history, Store.get); and recording one more step on it (Commands.record_step)
against the same on a two-event case, to show whether a step replays the whole history.

The server's projections are let catch up on the fixture's 1,000 events before the reads are timed (they
arrive in one transaction, a burst no real case makes). The API keeps rendered histories (events never
change), so the HTTP figures are of a history read before; `render_cold` is the uncached read in-process:
the query, the rendering and the encoding of all 1,000 events, every time."""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx

from api.access import Principal
from api.commands import Commands, StepRecording
from api.event_rendering import HistoryCache, read_history
from bench.config import Config
from bench.fixtures import case_with_events, guidance, meta
from bench.pg import Schemas
from bench.server import Server
from bench.stats import ms, percentile, wait_until
from domain.case import ServiceCase
from domain.provenance import Role
from infra.audit import make_checkpoint
from infra.signing import init_key
from infra.store import Store

WARMUP = 5


@dataclass(frozen=True)
class Timing:
    p50_ms: float
    p99_ms: float


@dataclass(frozen=True)
class HistoryResult:
    events: int
    http_history: Timing
    http_state: Timing
    http_bundle: Timing
    store_history: Timing
    render_cold: Timing
    store_get: Timing
    step_long: Timing
    step_short: Timing


def timing(samples: list[float]) -> Timing:
    return Timing(ms(percentile(samples, 50)), ms(percentile(samples, 99)))


def sample(fn: Callable[[], Any], n: int) -> Timing:
    for _ in range(min(WARMUP, n)):
        fn()
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return timing(samples)


def measure_history(config: Config, schemas: Schemas, server: Server) -> HistoryResult:
    assert server.institution_id is not None
    assert server.client_id is not None
    store = Store(schemas.settings(server.env["IPPS_DB_SCHEMA"], pool_size=2))
    try:
        long_case = case_with_events(server.institution_id, server.client_id, config.history_events)
        short_case = case_with_events(server.institution_id, server.client_id, 2)
        store.save(long_case, short_case)
        with tempfile.TemporaryDirectory() as keys:
            make_checkpoint(store, init_key(Path(keys) / "signing.key"))  # the bundle proves against it
        path = f"/v1/cases/{long_case.id}"
        with httpx.Client(base_url=server.base, headers=server.headers(), timeout=30.0) as client:

            def get(url: str) -> httpx.Response:
                response = client.get(url)
                if response.status_code != 200:
                    raise RuntimeError(f"GET {url}: {response.status_code} {response.text[:300]}")
                return response

            wait_until(lambda: _caught_up(client), 60.0, "the server's projections did not catch up within 60 s")
            count = len(get(f"{path}/history").json()["events"])
            if count != config.history_events:
                raise RuntimeError(f"the case's history holds {count} events, not {config.history_events}")
            http_history = sample(lambda: get(f"{path}/history"), config.history_samples)
            http_state = sample(lambda: get(path), config.history_samples)
            http_bundle = sample(lambda: get(f"{path}/bundle"), config.history_samples)
        store_history = sample(lambda: store.history(long_case.id), config.history_samples)
        render_cold = sample(lambda: read_history(store, HistoryCache(), long_case.id), config.history_samples)
        store_get = sample(lambda: store.get(long_case.id, ServiceCase), config.history_samples)
        commands = Commands(store)
        who = Principal("bench", Role.ADMIN, None)
        step_long = _steps(commands, who, long_case.id, config.step_samples)
        step_short = _steps(commands, who, short_case.id, config.step_samples)
        return HistoryResult(
            config.history_events,
            http_history,
            http_state,
            http_bundle,
            store_history,
            render_cold,
            store_get,
            step_long,
            step_short,
        )
    finally:
        store.close()


def _caught_up(client: httpx.Client) -> bool:
    return all(s["events_behind"] == 0 for s in client.get("/v1/projections").json())


def _steps(commands: Commands, who: Principal, case_id: UUID, n: int) -> Timing:
    counter = iter(range(10**9))

    def record() -> None:
        asyncio.run(
            commands.record_step(StepRecording(who, case_id, "guidance_given", guidance(next(counter)), meta()))
        )

    return sample(record, n)

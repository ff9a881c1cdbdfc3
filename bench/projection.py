"""3. Projection lag: commit (the write's return) to visible in `service_ledger`, at a paced command rate.

The served API's projection runner does the projecting (`ipps projections run`, or the API's
embedded one). Commands are written in-process with `Store.save` by a few threads that keep to a
schedule (command i at start + i / rate; a late one goes at once, so a store that cannot keep up shows
as a lower achieved rate). Nine in ten are a step on the writer's current case, one in ten opens a new
case. A poller on its own connection reads `projection_tracking.position` every ~2 ms; a command is
visible at the first poll that returned a position at or past its own.
"""

from __future__ import annotations

import bisect
import itertools
import threading
import time
import uuid
from dataclasses import dataclass

import psycopg
from psycopg import sql

from bench.config import Config
from bench.fixtures import add_step, new_case
from bench.pg import Schemas
from bench.stats import ms, percentile, wait_until
from domain.case import ServiceCase
from infra.store import Store

POLL_SECONDS = 0.002
STEPS_PER_CASE = 9
PROJECTION = "service_ledger"


@dataclass(frozen=True)
class LagResult:
    target_rate: float
    achieved_rate: float
    commands: int
    unseen: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    poll_interval_ms: float


class Poller:
    def __init__(self, url: str, schema: str) -> None:
        self.conn = psycopg.connect(url, autocommit=True)
        self.query = sql.SQL("SELECT position FROM {}.projection_tracking WHERE name = %s").format(
            sql.Identifier(schema)
        )
        self.times: list[float] = []
        self.positions: list[int] = []
        self.polls = 0
        self.polling = (0.0, 0.0)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, name="lag-poller", daemon=True)

    def position(self) -> int:
        row = self.conn.execute(self.query, (PROJECTION,)).fetchone()
        return int(row[0]) if row else 0

    def run(self) -> None:
        began = time.perf_counter()
        while not self.stop.is_set():
            position = self.position()
            seen = time.perf_counter()
            self.polls += 1
            self.polling = (began, seen)
            if not self.positions or position > self.positions[-1]:
                self.times.append(seen)
                self.positions.append(position)
            time.sleep(POLL_SECONDS)

    def visible_at(self, position: int) -> float | None:
        i = bisect.bisect_left(self.positions, position)
        return self.times[i] if i < len(self.times) else None

    def close(self) -> None:
        self.stop.set()
        if self.thread.ident is not None:
            self.thread.join()
        self.conn.close()


def wait_caught_up(poller: Poller, store: Store, timeout: float) -> None:
    head = store.max_position()
    failure = f"{PROJECTION} did not catch up to {head} within {timeout:.0f} s"
    wait_until(lambda: poller.position() >= head, timeout, failure)


def measure_lag(config: Config, schemas: Schemas, schema: str) -> LagResult:
    store = Store(schemas.settings(schema, pool_size=config.lag_writers + 1))
    poller = Poller(config.postgres_url, schema)
    try:
        wait_caught_up(poller, store, 120.0)
        poller.thread.start()
        commits: list[tuple[float, int]] = []
        slots = itertools.count()
        lock = threading.Lock()
        total = int(config.lag_rate * config.lag_seconds)
        institution, client = uuid.uuid4(), uuid.uuid4()
        start = time.perf_counter() + 0.05
        errors: list[BaseException] = []

        def writer() -> None:
            case: ServiceCase | None = None
            try:
                while (slot := next(slots)) < total:
                    delay = start + slot / config.lag_rate - time.perf_counter()
                    if delay > 0:
                        time.sleep(delay)
                    if case is None or len(case.recorded) >= STEPS_PER_CASE:
                        case = new_case(institution, client)
                    else:
                        add_step(case)
                    position = store.save(case)
                    committed = time.perf_counter()
                    with lock:
                        commits.append((committed, position))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=writer, daemon=True) for _ in range(config.lag_writers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        finished = max(t for t, _ in commits)
        deadline = time.perf_counter() + 30.0
        last = max(p for _, p in commits)
        while (not poller.positions or poller.positions[-1] < last) and time.perf_counter() < deadline:
            time.sleep(0.01)
        lags, unseen = [], 0
        for committed, position in commits:
            visible = poller.visible_at(position)
            if visible is None:
                unseen += 1
            else:
                lags.append(max(0.0, visible - committed))
        return LagResult(
            target_rate=config.lag_rate,
            achieved_rate=round(len(commits) / (finished - start), 1),
            commands=len(commits),
            unseen=unseen,
            p50_ms=ms(percentile(lags, 50)),
            p99_ms=ms(percentile(lags, 99)),
            max_ms=ms(max(lags, default=0.0)),
            poll_interval_ms=ms((poller.polling[1] - poller.polling[0]) / max(poller.polls, 1)),
        )
    finally:
        poller.close()
        store.close()

"""1. Store append throughput (one new case per commit) against raw psycopg single-row inserts."""

from __future__ import annotations

import statistics
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import psycopg
from psycopg import sql

from bench.config import Config
from bench.fixtures import new_case
from bench.pg import Schemas
from infra.store import Store

Commit = Callable[[], None]
RAW_TABLE = "raw_events"
ROUNDS = 3


@dataclass(frozen=True)
class AppendResult:
    writers: int
    store_per_s: float
    raw_per_s: float
    payload_bytes: int

    @property
    def ratio(self) -> float:
        return self.store_per_s / self.raw_per_s if self.raw_per_s else 0.0


def run_writers(writers: int, make_commit: Callable[[], Commit], warmup: float, seconds: float) -> float:
    """Commits per second over `seconds` (after `warmup`) with `writers` threads, each with its own commit."""
    commits = [make_commit() for _ in range(writers)]
    counts = [0] * writers
    errors: list[BaseException] = []
    ready = threading.Barrier(writers + 1)
    window: list[float] = []

    def work(i: int) -> None:
        commit = commits[i]
        ready.wait()
        start, end = window
        try:
            while (now := time.perf_counter()) < end:
                commit()
                done = time.perf_counter()
                if now >= start and done <= end:
                    counts[i] += 1
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(writers)]
    for thread in threads:
        thread.start()
    begin = time.perf_counter()
    window.extend([begin + warmup, begin + warmup + seconds])
    ready.wait()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return sum(counts) / seconds


def measure_append(config: Config, schemas: Schemas) -> list[AppendResult]:
    schema = schemas.new("append")
    store = Store(schemas.settings(schema, pool_size=max(config.writers)))
    try:
        institution, client = uuid.uuid4(), uuid.uuid4()
        sample = new_case(institution, client).collect_events()[0]
        stored = store.app.mapper.to_stored_event(sample)
        _create_raw_table(config.postgres_url, schema)
        results = []
        for writers in config.writers:

            def ours() -> Commit:
                return lambda: _store_commit(store, institution, client)

            # Raw and store take turns, ROUNDS times each; the medians are compared. This machine's disk and
            # CPU drift by tens of percent over a minute, which one long run of each would fold into the ratio.
            seconds = config.append_seconds / ROUNDS
            raw_rates, store_rates = [], []
            for _ in range(ROUNDS):
                raw_rates.append(_measure_raw(config, schema, writers, stored.topic, stored.state, seconds))
                store_rates.append(run_writers(writers, ours, config.warmup_seconds, seconds))
            raw, store_rate = statistics.median(raw_rates), statistics.median(store_rates)
            results.append(AppendResult(writers, round(store_rate, 1), round(raw, 1), len(stored.state)))
        return results
    finally:
        store.close()


def _measure_raw(config: Config, schema: str, writers: int, topic: str, state: bytes, seconds: float) -> float:
    opened: list[psycopg.Connection[tuple[object, ...]]] = []
    try:
        return run_writers(
            writers,
            lambda: _raw_commit(config.postgres_url, schema, topic, state, opened),
            config.warmup_seconds,
            seconds,
        )
    finally:
        for conn in opened:
            conn.close()


def _store_commit(store: Store, institution: uuid.UUID, client: uuid.UUID) -> None:
    store.save(new_case(institution, client))


def _create_raw_table(url: str, schema: str) -> None:
    """The events table's shape: same columns, the same two unique indexes."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "CREATE TABLE {}.{} (originator_id uuid NOT NULL, originator_version bigint NOT NULL,"
                " topic text NOT NULL, state bytea, notification_id bigserial PRIMARY KEY,"
                " UNIQUE (originator_id, originator_version))"
            ).format(sql.Identifier(schema), sql.Identifier(RAW_TABLE))
        )


def _raw_commit(
    url: str, schema: str, topic: str, state: bytes, opened: list[psycopg.Connection[tuple[object, ...]]]
) -> Commit:
    conn = psycopg.connect(url, autocommit=True)
    opened.append(conn)
    insert = sql.SQL(
        "INSERT INTO {}.{} (originator_id, originator_version, topic, state) VALUES (%s, 1, %s, %s)"
        " RETURNING notification_id"
    ).format(sql.Identifier(schema), sql.Identifier(RAW_TABLE))

    def commit() -> None:
        conn.execute(insert, (uuid.uuid4(), topic, state)).fetchone()

    return commit

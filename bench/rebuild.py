"""4. Projection rebuild throughput of `service_ledger`, and the rebuilding process's peak memory at two sizes;
then how fast `ipps verify --store` checks the same store.

The store is filled in batches (many cases, ten events each, per transaction); each rebuild runs in a
fresh process (`bench.rebuild_worker`) so its peak resident memory is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bench.config import ROOT, Config
from bench.fixtures import case_with_events
from bench.pg import Schemas
from infra.audit import make_checkpoint, verify_store
from infra.signing import init_key
from infra.store import Store

EVENTS_PER_CASE = 10
CASES_PER_SAVE = 100
MARKER = "BENCH_JSON "


@dataclass(frozen=True)
class RebuildRun:
    events: int
    seconds: float
    rss_before_mb: float | None
    peak_rss_mb: float

    @property
    def events_per_s(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class RebuildResult:
    fill_events_per_s: float
    small: RebuildRun
    large: RebuildRun
    verify_events_per_s: float  # `ipps verify --store` over the large store (issue 14), in this process


def fill(store: Store, events: int) -> None:
    """Append about `events` events (whole cases of ten), two saving threads."""
    institution, client = uuid.uuid4(), uuid.uuid4()
    batch_events = EVENTS_PER_CASE * CASES_PER_SAVE
    batches, rest = divmod(events, batch_events)

    def save(n_events: int) -> None:
        cases = [case_with_events(institution, client, EVENTS_PER_CASE) for _ in range(n_events // EVENTS_PER_CASE)]
        if n_events % EVENTS_PER_CASE:
            cases.append(case_with_events(institution, client, n_events % EVENTS_PER_CASE))
        store.save(*cases)

    with ThreadPoolExecutor(max_workers=2) as pool:
        sizes = [batch_events] * batches + ([rest] if rest else [])
        for future in [pool.submit(save, size) for size in sizes]:
            future.result()


def rebuild_in_process(config: Config, schema: str) -> RebuildRun:
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "bench.rebuild_worker", config.postgres_url, schema],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"rebuild worker failed ({done.returncode}): {done.stderr[-2000:]}")
    data = json.loads(lines[-1].removeprefix(MARKER))
    return RebuildRun(int(data["events"]), float(data["seconds"]), data["rss_before_mb"], float(data["peak_rss_mb"]))


def measure_rebuild(config: Config, schemas: Schemas) -> RebuildResult:
    schema = schemas.new("rebuild")
    store = Store(schemas.settings(schema, pool_size=4))
    try:
        small_events = max(config.events // 10, EVENTS_PER_CASE)
        filling = time.perf_counter()
        fill(store, small_events)
        fill_seconds = time.perf_counter() - filling
        small = rebuild_in_process(config, schema)
        filling = time.perf_counter()
        fill(store, config.events - small_events)
        fill_seconds += time.perf_counter() - filling
        large = rebuild_in_process(config, schema)
        with tempfile.TemporaryDirectory() as keys:  # signed first, so that the check covers the tree too
            make_checkpoint(store, init_key(Path(keys) / "signing.key"))
        verifying = time.perf_counter()
        report = verify_store(store)
        verify_seconds = time.perf_counter() - verifying
        if report.findings:
            raise RuntimeError(f"the bench store does not verify: {report.findings[0]}")
        return RebuildResult(
            round(config.events / fill_seconds, 1), small, large, round(report.events / verify_seconds, 1)
        )
    finally:
        store.close()

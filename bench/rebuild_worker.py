"""Run in its own process: rebuild `service_ledger` once and print the time and this process's peak RSS."""

from __future__ import annotations

import json
import sys
import time

from bench.stats import current_rss_mb, own_peak_rss_mb
from infra.logging import configure_logging
from infra.settings import Settings
from infra.store import Store
from projections.runner import Runner

MARKER = "BENCH_JSON "


def main(url: str, schema: str) -> None:
    configure_logging("json")  # logs to stderr: stdout carries the result
    store = Store(Settings(database_url=url, db_schema=schema, pool_size=2, log_format="json"))
    try:
        runner = Runner(store)
        (row,) = store.db.query(f"SELECT count(*) AS n FROM {store.events_table}")
        before = current_rss_mb()
        started = time.perf_counter()
        runner.rebuild("service_ledger")
        seconds = time.perf_counter() - started
    finally:
        store.close()
    result = {"events": int(row["n"]), "seconds": seconds, "rss_before_mb": before, "peak_rss_mb": own_peak_rss_mb()}
    print(MARKER + json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

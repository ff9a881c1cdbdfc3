"""`python -m bench [--quick]`: measure the project against its own baselines, in one run, on this machine.

Prints a table and writes the same figures to bench/results/latest.json. Everything runs in fresh
PostgreSQL schemas (IPPS_BENCH_POSTGRES_URL, default the local server), dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from bench.append import measure_append
from bench.config import Config
from bench.history import measure_history
from bench.http_load import measure_http
from bench.pg import fresh_schemas, server_version
from bench.projection import measure_lag
from bench.rebuild import measure_rebuild
from bench.report import (
    Figures,
    append_figures,
    history_figures,
    http_figures,
    lag_figures,
    rebuild_figures,
    render,
    with_targets,
    write,
)
from bench.server import Server

PARTS = ("append", "rebuild", "http", "projection_lag", "history")
SERVED_PARTS = {"http", "projection_lag", "history"}  # the parts that need the API running


SPLIT = "ipps serve + ipps projections run"
EMBEDDED = "ipps serve with its projections embedded"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(config: Config) -> Figures:
    """Every measurement; a part that fails is recorded under `errors` and the others still run."""
    started = time.perf_counter()
    figures: Figures = {
        "cpu_count": os.cpu_count(),
        "size": config.size,
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "postgres": server_version(config.postgres_url),
    }
    errors: dict[str, str] = {}

    def part(name: str, measure: Callable[[], Figures]) -> None:
        if config.only and name not in config.only:
            return
        say(f"· {name} …")
        began = time.perf_counter()
        try:
            figures.update(measure())
        except Exception as exc:
            traceback.print_exc()
            errors[name] = repr(exc)
        say(f"  {name}: {time.perf_counter() - began:.1f} s")

    with fresh_schemas(config.postgres_url) as schemas:
        part("append", lambda: append_figures(measure_append(config, schemas)))
        part("rebuild", lambda: rebuild_figures(measure_rebuild(config, schemas)))
        if config.only and not SERVED_PARTS & set(config.only):
            return _finish(figures, errors, started)
        log = config.output.parent / "server.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        try:
            layout = EMBEDDED if config.embedded else SPLIT
            say(f"· starting the API ({layout}) …")
            figures["api_layout"] = layout
            with Server(config.postgres_url, schemas.new("api"), log, config.embedded) as server:
                part("http", lambda: http_figures(measure_http(config, server)))
                schema = server.env["IPPS_DB_SCHEMA"]
                part("projection_lag", lambda: lag_figures(measure_lag(config, schemas, schema)))
                part("history", lambda: history_figures(measure_history(config, schemas, server)))
            figures["api_peak_rss_mb"] = server.peak_rss_mb
            figures["projector_peak_rss_mb"] = server.projector_peak_rss_mb
        except Exception as exc:
            traceback.print_exc()
            errors["server"] = repr(exc)
    return _finish(figures, errors, started)


def _finish(figures: Figures, errors: dict[str, str], started: float) -> Figures:
    figures["wall_seconds"] = round(time.perf_counter() - started, 1)
    figures["errors"] = errors
    return with_targets(figures)


def parse(argv: Sequence[str] | None) -> Config:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the sub-minute sizes")
    parser.add_argument("--smoke", action="store_true", help="the smallest sizes (seconds; what CI runs)")
    parser.add_argument("--events", type=int, help="events in the store for the rebuild")
    parser.add_argument("--seconds", type=float, help="duration of each append and HTTP measurement")
    parser.add_argument("--no-wrk", action="store_true", help="use the built-in load generator even if wrk is here")
    parser.add_argument("--only", action="append", choices=PARTS, help="run just this part (repeatable)")
    parser.add_argument(
        "--embedded",
        action="store_true",
        help="run the projections inside the API process (as make serve does), not as their own process",
    )
    parser.add_argument("--output", type=Path, help="where to write the JSON (default bench/results/latest.json)")
    args = parser.parse_args(argv)
    config = Config.quick() if args.quick else Config.default()
    if args.smoke:
        config = Config.smoke(config.output)
    if args.events:
        config = replace(config, events=args.events)
    if args.seconds:
        config = replace(config, append_seconds=args.seconds, http_seconds=args.seconds)
    if args.no_wrk:
        config = replace(config, use_wrk=False)
    if args.output:
        config = replace(config, output=args.output)
    if args.only:
        config = replace(config, only=tuple(args.only))
    if args.embedded:
        config = replace(config, embedded=True)
    return config


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through the clean-ups: server stopped, schemas dropped


def main(argv: Sequence[str] | None = None) -> int:
    config = parse(argv)
    signal.signal(signal.SIGTERM, _terminate)
    figures = run(config)
    write(figures, config.output)
    print(render(figures))
    print(f"\n{config.size} run, {figures['cpu_count']} cores, {figures['wall_seconds']} s; written to {config.output}")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

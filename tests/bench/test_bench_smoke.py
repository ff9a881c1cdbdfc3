"""The benchmark harness still runs: its smallest sizes, end to end, against PostgreSQL (a few seconds)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from bench.__main__ import run
from bench.config import Config
from bench.report import TARGETS, render, write
from tests.conftest import PG_URL, postgres_or_skip

KEYS = (
    "append_ratio_1",
    "append_ratio_16",
    "http_command_ratio",
    "http_command_p99_ms",
    "projection_lag_p99_ms",
    "rebuild_events_per_s",
    "history_p99_ms",
    "api_peak_rss_mb",
    "cpu_count",
)


def test_smallest_configuration_measures_every_figure(tmp_path: Path) -> None:
    postgres_or_skip()
    config = replace(Config.smoke(tmp_path / "latest.json"), postgres_url=PG_URL)

    figures = run(config)
    write(figures, config.output)

    assert figures["errors"] == {}
    written = json.loads(config.output.read_text(encoding="utf-8"))
    for key in KEYS:
        assert isinstance(written[key], int | float), key
    assert written["append_raw_16_per_s"] > 0
    assert written["http_noop_per_s"] > 0
    assert written["projection_lag_unseen"] == 0
    assert written["history_events"] == config.history_events
    assert set(written["targets"]) == {t.key for t in TARGETS}
    assert "append, 16 writers" in render(figures)
    assert written["api_layout"] == "ipps serve + ipps projections run"
    assert isinstance(written["projector_peak_rss_mb"], float)  # the projections ran as their own process


def test_the_embedded_layout_projects_inside_the_api(tmp_path: Path) -> None:
    postgres_or_skip()
    config = Config.smoke(tmp_path / "latest.json")
    config = replace(config, postgres_url=PG_URL, only=("projection_lag",), embedded=True)

    figures = run(config)

    assert figures["errors"] == {}
    assert figures["projection_lag_unseen"] == 0
    assert figures["projector_peak_rss_mb"] is None


def test_one_part_runs_alone(tmp_path: Path) -> None:
    postgres_or_skip()
    config = replace(Config.smoke(tmp_path / "latest.json"), postgres_url=PG_URL, only=("rebuild",))

    figures = run(config)

    assert figures["errors"] == {}
    assert figures["rebuild_events_per_s"] > 0
    assert "append_ratio_16" not in figures
    assert "http_command_ratio" not in figures
    assert "api_peak_rss_mb" not in figures  # the API was not started

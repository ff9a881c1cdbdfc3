"""The figures: flattened into the JSON of `bench/results/latest.json`, and printed as a table."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.append import AppendResult
from bench.history import HistoryResult
from bench.http_load import HttpResult
from bench.projection import LagResult
from bench.rebuild import RebuildResult

Figures = dict[str, Any]


@dataclass(frozen=True)
class Target:
    key: str
    label: str
    bound: float
    at_least: bool  # True: the figure must be >= bound; False: <= bound
    unit: str

    def met(self, value: float | None) -> bool | None:
        if value is None or math.isnan(value):
            return None
        return value >= self.bound if self.at_least else value <= self.bound

    def show(self, value: float | None) -> str:
        if value is None or math.isnan(value):
            return "—"
        return f"{value * 100:.1f} %" if self.unit == "%" else f"{value:,.1f} {self.unit}"

    def wanted(self) -> str:
        bound = f"{self.bound * 100:.0f} %" if self.unit == "%" else f"{self.bound:,.0f} {self.unit}"
        return (">= " if self.at_least else "<= ") + bound


TARGETS = (  # the targets the issues set (issues 12, 13 and 14)
    Target("append_ratio_16", "append, 16 writers, vs raw psycopg", 0.90, True, "%"),
    Target("append_ratio_1", "append, 1 writer, vs raw psycopg", 0.50, True, "%"),
    Target("http_command_ratio", "HTTP commands vs no-op endpoint", 0.45, True, "%"),
    Target("projection_lag_p99_ms", "projection lag p99 at 500 cmd/s", 50, False, "ms"),
    Target("rebuild_events_per_s", "rebuild (service_ledger)", 90_000, True, "events/s"),
    Target("history_p99_ms", "1,000-event history p99 (HTTP)", 25, False, "ms"),
    Target("state_p99_ms", "1,000-event case state p99 (HTTP)", 25, False, "ms"),
    Target("api_peak_rss_mb", "API peak RSS", 150, False, "MB"),
    Target("verify_events_per_s", "verify --store (issue 14)", 200_000, True, "events/s"),
    Target("bundle_p99_ms", "1,000-event case bundle p99 (HTTP)", 50, False, "ms"),
)


def append_figures(results: list[AppendResult]) -> Figures:
    figures: Figures = {}
    for r in results:
        figures[f"append_ratio_{r.writers}"] = round(r.ratio, 4)
        figures[f"append_store_{r.writers}_per_s"] = r.store_per_s
        figures[f"append_raw_{r.writers}_per_s"] = r.raw_per_s
        figures["append_payload_bytes"] = r.payload_bytes
    return figures


def http_figures(r: HttpResult) -> Figures:
    return {
        "http_command_ratio": round(r.ratio, 4),
        "http_command_ratio_rounds": [round(ratio, 3) for ratio in r.round_ratios],
        "http_command_per_s": round(r.commands.ok_per_s, 1),
        "http_noop_per_s": round(r.noop.ok_per_s, 1),
        "http_command_p50_ms": round(r.commands.p50_ms, 2),
        "http_command_p99_ms": round(r.commands.p99_ms, 2),
        "http_noop_p50_ms": round(r.noop.p50_ms, 2),
        "http_noop_p99_ms": round(r.noop.p99_ms, 2),
        "http_command_errors": r.commands.errors,
        "http_noop_errors": r.noop.errors,
        "http_connections": r.connections,
        "http_load_generator": r.generator,
    }


def lag_figures(r: LagResult) -> Figures:
    return {
        "projection_lag_p50_ms": r.p50_ms,
        "projection_lag_p99_ms": r.p99_ms,
        "projection_lag_max_ms": r.max_ms,
        "projection_lag_target_rate": r.target_rate,
        "projection_lag_achieved_rate": r.achieved_rate,
        "projection_lag_commands": r.commands,
        "projection_lag_unseen": r.unseen,
        "projection_lag_poll_interval_ms": r.poll_interval_ms,
    }


def rebuild_figures(r: RebuildResult) -> Figures:
    return {
        "rebuild_events_per_s": round(r.large.events_per_s, 1),
        "rebuild_events": r.large.events,
        "rebuild_seconds": round(r.large.seconds, 3),
        "rebuild_small_events": r.small.events,
        "rebuild_small_events_per_s": round(r.small.events_per_s, 1),
        "rebuild_peak_rss_mb_small": r.small.peak_rss_mb,
        "rebuild_peak_rss_mb_large": r.large.peak_rss_mb,
        "rebuild_rss_before_mb_small": r.small.rss_before_mb,
        "rebuild_rss_before_mb_large": r.large.rss_before_mb,
        "fill_events_per_s": r.fill_events_per_s,
        "verify_events_per_s": r.verify_events_per_s,
    }


def history_figures(r: HistoryResult) -> Figures:
    return {
        "history_events": r.events,
        "history_read_via": "http",
        "history_p50_ms": r.http_history.p50_ms,
        "history_p99_ms": r.http_history.p99_ms,
        "state_p50_ms": r.http_state.p50_ms,
        "state_p99_ms": r.http_state.p99_ms,
        "bundle_p50_ms": r.http_bundle.p50_ms,
        "bundle_p99_ms": r.http_bundle.p99_ms,
        "store_history_p50_ms": r.store_history.p50_ms,
        "store_history_p99_ms": r.store_history.p99_ms,
        "history_uncached_p50_ms": r.render_cold.p50_ms,
        "history_uncached_p99_ms": r.render_cold.p99_ms,
        "store_get_p50_ms": r.store_get.p50_ms,
        "store_get_p99_ms": r.store_get.p99_ms,
        "record_step_long_p50_ms": r.step_long.p50_ms,
        "record_step_long_p99_ms": r.step_long.p99_ms,
        "record_step_short_p50_ms": r.step_short.p50_ms,
        "record_step_short_p99_ms": r.step_short.p99_ms,
        "record_step_long_vs_short": round(r.step_long.p50_ms / r.step_short.p50_ms, 2)
        if r.step_short.p50_ms
        else None,
    }


def with_targets(figures: Figures) -> Figures:
    figures["targets"] = {
        t.key: {"value": figures.get(t.key), "target": t.wanted(), "met": t.met(figures.get(t.key))} for t in TARGETS
    }
    return figures


def _row(cells: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [_row(rows[0], widths), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    return "\n".join([*lines, *(_row(r, widths) for r in rows[1:])])


def render(figures: Figures) -> str:
    rows = [["figure", "measured", "target", "met"]]
    for t in TARGETS:
        met = t.met(figures.get(t.key))
        rows.append(
            [t.label, t.show(figures.get(t.key)), t.wanted(), "—" if met is None else ("met" if met else "NOT met")]
        )
    details = [["raw figure", "value"]]
    skip = {"targets", "errors"}
    details += [[key, _fmt(value)] for key, value in figures.items() if key not in skip]
    parts = [table(rows), "", table(details)]
    if figures.get("errors"):
        parts += ["", "errors:", *(f"  {k}: {v}" for k, v in figures["errors"].items())]
    return "\n".join(parts)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return str(value)


def write(figures: Figures, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

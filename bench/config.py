"""The harness's sizes: default (under 5 minutes), quick (under a minute) and smoke (seconds, for CI)."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "latest.json"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"


@dataclass(frozen=True)
class Config:
    postgres_url: str
    size: str  # "default", "quick" or "smoke"
    append_seconds: float
    warmup_seconds: float
    writers: tuple[int, ...]
    http_seconds: float  # for each side, split over the rounds
    http_rounds: int
    connections: int
    lag_seconds: float
    lag_rate: float
    lag_writers: int
    events: int
    history_events: int
    history_samples: int
    step_samples: int
    output: Path
    use_wrk: bool = True
    only: tuple[str, ...] = ()  # the parts to run; empty runs them all
    embedded: bool = False  # the projection runner inside the API process (make serve), not beside it

    @classmethod
    def default(cls) -> Config:
        return cls(
            postgres_url=os.environ.get("IPPS_BENCH_POSTGRES_URL", DEFAULT_URL),
            size="default",
            append_seconds=5.0,
            warmup_seconds=1.0,
            writers=(1, 16),
            http_seconds=12.0,
            http_rounds=4,
            connections=64,
            lag_seconds=10.0,
            lag_rate=500.0,
            lag_writers=4,
            events=100_000,
            history_events=1000,
            history_samples=100,
            step_samples=30,
            output=RESULTS,
        )

    @classmethod
    def quick(cls) -> Config:
        return replace(
            cls.default(),
            size="quick",
            append_seconds=2.0,
            warmup_seconds=0.5,
            http_seconds=3.0,
            http_rounds=1,
            lag_seconds=3.0,
            events=10_000,
            history_samples=30,
            step_samples=10,
        )

    @classmethod
    def smoke(cls, output: Path) -> Config:
        """The smallest run that still goes through every part: for the test suite."""
        return replace(
            cls.default(),
            size="smoke",
            append_seconds=0.3,
            warmup_seconds=0.1,
            http_seconds=0.5,
            http_rounds=2,
            connections=8,
            lag_seconds=0.5,
            lag_rate=100.0,
            lag_writers=2,
            events=500,
            history_events=50,
            history_samples=5,
            step_samples=3,
            output=output,
        )

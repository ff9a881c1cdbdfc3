"""Small measuring helpers: percentiles, a process's peak resident memory, waiting for a condition."""

from __future__ import annotations

import math
import os
import resource
import time
from collections.abc import Callable, Sequence
from pathlib import Path


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of `values`; NaN when there are none."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident set (VmHWM) of a live process, in MiB; None where /proc is not available."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def current_rss_mb(pid: int | None = None) -> float | None:
    try:
        status = Path(f"/proc/{pid or os.getpid()}/status").read_text(encoding="ascii")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return None


def own_peak_rss_mb() -> float:
    """This process's peak resident set in MiB (ru_maxrss is KiB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def wait_until(condition: Callable[[], bool], timeout: float, failure: str) -> None:
    """Poll `condition` every 50 ms; RuntimeError(`failure`) if it is still false after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(failure)
        time.sleep(0.05)

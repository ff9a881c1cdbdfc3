"""2. HTTP throughput at N connections, load from another process: no-op `GET /health` vs the command mix."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.config import ROOT, Config
from bench.lua import NOOP, commands_script
from bench.server import Server

MARKER = "BENCH_JSON "


@dataclass(frozen=True)
class Load:
    requests: int
    duration_s: float
    errors: int
    p50_ms: float
    p99_ms: float

    @property
    def ok_per_s(self) -> float:
        return (self.requests - self.errors) / self.duration_s if self.duration_s else 0.0


def pooled(loads: list[Load]) -> Load:
    """Several runs as one: their requests over their time; the median p50 and the worst p99."""
    p50s = sorted(load.p50_ms for load in loads)
    return Load(
        sum(load.requests for load in loads),
        sum(load.duration_s for load in loads),
        sum(load.errors for load in loads),
        p50s[len(p50s) // 2],
        max(load.p99_ms for load in loads),
    )


@dataclass(frozen=True)
class HttpResult:
    generator: str
    connections: int
    noop_rounds: list[Load]
    command_rounds: list[Load]

    @property
    def noop(self) -> Load:
        return pooled(self.noop_rounds)

    @property
    def commands(self) -> Load:
        return pooled(self.command_rounds)

    @property
    def ratio(self) -> float:
        return self.commands.ok_per_s / self.noop.ok_per_s if self.noop.ok_per_s else 0.0

    @property
    def round_ratios(self) -> list[float]:
        return [
            c.ok_per_s / n.ok_per_s if n.ok_per_s else 0.0
            for n, c in zip(self.noop_rounds, self.command_rounds, strict=True)
        ]


def generator(config: Config) -> str:
    return "wrk" if config.use_wrk and shutil.which("wrk") else "asyncio"


def _parse(stdout: str, stderr: str, returncode: int) -> Load:
    lines = [line for line in stdout.splitlines() if line.startswith(MARKER)]
    if returncode != 0 or not lines:
        raise RuntimeError(f"load generator failed ({returncode}): {stdout[-1000:]} {stderr[-1000:]}")
    data = json.loads(lines[-1].removeprefix(MARKER))
    return Load(int(data["requests"]), float(data["duration_s"]), int(data["errors"]), data["p50_ms"], data["p99_ms"])


def run_load(config: Config, server: Server, mode: str, seconds: float, scratch: Path) -> Load:
    connections = config.connections
    if generator(config) == "wrk":
        script = scratch / f"{mode}.lua"
        key, inst, client = server.admin_key, str(server.institution_id), str(server.client_id)
        script.write_text(NOOP if mode == "noop" else commands_script(key, inst, client), encoding="utf-8")
        path = "/health" if mode == "noop" else "/"
        duration = max(1, round(seconds))
        command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(script)]
        command.append(server.base + path)
    else:
        command = [sys.executable, "-m", "bench.loadgen", server.base, mode, str(seconds), str(connections)]
        if mode == "commands":
            command += [server.admin_key, str(server.institution_id), str(server.client_id)]
    done = subprocess.run(  # noqa: S603 (wrk or our own load generator)
        command, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120, check=False
    )
    return _parse(done.stdout, done.stderr, done.returncode)


def measure_http(config: Config, server: Server) -> HttpResult:
    """The no-op and the command mix in alternating rounds, each round's pair seconds apart: a machine whose
    speed drifts (a shared VM's does, by tens of percent within minutes) shifts both sides alike."""
    warmup = max(1.0, config.warmup_seconds)
    each = max(1.0, config.http_seconds / config.http_rounds)
    noop_rounds: list[Load] = []
    command_rounds: list[Load] = []
    with tempfile.TemporaryDirectory(prefix="ipps-bench-") as tmp:
        scratch = Path(tmp)
        run_load(config, server, "noop", warmup, scratch)
        run_load(config, server, "commands", warmup, scratch)
        for _ in range(config.http_rounds):
            noop_rounds.append(run_load(config, server, "noop", each, scratch))
            command_rounds.append(run_load(config, server, "commands", each, scratch))
    return HttpResult(generator(config), config.connections, noop_rounds, command_rounds)

"""The API under test, on a schema of its own, laid out as compose.yaml deploys it: `ipps serve --no-projections`
and `ipps projections run` as two processes. `embedded` runs `ipps serve` alone instead (the runner in a
thread of the API process, as `make serve` does)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any
from uuid import UUID

import httpx

from bench.config import ROOT
from bench.stats import peak_rss_mb

INSTITUTION = {"name": "西宁市知识产权保护中心", "kind": "protection_center"}
CLIENT = {
    "name": "青海盐湖新材料有限公司",
    "kind": "innovator",
    "innovator_kind": "enterprise",
    "enterprise_size": "small",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """Starts on enter (waits for /health), stops on exit; `peak_rss_mb` is read just before stopping."""

    def __init__(self, url: str, schema: str, log_path: Path, embedded: bool = False) -> None:
        self.embedded = embedded
        self.projector: subprocess.Popen[bytes] | None = None
        self.projector_peak_rss_mb: float | None = None
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "IPPS_DATABASE_URL": url,
            "IPPS_DB_SCHEMA": schema,
            "IPPS_PORT": str(self.port),
            "IPPS_HOST": "127.0.0.1",
            "IPPS_LOG_FORMAT": "json",
        }
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self.peak_rss_mb: float | None = None
        self.admin_key = ""
        self.institution_id: UUID | None = None
        self.client_id: UUID | None = None

    def cli(self, *args: str) -> str:
        done = subprocess.run(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "api.cli", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"ipps {' '.join(args)} failed: {done.stderr[-2000:]}")
        return done.stdout

    def __enter__(self) -> Server:
        self.admin_key = self.cli("keys", "create", "--role", "admin", "--label", "bench").strip().splitlines()[-1]
        serve = ["serve"] if self.embedded else ["serve", "--no-projections"]
        with self.log_path.open("wb") as log:
            self.process = self._start(serve, log)
            if not self.embedded:
                self.projector = self._start(["projections", "run"], log)
        try:
            self._wait_ready()
            self._seed()
            self._wait_projected()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin_key}"}

    def _start(self, args: list[str], log: Any) -> subprocess.Popen[bytes]:
        return subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            [sys.executable, "-m", "api.cli", *args], cwd=ROOT, env=self.env, stdout=log, stderr=log
        )

    def _wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}); see {self.log_path}")
            try:
                if httpx.get(f"{self.base}/health", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"the server did not answer /health within {timeout:.0f} s; see {self.log_path}")

    def _wait_projected(self, timeout: float = 60.0) -> None:
        """Until every read model has the seed: the projection worker is up and applying, not still starting,
        when the measurements begin (the API answering /health says nothing of the other process)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = httpx.get(f"{self.base}/v1/projections", headers=self.headers(), timeout=5.0)
            statuses = response.json() if response.status_code == 200 else []
            if statuses and all(s["events_behind"] == 0 and s["error"] is None for s in statuses):
                return
            time.sleep(0.1)
        raise RuntimeError(
            f"the read models did not catch up with the seed within {timeout:.0f} s; see {self.log_path}"
        )

    def _seed(self) -> None:
        self.institution_id = UUID(self.post("/v1/institutions", INSTITUTION)["id"])
        self.client_id = UUID(self.post("/v1/clients", CLIENT)["id"])

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = httpx.post(f"{self.base}{path}", json=body, headers=self.headers(), timeout=30.0)
        if response.status_code != 201:
            raise RuntimeError(f"POST {path}: {response.status_code} {response.text[:500]}")
        answer: dict[str, Any] = response.json()
        return answer

    def stop(self) -> None:
        process, projector = self.process, self.projector
        self.process = self.projector = None
        if process is not None:
            self.peak_rss_mb = _stop(process)
        if projector is not None:
            self.projector_peak_rss_mb = _stop(projector)


def _stop(process: subprocess.Popen[bytes]) -> float | None:
    """Stop the process; its peak RSS, read just before."""
    if process.poll() is not None:
        return None
    peak = peak_rss_mb(process.pid)
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
    return peak

"""A load generator in its own process, for when wrk is not installed: asyncio, one keep-alive HTTP/1.1
connection per worker. (httpx's pool collapses at 64 connections, ~170 req/s against a 9k req/s server,
so the requests are written and read here on raw asyncio streams.)

`python -m bench.loadgen BASE noop|commands SECONDS CONNECTIONS [KEY INSTITUTION CLIENT]` prints one
`BENCH_JSON {...}` line shaped like the wrk script's.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any
from urllib.parse import urlparse

from bench.fixtures import INTAKE, NEED, SERVICE
from bench.stats import percentile


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, key: str) -> None:
        self.reader, self.writer = reader, writer
        auth = f"Authorization: Bearer {key}\r\n" if key else ""
        self.head = f"Host: {host}\r\n{auth}"

    async def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else b""
        extra = f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n" if body is not None else ""
        self.writer.write(f"{method} {path} HTTP/1.1\r\n{self.head}{extra}\r\n".encode() + data)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)


async def drive(base: str, mode: str, seconds: float, connections: int, auth: list[str]) -> dict[str, float]:
    url = urlparse(base)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    latencies: list[float] = []
    errors = dropped = 0
    started = time.perf_counter()
    end = started + seconds

    async def timed(conn: Connection, method: str, path: str, body: dict[str, Any] | None = None) -> bytes | None:
        nonlocal errors
        t0 = time.perf_counter()
        status, answer = await conn.request(method, path, body)
        latencies.append(time.perf_counter() - t0)
        if status >= 400:
            errors += 1
            return None
        return answer

    async def one_round(conn: Connection) -> None:
        if mode == "noop":
            await timed(conn, "GET", "/health")
            return
        body = {"service_type": SERVICE, "institution_id": auth[1], "client_id": auth[2], **INTAKE}
        opened = await timed(conn, "POST", "/v1/cases", body)
        if opened is not None and time.perf_counter() < end:
            case_id = json.loads(opened)["id"]
            await timed(conn, "POST", f"/v1/cases/{case_id}/steps", {"step": "need_collected", **NEED})

    async def worker() -> None:
        nonlocal errors, dropped
        while time.perf_counter() < end:
            reader, writer = await asyncio.open_connection(host, port)
            conn = Connection(reader, writer, f"{host}:{port}", auth[0] if auth else "")
            try:
                while time.perf_counter() < end:
                    await one_round(conn)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                errors += 1  # a dropped connection: count it, connect again
                dropped += 1
            finally:
                writer.close()

    await asyncio.gather(*(worker() for _ in range(connections)))
    duration = time.perf_counter() - started
    return {
        "requests": len(latencies) + dropped,
        "duration_s": duration,
        "errors": errors,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "max_ms": max(latencies, default=0.0) * 1000,
    }


def main(argv: list[str]) -> None:
    base, mode, seconds, connections, *auth = argv
    result = asyncio.run(drive(base, mode, float(seconds), int(connections), auth))
    print("BENCH_JSON " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

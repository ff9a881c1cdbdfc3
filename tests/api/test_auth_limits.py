"""What an unauthenticated client can make the API hold: only keys that authenticated are cached, an over-long
bearer string is refused before any lookup, and a request head past 16 KiB is refused by `ipps serve` with 431."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.services import Services
from infra.keys import MAX_KEY_LENGTH, revoke_key
from tests.api.conftest import World

ROOT = Path(__file__).resolve().parents[2]


def services(world: World) -> Services:
    found: Services = world.client.app.state.services
    return found


def unknown_key(secret_length: int = 43) -> str:
    """A key of the right shape whose id is in no table."""
    return f"ipps_{secrets.token_hex(8)}_{secrets.token_urlsafe(secret_length)[:secret_length]}"


def test_unknown_keys_are_not_cached(world: World) -> None:
    for who in ("admin", "staff_a", "viewer"):
        assert world.client.get("/v1/catalogue", headers=world.headers(who)).status_code == 200
    cache = services(world).key_cache
    assert len(cache) == 3
    strangers = [unknown_key() for _ in range(300)] + [unknown_key(10_000) for _ in range(50)]
    for presented in strangers:
        response = world.client.get("/v1/catalogue", headers={"Authorization": f"Bearer {presented}"})
        assert response.status_code == 401
    assert len(cache) == 3
    assert not set(strangers) & set(cache)
    assert world.client.get("/v1/catalogue", headers=world.headers("admin")).status_code == 200


def test_a_revoked_key_leaves_the_cache_once_its_entry_expires(world: World) -> None:
    known = services(world)
    assert world.client.get("/v1/catalogue", headers=world.headers("viewer")).status_code == 200
    assert revoke_key(world.store.db, world.keys["viewer"].split("_")[1])
    _, principal = known.key_cache[world.keys["viewer"]]
    known.key_cache[world.keys["viewer"]] = (time.monotonic() - 1, principal)  # as if 30 s had passed
    assert world.client.get("/v1/catalogue", headers=world.headers("viewer")).status_code == 401
    assert world.keys["viewer"] not in known.key_cache


def test_an_over_long_key_is_refused_before_any_lookup(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    assert all(len(key) <= MAX_KEY_LENGTH for key in world.keys.values())
    lookups: list[str] = []
    query = world.store.db.query

    def counted(sql: str, params: Any = None) -> Any:
        if "api_keys" in sql:
            lookups.append(sql)
        return query(sql, params)

    monkeypatch.setattr(world.store.db, "query", counted)
    for presented in (world.keys["admin"] + "x", unknown_key(MAX_KEY_LENGTH), "k" * 1_000_000):
        response = world.client.get("/v1/catalogue", headers={"Authorization": f"Bearer {presented}"})
        assert response.status_code == 401, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "longer than" in response.json()["detail"]
    assert lookups == []
    response = world.client.get("/v1/catalogue", headers={"Authorization": f"Bearer {unknown_key()}"})
    assert response.status_code == 401
    assert len(lookups) == 1  # an unknown key of the right length is looked up, each time


# --- the request head, against a running `ipps serve` ---------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class Served:
    host: str
    port: int
    key: str
    pid: int


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`ipps serve` on SQLite in a directory of its own, with an admin key."""
    data_dir = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {
        **os.environ,
        "IPPS_DATA_DIR": str(data_dir),
        "IPPS_HOST": "127.0.0.1",
        "IPPS_PORT": str(port),
        "IPPS_LOG_FORMAT": "json",
    }
    env.pop("IPPS_DATABASE_URL", None)
    cli = [sys.executable, "-m", "api.cli"]
    created = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [*cli, "keys", "create", "--role", "admin"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    key = created.stdout.strip().splitlines()[-1]
    log = (data_dir / "serve.log").open("wb")
    process = subprocess.Popen([*cli, "serve"], cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (data_dir / "serve.log").read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "ipps serve did not answer /health in 60 s"
            time.sleep(0.1)
        yield Served("127.0.0.1", port, key, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _head(key: str, padding: int) -> bytes:
    """A GET of the catalogue whose request line and headers take about `padding` bytes more than usual."""
    return (
        f"GET /v1/catalogue HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {key}\r\n"
        f"X-Padding: {'p' * padding}\r\n\r\n"
    ).encode()


Answer = tuple[int, dict[str, str], bytes]


def _answer(sock: socket.socket, received: bytes) -> tuple[Answer | None, bytes]:
    """The next response on the connection (None once the server has closed it), and what came after it."""
    while b"\r\n\r\n" not in received:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            return None, b""
        received += chunk
    head, _, rest = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection inside a response body"
        rest += chunk
    return (int(lines[0].split()[1]), headers, rest[:length]), rest[length:]


def _send(host: str, port: int, *requests: bytes) -> list[Answer]:
    """Each request in turn on one connection, waiting for its answer; stops when the server closes."""
    answers: list[Answer] = []
    with socket.create_connection((host, port), timeout=10) as sock:
        received = b""
        for request in requests:
            try:
                for start in range(0, len(request), 65536):
                    sock.sendall(request[start : start + 65536])
            except (BrokenPipeError, ConnectionResetError):
                pass  # refused part-way: the answer is already there
            answer, received = _answer(sock, received)
            if answer is None:
                break
            answers.append(answer)
    return answers


def test_a_head_within_16_kib_is_served(served: Served) -> None:
    host, port, key = served.host, served.port, served.key
    [(status, _, body)] = _send(host, port, _head(key, 15 * 1024))
    assert status == 200, body


@pytest.mark.parametrize("padding", [17 * 1024, 1024 * 1024], ids=["17KiB", "1MiB"])
def test_a_head_past_16_kib_gets_431_as_a_problem(served: Served, padding: int) -> None:
    host, port, key = served.host, served.port, served.key
    answers = _send(host, port, _head(key, padding))
    [(status, headers, body)] = answers
    assert status == 431
    assert headers["content-type"] == "application/problem+json"
    assert headers["connection"] == "close"
    problem = json.loads(body)
    assert problem["status"] == 431
    assert "16 KiB" in problem["detail"]


def test_a_keep_alive_connection_is_bounded_per_request(served: Served) -> None:
    """Each request's head counts on its own: three small ones pass, a large one after them is refused."""
    host, port, key = served.host, served.port, served.key
    small = _head(key, 10 * 1024)
    answers = _send(host, port, small, small, small, _head(key, 20 * 1024), small)
    assert [status for status, _, _ in answers] == [200, 200, 200, 431]


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


def test_many_large_unknown_keys_leave_the_server_small(served: Served) -> None:
    """The issue's attack: distinct 1 MiB bearer strings (256 of them grew the API by 244 MB, never given back)."""
    before = _rss_mb(served.pid)
    for _ in range(128):
        [(status, _, _)] = _send(served.host, served.port, _head(unknown_key(1024 * 1024), 0))
        assert status == 431
    with httpx.Client(base_url=f"http://{served.host}:{served.port}") as client:
        for _ in range(128):
            response = client.get("/v1/catalogue", headers={"Authorization": f"Bearer {unknown_key(8 * 1024)}"})
            assert response.status_code == 401
    assert _rss_mb(served.pid) - before < 40

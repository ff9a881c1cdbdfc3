"""Log lines are JSON on the stderr of the moment, even from a logger made (and cached) before it changed; on an
event loop, written in order once the loop's pass is over, and never left behind by a loop that stopped."""

from __future__ import annotations

import asyncio
import io
import json
import sys
import threading
from collections.abc import Iterator

import pytest
import structlog

from infra.logging import configure_logging


@pytest.fixture(autouse=True)
def _defaults_after() -> Iterator[None]:
    yield
    structlog.reset_defaults()


def test_a_cached_logger_writes_to_stderr_as_it_is_now(monkeypatch: pytest.MonkeyPatch) -> None:
    configure_logging("json")
    log = structlog.get_logger("ipps.test")
    first, second = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    log.info("opened", case="c-1")
    monkeypatch.setattr(sys, "stderr", second)
    log.info("recorded", case="c-1")
    assert json.loads(first.getvalue())["event"] == "opened"
    line = json.loads(second.getvalue())
    assert (line["event"], line["case"], line["level"]) == ("recorded", "c-1", "info")


def lines(stream: io.StringIO) -> list[str]:
    return [json.loads(line)["event"] for line in stream.getvalue().splitlines()]


def test_lines_logged_on_a_loop_are_written_in_order_after_its_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    configure_logging("json")
    log = structlog.get_logger("ipps.test")
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)

    async def requests() -> list[str]:
        for n in range(3):
            log.info(f"request {n}")
        written_during_the_pass = lines(stream)
        await asyncio.sleep(0)
        log.info("request 3")
        await asyncio.sleep(0)
        return written_during_the_pass

    assert asyncio.run(requests()) == []
    assert lines(stream) == ["request 0", "request 1", "request 2", "request 3"]


def test_lines_of_a_thread_without_a_loop_are_written_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    configure_logging("json")
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    worker = threading.Thread(target=lambda: structlog.get_logger("ipps.test").info("from a worker"))
    worker.start()
    worker.join()
    assert lines(stream) == ["from a worker"]


def test_lines_a_stopped_loop_left_are_written_by_the_next_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    configure_logging("json")
    log = structlog.get_logger("ipps.test")
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    stopped = asyncio.new_event_loop()
    stopped.run_until_complete(asyncio.sleep(0))
    stopped.call_soon(log.info, "last words")  # logged in the loop's final pass: its write is never run
    stopped.call_soon(stopped.stop)
    stopped.run_forever()
    stopped.close()
    assert lines(stream) == []

    async def next_loop() -> None:
        log.info("next")
        await asyncio.sleep(0)

    asyncio.run(next_loop())
    assert lines(stream) == ["last words", "next"]

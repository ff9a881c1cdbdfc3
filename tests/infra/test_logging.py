"""Log lines are JSON on the stderr of the moment, even from a logger made (and cached) before it changed."""

from __future__ import annotations

import io
import json
import sys
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

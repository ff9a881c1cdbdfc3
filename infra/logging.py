"""structlog set-up: JSON lines in production, readable lines at a console; context bound per request."""

from __future__ import annotations

import asyncio
import atexit
import logging
import sys
import threading

import structlog


def configure_logging(fmt: str = "json", level: int = logging.INFO) -> None:
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer(ensure_ascii=False) if fmt == "json" else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=lambda *_: StderrLogger(),
        cache_logger_on_first_use=True,
    )


class StderrLogger:
    """Writes each line to sys.stderr as it is at that moment (tests capture and replace it), so the bound
    loggers can be cached: making one per log call cost more than the line itself.

    On an event loop, the lines logged in one pass of the loop are written together at the start of the next:
    a write lets go of the interpreter lock, and in the API under load, with the event writer's thread waiting
    for it, each request's access line written on its own cost a hand-over of that lock (a pass answers tens
    of requests)."""

    def msg(self, message: str) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # a worker thread, the command line
            _write([message])
            return
        pending = _pending
        if pending.loop is not loop:  # nothing due on this loop yet (or due on one that has closed since)
            pending.loop = loop
            loop.call_soon(_write_pending)
        pending.lines.append(message)

    log = debug = info = warn = warning = err = error = critical = exception = fatal = failure = msg


class _Pending(threading.local):
    """This thread's lines waiting for the end of its loop's pass, and the loop that will write them."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.lines: list[str] = []


_pending = _Pending()


def _write_pending() -> None:
    lines, _pending.lines, _pending.loop = _pending.lines, [], None
    if lines:
        _write(lines)


def _write(lines: list[str]) -> None:
    stream = sys.stderr
    stream.write("".join(f"{line}\n" for line in lines))
    stream.flush()


atexit.register(_write_pending)  # the main thread's last lines, should its loop have stopped before their turn

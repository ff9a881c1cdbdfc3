"""Per-request context: a request id and a correlation id, bound to every log line and echoed back.

The ids are set by an outer ASGI middleware; they are added to the response (error responses included,
which Litestar sends from its exception layer) by a `before_send` hook, which also writes the access line.
"""

from __future__ import annotations

import re
import time

import structlog
from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from domain.ids import new_id

log = structlog.get_logger("ipps.access")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            text = value.decode("latin-1")
            return text if _SAFE_ID.match(text) else None
    return None


def request_ids(scope: Scope) -> tuple[str, str]:
    """The request's (request id, correlation id), made on first use: errors on unmatched routes get them too."""
    state = scope.setdefault("state", {})
    if "request_id" not in state:
        request_id = _header(scope, b"x-request-id") or new_id().hex
        state.update(request_id=request_id, correlation_id=_header(scope, b"x-correlation-id") or request_id)
    return state["request_id"], state["correlation_id"]


def request_context(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        request_id, correlation_id = request_ids(scope)
        scope["state"]["started"] = time.perf_counter()
        with structlog.contextvars.bound_contextvars(request_id=request_id, correlation_id=correlation_id):
            await app(scope, receive, send)

    return middleware


async def stamp_response(message: Message, scope: Scope) -> None:
    if message["type"] != "http.response.start":
        return
    request_id, correlation_id = request_ids(scope)
    state = scope["state"]
    headers = MutableScopeHeaders.from_message(message)
    headers["X-Request-ID"] = request_id
    headers["X-Correlation-ID"] = correlation_id
    started = state.get("started")
    log.info(
        "request",
        request_id=request_id,
        correlation_id=correlation_id,
        method=scope.get("method"),
        path=scope.get("path"),
        status=message["status"],
        ms=round((time.perf_counter() - started) * 1000, 1) if started else None,
    )

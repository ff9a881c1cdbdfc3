"""The commonest writes answered without Litestar's handler layer, when they can be decided on the event loop.

Opening a case and recording a step are most of what the municipal systems send. When such a command can run on
the event loop (`Commands.open_case_soon` / `record_step_soon`: all it reads is in memory), Litestar's handler
layer around it — the kwargs model, the signature, the response objects — cost about as much as the command's
own request parsing and domain work. This middleware, attached to those two handlers only, sits inside Litestar's
routing, authentication, request context, CORS and exception handling, and answers the request itself when the
command went through on the loop. Anything else goes to the handler as before, which finds the body already read
(Litestar keeps it in the scope): an Idempotency-Key, a body that does not parse, a command the loop cannot
decide. So every refusal and every error is still the handler's, and the two answers are the same bytes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import HTTPException, SerializationException
from litestar.types import ASGIApp, Receive, Scope, Send

from api.access import Principal
from api.commands import WriteResult
from api.errors import ApplicationError, WriteOutcomeUnknown
from api.routes.common import write_headers
from api.schemas import WriteResponse
from api.services import Services
from domain.errors import DomainError

Attempt = Callable[[Services, Request[Principal, Any, Any], Any], Awaitable[WriteResult | None]]
"""Parse the body and run the command on the loop: its result, or None where the loop cannot decide it."""

# Raised before anything is saved, with the body read and kept: the handler raises them again and answers.
HANDLED_BY_THE_HANDLER = (HTTPException, SerializationException, DomainError, ApplicationError)
_ENCODER = msgspec.json.Encoder()


def on_the_loop(attempt: Attempt, location: Callable[[WriteResult], str | None]) -> Callable[[ASGIApp], ASGIApp]:
    """A handler middleware answering `attempt`'s result as the handler's `write_response` would."""

    def middleware(app: ASGIApp) -> ASGIApp:
        async def handle(scope: Scope, receive: Receive, send: Send) -> None:
            request: Request[Principal, Any, Any] = Request(scope, receive)
            services: Services = request.app.state.services
            result = None
            if services.store.saves_soon and "idempotency-key" not in request.headers:
                await request.body()  # one refused while read (too large) cannot be read again: refused here
                try:
                    result = await attempt(services, request, await request.json())
                except WriteOutcomeUnknown:
                    raise  # the handler must not run the command again: it may have been recorded
                except HANDLED_BY_THE_HANDLER:
                    result = None
            if result is None:
                await app(scope, receive, send)
                return
            body = _ENCODER.encode(WriteResponse(result.id, result.version, result.position))
            named = write_headers(result, location(result))
            headers = [(name.lower().encode(), value.encode()) for name, value in named.items()]
            headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 201, "headers": headers})
            await send({"type": "http.response.body", "body": body, "more_body": False})

        return handle

    return middleware

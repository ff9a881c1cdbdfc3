"""What every request's parameters are held to before they reach SQL: bounded integers, text without NUL.

An integer past 2^63 - 1 overflows SQLite's INTEGER and PostgreSQL's BIGINT (a 500 from the driver), so every
integer parameter declares a maximum, and Litestar refuses a larger one with 400 before the handler runs. The
maximum is 2^53 - 1, the largest integer every JSON client reads exactly (JavaScript's Number.MAX_SAFE_INTEGER):
far past any offset, position or version the store reaches, and exact in the OpenAPI document, where Litestar
writes a bound as a float (2^63 - 1 would read 2^63 there).
A NUL character cannot be stored in PostgreSQL text, nor compared with it, so `refuse_nul` answers 400 for a NUL
in any query parameter or path segment of the API, once, before any route sees it.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import parse_qsl

from litestar.enums import ScopeType
from litestar.exceptions import ValidationException
from litestar.params import QueryParameter
from litestar.types import ASGIApp, Receive, Scope, Send

MAX_INTEGER = 2**53 - 1

Offset = Annotated[int, QueryParameter(ge=0, le=MAX_INTEGER, description="Rows to skip (after sorting)")]


def refuse_nul(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == ScopeType.HTTP:
            _check(scope)
        await app(scope, receive, send)

    return middleware


def _check(scope: Scope) -> None:
    query: bytes = scope["query_string"]
    if b"%00" in query or b"\x00" in query:  # the only ways a query string can spell a NUL
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
        named = sorted({name.replace("\x00", "\\0") for name, value in pairs if "\x00" in name + value})
        raise ValidationException(
            "query parameters may not contain NUL characters",
            extra=[{"key": name, "message": "may not contain NUL characters"} for name in named],
        )
    if "\x00" in scope["path"]:
        raise ValidationException("the path may not contain NUL characters")

"""The HTTP/1.1 protocol `ipps serve` runs: uvicorn's httptools protocol with a bound on a request's head.

httptools (llhttp) has no limit on the request line and headers: a client could make the server buffer a
header of any size. h11 has one (`h11_max_incomplete_event_size`), but answers 400 in plain text and parses in
pure Python (measured here: ~70 us for a command's request against httptools' ~6.5). So the bound is kept
here, in the parser's callbacks, at the cost of one sum over a request's headers (~1 us): past MAX_HEAD_BYTES
the request is answered 431 as a problem document and the connection closed. A head still incomplete past
the bound is refused as soon as a read brings it there, so what one connection holds stays within the bound
and one read (uvicorn's `HIGH_WATER_LIMIT` does the same for bodies); the rest of that read is parsed but
starts no request. The size counted is what the request line and header lines take on the wire (the target,
each `name: value` with its line end), optional whitespace aside.
"""

from __future__ import annotations

import asyncio

import msgspec
import structlog
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from api.problems import PROBLEM_JSON, Problem

MAX_HEAD_BYTES = 16 * 1024
log = structlog.get_logger("ipps.api")
_LINE_OVERHEAD = len(": \r\n")
_REQUEST_LINE_OVERHEAD = len("  HTTP/1.1\r\n\r\n")

_REFUSAL = msgspec.json.encode(
    Problem(
        type="/problems/request-header-fields-too-large",
        title="Request header fields too large",
        status=431,
        detail=f"the request line and headers are larger than {MAX_HEAD_BYTES // 1024} KiB",
    )
)
_REFUSAL_RESPONSE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
    + f"content-type: {PROBLEM_JSON}\r\ncontent-length: {len(_REFUSAL)}\r\nconnection: close\r\n\r\n".encode()
    + _REFUSAL
)


class BoundedHeadProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._in_head = True  # the bytes read now belong to a request line or headers
        self._head_read = 0
        self._refused = False

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_read += len(data)
        super().data_received(data)
        if self._in_head and self._head_read > MAX_HEAD_BYTES:
            self._refuse(self._head_read)

    def on_headers_complete(self) -> None:
        self._in_head = False
        if self._refused:
            return
        size = len(self.url) + _REQUEST_LINE_OVERHEAD + sum(len(n) + len(v) + _LINE_OVERHEAD for n, v in self.headers)
        if size > MAX_HEAD_BYTES:
            self._refuse(size)
            return
        super().on_headers_complete()

    # What the parser still finds in a read that brought a refused head goes nowhere: no request was started.
    def on_body(self, body: bytes) -> None:
        if not self._refused:
            super().on_body(body)

    def on_message_complete(self) -> None:
        self._in_head, self._head_read = True, 0
        if not self._refused:
            super().on_message_complete()

    def _refuse(self, size: int) -> None:
        if self._refused:
            return
        self._refused = True
        log.warning("request_head_too_large", bytes=size, limit=MAX_HEAD_BYTES)
        self.transport.write(_REFUSAL_RESPONSE)
        self.transport.close()

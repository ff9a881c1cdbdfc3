"""What every write handler does with the request: who, when, which request, which version."""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

import msgspec
from litestar import Request
from litestar.di import Provide
from litestar.exceptions import ClientException, SerializationException
from litestar.openapi.spec import OpenAPIHeader, OpenAPIResponse, OpenAPIType, Operation, Parameter, Schema
from litestar.params import JSONBody
from litestar.types import Receive, Scope, Send

from api.access import Principal
from api.commands import Idempotency, WriteResult
from api.errors import ApplicationError
from api.parameters import MAX_INTEGER
from api.problems import problems, write_answers
from api.schemas import WriteResponse
from domain.errors import DomainError, FieldError, InvalidPayload
from domain.lifecycle import field_errors, fields_of, parse_payload
from domain.provenance import Provenance

S = TypeVar("S", bound=msgspec.Struct)
_ENCODER = msgspec.json.Encoder()

MAX_IF_MATCH_LENGTH = 64
MAX_IDEMPOTENCY_KEY_LENGTH = 255


def _header(name: str, max_length: int, description: str) -> Parameter:
    # Checked by if_match() and idempotency(), which name the header when they refuse one.
    nullable = [Schema(type=OpenAPIType.STRING), Schema(type=OpenAPIType.NULL)]
    schema = Schema(one_of=nullable, max_length=max_length, description=description)
    return Parameter(name=name, param_in="header", schema=schema, required=False, description=description)


IF_MATCH = _header("If-Match", MAX_IF_MATCH_LENGTH, 'The version ETag read, e.g. "3" (a version is at most 2^53 - 1)')
IDEMPOTENCY_KEY = _header(
    "Idempotency-Key",
    MAX_IDEMPOTENCY_KEY_LENGTH,
    "Same key and body: the first answer again, no new event. Same key, other body: 422.",
)


def _answer_header(description: str) -> OpenAPIHeader:
    return OpenAPIHeader(schema=Schema(type=OpenAPIType.STRING), description=description)


_ANSWER_HEADERS = {
    "ETag": _answer_header('The version the record is at now, e.g. "3": send it back as If-Match'),
    "Idempotent-Replayed": _answer_header("`true` when this is the first answer to the same Idempotency-Key, again"),
}
_LOCATION = {"Location": _answer_header("Where the record written is read")}


def write_route(
    body: type[msgspec.Struct] | None,
    *headers: Parameter,
    status: int = 201,
    located: bool = False,
    refusals: tuple[int, ...] = (),
) -> dict[str, Any]:
    """What a write's route declares: its answer (`write_response`'s, with `status`) and the problems beside
    those of every write (`refusals`), the request headers its handler reads from `request.headers` itself
    (declared as handler parameters, they would have Litestar parse every header of every request), the headers
    of its answer (`located`: it names a Location), and the `body` its handler reads with `json_body`."""
    answer_headers = {**_ANSWER_HEADERS, **(_LOCATION if located else {})}

    @dataclass
    class WriteOperation(Operation):
        def __post_init__(self) -> None:
            self.parameters = [*(self.parameters or []), *headers]
            for code, response in (self.responses or {}).items():
                if code.startswith("2") and isinstance(response, OpenAPIResponse):
                    response.headers = {**(response.headers or {}), **answer_headers}

    return {
        "status_code": status,
        "responses": {**write_answers(status), **problems(*refusals)},
        "operation_class": WriteOperation,
        **({"dependencies": {"documented_body": documented_body(body)}} if body else {}),
    }


_VERSION = re.compile(r'^\s*(?:W/)?"?(\d{1,19})"?\s*$')  # digits enough for any version, not for int()'s limit


def split_envelope(kind: type[S], raw: dict[str, Any]) -> tuple[S, dict[str, Any]]:
    """The envelope fields of `kind` parsed, and the rest of the body (the payload) as it came."""
    names = set(fields_of(kind))
    envelope = parse_payload(kind, {k: v for k, v in raw.items() if k in names})
    return envelope, {k: v for k, v in raw.items() if k not in names}


def payload_errors(raw: dict[str, Any], kind: type[S], rest_kind: type[msgspec.Struct] | None) -> list[FieldError]:
    """Every field error of an envelope and its payload, found in one pass."""
    names = set(fields_of(kind))
    errors = [
        e for e in field_errors(kind, {k: v for k, v in raw.items() if k in names}) if e.message != "unknown field"
    ]
    if rest_kind is not None:
        errors += field_errors(rest_kind, {k: v for k, v in raw.items() if k not in names})
    return errors


def parse_envelope(
    raw: dict[str, Any], kind: type[S], payload_kind: Callable[[], type[msgspec.Struct] | None]
) -> tuple[S, dict[str, Any]]:
    """Split a body into its envelope and payload; a faulty envelope is reported with the payload's faults."""
    try:
        return split_envelope(kind, raw)
    except InvalidPayload:
        rest_kind = None
        with contextlib.suppress(DomainError, ApplicationError):
            rest_kind = payload_kind()
        errors = payload_errors(raw, kind, rest_kind)
        raise InvalidPayload("; ".join(f"{e.field}: {e.message}" for e in errors), errors[0].field, errors) from None


MAX_DEPTH = 32


def json_object(data: Any) -> dict[str, Any]:
    """The body as a JSON object: no NUL characters (PostgreSQL text cannot hold them), no deep nesting."""
    if not isinstance(data, dict):
        raise InvalidPayload("the body must be a JSON object", "", [FieldError("", "the body must be a JSON object")])
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        path, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InvalidPayload(f"{path}: nested deeper than {MAX_DEPTH} levels", path)
        if isinstance(value, str) and "\x00" in value:
            raise InvalidPayload(f"{path}: text may not contain NUL characters", path)
        if isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    raise InvalidPayload("field names may not contain NUL characters", path)
                stack.append((f"{path}.{key}" if path else key, item, depth + 1))
        elif isinstance(value, list):
            stack.extend((f"{path}[{n}]", item, depth + 1) for n, item in enumerate(value))
    return data


async def json_body(request: Request[Principal, Any, Any]) -> dict[str, Any]:
    """The body, decoded once, as a JSON object (see `json_object`); malformed JSON is the 400 Litestar gives."""
    try:
        data = await request.json()
    except SerializationException as exc:
        raise ClientException(str(exc)) from exc
    return json_object(data)


def documented_body(kind: type[S]) -> Provide:
    """A dependency no handler asks for, whose `data` documents the body of a route that reads it with
    `json_body` (Litestar documents a route's body from its handler's `data`, else from its dependencies')."""

    def body(data: Any) -> None:
        raise AssertionError("documentation only: never resolved")

    body.__annotations__ = {"data": cast(Any, JSONBody)[kind], "return": None}  # evaluated: `kind` is no global
    return Provide(body, sync_to_thread=False)


def provenance(request: Request[Principal, Any, Any], effective_at: datetime | None = None) -> Provenance:
    state = request.scope.get("state", {})
    return Provenance(
        actor=request.user.actor,
        now=datetime.now(UTC),
        effective_at=effective_at,
        correlation_id=state.get("correlation_id", ""),
        causation_id=request.headers.get("idempotency-key") or state.get("request_id", ""),
    )


def idempotency(request: Request[Principal, Any, Any], body: Any) -> Idempotency | None:
    key = request.headers.get("idempotency-key")
    if not key:
        return None
    if len(key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise InvalidPayload(f"Idempotency-Key: at most {MAX_IDEMPOTENCY_KEY_LENGTH} characters", "Idempotency-Key")
    canonical = msgspec.json.encode(body, order="sorted")
    digest = hashlib.sha256(f"{request.method} {request.url.path}\n".encode() + canonical).hexdigest()
    return Idempotency(key, digest)


def if_match(value: str | None) -> int | None:
    if value is None or value.strip() == "*":
        return None
    match = _VERSION.match(value) if len(value) <= MAX_IF_MATCH_LENGTH else None
    if match is None or int(match.group(1)) > MAX_INTEGER:
        shown = value if len(value) <= MAX_IF_MATCH_LENGTH else f"{value[:20]}… ({len(value)} characters)"
        raise ApplicationError(f'If-Match must be a version ETag such as "3", not {shown!r}', field="If-Match")
    return int(match.group(1))


@dataclass(frozen=True)
class WriteAnswer:
    """A write's answer, as an ASGI app: what a handler returns as one Litestar sends as it is, with no response
    object to build (routes document it with `write_route`)."""

    status: int
    body: bytes
    headers: list[tuple[bytes, bytes]]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body, "more_body": False})


def write_response(result: WriteResult, location: str | None = None, status: int = 201) -> WriteAnswer:
    """201 (or `status`) with the new version and global position; a replayed Idempotency-Key gets the same
    answer again."""
    body = _ENCODER.encode(WriteResponse(result.id, result.version, result.position))
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"etag", f'"{result.version}"'.encode()),
    ]
    if location:
        headers.append((b"location", location.encode()))
    if result.replayed:
        headers.append((b"idempotent-replayed", b"true"))
    return WriteAnswer(status, body, headers)

"""RFC 9457 problem details: one shape for every error, documented on every route."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
import psycopg
import structlog
from eventsourcing.persistence import OperationalError
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from psycopg_pool import PoolTimeout

from api.context import request_ids
from api.errors import ApplicationError, StoreBusy
from api.schemas import WriteResponse
from domain.errors import (
    DomainError,
    FeeNotAllowed,
    InvalidEffectiveTime,
    InvalidPayload,
    RuleBroken,
    StepNotAllowed,
    UnknownCode,
)

PROBLEM_JSON = "application/problem+json"
log = structlog.get_logger("ipps.api")


class FieldProblem(msgspec.Struct):
    field: str
    message: str


class Problem(msgspec.Struct, omit_defaults=True):
    type: str
    title: str
    status: int
    detail: str = ""
    instance: str = ""
    errors: list[FieldProblem] | None = None
    allowed_steps: list[str] | None = None
    current_version: int | None = None
    record_id: str | None = None  # outcome-unknown: the record the write was to change or create …
    record_version: int | None = None  # … and the version it is at if the write was recorded
    known: list[str] | None = None
    request_id: str | None = None


# Domain refusals: (status, title, slug)
DOMAIN_STATUS: dict[type[DomainError], tuple[int, str, str]] = {
    InvalidPayload: (400, "Invalid fields", "invalid-fields"),
    UnknownCode: (422, "Unknown code", "unknown-code"),
    StepNotAllowed: (409, "Step not allowed in the case's current state", "step-not-allowed"),
    InvalidEffectiveTime: (422, "Invalid effective time", "invalid-effective-time"),
    FeeNotAllowed: (422, "This service is free of charge", "fee-not-allowed"),
    RuleBroken: (409, "A rule of the standard refuses this", "rule-broken"),
}

HTTP_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    413: "Request body too large",
    428: "Precondition required",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
    504: "Gateway timeout",
}


def problem_response(
    request: Request[Any, Any, Any], problem: Problem, headers: dict[str, str] | None = None
) -> Response[Problem]:
    problem.instance = problem.instance or request.url.path
    problem.request_id = request_ids(request.scope)[0]
    return Response(problem, status_code=problem.status, media_type=PROBLEM_JSON, headers=headers)


def _type(slug: str) -> str:
    return f"/problems/{slug}"


def domain_problem(request: Request[Any, Any, Any], exc: DomainError) -> Response[Problem]:
    status, title, slug = next(
        (spec for kind, spec in DOMAIN_STATUS.items() if isinstance(exc, kind)), (422, "Refused", "refused")
    )
    problem = Problem(type=_type(slug), title=title, status=status, detail=exc.detail)
    if isinstance(exc, InvalidPayload):
        problem.errors = [FieldProblem(e.field, e.message) for e in exc.errors]
    if isinstance(exc, StepNotAllowed):
        problem.allowed_steps = list(exc.allowed)
    if isinstance(exc, UnknownCode):
        problem.known = list(exc.known)
    return problem_response(request, problem)


def application_problem(request: Request[Any, Any, Any], exc: ApplicationError) -> Response[Problem]:
    problem = Problem(type=_type(exc.slug), title=exc.title, status=exc.status, detail=exc.detail)
    if "current_version" in exc.extra:
        problem.current_version = exc.extra["current_version"]
    if "record_id" in exc.extra:
        problem.record_id, problem.record_version = exc.extra["record_id"], exc.extra["record_version"]
    if "field" in exc.extra:
        problem.errors = [FieldProblem(exc.extra["field"], exc.detail)]
    if "errors" in exc.extra:
        problem.errors = [FieldProblem(field, message) for field, message in exc.extra["errors"]]
    headers = {"Retry-After": "1"} if exc.status == 503 else None
    return problem_response(request, problem, headers)


def http_problem(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Problem]:
    status = exc.status_code
    title = HTTP_TITLES.get(status, "Error")
    problem = Problem(type=_type(title.lower().replace(" ", "-")), title=title, status=status, detail=exc.detail)
    if isinstance(exc, ValidationException) and isinstance(exc.extra, list):
        wire = _wire_names(request)
        problem.errors = [_field_problem(e, wire) for e in exc.extra if isinstance(e, dict)]
    if status == 413:
        problem.detail = "the request body is larger than 1 MiB"
    headers = dict(exc.headers or {})  # Litestar's own, e.g. the `Allow` of a 405
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return problem_response(request, problem, headers or None)


def store_busy_problem(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    log.warning("store_busy", path=request.url.path, error=repr(exc))
    return application_problem(request, StoreBusy())


def undecodable_body_problem(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    detail = "the body is not valid UTF-8" if isinstance(exc, UnicodeDecodeError) else "the JSON is nested too deeply"
    return problem_response(request, Problem(type=_type("bad-request"), title="Bad request", status=400, detail=detail))


def _field_problem(error: dict[str, Any], wire: dict[str, str]) -> FieldProblem:
    key = str(error.get("key", ""))
    if key == "data":  # Litestar's name for the body
        return FieldProblem("", "the body must be a JSON object")
    return FieldProblem(wire.get(key, key), str(error.get("message", "")))


def _wire_names(request: Request[Any, Any, Any]) -> dict[str, str]:
    """A handler's parameter names to the names they have in the request, where they differ (`from` is a
    Python keyword): Litestar names a parameter it refuses by the handler's name."""
    handler = request.scope.get("route_handler")
    parameters = getattr(getattr(handler, "parsed_fn_signature", None), "parameters", {})
    return {
        name: alias
        for name, parameter in parameters.items()
        if (alias := getattr(parameter.kwarg_definition, "name", None)) and alias != name
    }


def unexpected_problem(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    log.exception("unhandled_error", path=request.url.path)
    return problem_response(
        request,
        Problem(
            type=_type("internal"),
            title="Internal server error",
            status=500,
            detail="an unexpected error occurred; it has been logged with this request id",
        ),
    )


EXCEPTION_HANDLERS: dict[type[Exception], Callable[..., Response[Problem]]] = {
    DomainError: domain_problem,
    ApplicationError: application_problem,
    HTTPException: http_problem,
    UnicodeDecodeError: undecodable_body_problem,
    RecursionError: undecodable_body_problem,
    OperationalError: store_busy_problem,
    psycopg.OperationalError: store_busy_problem,
    PoolTimeout: store_busy_problem,
    Exception: unexpected_problem,
}

_DESCRIPTIONS = {
    400: "Malformed JSON; missing, mistyped or out-of-range fields or parameters; a NUL character in a parameter"
    " (each named in `errors`)",
    401: "No API key, or an unknown or revoked one",
    403: "The key's role or institution does not allow this",
    404: "No such record (or one outside the key's institution)",
    409: "The case's current state does not allow the step (`allowed_steps` lists what does), a rule of the"
    " standard across steps or cases refuses it, or too many writers changed the record at once; retry",
    412: "`If-Match` names a version that is no longer current",
    413: "The request body is larger than 1 MiB",
    428: "A whole-record replacement needs `If-Match` with the version read, so that no change is overwritten",
    422: "Unknown service type or step, effective time out of range, or an Idempotency-Key reused for another request",
    503: "The read model has not reached `min_position` in time, or the store is busy or unreachable: known not"
    " to have changed anything; retry",
    504: "`outcome-unknown`: the store did not confirm the write, which may have been recorded. Retry with the"
    " same `Idempotency-Key`, or read `record_id` (at `record_version` if it was recorded) before writing again",
}


def problems(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries for the problem responses a route can give (401 and 403 are added for secured routes)."""
    return {
        status: ResponseSpec(data_container=Problem, media_type=PROBLEM_JSON, description=_DESCRIPTIONS[status])
        for status in statuses
    }


READ = problems(400, 401, 403, 503)
_WRITTEN = {201: "Document created, URL follows", 200: "Request fulfilled, document follows"}


def write_answers(status: int = 201) -> dict[int, ResponseSpec]:
    """A write's answer (documented here: handlers send it as an ASGI app, api/routes/common.py) and its problems."""
    answer = ResponseSpec(data_container=WriteResponse, description=_WRITTEN[status], generate_examples=False)
    return {status: answer, **problems(400, 401, 403, 404, 409, 413, 422, 503, 504)}  # 409: too many writers too

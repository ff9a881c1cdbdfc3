"""Service cases: open, read (now or as it was), record a step, and the full history."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, cast
from uuid import UUID

from litestar import Request, Response, get, post
from litestar.params import FromPath, QueryParameter
from litestar.types import ASGIApp

from api.access import Permission, Principal
from api.commands import CaseOpening, StepRecording, WriteResult
from api.errors import ApplicationError, NotFound
from api.event_rendering import RenderedHistory, read_history
from api.parameters import MAX_INTEGER
from api.presenters import local
from api.problems import READ, problems
from api.routes.common import (
    IDEMPOTENCY_KEY,
    IF_MATCH,
    idempotency,
    if_match,
    json_body,
    parse_envelope,
    provenance,
    split_envelope,
    write_response,
    write_route,
)
from api.schemas import (
    CaseOut,
    CodeLabel,
    HistoryOut,
    OpenCaseRequest,
    RecordedStepOut,
    RecordStepRequest,
)
from api.services import Services
from domain.case import CLOSED, ServiceCase
from domain.catalogue import service_type
from domain.errors import InvalidPayload
from domain.labels import Label

STATUS_LABELS = {"open": Label("办理中", "Open"), CLOSED: Label("已办结", "Closed")}


def case_out(case: ServiceCase) -> CaseOut:
    kind = case.kind
    steps = []
    for n, (code, payload) in enumerate(case.recorded, start=2):
        step = kind.step(code)
        steps.append(RecordedStepOut(n, code, step.clause, step.name, case.step_times[n - 2], payload))
    return CaseOut(
        id=case.id,
        version=case.version,
        service_type=CodeLabel(kind.code, kind.name, kind.clause),
        institution_id=case.institution_id,
        client_id=case.client_id,
        status=CodeLabel(case.status, STATUS_LABELS[case.status]),
        opened_at=local(case.opened_at) or case.opened_at,
        closed_at=local(case.closed_at),
        intake=case.intake,
        steps=steps,
        allowed_next_steps=[
            CodeLabel(code, kind.step(code).name, kind.step(code).clause) for code in case.allowed_next_steps()
        ],
    )


def _case_location(result: WriteResult) -> str:
    return f"/v1/cases/{result.id}"


def _opening(request: Request[Principal, Any, Any], body: dict[str, Any]) -> CaseOpening:
    envelope, intake = parse_envelope(body, OpenCaseRequest, lambda: service_type(str(body.get("service_type"))).intake)
    return CaseOpening(
        request.user,
        envelope.service_type,
        envelope.institution_id,
        envelope.client_id,
        intake,
        provenance(request, envelope.effective_at),
        idempotency(request, body),
    )


@post(
    "/v1/cases",
    tags=["cases"],
    summary="Open a case",
    opt={"permission": Permission.WRITE_CASES},
    **write_route(OpenCaseRequest, IDEMPOTENCY_KEY, located=True),
)
async def open_case(request: Request[Principal, Any, Any]) -> ASGIApp:
    services: Services = request.app.state.services
    result = await services.commands.open_case(_opening(request, await json_body(request)))
    return write_response(result, _case_location(result))


@get(
    "/v1/cases/{case_id:uuid}",
    tags=["cases"],
    summary="A case now, or as it was at a version or a time",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404)},
)
async def get_case(
    request: Request[Principal, Any, Any],
    case_id: FromPath[UUID],
    version: Annotated[
        int | None, QueryParameter(ge=1, le=MAX_INTEGER, description="The state right after this version")
    ] = None,
    as_of: Annotated[
        datetime | None, QueryParameter(description="The state as recorded at this time (RFC 3339)")
    ] = None,
) -> Response[CaseOut]:
    services: Services = request.app.state.services
    if as_of is not None:
        version = await services.call(_version_at, services, request.user, case_id, as_of)
    case = await services.call(services.commands.load_case, request.user, case_id, version)
    if version is not None and case.version != version:
        raise NotFound(f"case {case_id} has no version {version}; it is at version {case.version}")
    return Response(case_out(case), headers={"ETag": f'"{case.version}"'})


def _version_at(services: Services, who: Principal, case_id: UUID, as_of: datetime) -> int:
    services.commands.load_case(who, case_id)  # 404 first, whatever the time
    if as_of.tzinfo is None:
        raise ApplicationError("as_of must carry a time-zone offset, e.g. 2026-01-05T09:00:00+08:00", field="as_of")
    history = services.store.history(case_id)
    versions = [e.event.originator_version for e in history if e.event.timestamp <= as_of]
    if not versions:
        raise NotFound(f"case {case_id} did not exist yet at {as_of.isoformat()}")
    return max(versions)


def _stepping(
    request: Request[Principal, Any, Any],
    case_id: UUID,
    body: dict[str, Any],
    parsed: tuple[RecordStepRequest, dict[str, Any]],
) -> StepRecording:
    envelope, payload = parsed
    return StepRecording(
        request.user,
        case_id,
        envelope.step,
        payload,
        provenance(request, envelope.effective_at),
        if_match(request.headers.get("if-match")),
        idempotency(request, body),
    )


@post(
    "/v1/cases/{case_id:uuid}/steps",
    tags=["cases"],
    summary="Record a step",
    opt={"permission": Permission.WRITE_CASES},
    **write_route(RecordStepRequest, IF_MATCH, IDEMPOTENCY_KEY, refusals=(409, 412)),
)
async def record_step(request: Request[Principal, Any, Any], case_id: FromPath[UUID]) -> ASGIApp:
    services: Services = request.app.state.services
    body = await json_body(request)
    asked = _stepping(request, case_id, body, await _parse_step(services, request.user, case_id, body))
    return write_response(await services.commands.record_step(asked))


@get(
    "/v1/cases/{case_id:uuid}/history",
    tags=["cases"],
    summary="Every event of the case, with its metadata",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404)},
)
async def case_history(request: Request[Principal, Any, Any], case_id: FromPath[UUID]) -> Response[HistoryOut]:
    services: Services = request.app.state.services
    await services.call(services.commands.load_case, request.user, case_id)
    events = await services.call(read_history, services.store, services.histories, case_id)
    # The same JSON as HistoryOut, with each event's part encoded once and kept (events never change).
    return cast("Response[HistoryOut]", Response(RenderedHistory(case_id, len(events), events)))


async def _parse_step(
    services: Services, who: Principal, case_id: UUID, body: dict[str, Any]
) -> tuple[RecordStepRequest, dict[str, Any]]:
    try:
        return split_envelope(RecordStepRequest, body)
    except InvalidPayload:
        case = await services.call(services.commands.load_case, who, case_id)
        return parse_envelope(body, RecordStepRequest, lambda: case.kind.step(str(body.get("step"))).payload)

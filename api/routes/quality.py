"""Evaluation and improvement (clause 7): evaluations of a case, their return visits, corrective actions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, Response, get, post
from litestar.params import FromPath, QueryParameter
from litestar.types import ASGIApp

from api.access import Permission, Principal
from api.errors import Forbidden, NotFound
from api.parameters import Offset
from api.presenters import local, local_text
from api.problems import READ, problems
from api.quality_commands import QualityCommands
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
from api.routes.reads import MinPosition, caught_up
from api.schemas import AwareDatetime, CodeLabel, WhenRequest
from api.services import Services
from domain.corrective_action import CORRECTIVE_ACTION, ActionProblem
from domain.errors import InvalidPayload
from domain.evaluation import INDICATOR_LABELS, SCALE_LABELS, EvaluationFollowUp, EvaluationForm, Indicator
from domain.labels import Label
from projections import corrective_actions
from projections.corrective_actions import ActionFilter


class ScoreOut(msgspec.Struct):
    indicator: CodeLabel
    score: int
    level: Label


class EvaluationOut(msgspec.Struct):
    id: UUID
    respondent: str
    channel: str
    scores: list[ScoreOut]
    comment: str | None
    low: bool
    evaluated_at: datetime
    follow_ups: list[dict[str, Any]]


class ActionStepRequest(msgspec.Struct, kw_only=True):
    """Plus the step's fields: measures_planned (measures, plan, owner, due), implemented (done, on),
    effect_reviewed (effective, findings), closed (summary), dismissed (reason)."""

    step: str
    effective_at: AwareDatetime | None = None


class ActionOut(msgspec.Struct):
    id: UUID
    version: int
    institution_id: UUID
    status: CodeLabel
    problem: dict[str, Any]
    opened_at: datetime
    closed_at: datetime | None
    steps: list[dict[str, Any]]
    allowed_next_steps: list[CodeLabel]


class ActionListItem(msgspec.Struct):
    id: UUID
    institution_id: UUID
    problem: str
    proposed_by_evaluation: bool
    status: CodeLabel
    overdue: bool
    due: date | None
    last_step: str | None
    effective: bool | None
    opened_at: datetime
    closed_at: datetime | None


ACTION_STATUS = {"open": Label("整改中", "Open"), "closed": Label("已完成", "Closed")}


def _quality(services: Services) -> QualityCommands:
    return QualityCommands(services.commands)


@post(
    "/v1/cases/{case_id:uuid}/evaluations",
    tags=["evaluation"],
    summary="Record an evaluation of the case by a person served (7.1); a low score proposes a corrective action",
    opt={"permission": Permission.EVALUATE},
    **write_route(EvaluationForm, IDEMPOTENCY_KEY, located=True, refusals=(409,)),
)
async def evaluate_case(
    request: Request[Principal, Any, Any],
    case_id: FromPath[UUID],
) -> ASGIApp:
    services: Services = request.app.state.services
    body = await json_body(request)
    idem = idempotency(request, body)
    when, body = split_envelope(WhenRequest, body)
    effective_at = when.effective_at
    result = await _quality(services).evaluate(
        request.user,
        case_id,
        body,
        provenance(request, effective_at),
        idem,
    )
    return write_response(result, _evaluation_location(case_id, result.id))


@get(
    "/v1/cases/{case_id:uuid}/evaluations",
    tags=["evaluation"],
    summary="The case's evaluations",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404)},
)
async def case_evaluations(request: Request[Principal, Any, Any], case_id: FromPath[UUID]) -> list[EvaluationOut]:
    services: Services = request.app.state.services
    case = await services.call(services.commands.load_case, request.user, case_id)
    return [_evaluation_out(evaluation_id, e) for evaluation_id, e in case.evaluations.items()]


@get(
    "/v1/cases/{case_id:uuid}/evaluations/{evaluation_id:uuid}",
    tags=["evaluation"],
    summary="One evaluation of the case, with its return visits",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404)},
)
async def case_evaluation(
    request: Request[Principal, Any, Any], case_id: FromPath[UUID], evaluation_id: FromPath[UUID]
) -> EvaluationOut:
    services: Services = request.app.state.services
    case = await services.call(services.commands.load_case, request.user, case_id)
    found = case.evaluations.get(evaluation_id)
    if found is None:
        raise NotFound(f"case {case_id} has no evaluation {evaluation_id}")
    return _evaluation_out(evaluation_id, found)


def _evaluation_out(evaluation_id: UUID, e: dict[str, Any]) -> EvaluationOut:
    return EvaluationOut(
        id=evaluation_id,
        respondent=e["respondent"],
        channel=e["channel"],
        scores=[
            ScoreOut(CodeLabel(i.value, INDICATOR_LABELS[i]), e[i.value], SCALE_LABELS[e[i.value]]) for i in Indicator
        ],
        comment=e.get("comment"),
        low=e["low"],
        evaluated_at=local(e["at"]) or e["at"],
        follow_ups=[{**f, "at": local(f["at"])} for f in e["follow_ups"]],
    )


def _evaluation_location(case_id: UUID, evaluation_id: UUID) -> str:
    return f"/v1/cases/{case_id}/evaluations/{evaluation_id}"


@post(
    "/v1/cases/{case_id:uuid}/evaluations/{evaluation_id:uuid}/follow-ups",
    tags=["evaluation"],
    summary="The return visit after a low evaluation (7.1)",
    opt={"permission": Permission.EVALUATE},
    **write_route(EvaluationFollowUp, IDEMPOTENCY_KEY, located=True, refusals=(409,)),
)
async def follow_up_evaluation(
    request: Request[Principal, Any, Any],
    case_id: FromPath[UUID],
    evaluation_id: FromPath[UUID],
) -> ASGIApp:
    services: Services = request.app.state.services
    body = await json_body(request)
    idem = idempotency(request, body)
    when, body = split_envelope(WhenRequest, body)
    effective_at = when.effective_at
    result = await _quality(services).follow_up_evaluation(
        request.user,
        case_id,
        evaluation_id,
        body,
        provenance(request, effective_at),
        idem,
    )
    return write_response(result, _evaluation_location(case_id, result.id))


@post(
    "/v1/corrective-actions",
    tags=["improvement"],
    summary="Open a corrective action (7.2)",
    opt={"permission": Permission.MANAGE_CORRECTIVE_ACTIONS},
    **write_route(ActionProblem, IDEMPOTENCY_KEY, located=True),
)
async def open_action(request: Request[Principal, Any, Any]) -> ASGIApp:
    services: Services = request.app.state.services
    body = await json_body(request)
    idem = idempotency(request, body)
    when, body = split_envelope(WhenRequest, body)
    effective_at = when.effective_at
    result = await _quality(services).open_action(
        request.user,
        body,
        provenance(request, effective_at),
        idem,
    )
    return write_response(result, f"/v1/corrective-actions/{result.id}")


@get(
    "/v1/corrective-actions/{action_id:uuid}",
    tags=["improvement"],
    summary="A corrective action",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(404)},
)
async def get_action(request: Request[Principal, Any, Any], action_id: FromPath[UUID]) -> Response[ActionOut]:
    services: Services = request.app.state.services
    action = await services.call(_quality(services).load_action, request.user, action_id)
    out = ActionOut(
        id=action.id,
        version=action.version,
        institution_id=action.institution_id,
        status=CodeLabel(action.status, ACTION_STATUS[action.status]),
        problem=action.problem,
        opened_at=local(action.opened_at) or action.opened_at,
        closed_at=local(action.closed_at),
        steps=[
            {"code": c, "name": CORRECTIVE_ACTION.step(c).name, "at": local(t), **p}
            for (c, p), t in zip(action.recorded, action.step_times, strict=True)
        ],
        allowed_next_steps=[CodeLabel(c, CORRECTIVE_ACTION.step(c).name, "7.2") for c in action.allowed_next_steps()],
    )
    return Response(out, headers={"ETag": f'"{action.version}"'})


@post(
    "/v1/corrective-actions/{action_id:uuid}/steps",
    tags=["improvement"],
    summary="Record a step of a corrective action: measures planned, implemented, effect reviewed, closed",
    opt={"permission": Permission.MANAGE_CORRECTIVE_ACTIONS},
    **write_route(ActionStepRequest, IF_MATCH, IDEMPOTENCY_KEY, refusals=(409, 412)),
)
async def record_action_step(
    request: Request[Principal, Any, Any],
    action_id: FromPath[UUID],
) -> ASGIApp:
    services: Services = request.app.state.services
    body = await json_body(request)
    try:
        envelope, payload = split_envelope(ActionStepRequest, body)
    except InvalidPayload:
        envelope, payload = parse_envelope(
            body, ActionStepRequest, lambda: CORRECTIVE_ACTION.step(str(body.get("step"))).payload
        )
    result = await _quality(services).record_action_step(
        request.user,
        action_id,
        envelope.step,
        payload,
        provenance(request, envelope.effective_at),
        if_match(request.headers.get("if-match")),
        idempotency(request, body),
    )
    return write_response(result)


@get(
    "/v1/corrective-actions",
    tags=["improvement"],
    summary="Corrective actions: open, overdue, closed (7.2)",
    opt={"permission": Permission.READ_CASES},
    responses={**READ, **problems(503)},
)
async def list_actions(
    request: Request[Principal, Any, Any],
    status: Annotated[ActionFilter | None, QueryParameter(description="open, overdue or closed")] = None,
    institution_id: Annotated[UUID | None, QueryParameter()] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    offset: Offset = 0,
    min_position: MinPosition = 0,
) -> list[ActionListItem]:
    services: Services = request.app.state.services
    who = request.user
    await caught_up(services, "corrective_actions", min_position)
    today = datetime.now(UTC).date()
    if institution_id is not None and not who.sees(institution_id):
        raise Forbidden("this key sees only its own institution's corrective actions")
    scope = who.institution_id or institution_id
    rows = await services.call(corrective_actions.actions, services.store.db, status, today, scope, limit, offset)
    return [
        ActionListItem(
            id=UUID(r["action_id"]),
            institution_id=UUID(r["institution_id"]),
            problem=r["problem"],
            proposed_by_evaluation=bool(r["proposed_by_evaluation"]),
            status=CodeLabel(r["status"], ACTION_STATUS[r["status"]]),
            overdue=r["status"] == "open" and r["due"] is not None and r["due"] < today.isoformat(),
            due=date.fromisoformat(r["due"]) if r["due"] else None,
            last_step=r["last_step"],
            effective=None if r["effective"] is None else bool(r["effective"]),
            opened_at=local_text(r["opened_at"]) or datetime.fromisoformat(r["opened_at"]),
            closed_at=local_text(r["closed_at"]),
        )
        for r in rows
    ]

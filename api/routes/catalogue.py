"""The service catalogue (4.2) in the city's priority order (5.1.1); the order is event-sourced data."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

import msgspec
from litestar import Request, Response, get, put
from litestar.params import JSONBody
from litestar.types import ASGIApp

from api.access import Permission, Principal
from api.event_rendering import render_all
from api.presenters import local
from api.problems import READ
from api.quality_commands import QualityCommands
from api.routes.common import (
    IDEMPOTENCY_KEY,
    IF_MATCH,
    idempotency,
    if_match,
    json_object,
    provenance,
    write_response,
    write_route,
)
from api.schemas import ActorOut, EventOut, ServiceTypeOut, StepOut
from api.services import Services
from domain.catalogue import SERVICE_TYPES
from domain.catalogue_priority import PRIORITY_ID, CataloguePriority, current_order
from domain.errors import InvalidPayload


@cache
def service_type_out(code: str, priority: int) -> ServiceTypeOut:
    kind = SERVICE_TYPES[code]
    return ServiceTypeOut(
        code=kind.code,
        clause=kind.clause,
        name=kind.name,
        priority=priority,
        intake_schema=msgspec.json.schema(kind.intake),
        steps=[
            StepOut(
                code=step.code,
                clause=step.clause,
                name=step.name,
                follows=sorted(step.follows),
                repeatable=step.repeatable,
                closes=step.closes,
                payload_schema=msgspec.json.schema(step.payload),
            )
            for step in kind.steps
        ],
    )


class PriorityRequest(msgspec.Struct):
    order: list[str]


class PriorityOut(msgspec.Struct):
    order: list[str]
    version: int
    changed_at: datetime | None
    changed_by: ActorOut | None
    history: list[EventOut]


def _priority(services: Services) -> CataloguePriority | None:
    return services.store.get(PRIORITY_ID, CataloguePriority)


@get(
    "/v1/catalogue",
    tags=["catalogue"],
    summary="Service types in the city's priority order",
    opt={"permission": Permission.READ_CATALOGUE},
    responses=READ,
)
async def catalogue(request: Request[Principal, Any, Any]) -> list[ServiceTypeOut]:
    services: Services = request.app.state.services
    order = current_order(await services.call(_priority, services))
    return [service_type_out(code, n) for n, code in enumerate(order, start=1)]


@get(
    "/v1/catalogue/priority",
    tags=["catalogue"],
    summary="The priority order, who set it and when, and its history",
    opt={"permission": Permission.READ_CATALOGUE},
    responses=READ,
)
async def get_priority(request: Request[Principal, Any, Any]) -> Response[PriorityOut]:
    services: Services = request.app.state.services
    priority = await services.call(_priority, services)
    history = await services.call(services.store.raw_history, PRIORITY_ID) if priority else []
    actor = priority.changed_by if priority else None
    out = PriorityOut(
        order=current_order(priority),
        version=priority.version if priority else 0,
        changed_at=local(priority.changed_at) if priority else None,
        changed_by=ActorOut(actor.principal_id, actor.role, actor.institution_id) if actor else None,
        history=render_all(history),
    )
    return Response(out, headers={"ETag": f'"{out.version}"'})


@put(
    "/v1/catalogue/priority",
    tags=["catalogue"],
    summary="Change the priority order (every type, once each)",
    opt={"permission": Permission.MANAGE_CATALOGUE},
    **write_route(None, IF_MATCH, IDEMPOTENCY_KEY, located=True, refusals=(412,)),
)
async def set_priority(
    request: Request[Principal, Any, Any],
    data: JSONBody[PriorityRequest],
) -> ASGIApp:
    services: Services = request.app.state.services
    body = json_object(msgspec.to_builtins(data))
    if set(body) != {"order"}:
        raise InvalidPayload("only `order` may be given")
    result = await QualityCommands(services.commands).set_priority(
        request.user,
        data.order,
        provenance(request),
        if_match(request.headers.get("if-match")),
        idempotency(request, body),
    )
    return write_response(result, "/v1/catalogue/priority")

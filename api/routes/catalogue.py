"""GET /v1/catalogue: the service catalogue (4.2) in the city's priority order (5.1.1)."""

from __future__ import annotations

import msgspec
from litestar import get

from api.access import Permission
from api.problems import READ
from api.schemas import ServiceTypeOut, StepOut
from domain.catalogue import in_priority_order
from domain.lifecycle import ServiceType


def service_type_out(kind: ServiceType, priority: int) -> ServiceTypeOut:
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


@get(
    "/v1/catalogue",
    tags=["catalogue"],
    summary="Service types in priority order",
    opt={"permission": Permission.READ_CATALOGUE},
    responses=READ,
)
async def catalogue() -> list[ServiceTypeOut]:
    return [service_type_out(kind, n) for n, kind in enumerate(in_priority_order(), start=1)]

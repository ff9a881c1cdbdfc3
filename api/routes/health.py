"""Liveness and readiness (no key needed)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.openapi.datastructures import ResponseSpec

from api.routes.projections import projection_statuses
from api.schemas import HealthOut, ReadyOut
from api.services import Services
from infra.calendar import horizon_warning


@get("/health", exclude_from_auth=True, tags=["health"], summary="Liveness")
async def health() -> HealthOut:
    return HealthOut(status="ok")


@get(
    "/ready",
    exclude_from_auth=True,
    tags=["health"],
    summary="Readiness: store reachable, every read model running (its runner, in any process, cycling) and not stale",
    responses={
        503: ResponseSpec(
            data_container=ReadyOut,
            description="Not ready: the store is unreachable, or a read model has stopped, has no runner cycling it,"
            " or is stale (see /v1/projections)",
        )
    },
)
async def ready(request: Request[Any, Any, Any]) -> Response[ReadyOut]:
    services: Services = request.app.state.services
    try:
        store_ok = await services.call(services.store.ping)
        statuses = await services.call(projection_statuses, services)
    except Exception:  # an unreachable store is exactly what readiness reports
        return Response(ReadyOut(status="unavailable", store=False, projections={}), status_code=503)
    projections = {s.name: s.state for s in statuses}
    ok = store_ok and all(s.running and not s.stale for s in statuses)
    warning = horizon_warning()
    return Response(
        ReadyOut(
            status="ready" if ok else "not ready",
            store=store_ok,
            projections=projections,
            warnings=[warning] if warning else [],
        ),
        status_code=200 if ok else 503,
    )

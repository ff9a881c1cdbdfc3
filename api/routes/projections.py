"""GET /v1/projections: each read model's position, how far behind the log it is, and its error if stopped."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
from litestar import Request, get

from api.access import Permission, Principal
from api.problems import READ
from api.services import Services


class ProjectionOut(msgspec.Struct):
    name: str
    position: int
    head: int
    events_behind: int
    seconds_behind: float
    running: bool
    error: str | None
    error_position: int | None


def projection_statuses(services: Services) -> list[ProjectionOut]:
    head = services.store.max_position()
    now = datetime.now(UTC)
    alive = services.runner_thread is None or services.runner_thread.alive
    out = []
    for status in services.runner.status():
        behind = max(head - status.position, 0)
        seconds = 0.0
        if behind:
            waiting = services.store.notifications(status.position, 1)
            if waiting:
                first = services.store.app.mapper.to_domain_event(waiting[0])
                seconds = max((now - first.timestamp).total_seconds(), 0.0)  # type: ignore[attr-defined]
        out.append(
            ProjectionOut(
                name=status.name,
                position=status.position,
                head=head,
                events_behind=behind,
                seconds_behind=round(seconds, 3),
                running=alive and status.error is None,
                error=status.error,
                error_position=status.error_position,
            )
        )
    return out


@get(
    "/v1/projections",
    tags=["projections"],
    summary="Read models: position, lag and errors",
    opt={"permission": Permission.READ_LEDGERS},
    responses=READ,
)
async def projections(request: Request[Principal, Any, Any]) -> list[ProjectionOut]:
    services: Services = request.app.state.services
    return await services.call(projection_statuses, services)

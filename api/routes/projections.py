"""GET /v1/projections: each read model's position, how far behind the log it is, and its error if stopped."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Request, get

from api.access import Permission, Principal
from api.problems import READ
from api.services import Services
from projections.runner import HEARTBEAT_SECONDS, LAG_LIMIT_SECONDS, STALE_AFTER_SECONDS


class ProjectionOut(msgspec.Struct):
    name: str
    position: int
    head: int
    events_behind: int
    seconds_behind: float
    running: Annotated[
        bool,
        msgspec.Meta(
            description=f"No error, and a runner (in this process or another) has cycled it within"
            f" {STALE_AFTER_SECONDS:.0f} s; runners beat every {HEARTBEAT_SECONDS:.0f} s"
        ),
    ]
    stale: Annotated[
        bool, msgspec.Meta(description=f"The oldest event it has yet to apply is over {LAG_LIMIT_SECONDS:.0f} s old")
    ]
    heartbeat_at: Annotated[str | None, msgspec.Meta(description="When a runner last cycled it (UTC); null: never")]
    state: Annotated[str, msgspec.Meta(description="running, or why not: stopped, not running, stale")]
    error: str | None
    error_position: int | None


def projection_statuses(services: Services) -> list[ProjectionOut]:
    alive = services.runner_thread is None or services.runner_thread.alive
    return [
        ProjectionOut(
            name=h.status.name,
            position=h.status.position,
            head=h.head,
            events_behind=h.events_behind,
            seconds_behind=h.seconds_behind,
            running=h.running,
            stale=h.stale,
            heartbeat_at=h.status.heartbeat_at,
            state=h.state,
            error=h.status.error,
            error_position=h.status.error_position,
        )
        for h in services.runner.health(runner_alive=alive)
    ]


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

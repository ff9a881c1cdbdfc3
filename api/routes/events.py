"""GET /v1/events: the global event feed, in commit order, for integrating systems."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get
from litestar.params import QueryParameter

from api.access import Permission, Principal
from api.event_rendering import render_all
from api.parameters import MAX_INTEGER
from api.problems import READ
from api.schemas import FeedOut
from api.services import Services


@get(
    "/v1/events",
    tags=["events"],
    summary="The global event feed",
    opt={"permission": Permission.READ_EVENT_FEED},
    responses=READ,
)
async def event_feed(
    request: Request[Principal, Any, Any],
    after: Annotated[int, QueryParameter(ge=0, le=MAX_INTEGER, description="Events after this global position")] = 0,
    limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
) -> FeedOut:
    services: Services = request.app.state.services
    events = await services.call(services.store.raw_feed, after, limit)
    head = await services.call(services.store.max_position)
    return FeedOut(
        events=render_all(events),
        next_after=events[-1].position if events else after,
        head=head,
    )

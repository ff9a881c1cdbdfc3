"""Reads of projections: `min_position` waits, bounded, until the read model has caught up."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from litestar.params import QueryParameter

from api.errors import ApplicationError, NotReady
from api.parameters import MAX_INTEGER
from api.services import Services

MAX_WAIT_SECONDS = 5.0

MinPosition = Annotated[
    int,
    QueryParameter(
        ge=0,
        le=MAX_INTEGER,
        description="Wait (at most 5 s) until the read model has applied the event at this global position "
        "(the `position` a write returned); 503 if it has not by then, 400 if no event has that position yet. "
        "0 (the default): answer at once.",
    ),
]


async def caught_up(services: Services, projection: str, min_position: int) -> int:
    """The projection's position, once it is at least `min_position` (polled without holding a thread)."""
    deadline = time.monotonic() + MAX_WAIT_SECONDS
    position = await services.call(services.runner.position, projection)
    if position >= min_position:
        return position
    # Every position a write answered is in the log by then: one past its end was never answered, and waiting
    # for it would hold the request for nothing.
    head = await services.call(services.store.max_position)
    if min_position > head:
        raise ApplicationError(
            f"min_position: no event has position {min_position}; the log ends at {head}", field="min_position"
        )
    while True:
        if time.monotonic() >= deadline:
            raise NotReady(f"the {projection} read model has not reached position {min_position} yet")
        await asyncio.sleep(0.02)
        position = await services.call(services.runner.position, projection)
        if position >= min_position:
            return position

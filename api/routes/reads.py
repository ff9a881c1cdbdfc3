"""Reads of projections: `min_position` waits, bounded, until the read model has caught up."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

from litestar.params import QueryParameter

from api.errors import NotReady
from api.services import Services

MAX_WAIT_SECONDS = 5.0

MinPosition = Annotated[
    int | None,
    QueryParameter(
        ge=0,
        description="Wait (at most 5 s) until the read model has applied the event at this global position "
        "(the `position` a write returned); 503 if it has not by then.",
    ),
]


async def caught_up(services: Services, projection: str, min_position: int | None) -> int:
    """The projection's position, once it is at least `min_position` (polled without holding a thread)."""
    deadline = time.monotonic() + MAX_WAIT_SECONDS
    while True:
        position = await services.call(services.runner.position, projection)
        if min_position is None or position >= min_position:
            return position
        if time.monotonic() >= deadline:
            raise NotReady(f"the {projection} read model has not reached position {min_position} yet")
        await asyncio.sleep(0.02)

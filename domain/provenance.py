"""Who did a thing, when it happened in the world, and which request caused it.

Every event carries these besides what eventsourcing gives (id, version, recorded-at timestamp).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.errors import InvalidEffectiveTime

# Clocks of the client and the server disagree a little; a step stamped this far ahead is still "now".
CLOCK_SKEW = timedelta(minutes=2)


class Role(StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    STAFF = "staff"
    INTEGRATION = "integration"
    VIEWER = "viewer"


@dataclass(frozen=True)
class Actor:
    principal_id: str
    role: str
    institution_id: UUID | None = None


@dataclass(frozen=True)
class Provenance:
    """What a command brings along for its events' metadata."""

    actor: Actor
    now: datetime
    effective_at: datetime | None = None
    correlation_id: str = ""
    causation_id: str = ""

    def stamp(self, clause: str, not_before: datetime | None = None) -> dict[str, Any]:
        """The metadata fields every event carries, for this command."""
        return {
            "clause": clause,
            "actor": self.actor,
            "effective_at": self.effective(not_before),
            "correlation_id": self.correlation_id,
            "causation_id": self.causation_id,
        }

    def effective(self, not_before: datetime | None = None) -> datetime:
        """The world time of the event: defaults to now, never in the future, never before `not_before`."""
        if self.effective_at is None:
            # "Now", but never before what the case already holds: a concurrent writer may have committed
            # a step stamped a moment after this command's clock was read.
            return max(self.now, not_before) if not_before is not None else self.now
        when = self.effective_at
        if when.tzinfo is None:
            raise InvalidEffectiveTime("effective_at must carry a time-zone offset")
        if when > self.now + CLOCK_SKEW:
            raise InvalidEffectiveTime(f"effective_at {when.isoformat()} is in the future")
        if not_before is not None and when < not_before:
            raise InvalidEffectiveTime(
                f"effective_at {when.isoformat()} is before the case was opened or its previous step"
                f" ({not_before.isoformat()})"
            )
        return when

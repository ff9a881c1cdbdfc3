"""The metadata every event of ours carries, as a base for the aggregates' event classes."""

from __future__ import annotations

from datetime import datetime

from eventsourcing.domain import Aggregate

from domain.provenance import Actor


class Recorded(Aggregate.Event):
    """Besides id, version and recorded-at: the clause, who, when in the world, and which request."""

    clause: str
    actor: Actor
    effective_at: datetime
    correlation_id: str
    causation_id: str


class Created(Aggregate.Created):
    clause: str
    actor: Actor
    effective_at: datetime
    correlation_id: str
    causation_id: str

"""The city's priority order of the catalogue (5.1.1), event-sourced: who changed it and when is kept."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain import events
from domain.catalogue import DEFAULT_PRIORITY, SERVICE_TYPES
from domain.errors import FieldError, InvalidPayload
from domain.provenance import Provenance

PRIORITY_CLAUSE = "5.1.1"
PRIORITY_ID = uuid5(NAMESPACE_URL, "urn:ipps:catalogue-priority")


def check_order(order: Sequence[str]) -> list[str]:
    """An order must name every service type of the catalogue exactly once."""
    errors = [
        FieldError(f"order[{n}]", f"unknown service type {code!r}")
        for n, code in enumerate(order)
        if code not in SERVICE_TYPES
    ]
    seen: set[str] = set()
    for n, code in enumerate(order):
        if code in seen:
            errors.append(FieldError(f"order[{n}]", f"{code!r} is listed twice"))
        seen.add(code)
    missing = sorted(set(SERVICE_TYPES) - seen)
    if missing:
        errors.append(FieldError("order", f"every service type must be listed; missing: {', '.join(missing)}"))
    if errors:
        raise InvalidPayload("; ".join(f"{e.field}: {e.message}" for e in errors), errors[0].field, errors)
    return list(order)


class CataloguePriority(Aggregate):
    class Set(events.Created):
        order: list[str]

    class Changed(events.Recorded):
        order: list[str]

    @staticmethod
    def create_id(**_: Any) -> UUID:
        return PRIORITY_ID

    @event(Set)
    def __init__(
        self,
        order: list[str],
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.order = order
        self.changed_at = effective_at
        self.changed_by = actor

    @classmethod
    def first(cls, order: Sequence[str], meta: Provenance) -> CataloguePriority:
        return cls(order=check_order(order), **meta.stamp(PRIORITY_CLAUSE))

    def change(self, order: Sequence[str], meta: Provenance) -> None:
        self._changed(order=check_order(order), **meta.stamp(PRIORITY_CLAUSE))

    @event(Changed)
    def _changed(
        self,
        order: list[str],
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.order = order
        self.changed_at = effective_at
        self.changed_by = actor


def current_order(priority: CataloguePriority | None) -> list[str]:
    """The order in force: the last one set, with types added since then at the end; else the default."""
    order = list(priority.order) if priority is not None else list(DEFAULT_PRIORITY)
    return [c for c in order if c in SERVICE_TYPES] + sorted(set(SERVICE_TYPES) - set(order))

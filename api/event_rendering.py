"""Events on the wire, rendered straight from their stored JSON, and a cache of rendered case histories.

A history read never rebuilds domain objects: the stored fields are the event's own, so the wire form is
the stored JSON re-arranged (metadata lifted out, times in Asia/Shanghai, the step's label looked up).
Events never change once stored, so a rendered event is kept and a history read again only renders
what was added since (`HistoryCache`).
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

import msgspec

from api.presenters import SHANGHAI
from api.schemas import ActorOut, EventOut
from domain.catalogue import service_type
from domain.errors import DomainError
from domain.labels import Label
from infra.store import RawEvent, Store

AGGREGATE_NAMES = {"ServiceCase": "case"}
"""Aggregate types on the wire: snake case of the class name, but for these."""

_encoder = msgspec.json.Encoder(decimal_format="string")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def snake(name: str) -> str:
    return _CAMEL.sub("_", name).lower()


def _local(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(SHANGHAI)


def _step_name(aggregate_class: str, fields: dict[str, Any], step: str | None) -> Label | None:
    if step is None or aggregate_class != "ServiceCase":
        return None
    with contextlib.suppress(DomainError, KeyError, TypeError):
        return service_type(str(fields["service_type"])).step(step).name
    return None


def render(raw: RawEvent) -> EventOut:
    """The wire form of one stored event: its metadata as fields, everything else under `data`."""
    fields = raw.fields
    aggregate_class, _, event_class = raw.topic.partition(":")[2].partition(".")
    recorded_at = _local(fields.pop("timestamp"))
    effective_at = _local(fields.pop("effective_at"))
    actor = fields.pop("actor")
    clause = fields.pop("clause")
    correlation_id = fields.pop("correlation_id")
    causation_id = fields.pop("causation_id")
    fields.pop("originator_topic", None)
    step = fields.pop("step", None)
    return EventOut(
        position=raw.position,
        aggregate_id=raw.aggregate_id,
        aggregate_type=AGGREGATE_NAMES.get(aggregate_class) or snake(aggregate_class),
        version=raw.version,
        event=snake(event_class),
        clause=clause,
        actor=ActorOut(actor["principal_id"], actor["role"], actor["institution_id"]),
        recorded_at=recorded_at,
        effective_at=effective_at,
        correlation_id=correlation_id,
        causation_id=causation_id,
        step=step,
        step_name=_step_name(aggregate_class, fields, step),
        data=fields,
    )


def render_all(events: Iterable[RawEvent]) -> list[EventOut]:
    return [render(event) for event in events]


def encoded(events: Iterable[RawEvent]) -> list[msgspec.Raw]:
    """Each event's wire JSON, ready to be spliced into a response."""
    return [msgspec.Raw(_encoder.encode(render(event))) for event in events]


class HistoryCache:
    """Rendered histories of recently read aggregates, least recently read dropped first past the budget.

    Thread-safe: reads run in worker threads. Only an extension of what is cached is stored, so two
    readers racing to extend the same history cannot leave it with a gap or a duplicate.
    """

    def __init__(self, budget_bytes: int = 32 * 1024 * 1024) -> None:
        self.budget_bytes = budget_bytes
        self._histories: OrderedDict[UUID, tuple[tuple[msgspec.Raw, ...], int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, aggregate_id: UUID) -> tuple[msgspec.Raw, ...]:
        with self._lock:
            cached = self._histories.get(aggregate_id)
            if cached is None:
                return ()
            self._histories.move_to_end(aggregate_id)
            return cached[0]

    def extend(self, aggregate_id: UUID, known: int, added: list[msgspec.Raw]) -> None:
        """Append `added` to a history that held `known` events when it was read (else do nothing)."""
        if not added:
            return
        size = sum(len(event) for event in added)
        with self._lock:
            events, held = self._histories.get(aggregate_id, ((), 0))
            if len(events) != known:
                return
            self._histories[aggregate_id] = ((*events, *added), held + size)
            self._histories.move_to_end(aggregate_id)
            self._bytes += size
            while self._bytes > self.budget_bytes and self._histories:
                _, (_, dropped) = self._histories.popitem(last=False)
                self._bytes -= dropped

    @property
    def size_bytes(self) -> int:
        return self._bytes


class RenderedHistory(msgspec.Struct):
    """`HistoryOut` on the wire, its events already encoded (same JSON, documented as `HistoryOut`)."""

    case_id: UUID
    version: int
    events: tuple[msgspec.Raw, ...]


def read_history(store: Store, cache: HistoryCache, aggregate_id: UUID) -> tuple[msgspec.Raw, ...]:
    """Every event of the aggregate, rendered: the cached part as it was, the rest read and rendered now."""
    known = cache.get(aggregate_id)
    added = encoded(store.raw_history(aggregate_id, after_version=len(known)))
    cache.extend(aggregate_id, len(known), added)
    return (*known, *added)

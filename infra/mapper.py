"""A msgspec mapper for eventsourcing: events are stored as compact JSON and decoded back typed.

Registered through eventsourcing's `MAPPER_TOPIC`. Topics are the events' module paths
(`domain.case:ServiceCase.StepRecorded`): moving an event class needs `register_topic` for the old one.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import DomainEvent, DomainEventProtocol
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent
from eventsourcing.utils import get_topic, resolve_topic

_encoder = msgspec.json.Encoder(decimal_format="string")
_decoder = msgspec.json.Decoder()
_POSITION_FIELDS = ("originator_id", "originator_version")


@dataclasses.dataclass(frozen=True)
class _Mirror:
    """A typed decoder for one event class: a msgspec struct with the event's stored fields, whose values
    are moved onto a bare instance. Twice as fast as decoding to a dict and converting it (which re-reads
    the dataclass's annotations on every call), for the same object."""

    decoder: msgspec.json.Decoder[Any]

    def decode(self, cls: type[Any], state: bytes, originator_id: UUID | str, originator_version: int) -> Any:
        if not isinstance(originator_id, UUID):
            raise TypeError(f"{cls} was stored with a non-UUID originator_id: {originator_id!r}")
        event = object.__new__(cls)
        fields = event.__dict__
        fields.update(msgspec.structs.asdict(self.decoder.decode(state)))
        fields["originator_id"] = originator_id
        fields["originator_version"] = originator_version
        return event


_mirrors: dict[type[Any], _Mirror | None] = {}


def _mirror_of(cls: type[Any]) -> _Mirror | None:
    """The class's mirror, or None where building an instance needs more than its fields (a __post_init__
    beyond DomainEvent's, no instance __dict__, annotations that do not resolve): those are converted."""
    if cls in _mirrors:
        return _mirrors[cls]
    mirror = None
    post_init = getattr(cls, "__post_init__", None)
    simple = post_init is None or post_init is DomainEvent.__post_init__  # which only checks the id's type
    if dataclasses.is_dataclass(cls) and simple and hasattr(object.__new__(cls), "__dict__"):
        try:
            hints = typing.get_type_hints(cls)
            spec: list[Any] = []
            for field in dataclasses.fields(cls):
                if field.name in _POSITION_FIELDS:
                    continue
                if field.default is not dataclasses.MISSING:
                    spec.append((field.name, hints[field.name], field.default))
                elif field.default_factory is not dataclasses.MISSING:
                    spec.append((field.name, hints[field.name], msgspec.field(default_factory=field.default_factory)))
                else:
                    spec.append((field.name, hints[field.name]))
            struct = msgspec.defstruct(f"{cls.__qualname__}Stored", spec, kw_only=True)
            mirror = _Mirror(msgspec.json.Decoder(struct))
        except (NameError, TypeError, KeyError):
            mirror = None
    _mirrors[cls] = mirror
    return mirror


def fields_of_stored(mapper: Mapper[UUID], state: bytes) -> dict[str, Any]:
    """A stored event's fields as plain JSON values (decrypted and decompressed as the mapper was set up)."""
    if mapper.cipher:
        state = mapper.cipher.decrypt(state)
    if mapper.compressor:
        state = mapper.compressor.decompress(state)
    fields: dict[str, Any] = _decoder.decode(state)
    return fields


class MsgspecMapper(Mapper[UUID]):
    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        state = dict(vars(domain_event))
        originator_id = state.pop("originator_id")
        originator_version = state.pop("originator_version")
        stored = _encoder.encode(state)
        if self.compressor:
            stored = self.compressor.compress(stored)
        if self.cipher:
            stored = self.cipher.encrypt(stored)
        return StoredEvent(
            originator_id=originator_id,
            originator_version=originator_version,
            topic=get_topic(type(domain_event)),
            state=stored,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        try:
            cls = resolve_topic(stored_event.topic)
            mirror = _mirror_of(cls)
            if mirror is not None and not self.cipher and not self.compressor:
                decoded: DomainEventProtocol[UUID] = mirror.decode(
                    cls, stored_event.state, stored_event.originator_id, stored_event.originator_version
                )
                return decoded
            fields = fields_of_stored(self, stored_event.state)
            fields["originator_id"] = stored_event.originator_id
            fields["originator_version"] = stored_event.originator_version
            event: DomainEventProtocol[UUID] = msgspec.convert(fields, type=cls)
        except (msgspec.ValidationError, msgspec.DecodeError, ValueError, TypeError) as exc:
            raise MapperDeserialisationError(
                f"cannot decode event {stored_event.topic} of {stored_event.originator_id}"
                f" v{stored_event.originator_version}: {exc}"
            ) from exc
        return event

"""A msgspec mapper for eventsourcing: events are stored as compact JSON and decoded back typed.

Registered through eventsourcing's `MAPPER_TOPIC`. Topics are the events' module paths
(`domain.case:ServiceCase.StepRecorded`): moving an event class needs `register_topic` for the old one.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent
from eventsourcing.utils import get_topic, resolve_topic

_encoder = msgspec.json.Encoder(decimal_format="string")
_decoder = msgspec.json.Decoder()


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

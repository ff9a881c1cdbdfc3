"""Stored events decode to the same objects whichever way the mapper takes: the typed fast path for
plain event classes, or the general conversion."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import msgspec
import pytest
from eventsourcing.persistence import MapperDeserialisationError, StoredEvent

from api.demo import load_demo
from infra.mapper import MsgspecMapper, _mirror_of, fields_of_stored
from infra.store import Store


def converted(mapper: MsgspecMapper, stored: StoredEvent) -> Any:
    """The general conversion: the stored fields as a dict, converted into the class by msgspec."""
    fields = fields_of_stored(mapper, stored.state)
    fields["originator_id"] = stored.originator_id
    fields["originator_version"] = stored.originator_version
    cls = type(mapper.to_domain_event(stored))
    return msgspec.convert(fields, type=cls)


def test_every_demo_event_decodes_as_the_general_conversion_does(store: Store) -> None:
    load_demo(store, seed=11, institutions=2, clients=8, cases=40)
    mapper = store.app.mapper
    assert isinstance(mapper, MsgspecMapper)
    classes = set()
    for stored in store.notifications(0, 1_000_000):
        event = mapper.to_domain_event(stored)
        expected = converted(mapper, stored)
        assert type(event) is type(expected)
        assert vars(event) == vars(expected)
        classes.add(type(event))
    fast = {cls for cls in classes if _mirror_of(cls) is not None}
    assert len(fast) == len(classes) > 10  # every class of ours takes the fast path


def test_a_field_missing_from_an_old_event_takes_its_default_or_is_refused(store: Store) -> None:
    load_demo(store, seed=11, institutions=1, clients=2, cases=2)
    mapper = store.app.mapper
    stored = next(n for n in store.notifications(0, 1_000) if n.topic.endswith("ServiceCase.StepRecorded"))
    fields = msgspec.json.decode(stored.state)
    del fields["payload"]  # required: no default
    broken = StoredEvent(stored.originator_id, stored.originator_version, stored.topic, msgspec.json.encode(fields))
    with pytest.raises(MapperDeserialisationError, match="payload"):
        mapper.to_domain_event(broken)


def test_a_stored_event_with_a_non_uuid_id_is_refused(store: Store) -> None:
    load_demo(store, seed=11, institutions=1, clients=2, cases=2)
    stored = store.notifications(0, 1)[0]
    odd = StoredEvent(str(uuid4()), stored.originator_version, stored.topic, stored.state)
    with pytest.raises(MapperDeserialisationError, match="non-UUID"):
        store.app.mapper.to_domain_event(odd)

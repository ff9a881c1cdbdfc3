"""The event store on both databases: typed round trips, conflicts, and keys atomic with events."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import msgspec
import pytest
from eventsourcing.domain import Aggregate, DomainEvent
from eventsourcing.persistence import IntegrityError

from api.access import Principal
from api.commands import Commands, StepRecording
from domain.case import ServiceCase
from domain.parties import Client, Institution
from domain.provenance import Actor, Provenance, Role
from infra.mapper import MsgspecMapper
from infra.recorders import IdempotencyRecord
from infra.store import NEVER_CHANGING, Outcome, Store

ACTOR = Actor("key-1", "staff", uuid4())


def meta(**kw: Any) -> Provenance:
    return Provenance(actor=ACTOR, now=datetime.now(UTC), correlation_id="corr", causation_id="cause", **kw)


def new_case(store: Store) -> ServiceCase:
    case = ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta())
    store.save(case)
    return case


def test_events_round_trip_with_their_types(store: Store) -> None:
    opened_at = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    case = ServiceCase.open(
        "dispute_guidance",
        uuid4(),
        uuid4(),
        {"dispute_kind": "ownership", "ip_type": "ic_layout"},
        meta(effective_at=opened_at),
    )
    case.record_step("routes_explained", {"recommended": "arbitration"}, meta())
    store.save(case)
    (opened, step) = [p.event for p in store.history(case.id)]
    assert isinstance(opened, ServiceCase.Opened)
    assert opened.effective_at == opened_at
    assert opened.actor == ACTOR
    assert isinstance(opened.institution_id, UUID)
    assert isinstance(step, ServiceCase.StepRecorded)
    assert step.clause == "5.1.7.a"
    assert (step.correlation_id, step.causation_id) == ("corr", "cause")
    assert step.payload["recommended"] == "arbitration"
    loaded = store.get(case.id, ServiceCase)
    assert loaded is not None
    assert loaded.steps == ["routes_explained"]
    assert loaded.opened_at == opened_at


def test_mapper_keeps_decimals_exact() -> None:
    event = ServiceCase.StepRecorded(  # type: ignore[call-arg]
        originator_id=uuid4(),
        originator_version=2,
        timestamp=datetime.now(UTC),
        clause="5.1.13.c",
        actor=ACTOR,
        effective_at=datetime.now(UTC),
        correlation_id="",
        causation_id="",
        service_type="ip_finance",
        step="x",
        payload={"amount": str(Decimal("1234567.89"))},
    )
    mapper = MsgspecMapper(transcoder=None)  # type: ignore[arg-type]
    stored = mapper.to_stored_event(event)
    assert msgspec.json.decode(stored.state)["payload"]["amount"] == "1234567.89"
    assert mapper.to_domain_event(stored) == event


def test_two_writers_of_one_version_conflict(store: Store) -> None:
    case = new_case(store)
    first = store.get(case.id, ServiceCase)
    second = store.get(case.id, ServiceCase)
    assert first is not None
    assert second is not None
    first.record_step("need_collected", {"description": "甲"}, meta())
    second.record_step("need_collected", {"description": "乙"}, meta())
    store.save(first)
    with pytest.raises(IntegrityError):
        store.save(second)
    reloaded = store.get(case.id, ServiceCase)
    assert reloaded is not None
    assert reloaded.recorded[0][1]["description"] == "甲"


def test_a_taken_idempotency_key_stores_no_event(store: Store) -> None:
    case = ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta())
    store.save(case, idempotency=IdempotencyRecord("key-1", "k", "fp", str(case.id), 1))
    head = store.max_position()
    other = ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta())
    with pytest.raises(IntegrityError):
        store.save(other, idempotency=IdempotencyRecord("key-1", "k", "fp2", str(other.id), 1))
    assert store.get(other.id, ServiceCase) is None
    assert store.max_position() == head
    assert store.find_key("key-1", "k") is not None


class RacingStore(Store):
    """A real store that lets a rival writer (another process: nothing of it kept here) in just before the first
    append of a command."""

    rival: ServiceCase | None = None

    async def append(self, *aggregates: Any, idempotency: IdempotencyRecord | None = None) -> Outcome:
        if self.rival is not None:
            rival, self.rival = self.rival, None
            await self.run(Store.save, self, rival)
        return await super().append(*aggregates, idempotency=idempotency)


def test_command_retries_on_fresh_state_after_a_conflict(store: Store) -> None:
    racing = RacingStore(store.settings)
    try:
        institution = uuid4()
        case = ServiceCase.open("rights_assistance", institution, uuid4(), {"ip_type": "patent"}, meta())
        racing.save(case)
        rival = racing.get(case.id, ServiceCase)
        assert rival is not None
        rival.record_step("need_collected", {"description": "抢先"}, meta())
        racing.rival = rival
        who = Principal("key-1", Role.STAFF, institution)
        with pytest.raises(Exception, match="not allowed"):
            # The retry sees the rival's need_collected: a second one is refused, not overwritten.
            asyncio.run(
                Commands(racing).record_step(
                    StepRecording(who, case.id, "need_collected", {"description": "后到"}, meta())
                )
            )
        reloaded = racing.get(case.id, ServiceCase)
        assert reloaded is not None
        assert [p["description"] for _, p in reloaded.recorded] == ["抢先"]
    finally:
        racing.close()


def test_effective_time_is_kept_apart_from_recorded_time(store: Store) -> None:
    earlier = datetime.now(UTC) - timedelta(days=30)
    case = ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta(effective_at=earlier))
    store.save(case)
    (opened,) = [p.event for p in store.history(case.id)]
    assert opened.effective_at == earlier  # type: ignore[attr-defined]
    assert opened.timestamp > earlier + timedelta(days=29)


def test_the_kinds_kept_once_loaded_are_only_ever_registered() -> None:
    """Store keeps NEVER_CHANGING aggregates once loaded: a kind that gains any other event must leave that list."""
    for kind in NEVER_CHANGING:
        events = {
            name for name, value in vars(kind).items() if isinstance(value, type) and issubclass(value, DomainEvent)
        }
        assert events - {"Event", "Created"} == {"Registered"}, kind  # those two every aggregate class has
        assert issubclass(kind.Registered, Aggregate.Created)  # type: ignore[attr-defined]


def test_a_never_changing_aggregate_is_loaded_once(store: Store) -> None:
    client = Client.register(
        {
            "name": "青海盐湖新材料有限公司",
            "kind": "innovator",
            "innovator_kind": "enterprise",
            "enterprise_size": "small",
        },
        meta(),
    )
    store.save(client)
    first = store.get(client.id, Client)
    assert first is not None
    assert store.get(client.id, Client) is first
    assert store.get(client.id, Institution) is None  # kept, but not what was asked for
    assert store.get(uuid4(), Client) is None


def test_the_log_reads_as_eventsourcing_reads_it(store: Store) -> None:
    for _ in range(3):
        case = new_case(store)
        case.record_step("need_collected", {"description": "需求"}, meta())
        store.save(case)
    ours = store.notifications(0, 100)
    theirs = store.app.recorder.select_notifications(start=1, limit=100)
    assert len(ours) == 6
    assert ours == list(theirs)
    assert [hash(n) for n in ours] == [hash(n) for n in theirs]

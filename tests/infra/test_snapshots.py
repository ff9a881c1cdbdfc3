"""A case with a long history loads from its latest snapshot plus the events after it, with every
attribute of the same type as a full replay gives — on both stores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from domain.case import ServiceCase
from domain.provenance import Actor, Provenance
from infra.store import SNAPSHOT_EVERY, Store

ACTOR = Actor("k", "staff", uuid4())


def meta(at: datetime | None = None) -> Provenance:
    return Provenance(actor=ACTOR, now=datetime.now(UTC), effective_at=at)


def long_case(store: Store, steps: int) -> ServiceCase:
    start = datetime.now(UTC) - timedelta(days=30)
    case = ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta(start))
    store.save(case)
    case.record_step("need_collected", {"description": "需求"}, meta(start + timedelta(minutes=1)))
    for n in range(steps):
        case.record_step("guidance_given", {"kind": "evidence_collection", "content": f"第{n}次"}, meta())
        store.save(case)  # one save per step, as the API does: snapshots are taken on the way
    case.evaluate(
        {
            "respondent": "甲",
            "professional_level": 1,
            "attitude": 4,
            "content": 4,
            "quality": 4,
            "satisfaction": 3,
            "comment": "慢",
        },
        meta(),
    )
    store.save(case)
    return case


def state(case: ServiceCase) -> dict[str, Any]:
    return {k: v for k, v in vars(case).items() if k != "_pending_events"}


def test_a_long_case_loads_from_a_snapshot_with_its_types(store: Store) -> None:
    case = long_case(store, 2 * SNAPSHOT_EVERY + 5)
    snapshot = next(iter(store.app.snapshots.get(case.id, desc=True, limit=1)))  # type: ignore[union-attr]
    assert snapshot.originator_version == 2 * SNAPSHOT_EVERY
    read: list[int | None] = []
    select = store.app.events.recorder.select_events

    def spying(originator_id: UUID | str, **kwargs: Any) -> Any:
        read.append(kwargs.get("gt"))
        return select(originator_id, **kwargs)

    store.app.events.recorder.select_events = spying  # type: ignore[method-assign]
    loaded = store.get(case.id, ServiceCase)
    assert loaded is not None
    assert read == [2 * SNAPSHOT_EVERY]  # only the events after the snapshot were read
    assert state(loaded) == state(case)
    assert isinstance(loaded.opened_at, datetime)
    assert isinstance(loaded.institution_id, UUID)
    assert isinstance(loaded.recorded[0], tuple)
    evaluation = next(iter(loaded.evaluations.values()))
    assert isinstance(evaluation["at"], datetime)
    loaded.record_step("referred", {"target": "lawyer_group", "body_name": "律师团"}, meta())
    store.save(loaded)
    again = store.get(case.id, ServiceCase)
    assert again is not None
    assert again.steps[-1] == "referred"

"""The registries read model on both stores: rows match the aggregates, replay changes nothing, a rebuild
from zero equals the live tables, and training rows (6.1.3) add up on their staff member."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import msgspec

from domain.provenance import Actor, Provenance
from domain.registries import RegistryKind, RegistryRecord, kind_spec
from infra.store import Store
from projections.registries import REGISTRIES
from projections.runner import Runner

INSTITUTION = uuid4()
ACTOR = Actor("key-1", "staff", INSTITUTION)
START = datetime(2026, 1, 5, 1, 0, tzinfo=UTC)

PROFILES: dict[RegistryKind, dict[str, Any]] = {
    RegistryKind.STAFF: {
        "name": "李娜",
        "employment": "part_time",
        "education": "master",
        "background": "legal",
        "duties": "纠纷调解",
    },
    RegistryKind.EXPERTS: {"name": "赵教授", "field": "生物医药", "contact": "13800000000", "ip_types": ["patent"]},
    RegistryKind.KNOWLEDGE: {"title": "商业秘密保护指引", "category": "guide", "content": "……"},
    RegistryKind.OUTSIDE_BODIES: {"name": "青海某专利代理事务所", "body_kind": "ip_agency"},
}
TRAINING = {"kind": "capacity", "date": "2026-01-10", "hours": 2.5, "provider": "省知识产权局", "topic": "专利检索"}


def meta(at: datetime) -> Provenance:
    return Provenance(actor=ACTOR, now=datetime.now(UTC), effective_at=at)


def fill(store: Store, records: int = 12, seed: int = 7) -> list[UUID]:
    rng = random.Random(seed)
    kinds = list(RegistryKind)
    ids = []
    for n in range(records):
        kind = kinds[n % len(kinds)]
        at = START + timedelta(hours=n)
        title = kind_spec(kind).title_field
        profile = {**PROFILES[kind], title: f"{PROFILES[kind][title]}{n}"}
        city_wide = kind is not RegistryKind.STAFF and rng.random() < 0.3
        record = RegistryRecord.register(kind, None if city_wide else INSTITUTION, profile, meta(at))
        if kind is RegistryKind.STAFF:
            for hour in range(rng.randint(0, 3)):
                record.record_training({**TRAINING, "hours": 1 + hour}, meta(at + timedelta(minutes=hour + 1)))
        if rng.random() < 0.5:
            record.revise({**profile, title: f"{profile[title]}（修订）"}, meta(at + timedelta(minutes=10)))
        if rng.random() < 0.3:
            record.retire({"reason": "不再使用"}, meta(at + timedelta(minutes=20)))
        store.save(record)
        ids.append(record.id)
    return ids


def records(store: Store) -> list[dict[str, Any]]:
    return store.db.query("SELECT * FROM registries_records ORDER BY record_id")


def trainings(store: Store) -> list[dict[str, Any]]:
    return store.db.query("SELECT * FROM registries_trainings ORDER BY record_id, version")


def test_rows_match_the_records(store: Store) -> None:
    ids = fill(store)
    runner = Runner(store, projections=[REGISTRIES], batch_size=5)
    runner.catch_up()
    assert runner.position("registries") == store.max_position()
    rows = {UUID(row["record_id"]): row for row in records(store)}
    assert set(rows) == set(ids)
    for record_id, row in rows.items():
        record = store.get(record_id, RegistryRecord)
        assert record is not None
        assert row["kind"] == record.kind
        assert row["institution_id"] == (str(record.institution_id) if record.institution_id else None)
        assert row["name"] == record.title
        assert row["search"] == record.title.lower()
        assert bool(row["active"]) is record.active
        assert msgspec.json.decode(row["profile"]) == record.profile
        assert row["version"] == record.version
        assert row["training_count"] == len(record.trainings)
        assert row["training_hours"] == sum(t["hours"] for t in record.trainings)
        category = record.spec.category_field
        assert row["category"] == (record.profile[category] if category else None)


def test_training_rows_name_their_staff_member_clause_and_date(store: Store) -> None:
    fill(store, records=16, seed=3)
    Runner(store, projections=[REGISTRIES]).catch_up()
    rows = trainings(store)
    assert rows
    for row in rows:
        record = store.get(UUID(row["record_id"]), RegistryRecord)
        assert record is not None
        assert record.kind == "staff"
        [kept] = [t for t in record.trainings if t["version"] == row["version"]]
        assert (row["clause"], row["held_on"], row["hours"]) == ("6.1.3.b", kept["date"], kept["hours"])
        assert row["institution_id"] == str(INSTITUTION)


def test_a_replayed_log_changes_nothing(store: Store) -> None:
    fill(store)
    runner = Runner(store, projections=[REGISTRIES])
    runner.catch_up()
    before = (records(store), trainings(store))
    # Deliver the whole log again, as a runner that crashed before committing its position would.
    with store.db.transaction() as cur:
        for notification in store.notifications(0, 10_000):
            event = store.app.mapper.to_domain_event(notification)
            if type(event) in REGISTRIES.handlers:
                REGISTRIES.apply(cur, [(notification.id, event)], REGISTRIES.physical())
    assert (records(store), trainings(store)) == before


def test_rebuild_from_zero_equals_the_live_tables(store: Store) -> None:
    runner = Runner(store, projections=[REGISTRIES], batch_size=4)
    fill(store, seed=1)
    runner.catch_up()
    fill(store, seed=2)
    runner.catch_up()
    live = (records(store), trainings(store))
    position = runner.rebuild("registries")
    assert position == store.max_position()
    assert (records(store), trainings(store)) == live
    fill(store, records=4, seed=5)  # the rebuilt tables go on live
    runner.catch_up()
    assert len(records(store)) == 28

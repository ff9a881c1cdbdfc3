"""Every projection, on both stores, over the demo data set: a rebuild from zero equals the live tables
(row by row), and a runner killed in the middle of a batch and restarted gives the same tables."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import pytest

from api.demo import load_demo
from domain.case import ServiceCase
from domain.provenance import Actor, Provenance
from infra.store import Store
from projections.base import Change, Evolve, Projection, Rows
from projections.runner import ALL_PROJECTIONS, Runner

NAMES = [p.name for p in ALL_PROJECTIONS]


@pytest.fixture
def demo_store(store: Store) -> Store:
    load_demo(store, institutions=5, clients=30, cases=60)
    return store


def tables(store: Store, projection: Projection) -> dict[str, list[dict[str, Any]]]:
    snapshot = {}
    for table in projection.tables:
        rows = store.db.query(f"SELECT * FROM {table.name}")
        snapshot[table.name] = sorted(rows, key=lambda r: [str(v) for v in r.values()])
    return snapshot


@pytest.mark.parametrize("name", NAMES)
def test_rebuild_from_zero_equals_the_live_tables(demo_store: Store, name: str) -> None:
    runner = Runner(demo_store, batch_size=37)
    runner.catch_up()
    projection = runner.projections[name]
    live = tables(demo_store, projection)
    assert runner.rebuild(name) == demo_store.max_position()
    assert tables(demo_store, projection) == live


@pytest.mark.parametrize("name", NAMES)
def test_a_runner_killed_mid_batch_restarts_to_the_same_tables(demo_store: Store, name: str) -> None:
    reference = Runner(demo_store)
    reference.catch_up()
    projection = reference.projections[name]
    expected = tables(demo_store, projection)
    handled = [
        n.id
        for n in demo_store.notifications(0, 1_000_000)
        if type(demo_store.app.mapper.to_domain_event(n)) in projection.handlers
    ]
    if not handled:
        pytest.skip(f"the demo data set holds no event for {name}")
    crash_at = handled[len(handled) // 2]
    crashed = {"done": False}

    def dying(evolve: Evolve) -> Evolve:
        def evolving(rows: Rows, event: Any, position: int) -> Iterator[Change]:
            yield from evolve(rows, event, position)
            if position >= crash_at and not crashed["done"]:
                crashed["done"] = True
                raise KeyboardInterrupt  # the process dies mid-batch, after batches before it committed

        return evolving

    flaky = replace(projection, handlers={k: dying(h) for k, h in projection.handlers.items()})
    with demo_store.db.transaction() as cur:
        for table in projection.tables:
            cur.execute(f"DELETE FROM {table.name}")
        cur.execute("UPDATE projection_tracking SET position = 0 WHERE name = :name", {"name": name})
    runner = Runner(demo_store, projections=[flaky], batch_size=50)
    with pytest.raises(KeyboardInterrupt):
        runner.catch_up()
    assert runner.position(name) < crash_at  # nothing of the dying batch was kept
    Runner(demo_store, projections=[flaky], batch_size=50).catch_up()
    assert tables(demo_store, projection) == expected


@pytest.mark.parametrize("name", [p.name for p in ALL_PROJECTIONS])
def test_a_batch_leaves_the_rows_its_events_leave_one_at_a_time(demo_store: Store, name: str) -> None:
    batched = Runner(demo_store)
    projection = batched.projections[name]
    assert batched.rebuild(name) == demo_store.max_position()  # batches of thousands: many events per case
    folded = tables(demo_store, projection)
    events = [
        (n.id, event)
        for n in demo_store.notifications(0, 1_000_000)
        if type(event := demo_store.app.mapper.to_domain_event(n)) in projection.handlers
    ]
    with demo_store.db.transaction() as cur:
        for table in projection.tables:
            cur.execute(f"DELETE FROM {table.name}")
        for position, event in events:  # each its own batch: loaded, folded and written alone
            projection.apply(cur, [(position, event)], projection.physical())
    assert tables(demo_store, projection) == folded
    assert any(folded.values())


def test_batches_of_hundreds_of_cases_leave_the_rows_a_rebuild_leaves(store: Store) -> None:
    """Case rows are written once per batch, a statement per table: a live batch inserting 250 new cases and
    then one updating all 250 leave the rows that one rebuild batch (inserting them as they end) leaves."""
    meta = Provenance(actor=Actor("key-1", "staff", uuid4()), now=datetime.now(UTC))
    cases = []
    for _ in range(250):
        case = ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta)
        case.record_step("need_collected", {"description": "需求"}, meta)
        store.save(case)
        cases.append(case)
    runner = Runner(store, batch_size=2000)
    assert runner.catch_up() == 500 * len(ALL_PROJECTIONS)
    for n, case in enumerate(cases):
        case.record_step("guidance_given", {"kind": "evidence_collection", "content": "指导"}, meta)
        if n % 2:
            case.record_step("referred", {"target": "lawyer_group", "body_name": "青海知识产权律师团"}, meta)
            case.record_step("return_visit", {"outcome": "resolved", "satisfaction": 4}, meta)
        store.save(case)
    runner.catch_up()
    live = {p.name: tables(store, p) for p in ALL_PROJECTIONS}
    for projection in ALL_PROJECTIONS:
        runner.rebuild(projection.name)
        assert tables(store, projection) == live[projection.name], projection.name
    stats = store.db.query("SELECT COUNT(*) AS n FROM stats_cases WHERE closed_at IS NOT NULL AND version = 5")
    assert stats[0]["n"] == 125

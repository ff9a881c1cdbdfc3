"""The projection runner on both stores: exactly once, crash-safe, rebuildable, and a poison event
stops only its own projection."""

from __future__ import annotations

import gc
import random
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from domain.case import ServiceCase
from domain.provenance import Actor, Provenance
from infra.settings import Settings
from infra.store import Store
from projections.base import Change, Put, Rows
from projections.ledger import SERVICE_LEDGER
from projections.runner import ALL_PROJECTIONS, Runner, RunnerThread

ACTOR = Actor("key-1", "staff", uuid4())


def meta() -> Provenance:
    return Provenance(actor=ACTOR, now=datetime.now(UTC))


def fill(store: Store, cases: int = 12, seed: int = 7) -> None:
    rng = random.Random(seed)
    for _ in range(cases):
        case = ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta())
        case.record_step("need_collected", {"description": "需求"}, meta())
        for _ in range(rng.randint(0, 3)):
            case.record_step("guidance_given", {"kind": "evidence_collection", "content": "指导"}, meta())
        if rng.random() < 0.6:
            case.record_step("referred", {"target": "lawyer_group", "body_name": "青海知识产权律师团"}, meta())
            case.record_step("return_visit", {"outcome": "resolved", "satisfaction": 4}, meta())
        store.save(case)


def ledger(store: Store) -> list[dict[str, Any]]:
    return store.db.query("SELECT * FROM ledger_services ORDER BY case_id")


def test_ledger_rows_match_the_cases(store: Store) -> None:
    fill(store)
    runner = Runner(store, batch_size=7)
    runner.catch_up()
    assert runner.position("service_ledger") == store.max_position()
    rows = ledger(store)
    assert len(rows) == 12
    for row in rows:
        case = store.get(UUID(row["case_id"]), ServiceCase)
        assert case is not None
        assert row["status"] == case.status
        assert row["step_count"] == len(case.steps)
        assert row["last_step"] == case.steps[-1]
        assert row["version"] == case.version


def test_a_replayed_batch_changes_nothing(store: Store) -> None:
    fill(store)
    runner = Runner(store)
    runner.catch_up()
    before = ledger(store)
    events = [(n.id, store.app.mapper.to_domain_event(n)) for n in store.notifications(0, 10_000)]
    handled = [(position, event) for position, event in events if type(event) in SERVICE_LEDGER.handlers]
    # Deliver the whole log again, as a runner that crashed before committing its position would: an event
    # at a time, then all at once as one batch.
    with store.db.transaction() as cur:
        for position, event in handled:
            SERVICE_LEDGER.apply(cur, [(position, event)], SERVICE_LEDGER.physical())
    assert ledger(store) == before
    with store.db.transaction() as cur:
        SERVICE_LEDGER.apply(cur, handled, SERVICE_LEDGER.physical())
    assert ledger(store) == before


def test_a_crash_in_the_middle_of_a_batch_leaves_no_trace(store: Store) -> None:
    fill(store)
    crashes = {"left": 1}

    def crash_once(rows: Rows, event: Any, position: int) -> Iterator[Change]:
        yield from SERVICE_LEDGER.handlers[type(event)](rows, event, position)
        if position == 9 and crashes["left"]:
            crashes["left"] -= 1
            raise KeyboardInterrupt  # the process dies half-way through a batch

    flaky = replace(SERVICE_LEDGER, handlers=dict.fromkeys(SERVICE_LEDGER.handlers, crash_once))
    runner = Runner(store, projections=[flaky], batch_size=20)
    with pytest.raises(KeyboardInterrupt):
        runner.catch_up()
    assert runner.position(SERVICE_LEDGER.name) == 0
    assert ledger(store) == []
    restarted = Runner(store, projections=[flaky], batch_size=20)
    restarted.catch_up()
    live = ledger(store)
    restarted.rebuild(SERVICE_LEDGER.name)
    assert ledger(store) == live


def test_rebuild_from_zero_equals_the_live_table(store: Store) -> None:
    runner = Runner(store, batch_size=5)
    fill(store, seed=1)
    runner.catch_up()
    fill(store, seed=2)  # some live progress in between
    runner.catch_up()
    live = ledger(store)
    seen: list[tuple[int, int]] = []
    collector = gc.get_threshold()
    position = runner.rebuild("service_ledger", lambda done, total: seen.append((done, total)))
    assert gc.get_threshold() == collector  # the rebuild's collector setting does not outlive it
    assert position == store.max_position()
    assert ledger(store) == live
    assert seen[-1][0] == seen[-1][1] == position
    assert runner.position("service_ledger") == position
    fill(store, cases=3, seed=3)  # the rebuilt table goes on live
    runner.catch_up()
    assert len(ledger(store)) == 27


def test_rebuild_keeps_serving_and_catches_what_arrives_meanwhile(store: Store) -> None:
    fill(store, cases=4)
    runner = Runner(store)
    runner.catch_up()

    def progress(done: int, total: int) -> None:
        if done and not progress.__dict__.get("added"):
            progress.__dict__["added"] = True
            assert len(ledger(store)) == 4  # the old table still answers during the rebuild
            fill(store, cases=2, seed=99)  # written during the rebuild

    runner.rebuild("service_ledger", progress)
    assert len(ledger(store)) == 6
    assert runner.position("service_ledger") == store.max_position()


def test_a_poison_event_stops_only_its_projection(store: Store) -> None:
    fill(store, cases=5)
    poison_at = 8

    def poisoned(rows: Rows, event: Any, position: int) -> Iterator[Change]:
        if position == poison_at:
            raise ValueError("cannot handle this event")
        yield from SERVICE_LEDGER.handlers[type(event)](rows, event, position)

    bad = replace(SERVICE_LEDGER, handlers=dict.fromkeys(SERVICE_LEDGER.handlers, poisoned))
    others = [p for p in ALL_PROJECTIONS if p.name != SERVICE_LEDGER.name]
    runner = Runner(store, projections=[bad, *others], batch_size=50)
    runner.catch_up()
    statuses = {s.name: s for s in runner.status()}
    stopped = statuses[SERVICE_LEDGER.name]
    assert stopped.position == poison_at - 1
    assert stopped.error_position == poison_at
    assert stopped.error is not None
    assert "cannot handle this event" in stopped.error
    for other in others:
        assert statuses[other.name].position == store.max_position()
        assert statuses[other.name].error is None
    assert runner.step(SERVICE_LEDGER.name) == 0  # it stays stopped until rebuilt
    healthy = Runner(store)
    healthy.rebuild(SERVICE_LEDGER.name)
    assert {s.name: s.error for s in healthy.status()}[SERVICE_LEDGER.name] is None
    assert len(ledger(store)) == 5


def test_a_database_error_rolls_back_only_its_projection_in_the_shared_batch(store: Store) -> None:
    """The projections of a cycle share one transaction: a statement the database refuses (its error may only
    surface later, statements are pipelined) undoes the cycle, and each projection then goes alone: only
    the refused one stops, at the event at fault, and the others' rows are all there once."""
    fill(store, cases=5)
    poison_at = 8

    def refused(rows: Rows, event: Any, position: int) -> Iterator[Change]:
        for change in SERVICE_LEDGER.handlers[type(event)](rows, event, position):
            # A row the database refuses (status is NOT NULL), when the batch's rows are written.
            yield Put(change.table, {**change.row, "status": None}) if position == poison_at else change

    bad = replace(SERVICE_LEDGER, handlers=dict.fromkeys(SERVICE_LEDGER.handlers, refused))
    others = [p for p in ALL_PROJECTIONS if p.name != SERVICE_LEDGER.name]
    runner = Runner(store, projections=[bad, *others], batch_size=50)
    assert runner.cycle() == store.max_position() * len(others) + poison_at - 1
    statuses = {s.name: s for s in runner.status()}
    assert (statuses[bad.name].position, statuses[bad.name].error_position) == (poison_at - 1, poison_at)
    assert "status" in (statuses[bad.name].error or "")
    assert all(statuses[other.name].position == store.max_position() for other in others)
    assert {row["case_id"] for row in ledger(store)} == {
        str(p.event.originator_id) for p in store.feed(0, poison_at - 1)
    }


def test_processes_starting_together_create_the_tables_once(settings: Settings) -> None:
    """The API and the projection worker start at the same moment (compose.yaml): each creates the tables it
    needs if they are missing. Unserialised, PostgreSQL deadlocked them (seen starting the benchmark)."""
    barrier = threading.Barrier(4)
    failures: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            store = Store(settings)
            try:
                Runner(store)
            finally:
                store.close()
        except BaseException as exc:  # reported below, in the test's thread
            failures.append(exc)

    for _ in range(3):  # a deadlock needs an unlucky interleaving: give it several chances
        threads = [threading.Thread(target=start) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        barrier.reset()
        assert failures == []


def test_the_live_runner_follows_new_events_and_stops_at_once(store: Store) -> None:
    runner = Runner(store, poll_seconds=0.05)
    thread = RunnerThread(runner)
    thread.start()
    try:
        fill(store, cases=3)
        head = store.max_position()
        deadline = time.monotonic() + 10
        while runner.position("service_ledger") < head and time.monotonic() < deadline:
            time.sleep(0.02)
        assert runner.position("service_ledger") == head
        assert len(ledger(store)) == 3
    finally:
        stopping = time.monotonic()
        thread.stop()
    assert not thread.alive
    assert time.monotonic() - stopping < 0.9  # woken, not left to its one-second LISTEN timeout


class RecordedStop(threading.Event):
    """A stop event whose waits are written down instead of waited."""

    def __init__(self) -> None:
        super().__init__()
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout)
        return False


def test_a_paced_runner_pauses_only_after_a_cycle_short_of_a_full_batch(store: Store) -> None:
    for _ in range(7):
        store.save(ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta()))
    runner = Runner(store, batch_size=3, pace_seconds=0.5)
    stop = RecordedStop()
    runner._catch_up_paced(stop)  # 3 and 3 (a backlog: no pause), then 1 (a pause), then nothing
    assert len(stop.waits) == 1
    assert 0 < (stop.waits[0] or 0) <= 0.5
    assert all(s.position == store.max_position() for s in runner.status())
    store.save(ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta()))
    unpaced = RecordedStop()
    Runner(store, batch_size=3)._catch_up_paced(unpaced)
    assert unpaced.waits == [0.0]


def test_a_runner_of_some_projections_moves_only_their_positions(store: Store) -> None:
    fill(store, cases=3)
    everything = Runner(store)
    Runner(store, [SERVICE_LEDGER]).catch_up()
    positions = {name: everything.position(name) for name in everything.projections}
    assert positions.pop("service_ledger") == store.max_position()
    assert set(positions.values()) == {0}


def test_a_runner_goes_on_while_another_holds_its_own_tracking_rows(store: Store) -> None:
    """Two workers, each running its own projections: one's cycle must not wait for the other's."""
    if store.dialect != "postgres":
        pytest.skip("SQLite serialises every writer on the database itself")
    fill(store, cases=3)
    ledger_only = Runner(store, [SERVICE_LEDGER])
    Runner(store)  # every projection's tracking row exists
    held, release = threading.Event(), threading.Event()

    def other_runner_mid_cycle() -> None:
        with store.db.transaction() as cur:
            cur.execute("SELECT name FROM projection_tracking WHERE name <> 'service_ledger' FOR UPDATE")
            held.set()
            release.wait(30)

    consumed: list[int] = []
    other = threading.Thread(target=other_runner_mid_cycle)
    cycling = threading.Thread(target=lambda: consumed.append(ledger_only.cycle()))
    other.start()
    try:
        assert held.wait(10)
        cycling.start()
        cycling.join(10)
        assert consumed, "the ledger's cycle waited for the other runner's rows"
        assert consumed[0] > 0
    finally:
        release.set()
        other.join(30)
        if cycling.ident is not None:
            cycling.join(30)

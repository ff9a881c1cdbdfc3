"""The group-commit writer: what many concurrent commands hand it comes back to each exactly as given.

Run on both stores where the behaviour is the store's (SQLite has no group commit but must answer alike),
and on PostgreSQL's recorder directly where only a batch built by hand is sure to hold a conflict."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError, OperationalError, StoredEvent

from domain.case import ServiceCase
from domain.provenance import Actor, Provenance, Role
from infra.db import application_name
from infra.group_commit import GroupCommitRecorder, _answer, _Command
from infra.recorders import IdempotencyRecord, Unconfirmed
from infra.store import NotWritten, Outcome, Store
from tests.conftest import PG_URL, make_settings

ACTOR = Actor("officer-1", Role.STAFF, None)
# What a client may send as an Idempotency-Key and what a principal id may hold: array-literal syntax,
# the word NULL, escapes, and text beyond ASCII.
AWKWARD_KEYS = ['a"b', "back\\slash", "{brace},comma", "NULL", " padded ", "键-值", "'single'", "\\x00ff"]


def meta() -> Provenance:
    return Provenance(actor=ACTOR, now=datetime.now(UTC), correlation_id="c")


def opened() -> ServiceCase:
    return ServiceCase.open("rights_assistance", uuid4(), uuid4(), {"ip_type": "patent"}, meta())


@pytest.fixture
def postgres_store(tmp_path: Path) -> Iterator[Store]:
    for settings in make_settings("postgres", tmp_path):
        opened_store = Store(settings)
        try:
            yield opened_store
        finally:
            opened_store.close()


def test_awkward_idempotency_keys_are_stored_as_given(store: Store) -> None:
    for key in AWKWARD_KEYS:
        case = opened()
        store.save(case, idempotency=IdempotencyRecord(f"p {key}", key, f"fp {key}", str(case.id), 1))
        found = store.find_key(f"p {key}", key)
        assert found is not None, key
        assert (found.fingerprint, found.aggregate_id, found.version) == (f"fp {key}", case.id, 1)


def test_concurrent_saves_each_get_their_own_positions(store: Store) -> None:
    """Sixteen writers at once, one of them reusing another's version: the others land, each told the
    position its event really has, and only the reuser fails."""
    cases = [opened() for _ in range(16)]
    store.save(cases[0])
    first = store.get(cases[0].id, ServiceCase)
    second = store.get(cases[0].id, ServiceCase)
    assert first is not None
    assert second is not None
    first.record_step("need_collected", {"description": "甲"}, meta())
    second.record_step("need_collected", {"description": "乙"}, meta())
    store.save(first)
    barrier = threading.Barrier(16)
    told: dict[int, int] = {}
    failed: list[int] = []

    def write(i: int) -> None:
        barrier.wait()
        try:
            told[i] = store.save(second if i == 0 else cases[i])
        except IntegrityError:
            failed.append(i)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == [0]
    for i in range(1, 16):
        assert told[i] == store.position_of(cases[i].id, 1)
    assert len(set(told.values())) == 15


def test_a_conflict_in_a_batch_fails_only_its_command(postgres_store: Store) -> None:
    store = postgres_store
    recorder = store.app.recorder
    assert isinstance(recorder, GroupCommitRecorder)
    mapper = store.app.mapper
    taken = opened()
    store.save(taken)
    cases = [opened() for _ in range(3)]
    batch = [
        _Command([mapper.to_stored_event(cases[0].collect_events()[0])], None),
        _Command([StoredEvent(taken.id, 1, "x:Y", b"{}")], None),  # version 1 of `taken` is stored already
        _Command(
            [mapper.to_stored_event(cases[1].collect_events()[0])],
            IdempotencyRecord("p", "k", "fp", str(cases[1].id), 1),
        ),
        _Command([mapper.to_stored_event(cases[2].collect_events()[0])], None),
    ]
    recorder._commit(batch)
    assert isinstance(batch[1].error, IntegrityError)
    for command, case in zip([batch[0], batch[2], batch[3]], cases, strict=True):
        assert command.error is None
        assert command.ids == [store.position_of(case.id, 1)]
    assert store.find_key("p", "k") is not None
    assert store.get(taken.id, ServiceCase) is not None


def test_a_batch_tells_each_command_the_positions_of_its_own_events(postgres_store: Store) -> None:
    store = postgres_store
    recorder = store.app.recorder
    assert isinstance(recorder, GroupCommitRecorder)
    two_steps = opened()
    two_steps.record_step("need_collected", {"description": "甲"}, meta())
    cases = [opened(), two_steps, opened()]
    batch = [_Command([store.app.mapper.to_stored_event(e) for e in case.collect_events()], None) for case in cases]
    recorder._commit(batch)
    assert [command.error for command in batch] == [None, None, None]
    assert [command.ids for command in batch] == [
        [store.position_of(case.id, version) for version in range(1, len(command.events) + 1)]
        for case, command in zip(cases, batch, strict=True)
    ]
    assert len(batch[1].ids) == 2


def test_callers_on_a_live_loop_hear_back_even_when_another_caller_s_loop_is_gone() -> None:
    gone, alive = asyncio.new_event_loop(), asyncio.new_event_loop()
    try:
        abandoned = _Command([], None, loop=gone, future=gone.create_future())
        gone.close()
        waiting = _Command([], None, ids=[7], loop=alive, future=alive.create_future())
        threaded = _Command([], None)
        _answer([abandoned, waiting, threaded])  # the writer's last step for a batch
        assert waiting.future is not None
        assert alive.run_until_complete(asyncio.wait_for(waiting.future, 1)) == [7]
        assert threaded.done.acquire(timeout=0)
    finally:
        alive.close()


def test_a_caller_on_a_loop_hears_when_the_writer_does_not_answer(
    postgres_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = postgres_store.app.recorder
    assert isinstance(recorder, GroupCommitRecorder)
    monkeypatch.setattr("infra.group_commit.WAIT_SECONDS", 0.05)
    monkeypatch.setattr(recorder, "_ensure_writer", lambda: None)  # a writer stuck elsewhere: nobody answers
    case = opened()

    async def append() -> Outcome:
        return await asyncio.wait_for(postgres_store.append(case), 5)  # not told at all: a TimeoutError

    outcome = asyncio.run(append())
    assert isinstance(outcome, NotWritten)
    assert "did not take this write in time: it was not written" in outcome.reason


def test_what_became_of_a_batch_whose_connection_was_lost_is_found_out(postgres_store: Store) -> None:
    """Issue 12, item 3: the writer looks, once the backend that had the batch has ended: each command is told it
    was written (its positions), not written, or beaten to its versions, as the store really holds it."""
    store = postgres_store
    recorder = store.app.recorder
    assert isinstance(recorder, GroupCommitRecorder)
    mapper = store.app.mapper
    written, absent, beaten = opened(), opened(), opened()
    written_events = [mapper.to_stored_event(e) for e in written.collect_events()]
    store.app.recorder.insert_events(written_events)
    another = StoredEvent(beaten.id, 1, "x:Y", b"{}")  # another write took version 1 of `beaten`
    store.app.recorder.insert_events([another])
    batch = [
        _Command(written_events, None),
        _Command([mapper.to_stored_event(e) for e in absent.collect_events()], None),
        _Command([mapper.to_stored_event(e) for e in beaten.collect_events()], None),
    ]
    # The lost backend: ended already, as after pg_terminate_backend or a crash.
    with psycopg.connect(
        PG_URL, application_name=application_name("events", store.settings.db_schema or "public")
    ) as gone:
        pid = gone.info.backend_pid
    recorder._find_out(batch, pid)
    assert batch[0].error is None
    assert batch[0].ids == [store.position_of(written.id, 1)]
    assert isinstance(batch[1].error, OperationalError)
    assert "nothing was written" in str(batch[1].error)
    assert isinstance(batch[2].error, IntegrityError)


def test_a_lost_batch_whose_backend_lives_on_is_outcome_unknown(postgres_store: Store) -> None:
    """A backend that might still commit (here: one not the writer's, which the writer does not end) leaves
    the outcome unknown: the command is not told it was or was not written."""
    store = postgres_store
    recorder = store.app.recorder
    assert isinstance(recorder, GroupCommitRecorder)
    case = opened()
    command = _Command([store.app.mapper.to_stored_event(e) for e in case.collect_events()], None)
    with psycopg.connect(PG_URL, application_name="someone else") as alive:
        recorder._find_out([command], alive.info.backend_pid)
    assert isinstance(command.error, Unconfirmed)

"""The demo data set: the right counts, every kind and type, believable timelines, and repeatable."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pytest

from api.demo import DemoSummary, is_empty, load_demo
from domain.case import CLOSED, OPEN, ServiceCase
from domain.registry import Client, Institution, InstitutionKind
from infra.settings import Settings
from infra.store import Store

INSTITUTIONS, CLIENTS, CASES = 5, 20, 60


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store of its own (the shared `store` fixture also runs on PostgreSQL)."""
    opened = Store(Settings(data_dir=tmp_path / "a"))
    yield opened
    opened.close()


def load(store: Store, seed: int = 7) -> DemoSummary:
    return load_demo(store, seed=seed, institutions=INSTITUTIONS, clients=CLIENTS, cases=CASES)


def case_events(store: Store) -> dict[UUID, list[ServiceCase.Opened | ServiceCase.StepRecorded]]:
    cases: dict[UUID, list[ServiceCase.Opened | ServiceCase.StepRecorded]] = defaultdict(list)
    for positioned in store.feed(0, 100_000):
        event = positioned.event
        if isinstance(event, ServiceCase.Opened | ServiceCase.StepRecorded):
            cases[event.originator_id].append(event)
    return cases


def step_codes(store: Store) -> list[tuple[str, ...]]:
    """Each case's service type and steps, in the order the cases were saved."""
    return [
        tuple(e.service_type if isinstance(e, ServiceCase.Opened) else e.step for e in events)
        for events in case_events(store).values()
    ]


def test_counts(demo_store: Store) -> None:
    assert is_empty(demo_store)
    progress: list[tuple[int, int]] = []
    summary = load_demo(
        demo_store, seed=7, institutions=INSTITUTIONS, clients=CLIENTS, cases=CASES,
        progress=lambda done, total: progress.append((done, total)),
    )

    assert summary == DemoSummary(institutions=5, clients=20, cases=60, events=demo_store.max_position())
    assert not is_empty(demo_store)
    assert progress[-1] == (85, 85)
    events = [p.event for p in demo_store.feed(0, 100_000)]
    assert sum(isinstance(e, Institution.Registered) for e in events) == 5
    assert sum(isinstance(e, Client.Registered) for e in events) == 20
    assert sum(isinstance(e, ServiceCase.Opened) for e in events) == 60
    assert summary.events > 60 * 3  # cases go somewhere


def test_every_institution_kind_and_both_service_types(demo_store: Store) -> None:
    load(demo_store)
    events = [p.event for p in demo_store.feed(0, 100_000)]
    kinds = {e.profile["kind"] for e in events if isinstance(e, Institution.Registered)}
    assert kinds == {k.value for k in InstitutionKind}
    types = {e.service_type for e in events if isinstance(e, ServiceCase.Opened)}
    assert types == {"dispute_guidance", "rights_assistance"}
    clients = [e.profile for e in events if isinstance(e, Client.Registered)]
    assert {c["kind"] for c in clients} == {"public", "innovator"}


def test_timelines_are_believable(demo_store: Store) -> None:
    load(demo_store)
    now = datetime.now(UTC)
    registered = {
        p.event.originator_id: p.event.effective_at
        for p in demo_store.feed(0, 100_000)
        if isinstance(p.event, Client.Registered)
    }
    for case_id, events in case_events(demo_store).items():
        opened = events[0]
        assert isinstance(opened, ServiceCase.Opened)
        assert (now - opened.effective_at).days < 366
        assert registered[opened.client_id] <= opened.effective_at
        times = [e.effective_at for e in events]
        assert times == sorted(times), case_id
        assert all(opened.effective_at <= t <= now for t in times), case_id
        assert all(e.actor.institution_id == opened.institution_id for e in events)


def test_some_cases_closed_and_some_open(demo_store: Store) -> None:
    load(demo_store)
    statuses = {
        case_id: case.status
        for case_id in case_events(demo_store)
        if (case := demo_store.get(case_id, ServiceCase)) is not None
    }
    assert len(statuses) == 60
    assert set(statuses.values()) == {OPEN, CLOSED}


def test_the_same_seed_gives_the_same_data(demo_store: Store, tmp_path: Path) -> None:
    load(demo_store, seed=11)
    again = Store(Settings(data_dir=tmp_path / "b"))
    other = Store(Settings(data_dir=tmp_path / "c"))
    try:
        load(again, seed=11)
        load(other, seed=12)
        assert step_codes(again) == step_codes(demo_store)
        assert step_codes(other) != step_codes(demo_store)
    finally:
        again.close()
        other.close()

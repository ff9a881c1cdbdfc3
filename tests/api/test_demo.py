"""The demo data set: every service type, believable timelines, evaluations and the corrective actions low
ones propose, the rules across cases, the registries of clause 6, and repeatable."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import DomainEvent

from api.demo import DemoSummary, is_empty, load_demo
from api.demo.common import STEP_OF
from api.demo.services import LIVES
from domain import events as stamped
from domain.case import CLOSED, OPEN, ServiceCase
from domain.catalogue import SERVICE_TYPES
from domain.corrective_action import CORRECTIVE_ACTION, CorrectiveAction, proposed_for
from domain.evaluation import LOW_SCORE, Indicator
from domain.ip_ledger import ClientIpLedger, ledger_key
from domain.key_enterprise_directory import KeyEnterpriseDirectory
from domain.lifecycle import SME_SIZES
from domain.parties import Client, Institution, InstitutionKind
from domain.registries import RegistryRecord, staffing
from infra.calendar import working_calendar
from infra.settings import Settings
from infra.store import Store

INSTITUTIONS, CLIENTS, CASES = 5, 20, 60
CST = timezone(timedelta(hours=8))
HAPPENED = frozenset(
    {
        "delivered_on",
        "visited_on",
        "served_on",
        "held_on",
        "surveyed_on",
        "completed_on",
        "valued_on",
        "signed_on",
        "submitted_on",
        "applied_on",
        "granted_on",
        "filed_on",
        "on",
    }
)
"""Payload dates of things that have happened: never after the step that records them."""

Stamped = stamped.Created | stamped.Recorded


@dataclass(frozen=True)
class Loaded:
    store: Store
    summary: DemoSummary
    events: list[DomainEvent]

    def of(self, kind: type[Any]) -> list[Any]:
        return [e for e in self.events if isinstance(e, kind)]

    def by_aggregate(self) -> dict[UUID, list[Stamped]]:
        """Each aggregate's events, oldest first; every event says who did it and when (domain/events.py)."""
        grouped: dict[UUID, list[Stamped]] = defaultdict(list)
        for event in self.events:
            assert isinstance(event, Stamped)
            grouped[event.originator_id].append(event)
        return grouped


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    """A SQLite store of its own (the shared `store` fixture also runs on PostgreSQL)."""
    opened = Store(Settings(data_dir=tmp_path / "a"))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """The default data set (5 institutions, 200 clients, 1,000 cases), loaded once for this module."""
    store = Store(Settings(data_dir=tmp_path_factory.mktemp("full")))
    summary = load_demo(store)
    yield Loaded(store, summary, [p.event for p in store.feed(0, 1_000_000)])
    store.close()


def load(store: Store, seed: int = 7) -> DemoSummary:
    return load_demo(store, seed=seed, institutions=INSTITUTIONS, clients=CLIENTS, cases=CASES)


def events_of(store: Store) -> list[DomainEvent]:
    return [p.event for p in store.feed(0, 1_000_000)]


def local_day(moment: datetime) -> date:
    return moment.astimezone(CST).date()


# The scripts ---------------------------------------------------------------------------------------------


def test_every_service_type_of_the_catalogue_has_its_demo_script() -> None:
    assert set(LIVES) == set(SERVICE_TYPES)  # api/demo/services/<code>.py, found as the catalogue finds the types


def test_a_payload_struct_tells_its_step() -> None:
    """A script records a step by its payload struct alone: no two steps of a service type may share one."""
    steps = [(kind.code, step.code) for kind in [*SERVICE_TYPES.values(), CORRECTIVE_ACTION] for step in kind.steps]
    assert len(STEP_OF) == len(steps)
    assert {(code, step) for (code, _), step in STEP_OF.items()} == set(steps)


# Counts and kinds ---------------------------------------------------------------------------------------


def test_counts(demo_store: Store) -> None:
    assert is_empty(demo_store)
    progress: list[tuple[int, int]] = []
    summary = load_demo(
        demo_store,
        seed=7,
        institutions=INSTITUTIONS,
        clients=CLIENTS,
        cases=CASES,
        progress=lambda done, total: progress.append((done, total)),
    )

    assert (summary.institutions, summary.clients, summary.cases) == (5, 20, 60)
    assert summary.events == demo_store.max_position()
    assert not is_empty(demo_store)
    assert progress[-1] == (85, 85)
    events = events_of(demo_store)
    assert sum(isinstance(e, Institution.Registered) for e in events) == 5
    assert sum(isinstance(e, Client.Registered) for e in events) == 20
    assert sum(isinstance(e, ServiceCase.Opened) for e in events) == 60
    assert summary.evaluations == sum(isinstance(e, ServiceCase.Evaluated) for e in events)
    assert summary.corrective_actions == sum(isinstance(e, CorrectiveAction.Opened) for e in events)
    assert summary.registry_records == sum(isinstance(e, RegistryRecord.Registered) for e in events)
    assert sum(isinstance(e, ServiceCase.StepRecorded) for e in events) > 60 * 2  # cases go somewhere


def test_every_institution_kind_and_every_service_type(demo_store: Store) -> None:
    load(demo_store)
    events = events_of(demo_store)
    kinds = {e.profile["kind"] for e in events if isinstance(e, Institution.Registered)}
    assert kinds == {k.value for k in InstitutionKind}
    types = {e.service_type for e in events if isinstance(e, ServiceCase.Opened)}
    assert types == set(SERVICE_TYPES)
    clients = [e.profile for e in events if isinstance(e, Client.Registered)]
    assert {c["kind"] for c in clients} == {"public", "innovator"}


def test_the_default_data_set_covers_the_catalogue_in_a_realistic_mix(full: Loaded) -> None:
    opened = Counter(e.service_type for e in full.of(ServiceCase.Opened))
    assert sum(opened.values()) == 1000
    assert set(opened) == set(SERVICE_TYPES)
    assert all(count >= 10 for count in opened.values()), opened
    most = ("consultation", "rights_assistance", "dispute_guidance", "application_guidance")
    featured = ("key_industry", "key_enterprise", "four_places", "publicity", "training", "data_ip_registration")
    assert min(opened[t] for t in most) > 3 * max(opened[t] for t in featured)
    steps = {(e.service_type, e.step) for e in full.of(ServiceCase.StepRecorded)}
    for code, kind in SERVICE_TYPES.items():  # nearly every step of every type is somewhere in the data
        seen = {s.code for s in kind.steps if (code, s.code) in steps}
        assert len(seen) >= len(kind.steps) - 1, (code, {s.code for s in kind.steps} - seen)


def test_some_cases_closed_and_some_open(demo_store: Store) -> None:
    load(demo_store)
    cases = [e.originator_id for e in events_of(demo_store) if isinstance(e, ServiceCase.Opened)]
    statuses = {case_id: case.status for case_id in cases if (case := demo_store.get(case_id, ServiceCase))}
    assert len(statuses) == 60
    assert set(statuses.values()) == {OPEN, CLOSED}


# Time ---------------------------------------------------------------------------------------------------


def test_timelines_never_go_backwards_or_into_the_future(full: Loaded) -> None:
    now = datetime.now(UTC)
    registered = {e.originator_id: e.effective_at for e in full.of(Client.Registered)}
    for aggregate_id, events in full.by_aggregate().items():
        times = [e.effective_at for e in events]
        assert times == sorted(times), aggregate_id
        assert all(t <= now for t in times), aggregate_id
    for aggregate_id, events in full.by_aggregate().items():
        opened = events[0]
        if not isinstance(opened, ServiceCase.Opened):
            continue
        assert (now - opened.effective_at).days < 366
        assert registered[opened.client_id] <= opened.effective_at
        assert all(e.actor.institution_id == opened.institution_id for e in events)
        for event in events:  # the case's work is done in office hours (a campaign may be on a weekend)
            assert time(8, 30) <= event.effective_at.astimezone(CST).time() <= time(17, 30), (aggregate_id, event)


def test_what_a_payload_says_has_happened_happened_by_its_step(full: Loaded) -> None:
    for event in [*full.of(ServiceCase.StepRecorded), *full.of(CorrectiveAction.StepRecorded)]:
        day = local_day(event.effective_at)
        for name in HAPPENED & set(event.payload):
            if event.payload[name] is not None:
                assert date.fromisoformat(str(event.payload[name])) <= day, (event.step, name, event.payload)
        if event.payload.get("granted_on") and event.payload.get("filed_on"):
            assert event.payload["filed_on"] <= event.payload["granted_on"]


def test_the_year_is_busier_lately_and_cases_open_on_working_days(full: Loaded) -> None:
    today = datetime.now(CST).date()
    opened = [local_day(e.effective_at) for e in full.of(ServiceCase.Opened)]
    recent = sum(1 for d in opened if (today - d).days <= 182)
    assert 0.5 < recent / len(opened) < 0.75
    calendar = working_calendar()
    assert all(calendar.is_working_day(d) for d in opened)


# Clause 7: evaluations and corrective actions -----------------------------------------------------------


def test_about_two_in_five_closed_cases_are_evaluated_mostly_well(full: Loaded) -> None:
    cases = [full.store.get(e.originator_id, ServiceCase) for e in full.of(ServiceCase.Opened)]
    closed = {case.id for case in cases if case is not None and case.status == CLOSED}
    evaluated = {e.originator_id for e in full.of(ServiceCase.Evaluated)}
    assert evaluated <= closed  # evaluated once the service is done
    assert 0.3 < len(evaluated) / len(closed) < 0.55
    scores = [e.evaluation[i.value] for e in full.of(ServiceCase.Evaluated) for i in Indicator]
    assert sum(1 for s in scores if s >= 4) / len(scores) > 0.75
    low = [e for e in full.of(ServiceCase.Evaluated) if e.low]
    assert 5 <= len(low) < 0.15 * len(full.of(ServiceCase.Evaluated))
    assert all(e.evaluation["comment"] for e in low)
    assert all(min(e.evaluation[i.value] for i in Indicator) <= LOW_SCORE for e in low)


def test_each_low_evaluation_opens_the_corrective_action_it_proposes(full: Loaded) -> None:
    low = {e.evaluation_id: e for e in full.of(ServiceCase.Evaluated) if e.low}
    actions = {e.originator_id: e for e in full.of(CorrectiveAction.Opened)}
    assert set(actions) == {proposed_for(evaluation) for evaluation in low}
    for evaluation_id, evaluated in low.items():
        opened = actions[proposed_for(evaluation_id)]
        case = full.store.get(evaluated.originator_id, ServiceCase)
        assert case is not None
        assert opened.problem["case_ids"] == [str(case.id)]
        assert opened.problem["evaluation_ids"] == [str(evaluation_id)]
        assert opened.problem["institution_id"] == str(case.institution_id)
        assert opened.effective_at == evaluated.effective_at
        assert evaluated.evaluation["comment"] in opened.problem["problem"]


def test_return_visits_follow_low_evaluations_only(full: Loaded) -> None:
    evaluated = {e.evaluation_id: e for e in full.of(ServiceCase.Evaluated)}
    visits = full.of(ServiceCase.EvaluationFollowedUp)
    assert visits
    assert len(visits) < sum(1 for e in evaluated.values() if e.low)  # some are still to be made
    for visit in visits:
        assert evaluated[visit.evaluation_id].low
        assert visit.effective_at >= evaluated[visit.evaluation_id].effective_at


def test_corrective_actions_are_walked_through_or_left_open_and_overdue(full: Loaded) -> None:
    today = datetime.now(CST).date()
    opened = full.of(CorrectiveAction.Opened)
    actions = [a for e in opened if (a := full.store.get(e.originator_id, CorrectiveAction)) is not None]
    assert len(actions) == len(opened)
    walked = [a for a in actions if a.status == "closed" and a.steps[-1] == "closed"]
    assert walked
    for action in walked:
        assert action.steps[:3] == ["measures_planned", "implemented", "effect_reviewed"]
        assert action.recorded[-2][1]["effective"] is True
    overdue = [
        a
        for a in actions
        if a.status == "open"
        and "measures_planned" in a.steps
        and date.fromisoformat(str([p for code, p in a.recorded if code == "measures_planned"][-1]["due"])) < today
    ]
    assert overdue


# Rules across cases ---------------------------------------------------------------------------------------


def test_a_right_is_in_a_clients_ledger_once(full: Loaded) -> None:
    ledgers: dict[UUID, UUID] = {e.originator_id: e.client_id for e in full.of(ClientIpLedger.Started)}
    entries = full.of(ClientIpLedger.EntryRecorded)
    assert len(entries) >= 50
    keys = Counter((ledgers[e.originator_id], e.key) for e in entries)
    assert max(keys.values()) == 1
    clients = {e.originator_id: e.client_id for e in full.of(ServiceCase.Opened)}
    recorded = [
        (clients[e.originator_id], ledger_key(e.payload["application_no"]))
        for e in full.of(ServiceCase.StepRecorded)
        if e.step == "ledger_entry_recorded"
    ]
    assert Counter(recorded) == keys  # every step went into the ledger of its client, and only they did
    assert {ClientIpLedger.create_id(client) for client in ledgers.values()} == set(ledgers)


def test_an_enterprise_is_in_a_years_directory_once(full: Loaded) -> None:
    years = {e.originator_id: e.year for e in full.of(KeyEnterpriseDirectory.Started)}
    listings = Counter((years[e.originator_id], e.client_id) for e in full.of(KeyEnterpriseDirectory.EnterpriseListed))
    assert listings
    assert max(listings.values()) == 1
    profiles = {e.originator_id: e.profile for e in full.of(Client.Registered)}
    for _, client_id in listings:
        assert profiles[client_id]["innovator_kind"] == "enterprise"
    steps = [e for e in full.of(ServiceCase.StepRecorded) if e.step == "directory_listed"]
    assert len(steps) == sum(listings.values())


def test_free_services_are_free_and_projects_are_for_innovators(full: Loaded) -> None:
    snapshots = {e.originator_id: e.client for e in full.of(ServiceCase.Opened)}
    for event in full.of(ServiceCase.StepRecorded):
        client = snapshots[event.originator_id]
        if event.step in ("basic_search_performed", "basic_analysis_performed"):
            assert float(event.payload["fee_cny"]) == 0
        if event.step == "risk_search_analysed" and client.get("enterprise_size") in SME_SIZES:
            assert float(event.payload["fee_cny"]) == 0
        if event.step == "project_application_assisted":
            assert client["kind"] == "innovator"


def test_cases_keep_their_clients_snapshot_as_the_api_does(full: Loaded) -> None:
    profiles = {e.originator_id: e.profile for e in full.of(Client.Registered)}
    for opened in full.of(ServiceCase.Opened):
        profile = profiles[opened.client_id]
        assert opened.client == {k: profile[k] for k in ("kind", "innovator_kind", "enterprise_size", "designations")}


# Clause 6: the registries ------------------------------------------------------------------------------------


def test_the_registries_of_clause_6(full: Loaded) -> None:
    records = [r for e in full.of(RegistryRecord.Registered) if (r := full.store.get(e.originator_id, RegistryRecord))]
    by_kind = Counter(r.kind for r in records)
    assert by_kind["experts"] >= 15
    assert by_kind["knowledge"] >= 12
    assert by_kind["outside_bodies"] >= 12
    institutions = {e.originator_id for e in full.of(Institution.Registered)}
    staff = [r for r in records if r.kind == "staff"]
    assert {r.institution_id for r in staff} == institutions
    for institution in institutions:
        employments = [r.profile["employment"] for r in staff if r.institution_id == institution]
        assert staffing(employments).full_time >= 1  # 6.1.1
    assert any(r.profile["employment"] == "part_time" for r in staff)
    assert all(r.trainings for r in staff)  # at least the pre-job training (6.1.3)
    names = {(r.institution_id, r.profile["name"]) for r in staff}
    answered = [
        (e.actor.institution_id, e.payload["answered_by"])
        for e in full.of(ServiceCase.StepRecorded)
        if e.step == "answered"
    ]
    assert answered
    assert all(pair in names for pair in answered)  # questions are answered by the institution's staff
    experts = {
        f"{r.profile['name']}（{r.profile['organisation']}{r.profile['title']}）"
        for r in records
        if r.kind == "experts"
    }
    consulted = [name for e in full.of(ServiceCase.StepRecorded) for name in e.payload.get("experts", [])]
    assert consulted
    assert set(consulted) <= experts  # experts are called from the expert database


# Repeatable -------------------------------------------------------------------------------------------------

_ID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")


def fingerprint(store: Store) -> list[str]:
    """Every event as it reads, without the ids (random) and the time it was recorded (now)."""
    prints = []
    for event in events_of(store):
        fields = {k: v for k, v in vars(event).items() if k not in {"originator_id", "timestamp"}}
        prints.append(_ID.sub("<id>", f"{type(event).__qualname__} {json.dumps(fields, default=str, sort_keys=True)}"))
    return prints


def test_the_same_seed_gives_the_same_data(demo_store: Store, tmp_path: Path) -> None:
    load(demo_store, seed=11)
    again = Store(Settings(data_dir=tmp_path / "b"))
    other = Store(Settings(data_dir=tmp_path / "c"))
    try:
        load(again, seed=11)
        load(other, seed=12)
        assert fingerprint(again) == fingerprint(demo_store)
        assert fingerprint(other) != fingerprint(demo_store)
    finally:
        again.close()
        other.close()

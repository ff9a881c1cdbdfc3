"""Replaying a case's events rebuilds the same case: what supervisors rely on to audit a history.

Two ways: folding the events in memory (the domain alone), and a round trip through an in-memory
eventsourcing application with the project's msgspec mapper (infra.mapper), as the stores do. The
library's default JSON transcoder cannot store `Actor`, so the project's mapper is named here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.application import Application

from domain.case import ServiceCase
from domain.parties import Client, Institution
from domain.provenance import Actor
from tests.domain.helpers import ASSISTANCE, DISPUTE, NOW, STAFF, meta, open_case, record

DISPUTE_HISTORY = [
    "routes_explained",
    "mediation_session",
    "expert_consultation",
    "mediation_session",
    "parties_followed_up",
    "archived",
    "typical_case_written",
]
ASSISTANCE_HISTORY = ["need_collected", "guidance_given", "referred", "return_visit", "return_visit"]


def state(case: ServiceCase) -> dict[str, Any]:
    return {
        "id": case.id,
        "version": case.version,
        "service_type": case.service_type,
        "institution_id": case.institution_id,
        "client_id": case.client_id,
        "intake": case.intake,
        "status": case.status,
        "opened_at": case.opened_at,
        "closed_at": case.closed_at,
        "steps": case.steps,
        "recorded": [(code, payload) for code, payload in case.recorded],
        "step_times": list(case.step_times),
        "allowed_next_steps": case.allowed_next_steps(),
    }


def fold(events: Sequence[Any]) -> ServiceCase:
    aggregate: Any = None
    for event in events:
        aggregate = event.mutate(aggregate)
    assert isinstance(aggregate, ServiceCase)
    return aggregate


def walk_with_states(type_code: str, history: list[str]) -> tuple[ServiceCase, list[dict[str, Any]]]:
    """The case after `history`, and its state after each event (index 0: just opened)."""
    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    case = open_case(type_code, effective_at=start)
    states = [state(case)]
    for hour, code in enumerate(history, start=1):
        record(case, code, effective_at=start.replace(hour=8 + hour))
        states.append(state(case))
    return case, states


def application() -> Application[UUID]:
    env = {"PERSISTENCE_MODULE": "eventsourcing.popo", "MAPPER_TOPIC": "infra.mapper:MsgspecMapper"}
    return Application[UUID](env=env)


@pytest.mark.parametrize(("type_code", "history"), [(DISPUTE, DISPUTE_HISTORY), (ASSISTANCE, ASSISTANCE_HISTORY)])
def test_folding_the_pending_events_rebuilds_the_same_case(type_code: str, history: list[str]) -> None:
    case, states = walk_with_states(type_code, history)
    events = list(case.pending_events)
    assert state(fold(events)) == states[-1]
    for n in range(1, len(events) + 1):
        assert state(fold(events[:n])) == states[n - 1]


@pytest.mark.parametrize(("type_code", "history"), [(DISPUTE, DISPUTE_HISTORY), (ASSISTANCE, ASSISTANCE_HISTORY)])
def test_a_stored_case_is_rebuilt_with_the_same_state(type_code: str, history: list[str]) -> None:
    case, states = walk_with_states(type_code, history)
    app = application()
    app.save(case)
    rebuilt: ServiceCase = app.repository.get(case.id)
    assert isinstance(rebuilt, ServiceCase)
    assert state(rebuilt) == states[-1]
    assert rebuilt.status == "closed"


@pytest.mark.parametrize(("type_code", "history"), [(DISPUTE, DISPUTE_HISTORY), (ASSISTANCE, ASSISTANCE_HISTORY)])
def test_a_stored_case_as_of_an_earlier_version_shows_the_earlier_state(type_code: str, history: list[str]) -> None:
    case, states = walk_with_states(type_code, history)
    app = application()
    app.save(case)
    for version in range(1, len(states) + 1):
        earlier: ServiceCase = app.repository.get(case.id, version=version)
        assert isinstance(earlier, ServiceCase)
        assert state(earlier) == states[version - 1]


def test_5_1_7_f_before_archiving_the_stored_case_was_open_and_could_still_be_guided_or_followed_up() -> None:
    case, _ = walk_with_states(DISPUTE, DISPUTE_HISTORY)
    app = application()
    app.save(case)
    before_archive: ServiceCase = app.repository.get(case.id, version=1 + DISPUTE_HISTORY.index("archived"))
    assert isinstance(before_archive, ServiceCase)
    assert before_archive.status == "open"
    assert before_archive.closed_at is None
    assert before_archive.allowed_next_steps() == [
        "mediation_session",
        "expert_consultation",
        "mediation_committee_referral",
        "evidence_referral",
        "litigation_guidance",
        "parties_followed_up",
        "archived",
    ]


def test_5_1_4_e_a_stored_case_with_two_return_visits_is_rebuilt_closed_at_the_first() -> None:
    case, _ = walk_with_states(ASSISTANCE, ASSISTANCE_HISTORY)
    app = application()
    app.save(case)
    rebuilt: ServiceCase = app.repository.get(case.id)
    assert isinstance(rebuilt, ServiceCase)
    first_visit = ASSISTANCE_HISTORY.index("return_visit")
    assert rebuilt.closed_at == rebuilt.step_times[first_visit] == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert rebuilt.closed_at != rebuilt.step_times[-1]
    assert rebuilt.allowed_next_steps() == ["return_visit"]


def test_stored_events_keep_their_metadata_typed() -> None:
    case, _ = walk_with_states(DISPUTE, DISPUTE_HISTORY[:2])
    app = application()
    app.save(case)
    events = list(app.events.get(case.id))
    assert [type(e).__qualname__ for e in events] == [
        "ServiceCase.Opened",
        "ServiceCase.StepRecorded",
        "ServiceCase.StepRecorded",
    ]
    for event in events:
        assert isinstance(event, ServiceCase.Opened | ServiceCase.StepRecorded)
        assert event.actor == STAFF
        assert isinstance(event.actor, Actor)
        assert isinstance(event.effective_at, datetime)
        assert event.effective_at.tzinfo is not None
        assert event.correlation_id == "corr-1"
    assert [getattr(e, "clause", None) for e in events] == ["5.1.7", "5.1.7.a", "5.1.7.b"]


def test_a_rebuilt_case_accepts_the_next_step_as_the_original_would() -> None:
    case, _ = walk_with_states(DISPUTE, DISPUTE_HISTORY[:5])
    app = application()
    app.save(case)
    rebuilt: ServiceCase = app.repository.get(case.id)
    assert isinstance(rebuilt, ServiceCase)
    record(rebuilt, "archived")
    app.save(rebuilt)
    again: ServiceCase = app.repository.get(case.id)
    assert isinstance(again, ServiceCase)
    assert again.status == "closed"
    assert again.closed_at == NOW


def test_registered_institution_and_client_are_rebuilt_with_their_profiles() -> None:
    institution = Institution.register({"name": "西宁市知识产权保护中心", "kind": "protection_center"}, meta())
    client = Client.register(
        {"name": "青海某光伏有限公司", "kind": "innovator", "innovator_kind": "enterprise", "enterprise_size": "small"},
        meta(),
    )
    app = application()
    app.save(institution, client)
    rebuilt_institution: Institution = app.repository.get(institution.id)
    rebuilt_client: Client = app.repository.get(client.id)
    assert isinstance(rebuilt_institution, Institution)
    assert isinstance(rebuilt_client, Client)
    assert rebuilt_institution.profile == institution.profile
    assert rebuilt_institution.registered_at == institution.registered_at == NOW
    assert rebuilt_client.profile == client.profile
    assert rebuilt_client.registered_by == client.registered_by == STAFF.institution_id

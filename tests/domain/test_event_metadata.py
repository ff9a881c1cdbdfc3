"""Every event says which clause it records, who did it, when in the world, and which request caused it."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID

import pytest

from domain.case import ServiceCase
from domain.errors import InvalidEffectiveTime, InvalidPayload, StepNotAllowed, UnknownCode
from domain.provenance import Actor
from tests.domain.helpers import ASSISTANCE, DISPUTE, INTAKES, NOW, VALID_PAYLOADS, history_before, meta, walk

CLAUSES: dict[tuple[str, str], str] = {
    (DISPUTE, "routes_explained"): "5.1.7.a",
    (DISPUTE, "mediation_session"): "5.1.7.b",
    (DISPUTE, "expert_consultation"): "5.1.7.c",
    (DISPUTE, "mediation_committee_referral"): "5.1.7.d",
    (DISPUTE, "evidence_referral"): "5.1.7.e",
    (DISPUTE, "litigation_guidance"): "5.1.7.e",
    (DISPUTE, "parties_followed_up"): "5.1.7.f",
    (DISPUTE, "archived"): "5.1.7.f",
    (DISPUTE, "typical_case_written"): "5.1.7.f",
    (ASSISTANCE, "need_collected"): "5.1.4.a",
    (ASSISTANCE, "guidance_given"): "5.1.4.b",
    (ASSISTANCE, "expert_panel_advice"): "5.1.4.c",
    (ASSISTANCE, "referred"): "5.1.4.d",
    (ASSISTANCE, "return_visit"): "5.1.4.e",
}

SUPERVISOR = Actor("key-supervisor-9", "supervisor", UUID("00000000-0000-4000-8000-000000000009"))


@pytest.mark.parametrize(("type_code", "clause"), [(DISPUTE, "5.1.7"), (ASSISTANCE, "5.1.4")])
def test_opened_event_carries_the_service_clause_and_provenance(type_code: str, clause: str) -> None:
    opened_at = NOW - timedelta(days=4)
    case = ServiceCase.open(
        type_code,
        UUID(int=1),
        UUID(int=2),
        dict(INTAKES[type_code]),
        meta(effective_at=opened_at, actor=SUPERVISOR, correlation_id="req-open", causation_id="cmd-open"),
    )
    [event] = case.collect_events()
    assert isinstance(event, ServiceCase.Opened)
    assert event.clause == clause
    assert event.actor == SUPERVISOR
    assert event.effective_at == opened_at
    assert event.correlation_id == "req-open"
    assert event.causation_id == "cmd-open"
    assert event.service_type == type_code
    assert event.institution_id == UUID(int=1)
    assert event.client_id == UUID(int=2)
    assert event.originator_version == 1
    assert event.intake == case.intake


@pytest.mark.parametrize(("type_code", "step"), sorted(CLAUSES))
def test_step_event_carries_its_clause_actor_effective_time_and_request_ids(type_code: str, step: str) -> None:
    case = walk(type_code, history_before(type_code, step))
    case.collect_events()
    effective = NOW - timedelta(hours=2)
    case.record_step(
        step,
        dict(VALID_PAYLOADS[type_code][step]),
        meta(effective_at=effective, actor=SUPERVISOR, correlation_id=f"req-{step}", causation_id=f"cmd-{step}"),
    )
    [event] = case.collect_events()
    assert isinstance(event, ServiceCase.StepRecorded)
    assert event.clause == CLAUSES[(type_code, step)]
    assert event.step == step
    assert event.actor == SUPERVISOR
    assert event.effective_at == effective
    assert event.correlation_id == f"req-{step}"
    assert event.causation_id == f"cmd-{step}"
    assert event.originator_id == case.id
    assert event.originator_version == case.version
    assert event.payload == case.recorded[-1][1]


def test_each_command_stamps_its_own_request_ids_and_versions_follow_each_other() -> None:
    case = ServiceCase.open(DISPUTE, UUID(int=1), UUID(int=2), dict(INTAKES[DISPUTE]), meta(correlation_id="c0"))
    for n, step in enumerate(["routes_explained", "mediation_session", "parties_followed_up"], start=1):
        case.record_step(step, dict(VALID_PAYLOADS[DISPUTE][step]), meta(correlation_id=f"c{n}", causation_id=f"x{n}"))
    events = case.collect_events()
    assert [e.originator_version for e in events] == [1, 2, 3, 4]
    assert [getattr(e, "correlation_id", None) for e in events] == ["c0", "c1", "c2", "c3"]
    assert [getattr(e, "causation_id", None) for e in events] == ["cause-1", "x1", "x2", "x3"]
    assert [getattr(e, "clause", None) for e in events] == ["5.1.7", "5.1.7.a", "5.1.7.b", "5.1.7.f"]
    assert case.collect_events() == []


def test_a_refused_command_leaves_no_event() -> None:
    case = walk(DISPUTE, ["routes_explained"])
    case.collect_events()
    mediation = dict(VALID_PAYLOADS[DISPUTE]["mediation_session"])
    with pytest.raises(StepNotAllowed):
        case.record_step("archived", dict(VALID_PAYLOADS[DISPUTE]["archived"]), meta())
    with pytest.raises(InvalidPayload):
        case.record_step("mediation_session", {"outcome": 3}, meta())
    with pytest.raises(InvalidEffectiveTime):
        case.record_step("mediation_session", mediation, meta(effective_at=NOW + timedelta(days=1)))
    with pytest.raises(UnknownCode):
        case.record_step("no_such_step", {}, meta())
    assert case.pending_events == []
    assert case.version == 2
    assert case.steps == ["routes_explained"]

"""A service case: one service delivered to one client by one institution, step by step."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import events
from domain.catalogue import service_type
from domain.lifecycle import CaseView, ServiceType, parse_payload, to_record
from domain.provenance import Provenance

OPEN = "open"
CLOSED = "closed"


class ServiceCase(Aggregate):
    class Opened(events.Created):
        service_type: str
        institution_id: UUID
        client_id: UUID
        intake: dict[str, Any]

    class StepRecorded(events.Recorded):
        step: str
        payload: dict[str, Any]

    @event(Opened)
    def __init__(
        self,
        service_type: str,
        institution_id: UUID,
        client_id: UUID,
        intake: dict[str, Any],
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.service_type = service_type
        self.institution_id = institution_id
        self.client_id = client_id
        self.intake = intake
        self.opened_at = effective_at
        self.closed_at: datetime | None = None
        self.recorded: list[tuple[str, dict[str, Any]]] = []
        self.step_times: list[datetime] = []

    @classmethod
    def open(
        cls,
        type_code: str,
        institution_id: UUID,
        client_id: UUID,
        intake: dict[str, Any],
        meta: Provenance,
    ) -> ServiceCase:
        kind = service_type(type_code)
        parsed = parse_payload(kind.intake, intake)
        return cls(
            service_type=kind.code,
            institution_id=institution_id,
            client_id=client_id,
            intake=to_record(parsed),
            clause=kind.clause,
            actor=meta.actor,
            effective_at=meta.effective(),
            correlation_id=meta.correlation_id,
            causation_id=meta.causation_id,
        )

    @property
    def kind(self) -> ServiceType:
        return service_type(self.service_type)

    @property
    def status(self) -> str:
        return CLOSED if self.closed_at is not None else OPEN

    @property
    def steps(self) -> list[str]:
        return [code for code, _ in self.recorded]

    def allowed_next_steps(self) -> list[str]:
        return self.kind.allowed_next(self.steps)

    def record_step(self, code: str, payload: dict[str, Any], meta: Provenance) -> None:
        view = CaseView(recorded=tuple(self.recorded))
        parsed = self.kind.check_step(view, code, payload)
        self._step_recorded(
            step=code,
            payload=to_record(parsed),
            clause=self.kind.step(code).clause,
            actor=meta.actor,
            effective_at=meta.effective(not_before=self.step_times[-1] if self.step_times else self.opened_at),
            correlation_id=meta.correlation_id,
            causation_id=meta.causation_id,
        )

    @event(StepRecorded)
    def _step_recorded(
        self,
        step: str,
        payload: dict[str, Any],
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.recorded.append((step, payload))
        self.step_times.append(effective_at)
        if self.closed_at is None and step in self.kind.closing_steps:
            self.closed_at = effective_at

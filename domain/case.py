"""A service case: one service delivered to one client by one institution, step by step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import events, snapshots
from domain.catalogue import service_type
from domain.errors import RuleBroken, UnknownCode
from domain.evaluation import EVALUATION_CLAUSE, EvaluationFollowUp, EvaluationForm, evaluation_id
from domain.ids import new_id
from domain.lifecycle import CaseView, ServiceType, parse_payload, to_record
from domain.provenance import Provenance

OPEN = "open"
CLOSED = "closed"

CLIENT_SNAPSHOT_FIELDS = ("kind", "innovator_kind", "enterprise_size", "designations")
"""What a case keeps of its client as it was when opened: what the rules of the standard look at."""

Loader = Callable[[UUID], Aggregate | None]
"""Finds another aggregate by id (for the companions of a step); None when it does not exist yet."""


class ServiceCase(Aggregate):
    create_id = staticmethod(new_id)  # opened on the API's event loop, many a second: see domain.ids

    class Snapshot(snapshots.TypedSnapshot):
        """A snapshot whose state comes back with its types (the JSON it is stored as has none)."""

        state_types: ClassVar[dict[str, Any]] = {
            "institution_id": UUID,
            "client_id": UUID,
            "opened_at": datetime,
            "closed_at": datetime | None,
            "recorded": list[tuple[str, dict[str, Any]]],
            "step_times": list[datetime],
            "evaluations": dict[UUID, snapshots.EvaluationState],
        }

    class Opened(events.Created):
        service_type: str
        institution_id: UUID
        client_id: UUID
        intake: dict[str, Any]
        client: dict[str, Any]

    class StepRecorded(events.Recorded):
        service_type: str
        step: str
        payload: dict[str, Any]

    class Evaluated(events.Recorded):
        evaluation_id: UUID
        evaluation: dict[str, Any]
        low: bool

    class EvaluationFollowedUp(events.Recorded):
        evaluation_id: UUID
        follow_up: dict[str, Any]

    @event(Opened)
    def __init__(
        self,
        service_type: str,
        institution_id: UUID,
        client_id: UUID,
        intake: dict[str, Any],
        client: dict[str, Any],
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
        self.client = client
        self.opened_at = effective_at
        self.closed_at: datetime | None = None
        self.recorded: list[tuple[str, dict[str, Any]]] = []
        self.step_times: list[datetime] = []
        self.evaluations: dict[UUID, dict[str, Any]] = {}

    @classmethod
    def open(
        cls,
        type_code: str,
        institution_id: UUID,
        client_id: UUID,
        intake: dict[str, Any],
        meta: Provenance,
        client_profile: dict[str, Any] | None = None,
    ) -> ServiceCase:
        kind = service_type(type_code)
        parsed = parse_payload(kind.intake, intake)
        profile = client_profile or {}
        return cls(
            service_type=kind.code,
            institution_id=institution_id,
            client_id=client_id,
            intake=to_record(parsed),
            client={k: profile[k] for k in CLIENT_SNAPSHOT_FIELDS if k in profile},
            **meta.stamp(kind.clause),
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

    @property
    def view(self) -> CaseView:
        return CaseView(
            recorded=tuple(self.recorded),
            intake=self.intake,
            client=self.client,
            client_id=self.client_id,
            institution_id=self.institution_id,
            case_id=self.id,
        )

    def allowed_next_steps(self) -> list[str]:
        return self.kind.allowed_next(self.steps)

    def companion_id(self, code: str, payload: dict[str, Any]) -> UUID | None:
        """The other aggregate recording the step changes too (None for most steps), refusing as `record_step`
        would: the caller finds it, for `record_step`'s `load`."""
        step = self.kind.step(code)
        if step.companion is None:
            return None
        view = self.view
        return step.companion.aggregate_id(view, self.kind.check_step(view, code, payload))

    def record_step(
        self, code: str, payload: dict[str, Any], meta: Provenance, load: Loader | None = None
    ) -> list[Aggregate]:
        """Record the step; returns the other aggregates it changed (save them with the case, at once)."""
        view = self.view
        parsed = self.kind.check_step(view, code, payload)
        step = self.kind.step(code)
        companions: list[Aggregate] = []
        if step.companion is not None:
            if load is None:  # without it a rule across cases could not see the other cases: never skip it
                raise ValueError(f"step {code!r} changes another aggregate: record it with a loader")
            companion_id = step.companion.aggregate_id(view, parsed)
            other = load(companion_id) or step.companion.start(view, parsed, meta)
            step.companion.apply(other, view, parsed, meta)
            companions.append(other)
        self._step_recorded(
            service_type=self.service_type,
            step=code,
            payload=to_record(parsed),
            **meta.stamp(step.clause, not_before=self.step_times[-1] if self.step_times else self.opened_at),
        )
        return companions

    @event(StepRecorded)
    def _step_recorded(
        self,
        service_type: str,
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

    # 7.1 Evaluation --------------------------------------------------------------------------------

    def evaluate(self, form: dict[str, Any], meta: Provenance) -> UUID:
        """Record an evaluation by the person served; one per respondent. Returns the evaluation's id."""
        parsed = parse_payload(EvaluationForm, form)
        evaluation = evaluation_id(self.id, parsed.respondent)
        if evaluation in self.evaluations:
            raise RuleBroken(f"7.1: {parsed.respondent} has already evaluated this case", EVALUATION_CLAUSE)
        self._evaluated(
            evaluation_id=evaluation,
            evaluation=to_record(parsed),
            low=parsed.low,
            **meta.stamp(EVALUATION_CLAUSE, not_before=self.opened_at),
        )
        return evaluation

    @event(Evaluated)
    def _evaluated(
        self,
        evaluation_id: UUID,
        evaluation: dict[str, Any],
        low: bool,
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.evaluations[evaluation_id] = {**evaluation, "low": low, "at": effective_at, "follow_ups": []}

    def follow_up_evaluation(self, evaluation: UUID, follow_up: dict[str, Any], meta: Provenance) -> None:
        """The return visit after a low evaluation (7.1)."""
        found = self.evaluations.get(evaluation)
        if found is None:
            raise UnknownCode("evaluation", str(evaluation), [str(e) for e in self.evaluations])
        if not found["low"]:
            raise RuleBroken("7.1: only a low evaluation is followed up with a return visit", EVALUATION_CLAUSE)
        parsed = parse_payload(EvaluationFollowUp, follow_up)
        self._evaluation_followed_up(
            evaluation_id=evaluation,
            follow_up=to_record(parsed),
            **meta.stamp(EVALUATION_CLAUSE, not_before=found["at"]),
        )

    @event(EvaluationFollowedUp)
    def _evaluation_followed_up(
        self,
        evaluation_id: UUID,
        follow_up: dict[str, Any],
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.evaluations[evaluation_id]["follow_ups"].append({**follow_up, "at": effective_at})

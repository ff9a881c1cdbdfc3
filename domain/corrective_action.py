"""7.2 服务改进: a corrective action — the problem, measures and plan, what was done, its effect, closed.

Its lifecycle is a step table read by the same engine as the service cases.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

import msgspec
from eventsourcing.domain import Aggregate, event

from domain import events
from domain.errors import RuleBroken
from domain.labels import Label
from domain.lifecycle import OPENED, CaseView, Names, Payload, ServiceType, Step, Text, parse_payload, to_record
from domain.provenance import Provenance

CLAUSE = "7.2"


class ActionProblem(Payload, kw_only=True):
    institution_id: UUID
    problem: Text
    case_ids: list[UUID] = msgspec.field(default_factory=list)
    evaluation_ids: list[UUID] = msgspec.field(default_factory=list)


class MeasuresPlanned(Payload, kw_only=True):
    measures: Names
    plan: Text
    owner: Text
    due: date


class Implemented(Payload, kw_only=True):
    done: Text
    on: date | None = None


class EffectReviewed(Payload, kw_only=True):
    effective: bool
    findings: Text


class Closed(Payload, kw_only=True):
    summary: Text


class Dismissed(Payload, kw_only=True):
    reason: Text


def _closing_needs_an_effective_review(view: CaseView, step: Step, payload: Payload) -> None:
    if step.code == "closed" and not view.payloads("effect_reviewed")[-1]["effective"]:
        raise RuleBroken("7.2: the last effect review found the measures not effective; plan new measures", CLAUSE)


CORRECTIVE_ACTION = ServiceType(
    code="corrective_action",
    clause=CLAUSE,
    name=Label("整改措施", "Corrective action"),
    steps=(
        Step(
            "measures_planned",
            "7.2",
            Label("制定整改措施和实施计划", "Measures and implementation plan"),
            MeasuresPlanned,
            follows=frozenset({OPENED, "effect_reviewed"}),
            repeatable=True,
        ),
        Step(
            "implemented",
            "7.2",
            Label("跟踪实施情况", "Implementation recorded"),
            Implemented,
            follows=frozenset({"measures_planned", "implemented"}),
            repeatable=True,
        ),
        Step(
            "effect_reviewed",
            "7.2",
            Label("评估实施效果", "Effect reviewed"),
            EffectReviewed,
            follows=frozenset({"implemented"}),
            repeatable=True,
        ),
        Step("closed", "7.2", Label("整改完成", "Closed"), Closed, follows=frozenset({"effect_reviewed"}), closes=True),
        Step("dismissed", "7.2", Label("不予整改", "Dismissed"), Dismissed, follows=frozenset({OPENED}), closes=True),
    ),
    rules=(_closing_needs_an_effective_review,),
)


def proposed_for(evaluation_id: UUID) -> UUID:
    """The corrective action a low evaluation proposes (one per evaluation, whatever the retries)."""
    return uuid5(evaluation_id, "corrective-action")


class CorrectiveAction(Aggregate):
    class Opened(events.Created):
        problem: dict[str, Any]

    class StepRecorded(events.Recorded):
        step: str
        payload: dict[str, Any]

    @event(Opened)
    def __init__(
        self,
        problem: dict[str, Any],
        clause: str,
        actor: Any,
        effective_at: datetime,
        correlation_id: str,
        causation_id: str,
    ) -> None:
        self.problem = problem
        self.institution_id = UUID(str(problem["institution_id"]))
        self.opened_at = effective_at
        self.closed_at: datetime | None = None
        self.recorded: list[tuple[str, dict[str, Any]]] = []
        self.step_times: list[datetime] = []

    @classmethod
    def open(cls, problem: dict[str, Any], meta: Provenance, action_id: UUID | None = None) -> CorrectiveAction:
        parsed = to_record(parse_payload(ActionProblem, problem))
        if action_id is not None:  # a given id: one action per low evaluation, however often it is retried
            return cls._create(cls.Opened, id=action_id, problem=parsed, **meta.stamp(CLAUSE))
        return cls(problem=parsed, **meta.stamp(CLAUSE))

    @property
    def status(self) -> str:
        return "closed" if self.closed_at is not None else "open"

    @property
    def steps(self) -> list[str]:
        return [code for code, _ in self.recorded]

    def allowed_next_steps(self) -> list[str]:
        return CORRECTIVE_ACTION.allowed_next(self.steps)

    def record_step(self, code: str, payload: dict[str, Any], meta: Provenance) -> None:
        view = CaseView(recorded=tuple(self.recorded), institution_id=self.institution_id)
        parsed = CORRECTIVE_ACTION.check_step(view, code, payload)
        self._step_recorded(
            step=code,
            payload=to_record(parsed),
            **meta.stamp(CLAUSE, not_before=self.step_times[-1] if self.step_times else self.opened_at),
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
        if self.closed_at is None and step in CORRECTIVE_ACTION.closing_steps:
            self.closed_at = effective_at

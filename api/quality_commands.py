"""Use cases of evaluation and improvement (clause 7) and of the catalogue order (5.1.1)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from api.access import Principal
from api.commands import Commands, Idempotency, WriteResult, missing_references
from api.errors import Forbidden, NotFound, PreconditionFailed
from domain.case import ServiceCase
from domain.catalogue_priority import PRIORITY_ID, CataloguePriority
from domain.corrective_action import CorrectiveAction, proposed_for
from domain.errors import FieldError, InvalidPayload
from domain.evaluation import INDICATOR_LABELS, LOW_SCORE, EvaluationForm, Indicator
from domain.evaluation import evaluation_id as evaluation_id_for
from domain.lifecycle import parse_payload
from domain.parties import Institution
from domain.provenance import Provenance


class QualityCommands:
    def __init__(self, commands: Commands) -> None:
        self.commands = commands
        self.store = commands.store

    async def evaluate(
        self, who: Principal, case_id: UUID, form: dict[str, Any], meta: Provenance, idem: Idempotency | None
    ) -> WriteResult:
        """7.1: the evaluation; a low one also proposes a corrective action (saved with it, at once). Answered
        with the evaluation's id (made from the case and the respondent, so that a replay names it too)."""

        async def decide(stored: bool) -> list[Aggregate]:
            case = await self.commands.case_to_change(who, case_id, stored)
            evaluation = case.evaluate(form, meta)
            recorded = case.evaluations[evaluation]
            if not recorded["low"]:
                return [case]
            low = [INDICATOR_LABELS[i].zh for i in Indicator if recorded[i.value] <= LOW_SCORE]
            problem = {
                "institution_id": str(case.institution_id),
                "problem": f"低分评价（{'、'.join(low)}）：{recorded.get('comment') or ''}",
                "case_ids": [str(case.id)],
                "evaluation_ids": [str(evaluation)],
            }
            return [case, CorrectiveAction.open(problem, meta, action_id=proposed_for(evaluation))]

        written = await self.commands.write(who, idem, None, decide, turn_of=case_id)
        return replace(written, id=evaluation_id_for(case_id, parse_payload(EvaluationForm, form).respondent))

    async def follow_up_evaluation(
        self,
        who: Principal,
        case_id: UUID,
        evaluation_id: UUID,
        follow_up: dict[str, Any],
        meta: Provenance,
        idem: Idempotency | None,
    ) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            case = await self.commands.case_to_change(who, case_id, stored)
            if evaluation_id not in case.evaluations:
                raise NotFound(f"case {case_id} has no evaluation {evaluation_id}")
            case.follow_up_evaluation(evaluation_id, follow_up, meta)
            return [case]

        written = await self.commands.write(who, idem, None, decide, turn_of=case_id)
        return replace(written, id=evaluation_id)

    def load_action(self, who: Principal, action_id: UUID) -> CorrectiveAction:
        action = self.store.get(action_id, CorrectiveAction)
        if action is None or not who.sees(action.institution_id):
            raise NotFound(f"corrective action {action_id} does not exist")
        return action

    async def open_action(
        self, who: Principal, problem: dict[str, Any], meta: Provenance, idem: Idempotency | None
    ) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            action = CorrectiveAction.open(problem, meta)
            await self.store.run(self._check_references, who, action)
            return [action]

        return await self.commands.write(who, idem, None, decide)

    def _check_references(self, who: Principal, action: CorrectiveAction) -> None:
        """The institution, cases and evaluations the action names exist, are the key's to see, and are one
        institution's: an evaluation is named with its case (its id is only known within it)."""
        missing: list[tuple[str, str]] = []
        institution = action.institution_id
        if self.store.get(institution, Institution) is None:
            missing.append(("institution_id", f"institution {institution} does not exist"))
        elif not who.sees(institution):
            raise Forbidden("this key may open corrective actions only for its own institution")
        cases: list[tuple[str, ServiceCase]] = []
        for n, case_id in enumerate(action.problem["case_ids"]):
            case = self.commands.find_case(who, UUID(case_id))
            if case is None:
                missing.append((f"case_ids[{n}]", f"case {case_id} does not exist"))
            else:
                cases.append((f"case_ids[{n}]", case))
        evaluations = {str(e) for _, case in cases for e in case.evaluations}
        for n, evaluation_id in enumerate(action.problem["evaluation_ids"]):
            if evaluation_id not in evaluations:
                missing.append((f"evaluation_ids[{n}]", f"evaluation {evaluation_id} is not one of the named cases'"))
        if missing:
            raise missing_references(missing)
        foreign = [
            FieldError(field, f"case {case.id} is another institution's than the action's ({institution})")
            for field, case in cases
            if case.institution_id != institution
        ]
        if foreign:
            raise InvalidPayload("a corrective action names only its own institution's cases", errors=foreign)

    async def record_action_step(
        self,
        who: Principal,
        action_id: UUID,
        step: str,
        payload: dict[str, Any],
        meta: Provenance,
        if_match: int | None,
        idem: Idempotency | None,
    ) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            action = await self.store.run(self.load_action, who, action_id)
            _check_version(action, if_match)
            action.record_step(step, payload, meta)
            return [action]

        return await self.commands.write(who, idem, if_match, decide, turn_of=action_id)

    async def set_priority(
        self, who: Principal, order: list[str], meta: Provenance, if_match: int | None, idem: Idempotency | None
    ) -> WriteResult:
        async def decide(stored: bool) -> list[Aggregate]:
            priority = await self.store.to_change(PRIORITY_ID, CataloguePriority)
            if priority is None:
                if if_match not in (None, 0):
                    raise PreconditionFailed(
                        "the catalogue order has never been changed (version 0)", current_version=0
                    )
                return [CataloguePriority.first(order, meta)]
            _check_version(priority, if_match)
            priority.change(order, meta)
            return [priority]

        return await self.commands.write(who, idem, if_match, decide, turn_of=PRIORITY_ID)


def _check_version(aggregate: Aggregate, if_match: int | None) -> None:
    if if_match is not None and aggregate.version != if_match:
        raise PreconditionFailed(
            f"the record is at version {aggregate.version}, not {if_match}", current_version=aggregate.version
        )

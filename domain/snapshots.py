"""Snapshots that come back typed: the msgspec mapper stores a snapshot's state as JSON, so datetimes,
ids and tuples come back as strings and lists unless the aggregate says what each attribute is."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, TypedDict

import msgspec
from eventsourcing.domain import Snapshot


class EvaluationState(TypedDict, total=False):
    at: datetime
    follow_ups: list[dict[str, Any]]


class TypedSnapshot(Snapshot):
    state_types: ClassVar[dict[str, Any]] = {}
    """Attribute -> type, for the attributes that JSON does not bring back as they were."""

    def mutate(self, _: None) -> Any:
        aggregate = super().mutate(_)
        state = vars(aggregate)
        for name in ("_created_on", "_modified_on"):
            if isinstance(state.get(name), str):
                state[name] = datetime.fromisoformat(state[name])
        for name, kind in self.state_types.items():
            if name in state:
                state[name] = msgspec.convert(state[name], kind)
        for evaluation in state.get("evaluations", {}).values():
            for follow_up in evaluation.get("follow_ups", []):
                if isinstance(follow_up.get("at"), str):
                    follow_up["at"] = datetime.fromisoformat(follow_up["at"])
        return aggregate

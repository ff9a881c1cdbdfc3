"""Request envelopes and response bodies of the v1 API (all documented in the OpenAPI schema)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec

from domain.labels import Label


class WriteResponse(msgspec.Struct):
    """What a write answers: the record it wrote, its new version, and where the write ends in the event log."""

    id: Annotated[
        UUID,
        msgspec.Meta(
            description="The record written: the new one for a creation (an evaluation for an evaluation or its"
            " return visit), else the record the step or change was recorded on (the case, the corrective action,"
            " the registry record …)"
        ),
    ]
    version: Annotated[
        int, msgspec.Meta(description="The version of the aggregate written to (the case, for an evaluation); its ETag")
    ]
    position: Annotated[
        int,
        msgspec.Meta(
            description="The global position of the last event the write recorded, companions included (an IP-ledger"
            " entry, a directory listing, a proposed corrective action): `min_position=position` on any read model"
            " waits for everything the write did. A replay under the same Idempotency-Key answers the same"
        ),
    ]


AwareDatetime = Annotated[datetime, msgspec.Meta(tz=True, description="RFC 3339 with an offset")]


class WhenRequest(msgspec.Struct, kw_only=True):
    """Plus the record's own fields, at the top level: when it happened, if not now."""

    effective_at: AwareDatetime | None = None


class OpenCaseRequest(msgspec.Struct, kw_only=True):
    """Plus the service type's intake fields (see `intake_schema` in the catalogue), at the top level."""

    service_type: str
    institution_id: UUID
    client_id: UUID
    effective_at: AwareDatetime | None = None


class RecordStepRequest(msgspec.Struct, kw_only=True):
    """Plus the step's payload fields (see each step's `payload_schema` in the catalogue), at the top level."""

    step: str
    effective_at: AwareDatetime | None = None


class StepOut(msgspec.Struct):
    code: str
    clause: str
    name: Label
    follows: list[str]
    repeatable: bool
    closes: bool
    payload_schema: dict[str, Any]


class ServiceTypeOut(msgspec.Struct):
    code: str
    clause: str
    name: Label
    priority: int
    intake_schema: dict[str, Any]
    steps: list[StepOut]


class CodeLabel(msgspec.Struct):
    code: str
    name: Label
    clause: str | None = None


class RecordedStepOut(msgspec.Struct):
    version: int
    code: str
    clause: str
    name: Label
    effective_at: datetime
    payload: dict[str, Any]


class CaseOut(msgspec.Struct):
    id: UUID
    version: int
    service_type: CodeLabel
    institution_id: UUID
    client_id: UUID
    status: CodeLabel
    opened_at: datetime
    closed_at: datetime | None
    intake: dict[str, Any]
    steps: list[RecordedStepOut]
    allowed_next_steps: list[CodeLabel]


class ActorOut(msgspec.Struct):
    principal_id: str
    role: str
    institution_id: UUID | None


class EventOut(msgspec.Struct):
    position: int
    aggregate_id: UUID
    aggregate_type: str
    version: int
    event: str
    clause: str
    actor: ActorOut
    recorded_at: datetime
    effective_at: datetime
    correlation_id: str
    causation_id: str
    step: str | None = None
    step_name: Label | None = None
    data: dict[str, Any] = msgspec.field(default_factory=dict)


class HistoryOut(msgspec.Struct):
    case_id: UUID
    version: int
    events: list[EventOut]


class FeedOut(msgspec.Struct):
    events: list[EventOut]
    next_after: int
    head: int


class InstitutionOut(msgspec.Struct):
    id: UUID
    version: int
    name: str
    kind: CodeLabel
    district: str | None
    address: str | None
    phone: str | None
    registered_at: datetime


class InstitutionListItem(msgspec.Struct):
    id: UUID
    name: str
    kind: CodeLabel
    district: str | None


class ClientOut(msgspec.Struct):
    id: UUID
    version: int
    registered_by: UUID | None
    registered_at: datetime
    profile: dict[str, Any]


class LedgerRow(msgspec.Struct):
    case_id: UUID
    institution_id: UUID
    institution_name: str | None
    service_type: CodeLabel
    client_id: UUID
    client_name: str | None
    status: CodeLabel
    opened_at: datetime
    closed_at: datetime | None
    last_step: CodeLabel | None
    last_step_at: datetime | None
    step_count: int


class LedgerPage(msgspec.Struct):
    items: list[LedgerRow]
    total: int
    limit: int
    offset: int
    position: int


class HealthOut(msgspec.Struct):
    status: str


class ReadyOut(msgspec.Struct):
    status: str
    store: bool
    projections: dict[str, str]
    warnings: Annotated[
        list[str],
        msgspec.Meta(
            description="What an operator should see to soon, such as the working-day calendar running out;"
            " readiness does not depend on them"
        ),
    ] = []

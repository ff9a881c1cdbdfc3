"""Request and response bodies of the registry routes (clause 6), all documented in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

import msgspec

from api.schemas import AwareDatetime, CodeLabel
from domain.labels import Label
from domain.registries import Retirement, Training


class RegisterRecordRequest(msgspec.Struct, kw_only=True):
    """Plus the kind's profile fields (see `profile_schema` in `GET /v1/registries`), at the top level."""

    institution_id: UUID | None = None
    effective_at: AwareDatetime | None = None


class ReviseRecordRequest(msgspec.Struct, kw_only=True):
    """Plus the whole new profile (see `profile_schema` in `GET /v1/registries`), at the top level."""

    effective_at: AwareDatetime | None = None


class RetireRequest(Retirement, kw_only=True):
    effective_at: AwareDatetime | None = None


class TrainingRequest(Training, kw_only=True):
    effective_at: AwareDatetime | None = None


class RegistryKindOut(msgspec.Struct):
    code: str
    clause: str
    name: Label
    institution_required: bool
    status: dict[str, Label]
    category_field: str | None
    vocabularies: dict[str, dict[str, Label]]
    profile_schema: dict[str, Any]
    training_kinds: list[CodeLabel] | None


class TrainingOut(msgspec.Struct):
    version: int
    kind: CodeLabel
    date: dt.date
    hours: float
    provider: str
    topic: str
    certificate: str | None
    note: str | None
    recorded_at: dt.datetime


class RecordOut(msgspec.Struct):
    id: UUID
    version: int
    kind: CodeLabel
    institution_id: UUID | None
    name: str
    status: CodeLabel
    profile: dict[str, Any]
    labels: dict[str, dict[str, Label]]
    registered_at: dt.datetime
    updated_at: dt.datetime
    retired_at: dt.datetime | None
    retirement: dict[str, Any] | None
    trainings: list[TrainingOut] | None


class RecordListItem(msgspec.Struct):
    id: UUID
    version: int
    institution_id: UUID | None
    name: str
    category: CodeLabel | None
    status: CodeLabel
    profile: dict[str, Any]
    labels: dict[str, dict[str, Label]]
    registered_at: dt.datetime
    updated_at: dt.datetime
    retired_at: dt.datetime | None
    training_count: int | None
    training_hours: float | None


class RecordPage(msgspec.Struct):
    kind: CodeLabel
    items: list[RecordListItem]
    total: int
    limit: int
    offset: int
    position: int


class StaffMemberOut(msgspec.Struct):
    id: UUID
    name: str
    employment: CodeLabel
    education: CodeLabel
    status: CodeLabel
    active: bool
    training_count: int
    training_hours: float


class StaffingOut(msgspec.Struct):
    institution_id: UUID
    clause: str
    rule: Label
    compliant: bool
    status: CodeLabel
    full_time: int
    part_time: int
    staff: list[StaffMemberOut]
    position: int


class TrainingRow(msgspec.Struct):
    staff_id: UUID
    staff_name: str
    version: int
    kind: CodeLabel
    date: dt.date
    hours: float
    provider: str
    topic: str
    certificate: str | None
    recorded_at: dt.datetime


class TrainingLedgerOut(msgspec.Struct):
    institution_id: UUID
    items: list[TrainingRow]
    total: int
    total_hours: float
    limit: int
    offset: int
    position: int

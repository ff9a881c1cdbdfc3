"""The registries of clause 6: staff (6.1), experts (6.3.b), knowledge base (6.3.d), outside bodies (6.3.a).

Lists come from the `registries` read model (see `min_position`); one record comes from its aggregate.
Registries are read city-wide; a record is managed by its institution's keys, a city-wide one by admin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Request, Response, get, post, put
from litestar.params import FromPath, QueryParameter
from litestar.types import ASGIApp

from api.access import Permission, Principal
from api.errors import NotFound
from api.parameters import Offset
from api.presenters import local, local_text
from api.problems import READ, problems
from api.registries_commands import RegistryCommands
from api.registries_schemas import (
    RecordListItem,
    RecordOut,
    RecordPage,
    RegisterRecordRequest,
    RegistryKindOut,
    RetireRequest,
    ReviseRecordRequest,
    StaffingOut,
    StaffMemberOut,
    TrainingLedgerOut,
    TrainingOut,
    TrainingRequest,
    TrainingRow,
)
from api.routes.common import (
    IDEMPOTENCY_KEY,
    IF_MATCH,
    idempotency,
    if_match,
    json_body,
    parse_envelope,
    provenance,
    write_response,
    write_route,
)
from api.routes.reads import MinPosition, caught_up
from api.schemas import CodeLabel, WhenRequest
from api.services import Services
from domain.errors import InvalidPayload
from domain.parties import Institution
from domain.registries import (
    ACTIVE,
    EDUCATION_LABELS,
    EMPLOYMENT_LABELS,
    KINDS,
    RETIRED,
    STAFFING_CLAUSE,
    STAFFING_RULE,
    STAFFING_STATUS,
    TRAINING_KINDS,
    Education,
    Employment,
    KindSpec,
    RegistryKind,
    RegistryRecord,
    Retirement,
    Training,
    TrainingKind,
    profile_labels,
    staffing,
)
from projections import registries
from projections.registries import RecordFilters, TrainingFilters

PROJECTION = "registries"


# Presenters ------------------------------------------------------------------------------------------------------


def kind_label(spec: KindSpec) -> CodeLabel:
    return CodeLabel(spec.code.value, spec.name, spec.clause)


def status_label(spec: KindSpec, active: bool) -> CodeLabel:
    code = ACTIVE if active else RETIRED
    return CodeLabel(code, spec.status[code])


def training_kind_label(code: str) -> CodeLabel:
    spec = TRAINING_KINDS[TrainingKind(code)]
    return CodeLabel(code, spec.name, spec.clause)


def record_out(record: RegistryRecord) -> RecordOut:
    spec = record.spec
    trainings = None
    if spec.trainings:
        trainings = [
            TrainingOut(
                version=t["version"],
                kind=training_kind_label(t["kind"]),
                date=dt.date.fromisoformat(t["date"]),
                hours=float(t["hours"]),
                provider=t["provider"],
                topic=t["topic"],
                certificate=t.get("certificate"),
                note=t.get("note"),
                recorded_at=local(t["recorded_at"]) or t["recorded_at"],
            )
            for t in record.trainings
        ]
    return RecordOut(
        id=record.id,
        version=record.version,
        kind=kind_label(spec),
        institution_id=record.institution_id,
        name=record.title,
        status=status_label(spec, record.active),
        profile=record.profile,
        labels=profile_labels(spec, record.profile),
        registered_at=local(record.registered_at) or record.registered_at,
        updated_at=local(record.updated_at) or record.updated_at,
        retired_at=local(record.retired_at),
        retirement=record.retirement,
        trainings=trainings,
    )


def _category(spec: KindSpec, code: str | None) -> CodeLabel | None:
    if code is None or spec.category_field is None:
        return None
    labels = profile_labels(spec, {spec.category_field: code}).get(spec.category_field, {})
    return CodeLabel(code, labels[code]) if code in labels else None


def list_item(spec: KindSpec, row: dict[str, Any]) -> RecordListItem:
    profile: dict[str, Any] = msgspec.json.decode(row["profile"])
    return RecordListItem(
        id=UUID(row["record_id"]),
        version=int(row["version"]),
        institution_id=UUID(row["institution_id"]) if row["institution_id"] else None,
        name=row["name"],
        category=_category(spec, row["category"]),
        status=status_label(spec, bool(row["active"])),
        profile=profile,
        labels=profile_labels(spec, profile),
        registered_at=local_text(row["registered_at"]) or dt.datetime.fromisoformat(row["registered_at"]),
        updated_at=local_text(row["updated_at"]) or dt.datetime.fromisoformat(row["updated_at"]),
        retired_at=local_text(row["retired_at"]),
        training_count=int(row["training_count"]) if spec.trainings else None,
        training_hours=float(row["training_hours"]) if spec.trainings else None,
    )


def _commands(services: Services) -> RegistryCommands:
    return RegistryCommands(services.commands)


# Routes ----------------------------------------------------------------------------------------------------------


@get(
    "/v1/registries",
    tags=["registries"],
    summary="The kinds of registry (clause 6): clause, profile schema and vocabularies of each",
    opt={"permission": Permission.READ_REGISTRIES},
    responses=READ,
)
async def registry_kinds() -> list[RegistryKindOut]:
    return [
        RegistryKindOut(
            code=spec.code.value,
            clause=spec.clause,
            name=spec.name,
            institution_required=spec.institution_required,
            status=dict(spec.status),
            category_field=spec.category_field,
            vocabularies={
                name: {str(code): label for code, label in labels.items()} for name, labels in spec.vocabularies.items()
            },
            profile_schema=msgspec.json.schema(spec.profile),
            training_kinds=[training_kind_label(k.value) for k in TrainingKind] if spec.trainings else None,
        )
        for spec in KINDS.values()
    ]


@post(
    "/v1/registries/{kind:str}",
    tags=["registries"],
    summary="Register a record (a staff member, an expert, a knowledge-base entry, an outside body)",
    opt={"permission": Permission.MANAGE_REGISTRIES},
    **write_route(RegisterRecordRequest, IDEMPOTENCY_KEY, located=True),
)
async def register_record(
    request: Request[Principal, Any, Any],
    kind: FromPath[RegistryKind],
) -> ASGIApp:
    services: Services = request.app.state.services
    body = await json_body(request)
    envelope, profile = parse_envelope(body, RegisterRecordRequest, lambda: KINDS[kind].profile)
    result = await _commands(services).register(
        request.user,
        kind,
        envelope.institution_id,
        profile,
        provenance(request, envelope.effective_at),
        idempotency(request, body),
    )
    return write_response(result, f"/v1/registries/{kind.value}/{result.id}")


@get(
    "/v1/registries/{kind:str}",
    tags=["registries"],
    summary="List a registry (a read model: see `min_position`)",
    opt={"permission": Permission.READ_REGISTRIES},
    responses={**READ, **problems(503)},
)
async def list_records(
    request: Request[Principal, Any, Any],
    kind: FromPath[RegistryKind],
    institution_id: Annotated[UUID | None, QueryParameter(description="Only this institution's records")] = None,
    city_wide: Annotated[
        bool | None, QueryParameter(description="true: only city-wide records; false: only institutions' records")
    ] = None,
    q: Annotated[
        str | None, QueryParameter(max_length=200, description="Substring of the name (or title), any case")
    ] = None,
    active: Annotated[bool | None, QueryParameter(description="true: active records; false: retired ones")] = None,
    category: Annotated[
        str | None,
        QueryParameter(description="A code of the kind's `category_field` (employment, availability, category, ...)"),
    ] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    offset: Offset = 0,
    min_position: MinPosition = 0,
) -> RecordPage:
    services: Services = request.app.state.services
    spec = KINDS[kind]
    if category is not None and spec.category_field is not None:
        known = [str(code) for code in spec.vocabularies[spec.category_field]]
        if category not in known:
            raise InvalidPayload(f"category: {category!r} is not one of {', '.join(known)}", "category")
    position = await caught_up(services, PROJECTION, min_position)
    filters = RecordFilters(kind, institution_id, city_wide, q, active, category)
    found = await services.call(registries.records_page, services.store.db, filters, limit, offset)
    return RecordPage(
        kind=kind_label(spec),
        items=[list_item(spec, row) for row in found.rows],
        total=found.total,
        limit=limit,
        offset=offset,
        position=position,
    )


@get(
    "/v1/registries/{kind:str}/{record_id:uuid}",
    tags=["registries"],
    summary="One record, with its training records for staff (6.1.3)",
    opt={"permission": Permission.READ_REGISTRIES},
    responses={**READ, **problems(404)},
)
async def get_record(
    request: Request[Principal, Any, Any], kind: FromPath[RegistryKind], record_id: FromPath[UUID]
) -> Response[RecordOut]:
    services: Services = request.app.state.services
    record = await services.call(_commands(services).load, kind, record_id)
    return Response(record_out(record), headers={"ETag": f'"{record.version}"'})


@put(
    "/v1/registries/{kind:str}/{record_id:uuid}",
    tags=["registries"],
    summary="Revise a record: the whole new profile",
    opt={"permission": Permission.MANAGE_REGISTRIES},
    **write_route(ReviseRecordRequest, IF_MATCH, IDEMPOTENCY_KEY, status=200, refusals=(409, 412, 428)),
)
async def revise_record(
    request: Request[Principal, Any, Any],
    kind: FromPath[RegistryKind],
    record_id: FromPath[UUID],
) -> ASGIApp:
    services: Services = request.app.state.services
    body = await json_body(request)
    envelope, profile = parse_envelope(body, ReviseRecordRequest, lambda: KINDS[kind].profile)
    result = await _commands(services).revise(
        request.user,
        kind,
        record_id,
        profile,
        provenance(request, envelope.effective_at),
        if_match(request.headers.get("if-match")),
        idempotency(request, body),
    )
    return write_response(result, status=200)  # a new version of the same record


@post(
    "/v1/registries/{kind:str}/{record_id:uuid}/retire",
    tags=["registries"],
    summary="Retire a record (a staff member left, an expert withdrew, an entry is obsolete ...)",
    opt={"permission": Permission.MANAGE_REGISTRIES},
    **write_route(RetireRequest, IF_MATCH, IDEMPOTENCY_KEY, refusals=(409, 412)),
)
async def retire_record(
    request: Request[Principal, Any, Any],
    kind: FromPath[RegistryKind],
    record_id: FromPath[UUID],
) -> ASGIApp:
    body = await json_body(request)
    envelope, retirement = parse_envelope(body, WhenRequest, lambda: Retirement)
    meta = provenance(request, envelope.effective_at)
    return await _change(request, kind, record_id, body, lambda record: record.retire(retirement, meta))


@post(
    "/v1/registries/{kind:str}/{record_id:uuid}/trainings",
    tags=["registries"],
    summary="Record a training of a staff member (6.1.3); staff is the only kind that keeps trainings",
    opt={"permission": Permission.MANAGE_REGISTRIES},
    **write_route(TrainingRequest, IF_MATCH, IDEMPOTENCY_KEY, refusals=(409, 412)),
)
async def record_training(
    request: Request[Principal, Any, Any],
    kind: FromPath[RegistryKind],
    record_id: FromPath[UUID],
) -> ASGIApp:
    if not KINDS[kind].trainings:
        raise NotFound(f"{kind.value} records keep no trainings; only staff do (6.1.3)")
    body = await json_body(request)
    envelope, training = parse_envelope(body, WhenRequest, lambda: Training)
    meta = provenance(request, envelope.effective_at)
    return await _change(request, kind, record_id, body, lambda record: record.record_training(training, meta))


async def _change(
    request: Request[Principal, Any, Any],
    kind: RegistryKind,
    record_id: UUID,
    body: dict[str, Any],
    change: Callable[[RegistryRecord], None],
) -> ASGIApp:
    commands = _commands(request.app.state.services)
    if_matched, idem = if_match(request.headers.get("if-match")), idempotency(request, body)
    return write_response(await commands.change(request.user, record_id, kind, change, if_matched, idem))


async def _institution_exists(services: Services, institution_id: UUID) -> None:
    if await services.call(services.store.get, institution_id, Institution) is None:
        raise NotFound(f"institution {institution_id} does not exist")


@get(
    "/v1/institutions/{institution_id:uuid}/staffing",
    tags=["registries"],
    summary="The staffing check of 6.1.1: at least one full-time or two part-time active IP service staff",
    opt={"permission": Permission.READ_REGISTRIES},
    responses={**READ, **problems(404, 503)},
)
async def institution_staffing(
    request: Request[Principal, Any, Any], institution_id: FromPath[UUID], min_position: MinPosition = 0
) -> StaffingOut:
    services: Services = request.app.state.services
    await _institution_exists(services, institution_id)
    position = await caught_up(services, PROJECTION, min_position)
    rows = await services.call(registries.staff, services.store.db, institution_id)
    spec = KINDS[RegistryKind.STAFF]
    check = staffing(row["category"] for row in rows if row["active"])
    code, label = STAFFING_STATUS[check.compliant]
    staff = []
    for row in rows:
        employment = Employment(row["category"])
        education = Education(msgspec.json.decode(row["profile"])["education"])
        staff.append(
            StaffMemberOut(
                id=UUID(row["record_id"]),
                name=row["name"],
                employment=CodeLabel(employment.value, EMPLOYMENT_LABELS[employment]),
                education=CodeLabel(education.value, EDUCATION_LABELS[education]),
                status=status_label(spec, bool(row["active"])),
                active=bool(row["active"]),
                training_count=int(row["training_count"]),
                training_hours=float(row["training_hours"]),
            )
        )
    return StaffingOut(
        institution_id=institution_id,
        clause=STAFFING_CLAUSE,
        rule=STAFFING_RULE,
        compliant=check.compliant,
        status=CodeLabel(code, label, STAFFING_CLAUSE),
        full_time=check.full_time,
        part_time=check.part_time,
        staff=staff,
        position=position,
    )


@get(
    "/v1/institutions/{institution_id:uuid}/trainings",
    tags=["registries"],
    summary="The training ledger of an institution's staff (6.1.3), newest first",
    opt={"permission": Permission.READ_REGISTRIES},
    responses={**READ, **problems(404, 503)},
)
async def institution_trainings(
    request: Request[Principal, Any, Any],
    institution_id: FromPath[UUID],
    staff_id: Annotated[UUID | None, QueryParameter(description="Only this staff member's trainings")] = None,
    kind: Annotated[TrainingKind | None, QueryParameter(description="Only trainings of this kind")] = None,
    date_from: Annotated[dt.date | None, QueryParameter(name="from", description="Held on or after")] = None,
    date_to: Annotated[dt.date | None, QueryParameter(name="to", description="Held on or before")] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    offset: Offset = 0,
    min_position: MinPosition = 0,
) -> TrainingLedgerOut:
    services: Services = request.app.state.services
    await _institution_exists(services, institution_id)
    position = await caught_up(services, PROJECTION, min_position)
    filters = TrainingFilters(institution_id, staff_id, kind.value if kind else None, date_from, date_to)
    found = await services.call(registries.trainings_page, services.store.db, filters, limit, offset)
    return TrainingLedgerOut(
        institution_id=institution_id,
        items=[
            TrainingRow(
                staff_id=UUID(row["record_id"]),
                staff_name=row["staff_name"],
                version=int(row["version"]),
                kind=training_kind_label(row["kind"]),
                date=dt.date.fromisoformat(row["held_on"]),
                hours=float(row["hours"]),
                provider=row["provider"],
                topic=row["topic"],
                certificate=row["certificate"],
                recorded_at=local_text(row["recorded_at"]) or dt.datetime.fromisoformat(row["recorded_at"]),
            )
            for row in found.rows
        ],
        total=found.total,
        total_hours=float(found.totals["hours"]),
        limit=limit,
        offset=offset,
        position=position,
    )


ROUTES = [
    registry_kinds,
    register_record,
    list_records,
    get_record,
    revise_record,
    retire_record,
    record_training,
    institution_staffing,
    institution_trainings,
]
"""The handlers to add to `api.app.V1_HANDLERS`."""

"""GET /v1/ledgers/services: the service ledger 服务台账, filtered, sorted and paged, or exported."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from litestar import Request, Response, get
from litestar.params import QueryParameter

from api.access import Permission, Principal
from api.errors import Forbidden
from api.exports import CSV, XLSX, Column, ExportOperation, attachment, to_csv, to_xlsx
from api.parameters import Offset
from api.presenters import local_text
from api.problems import READ, problems
from api.routes.cases import STATUS_LABELS
from api.routes.reads import MinPosition, caught_up
from api.schemas import CodeLabel, LedgerPage, LedgerRow
from api.services import Services
from domain.catalogue import service_type
from domain.errors import InvalidPayload, UnknownCode
from projections import ledger
from projections.ledger import LedgerFilters, LedgerSort

EXPORT_MAX_ROWS = 100_000


class LedgerFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


EXPORT_COLUMNS: tuple[Column[LedgerRow], ...] = (
    Column("案件编号", lambda r: str(r.case_id), 38),
    Column("服务机构", lambda r: r.institution_name, 30),
    Column("服务类型", lambda r: r.service_type.name.zh, 18),
    Column("条款", lambda r: r.service_type.clause, 8),
    Column("服务对象", lambda r: r.client_name, 30),
    Column("状态", lambda r: r.status.name.zh, 8),
    Column("受理时间", lambda r: r.opened_at, 18),
    Column("办结时间", lambda r: r.closed_at, 18),
    Column("最近步骤", lambda r: r.last_step.name.zh if r.last_step else None, 24),
    Column("最近步骤时间", lambda r: r.last_step_at, 18),
    Column("步骤数", lambda r: r.step_count, 8),
)


def _row(row: dict[str, Any]) -> LedgerRow:
    kind = service_type(row["service_type"])
    last = row["last_step"]
    return LedgerRow(
        case_id=UUID(row["case_id"]),
        institution_id=UUID(row["institution_id"]),
        institution_name=row["institution_name"],
        service_type=CodeLabel(kind.code, kind.name, kind.clause),
        client_id=UUID(row["client_id"]),
        client_name=row["client_name"],
        status=CodeLabel(row["status"], STATUS_LABELS[row["status"]]),
        opened_at=local_text(row["opened_at"]) or datetime.fromisoformat(row["opened_at"]),
        closed_at=local_text(row["closed_at"]),
        last_step=CodeLabel(last, kind.step(last).name, kind.step(last).clause) if last else None,
        last_step_at=local_text(row["last_step_at"]),
        step_count=int(row["step_count"]),
    )


@get(
    "/v1/ledgers/services",
    tags=["ledgers"],
    summary="The service ledger 服务台账 (JSON page, or the whole filtered ledger as CSV or .xlsx)",
    opt={"permission": Permission.READ_LEDGERS},
    description="With `format=csv` the answer is `text/csv` (UTF-8 with BOM); with `format=xlsx` it is "
    + XLSX
    + "; both hold every row that matches the filters (up to 100,000), with Chinese headers and times in"
    " Asia/Shanghai.",
    responses={**READ, **problems(422, 503)},
    operation_class=ExportOperation,
)
async def service_ledger(
    request: Request[Principal, Any, Any],
    institution_id: Annotated[UUID | None, QueryParameter(description="Only this institution's cases")] = None,
    service_type_code: Annotated[str | None, QueryParameter(name="service_type")] = None,
    status: Annotated[str | None, QueryParameter(description="open or closed")] = None,
    client_id: Annotated[UUID | None, QueryParameter()] = None,
    opened_from: Annotated[datetime | None, QueryParameter(description="Opened at or after (RFC 3339)")] = None,
    opened_to: Annotated[datetime | None, QueryParameter(description="Opened before (RFC 3339)")] = None,
    sort: Annotated[LedgerSort, QueryParameter()] = LedgerSort.OPENED_AT_DESC,
    limit: Annotated[int, QueryParameter(ge=1, le=1000, description="Page size (JSON only)")] = 100,
    offset: Offset = 0,
    format: Annotated[LedgerFormat, QueryParameter(description="json (default), csv or xlsx")] = LedgerFormat.JSON,
    min_position: MinPosition = 0,
) -> Response[LedgerPage]:
    services: Services = request.app.state.services
    who = request.user
    if institution_id is not None and not who.sees(institution_id):
        raise Forbidden("this key sees only its own institution's ledger")
    if service_type_code is not None:
        service_type(service_type_code)  # 422 for an unknown code
    if status is not None and status not in STATUS_LABELS:
        raise UnknownCode("status", status, list(STATUS_LABELS))
    position = await caught_up(services, "service_ledger", min_position)
    filters = LedgerFilters(
        institution_id or who.institution_id,
        service_type_code,
        status,
        client_id,
        _aware(opened_from, "opened_from"),
        _aware(opened_to, "opened_to"),
    )
    exporting = format is not LedgerFormat.JSON
    page = (EXPORT_MAX_ROWS, 0) if exporting else (limit, offset)
    rows = await services.call(ledger.services_rows, services.store.db, filters, sort, *page)
    items = [_row(r) for r in rows]
    if format is LedgerFormat.CSV:
        body = to_csv(EXPORT_COLUMNS, items)
        return Response(body, media_type=CSV, headers=attachment("service-ledger.csv"))  # type: ignore[arg-type]
    if format is LedgerFormat.XLSX:
        body = await services.call(to_xlsx, EXPORT_COLUMNS, items, "服务台账")
        return Response(body, media_type=XLSX, headers=attachment("service-ledger.xlsx"))  # type: ignore[arg-type]
    total = await services.call(ledger.services_total, services.store.db, filters)
    return Response(LedgerPage(items=items, total=total, limit=limit, offset=offset, position=position))


def _aware(moment: datetime | None, name: str) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        raise InvalidPayload(f"{name}: a time-zone offset is required", name)
    return moment

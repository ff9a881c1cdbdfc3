"""GET /v1/ledgers/services: the service ledger 服务台账, filtered, sorted and paged (or as CSV)."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID

from litestar import MediaType, Request, Response, get
from litestar.params import QueryParameter

from api.access import Permission, Principal
from api.errors import Forbidden
from api.presenters import local, local_text
from api.problems import READ, problems
from api.routes.cases import STATUS_LABELS
from api.routes.reads import MinPosition, caught_up
from api.schemas import CodeLabel, LedgerPage, LedgerRow
from api.services import Services
from domain.catalogue import service_type
from domain.errors import InvalidPayload, UnknownCode
from projections.base import iso


class LedgerSort(StrEnum):
    OPENED_AT = "opened_at"
    OPENED_AT_DESC = "-opened_at"
    CLOSED_AT = "closed_at"
    CLOSED_AT_DESC = "-closed_at"
    LAST_STEP_AT = "last_step_at"
    LAST_STEP_AT_DESC = "-last_step_at"


class LedgerFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


CSV_HEADERS = (
    "案件编号",
    "机构",
    "服务类型",
    "服务对象",
    "状态",
    "受理时间",
    "办结时间",
    "最近步骤",
    "最近步骤时间",
    "步骤数",
)


def _row(row: dict[str, Any]) -> LedgerRow:
    kind = service_type(row["service_type"])
    last = row["last_step"]
    return LedgerRow(
        case_id=UUID(row["case_id"]),
        institution_id=UUID(row["institution_id"]),
        service_type=CodeLabel(kind.code, kind.name, kind.clause),
        client_id=UUID(row["client_id"]),
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
    summary="The service ledger 服务台账",
    opt={"permission": Permission.READ_LEDGERS},
    responses={**READ, **problems(422, 503)},
    media_type=MediaType.JSON,
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
    limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    offset: Annotated[int, QueryParameter(ge=0)] = 0,
    format: Annotated[LedgerFormat, QueryParameter(description="json (default) or csv")] = LedgerFormat.JSON,
    min_position: MinPosition = None,
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
    where, params = [], {}
    filters: dict[str, Any] = {
        "institution_id = :institution": str(institution_id or who.institution_id or "") or None,
        "service_type = :service_type": service_type_code,
        "status = :status": status,
        "client_id = :client": str(client_id) if client_id else None,
        "opened_at >= :opened_from": iso(_aware(opened_from, "opened_from")),
        "opened_at < :opened_to": iso(_aware(opened_to, "opened_to")),
    }
    for clause, value in filters.items():
        if value is not None:
            where.append(clause)
            params[clause.rsplit(":", 1)[1]] = value
    where_sql = (" WHERE " + " AND ".join(where)) if where else ""
    column = sort.value.lstrip("-")
    order = f"{column} {'DESC' if sort.value.startswith('-') else 'ASC'}, case_id"
    sql = f"SELECT * FROM ledger_services{where_sql} ORDER BY {order} LIMIT :limit OFFSET :offset"  # noqa: S608
    rows = await services.call(services.store.db.query, sql, {**params, "limit": limit, "offset": offset})
    count = await services.call(
        services.store.db.query,
        f"SELECT COUNT(*) AS n FROM ledger_services{where_sql}",  # noqa: S608
        params,
    )
    items = [_row(r) for r in rows]
    if format is LedgerFormat.CSV:
        return Response(
            _csv(items),  # type: ignore[arg-type]  # the CSV form of the same page
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="service-ledger.csv"'},
        )
    return Response(LedgerPage(items=items, total=int(count[0]["n"]), limit=limit, offset=offset, position=position))


def _aware(moment: datetime | None, name: str) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        raise InvalidPayload(f"{name}: a time-zone offset is required", name)
    return moment


def _csv(items: list[LedgerRow]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read the Chinese headers as UTF-8
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    for i in items:
        writer.writerow(
            [
                i.case_id,
                i.institution_id,
                i.service_type.name.zh,
                i.client_id,
                i.status.name.zh,
                _fmt(i.opened_at),
                _fmt(i.closed_at),
                i.last_step.name.zh if i.last_step else "",
                _fmt(i.last_step_at),
                i.step_count,
            ]
        )
    return out.getvalue()


def _fmt(moment: datetime | None) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""  # type: ignore[union-attr]

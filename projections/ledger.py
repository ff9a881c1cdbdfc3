"""服务台账 The service ledger: one row per case (spec 5.1, DESIGN "ledgers")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.parties import Client, Institution
from infra.db import Cursor, Database, Row
from projections.base import Handler, Projection, Table, insert_new_cases, iso, update_cases_from, where

LEDGER = Table(
    name="ledger_services",
    columns="""
        case_id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL,
        service_type TEXT NOT NULL,
        client_id TEXT NOT NULL,
        status TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        closed_at TEXT,
        last_step TEXT,
        last_step_at TEXT,
        step_count INTEGER NOT NULL,
        version INTEGER NOT NULL,
        position BIGINT NOT NULL
    """,
    indexes=("institution_id, opened_at", "opened_at", "service_type, opened_at", "client_id"),
)


_ADVANCE_CASE = (
    "last_step = r.last_step, last_step_at = r.last_step_at, step_count = {table}.step_count + r.steps,"
    " status = CASE WHEN r.closes = 1 THEN 'closed' ELSE {table}.status END,"
    " closed_at = CASE WHEN r.closes = 1 AND {table}.closed_at IS NULL THEN r.closed_at ELSE {table}.closed_at END,"
    " version = r.version, position = r.position"
)
_ADVANCE_COLUMNS = {
    "case_id": "text",
    "last_step": "text",
    "last_step_at": "text",
    "steps": "integer",
    "closes": "integer",
    "closed_at": "text",
    "version": "integer",
    "position": "bigint",
    "first_version": "integer",
}


@dataclass
class _CaseRow:
    """A case's ledger row, or (`opened` False) what some of its steps add to the row already stored."""

    case_id: UUID
    first_version: int
    version: int
    position: int
    opened: dict[str, Any] | None = None
    steps: int = 0
    last_step: str | None = None
    last_step_at: datetime | None = None
    closed_at: datetime | None = None

    def add_step(self, event: ServiceCase.StepRecorded, position: int) -> None:
        self.steps += 1
        self.last_step, self.last_step_at = event.step, event.effective_at
        if self.closed_at is None and event.step in service_type(event.service_type).closing_steps:
            self.closed_at = event.effective_at
        self.version, self.position = event.originator_version, position

    def insert_params(self, opened: dict[str, Any]) -> dict[str, Any]:
        return {
            **opened,
            "status": "closed" if self.closed_at else "open",
            "closed_at": iso(self.closed_at),
            "last_step": self.last_step,
            "last_step_at": iso(self.last_step_at),
            "step_count": self.steps,
            "version": self.version,
            "position": self.position,
        }

    def advance_params(self) -> dict[str, Any]:
        return {
            "case_id": str(self.case_id),
            "last_step": self.last_step,
            "last_step_at": iso(self.last_step_at),
            "steps": self.steps,
            "closes": 1 if self.closed_at else 0,
            "closed_at": iso(self.closed_at),
            "version": self.version,
            "position": self.position,
            "first_version": self.first_version,
        }


def _gathered(cur: Cursor) -> dict[UUID, _CaseRow]:
    rows: dict[UUID, _CaseRow] = cur.memo.setdefault("ledger rows", {})
    return rows


def case_opened(cur: Cursor, event: ServiceCase.Opened, position: int, tables: Mapping[str, str]) -> None:
    version = event.originator_version
    opened = _opened_params(event, position)
    _gathered(cur)[event.originator_id] = _CaseRow(event.originator_id, version, version, position, opened)


def step_recorded(cur: Cursor, event: ServiceCase.StepRecorded, position: int, tables: Mapping[str, str]) -> None:
    rows = _gathered(cur)
    row = rows.get(event.originator_id)
    if row is None:
        row = rows[event.originator_id] = _CaseRow(event.originator_id, event.originator_version, 0, 0)
    row.add_step(event, position)


def write_cases(cur: Cursor, tables: Mapping[str, str]) -> None:
    """Each case's events of the batch folded into one row to insert (opened in the batch) or one update
    (steps on a row already stored): one statement for each kind."""
    rows = cur.memo.pop("ledger rows", {}).values()
    table = tables["ledger_services"]
    insert_new_cases(cur, table, [row.insert_params(row.opened) for row in rows if row.opened is not None])
    advances = [row.advance_params() for row in rows if row.opened is None]
    if advances:
        source = cur.json_typed_rows(_ADVANCE_COLUMNS, "rows")
        assignments = _ADVANCE_CASE.format(table=table)
        update_cases_from(cur, table, assignments, source, advances, f"{table}.version < r.first_version")


def _opened_params(event: ServiceCase.Opened, position: int) -> dict[str, Any]:
    return {
        "case_id": str(event.originator_id),
        "institution_id": str(event.institution_id),
        "service_type": event.service_type,
        "client_id": str(event.client_id),
        "opened_at": iso(event.effective_at),
        "version": event.originator_version,
        "position": position,
    }


NAMES = Table(
    name="ledger_names",
    columns="""
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL
    """,
)


def named(kind: str) -> Handler:
    def handler(cur: Cursor, event: Any, position: int, tables: Mapping[str, str]) -> None:
        cur.execute(
            f"INSERT INTO {tables['ledger_names']} (id, kind, name) VALUES (:id, :kind, :name)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            {"id": str(event.originator_id), "kind": kind, "name": event.profile["name"]},
        )

    return handler


SERVICE_LEDGER = Projection(
    name="service_ledger",
    tables=(LEDGER, NAMES),
    handlers={
        ServiceCase.Opened: case_opened,
        ServiceCase.StepRecorded: step_recorded,
        Institution.Registered: named("institution"),
        Client.Registered: named("client"),
    },
    finish=write_cases,
)


class LedgerSort(StrEnum):
    OPENED_AT = "opened_at"
    OPENED_AT_DESC = "-opened_at"
    CLOSED_AT = "closed_at"
    CLOSED_AT_DESC = "-closed_at"
    LAST_STEP_AT = "last_step_at"
    LAST_STEP_AT_DESC = "-last_step_at"


@dataclass(frozen=True)
class LedgerFilters:
    institution_id: UUID | None = None
    service_type: str | None = None
    status: str | None = None
    client_id: UUID | None = None
    opened_from: datetime | None = None
    opened_to: datetime | None = None

    def where(self) -> tuple[str, dict[str, Any]]:
        return where(
            {
                "l.institution_id = :institution": self.institution_id,
                "l.service_type = :service_type": self.service_type,
                "l.status = :status": self.status,
                "l.client_id = :client": self.client_id,
                "l.opened_at >= :opened_from": self.opened_from,
                "l.opened_at < :opened_to": self.opened_to,
            }
        )


def services_rows(db: Database, filters: LedgerFilters, sort: LedgerSort, limit: int, offset: int) -> list[Row]:
    """The ledger's rows with the institution's and client's names, in `sort` order (ties by case)."""
    where_sql, params = filters.where()
    order = f"l.{sort.value.lstrip('-')} {'DESC' if sort.value.startswith('-') else 'ASC'}, l.case_id"
    return db.query(
        "SELECT l.*, i.name AS institution_name, c.name AS client_name FROM ledger_services l"
        " LEFT JOIN ledger_names i ON i.id = l.institution_id LEFT JOIN ledger_names c ON c.id = l.client_id"
        f"{where_sql} ORDER BY {order} LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": offset},
    )


def services_total(db: Database, filters: LedgerFilters) -> int:
    where_sql, params = filters.where()
    return int(db.query(f"SELECT COUNT(*) AS n FROM ledger_services l{where_sql}", params)[0]["n"])


def institution_names(db: Database) -> dict[str, str]:
    return {r["id"]: r["name"] for r in db.query("SELECT id, name FROM ledger_names WHERE kind = 'institution'")}

"""服务台账 The service ledger: one row per case (spec 5.1, DESIGN "ledgers")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.parties import Client, Institution
from infra.db import Database, Row
from projections.base import Change, Evolve, Projection, Put, Rows, Table, iso, where

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
    of="case_id",
)


def case_opened(rows: Rows, event: ServiceCase.Opened, position: int) -> Iterator[Change]:
    if rows.get("ledger_services", str(event.originator_id)) is not None:
        return  # seen already
    yield Put(
        "ledger_services",
        {
            "case_id": str(event.originator_id),
            "institution_id": str(event.institution_id),
            "service_type": event.service_type,
            "client_id": str(event.client_id),
            "status": "open",
            "opened_at": iso(event.effective_at),
            "closed_at": None,
            "last_step": None,
            "last_step_at": None,
            "step_count": 0,
            "version": event.originator_version,
            "position": position,
        },
    )


def step_recorded(rows: Rows, event: ServiceCase.StepRecorded, position: int) -> Iterator[Change]:
    case = rows.advancing("ledger_services", event)
    if case is None:
        return
    at = iso(event.effective_at)
    closes = event.step in service_type(event.service_type).closing_steps
    yield Put(
        "ledger_services",
        {
            **case,
            "status": "closed" if closes else case["status"],
            "closed_at": case["closed_at"] or (at if closes else None),
            "last_step": event.step,
            "last_step_at": at,
            "step_count": case["step_count"] + 1,
            "version": event.originator_version,
            "position": position,
        },
    )


NAMES = Table(
    name="ledger_names",
    columns="""
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL
    """,
)


def named(kind: str) -> Evolve:
    def registered(rows: Rows, event: Any, position: int) -> Iterator[Change]:
        yield Put("ledger_names", {"id": str(event.originator_id), "kind": kind, "name": event.profile["name"]})

    return registered


SERVICE_LEDGER = Projection(
    name="service_ledger",
    tables=(LEDGER, NAMES),
    handlers={
        ServiceCase.Opened: case_opened,
        ServiceCase.StepRecorded: step_recorded,
        Institution.Registered: named("institution"),
        Client.Registered: named("client"),
    },
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

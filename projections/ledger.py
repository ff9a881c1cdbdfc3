"""服务台账 The service ledger: one row per case (spec 5.1, DESIGN "ledgers")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.registry import Client, Institution
from infra.db import Cursor
from projections.base import Handler, Projection, Table, iso

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


def case_opened(cur: Cursor, event: ServiceCase.Opened, position: int, tables: Mapping[str, str]) -> None:
    cur.execute(
        f"INSERT INTO {tables['ledger_services']} (case_id, institution_id, service_type, client_id, status,"
        " opened_at, step_count, version, position)"
        " VALUES (:case_id, :institution_id, :service_type, :client_id, 'open', :opened_at, 0, :version, :position)"
        " ON CONFLICT (case_id) DO NOTHING",
        {
            "case_id": str(event.originator_id),
            "institution_id": str(event.institution_id),
            "service_type": event.service_type,
            "client_id": str(event.client_id),
            "opened_at": iso(event.effective_at),
            "version": event.originator_version,
            "position": position,
        },
    )


def step_recorded(cur: Cursor, event: ServiceCase.StepRecorded, position: int, tables: Mapping[str, str]) -> None:
    table = tables["ledger_services"]
    closes = event.step in service_type(event.service_type).closing_steps
    cur.execute(
        f"UPDATE {table} SET last_step = :step, last_step_at = :at, step_count = step_count + 1,"
        " status = CASE WHEN :closes = 1 THEN 'closed' ELSE status END,"
        " closed_at = CASE WHEN :closes = 1 AND closed_at IS NULL THEN :at ELSE closed_at END,"
        " version = :version, position = :position"
        " WHERE case_id = :id AND version < :version",
        {
            "id": str(event.originator_id),
            "step": event.step,
            "at": iso(event.effective_at),
            "closes": 1 if closes else 0,
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
)

"""Counts behind the conformance report: how often each clause's step was recorded, per institution and month."""

from __future__ import annotations

from collections.abc import Mapping

from domain.case import ServiceCase
from infra.db import Cursor
from projections.base import Projection, Table, case_row, remember_case
from projections.evaluation_stats import month_of

COUNTS = Table(
    name="conformance_counts",
    columns="""
        institution_id TEXT NOT NULL,
        month TEXT NOT NULL,
        service_type TEXT NOT NULL,
        step TEXT NOT NULL,
        clause TEXT NOT NULL,
        recorded INTEGER NOT NULL,
        PRIMARY KEY (institution_id, month, service_type, step)
    """,
)

CASES = Table(
    name="conformance_cases",
    columns="""
        case_id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL
    """,
)


def _count(
    cur: Cursor, tables: Mapping[str, str], institution: str, month: str, kind: str, step: str, clause: str
) -> None:
    cur.execute(
        f"INSERT INTO {tables['conformance_counts']} (institution_id, month, service_type, step, clause, recorded)"
        " VALUES (:institution, :month, :type, :step, :clause, 1)"
        " ON CONFLICT (institution_id, month, service_type, step) DO UPDATE SET recorded = "
        f"{tables['conformance_counts']}.recorded + 1",
        {"institution": institution, "month": month, "type": kind, "step": step, "clause": clause},
    )


def opened(cur: Cursor, event: ServiceCase.Opened, position: int, tables: Mapping[str, str]) -> None:
    row = {"case_id": str(event.originator_id), "institution_id": str(event.institution_id)}
    cur.execute(
        f"INSERT INTO {tables['conformance_cases']} (case_id, institution_id) VALUES (:case_id, :institution_id)"
        " ON CONFLICT (case_id) DO NOTHING",
        row,
    )
    remember_case(cur, tables["conformance_cases"], row)
    _count(
        cur, tables, str(event.institution_id), month_of(event.effective_at), event.service_type, "opened", event.clause
    )


def step_recorded(cur: Cursor, event: ServiceCase.StepRecorded, position: int, tables: Mapping[str, str]) -> None:
    case = case_row(cur, tables["conformance_cases"], str(event.originator_id))
    if case is not None:
        _count(
            cur,
            tables,
            case["institution_id"],
            month_of(event.effective_at),
            event.service_type,
            event.step,
            event.clause,
        )


CONFORMANCE = Projection(
    name="conformance",
    tables=(COUNTS, CASES),
    handlers={ServiceCase.Opened: opened, ServiceCase.StepRecorded: step_recorded},
    case_tables=("conformance_cases",),
)

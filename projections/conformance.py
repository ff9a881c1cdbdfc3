"""Counts behind the conformance report: how often each clause's step was recorded, per institution and month."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from uuid import UUID

from domain.case import ServiceCase
from infra.db import Cursor, Database, Row
from projections.base import Projection, Table, case_row, insert_case, where
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


_COUNT = (
    "INSERT INTO {table} (institution_id, month, service_type, step, clause, recorded)"
    " VALUES (:institution, :month, :type, :step, :clause, :n)"
    " ON CONFLICT (institution_id, month, service_type, step) DO UPDATE SET recorded = {table}.recorded + :n"
)
Counted = tuple[str, str, str, str, str]  # institution, month, service type, step, clause


def _counted(cur: Cursor) -> Counter[Counted]:
    counted: Counter[Counted] = cur.memo.setdefault("conformance counted", Counter())
    return counted


def opened(cur: Cursor, event: ServiceCase.Opened, position: int, tables: Mapping[str, str]) -> None:
    row = {"case_id": str(event.originator_id), "institution_id": str(event.institution_id)}
    insert_case(cur, tables["conformance_cases"], row)
    month = month_of(event.effective_at)
    _counted(cur)[str(event.institution_id), month, event.service_type, "opened", event.clause] += 1


def step_recorded(cur: Cursor, event: ServiceCase.StepRecorded, position: int, tables: Mapping[str, str]) -> None:
    case = case_row(cur, tables["conformance_cases"], str(event.originator_id))
    if case is not None:
        month = month_of(event.effective_at)
        _counted(cur)[case["institution_id"], month, event.service_type, event.step, event.clause] += 1


def write_counts(cur: Cursor, tables: Mapping[str, str]) -> None:
    """The batch's steps, counted as its handlers went, added in one statement per (institution, month, type,
    step): a batch of one institution's work touches a handful of counters, not one per event."""
    counted: Counter[Counted] = cur.memo.pop("conformance counted", Counter())
    if counted:
        cur.executemany(
            _COUNT.format(table=tables["conformance_counts"]),
            [
                {"institution": institution, "month": month, "type": kind, "step": step, "clause": clause, "n": n}
                for (institution, month, kind, step, clause), n in counted.items()
            ],
        )


CONFORMANCE = Projection(
    name="conformance",
    tables=(COUNTS, CASES),
    handlers={ServiceCase.Opened: opened, ServiceCase.StepRecorded: step_recorded},
    finish=write_counts,
    case_tables=("conformance_cases",),
)


def step_counts(db: Database, institution_id: UUID | None, from_month: str | None, to_month: str | None) -> list[Row]:
    """How often each (institution, service type, step) was recorded in the months from ... to, both included."""
    where_sql, params = where(
        {
            "institution_id = :institution": institution_id,
            "month >= :from_month": from_month,
            "month <= :to_month": to_month,
        }
    )
    return db.query(
        "SELECT institution_id, service_type, step, SUM(recorded) AS recorded FROM conformance_counts"
        f"{where_sql} GROUP BY institution_id, service_type, step",
        params,
    )

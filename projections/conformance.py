"""Counts behind the conformance report: how often each clause's step was recorded, per institution and month."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

from domain.case import ServiceCase
from infra.db import Database, Row
from projections.base import Add, Change, Projection, Put, Rows, Table, where
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
    counters=("recorded",),
)

CASES = Table(
    name="conformance_cases",
    columns="""
        case_id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL
    """,
    of="case_id",
)


def opened(rows: Rows, event: ServiceCase.Opened, position: int) -> Iterator[Change]:
    case = {"case_id": str(event.originator_id), "institution_id": str(event.institution_id)}
    if rows.get("conformance_cases", case["case_id"]) is None:
        yield Put("conformance_cases", case)
        yield _counted(case["institution_id"], event, "opened")


def step_recorded(rows: Rows, event: ServiceCase.StepRecorded, position: int) -> Iterator[Change]:
    case = rows.get("conformance_cases", str(event.originator_id))
    if case is not None:
        yield _counted(case["institution_id"], event, event.step)


def _counted(institution_id: str, event: ServiceCase.Opened | ServiceCase.StepRecorded, step: str) -> Add:
    """One more of the step, on the counter of its (institution, month, service type, step): a batch of one
    institution's work adds to a handful of counters, not one per event."""
    counter = {
        "institution_id": institution_id,
        "month": month_of(event.effective_at),
        "service_type": event.service_type,
        "step": step,
        "clause": event.clause,
        "recorded": 1,
    }
    return Add("conformance_counts", counter)


CONFORMANCE = Projection(
    name="conformance",
    tables=(COUNTS, CASES),
    handlers={ServiceCase.Opened: opened, ServiceCase.StepRecorded: step_recorded},
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

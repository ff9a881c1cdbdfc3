"""Facts behind the evaluation statistics (7.1): one row per case (opening, first step, closing) and one per
evaluation, each with its month and quarter in Asia/Shanghai, so that statistics group in SQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.evaluation import LOW_SCORE, Indicator
from infra.db import Database, Row
from projections.base import Change, Projection, Put, Rows, Table, iso, where

SHANGHAI = ZoneInfo("Asia/Shanghai")

CASES = Table(
    name="stats_cases",
    columns="""
        case_id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL,
        service_type TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        first_step_at TEXT,
        closed_at TEXT,
        closed_month TEXT,
        closed_quarter TEXT,
        evaluated INTEGER NOT NULL,
        version INTEGER NOT NULL
    """,
    indexes=("institution_id, closed_month", "service_type, closed_month"),
    of="case_id",
)

EVALUATIONS = Table(
    name="stats_evaluations",
    columns=f"""
        evaluation_id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        institution_id TEXT NOT NULL,
        service_type TEXT NOT NULL,
        evaluated_at TEXT NOT NULL,
        month TEXT NOT NULL,
        quarter TEXT NOT NULL,
        {", ".join(f"{i.value} INTEGER NOT NULL" for i in Indicator)},
        low INTEGER NOT NULL
    """,
    indexes=("institution_id, month", "service_type, month"),
)


def month_of(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m")


def quarter_of(moment: datetime) -> str:
    local = moment.astimezone(SHANGHAI)
    return f"{local.year}-Q{(local.month - 1) // 3 + 1}"


def opened(rows: Rows, event: ServiceCase.Opened, position: int) -> Iterator[Change]:
    case = {
        "case_id": str(event.originator_id),
        "institution_id": str(event.institution_id),
        "service_type": event.service_type,
        "opened_at": iso(event.effective_at),
        "first_step_at": None,
        "closed_at": None,
        "closed_month": None,
        "closed_quarter": None,
        "evaluated": 0,
        "version": event.originator_version,
    }
    if rows.get("stats_cases", case["case_id"]) is None:
        yield Put("stats_cases", case)


def step_recorded(rows: Rows, event: ServiceCase.StepRecorded, position: int) -> Iterator[Change]:
    case = rows.advancing("stats_cases", event)
    if case is None:
        return
    at = iso(event.effective_at)
    changed: Row = {**case, "version": event.originator_version, "first_step_at": case["first_step_at"] or at}
    if case["closed_at"] is None and event.step in service_type(event.service_type).closing_steps:
        changed |= {
            "closed_at": at,
            "closed_month": month_of(event.effective_at),
            "closed_quarter": quarter_of(event.effective_at),
        }
    yield Put("stats_cases", changed)


def evaluated(rows: Rows, event: ServiceCase.Evaluated, position: int) -> Iterator[Change]:
    case = rows.advancing("stats_cases", event)
    if case is None:
        return
    yield Put("stats_cases", {**case, "evaluated": 1, "version": event.originator_version})
    scores = {i.value: int(event.evaluation[i.value]) for i in Indicator}
    evaluation = {
        "evaluation_id": str(event.evaluation_id),
        "case_id": case["case_id"],
        "institution_id": case["institution_id"],
        "service_type": case["service_type"],
        "evaluated_at": iso(event.effective_at),
        "month": month_of(event.effective_at),
        "quarter": quarter_of(event.effective_at),
        **scores,
        "low": 1 if min(scores.values()) <= LOW_SCORE else 0,
    }
    yield Put("stats_evaluations", evaluation)


EVALUATION_STATS = Projection(
    name="evaluation_stats",
    tables=(CASES, EVALUATIONS),
    handlers={
        ServiceCase.Opened: opened,
        ServiceCase.StepRecorded: step_recorded,
        ServiceCase.Evaluated: evaluated,
    },
)


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


@dataclass(frozen=True)
class StatsFilters:
    institution_id: UUID | None
    service_type: str | None
    period: Period
    period_from: str | None
    period_to: str | None
    """First and last period, both included: "2026-01" by month, "2026-Q1" by quarter."""

    def where(self, period_column: str | None, *conditions: str) -> tuple[str, dict[str, Any]]:
        """Rows of the institution and service type chosen, meeting `conditions`, in the periods chosen."""
        in_periods = {
            f"{period_column} >= :from_period": self.period_from,
            f"{period_column} <= :to_period": self.period_to,
        }
        return where(
            {
                "institution_id = :institution": self.institution_id,
                "service_type = :type": self.service_type,
                **dict.fromkeys(conditions, True),
                **(in_periods if period_column else {}),
            }
        )


def evaluations(db: Database, filters: StatsFilters) -> list[Row]:
    where_sql, params = filters.where(filters.period.value)
    return db.query(f"SELECT * FROM stats_evaluations{where_sql}", params)


def closed_cases(db: Database, filters: StatsFilters) -> list[Row]:
    """Cases closed in the periods chosen (by the period they closed in)."""
    where_sql, params = filters.where(f"closed_{filters.period.value}", "closed_at IS NOT NULL")
    return db.query(f"SELECT * FROM stats_cases{where_sql}", params)

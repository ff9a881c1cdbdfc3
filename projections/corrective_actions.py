"""7.2 Corrective actions as a list: open, overdue (past the planned due date), closed, with their last review."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.corrective_action import CORRECTIVE_ACTION, CorrectiveAction
from infra.db import Cursor, Database, Row
from projections.base import Projection, Table, iso, where

ACTIONS = Table(
    name="corrective_actions",
    columns="""
        action_id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL,
        problem TEXT NOT NULL,
        proposed_by_evaluation INTEGER NOT NULL,
        status TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        due TEXT,
        last_step TEXT,
        last_step_at TEXT,
        effective INTEGER,
        closed_at TEXT,
        version INTEGER NOT NULL,
        position BIGINT NOT NULL
    """,
    indexes=("institution_id, status", "status, due"),
)


def opened(cur: Cursor, event: CorrectiveAction.Opened, position: int, tables: Mapping[str, str]) -> None:
    cur.execute(
        f"INSERT INTO {tables['corrective_actions']} (action_id, institution_id, problem, proposed_by_evaluation,"
        " status, opened_at, version, position) VALUES (:id, :institution, :problem, :proposed, 'open', :at,"
        " :version, :position) ON CONFLICT (action_id) DO NOTHING",
        {
            "id": str(event.originator_id),
            "institution": str(event.problem["institution_id"]),
            "problem": event.problem["problem"],
            "proposed": 1 if event.problem.get("evaluation_ids") else 0,
            "at": iso(event.effective_at),
            "version": event.originator_version,
            "position": position,
        },
    )


def step_recorded(cur: Cursor, event: CorrectiveAction.StepRecorded, position: int, tables: Mapping[str, str]) -> None:
    closes = event.step in CORRECTIVE_ACTION.closing_steps
    cur.execute(
        f"UPDATE {tables['corrective_actions']} SET last_step = :step, last_step_at = :at,"
        " due = COALESCE(:due, due), effective = COALESCE(:effective, effective),"
        " status = CASE WHEN :closes = 1 THEN 'closed' ELSE status END,"
        " closed_at = CASE WHEN :closes = 1 AND closed_at IS NULL THEN :at ELSE closed_at END,"
        " version = :version, position = :position WHERE action_id = :id AND version < :version",
        {
            "id": str(event.originator_id),
            "step": event.step,
            "at": iso(event.effective_at),
            "due": event.payload.get("due"),
            "effective": None if "effective" not in event.payload else int(bool(event.payload["effective"])),
            "closes": 1 if closes else 0,
            "version": event.originator_version,
            "position": position,
        },
    )


CORRECTIVE_ACTIONS = Projection(
    name="corrective_actions",
    tables=(ACTIONS,),
    handlers={CorrectiveAction.Opened: opened, CorrectiveAction.StepRecorded: step_recorded},
)


class ActionFilter(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"
    CLOSED = "closed"


FILTERS = {
    ActionFilter.OPEN: "status = 'open'",
    ActionFilter.OVERDUE: "status = 'open' AND due IS NOT NULL AND due < :today",
    ActionFilter.CLOSED: "status = 'closed'",
}


def actions(
    db: Database, status: ActionFilter | None, today: date, institution_id: UUID | None, limit: int, offset: int
) -> list[Row]:
    """The actions, newest opened first (ties by action)."""
    where_sql, params = where(
        {
            "institution_id = :institution": institution_id,
            **({FILTERS[status]: today} if status else {}),
        }
    )
    return db.query(
        f"SELECT * FROM corrective_actions{where_sql} ORDER BY opened_at DESC, action_id LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": offset},
    )

"""7.2 Corrective actions as a list: open, overdue (past the planned due date), closed, with their last review."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from uuid import UUID

from domain.corrective_action import CORRECTIVE_ACTION, CorrectiveAction
from infra.db import Database, Row
from projections.base import Change, Projection, Put, Rows, Table, iso, where

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
    of="action_id",
)


def opened(rows: Rows, event: CorrectiveAction.Opened, position: int) -> Iterator[Change]:
    action = {
        "action_id": str(event.originator_id),
        "institution_id": str(event.problem["institution_id"]),
        "problem": event.problem["problem"],
        "proposed_by_evaluation": 1 if event.problem.get("evaluation_ids") else 0,
        "status": "open",
        "opened_at": iso(event.effective_at),
        "due": None,
        "last_step": None,
        "last_step_at": None,
        "effective": None,
        "closed_at": None,
        "version": event.originator_version,
        "position": position,
    }
    if rows.get("corrective_actions", action["action_id"]) is None:
        yield Put("corrective_actions", action)


def step_recorded(rows: Rows, event: CorrectiveAction.StepRecorded, position: int) -> Iterator[Change]:
    action = rows.advancing("corrective_actions", event)
    if action is None:
        return
    at, p = iso(event.effective_at), event.payload
    closes = event.step in CORRECTIVE_ACTION.closing_steps
    changed = {
        "last_step": event.step,
        "last_step_at": at,
        "due": action["due"] if p.get("due") is None else p["due"],
        "effective": action["effective"] if "effective" not in p else int(bool(p["effective"])),
        "status": "closed" if closes else action["status"],
        "closed_at": action["closed_at"] or (at if closes else None),
        "version": event.originator_version,
        "position": position,
    }
    yield Put("corrective_actions", {**action, **changed})


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

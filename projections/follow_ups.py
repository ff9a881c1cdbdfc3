"""The follow-up queue: return visits and periodic follow-ups, due in working days (domain/follow_ups.py).

Each item is raised by a step (or a low evaluation), has a due date on the working-day calendar, and leaves
the queue when the step that does it is recorded (or is cancelled when the case closes without it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.follow_ups import EVALUATION_RETURN_VISIT, rules_for
from infra.calendar import load_calendar
from infra.db import Cursor
from projections.base import Projection, Table, claim_case_event, iso

SHANGHAI = ZoneInfo("Asia/Shanghai")

ITEMS = Table(
    name="follow_ups",
    columns="""
        item_id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL,
        institution_id TEXT NOT NULL,
        service_type TEXT NOT NULL,
        kind TEXT NOT NULL,
        clause TEXT NOT NULL,
        raised_by TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        due_date TEXT NOT NULL,
        status TEXT NOT NULL,
        done_at TEXT,
        done_on_time INTEGER
    """,
    indexes=("status, due_date", "institution_id, status, due_date", "case_id, kind, status"),
)

CASES = Table(
    name="follow_up_cases",
    columns="""
        case_id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL,
        service_type TEXT NOT NULL,
        version INTEGER NOT NULL
    """,
)


def local_day(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def _case(cur: Cursor, event: Any, tables: Mapping[str, str]) -> dict[str, Any] | None:
    return claim_case_event(cur, tables["follow_up_cases"], event)


def _raise(
    cur: Cursor,
    tables: Mapping[str, str],
    case: Mapping[str, Any],
    item_id: str,
    kind: str,
    clause: str,
    raised_by: str,
    when: datetime,
    due: date,
) -> None:
    cur.execute(
        f"INSERT INTO {tables['follow_ups']} (item_id, case_id, institution_id, service_type, kind, clause,"
        " raised_by, raised_at, due_date, status) VALUES (:item, :case, :institution, :type, :kind, :clause,"
        " :by, :at, :due, 'open') ON CONFLICT (item_id) DO NOTHING",
        {
            "item": item_id,
            "case": case["case_id"],
            "institution": case["institution_id"],
            "type": case["service_type"],
            "kind": kind,
            "clause": clause,
            "by": raised_by,
            "at": iso(when),
            "due": due.isoformat(),
        },
    )


def _settle(cur: Cursor, tables: Mapping[str, str], where: str, params: dict[str, Any], when: datetime) -> None:
    day = local_day(when).isoformat()
    cur.execute(
        f"UPDATE {tables['follow_ups']} SET status = 'done', done_at = :at,"
        " done_on_time = CASE WHEN :day <= due_date THEN 1 ELSE 0 END WHERE status = 'open' AND " + where,
        {**params, "at": iso(when), "day": day},
    )


def opened(cur: Cursor, event: ServiceCase.Opened, position: int, tables: Mapping[str, str]) -> None:
    cur.execute(
        f"INSERT INTO {tables['follow_up_cases']} (case_id, institution_id, service_type, version)"
        " VALUES (:id, :institution, :type, :version) ON CONFLICT (case_id) DO NOTHING",
        {
            "id": str(event.originator_id),
            "institution": str(event.institution_id),
            "type": event.service_type,
            "version": event.originator_version,
        },
    )


def step_recorded(cur: Cursor, event: ServiceCase.StepRecorded, position: int, tables: Mapping[str, str]) -> None:
    case = _case(cur, event, tables)
    if case is None:
        return
    calendar = load_calendar()
    day = local_day(event.effective_at)
    items = tables["follow_ups"]
    for rule in rules_for(event.service_type):
        open_of_kind = {"case": case["case_id"], "kind": rule.kind}
        if event.step in rule.done_by:
            _settle(cur, tables, "case_id = :case AND kind = :kind", open_of_kind, event.effective_at)
        if event.step in rule.after or (rule.periodic and event.step in rule.done_by):
            cur.execute(
                f"SELECT COUNT(*) AS n, SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS still_open"
                f" FROM {items} WHERE case_id = :case AND kind = :kind",
                open_of_kind,
            )
            counts = cur.fetchone() or {"n": 0, "still_open": 0}
            if not counts["still_open"]:
                planned = event.payload.get(rule.next_date_field or "") if event.step in rule.done_by else None
                due = date.fromisoformat(planned) if planned else calendar.add_working_days(day, rule.working_days)
                item_id = f"{case['case_id']}/{rule.kind}/{int(counts['n'] or 0) + 1}"
                _raise(cur, tables, case, item_id, rule.kind, rule.clause, event.step, event.effective_at, due)
    if event.step in service_type(event.service_type).closing_steps:
        cur.execute(
            f"UPDATE {items} SET status = 'cancelled' WHERE case_id = :case AND status = 'open'"
            " AND raised_by <> 'evaluation'",
            {"case": case["case_id"]},
        )


def evaluated(cur: Cursor, event: ServiceCase.Evaluated, position: int, tables: Mapping[str, str]) -> None:
    case = _case(cur, event, tables)
    if case is None or not event.low:
        return
    rule = EVALUATION_RETURN_VISIT
    due = load_calendar().add_working_days(local_day(event.effective_at), rule.working_days)
    _raise(cur, tables, case, str(event.evaluation_id), rule.kind, rule.clause, "evaluation", event.effective_at, due)


def evaluation_followed_up(
    cur: Cursor, event: ServiceCase.EvaluationFollowedUp, position: int, tables: Mapping[str, str]
) -> None:
    if _case(cur, event, tables) is None:
        return
    _settle(cur, tables, "item_id = :item", {"item": str(event.evaluation_id)}, event.effective_at)


FOLLOW_UPS = Projection(
    name="follow_ups",
    tables=(ITEMS, CASES),
    handlers={
        ServiceCase.Opened: opened,
        ServiceCase.StepRecorded: step_recorded,
        ServiceCase.Evaluated: evaluated,
        ServiceCase.EvaluationFollowedUp: evaluation_followed_up,
    },
)

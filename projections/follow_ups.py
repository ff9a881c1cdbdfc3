"""The follow-up queue: return visits and periodic follow-ups, due in working days (domain/follow_ups.py).

Each item is raised by a step (or a low evaluation), has a due date on the working-day calendar, and leaves
the queue when the step that does it is recorded (or is cancelled when the case closes without it).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo

from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.follow_ups import EVALUATION_RETURN_VISIT, EvaluationReturnVisit, FollowUpRule, rules_for
from infra.calendar import working_calendar
from infra.db import Database, Row
from projections.base import Change, Page, Projection, Put, Rows, Table, iso, page, where
from projections.evaluation_stats import StatsFilters

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
        due_estimated INTEGER NOT NULL,
        status TEXT NOT NULL,
        done_at TEXT,
        done_on_time INTEGER
    """,
    indexes=("status, due_date", "institution_id, status, due_date", "case_id, kind, status"),
    of="case_id",
)

CASES = Table(
    name="follow_up_cases",
    columns="""
        case_id TEXT PRIMARY KEY,
        institution_id TEXT NOT NULL,
        service_type TEXT NOT NULL,
        version INTEGER NOT NULL
    """,
    of="case_id",
)


def local_day(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def opened(rows: Rows, event: ServiceCase.Opened, position: int) -> Iterator[Change]:
    case = {
        "case_id": str(event.originator_id),
        "institution_id": str(event.institution_id),
        "service_type": event.service_type,
        "version": event.originator_version,
    }
    if rows.get("follow_up_cases", case["case_id"]) is None:
        yield Put("follow_up_cases", case)


def step_recorded(rows: Rows, event: ServiceCase.StepRecorded, position: int) -> Iterator[Change]:
    case = rows.advancing("follow_up_cases", event)
    if case is None:
        return
    yield Put("follow_up_cases", {**case, "version": event.originator_version})
    items = {item["item_id"]: item for item in rows.of("follow_ups", case["case_id"])}
    changed: dict[str, Row] = {}
    for rule in rules_for(event.service_type):
        of_kind = [item for item in items.values() if item["kind"] == rule.kind]
        if event.step in rule.done_by:
            for item in of_kind:
                if item["status"] == "open":
                    items[item["item_id"]] = changed[item["item_id"]] = _done(item, event.effective_at)
            of_kind = [items[item["item_id"]] for item in of_kind]
        still_open = any(item["status"] == "open" for item in of_kind)
        if (event.step in rule.after or (rule.periodic and event.step in rule.done_by)) and not still_open:
            planned = event.payload.get(rule.next_date_field or "") if event.step in rule.done_by else None
            # A planned date is a person's, not counted: never an estimate.
            day, calendar = local_day(event.effective_at), working_calendar()
            due = date.fromisoformat(planned) if planned else calendar.add_working_days(day, rule.working_days)
            item_id = f"{case['case_id']}/{rule.kind}/{len(of_kind) + 1}"
            estimated = not planned and calendar.is_estimated(due)
            items[item_id] = changed[item_id] = _item(
                case, item_id, rule, event.step, event.effective_at, due, estimated
            )
    if event.step in service_type(event.service_type).closing_steps:
        # What the closing leaves undone is cancelled; a low evaluation's return visit is still owed.
        for item in items.values():
            if item["status"] == "open" and item["raised_by"] != "evaluation":
                changed[item["item_id"]] = {**item, "status": "cancelled"}
    for item in changed.values():
        yield Put("follow_ups", item)


def evaluated(rows: Rows, event: ServiceCase.Evaluated, position: int) -> Iterator[Change]:
    case = rows.advancing("follow_up_cases", event)
    if case is None:
        return
    yield Put("follow_up_cases", {**case, "version": event.originator_version})
    if event.low:
        calendar, rule = working_calendar(), EVALUATION_RETURN_VISIT
        due = calendar.add_working_days(local_day(event.effective_at), rule.working_days)
        item_id = str(event.evaluation_id)
        yield Put(
            "follow_ups", _item(case, item_id, rule, "evaluation", event.effective_at, due, calendar.is_estimated(due))
        )


def evaluation_followed_up(rows: Rows, event: ServiceCase.EvaluationFollowedUp, position: int) -> Iterator[Change]:
    case = rows.advancing("follow_up_cases", event)
    if case is None:
        return
    yield Put("follow_up_cases", {**case, "version": event.originator_version})
    item = rows.get("follow_ups", str(event.evaluation_id))
    if item is not None and item["status"] == "open":
        yield Put("follow_ups", _done(item, event.effective_at))


def _item(
    case: Row,
    item_id: str,
    rule: FollowUpRule | EvaluationReturnVisit,
    raised_by: str,
    when: datetime,
    due: date,
    estimated: bool,
) -> Row:
    return {
        "item_id": item_id,
        "case_id": case["case_id"],
        "institution_id": case["institution_id"],
        "service_type": case["service_type"],
        "kind": rule.kind,
        "clause": rule.clause,
        "raised_by": raised_by,
        "raised_at": iso(when),
        "due_date": due.isoformat(),
        "due_estimated": int(estimated),
        "status": "open",
        "done_at": None,
        "done_on_time": None,
    }


def _done(item: Row, when: datetime) -> Row:
    on_time = local_day(when).isoformat() <= item["due_date"]
    return {**item, "status": "done", "done_at": iso(when), "done_on_time": int(on_time)}


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


class QueueView(StrEnum):
    OPEN = "open"
    DUE = "due"
    OVERDUE = "overdue"
    DONE = "done"
    CANCELLED = "cancelled"
    ALL = "all"


VIEWS = {
    QueueView.OPEN: "status = 'open'",
    QueueView.DUE: "status = 'open' AND due_date <= :today",
    QueueView.OVERDUE: "status = 'open' AND due_date < :today",
    QueueView.DONE: "status = 'done'",
    QueueView.CANCELLED: "status = 'cancelled'",
    QueueView.ALL: "1 = 1",
}


def queue_page(
    db: Database,
    view: QueueView,
    today: date,
    institution_id: UUID | None,
    kind: str | None,
    limit: int,
    offset: int,
) -> Page:
    """The queue's items in `view` on `today`, by due date (then raised, then item)."""
    where_sql, params = where(
        {
            VIEWS[view]: today,
            "institution_id = :institution": institution_id,
            "kind = :kind": kind,
        }
    )
    return page(
        db,
        f"SELECT * FROM follow_ups{where_sql} ORDER BY due_date, raised_at, item_id",
        f"SELECT COUNT(*) AS n FROM follow_ups{where_sql}",
        params,
        limit,
        offset,
    )


def done_items(db: Database, filters: StatsFilters) -> list[Row]:
    """Items done, of the institution and service type chosen, in any period (they have no period column)."""
    where_sql, params = filters.where(None, "status = 'done'")
    return db.query(f"SELECT institution_id, service_type, done_at, done_on_time FROM follow_ups{where_sql}", params)

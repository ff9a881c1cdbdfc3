"""The follow-up queue: return visits and periodic follow-ups, due in working days (domain/follow_ups.py).

Each item is raised by a step (or a low evaluation), has a due date on the working-day calendar, and leaves
the queue when the step that does it is recorded (or is cancelled when the case closes without it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.follow_ups import EVALUATION_RETURN_VISIT, EvaluationReturnVisit, FollowUpRule, rules_for
from domain.working_days import WorkingCalendar
from infra.calendar import working_calendar
from infra.db import Cursor, Database, Row
from projections.base import Page, Projection, Table, claim_case_event, insert_case, iso, page, where
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


_QUEUE = "follow-up queue"


@dataclass
class _Queue:
    """A batch's writes to the queue, keeping per (case, kind) how many items were raised and how many are still
    open: read once for the batch's cases, then kept current by the writes below (every step used to read them: a
    round trip per event); and the calendar the batch counts due dates on."""

    cur: Cursor
    items: str  # the physical follow_ups table
    calendar: WorkingCalendar
    counts: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # [raised, still open]
    unknown: set[str] = field(default_factory=set)  # cases a bulk update changed: read again when next asked

    def of(self, case_id: str, kind: str) -> tuple[int, int]:
        """(raised, still open) of the case's items of `kind`."""
        if case_id in self.unknown:
            self.unknown.discard(case_id)
            self.counts = {k: v for k, v in self.counts.items() if k[0] != case_id}
            self.read([case_id])
        raised, still_open = self.counts.setdefault((case_id, kind), [0, 0])
        return raised, still_open

    def read(self, case_ids: Sequence[str]) -> None:
        if not case_ids:
            return
        among, params = self.cur.one_of("case_id", case_ids)
        self.cur.execute(
            "SELECT case_id, kind, COUNT(*) AS n, SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS still_open"
            f" FROM {self.items} WHERE {among} GROUP BY case_id, kind",
            params,
        )
        for row in self.cur.fetchall():
            self.counts[row["case_id"], row["kind"]] = [int(row["n"]), int(row["still_open"] or 0)]

    def raise_item(
        self,
        case: Mapping[str, Any],
        item_id: str,
        rule: FollowUpRule | EvaluationReturnVisit,
        raised_by: str,
        when: datetime,
        due: date,
        estimated: bool,
    ) -> None:
        self.cur.execute(
            f"INSERT INTO {self.items} (item_id, case_id, institution_id, service_type, kind, clause,"
            " raised_by, raised_at, due_date, due_estimated, status) VALUES (:item, :case, :institution, :type,"
            " :kind, :clause, :by, :at, :due, :estimated, 'open') ON CONFLICT (item_id) DO NOTHING",
            {
                "item": item_id,
                "case": case["case_id"],
                "institution": case["institution_id"],
                "type": case["service_type"],
                "kind": rule.kind,
                "clause": rule.clause,
                "by": raised_by,
                "at": iso(when),
                "due": due.isoformat(),
                "estimated": int(estimated),
            },
        )
        counts = self.counts.setdefault((case["case_id"], rule.kind), [0, 0])
        counts[0] += 1
        counts[1] += 1

    def settle_kind(self, case_id: str, kind: str, when: datetime) -> None:
        self._settle("case_id = :case AND kind = :kind", {"case": case_id, "kind": kind}, when)
        self.counts.setdefault((case_id, kind), [0, 0])[1] = 0

    def settle_item(self, case_id: str, item_id: str, when: datetime) -> None:
        self._settle("item_id = :item", {"item": item_id}, when)
        self.unknown.add(case_id)

    def cancel_open(self, case_id: str) -> None:
        """What the closing of the case leaves undone (a low evaluation's return visit is still owed)."""
        self.cur.execute(
            f"UPDATE {self.items} SET status = 'cancelled' WHERE case_id = :case AND status = 'open'"
            " AND raised_by <> 'evaluation'",
            {"case": case_id},
        )
        self.unknown.add(case_id)

    def _settle(self, where: str, params: dict[str, Any], when: datetime) -> None:
        day = local_day(when).isoformat()
        self.cur.execute(
            f"UPDATE {self.items} SET status = 'done', done_at = :at,"
            " done_on_time = CASE WHEN :day <= due_date THEN 1 ELSE 0 END WHERE status = 'open' AND " + where,
            {**params, "at": iso(when), "day": day},
        )


def read_counts(cur: Cursor, events: Sequence[tuple[int, Any]], tables: Mapping[str, str]) -> None:
    queue = cur.memo[_QUEUE] = _Queue(cur, tables["follow_ups"], working_calendar())
    queue.read(list(dict.fromkeys(str(event.originator_id) for _, event in events)))


def _queue(cur: Cursor) -> _Queue:
    queue: _Queue = cur.memo[_QUEUE]
    return queue


def opened(cur: Cursor, event: ServiceCase.Opened, position: int, tables: Mapping[str, str]) -> None:
    case_id = str(event.originator_id)
    row = {
        "case_id": case_id,
        "institution_id": str(event.institution_id),
        "service_type": event.service_type,
        "version": event.originator_version,
    }
    insert_case(cur, tables["follow_up_cases"], row)


def step_recorded(cur: Cursor, event: ServiceCase.StepRecorded, position: int, tables: Mapping[str, str]) -> None:
    case = claim_case_event(cur, tables["follow_up_cases"], event)
    if case is None:
        return
    queue = _queue(cur)
    day = local_day(event.effective_at)
    case_id = case["case_id"]
    for rule in rules_for(event.service_type):
        if event.step in rule.done_by:
            queue.settle_kind(case_id, rule.kind, event.effective_at)
        raised, still_open = queue.of(case_id, rule.kind)
        if (event.step in rule.after or (rule.periodic and event.step in rule.done_by)) and not still_open:
            planned = event.payload.get(rule.next_date_field or "") if event.step in rule.done_by else None
            # A planned date is a person's, not counted: never an estimate.
            due = date.fromisoformat(planned) if planned else queue.calendar.add_working_days(day, rule.working_days)
            estimated = not planned and queue.calendar.is_estimated(due)
            item_id = f"{case_id}/{rule.kind}/{raised + 1}"
            queue.raise_item(case, item_id, rule, event.step, event.effective_at, due, estimated)
    if event.step in service_type(event.service_type).closing_steps:
        queue.cancel_open(case_id)


def evaluated(cur: Cursor, event: ServiceCase.Evaluated, position: int, tables: Mapping[str, str]) -> None:
    case = claim_case_event(cur, tables["follow_up_cases"], event)
    if case is None or not event.low:
        return
    queue = _queue(cur)
    rule = EVALUATION_RETURN_VISIT
    due = queue.calendar.add_working_days(local_day(event.effective_at), rule.working_days)
    estimated = queue.calendar.is_estimated(due)
    queue.raise_item(case, str(event.evaluation_id), rule, "evaluation", event.effective_at, due, estimated)


def evaluation_followed_up(
    cur: Cursor, event: ServiceCase.EvaluationFollowedUp, position: int, tables: Mapping[str, str]
) -> None:
    case = claim_case_event(cur, tables["follow_up_cases"], event)
    if case is None:
        return
    _queue(cur).settle_item(case["case_id"], str(event.evaluation_id), event.effective_at)


FOLLOW_UPS = Projection(
    name="follow_ups",
    tables=(ITEMS, CASES),
    handlers={
        ServiceCase.Opened: opened,
        ServiceCase.StepRecorded: step_recorded,
        ServiceCase.Evaluated: evaluated,
        ServiceCase.EvaluationFollowedUp: evaluation_followed_up,
    },
    begin=read_counts,
    case_tables=("follow_up_cases",),
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

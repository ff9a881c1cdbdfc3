"""The follow-up queue: return visits and periodic follow-ups, due in working days (domain/follow_ups.py).

Each item is raised by a step (or a low evaluation), has a due date on the working-day calendar, and leaves
the queue when the step that does it is recorded (or is cancelled when the case closes without it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from domain.case import ServiceCase
from domain.catalogue import service_type
from domain.follow_ups import EVALUATION_RETURN_VISIT, rules_for
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


_COUNTS = "follow-up counts"


@dataclass
class _Counts:
    """Per (case, kind): how many items were raised and how many are still open, read once for a batch's
    cases and then kept current as it writes (every step used to read them: a round trip per event); and the
    calendar the batch counts due dates on."""

    counts: dict[tuple[str, str], list[int]]  # [raised, still open]
    stale: set[str]  # cases a bulk update changed: read again when next needed
    calendar: WorkingCalendar

    @classmethod
    def read(cls, cur: Cursor, tables: Mapping[str, str], case_ids: Sequence[str]) -> _Counts:
        known = cls({}, set(), working_calendar())
        known._read(cur, tables, case_ids)
        return known

    def of(self, cur: Cursor, tables: Mapping[str, str], case_id: str, kind: str) -> list[int]:
        if case_id in self.stale:
            self.stale.discard(case_id)
            self.counts = {k: v for k, v in self.counts.items() if k[0] != case_id}
            self._read(cur, tables, [case_id])
        return self.counts.setdefault((case_id, kind), [0, 0])

    def _read(self, cur: Cursor, tables: Mapping[str, str], case_ids: Sequence[str]) -> None:
        if not case_ids:
            return
        among, params = cur.one_of("case_id", case_ids)
        cur.execute(
            "SELECT case_id, kind, COUNT(*) AS n, SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS still_open"
            f" FROM {tables['follow_ups']} WHERE {among} GROUP BY case_id, kind",
            params,
        )
        for row in cur.fetchall():
            self.counts[row["case_id"], row["kind"]] = [int(row["n"]), int(row["still_open"] or 0)]


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
    estimated: bool,
) -> None:
    cur.execute(
        f"INSERT INTO {tables['follow_ups']} (item_id, case_id, institution_id, service_type, kind, clause,"
        " raised_by, raised_at, due_date, due_estimated, status) VALUES (:item, :case, :institution, :type,"
        " :kind, :clause, :by, :at, :due, :estimated, 'open') ON CONFLICT (item_id) DO NOTHING",
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
            "estimated": int(estimated),
        },
    )


def _settle(cur: Cursor, tables: Mapping[str, str], where: str, params: dict[str, Any], when: datetime) -> None:
    day = local_day(when).isoformat()
    cur.execute(
        f"UPDATE {tables['follow_ups']} SET status = 'done', done_at = :at,"
        " done_on_time = CASE WHEN :day <= due_date THEN 1 ELSE 0 END WHERE status = 'open' AND " + where,
        {**params, "at": iso(when), "day": day},
    )


def read_counts(cur: Cursor, events: Sequence[tuple[int, Any]], tables: Mapping[str, str]) -> None:
    case_ids = list(dict.fromkeys(str(event.originator_id) for _, event in events))
    cur.memo[_COUNTS] = _Counts.read(cur, tables, case_ids)


def _known(cur: Cursor) -> _Counts:
    known: _Counts = cur.memo[_COUNTS]
    return known


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
    known = _known(cur)
    day = local_day(event.effective_at)
    case_id = case["case_id"]
    for rule in rules_for(event.service_type):
        counts = known.of(cur, tables, case_id, rule.kind)
        if event.step in rule.done_by:
            of_kind = {"case": case_id, "kind": rule.kind}
            _settle(cur, tables, "case_id = :case AND kind = :kind", of_kind, event.effective_at)
            counts[1] = 0
        if (event.step in rule.after or (rule.periodic and event.step in rule.done_by)) and not counts[1]:
            planned = event.payload.get(rule.next_date_field or "") if event.step in rule.done_by else None
            # A planned date is a person's, not counted: never an estimate.
            due = date.fromisoformat(planned) if planned else known.calendar.add_working_days(day, rule.working_days)
            estimated = not planned and known.calendar.is_estimated(due)
            item_id = f"{case_id}/{rule.kind}/{counts[0] + 1}"
            _raise(cur, tables, case, item_id, rule.kind, rule.clause, event.step, event.effective_at, due, estimated)
            counts[0] += 1
            counts[1] += 1
    if event.step in service_type(event.service_type).closing_steps:
        cur.execute(
            f"UPDATE {tables['follow_ups']} SET status = 'cancelled' WHERE case_id = :case AND status = 'open'"
            " AND raised_by <> 'evaluation'",
            {"case": case_id},
        )
        known.stale.add(case_id)


def evaluated(cur: Cursor, event: ServiceCase.Evaluated, position: int, tables: Mapping[str, str]) -> None:
    case = claim_case_event(cur, tables["follow_up_cases"], event)
    if case is None or not event.low:
        return
    known = _known(cur)
    rule = EVALUATION_RETURN_VISIT
    due = known.calendar.add_working_days(local_day(event.effective_at), rule.working_days)
    estimated = known.calendar.is_estimated(due)
    item_id = str(event.evaluation_id)
    _raise(cur, tables, case, item_id, rule.kind, rule.clause, "evaluation", event.effective_at, due, estimated)
    known.stale.add(case["case_id"])


def evaluation_followed_up(
    cur: Cursor, event: ServiceCase.EvaluationFollowedUp, position: int, tables: Mapping[str, str]
) -> None:
    case = claim_case_event(cur, tables["follow_up_cases"], event)
    if case is None:
        return
    _settle(cur, tables, "item_id = :item", {"item": str(event.evaluation_id)}, event.effective_at)
    _known(cur).stale.add(case["case_id"])


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

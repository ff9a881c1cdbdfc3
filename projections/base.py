"""What a projection is: named tables, the one map from event types to what each does, and a batch's ends.

A projection writes only inside the transaction the runner gives it, which also moves its tracking
position: the rows and the position commit together (exactly once). A batch runs `begin` (what its handlers
will read, read at once), each event's handler, then `finish` (what they gathered, written once per table):
a batch of one event and a batch of thousands leave the same rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.utils import resolve_topic

from infra.db import Cursor, Database, Params, Row

Handler = Callable[[Cursor, Any, int, Mapping[str, str]], None]
"""(cursor, event, position, {logical table: physical table}) -> None"""
Begin = Callable[[Cursor, Sequence[tuple[int, Any]], Mapping[str, str]], None]
"""(cursor, [(position, event), ...] in log order, tables) -> None: reads what the handlers will need"""
Finish = Callable[[Cursor, Mapping[str, str]], None]
"""(cursor, tables) -> None: writes what the batch's handlers gathered in `cur.memo`"""


@dataclass(frozen=True)
class Table:
    name: str
    columns: str  # the body of CREATE TABLE
    indexes: tuple[str, ...] = ()  # column lists, e.g. "institution_id, opened_at"

    def create(self, physical: str) -> str:
        return f"CREATE TABLE IF NOT EXISTS {physical} ({self.columns})"

    def create_indexes(self, physical: str) -> list[str]:
        return [
            f"CREATE INDEX IF NOT EXISTS {physical}_ix{n} ON {physical} ({columns})"
            for n, columns in enumerate(self.indexes)
        ]


@dataclass(frozen=True)
class Projection:
    name: str
    tables: tuple[Table, ...]
    handlers: Mapping[type, Handler]
    """The one event-type map: what each event the projection reads does; its keys are the topic filter."""
    begin: Begin | None = None
    finish: Finish | None = None
    case_tables: tuple[str, ...] = ()
    """Per-case tables its handlers read a row of for every event: read for the whole batch up front."""
    _wanted: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def physical(self, suffix: str = "") -> dict[str, str]:
        return {t.name: t.name + suffix for t in self.tables}

    def wants(self, topic: str) -> bool:
        """Whether events stored under `topic` are handled: known before decoding them, so the others are
        skipped unread (an old topic registered for a moved class resolves to that class)."""
        wanted = self._wanted.get(topic)
        if wanted is None:
            wanted = self._wanted[topic] = resolve_topic(topic) in self.handlers
        return wanted

    def apply(self, cur: Cursor, events: Sequence[tuple[int, Any]], tables: Mapping[str, str]) -> None:
        if self.case_tables and len(events) > 1:
            case_ids = [str(event.originator_id) for _, event in events]
            for table in self.case_tables:
                prefetch_cases(cur, tables[table], case_ids)
        if self.begin is not None:
            self.begin(cur, events, tables)
        for position, event in events:
            self.handlers[type(event)](cur, event, position, tables)
        if self.finish is not None:
            self.finish(cur, tables)
        write_case_rows(cur)


def iso(moment: datetime | None) -> str | None:
    """Times in our tables: ISO 8601 in UTC, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds") if moment is not None else None


def case_rows(cur: Cursor, table: str) -> dict[str, dict[str, Any] | None]:
    """The rows of a per-case table (keyed `case_id`) this transaction has read or written, by case id."""
    known: dict[str, dict[str, Any] | None] = cur.memo.setdefault(f"cases:{table}", {})
    return known


def prefetch_cases(cur: Cursor, table: str, case_ids: Sequence[str]) -> None:
    """Read the rows of all these cases in one statement, so that a batch's handlers find them known
    instead of each reading its own (a round trip per event)."""
    known = case_rows(cur, table)
    wanted = [case_id for case_id in dict.fromkeys(case_ids) if case_id not in known]
    if not wanted:
        return
    known.update(dict.fromkeys(wanted))
    among, params = cur.one_of("case_id", wanted)
    cur.execute(f"SELECT * FROM {table} WHERE {among}", params)
    for row in cur.fetchall():
        known[row["case_id"]] = row


def case_row(cur: Cursor, table: str, case_id: str) -> dict[str, Any] | None:
    known = case_rows(cur, table)
    if case_id not in known:
        cur.execute(f"SELECT * FROM {table} WHERE case_id = :id", {"id": case_id})
        known[case_id] = cur.fetchone()
    return known[case_id]


def insert_case(cur: Cursor, table: str, row: dict[str, Any]) -> None:
    """A new case's row (ON CONFLICT DO NOTHING), known from now on unless one was there already; written
    with the batch's other new rows of `table` in one statement when the batch ends."""
    known = case_rows(cur, table)
    if known.get(row["case_id"]) is None:
        known[row["case_id"]] = row
        _pending(cur, "insert", table)[row["case_id"]] = row


def update_case(cur: Cursor, table: str, row: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    """The case's known row with `changes`; written when the batch ends, with the table's other changes."""
    case_id = row["case_id"]
    changed = case_rows(cur, table)[case_id] = {**row, **changes}
    inserts = _pending(cur, "insert", table)
    if case_id in inserts:
        inserts[case_id] = changed
    else:
        updates: dict[str, dict[str, Any]] = cur.memo.setdefault("pending update", {}).setdefault(table, {})
        earlier = updates.get(case_id)
        updates[case_id] = {"row": changed, "columns": {*changes, *(earlier["columns"] if earlier else ())}}
    return changed


def claim_case_event(cur: Cursor, table: str, event: Any) -> dict[str, Any] | None:
    """The case's row of `table` (which keeps a `version` per case), moved to this event's version; or None
    when the event is older than the row: it was applied already, and is applied once even on a replay."""
    row = case_row(cur, table, str(event.originator_id))
    if row is None or int(row["version"]) >= event.originator_version:
        return None
    update_case(cur, table, row, version=event.originator_version)
    return row


def _pending(cur: Cursor, kind: str, table: str) -> dict[str, dict[str, Any]]:
    pending: dict[str, dict[str, dict[str, Any]]] = cur.memo.setdefault(f"pending {kind}", {})
    return pending.setdefault(table, {})


def write_case_rows(cur: Cursor) -> None:
    """What `insert_case` and `update_case` left to write: one statement per table."""
    for table, rows in cur.memo.pop("pending insert", {}).items():
        insert_new_cases(cur, table, list(rows.values()))
    for table, updates in cur.memo.pop("pending update", {}).items():
        _update_rows(cur, table, list(updates.values()))


def insert_new_cases(cur: Cursor, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Rows of new cases (all with the same columns), ON CONFLICT (case_id) DO NOTHING, in one statement."""
    if not rows:
        return
    columns = ", ".join(rows[0])
    cur.execute(
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM ({cur.json_rows(table, list(rows[0]), 'rows')}) AS r"
        " WHERE true ON CONFLICT (case_id) DO NOTHING",  # WHERE: SQLite would read ON as a join's otherwise
        {"rows": json.dumps(rows, ensure_ascii=False)},
    )


def _update_rows(cur: Cursor, table: str, updates: list[dict[str, Any]]) -> None:
    """Each row's changed columns (the union of them) set to its known values, in one statement."""
    columns = sorted(set().union(*(update["columns"] for update in updates)))
    rows = [{"case_id": update["row"]["case_id"], **{c: update["row"][c] for c in columns}} for update in updates]
    assignments = ", ".join(f"{column} = r.{column}" for column in columns)
    update_cases_from(cur, table, assignments, cur.json_rows(table, ["case_id", *columns], "rows"), rows)


def update_cases_from(
    cur: Cursor, table: str, assignments: str, source: str, rows: Sequence[Mapping[str, Any]], condition: str = ""
) -> None:
    """`UPDATE table SET assignments` from `source`, a query `r` of `rows` (the JSON array in `:rows`), one row
    per `case_id`, where `condition` (on `table` and `r`) holds too; the cases are found by their index."""
    among, params = cur.one_of(f"{table}.case_id", [row["case_id"] for row in rows])
    cur.execute(
        f"UPDATE {table} SET {assignments} FROM ({source}) AS r"
        f" WHERE {table}.case_id = r.case_id{f' AND {condition}' if condition else ''} AND {among}",
        {"rows": json.dumps(rows, ensure_ascii=False), **params},
    )


_PARAMETER = re.compile(r"(?<![:\w]):([a-zA-Z_]\w*)")


def where(conditions: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """The ` WHERE ...` of the conditions whose value is not None, and their parameters: a condition names its
    parameter `:name`, and one that names none applies when its value is not None. Ids, times and days are
    compared as our tables hold them: as text (times in UTC)."""
    used = [condition for condition, value in conditions.items() if value is not None]
    params = {name: _text(conditions[condition]) for condition in used for name in _PARAMETER.findall(condition)}
    return (" WHERE " + " AND ".join(used) if used else ""), params


def _text(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if isinstance(value, UUID) else value


@dataclass(frozen=True)
class Page:
    rows: list[Row]
    totals: Row
    """Over every matching row, not only the page's: `n` counts them."""

    @property
    def total(self) -> int:
        return int(self.totals["n"])


def page(db: Database, rows_sql: str, totals_sql: str, params: Params, limit: int, offset: int) -> Page:
    """A page of `rows_sql` (ordered, so that pages do not overlap) and the totals of all its rows."""
    rows = db.query(f"{rows_sql} LIMIT :limit OFFSET :offset", {**(params or {}), "limit": limit, "offset": offset})
    return Page(rows, db.query(totals_sql, params)[0])

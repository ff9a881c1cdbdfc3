"""What a projection is: named tables, and handlers from event types to rows.

A projection writes only inside the transaction the runner gives it, which also moves its tracking
position: the rows and the position commit together (exactly once).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from eventsourcing.utils import resolve_topic

from infra.db import Cursor

Handler = Callable[[Cursor, Any, int, Mapping[str, str]], None]
"""(cursor, event, position, {logical table: physical table}) -> None"""
BatchHandler = Callable[[Cursor, Sequence[tuple[int, Any]], Mapping[str, str]], None]
"""(cursor, [(position, event), ...] in log order, {logical table: physical table}) -> None"""


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
    batch: BatchHandler | None = None
    """Applies a batch of the events `handlers` names in one go, leaving the rows that applying them one at a
    time would: fewer statements for a rebuild or a burst. Without it, the handlers are called one by one."""
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
        if self.batch is not None:
            self.batch(cur, events, tables)
            return
        for position, event in events:
            self.handlers[type(event)](cur, event, position, tables)


def iso(moment: datetime | None) -> str | None:
    """Times in our tables: ISO 8601 in UTC, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds") if moment is not None else None


def case_rows(cur: Cursor, table: str) -> dict[str, dict[str, Any] | None]:
    """The rows of a per-case table (keyed `case_id`) this transaction has read or written, by case id."""
    known: dict[str, dict[str, Any] | None] = cur.memo.setdefault(f"cases:{table}", {})
    return known


def prefetch_cases(cur: Cursor, table: str, case_ids: Sequence[str]) -> None:
    """Read the rows of all these cases in a few statements, so that a batch's handlers find them known
    instead of each reading its own (a round trip per event)."""
    known = case_rows(cur, table)
    wanted = [case_id for case_id in dict.fromkeys(case_ids) if case_id not in known]
    known.update(dict.fromkeys(wanted))
    for marks, params in in_lists(wanted):
        cur.execute(f"SELECT * FROM {table} WHERE case_id IN ({marks})", params)
        for row in cur.fetchall():
            known[row["case_id"]] = row


def in_lists(values: Sequence[str], size: int = 1000) -> list[tuple[str, dict[str, Any]]]:
    """`IN (…)` placeholders and their parameters for `values`, a thousand at a time (SQLite and
    PostgreSQL alike: no arrays)."""
    lists = []
    for start in range(0, len(values), size):
        params = {f"v{i}": value for i, value in enumerate(values[start : start + size])}
        lists.append((", ".join(f":{name}" for name in params), params))
    return lists


def case_row(cur: Cursor, table: str, case_id: str) -> dict[str, Any] | None:
    known = case_rows(cur, table)
    if case_id not in known:
        cur.execute(f"SELECT * FROM {table} WHERE case_id = :id", {"id": case_id})
        known[case_id] = cur.fetchone()
    return known[case_id]


def remember_case(cur: Cursor, table: str, row: dict[str, Any]) -> None:
    """A row just inserted with ON CONFLICT DO NOTHING: known from now on, unless one was there already."""
    known = case_rows(cur, table)
    if known.get(row["case_id"]) is None:
        known[row["case_id"]] = row


def claim_case_event(cur: Cursor, table: str, event: Any) -> dict[str, Any] | None:
    """The case's row of `table` (which keeps a `version` per case), moved to this event's version; or None
    when the event is older than the row: it was applied already, and is applied once even on a replay."""
    case_id = str(event.originator_id)
    row = case_row(cur, table, case_id)
    if row is None or int(row["version"]) >= event.originator_version:
        return None
    cur.execute(
        f"UPDATE {table} SET version = :version WHERE case_id = :id",
        {"id": case_id, "version": event.originator_version},
    )
    case_rows(cur, table)[case_id] = {**row, "version": event.originator_version}
    return row

"""What a projection is: named tables, and the one map from event types to their pure folds.

A fold, `evolve(rows, event, position) -> changes`, reads only `rows` (what the batch knows of the projection's
tables) and returns the rows the event changes: `Put` (the row as it now is) or `Add` (counts to add). A batch
loads, per table, the stored rows of its events' aggregates; the changes of its events are merged
in memory, each event seeing those before it; then each table is written in one statement. All of it runs in
the transaction the runner gives it, which also moves the projection's tracking position: rows and position
commit together (exactly once), and a batch of one event and a batch of thousands leave the same rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from operator import itemgetter
from typing import Any, NamedTuple
from uuid import UUID

from eventsourcing.utils import resolve_topic

from infra.db import Cursor, Database, Params, Row

_PRIMARY_KEY = re.compile(r"PRIMARY KEY \(([^)]*)\)")
_DEFINITIONS = re.compile(r",(?![^(]*\))")  # the commas between column definitions, not those in a key's list


@dataclass(frozen=True)
class Table:
    name: str
    columns: str  # the body of CREATE TABLE; its PRIMARY KEY is the key rows are put under
    indexes: tuple[str, ...] = ()  # column lists, e.g. "institution_id, opened_at"
    of: str | None = None
    """The column holding the id of the aggregate whose events change a row: a batch loads the rows of its
    events' aggregates by it. None: the folds never read the table, only put rows into it."""
    counters: tuple[str, ...] = ()
    """Columns an `Add` adds to; the table's other columns are the key and what the key determines."""

    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(d.split()[0] for d in self._definitions if not d.startswith("PRIMARY KEY"))

    @cached_property
    def column_set(self) -> frozenset[str]:
        return frozenset(self.names)

    @cached_property
    def key_of(self) -> Callable[[Row], Any]:
        """A row's key: its one column's value, or a tuple of the key's columns."""
        return itemgetter(*self.key)

    @cached_property
    def grouped(self) -> bool:
        """Whether an aggregate may have several rows: the key is not the aggregate's id."""
        return self.of is not None and self.key != (self.of,)

    @cached_property
    def key(self) -> tuple[str, ...]:
        composite = _PRIMARY_KEY.search(self.columns)
        if composite:
            return tuple(column.strip() for column in composite.group(1).split(","))
        return tuple(d.split()[0] for d in self._definitions if "PRIMARY KEY" in d)

    @cached_property
    def _definitions(self) -> list[str]:
        return [d.strip() for d in _DEFINITIONS.split(self.columns) if d.strip()]

    def create(self, physical: str) -> str:
        return f"CREATE TABLE IF NOT EXISTS {physical} ({self.columns})"

    def create_indexes(self, physical: str) -> list[str]:
        return [
            f"CREATE INDEX IF NOT EXISTS {physical}_ix{n} ON {physical} ({columns})"
            for n, columns in enumerate(self.indexes)
        ]


class Put(NamedTuple):
    """The row as it now is (every column), under its table's key: inserted, or replacing the stored one."""

    table: str
    row: Row


class Add(NamedTuple):
    """The table's counters of the row added to those stored under its key (the row itself if none is)."""

    table: str
    row: Row


Change = Put | Add
Evolve = Callable[["Rows", Any, int], Iterable[Change]]
"""(what the batch knows of the projection's rows, event, its position) -> the rows the event changes"""


class Rows:
    """What a batch knows of its projection's tables: the stored rows of its events' aggregates, as the
    batch's changes so far left them."""

    def __init__(self, tables: Sequence[Table], events: Sequence[tuple[int, Any]]) -> None:
        self._tables = {t.name: t for t in tables}
        self._keyed: dict[str, dict[Any, Row]] = {t.name: {} for t in tables if t.of}
        self._of: dict[str, dict[str, dict[Any, Row]]] = {t.name: {} for t in tables if t.grouped}
        self.changed: dict[str, dict[Any, Row]] = {t.name: {} for t in tables}
        self.aggregates = {uuid: str(uuid) for uuid in dict.fromkeys(event.originator_id for _, event in events)}
        """The ids of the batch's aggregates, as our tables hold them."""

    def get(self, table: str, key: Any) -> Row | None:
        """The row under `key` (its one key column's value) of a table the folds read (one with `of`)."""
        return self._keyed[table].get(key)

    def advancing(self, table: str, event: Any) -> Row | None:
        """The row of the event's aggregate in `table` (keyed by its id, keeping its `version`) if the row has yet
        to see the event; else None, also when there is none: an event is applied once, even replayed."""
        row = self._keyed[table].get(self.aggregates[event.originator_id])
        return row if row is not None and row["version"] < event.originator_version else None

    def of(self, table: str, aggregate_id: str) -> list[Row]:
        """The table's rows of the aggregate, in the order they were first known."""
        return list(self._of[table].get(aggregate_id, {}).values())

    def know(self, table: Table, row: Row, key: Any) -> None:
        self._keyed[table.name][key] = row
        if table.grouped and table.of:
            self._of[table.name].setdefault(row[table.of], {})[key] = row

    def change(self, change: Change) -> None:
        table = self._tables[change.table]
        row = change.row
        if row.keys() != table.column_set:
            raise ValueError(f"a row of {table.name} has columns {sorted(row)}, not {sorted(table.names)}")
        key = table.key_of(row)
        changed = self.changed[table.name]
        if type(change) is Add:
            if (earlier := changed.get(key)) is not None:
                row = {**row, **{c: earlier[c] + row[c] for c in table.counters}}
        elif table.of:
            self.know(table, row, key)
        changed[key] = row


@dataclass(frozen=True)
class Projection:
    name: str
    tables: tuple[Table, ...]
    handlers: Mapping[type, Evolve]
    """The one event-type map: each event type's fold; its keys are the topic filter."""
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
        rows = Rows(self.tables, events)
        self._load(cur, rows, tables)
        handlers, change = self.handlers, rows.change
        for position, event in events:
            for one in handlers[type(event)](rows, event, position):
                change(one)
        for table in self.tables:
            if changed := list(rows.changed[table.name].values()):
                _write(cur, table, tables[table.name], changed)

    def _load(self, cur: Cursor, rows: Rows, tables: Mapping[str, str]) -> None:
        """The stored rows of the batch's aggregates, a statement per table (those it starts have none, unless
        the batch is a replay: then a replayed event finds its rows have seen it)."""
        aggregates = list(rows.aggregates.values())
        for table in self.tables:
            if table.of and aggregates:
                among, params = cur.one_of(table.of, aggregates)
                cur.execute(f"SELECT * FROM {tables[table.name]} WHERE {among}", params)
                for row in cur.fetchall():
                    rows.know(table, row, table.key_of(row))


def _write(cur: Cursor, table: Table, physical: str, rows: list[Row]) -> None:
    """The rows put into (or added to) `table`, in one statement."""
    columns = ", ".join(table.names)
    key = ", ".join(table.key)
    assignments = ", ".join(
        f"{c} = {physical}.{c} + excluded.{c}" if c in table.counters else f"{c} = excluded.{c}"
        for c in table.names
        if c not in table.key
    )
    cur.execute(
        f"INSERT INTO {physical} ({columns}) SELECT {columns} FROM ({cur.json_rows(physical, table.names, 'rows')})"
        f" AS r WHERE true ON CONFLICT ({key}) DO UPDATE SET {assignments}",  # WHERE: SQLite reads ON as a join's
        {"rows": json.dumps(rows, ensure_ascii=False)},
    )


def iso(moment: datetime | None) -> str | None:
    """Times in our tables: ISO 8601 in UTC, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds") if moment is not None else None


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

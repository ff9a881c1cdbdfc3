"""eventsourcing recorders that also record the request's idempotency key in the events' transaction.

`app.save(case, idempotency=IdempotencyRecord(...))` either commits the events and the key together or
neither: a replayed request finds the key and gets the first answer, and a crash between the two
cannot leave an event without its key. A second request with the same key fails on the key's primary
key with eventsourcing's `IntegrityError`, like a version conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
from eventsourcing.persistence import OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier
from psycopg_pool import PoolTimeout

from infra.array_literals import bytea_array, plain_array, text_array
from infra.chain import CHAIN_FUNCTION, CHAIN_TABLE, chain_events, chain_function_sql
from infra.db import DropEnded, application_name

INSERT_KEY = (
    "INSERT INTO {table} (principal_id, idempotency_key, fingerprint, aggregate_id, version, created_at)"
    " VALUES ({p}, {p}, {p}, {p}, {p}, {p})"
)


def chain_arguments(positions: Sequence[int], events: Sequence[StoredEvent]) -> list[str]:
    """`ipps_chain_events`' arguments: the events' positions, ids, versions, topics and stored bytes, as arrays."""
    return [
        plain_array(positions),
        plain_array(e.originator_id for e in events),
        plain_array(e.originator_version for e in events),
        text_array(e.topic for e in events),
        bytea_array(e.state for e in events),
    ]


class Unconfirmed(Exception):
    """The store did not confirm a write that it may have committed: neither "saved" nor "nothing changed" can
    be said. (An `OperationalError` from a write means it is known not to have been saved.)"""


# Failures of a write that leave nothing committed: no connection was had, or the server refused in time.
_NOT_WRITTEN = (PoolTimeout, psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled)


_insert_once = PostgresApplicationRecorder.insert_events.__wrapped__


@dataclass(frozen=True)
class IdempotencyRecord:
    principal_id: str
    key: str
    fingerprint: str
    aggregate_id: str
    version: int

    def row(self) -> tuple[str, str, str, str, int, str]:
        now = datetime.now(UTC).isoformat()
        return (self.principal_id, self.key, self.fingerprint, self.aggregate_id, self.version, now)


class SQLiteRecorder(SQLiteApplicationRecorder):
    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), CHAIN_TABLE.format(table="event_chain")]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        if ids:
            chain_events(c, stored_events, ids)
        record: IdempotencyRecord | None = kwargs.get("idempotency")
        if record is not None:
            c.execute(INSERT_KEY.format(table="idempotency_keys", p="?"), record.row())
        return ids


class PostgresRecorder(PostgresApplicationRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # eventsourcing's pool (shared with its snapshot recorder, which may have opened it already): its
        # connections are named, and dropped once the server has ended them, as ours are. It has no setting for
        # either, hence its attributes; one opened before the name was set is named when next handed out.
        pool = self.datastore.pool
        name = application_name("events", self.datastore.schema)
        if isinstance(pool.kwargs, dict):
            pool.kwargs["application_name"] = name
        check = DropEnded(name)
        check.pool = pool
        pool._check = check
        schema = self.datastore.schema
        self._chain_names = {"function": Identifier(schema, CHAIN_FUNCTION), "chain": Identifier(schema, "event_chain")}
        self._chain = SQL("SELECT {function}(%s, %s, %s, %s, %s)").format(**self._chain_names)

    def create_table(self) -> None:
        super().create_table()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(SQL("SELECT pg_advisory_xact_lock(hashtext({0}))").format(CHAIN_FUNCTION))
            curs.execute(SQL(CHAIN_TABLE).format(table=self._chain_names["chain"]), prepare=False)
            curs.execute(SQL(chain_function_sql()).format(**self._chain_names), prepare=False)

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if ids:  # the chain rows, in the events' transaction, under its lock
            curs.execute(self._chain, chain_arguments(ids, stored_events))
        return ids

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        # Once, not with eventsourcing's retries: a retry after a COMMIT whose answer was lost fails as a version
        # conflict, and the command, retried on the fresh state, would record its step twice. And a connection
        # lost during the COMMIT is told like one lost before it: both are unknown.
        try:
            ids: Sequence[int] | None = _insert_once(self, stored_events, **kwargs)
        except OperationalError as exc:
            if isinstance(exc.__cause__, _NOT_WRITTEN):
                raise
            raise Unconfirmed(f"the store did not confirm the write: {exc}") from exc
        return ids

    def _insert_events(self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any) -> None:
        record: IdempotencyRecord | None = kwargs.get("idempotency")
        if record is not None:
            table = Identifier(self.datastore.schema, "idempotency_keys").as_string(curs)
            curs.execute(SQL(INSERT_KEY.format(table=table, p="%s")), record.row())
        super()._insert_events(curs, stored_events, **kwargs)

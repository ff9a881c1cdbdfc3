"""Group commit for PostgreSQL: one writer thread commits the events of many concurrent commands at once.

eventsourcing's recorder takes `LOCK TABLE … EXCLUSIVE` for every insert, so that notification ids are
handed out in commit order and a reader tailing the log never skips an event that commits later with a
lower id. That serialises commits: ~1.2k/s with 8 writers here. This recorder keeps the lock and the
guarantee, but takes it once per *batch*: commands queue their events, the writer drains the queue and
inserts every command's events (and idempotency keys) in one transaction.

A batch is one statement, a call of `ipps_append_batch` (created beside the events table) in autocommit: the
lock, the notification, the idempotency keys, the events and the commit in a single round trip, so that
the writer thread waits on the network (and then on the GIL) once per batch instead of seven times.

A conflict in one command (a version already taken, an idempotency key already used) must not fail the
others: when the batch's single insert raises, the batch is rolled back and replayed command by command,
each under its own savepoint, so that only the conflicting command gets its IntegrityError.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from eventsourcing.persistence import IntegrityError, OperationalError, StoredEvent
from psycopg import Connection, Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from infra.array_literals import bytea_array, plain_array, text_array
from infra.recorders import IdempotencyRecord, PostgresRecorder

MAX_BATCH = 256
# Its positions come back as one array in the order the events were given (matched in the database, where
# the join costs nothing, rather than building a row per event here). The earlier `ipps_append_batch`
# returned rows; it keeps its name so that a process of an older version still running beside this one
# finds the function it calls.
APPEND_FUNCTION = "ipps_append_events"
_APPEND_FUNCTION = """
CREATE OR REPLACE FUNCTION {function}(
    originator_ids uuid[], originator_versions bigint[], topics text[], states bytea[],
    principal_ids text[], idempotency_keys text[], fingerprints text[],
    aggregate_ids text[], versions integer[], created text[], lock_timeout text, channel text
) RETURNS bigint[] LANGUAGE plpgsql AS $$
DECLARE
    positions bigint[];
BEGIN
    PERFORM set_config('lock_timeout', lock_timeout, true);
    LOCK TABLE {schema}.{table} IN EXCLUSIVE MODE;
    PERFORM pg_notify(channel, '');
    IF cardinality(principal_ids) > 0 THEN
        INSERT INTO {keys} (principal_id, idempotency_key, fingerprint, aggregate_id, version, created_at)
            SELECT * FROM unnest(principal_ids, idempotency_keys, fingerprints, aggregate_ids, versions, created);
    END IF;
    WITH inserted AS (
        INSERT INTO {schema}.{table} AS e (originator_id, originator_version, topic, state)
            SELECT * FROM unnest(originator_ids, originator_versions, topics, states)
            RETURNING e.originator_id, e.originator_version, e.notification_id
    )
    SELECT array_agg(inserted.notification_id ORDER BY given.n) INTO positions
        FROM unnest(originator_ids, originator_versions) WITH ORDINALITY AS given (id, version, n)
        JOIN inserted ON inserted.originator_id = given.id AND inserted.originator_version = given.version;
    RETURN positions;
END
$$"""
WAIT_SECONDS = 60.0


def _held_lock() -> threading.Lock:
    lock = threading.Lock()
    lock.acquire()
    return lock


@dataclass
class _Command:
    events: Sequence[StoredEvent]
    idempotency: IdempotencyRecord | None
    done: threading.Lock = field(default_factory=_held_lock)  # released by the writer: cheaper than an Event
    ids: list[int] = field(default_factory=list)
    error: Exception | None = None
    # For a caller on an event loop: the future the writer settles there, instead of releasing `done`.
    loop: asyncio.AbstractEventLoop | None = None
    future: asyncio.Future[list[int]] | None = None
    deadline: asyncio.TimerHandle | None = None  # fails the future if the writer does not answer in time


class GroupCommitRecorder(PostgresRecorder):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._queue: queue.SimpleQueue[_Command] = queue.SimpleQueue()
        self._writer: threading.Thread | None = None
        self._writer_lock = threading.Lock()
        schema, table = self.datastore.schema, self.events_table_name
        names = {
            "schema": Identifier(schema),
            "table": Identifier(table),
            "function": Identifier(schema, APPEND_FUNCTION),
            "keys": Identifier(schema, "idempotency_keys"),
        }
        self._create_append_function = SQL(_APPEND_FUNCTION).format(**names)
        self._append = SQL("SELECT {function}(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) AS positions").format(
            **names
        )

    def create_table(self) -> None:
        super().create_table()
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(SQL("SELECT pg_advisory_xact_lock(hashtext({0}))").format(APPEND_FUNCTION))
            curs.execute(self._create_append_function, prepare=False)

    # Callers -------------------------------------------------------------------------------------

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        command = _Command(stored_events, kwargs.get("idempotency"))
        self._ensure_writer()
        self._queue.put(command)
        if not command.done.acquire(timeout=WAIT_SECONDS):
            raise OperationalError("the event writer did not answer in time")
        if command.error is not None:
            raise command.error
        return command.ids

    def append_soon(
        self, stored_events: Sequence[StoredEvent], idempotency: IdempotencyRecord | None
    ) -> asyncio.Future[list[int]]:
        """`insert_events` for a caller on an event loop: the events' positions arrive as the future's result
        (or its exception), set on that loop, with no thread waiting for the writer meanwhile. Unanswered
        within WAIT_SECONDS, the future fails (a timer of its own: `asyncio.wait_for` cost ~6 µs more)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[int]] = loop.create_future()
        deadline = loop.call_later(WAIT_SECONDS, _give_up, future)
        self._ensure_writer()
        self._queue.put(_Command(stored_events, idempotency, loop=loop, future=future, deadline=deadline))
        return future

    def _ensure_writer(self) -> None:
        if self._writer is not None and self._writer.is_alive():
            return
        with self._writer_lock:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._write_forever, name="event-writer", daemon=True)
                self._writer.start()

    # The writer ----------------------------------------------------------------------------------

    def _write_forever(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < MAX_BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._commit(batch)
            except Exception as exc:  # the database is unreachable: every waiting command hears why
                error = exc if isinstance(exc, OperationalError) else OperationalError(str(exc))
                for command in batch:
                    command.error = command.error or error
            finally:
                _answer(batch)

    def _commit(self, batch: list[_Command]) -> None:
        with self.datastore.get_connection() as conn:
            try:
                self._commit_together(conn, batch)
            except psycopg.IntegrityError:
                self._commit_one_by_one(conn, batch)

    def _commit_together(self, conn: Connection[DictRow], batch: list[_Command]) -> None:
        with conn.cursor() as curs:
            self._append_events(curs, batch)

    def _commit_one_by_one(self, conn: Connection[DictRow], batch: list[_Command]) -> None:
        with conn.transaction(), conn.cursor() as curs:
            for command in batch:
                try:
                    with conn.transaction():  # a savepoint: this command's conflict is its own
                        self._append_events(curs, [command])
                except psycopg.IntegrityError as exc:
                    command.error = IntegrityError(str(exc))

    def _append_events(self, curs: Cursor[DictRow], commands: list[_Command]) -> None:
        """The commands' keys and events through the append function; each command is given its events'
        positions. In autocommit the call is its own transaction; inside one (a savepoint per command), it
        is part of it."""
        events = [e for c in commands for e in c.events]
        keys = [c.idempotency.row() for c in commands if c.idempotency is not None]
        event_columns = [
            plain_array(e.originator_id for e in events),
            plain_array(e.originator_version for e in events),
            text_array(e.topic for e in events),
            bytea_array(e.state for e in events),
        ]
        key_columns = [text_array(column) for column in zip(*keys, strict=True)] if keys else ["{}"] * 6
        timeout = f"{self.datastore.lock_timeout}s"
        curs.execute(self._append, (*event_columns, *key_columns, timeout, self.channel_name))
        row = curs.fetchone()
        positions: list[int] = (row["positions"] if row is not None else None) or []  # NULL: no events given
        if len(positions) != len(events):
            raise OperationalError(f"{len(events)} events appended, {len(positions)} positions returned")
        start = 0
        for command in commands:
            command.ids = positions[start : start + len(command.events)]
            start += len(command.events)


def _answer(batch: list[_Command]) -> None:
    """Wake the batch's callers: threads one by one, each event loop once for all of its commands (a wake-up
    of a loop from another thread is a write to its self-pipe)."""
    on_loops: dict[asyncio.AbstractEventLoop, list[_Command]] = {}
    for command in batch:
        if command.loop is None:
            command.done.release()
        else:
            on_loops.setdefault(command.loop, []).append(command)
    for loop, commands in on_loops.items():
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody is waiting there
            loop.call_soon_threadsafe(_settle, commands)


def _settle(commands: list[_Command]) -> None:
    for command in commands:
        if command.deadline is not None:
            command.deadline.cancel()
        future = command.future
        if future is None or future.done():  # the caller gave up waiting: the events are saved all the same
            continue
        if command.error is not None:
            future.set_exception(command.error)
        else:
            future.set_result(command.ids)


def _give_up(future: asyncio.Future[list[int]]) -> None:
    if not future.done():  # the events may still be saved: the caller is told it does not know
        future.set_exception(OperationalError("the event writer did not answer in time"))

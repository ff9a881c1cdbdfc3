"""Group commit for PostgreSQL: one writer thread commits the events of many concurrent commands at once.

eventsourcing's recorder takes `LOCK TABLE … EXCLUSIVE` for every insert, so that notification ids are
handed out in commit order and a reader tailing the log never skips an event that commits later with a
lower id. That serialises commits, one round of lock, insert and commit at a time. This recorder keeps the lock and the
guarantee, but takes it once per *batch*: commands queue their events, the writer drains the queue and
inserts every command's events (and idempotency keys) in one transaction.

A batch is one statement, a call of `ipps_append_events` (created beside the events table) in autocommit: the
lock, the notification, the idempotency keys, the events, their chain rows (infra/chain.py) and the commit in a
single round trip, so that
the writer thread waits on the network (and then on the GIL) once per batch instead of seven times.

A conflict in one command (a version already taken, an idempotency key already used) must not fail the
others: when the batch's single insert raises, the batch is rolled back and replayed command by command,
each under its own savepoint, so that only the conflicting command gets its IntegrityError.

Every command is answered with what is known of it: its positions; IntegrityError (a conflict: not written);
OperationalError (known not written: no connection, the server refused, or its caller gave up on it before
the writer took it); or Unconfirmed. When the connection is lost after the batch was sent, the writer
finds out: it waits for that backend to end (ending it if need be), then looks for each command's events.
Only when it cannot (the server is gone) is the outcome unknown.
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
from infra.chain import CHAIN_FUNCTION
from infra.recorders import IdempotencyRecord, PostgresRecorder, Unconfirmed

MAX_BATCH = 256
# Its positions come back as one array in the order the events were given (matched in the database, where
# the join costs nothing, rather than building a row per event here). It is named apart from the function
# it replaced, `ipps_append_batch` (which returned rows and is never dropped), so that a process of an
# older version still running beside this one finds the function it calls.
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
    PERFORM {chain_function}(positions, originator_ids, originator_versions, topics, states);
    RETURN positions;
END
$$"""
WAIT_SECONDS = 60.0
BACKEND_END_MS = 5000  # how long the writer waits for a backend whose connection it lost to end
# Each given event of a command beside what the store holds at its id and version (if anything).
_FIND_EVENTS = """
SELECT e.notification_id, e.state = given.state AS ours
    FROM unnest(%s::uuid[], %s::bigint[], %s::bytea[]) WITH ORDINALITY AS given (id, version, state, n)
    LEFT JOIN {schema}.{table} AS e ON e.originator_id = given.id AND e.originator_version = given.version
    ORDER BY given.n"""
_END_BACKEND = """
SELECT pg_terminate_backend(pid, %s) FROM pg_stat_activity WHERE pid = %s AND application_name = %s"""
_BACKEND_ALIVE = "SELECT count(*) AS alive FROM pg_stat_activity WHERE pid = %s"


def _held_lock() -> threading.Lock:
    lock = threading.Lock()
    lock.acquire()
    return lock


@dataclass
class _Command:
    events: Sequence[StoredEvent]
    idempotency: IdempotencyRecord | None
    done: threading.Lock = field(default_factory=_held_lock)  # released by the writer: cheaper than an Event
    # Taken (without blocking) by the writer before it writes the command, or by a caller who gives up first:
    # whoever takes it decides, so a command given up on is known not to be written.
    taken: threading.Lock = field(default_factory=threading.Lock)
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
            "chain_function": Identifier(schema, CHAIN_FUNCTION),
        }
        self._create_append_function = SQL(_APPEND_FUNCTION).format(**names)
        self._append = SQL("SELECT {function}(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) AS positions").format(
            **names
        )
        self._find_events = SQL(_FIND_EVENTS).format(**names)

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
            given_up = _given_up(command)
            if not command.done.acquire(blocking=False):  # the writer may have answered meanwhile
                raise given_up
        if command.error is not None:
            raise command.error
        return command.ids

    def submit(
        self, stored_events: Sequence[StoredEvent], idempotency: IdempotencyRecord | None
    ) -> asyncio.Future[list[int]]:
        """`insert_events` for a caller on an event loop: the events' positions arrive as the future's result
        (or its exception), set on that loop, with no thread waiting for the writer meanwhile. Unanswered
        within WAIT_SECONDS, the future fails (a timer of its own, cheaper than `asyncio.wait_for` on every command)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[int]] = loop.create_future()
        command = _Command(stored_events, idempotency, loop=loop, future=future)
        command.deadline = loop.call_later(WAIT_SECONDS, _give_up, command)
        self._ensure_writer()
        self._queue.put(command)
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
            batch = self._next_batch()
            if not batch:
                continue
            try:
                self._commit(batch)
            except _Unanswered as lost:
                self._find_out(batch, lost.backend_pid)
            except Exception as exc:  # nothing was written (no connection, or the server refused the batch)
                error = exc if isinstance(exc, OperationalError) else OperationalError(str(exc))
                for command in batch:
                    command.error = command.error or error
            finally:
                _answer(batch)

    def _next_batch(self) -> list[_Command]:
        """Up to MAX_BATCH queued commands, less those whose callers have given up on them."""
        waiting = [self._queue.get()]
        while len(waiting) < MAX_BATCH:
            try:
                waiting.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return [command for command in waiting if command.taken.acquire(blocking=False)]

    def _commit(self, batch: list[_Command]) -> None:
        with self.datastore.get_connection() as conn:
            backend_pid = conn.info.backend_pid
            try:
                try:
                    self._commit_together(conn, batch)
                except psycopg.IntegrityError:
                    self._commit_one_by_one(conn, batch)
            except psycopg.Error as exc:
                if conn.broken:  # sent, and no answer: it may have committed
                    raise _Unanswered(backend_pid) from exc
                raise  # the server's refusal: the transaction was rolled back

    def _find_out(self, batch: list[_Command], backend_pid: int) -> None:
        """What became of a batch whose connection was lost after it was sent: once its backend has ended, each
        command's events are in the store, as given (written), or not (not written), or another's are at their
        versions (a conflict). Unknown only when this cannot be found out."""
        try:
            with self.datastore.get_connection() as conn, conn.cursor() as curs:
                curs.execute(
                    _END_BACKEND, (BACKEND_END_MS, backend_pid, conn.info.parameter_status("application_name"))
                )
                curs.execute(_BACKEND_ALIVE, (backend_pid,))
                row = curs.fetchone()
                if row is None or row["alive"]:
                    raise OperationalError(f"the backend {backend_pid} has not ended")
                for command in batch:
                    if command.error is None:
                        self._look_up(curs, command)
        except Exception as exc:
            for command in batch:
                if command.error is None:
                    command.error = Unconfirmed(f"the store did not confirm the write, and cannot be asked: {exc}")

    def _look_up(self, curs: Cursor[DictRow], command: _Command) -> None:
        events = command.events
        given = [
            plain_array(e.originator_id for e in events),
            plain_array(e.originator_version for e in events),
            bytea_array(e.state for e in events),
        ]
        curs.execute(self._find_events, given)
        found = curs.fetchall()
        if all(row["ours"] for row in found):
            command.ids = [row["notification_id"] for row in found]
        elif all(row["notification_id"] is None for row in found):
            command.error = OperationalError("the connection was lost before the write committed: nothing was written")
        elif any(row["ours"] is False for row in found):
            command.error = IntegrityError("another write took these versions first")
        else:
            command.error = Unconfirmed("the store holds part of this write")

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


class _Unanswered(Exception):
    def __init__(self, backend_pid: int) -> None:
        super().__init__(backend_pid)
        self.backend_pid = backend_pid


def _given_up(command: _Command) -> Exception:
    """The error for a caller who waited WAIT_SECONDS: known not written if the writer had not taken it yet."""
    if command.taken.acquire(blocking=False):
        return OperationalError("the event writer did not take this write in time: it was not written")
    return Unconfirmed("the event writer did not answer in time: the write may yet be saved")


def _give_up(command: _Command) -> None:
    if command.future is not None and not command.future.done():
        command.future.set_exception(_given_up(command))

"""Our own tables (projections, tracking, idempotency, keys) beside the event store, on either database.

SQL is written once with `:name` placeholders; the PostgreSQL side rewrites them to psycopg's style.
"""

from __future__ import annotations

import fcntl
import json
import re
import select
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import psycopg
from psycopg.rows import dict_row, tuple_row
from psycopg_pool import ConnectionPool
from psycopg_pool.base import AttemptWithBackoff

from infra.array_literals import text_array

Row = dict[str, Any]
Params = Mapping[str, Any] | None

_NAMED = re.compile(r"(?<![:\w]):([a-zA-Z_]\w*)")


@lru_cache(maxsize=4096)  # the same few statements run for every event a projection applies
def to_pyformat(sql: str) -> str:
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


class Cursor(Protocol):
    def execute(self, sql: str, params: Params = None) -> None: ...
    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None: ...
    def fetchall(self) -> list[Row]: ...
    def fetchone(self) -> Row | None: ...
    def select_tuples(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]: ...
    # Many rows or values in one parameter (a JSON array), so that a statement's text does not grow with
    # them: psycopg is slow to convert a statement of hundreds of placeholders, and parses each new text anew.
    def json_rows(self, table: str, columns: Sequence[str], param: str) -> str: ...
    def json_typed_rows(self, columns: Mapping[str, str], param: str) -> str: ...
    def one_of(self, column: str, values: Sequence[str]) -> tuple[str, dict[str, Any]]: ...
    @property
    def rowcount(self) -> int: ...


class Database(Protocol):
    dialect: str

    def transaction(self, batch: bool = False) -> Any: ...  # context manager yielding a Cursor
    def creating_tables(self) -> AbstractContextManager[None]: ...
    def query(self, sql: str, params: Params = None) -> list[Row]: ...
    def stream(self, sql: str, params: Params = None, size: int = 5000) -> Iterator[tuple[Any, ...]]: ...
    def execute(self, sql: str, params: Params = None) -> int: ...
    def close(self) -> None: ...


class _SQLiteCursor:
    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Params = None) -> None:
        self._cursor.execute(sql, dict(params or {}))

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        self._cursor.executemany(sql, [dict(p) for p in params])

    def fetchall(self) -> list[Row]:
        return [dict(r) for r in self._cursor.fetchall()]

    def fetchone(self) -> Row | None:
        row = self._cursor.fetchone()
        return dict(row) if row is not None else None

    def select_tuples(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
        self._cursor.execute(sql, dict(params or {}))
        return [tuple(r) for r in self._cursor.fetchall()]

    def json_rows(self, table: str, columns: Sequence[str], param: str) -> str:
        """A query of `columns` from the JSON array of objects in `param`."""
        extracted = ", ".join(f"json_extract(value, '$.{column}') AS {column}" for column in columns)
        return f"SELECT {extracted} FROM json_each(:{param})"

    def json_typed_rows(self, columns: Mapping[str, str], param: str) -> str:
        """`json_rows` for columns of no table, {name: SQL type}."""
        return self.json_rows("", list(columns), param)

    def one_of(self, column: str, values: Sequence[str]) -> tuple[str, dict[str, Any]]:
        """A condition that `column` is one of `values`, and its parameter."""
        param = f"{column.replace('.', '_')}_values"
        return f"{column} IN (SELECT value FROM json_each(:{param}))", {param: json.dumps(list(values))}

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


class SQLiteDatabase:
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout=30000")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":  # switching needs the file alone
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def creating_tables(self) -> Iterator[None]:
        """Held across processes while one creates the tables it needs (see PostgresDatabase's)."""
        with self.path.with_name(self.path.name + ".schema-lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    @contextmanager
    def transaction(self, batch: bool = False) -> Iterator[_SQLiteCursor]:
        conn = self._connection()
        cursor = conn.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield _SQLiteCursor(cursor)
        except BaseException:
            conn.rollback()
            raise
        else:
            conn.commit()
        finally:
            cursor.close()

    def query(self, sql: str, params: Params = None) -> list[Row]:
        cursor = self._connection().execute(sql, dict(params or {}))
        try:
            return [dict(r) for r in cursor.fetchall()]
        finally:
            cursor.close()

    def stream(self, sql: str, params: Params = None, size: int = 5000) -> Iterator[tuple[Any, ...]]:
        """The rows of one query as tuples, `size` at a time, from one snapshot (a read transaction)."""
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("BEGIN")
            cursor = conn.execute(sql, dict(params or {}))
            while rows := cursor.fetchmany(size):
                yield from rows
        finally:
            conn.close()

    def execute(self, sql: str, params: Params = None) -> int:
        with self.transaction() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()


class _PostgresCursor:
    def __init__(self, cursor: psycopg.Cursor[Row]) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Params = None) -> None:
        self._cursor.execute(to_pyformat(sql), params)

    def executemany(self, sql: str, params: Sequence[Mapping[str, Any]]) -> None:
        self._cursor.executemany(to_pyformat(sql), params)

    def fetchall(self) -> list[Row]:
        return self._cursor.fetchall()

    def fetchone(self) -> Row | None:
        return self._cursor.fetchone()

    def select_tuples(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
        """Rows as tuples, in PostgreSQL's binary format: about half the decoding time of text and dicts,
        for the statements that read thousands of rows (the log)."""
        with self._cursor.connection.cursor(row_factory=tuple_row, binary=True) as cursor:
            cursor.execute(to_pyformat(sql), params)
            return cursor.fetchall()

    def json_rows(self, table: str, columns: Sequence[str], param: str) -> str:
        """A query of `columns` from the JSON array of objects in `param`, typed as `table`'s columns."""
        return f"SELECT {', '.join(columns)} FROM json_populate_recordset(NULL::{table}, CAST(:{param} AS json))"

    def json_typed_rows(self, columns: Mapping[str, str], param: str) -> str:
        """`json_rows` for columns of no table, {name: SQL type}."""
        defined = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        return f"SELECT * FROM json_to_recordset(CAST(:{param} AS json)) AS r({defined})"

    def one_of(self, column: str, values: Sequence[str]) -> tuple[str, dict[str, Any]]:
        """A condition that `column` is one of `values`, and its parameter: `= ANY(array)`, which the planner
        answers from the column's index (an `IN` over a set-returning function is guessed at 100 rows and
        joined by a scan of the whole table)."""
        param = f"{column.replace('.', '_')}_values"
        return f"{column} = ANY(CAST(:{param} AS text[]))", {param: text_array(values)}

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


def application_name(kind: str, schema: str) -> str:
    """What a connection is for, as `pg_stat_activity` shows it (an operator, and the fault tests, find one
    kind of connection of one schema by it): `ipps tables public`, `ipps events public`, `ipps listen public`."""
    return f"ipps {kind} {schema}"[:63]


# After a second connection in a row fails its check, psycopg_pool waits before taking the next: 1 s, then 2, 4 …
# (for both pools: ours and eventsourcing's). DropEnded has dropped every ended idle connection by then, so the
# next is most likely new and healthy; while the server kept ending connections (a restart, an operator's
# pg_terminate_backend every few hundred ms) the doubled waits held one request past its pool's timeout. The
# doubling stays, from a tenth of that.
AttemptWithBackoff.INITIAL_DELAY = 0.1


class DropEnded:
    """A pool's check of an idle connection. One the server has ended (a terminated backend, a restart) has its
    farewell, or the end of the stream, waiting to be read: it is checked with a round trip, fails, and the pool
    takes another; a healthy one costs a poll of its socket, not a round trip.

    One found ended says the server most likely ended its fellows too: the pool's other idle connections are
    checked at once, rather than handed out one by one behind the pool's pause after each failed check (1 s,
    then 2, 4 …), which kept a request waiting past the pool's timeout. With `name`, a connection opened
    before its pool was given that name is named (an autocommit connection: one statement, once)."""

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        self.pool: ConnectionPool[Any] | None = None  # set once the pool is made

    def __call__(self, conn: psycopg.Connection[Any]) -> None:
        readable, _, _ = select.select([conn.fileno()], [], [], 0)
        if readable:
            try:
                ConnectionPool.check_connection(conn)
            except psycopg.Error:
                if self.pool is not None:
                    self.pool.check()
                raise
        if self.name is not None and conn.info.parameter_status("application_name") != self.name:
            conn.execute("SELECT set_config('application_name', %s, false)", (self.name,))


class PostgresDatabase:
    dialect = "postgres"

    def __init__(self, conninfo: str, schema: str, pool_size: int) -> None:
        self.conninfo = conninfo
        self.schema = schema
        check = DropEnded()
        self.pool: ConnectionPool[psycopg.Connection[Row]] = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=pool_size,
            timeout=10,
            open=True,
            check=check,
            kwargs={
                "row_factory": dict_row,
                "options": f"-c search_path={schema}",
                "application_name": application_name("tables", schema),
            },
        )
        check.pool = self.pool

    @contextmanager
    def creating_tables(self) -> Iterator[None]:
        """Held across processes while one creates the tables it needs, ours and eventsourcing's: processes
        that start together (the API and the projection worker) otherwise deadlock on each other's
        CREATE ... IF NOT EXISTS or collide creating the same type."""
        with psycopg.connect(self.conninfo, autocommit=True, connect_timeout=10) as conn:  # not one of the pool's:
            conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (f"ipps tables {self.schema}",))  # it may be 1
            yield  # the lock ends with the connection

    @contextmanager
    def transaction(self, batch: bool = False) -> Iterator[_PostgresCursor]:
        """A projection `batch`: statements go out without waiting for each answer (a read still waits for
        its own; row counts are not known), what lets a batch apply thousands of events a second; and each
        is planned for its values. A projection's tables grow from empty after a start or a rebuild: a
        prepared statement's generic plan, made while one was small, scanned it whole ever after."""
        with ExitStack() as stack:
            conn = stack.enter_context(self.pool.connection())
            if batch:
                stack.enter_context(conn.pipeline())
            stack.enter_context(conn.transaction())
            cursor = _PostgresCursor(stack.enter_context(conn.cursor()))
            if batch:
                cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
            yield cursor

    def query(self, sql: str, params: Params = None) -> list[Row]:
        with self.pool.connection() as conn, conn.cursor() as cursor:
            cursor.execute(to_pyformat(sql), params)
            return cursor.fetchall()

    def stream(self, sql: str, params: Params = None, size: int = 5000) -> Iterator[tuple[Any, ...]]:
        """The rows of one query as tuples, `size` at a time (a server-side cursor), from one snapshot."""
        with (
            self.pool.connection() as conn,
            conn.transaction(),
            conn.cursor(name="ipps_stream", row_factory=tuple_row, binary=True) as cursor,
        ):
            cursor.execute(to_pyformat(sql), params)
            while rows := cursor.fetchmany(size):
                yield from rows

    def execute(self, sql: str, params: Params = None) -> int:
        with self.transaction() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount

    def close(self) -> None:
        self.pool.close()

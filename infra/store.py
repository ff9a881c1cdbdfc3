"""The event store (eventsourcing on SQLite or PostgreSQL) and our own tables, opened together."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar, ParamSpec, TypeVar
from urllib.parse import unquote, urlparse
from uuid import UUID

import psycopg
import structlog
from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.domain import Aggregate, DomainEvent
from eventsourcing.persistence import IntegrityError, Notification, OperationalError, Recording, StoredEvent

from domain.case import ServiceCase
from domain.parties import Client, Institution
from infra.calendar import working_calendar
from infra.case_cache import CaseCache
from infra.chain import backfill_chain
from infra.db import Cursor, Database, PostgresDatabase, SQLiteDatabase
from infra.group_commit import GroupCommitRecorder
from infra.mapper import fields_of_stored
from infra.recorders import IdempotencyRecord, Unconfirmed
from infra.schema import create_tables
from infra.settings import Settings

log = structlog.get_logger("ipps.store")
A = TypeVar("A", bound=Aggregate)
P = ParamSpec("P")
T = TypeVar("T")
SNAPSHOT_EVERY = 100
# Aggregates that are registered and never change after: once loaded, one is kept (a command opening a case
# reads its institution and client every time). tests/infra/test_store.py checks they have no other event.
NEVER_CHANGING: tuple[type[Aggregate], ...] = (Institution, Client)
NEVER_CHANGING_AT_MOST = 10_000


WRITE_EVENTS_AT_MOST = 16  # a case event and its companions' (a ledger's start and entry, ...)


class IppsApplication(Application[UUID]):
    name = "ipps"
    # A case with a long history loads from its latest snapshot and the events after it, not from zero.
    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {ServiceCase: SNAPSHOT_EVERY}

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """Application.save, but our aggregates are told apart by class: eventsourcing's checks against its
        runtime protocols were half of the Python a command spent here."""
        processing: ProcessingEvent[UUID] = ProcessingEvent()
        for obj in objs:
            if isinstance(obj, Aggregate):
                processing.events.extend(obj.collect_events())
                processing.aggregates[obj.id] = obj
            else:
                processing.collect_events(obj)
        processing.saved_kwargs.update(kwargs)
        recordings = self._record(processing)
        try:
            self._take_snapshots(processing)
        except OperationalError as exc:  # the events are saved: a missing snapshot only makes a later read longer
            log.warning("snapshot_not_taken", error=str(exc))
        self._notify(recordings)
        return recordings


def _snapshot_due(aggregates: Iterable[Aggregate]) -> bool:
    for aggregate in aggregates:
        interval = IppsApplication.snapshotting_intervals.get(type(aggregate))
        if interval and any(e.originator_version % interval == 0 for e in aggregate.pending_events):
            return True
    return False


@cache
def _may_have_snapshots(kind: type[Any]) -> bool:
    return any(issubclass(snapshotted, kind) for snapshotted in IppsApplication.snapshotting_intervals)


def _project(aggregate: Any, events: Iterable[Any]) -> Any:
    """eventsourcing's project_aggregate without its per-event runtime-protocol assertion."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


# What became of a write: `Store.append` answers with one of these, and raises nothing a store can say.


@dataclass(frozen=True)
class Saved:
    position: int  # the global position of the write's last event


@dataclass(frozen=True)
class Conflict:
    """Another write took one of these versions (or this idempotency key) first: nothing of this one was written."""


@dataclass(frozen=True)
class NotWritten:
    """Known not written: no connection, the server refused in time, or the writer never took it."""

    reason: str


@dataclass(frozen=True)
class OutcomeUnknown:
    """The store did not confirm a write it may have committed: neither "saved" nor "nothing changed" can be said."""

    reason: str


Outcome = Saved | Conflict | NotWritten | OutcomeUnknown
# The store's own refusals of a write, that leave nothing written (eventsourcing's, and psycopg's from our tables).
_REFUSED = (OperationalError, psycopg.OperationalError)


@dataclass(frozen=True)
class PositionedEvent:
    position: int
    event: DomainEvent


@dataclass(frozen=True)
class RawEvent:
    """A stored event as its fields, without building the domain object (for rendering it on the wire)."""

    position: int
    aggregate_id: UUID
    version: int
    topic: str
    fields: dict[str, Any]


@dataclass(frozen=True)
class StoredKey:
    fingerprint: str
    aggregate_id: UUID
    version: int


def postgres_env(url: str, schema: str | None, pool_size: int, group_commit: bool = True) -> dict[str, str]:
    parts = urlparse(url)
    recorder = "infra.group_commit:GroupCommitRecorder" if group_commit else "infra.recorders:PostgresRecorder"
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "APPLICATION_RECORDER_TOPIC": recorder,
        "POSTGRES_DBNAME": parts.path.lstrip("/") or "postgres",
        "POSTGRES_HOST": parts.hostname or "127.0.0.1",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_SCHEMA": schema or "public",
        "POSTGRES_POOL_SIZE": str(pool_size),
        "POSTGRES_MAX_OVERFLOW": "0",
        "POSTGRES_CONNECT_TIMEOUT": "5",
        "POSTGRES_LOCK_TIMEOUT": "10",
        "POSTGRES_MAX_WAITING": "64",
    }


class Store:
    """One place to save and load aggregates, read the log, and reach our own tables."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        working_calendar()  # a calendar file that cannot be used stops start-up here, not a read model later
        env: dict[str, str] = {"MAPPER_TOPIC": "infra.mapper:MsgspecMapper"}
        if settings.is_postgres:
            if settings.database_url is None:
                raise ValueError("IPPS_DATABASE_URL is required for PostgreSQL")
            schema = settings.db_schema or "public"
            self.db: Database = PostgresDatabase(settings.database_url, schema, settings.pool_size)
            env |= postgres_env(settings.database_url, schema, settings.pool_size, settings.group_commit)
            self.events_table = f"{IppsApplication.name}_events"
            self.position_column = "notification_id"
        else:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            path = settings.sqlite_path
            self.db = SQLiteDatabase(path)
            env |= {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "APPLICATION_RECORDER_TOPIC": "infra.recorders:SQLiteRecorder",
                "SQLITE_DBNAME": str(path),
                "SQLITE_LOCK_TIMEOUT": str(settings.sqlite_lock_seconds),
            }
            self.events_table = "stored_events"
            self.position_column = "rowid"  # eventsourcing's SQLite notification id
        with self.db.creating_tables():  # ours, then eventsourcing's (made when the application starts)
            create_tables(self.db)
            self.app = IppsApplication(env=env)
        if chained := backfill_chain(self.db, self.events_table, self.position_column, self.dialect):
            log.info("chain_backfilled", events=chained)
        self._never_changing: dict[UUID, Aggregate] = {}
        self.cases = CaseCache(settings.case_cache_events)
        self.workers = ThreadPoolExecutor(settings.pool_size, thread_name_prefix="ipps-store")

    @property
    def dialect(self) -> str:
        return self.db.dialect

    def close(self) -> None:
        self.workers.shutdown(wait=True)
        self.app.close()
        self.db.close()

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run blocking store work in a worker thread, never more at once than the database pool holds, with the
        caller's context (its log fields). A plain executor, not anyio's `to_thread`, whose limiter, cancel scope
        and backend lookups cost more CPU than the hop itself."""
        call = functools.partial(contextvars.copy_context().run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self.workers, call)

    # Writing -------------------------------------------------------------------------------------

    async def append(self, *aggregates: Aggregate, idempotency: IdempotencyRecord | None = None) -> Outcome:
        """Save the aggregates' pending events (and the idempotency key) in one transaction, or nothing.

        On PostgreSQL the events go to the group-commit writer and are waited for on the event loop; where a
        snapshot is due (taking one reads and writes the store) or on SQLite, `save` runs in a worker thread.
        A case saved is kept for the next command on it (see infra/case_cache)."""
        writer = self._writer_for(aggregates)
        try:
            if writer is None:
                position = await self.run(self.save, *aggregates, idempotency=idempotency)
            else:
                position = max(await writer.submit(self._stored_events(aggregates), idempotency))
        except IntegrityError:
            return Conflict()
        except Unconfirmed as exc:
            return OutcomeUnknown(str(exc))
        except _REFUSED as exc:
            return NotWritten(str(exc))
        for aggregate in aggregates:
            if isinstance(aggregate, ServiceCase):
                self.cases.put_back(aggregate)
        return Saved(position)

    def save(self, *aggregates: Aggregate, idempotency: IdempotencyRecord | None = None) -> int:
        """`append` for a caller in a thread of its own (the demo's and the benchmarks' loaders): the global
        position of the last event; eventsourcing's IntegrityError on a conflict. Nothing is kept."""
        writer = self._writer_for(aggregates)
        if writer is not None:
            positions = writer.insert_events(self._stored_events(aggregates), idempotency=idempotency)
            return max(positions or [0])
        kwargs: dict[str, Any] = {"idempotency": idempotency} if idempotency else {}
        recordings = self.app.save(*aggregates, **kwargs)
        return max(r.notification.id for r in recordings)

    def _writer_for(self, aggregates: Sequence[Aggregate]) -> GroupCommitRecorder | None:
        """The group-commit writer, to hand these aggregates' events to straight (eventsourcing's save would
        wrap them in its processing and recording objects, for every command); None when there is none or a
        snapshot is due (eventsourcing's save takes it)."""
        recorder = self.app.recorder
        if not isinstance(recorder, GroupCommitRecorder) or _snapshot_due(aggregates):
            return None
        return recorder

    def _stored_events(self, aggregates: Sequence[Aggregate]) -> list[StoredEvent]:
        return [self.app.mapper.to_stored_event(e) for a in aggregates for e in a.collect_events()]

    def find_key(self, principal_id: str, key: str) -> StoredKey | None:
        rows = self.db.query(
            "SELECT fingerprint, aggregate_id, version FROM idempotency_keys"
            " WHERE principal_id = :principal AND idempotency_key = :key",
            {"principal": principal_id, "key": key},
        )
        if not rows:
            return None
        row = rows[0]
        return StoredKey(row["fingerprint"], UUID(row["aggregate_id"]), int(row["version"]))

    # Reading -------------------------------------------------------------------------------------

    async def to_change(self, aggregate_id: UUID, kind: type[A], stored: bool = False) -> A | None:
        """The aggregate to decide a command on: a case as this process last saved it (checked out of memory: see
        infra/case_cache), unless `stored` asks for the store's; a never-changing one already loaded; else read
        in a worker thread."""
        found: Aggregate | None = None
        if kind is ServiceCase and not stored:
            found = self.cases.check_out(aggregate_id)
        elif kind in NEVER_CHANGING:
            found = self.registered(aggregate_id, kind)
        if isinstance(found, kind):
            return found
        return await self.run(self.get, aggregate_id, kind)

    def get(self, aggregate_id: UUID, kind: type[A], version: int | None = None) -> A | None:
        if kind in NEVER_CHANGING and version is None:
            found = self.registered(aggregate_id, kind)
            if found is None:
                found = self._load(aggregate_id, kind, None)
                if found is not None:
                    if len(self._never_changing) >= NEVER_CHANGING_AT_MOST:
                        self._never_changing.clear()
                    self._never_changing[aggregate_id] = found
            return found
        return self._load(aggregate_id, kind, version)

    def registered(self, aggregate_id: UUID, kind: type[A]) -> A | None:
        """A never-changing aggregate already loaded once (see NEVER_CHANGING), without reading the store."""
        found = self._never_changing.get(aggregate_id)
        return found if isinstance(found, kind) else None

    def _load(self, aggregate_id: UUID, kind: type[A], version: int | None) -> A | None:
        if _may_have_snapshots(kind):
            try:
                aggregate: Aggregate | None = self.app.repository.get(
                    aggregate_id, version=version, projector_func=_project
                )
            except AggregateNotFoundError:
                return None
        else:  # one query: no snapshot to look for first
            aggregate = _project(None, self.app.events.get(aggregate_id, lte=version))
        return aggregate if isinstance(aggregate, kind) else None

    def _id_param(self, aggregate_id: UUID) -> Any:
        return aggregate_id if self.dialect == "postgres" else aggregate_id.hex

    def history(self, aggregate_id: UUID) -> list[PositionedEvent]:
        rows = self.db.query(
            f"SELECT {self.position_column} AS notification_id, originator_version, topic, state"
            f" FROM {self.events_table}"
            " WHERE originator_id = :id ORDER BY originator_version",
            {"id": self._id_param(aggregate_id)},
        )
        return [self._decode(aggregate_id, row) for row in rows]

    def raw_history(self, aggregate_id: UUID, after_version: int = 0) -> list[RawEvent]:
        """The aggregate's events after `after_version`, in order, as stored fields."""
        rows = self.db.query(
            f"SELECT {self.position_column} AS notification_id, originator_version, topic, state"
            f" FROM {self.events_table}"
            " WHERE originator_id = :id AND originator_version > :after ORDER BY originator_version",
            {"id": self._id_param(aggregate_id), "after": after_version},
        )
        return [
            RawEvent(
                int(row["notification_id"]),
                aggregate_id,
                int(row["originator_version"]),
                row["topic"],
                self._fields(row["state"]),
            )
            for row in rows
        ]

    def feed(self, after: int, limit: int) -> list[PositionedEvent]:
        return [PositionedEvent(n.id, self._event(n)) for n in self.notifications(after, limit)]

    def raw_feed(self, after: int, limit: int) -> list[RawEvent]:
        return [
            RawEvent(n.id, _uuid(n.originator_id), n.originator_version, n.topic, self._fields(n.state))
            for n in self.notifications(after, limit)
        ]

    def _fields(self, state: bytes) -> dict[str, Any]:
        return fields_of_stored(self.app.mapper, bytes(state))

    def position_of(self, aggregate_id: UUID, version: int) -> int:
        rows = self.db.query(
            f"SELECT {self.position_column} AS notification_id FROM {self.events_table}"
            " WHERE originator_id = :id AND originator_version = :version",
            {"id": self._id_param(aggregate_id), "version": version},
        )
        return int(rows[0]["notification_id"]) if rows else 0

    def last_position_of_write(self, aggregate_id: UUID, version: int) -> int:
        """The position of the last event of the write that recorded `aggregate_id` at `version` (its companions
        follow it). A write's events are contiguous in the log (one transaction, inserted together under the
        table's lock or in the group-commit writer's order), and each carries its request's correlation and
        causation ids; a write records a few events, so one short read finds the end."""
        first = self.position_of(aggregate_id, version)
        written = self.notifications(first - 1, WRITE_EVENTS_AT_MOST) if first else []
        if not written:
            return first
        request = _request_of(self._event(written[0]))
        last = first
        for notification in written[1:]:
            if notification.id != last + 1 or _request_of(self._event(notification)) != request:
                break
            last = notification.id
        return last

    def _decode(self, aggregate_id: UUID, row: dict[str, Any]) -> PositionedEvent:
        stored = StoredEvent(
            originator_id=aggregate_id,
            originator_version=int(row["originator_version"]),
            topic=row["topic"],
            state=bytes(row["state"]),
        )
        return PositionedEvent(int(row["notification_id"]), self._event(stored))

    def notifications(self, after: int, limit: int, cursor: Cursor | None = None) -> Sequence[Notification]:
        """The log after `after`, in order; read inside `cursor`'s transaction when one is given, so that
        a projection reads and writes in one snapshot without waiting on the event store's own pool."""
        sql = (
            f"SELECT {self.position_column} AS notification_id, originator_id, originator_version, topic, state"
            f" FROM {self.events_table} WHERE {self.position_column} > :after"
            f" ORDER BY {self.position_column} LIMIT :limit"
        )
        params = {"after": after, "limit": limit}
        if cursor is None:
            rows = [tuple(row.values()) for row in self.db.query(sql, params)]
        else:
            rows = cursor.select_tuples(sql, params)
        return [
            _notification(int(position), _uuid(originator_id), int(version), topic, bytes(state))
            for position, originator_id, version, topic, state in rows
        ]

    def _event(self, stored: StoredEvent) -> DomainEvent:
        event = self.app.mapper.to_domain_event(stored)
        if not isinstance(event, DomainEvent):
            raise TypeError(f"{stored.topic} is not a domain event")
        return event

    def max_position(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def ping(self) -> bool:
        self.db.query("SELECT 1 AS ok")
        return True


def _request_of(event: DomainEvent) -> tuple[str | None, str | None]:
    return getattr(event, "correlation_id", None), getattr(event, "causation_id", None)


def _notification(position: int, originator_id: UUID, version: int, topic: str, state: bytes) -> Notification:
    """Notification(...) without its frozen dataclass's __init__ (a setattr through object per field, for
    every event a rebuild or a projection cycle reads). Equal to the one built normally."""
    notification: Notification = object.__new__(Notification)
    notification.__dict__.update(
        id=position, originator_id=originator_id, originator_version=version, topic=topic, state=state
    )
    return notification


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)

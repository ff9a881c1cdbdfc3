"""The projection runner: feeds each projection the global log, exactly once, live or from zero.

Each batch runs in one transaction on our own tables: lock the projection's tracking row, read the
events after its position, apply them, move the position. A projection whose handler raises stops
alone, with the failing position and error recorded; the others go on.
"""

from __future__ import annotations

import contextlib
import gc
import json
import math
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg
import structlog
from eventsourcing.persistence import Notification, OperationalError

from infra.audit import make_checkpoint
from infra.db import Cursor, application_name
from infra.signing import NoSigningKey, load_signer
from infra.store import Store
from projections.base import Projection
from projections.conformance import CONFORMANCE
from projections.corrective_actions import CORRECTIVE_ACTIONS
from projections.evaluation_stats import EVALUATION_STATS
from projections.follow_ups import FOLLOW_UPS
from projections.ledger import SERVICE_LEDGER
from projections.libraries import LIBRARIES
from projections.parties import PARTIES
from projections.registries import REGISTRIES

ALL_PROJECTIONS: tuple[Projection, ...] = (
    SERVICE_LEDGER,
    PARTIES,
    CORRECTIVE_ACTIONS,
    EVALUATION_STATS,
    FOLLOW_UPS,
    CONFORMANCE,
    REGISTRIES,
    LIBRARIES,
)
REBUILD_SUFFIX = "__rebuild"
HEARTBEAT_SECONDS = 2.0
STALE_AFTER_SECONDS = 15.0
LAG_LIMIT_SECONDS = 60.0
OUTAGE_PAUSE_FIRST = 0.1
OUTAGE_PAUSE_MAX = 5.0
# The database is unreachable or went away mid-statement (psycopg's, and eventsourcing's wrapping of it).
UNREACHABLE: tuple[type[Exception], ...] = (psycopg.OperationalError, OperationalError)
REBUILD_BATCH = 5000

log = structlog.get_logger("ipps.projections")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ProjectionStatus:
    name: str
    position: int
    error: str | None
    error_position: int | None
    updated_at: str
    heartbeat_at: str | None  # when a runner last cycled it, in any process; None: never

    @property
    def beating(self) -> bool:
        """A runner has cycled it within STALE_AFTER_SECONDS (it beats every HEARTBEAT_SECONDS)."""
        if self.heartbeat_at is None:
            return False
        age = (datetime.now(UTC) - datetime.fromisoformat(self.heartbeat_at)).total_seconds()
        return age <= STALE_AFTER_SECONDS


@dataclass(frozen=True)
class ProjectionHealth:
    """A read model as readiness judges it: `running` (no error, its runner beating), `stale` (the oldest
    event it has yet to apply was recorded more than LAG_LIMIT_SECONDS ago)."""

    status: ProjectionStatus
    head: int
    events_behind: int
    seconds_behind: float
    running: bool

    @property
    def stale(self) -> bool:
        return self.seconds_behind > LAG_LIMIT_SECONDS

    @property
    def state(self) -> str:
        """One word and why, for /ready and `ipps projections status`."""
        if self.status.error is not None:
            return f"stopped at {self.status.error_position}: {self.status.error}"
        if not self.running:
            since = self.status.heartbeat_at or "never"
            return f"not running: no runner has cycled it for over {STALE_AFTER_SECONDS:.0f} s (last: {since})"
        if self.stale:
            return f"stale: {self.events_behind} events behind, the oldest recorded {self.seconds_behind:.0f} s ago"
        return "running"


class Runner:
    def __init__(
        self,
        store: Store,
        projections: Sequence[Projection] = ALL_PROJECTIONS,
        batch_size: int = 500,
        poll_seconds: float = 0.2,
        pace_seconds: float = 0.0,
    ) -> None:
        self.store = store
        self.projections = {p.name: p for p in projections}
        self.batch_size = batch_size
        self.poll_seconds = poll_seconds
        self.pace_seconds = pace_seconds
        self._lock_clause = " FOR UPDATE" if store.dialect == "postgres" else ""
        self._beaten_at = -HEARTBEAT_SECONDS
        self._checkpointed_at = -math.inf
        self._runner_name = f"{socket.gethostname()}:{os.getpid()}"
        self.ensure_tables()

    @classmethod
    def live(cls, store: Store) -> Runner:
        """The runner as `ipps serve` and `ipps projections run` keep it, paced and polling as configured."""
        settings = store.settings
        return cls(store, poll_seconds=settings.projection_poll_seconds, pace_seconds=settings.projection_pace_seconds)

    def ensure_tables(self) -> None:
        with self.store.db.creating_tables(), self.store.db.transaction() as cur:
            for projection in self.projections.values():
                for table in projection.tables:
                    cur.execute(table.create(table.name))
                    for statement in table.create_indexes(table.name):
                        cur.execute(statement)
                cur.execute(
                    "INSERT INTO projection_tracking (name, position, updated_at) VALUES (:name, 0, :now)"
                    " ON CONFLICT (name) DO NOTHING",
                    {"name": projection.name, "now": _now()},
                )

    # Live ----------------------------------------------------------------------------------------

    def step(self, name: str, limit: int | None = None) -> int:
        """Apply one batch to projection `name`; returns how many events it consumed (0: caught up or stopped)."""
        projection = self.projections[name]
        limit = limit or self.batch_size
        try:
            with self.store.db.transaction(batch=True) as cur:
                return self._apply_batch(cur, projection, limit)
        except UNREACHABLE:
            raise  # not the projection's fault: it must not be stopped for it
        except Exception as exc:
            if limit > 1:
                # Find the one event at fault: go again an event at a time.
                consumed = 0
                while (done := self.step(name, 1)) > 0:
                    consumed += done
                return consumed
            self._record_failure(projection, exc)
            return 0

    def _apply_batch(self, cur: Cursor, projection: Projection, limit: int) -> int:
        cur.execute(
            f"SELECT position, error FROM projection_tracking WHERE name = :name{self._lock_clause}",
            {"name": projection.name},
        )
        tracking = cur.fetchone()
        if tracking is None or tracking["error"] is not None:
            return 0
        position = int(tracking["position"])
        notifications = self.store.notifications(position, limit, cur)
        if not notifications:
            return 0
        projection.apply(cur, self._events_for(projection, notifications), projection.physical())
        self._move(cur, {projection.name: notifications[-1].id})
        return len(notifications)

    def _record_failure(self, projection: Projection, exc: Exception) -> None:
        (tracking,) = self.store.db.query(
            "SELECT position FROM projection_tracking WHERE name = :name", {"name": projection.name}
        )
        failing = self.store.notifications(int(tracking["position"]), 1)
        failing_position = failing[0].id if failing else None
        log.error("projection_stopped", projection=projection.name, position=failing_position, error=repr(exc))
        self.store.db.execute(
            "UPDATE projection_tracking SET error = :error, error_position = :position, updated_at = :now"
            " WHERE name = :name",
            {"error": repr(exc), "position": failing_position, "now": _now(), "name": projection.name},
        )

    def cycle(self) -> int:
        """Every projection's next batch in one transaction, the log read and decoded once for them all.
        Returns the events consumed (0: all caught up or stopped).

        If any projection's batch fails, the whole cycle is undone and each projection is stepped alone,
        where the failing one finds and records the event at fault. Not a savepoint per projection: in
        pipeline mode each savepoint waits for the server twice, and those waits were a quarter of the
        worker's time per cycle; failures are rare, and the fallback costs one cycle's work again."""
        return self._cycle()[0]

    def _cycle(self) -> tuple[int, bool]:
        """`cycle`'s events consumed, and whether it read a full batch of the log (more may be waiting)."""
        try:
            return self._cycle_together()
        except UNREACHABLE:
            raise  # the database, not a projection: the caller waits and tries again
        except Exception:
            return sum(self.step(name) for name in self.projections), True

    def _cycle_together(self) -> tuple[int, bool]:
        consumed = 0
        with self.store.db.transaction(batch=True) as cur:
            # Only this runner's rows, in one order: a runner of other projections goes on meanwhile.
            ours, params = cur.one_of("name", sorted(self.projections))
            cur.execute(
                f"SELECT name, position, error FROM projection_tracking WHERE {ours} ORDER BY name{self._lock_clause}",
                params,
            )
            positions = {row["name"]: int(row["position"]) for row in cur.fetchall() if row["error"] is None}
            if not positions:
                return 0, False
            notifications = self.store.notifications(min(positions.values()), self.batch_size, cur)
            decoded: dict[int, Any] = {}
            moves: dict[str, int] = {}
            for name, position in positions.items():
                batch = [n for n in notifications if n.id > position]
                if not batch:
                    continue
                projection = self.projections[name]
                projection.apply(cur, self._events_for(projection, batch, decoded), projection.physical())
                moves[name] = batch[-1].id
                consumed += len(batch)
            if moves:
                self._move(cur, moves)
        return consumed, len(notifications) >= self.batch_size

    def _move(self, cur: Cursor, positions: Mapping[str, int]) -> None:
        """Move these projections' tracking positions, in one statement."""
        moves = cur.json_typed_rows({"name": "text", "position": "bigint"}, "moves")
        cur.execute(
            f"UPDATE projection_tracking SET position = r.position, updated_at = :now FROM ({moves}) AS r"
            " WHERE projection_tracking.name = r.name",
            {"moves": json.dumps([{"name": n, "position": p} for n, p in positions.items()]), "now": _now()},
        )

    def catch_up(self) -> int:
        """Run every projection until none has anything left; returns the events consumed."""
        total = 0
        while (consumed := self.cycle()) > 0:
            total += consumed
        return total

    def run(self, stop: threading.Event) -> None:
        """Keep the projections live until `stop` is set: LISTEN/NOTIFY on PostgreSQL, polling on SQLite.

        When the database goes away (a restart, a terminated connection), it is tried again after a pause
        that doubles up to OUTAGE_PAUSE_MAX: listening anew, then catching up on what was written meanwhile.
        The outage and the recovery are logged once each."""
        outage = _Outage()
        while not stop.is_set():
            try:
                with self._waiter(stop) as wait:
                    while not stop.is_set():
                        self.beat()
                        self._checkpoint_if_due()
                        self._catch_up_paced(stop)
                        outage.over()
                        wait()
            except UNREACHABLE as exc:
                stop.wait(outage.pause(exc))
            except Exception:  # not the connection: say so, and try again
                log.exception("projection_runner_error")
                stop.wait(OUTAGE_PAUSE_MAX)

    def _catch_up_paced(self, stop: threading.Event) -> None:
        """`catch_up`, but after a cycle that found less than a full batch the next starts `pace_seconds`
        after it at the earliest. Under a steady stream of commands a runner that cycles as soon as it can
        applies a few events a cycle, and its per-cycle work (a transaction, a read of the log, a statement
        or two per table) is then most of its cost and of the database's; paced, a cycle carries what arrived
        meanwhile, for at most that much more lag. A backlog (full batches) is worked off without pauses."""
        while not stop.is_set():
            started = time.monotonic()
            consumed, full = self._cycle()
            self.beat()
            if consumed == 0:
                return
            if not full:
                stop.wait(max(0.0, self.pace_seconds - (time.monotonic() - started)))

    @contextmanager
    def _waiter(self, stop: threading.Event) -> Iterator[Callable[[], None]]:
        """A wait for the next commit (LISTEN on PostgreSQL, a poll interval on SQLite) that ends early on
        `stop` once `wake()` is called."""
        url = self.store.settings.database_url
        if self.store.dialect != "postgres" or url is None:

            def poll() -> None:
                stop.wait(self.poll_seconds)

            yield poll
            return
        with psycopg.connect(
            url,
            autocommit=True,
            connect_timeout=10,
            application_name=application_name("listen", self.store.settings.db_schema or "public"),
        ) as conn:
            conn.execute(f'LISTEN "{self.store.events_table}"')

            def wait() -> None:
                for _ in conn.notifies(timeout=max(self.poll_seconds, 1.0), stop_after=1):
                    pass

            yield wait

    def _checkpoint_if_due(self) -> None:
        """Sign the log every `checkpoint_every_seconds` (from the start on) with the key file's key; without a
        key, say so each time instead."""
        every = self.store.settings.checkpoint_every_seconds
        now = time.monotonic()
        if not every or now - self._checkpointed_at < every:
            return
        self._checkpointed_at = now
        try:
            signer = load_signer(self.store.settings.signing_key_path)
        except NoSigningKey as exc:
            log.warning("checkpoint_not_made", reason=str(exc))
            return
        try:
            checkpoint = make_checkpoint(self.store, signer)
        except LookupError as exc:  # the log lost events the tree holds: `ipps verify --store` says which
            log.error("checkpoint_not_made", reason=str(exc))
            return
        log.info("checkpoint_made", size=checkpoint.size, root=checkpoint.root)

    def beat(self) -> None:
        """Say that this runner is cycling its projections, at most every HEARTBEAT_SECONDS."""
        now = time.monotonic()
        if now - self._beaten_at < HEARTBEAT_SECONDS:
            return
        with self.store.db.transaction() as cur:
            cur.executemany(
                "INSERT INTO projection_heartbeats (name, beat_at, runner) VALUES (:name, :now, :runner)"
                " ON CONFLICT (name) DO UPDATE SET beat_at = excluded.beat_at, runner = excluded.runner",
                [{"name": name, "now": _now(), "runner": self._runner_name} for name in sorted(self.projections)],
            )
        self._beaten_at = now

    def wake(self) -> None:
        """Interrupt a runner waiting for the next commit (so that it sees a stop at once)."""
        if self.store.dialect == "postgres":
            self.store.db.execute(f'NOTIFY "{self.store.events_table}"')

    # Status --------------------------------------------------------------------------------------

    def status(self) -> list[ProjectionStatus]:
        rows = self.store.db.query(
            "SELECT t.name, t.position, t.error, t.error_position, t.updated_at, h.beat_at"
            " FROM projection_tracking t LEFT JOIN projection_heartbeats h ON h.name = t.name ORDER BY t.name"
        )
        return [
            ProjectionStatus(
                name=row["name"],
                position=int(row["position"]),
                error=row["error"],
                error_position=int(row["error_position"]) if row["error_position"] is not None else None,
                updated_at=row["updated_at"],
                heartbeat_at=row["beat_at"],
            )
            for row in rows
            if row["name"] in self.projections
        ]

    def health(self, runner_alive: bool = True) -> list[ProjectionHealth]:
        """Each read model's status, lag and whether it is running; `runner_alive` False (this process's own
        runner thread has died) makes every one not running, whatever its last heartbeat says."""
        head = self.store.max_position()
        now = datetime.now(UTC)
        out = []
        for status in self.status():
            behind = max(head - status.position, 0)
            seconds = 0.0
            if behind and (waiting := self.store.notifications(status.position, 1)):
                first = self.store.app.mapper.to_domain_event(waiting[0])
                seconds = max((now - first.timestamp).total_seconds(), 0.0)  # type: ignore[attr-defined]
            running = runner_alive and status.error is None and status.beating
            out.append(ProjectionHealth(status, head, behind, round(seconds, 3), running))
        return out

    def position(self, name: str) -> int:
        rows = self.store.db.query("SELECT position FROM projection_tracking WHERE name = :name", {"name": name})
        return int(rows[0]["position"]) if rows else 0

    # Rebuild -------------------------------------------------------------------------------------

    def rebuild(self, name: str, progress: Progress | None = None) -> int:
        """Build `name` from position 0 into new tables, then swap them in; the old ones serve meanwhile."""
        with _collecting_less():
            return self._rebuild(name, progress)

    def _rebuild(self, name: str, progress: Progress | None) -> int:
        projection = self.projections[name]
        tables = projection.physical(REBUILD_SUFFIX)
        with self.store.db.transaction() as cur:
            for table in projection.tables:
                cur.execute(f"DROP TABLE IF EXISTS {tables[table.name]}")
                cur.execute(table.create(tables[table.name]))
        position, target = 0, self.store.max_position()
        while True:
            with self.store.db.transaction(batch=True) as cur:
                position, consumed = self._replay_into(cur, projection, tables, position)
            if progress is not None:
                progress(position, max(target, position))
            if consumed == 0:
                break
        with self.store.db.transaction(batch=True) as cur:
            cur.execute(
                f"SELECT position FROM projection_tracking WHERE name = :name{self._lock_clause}",
                {"name": name},
            )
            while True:  # what arrived during the rebuild, under the tracking lock
                position, consumed = self._replay_into(cur, projection, tables, position)
                if consumed == 0:
                    break
            for table in projection.tables:
                cur.execute(f"DROP TABLE IF EXISTS {table.name}")
                cur.execute(f"ALTER TABLE {tables[table.name]} RENAME TO {table.name}")
                for statement in table.create_indexes(table.name):
                    cur.execute(statement)
            cur.execute(
                "UPDATE projection_tracking SET position = :position, error = NULL, error_position = NULL,"
                " updated_at = :now WHERE name = :name",
                {"position": position, "now": _now(), "name": name},
            )
        log.info("projection_rebuilt", projection=name, position=position)
        return position

    def _replay_into(
        self, cur: Cursor, projection: Projection, tables: dict[str, str], position: int
    ) -> tuple[int, int]:
        notifications = self.store.notifications(position, REBUILD_BATCH, cur)
        projection.apply(cur, self._events_for(projection, notifications), tables)
        return (notifications[-1].id if notifications else position), len(notifications)

    def _events_for(
        self, projection: Projection, notifications: Sequence[Notification], decoded: dict[int, Any] | None = None
    ) -> list[tuple[int, Any]]:
        """What `projection` handles of `notifications`, decoded; with `decoded`, each event is decoded once for
        every projection that shares that dict (a cycle's)."""
        decode = self.store.app.mapper.to_domain_event
        decoded = {} if decoded is None else decoded
        events = []
        for n in notifications:
            if projection.wants(n.topic):
                event = decoded.get(n.id)
                if event is None:
                    event = decoded[n.id] = decode(n)
                events.append((n.id, event))
        return events


@contextmanager
def _collecting_less(young: int = 50_000) -> Iterator[None]:
    """A rebuild makes and drops thousands of events a batch, nearly all freed by reference counting; at the
    default threshold (700 allocations) the cycle collector's passes over them took a quarter of its time."""
    before = gc.get_threshold()
    gc.set_threshold(max(young, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class _Outage:
    """A runner's time without its database: logged when it starts and when it ends, with the pause before
    each try doubling from OUTAGE_PAUSE_FIRST up to OUTAGE_PAUSE_MAX."""

    def __init__(self) -> None:
        self.since: float | None = None
        self.tries = 0

    def pause(self, exc: Exception) -> float:
        if self.since is None:
            self.since = time.monotonic()
            log.warning("projection_runner_lost_database", error=str(exc).strip().splitlines()[0] if str(exc) else "")
        self.tries += 1
        return min(OUTAGE_PAUSE_FIRST * 2.0 ** (self.tries - 1), OUTAGE_PAUSE_MAX)

    def over(self) -> None:
        if self.since is not None:
            log.info(
                "projection_runner_recovered", outage_seconds=round(time.monotonic() - self.since, 3), tries=self.tries
            )
            self.since, self.tries = None, 0


class RunnerThread:
    """The runner in a background thread, as `ipps serve` embeds it."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=runner.run, args=(self.stop_event,), name="projections", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.stop_event.set()
        with contextlib.suppress(Exception):  # the database is gone: the wait ends on its own timeout
            self.runner.wake()
        self.thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self.thread.is_alive()


def _now() -> str:
    return datetime.now(UTC).isoformat()

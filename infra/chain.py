"""Every event hashed as it is recorded, in the transaction that records it: one chain per case.

`event_chain` holds, per event, its leaf in the log's Merkle tree (0, 1, 2 … in position order: positions may
have gaps, leaves have none), its position, its case and version, and its hash (infra/ipps_verify.py:
`event_hash`, over the exact bytes stored, chained to the case's previous event: the one of the highest version
below it). Both stores write it beside
the events, under the lock that orders positions (PostgreSQL: the events table's EXCLUSIVE lock; SQLite: its
one writer), so a leaf's index is the count of the events before it:

- PostgreSQL, every path (group commit's `ipps_append_events`, eventsourcing's own insert): `ipps_chain_events`,
  in SQL, beside the insert — the hash is computed where the previous one is, in one round trip.
- SQLite: `chain_events` below, on the recorder's cursor.

The recorders create the table (`CHAIN_TABLE`, the same DDL in both) with the events'. Hashes are hex text in
both; ids are the UUID's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from infra.ipps_verify import EVENT_TAG, NO_PREVIOUS, event_hash

CHAIN_TABLE = """CREATE TABLE IF NOT EXISTS {table} (
    leaf BIGINT PRIMARY KEY,
    position BIGINT NOT NULL UNIQUE,
    originator_id TEXT NOT NULL,
    originator_version BIGINT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (originator_id, originator_version)
)"""

CHAIN_FUNCTION = "ipps_chain_events"
_CHAIN_FUNCTION = """
CREATE OR REPLACE FUNCTION {function}(
    positions bigint[], originator_ids uuid[], originator_versions bigint[], topics text[], states bytea[]
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    n int := coalesce(cardinality(positions), 0);
    hashes bytea[] := '{{}}';
    previous bytea[];
    prev bytea;
    first_leaf bigint;
    name bytea;
BEGIN
    IF n = 0 THEN
        RETURN;
    END IF;
    SELECT coalesce(max(leaf) + 1, 0) INTO first_leaf FROM {chain};
    -- Each event's previous one of its case: the one of the highest version below it (none: it is the first).
    SELECT array_agg(decode(c.hash, 'hex') ORDER BY g.k) INTO previous
        FROM unnest(originator_ids, originator_versions) WITH ORDINALITY AS g (id, version, k)
        LEFT JOIN LATERAL (
            SELECT hash FROM {chain} AS c WHERE c.originator_id = g.id::text AND c.originator_version < g.version
            ORDER BY c.originator_version DESC LIMIT 1
        ) AS c ON true;
    FOR i IN 1..n LOOP
        prev := NULL;
        FOR j IN REVERSE i - 1..1 LOOP  -- the case's previous event may be in this write
            IF originator_ids[j] = originator_ids[i] AND originator_versions[j] < originator_versions[i] THEN
                prev := hashes[j];
                EXIT;
            END IF;
        END LOOP;
        prev := coalesce(prev, previous[i], '\\x{no_previous}'::bytea);
        name := convert_to(topics[i], 'UTF8');
        hashes[i] := sha256('\\x{tag}'::bytea || uuid_send(originator_ids[i]) || int8send(originator_versions[i])
            || int4send(octet_length(name)) || name || int4send(octet_length(states[i])) || states[i] || prev);
    END LOOP;
    INSERT INTO {chain} (leaf, position, originator_id, originator_version, hash)
        SELECT first_leaf + row_number() OVER (ORDER BY p) - 1, p, id::text, v, encode(h, 'hex')
        FROM unnest(positions, originator_ids, originator_versions, hashes) AS t (p, id, v, h);
END
$$"""


def chain_function_sql() -> str:
    """`ipps_chain_events` for the schema's tables: {function} and {chain} still to be filled with identifiers."""
    return _CHAIN_FUNCTION.replace("{tag}", EVENT_TAG.hex()).replace("{no_previous}", NO_PREVIOUS.hex())


class _Cursor(Protocol):
    def execute(self, sql: str, params: Any = ...) -> Any: ...
    def fetchone(self) -> Any: ...


def chain_events(cursor: _Cursor, events: Sequence[StoredEvent], positions: Sequence[int]) -> None:
    """The chain rows of events just inserted at `positions` (SQLite's recorder cursor, `?` parameters)."""
    cursor.execute("SELECT COALESCE(MAX(leaf) + 1, 0) FROM event_chain")
    leaf = int(cursor.fetchone()[0])
    written: dict[str, bytes] = {}  # per case, the hash of its last event written here
    for position, event in sorted(zip(positions, events, strict=True), key=lambda pair: pair[0]):
        case_id = _uuid(event.originator_id)
        version = int(event.originator_version)
        previous = written.get(str(case_id))
        if previous is None:
            cursor.execute(
                "SELECT hash FROM event_chain WHERE originator_id = ? AND originator_version < ?"
                " ORDER BY originator_version DESC LIMIT 1",
                (str(case_id), version),
            )
            row = cursor.fetchone()
            previous = bytes.fromhex(row[0]) if row is not None else NO_PREVIOUS
        hashed = written[str(case_id)] = event_hash(case_id, version, event.topic, event.state, previous)
        cursor.execute(
            "INSERT INTO event_chain (leaf, position, originator_id, originator_version, hash) VALUES (?, ?, ?, ?, ?)",
            (leaf, position, str(case_id), version, hashed.hex()),
        )
        leaf += 1


def _uuid(value: UUID | str) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


BACKFILL_BATCH = 5_000


def backfill_chain(db: Any, events_table: str, position_column: str, dialect: str) -> int:
    """Chain the events recorded before chains were (a store made by an older ipps): idempotent, and done
    before this process writes — the events table locked meanwhile on PostgreSQL, so that no write chains to a
    case whose earlier events are not chained yet. Returns how many events it chained.

    Only the events after the last chained one: every write chains its own events, so the unchained ones of an
    older store are all there is after it. A chain row missing in between is not made again: that is a finding
    for `ipps verify --store`, not something to paper over. Asked at every start, by one indexed lookup."""
    last = "(SELECT COALESCE(MAX(position), 0) FROM event_chain)"
    if not db.query(f"SELECT 1 AS pending FROM {events_table} WHERE {position_column} > {last} LIMIT 1"):
        return 0
    chained = 0
    heads: dict[str, bytes] = {}  # per case, the hash of its last chained event
    with db.transaction() as cur:
        if dialect == "postgres":
            cur.execute(f"LOCK TABLE {events_table} IN EXCLUSIVE MODE")
        cur.execute("SELECT COALESCE(MAX(leaf) + 1, 0) AS n FROM event_chain")
        leaf = int(cur.fetchone()["n"])
        cur.execute("SELECT COALESCE(MAX(position), 0) AS p FROM event_chain")
        after = int(cur.fetchone()["p"])
        while True:
            cur.execute(
                f"SELECT {position_column} AS position, originator_id AS id, originator_version AS version, topic,"
                f" state FROM {events_table} WHERE {position_column} > :after ORDER BY {position_column} LIMIT :limit",
                {"after": after, "limit": BACKFILL_BATCH},
            )
            rows = cur.fetchall()
            chain_rows = []
            for row in rows:
                case_id = _uuid(row["id"])
                previous = heads.get(str(case_id))
                if previous is None:
                    cur.execute(
                        "SELECT hash FROM event_chain WHERE originator_id = :id"
                        " ORDER BY originator_version DESC LIMIT 1",
                        {"id": str(case_id)},
                    )
                    found = cur.fetchone()
                    previous = bytes.fromhex(found["hash"]) if found else NO_PREVIOUS
                hashed = event_hash(case_id, int(row["version"]), row["topic"], bytes(row["state"]), previous)
                heads[str(case_id)] = hashed
                chain_rows.append(
                    {
                        "leaf": leaf,
                        "position": int(row["position"]),
                        "id": str(case_id),
                        "v": int(row["version"]),
                        "hash": hashed.hex(),
                    }
                )
                leaf += 1
            if chain_rows:
                cur.executemany(
                    "INSERT INTO event_chain (leaf, position, originator_id, originator_version, hash)"
                    " VALUES (:leaf, :position, :id, :v, :hash)",
                    chain_rows,
                )
            chained += len(rows)
            if len(rows) < BACKFILL_BATCH:
                return chained
            after = int(rows[-1]["position"])

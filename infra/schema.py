"""Our own tables beside the event store. The same DDL serves SQLite and PostgreSQL.

Times are ISO 8601 text in UTC (they sort as they read); ids are text.
"""

from __future__ import annotations

from infra.db import Database

STATEMENTS = [
    """CREATE TABLE IF NOT EXISTS idempotency_keys (
        principal_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        aggregate_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (principal_id, idempotency_key)
    )""",
    """CREATE TABLE IF NOT EXISTS api_keys (
        key_id TEXT PRIMARY KEY,
        secret_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        institution_id TEXT,
        label TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS projection_tracking (
        name TEXT PRIMARY KEY,
        position BIGINT NOT NULL,
        error TEXT,
        error_position BIGINT,
        updated_at TEXT NOT NULL
    )""",
    # The last time a runner cycled each projection, whichever process it runs in: readiness reads it, so a
    # projector that died (or hangs) is seen from the API too. A table of its own: CREATE ... IF NOT EXISTS
    # brings it to a database made before it, where a new column of projection_tracking would not come.
    """CREATE TABLE IF NOT EXISTS projection_heartbeats (
        name TEXT PRIMARY KEY,
        beat_at TEXT NOT NULL,
        runner TEXT NOT NULL
    )""",
    # The log's Merkle tree (infra/merkle.py): its perfect subtrees above the leaves, made with each checkpoint;
    # and the signed checkpoints (infra/audit.py). Leaves are event_chain's, made with the events.
    """CREATE TABLE IF NOT EXISTS merkle_nodes (
        level INTEGER NOT NULL,
        idx BIGINT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (level, idx)
    )""",
    """CREATE TABLE IF NOT EXISTS checkpoints (
        size BIGINT PRIMARY KEY,
        root TEXT NOT NULL,
        made_at TEXT NOT NULL,
        public_key TEXT NOT NULL,
        signature TEXT NOT NULL
    )""",
]


def create_tables(db: Database) -> None:
    with db.transaction() as cursor:
        for statement in STATEMENTS:
            cursor.execute(statement)

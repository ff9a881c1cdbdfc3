"""API keys: made by the CLI, stored as a SHA-256 of their secret, looked up by their public id.

A key reads `ipps_<key id>_<secret>`; the secret has 256 bits, so a plain hash is enough (no KDF needed).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from infra.db import Database

PREFIX = "ipps"
KEY_ID_BYTES = 8
SECRET_BYTES = 32
# `ipps_` + the id in hex + `_` + the secret in base64url (no padding): no key ever made is longer, so a longer
# bearer string is refused before it costs a lookup or is held anywhere.
MAX_KEY_LENGTH = len(PREFIX) + 1 + 2 * KEY_ID_BYTES + 1 + -(-SECRET_BYTES * 4 // 3)


@dataclass(frozen=True)
class KeyRecord:
    key_id: str
    role: str
    institution_id: UUID | None
    label: str


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_key(db: Database, role: str, institution_id: UUID | None, label: str = "") -> tuple[KeyRecord, str]:
    key_id = secrets.token_hex(KEY_ID_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    db.execute(
        "INSERT INTO api_keys (key_id, secret_hash, role, institution_id, label, created_at)"
        " VALUES (:key_id, :hash, :role, :institution, :label, :now)",
        {
            "key_id": key_id,
            "hash": _digest(secret),
            "role": role,
            "institution": str(institution_id) if institution_id else None,
            "label": label,
            "now": datetime.now(UTC).isoformat(),
        },
    )
    return KeyRecord(key_id, role, institution_id, label), f"{PREFIX}_{key_id}_{secret}"


def verify_key(db: Database, presented: str) -> KeyRecord | None:
    prefix, _, rest = presented.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != PREFIX or not key_id or not secret:
        return None
    rows = db.query(
        "SELECT key_id, secret_hash, role, institution_id, label FROM api_keys"
        " WHERE key_id = :key_id AND revoked_at IS NULL",
        {"key_id": key_id},
    )
    if not rows or not hmac.compare_digest(rows[0]["secret_hash"], _digest(secret)):
        return None
    row = rows[0]
    institution = UUID(row["institution_id"]) if row["institution_id"] else None
    return KeyRecord(row["key_id"], row["role"], institution, row["label"])


def revoke_key(db: Database, key_id: str) -> bool:
    changed = db.execute(
        "UPDATE api_keys SET revoked_at = :now WHERE key_id = :key_id AND revoked_at IS NULL",
        {"key_id": key_id, "now": datetime.now(UTC).isoformat()},
    )
    return changed > 0

"""The institution register, as a read model for listing (single records are read from their aggregates)."""

from __future__ import annotations

from collections.abc import Mapping

from domain.parties import Institution
from infra.db import Cursor, Database, Row
from projections.base import Projection, Table, iso, where

INSTITUTIONS = Table(
    name="registry_institutions",
    columns="""
        institution_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        district TEXT,
        registered_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        position BIGINT NOT NULL
    """,
    indexes=("kind, name",),
)


def institution_registered(
    cur: Cursor, event: Institution.Registered, position: int, tables: Mapping[str, str]
) -> None:
    cur.execute(
        f"INSERT INTO {tables['registry_institutions']} (institution_id, name, kind, district, registered_at,"
        " version, position) VALUES (:id, :name, :kind, :district, :at, :version, :position)"
        " ON CONFLICT (institution_id) DO NOTHING",
        {
            "id": str(event.originator_id),
            "name": event.profile["name"],
            "kind": event.profile["kind"],
            "district": event.profile.get("district"),
            "at": iso(event.effective_at),
            "version": event.originator_version,
            "position": position,
        },
    )


PARTIES = Projection(
    name="registry",  # the name its tracking row and table were stored under
    tables=(INSTITUTIONS,),
    handlers={Institution.Registered: institution_registered},
)


def institutions(db: Database, kind: str | None) -> list[Row]:
    """The institutions (of `kind`, if given) by name."""
    where_sql, params = where({"kind = :kind": kind})
    return db.query(
        f"SELECT institution_id, name, kind, district FROM registry_institutions{where_sql}"
        " ORDER BY name, institution_id",
        params,
    )

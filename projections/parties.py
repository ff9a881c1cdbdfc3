"""The institution register, as a read model for listing (single records are read from their aggregates)."""

from __future__ import annotations

from collections.abc import Iterator

from domain.parties import Institution
from infra.db import Database, Row
from projections.base import Change, Projection, Put, Rows, Table, iso, where

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


def institution_registered(rows: Rows, event: Institution.Registered, position: int) -> Iterator[Change]:
    institution = {
        "institution_id": str(event.originator_id),
        "name": event.profile["name"],
        "kind": event.profile["kind"],
        "district": event.profile.get("district"),
        "registered_at": iso(event.effective_at),
        "version": event.originator_version,
        "position": position,
    }
    yield Put("registry_institutions", institution)


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

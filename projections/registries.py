"""The registries of clause 6 as read models: one row per record (any kind), one row per staff training (6.1.3).

Single records are read from their aggregates; these tables serve listings, the staffing check (6.1.1) and
training ledgers. Every handler is idempotent under replay: inserts do nothing when the row exists, updates
apply only to a row that has not seen the event's version yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import msgspec

from domain.registries import RegistryKind, RegistryRecord, kind_spec
from infra.db import Cursor, Database, Row
from projections.base import Page, Projection, Table, iso, page, where

RECORDS = Table(
    name="registries_records",
    columns="""
        record_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        institution_id TEXT,
        name TEXT NOT NULL,
        search TEXT NOT NULL,
        category TEXT,
        active INTEGER NOT NULL,
        profile TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        retired_at TEXT,
        training_count INTEGER NOT NULL,
        training_hours DOUBLE PRECISION NOT NULL,
        version INTEGER NOT NULL,
        position BIGINT NOT NULL
    """,
    indexes=("kind, institution_id, name", "kind, name"),
)

TRAININGS = Table(
    name="registries_trainings",
    columns="""
        record_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        institution_id TEXT,
        kind TEXT NOT NULL,
        clause TEXT NOT NULL,
        held_on TEXT NOT NULL,
        hours DOUBLE PRECISION NOT NULL,
        provider TEXT NOT NULL,
        topic TEXT NOT NULL,
        certificate TEXT,
        recorded_at TEXT NOT NULL,
        position BIGINT NOT NULL,
        PRIMARY KEY (record_id, version)
    """,
    indexes=("institution_id, held_on", "record_id, held_on"),
)


def _described(kind: str, profile: Mapping[str, Any]) -> dict[str, Any]:
    """The columns a profile fills: its name, the lower-cased name searched by `q`, its category, the JSON."""
    spec = kind_spec(kind)
    name = str(profile[spec.title_field])
    category = profile.get(spec.category_field) if spec.category_field else None
    return {
        "name": name,
        "search": name.lower(),
        "category": category,
        "profile": msgspec.json.encode(profile).decode(),
    }


def registered(cur: Cursor, event: RegistryRecord.Registered, position: int, tables: Mapping[str, str]) -> None:
    cur.execute(
        f"INSERT INTO {tables['registries_records']} (record_id, kind, institution_id, name, search, category,"
        " active, profile, registered_at, updated_at, training_count, training_hours, version, position)"
        " VALUES (:id, :kind, :institution_id, :name, :search, :category, 1, :profile, :at, :at, 0, 0,"
        " :version, :position) ON CONFLICT (record_id) DO NOTHING",
        {
            "id": str(event.originator_id),
            "kind": event.kind,
            "institution_id": str(event.institution_id) if event.institution_id else None,
            **_described(event.kind, event.profile),
            "at": iso(event.effective_at),
            "version": event.originator_version,
            "position": position,
        },
    )


def revised(cur: Cursor, event: RegistryRecord.Revised, position: int, tables: Mapping[str, str]) -> None:
    table = tables["registries_records"]
    cur.execute(f"SELECT kind FROM {table} WHERE record_id = :id", {"id": str(event.originator_id)})
    found = cur.fetchone()
    if found is None:
        return
    cur.execute(
        f"UPDATE {table} SET name = :name, search = :search, category = :category, profile = :profile,"
        " updated_at = :at, version = :version, position = :position"
        " WHERE record_id = :id AND version < :version",
        {
            "id": str(event.originator_id),
            **_described(found["kind"], event.profile),
            "at": iso(event.effective_at),
            "version": event.originator_version,
            "position": position,
        },
    )


def retired(cur: Cursor, event: RegistryRecord.Retired, position: int, tables: Mapping[str, str]) -> None:
    cur.execute(
        f"UPDATE {tables['registries_records']} SET active = 0, retired_at = :at, updated_at = :at,"
        " version = :version, position = :position WHERE record_id = :id AND version < :version",
        {
            "id": str(event.originator_id),
            "at": iso(event.effective_at),
            "version": event.originator_version,
            "position": position,
        },
    )


def training_recorded(
    cur: Cursor, event: RegistryRecord.TrainingRecorded, position: int, tables: Mapping[str, str]
) -> None:
    records = tables["registries_records"]
    cur.execute(
        f"SELECT institution_id FROM {records} WHERE record_id = :id",
        {"id": str(event.originator_id)},
    )
    found = cur.fetchone()
    if found is None:
        return
    training = event.training
    cur.execute(
        f"INSERT INTO {tables['registries_trainings']} (record_id, version, institution_id, kind, clause, held_on,"
        " hours, provider, topic, certificate, recorded_at, position) VALUES (:id, :version, :institution_id,"
        " :kind, :clause, :held_on, :hours, :provider, :topic, :certificate, :at, :position)"
        " ON CONFLICT (record_id, version) DO NOTHING",
        {
            "id": str(event.originator_id),
            "version": event.originator_version,
            "institution_id": found["institution_id"],
            "kind": training["kind"],
            "clause": event.clause,
            "held_on": training["date"],
            "hours": float(training["hours"]),
            "provider": training["provider"],
            "topic": training["topic"],
            "certificate": training.get("certificate"),
            "at": iso(event.effective_at),
            "position": position,
        },
    )
    cur.execute(
        f"UPDATE {records} SET training_count = training_count + 1, training_hours = training_hours + :hours,"
        " updated_at = :at, version = :version, position = :position"
        " WHERE record_id = :id AND version < :version",
        {
            "id": str(event.originator_id),
            "hours": float(training["hours"]),
            "at": iso(event.effective_at),
            "version": event.originator_version,
            "position": position,
        },
    )


REGISTRIES = Projection(
    name="registries",
    tables=(RECORDS, TRAININGS),
    handlers={
        RegistryRecord.Registered: registered,
        RegistryRecord.Revised: revised,
        RegistryRecord.Retired: retired,
        RegistryRecord.TrainingRecorded: training_recorded,
    },
)


CITY_WIDE = {True: "institution_id IS NULL", False: "institution_id IS NOT NULL"}


@dataclass(frozen=True)
class RecordFilters:
    kind: RegistryKind
    institution_id: UUID | None
    city_wide: bool | None
    q: str | None
    """Found in the name (or title), in any case."""
    active: bool | None
    category: str | None


def records_page(db: Database, filters: RecordFilters, limit: int, offset: int) -> Page:
    """The records by name (then record)."""
    where_sql, params = where(
        {
            "kind = :kind": filters.kind.value,
            "institution_id = :institution": filters.institution_id,
            "search LIKE :q ESCAPE '\\'": _like(filters.q) if filters.q else None,
            "active = :active": None if filters.active is None else int(filters.active),
            "category = :category": filters.category,
            **({CITY_WIDE[filters.city_wide]: True} if filters.city_wide is not None else {}),
        }
    )
    return page(
        db,
        f"SELECT * FROM registries_records{where_sql} ORDER BY name, record_id",
        f"SELECT COUNT(*) AS n FROM registries_records{where_sql}",
        params,
        limit,
        offset,
    )


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def staff(db: Database, institution_id: UUID) -> list[Row]:
    """The institution's staff, active first, by name (then record)."""
    return db.query(
        "SELECT record_id, name, category, active, profile, training_count, training_hours FROM registries_records"
        " WHERE kind = :kind AND institution_id = :institution ORDER BY active DESC, name, record_id",
        {"kind": RegistryKind.STAFF.value, "institution": str(institution_id)},
    )


@dataclass(frozen=True)
class TrainingFilters:
    institution_id: UUID
    staff_id: UUID | None
    kind: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    """Held from ... to, both included."""


def trainings_page(db: Database, filters: TrainingFilters, limit: int, offset: int) -> Page:
    """The trainings of the institution's staff with the staff member's name, newest first; totals `n` and `hours`."""
    where_sql, params = where(
        {
            "t.institution_id = :institution": filters.institution_id,
            "t.record_id = :staff": filters.staff_id,
            "t.kind = :kind": filters.kind,
            "t.held_on >= :date_from": filters.date_from,
            "t.held_on <= :date_to": filters.date_to,
        }
    )
    return page(
        db,
        "SELECT t.*, r.name AS staff_name FROM registries_trainings t"
        f" JOIN registries_records r ON r.record_id = t.record_id{where_sql}"
        " ORDER BY t.held_on DESC, t.record_id, t.version",
        f"SELECT COUNT(*) AS n, COALESCE(SUM(t.hours), 0) AS hours FROM registries_trainings t{where_sql}",
        params,
        limit,
        offset,
    )

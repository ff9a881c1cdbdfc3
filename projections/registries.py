"""The registries of clause 6 as read models: one row per record (any kind), one row per staff training (6.1.3).

Single records are read from their aggregates; these tables serve listings, the staffing check (6.1.1) and
training ledgers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import msgspec

from domain.registries import RegistryKind, RegistryRecord, kind_spec
from infra.db import Database, Row
from projections.base import Change, Page, Projection, Put, Rows, Table, iso, page, where

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
    of="record_id",
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


def registered(rows: Rows, event: RegistryRecord.Registered, position: int) -> Iterator[Change]:
    at = iso(event.effective_at)
    record = {
        "record_id": str(event.originator_id),
        "kind": event.kind,
        "institution_id": str(event.institution_id) if event.institution_id else None,
        **_described(event.kind, event.profile),
        "active": 1,
        "registered_at": at,
        "updated_at": at,
        "retired_at": None,
        "training_count": 0,
        "training_hours": 0.0,
        "version": event.originator_version,
        "position": position,
    }
    if rows.get("registries_records", record["record_id"]) is None:
        yield Put("registries_records", record)


def revised(rows: Rows, event: RegistryRecord.Revised, position: int) -> Iterator[Change]:
    record = rows.advancing("registries_records", event)
    if record is not None:
        described = _described(record["kind"], event.profile)
        yield Put("registries_records", {**record, **described, **_moved(event, position)})


def retired(rows: Rows, event: RegistryRecord.Retired, position: int) -> Iterator[Change]:
    record = rows.advancing("registries_records", event)
    if record is not None:
        at = iso(event.effective_at)
        yield Put("registries_records", {**record, "active": 0, "retired_at": at, **_moved(event, position)})


def training_recorded(rows: Rows, event: RegistryRecord.TrainingRecorded, position: int) -> Iterator[Change]:
    record = rows.advancing("registries_records", event)
    if record is None:
        return
    training = event.training
    hours = float(training["hours"])
    counted = {"training_count": record["training_count"] + 1, "training_hours": record["training_hours"] + hours}
    yield Put("registries_records", {**record, **counted, **_moved(event, position)})
    recorded = {
        "record_id": str(event.originator_id),
        "version": event.originator_version,
        "institution_id": record["institution_id"],
        "kind": training["kind"],
        "clause": event.clause,
        "held_on": training["date"],
        "hours": hours,
        "provider": training["provider"],
        "topic": training["topic"],
        "certificate": training.get("certificate"),
        "recorded_at": iso(event.effective_at),
        "position": position,
    }
    yield Put("registries_trainings", recorded)


def _moved(event: Any, position: int) -> Row:
    """What every change of a record moves: when it was updated, and to which event."""
    return {"updated_at": iso(event.effective_at), "version": event.originator_version, "position": position}


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

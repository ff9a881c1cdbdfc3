"""A projection's shape on both stores: pure folds return rows, a batch merges them per table (a later event
seeing the earlier ones' rows), counters add up, and a row missing a column is refused before anything is
written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID, uuid4

import pytest

from infra.store import Store
from projections.base import Add, Change, Projection, Put, Rows, Table


class Opened:
    def __init__(self, originator_id: UUID, version: int, name: str) -> None:
        self.originator_id, self.originator_version, self.name = originator_id, version, name


class Counted(Opened):
    pass


ITEMS = Table(
    name="fold_items",
    columns="""
        item_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        version INTEGER NOT NULL
    """,
    of="item_id",
)
COUNTS = Table(
    name="fold_counts",
    columns="""
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (name, kind)
    """,
    counters=("n",),
)


def opened(rows: Rows, event: Opened, position: int) -> Iterator[Change]:
    item = rows.get("fold_items", str(event.originator_id))
    if item is None:
        yield Put("fold_items", {"item_id": str(event.originator_id), "name": event.name, "version": 1})
    elif (seen := rows.advancing("fold_items", event)) is not None:
        yield Put("fold_items", {**seen, "name": f"{seen['name']}+{event.name}", "version": event.originator_version})
    else:
        return  # seen already
    yield Add("fold_counts", {"name": event.name[0], "kind": "opened", "n": 1})


def counted(rows: Rows, event: Counted, position: int) -> Iterator[Change]:
    yield Add("fold_counts", {"name": event.name[0], "kind": "counted"})  # no `n`: refused


FOLDS = Projection(name="folds", tables=(ITEMS, COUNTS), handlers={Opened: opened, Counted: counted})


def rows_of(store: Store) -> dict[str, list[dict[str, Any]]]:
    return {
        "items": store.db.query("SELECT * FROM fold_items ORDER BY item_id"),
        "counts": store.db.query("SELECT * FROM fold_counts ORDER BY name, kind"),
    }


@pytest.fixture
def folds_store(store: Store) -> Store:
    with store.db.transaction() as cur:
        for table in FOLDS.tables:
            cur.execute(table.create(table.name))
    return store


def test_a_table_knows_its_columns_and_key_from_its_definition() -> None:
    assert ITEMS.names == ("item_id", "name", "version")
    assert ITEMS.key == ("item_id",)
    assert COUNTS.names == ("name", "kind", "n")
    assert COUNTS.key == ("name", "kind")


def test_a_batch_merges_its_events_rows_and_adds_its_counts_to_the_stored_ones(folds_store: Store) -> None:
    a, b = uuid4(), uuid4()
    with folds_store.db.transaction() as cur:
        FOLDS.apply(cur, [(1, Opened(a, 1, "a1")), (2, Opened(a, 2, "a2"))], FOLDS.physical())
    with folds_store.db.transaction() as cur:  # a later batch reads a's stored row, and adds to the counts
        events = [(3, Opened(a, 3, "a3")), (4, Opened(b, 1, "b1")), (5, Opened(a, 3, "a3"))]  # 5: a replay of 3
        FOLDS.apply(cur, events, FOLDS.physical())
    tables = rows_of(folds_store)
    assert {row["item_id"]: (row["name"], row["version"]) for row in tables["items"]} == {
        str(a): ("a1+a2+a3", 3),
        str(b): ("b1", 1),
    }
    assert [(row["name"], row["n"]) for row in tables["counts"]] == [("a", 3), ("b", 1)]


def test_a_row_missing_a_column_is_refused_and_nothing_of_its_batch_is_written(folds_store: Store) -> None:
    with folds_store.db.transaction() as cur:
        FOLDS.apply(cur, [(1, Opened(uuid4(), 1, "a1"))], FOLDS.physical())
    before = rows_of(folds_store)
    with pytest.raises(ValueError, match="fold_counts"), folds_store.db.transaction() as cur:
        FOLDS.apply(cur, [(2, Opened(uuid4(), 1, "b1")), (3, Counted(uuid4(), 1, "c1"))], FOLDS.physical())
    assert rows_of(folds_store) == before

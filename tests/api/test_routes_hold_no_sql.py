"""Routes hold no SQL: a read model's queries live in its projection module, beside its tables, so that a
change of a table and of the queries that read it is one change in one place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import api.routes

ROUTES = Path(api.routes.__file__).parent
STATEMENT = re.compile(r"\b(SELECT|INSERT\s+INTO|UPDATE|DELETE\s+FROM)\b")
DATABASE_CALLS = {"query", "execute", "executemany"}


def sql_in(source: str) -> list[str]:
    """Each SQL statement text and each use of a database's query/execute in `source`, with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and STATEMENT.search(node.value):
            found.append(f"line {node.lineno}: SQL {node.value[:60]!r}")
        elif isinstance(node, ast.Attribute) and node.attr in DATABASE_CALLS:
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def test_the_scan_finds_sql_and_database_calls() -> None:
    source = (
        'rows = db.query(f"SELECT * FROM t{where}")\n'
        "await services.call(services.store.db.query, 'DELETE FROM t')\n"
        "cur.execute('UPDATE t SET a = 1')\n"
    )
    assert len(sql_in(source)) == 6
    assert sql_in("text = 'select the rows you need'\nrequest.query_params\n") == []


def test_no_route_module_holds_sql() -> None:
    found = {
        path.name: hits for path in sorted(ROUTES.glob("*.py")) if (hits := sql_in(path.read_text(encoding="utf-8")))
    }
    assert found == {}
